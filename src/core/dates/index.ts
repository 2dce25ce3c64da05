/**
 * Date recognition and normalisation (TIMEX3 types and mods, EDTF / ISO 8601 values) for Chinese
 * (simplified and traditional) and English text, with relative expressions resolved per segment
 * (e.g. per record of an abstract listing) against that segment's reference date.
 *
 * Choices (see the tests for each):
 * - 北京时间 / 当地时间 before a date are NOT part of the span; the value carries no time zone.
 * - Durations are emitted with type DURATION: 10年 P10Y, 180天 P180D, 50分钟 PT50M, 一个月 P1M,
 *   4年多 / 十年左右 / 近一个小时 with mod APPROX. Numbers without a time unit (2 0国, ICP numbers,
 *   phone numbers, 7.5亿) produce nothing. 未来10年: the duration 10年 only.
 * - 近年 / 近年来 / 近些年 / 这几年: DURATION "PXY" (an unspecified number of years) with mod APPROX.
 * - 日前 / 近日: DATE, the reference date with mod APPROX. 当时 / 当年: nothing.
 * - 2022财年 (fiscal year): DATE 2022, span includes 财年.
 * - Half years: 上半年 YYYY-40, 下半年 YYYY-41 (EDTF level 2 semesters); quarters 第一季度 YYYY-33..36;
 *   seasons 21-24.
 * - A bare "03.03" (002's date stamp) is skipped: dotted pairs are indistinguishable from decimals.
 * - Numeric dates: ISO (2021-12-31, 2025/06/12, 2021.12.31, 2021-12) always; d/m/y or m/d/y only when
 *   one of the two numbers is > 12 (or both are equal).
 * - Bare four-digit years are dates only in citations (2015,(2)), in parentheses, after © and after an
 *   English preposition / determiner (in 1995, the 2004 tsunami, since 2001...).
 * - 90年代 without century: 1990s; 00年代: 2000s; 10年代 / 20年代: 20X0s if the reference year is at
 *   least 20X0, else 19X0s; without reference "XX2X" (unresolved).
 * - Anaphora: a month / day without a year takes the year (and month) of the last explicit date in the
 *   same segment when it ended at most ANAPHORA_WINDOW (200) UTF-16 units before; citation years do not
 *   count. Otherwise the segment's reference: the month (and day) nearest to the reference date.
 */
import type { DateMention, Reference, Span } from '../types';
import { parseReference, type RefDate } from './resolve';
import { isEdtfDate } from './edtf';
import { Scanner } from './scanner';
import { INFERRED_HOW } from './anchor';

export { ANAPHORA_WINDOW } from './scanner';

export interface DateSegment {
  start: number;
  end: number;
  reference?: Reference;
}

export interface DateOptions {
  segments?: DateSegment[];
  defaultReference?: Reference;
}

export { INFERRED_HOW } from './anchor';

function scan(text: string, ref: RefDate | undefined, start: number, end: number): DateMention[] {
  return new Scanner(text, ref, start, end).run();
}

function checkSpan(text: string, span: Span, what: string): void {
  if (!Number.isInteger(span.start) || !Number.isInteger(span.end) || span.start < 0 || span.end > text.length || span.start > span.end) {
    throw new Error(`${what}: invalid span [${span.start}, ${span.end}) for a text of length ${text.length}`);
  }
}

/** The latest (highest) explicit full year among explicit dates in text[span]. */
function latestYear(mentions: DateMention[]): number | undefined {
  let best: number | undefined;
  for (const m of mentions) {
    if (m.anchor !== 'explicit' || m.type === 'DURATION') continue;
    for (const part of m.value.split('/')) {
      const c0 = part.charCodeAt(0);
      if (part.length < 4 || c0 < 48 || c0 > 57) continue;
      const y = Number(part.slice(0, 4));
      if (Number.isInteger(y) && (best === undefined || y > best)) best = y;
    }
  }
  return best;
}

export const DATELINE_HOW = 'inferred: dateline';

/** What may follow the date of a dateline: 讯 / 电 (【2006年3月22日讯】, 新华社东京2011年3月12日电), a bracket, a dash, a space. */
const DATELINE_AFTER = new Set([...'讯訊电電】]）)—–-|　 \n\r'].map((ch) => ch.charCodeAt(0)));

/**
 * The dateline of a segment without a reference: its first date, a full explicit day, within the first 24 UTF-16 units
 * (after an outlet's name: 【大紀元, 新华社东京, （中央社記者東京), followed by 讯 / 电, a bracket, a dash, a space or the
 * line's end (2021-12-07 and an ideographic space before 眾新聞, "March 15, 2023" heading a page). The record's reference date: 今天 is that day.
 */
function datelineOf(text: string, seg: Span, mentions: DateMention[]): DateMention | undefined {
  const m = mentions[0];
  if (!m || m.anchor !== 'explicit' || m.type === 'DURATION' || !/^\d{4}-\d{2}-\d{2}$/.test(m.value)) return undefined;
  let lead = seg.start;
  while (lead < m.start && /\s/.test(text[lead]!)) lead++;
  if (m.start - lead > 24 || text.slice(lead, m.start).includes('\n')) return undefined;
  return m.end >= seg.end || DATELINE_AFTER.has(text.charCodeAt(m.end)) ? m : undefined;
}

/**
 * A reference date inferred from the text (or a span of it): the latest explicit full year mentioned
 * (dates, citation years, ranges; not durations or decades). undefined when there is none.
 */
export function inferReference(text: string, span?: Span): Reference | undefined {
  const s = span ?? { start: 0, end: text.length };
  checkSpan(text, s, 'inferReference');
  const y = latestYear(scan(text, undefined, s.start, s.end));
  return y === undefined ? undefined : { value: String(y).padStart(4, '0'), how: INFERRED_HOW };
}

/**
 * All date expressions of the text, sorted and non-overlapping. Each segment (default: the whole text;
 * text outside the given segments forms segments of its own) is resolved against its own reference,
 * else `defaultReference`, else its dateline, else the latest year it mentions, else nothing (X's stay).
 * Without a reference, a dateline at the head of a segment (【2006年3月22日讯】, 新华社北京2006年3月22日电,
 * "2021-12-07 + ideographic space + 眾新聞") is the segment's reference date.
 * Throws an Error naming the segment when a segment or reference is invalid.
 */
export function findDates(text: string, options: DateOptions = {}): DateMention[] {
  const given = [...(options.segments ?? [])].sort((a, b) => a.start - b.start || a.end - b.end);
  given.forEach((s, k) => checkSpan(text, s, `findDates: segment ${k}`));
  for (let k = 1; k < given.length; k++) {
    if (given[k]!.start < given[k - 1]!.end) {
      throw new Error(
        `findDates: segments overlap: [${given[k - 1]!.start}, ${given[k - 1]!.end}) and [${given[k]!.start}, ${given[k]!.end})`,
      );
    }
  }
  const segments: DateSegment[] = [];
  let pos = 0;
  for (const s of given) {
    if (s.start > pos) segments.push({ start: pos, end: s.start });
    segments.push(s);
    pos = s.end;
  }
  if (pos < text.length || segments.length === 0) segments.push({ start: pos, end: text.length });

  const defaultRef = options.defaultReference ? parseReference(options.defaultReference, 'findDates: defaultReference') : undefined;
  const out: DateMention[] = [];
  for (const seg of segments) {
    if (seg.end <= seg.start) continue;
    let ref: RefDate | undefined;
    if (seg.reference) ref = parseReference(seg.reference, `findDates: segment [${seg.start}, ${seg.end})`);
    else if (defaultRef) ref = defaultRef;
    else {
      const first = scan(text, undefined, seg.start, seg.end);
      const dateline = datelineOf(text, seg, first);
      if (dateline) {
        if (!first.some((m) => m.anchor.startsWith('unresolved'))) {
          for (const m of first) out.push(m);
          continue;
        }
        ref = parseReference({ value: dateline.value, how: DATELINE_HOW }, 'dateline', true);
        for (const m of scan(text, ref, seg.start, seg.end)) out.push(m);
        continue;
      }
      const y = latestYear(first);
      // Rescan with the inferred reference only when something was left unresolved.
      if (y === undefined || !first.some((m) => m.anchor.startsWith('unresolved'))) {
        for (const m of first) out.push(m);
        continue;
      }
      ref = parseReference({ value: String(y).padStart(4, '0'), how: INFERRED_HOW }, 'inferred', true);
    }
    for (const m of scan(text, ref, seg.start, seg.end)) out.push(m);
  }
  return out;
}

/**
 * Normalise a field that should hold one date (metadata lines, citation years): "2021-12-31 17:23:55"
 * -> "2021-12-31T17:23:55", "October 9, 2023" -> "2023-10-09", "2006" -> "2006", "2015,(2)" -> "2015".
 * undefined when the field does not start with a fully explicit date or has words after it.
 */
export function parseStandaloneDate(text: string): string | undefined {
  const t = text.trim();
  if (t.length === 4 && isEdtfDate(t)) {
    const y = Number(t);
    return y >= 1000 && y <= 2199 ? t : undefined;
  }
  const first = scan(t, undefined, 0, t.length)[0];
  if (!first || first.start !== 0 || first.anchor !== 'explicit' || first.type === 'DURATION') return undefined;
  const rest = t.slice(first.end);
  if (/[A-Za-z\u3400-\u9fff]/.test(rest)) return undefined;
  return first.value;
}

export type { DateMention, Reference, TimexMod, TimexType } from '../types';
