/**
 * One document through every recogniser: records (corpus model), a reference date per record, dates and entities.
 * Used by the index, the editor features and the CLI alike.
 */
import { parseDocument, type CorpusDocument, type CorpusRecord } from './corpus/model';
import type { DocumentAnalysis } from './corpus/index';
import { findDates, inferReference, parseStandaloneDate, type DateSegment } from './dates/index';
import { SETTING_HOW, SETTING_YEAR_HOW, datelineYearHow, metadataHow, publicationYearHow } from './dates/anchor';
import type { EntityRecognizer } from './entities/recognizer';
import { lowerBoundBy, overlapsAny } from './sorted';
import { LineIndex } from './text/offsets';
import type { Reference, Span } from './types';

export interface AnalyseOptions {
  /** The analyst's reference date for this document (stored in its sidecar). */
  reference?: string;
}

/**
 * Reference of one record: its own metadata, else the analyst's setting, else (undefined) inferred by the date rules.
 * A dateline without a year (新华社北京3月22日电) takes the year of the analyst's setting, else of the publication date
 * (a full date written shortly before the dateline, as a page's timestamp, else the nearest record of the document
 * with a full date of its own), else the latest year the record mentions, and says so. A dateline is never after its
 * publication: 12月31日 published 2017-01-02 is 2016-12-31.
 */
export function recordReference(record: CorpusRecord, lines: LineIndex, options: AnalyseOptions, text?: string, records?: readonly CorpusRecord[]): Reference | undefined {
  if (record.dateText && record.dateSource) {
    const line = record.dateSpan ? lines.position(record.dateSpan.start).line + 1 : undefined;
    const where = metadataHow(record.dateSource, line);
    const value = parseStandaloneDate(record.dateText);
    if (value) return { value, how: where };
    if (record.dateSource === 'dateline') {
      const published = options.reference || text === undefined ? undefined : publicationDate(text, record, records);
      const year = options.reference
        ? { value: options.reference.slice(0, 4), how: SETTING_YEAR_HOW }
        : published
          ? { value: published.slice(0, 4), how: publicationYearHow(published) }
          : text !== undefined
            ? inferReference(text, record.span)
            : undefined;
      const resolve = (y: string) => findDates(record.dateText!, { defaultReference: { value: y, how: 'dateline' } })[0];
      let day = year ? resolve(year.value.slice(0, 4)) : undefined;
      if (published && day && day.value > published) day = resolve(String(Number(published.slice(0, 4)) - 1).padStart(4, '0'));
      if (year && day && day.start === 0 && FULL_DATE.test(day.value)) {
        return { value: day.value, how: datelineYearHow(where, year) };
      }
    }
  }
  if (options.reference) return { value: options.reference, how: SETTING_HOW };
  return undefined;
}

const FULL_DATE = /^\d{4}-\d{2}-\d{2}$/;
/** How far before a dateline a page's publication timestamp is looked for (a header, a breadcrumb, a by-line). */
const PUBLICATION_WINDOW = 600;

/**
 * The publication date of a record whose dateline has no year: the last full date written in the text shortly before
 * the dateline (2017-03-09 07:20:20 来源：新华社 above 新华社北京3月8日电), else the full metadata date of the nearest
 * record of the same document (a feed or an issue), else undefined.
 */
function publicationDate(text: string, record: CorpusRecord, records: readonly CorpusRecord[] | undefined): string | undefined {
  const at = record.dateSpan ? record.dateSpan.start : record.span.start;
  const from = Math.max(0, at - PUBLICATION_WINDOW);
  if (at > from) {
    const before = findDates(text.slice(from, at)).filter((d) => d.anchor === 'explicit' && FULL_DATE.test(d.value.slice(0, 10)));
    const last = before[before.length - 1];
    if (last) return last.value.slice(0, 10);
  }
  let best: { value: string; distance: number } | undefined;
  for (const r of records ?? []) {
    if (r === record || !r.dateText || r.dateSource === 'dateline') continue;
    const value = parseStandaloneDate(r.dateText);
    if (!value || !FULL_DATE.test(value)) continue;
    const distance = Math.abs(r.span.start - record.span.start);
    if (!best || distance < best.distance) best = { value, distance };
  }
  return best?.value;
}

export class Analyzer {
  constructor(private readonly recognizer: EntityRecognizer) {}

  analyse(text: string, options: AnalyseOptions = {}): DocumentAnalysis {
    const doc = parseDocument(text);
    const lines = new LineIndex(text);
    const segments: DateSegment[] = doc.records.map((record) => {
      const reference = recordReference(record, lines, options, text, doc.records);
      return reference ? { start: record.span.start, end: record.span.end, reference } : { start: record.span.start, end: record.span.end };
    });
    const dates = findDates(text, { segments });
    const entities = this.recognizer.find(text);
    return { doc, entities, dates };
  }
}

/** Drops mentions inside boilerplate (menus, footers, video lists): they stay highlighted but out of the index. */
export function withoutBoilerplate(analysis: DocumentAnalysis): DocumentAnalysis {
  const spans = analysis.doc.boilerplate;
  if (spans.length === 0) return analysis;
  const inside = (m: Span) => isInside(spans, m);
  return { doc: analysis.doc, entities: analysis.entities.filter((m) => !inside(m)), dates: analysis.dates.filter((m) => !inside(m)) };
}

function isInside(sorted: Span[], m: Span): boolean {
  return overlapsAny(sorted, m.start, m.end);
}

export type { CorpusDocument };

/** The mention covering `offset` in a list sorted by start (binary search), if any. */
export function mentionAt<T extends Span>(sorted: readonly T[], offset: number): T | undefined {
  // The last mention starting at or before offset: it covers offset, or ends right there (cursor at its end).
  const before = sorted[lowerBoundBy(sorted, offset + 1, (m) => m.start) - 1];
  return before && offset <= before.end ? before : undefined;
}

/** Index of the first mention starting at or after `offset` (for next/previous navigation). */
export function firstAtOrAfter<T extends Span>(sorted: readonly T[], offset: number): number {
  return lowerBoundBy(sorted, offset, (m) => m.start);
}
