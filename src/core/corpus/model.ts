/**
 * Corpus model: splits one corpus file into records (an abstract listing's entries, a news article, a Q&A page,
 * a think-tank summary, or the whole text) and finds their metadata (title, authors, source, date, citation,
 * keywords) and the page boilerplate (navigation menus, recommended-video lists, share widgets, footers).
 *
 * Line-based and linear: every regular expression runs on one (length-capped) line, anchored. Never throws.
 * Offsets are UTF-16 code units into the original text, end exclusive; `\r\n` line endings are handled.
 *
 * The shapes are detectors in src/core/corpus/shapes/ (one module each, with the line and boilerplate helpers they
 * share), registered in SHAPE_DETECTORS below; the record types are in record.ts.
 */
import { lowerBoundBy } from '../sorted';
import type { Span } from '../types';
import type { CorpusDocument, CorpusRecord, DocumentShape, ShapeDetector, ShapeInput } from './record';
import { spansOfLines } from './shapes/boilerplate';
import { splitLines, type Line } from './shapes/lines';
import { listingShape } from './shapes/listing';
import { newsShape } from './shapes/news';
import { plainRecords } from './shapes/plain';
import { qaShape } from './shapes/qa';
import { summaryShape } from './shapes/summary';

export type { Citation, CorpusDocument, CorpusRecord, DocumentShape, RecordSection, ShapeDetector, ShapeInput } from './record';
export type { Line } from './shapes/lines';

/** The record shapes, in priority order. Adding a shape: a module in shapes/ with its detector, listed here (and its name in DocumentShape). */
export const SHAPE_DETECTORS: readonly ShapeDetector[] = [listingShape, newsShape, summaryShape, qaShape];

const BY_PRIORITY = [...SHAPE_DETECTORS].sort((a, b) => a.priority - b.priority);

function detect(text: string, lines: Line[], marks: Uint8Array, detectors: readonly ShapeDetector[] = BY_PRIORITY): { shape: DocumentShape; records: CorpusRecord[] } {
  const input: ShapeInput = { text, lines, marks };
  for (const d of detectors) {
    const records = d.detect(input);
    if (records) return { shape: d.shape, records };
  }
  return { shape: 'plain', records: plainRecords(text, lines, marks) };
}

/**
 * Parses one corpus file into records and boilerplate. Never throws. `detectors`: the shapes to try (default
 * SHAPE_DETECTORS), in ascending priority whatever their order in the list.
 */
export function parseDocument(text: string, detectors?: readonly ShapeDetector[]): CorpusDocument {
  if (typeof text !== 'string' || text.length === 0) return { shape: 'plain', records: [], boilerplate: [] };
  const lines = splitLines(text);
  const marks = new Uint8Array(lines.length);
  let result: { shape: DocumentShape; records: CorpusRecord[] };
  try {
    result = detect(text, lines, marks, detectors ? [...detectors].sort((x, y) => x.priority - y.priority) : BY_PRIORITY);
  } catch {
    // A parser bug must not take the document down: fall back to one plain record.
    marks.fill(0);
    result = { shape: 'plain', records: plainRecords(text, lines, marks) };
  }
  result.records.forEach((r, k) => (r.id = `r${k + 1}`));
  return { shape: result.shape, records: result.records, boilerplate: spansOfLines(lines, marks) };
}

/** The record containing `offset` (records are sorted and disjoint), if any. */
export function recordIndexAt(records: ReadonlyArray<{ span: Span }>, offset: number): number {
  const i = lowerBoundBy(records, offset + 1, (r) => r.span.start) - 1;
  return i >= 0 && offset < records[i]!.span.end ? i : -1;
}
