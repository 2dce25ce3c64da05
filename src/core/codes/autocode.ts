/**
 * Auto-coding: every hit of a search — a text (script-folded: 红线 finds 紅線, full-width and case folded), a
 * regular expression, an entity's mentions from the corpus index, or a date range over the normalised dates —
 * in a document set the host gives (the corpus, or the documents of a variables filter), as a list to review
 * before anything is written. The host shows the hits (accept / reject each, or all), then writes the accepted
 * ones with `batchByDocument`: one list per document, for one locked read-modify-write each
 * (`SegmentStore.applyMany`). Hits already coded with the same codes on exactly the same span are left out of the
 * list (`skipped`), so running the same auto-coding twice adds nothing.
 *
 * Spans are UTF-16 offsets in the documents' current texts (as the index gives them).
 */
import { isEdtfDate } from '../dates/edtf';
import { fold } from '../text/fold';
import { lineStarts, positionIn } from '../text/offsets';
import { timePoint } from '../views/periods';
import * as l10n from '@vscode/l10n';

export type AutoCodeQuery =
  | { kind: 'text'; pattern: string; /** No script, width or case folding. */ exact?: boolean }
  | { kind: 'regex'; pattern: string; caseSensitive?: boolean }
  | { kind: 'entity'; entityIds: readonly string[] }
  /** Bounds YYYY, YYYY-MM or YYYY-MM-DD, either may be open. */
  | { kind: 'date'; from?: string; to?: string };

/** What the host gives: the documents to search (already filtered) and the corpus index's data for them. */
export interface AutoCodeCorpus {
  documents: readonly string[];
  textOf(doc: string): Promise<string | undefined> | string | undefined;
  /** An entity's mentions in the whole corpus (the hits outside `documents` are dropped). */
  mentionsOf?(entityId: string): Iterable<{ path: string; start: number; end: number }>;
  /** The date mentions of a document with their normalised values (EDTF / TIMEX3). */
  datesOf?(doc: string): ReadonlyArray<{ start: number; end: number; value: string; type?: string }>;
  /** The coded segments already in a document (UTF-16 spans, their codes). */
  existing?(doc: string): ReadonlyArray<{ start: number; end: number; codes: readonly string[] }>;
}

export interface AutoCodeHit {
  /** Stable key of the hit (document and span). */
  key: string;
  doc: string;
  start: number;
  end: number;
  /** The text of the hit. */
  text: string;
  /** Context on each side, on one line. */
  left: string;
  right: string;
  /** 1-based line and column (UTF-16) of the start. */
  line: number;
  column: number;
  /** The entity, for an entity search. */
  entityId?: string;
  /** The date value, for a date search. */
  value?: string;
}

export interface AutoCodeResult {
  hits: AutoCodeHit[];
  /** Hits already coded with all the codes on exactly this span (not listed: nothing to write). */
  skipped: number;
  /** Documents whose text could not be read. */
  unreadable: string[];
  /** Hits found beyond `limit` (not listed). */
  truncated: number;
}

export interface AutoCodeOptions {
  /** Codes the hits would get: a hit whose span already has all of them is skipped. */
  codes?: readonly string[];
  /** Characters of context on each side (default 30). */
  context?: number;
  /** At most this many hits in the list (default 10,000). */
  limit?: number;
}

export class AutoCodeError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'AutoCodeError';
  }
}


/** A date bound as a comparable YYYY-MM-DD (the first or last day it covers). */
function bound(b: string, end: boolean): string {
  const [y, m, d] = b.split('-');
  const month = m ?? (end ? '12' : '01');
  const last = end && !d ? String(new Date(Date.UTC(Number(y), Number(month), 0)).getUTCDate()) : undefined;
  return `${y}-${month}-${d ?? last ?? '01'}`;
}

/**
 * Parse a date range as typed: `2014..2016-06`, `2014-03-01..`, `..2020`, or one bound (`2019-07`: that month).
 * Throws AutoCodeError saying what is wrong.
 */
export function parseDateRange(src: string): { from?: string; to?: string } {
  const s = src.trim();
  if (!s) throw new AutoCodeError(l10n.t('the date range is empty: write e.g. 2014..2016-06, 2020.. or 2019-07'));
  const parts = s.includes('..') ? s.split('..') : [s, s];
  if (parts.length !== 2) throw new AutoCodeError(l10n.t('"{0}" is not a date range: write FROM..TO, e.g. 2014..2016-06', s));
  const [from, to] = parts.map((p) => p.trim()) as [string, string];
  for (const b of [from, to]) if (b && !isEdtfDate(b)) throw new AutoCodeError(l10n.t('"{0}" is not a date: use YYYY, YYYY-MM or YYYY-MM-DD', b));
  if (!from && !to) throw new AutoCodeError(l10n.t('a date range needs at least one bound, e.g. 2020..'));
  if (from && to && bound(from, false) > bound(to, true)) throw new AutoCodeError(l10n.t('the range {0}..{1} ends before it starts', from, to));
  return { ...(from ? { from } : {}), ...(to ? { to } : {}) };
}

/** Whether a normalised value's time starts within [from, to] (as the concordance's date search). */
export function dateInRange(value: string, from: string | undefined, to: string | undefined): boolean {
  const p = timePoint(value);
  if (!p) return false;
  const key = `${String(p.year).padStart(4, '0')}-${String(p.month ?? 1).padStart(2, '0')}-${String(p.day ?? 1).padStart(2, '0')}`;
  return (!from || key >= bound(from, false)) && (!to || key <= bound(to, true));
}

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** The RegExp of a text or regex query (global, unicode), or AutoCodeError. */
export function autoCodePattern(query: Extract<AutoCodeQuery, { kind: 'text' | 'regex' }>): RegExp {
  if (!query.pattern) throw new AutoCodeError(l10n.t('the search is empty'));
  let re: RegExp;
  try {
    if (query.kind === 'text') re = new RegExp(escapeRegExp(query.exact ? query.pattern : fold(query.pattern)), 'gu');
    else re = new RegExp(query.pattern, `gu${query.caseSensitive ? '' : 'i'}`);
  } catch (error) {
    throw new AutoCodeError(l10n.t('invalid regular expression /{0}/: {1}', query.pattern, error instanceof Error ? error.message : String(error)));
  }
  if (re.test('')) throw new AutoCodeError(l10n.t('the pattern /{0}/ matches the empty string: it would code nothing', query.pattern));
  re.lastIndex = 0;
  return re;
}

const BREAKS = /[\r\n\t\u2028\u2029]+/g;

function isLow(c: number): boolean {
  return c >= 0xdc00 && c <= 0xdfff;
}

function isHigh(c: number): boolean {
  return c >= 0xd800 && c <= 0xdbff;
}

function makeHit(doc: string, text: string, starts: ArrayLike<number>, start: number, end: number, width: number): AutoCodeHit {
  let from = Math.max(0, start - width);
  if (from > 0 && isLow(text.charCodeAt(from))) from--;
  let to = Math.min(text.length, end + width);
  if (to < text.length && isHigh(text.charCodeAt(to - 1))) to++;
  const { line } = positionIn(starts, start);
  return {
    key: `${doc}\u0000${start}:${end}`,
    doc,
    start,
    end,
    text: text.slice(start, end),
    left: text.slice(from, start).replace(BREAKS, ' '),
    right: text.slice(end, to).replace(BREAKS, ' '),
    line: line + 1,
    column: start - starts[line]! + 1,
  };
}

/** Spans of the query in one text, in order, without duplicates. */
function spansIn(query: AutoCodeQuery, text: string, doc: string, corpus: AutoCodeCorpus, mentions: Map<string, Array<{ start: number; end: number; entityId: string }>> | undefined, re: RegExp | undefined): Array<{ start: number; end: number; entityId?: string; value?: string }> {
  const out: Array<{ start: number; end: number; entityId?: string; value?: string }> = [];
  if (re) {
    const hay = query.kind === 'text' && !query.exact ? fold(text) : text;
    re.lastIndex = 0;
    for (let m = re.exec(hay); m; m = re.exec(hay)) {
      if (m[0].length === 0) {
        re.lastIndex++;
        continue;
      }
      out.push({ start: m.index, end: m.index + m[0].length });
    }
  } else if (query.kind === 'entity') {
    for (const m of mentions?.get(doc) ?? []) if (m.end <= text.length && m.end > m.start) out.push(m);
  } else if (query.kind === 'date') {
    for (const d of corpus.datesOf?.(doc) ?? []) {
      if (d.type === 'DURATION' || d.type === 'SET') continue;
      if (d.end <= text.length && d.end > d.start && dateInRange(d.value, query.from, query.to)) out.push({ start: d.start, end: d.end, value: d.value });
    }
  }
  out.sort((a, b) => a.start - b.start || a.end - b.end);
  return out.filter((s, i) => i === 0 || s.start !== out[i - 1]!.start || s.end !== out[i - 1]!.end);
}

/** Find the hits of a query in the host's documents (in document order, then by position). */
export async function findAutoCodeHits(query: AutoCodeQuery, corpus: AutoCodeCorpus, options: AutoCodeOptions = {}): Promise<AutoCodeResult> {
  const width = options.context ?? 30;
  const limit = options.limit ?? 10_000;
  const codes = options.codes ?? [];
  const re = query.kind === 'text' || query.kind === 'regex' ? autoCodePattern(query) : undefined;
  if (query.kind === 'entity') {
    if (!query.entityIds.length) throw new AutoCodeError(l10n.t('no entity given'));
    if (!corpus.mentionsOf) throw new AutoCodeError(l10n.t('the corpus index is not available: entity mentions cannot be searched'));
  }
  if (query.kind === 'date') {
    if (!corpus.datesOf) throw new AutoCodeError(l10n.t('the corpus index is not available: dates cannot be searched'));
    for (const b of [query.from, query.to]) if (b !== undefined && !isEdtfDate(b)) throw new AutoCodeError(l10n.t('"{0}" is not a date: use YYYY, YYYY-MM or YYYY-MM-DD', b));
  }
  const wanted = new Set(corpus.documents);
  let mentions: Map<string, Array<{ start: number; end: number; entityId: string }>> | undefined;
  if (query.kind === 'entity') {
    mentions = new Map();
    for (const id of new Set(query.entityIds)) {
      for (const m of corpus.mentionsOf!(id)) {
        if (!wanted.has(m.path)) continue;
        let list = mentions.get(m.path);
        if (!list) mentions.set(m.path, (list = []));
        list.push({ start: m.start, end: m.end, entityId: id });
      }
    }
  }
  const docs = [...wanted].filter((d) => !mentions || mentions.has(d)).sort();
  const hits: AutoCodeHit[] = [];
  const unreadable: string[] = [];
  let skipped = 0;
  let truncated = 0;
  for (const doc of docs) {
    if (query.kind === 'date' && !(corpus.datesOf!(doc).length > 0)) continue;
    const text = await corpus.textOf(doc);
    if (text === undefined) {
      unreadable.push(doc);
      continue;
    }
    const spans = spansIn(query, text, doc, corpus, mentions, re);
    if (!spans.length) continue;
    const done = new Set<string>();
    if (codes.length) for (const e of corpus.existing?.(doc) ?? []) if (codes.every((c) => e.codes.includes(c))) done.add(`${e.start}:${e.end}`);
    const starts = lineStarts(text);
    for (const s of spans) {
      if (done.has(`${s.start}:${s.end}`)) {
        skipped++;
        continue;
      }
      if (hits.length >= limit) {
        truncated++;
        continue;
      }
      const hit = makeHit(doc, text, starts, s.start, s.end, width);
      if (s.entityId) hit.entityId = s.entityId;
      if (s.value) hit.value = s.value;
      hits.push(hit);
    }
  }
  return { hits, skipped, unreadable, truncated };
}

export interface AutoCodeBatch {
  doc: string;
  items: Array<{ start: number; end: number; codes: string[] }>;
  /** The hits of this batch, in the same order as `items`. */
  hits: AutoCodeHit[];
}

/** Accepted hits grouped per document (one write each), each document's in position order, duplicates dropped. */
export function batchByDocument(hits: readonly AutoCodeHit[], codes: readonly string[]): AutoCodeBatch[] {
  if (!codes.length) throw new AutoCodeError(l10n.t('no code given'));
  const byDoc = new Map<string, AutoCodeHit[]>();
  for (const h of hits) {
    let list = byDoc.get(h.doc);
    if (!list) byDoc.set(h.doc, (list = []));
    list.push(h);
  }
  return [...byDoc.keys()].sort().map((doc) => {
    const list = [...byDoc.get(doc)!].sort((a, b) => a.start - b.start || a.end - b.end);
    const unique = list.filter((h, i) => i === 0 || h.start !== list[i - 1]!.start || h.end !== list[i - 1]!.end);
    return { doc, hits: unique, items: unique.map((h) => ({ start: h.start, end: h.end, codes: [...codes] })) };
  });
}

/**
 * The hits of a batch that still hold in the document's text as it is now (the text may have changed since the
 * search): the span must still read the same. The others are returned as `stale` and are not written.
 */
export function checkBatch(batch: AutoCodeBatch, text: string): { batch: AutoCodeBatch; stale: AutoCodeHit[] } {
  const keep: number[] = [];
  const stale: AutoCodeHit[] = [];
  batch.hits.forEach((h, i) => {
    if (h.end <= text.length && text.slice(h.start, h.end) === h.text) keep.push(i);
    else stale.push(h);
  });
  if (!stale.length) return { batch, stale };
  return { batch: { doc: batch.doc, hits: keep.map((i) => batch.hits[i]!), items: keep.map((i) => batch.items[i]!) }, stale };
}
