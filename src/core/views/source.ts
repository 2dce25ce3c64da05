/**
 * What the views read: the corpus index (as an interface: `CorpusIndex` satisfies it), the annotations located in
 * their documents, and the codes of an annotation (a function, so that the free-text tags of today can be
 * replaced by a codebook's codes without touching the aggregates).
 */
import type { Annotation, About, Holder } from '../annotations/schema';
import type { DateMention, DocumentSummary, EntityCount, IndexedMention } from '../corpus/index';
import type { Span } from '../types';
import { lowerBoundBy } from '../sorted';

export interface ViewCorpus {
  documents(): DocumentSummary[];
  document(path: string): DocumentSummary | undefined;
  mentionsOf(entityId: string): IndexedMention[];
  mentionsIn(path: string): IndexedMention[];
  datesOf(path: string): DateMention[];
  entityCounts(): Map<string, EntityCount>;
  /** Faster paths (CorpusIndex has them): mentions without objects, distinct entities per record. */
  eachMentionOf?(entityId: string, fn: (path: string, start: number, end: number, record: number, member: boolean) => void): void;
  recordEntities?(path: string): Array<{ entityIds: string[]; counts: ArrayLike<number> }>;
  /** eachMentionOf for several entities in one pass over the documents (`which`: the position in `entityIds`). */
  eachMentionOfAny?(entityIds: readonly string[], fn: (which: number, path: string, start: number, end: number, record: number, member: boolean) => void): void;
  /**
   * Once per record of every document (and once per document for its mentions outside every record, `record` -1):
   * the distinct entities of `entityIds` mentioned there (nested members included), as their positions in
   * `entityIds`, in `members[0..n)` (a buffer reused between calls).
   */
  eachRecordOf?(entityIds: readonly string[], fn: (path: string, record: number, members: Int32Array, n: number) => void): void;
}

/** Every mention of an entity as (path, start, end), through the fast path when the corpus has one. */
export function eachMention(corpus: ViewCorpus, entityId: string, fn: (path: string, start: number, end: number) => void): void {
  if (corpus.eachMentionOf) corpus.eachMentionOf(entityId, fn);
  else for (const m of corpus.mentionsOf(entityId)) fn(m.path, m.start, m.end);
}

/** An annotation with its place in the current text of its document (UTF-16). Orphans are left out by the caller. */
export interface ViewAnnotation {
  path: string;
  start: number;
  end: number;
  annotation: Annotation;
}

/** A passage of a document, what every mark of a view leads back to. */
export interface Segment extends Span {
  path: string;
  /** The annotation it comes from, if any. */
  annotationId?: string;
}

/** The codes of an annotation. Today its tags; a codebook's coded segments can be plugged in here. */
export type CodesOf = (a: Annotation) => readonly string[];

export const tagCodes: CodesOf = (a) => a.tags ?? [];

/** Display name of an entity id (the knowledge base's preferred name), the id itself when unknown. */
export type EntityName = (entityId: string) => string;

export const idName: EntityName = (id) => id;

/** Key and label of a holder: an entity, a free-text holder or a Q&A section. */
export function holderKey(h: Holder | undefined, name: EntityName): { key: string; label: string } | undefined {
  if (!h) return undefined;
  if ('entity' in h) return { key: `entity:${h.entity}`, label: name(h.entity) };
  if ('text' in h) return { key: `text:${h.text}`, label: h.text };
  return { key: `section:${h.section}`, label: h.section };
}

/** Key and label of what a claim is about: a topic, an entity or a proposition. */
export function targetKey(a: About | undefined, name: EntityName, topicName: (id: string) => string = (id) => id): { key: string; label: string } | undefined {
  if (!a) return undefined;
  if ('entity' in a) return { key: `entity:${a.entity}`, label: name(a.entity) };
  if ('topic' in a) return { key: `topic:${a.topic}`, label: topicName(a.topic) };
  return { key: `proposition:${a.proposition}`, label: a.proposition };
}

/** The signed stance of a claim: its intensity (−2..+2), else +1 support, −1 oppose, 0 neutral or mixed. */
export function stanceValue(a: Annotation): number {
  if (a.stance.intensity !== undefined) return a.stance.intensity;
  return a.stance.polarity === 'support' ? 1 : a.stance.polarity === 'oppose' ? -1 : 0;
}

/** Index of the record containing an offset (records sorted by start), -1 when outside every record. */
export function recordIndexOf(doc: DocumentSummary | undefined, offset: number): number {
  if (!doc) return -1;
  const records = doc.records;
  const i = lowerBoundBy(records, offset + 1, (r) => r.span.start) - 1;
  return i >= 0 && offset < records[i]!.span.end ? i : -1;
}

/** The records of a topic as segments (the whole record). */
export function topicRecordsOf(corpus: Pick<ViewCorpus, 'document'>, recordsForTopic: ((topicId: string) => Array<{ path: string; recordId: string }>) | undefined, topicId: string): Segment[] {
  const out: Segment[] = [];
  for (const r of recordsForTopic?.(topicId) ?? []) {
    const record = corpus.document(r.path)?.records.find((x) => x.id === r.recordId);
    if (record) out.push({ path: r.path, start: record.span.start, end: record.span.end });
  }
  return out;
}
