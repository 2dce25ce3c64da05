/**
 * The corpus index: every document's records, entity mentions, dates and topics, for the sidebar views, Go to
 * Symbol, hovers and the CLI. Pure core: the analyser (corpus model + entity and date recognisers) is injected.
 *
 * Memory: the index keeps no document text. Per document it stores record summaries, the entity mentions in typed
 * arrays (start, end, interned entity id, interned surface text, record index), the dates as given, and the topic
 * matches of each record.
 */
import { equalRange } from '../sorted';
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

interface Entry {
  summary: DocumentSummary;
  /** Mentions sorted by (entity, start). */
  mStart: Uint32Array;
  mEnd: Uint32Array;
  mEntity: Uint32Array;
  mSurface: Uint32Array;
  mRecord: Int32Array;
  /** FLAG_MEMBER | FLAG_DEMONYM per mention. */
  mFlags: Uint8Array;
  /** Distinct entities per record (sorted interned ids), and their mention counts in the record (same order). */
  recordEntities: Uint32Array[];
  recordEntityCounts: Uint32Array[];
  /** Distinct entities of the document with their mention counts. */
  entityTotals: Map<number, number>;
  /** (entity, surface, mentions) triples: how each entity is written in the document. */
  surfaceTotals: Uint32Array;
  topics: Array<TopicMatch & { record: number }>;
  dates: DateMention[];
  /** Folded record labels, for symbol search. */
  labelKeys: string[];
  /** Position in the path order of the index (entriesByPath), valid while that order is. */
  rank: number;
}

/** How many cooccurring() answers are kept (per index generation). */
const COOCCURRING_CACHED = 256;

const byPathOrder = (a: Entry, b: Entry) => (a.summary.path < b.summary.path ? -1 : a.summary.path > b.summary.path ? 1 : 0);

const EMPTY_ANALYSIS = (_path: string, text: string): DocumentAnalysis => ({ doc: parseDocument(text), entities: [], dates: [] });

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
  /** entity -> documents containing it -> mention count. */
  private readonly entityDocs = new Map<number, Map<Entry, number>>();
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
    for (const entry of this.entries.values()) entry.topics = [];
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
    // One buffer per document for its mentions' columns (and one for its records' entity lists below): a typed
    // array's own buffer costs its allocation besides its bytes, and a document has a dozen of them.
    const columns = new ArrayBuffer(n * 21);
    const mStart = new Uint32Array(columns, 0, n);
    const mEnd = new Uint32Array(columns, 4 * n, n);
    const mEntity = new Uint32Array(columns, 8 * n, n);
    const mSurface = new Uint32Array(columns, 12 * n, n);
    const mRecord = new Int32Array(columns, 16 * n, n);
    const mFlags = new Uint8Array(columns, 20 * n, n);
    const perRecord: Array<Map<number, number>> = records.map(() => new Map());
    const entityTotals = new Map<number, number>();
    for (let i = 0; i < n; i++) {
      const k = order[i]!;
      const e = entityOf[m[k * MENTION_FIELDS + 2]!]!;
      mStart[i] = m[k * MENTION_FIELDS]!;
      mEnd[i] = m[k * MENTION_FIELDS + 1]!;
      mEntity[i] = e;
      mSurface[i] = surfaceOf[m[k * MENTION_FIELDS + 3]!]!;
      mFlags[i] = m[k * MENTION_FIELDS + 5]!;
      const r = m[k * MENTION_FIELDS + 4]! - 1;
      mRecord[i] = r < records.length ? r : -1;
      if (r >= 0 && r < records.length) perRecord[r]!.set(e, (perRecord[r]!.get(e) ?? 0) + 1);
      entityTotals.set(e, (entityTotals.get(e) ?? 0) + 1);
    }
    const triples: number[] = [];
    for (let i = 0; i < n; ) {
      const e = mEntity[i]!;
      const forms = new Map<number, number>();
      for (; i < n && mEntity[i] === e; i++) forms.set(mSurface[i]!, (forms.get(mSurface[i]!) ?? 0) + 1);
      for (const [sf, c] of forms) triples.push(e, sf, c);
    }
    const recordEntities: Uint32Array[] = [];
    const recordEntityCounts: Uint32Array[] = [];
    const pairs = new Uint32Array(2 * perRecord.reduce((sum, map) => sum + map.size, 0));
    let used = 0;
    for (const map of perRecord) {
      const ids = pairs.subarray(used, used + map.size);
      let k = 0;
      for (const id of map.keys()) ids[k++] = id;
      ids.sort();
      const counts = pairs.subarray(pairs.length / 2 + used, pairs.length / 2 + used + map.size);
      for (k = 0; k < ids.length; k++) counts[k] = map.get(ids[k]!)!;
      recordEntities.push(ids);
      recordEntityCounts.push(counts);
      used += map.size;
    }
    return {
      summary: { path, shape: p.shape, records, entityCount: n, dateCount: p.dates.length, length: p.length },
      mStart,
      mEnd,
      mEntity,
      mSurface,
      mRecord,
      mFlags,
      recordEntities,
      recordEntityCounts,
      entityTotals,
      surfaceTotals: Uint32Array.from(triples),
      topics: p.topics,
      dates: p.dates,
      labelKeys: p.labelKeys,
      rank: 0,
    };
  }

  /** A document of the index as plain data (for the persistent cache); `lines` is left empty (the index keeps none). */
  exportPrepared(path: string): PreparedDocument | undefined {
    const e = this.entries.get(path);
    if (!e) return undefined;
    const entityLocal = new Map<number, number>();
    const surfaceLocal = new Map<number, number>();
    const entityIds: string[] = [];
    const surfaces: string[] = [];
    const n = e.mStart.length;
    const mentions = new Uint32Array(n * MENTION_FIELDS);
    for (let i = 0; i < n; i++) {
      let le = entityLocal.get(e.mEntity[i]!);
      if (le === undefined) entityLocal.set(e.mEntity[i]!, (le = entityIds.push(this.entityIds.strings[e.mEntity[i]!]!) - 1));
      let ls = surfaceLocal.get(e.mSurface[i]!);
      if (ls === undefined) surfaceLocal.set(e.mSurface[i]!, (ls = surfaces.push(this.surfaces.strings[e.mSurface[i]!]!) - 1));
      mentions.set([e.mStart[i]!, e.mEnd[i]!, le, ls, e.mRecord[i]! + 1, e.mFlags[i]!], i * MENTION_FIELDS);
    }
    const s = e.summary;
    return { shape: s.shape, length: s.length, records: s.records, labelKeys: e.labelKeys, entityIds, surfaces, mentions, dates: e.dates, topics: e.topics, lines: new Uint32Array(0) };
  }

  private attach(entry: Entry): void {
    this.generation++;
    const t = entry.surfaceTotals;
    for (let i = 0; i < t.length; i += 3) {
      let forms = this.entitySurfaces.get(t[i]!);
      if (!forms) this.entitySurfaces.set(t[i]!, (forms = new Map()));
      forms.set(t[i + 1]!, (forms.get(t[i + 1]!) ?? 0) + t[i + 2]!);
    }
    for (const [e, count] of entry.entityTotals) {
      this.dirtyEntities.add(e);
      this.docsInOrder.delete(e);
      let docs = this.entityDocs.get(e);
      if (!docs) this.entityDocs.set(e, (docs = new Map()));
      docs.set(entry, count);
      this.entityTotal.set(e, (this.entityTotal.get(e) ?? 0) + count);
    }
    for (const t of entry.topics) {
      let set = this.topicDocs.get(t.topicId);
      if (!set) this.topicDocs.set(t.topicId, (set = new Set()));
      set.add(entry);
    }
  }

  private detach(entry: Entry): void {
    this.generation++;
    const t = entry.surfaceTotals;
    for (let i = 0; i < t.length; i += 3) {
      const forms = this.entitySurfaces.get(t[i]!);
      if (!forms) continue;
      const left = (forms.get(t[i + 1]!) ?? 0) - t[i + 2]!;
      if (left > 0) forms.set(t[i + 1]!, left);
      else forms.delete(t[i + 1]!);
      if (forms.size === 0) this.entitySurfaces.delete(t[i]!);
    }
    for (const [e, count] of entry.entityTotals) {
      this.dirtyEntities.add(e);
      this.docsInOrder.delete(e);
      const docs = this.entityDocs.get(e);
      docs?.delete(entry);
      if (docs && docs.size === 0) this.entityDocs.delete(e);
      const left = (this.entityTotal.get(e) ?? 0) - count;
      if (left > 0) this.entityTotal.set(e, left);
      else this.entityTotal.delete(e);
    }
    for (let i = 0; i < entry.mEntity.length; i++) {
      this.entityIds.release(entry.mEntity[i]!);
      this.surfaces.release(entry.mSurface[i]!);
    }
    for (const t of entry.topics) {
      const set = this.topicDocs.get(t.topicId);
      set?.delete(entry);
      if (set && set.size === 0) this.topicDocs.delete(t.topicId);
    }
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
      for (const t of entry.topics) {
        if (t.topicId === topicId) out.push({ path: entry.summary.path, recordId: entry.summary.records[t.record]!.id, score: t.score, evidence: t.evidence });
      }
    }
    return out.sort((a, b) => b.score - a.score || a.path.localeCompare(b.path) || recordOrder(a.recordId) - recordOrder(b.recordId));
  }

  topicsOfRecord(path: string, recordId: string): TopicMatch[] {
    const entry = this.entries.get(path);
    if (!entry) return [];
    const i = entry.summary.records.findIndex((r) => r.id === recordId);
    return entry.topics.filter((t) => t.record === i).map(({ topicId, score, evidence }) => ({ topicId, score, evidence }));
  }

  /** Topic ids with their number of matching records. */
  topicCounts(): Map<string, number> {
    const counts = new Map<string, number>();
    for (const [id, entries] of this.topicDocs) {
      let n = 0;
      for (const e of entries) for (const t of e.topics) if (t.topicId === id) n++;
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
    const docs = this.entityDocs.get(e);
    if (!docs?.size) return [];
    list = [...docs.keys()].sort((a, b) => a.rank - b.rank);
    this.docsInOrder.set(e, list);
    return list;
  }

  /** Every indexed mention of an entity, by path then offset. */
  mentionsOf(entityId: string): IndexedMention[] {
    const e = this.entityIds.lookup(entityId);
    if (e === undefined) return [];
    const out: IndexedMention[] = [];
    // Path order in code units (localeCompare costs ~50x more), from the ordered entries (entriesOf).
    const entries = this.entriesOf(e);
    for (const entry of entries) {
      const [from, to] = range(entry.mEntity, e);
      for (let i = from; i < to; i++) {
        const r = entry.mRecord[i]!;
        const m: IndexedMention = { path: entry.summary.path, start: entry.mStart[i]!, end: entry.mEnd[i]!, text: this.surfaces.strings[entry.mSurface[i]!]!, entityId };
        if (r >= 0) m.recordId = entry.summary.records[r]!.id;
        out.push(setFlags(m, entry.mFlags[i]!));
      }
    }
    return out;
  }

  /** Mentions of one document, sorted by offset. */
  mentionsIn(path: string): IndexedMention[] {
    const entry = this.entries.get(path);
    if (!entry) return [];
    const out: IndexedMention[] = [];
    for (let i = 0; i < entry.mStart.length; i++) {
      const r = entry.mRecord[i]!;
      const m: IndexedMention = { path, start: entry.mStart[i]!, end: entry.mEnd[i]!, text: this.surfaces.strings[entry.mSurface[i]!]!, entityId: this.entityIds.strings[entry.mEntity[i]!]! };
      if (r >= 0) m.recordId = entry.summary.records[r]!.id;
      out.push(setFlags(m, entry.mFlags[i]!));
    }
    // By offset; an outer mention before the members it holds.
    return out.sort((a, b) => a.start - b.start || b.end - a.end);
  }

  /** entityId -> mention count and number of documents. */
  entityCounts(): Map<string, EntityCount> {
    const out = new Map<string, EntityCount>();
    for (const [e, count] of this.entityTotal) out.set(this.entityIds.strings[e]!, { count, documents: this.entityDocs.get(e)?.size ?? 0 });
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
    if (e === undefined) return [];
    // Counters by interned id in typed arrays, and the ids met in `touched`: a hover of an entity of every document
    // counts hundreds of thousands of (record, entity) pairs, which two Maps made tens to hundreds of milliseconds.
    const size = this.entityIds.strings.length;
    const records = new Int32Array(size);
    const mentions = new Float64Array(size);
    const touched: number[] = [];
    for (const entry of this.entityDocs.get(e)?.keys() ?? []) {
      // The records holding `e` are those of its mentions (by start, so in record order; -1 outside every record).
      const [from, to] = range(entry.mEntity, e);
      let last = -1;
      for (let i = from; i < to; i++) {
        const r = entry.mRecord[i]!;
        if (r < 0 || r === last) continue;
        last = r;
        const ids = entry.recordEntities[r]!;
        const counts = entry.recordEntityCounts[r]!;
        for (let k = 0; k < ids.length; k++) {
          const other = ids[k]!;
          if (other === e) continue;
          if (records[other]++ === 0) touched.push(other);
          mentions[other] += counts[k]!;
        }
      }
    }
    const strings = this.entityIds.strings;
    return touched
      .sort((a, b) => records[b]! - records[a]! || mentions[b]! - mentions[a]! || strings[a]!.localeCompare(strings[b]!))
      .slice(0, Math.max(0, n))
      .map((id) => ({ entityId: strings[id]!, count: records[id]! }));
  }

  /** Mention and document counts of one entity (constant time: for hovers). */
  entityStats(entityId: string): EntityCount {
    const e = this.entityIds.lookup(entityId);
    if (e === undefined) return { count: 0, documents: 0 };
    return { count: this.entityTotal.get(e) ?? 0, documents: this.entityDocs.get(e)?.size ?? 0 };
  }

  /** The entity's first mention, by path then offset, without listing the others. */
  firstMention(entityId: string): IndexedMention | undefined {
    const e = this.entityIds.lookup(entityId);
    if (e === undefined) return undefined;
    let first: Entry | undefined;
    for (const entry of this.entityDocs.get(e)?.keys() ?? []) if (!first || entry.summary.path < first.summary.path) first = entry;
    if (!first) return undefined;
    const [from] = range(first.mEntity, e);
    const r = first.mRecord[from]!;
    const m: IndexedMention = { path: first.summary.path, start: first.mStart[from]!, end: first.mEnd[from]!, text: this.surfaces.strings[first.mSurface[from]!]!, entityId };
    if (r >= 0) m.recordId = first.summary.records[r]!.id;
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
    const docs = this.entityDocs.get(e);
    if (!docs) return undefined;
    const id = this.entityIds.strings[e]!;
    let first: Entry | undefined;
    for (const entry of docs.keys()) if (!first || entry.summary.path < first.summary.path) first = entry;
    if (!first) return undefined;
    const [from] = range(first.mEntity, e);
    let best = -1;
    let bestCount = 0;
    for (const [sf, c] of this.entitySurfaces.get(e) ?? []) if (c > bestCount) [best, bestCount] = [sf, c];
    const name = best >= 0 ? this.surfaces.strings[best]! : id;
    return { kind: 'entity', name, detail: id, path: first.summary.path, span: { start: first.mStart[from]!, end: first.mEnd[from]! }, entityId: id };
  }

  /**
   * Calls `fn` for every mention of an entity (by path, then offset) without building mention objects: for the
   * views' aggregates over a million mentions. `record` is the record index (-1 outside every record).
   */
  eachMentionOf(entityId: string, fn: (path: string, start: number, end: number, record: number, member: boolean) => void): void {
    const e = this.entityIds.lookup(entityId);
    if (e === undefined) return;
    const entries = this.entriesOf(e);
    for (const entry of entries) {
      const [from, to] = range(entry.mEntity, e);
      for (let i = from; i < to; i++) fn(entry.summary.path, entry.mStart[i]!, entry.mEnd[i]!, entry.mRecord[i]!, (entry.mFlags[i]! & FLAG_MEMBER) !== 0);
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
      const records = entry.recordEntities;
      for (let r = 0; r < records.length; r++) {
        const ids = records[r]!;
        let n = 0;
        for (let k = 0; k < ids.length; k++) {
          const p = slot[ids[k]!]!;
          if (p >= 0) members[n++] = p;
        }
        if (n) fn(path, r, members, n);
      }
      const mRecord = entry.mRecord;
      const mEntity = entry.mEntity;
      let n = 0;
      stamp++;
      for (let i = 0; i < mRecord.length; i++) {
        if (mRecord[i]! >= 0) continue;
        const p = slot[mEntity[i]!]!;
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
      const { mEntity, mStart, mEnd, mRecord, mFlags } = entry;
      const path = entry.summary.path;
      for (let i = 0; i < mEntity.length; i++) {
        const p = slot[mEntity[i]!]!;
        if (p >= 0) fn(p, path, mStart[i]!, mEnd[i]!, mRecord[i]!, (mFlags[i]! & FLAG_MEMBER) !== 0);
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
    return entry.recordEntities.map((ids, r) => ({ entityIds: Array.from(ids, (id) => this.entityIds.strings[id]!), counts: entry.recordEntityCounts[r]! }));
  }

  datesOf(path: string): DateMention[] {
    return this.entries.get(path)?.dates ?? [];
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
        if (q && !entry.labelKeys[i]!.includes(q)) continue;
        out.push({ kind: 'record', name: r.label, detail: entry.summary.path, path: entry.summary.path, span: r.titleSpan ?? r.span, recordId: r.id });
      }
    }
    return out;
  }
}


function recordOrder(id: string): number {
  return Number(id.slice(1)) || 0;
}

/** [from, to) of the run of `value` in a sorted array. */
const range = (sorted: Uint32Array, value: number): [number, number] => equalRange(sorted, value);
