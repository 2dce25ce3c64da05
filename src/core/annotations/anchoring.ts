/**
 * Anchoring of W3C Web Annotation selectors in a text (the approach of Hypothesis):
 * 1. position: the TextPositionSelector (code points) still holds the quoted text;
 * 2. exact: the quote occurs elsewhere; the occurrence nearest to the expected position whose context
 *    (prefix/suffix) matches best wins;
 * 3. fuzzy: the quote was edited; candidate places are seeded by q-gram hits of the quote (near the expected
 *    position first, then the whole text with a cap on frequent q-grams), each candidate is aligned with a
 *    semi-global edit distance restricted to a window of |quote| + 2k, and scored by quote similarity,
 *    context similarity and distance. Below the threshold: undefined (orphan). Cost is bounded by the number
 *    of candidates (not by text length x quote length).
 * Offsets in and out are UTF-16 code units; selectors store code points.
 */
import { lowerBound, partitionPoint } from '../sorted';
import type { Span } from '../types';
import type { Selector, TextPositionSelector, TextQuoteSelector } from './schema';

export const CONTEXT_LENGTH = 32;

export type AnchorMethod = 'position' | 'exact' | 'fuzzy';

export interface AnchorResult extends Span {
  method: AnchorMethod;
  /** 0..1: 1 for a verified position or a unique exact match with matching context. */
  score: number;
}

export interface AnchorOptions {
  /** Minimum score of a fuzzy match (default 0.75). */
  threshold?: number;
  /** Maximum share of the quote that may differ in a fuzzy match (default 0.25). */
  maxErrorRate?: number;
  /** Precomputed code-point index of the text (reuse it when anchoring many annotations in one text). */
  index?: CodePointIndex;
}

/** Fast UTF-16 <-> code point conversion for one text (O(log k), k = number of astral characters). */
export class CodePointIndex {
  /** UTF-16 offsets of the high surrogates of astral characters. */
  private readonly astral: number[] = [];
  constructor(readonly text: string) {
    for (let i = 0; i < text.length; i++) {
      const c = text.charCodeAt(i);
      if (c >= 0xd800 && c <= 0xdbff && i + 1 < text.length) {
        const d = text.charCodeAt(i + 1);
        if (d >= 0xdc00 && d <= 0xdfff) {
          this.astral.push(i);
          i++;
        }
      }
    }
  }
  get length(): number {
    return this.toCodePoint(this.text.length);
  }
  /** UTF-16 offset -> code point offset (an offset inside a pair counts the pair once). */
  toCodePoint(offset: number): number {
    const o = Math.max(0, Math.min(offset, this.text.length));
    // number of astral chars whose high surrogate is at i with i + 1 < o (whole pair before o)
    const lo = lowerBound(this.astral, o - 1);
    // Inside a surrogate pair: the pair's own position (as offsets.ts does).
    if (this.astral[lo] === o - 1) return o - 1 - lo;
    return o - lo;
  }
  /** Code point offset -> UTF-16 offset (clamped to the text). */
  toUtf16(cp: number): number {
    const c = Math.max(0, cp);
    // UTF-16 = cp + number of astral chars before it; astral[j] is at code point astral[j] - j.
    const astral = this.astral;
    const lo = partitionPoint(0, astral.length, (j) => astral[j]! - j < c);
    return Math.min(c + lo, this.text.length);
  }
}

function isLow(c: number): boolean {
  return c >= 0xdc00 && c <= 0xdfff;
}
function isHigh(c: number): boolean {
  return c >= 0xd800 && c <= 0xdbff;
}

/** Move a UTF-16 offset off the middle of a surrogate pair (towards `dir`). */
function snap(text: string, offset: number, dir: -1 | 1): number {
  if (offset > 0 && offset < text.length && isLow(text.charCodeAt(offset)) && isHigh(text.charCodeAt(offset - 1))) return offset + (dir < 0 ? -1 : 1);
  return offset;
}

/** Slice of at most `n` code points ending at `end`. */
function contextBefore(text: string, end: number, n: number): string {
  let i = end;
  for (let k = 0; k < n && i > 0; k++) i -= i >= 2 && isLow(text.charCodeAt(i - 1)) && isHigh(text.charCodeAt(i - 2)) ? 2 : 1;
  return text.slice(i, end);
}
/** Slice of at most `n` code points starting at `start`. */
function contextAfter(text: string, start: number, n: number): string {
  let i = start;
  for (let k = 0; k < n && i < text.length; k++) i += isHigh(text.charCodeAt(i)) && i + 1 < text.length && isLow(text.charCodeAt(i + 1)) ? 2 : 1;
  return text.slice(start, i);
}

/**
 * Selectors for the UTF-16 range [start, end) of `text`: a TextQuoteSelector (32 code points of prefix/suffix)
 * and a TextPositionSelector in code points.
 */
export function createSelectors(text: string, start: number, end: number, index?: CodePointIndex): [TextQuoteSelector, TextPositionSelector] {
  if (!(start >= 0 && end >= start && end <= text.length)) throw new RangeError(`invalid range ${start}..${end} in a text of length ${text.length}`);
  const s = snap(text, start, -1);
  const e = snap(text, end, 1);
  const idx = index ?? new CodePointIndex(text);
  return [
    { type: 'TextQuoteSelector', exact: text.slice(s, e), prefix: contextBefore(text, s, CONTEXT_LENGTH), suffix: contextAfter(text, e, CONTEXT_LENGTH) },
    { type: 'TextPositionSelector', start: idx.toCodePoint(s), end: idx.toCodePoint(e) },
  ];
}

/** Edit distance (Levenshtein) of two short strings, with an early cut-off. */
function editDistance(a: string, b: string, max = Infinity): number {
  if (a === b) return 0;
  const m = a.length;
  const n = b.length;
  if (!m) return n;
  if (!n) return m;
  let prev = new Array<number>(n + 1);
  let cur = new Array<number>(n + 1);
  for (let j = 0; j <= n; j++) prev[j] = j;
  for (let i = 1; i <= m; i++) {
    cur[0] = i;
    let rowMin = i;
    const ca = a.charCodeAt(i - 1);
    for (let j = 1; j <= n; j++) {
      const v = Math.min(prev[j]! + 1, cur[j - 1]! + 1, prev[j - 1]! + (ca === b.charCodeAt(j - 1) ? 0 : 1));
      cur[j] = v;
      if (v < rowMin) rowMin = v;
    }
    if (rowMin > max) return rowMin;
    [prev, cur] = [cur, prev];
  }
  return prev[n]!;
}

/** Similarity 0..1 of an expected context and the actual one (compared at the side next to the quote). */
function contextSimilarity(expected: string | undefined, actual: string): number {
  if (!expected) return 1;
  const d = editDistance(expected, actual);
  return 1 - d / Math.max(expected.length, actual.length, 1);
}

/**
 * Best approximate occurrence of `pattern` inside text[from, to) (semi-global alignment: free start and end in
 * the text). Returns the match with the least edits (ties: the one ending nearest to `from + pattern.length`).
 */
function alignInWindow(text: string, from: number, to: number, pattern: string): { start: number; end: number; errors: number } {
  const m = pattern.length;
  const n = to - from;
  // cost[i] = edits to match pattern[0..i) ending at the current text position; start[i] = where that match began.
  let cost = new Int32Array(m + 1);
  let startAt = new Int32Array(m + 1);
  let nextCost = new Int32Array(m + 1);
  let nextStart = new Int32Array(m + 1);
  for (let i = 0; i <= m; i++) {
    cost[i] = i;
    startAt[i] = from;
  }
  let best = { start: from, end: from, errors: m };
  for (let j = 1; j <= n; j++) {
    const tc = text.charCodeAt(from + j - 1);
    nextCost[0] = 0;
    nextStart[0] = from + j;
    for (let i = 1; i <= m; i++) {
      const sub = cost[i - 1]! + (pattern.charCodeAt(i - 1) === tc ? 0 : 1);
      const del = cost[i]! + 1; // text char not in pattern
      const ins = nextCost[i - 1]! + 1; // pattern char missing in text
      if (sub <= del && sub <= ins) {
        nextCost[i] = sub;
        nextStart[i] = startAt[i - 1]!;
      } else if (del <= ins) {
        nextCost[i] = del;
        nextStart[i] = startAt[i]!;
      } else {
        nextCost[i] = ins;
        nextStart[i] = nextStart[i - 1]!;
      }
    }
    [cost, nextCost] = [nextCost, cost];
    [startAt, nextStart] = [nextStart, startAt];
    if (cost[m]! < best.errors) best = { start: startAt[m]!, end: from + j, errors: cost[m]! };
  }
  return best;
}

function allOccurrences(text: string, needle: string, from: number, to: number, cap: number): number[] | undefined {
  const out: number[] = [];
  let i = text.indexOf(needle, from);
  while (i >= 0 && i + needle.length <= to) {
    out.push(i);
    if (out.length > cap) return undefined;
    i = text.indexOf(needle, i + 1);
  }
  return out;
}

/** Reads the quote and position selectors from a selector list. */
export function splitSelectors(selectors: readonly Selector[]): { quote?: TextQuoteSelector; position?: TextPositionSelector } {
  let quote: TextQuoteSelector | undefined;
  let position: TextPositionSelector | undefined;
  for (const s of selectors) {
    if (s.type === 'TextQuoteSelector') quote ??= s;
    else position ??= s;
  }
  return { ...(quote ? { quote } : {}), ...(position ? { position } : {}) };
}

const EXACT_CAP = 10_000;

/**
 * Find the selectors' passage in `text`. `hint` is the expected UTF-16 start (e.g. the stored position shifted by
 * the drift of the previous annotation); it is tried first and used to rank candidates.
 */
export function anchor(text: string, selectors: readonly Selector[], hint?: number, options: AnchorOptions = {}): AnchorResult | undefined {
  const { quote, position } = splitSelectors(selectors);
  const index = options.index ?? (position ? new CodePointIndex(text) : undefined);
  const posStart = position && index ? index.toUtf16(position.start) : undefined;
  const posEnd = position && index ? index.toUtf16(position.end) : undefined;
  if (!quote) {
    if (posStart === undefined || posEnd === undefined || position!.end > index!.length) return undefined;
    return { start: posStart, end: posEnd, method: 'position', score: 0.5 };
  }
  const exact = quote.exact;
  if (posStart !== undefined && text.startsWith(exact, posStart) && posEnd === posStart + exact.length) {
    return { start: posStart, end: posEnd, method: 'position', score: 1 };
  }
  const expected = hint ?? posStart;
  const scoreContext = (s: number, e: number) =>
    (contextSimilarity(quote.prefix ? [...quote.prefix].reverse().join('') : undefined, [...contextBefore(text, s, CONTEXT_LENGTH)].reverse().join('')) +
      contextSimilarity(quote.suffix, contextAfter(text, e, CONTEXT_LENGTH))) /
    2;
  const distanceScore = (s: number) => (expected === undefined ? 1 : 1 - Math.min(1, Math.abs(s - expected) / Math.max(1, text.length)));

  // 2. exact: at the hint first, then all occurrences.
  if (hint !== undefined && text.startsWith(exact, hint) && scoreContext(hint, hint + exact.length) >= 0.9) {
    return { start: hint, end: hint + exact.length, method: 'exact', score: 1 };
  }
  const hits = allOccurrences(text, exact, 0, text.length, EXACT_CAP) ?? [];
  if (hits.length) {
    let best: AnchorResult | undefined;
    for (const h of hits) {
      const ctx = hits.length === 1 ? Math.max(0.5, scoreContext(h, h + exact.length)) : scoreContext(h, h + exact.length);
      const score = 0.7 + 0.25 * ctx + 0.05 * distanceScore(h);
      if (!best || score > best.score || (score === best.score && expected !== undefined && Math.abs(h - expected) < Math.abs(best.start - expected))) {
        best = { start: h, end: h + exact.length, method: 'exact', score };
      }
    }
    return best;
  }
  return fuzzyAnchor(text, quote, expected, options, scoreContext, distanceScore);
}

function fuzzyAnchor(
  text: string,
  quote: TextQuoteSelector,
  expected: number | undefined,
  options: AnchorOptions,
  scoreContext: (s: number, e: number) => number,
  distanceScore: (s: number) => number,
): AnchorResult | undefined {
  const exact = quote.exact;
  const m = exact.length;
  const threshold = options.threshold ?? 0.75;
  const maxErrors = Math.max(1, Math.floor(m * (options.maxErrorRate ?? 0.25)));
  if (m < 4) {
    // Too short to match approximately on its own: require the full context around a near-identical quote.
    return contextOnlyAnchor(text, quote, threshold, distanceScore);
  }
  const q = m >= 24 ? 3 : 2;
  // Sample up to 48 q-grams spread over the quote.
  const grams: Array<{ gram: string; at: number }> = [];
  const count = Math.min(48, m - q + 1);
  for (let k = 0; k < count; k++) {
    const at = count === 1 ? 0 : Math.round((k * (m - q)) / (count - 1));
    grams.push({ gram: exact.slice(at, at + q), at });
  }
  const collect = (from: number, to: number, cap: number): Map<number, number> => {
    const votes = new Map<number, number>();
    const bucket = Math.max(4, maxErrors);
    for (const { gram, at } of grams) {
      const occ = allOccurrences(text, gram, from, to, cap);
      if (!occ) continue; // too frequent to be informative
      const seenBuckets = new Set<number>();
      for (const o of occ) {
        const b = Math.floor((o - at) / bucket);
        if (seenBuckets.has(b)) continue;
        seenBuckets.add(b);
        votes.set(b, (votes.get(b) ?? 0) + 1);
      }
    }
    return votes;
  };
  const evaluate = (votes: Map<number, number>): AnchorResult | undefined => {
    const bucket = Math.max(4, maxErrors);
    const minVotes = Math.max(1, Math.floor(count * 0.2));
    const ranked = [...votes.entries()].filter(([, v]) => v >= minVotes).sort((a, b) => b[1] - a[1] || (expected === undefined ? a[0] - b[0] : Math.abs(a[0] * bucket - expected) - Math.abs(b[0] * bucket - expected)));
    let best: AnchorResult | undefined;
    const tried = new Set<number>();
    for (const [b] of ranked.slice(0, 8)) {
      if (tried.has(b)) continue;
      tried.add(b - 1).add(b).add(b + 1);
      const from = Math.max(0, b * bucket - maxErrors - bucket);
      const to = Math.min(text.length, b * bucket + m + maxErrors + 2 * bucket);
      const al = alignInWindow(text, from, to, exact);
      if (al.errors > maxErrors) continue;
      const s = snap(text, al.start, -1);
      const e = snap(text, al.end, 1);
      const quoteSim = 1 - al.errors / m;
      const score = 0.7 * quoteSim + 0.2 * scoreContext(s, e) + 0.1 * distanceScore(s);
      if (!best || score > best.score) best = { start: s, end: e, method: 'fuzzy', score };
    }
    return best && best.score >= threshold ? best : undefined;
  };
  if (expected !== undefined) {
    const radius = Math.max(4096, 8 * m);
    const local = evaluate(collect(Math.max(0, expected - radius), Math.min(text.length, expected + m + radius), Infinity));
    if (local && local.score >= 0.9) return local;
    const global = evaluate(collect(0, text.length, 256));
    return !local ? global : !global ? local : global.score > local.score ? global : local;
  }
  return evaluate(collect(0, text.length, 256));
}

/** For very short quotes: prefix + suffix must still be there with (nearly) the quote between them. */
function contextOnlyAnchor(text: string, quote: TextQuoteSelector, threshold: number, distanceScore: (s: number) => number): AnchorResult | undefined {
  const prefix = quote.prefix ?? '';
  const suffix = quote.suffix ?? '';
  if (prefix.length < 8 && suffix.length < 8) return undefined;
  const key = prefix.length >= suffix.length ? prefix : suffix;
  const occ = allOccurrences(text, key, 0, text.length, 64) ?? [];
  let best: AnchorResult | undefined;
  for (const o of occ) {
    const s = key === prefix ? o + prefix.length : undefined;
    let start: number;
    let end: number;
    if (s !== undefined) {
      const sfx = suffix ? text.indexOf(suffix.slice(0, Math.min(8, suffix.length)), s) : s + quote.exact.length;
      if (sfx < 0 || sfx - s > quote.exact.length + 2) continue;
      start = s;
      end = sfx;
    } else {
      end = o;
      const pfx = prefix ? text.lastIndexOf(prefix.slice(-Math.min(8, prefix.length)), end) : end - quote.exact.length;
      if (pfx < 0) continue;
      start = prefix ? pfx + Math.min(8, prefix.length) : pfx;
      if (end - start > quote.exact.length + 2 || end < start) continue;
    }
    const d = editDistance(quote.exact, text.slice(start, end));
    const quoteSim = 1 - d / Math.max(quote.exact.length, end - start, 1);
    const score = 0.6 * quoteSim + 0.3 + 0.1 * distanceScore(start);
    if (d <= 1 && (!best || score > best.score)) best = { start, end, method: 'fuzzy', score };
  }
  return best && best.score >= threshold && best.end > best.start ? best : undefined;
}

/** A text change in UTF-16 offsets of the text before the change (VS Code's TextDocumentContentChangeEvent). */
export interface TextChange {
  start: number;
  end: number;
  text: string;
}

export interface EditedSpan extends Span {
  /** The change removed the whole passage: the annotation should be re-anchored by quote or become an orphan. */
  collapsed: boolean;
}

/**
 * Track a span through one editor change.
 * - change entirely before (or ending at the span start): the span shifts;
 * - change entirely after (or starting at the span end): unchanged (typing right after a passage does not extend it);
 * - change inside the span: the span grows/shrinks with it;
 * - change overlapping one edge: the removed part is cut off, the inserted text stays outside the span;
 * - change covering the whole span (deleting or replacing all of it): collapsed (orphan candidate).
 */
export function applyEdit(span: Span, change: TextChange): EditedSpan {
  const delta = change.text.length - (change.end - change.start);
  const { start, end } = span;
  if (change.end <= start) return { start: start + delta, end: end + delta, collapsed: false };
  if (change.start >= end) return { start, end, collapsed: false };
  if (change.start <= start && change.end >= end && end > start) return { start: change.start, end: change.start, collapsed: true };
  if (change.start >= start && change.end <= end) {
    const r = { start, end: end + delta, collapsed: false };
    r.collapsed = r.end <= r.start;
    return r;
  }
  if (change.start < start) {
    // overlaps the start edge
    const newStart = change.start + change.text.length;
    const newEnd = end + delta;
    return { start: newStart, end: newEnd, collapsed: newEnd <= newStart };
  }
  // overlaps the end edge
  return { start, end: change.start, collapsed: change.start <= start };
}

/** Apply several changes in order (each expressed against the text produced by the previous ones). */
export function applyEdits(span: Span, changes: readonly TextChange[]): EditedSpan {
  let cur: EditedSpan = { start: span.start, end: span.end, collapsed: false };
  for (const c of changes) {
    if (cur.collapsed) {
      const shifted = applyEdit(cur, c);
      cur = { start: shifted.start, end: shifted.start, collapsed: true };
    } else cur = applyEdit(cur, c);
  }
  return cur;
}
