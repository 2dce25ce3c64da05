/**
 * What the corpus model produces: a file's shape, its records with their metadata, and its boilerplate; and what a
 * shape detector (src/core/corpus/shapes/) is given and returns. Offsets are UTF-16 code units, end exclusive.
 */
import type { Span } from '../types';
import type { Line } from './shapes/lines';

export type DocumentShape = 'listing' | 'news' | 'qa' | 'summary' | 'plain';

export interface Citation {
  journal: string;
  year: number;
  issue?: string;
  pages?: string;
  span: Span;
}

export interface RecordSection {
  span: Span;
  holder: string;
  holderSpan: Span;
}

export interface CorpusRecord {
  /** Stable within the file: 'r1', 'r2'... in order. */
  id: string;
  /** The record's text (without separators and boilerplate at its edges). */
  span: Span;
  title?: string;
  titleSpan?: Span;
  /** Listing author line, Author(s) line, news reporter. */
  authors?: string[];
  /** Journal (现代国际关系), news source (看看新闻Knews), 網站來源/Source. */
  source?: string;
  /** Raw metadata date (parsed elsewhere). */
  dateText?: string;
  dateSpan?: Span;
  dateSource?: 'timestamp' | 'citation' | 'date-line' | 'dateline';
  citation?: Citation;
  keywords?: string[];
  /** Q&A: one per commentator. */
  sections?: RecordSection[];
  /** Lines that are metadata (title with 总被引, citation, 作者/日期 lines, 关键词, timestamp line). */
  metadataSpans: Span[];
}

export interface CorpusDocument {
  shape: DocumentShape;
  records: CorpusRecord[];
  /** Sorted, non-overlapping. */
  boilerplate: Span[];
}

/** What a shape detector reads: the text, its lines, and the boilerplate marks (one per line) it may set. */
export interface ShapeInput {
  text: string;
  lines: Line[];
  /** 1 for a boilerplate line. A detector sets marks only when it takes the document. */
  marks: Uint8Array;
}

/**
 * One record shape. The detectors are tried in ascending `priority`; the first that returns records takes the
 * document (a detector that declines returns undefined and leaves `marks` untouched); none: one plain record.
 */
export interface ShapeDetector {
  shape: Exclude<DocumentShape, 'plain'>;
  /** Lower is tried first; unique (a unit test checks it). */
  priority: number;
  /** What it recognises, for CONTRIBUTING.md and test messages. */
  description: string;
  detect(input: ShapeInput): CorpusRecord[] | undefined;
}
