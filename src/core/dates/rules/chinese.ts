/**
 * Chinese calendar expressions led by a number: 2014年7月3日, 二〇一四年, 7月, 17日, 2014—2016年, 90年代, 21世纪,
 * 2022财年, two-digit years (08年金融危机), ROC years (民国112年), durations (10年, 180天) and N年前 / N天后.
 */
import * as chars from '../chars';
import * as lexicon from '../lexicon';
import * as resolveNs from '../resolve';
import type { Cal, Num, Scanner } from '../scanner';
import * as calendarChain from './calendar';
import * as holidays from './holidays';
import type { Rule } from './registry';
// Local bindings: module members compiled to CommonJS are getters, too slow in the hot loop.
const { HAN_NUM, HAN_NUM_BLOCK_BEFORE, N, c, isDigit, isHan } = chars;
const { CH } = lexicon;
const { pad, refPlusDays, refPlusMonths } = resolveNs;
const { afterDay, afterYear, dayPeriod, decadePart, emitCentury, parseYMD, rangeConnector, withRange } = calendarChain;
const { lunarAfterMonth } = holidays;

/** A numeral inside a word (第一, 统一, 唯一, 之一, 每一...): skip the numeral run. */
export const hanNumeralGuard: Rule = {
  name: 'chinese/numeral-guard',
  hanNumerals: true,
  at(s, i) {
    const prev = s.ch(i - 1);
    if (!HAN_NUM_BLOCK_BEFORE.has(prev)) return undefined;
    // 每四年 / 每两个月 "every four years": a count of time, as 每5年 is (每一年 / 每一天 stay "each").
    if (prev === c('每')) {
      const num = s.readNum(i);
      const u = num ? s.ch(num.end) : 0;
      if (num && num.v >= 2 && (u === CH.nian || u === CH.ge || u === CH.tian || u === CH.zhou)) return undefined;
    }
    let q = i;
    while (HAN_NUM[s.ch(q)]! >= 0) q++;
    return q;
  },
};

export const calendar: Rule = {
  name: 'chinese/calendar',
  digits: true,
  hanNumerals: true,
  at: (s, i) => tryChinese(s, i, s.num(i)),
  examples: [
    ['2014年7月', '2014-07'], ['二〇一四年七月', '2014-07'], ['2009年2月4—5日', '2009-02-04/2009-02-05'], ['90年代', '199X'],
    ['20世纪60年代', '196X'], ['2014—2016年', '2014/2016'], ['8月至次年2月', '2006-08/2007-02'], ['11月至2月', '2005-11/2006-02'],
    ['2015年和2018年之间', '2015/2018'], ['2007年与2009年间', '2007/2009'], ['自2014年以来', '2014/..'], ['2014年以后', '2014/..'],
    ['2018年以前', '../2018'], ['08年', '2008'], ['97年7月1日', '1997-07-01'], ['10年', 'P10Y'], ['3天前', '2006-03-19'],
    ['两周后', '2006-04-05'], ['二零零四年八月十五，他抵达北京', '2004-08-15', '二零零四年八月十五'], ['今年八月十五，全家团聚', '2006-08', '今年八月'], ['2019年春节', '2019-02-05'], ['农历正月初一', '2006-01-29'],
  ],
};

/**
 * 民国112年 / 民國一百一十二年 / 民國元年: the Republic of China era (year 1 = 1912); 中華民國 before it is part of the date
 * (中華民國109年12月14日, 中華民國一一三年十月十日, as official documents date themselves); the state's name alone is nothing.
 */
export const rocYear: Rule = {
  name: 'chinese/roc-year',
  keywords: ['民国', '中华民国'],
  at(s, i) {
    const p = s.lit(i, '中华民国') ? i + 4 : s.lit(i, '民国') ? i + 2 : -1;
    if (p < 0) return undefined;
    let y: number;
    let q: number;
    if (s.lit(s.sp(p), '元年')) {
      y = 1912;
      q = s.sp(p) + 1;
    } else {
      const num = s.readNum(s.sp(p));
      if (!num || num.v < 1 || num.v > 200 || (num.han && num.n > 3)) return undefined;
      q = s.sp(num.end);
      if (s.ch(q) !== CH.nian) return undefined;
      y = num.v + 1911;
    }
    const cal: Cal = { y, end: q + 1 };
    afterYear(s, cal);
    return withRange(s, i, cal);
  },
  examples: [['民国112年', '2023'], ['民國38年10月', '1949-10'], ['中華民國109年12月14日', '2020-12-14'], ['中華民國於民國元年建立', '1912', '民國元年']],
};

/**
 * A two-digit year: 08年金融危机 (2008), 97年7月 (1997). Only with a leading zero, a month after it, or (from 70)
 * a word after it that is not one of a duration (10年来, 30年前, 50多年, 20年间 stay durations).
 */
function twoDigitYear(s: Scanner, num: Num, q: number): number | undefined {
  if (num.han || num.n !== 2 || s.ch(q) !== CH.nian) return undefined;
  const before = s.ch(num.end - 3);
  if (isDigit(before) || before === CH.dot) return undefined;
  const n = s.ch(q + 1);
  const leadingZero = s.ch(num.end - 2) === 48;
  const month = s.readNum(s.sp(q + 1));
  const withMonth = month !== undefined && month.v >= 1 && month.v <= 12 && s.ch(s.sp(month.end)) === CH.yue;
  const durationWord = DURATION_AFTER.has(n) || n === CH.dai || !isHan(n) && !withMonth;
  if (!leadingZero && !withMonth && (num.v < 70 || durationWord)) return undefined;
  if (leadingZero && DURATION_AFTER.has(n) && n !== c('的')) return undefined;
  // The century that puts the year at most ten years after the reference (2030 without one).
  const refY = s.ref ? s.ref.y : 2020;
  const y = Math.floor(refY / 100) * 100 + num.v;
  return y > refY + 10 ? y - 100 : y;
}
/**
 * An ROC year without 民国, as Taiwan's official and news text writes them: 111年3月8日, 98年11月18日 (民國 dates). A
 * three-digit year before a month is always one (no Gregorian year has three digits in this register); a two- or
 * three-digit year otherwise only in traditional-script text whose reference year it is (within two years: the date
 * line of a Taiwanese briefing), so 97年 in simplified text stays 1997 and 111年 a duration elsewhere.
 */
function rocYearBare(s: Scanner, num: Num, q: number): number | undefined {
  if (num.han || num.n < 2 || num.n > 3 || num.v < 1 || s.ch(q) !== CH.nian) return undefined;
  const before = s.ch(num.end - num.n - 1);
  if (isDigit(before) || before === CH.dot || s.lit(num.end - num.n - 2, '民国')) return undefined;
  const month = s.readNum(s.sp(q + 1));
  const withMonth = month !== undefined && !month.han && month.v >= 1 && month.v <= 12 && s.ch(s.sp(month.end)) === CH.yue;
  if (num.n === 3 && withMonth && num.v >= 30) return num.v + 1911;
  if (!s.ref) return undefined;
  // 114年上半年, 113年第三季: a part of a year after it makes it a year, not a count of years, in either script.
  const part = num.n === 3 && num.v >= 100 && !withMonth && calendarChain.yearPart(s, q + 1) !== undefined;
  if (!part && !traditionalAround(s, q)) return undefined;
  // A two-digit year within two years of the reference; a three-digit one (100年 and after: 2011-) up to 30 years
  // before it (111年來台 in a 2025 report), as no count of a hundred years and more is that close to the ROC year.
  const dy = num.v + 1911 - s.ref.y;
  if (dy > 2 || dy < (num.n === 3 && num.v >= 100 ? -30 : -2)) return undefined;
  const n = s.ch(q + 1);
  // 111年來台 / 112年来华: 来 is the verb "come to" before a place, not "for the last N years".
  const cameTo = n === c('来') && COME_TO.has(s.ch(q + 2));
  if (!withMonth && !cameTo && DURATION_AFTER.has(n) && n !== c('度')) return undefined;
  return num.v + 1911;
}

/** Traditional-script text around p: a character the scanner folds (國, 時, 會...) within 60 units. */
function traditionalAround(s: Scanner, p: number): boolean {
  const from = Math.max(s.start, p - 60);
  const to = Math.min(s.end, p + 60);
  for (let k = from; k < to; k++) {
    const code = s.text.charCodeAt(k);
    if (code >= 0x4e00 && code < 0xa000 && s.ch(k) !== code) return true;
  }
  return false;
}
const BAN = c('半');
const ONE_BEFORE = new Set([...'前后上下次翌'].map(c));
/** Places after 来 that make it the verb "come to" (来台, 来华, 来港, 来澳, 来京, 来沪), normalised. */
const COME_TO = new Set([...'台华港澳京沪'].map(c));
const DURATION_AFTER = new Set([...'来前后间内里多余左右之的代度级届'].map(c));

export function tryChinese(s: Scanner, i: number, num: Num): number | undefined {
  const q = s.sp(num.end);
  const u = s.ch(q);
  // 2014—2016年, 2014至2016年
  if (s.isYear(num) && !num.han) {
    const r = rangeConnector(s, q);
    if (r !== undefined) {
      const n2 = s.readNum(s.sp(r));
      // 2024至25年度, 2024-25年度: a two-digit second year is in the first one's century (a fiscal year, a season).
      const y2 = !n2 || n2.han ? 0 : s.isYear(n2) ? n2.v : n2.n === 2 ? Math.floor(num.v / 100) * 100 + n2.v : 0;
      if (n2 && y2 > num.v && (n2.n !== 2 || s.lit(s.sp(n2.end), '年度'))) {
        const q2 = s.sp(n2.end);
        if (s.ch(q2) === CH.nian && s.ch(q2 + 1) !== CH.dai && !isDigit(s.ch(s.sp(q2 + 1)))) {
          const end = q2 + 1; // 度 stays out, as in [111年]度 and [2014至2018年]度
          s.emit(i, end, `${num.v}/${y2}`, 'DATE', 'explicit');
          s.setContext(String(y2), y2, undefined, end);
          return end;
        }
      }
    }
  }
  if (u === CH.nian && s.ch(q + 1) === CH.dai) return decade(s, i, num, q + 2);
  // 1至2月, 3—5月, 11月至2月 is read by the month chain: months N to M of the context or reference year.
  if (!s.isYear(num) && num.v >= 1 && num.v <= 12 && (!num.han || num.n <= 1 || num.v >= 10) && u !== CH.yue) {
    const r = rangeConnector(s, q);
    const n2 = r === undefined ? undefined : s.readNum(s.sp(r));
    if (n2 && n2.han === num.han && n2.v >= 1 && n2.v <= 12 && n2.v !== num.v && s.ch(s.sp(n2.end)) === CH.yue && !isDigit(s.ch(i - 1))) {
      let e = s.sp(n2.end) + 1;
      if (s.ch(e) === CH.fen4) e++; // 1—9月份, as 9月份
      s.emitCal(i, { m: num.v, end: q }, { m: n2.v, end: e });
      return e;
    }
  }
  const roc = rocYearBare(s, num, q);
  if (roc !== undefined) {
    const a: Cal = { y: roc, end: q + 1 };
    afterYear(s, a);
    return withRange(s, i, a);
  }
  const y2 = twoDigitYear(s, num, q);
  if (y2 !== undefined) {
    const a: Cal = { y: y2, end: q + 1 };
    afterYear(s, a);
    return withRange(s, i, a);
  }
  if (u === CH.shi4 && s.ch(q + 1) === CH.ji) {
    if (num.n <= 2 && num.v >= 1 && num.v <= 30 && (num.han ? num.n <= 1 || num.v >= 10 : true)) {
      return emitCentury(s, i, num.v, q + 2, false);
    }
    return undefined;
  }
  if (u === CH.cai && s.ch(q + 1) === CH.nian && s.isYear(num)) {
    // 2022财年: the fiscal year, valued as the calendar year it is named after (not an anaphora context).
    s.emit(i, q + 2, String(num.v), 'DATE', 'explicit');
    return q + 2;
  }
  if ((u === CH.nian && s.isYear(num)) || u === CH.yue) {
    if (u === CH.yue && (num.v < 1 || num.v > 12 || (num.han && num.n > 1 && num.v < 10))) return undefined;
    // 八月十五 / 正月初一 without 日: a day of the lunar calendar.
    if (u === CH.yue && num.han) {
      const lunar = lunarAfterMonth(s, i, num.v, q + 1, undefined);
      if (lunar !== undefined) return lunar;
    }
    const a = parseYMD(s, num);
    if (!a) return undefined;
    // 十月革命 / 二月革命 name events (dated by the Julian calendar), they are not a month of the context year.
    if (a.y === undefined && a.d === undefined && s.lit(a.end, '革命')) return a.end + 2;
    return withRange(s, i, a);
  }
  if (u === CH.ri) return bareDay(s, i, num, q);
  return duration(s, i, num, q);
}

/** 90年代, 1990年代, 八十年代 (+ 初/中/末/前期/中期/后期). */
function decade(s: Scanner, i: number, num: Num, end: number): number | undefined {
  let value: string;
  let anchor = 'explicit';
  if (!num.han && num.n === 4 && num.v % 10 === 0 && num.v >= 1000 && num.v <= 2190) {
    value = String(num.v).slice(0, 3) + 'X';
  } else if (num.v % 10 === 0 && num.v < 100 && (num.han || num.n === 2)) {
    const d = num.v / 10;
    if (d >= 3) value = `19${d}X`;
    else if (d === 0) value = '200X';
    else if (s.ref) {
      value = s.ref.y >= 2000 + num.v ? `20${d}X` : `19${d}X`;
      anchor = s.ref.anchor;
    } else {
      value = `XX${d}X`;
      anchor = 'unresolved';
    }
  } else return undefined;
  const part = decadePart(s, end);
  s.emit(i, part.end, value, 'DATE', anchor, part.mod);
  return part.end;
}

/** 17日 (day of the month of the context date or of the reference). */
function bareDay(s: Scanner, i: number, num: Num, q: number): number | undefined {
  // 持續79日, 为期3日, 历时两日: after a verb of lasting, N日 counts days (as N天 does), whatever N.
  if (LASTING_LAST.has(s.ch(i - 1)) && num.v >= 1 && (num.han ? num.n <= 1 : num.n <= 4) && s.litBefore(i, LASTING_BEFORE)) {
    s.emit(i, q + 1, `P${num.v}D`, 'DURATION', 'explicit');
    return q + 1;
  }
  if (num.n > 2 || num.v < 1 || num.v > 31) return undefined;
  const before = s.ch(i - 1);
  if (before === CH.dash || before === CH.dot || before === CH.di4 || before === CH.slash || before === CH.colon) return undefined;
  const next = s.ch(q + 1);
  if ([...'内元圆游本语报币间前后夜'].some((x) => c(x) === next)) return undefined;
  // 一日上午, 十二日為 (Taiwan's press writes the day in numerals): a day only where a day is being dated, before a part
  // of the day, a dateline's 電 or a reporting verb; 一日三餐, 三日游, 前一日 stay what they are.
  if (num.han && (num.n > 1 || HAN_DAY_NOT_AFTER.has(before) || !(dayPeriod(s, q + 1) || HAN_DAY_BEFORE.has(next)))) return undefined;
  const cal: Cal = { d: num.v, end: q + 1 };
  afterDay(s, cal);
  // 8日至10日: a range of days of the same month.
  return withRange(s, i, cal);
}
/** Verbs of lasting before a count of days written N日 (持續79日, 为期3日, 长达十日), in both scripts. */
const LASTING_BEFORE = ['持续了', '持续', '持續了', '持續', '历时', '歷時', '为期', '為期', '长达', '長達', '连续', '連續', '一连', '一連', '已达', '已達', '达', '達'];
/** The last characters of LASTING_BEFORE (normalised), checked first. */
const LASTING_LAST = new Set(LASTING_BEFORE.map((w) => N[w.charCodeAt(w.length - 1)]!));
/** What may follow a day written in Chinese numerals (十二日為, 一日發出聲明, 十日電). */
const HAN_DAY_BEFORE = new Set([...'电起至到发表宣指举召出在与及和、，,将会为接访抵举晚凌零'].map(c));
/** Before a day in Chinese numerals: what makes it a count or another word (前一日, 每一日, 同一日, 第十日). */
const HAN_DAY_NOT_AFTER = new Set([...'前后次翌同当每某这那上下第隔逐数几多整半头近'].map(c));

/** Counts of time: 10年 (P10Y), 180天 (P180D), 50分钟 (PT50M), 一个月 (P1M), 4年多 (~P4Y); N年前 -> a date. */
function duration(s: Scanner, i: number, num: Num, q: number): number | undefined {
  if (!s.isCount(num)) return undefined;
  let p = q;
  let approx = false;
  if (s.ch(p) === CH.duo || s.ch(p) === CH.yu) {
    approx = true;
    p++;
  }
  let unit: 'Y' | 'M' | 'W' | 'D' | 'H' | 'MIN' | undefined;
  let end = p;
  let half = false;
  const u = s.ch(p);
  if (u === CH.nian) {
    const n = s.ch(p + 1);
    if (n === c('级') || n === CH.du || n === CH.dai || n === c('届')) return undefined;
    unit = 'Y';
    end = p + 1;
  } else if (u === CH.ge) {
    let t = p + 1;
    if (s.ch(t) === CH.duo) {
      approx = true;
      t++;
    } else if (s.ch(t) === BAN && !approx) {
      // 3个半小时, 一个半月: and a half.
      half = true;
      t++;
    }
    if (s.ch(t) === CH.yue) [unit, end] = ['M', t + 1];
    else if (s.lit(t, '小时')) [unit, end] = ['H', t + 2];
    else if (s.lit(t, '星期') || s.lit(t, '礼拜')) [unit, end] = ['W', t + 2];
    else return undefined;
  } else if (u === CH.tian) [unit, end] = ['D', p + 1];
  else if (s.lit(p, '小时')) [unit, end] = ['H', p + 2];
  else if (s.lit(p, '分钟')) [unit, end] = ['MIN', p + 2];
  else if (u === CH.zhou && s.ch(p + 1) !== CH.nian && (!num.han || num.v > 1 || s.ch(p + 1) === CH.qian || s.ch(p + 1) === CH.hou)) [unit, end] = ['W', p + 1];
  else if (s.lit(p, '星期')) [unit, end] = ['W', p + 2];
  else return undefined;
  if (num.han && num.n === 0 && num.v >= 100) return undefined;
  // 第88分钟, 第3天, 第二周: an ordinal (a point in a match, a day of a series), not a stretch of time.
  if (s.ch(i - 1) === C_DI4) return end;
  // 较前一年减少, 上一年度, 后一天: "the year (day) before / after", not a count of one.
  if (num.han && num.v === 1 && num.end === i + 1 && ONE_BEFORE.has(s.ch(i - 1)) && !approx) return end;
  // 两年半, 三天半: and a half (not 年半 of 上半年: that starts at 上).
  if (!half && !approx && (unit === 'Y' || unit === 'D') && s.ch(end) === BAN && !(s.ch(end + 1) === CH.nian || s.ch(end + 1) === CH.tian)) {
    half = true;
    end++;
  }
  // N年前 / N天后: a date relative to the reference.
  const rel = s.ch(end);
  if (!half && (rel === CH.qian || rel === CH.hou) && (unit === 'Y' || unit === 'M' || unit === 'W' || unit === 'D')) {
    if (rel === CH.qian && s.ch(end + 1) === CH.hou) return undefined; // 前后 "around"
    const k = rel === CH.qian ? -num.v : num.v;
    let value: string;
    if (!s.ref) value = unit === 'Y' ? 'XXXX' : unit === 'M' ? 'XXXX-XX' : 'XXXX-XX-XX';
    else if (unit === 'W' && s.ref.d === undefined) value = refPlusDays(s.ref, 0);
    else if (unit === 'Y') value = pad(s.ref.y + k, 4);
    else if (unit === 'M') value = refPlusMonths(s.ref, k);
    else value = refPlusDays(s.ref, unit === 'W' ? 7 * k : k);
    s.emit(i, end + 1, value, 'DATE', s.anchorRef(), approx ? 'APPROX' : undefined);
    return end + 1;
  }
  let start = i;
  const before = s.ch(i - 1);
  if (before === CH.jin4) {
    approx = true;
    start = i - 1;
  } else if (before === CH.yue1 && s.ch(i - 2) === c('大')) {
    approx = true;
    start = i - 2;
  }
  if (s.lit(end, '左右')) {
    approx = true;
    end += 2;
  } else if (s.ch(end) === CH.duo && !isHan(s.ch(end + 1))) {
    approx = true;
    end++;
  } else if (s.ch(end) === CH.duo && unit === 'Y') {
    approx = true;
    end++;
  }
  const n = half ? `${num.v}.5` : String(num.v);
  const value = unit === 'H' ? `PT${n}H` : unit === 'MIN' ? `PT${n}M` : `P${n}${unit === 'Y' ? 'Y' : unit === 'M' ? 'M' : unit === 'W' ? 'W' : 'D'}`;
  s.emit(start, end, value, 'DURATION', 'explicit', approx ? 'APPROX' : undefined);
  return end;
}
const C_DI4 = c('第');
