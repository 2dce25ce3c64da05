/**
 * Counts and retrieval over coded items (plain coded segments and claims with codes) of a corpus.
 *
 * Retrieval query: code references (an id, a label or synonym in any script, "quoted" when it has spaces) combined
 * with AND / OR / NOT (also & | ! and the Chinese 且 / 或 / 非) and parentheses; NOT binds tightest, then AND, then OR.
 * `red-line AND (nato OR 制裁) AND NOT energy`. The unit is the *passage*: overlapping coded items of one document
 * form one passage (as MAXQDA's "overlapping" retrieval), whose code set is the union of its items' codes; with
 * `includeChildren` (default) a code also matches the passages coded with a code below it. Merged codes count as
 * the code they were merged into.
 */
import { canonicalId, codeNames, descendants, ancestors, type Codebook } from './codebook';
import * as l10n from '@vscode/l10n';

export interface CodedItem {
  /** Document path (as the caller names documents). */
  doc: string;
  id: string;
  kind: 'segment' | 'claim';
  /** UTF-16 span in the document's current text. */
  start: number;
  end: number;
  codes: readonly string[];
  memo?: string;
  author?: string;
}

export interface CodeCount {
  /** Items coded with this code itself. */
  segments: number;
  documents: number;
  /** Including the codes below it. */
  totalSegments: number;
  totalDocuments: number;
}

/**
 * Counts per code id (live codes of the codebook, and unknown ids found in the items). Codes and documents are
 * numbered and the items visited grouped by document, so distinct documents are counted with a "last seen" stamp
 * per code instead of sets (50,000 items: a few milliseconds).
 */
export function countCodes(book: Codebook, items: readonly CodedItem[]): Map<string, CodeCount> {
  const codeIndex = new Map<string, number>();
  const codeIds: string[] = [];
  const indexOf = (id: string): number => {
    let i = codeIndex.get(id);
    if (i === undefined) {
      codeIndex.set(id, (i = codeIds.length));
      codeIds.push(id);
    }
    return i;
  };
  for (const id of book.byId.keys()) indexOf(id);
  // raw stored id → [its code, then its ancestors] as indices.
  const upOf = new Map<string, number[]>();
  const upIds = (raw: string): number[] => {
    let u = upOf.get(raw);
    if (!u) {
      const id = canonicalId(book, raw);
      upOf.set(raw, (u = [indexOf(id), ...ancestors(book, id).map((a) => indexOf(a.id))]));
    }
    return u;
  };
  // Group the items by document (counting sort over document numbers).
  const docIndex = new Map<string, number>();
  const docOf = new Int32Array(items.length);
  items.forEach((it, i) => {
    let d = docIndex.get(it.doc);
    if (d === undefined) docIndex.set(it.doc, (d = docIndex.size));
    docOf[i] = d;
  });
  const starts = new Int32Array(docIndex.size + 1);
  for (let i = 0; i < items.length; i++) starts[docOf[i]! + 1]!++;
  for (let d = 0; d < docIndex.size; d++) starts[d + 1]! += starts[d]!;
  const order = new Int32Array(items.length);
  const fill = starts.slice(0, docIndex.size);
  for (let i = 0; i < items.length; i++) order[fill[docOf[i]!]!++] = i;
  for (const it of items) for (const raw of it.codes) upIds(raw);
  const n = codeIds.length;
  const ownSeg = new Int32Array(n);
  const ownDoc = new Int32Array(n);
  const totSeg = new Int32Array(n);
  const totDoc = new Int32Array(n);
  const ownItem = new Int32Array(n).fill(-1);
  const totItem = new Int32Array(n).fill(-1);
  const ownLastDoc = new Int32Array(n).fill(-1);
  const totLastDoc = new Int32Array(n).fill(-1);
  for (let k = 0; k < order.length; k++) {
    const i = order[k]!;
    const d = docOf[i]!;
    for (const raw of items[i]!.codes) {
      const up = upOf.get(raw)!;
      const own = up[0]!;
      if (ownItem[own] !== i) {
        ownItem[own] = i;
        ownSeg[own]!++;
        if (ownLastDoc[own] !== d) {
          ownLastDoc[own] = d;
          ownDoc[own]!++;
        }
      }
      for (const c of up) {
        if (totItem[c] === i) continue;
        totItem[c] = i;
        totSeg[c]!++;
        if (totLastDoc[c] !== d) {
          totLastDoc[c] = d;
          totDoc[c]!++;
        }
      }
    }
  }
  const out = new Map<string, CodeCount>();
  for (let c = 0; c < n; c++) out.set(codeIds[c]!, { segments: ownSeg[c]!, documents: ownDoc[c]!, totalSegments: totSeg[c]!, totalDocuments: totDoc[c]! });
  return out;
}

export type Query = { op: 'code'; id: string; text: string } | { op: 'not'; arg: Query } | { op: 'and' | 'or'; args: Query[] };

export class QueryError extends Error {
  constructor(
    message: string,
    readonly column: number,
  ) {
    super(`${message} (at column ${column})`);
    this.name = 'QueryError';
  }
}

interface Token {
  kind: 'and' | 'or' | 'not' | '(' | ')' | 'term';
  text: string;
  column: number;
}

function tokenize(src: string): Token[] {
  const out: Token[] = [];
  let i = 0;
  while (i < src.length) {
    const ch = src[i]!;
    if (/\s/.test(ch)) {
      i++;
      continue;
    }
    const column = i + 1;
    if (ch === '(' || ch === ')' || ch === '（' || ch === '）') {
      out.push({ kind: ch === '(' || ch === '（' ? '(' : ')', text: ch, column });
      i++;
      continue;
    }
    if (ch === '&' || ch === '|' || ch === '!') {
      const n = src[i + 1] === ch && ch !== '!' ? 2 : 1;
      out.push({ kind: ch === '&' ? 'and' : ch === '|' ? 'or' : 'not', text: src.slice(i, i + n), column });
      i += n;
      continue;
    }
    if (ch === '"' || ch === '“' || ch === '「') {
      const close = ch === '"' ? '"' : ch === '“' ? '”' : '」';
      const end = src.indexOf(close, i + 1);
      if (end < 0) throw new QueryError(l10n.t('unclosed quote'), column);
      out.push({ kind: 'term', text: src.slice(i + 1, end), column });
      i = end + 1;
      continue;
    }
    let j = i;
    while (j < src.length && !/[\s()（）&|!"“「]/.test(src[j]!)) j++;
    const word = src.slice(i, j);
    const upper = word.toUpperCase();
    const kind = upper === 'AND' || word === '且' ? 'and' : upper === 'OR' || word === '或' ? 'or' : upper === 'NOT' || word === '非' ? 'not' : 'term';
    out.push({ kind, text: word, column });
    i = j;
  }
  return out;
}

/** Resolve a code reference: id, then a label or synonym (NFKC, case-insensitive). */
export function findCode(book: Codebook, ref: string): string | undefined {
  if (book.byId.has(ref) || book.merged.has(ref)) return canonicalId(book, ref);
  const key = ref.normalize('NFKC').toLowerCase();
  for (const c of book.codes) if (codeNames(c).some((n) => n.normalize('NFKC').toLowerCase() === key)) return c.id;
  return undefined;
}

/** Parse a query; unknown codes and syntax errors are QueryErrors with the column. */
export function parseQuery(src: string, book: Codebook): Query {
  const tokens = tokenize(src);
  if (!tokens.length) throw new QueryError(l10n.t('empty query: name a code'), 1);
  let pos = 0;
  const peek = (): Token | undefined => tokens[pos];
  const parseOr = (): Query => {
    const args = [parseAnd()];
    while (peek()?.kind === 'or') {
      pos++;
      args.push(parseAnd());
    }
    return args.length === 1 ? args[0]! : { op: 'or', args };
  };
  const parseAnd = (): Query => {
    const args = [parseNot()];
    while (peek()?.kind === 'and') {
      pos++;
      args.push(parseNot());
    }
    return args.length === 1 ? args[0]! : { op: 'and', args };
  };
  const parseNot = (): Query => {
    const t = peek();
    if (t?.kind === 'not') {
      pos++;
      return { op: 'not', arg: parseNot() };
    }
    return parseAtom();
  };
  const parseAtom = (): Query => {
    const t = tokens[pos++];
    if (!t) throw new QueryError(l10n.t('the query ends too early: a code is missing'), src.length + 1);
    if (t.kind === '(') {
      const q = parseOr();
      const close = tokens[pos++];
      if (close?.kind !== ')') throw new QueryError(l10n.t('missing )'), close?.column ?? src.length + 1);
      return q;
    }
    if (t.kind !== 'term') throw new QueryError(l10n.t('expected a code, found "{0}"', t.text), t.column);
    const id = findCode(book, t.text);
    if (id === undefined) throw new QueryError(l10n.t('no code "{0}" in the codebook', t.text), t.column);
    return { op: 'code', id, text: t.text };
  };
  const q = parseOr();
  const rest = peek();
  if (rest) throw new QueryError(rest.kind === 'term' ? l10n.t('"{0}": join codes with AND, OR or NOT', rest.text) : l10n.t('unexpected "{0}"', rest.text), rest.column);
  return q;
}

export function queryCodes(q: Query): string[] {
  if (q.op === 'code') return [q.id];
  if (q.op === 'not') return queryCodes(q.arg);
  return q.args.flatMap(queryCodes);
}

export function formatQuery(q: Query, book: Codebook): string {
  if (q.op === 'code') return book.byId.get(q.id) ? q.id : q.text;
  if (q.op === 'not') return `NOT ${q.arg.op === 'code' ? formatQuery(q.arg, book) : `(${formatQuery(q.arg, book)})`}`;
  return q.args.map((a) => (a.op === 'and' || a.op === 'or' ? `(${formatQuery(a, book)})` : formatQuery(a, book))).join(q.op === 'and' ? ' AND ' : ' OR ');
}

function evaluate(q: Query, codes: ReadonlySet<string>): boolean {
  switch (q.op) {
    case 'code':
      return codes.has(q.id);
    case 'not':
      return !evaluate(q.arg, codes);
    case 'and':
      return q.args.every((a) => evaluate(a, codes));
    case 'or':
      return q.args.some((a) => evaluate(a, codes));
  }
}

export interface Passage {
  doc: string;
  start: number;
  end: number;
  items: CodedItem[];
  codes: string[];
}

export interface RetrieveOptions {
  /** A code also matches what is coded below it (default true). */
  includeChildren?: boolean;
  /** Only these documents (a document set); default all. */
  documents?: (doc: string) => boolean;
}

/** Passages (overlapping coded items of a document) matching the query, by document then position. */
export function retrieve(book: Codebook, items: readonly CodedItem[], query: Query, options: RetrieveOptions = {}): Passage[] {
  const includeChildren = options.includeChildren ?? true;
  const byDoc = new Map<string, CodedItem[]>();
  for (const it of items) {
    if (options.documents && !options.documents(it.doc)) continue;
    let list = byDoc.get(it.doc);
    if (!list) byDoc.set(it.doc, (list = []));
    list.push(it);
  }
  const expanded = new Map<string, string[]>();
  const expand = (raw: string): string[] => {
    let e = expanded.get(raw);
    if (!e) {
      const id = canonicalId(book, raw);
      e = includeChildren ? [id, ...ancestors(book, id).map((a) => a.id)] : [id];
      expanded.set(raw, e);
    }
    return e;
  };
  // A NOT-only query matches passages without those codes: it needs coded passages to start from, which is fine.
  const out: Passage[] = [];
  for (const doc of [...byDoc.keys()].sort()) {
    const list = byDoc.get(doc)!.sort((a, b) => a.start - b.start || a.end - b.end);
    let cur: Passage | undefined;
    const flush = (): void => {
      if (!cur) return;
      const set = new Set<string>();
      for (const it of cur.items) for (const c of it.codes) for (const x of expand(c)) set.add(x);
      if (evaluate(query, set)) {
        cur.codes = [...new Set(cur.items.flatMap((it) => it.codes.map((c) => canonicalId(book, c))))];
        out.push(cur);
      }
    };
    for (const it of list) {
      if (cur && it.start < cur.end) {
        cur.items.push(it);
        cur.end = Math.max(cur.end, it.end);
      } else {
        flush();
        cur = { doc, start: it.start, end: it.end, items: [it], codes: [] };
      }
    }
    flush();
  }
  return out;
}

/** Ids of a code and every code below it (for "retrieve this code" from the tree). */
export function subtreeIds(book: Codebook, id: string): string[] {
  return [id, ...descendants(book, id).map((c) => c.id)];
}
