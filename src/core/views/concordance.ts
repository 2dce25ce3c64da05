/**
 * Concordance (KWIC): one row per hit of an entity, a code, a text or regular-expression search, a date range or
 * a list of segments (a matrix cell, a timeline mark), with the left and right context, sortable by left word,
 * right word, hit, document, date and holder, and filterable. Rows are plain data; the text comes from `textOf`.
 */
import { fold } from '../text/fold';
import { periodOf, timePoint } from './periods';
import type { PassageDater } from './dating';
import type { CodesOf, EntityName, Segment, ViewAnnotation, ViewCorpus } from './source';
import type { CodedUnit } from './coded';
import * as l10n from '@vscode/l10n';

export type ConcordanceQuery =
  | { kind: 'entity'; entityIds: string[] }
  | { kind: 'code'; codes: string[] }
  | { kind: 'text'; pattern: string; regex?: boolean; caseSensitive?: boolean }
  | { kind: 'date'; from?: string; to?: string }
  | { kind: 'segments'; segments: Segment[]; label?: string };

export interface KwicRow {
  path: string;
  start: number;
  end: number;
  left: string;
  hit: string;
  right: string;
  recordId?: string;
  /** Normalised date the passage is about (see dating.ts), and where it comes from. */
  date?: string;
  dateSource?: string;
  holder?: string;
  annotationId?: string;
  entityId?: string;
}

export interface ConcordanceContext {
  corpus: ViewCorpus;
  annotations: readonly ViewAnnotation[];
  textOf(path: string): string | undefined;
  codesOf: CodesOf;
  /** The coded passages (a codebook's segments and claims); when absent, the annotations with `codesOf`. */
  coded?: readonly CodedUnit[];
  /** The codes a code query stands for (a code and the codes below it); default: the code itself. */
  expandCode?: (code: string) => readonly string[];
  dater: PassageDater;
  name: EntityName;
}

export interface ConcordanceOptions {
  /** Characters of context on each side (UTF-16 units, extended to keep surrogate pairs whole). */
  context?: number;
  /** At most this many rows (the total is still counted). */
  limit?: number;
}

export interface ConcordanceResult {
  rows: KwicRow[];
  /** Hits found (may exceed rows.length when limited). */
  total: number;
  /** What was wrong with the query (an invalid regular expression); rows are empty then. */
  error?: string;
  /** Documents whose text could not be read. */
  unreadable: string[];
}

export const DEFAULT_CONTEXT = 40;
/** A longer hit (a whole record, a long claim) is shown cut to this many UTF-16 units, with an ellipsis. */
export const MAX_HIT = 200;
export const DEFAULT_LIMIT = 200_000;

/** Line breaks and tabs shown as spaces so that rows stay on one line and aligned. */
const BREAKS = /[\r\n\t\u2028\u2029]/;

function flat(s: string): string {
  if (!BREAKS.test(s)) return s;
  return s.replace(/[\r\n\t\u2028\u2029]+/g, ' ');
}

function isHigh(c: number): boolean {
  return c >= 0xd800 && c <= 0xdbff;
}

function isLow(c: number): boolean {
  return c >= 0xdc00 && c <= 0xdfff;
}

/** Left and right context of [start, end) in `text`, never splitting a surrogate pair. */
export function contextOf(text: string, start: number, end: number, width: number): { left: string; hit: string; right: string } {
  let from = Math.max(0, start - width);
  if (from > 0 && isLow(text.charCodeAt(from))) from--;
  let to = Math.min(text.length, end + width);
  if (to < text.length && isHigh(text.charCodeAt(to - 1))) to++;
  let hitEnd = end;
  if (end - start > MAX_HIT) {
    hitEnd = start + MAX_HIT;
    if (isHigh(text.charCodeAt(hitEnd - 1))) hitEnd++;
  }
  const hit = flat(text.slice(start, hitEnd)) + (hitEnd < end ? '…' : '');
  return { left: flat(text.slice(from, start)), hit, right: flat(text.slice(end, to)) };
}

/** Builds a RegExp from the query (literal unless `regex`), or the reason it cannot. */
export function searchPattern(q: { pattern: string; regex?: boolean; caseSensitive?: boolean }): RegExp | string {
  if (!q.pattern) return l10n.t('the search is empty');
  const source = q.regex ? q.pattern : q.pattern.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  try {
    const re = new RegExp(source, `gu${q.caseSensitive ? '' : 'i'}`);
    if (re.test('')) return l10n.t('the pattern /{0}/ matches the empty string', q.pattern);
    return re;
  } catch (error) {
    return l10n.t('invalid regular expression /{0}/: {1}', q.pattern, error instanceof Error ? error.message : String(error));
  }
}

/** Words read for a left / right sort key (1L … 4L, 1R … 4R). */
export const SORT_TOKENS = 4;

export type SortKey = 'left' | 'right' | 'hit' | 'document' | 'date' | 'holder';

/** Tokens for sorting: runs of letters/digits (Latin, Cyrillic...; a CJK character ends them), or single CJK characters. */
const TOKEN = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}]|(?:(?![\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}])[\p{L}\p{N}])(?:(?![\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}])[\p{L}\p{N}\p{M}'’-])*/gu;

function tokens(s: string): string[] {
  return fold(s).match(TOKEN) ?? [];
}

/** The sort key of a row: left = words outward from the hit (1L … 4L), right = 1R … 4R. */
export function sortKey(row: KwicRow, key: SortKey): string {
  switch (key) {
    case 'left':
      return tokens(row.left).reverse().slice(0, SORT_TOKENS).join('\u0001');
    case 'right':
      return tokens(row.right).slice(0, SORT_TOKENS).join('\u0001');
    case 'hit':
      return fold(row.hit);
    case 'document':
      return `${row.path}\u0000${String(row.start).padStart(10, '0')}`;
    case 'date': {
      const p = row.date ? timePoint(row.date) : undefined;
      // Undated last.
      return p ? `${String(p.year).padStart(4, '0')}-${String(p.month ?? 0).padStart(2, '0')}-${String(p.day ?? 0).padStart(2, '0')}` : '\uffff';
    }
    case 'holder':
      return row.holder ? fold(row.holder) : '\uffff';
  }
}

/** A new array of the rows sorted by `key` (stable: ties keep document order). */
export function sortRows(rows: readonly KwicRow[], key: SortKey, descending = false): KwicRow[] {
  const keys = rows.map((r) => sortKey(r, key));
  const order = rows.map((_, i) => i);
  const sign = descending ? -1 : 1;
  order.sort((a, b) => {
    const x = keys[a]!;
    const y = keys[b]!;
    return x < y ? -sign : x > y ? sign : a - b;
  });
  return order.map((i) => rows[i]!);
}

/** Rows whose context, hit, document, holder or date contain `filter` (folded: any script, any case). */
export function filterRows(rows: readonly KwicRow[], filter: string): KwicRow[] {
  const f = fold(filter.trim());
  if (!f) return [...rows];
  return rows.filter((r) => fold(`${r.left}${r.hit}${r.right}\u0000${r.path}\u0000${r.holder ?? ''}\u0000${r.date ?? ''}`).includes(f));
}

/** Rows whose date falls in a period range (period keys of `periods.ts`, inclusive). */
export function rowsInPeriods(rows: readonly KwicRow[], from: string, to: string, granularity: 'decade' | 'year' | 'month'): KwicRow[] {
  return rows.filter((r) => {
    const p = r.date ? periodOf(r.date, granularity) : undefined;
    return p !== undefined && p >= from && p <= to;
  });
}
