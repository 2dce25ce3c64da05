/**
 * The date a passage is about, from the normalised dates of the index (not only the publication date):
 *
 * 1. the annotation's own `when`, when the analyst gave one;
 * 2. a date mention inside the passage, else the last dated mention (DATE or TIME with a year) before it, else the
 *    first one after it, in the same record and within `window` UTF-16 units of the passage (the record's own
 *    metadata date line excluded);
 * 3. the record's date (the date mention on its metadata date line, a timestamp, citation or dateline);
 * 4. none: the passage is undated (views count it apart).
 */
import { upperBound } from '../sorted';
import { timePoint, type TimePoint } from './periods';
import { recordIndexOf, type ViewCorpus } from './source';

export type DateSource = 'annotation' | 'passage' | 'record';

export interface PassageDate {
  value: string;
  point: TimePoint;
  source: DateSource;
}

interface Dated {
  start: number;
  end: number;
  value: string;
  point: TimePoint;
  /** The answers for this date, made once (callers must not change them). */
  asPassage: PassageDate;
  asRecord: PassageDate;
}

interface DocDates {
  /** Dated mentions of the body, sorted by start, and their spans as numbers (what the search reads). */
  body: Dated[];
  bodyStart: Float64Array;
  bodyEnd: Float64Array;
  /** The record's metadata date, by record index. */
  recordDates: Array<Dated | undefined>;
  /** The records' spans, by record index (numbers next to each other: read for every mention dated). */
  recordStart: Float64Array;
  recordEnd: Float64Array;
  doc: ReturnType<ViewCorpus['document']>;
}

export interface DaterOptions {
  /** Largest distance (UTF-16 units) between a passage and a date of its record that is taken as its date. */
  window?: number;
}

export const DEFAULT_DATE_WINDOW = 200;

export class PassageDater {
  private readonly cache = new Map<string, DocDates>();
  /** Points by normalised value: the same years and months recur in every document, parsed once. */
  private readonly points = new Map<string, TimePoint | null>();
  private readonly window: number;

  constructor(
    private readonly corpus: Pick<ViewCorpus, 'document' | 'datesOf'>,
    options: DaterOptions = {},
  ) {
    this.window = options.window ?? DEFAULT_DATE_WINDOW;
  }

  private lastPath: string | undefined;
  private last: DocDates | undefined;

  private docDates(path: string): DocDates {
    if (path === this.lastPath && this.last) return this.last;
    let d = this.cache.get(path);
    if (d) {
      [this.lastPath, this.last] = [path, d];
      return d;
    }
    const doc = this.corpus.document(path);
    const records = doc?.records ?? [];
    const recordDates: Array<Dated | undefined> = records.map(() => undefined);
    const body: Dated[] = [];
    for (const m of this.corpus.datesOf(path)) {
      if (m.type === 'DURATION' || m.type === 'SET') continue;
      let point = this.points.get(m.value);
      if (point === undefined) this.points.set(m.value, (point = timePoint(m.value) ?? null));
      if (!point) continue;
      const dated: Dated = { start: m.start, end: m.end, value: m.value, point, asPassage: { value: m.value, point, source: 'passage' }, asRecord: { value: m.value, point, source: 'record' } };
      const r = recordIndexOf(doc, m.start);
      const ds = r >= 0 ? records[r]!.dateSpan : undefined;
      if (ds && m.start < ds.end && m.end > ds.start) {
        recordDates[r] ??= dated;
        continue;
      }
      body.push(dated);
    }
    body.sort((a, b) => a.start - b.start);
    d = { body, bodyStart: Float64Array.from(body, (x) => x.start), bodyEnd: Float64Array.from(body, (x) => x.end), recordDates, recordStart: Float64Array.from(records, (r) => r.span.start), recordEnd: Float64Array.from(records, (r) => r.span.end), doc };
    this.cache.set(path, d);
    [this.lastPath, this.last] = [path, d];
    return d;
  }

  /** The date of the passage [start, end) of `path`; `when` is the annotation's own date if any. */
  dateOf(path: string, start: number, end: number, when?: string): PassageDate | undefined {
    if (when) {
      const point = timePoint(when);
      if (point) return { value: when, point, source: 'annotation' };
    }
    const d = this.docDates(path);
    return this.dateAt(d, recordIndexOf(d.doc, start), start, end);
  }

  /**
   * dateOf for a passage whose record index is known (`record`: the index of the record holding `start`, -1 for
   * none, as CorpusIndex.eachMentionOf gives it): the views' aggregates over a million mentions.
   */
  dateInRecord(path: string, record: number, start: number, end: number): PassageDate | undefined {
    return this.dateAt(this.docDates(path), record, start, end);
  }

  private dateAt(d: DocDates, r: number, start: number, end: number): PassageDate | undefined {
    const lo = r >= 0 ? d.recordStart[r]! : 0;
    const hi = r >= 0 ? d.recordEnd[r]! : Number.MAX_SAFE_INTEGER;
    // First body date ending after `start - window`.
    const { bodyStart, bodyEnd } = d;
    const n = bodyStart.length;
    const a = upperBound(bodyEnd, Math.max(lo, start - this.window));
    // A date inside the passage wins; else the last date stated before it (the reading order: a sentence gives its
    // date, then what happened), else the first one after it, each within the window and the record.
    let before = -1;
    let after = -1;
    const stop = Math.min(hi, end + this.window);
    for (let i = a; i < n; i++) {
      const xs = bodyStart[i]!;
      if (xs >= stop) break;
      if (xs < lo) continue;
      if (bodyEnd[i]! <= start) before = i;
      else if (xs >= end) {
        after = i;
        break;
      } else return d.body[i]!.asPassage;
    }
    const best = before >= 0 && start - bodyEnd[before]! <= this.window ? before : after >= 0 && bodyStart[after]! - end <= this.window ? after : -1;
    if (best >= 0) return d.body[best]!.asPassage;
    const rd = r >= 0 ? d.recordDates[r] : undefined;
    return rd?.asRecord;
  }

  /** Every mention of an entity with the date its passage is about (dateOf), through the index's fast path. */
  eachMentionDated(corpus: Pick<ViewCorpus, 'mentionsOf' | 'eachMentionOf'>, entityId: string, fn: (path: string, start: number, end: number, date: PassageDate | undefined) => void): void {
    if (corpus.eachMentionOf) corpus.eachMentionOf(entityId, (path, start, end, record) => fn(path, start, end, this.dateInRecord(path, record, start, end)));
    else for (const m of corpus.mentionsOf(entityId)) fn(m.path, m.start, m.end, this.dateOf(m.path, m.start, m.end));
  }

  /**
   * The same for several entities (`which`: the position in `entityIds`), in one pass over the documents when the
   * index can (each document's dates looked up once, not once per entity); the order of the calls is not specified.
   */
  eachMentionDatedOfAny(corpus: Pick<ViewCorpus, 'mentionsOf' | 'eachMentionOf' | 'eachMentionOfAny'>, entityIds: readonly string[], fn: (which: number, path: string, start: number, end: number, date: PassageDate | undefined) => void): void {
    if (corpus.eachMentionOfAny && entityIds.length > 1) {
      corpus.eachMentionOfAny(entityIds, (which, path, start, end, record) => fn(which, path, start, end, this.dateInRecord(path, record, start, end)));
      return;
    }
    entityIds.forEach((id, which) => this.eachMentionDated(corpus, id, (path, start, end, date) => fn(which, path, start, end, date)));
  }

  /** The date of a whole record (a topic's record): its metadata date, else its first dated mention. */
  recordDateOf(path: string, start: number, end: number): PassageDate | undefined {
    const d = this.docDates(path);
    const r = recordIndexOf(d.doc, start);
    const rd = r >= 0 ? d.recordDates[r] : undefined;
    if (rd) return rd.asRecord;
    return d.body.find((x) => x.start >= start && x.start < end)?.asPassage;
  }

  /** Forget cached dates (after the index changed). */
  clear(path?: string): void {
    if (path === undefined) this.cache.clear();
    else this.cache.delete(path);
    this.lastPath = this.last = undefined;
  }
}
