/**
 * Holidays and lunar dates used in news: 春节, 元宵节, 中秋节, 国庆节, 元旦, 清明节, 农历正月初一, 腊月二十三, 八月十五
 * (初一 is the first day of the lunar month, not "early"). Resolved in the year written before them (2019年春节),
 * else the reference year; lunar dates are converted to the Gregorian calendar with Intl's Chinese calendar.
 */
import * as chars from '../chars';
import * as lexicon from '../lexicon';
import * as resolveNs from '../resolve';
import type { Scanner } from '../scanner';
import { contextAnchor } from '../anchor';
import { dayPeriod } from './periods';
import type { Rule } from './registry';
// Local bindings: module members compiled to CommonJS are getters, too slow in the hot loop.
const { HAN_NUM } = chars;
const { CH } = lexicon;
const { addDays, ymd } = resolveNs;

type Holiday = { kind: 'fixed'; m: number; d: number } | { kind: 'lunar'; m: number; d: number } | { kind: 'eve' } | { kind: 'qingming' } | { kind: 'term'; m: number; c: number } | { kind: 'nth'; m: number; wd: number; n: number };

const HOLIDAYS: Record<string, Holiday> = {
  元旦: { kind: 'fixed', m: 1, d: 1 }, 情人节: { kind: 'fixed', m: 2, d: 14 }, 三八妇女节: { kind: 'fixed', m: 3, d: 8 }, 妇女节: { kind: 'fixed', m: 3, d: 8 },
  植树节: { kind: 'fixed', m: 3, d: 12 }, 五一劳动节: { kind: 'fixed', m: 5, d: 1 }, 劳动节: { kind: 'fixed', m: 5, d: 1 }, 五四青年节: { kind: 'fixed', m: 5, d: 4 },
  青年节: { kind: 'fixed', m: 5, d: 4 }, 六一儿童节: { kind: 'fixed', m: 6, d: 1 }, 儿童节: { kind: 'fixed', m: 6, d: 1 }, 建党节: { kind: 'fixed', m: 7, d: 1 },
  八一建军节: { kind: 'fixed', m: 8, d: 1 }, 建军节: { kind: 'fixed', m: 8, d: 1 }, 教师节: { kind: 'fixed', m: 9, d: 10 }, 国庆节: { kind: 'fixed', m: 10, d: 1 },
  国庆: { kind: 'fixed', m: 10, d: 1 }, 国庆日: { kind: 'fixed', m: 10, d: 1 }, 双十节: { kind: 'fixed', m: 10, d: 10 }, 五一: { kind: 'fixed', m: 5, d: 1 },
  元宵: { kind: 'lunar', m: 1, d: 15 }, 万圣节: { kind: 'fixed', m: 10, d: 31 }, 平安夜: { kind: 'fixed', m: 12, d: 24 }, 圣诞节: { kind: 'fixed', m: 12, d: 25 },
  春节: { kind: 'lunar', m: 1, d: 1 }, 元宵节: { kind: 'lunar', m: 1, d: 15 }, 端午节: { kind: 'lunar', m: 5, d: 5 }, 端午: { kind: 'lunar', m: 5, d: 5 },
  七夕: { kind: 'lunar', m: 7, d: 7 }, 中秋节: { kind: 'lunar', m: 8, d: 15 }, 中秋: { kind: 'lunar', m: 8, d: 15 }, 重阳节: { kind: 'lunar', m: 9, d: 9 },
  腊八节: { kind: 'lunar', m: 12, d: 8 }, 除夕: { kind: 'eve' }, 清明节: { kind: 'qingming' },
  // Solar terms that name days in news (冬至 is also a festival): the 21st-century constant of each (寿星 formula).
  立春: { kind: 'term', m: 2, c: 3.87 }, 春分: { kind: 'term', m: 3, c: 20.646 }, 立夏: { kind: 'term', m: 5, c: 5.52 }, 夏至: { kind: 'term', m: 6, c: 21.37 },
  立秋: { kind: 'term', m: 8, c: 7.5 }, 秋分: { kind: 'term', m: 9, c: 23.042 }, 立冬: { kind: 'term', m: 11, c: 7.438 }, 冬至: { kind: 'term', m: 12, c: 21.94 },
  母亲节: { kind: 'nth', m: 5, wd: 7, n: 2 }, 父亲节: { kind: 'nth', m: 6, wd: 7, n: 3 }, 感恩节: { kind: 'nth', m: 11, wd: 4, n: 4 },
};
/** The formula's known misses among these terms in 2000-2099 (立秋 2002, 冬至 2021, 春分 2084, 立冬 2089). */
const TERM_EXCEPTIONS: Record<string, number> = { '8-2002': 1, '12-2021': -1, '3-2084': 1, '11-2089': 1 };
/** Longest first, so 国庆节 wins over 国庆. */
const HOLIDAY_NAMES = Object.keys(HOLIDAYS).sort((a, b) => b.length - a.length);
/** The names by first character (the rule runs at every 中 / 国 / 春 ... of the text). */
const BY_FIRST = new Map<number, string[]>();
for (const name of HOLIDAY_NAMES) {
  const k = name.charCodeAt(0);
  BY_FIRST.set(k, [...(BY_FIRST.get(k) ?? []), name]);
}
const NONE: string[] = [];

function holidayName(s: Scanner, p: number): string | undefined {
  return s.litAny(p, BY_FIRST.get(s.ch(p)) ?? NONE);
}
/** 国庆 alone only before these (国庆期间, 国庆假期, 国庆升旗); else it is part of a word (国庆70周年 is fine too). */
const GUOQING_AFTER = ['期间', '假期', '长假', '连假', '黄金周', '前夕', '当天', '升旗', '前', '后', '7', '6', '5', '七', '六', '五'];
/** Short names that are a holiday only before these words (五一黄金周, 五一假期; 五一广场 is a place). */
const SHORT_AFTER: Record<string, readonly string[]> = {
  国庆: GUOQING_AFTER,
  五一: ['黄金周', '假期', '长假', '小长假', '连假', '期间', '前夕', '当天', '国际劳动节'],
};
/** Names that are a holiday only after a year (明年元宵, 2024年元宵): alone, 元宵 is also the dumpling. */
const AFTER_YEAR_ONLY = new Set(['元宵']);
const NATIONAL_DAY = new Set(['国庆', '国庆节', '国庆日']);
/** Where the text speaks of Taiwan (the Republic of China), so 國慶 is its National Day, 10 October. */
const TAIWAN_MARKS = ['中華民國', '民國', '總統府', '雙十', '行政院', '立法院', '中央社', '台灣', '臺灣', '國軍', '蔡英文', '賴清德'];
const PRC_MARKS = ['香港', '特區', '特区', '中华人民共和国', '中華人民共和國', '新华社', '新華社', '澳門', '澳门', '内地', '內地'];
const taiwanCache = new WeakMap<Scanner, 'tw' | 'prc' | 'none'>();

/**
 * Is a National Day at p Taiwan's (10-10)? Written in traditional script right after an ROC year (111年國慶日), or in a
 * segment that names none of the PRC, Hong Kong or Macao (國慶 in Hong Kong is 10-01) and either names Taiwan's
 * institutions or writes 國慶日 (Taiwan's name of the day; Hong Kong's press writes 國慶 / 國慶節).
 */
function taiwanNationalDay(s: Scanner, p: number, name: string): boolean {
  if (s.text.charCodeAt(p) === s.ch(p)) return false; // 国庆 in simplified script: the PRC's
  const last = s.out[s.out.length - 1];
  if (last && last.end === p && last.anchor === 'explicit' && /^\d{4}$/.test(last.value)) {
    const written = s.text.slice(last.start, last.end);
    if (written.startsWith('民國') || /^\d{2,3}年$/.test(written)) return true;
  }
  let region = taiwanCache.get(s);
  if (region === undefined) {
    const text = s.text.slice(s.start, s.end);
    region = PRC_MARKS.some((w) => text.includes(w)) ? 'prc' : TAIWAN_MARKS.some((w) => text.includes(w)) ? 'tw' : 'none';
    taiwanCache.set(s, region);
  }
  return region === 'tw' || (region === 'none' && name === '国庆日');
}

/** Gregorian [y, m, d] of a holiday in year y; undefined when the calendar cannot tell. */
export function holidayDate(name: string, y: number): [number, number, number] | undefined {
  const h = HOLIDAYS[name];
  if (!h) return undefined;
  switch (h.kind) {
    case 'fixed':
      return [y, h.m, h.d];
    case 'lunar':
      return lunarToGregorian(y, h.m, h.d);
    case 'eve': {
      const ny = lunarToGregorian(y, 1, 1);
      return ny && addDays(ny[0], ny[1], ny[2], -1);
    }
    case 'qingming': {
      const yy = y % 100;
      const d = y >= 2000 && y < 2100 ? Math.floor(yy * 0.2422 + 4.81) - Math.floor(yy / 4) : Math.floor(yy * 0.2422 + 5.59) - Math.floor((yy - 1) / 4);
      return [y, 4, d];
    }
    case 'term': {
      // Day = floor(YY * 0.2422 + C) - floor(L / 4), L = YY (YY - 1 for the terms of January and February); 2000-2099 only.
      if (y < 2000 || y > 2099) return undefined;
      const yy = y % 100;
      return [y, h.m, Math.floor(yy * 0.2422 + h.c) - Math.floor((h.m <= 2 ? yy - 1 : yy) / 4) + (TERM_EXCEPTIONS[`${h.m}-${y}`] ?? 0)];
    }
    case 'nth': {
      const first = new Date(Date.UTC(y, h.m - 1, 1)).getUTCDay() || 7;
      return [y, h.m, 1 + ((h.wd - first + 7) % 7) + 7 * (h.n - 1)];
    }
  }
}

/** A holiday name at p: its Gregorian month and day in year y (undefined y: fixed-date holidays only). */
export function holidayAt(s: Scanner, p: number, y: number | undefined): { m: number; d: number; end: number; name: string } | undefined {
  const name = holidayName(s, p);
  if (!name) return undefined;
  const after = SHORT_AFTER[name];
  if (after && !s.litAny(p + name.length, after)) return undefined;
  if (NATIONAL_DAY.has(name) && taiwanNationalDay(s, p, name)) return { m: 10, d: 10, end: p + name.length, name };
  // 兒童節 in traditional script: Taiwan's and Hong Kong's Children's Day, 4 April (the PRC's 儿童节 / 六一 is 1 June).
  if (name === '儿童节' && s.text.charCodeAt(p) !== s.ch(p)) return { m: 4, d: 4, end: p + name.length, name };
  const h = HOLIDAYS[name]!;
  if (y === undefined) return h.kind === 'fixed' ? { m: h.m, d: h.d, end: p + name.length, name } : undefined;
  const date = holidayDate(name, y);
  if (!date || date[0] !== y) return undefined;
  return { m: date[1], d: date[2], end: p + name.length, name };
}

export const holidayZh: Rule = {
  name: 'holidays/holiday',
  keywords: HOLIDAY_NAMES,
  at(s, i) {
    const prev = s.ch(i - 1);
    if (HAN_NUM[prev]! >= 0 || prev === CH.nian) return undefined; // 2019年春节 is read with its year
    const name = holidayName(s, i);
    if (!name || AFTER_YEAR_ONLY.has(name)) return undefined;
    // 第一个春节, 两个中秋: festivals counted, not a date.
    if (prev === CH.ge) return i + name.length;
    // 农历春节 / 農曆新年: the calendar's name before a lunar holiday is part of it.
    const start = HOLIDAYS[name]!.kind === 'lunar' || name === '除夕' ? i - (s.litBefore(i, ['农历', '阴历'])?.length ?? 0) : i;
    if (!s.ref) {
      const h = holidayAt(s, i, undefined);
      if (!h && SHORT_AFTER[name]) return undefined;
      s.emit(start, i + name.length, h ? ymd(undefined, h.m, h.d) : 'XXXX-XX-XX', 'DATE', 'unresolved');
      return i + name.length;
    }
    const ref = s.ref;
    // 公布2026年元旦、春节等节假日: a festival takes the year of the date written before it in the same text.
    const ctx = s.contextAt(start);
    let y = ctx ? ctx.y : ref.y;
    let h = holidayAt(s, i, y);
    if (!h) return SHORT_AFTER[name] ? undefined : i + name.length;
    // 将于元旦出访 said on 30 December: a festival still to come is the next one.
    if (!ctx && ref.m !== undefined && (h.m < ref.m || (h.m === ref.m && ref.d !== undefined && h.d < ref.d)) && s.futureDate(start, h.end)) {
      const next = holidayAt(s, i, y + 1);
      if (next) {
        y++;
        h = next;
      }
    }
    s.emit(start, h.end, ymd(y, h.m, h.d), 'DATE', ctx ? contextAnchor(ctx.value) : ref.anchor);
    if (!ctx && s.ch(h.end) === CH.lparen && s.out[s.out.length - 1]?.end === h.end) {
      const at = i;
      s.yearless = { index: s.out.length - 1, forYear: (yy) => { const o = holidayAt(s, at, yy); return o && ymd(yy, o.m, o.d); } };
    }
    const kind = HOLIDAYS[name]!.kind;
    // 春节 / 除夕 open the first lunar month (初二 after them is 正月初二), 中秋 the eighth, 端午 the fifth.
    if (kind === 'lunar' || kind === 'eve') s.lunar = { y, m: kind === 'eve' ? 1 : (HOLIDAYS[name] as { m: number }).m, end: h.end };
    return h.end;
  },
  examples: [
    ['春节', '2006-01-29'], ['中秋节', '2006-10-06'], ['国庆节', '2006-10-01'], ['元旦', '2006-01-01'], ['元宵节', '2006-02-12'], ['清明节', '2006-04-05'],
    ['农历春节', '2006-01-29'], ['第一个春节后的元宵节', '2006-02-12', '元宵节'], ['五一黄金周', '2006-05-01', '五一'], ['總統府前廣場的國慶日慶祝大會', '2006-10-10', '國慶日'], ['香港特區的國慶升旗儀式', '2006-10-01', '國慶'], ['國慶日當天', '2006-10-10', '國慶日'],
  ],
};

const LUNAR_MONTH: Record<string, number> = { 正月: 1, 腊月: 12, 冬月: 11, 元月: 1 };

/** A lunar day at p: 初一..初十, 十一..十九, 二十, 廿一..廿九, 三十 (not followed by 日 / 号: those are Gregorian). */
function lunarDay(s: Scanner, p: number): { d: number; end: number } | undefined {
  const u = s.ch(p);
  let d: number;
  let end: number;
  if (u === CH.chu) {
    const v = HAN_NUM[s.ch(p + 1)]!;
    if (v < 1 || v > 10) return undefined;
    d = v;
    end = p + 2;
  } else if (u === 0x5eff /* 廿 */) {
    const v = HAN_NUM[s.ch(p + 1)]!;
    if (v < 1 || v > 9) return undefined;
    d = 20 + v;
    end = p + 2;
  } else {
    const num = s.readNum(p);
    if (!num || !num.han || num.n !== 0 || num.v < 11 || num.v > 30) return undefined;
    d = num.v;
    end = num.end;
  }
  const after = s.ch(end);
  if (after === CH.ri || after === CH.hao) return undefined;
  return { d, end };
}

/**
 * After a month (its number and the position after 月): a lunar day makes it a lunar date. y: the lunar year given
 * in the text; else the reference's (a 11th/12th month in the first half of the reference year: the year before).
 */
export function lunarAfterMonth(s: Scanner, i: number, month: number, p: number, y: number | undefined, start = i): number | undefined {
  const day = lunarDay(s, p);
  if (!day) return undefined;
  let ly = y;
  let anchor = 'explicit';
  if (ly === undefined) {
    const ctx = s.contextAt(i);
    if (ctx) {
      ly = ctx.y;
      anchor = `context: previous date ${ctx.value}`;
    } else if (s.ref) {
      ly = month >= 11 && (s.ref.m ?? 12) <= 6 ? s.ref.y - 1 : s.ref.y;
      anchor = s.ref.anchor;
    }
  }
  const g = ly === undefined ? undefined : lunarToGregorian(ly, month, day.d);
  if (g && ly !== undefined) s.lunar = { y: ly, m: month, end: day.end };
  // 正月十五晚, 八月十五晚上: the part of that day.
  const per = dayPeriod(s, day.end);
  const end = per ? per.end : day.end;
  const value = (g ? ymd(g[0], g[1], g[2]) : 'XXXX-XX-XX') + (per ? `T${per.part}` : '');
  s.emit(start, end, value, per ? 'TIME' : 'DATE', g ? `${anchor}; lunar ${month}/${day.d} converted` : 'unresolved');
  return end;
}

/** How far after a lunar date or festival a bare 初N is still a day of its lunar month (a news story's length). */
const LUNAR_WINDOW = 400;

/**
 * 初二起, 初六返程: a bare 初一..初十 in a text that has named a lunar date or festival shortly before (今天是正月初五,
 * 春节假期) is a day of that lunar month, in its lunar year; elsewhere 初二 / 初三 are school grades (初三学生) and stay
 * unmarked. 年初五 ("early in the year" + 五) and 月初 are not read here.
 */
export const lunarBareDay: Rule = {
  name: 'holidays/lunar-bare-day',
  keywords: ['初一', '初二', '初三', '初四', '初五', '初六', '初七', '初八', '初九', '初十'],
  at(s, i) {
    const l = s.lunar;
    if (!l || i - l.end > LUNAR_WINDOW || i < l.end) return undefined;
    const prev = s.ch(i - 1);
    if (prev === CH.nian || prev === CH.yue) return undefined;
    const day = lunarDay(s, i);
    if (!day) return undefined;
    const g = lunarToGregorian(l.y, l.m, day.d);
    if (!g) return undefined;
    const per = dayPeriod(s, day.end);
    const end = per ? per.end : day.end;
    s.emit(i, end, ymd(g[0], g[1], g[2]) + (per ? `T${per.part}` : ''), per ? 'TIME' : 'DATE', `${s.anchorRef()}; lunar ${l.m}/${day.d} converted`);
    return end;
  },
  // No examples: it needs a lunar date before it, and an example holds one mention (see test/unit/dates.test.ts).
};

/** 农历正月初一, 阴历八月十五, 正月十五, 腊月二十三, 农历2006年正月初一, 大年初一. */
export const lunarZh: Rule = {
  name: 'holidays/lunar-date',
  keywords: ['农历', '阴历', '正月', '腊月', '冬月', '大年初'],
  at(s, i) {
    let p = i;
    let y: number | undefined;
    // 大年初一 .. 大年初十: the first days of the first lunar month (not 大 + 年初, "early in the year").
    if (s.lit(p, '大年初')) return lunarAfterMonth(s, i, 1, p + 2, undefined, i);
    const prefix = s.litAny(p, ['农历', '阴历']);
    if (prefix) {
      p += 2;
      const num = s.readNum(p);
      if (num && s.isYear(num) && s.ch(s.sp(num.end)) === CH.nian) {
        y = num.v;
        p = s.sp(num.end) + 1;
      }
    }
    const named = s.litAny(p, Object.keys(LUNAR_MONTH));
    let month: number;
    if (named) {
      month = LUNAR_MONTH[named]!;
      p += 2;
    } else {
      if (!prefix) return undefined;
      const num = s.readNum(p);
      if (!num || num.v < 1 || num.v > 12 || s.ch(num.end) !== CH.yue) return undefined;
      month = num.v;
      p = num.end + 1;
    }
    return lunarAfterMonth(s, i, month, p, y, i);
  },
  examples: [['农历正月初一', '2006-01-29'], ['正月十五', '2006-02-12'], ['农历八月十五', '2006-10-06'], ['大年初一', '2006-01-29'], ['正月十五晚', '2006-02-12TNI']],
};

let lunarFormat: Intl.DateTimeFormat | null | undefined;
/**
 * ICU's Chinese calendar, made on first use (at module load it cost the extension's activation 20-50 ms);
 * undefined where the runtime has no such calendar.
 */
function lunarFmt(): Intl.DateTimeFormat | undefined {
  if (lunarFormat === undefined) {
    try {
      const f = new Intl.DateTimeFormat('en-u-ca-chinese', { timeZone: 'UTC', year: 'numeric', month: 'numeric', day: 'numeric' });
      lunarFormat = f.formatToParts(new Date(Date.UTC(2006, 0, 29))).some((p) => (p.type as string) === 'relatedYear') ? f : null;
    } catch {
      lunarFormat = null;
    }
  }
  return lunarFormat ?? undefined;
}
const lunarCache = new Map<string, [number, number, number] | undefined>();

function lunarParts(t: number): { y: number; m: number; leap: boolean; d: number } {
  let y = 0;
  let m = 0;
  let d = 0;
  let leap = false;
  for (const part of lunarFmt()!.formatToParts(new Date(t))) {
    if ((part.type as string) === 'relatedYear') y = Number(part.value);
    else if (part.type === 'month') {
      leap = !/^\d+$/.test(part.value);
      m = parseInt(part.value, 10);
    } else if (part.type === 'day') d = Number(part.value);
  }
  return { y, m, leap, d };
}

/** Gregorian date of lunar year ly (the Chinese year starting in Gregorian ly), month lm (not leap), day ld. */
export function lunarToGregorian(ly: number, lm: number, ld: number): [number, number, number] | undefined {
  if (ly < 1900 || ly > 2100 || !lunarFmt()) return undefined;
  const key = `${ly}-${lm}-${ld}`;
  if (lunarCache.has(key)) return lunarCache.get(key);
  const DAY = 86400000;
  let result: [number, number, number] | undefined;
  // Lunar new year falls between January 21 and February 20; then walk from the estimated day.
  let t = Date.UTC(ly, 0, 21);
  for (let k = 0; k < 32; k++, t += DAY) {
    const p = lunarParts(t);
    if (p.m === 1 && p.d === 1 && !p.leap) break;
  }
  t += Math.max(0, Math.floor((lm - 1) * 29.5) + ld - 4) * DAY;
  for (let k = 0; k < 45; k++, t += DAY) {
    const p = lunarParts(t);
    if (p.y === ly && p.m === lm && !p.leap && p.d === ld) {
      const g = new Date(t);
      result = [g.getUTCFullYear(), g.getUTCMonth() + 1, g.getUTCDate()];
      break;
    }
  }
  lunarCache.set(key, result);
  return result;
}
