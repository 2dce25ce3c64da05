/**
 * The date scanner: one left-to-right pass over a segment of the text. Only a few characters can start a
 * date (ASCII digits, Chinese numerals, the first letters of the English words the rules know and the first
 * characters of the Chinese keywords); the rule table (rules/registry.ts) says which rules start at which
 * character. At those the rules parse locally with bounded look-ahead, and otherwise the scanner skips the whole
 * digit run / word so a number like 31120240001 is never read from its middle. No regular expression runs over
 * the text, so there is no backtracking to blow up.
 *
 * This file holds what the rules share: reading characters and numbers, emitting mentions, completing partial
 * dates from the anaphora context or the reference, and the open-ended wrappers (自...以来, since, before).
 */
import type { DateMention, TimexMod, TimexType } from '../types';
import * as chars from './chars';
import * as lexicon from './lexicon';
import * as resolveNs from './resolve';
import type { RefDate } from './resolve';
import * as registryNs from './rules/registry';
import * as weeksNs from './rules/weeks';
import { contextAnchor } from './anchor';
// Local bindings: module members compiled to CommonJS are getters, too slow in the hot loop.
const { CH } = lexicon;
const { daysIn, nearestYear, pad, refDateValue, ymd } = resolveNs;
const { LATIN_SLOT, skipAt, dispatch } = registryNs;

// Local bindings: module namespace members compiled to CommonJS are getters, too slow in the hot loop.
const N = chars.N;
const HAN_NUM = chars.HAN_NUM;
const isHan = chars.isHan;

const isDigit = chars.isDigit;
const isLetter = chars.isLetter;

/**
 * How far back (UTF-16 units) an explicit date is used to complete a following partial date (anaphora);
 * never across a blank line.
 */
export const ANAPHORA_WINDOW = 200;

export interface Num {
  v: number;
  /** Digit count for ASCII or digit-by-digit Chinese numerals (二〇一四 = 4); 0 for positional (二十一). */
  n: number;
  end: number;
  han: boolean;
}

export interface Cal {
  y?: number;
  m?: number;
  d?: number;
  /** Second day of a day range inside one month: 2009年2月4—5日. */
  d2?: number;
  hh?: number;
  mi?: number;
  ss?: number;
  /** TIMEX3 part of day (MO, AF, EV, NI) when no clock time is given: 昨晚, 今晨. */
  part?: string;
  /** EDTF sub-year code: 21-24 seasons, 33-36 quarters, 40-41 halves. */
  sub?: number;
  mod?: TimexMod;
  end: number;
  /** The year came from a relative word (今年, 去年...) rather than the text. */
  relYear?: boolean;
  relMonth?: boolean;
}

export interface Context {
  value: string;
  y: number;
  m?: number;
  end: number;
  /** The date sits in a relative clause about a person (", who ..."): computed when first asked. */
  aside?: boolean;
  /** A relative year (去年, 前年): a future-tense partial date after it (比照去年，將於5月舉行) is still the next one. */
  relative?: boolean;
  /**
   * The end of a range of years (from 2003 to 2009, 2026-30): a past partial date after it takes that year (the last
   * round ended on December 8); a future one ("the plan for 2026-30 will be unveiled in March") is the next such date.
   */
  span?: boolean;
}

export class Scanner {
  readonly out: DateMention[] = [];
  ctx: Context | undefined;
  /** The last emit opened its date (since / before / 以来): such a date is no anaphora context. */
  private opened = false;
  /** The lunar month of the last lunar date or festival (正月初五, 春节, 中秋): a bare 初二 after it is a day of it. */
  lunar: { y: number; m: number; end: number } | undefined;
  /**
   * The last mention when its year came from the reference alone (a month and day, a festival): how to write it in
   * another year, so a weekday in parentheses after it (2月16日（星期一）, 端午節（週五）) can pick the year it names.
   */
  yearless: { index: number; forYear: (y: number) => string | undefined } | undefined;
  /** The rules' first-character dispatch (built on the first scan of the process). */
  private readonly dispatch = dispatch();

  constructor(
    readonly text: string,
    readonly ref: RefDate | undefined,
    readonly start: number,
    readonly end: number,
  ) {}

  run(): DateMention[] {
    const text = this.text;
    const end = this.end;
    const table = this.dispatch.table;
    let i = this.start;
    while (i < end) {
      const code = N[text.charCodeAt(i)]!;
      const slot = table[code]!;
      if (slot === 0) {
        if (code === 10 && this.ctx) {
          // A blank line ends the paragraph: anaphora does not reach across it.
          let j = i + 1;
          while (this.ch(j) === CH.space || this.ch(j) === 13) j++;
          if (this.ch(j) === 10) this.ctx = undefined;
        }
        i++;
        continue;
      }
      const next = this.runRulesAt(i) ?? skipAt(this, i, code);
      i = next > i ? next : i + 1;
    }
    if (this.out.length > 1) this.joinCompounds();
    if (this.out.length > 0) this.dropSchedules();
    return this.out;
  }

  /**
   * A recurring schedule is no date: 服务时间为周一至周五上午9时至下午5时, 服務時間：上午8時至晚上8時, 开放时间 / 办公时间 /
   * 营业时间 ... A bare weekday or a clock time without a day, in the clause after such a word (no ，。； between), is
   * dropped; a dated day there (开放时间为3月1日至5日) stays.
   */
  private dropSchedules(): void {
    const out = this.out;
    let w = 0;
    for (let k = 0; k < out.length; k++) {
      const m = out[k]!;
      if (!(this.isScheduleWord(m) && this.afterScheduleWord(m.start))) out[w++] = m;
    }
    out.length = w;
  }

  /** A bare weekday (周一, 星期五上午9时) or a bare clock time (上午9时, 下午5时), written without a day. */
  private isScheduleWord(m: DateMention): boolean {
    const c0 = this.ch(m.start);
    if (c0 === CH.zhou || c0 === CH.xing || c0 === CH.li) return true;
    if (m.type !== 'TIME') return false;
    for (let k = m.start; k < m.end; k++) {
      const ch = this.ch(k);
      if (ch === CH.ri || ch === CH.yue || ch === CH.hao || ch === C_JIN || ch === C_MING || ch === C_ZUO || ch === CH.tian) return false;
    }
    return isHan(c0);
  }

  private afterScheduleWord(p: number): boolean {
    for (let k = p - 1; k >= this.start && p - k <= 40; k--) {
      const ch = this.ch(k);
      if (ch === 10 || ch === CH.comma || SENTENCE_END.has(ch) || ch === C_DUNHAO) return false;
      if (ch === CH.shi2 && this.ch(k + 1) === C_JIAN && SCHEDULE_BEFORE.has(this.ch(k - 1) * 65536 + this.ch(k - 2))) return true;
    }
    return false;
  }

  /**
   * Compounds the rules read as separate mentions, joined into one: a range whose ends are read by different rules (上月15日至本月7日, 下週四至11月2日, 今日（7月31日）至8月11日: a day and the
   * same day in parentheses, then the end), and two consecutive days (上周五和周六). The ends must be full points of the
   * same precision (days, months or years), the range must not end before it starts, and the joined days of 和 must
   * follow each other; otherwise the mentions stay as they are. A day and its weekday in parentheses stay two mentions
   * (本（10）月18日（星期三）), as the sets have them.
   */
  private joinCompounds(): void {
    const out = this.out;
    const merged: DateMention[] = [];
    for (let k = 0; k < out.length; k++) {
      const a = out[k]!;
      const b = out[k + 1];
      // X（X）至 Y: the parenthesised same day is part of the start.
      let startEnd = a.end;
      let skip = 0;
      if (b && this.parenAround(a.end, b) && b.value.slice(0, 10) === a.value.slice(0, 10) && POINT_DAY.test(a.value)) {
        startEnd = b.end + 1;
        skip = 1;
      }
      const c = out[k + 1 + skip];
      // 今日（26日）下午2時51分, 本周三（26日）, 昨日（27日）晚上9時31分: a relative day or a weekday written in Chinese, its day
      // alone in parentheses and a time on that day right after them are one mention (as 今(26)日 and 今（26日）), unless a
      // range follows (今日（7月31日）至8月11日, joined below). With the month in the parentheses (明日（12月19日）, 上周五（7月14日）)
      // they stay two mentions, as the sets have them.
      if (skip === 1 && !this.rangeWordAt(startEnd) && this.relativeDayText(a) && this.bareDayText(b!)) {
        const t = c && c.start === startEnd && c.type === 'TIME' && c.value.slice(0, 10) === a.value.slice(0, 10) ? c : undefined;
        const j = this.joined(a, t ? t.value : a.value, t ? t.end : startEnd);
        if (t) j.type = 'TIME';
        merged.push(j);
        k += t ? 2 : 1;
        continue;
      }
      if (c && a.type === 'DATE' && c.type === 'DATE' && !a.mod && !c.mod && samePrecisionPoints(a.value, c.value) && a.value < c.value) {
        const gap = c.start - startEnd;
        const g = this.ch(startEnd);
        const isRange = gap === 1 && (g === CH.zhi || g === CH.dao || g === CH.dash || g === CH.tilde || g === 0x2014 || g === 0x2013 || g === 0xff5e);
        const isPair = gap === 1 && skip === 0 && (g === C_HE || g === C_YU || g === C_JI) && POINT_DAY.test(a.value) && this.isWeekdayText(c) && nextDayOf(a.value) === c.value;
        if (isRange || isPair) {
          merged.push(this.joined(a, `${a.value}/${c.value}`, c.end));
          k += 1 + skip;
          continue;
        }
      }
      merged.push(a);
    }
    if (merged.length !== out.length) {
      out.length = 0;
      for (const m of merged) out.push(m);
    }
  }

  /** A range word (至, 到, -, ~, —) at p. */
  private rangeWordAt(p: number): boolean {
    const g = this.ch(p);
    return g === CH.zhi || g === CH.dao || g === CH.dash || g === CH.tilde || g === 0x2014 || g === 0x2013 || g === 0xff5e;
  }

  /** A day mention written as a Chinese relative day or weekday (今日, 昨天, 本周三, 週五), with no digit in it. */
  private relativeDayText(m: DateMention): boolean {
    if (!POINT_DAY.test(m.value) || m.end - m.start > 4) return false;
    for (let k = m.start; k < m.end; k++) if (!isHan(this.ch(k))) return false;
    return true;
  }

  /** A day written as its number alone: 26日, 二十六日, 26号. */
  private bareDayText(m: DateMention): boolean {
    const u = this.ch(m.end - 1);
    if (u !== CH.ri && u !== CH.hao) return false;
    for (let k = m.start; k < m.end - 1; k++) if (!isDigit(this.ch(k)) && HAN_NUM[this.ch(k)]! < 0) return false;
    return m.end - m.start >= 2;
  }

  /** b is written in parentheses right after position p: p "(" b ")". */
  private parenAround(p: number, b: DateMention): boolean {
    return b.start === p + 1 && this.ch(p) === CH.lparen && this.ch(b.end) === CH.rparen;
  }

  private isWeekdayText(m: DateMention): boolean {
    const c0 = this.ch(m.start);
    if (c0 === CH.zhou || c0 === CH.xing || c0 === CH.li) return true;
    return isLetter(c0) && WEEKDAY_WORDS.has(m.text.toLowerCase());
  }

  private joined(a: DateMention, value: string, end: number): DateMention {
    const m: DateMention = { kind: 'date', start: a.start, end, text: this.text.slice(a.start, end), value, type: 'DATE', anchor: a.anchor };
    return m;
  }

  /** The rules registered for the character at i, in table order, until one reads something (its end). */
  runRulesAt(i: number): number | undefined {
    const code = this.ch(i);
    const d = this.dispatch;
    const slot = d.table[code]!;
    if (slot === 0) return undefined;
    if (slot === LATIN_SLOT) return this.atWord(i);
    const rules = d.slots[slot]!;
    const pairs = d.pairs[slot]!;
    const pair = code * 65536 + this.ch(i + 1);
    for (let k = 0; k < rules.length; k++) {
      const ps = pairs[k];
      if (ps !== undefined && !ps.has(pair)) continue;
      const next = rules[k]!.at(this, i);
      if (next !== undefined) return next;
    }
    return undefined;
  }

  /** An English word at i: the rules registered for it (lower case), else past the word. */
  private atWord(i: number): number {
    let q = i + 1;
    while (isLetter(this.ch(q))) q++;
    if (q - i > 12 || !this.dispatch.wordFirst[this.ch(i)] || !this.wordStart(i)) return q;
    const rules = this.dispatch.words.get(this.text.slice(i, q).toLowerCase());
    if (rules) {
      for (const r of rules) {
        const next = r.at(this, i);
        if (next !== undefined) return next;
      }
    }
    return q;
  }

  // ---------------------------------------------------------------- characters

  ch(i: number): number {
    return i >= this.start && i < this.end ? N[this.text.charCodeAt(i)]! : 0;
  }

  lit(p: number, s: string): boolean {
    if (p + s.length > this.end) return false;
    for (let k = 0; k < s.length; k++) if (this.ch(p + k) !== s.charCodeAt(k)) return false;
    return true;
  }

  /** The first of the candidates that occurs at p. */
  litAny(p: number, candidates: readonly string[]): string | undefined {
    for (const s of candidates) if (this.lit(p, s)) return s;
    return undefined;
  }

  /** The first of the candidates that ends right before p. */
  litBefore(p: number, candidates: readonly string[]): string | undefined {
    for (const s of candidates) if (p - s.length >= this.start && this.lit(p - s.length, s)) return s;
    return undefined;
  }

  sp(p: number): number {
    return this.ch(p) === CH.space ? p + 1 : p;
  }

  digitRunEnd(p: number): number {
    while (isDigit(this.ch(p))) p++;
    return p;
  }

  twoDigits(p: number): number | undefined {
    const a = this.ch(p);
    const b = this.ch(p + 1);
    return isDigit(a) && isDigit(b) ? (a - 48) * 10 + (b - 48) : undefined;
  }

  /** Read a number at p: ASCII digits (PDF-spaced digits allowed when a unit follows) or Chinese numerals. */
  readNum(p: number): Num | undefined {
    const code = this.ch(p);
    if (isDigit(code)) {
      let q = p;
      let v = 0;
      while (isDigit(this.ch(q))) v = v * 10 + (this.ch(q++) - 48);
      let n = q - p;
      // PDF artefact: "20 0 2年", "2 0 0 8 年": single spaces between digit groups, then a date unit.
      if (this.ch(q) === CH.space && isDigit(this.ch(q + 1))) {
        let r = q;
        let v2 = v;
        let n2 = n;
        while (n2 <= 4 && this.ch(r) === CH.space && isDigit(this.ch(r + 1))) {
          r++;
          while (isDigit(this.ch(r))) {
            v2 = v2 * 10 + (this.ch(r++) - 48);
            n2++;
          }
        }
        const u = this.ch(this.sp(r));
        if (n2 <= 4 && (u === CH.nian || u === CH.yue || u === CH.ri || u === CH.hao || u === CH.shi4)) {
          return { v: v2, n: n2, end: r, han: false };
        }
      }
      if (n > 9) n = 9; // long identifiers: never a date part, keep the value finite
      return { v, n, end: q, han: false };
    }
    if (HAN_NUM[code]! < 0) return undefined;
    let q = p;
    let positional = false;
    while (HAN_NUM[this.ch(q)]! >= 0 && q - p < 8) {
      if (HAN_NUM[this.ch(q)]! >= 10) positional = true;
      q++;
    }
    if (!positional) {
      let v = 0;
      for (let k = p; k < q; k++) v = v * 10 + HAN_NUM[this.ch(k)]!;
      return { v, n: q - p, end: q, han: true };
    }
    let total = 0;
    let cur = 0;
    for (let k = p; k < q; k++) {
      const d = HAN_NUM[this.ch(k)]!;
      if (d === 10 || d === 100) {
        total += (cur || 1) * d;
        cur = 0;
      } else if (d === 20 || d === 30) {
        total += cur * 100 + d; // 廿二 = 22
        cur = 0;
      } else cur = d;
    }
    return { v: total + cur, n: 0, end: q, han: true };
  }

  private numPos = -1;
  private numVal: Num | undefined;

  /** readNum at a position where a number starts (memoised for the rules tried there in turn). */
  num(p: number): Num {
    if (p !== this.numPos) {
      this.numPos = p;
      this.numVal = this.readNum(p);
    }
    return this.numVal!;
  }

  isYear(num: Num): boolean {
    return num.n === 4 && (num.han || (num.v >= 1000 && num.v <= 2199));
  }

  /** A small count: ASCII up to 4 digits (not a year), or a positional / single Chinese numeral. */
  isCount(num: Num): boolean {
    if (num.han) return num.n <= 1;
    return num.n <= 4 && num.v > 0;
  }

  // ---------------------------------------------------------------- English words

  /** The word just before p (skipping spaces and one hyphen), with its start. */
  prevWord(p: number): [string, number] | undefined {
    let q = p;
    while (this.ch(q - 1) === CH.space || this.ch(q - 1) === CH.dash) {
      q--;
      if (p - q > 3) return undefined;
    }
    const e = q;
    while (isLetter(this.ch(q - 1)) && e - q < 12) q--;
    if (q === e) return undefined;
    return [this.text.slice(q, e), q];
  }

  /** "early"/"mid"/"late" (optionally followed by "the") just before p: [mod, start]. */
  emlBefore(p: number): [TimexMod, number] | undefined {
    const w = this.prevWord(p);
    if (!w) return undefined;
    const mod = EARLY_MID_LATE_MODS[w[0].toLowerCase()];
    return mod ? [mod, w[1]] : undefined;
  }

  wordAt(p: number): [string, number] {
    let q = p;
    while (isLetter(this.ch(q)) && q - p < 20) q++;
    return [this.text.slice(p, q), q];
  }

  /** A Latin word starts at i (not inside a word or an identifier). */
  wordStart(i: number): boolean {
    const prev = this.ch(i - 1);
    return !isLetter(prev) && !isDigit(prev);
  }

  // ---------------------------------------------------------------- emitting

  emit(start: number, end: number, value: string, type: TimexType, anchor: string, mod?: TimexMod): void {
    const open = type !== 'DURATION' && !mod && value.indexOf('/') < 0 ? this.openEnded(start, end) : undefined;
    this.opened = open !== undefined;
    if (open) {
      start = open.start;
      end = open.end;
      value = open.mod === 'BEFORE' ? `../${value}` : `${value}/..`;
      mod = open.mod;
    }
    if (this.ch(end) === CH.space && this.nameNounAt(end + 1)) return; // the 1922 Committee, the March 23 Movement
    const m: DateMention = { kind: 'date', start, end, text: this.text.slice(start, end), value, type, anchor };
    if (mod) m.mod = mod;
    // A wrapper may reach back over the previous mention (自 before it): never overlap.
    const last = this.out[this.out.length - 1];
    if (last && last.end > start) return;
    this.out.push(m);
  }

  /** The mention of a full day right before "(" at start - 1 ("tomorrow (15 November)"), when there is one. */
  private parenHost(start: number): DateMention | undefined {
    if (this.ch(start - 1) !== CH.lparen) return undefined;
    const last = this.out[this.out.length - 1];
    if (!last || !FULL_DAY_START.test(last.value) || last.end > start - 1 || start - 1 - last.end > 1) return undefined;
    return last.end === start - 1 || this.ch(last.end) === CH.space ? last : undefined;
  }

  /** An organisation noun that makes the date before it part of a name: "the 1922 Committee", "the March 23 Movement". */
  private nameNounAt(p: number): boolean {
    const u = this.ch(p);
    if (u < 65 || u > 90) return false;
    for (const w of NAME_NOUNS) if (this.lit(p, w) && !isLetter(this.ch(p + w.length))) return true;
    return false;
  }

  /**
   * Open-ended dates: 自2014年以来 / 2014年以来 (SINCE), 2014年以后 / 之后 (AFTER), 2018年以前 / 之前 (BEFORE),
   * since 2014, after 2014, before 2018. The span takes the words in; the value becomes the EDTF open interval.
   */
  private openEnded(start: number, end: number): { start: number; end: number; mod: TimexMod } | undefined {
    const last = this.ch(end - 1);
    // 自4月10日12时01分起, 正月初一起, 下週一起: a clock time, a lunar day or a weekday opens with 起 / 以来 too.
    if (last === CH.fen || last === CH.shi2 || last === CH.dian || HAN_NUM[last]! >= 1) {
      const after = this.litAny(end, ['以来', '起']);
      if (after && !(after === '起' && QI_WORDS.has(this.ch(end + 1)))) {
        const pre = this.litBefore(start, ['自从', '自', '从']);
        return { start: pre ? start - pre.length : start, end: end + after.length, mod: 'SINCE' };
      }
      return undefined;
    }
    // 自下周起, 本周以来, 立春以后, 春节以来, 除夕之前: a week or a festival opens with a two-character word or 起 (a single
    // 前 / 后 after it stays out: 春节前完成, 春节后返岗 are read by the day's own rules, as the sets have them).
    if (OPEN_LAST_NAMED.has(last)) {
      const after = this.litAny(end, OPEN_AFTER_NAMED);
      if (!after || (after === '起' && QI_WORDS.has(this.ch(end + 1)))) return undefined;
      const pre = this.litBefore(start, ['自从', '自', '从', '打从']);
      const mod = OPEN_AFTER_MOD[after]!;
      return { start: pre && (mod === 'SINCE' || (mod === 'AFTER' && pre.startsWith('自'))) ? start - pre.length : start, end: end + after.length, mod };
    }
    if (last === CH.nian || last === CH.yue || last === CH.ri || last === CH.hao || last === CH.di || last === CH.mo || last === CH.chu) {
      const after = this.litAny(end, OPEN_AFTER_ZH);
      const pre = this.litBefore(start, ['自从', '自', '从', '打从']);
      if (after) {
        const next = this.ch(end + after.length);
        // 2019年前8个月: the first months of that year, not "before 2019".
        if (after === '前' && (isDigit(next) || HAN_NUM[next]! >= 0)) return undefined;
        // 以前 / 以后 only as the end of the phrase (2018年以前的 ok; 2018年以后年代 is not a date word). 起 opens the
        // date before a verb too (自2002年起谈判, 1月1日起实施) unless it begins a word (1911年起义, 起草, 起飞).
        // A year bounded by 前 / 后 before a verb (2030年前达到峰值, 2012年后逐步放开) is open too, unless 前 / 后 begin a word
        // (2030年前后, 前夕, 后来). A day or month keeps its 前 out of the span before a verb (在8月31日前完成), as the sets have it.
        const yearBound = last === CH.nian && ((after === '前' && !QIAN_WORDS.has(next)) || (after === '后' && !HOU_WORDS.has(next)));
        if (after.length === 1 && isHan(next) && next !== c的 && !(after === '起' && (pre || !QI_WORDS.has(next))) && !yearBound) return undefined;
        const mod = OPEN_AFTER_MOD[after]!;
        let s = start;
        // 自2014年以来 / 自2014年起 (since), 自2014年之后 (from then on): 自 is part of the span.
        if (pre && (mod === 'SINCE' || (mod === 'AFTER' && after.length === 2 && pre.startsWith('自')))) s -= pre.length;
        else if (after === '开始') return undefined; // 2014年开始实施: "began in 2014"; 从2014年开始: since
        return { start: s, end: end + after.length, mod };
      }
      // 自2月24日俄罗斯入侵乌克兰以来: 自 DATE, a short clause (the event of that date), 以来.
      if (pre === '自' || pre === '自从') {
        for (let q = end; q < end + 16 && q < this.end; q++) {
          const ch = this.ch(q);
          if (!isHan(ch) || ch === CH.nian || ch === CH.yue || ch === CH.ri || HAN_NUM[ch]! >= 0 && ch !== chars.c('一')) break;
          if (this.lit(q, '以来')) return { start: start - pre.length, end: q + 2, mod: 'SINCE' };
        }
      }
      return undefined;
    }
    if (isDigit(last) || isLetter(last)) {
      const w = this.prevWord(start);
      if (!w || this.ch(w[1] + w[0].length) !== CH.space) return undefined;
      const mod = OPEN_BEFORE_EN[w[0].toLowerCase()];
      // "since 2014" / "before 2018" open the interval; "the decade before 2018 ended" does not matter here.
      // "after Tuesday's midterm elections": the preposition governs the noun the date qualifies.
      if (this.ch(end) === CH.apos || this.ch(end) === CH.rsquo) return undefined;
      if (mod && w[1] + w[0].length + 1 === start) return { start: w[1], end, mod };
    }
    return undefined;
  }

  /**
   * Is the date at [start, end) the time of something still to come? English: a future clause (will, is due...); Chinese:
   * a marker right before the date (将于 / 定于 / 计划于 11月5日举行), not 将 + verb + date (将公布9月份的数据).
   */
  futureDate(start: number, end: number): boolean {
    const prev = this.ch(start - 1);
    if (isHan(prev)) {
      const w = this.litBefore(start, FUTURE_BEFORE_ZH);
      // 原定于 / 原计划于: what was planned, said after the fact.
      return w !== undefined && this.ch(start - w.length - 1) !== chars.c('原');
    }
    return (prev === CH.space || prev === 0) && weeksNs.future(this, start, end);
  }

  /**
   * The day a reported future was said on: "announced on April 28 that the conclave would convene on May 7". A full
   * day named before p in the same sentence, before the reference, with "would" (and no "will") between them.
   */
  private reportedDay(p: number): RefDate | undefined {
    const last = this.dayInSentence(p);
    const ref = this.ref;
    if (!last || !ref || ref.m === undefined || ref.d === undefined) return undefined;
    const between = ` ${this.text.slice(last.end, p)} `;
    if (!/ would (?!have )/.test(between) || / will /.test(between)) return undefined;
    const [y, m, d] = last.value.slice(0, 10).split('-').map(Number) as [number, number, number];
    if (y > ref.y || (y === ref.y && (m > ref.m || (m === ref.m && d >= ref.d)))) return undefined;
    return { ...ref, y, m, d };
  }

  /**
   * The last mention before p in the same sentence (at most 60 units back, no 。 ! ? ; or line break between) when it
   * is a full day (2026-03-07, 2026-03-07T06): a time or a count of days that follows is on / from that day.
   */
  dayInSentence(p: number): DateMention | undefined {
    const last = this.out[this.out.length - 1];
    if (!last || last.end > p || p - last.end > 60 || !FULL_DAY_START.test(last.value)) return undefined;
    for (let k = last.end; k < p; k++) {
      const ch = this.ch(k);
      if (ch === 10 || SENTENCE_END.has(ch) || (ch === CH.dot && this.ch(k + 1) === CH.space)) return undefined;
    }
    return last;
  }

  /**
   * Does the Chinese clause of the date at [start, end) report something done (缅甸军方于1月2日抓扣了这批工人)? A 了 after a
   * verb later in the clause (not 了解 / 了结 / 为了 / 除了), and no future marker in it (将, 拟, 计划, 预计, 定于, 要).
   */
  pastZh(start: number, end: number): boolean {
    if (!isHan(this.ch(end)) && !isHan(this.ch(start - 1))) return false;
    let from = start;
    while (from > this.start && start - from < 20 && !CLAUSE_STOP.has(this.ch(from - 1))) from--;
    let done = false;
    for (let k = from; k < end + 24 && k < this.end; k++) {
      const ch = this.ch(k);
      if (k >= end && CLAUSE_STOP.has(ch)) break;
      if (FUTURE_MARK_ZH.has(ch)) return false;
      if (k >= end && ch === C_LE && !LE_WORD_AFTER.has(this.ch(k + 1)) && !LE_WORD_BEFORE.has(this.ch(k - 1))) done = true;
    }
    return done;
  }

  /**
   * The last mention before p when it is a full day or a time on one (not a duration), in the same sentence or the one
   * before it, within the anaphora window ("The Council will meet on June 27. The session opens at 10 a.m.").
   */
  dayInOrBeforeSentence(p: number): DateMention | undefined {
    const last = this.dayMentionBefore(p);
    if (!last) return undefined;
    let ends = 0;
    for (let k = last.end; k < p; k++) {
      const ch = this.ch(k);
      if (ch === 10) return undefined;
      if (SENTENCE_END.has(ch) || (ch === CH.dot && this.ch(k + 1) === CH.space && this.ch(k - 2) !== CH.dot)) ends++;
      if (ends > 1) return undefined;
    }
    return last;
  }

  /** The last mention before p when it is a full day (not a duration), within the anaphora window, in any sentence. */
  dayMentionBefore(p: number): DateMention | undefined {
    const last = this.out[this.out.length - 1];
    if (!last || last.end > p || p - last.end > ANAPHORA_WINDOW || last.type === 'DURATION' || !FULL_DAY_START.test(last.value)) return undefined;
    return last;
  }

  /** The day (YYYY-MM-DD) of the last mention before p when it names one, within the anaphora window (June 2 ... the next day). */
  dayBefore(p: number): string | undefined {
    const last = this.out[this.out.length - 1];
    if (!last || last.end > p || p - last.end > ANAPHORA_WINDOW || last.type === 'DURATION' || !FULL_DAY_START.test(last.value)) return undefined;
    return last.value.slice(0, 10);
  }

  /** Is the date at [start, end) the start of something lasting until now (…以来, since …)? */
  sinceDate(start: number, end: number): boolean {
    let e = end;
    while (e < end + 2 && (this.ch(e) === CH.di || this.ch(e) === CH.chu || this.ch(e) === CH.mo || this.ch(e) === CH.zh)) e++;
    if (this.lit(e, '以来')) return true;
    const w = this.prevWord(start);
    if (!w) return false;
    const lw = w[0].toLowerCase();
    if (lw === 'since') return true;
    if (lw !== 'early' && lw !== 'mid' && lw !== 'late') return false;
    const w2 = this.prevWord(w[1]);
    return w2 !== undefined && w2[0].toLowerCase() === 'since';
  }

  anchorRef(): string {
    return this.ref ? this.ref.anchor : 'unresolved';
  }

  setContext(value: string, y: number, m: number | undefined, end: number, relative = false, span = false): void {
    this.ctx = { value, y, end };
    if (m !== undefined) this.ctx.m = m;
    if (relative) this.ctx.relative = true;
    if (span) this.ctx.span = true;
  }

  /**
   * The day (year, month, day) of the date just before start in the same sentence, for 次日 / 翌日 "the next day":
   * the anaphora context when it is a full day, else the last mention when its value is one (8月30日开幕，次日…, a
   * day resolved against the reference, which sets no context).
   */
  previousDay(start: number): { y: number; m: number; d: number; value: string } | undefined {
    const ctx = this.contextAt(start);
    let value = ctx && FULL_DAY_START.test(ctx.value) ? ctx.value : undefined;
    if (!value) {
      value = this.dayBefore(start);
      if (!value) return undefined;
      for (let k = this.out[this.out.length - 1]!.end; k < start; k++) if (SENTENCE_END.has(this.ch(k)) || this.ch(k) === 10) return undefined;
    }
    const [y, m, d] = value.slice(0, 10).split('-').map(Number);
    return { y: y!, m: m!, d: d!, value };
  }

  contextAt(start: number): Context | undefined {
    const ctx = this.ctx;
    if (!ctx || start - ctx.end > ANAPHORA_WINDOW) return undefined;
    if (ctx.aside === undefined) ctx.aside = this.inAside(ctx.end);
    return ctx.aside && this.commaBetween(ctx.end, start) ? undefined : ctx;
  }

  private commaBetween(from: number, to: number): boolean {
    for (let k = from; k < to; k++) if (this.ch(k) === CH.comma) return true;
    return false;
  }

  /**
   * Does the date ending at ctxEnd sit in an English relative clause about a person opened by a comma? (Then a comma
   * after it closes the clause, and a partial date after that comma does not take its year.)
   * "Lula, who governed Brazil from 2003 to 2010, won the first round on October 2": the years are background, the
   * October of the main clause is not theirs. "The talks ran from 2003 to 2009, and the last round ended on December 8"
   * keeps them.
   */
  private inAside(ctxEnd: number): boolean {
    for (let k = ctxEnd - 1; k >= this.start && ctxEnd - k < 120; k--) {
      const ch = this.ch(k);
      if (ch === CH.comma) return ASIDE_OPEN.test(this.text.slice(k + 1, k + 8));
      if (ch === 10 || SENTENCE_END.has(ch) || (ch === CH.dot && this.ch(k + 1) === CH.space)) return false;
    }
    return false;
  }

  fmt(cal: Cal): string {
    let s: string;
    if (cal.sub !== undefined) s = `${cal.y === undefined ? 'XXXX' : pad(cal.y, 4)}-${cal.sub}`;
    else s = ymd(cal.y, cal.m, cal.d);
    return s + this.timeOf(cal);
  }

  /** The time part of a value: T17, T17:30, T17:30:05, or a TIMEX3 part of day (TMO, TAF, TEV, TNI); '' if none. */
  timeOf(cal: Cal): string {
    if (cal.hh !== undefined) {
      let s = 'T' + pad(cal.hh);
      if (cal.mi !== undefined) s += ':' + pad(cal.mi);
      if (cal.ss !== undefined) s += ':' + pad(cal.ss);
      return s;
    }
    return cal.part !== undefined ? 'T' + cal.part : '';
  }

  /**
   * Complete a calendar expression's missing year (and month) from the anaphora context or the
   * reference, then emit it (with an optional range end).
   */
  emitCal(start: number, a: Cal, b?: Cal): void {
    let anchor = 'explicit';
    let fromRef = false;
    const explicit = a.y !== undefined && !a.relYear && !a.relMonth;
    if (a.relYear || a.relMonth) anchor = this.anchorRef();
    else if (a.y === undefined) {
      // 同年9月5日 / 当年10月 (that year's), 同月10日 / 当月 (that month's): the year (and month) of the date before, in the span.
      const same = this.litBefore(start, a.m !== undefined ? SAME_YEAR : SAME_MONTH);
      const host = same ? this.lastCalendar(start - same.length) : undefined;
      if (same && host && (a.m !== undefined || host.m !== undefined)) {
        a.y = host.y;
        if (a.m === undefined) a.m = host.m;
        anchor = contextAnchor(host.value);
        start -= same.length;
      }
    }
    if (a.relYear || a.relMonth) {
      // anchored above
    } else if (a.y === undefined) {
      const ctx = this.contextAt(start);
      const host = a.m !== undefined ? this.parenHost(start) : undefined;
      if (host) {
        // "tomorrow (15 November)", "今日（3月5日）": the date in parentheses restates the day before it, and takes its year.
        a.y = Number(host.value.slice(0, 4));
        anchor = host.anchor;
      } else if (a.m !== undefined) {
        if (ctx && !(ctx.relative && this.futureDate(start, a.end)) && !(ctx.span && isLetter(this.ch(start)) && !weeksNs.past(this, start, a.end))) {
          a.y = ctx.y;
          anchor = contextAnchor(ctx.value);
        } else if (this.ref) {
          a.y = nearestYear(this.ref, a.m, a.d);
          // A range of months within a year (1—8月) is the one whose end is nearest to the reference: 1—8月 said in
          // September is this year's, not next year's, though next January is nearer than last January.
          if (b && b.y === undefined && b.m !== undefined && b.m > a.m) a.y = nearestYear(this.ref, b.m, b.d);
          // 自1月底以来 / since March (what has lasted since then began before the reference) and a past sentence ("Powell
          // took over in February", said in September) name the latest such date on or before the reference, not the nearest.
          const r0 = this.ref;
          if (r0.m !== undefined && a.y > r0.y - (a.m > r0.m || (a.m === r0.m && a.d !== undefined && r0.d !== undefined && a.d > r0.d) ? 1 : 0) && (this.sinceDate(start, a.end) || weeksNs.past(this, start, a.end) || this.pastZh(start, a.end))) a.y--;
          // A future sentence (将于11月5日举行, will meet in June) speaks of the first such date on or after the reference;
          // reported speech ("announced on April 28 that the conclave would convene on May 7") of the first on or after
          // the day it was said, when the sentence names that day before.
          const isBefore = (r: RefDate) => r.m !== undefined && (a.y! < r.y || (a.y === r.y && (a.m! < r.m || (a.m === r.m && a.d !== undefined && r.d !== undefined && a.d < r.d))));
          if (isBefore(this.ref) && this.futureDate(start, a.end)) {
            const said = isLetter(this.ch(start)) ? this.reportedDay(start) : undefined;
            const r = said ?? this.ref;
            if (!said || isBefore(said)) a.y = a.m > r.m! || (a.m === r.m && (a.d === undefined || r.d === undefined || a.d >= r.d)) ? r.y : r.y + 1;
          }
          anchor = this.ref.anchor;
          fromRef = true;
        } else anchor = 'unresolved';
      } else if (this.monthDayBefore(start, ctx)) {
        // 新华社喀土穆11月3日电 … 3日说: a bare day after a written month and day takes that month (and its year).
        const last = this.out[this.out.length - 1]!;
        a.y = Number(last.value.slice(0, 4));
        a.m = Number(last.value.slice(5, 7));
        anchor = contextAnchor(last.value);
      } else if (ctx && ctx.m !== undefined) {
        a.y = ctx.y;
        a.m = ctx.m;
        anchor = contextAnchor(ctx.value);
      } else if (this.ref && this.ref.m !== undefined) {
        a.y = this.ref.y;
        a.m = this.ref.m;
        anchor = this.ref.anchor;
      } else anchor = 'unresolved';
    }
    if (a.d !== undefined && a.m !== undefined && a.y !== undefined && a.d > daysIn(a.y, a.m)) return;
    let value = this.fmt(a);
    let end = a.end;
    if (a.d2 !== undefined) value += '/' + this.fmt({ ...a, d: a.d2, hh: undefined });
    if (b) {
      if (b.y === undefined) {
        b.y = a.y;
        if (b.m === undefined) b.m = a.m;
        // A range never ends before it starts: 8月至2月 runs into the next year.
        if (b.y !== undefined && a.m !== undefined && b.m !== undefined && (b.m < a.m || (b.m === a.m && b.d !== undefined && a.d !== undefined && b.d < a.d))) b.y++;
      }
      value += '/' + this.fmt(b);
      end = b.end;
    }
    const type: TimexType = (a.hh !== undefined || a.part !== undefined) && !b && a.d2 === undefined ? 'TIME' : 'DATE';
    const before = this.out.length;
    this.emit(start, end, value, type, anchor, b ? undefined : a.mod);
    if (fromRef && !b && a.d2 === undefined && a.d !== undefined && this.out.length > before && this.ch(end) === CH.lparen) {
      // Only before "(": where a weekday may follow to name the year (see yearless).
      const { m, d } = a;
      const time = this.timeOf(a);
      this.yearless = { index: this.out.length - 1, forYear: (y) => (d <= daysIn(y, m!) ? ymd(y, m, d) + time : undefined) };
    }
    if (explicit && a.y !== undefined && !this.opened) {
      const last = b && b.y !== undefined ? b : a;
      this.setContext(b ? this.fmt(last) : value, last.y!, last.m, end);
    }
  }

  /**
   * The year (and month) of the date before p within the anaphora window: the anaphora context or the last mention,
   * whichever is later (a date resolved against the reference sets no context: 2003年7月1日…同年9月5日 and 11月3日…同月).
   */
  lastCalendar(p: number): { y: number; m?: number; value: string } | undefined {
    const ctx = this.contextAt(p);
    const last = this.out[this.out.length - 1];
    if (last && last.end <= p && p - last.end <= ANAPHORA_WINDOW && last.type !== 'DURATION' && (!ctx || last.end > ctx.end)) {
      const v = YEAR_MONTH_START.exec(last.value);
      if (v) {
        const m = v[2] ? Number(v[2]) : undefined;
        return m !== undefined && m <= 12 ? { y: Number(v[1]), m, value: last.value } : { y: Number(v[1]), value: last.value };
      }
    }
    return ctx ? (ctx.m !== undefined ? { y: ctx.y, m: ctx.m, value: ctx.value } : { y: ctx.y, value: ctx.value }) : undefined;
  }

  /**
   * Is the last mention before p a day whose month is written in it (11月3日, 10月10日电, not 昨天 or 上月28日), later than the
   * anaphora context and in the window? A bare day after it (3日) is of that month.
   */
  private monthDayBefore(p: number, ctx: Context | undefined): boolean {
    const last = this.out[this.out.length - 1];
    if (!last || last.end > p || p - last.end > ANAPHORA_WINDOW || last.type === 'DURATION' || !FULL_DAY_START.test(last.value)) return false;
    if (ctx && ctx.end >= last.end) return false;
    const c0 = this.ch(last.start);
    if (c0 === CH.shang || c0 === CH.xia) return false;
    for (let k = last.start; k < last.end; k++) if (this.ch(k) === CH.yue) return true;
    return false;
  }

  emitApproxRef(start: number, end: number): void {
    this.emit(start, end, this.ref ? refDateValue(this.ref) : 'XXXX-XX-XX', 'DATE', this.anchorRef(), 'APPROX');
  }

  emitRelative(i: number, cal: Cal): number {
    const anchor = this.anchorRef();
    let value = this.fmt(cal);
    if (cal.relMonth && cal.m === undefined) {
      // Month-relative word with a year-only (or no) reference: the month is unknown.
      value = `${cal.y === undefined ? 'XXXX' : pad(cal.y, 4)}-XX${cal.d === undefined ? '' : '-' + pad(cal.d)}`;
    }
    const type: TimexType = cal.hh !== undefined || cal.part !== undefined ? 'TIME' : 'DATE';
    this.emit(i, cal.end, cal.d2 !== undefined ? `${value}/${this.fmt({ ...cal, d: cal.d2 })}` : value, type, anchor, cal.mod);
    return cal.end;
  }
}

const c的 = chars.c('的');
const C_HE = chars.c('和');
const C_LE = chars.c('了');
const CLAUSE_STOP = new Set([...'，。；！？,;!?：:\n'].map(chars.c));
/** Markers of what is still to come in a Chinese clause: 将, 拟, 计划 / 预计 (计, 预), 定于 (定), 要. */
const FUTURE_MARK_ZH = new Set([...'将拟计预定要'].map(chars.c));
/** 了 beginning a word (了解, 了结, 了不起) or ending one (为了, 除了, 罢了, 极了): no perfective. */
const LE_WORD_AFTER = new Set([...'解结不'].map((ch) => N[chars.c(ch)]!));
const LE_WORD_BEFORE = new Set([...'为除罢极算'].map((ch) => N[chars.c(ch)]!));
const C_JIN = chars.c('今');
const C_MING = chars.c('明');
const C_ZUO = chars.c('昨');
const C_JIAN = chars.c('间');
const C_DUNHAO = chars.c('、');
/** 服务 / 办公 / 开放 / 营业 / 受理 / 办理 / 上班 / 工作 / 咨询 / 接听 / 探视 before 时间: a schedule follows (second, first char). */
const SCHEDULE_BEFORE = new Set(
  ['服务', '办公', '开放', '营业', '受理', '办理', '上班', '工作', '咨询', '接听', '探视', '参观', '服務', '辦公', '開放', '營業', '辦理', '諮詢', '接聽', '參觀'].map(
    (w) => N[chars.c(w[1]!)]! * 65536 + N[chars.c(w[0]!)]!,
  ),
);
const C_YU = chars.c('与');
const C_JI = chars.c('及');
const POINT_DAY = /^\d{4}-\d{2}-\d{2}$/;
const POINT_MONTH = /^\d{4}-\d{2}$/;
const POINT_YEAR = /^\d{4}$/;
const WEEKDAY_WORDS = new Set(['monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday']);
/** Both values are single points of the same precision: days, months (not seasons or quarters) or years. */
function samePrecisionPoints(a: string, b: string): boolean {
  if (POINT_DAY.test(a)) return POINT_DAY.test(b);
  if (POINT_MONTH.test(a)) return POINT_MONTH.test(b) && Number(a.slice(5)) <= 12 && Number(b.slice(5)) <= 12;
  return POINT_YEAR.test(a) && POINT_YEAR.test(b);
}
function nextDayOf(day: string): string {
  const [y, m, d] = resolveNs.addDays(Number(day.slice(0, 4)), Number(day.slice(5, 7)), Number(day.slice(8, 10)), 1);
  return ymd(y, m, d);
}
/**
 * The start of an English relative clause about a person after a comma (", who governed ..."): a biography's years. An
 * aside about a thing (", which lasted 2010-2012, was settled in September") gives the time of what the sentence is
 * about and stays the context.
 */
const ASIDE_OPEN = /^\s*(?:who|whom|whose)\s/i;
const FULL_DAY_START = /^\d{4}-\d{2}-\d{2}/;
const YEAR_MONTH_START = /^(\d{4})(?:-(\d{2}))?/;
/** Before a month (and day): the year of the date named before (同年9月5日, 当年10月). */
const SAME_YEAR = ['同年', '该年', '是年'];
/** Before a day: the month of the date named before (同月10日, 当月15日). */
const SAME_MONTH = ['同月', '当月', '该月'];
/** Capitalised nouns after which a date is part of an organisation's name (the 1922 Committee, the 26th of July Movement). */
const NAME_NOUNS = ['Committee', 'Movement', 'Brigade', 'Brigades', 'Club', 'Society', 'Foundation', 'Front'];
const SENTENCE_END = new Set([...'。！？；!?;'].map(chars.c));
/** Future markers before a date, in the scanner's normalised form (規 is not normalised: 規劃在 reads 規划在; mapping 規 would make 十二五規劃 a date). */
const FUTURE_BEFORE_ZH = ['将于', '将在', '将会在', '定于', '订于', '拟于', '拟在', '计划于', '计划在', '预计于', '预计在', '预定于', '预定在', '准备在', '届时', '规划在', '规划于', '規划在', '規划于'];
/** Words that begin with 起 (a date before them is not opened by it). */
const QI_WORDS = new Set([...'义草飞诉火来点源步身床跑落伏码因见色居诉'].map(chars.c));
/** Second characters of words that begin with 前 / 后 (a date before them is not bounded by it): 前后, 前夕, 后来. */
const QIAN_WORDS = new Set([...'后後夕景途线線任往进進者面身列沿所期半台排方'].map(chars.c));
const HOU_WORDS = new Set([...'来來期半者续續果方面勤援盾卫衛备備代裔人世'].map(chars.c));
const EARLY_MID_LATE_MODS: Record<string, TimexMod> = { early: 'START', mid: 'MID', late: 'END' };
/** Last characters of a week (下周, 本周) or a festival (春节, 立春, 除夕, 元宵, 元旦, 重阳, 清明, 冬至, 中秋, 端午) mention. */
const OPEN_LAST_NAMED = new Set([...'周节夕春秋宵旦阳明至午'].map(chars.c));
/** What opens such a mention: two-character words and 起. */
const OPEN_AFTER_NAMED = ['以来', '以后', '之后', '以前', '之前', '起'];
/** Words after a date that open it (longest first). */
const OPEN_AFTER_ZH = ['以来', '以后', '之后', '以前', '之前', '开始', '起', '后', '前'];
const OPEN_AFTER_MOD: Record<string, TimexMod> = {
  以来: 'SINCE', 以后: 'AFTER', 之后: 'AFTER', 后: 'AFTER', 以前: 'BEFORE', 之前: 'BEFORE', 前: 'BEFORE', 起: 'SINCE', 开始: 'SINCE',
};
const OPEN_BEFORE_EN: Record<string, TimexMod> = { since: 'SINCE', after: 'AFTER', before: 'BEFORE' };
