/**
 * The concordance as a table of hits that makes its rows only when they are shown. A hit is four numbers (document,
 * start, end, entity) in typed arrays; the context strings, record, date and holder of a row are computed when the
 * page asks for that row (`row(i)`), so 100,000 hits cost a few megabytes and no strings until they scroll into
 * view. Sorting builds one compact key per row (the first words left or right of the hit, read through the fold
 * table without making the context strings; numbers for dates), filtering compares the folded text of each row's
 * context window in place.
 */
import { fold, foldTable } from '../text/fold';
import { contextOf, DEFAULT_CONTEXT, DEFAULT_LIMIT, searchPattern, SORT_TOKENS, type ConcordanceContext, type ConcordanceOptions, type ConcordanceQuery, type ConcordanceResult, type KwicRow, type SortKey } from './concordance';
import { periodKey, timePoint, type Granularity, type TimePoint } from './periods';
import { eachMention, holderKey, recordIndexOf, type ViewAnnotation } from './source';
import { unitsOf } from './coded';

export type KwicContext = ConcordanceContext;


const NONE = -1;

/** Character classes for sort keys: 1 a CJK character (a token alone), 2 a letter or digit, 3 a mark, ' or - (inside
 * a word, never its first character), 0 neither. */
let classes: Uint8Array | undefined;
function classTable(): Uint8Array {
  if (classes) return classes;
  const t = new Uint8Array(65536);
  const cjk = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}]/u;
  const word = /[\p{L}\p{N}]/u;
  const inner = /[\p{M}'’-]/u;
  for (let c = 0; c < 65536; c++) {
    if (c >= 0xd800 && c <= 0xdfff) continue;
    const s = String.fromCharCode(c);
    t[c] = cjk.test(s) ? 1 : word.test(s) ? 2 : inner.test(s) ? 3 : 0;
  }
  classes = t;
  return t;
}

function isLineBreak(c: number): boolean {
  return c === 10 || c === 13 || c === 9 || c === 0x2028 || c === 0x2029;
}

export class KwicTable {
  /** Documents of the hits, in hit order. */
  readonly paths: string[] = [];
  readonly total: number;
  readonly length: number;
  readonly unreadable: string[] = [];
  readonly error: string | undefined;
  private readonly doc: Uint32Array;
  private readonly start: Uint32Array;
  private readonly end: Uint32Array;
  /** Entity of the hit (index into entityIds), or -1. */
  private readonly entity: Int32Array;
  /** Annotation the hit comes from (index into the context's annotations), or -1 (then the covering one is looked up). */
  private readonly annotation: Int32Array;
  private readonly entityIds: string[];
  private readonly width: number;
  private readonly made = new Map<number, KwicRow>();
  private dates: Array<{ value: string; source: string; point: TimePoint } | null> | undefined;
  private byDoc: Map<string, number[]> | undefined;

  constructor(
    query: ConcordanceQuery,
    private readonly ctx: KwicContext,
    options: { context?: number; limit?: number } = {},
  ) {
    this.width = options.context ?? DEFAULT_CONTEXT;
    const limit = options.limit ?? DEFAULT_LIMIT;
    const hits = collect(query, ctx, this.unreadable);
    this.error = hits.error;
    this.entityIds = hits.entityIds;
    this.total = hits.count;
    // Hits of one entity come in document order already: sort only when they do not (by the documents' rank in
    // path order, then start and end: numbers, no string comparison per pair).
    const n = hits.count;
    const rank = new Uint32Array(hits.paths.length);
    hits.paths.map((p, k) => [p, k] as const).sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0)).forEach(([, k], r) => (rank[k] = r));
    let order: Uint32Array | undefined;
    for (let i = 1; i < n; i++) {
      const ra = rank[hits.doc[i - 1]!]!;
      const rb = rank[hits.doc[i]!]!;
      if (ra > rb || (ra === rb && (hits.start[i - 1]! > hits.start[i]! || (hits.start[i - 1] === hits.start[i] && hits.end[i - 1]! > hits.end[i]!)))) {
        order = documentOrder(hits, rank);
        break;
      }
    }
    // Keep at most `limit` rows whose text can be read.
    const keep: number[] = [];
    const readable = new Map<number, boolean>();
    for (let k = 0; k < n && keep.length < limit; k++) {
      const i = order ? order[k]! : k;
      const d = hits.doc[i]!;
      let ok = readable.get(d);
      if (ok === undefined) {
        ok = ctx.textOf(hits.paths[d]!) !== undefined;
        readable.set(d, ok);
        if (!ok && !this.unreadable.includes(hits.paths[d]!)) this.unreadable.push(hits.paths[d]!);
      }
      if (ok) keep.push(i);
    }
    const m = keep.length;
    this.length = m;
    this.doc = new Uint32Array(m);
    this.start = new Uint32Array(m);
    this.end = new Uint32Array(m);
    this.entity = new Int32Array(m);
    this.annotation = new Int32Array(m);
    const docIndex = new Map<number, number>();
    for (let k = 0; k < m; k++) {
      const i = keep[k]!;
      const d = hits.doc[i]!;
      let local = docIndex.get(d);
      if (local === undefined) docIndex.set(d, (local = this.paths.push(hits.paths[d]!) - 1));
      this.doc[k] = local;
      this.start[k] = hits.start[i]!;
      this.end[k] = hits.end[i]!;
      this.entity[k] = hits.entity[i]!;
      this.annotation[k] = hits.annotation[i]!;
    }
  }

  pathOf(i: number): string {
    return this.paths[this.doc[i]!]!;
  }

  spanOf(i: number): { path: string; start: number; end: number } {
    return { path: this.pathOf(i), start: this.start[i]!, end: this.end[i]! };
  }

  private annotationsIn(path: string): number[] {
    if (!this.byDoc) {
      this.byDoc = new Map();
      this.ctx.annotations.forEach((a, k) => {
        let list = this.byDoc!.get(a.path);
        if (!list) this.byDoc!.set(a.path, (list = []));
        list.push(k);
      });
      for (const list of this.byDoc.values()) list.sort((x, y) => this.ctx.annotations[x]!.start - this.ctx.annotations[y]!.start);
    }
    return this.byDoc.get(path) ?? [];
  }

  /** The annotation of a hit: the one it comes from, else the shortest covering it. */
  annotationOf(i: number): ViewAnnotation | undefined {
    const own = this.annotation[i]!;
    if (own !== NONE) return this.ctx.annotations[own];
    const start = this.start[i]!;
    const end = this.end[i]!;
    let best: ViewAnnotation | undefined;
    for (const k of this.annotationsIn(this.pathOf(i))) {
      const a = this.ctx.annotations[k]!;
      if (a.start > start) break;
      if (a.end >= end && (!best || a.end - a.start < best.end - best.start)) best = a;
    }
    return best;
  }

  /** The date the passage of a hit is about (see dating.ts), computed once. */
  dateOf(i: number): { value: string; source: string; point: TimePoint } | undefined {
    this.dates ??= new Array<{ value: string; source: string; point: TimePoint } | null>(this.length);
    let d = this.dates[i];
    if (d === undefined) {
      const a = this.annotationOf(i);
      const p = this.ctx.dater.dateOf(this.pathOf(i), this.start[i]!, this.end[i]!, a?.annotation.when);
      d = this.dates[i] = p ?? null;
    }
    return d ?? undefined;
  }

  /** Row `i` with its context (made once, then kept). */
  row(i: number): KwicRow {
    let r = this.made.get(i);
    if (r) return r;
    const path = this.pathOf(i);
    const text = this.ctx.textOf(path) ?? '';
    const start = this.start[i]!;
    const end = this.end[i]!;
    r = { path, start, end, ...contextOf(text, start, end, this.width) };
    const doc = this.ctx.corpus.document(path);
    const rec = recordIndexOf(doc, start);
    if (rec >= 0) r.recordId = doc!.records[rec]!.id;
    const a = this.annotationOf(i);
    const date = this.dateOf(i);
    if (date) [r.date, r.dateSource] = [date.value, date.source];
    if (a) {
      r.annotationId = a.annotation.id;
      const holder = holderKey(a.annotation.holder, this.ctx.name);
      if (holder) r.holder = holder.label;
    }
    if (this.entity[i] !== NONE) r.entityId = this.entityIds[this.entity[i]!];
    this.made.set(i, r);
    return r;
  }

  /** Rows of `order` (default: hit order) from `from` to `to`. */
  rows(order?: ArrayLike<number>, from = 0, to = order ? order.length : this.length): KwicRow[] {
    const out: KwicRow[] = [];
    const end = Math.min(to, order ? order.length : this.length);
    for (let k = Math.max(0, from); k < end; k++) out.push(this.row(order ? order[k]! : k));
    return out;
  }

  /** Forget made rows (the page holds what it showed; a long scroll would otherwise keep every row). */
  forgetRows(): void {
    this.made.clear();
  }

  all(): Uint32Array {
    return Uint32Array.from({ length: this.length }, (_, k) => k);
  }

  private holderLabel(i: number): string | undefined {
    const a = this.annotationOf(i);
    return a ? holderKey(a.annotation.holder, this.ctx.name)?.label : undefined;
  }

  /** The rows of `subset` (default all) sorted by `key` (stable: ties keep hit order, i.e. document order). */
  sort(key: SortKey, descending = false, subset: Uint32Array = this.all()): Uint32Array {
    const order = Uint32Array.from(subset);
    const sign = descending ? -1 : 1;
    if (key === 'document') {
      // Hits are in document order.
      order.sort((a, b) => sign * (a - b));
      return order;
    }
    if (key === 'date') {
      const keys = new Float64Array(this.length);
      for (const i of order) {
        const p = this.dateOf(i)?.point;
        keys[i] = p ? p.year * 10000 + (p.month ?? 0) * 100 + (p.day ?? 0) : Infinity;
      }
      order.sort((a, b) => (keys[a]! < keys[b]! ? -sign : keys[a]! > keys[b]! ? sign : a - b));
      return order;
    }
    // Each row's key is up to SORT_TOKENS tokens (one for hit and holder); tokens are ranked once among the
    // distinct ones, and the rows sorted by their ranks with a stable radix sort (no comparison per pair).
    const levels = key === 'left' || key === 'right' ? SORT_TOKENS : 1;
    const tokens = new TokenRanks();
    const ids = Array.from({ length: levels }, () => new Int32Array(order.length));
    if (key === 'left' || key === 'right') {
      const table = classTable();
      const folded = foldTable();
      let path: string | undefined;
      let text = '';
      const found: string[] = [];
      order.forEach((i, k) => {
        const p = this.pathOf(i);
        if (p !== path) [path, text] = [p, this.ctx.textOf(p) ?? ''];
        found.length = 0;
        if (key === 'left') leftTokens(text, this.start[i]!, Math.max(0, this.start[i]! - this.width), table, folded, found);
        else rightTokens(text, this.end[i]!, Math.min(text.length, this.end[i]! + this.width), table, folded, found);
        for (let l = 0; l < found.length; l++) ids[l]![k] = tokens.id(found[l]!);
      });
    } else if (key === 'hit') {
      order.forEach((i, k) => (ids[0]![k] = tokens.id(fold((this.ctx.textOf(this.pathOf(i)) ?? '').slice(this.start[i]!, Math.min(this.end[i]!, this.start[i]! + 64))))));
    } else {
      const cache = new Map<string, number>();
      order.forEach((i, k) => {
        const h = this.holderLabel(i);
        if (h === undefined) return void (ids[0]![k] = 0);
        let id = cache.get(h);
        if (id === undefined) cache.set(h, (id = tokens.id(fold(h))));
        ids[0]![k] = id;
      });
      // No holder: last (ascending).
      tokens.missingLast = true;
    }
    return radixSort(order, ids, tokens.ranks(), descending);
  }

  /**
   * The rows of `subset` (default all) whose context, hit, document, holder or date contain `filter`, compared
   * folded (any script, any case; line breaks count as spaces) in the text itself: no context strings are made.
   */
  filter(filter: string, subset: Uint32Array = this.all()): Uint32Array {
    const f = fold(filter.trim());
    if (!f) return Uint32Array.from(subset);
    const pattern = Array.from({ length: f.length }, (_, k) => f.charCodeAt(k));
    const first = pattern[0]!;
    const m = pattern.length;
    const out: number[] = [];
    const pathHit = new Map<string, boolean>();
    const labelHit = new Map<string, boolean>();
    const has = (cache: Map<string, boolean>, s: string) => {
      let v = cache.get(s);
      if (v === undefined) cache.set(s, (v = fold(s).includes(f)));
      return v;
    };
    const folded = foldTable();
    let path: string | undefined;
    let text = '';
    for (const i of subset) {
      const p = this.pathOf(i);
      if (p !== path) [path, text] = [p, this.ctx.textOf(p) ?? ''];
      const from = Math.max(0, this.start[i]! - this.width);
      const to = Math.min(text.length, this.end[i]! + this.width);
      let found = false;
      for (let x = from; x + m <= to && !found; x++) {
        const c = text.charCodeAt(x);
        if ((isLineBreak(c) ? 32 : folded[c]!) !== first) continue;
        let k = 1;
        for (; k < m; k++) {
          const d = text.charCodeAt(x + k);
          if ((isLineBreak(d) ? 32 : folded[d]!) !== pattern[k]) break;
        }
        if (k === m) found = true;
      }
      if (!found) found = has(pathHit, p);
      if (!found) {
        const h = this.holderLabel(i);
        found = h !== undefined && has(labelHit, h);
      }
      if (!found) {
        const d = this.dateOf(i);
        found = d !== undefined && has(labelHit, d.value);
      }
      if (found) out.push(i);
    }
    return Uint32Array.from(out);
  }

  /** The rows of `subset` whose date falls in a period range (period keys of periods.ts, inclusive). */
  inPeriods(from: string, to: string, granularity: Granularity, subset: Uint32Array = this.all()): Uint32Array {
    const out: number[] = [];
    for (const i of subset) {
      const p = this.dateOf(i)?.point;
      const key = p ? periodKey(p, granularity) : undefined;
      if (key !== undefined && key >= from && key <= to) out.push(i);
    }
    return Uint32Array.from(out);
  }
}

/** Runs a concordance query over the corpus and annotations: every row made (tests, CSV). Views use KwicTable. */
export function concordance(query: ConcordanceQuery, ctx: ConcordanceContext, options: ConcordanceOptions = {}): ConcordanceResult {
  const table = new KwicTable(query, ctx, options);
  if (table.error) return { rows: [], total: 0, error: table.error, unreadable: table.unreadable };
  return { rows: table.rows(), total: table.total, unreadable: table.unreadable };
}

/** Hits in document order (documents by path rank, then start, end): bucketed by document, each bucket sorted. */
function documentOrder(hits: { doc: number[]; start: number[]; end: number[]; count: number }, rank: Uint32Array): Uint32Array {
  const n = hits.count;
  const offsets = new Uint32Array(rank.length + 1);
  for (let i = 0; i < n; i++) offsets[rank[hits.doc[i]!]! + 1]!++;
  for (let r = 0; r < rank.length; r++) offsets[r + 1]! += offsets[r]!;
  const fill = Uint32Array.from(offsets);
  const order = new Uint32Array(n);
  for (let i = 0; i < n; i++) order[fill[rank[hits.doc[i]!]!]!++] = i;
  for (let r = 0; r < rank.length; r++) {
    const from = offsets[r]!;
    const to = offsets[r + 1]!;
    let sorted = true;
    for (let k = from + 1; k < to && sorted; k++) {
      const x = order[k - 1]!;
      const y = order[k]!;
      if (hits.start[x]! > hits.start[y]! || (hits.start[x] === hits.start[y] && hits.end[x]! > hits.end[y]!)) sorted = false;
    }
    if (!sorted) order.subarray(from, to).sort((x, y) => hits.start[x]! - hits.start[y]! || hits.end[x]! - hits.end[y]! || x - y);
  }
  return order;
}

/** Distinct tokens numbered as met (1, 2, …; 0 = no token), ranked in string order when asked. */
class TokenRanks {
  private readonly map = new Map<string, number>();
  private readonly list: string[] = [''];
  /** Rows without a token (0) sort after every token instead of before (an absent holder). */
  missingLast = false;

  id(token: string): number {
    let id = this.map.get(token);
    if (id === undefined) this.map.set(token, (id = this.list.push(token) - 1));
    return id;
  }

  /** Rank by id: 0 for no token (or the last rank), then the tokens in string order. */
  ranks(): Int32Array {
    const ids = Array.from({ length: this.list.length - 1 }, (_, k) => k + 1);
    ids.sort((a, b) => (this.list[a]! < this.list[b]! ? -1 : 1));
    const rank = new Int32Array(this.list.length);
    ids.forEach((id, r) => (rank[id] = this.missingLast ? r : r + 1));
    if (this.missingLast) rank[0] = ids.length;
    return rank;
  }
}

/**
 * `order` sorted by its rows' token ranks, level 0 first (a least-significant-digit radix sort: one stable
 * counting pass per level, from the last level to the first); ties keep `order`'s order in both directions.
 */
function radixSort(order: Uint32Array, ids: Int32Array[], rank: Int32Array, descending: boolean): Uint32Array {
  const n = order.length;
  let max = 0;
  for (let k = 0; k < rank.length; k++) if (rank[k]! > max) max = rank[k]!;
  const size = max + 1;
  // Positions into `order`, sorted level by level.
  let pos = Uint32Array.from({ length: n }, (_, k) => k);
  let next = new Uint32Array(n);
  const counts = new Uint32Array(size + 1);
  for (let level = ids.length - 1; level >= 0; level--) {
    const id = ids[level]!;
    counts.fill(0);
    const digit = (k: number) => (descending ? max - rank[id[k]!]! : rank[id[k]!]!);
    for (let k = 0; k < n; k++) counts[digit(k) + 1]!++;
    for (let d = 0; d < size; d++) counts[d + 1]! += counts[d]!;
    for (let j = 0; j < n; j++) {
      const k = pos[j]!;
      next[counts[digit(k)]!++] = k;
    }
    [pos, next] = [next, pos];
  }
  const out = new Uint32Array(n);
  for (let j = 0; j < n; j++) out[j] = order[pos[j]!]!;
  return out;
}

/** Up to SORT_TOKENS tokens read leftwards from `at` (down to `limit`), folded, into `out` (1L first). */
function leftTokens(text: string, at: number, limit: number, table: Uint8Array, folded: Uint16Array, out: string[]): void {
  let x = at - 1;
  while (x >= limit && out.length < SORT_TOKENS) {
    const c = folded[text.charCodeAt(x)]!;
    const cls = table[c]!;
    if (cls === 0) {
      x--;
      continue;
    }
    if (cls === 1) {
      out.push(String.fromCharCode(c));
      x--;
      continue;
    }
    let s = x;
    while (s - 1 >= limit && table[folded[text.charCodeAt(s - 1)]!]! >= 2) s--;
    // A word starts with a letter or digit.
    let w = s;
    while (w <= x && table[folded[text.charCodeAt(w)]!] === 3) w++;
    if (w <= x) out.push(foldedSlice(text, w, x + 1, folded));
    x = s - 1;
  }
}

/** Up to SORT_TOKENS tokens read rightwards from `at` (up to `limit`), folded, into `out` (1R first). */
function rightTokens(text: string, at: number, limit: number, table: Uint8Array, folded: Uint16Array, out: string[]): void {
  let x = at;
  while (x < limit && out.length < SORT_TOKENS) {
    const c = folded[text.charCodeAt(x)]!;
    const cls = table[c]!;
    if (cls === 0 || cls === 3) {
      x++;
      continue;
    }
    if (cls === 1) {
      out.push(String.fromCharCode(c));
      x++;
      continue;
    }
    const s = x;
    while (x < limit && table[folded[text.charCodeAt(x)]!]! >= 2) x++;
    out.push(foldedSlice(text, s, x, folded));
  }
}

function foldedSlice(text: string, from: number, to: number, folded: Uint16Array): string {
  let changed = false;
  for (let k = from; k < to && !changed; k++) if (folded[text.charCodeAt(k)] !== text.charCodeAt(k)) changed = true;
  return changed ? fold(text.slice(from, to)) : text.slice(from, to);
}

interface Hits {
  paths: string[];
  doc: number[];
  start: number[];
  end: number[];
  entity: number[];
  annotation: number[];
  entityIds: string[];
  count: number;
  error?: string;
}

/** Collects the hits of a query as parallel arrays (no object per hit). */
function collect(query: ConcordanceQuery, ctx: KwicContext, unreadable: string[]): Hits {
  const h: Hits = { paths: [], doc: [], start: [], end: [], entity: [], annotation: [], entityIds: [], count: 0 };
  const pathIndex = new Map<string, number>();
  let lastPath: string | undefined;
  let lastIndex = 0;
  const push = (path: string, start: number, end: number, entity: number, annotation: number) => {
    if (path !== lastPath) {
      let k = pathIndex.get(path);
      if (k === undefined) pathIndex.set(path, (k = h.paths.push(path) - 1));
      [lastPath, lastIndex] = [path, k];
    }
    h.doc.push(lastIndex);
    h.start.push(start);
    h.end.push(end);
    h.entity.push(entity);
    h.annotation.push(annotation);
    h.count++;
  };
  switch (query.kind) {
    case 'entity':
      for (const id of new Set(query.entityIds)) {
        const e = h.entityIds.push(id) - 1;
        eachMention(ctx.corpus, id, (path, start, end) => push(path, start, end, e, NONE));
      }
      break;
    case 'code': {
      const wanted = new Set(query.codes.flatMap((c) => ctx.expandCode?.(c) ?? [c]));
      const annotationIndex = new Map(ctx.annotations.map((a, k) => [a.annotation.id + '\u0000' + a.path, k]));
      for (const u of ctx.coded ?? unitsOf(ctx.annotations, ctx.codesOf)) {
        if (!u.codes.some((c) => wanted.has(c))) continue;
        push(u.path, u.start, u.end, NONE, u.annotationId ? (annotationIndex.get(u.annotationId + '\u0000' + u.path) ?? NONE) : NONE);
      }
      break;
    }
    case 'segments': {
      const byId = new Map(ctx.annotations.map((a, k) => [`${a.path}\u0000${a.annotation.id}`, k]));
      for (const s of query.segments) push(s.path, s.start, s.end, NONE, s.annotationId ? (byId.get(`${s.path}\u0000${s.annotationId}`) ?? NONE) : NONE);
      break;
    }
    case 'date':
      for (const doc of ctx.corpus.documents()) {
        for (const d of ctx.corpus.datesOf(doc.path)) {
          if (d.type === 'DURATION' || d.type === 'SET') continue;
          if (inRange(d.value, query.from, query.to)) push(doc.path, d.start, d.end, NONE, NONE);
        }
      }
      break;
    case 'text': {
      const re = searchPattern(query);
      if (typeof re === 'string') {
        h.error = re;
        break;
      }
      for (const doc of ctx.corpus.documents()) {
        const text = ctx.textOf(doc.path);
        if (text === undefined) {
          unreadable.push(doc.path);
          continue;
        }
        re.lastIndex = 0;
        for (let m = re.exec(text); m; m = re.exec(text)) {
          if (m[0].length === 0) {
            re.lastIndex++;
            continue;
          }
          push(doc.path, m.index, m.index + m[0].length, NONE, NONE);
        }
      }
      break;
    }
  }
  return h;
}

function inRange(value: string | undefined, from: string | undefined, to: string | undefined): boolean {
  if (!value) return false;
  const p = timePoint(value);
  if (!p) return false;
  const key = `${String(p.year).padStart(4, '0')}-${String(p.month ?? 1).padStart(2, '0')}-${String(p.day ?? 1).padStart(2, '0')}`;
  return (!from || key >= normalBound(from, false)) && (!to || key <= normalBound(to, true));
}

/** A bound (YYYY, YYYY-MM, YYYY-MM-DD) as a comparable YYYY-MM-DD. */
function normalBound(b: string, end: boolean): string {
  const [y, m, d] = b.split('-');
  return `${y!.padStart(4, '0')}-${m ?? (end ? '12' : '01')}-${d ?? (end ? '31' : '01')}`;
}
