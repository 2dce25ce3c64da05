/**
 * The corpus index: every document's records, entity mentions, dates and topics, for the sidebar views, Go to
 * Symbol, hovers and the CLI. Pure core: the analyser (corpus model + entity and date recognisers) is injected.
 *
 * Memory: the index keeps no document text. Per document it stores record summaries and one buffer (see Entry) with
 * the entity mentions in columns (start, end, interned entity id, interned surface text, record), each record's
 * distinct entities, the topic matches of each record and the dates, their strings interned across documents.
 */
import { lowerBound, upperBound } from '../sorted';
import { fold } from '../text/fold';
import type { DateMention, Span } from '../types';
import { parseDocument, recordIndexAt, type DocumentShape } from './model';
import * as prepared from './prepare';
import { prepareDocument, type Analyse, type DocumentAnalysis, type PreparedDocument, type RecordSummary } from './prepare';
import { TopicSet, type TopicMatch } from './topics';

export type { DateMention, EntityMention } from '../types';
export { prepareDocument, recordLabel, type Analyse, type DocumentAnalysis, type PreparedDocument, type RecordSummary } from './prepare';

// Local bindings of the mention layout: read in the index's inner loops (module members compiled to CommonJS, as
// the tests and benchmarks run them, are getters).
export const MENTION_FIELDS = prepared.MENTION_FIELDS;
const FLAG_MEMBER = prepared.FLAG_MEMBER;
const FLAG_DEMONYM = prepared.FLAG_DEMONYM;




export interface DocumentSummary {
  path: string;
  shape: DocumentShape;
  records: RecordSummary[];
  entityCount: number;
  dateCount: number;
  /** UTF-16 length of the text when indexed. */
  length: number;
}

export interface IndexedMention extends Span {
  path: string;
  text: string;
  entityId: string;
  /** Record containing the mention (undefined outside every record). */
  recordId?: string;
  /** An inner member of a nested mention (美国 in 美国国务院). */
  member?: boolean;
  /** An English demonym or adjective of the country (Russian for Russia). */
  demonym?: boolean;
}



function setFlags(m: IndexedMention, flags: number): IndexedMention {
  if (flags & FLAG_MEMBER) m.member = true;
  if (flags & FLAG_DEMONYM) m.demonym = true;
  return m;
}

export interface TopicRecord {
  path: string;
  recordId: string;
  score: number;
  evidence: string[];
}

export interface EntityCount {
  count: number;
  documents: number;
}

export interface CorpusSymbol {
  kind: 'entity' | 'record';
  name: string;
  /** Entity id, or file path for records. */
  detail: string;
  path: string;
  span: Span;
  entityId?: string;
  recordId?: string;
}

export interface IndexChange {
  kind: 'set' | 'remove' | 'rename' | 'topics' | 'clear';
  paths: string[];
}

export interface IndexAllOptions {
  onProgress?(done: number, total?: number): void;
  token?: { isCancellationRequested: boolean };
  /** Yield to the event loop after this many files (default: by time, about every 10 ms). */
  yieldEvery?: number;
  /** Known number of files (arrays report their length by themselves). */
  total?: number;
}

export interface IndexAllResult {
  indexed: number;
  cancelled: boolean;
  failed: Array<{ path: string; error: string }>;
}


export interface CorpusIndexOptions {
  analyse?: Analyse;
  topics?: TopicSet;
}

/** Interned strings with reference counts (entity ids, surface texts). */
class Interner {
  private readonly ids = new Map<string, number>();
  readonly strings: string[] = [];
  readonly refs: number[] = [];
  private readonly free: number[] = [];

  /** The id of `s`, adding `count` references. */
  intern(s: string, count = 1): number {
    let id = this.ids.get(s);
    if (id === undefined) {
      id = this.free.pop() ?? this.strings.length;
      this.ids.set(s, id);
      this.strings[id] = s;
      this.refs[id] = 0;
    }
    this.refs[id]! += count;
    return id;
  }

  lookup(s: string): number | undefined {
    return this.ids.get(s);
  }

  release(id: number): void {
    if (--this.refs[id]! === 0) {
      this.ids.delete(this.strings[id]!);
      this.strings[id] = '';
      this.free.push(id);
    }
  }
}

/**
 * One document in the index. Everything per mention, record, topic match and date is in one buffer per document
 * (`u32`, `flags` and `scores` are views of it): a typed array costs ~100 bytes of heap besides its bytes, and a
 * document had a dozen of them and a Map. The 4-byte region, in this order (n mentions, R records, P record-entity
 * pairs, S surface triples, T topic matches, E evidence strings, D dates):
 *
 *   mentions by (entity, start): start [0, n), end [n, 2n), entity [2n, 3n), surface [3n, 4n), record + 1 [4n, 5n)
 *     (0: outside every record);
 *   records' distinct entities: `recAt` (R + 1 bounds into the pairs), ids (P, sorted within a record), counts (P);
 *   (entity, surface, mentions) triples: 3S;
 *   topic matches: record (T), topic (T, in `strings`), evidence bounds (T + 1), evidence (E, in `strings`);
 *   dates by start: start, end, text, value, type, anchor, mod + 1 (7D; strings in `strings`, mod 0: none).
 *
 * The distinct entities of the document are the runs of the entity column.
 */
interface Entry {
  summary: DocumentSummary;
  u32: Uint32Array;
  /** FLAG_MEMBER | FLAG_DEMONYM per mention (same order as the mention columns). */
  flags: Uint8Array;
  /** Topic match scores. */
  scores: Float64Array;
  /** Mentions. */
  n: number;
  /** Where the records' entity bounds, the pairs' ids, their counts, the triples, topics and dates start in `u32`. */
  recAt: number;
  pairIds: number;
  pairCounts: number;
  triples: number;
  surfaceTriples: number;
  topicRecord: number;
  topicCount: number;
  dates: number;
  dateCount: number;
  /** Folded record labels where folding changes them (symbol search; undefined: the label itself). */
  labelKeys: Array<string | undefined> | undefined;
  /** Position in the path order of the index (entriesByPath), valid while that order is. */
  rank: number;
  /** False once detached: the per-entity document lists drop it when they are next compacted. */
  live: boolean;
}

const DATE_FIELDS = 7;

/** Co-occurrence counters of one entity, by interned id: records shared with it, mentions in those records. */
interface Cooccurrence {
  records: Int32Array;
  mentions: Float64Array;
}

/** How many entities' co-occurrence counters follow the index (the hovers of the last few). */
const COOCCURRENCE_TRACKED = 4;
const EMPTY_SCORES = new Float64Array(0);

/** How many cooccurring() answers are kept (per index generation). */
const COOCCURRING_CACHED = 256;

const byPathOrder = (a: Entry, b: Entry) => (a.summary.path < b.summary.path ? -1 : a.summary.path > b.summary.path ? 1 : 0);

const EMPTY_ANALYSIS = (_path: string, text: string): DocumentAnalysis => ({ doc: parseDocument(text), entities: [], dates: [] });

/** The documents mentioning one entity (live ones; detached entries are dropped when the list is compacted). */
interface EntityDocs {
  docs: Entry[];
  live: number;
}

export class CorpusIndex {
  private readonly analyse: Analyse;
  private topics: TopicSet;
  private readonly entries = new Map<string, Entry>();
  /** The entries sorted by path (code-unit order), made when first asked after a change. */
  private byPath: Entry[] | undefined;
  /** entity -> the documents mentioning it in path order (entriesOf), dropped when one of them changes. */
  private readonly docsInOrder = new Map<number, Entry[]>();
  private readonly entityIds = new Interner();
  private readonly surfaces = new Interner();
  /** Topic ids, evidence and the strings of dates (text, value, type, anchor, mod), shared between documents. */
  private readonly strings = new Interner();
  /** entity -> the documents containing it. */
  private readonly entityDocs = new Map<number, EntityDocs>();
  private readonly entityTotal = new Map<number, number>();
  private readonly topicDocs = new Map<string, Set<Entry>>();
  private readonly listeners = new Set<(e: IndexChange) => void>();
  private batch: IndexChange[] | undefined;
  /** Search keys of entities (symbols), and the entities whose key must be rebuilt. */
  private readonly keyCache = new Map<number, string>();
  private readonly dirtyEntities = new Set<number>();
  /** entity -> surface -> mentions, over the whole index. */
  private readonly entitySurfaces = new Map<number, Map<number, number>>();
  /** Bumped whenever a document is attached or detached: answers cached for one generation stay exact. */
  private generation = 0;
  /** cooccurring() answers of the current generation ("n\0entityId" -> entities and counts), at most COOCCURRING_CACHED. */
  private readonly cooccurringCache = new Map<string, ReadonlyArray<{ entityId: string; count: number }>>();
  private cooccurringGeneration = -1;
  /**
   * Co-occurrence counters of the last COOCCURRENCE_TRACKED entities asked, kept exact as documents come and go: a
   * hover while a corpus is indexed (every document a new generation) then reads them instead of walking every
   * record of the entity again.
   */
  private readonly tracked = new Map<number, Cooccurrence>();

  constructor(options: CorpusIndexOptions | Analyse = {}) {
    const o = typeof options === 'function' ? { analyse: options } : options;
    this.analyse = o.analyse ?? EMPTY_ANALYSIS;
    this.topics = o.topics ?? TopicSet.empty;
  }

  // -------------------------------------------------------------------------------------------------------------
  // Events
  // -------------------------------------------------------------------------------------------------------------

  onDidChange(listener: (e: IndexChange) => void): { dispose(): void } {
    this.listeners.add(listener);
    return { dispose: () => void this.listeners.delete(listener) };
  }

  private emit(e: IndexChange): void {
    if (this.batch) {
      this.batch.push(e);
      return;
    }
    for (const l of [...this.listeners]) {
      try {
        l(e);
      } catch {
        // A listener's failure must not break indexing.
      }
    }
  }

  private flush(): void {
    const batch = this.batch;
    this.batch = undefined;
    if (!batch?.length) return;
    const kinds = new Set(batch.map((b) => b.kind));
    const kind = kinds.size === 1 ? batch[0]!.kind : 'set';
    this.emit({ kind, paths: [...new Set(batch.flatMap((b) => b.paths))] });
  }

  // -------------------------------------------------------------------------------------------------------------
  // Updates
  // -------------------------------------------------------------------------------------------------------------

  /** Replaces the topic list. Topic matches are recomputed when documents are set again (re-index after this). */
  setTopics(topics: TopicSet): void {
    this.topics = topics;
    for (const entry of this.entries.values()) this.dropTopics(entry);
    this.topicDocs.clear();
    this.emit({ kind: 'topics', paths: [] });
  }

  get size(): number {
    return this.entries.size;
  }

  has(path: string): boolean {
    return this.entries.has(path);
  }

  /** Analyses and (re)places one document. If the analyser throws, the previous entry stays and the error propagates. */
  set(path: string, text: string): void {
    this.setPrepared(path, this.prepare(path, text));
  }

  /** Analyses a document without adding it (the index is not changed). */
  prepare(path: string, text: string): PreparedDocument {
    return prepareDocument(text, this.analyse(path, text), this.topics);
  }

  /** Adds (or replaces) a document analysed elsewhere: an indexing worker, or the persistent cache. */
  setPrepared(path: string, prepared: PreparedDocument): void {
    const entry = this.build(path, prepared);
    const old = this.entries.get(path);
    if (old) this.detach(old);
    if (old && this.byPath) {
      // Same path, same place in the order.
      this.byPath[old.rank] = entry;
      entry.rank = old.rank;
    } else this.byPath = undefined;
    this.entries.set(path, entry);
    this.attach(entry);
    this.emit({ kind: 'set', paths: [path] });
  }

  remove(path: string): boolean {
    const old = this.entries.get(path);
    if (!old) return false;
    this.detach(old);
    this.entries.delete(path);
    this.byPath = undefined;
    this.emit({ kind: 'remove', paths: [path] });
    return true;
  }

  rename(from: string, to: string): boolean {
    const entry = this.entries.get(from);
    if (!entry || from === to) return false;
    const existing = this.entries.get(to);
    if (existing) {
      this.detach(existing);
      this.entries.delete(to);
    }
    this.entries.delete(from);
    entry.summary.path = to;
    this.entries.set(to, entry);
    this.byPath = undefined;
    this.emit({ kind: 'rename', paths: [from, to] });
    return true;
  }

  clear(): void {
    const paths = [...this.entries.keys()];
    for (const e of this.entries.values()) this.detach(e);
    this.entries.clear();
    this.byPath = undefined;
    this.emit({ kind: 'clear', paths });
  }

  /**
   * Indexes many files, yielding to the event loop between files (every `yieldEvery` files, or about every 10 ms)
   * so a large corpus never blocks. Stops early when the token is cancelled. A file whose analysis fails is
   * reported in `failed` and the rest goes on. Change events are batched per slice.
   */
  async indexAll(files: AsyncIterable<{ path: string; text: string }> | Iterable<{ path: string; text: string }>, options: IndexAllOptions = {}): Promise<IndexAllResult> {
    const total = options.total ?? (Array.isArray(files) ? files.length : undefined);
    const result: IndexAllResult = { indexed: 0, cancelled: false, failed: [] };
    const yieldEvery = options.yieldEvery && options.yieldEvery > 0 ? options.yieldEvery : 0;
    let done = 0;
    let sinceYield = 0;
    let sliceStart = Date.now();
    this.batch = this.batch ?? [];
    try {
      for await (const file of files as AsyncIterable<{ path: string; text: string }>) {
        if (options.token?.isCancellationRequested) {
          result.cancelled = true;
          break;
        }
        try {
          this.set(file.path, file.text);
          result.indexed++;
        } catch (error) {
          result.failed.push({ path: file.path, error: error instanceof Error ? error.message : String(error) });
        }
        done++;
        sinceYield++;
        options.onProgress?.(done, total);
        if (yieldEvery ? sinceYield >= yieldEvery : Date.now() - sliceStart >= 10) {
          this.flush();
          this.batch = [];
          await new Promise<void>((resolve) => setTimeout(resolve, 0));
          sinceYield = 0;
          sliceStart = Date.now();
          if (options.token?.isCancellationRequested) {
            result.cancelled = true;
            break;
          }
        }
      }
    } finally {
      this.flush();
    }
    return result;
  }


  private build(path: string, p: PreparedDocument): Entry {
    const records = p.records;
    const R = records.length;
    const m = p.mentions;
    const n = m.length / MENTION_FIELDS;
    // Intern each local string once, with as many references as it has mentions.
    const entityCount = new Uint32Array(p.entityIds.length);
    const surfaceCount = new Uint32Array(p.surfaces.length);
    for (let k = 0; k < n; k++) {
      entityCount[m[k * MENTION_FIELDS + 2]!]!++;
      surfaceCount[m[k * MENTION_FIELDS + 3]!]!++;
    }
    const entityOf = Uint32Array.from(p.entityIds, (id, l) => (entityCount[l]! ? this.entityIds.intern(id, entityCount[l]) : 0));
    const surfaceOf = Uint32Array.from(p.surfaces, (sf, l) => (surfaceCount[l]! ? this.surfaces.intern(sf, surfaceCount[l]) : 0));
    // Mentions by (interned entity, start): bucket by entity (locals in interned order), each bucket in the given
    // order, which is by start; checked below, with a full sort if the data was not in that order.
    const locals = Array.from(entityCount.keys()).filter((l) => entityCount[l]! > 0).sort((a, b) => entityOf[a]! - entityOf[b]!);
    const offset = new Uint32Array(p.entityIds.length);
    let at = 0;
    for (const l of locals) {
      offset[l] = at;
      at += entityCount[l]!;
    }
    const order = new Uint32Array(n);
    for (let k = 0; k < n; k++) order[offset[m[k * MENTION_FIELDS + 2]!]!++] = k;
    for (let i = 1; i < n; i++) {
      const a = order[i - 1]!;
      const b = order[i]!;
      if (entityOf[m[a * MENTION_FIELDS + 2]!]! === entityOf[m[b * MENTION_FIELDS + 2]!]! && m[a * MENTION_FIELDS]! > m[b * MENTION_FIELDS]!) {
        order.sort((x, y) => entityOf[m[x * MENTION_FIELDS + 2]!]! - entityOf[m[y * MENTION_FIELDS + 2]!]! || m[x * MENTION_FIELDS]! - m[y * MENTION_FIELDS]!);
        break;
      }
    }
    // Per record: its distinct entities and their mention counts; per entity: its surfaces (the triples).
    const perRecord: Array<Map<number, number>> = records.map(() => new Map());
    const triples: number[] = [];
    for (let i = 0; i < n; ) {
      const e = entityOf[m[order[i]! * MENTION_FIELDS + 2]!]!;
      const forms = new Map<number, number>();
      for (; i < n; i++) {
        const k = order[i]!;
        if (entityOf[m[k * MENTION_FIELDS + 2]!]! !== e) break;
        const sf = surfaceOf[m[k * MENTION_FIELDS + 3]!]!;
        forms.set(sf, (forms.get(sf) ?? 0) + 1);
        const r = m[k * MENTION_FIELDS + 4]! - 1;
        if (r >= 0 && r < R) perRecord[r]!.set(e, (perRecord[r]!.get(e) ?? 0) + 1);
      }
      for (const [sf, c] of forms) triples.push(e, sf, c);
    }
    const P = perRecord.reduce((sum, map) => sum + map.size, 0);
    const T = p.topics.length;
    const E = p.topics.reduce((sum, t) => sum + t.evidence.length, 0);
    const D = p.dates.length;
    const words = 5 * n + (R + 1) + 2 * P + triples.length + 3 * T + 1 + E + DATE_FIELDS * D;
    const buffer = new ArrayBuffer(8 * T + 4 * words + n);
    const scores = T ? new Float64Array(buffer, 0, T) : EMPTY_SCORES;
    const u32 = new Uint32Array(buffer, 8 * T, words);
    const flags = new Uint8Array(buffer, 8 * T + 4 * words, n);
    for (let i = 0; i < n; i++) {
      const k = order[i]! * MENTION_FIELDS;
      u32[i] = m[k]!;
      u32[n + i] = m[k + 1]!;
      u32[2 * n + i] = entityOf[m[k + 2]!]!;
      u32[3 * n + i] = surfaceOf[m[k + 3]!]!;
      const r = m[k + 4]!; // record + 1
      u32[4 * n + i] = r <= R ? r : 0;
      flags[i] = m[k + 5]!;
    }
    const recAt = 5 * n;
    const pairIds = recAt + R + 1;
    const pairCounts = pairIds + P;
    let used = 0;
    for (let r = 0; r < R; r++) {
      const map = perRecord[r]!;
      u32[recAt + r] = used;
      const ids = u32.subarray(pairIds + used, pairIds + used + map.size);
      let k = 0;
      for (const id of map.keys()) ids[k++] = id;
      ids.sort();
      for (k = 0; k < ids.length; k++) u32[pairCounts + used + k] = map.get(ids[k]!)!;
      used += map.size;
    }
    u32[recAt + R] = used;
    const surfaceTriples = pairCounts + P;
    u32.set(triples, surfaceTriples);
    const topicRecord = surfaceTriples + triples.length;
    // Topic matches: record, topic, evidence bounds, evidence.
    let ev = topicRecord + 3 * T + 1;
    p.topics.forEach((t, k) => {
      scores[k] = t.score;
      u32[topicRecord + k] = t.record;
      u32[topicRecord + T + k] = this.strings.intern(t.topicId);
      u32[topicRecord + 2 * T + k] = ev;
      for (const s of t.evidence) u32[ev++] = this.strings.intern(s);
    });
    u32[topicRecord + 3 * T] = ev;
    const dates = ev;
    p.dates.forEach((d, k) => {
      const o = dates + DATE_FIELDS * k;
      u32[o] = d.start;
      u32[o + 1] = d.end;
      u32[o + 2] = this.strings.intern(d.text);
      u32[o + 3] = this.strings.intern(d.value);
      u32[o + 4] = this.strings.intern(d.type);
      u32[o + 5] = this.strings.intern(d.anchor);
      u32[o + 6] = d.mod === undefined ? 0 : this.strings.intern(d.mod) + 1;
    });
    // A record's label is its title when it has one: one string for both (a structured clone or JSON copies each);
    // ids, names, sources, keywords and the shape are shared with the other documents.
    const share = (x: string) => this.strings.strings[this.strings.intern(x)]!;
    for (const r of records) {
      if (r.title !== undefined && r.label === r.title) r.label = r.title;
      eachSharedString(r, share);
    }
    const keys = p.labelKeys.map((k, i) => (k === records[i]?.label ? undefined : k));
    return {
      summary: { path, shape: share(p.shape) as DocumentShape, records, entityCount: n, dateCount: D, length: p.length },
      u32,
      flags,
      scores,
      n,
      recAt,
      pairIds,
      pairCounts,
      triples: triples.length / 3,
      surfaceTriples,
      topicRecord,
      topicCount: T,
      dates,
      dateCount: D,
      labelKeys: keys.some((k) => k !== undefined) ? keys : undefined,
      rank: 0,
      live: true,
    };
  }

  /** The topic matches of a document, as given (topic id, score, evidence, record). */
  private topicsOf(entry: Entry): Array<TopicMatch & { record: number }> {
    const { u32, topicRecord: o, topicCount: T } = entry;
    const strings = this.strings.strings;
    const out: Array<TopicMatch & { record: number }> = [];
    for (let k = 0; k < T; k++) {
      const evidence: string[] = [];
      for (let x = u32[o + 2 * T + k]!; x < u32[o + 2 * T + k + 1]!; x++) evidence.push(strings[u32[x]!]!);
      out.push({ topicId: strings[u32[o + T + k]!]!, score: entry.scores[k]!, evidence, record: u32[o + k]! });
    }
    return out;
  }

  /** The topic id of match `k`. */
  private topicIdOf(entry: Entry, k: number): string {
    return this.strings.strings[entry.u32[entry.topicRecord + entry.topicCount + k]!]!;
  }

  /** Forgets a document's topic matches (releasing their strings); its buffer keeps the space. */
  private dropTopics(entry: Entry): void {
    const { u32, topicRecord: o, topicCount: T } = entry;
    for (let k = 0; k < T; k++) this.strings.release(u32[o + T + k]!);
    for (let x = o + 3 * T + 1; x < u32[o + 3 * T]!; x++) this.strings.release(u32[x]!);
    entry.topicCount = 0;
    // Evidence bounds of no match: [o, o + 1) holds the end of an empty list.
    entry.topicRecord = o + 3 * T;
    u32[entry.topicRecord] = entry.topicRecord + 1;
  }

  /** The document's dates, by start, as given. */
  private datesIn(entry: Entry): DateMention[] {
    const { u32, dates: o } = entry;
    const strings = this.strings.strings;
    const out: DateMention[] = new Array(entry.dateCount);
    for (let k = 0; k < entry.dateCount; k++) {
      const d = o + DATE_FIELDS * k;
      const date: DateMention = { kind: 'date', start: u32[d]!, end: u32[d + 1]!, text: strings[u32[d + 2]!]!, value: strings[u32[d + 3]!]!, type: strings[u32[d + 4]!] as DateMention['type'], anchor: strings[u32[d + 5]!]! };
      if (u32[d + 6]) date.mod = strings[u32[d + 6]! - 1] as DateMention['mod'];
      out[k] = date;
    }
    return out;
  }

  /** A document of the index as plain data (for the persistent cache); `lines` is left empty (the index keeps none). */
  exportPrepared(path: string): PreparedDocument | undefined {
    const e = this.entries.get(path);
    if (!e) return undefined;
    const entityLocal = new Map<number, number>();
    const surfaceLocal = new Map<number, number>();
    const entityIds: string[] = [];
    const surfaces: string[] = [];
    const { n, u32 } = e;
    const mentions = new Uint32Array(n * MENTION_FIELDS);
    for (let i = 0; i < n; i++) {
      const id = u32[2 * n + i]!;
      let le = entityLocal.get(id);
      if (le === undefined) entityLocal.set(id, (le = entityIds.push(this.entityIds.strings[id]!) - 1));
      const sf = u32[3 * n + i]!;
      let ls = surfaceLocal.get(sf);
      if (ls === undefined) surfaceLocal.set(sf, (ls = surfaces.push(this.surfaces.strings[sf]!) - 1));
      mentions.set([u32[i]!, u32[n + i]!, le, ls, u32[4 * n + i]!, e.flags[i]!], i * MENTION_FIELDS);
    }
    const s = e.summary;
    const labelKeys = s.records.map((r, i) => e.labelKeys?.[i] ?? r.label);
    return { shape: s.shape, length: s.length, records: s.records, labelKeys, entityIds, surfaces, mentions, dates: this.datesIn(e), topics: this.topicsOf(e), lines: new Uint32Array(0) };
  }

  /** Calls `fn` for each distinct entity of a document with its number of mentions there. */
  private eachEntityOf(entry: Entry, fn: (e: number, count: number) => void): void {
    const { u32, n } = entry;
    for (let i = 2 * n; i < 3 * n; ) {
      const e = u32[i]!;
      const from = i;
      while (i < 3 * n && u32[i] === e) i++;
      fn(e, i - from);
    }
  }

  private attach(entry: Entry): void {
    this.generation++;
    const { u32, surfaceTriples: t } = entry;
    for (let i = t; i < t + 3 * entry.triples; i += 3) {
      let forms = this.entitySurfaces.get(u32[i]!);
      if (!forms) this.entitySurfaces.set(u32[i]!, (forms = new Map()));
      forms.set(u32[i + 1]!, (forms.get(u32[i + 1]!) ?? 0) + u32[i + 2]!);
    }
    this.eachEntityOf(entry, (e, count) => {
      this.dirtyEntities.add(e);
      this.docsInOrder.delete(e);
      let docs = this.entityDocs.get(e);
      if (!docs) this.entityDocs.set(e, (docs = { docs: [], live: 0 }));
      docs.docs.push(entry);
      docs.live++;
      this.entityTotal.set(e, (this.entityTotal.get(e) ?? 0) + count);
    });
    this.followCooccurrence(entry, 1);
    for (let k = 0; k < entry.topicCount; k++) {
      const id = this.topicIdOf(entry, k);
      let set = this.topicDocs.get(id);
      if (!set) this.topicDocs.set(id, (set = new Set()));
      set.add(entry);
    }
  }

  private detach(entry: Entry): void {
    this.generation++;
    entry.live = false;
    this.followCooccurrence(entry, -1);
    const { u32, n, surfaceTriples: t } = entry;
    for (let i = t; i < t + 3 * entry.triples; i += 3) {
      const forms = this.entitySurfaces.get(u32[i]!);
      if (!forms) continue;
      const left = (forms.get(u32[i + 1]!) ?? 0) - u32[i + 2]!;
      if (left > 0) forms.set(u32[i + 1]!, left);
      else forms.delete(u32[i + 1]!);
      if (forms.size === 0) this.entitySurfaces.delete(u32[i]!);
    }
    this.eachEntityOf(entry, (e, count) => {
      this.dirtyEntities.add(e);
      this.docsInOrder.delete(e);
      const docs = this.entityDocs.get(e);
      if (docs && --docs.live === 0) this.entityDocs.delete(e);
      // Compacted once dead entries are the majority: replacing a document again and again stays linear.
      else if (docs && docs.docs.length > 2 * docs.live + 8) docs.docs = docs.docs.filter((d) => d.live);
      const left = (this.entityTotal.get(e) ?? 0) - count;
      if (left > 0) this.entityTotal.set(e, left);
      else this.entityTotal.delete(e);
    });
    for (let i = 0; i < n; i++) {
      this.entityIds.release(u32[2 * n + i]!);
      this.surfaces.release(u32[3 * n + i]!);
    }
    // An entity gone from the index: its number may name another one next.
    for (const e of this.tracked.keys()) if (!this.entityDocs.has(e)) this.tracked.delete(e);
    for (let k = 0; k < entry.topicCount; k++) {
      const set = this.topicDocs.get(this.topicIdOf(entry, k));
      set?.delete(entry);
      if (set && set.size === 0) this.topicDocs.delete(this.topicIdOf(entry, k));
    }
    this.dropTopics(entry);
    for (let k = 0; k < entry.dateCount; k++) {
      const d = entry.dates + DATE_FIELDS * k;
      for (let f = 2; f < 6; f++) this.strings.release(u32[d + f]!);
      if (u32[d + 6]) this.strings.release(u32[d + 6]! - 1);
    }
    entry.dateCount = 0;
    const release = (x: string) => {
      this.strings.release(this.strings.lookup(x)!);
      return x;
    };
    release(entry.summary.shape);
    for (const r of entry.summary.records) eachSharedString(r, release);
  }

  /** The live documents mentioning entity `e` (any order). */
  private docsOf(e: number): Entry[] {
    const docs = this.entityDocs.get(e);
    if (!docs) return [];
    if (docs.docs.length !== docs.live) docs.docs = docs.docs.filter((d) => d.live);
    return docs.docs;
  }

  // -------------------------------------------------------------------------------------------------------------
  // Queries
  // -------------------------------------------------------------------------------------------------------------

  documents(): DocumentSummary[] {
    return [...this.entries.values()].map((e) => e.summary);
  }

  document(path: string): DocumentSummary | undefined {
    return this.entries.get(path)?.summary;
  }

  record(path: string, recordId: string): RecordSummary | undefined {
    return this.entries.get(path)?.summary.records.find((r) => r.id === recordId);
  }

  /** The record containing `offset`. */
  recordAt(path: string, offset: number): RecordSummary | undefined {
    const records = this.entries.get(path)?.summary.records;
    if (!records) return undefined;
    const i = recordIndexAt(records, offset);
    return i >= 0 ? records[i] : undefined;
  }

  /** Records matching a topic, best first. */
  recordsForTopic(topicId: string): TopicRecord[] {
    const out: TopicRecord[] = [];
    for (const entry of this.topicDocs.get(topicId) ?? []) {
      for (const t of this.topicsOf(entry)) {
        if (t.topicId === topicId) out.push({ path: entry.summary.path, recordId: entry.summary.records[t.record]!.id, score: t.score, evidence: t.evidence });
      }
    }
    return out.sort((a, b) => b.score - a.score || a.path.localeCompare(b.path) || recordOrder(a.recordId) - recordOrder(b.recordId));
  }

  topicsOfRecord(path: string, recordId: string): TopicMatch[] {
    const entry = this.entries.get(path);
    if (!entry) return [];
    const i = entry.summary.records.findIndex((r) => r.id === recordId);
    return this.topicsOf(entry)
      .filter((t) => t.record === i)
      .map(({ topicId, score, evidence }) => ({ topicId, score, evidence }));
  }

  /** Topic ids with their number of matching records. */
  topicCounts(): Map<string, number> {
    const counts = new Map<string, number>();
    for (const [id, entries] of this.topicDocs) {
      let n = 0;
      for (const e of entries) for (let k = 0; k < e.topicCount; k++) if (this.topicIdOf(e, k) === id) n++;
      counts.set(id, n);
    }
    return counts;
  }

  private entriesByPath(): Entry[] {
    if (!this.byPath) {
      this.docsInOrder.clear();
      this.byPath = [...this.entries.values()].sort(byPathOrder);
      this.byPath.forEach((entry, i) => (entry.rank = i));
    }
    return this.byPath;
  }

  /**
   * The documents mentioning entity `e`, in path order, kept until one of them changes (sorting thousands of paths
   * per entity on every query was most of the views' time).
   */
  private entriesOf(e: number): readonly Entry[] {
    this.entriesByPath(); // (re)numbers the entries and drops the lists after a change of the order
    let list = this.docsInOrder.get(e);
    if (list) return list;
    const docs = this.docsOf(e);
    if (!docs.length) return [];
    list = [...docs].sort((a, b) => a.rank - b.rank);
    this.docsInOrder.set(e, list);
    return list;
  }

  /** An indexed mention object of mention `i` of a document. */
  private mentionAt(entry: Entry, i: number, entityId: string): IndexedMention {
    const { u32, n } = entry;
    const r = u32[4 * n + i]!;
    const m: IndexedMention = { path: entry.summary.path, start: u32[i]!, end: u32[n + i]!, text: this.surfaces.strings[u32[3 * n + i]!]!, entityId };
    if (r > 0) m.recordId = entry.summary.records[r - 1]!.id;
    return setFlags(m, entry.flags[i]!);
  }

  /** Every indexed mention of an entity, by path then offset. */
  mentionsOf(entityId: string): IndexedMention[] {
    const e = this.entityIds.lookup(entityId);
    if (e === undefined) return [];
    const out: IndexedMention[] = [];
    // Path order in code units (localeCompare costs ~50x more), from the ordered entries (entriesOf).
    for (const entry of this.entriesOf(e)) {
      const [from, to] = mentionsRange(entry, e);
      for (let i = from; i < to; i++) out.push(this.mentionAt(entry, i, entityId));
    }
    return out;
  }

  /** Mentions of one document, sorted by offset. */
  mentionsIn(path: string): IndexedMention[] {
    const entry = this.entries.get(path);
    if (!entry) return [];
    const out: IndexedMention[] = [];
    for (let i = 0; i < entry.n; i++) out.push(this.mentionAt(entry, i, this.entityIds.strings[entry.u32[2 * entry.n + i]!]!));
    // By offset; an outer mention before the members it holds.
    return out.sort((a, b) => a.start - b.start || b.end - a.end);
  }

  /** entityId -> mention count and number of documents. */
  entityCounts(): Map<string, EntityCount> {
    const out = new Map<string, EntityCount>();
    for (const [e, count] of this.entityTotal) out.set(this.entityIds.strings[e]!, { count, documents: this.entityDocs.get(e)?.live ?? 0 });
    return out;
  }

  /**
   * Entities sharing the most records with `entityId` (count = shared records). Ties are broken by how often the
   * other entity is mentioned in those records (in a corpus of single-record documents every entity of a document
   * shares exactly one record: the most mentioned come first, not the first ids alphabetically).
   *
   * Answers are kept until a document changes (the hover card of an entity of every document walks all its records:
   * tens of ms at 4,000 documents; the same card again, or another mention of the entity, is then a lookup).
   */
  cooccurring(entityId: string, n = 10): Array<{ entityId: string; count: number }> {
    if (this.cooccurringGeneration !== this.generation) {
      this.cooccurringCache.clear();
      this.cooccurringGeneration = this.generation;
    }
    const key = `${n}\u0000${entityId}`;
    let answer = this.cooccurringCache.get(key);
    if (!answer) {
      answer = this.countCooccurring(entityId, n);
      if (this.cooccurringCache.size >= COOCCURRING_CACHED) this.cooccurringCache.delete(this.cooccurringCache.keys().next().value!);
      this.cooccurringCache.set(key, answer);
    }
    return answer.map((c) => ({ ...c }));
  }

  private countCooccurring(entityId: string, n: number): Array<{ entityId: string; count: number }> {
    const e = this.entityIds.lookup(entityId);
    if (e === undefined || !this.entityDocs.has(e)) return [];
    let c = this.tracked.get(e);
    if (c) this.tracked.delete(e); // (set again below: the most recent last)
    else {
      // Counters by interned id in typed arrays: a hover of an entity of every document counts hundreds of thousands
      // of (record, entity) pairs, which two Maps made tens to hundreds of milliseconds.
      const size = this.entityIds.strings.length;
      c = { records: new Int32Array(size), mentions: new Float64Array(size) };
      for (const entry of this.docsOf(e)) countInto(entry, e, c, 1);
    }
    this.tracked.set(e, c);
    if (this.tracked.size > COOCCURRENCE_TRACKED) this.tracked.delete(this.tracked.keys().next().value!);
    return this.topOf(c, e, n);
  }

  /**
   * The `n` entities sharing the most records with `e` (then the most mentions there, then by id), from its counters:
   * one pass keeping the best n, not a sort of every entity met.
   */
  private topOf({ records, mentions }: Cooccurrence, e: number, n: number): Array<{ entityId: string; count: number }> {
    const strings = this.entityIds.strings;
    const before = (a: number, b: number) =>
      records[a] !== records[b] ? records[a]! > records[b]! : mentions[a] !== mentions[b] ? mentions[a]! > mentions[b]! : compareIds(strings[a]!, strings[b]!) < 0;
    const top: number[] = [];
    const limit = Math.max(0, n);
    for (let id = 0; limit > 0 && id < records.length; id++) {
      if (records[id]! <= 0 || id === e) continue;
      if (top.length === limit && !before(id, top[limit - 1]!)) continue;
      let k = top.length;
      while (k > 0 && before(id, top[k - 1]!)) k--;
      top.splice(k, 0, id);
      if (top.length > limit) top.pop();
    }
    return top.map((id) => ({ entityId: strings[id]!, count: records[id]! }));
  }

  /** The counters of the entities asked last follow a document that comes (sign 1) or goes (-1). */
  private followCooccurrence(entry: Entry, sign: 1 | -1): void {
    for (const [e, c] of this.tracked) {
      const [from, to] = mentionsRange(entry, e);
      if (from === to) continue;
      const size = this.entityIds.strings.length;
      if (c.records.length < size) {
        const grown = Math.max(size, Math.ceil(c.records.length * 1.5));
        const records = new Int32Array(grown);
        const mentions = new Float64Array(grown);
        records.set(c.records);
        mentions.set(c.mentions);
        c.records = records;
        c.mentions = mentions;
      }
      countInto(entry, e, c, sign);
    }
  }

  /** Mention and document counts of one entity (constant time: for hovers). */
  entityStats(entityId: string): EntityCount {
    const e = this.entityIds.lookup(entityId);
    if (e === undefined) return { count: 0, documents: 0 };
    return { count: this.entityTotal.get(e) ?? 0, documents: this.entityDocs.get(e)?.live ?? 0 };
  }

  /** The document mentioning `e` first in path order. */
  private firstDocOf(e: number): Entry | undefined {
    let first: Entry | undefined;
    for (const entry of this.docsOf(e)) if (!first || entry.summary.path < first.summary.path) first = entry;
    return first;
  }

  /** The entity's first mention, by path then offset, without listing the others. */
  firstMention(entityId: string): IndexedMention | undefined {
    const e = this.entityIds.lookup(entityId);
    if (e === undefined) return undefined;
    const first = this.firstDocOf(e);
    if (!first) return undefined;
    const [from] = mentionsRange(first, e);
    const { u32, n } = first;
    const r = u32[4 * n + from]!;
    const m: IndexedMention = { path: first.summary.path, start: u32[from]!, end: u32[n + from]!, text: this.surfaces.strings[u32[3 * n + from]!]!, entityId };
    if (r > 0) m.recordId = first.summary.records[r - 1]!.id;
    return m;
  }

  /**
   * One search key per entity (its folded surface forms and id), kept per entity and rebuilt only for entities whose
   * documents changed; the symbol itself (first mention, most frequent name) is made only for matches.
   */
  private entityKeys(): Map<number, string> {
    for (const e of this.dirtyEntities) {
      const forms = this.entitySurfaces.get(e);
      if (!forms || !this.entityDocs.has(e)) {
        this.keyCache.delete(e);
        continue;
      }
      this.keyCache.set(e, `${fold([...forms.keys()].map((sf) => this.surfaces.strings[sf]!).join('\u0000'))}\u0000${this.entityIds.strings[e]!.toLowerCase()}`);
    }
    this.dirtyEntities.clear();
    return this.keyCache;
  }

  private entitySymbol(e: number): CorpusSymbol | undefined {
    const id = this.entityIds.strings[e]!;
    const first = this.firstDocOf(e);
    if (!first) return undefined;
    const [from] = mentionsRange(first, e);
    let best = -1;
    let bestCount = 0;
    for (const [sf, c] of this.entitySurfaces.get(e) ?? []) if (c > bestCount) [best, bestCount] = [sf, c];
    const name = best >= 0 ? this.surfaces.strings[best]! : id;
    return { kind: 'entity', name, detail: id, path: first.summary.path, span: { start: first.u32[from]!, end: first.u32[first.n + from]! }, entityId: id };
  }

  /**
   * Calls `fn` for every mention of an entity (by path, then offset) without building mention objects: for the
   * views' aggregates over a million mentions. `record` is the record index (-1 outside every record).
   */
  eachMentionOf(entityId: string, fn: (path: string, start: number, end: number, record: number, member: boolean) => void): void {
    const e = this.entityIds.lookup(entityId);
    if (e === undefined) return;
    for (const entry of this.entriesOf(e)) {
      const { u32, n, flags } = entry;
      const [from, to] = mentionsRange(entry, e);
      for (let i = from; i < to; i++) fn(entry.summary.path, u32[i]!, u32[n + i]!, u32[4 * n + i]! - 1, (flags[i]! & FLAG_MEMBER) !== 0);
    }
  }

  /**
   * Once per record of every document (and once per document for its mentions outside every record, `record` -1)
   * that mentions one of `entityIds`: the distinct ones mentioned there (nested members included), as positions in
   * `entityIds`, in `members[0..n)` (a buffer reused between calls). For the co-occurrence network over a million
   * mentions: one pass over the documents, no string or object per mention.
   */
  eachRecordOf(entityIds: readonly string[], fn: (path: string, record: number, members: Int32Array, n: number) => void): void {
    const slot = this.positions(entityIds);
    const members = new Int32Array(entityIds.length);
    const seen = new Int32Array(entityIds.length).fill(-1);
    let stamp = 0;
    for (const entry of this.entries.values()) {
      const path = entry.summary.path;
      const { u32, recAt, pairIds } = entry;
      const R = entry.summary.records.length;
      for (let r = 0; r < R; r++) {
        let n = 0;
        for (let k = u32[recAt + r]!; k < u32[recAt + r + 1]!; k++) {
          const p = slot[u32[pairIds + k]!]!;
          if (p >= 0) members[n++] = p;
        }
        if (n) fn(path, r, members, n);
      }
      const count = entry.n;
      let n = 0;
      stamp++;
      for (let i = 0; i < count; i++) {
        if (u32[4 * count + i]! > 0) continue;
        const p = slot[u32[2 * count + i]!]!;
        if (p >= 0 && seen[p] !== stamp) {
          seen[p] = stamp;
          members[n++] = p;
        }
      }
      if (n) fn(path, -1, members, n);
    }
  }

  /**
   * eachMentionOf for several entities in one pass over the documents (by path; within a document by entity, then
   * offset): `which` is the entity's position in `entityIds`. Each document's data is read once, not once per entity.
   */
  eachMentionOfAny(entityIds: readonly string[], fn: (which: number, path: string, start: number, end: number, record: number, member: boolean) => void): void {
    const slot = this.positions(entityIds);
    for (const entry of this.entriesByPath()) {
      const { u32, n, flags } = entry;
      const path = entry.summary.path;
      for (let i = 0; i < n; i++) {
        const p = slot[u32[2 * n + i]!]!;
        if (p >= 0) fn(p, path, u32[i]!, u32[n + i]!, u32[4 * n + i]! - 1, (flags[i]! & FLAG_MEMBER) !== 0);
      }
    }
  }

  /** Interned entity number -> position in `entityIds` (-1: not there). */
  private positions(entityIds: readonly string[]): Int32Array {
    const slot = new Int32Array(this.entityIds.strings.length).fill(-1);
    entityIds.forEach((id, i) => {
      const e = this.entityIds.lookup(id);
      if (e !== undefined) slot[e] = i;
    });
    return slot;
  }

  /** The distinct entities of each record of a document (nested members included) and their mention counts. */
  recordEntities(path: string): Array<{ entityIds: string[]; counts: Uint32Array }> {
    const entry = this.entries.get(path);
    if (!entry) return [];
    const { u32, recAt, pairIds, pairCounts } = entry;
    return entry.summary.records.map((_, r) => {
      const from = u32[recAt + r]!;
      const to = u32[recAt + r + 1]!;
      return { entityIds: Array.from(u32.subarray(pairIds + from, pairIds + to), (id) => this.entityIds.strings[id]!), counts: u32.slice(pairCounts + from, pairCounts + to) };
    });
  }

  datesOf(path: string): DateMention[] {
    const entry = this.entries.get(path);
    return entry ? this.datesIn(entry) : [];
  }

  /**
   * Entities (one symbol each, at their first mention, named by their most frequent surface form) and records,
   * for Go to Symbol in Workspace. `query` filters on folded names and ids (substring); empty returns all.
   */
  symbols(query = '', limit = 1000): CorpusSymbol[] {
    const q = query.trim() ? fold(query.trim()) : '';
    const out: CorpusSymbol[] = [];
    for (const [e, key] of this.entityKeys()) {
      if (out.length >= limit) return out;
      if (q && !key.includes(q)) continue;
      const symbol = this.entitySymbol(e);
      if (symbol) out.push(symbol);
    }
    for (const entry of this.entries.values()) {
      for (const [i, r] of entry.summary.records.entries()) {
        if (out.length >= limit) return out;
        if (q && !(entry.labelKeys?.[i] ?? r.label).includes(q)) continue;
        out.push({ kind: 'record', name: r.label, detail: entry.summary.path, path: entry.summary.path, span: r.titleSpan ?? r.span, recordId: r.id });
      }
    }
    return out;
  }
}


/**
 * Replaces each string of a record that other records and documents share (its id, authors, source, date text and
 * source, journal, pages, keywords, Q&A holders) by `fn` of it: the index interns them (a structured clone or JSON
 * parse makes a copy of every one), and releases them when the document goes.
 */
function eachSharedString(r: RecordSummary, fn: (s: string) => string): void {
  r.id = fn(r.id);
  if (r.authors) for (let i = 0; i < r.authors.length; i++) r.authors[i] = fn(r.authors[i]!);
  if (r.source !== undefined) r.source = fn(r.source);
  if (r.dateText !== undefined) r.dateText = fn(r.dateText);
  if (r.dateSource !== undefined) r.dateSource = fn(r.dateSource) as RecordSummary['dateSource'];
  if (r.citation) {
    r.citation.journal = fn(r.citation.journal);
    if (r.citation.issue !== undefined) r.citation.issue = fn(r.citation.issue);
    if (r.citation.pages !== undefined) r.citation.pages = fn(r.citation.pages);
  }
  if (r.keywords) for (let i = 0; i < r.keywords.length; i++) r.keywords[i] = fn(r.keywords[i]!);
  if (r.sections) for (const section of r.sections) section.holder = fn(section.holder);
}

function recordOrder(id: string): number {
  return Number(id.slice(1)) || 0;
}

/** Entity ids in a total order: localeCompare, then code units where it finds two ids equal. */
function compareIds(a: string, b: string): number {
  return a.localeCompare(b) || (a < b ? -1 : a > b ? 1 : 0);
}

/** Adds (sign 1) or takes away (-1) what one document contributes to the co-occurrence counters of entity `e`. */
function countInto(entry: Entry, e: number, c: Cooccurrence, sign: 1 | -1): void {
  // The records holding `e` are those of its mentions (by start, so in record order; 0 outside every record).
  const { u32, n, recAt, pairIds, pairCounts } = entry;
  const { records, mentions } = c;
  const [from, to] = mentionsRange(entry, e);
  let last = 0;
  for (let i = from; i < to; i++) {
    const r1 = u32[4 * n + i]!;
    if (r1 === 0 || r1 === last) continue;
    last = r1;
    for (let k = u32[recAt + r1 - 1]!; k < u32[recAt + r1]!; k++) {
      const other = u32[pairIds + k]!;
      records[other]! += sign;
      mentions[other]! += sign * u32[pairCounts + k]!;
    }
  }
}

/** [from, to) of the mentions of interned entity `e` in a document (its run of the entity column). */
function mentionsRange(entry: Entry, e: number): [number, number] {
  const n = entry.n;
  const from = lowerBound(entry.u32, e, 2 * n, 3 * n);
  return [from - 2 * n, upperBound(entry.u32, e, from, 3 * n) - 2 * n];
}
