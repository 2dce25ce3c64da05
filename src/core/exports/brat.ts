/**
 * brat standoff export (https://brat.nlplab.org/standoff.html): per document a `.txt` copy of the text and a `.ann`
 * beside it, plus `annotation.conf` for the collection.
 *
 * - Entity mentions (and the inner members of nested mentions) are text-bound `T` lines typed Person, Country,
 *   Organization, Treaty, Place, Event or Other; an unconfirmed candidate carries the binary attribute `Candidate`;
 *   a Wikidata id becomes a normalization `N` line (`Reference T1 Wikidata:Q7747`).
 * - Each claim is an event `E` (type Claim) on a `Claim` trigger `T` over the passage, with `Holder:` / `About:`
 *   arguments when the holder / the entity it is about is mentioned inside the passage, attributes `Stance`,
 *   `Intensity`, `Confidence`, `Attribution` on the event, and an `AnnotatorNotes` comment on the event with the
 *   claim, target, holder, tags, note and annotation id (brat refuses non-event references to a trigger).
 * - Offsets are characters = Unicode code points of the exported `.txt`, as brat (Python) counts them. The `.txt` is
 *   the document text with line ends written as `\n` (brat reads files with universal newlines, where `\r\n` would be
 *   one character), so offsets stay right whichever way brat opens it. A span that crosses a line break is written
 *   as discontinuous fragments `start end;start end` (brat's own convention: an `.ann` line holds no line break),
 *   its text being the fragments joined by one space.
 * Orphaned annotations (no passage) cannot be placed: they are left out with a warning.
 */
import type { ExportItem } from '../annotations/export';
import { positionOf } from '../annotations/schema';
import { codePointToUtf16 } from '../text/offsets';
import type { EntityMention, EntityType } from '../types';
import type { ExportDocument, ExportInput, ExportLabels, ExportResult } from './types';
import * as l10n from '@vscode/l10n';

const ENTITY_TYPE: Record<EntityType, string> = {
  person: 'Person', country: 'Country', organization: 'Organization', treaty: 'Treaty', place: 'Place', event: 'Event', other: 'Other',
};

export const BRAT_ANNOTATION_CONF = `# Corpus Lens export: entity types, the Claim event and its attributes (brat annotation.conf)
[entities]
${Object.values(ENTITY_TYPE).join('\n')}

[relations]
<OVERLAP>\tArg1:<ENTITY>, Arg2:<ENTITY>, <OVL-TYPE>:<ANY>

[events]
Claim\tHolder?:<ENTITY>, About?:<ENTITY>

[attributes]
Candidate\tArg:<ENTITY>
Stance\tArg:Claim, Value:support|oppose|neutral|mixed
Intensity\tArg:Claim, Value:-2|-1|0|1|2
Confidence\tArg:Claim, Value:high|medium|low
Attribution\tArg:Claim, Value:direct|reported|inferred
`;

/** The brat copy of a text (line ends as \n) and the way from the original's UTF-16 offsets to its code points. */
export interface BratText {
  text: string;
  /** UTF-16 offset in `text` of the original's UTF-16 offset `i` (0..original length). */
  utf16(i: number): number;
  /** Code point offset of `text`'s UTF-16 offset `i`. */
  codePointAt(i: number): number;
}

export function bratText(original: string): BratText {
  const toNorm = new Uint32Array(original.length + 1);
  const parts: string[] = [];
  let norm = 0;
  let runStart = 0;
  for (let i = 0; i < original.length; i++) {
    toNorm[i] = norm;
    if (original.charCodeAt(i) === 13) {
      parts.push(original.slice(runStart, i));
      if (original.charCodeAt(i + 1) === 10) {
        runStart = i + 1; // \r\n: the \r goes, the \n stays (and maps to this position)
      } else {
        parts.push('\n'); // a lone \r becomes \n
        runStart = i + 1;
        norm++;
      }
      continue;
    }
    norm++;
  }
  toNorm[original.length] = norm;
  parts.push(original.slice(runStart));
  const text = parts.join('');
  const cp = new Uint32Array(text.length + 1);
  let n = 0;
  for (let i = 0; i < text.length; i++) {
    cp[i] = n;
    const c = text.charCodeAt(i);
    if (c >= 0xd800 && c <= 0xdbff && i + 1 < text.length) {
      const d = text.charCodeAt(i + 1);
      if (d >= 0xdc00 && d <= 0xdfff) {
        cp[++i] = n;
      }
    }
    n++;
  }
  cp[text.length] = n;
  return { text, utf16: (i) => toNorm[Math.max(0, Math.min(i, original.length))]!, codePointAt: (i) => cp[i]! };
}

/** `start end[;start end]` fragments (code points) and their text, splitting [s, e) (brat text UTF-16) at \n. */
function fragments(bt: BratText, cpOf: (normUtf16: number) => number, s: number, e: number): { offsets: string; text: string } | undefined {
  const pieces: Array<[number, number]> = [];
  let from = s;
  for (let i = s; i <= e; i++) {
    if (i === e || bt.text.charCodeAt(i) === 10) {
      if (i > from) pieces.push([from, i]);
      from = i + 1;
    }
  }
  if (!pieces.length) return undefined;
  return {
    offsets: pieces.map(([a, b]) => `${cpOf(a)} ${cpOf(b)}`).join(';'),
    text: pieces.map(([a, b]) => bt.text.slice(a, b)).join(' '),
  };
}

const oneLine = (s: string) => s.replace(/[\r\n\u2028\u2029]+/g, ' ').replace(/\t/g, ' ');

/** The .ann text of one document. */
export function toBratAnn(doc: ExportDocument, items: readonly ExportItem[], labels?: ExportLabels): { ann: string; text: string; skipped: number } {
  const bt = bratText(doc.text);
  const cpOf = bt.codePointAt;
  const lines: string[] = [];
  let t = 0;
  let n = 0;
  let a = 0;
  let e = 0;
  let c = 0;
  const mentionIds: Array<{ id: string; m: EntityMention }> = [];
  const addMention = (m: EntityMention) => {
    const f = fragments(bt, cpOf, bt.utf16(m.start), bt.utf16(m.end));
    if (!f) return;
    const id = `T${++t}`;
    lines.push(`${id}\t${ENTITY_TYPE[m.type]} ${f.offsets}\t${f.text}`);
    mentionIds.push({ id, m });
    if (!m.confirmed) lines.push(`A${++a}\tCandidate ${id}`);
    const entity = m.confirmed ? labels?.entity(m.entityId) : undefined;
    if (entity?.wikidata) lines.push(`N${++n}\tReference ${id} Wikidata:${entity.wikidata}\t${oneLine(entity.name)}`);
  };
  for (const m of doc.mentions ?? []) {
    addMention(m);
    for (const member of m.members ?? []) addMention(member);
  }
  let skipped = 0;
  for (const item of items) {
    const an = item.annotation;
    const pos = positionOf(an);
    if (an.orphaned || !pos) {
      skipped++;
      continue;
    }
    const s16 = codePointToUtf16(doc.text, pos.start);
    const e16 = codePointToUtf16(doc.text, pos.end);
    const f = fragments(bt, cpOf, bt.utf16(s16), bt.utf16(e16));
    if (!f) {
      skipped++;
      continue;
    }
    const trigger = `T${++t}`;
    const event = `E${++e}`;
    lines.push(`${trigger}\tClaim ${f.offsets}\t${f.text}`);
    const inside = (id: string) => mentionIds.find((x) => x.m.entityId === id && x.m.start >= s16 && x.m.end <= e16)?.id;
    const args = [`Claim:${trigger}`];
    const holder = an.holder && 'entity' in an.holder ? inside(an.holder.entity) : undefined;
    if (holder) args.push(`Holder:${holder}`);
    const about = an.about && 'entity' in an.about ? inside(an.about.entity) : undefined;
    if (about && about !== holder) args.push(`About:${about}`);
    lines.push(`${event}\t${args.join(' ')}`);
    lines.push(`A${++a}\tStance ${event} ${an.stance.polarity}`);
    if (an.stance.intensity !== undefined) lines.push(`A${++a}\tIntensity ${event} ${an.stance.intensity}`);
    if (an.confidence) lines.push(`A${++a}\tConfidence ${event} ${an.confidence}`);
    if (an.attribution) lines.push(`A${++a}\tAttribution ${event} ${an.attribution}`);
    const note = [
      `claim: ${an.claim}`,
      an.about ? `about: ${'topic' in an.about ? `topic ${labels?.topic(an.about.topic)?.label ?? an.about.topic}` : 'entity' in an.about ? `${labels?.entity(an.about.entity)?.name ?? an.about.entity} (${an.about.entity})` : an.about.proposition}` : '',
      an.holder ? `holder: ${'entity' in an.holder ? `${labels?.entity(an.holder.entity)?.name ?? an.holder.entity} (${an.holder.entity})` : 'text' in an.holder ? an.holder.text : `section ${an.holder.section}`}` : '',
      an.when ? `when: ${an.when}` : '',
      an.tags?.length ? `tags: ${an.tags.join(', ')}` : '',
      an.note ? `note: ${an.note}` : '',
      `id: ${an.id}`,
      `author: ${an.author}`,
    ].filter(Boolean);
    lines.push(`#${++c}\tAnnotatorNotes ${event}\t${oneLine(note.join('; '))}`);
  }
  return { ann: lines.length ? lines.join('\n') + '\n' : '', text: bt.text, skipped };
}

/** Base name (without .txt) of a document's brat files: `news/001.txt` -> `news/001`. */
export function bratBase(path: string): string {
  return path.replace(/\.txt$/i, '');
}

export function writeBrat(input: ExportInput): ExportResult {
  const byDoc = new Map<string, ExportItem[]>();
  for (const item of input.items) {
    const list = byDoc.get(item.document) ?? [];
    list.push(item);
    byDoc.set(item.document, list);
  }
  const files: ExportResult['files'] = [{ path: 'annotation.conf', data: BRAT_ANNOTATION_CONF }];
  const warnings: string[] = [];
  const seen = new Set<string>();
  for (const [path, items] of byDoc) {
    const doc = input.documents?.get(path);
    if (!doc) {
      warnings.push(l10n.t('{0}: the document could not be read; its {1} annotation(s) are not in the brat export', path, items.length));
      continue;
    }
    let base = bratBase(path);
    for (let k = 2; seen.has(base.toLowerCase()); k++) base = `${bratBase(path)}-${k}`;
    seen.add(base.toLowerCase());
    const { ann, text, skipped } = toBratAnn(doc, items, input.labels);
    files.push({ path: `${base}.txt`, data: text }, { path: `${base}.ann`, data: ann });
    if (skipped) warnings.push(l10n.t('{0}: {1} orphaned annotation(s) have no passage and are not in the brat export', path, skipped));
  }
  return { files, warnings };
}
