/**
 * Agreement of several analysts over a set of documents: builds the coding and unitizing studies from the
 * annotations and reports every coefficient overall and per category (a code, or a stance polarity).
 *
 * How annotations become units (documented in the README):
 * - Coders are the annotation authors (the adjudicator's curated annotations, author CURATION_AUTHOR, are left out
 *   unless asked for).
 * - Units for the coding coefficients: per document, the annotations of all coders that overlap one another form
 *   one passage (connected components of the overlap relation). A coder who annotated nothing in a passage
 *   codes it as NONE: deciding that a passage carries no stance/code is a decision other coders can disagree with.
 * - `by: 'stance'`: the value of a passage is the coder's polarity (the longest of the coder's annotations there),
 *   intensity for the ordinal/interval alphas (NONE is then missing). Categories are the polarities.
 * - `by: 'code'`: codes are the annotations' tags. Per code, a passage's value is whether the coder applied the
 *   code there (1/0); overall figures pool the (passage, code) decisions.
 * - alpha-u: the documents are laid end to end as one continuum of characters; each coder's annotations are the
 *   units of their categories (overlaps of one coder within one category united).
 * - Confidence intervals: percentile bootstrap over passages (coding coefficients) or documents (alpha-u).
 */
import {
  bootstrapInterval,
  cohenKappa,
  fleissKappa,
  krippendorffAlpha,
  percentAgreement,
  unitizingAlpha,
  type CodingUnit,
  type Interval,
  type Segment,
} from './stats';
import { count } from '../text/plural';
import * as l10n from '@vscode/l10n';

export const CURATION_AUTHOR = 'curation';
export const NONE = '(none)';

/** One annotation as the agreement sees it: offsets into its document (UTF-16, end exclusive). */
export interface CodedAnnotation {
  id: string;
  document: string;
  author: string;
  start: number;
  end: number;
  polarity: string;
  intensity?: number;
  codes: readonly string[];
}

export interface AgreementOptions {
  by: 'code' | 'stance';
  /** Coders to compare (default: every author except CURATION_AUTHOR), in report order. */
  coders?: readonly string[];
  /** Categories (codes or polarities) to report; default: all that occur. */
  categories?: readonly string[];
  /** Bootstrap resamples for the intervals (0: none). Default 1000. */
  resamples?: number;
  seed?: number;
}

export interface Figures {
  /** Number of units the coding coefficients are computed over. */
  units: number;
  percentAgreement: number | null;
  /** Two coders only (null otherwise; see `pairwise`). */
  cohenKappa: number | null;
  fleissKappa: number | null;
  /** Nominal. */
  krippendorffAlpha: number | null;
  alphaU: number | null;
  /** 95% bootstrap intervals of the figures above, where defined. */
  intervals: Partial<Record<'percentAgreement' | 'cohenKappa' | 'fleissKappa' | 'krippendorffAlpha' | 'alphaU', Interval>>;
}

export interface PairFigures {
  coders: [string, string];
  units: number;
  percentAgreement: number | null;
  cohenKappa: number | null;
}

export interface AgreementReport {
  by: 'code' | 'stance';
  coders: string[];
  documents: number;
  annotations: number;
  overall: Figures & {
    /** Stance only: alpha over the intensities (-2..+2), ordinal and interval. */
    krippendorffAlphaOrdinal?: number | null;
    krippendorffAlphaInterval?: number | null;
  };
  categories: Array<{ category: string; segments: number; figures: Figures }>;
  pairwise: PairFigures[];
  /** Plain-language remarks (too few coders, undefined coefficients). */
  notes: string[];
}

/** A passage: the overlapping annotations of one document, by coder index. */
export interface Passage {
  document: string;
  start: number;
  end: number;
  byCoder: CodedAnnotation[][];
}

/** Passages of the given annotations (connected components of overlap), in document then text order. */
export function passages(annotations: readonly CodedAnnotation[], coders: readonly string[]): Passage[] {
  const coderIndex = new Map(coders.map((c, i) => [c, i]));
  const byDoc = new Map<string, CodedAnnotation[]>();
  for (const a of annotations) {
    if (!coderIndex.has(a.author) || a.end <= a.start) continue;
    let list = byDoc.get(a.document);
    if (!list) byDoc.set(a.document, (list = []));
    list.push(a);
  }
  const out: Passage[] = [];
  for (const doc of [...byDoc.keys()].sort()) {
    const list = byDoc.get(doc)!.sort((x, y) => x.start - y.start || x.end - y.end || x.id.localeCompare(y.id));
    let current: Passage | undefined;
    for (const a of list) {
      if (!current || a.start >= current.end) {
        current = { document: doc, start: a.start, end: a.end, byCoder: coders.map(() => []) };
        out.push(current);
      }
      current.end = Math.max(current.end, a.end);
      current.byCoder[coderIndex.get(a.author)!]!.push(a);
    }
  }
  return out;
}

/** The coder's main annotation in a passage: the longest (then the first). */
function main(list: readonly CodedAnnotation[]): CodedAnnotation | undefined {
  let best: CodedAnnotation | undefined;
  for (const a of list) if (!best || a.end - a.start > best.end - best.start) best = a;
  return best;
}

interface DocumentLength {
  path: string;
  length: number;
}

export function agreementReport(
  annotations: readonly CodedAnnotation[],
  documents: readonly DocumentLength[],
  options: AgreementOptions,
): AgreementReport {
  const coders = options.coders ? [...options.coders] : [...new Set(annotations.map((a) => a.author))].filter((a) => a !== CURATION_AUTHOR).sort();
  const used = annotations.filter((a) => coders.includes(a.author));
  const resamples = options.resamples ?? 1000;
  const seed = options.seed ?? 1;
  const notes: string[] = [];
  if (coders.length < 2) notes.push(coders.length ? l10n.t('Agreement needs at least two analysts; found {0} ({1}).', coders.length, coders.join(', ')) : l10n.t('Agreement needs at least two analysts; found none.'));
  const labelsOf = (a: CodedAnnotation): readonly string[] => (options.by === 'stance' ? [a.polarity] : a.codes);
  const allCategories = [...new Set(used.flatMap(labelsOf))].sort();
  const categories = options.categories ? [...options.categories] : allCategories;
  for (const c of categories) if (!allCategories.includes(c)) notes.push(options.by === 'stance' ? l10n.t('No annotation has the stance "{0}".', c) : l10n.t('No annotation has the code "{0}".', c));
  const ps = passages(used, coders);

  // --- coding units
  const binaryUnits = (category: string): Array<CodingUnit<string>> =>
    ps.map((p) => p.byCoder.map((list) => (list.some((a) => labelsOf(a).includes(category)) ? '1' : '0')));
  const overallUnits: Array<CodingUnit<string>> =
    options.by === 'stance'
      ? ps.map((p) => p.byCoder.map((list) => main(list)?.polarity ?? NONE))
      : categories.flatMap((c) => binaryUnits(c));

  // --- unitizing continuum: documents end to end
  const docLengths = new Map<string, number>();
  for (const d of documents) docLengths.set(d.path, d.length);
  for (const a of used) docLengths.set(a.document, Math.max(docLengths.get(a.document) ?? 0, a.end));
  const docOrder = [...docLengths.keys()].sort();
  const segmentsByDoc = new Map<string, Segment[]>();
  for (const a of used) {
    for (const category of labelsOf(a)) {
      if (!categories.includes(category)) continue;
      let list = segmentsByDoc.get(a.document);
      if (!list) segmentsByDoc.set(a.document, (list = []));
      list.push({ coder: coders.indexOf(a.author), start: a.start, length: a.end - a.start, category });
    }
  }
  const alphaUOf = (docs: readonly string[], cats: readonly string[]): number | null => {
    if (coders.length < 2) return null;
    let offset = 0;
    const segments: Segment[] = [];
    for (const d of docs) {
      for (const s of segmentsByDoc.get(d) ?? []) if (cats.includes(s.category)) segments.push({ ...s, start: s.start + offset });
      offset += docLengths.get(d) ?? 0;
    }
    if (!segments.length || offset === 0) return null;
    return unitizingAlpha({ coders: coders.length, length: offset, segments }, cats).alpha;
  };

  const figures = (units: ReadonlyArray<CodingUnit<string>>, cats: readonly string[], salt: number): Figures => {
    const two = coders.length === 2;
    const f: Figures = {
      units: units.length,
      percentAgreement: coders.length >= 2 ? percentAgreement(units) : null,
      cohenKappa: two ? cohenKappa(units) : null,
      fleissKappa: coders.length >= 2 ? fleissKappa(units) : null,
      krippendorffAlpha: coders.length >= 2 ? krippendorffAlpha(units) : null,
      alphaU: alphaUOf(docOrder, cats),
      intervals: {},
    };
    if (resamples > 0 && coders.length >= 2) {
      const opts = { resamples, seed: seed + salt };
      const put = (key: keyof Figures['intervals'], value: number | null, iv: () => Interval | null): void => {
        if (value === null) return;
        const interval = iv();
        if (interval) f.intervals[key] = interval;
      };
      put('percentAgreement', f.percentAgreement, () => bootstrapInterval(units, percentAgreement, opts));
      if (two) put('cohenKappa', f.cohenKappa, () => bootstrapInterval(units, cohenKappa, opts));
      put('fleissKappa', f.fleissKappa, () => bootstrapInterval(units, fleissKappa, opts));
      put('krippendorffAlpha', f.krippendorffAlpha, () => bootstrapInterval(units, (u) => krippendorffAlpha(u), opts));
      put('alphaU', f.alphaU, () => bootstrapInterval(docOrder, (docs) => alphaUOf(docs, cats), opts));
    }
    return f;
  };

  const overall: AgreementReport['overall'] = figures(overallUnits, categories, 0);
  if (options.by === 'stance') {
    const intensity: Array<CodingUnit<number>> = ps.map((p) => p.byCoder.map((list) => main(list)?.intensity));
    overall.krippendorffAlphaOrdinal = coders.length >= 2 ? krippendorffAlpha(intensity, 'ordinal') : null;
    overall.krippendorffAlphaInterval = coders.length >= 2 ? krippendorffAlpha(intensity, 'interval') : null;
  }
  const perCategory = categories.map((category, i) => ({
    category,
    segments: used.filter((a) => labelsOf(a).includes(category)).length,
    figures: figures(binaryUnits(category), [category], i + 1),
  }));
  const pairwise: PairFigures[] = [];
  for (let i = 0; i < coders.length; i++) {
    for (let j = i + 1; j < coders.length; j++) {
      const units = overallUnits.map((u) => [u[i], u[j]] as CodingUnit<string>);
      pairwise.push({ coders: [coders[i]!, coders[j]!], units: units.length, percentAgreement: percentAgreement(units), cohenKappa: cohenKappa(units) });
    }
  }
  if (coders.length >= 2) {
    for (const doc of docOrder) {
      const who = new Set(used.filter((a) => a.document === doc).map((a) => a.author));
      if (who.size && who.size < coders.length) notes.push(l10n.t('{0}: annotated only by {1}; the others count as having found nothing to annotate there.', doc, [...who].sort().join(', ')));
    }
  }
  if (coders.length >= 2 && overall.krippendorffAlpha === null && ps.length) notes.push(l10n.t('Alpha is undefined: every passage has the same value for every analyst (no variation).'));
  return {
    by: options.by,
    coders,
    documents: new Set(used.map((a) => a.document)).size,
    annotations: used.length,
    overall,
    categories: perCategory,
    pairwise,
    notes,
  };
}

/** The annotations of a loaded document as the agreement sees them (orphans left out: they have no passage). */
export function codedAnnotations(
  document: string,
  resolved: ReadonlyArray<{ annotation: { id: string; author: string; stance: { polarity: string; intensity?: number }; tags?: readonly string[] }; start: number; end: number; orphaned: boolean }>,
): CodedAnnotation[] {
  return resolved
    .filter((r) => !r.orphaned && r.end > r.start)
    .map((r) => ({
      id: r.annotation.id,
      document,
      author: r.annotation.author,
      start: r.start,
      end: r.end,
      polarity: r.annotation.stance.polarity,
      ...(r.annotation.stance.intensity !== undefined ? { intensity: r.annotation.stance.intensity } : {}),
      codes: r.annotation.tags ?? [],
    }));
}

function fixed(x: number | null, digits = 3): string {
  return x === null ? 'n/a' : x.toFixed(digits);
}

/** The report as plain text tables (CLI, virtual documents). */
export function formatReport(report: AgreementReport): string {
  const lines: string[] = [];
  const what = report.by === 'stance' ? 'stance' : 'code';
  lines.push(`Agreement by ${what}: ${count(report.coders.length, 'analyst')} (${report.coders.join(', ')}), ${count(report.documents, 'document')}, ${count(report.annotations, 'annotation')}`);
  const withCi = (f: Figures, key: keyof Figures['intervals']): string => {
    const v = f[key];
    const iv = f.intervals[key];
    return iv ? `${fixed(v)} [${fixed(iv.low)}, ${fixed(iv.high)}]` : fixed(v);
  };
  const header = ['', 'units', 'percent', 'Cohen κ', 'Fleiss κ', 'Krippendorff α', 'α-u'];
  const row = (label: string, f: Figures): string[] => [label, String(f.units), withCi(f, 'percentAgreement'), withCi(f, 'cohenKappa'), withCi(f, 'fleissKappa'), withCi(f, 'krippendorffAlpha'), withCi(f, 'alphaU')];
  const rows = [header, row('overall', report.overall), ...report.categories.map((c) => row(`${c.category} (${c.segments})`, c.figures))];
  const widths = header.map((_, i) => Math.max(...rows.map((r) => [...r[i]!].length)));
  for (const r of rows) lines.push(r.map((cell, i) => (i === 0 ? cell.padEnd(widths[i]!) : cell.padStart(widths[i]!))).join('  ').trimEnd());
  if (report.by === 'stance') {
    lines.push(`intensity: Krippendorff α ordinal ${fixed(report.overall.krippendorffAlphaOrdinal ?? null)}, interval ${fixed(report.overall.krippendorffAlphaInterval ?? null)}`);
  }
  if (report.pairwise.length > 1) {
    lines.push('pairs:');
    for (const p of report.pairwise) lines.push(`  ${p.coders[0]} / ${p.coders[1]}: percent ${fixed(p.percentAgreement)}, Cohen κ ${fixed(p.cohenKappa)} (${p.units} units)`);
  }
  lines.push('[95% bootstrap intervals in brackets; n/a: undefined for these data]');
  for (const n of report.notes) lines.push(`note: ${n}`);
  return lines.join('\n') + '\n';
}
