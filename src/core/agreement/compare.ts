/**
 * Side-by-side comparison of two analysts' annotations of one document, passage by passage, and the
 * adjudicated ("curation") annotation that settles a passage. Adjudication never changes or removes the
 * originals: it adds an annotation of its own author (CURATION_AUTHOR) that records its decision and sources.
 */
import { aboutText, holderText } from '../annotations/export';
import type { Annotation, Curation, NewAnnotation } from '../annotations';
import { CURATION_AUTHOR } from './study';

/** An annotation with its current UTF-16 span (orphans are left out of comparisons). */
export interface Located {
  annotation: Annotation;
  start: number;
  end: number;
}

export type PassageStatus = 'same' | 'different' | 'only-a' | 'only-b';

/** The fields compared (the claim's wording is shown but does not make two readings differ). */
export type ComparedField = 'span' | 'stance' | 'intensity' | 'codes' | 'about' | 'holder';

export interface ComparedPassage {
  start: number;
  end: number;
  a: Located[];
  b: Located[];
  status: PassageStatus;
  /** For `different`: which fields differ between the two main annotations. */
  differences: ComparedField[];
  /** Curation annotations already covering this passage. */
  curated: Located[];
}

export interface Comparison {
  analysts: [string, string];
  passages: ComparedPassage[];
  counts: Record<PassageStatus, number>;
}

function longest(list: readonly Located[]): Located | undefined {
  let best: Located | undefined;
  for (const l of list) if (!best || l.end - l.start > best.end - best.start) best = l;
  return best;
}

function sameSet(x: readonly string[] | undefined, y: readonly string[] | undefined): boolean {
  const a = new Set(x ?? []);
  const b = new Set(y ?? []);
  return a.size === b.size && [...a].every((v) => b.has(v));
}

/** Fields in which two annotations of one passage differ. */
export function differences(x: Located, y: Located): ComparedField[] {
  const out: ComparedField[] = [];
  if (x.start !== y.start || x.end !== y.end) out.push('span');
  if (x.annotation.stance.polarity !== y.annotation.stance.polarity) out.push('stance');
  if (x.annotation.stance.intensity !== y.annotation.stance.intensity) out.push('intensity');
  if (!sameSet(x.annotation.tags, y.annotation.tags)) out.push('codes');
  if (aboutText(x.annotation.about) !== aboutText(y.annotation.about)) out.push('about');
  if (holderText(x.annotation.holder) !== holderText(y.annotation.holder)) out.push('holder');
  return out;
}

/** Passages of one document (overlapping annotations of either analyst), with their status. */
export function compareAnalysts(annotations: readonly Located[], a: string, b: string): Comparison {
  const relevant = annotations
    .filter((l) => l.end > l.start && (l.annotation.author === a || l.annotation.author === b || l.annotation.author === CURATION_AUTHOR))
    .sort((x, y) => x.start - y.start || x.end - y.end || x.annotation.id.localeCompare(y.annotation.id));
  const passages: ComparedPassage[] = [];
  let current: ComparedPassage | undefined;
  for (const l of relevant) {
    const curation = l.annotation.author === CURATION_AUTHOR;
    if (curation) continue;
    if (!current || l.start >= current.end) {
      current = { start: l.start, end: l.end, a: [], b: [], status: 'same', differences: [], curated: [] };
      passages.push(current);
    }
    current.end = Math.max(current.end, l.end);
    (l.annotation.author === a ? current.a : current.b).push(l);
  }
  const counts: Record<PassageStatus, number> = { same: 0, different: 0, 'only-a': 0, 'only-b': 0 };
  for (const p of passages) {
    const x = longest(p.a);
    const y = longest(p.b);
    if (x && !y) p.status = 'only-a';
    else if (y && !x) p.status = 'only-b';
    else if (x && y) {
      p.differences = differences(x, y);
      p.status = p.differences.length ? 'different' : 'same';
    }
    p.curated = relevant.filter((l) => l.annotation.author === CURATION_AUTHOR && l.start < p.end && l.end > p.start);
    counts[p.status]++;
  }
  return { analysts: [a, b], passages, counts };
}

export type Decision = 'accept-a' | 'accept-b' | 'merge' | 'disagreement';

/**
 * The curation annotation for a passage: `accept-a`/`accept-b` copy that analyst's reading; `merge` takes A's
 * reading with the union of both analysts' codes (and B's about/holder where A has none); `disagreement` records
 * that the passage stays disputed, with both readings in the note. The originals are referenced in `curation`.
 */
export function adjudicate(passage: ComparedPassage, decision: Decision, adjudicator: string): NewAnnotation {
  const x = longest(passage.a);
  const y = longest(passage.b);
  const base = decision === 'accept-b' ? (y ?? x) : (x ?? y);
  if (!base) throw new Error('the passage has no annotation to adjudicate');
  const source = base.annotation;
  const sources = [...passage.a, ...passage.b].map((l) => l.annotation.id);
  const curation: Curation = { decision, sources, by: adjudicator };
  const out: NewAnnotation = {
    start: base.start,
    end: base.end,
    claim: source.claim,
    stance: { ...source.stance },
    author: CURATION_AUTHOR,
    curation,
  };
  const copy = <K extends 'about' | 'holder' | 'attribution' | 'when' | 'confidence' | 'note'>(key: K, from: Annotation | undefined): void => {
    const v = from?.[key];
    if (v !== undefined) (out as unknown as Record<string, unknown>)[key] = typeof v === 'object' ? { ...v } : v;
  };
  for (const key of ['about', 'holder', 'attribution', 'when', 'confidence', 'note'] as const) copy(key, source);
  if (source.tags?.length) out.tags = [...source.tags];
  if (decision === 'merge' && x && y) {
    const tags = [...new Set([...(x.annotation.tags ?? []), ...(y.annotation.tags ?? [])])];
    if (tags.length) out.tags = tags;
    if (!out.about && y.annotation.about) out.about = { ...y.annotation.about };
    if (!out.holder && y.annotation.holder) out.holder = { ...y.annotation.holder };
    out.start = Math.min(x.start, y.start);
    out.end = Math.max(x.end, y.end);
  }
  if (decision === 'disagreement') {
    const describe = (l: Located | undefined): string =>
      l ? `${l.annotation.author}: ${l.annotation.stance.polarity}${l.annotation.stance.intensity !== undefined ? ` (${l.annotation.stance.intensity})` : ''} — ${l.annotation.claim}` : '(no annotation)';
    out.stance = { polarity: 'mixed' };
    out.note = `Disputed.\n${describe(x)}\n${describe(y)}`;
    out.start = Math.min(x?.start ?? Infinity, y?.start ?? Infinity);
    out.end = Math.max(x?.end ?? -Infinity, y?.end ?? -Infinity);
  }
  return out;
}
