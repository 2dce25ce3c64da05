/**
 * One document made ready for the corpus index: its analysis (records, entity mentions, dates) turned into plain
 * index data with its topic matches and record summaries (`prepareDocument`). Pure and text-free afterwards: it runs
 * in an indexing worker, and the persistent index cache stores its result.
 */
import { fold } from '../text/fold';
import { lineStarts } from '../text/offsets';
import type { DateMention, EntityMention } from '../types';
import { recordIndexAt, type CorpusDocument, type CorpusRecord, type DocumentShape } from './model';
import type { TopicMatch, TopicSet } from './topics';

export interface DocumentAnalysis {
  doc: CorpusDocument;
  entities: EntityMention[];
  dates: DateMention[];
}

export type Analyse = (path: string, text: string) => DocumentAnalysis;

export interface RecordSummary extends Omit<CorpusRecord, 'metadataSpans'> {
  /** Title, else the record's first words. */
  label: string;
  entityCount: number;
  dateCount: number;
}

export const FLAG_MEMBER = 1;
export const FLAG_DEMONYM = 2;

/** Numbers per mention in PreparedDocument.mentions. */
export const MENTION_FIELDS = 6;

/** Top-level mentions and their inner members (nested levels count as mentions of their own). */
function withMembers(mentions: readonly EntityMention[]): Array<EntityMention & { member?: boolean }> {
  if (!mentions.some((m) => m.members)) return mentions as EntityMention[];
  const out: Array<EntityMention & { member?: boolean }> = [];
  for (const m of mentions) {
    out.push(m);
    for (const x of m.members ?? []) out.push({ ...x, member: true });
  }
  return out;
}

/**
 * One document analysed for the index, as plain data (structured-clone and JSON safe): what an indexing worker
 * sends back and what the persistent index cache stores. `prepareDocument` makes it from the text and its
 * analysis; `CorpusIndex.setPrepared` adds it without the text.
 */
export interface PreparedDocument {
  shape: DocumentShape;
  /** UTF-16 length of the text. */
  length: number;
  records: RecordSummary[];
  /** Folded record labels (symbol search). */
  labelKeys: string[];
  /** Local string tables the mentions point into. */
  entityIds: string[];
  surfaces: string[];
  /**
   * MENTION_FIELDS (6) numbers per mention, nested members included: start, end, entity (into entityIds), surface
   * (into surfaces), record + 1 (0: outside every record), FLAG_MEMBER | FLAG_DEMONYM.
   */
  mentions: Uint32Array;
  dates: DateMention[];
  topics: Array<TopicMatch & { record: number }>;
  /** Line starts of the text, for locations without reading the file again. */
  lines: Uint32Array;
}

const MAX_EVIDENCE = 8;

/**
 * A document's analysis as index data: mentions in local string tables with their records, dates by start, the
 * topic matches of each record (on the folded text), record summaries and line starts. Pure: runs in a worker.
 */
export function prepareDocument(text: string, analysis: DocumentAnalysis, topics: TopicSet): PreparedDocument {
  const { doc } = analysis;
  const records = doc.records;
  const entities = withMembers(analysis.entities);
  const n = entities.length;
  const entityLocal = new Map<string, number>();
  const surfaceLocal = new Map<string, number>();
  const entityIds: string[] = [];
  const surfaces: string[] = [];
  const mentions = new Uint32Array(n * MENTION_FIELDS);
  const perRecord: Array<Set<string>> = records.map(() => new Set());
  const recordEntityCount = new Uint32Array(records.length);
  for (let k = 0; k < n; k++) {
    const m = entities[k]!;
    let e = entityLocal.get(m.entityId);
    if (e === undefined) entityLocal.set(m.entityId, (e = entityIds.push(m.entityId) - 1));
    let sf = surfaceLocal.get(m.text);
    if (sf === undefined) surfaceLocal.set(m.text, (sf = surfaces.push(own(m.text)) - 1));
    const r = recordIndexAt(records, m.start);
    if (r >= 0) {
      perRecord[r]!.add(m.entityId);
      recordEntityCount[r]!++;
    }
    const at = k * MENTION_FIELDS;
    mentions[at] = m.start;
    mentions[at + 1] = m.end;
    mentions[at + 2] = e;
    mentions[at + 3] = sf;
    mentions[at + 4] = r + 1;
    mentions[at + 5] = (m.member ? FLAG_MEMBER : 0) | (m.demonym ? FLAG_DEMONYM : 0);
  }
  const recordDateCount = new Uint32Array(records.length);
  for (const d of analysis.dates) {
    const r = recordIndexAt(records, d.start);
    if (r >= 0) recordDateCount[r]!++;
  }
  // Topics: fold the document once, match each record.
  const matches: PreparedDocument['topics'] = [];
  if (topics.size && records.length) {
    const folded = fold(text);
    records.forEach((r, i) => {
      for (const m of topics.match(folded.slice(r.span.start, r.span.end), perRecord[i]!, { folded: true })) {
        matches.push({ topicId: m.topicId, score: m.score, evidence: m.evidence.slice(0, MAX_EVIDENCE).map((s) => own(s)), record: i });
      }
    });
  }
  const summaries: RecordSummary[] = records.map((r, i) => summarise(r, text, recordEntityCount[i]!, recordDateCount[i]!));
  return {
    shape: doc.shape,
    length: text.length,
    records: summaries,
    labelKeys: summaries.map((r) => own(fold(r.label))),
    entityIds,
    surfaces,
    mentions,
    dates: analysis.dates.map((d) => ({ ...d, text: own(d.text) })).sort((a, b) => a.start - b.start),
    topics: matches,
    lines: lineStarts(text),
  };
}

/**
 * A copy of a short string that does not keep the document alive: V8 represents `text.slice()` of 13+ characters
 * as a view into the whole text, so titles and labels would otherwise retain every indexed file.
 */
function own(s: string): string;
function own(s: string | undefined): string | undefined;
function own(s: string | undefined): string | undefined {
  return s === undefined || s.length < 13 ? s : (' ' + s).slice(1);
}

function summarise(r: CorpusRecord, text: string, entityCount: number, dateCount: number): RecordSummary {
  const out: RecordSummary = { id: r.id, span: r.span, label: own(recordLabel(r, text)), entityCount, dateCount };
  if (r.title !== undefined) out.title = own(r.title);
  if (r.titleSpan) out.titleSpan = r.titleSpan;
  if (r.authors) out.authors = r.authors.map((s) => own(s));
  if (r.source !== undefined) out.source = own(r.source);
  if (r.dateText !== undefined) out.dateText = own(r.dateText);
  if (r.dateSpan) out.dateSpan = r.dateSpan;
  if (r.dateSource) out.dateSource = r.dateSource;
  if (r.citation) out.citation = { ...r.citation, journal: own(r.citation.journal), ...(r.citation.pages ? { pages: own(r.citation.pages) } : {}) };
  if (r.keywords) out.keywords = r.keywords.map((s) => own(s));
  if (r.sections) out.sections = r.sections.map((s) => ({ span: s.span, holder: own(s.holder), holderSpan: s.holderSpan }));
  return out;
}

/** A record's label: its title, else the first words of its body (after its metadata lines: citation, author...). */
export function recordLabel(r: CorpusRecord, text: string): string {
  return r.title || firstWords(text, r) || r.id;
}

function firstWords(text: string, r: Pick<CorpusRecord, 'span' | 'metadataSpans'>): string {
  let start = r.span.start;
  for (let moved = true; moved; ) {
    moved = false;
    while (start < r.span.end && /\s/.test(text[start]!)) start++;
    for (const m of r.metadataSpans ?? []) {
      if (m.start <= start && m.end > start) {
        start = m.end;
        moved = true;
      }
    }
  }
  if (start >= r.span.end) start = r.span.start;
  const head = text.slice(start, Math.min(r.span.end, start + 120)).replace(/\s+/g, ' ').trim();
  return head.length > 32 ? `${head.slice(0, 32)}…` : head;
}
