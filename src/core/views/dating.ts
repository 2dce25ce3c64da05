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
  /** Dated mentions of the body, sorted by start. */
  body: Dated[];
  /** The record's metadata date, by record index. */
  recordDates: Array<Dated | undefined>;
}

export interface DaterOptions {
  /** Largest distance (UTF-16 units) between a passage and a date of its record that is taken as its date. */
  window?: number;
}

export const DEFAULT_DATE_WINDOW = 200;

export class PassageDater {
  private readonly cache = new Map<string, DocDates>();
  private readonly window: number;

  constructor(
    private readonly corpus: Pick<ViewCorpus, 'document' | 'datesOf'>,
    options: DaterOptions = {},
  ) {
    this.window = options.window ?? DEFAULT_DATE_WINDOW;
  }

  private lastPath: string | undefined;
  private last: DocDates | undefined;
  private lastDoc: ReturnType<ViewCorpus['document']>;

  private docDates(path: string): DocDates {
    if (path === this.lastPath && this.last) return this.last;
    let d = this.cache.get(path);
    if (d) {
      [this.lastPath, this.last, this.lastDoc] = [path, d, this.corpus.document(path)];
      return d;
    }
    const doc = this.corpus.document(path);
    const records = doc?.records ?? [];
    const recordDates: Array<Dated | undefined> = records.map(() => undefined);
    const body: Dated[] = [];
    for (const m of this.corpus.datesOf(path)) {
      if (m.type === 'DURATION' || m.type === 'SET') continue;
      const point = timePoint(m.value);
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
    d = { body, recordDates };
    this.cache.set(path, d);
    [this.lastPath, this.last, this.lastDoc] = [path, d, doc];
    return d;
  }

  /** The date of the passage [start, end) of `path`; `when` is the annotation's own date if any. */
  dateOf(path: string, start: number, end: number, when?: string): PassageDate | undefined {
    if (when) {
      const point = timePoint(when);
      if (point) return { value: when, point, source: 'annotation' };
    }
    const d = this.docDates(path);
    const doc = this.lastDoc;
    const r = recordIndexOf(doc, start);
    const lo = r >= 0 ? doc!.records[r]!.span.start : 0;
    const hi = r >= 0 ? doc!.records[r]!.span.end : Number.MAX_SAFE_INTEGER;
    // First body date ending after `start - window`.
    const body = d.body;
    let a = 0;
    let b = body.length;
    const from = Math.max(lo, start - this.window);
    while (a < b) {
      const mid = (a + b) >> 1;
      if (body[mid]!.end <= from) a = mid + 1;
      else b = mid;
    }
    // A date inside the passage wins; else the last date stated before it (the reading order: a sentence gives its
    // date, then what happened), else the first one after it, each within the window and the record.
    let before: Dated | undefined;
    let after: Dated | undefined;
    for (let i = a; i < body.length; i++) {
      const x = body[i]!;
      if (x.start >= Math.min(hi, end + this.window)) break;
      if (x.start < lo) continue;
      if (x.end <= start) before = x;
      else if (x.start >= end) {
        after ??= x;
        break;
      } else return x.asPassage;
    }
    const best = before && start - before.end <= this.window ? before : after && after.start - end <= this.window ? after : undefined;
    if (best) return best.asPassage;
    const rd = r >= 0 ? d.recordDates[r] : undefined;
    return rd?.asRecord;
  }

  /** The date of a whole record (a topic's record): its metadata date, else its first dated mention. */
  recordDateOf(path: string, start: number, end: number): PassageDate | undefined {
    const d = this.docDates(path);
    const r = recordIndexOf(this.lastDoc, start);
    const rd = r >= 0 ? d.recordDates[r] : undefined;
    if (rd) return rd.asRecord;
    return d.body.find((x) => x.start >= start && x.start < end)?.asPassage;
  }

  /** Forget cached dates (after the index changed). */
  clear(path?: string): void {
    if (path === undefined) this.cache.clear();
    else this.cache.delete(path);
    this.lastPath = this.last = this.lastDoc = undefined;
  }
}
