/**
 * Chinese words relative to the reference date: 今年 / 去年 / 次年, 上个月, 上世纪, 上半年, 近年 / 近日 / 日前,
 * 年初 / 年底, 昨天 / 今日 / 昨晚 / 今晨 / 明天 / 后天, and clock times with a period of the day (下午5点).
 */
import * as chars from '../chars';
import * as lexicon from '../lexicon';
import * as resolveNs from '../resolve';
import type { Cal, Scanner } from '../scanner';
import type { TimexMod } from '../../types';
import * as calendarChain from './calendar';
import * as holidaysNs from './holidays';
import type { Rule } from './registry';
import { contextAnchor } from '../anchor';
// Local bindings: module members compiled to CommonJS are getters, too slow in the hot loop.
const { DAY_WORD_BEFORE, HAN_NUM, c, isDigit, isHan } = chars;
const { CH, NIAN_WORD_BEFORE, QIAN_HOU_WORD_BEFORE, REL_OK_BEFORE } = lexicon;
const { addDays, pad, refPlusDays, refPlusMonths } = resolveNs;
const { afterDay, afterMonth, afterYear, dayPeriod, emitCentury, withRange } = calendarChain;

/** 上半年 / 下半年 stand alone after these. */
function relOk(s: Scanner, i: number): boolean {
  const prev = s.ch(i - 1);
  return !isHan(prev) || REL_OK_BEFORE.has(prev);
}

/** 前年 / 后天 are not part of another word (战后年代, 之前天气). */
function qianHouOk(s: Scanner, i: number): boolean {
  return !QIAN_HOU_WORD_BEFORE.has(s.ch(i - 1));
}

/** 当时 / 当年 "at that time": not a date (consumed so 年 is not read as 年初...). */
export const thatTime: Rule = {
  name: 'relative-zh/that-time',
  keywords: ['当时', '当年'],
  at: (s, i) => (s.lit(i, '当时') || s.lit(i, '当年') ? i + 2 : undefined),
};

const YEAR_OFFSET: Record<string, number> = { 今年: 0, 本年: 0, 去年: -1, 上年: -1, 明年: 1, 前年: -2, 后年: 2 };
/** Characters before 上 that make it the end of a word (马上, 早上, 以上, 网上, 会上 ...): then 上年 is no date (马上年底 ...). */
const SHANG_WORD_BEFORE = new Set([...'马馬早晚之以网網线線北会會台臺向往加再手身路世天地海爱愛赶趕街楼樓桌头頭班墙牆车車山'].map((ch) => chars.c(ch)));
/** Characters after 上年 that make another word: 上年纪 / 上年紀 (old age), 上年轻 (…上 年轻人). */
const SHANG_NIAN_NOT = new Set([...'纪紀轻輕'].map((ch) => chars.c(ch)));

/** 今年 去年 明年 前年 后年 本年 (with what follows: 今年7月, 去年年底), 次年 / 翌年 (the year after the previous date). */
export const relativeYear: Rule = {
  name: 'relative-zh/year',
  keywords: ['今年', '本年', '去年', '上年', '明年', '前年', '后年', '次年', '翌年'],
  at(s, i) {
    if (s.ch(i + 1) !== CH.nian || s.ch(i + 2) === CH.dai) return undefined;
    const w = s.litAny(i, ['今年', '本年', '去年', '上年', '明年', '前年', '后年', '次年', '翌年']);
    if (!w) return undefined;
    // 上年 (比上年增长, 上年末, 上年同期): the year before, unless 上 ends a word (马上, 以上) or 上年 begins one (上年纪).
    if (w === '上年' && (SHANG_WORD_BEFORE.has(s.text.charCodeAt(i - 1)) || SHANG_NIAN_NOT.has(s.text.charCodeAt(i + 2)))) return undefined;
    if (w === '次年' || w === '翌年') {
      const ctx = s.contextAt(i);
      if (!ctx) return undefined;
      const cal: Cal = { y: ctx.y + 1, end: i + 2, relYear: true };
      afterYear(s, cal);
      s.emit(i, cal.end, s.fmt(cal), 'DATE', `context: the year after ${ctx.value}`, cal.mod);
      return cal.end;
    }
    // 上年 is the year before the one the text speaks of (2022年GDP比上年增长3.0%: 2021), else before the reference's.
    if (w === '上年') {
      const ctx = s.contextAt(i);
      if (ctx) {
        const cal: Cal = { y: ctx.y - 1, end: i + 2, relYear: true };
        afterYear(s, cal);
        s.emit(i, cal.end, s.fmt(cal), 'DATE', `context: the year before ${ctx.value}`, cal.mod);
        return cal.end;
      }
    }
    const off = YEAR_OFFSET[w]!;
    if (Math.abs(off) >= 2 && !qianHouOk(s, i)) return undefined;
    const cal: Cal = { end: i + 2, relYear: true };
    if (s.ref) cal.y = s.ref.y + off;
    // 去年本月十日 / 去年同月: the reference's month of that year (同期 / 本月 alone after 今年 are read as usual).
    const sameMonth = off !== 0 && s.ref?.m !== undefined ? s.litAny(i + 2, ['本月', '同月']) : undefined;
    if (sameMonth) {
      cal.m = s.ref!.m;
      cal.end = i + 4;
      calendarChain.afterMonth(s, cal);
    } else afterYear(s, cal);
    // 今年内 / 明年内 "within the year": 内 joins the span, as in 年内 (not 今年内容, 今年内部).
    const nei = s.ch(cal.end) === c('内') && cal.m === undefined && cal.sub === undefined && cal.mod === undefined;
    if (nei && s.ch(cal.end + 1) !== c('容') && s.ch(cal.end + 1) !== c('部') && s.ch(cal.end + 1) !== c('外')) cal.end++;
    // 去年8月至今年2月: a range whose ends are relative years.
    if (s.ref && cal.m !== undefined && cal.sub === undefined && cal.mod === undefined && cal.d2 === undefined && cal.hh === undefined && cal.part === undefined) return withRange(s, i, cal);
    const end = s.emitRelative(i, cal);
    // A bare 去年 / 前年 / 明年 names the year a partial date after it speaks of (前年的演習於7月20日至23日舉行: that
    // year's July), as an explicit year does; 今年 is the reference's year already.
    if (off !== 0 && cal.y !== undefined && cal.m === undefined && cal.sub === undefined && cal.mod === undefined) s.setContext(String(cal.y), cal.y, undefined, end, true);
    return end;
  },
  examples: [['去年本月十日', '2005-03-10'], ['去年同月', '2005-03'], ['明年首季', '2007-33'], ['今年', '2006'], ['去年年底', '2005'], ['明年3月', '2007-03'], ['去年以来', '2005/..'], ['比上年增长3%', '2005', '上年'], ['上年末', '2005'], ['在今年内完成磋商', '2006', '今年内'], ['今年内容丰富', '2006', '今年']],
};

/** 上个月 下个月 本月 这个月 上月 下月 (+ day: 上个月15日). */
export const relativeMonth: Rule = {
  name: 'relative-zh/month',
  keywords: ['上个月', '上月', '下个月', '下月', '本月', '这个月'],
  at(s, i) {
    const u = s.ch(i);
    let p = i + 1;
    if (s.ch(p) === CH.ge) p++;
    if (s.ch(p) !== CH.yue || (p === i + 1 && u === CH.zhe)) return undefined;
    const k = u === CH.shang ? -1 : u === CH.xia ? 1 : 0;
    const cal: Cal = { end: p + 1, relMonth: true };
    if (s.ref) {
      const v = refPlusMonths(s.ref, k);
      cal.y = Number(v.slice(0, 4));
      if (s.ref.m !== undefined) cal.m = Number(v.slice(5, 7));
    }
    afterMonth(s, cal);
    return s.emitRelative(i, cal);
  },
  examples: [['上个月', '2006-02'], ['下月初', '2006-04'], ['本月15日', '2006-03-15']],
};

/** 上世纪 / 上个世纪 / 本世纪 (+ decade: 上世纪90年代). */
export const relativeCentury: Rule = {
  name: 'relative-zh/century',
  keywords: ['上世纪', '上个世纪', '本世纪', '这个世纪'],
  at(s, i) {
    const u = s.ch(i);
    let p = i + 1;
    if (s.ch(p) === CH.ge) p++;
    if (s.ch(p) !== CH.shi4 || s.ch(p + 1) !== CH.ji || (u === CH.zhe && p === i + 1)) return undefined;
    const k = u === CH.shang ? -1 : 0;
    const refCentury = s.ref ? Math.floor((s.ref.y - 1) / 100) + 1 : undefined;
    const century = refCentury === undefined ? (k === -1 ? 20 : 21) : refCentury + k;
    const anchor = s.ref ? s.ref.anchor : `unresolved: assumed the ${century === 20 ? '20th' : '21st'} century`;
    return emitCentury(s, i, century, p + 2, false, anchor);
  },
  examples: [['上世纪90年代', '199X'], ['本世纪初', '20XX']],
};

/**
 * The year a bare half or quarter (上半年, 一季度) speaks of: the year named before it (2023年GDP增长5.2%，一季度增长4.5%), a
 * year-only anaphora context, or the year of a part of a year just before (一季度…二季度); else the reference's.
 */
function subYearOf(s: Scanner, i: number): { y: string; anchor: string } {
  const ctx = s.contextAt(i);
  const last = s.out[s.out.length - 1];
  // A run of parts (一季度…二季度…上半年) stays in the year of the first.
  if (last && i - last.end <= 40 && /^\d{4}-(?:2[1-4]|3[3-6]|4[01])$/.test(last.value)) return { y: last.value.slice(0, 4), anchor: last.anchor };
  if (ctx && ctx.m === undefined && /^\d{4}$/.test(ctx.value)) return { y: pad(ctx.y, 4), anchor: contextAnchor(ctx.value) };
  return { y: s.ref ? pad(s.ref.y, 4) : 'XXXX', anchor: s.anchorRef() };
}

/** 上半年 / 下半年 standalone: the halves of the reference year. */
export const relativeHalfYear: Rule = {
  name: 'relative-zh/half-year',
  keywords: ['上半年', '下半年'],
  at(s, i) {
    if (!s.lit(i + 1, '半年') || !relOk(s, i)) return undefined;
    const u = s.ch(i);
    const { y, anchor } = subYearOf(s, i);
    s.emit(i, i + 3, `${y}-${u === CH.shang ? 40 : 41}`, 'DATE', anchor);
    return i + 3;
  },
  examples: [['上半年', '2006-40']],
};

/**
 * 第一季度 / 一季度 ... 四季度 standalone: the quarters of the reference year (2020年一季度 is read with its year by
 * the calendar rule; 前三季度 by the first-months rule).
 */
export const relativeQuarter: Rule = {
  name: 'relative-zh/quarter',
  keywords: ['第一季度', '第二季度', '第三季度', '第四季度', '一季度', '二季度', '三季度', '四季度', '首季'],
  at(s, i) {
    if (s.lit(i, '首季')) {
      // 首季 / 首季度 (Hong Kong): the first quarter; not the first season of a league (首季比赛, 首季赛).
      const end = s.ch(i + 2) === CH.du ? i + 3 : i + 2;
      const prev = s.ch(i - 1);
      if (s.ch(end) === c('赛') || s.ch(end) === c('比') || prev === CH.mei || isDigit(prev)) return undefined;
      s.emit(i, end, `${s.ref ? pad(s.ref.y, 4) : 'XXXX'}-33`, 'DATE', s.anchorRef());
      return end;
    }
    const t = s.ch(i) === CH.di4 ? i + 1 : i;
    const q = HAN_NUM[s.ch(t)]!;
    if (!(q >= 1 && q <= 4) || !s.lit(t + 1, '季度')) return undefined;
    // A bare 一季度 not after 第 / 前 (前三季度: the first three quarters) or inside a number (十一季度).
    const prev = s.ch(i - 1);
    if (t === i && (prev === CH.di4 || prev === CH.qian || HAN_NUM[prev]! >= 0 || isDigit(prev))) return undefined;
    const { y, anchor } = subYearOf(s, i);
    s.emit(i, t + 3, `${y}-${32 + q}`, 'DATE', anchor);
    return t + 3;
  },
  examples: [['一季度', '2006-33'], ['第四季度', '2006-36'], ['较首季回落', '2006-33', '首季']],
};

/** After a five-year plan's short name: what makes 十四五 the plan and not "fourteen or fifteen" (十四五岁). */
const PLAN_AFTER = ['规划', '计划', '时期', '期间', '期末', '开局', '以来', '末期', '初期'];
const QUOTES_OPEN = new Set([...'“"「『《'].map(c));

/**
 * 十一五 ... 十五五, China's five-year plans (the 11th: 2006-2010; the Nth from the 3rd on: 1966 + 5(N - 3)): the
 * plan's years as an EDTF interval. Only in quotes (“十四五”) or before 规划 / 时期 / 期间 ...: 十四五岁 is an age.
 */
export const fiveYearPlan: Rule = {
  name: 'relative-zh/five-year-plan',
  keywords: ['十一五', '十二五', '十三五', '十四五', '十五五'],
  at(s, i) {
    const k = HAN_NUM[s.ch(i + 1)]!;
    if (!(k >= 1 && k <= 5) || s.ch(i + 2) !== c('五')) return undefined;
    const prev = s.ch(i - 1);
    if (HAN_NUM[prev]! >= 0 || isDigit(prev)) return undefined;
    if (!QUOTES_OPEN.has(prev) && !s.litAny(i + 3, PLAN_AFTER)) return undefined;
    const start = 1966 + 5 * (10 + k - 3);
    s.emit(i, i + 3, `${start}/${start + 4}`, 'DATE', 'explicit');
    return i + 3;
  },
  examples: [['“十四五”规划', '2021/2025', '十四五'], ['十一五时期', '2006/2010', '十一五']],
};

/** 近年 / 近年来 / 近些年(来) / 近几年 / 这几年 / 这些年: "in recent years", an unspecified span of years. */
export const recentYears: Rule = {
  name: 'relative-zh/recent-years',
  keywords: ['近年', '近些年', '近几年', '近几十年', '近十几年', '近十多年', '这几年', '这些年'],
  at(s, i) {
    const u = s.ch(i);
    const form = u === CH.jin4 ? s.litAny(i + 1, ['年', '些年', '几年', '几十年', '十几年', '十多年']) : s.litAny(i + 1, ['几年', '些年']);
    if (!form) return undefined;
    let end = i + 1 + form.length;
    if (s.ch(end) === CH.lai) end++;
    s.emit(i, end, 'PXY', 'DURATION', 'explicit', 'APPROX');
    return end;
  },
  examples: [['近年来', 'PXY'], ['这几年', 'PXY']],
};

/** 半年 / 半个月 / 半天 (+多: approximately): durations of half a unit. */
export const halfDuration: Rule = {
  name: 'relative-zh/half-duration',
  keywords: ['半年', '半个月', '半天', '半个小时', '半小时'],
  at(s, i) {
    const prev = s.ch(i - 1);
    if (prev === CH.shang || prev === CH.xia || prev === CH.qian || prev === CH.hou || HAN_NUM[prev]! >= 0 || isDigit(prev)) return undefined; // 上半年, 一年半
    const w = s.litAny(i, ['半个小时', '半小时', '半个月', '半年', '半天']);
    if (!w) return undefined;
    let end = i + w.length;
    const approx = s.ch(end) === CH.duo;
    if (approx) end++;
    const value = w === '半年' ? 'P6M' : w === '半个月' ? 'P15D' : w === '半天' ? 'PT12H' : 'PT30M';
    s.emit(i, end, value, 'DURATION', 'explicit', approx ? 'APPROX' : undefined);
    return end;
  },
  examples: [['半年', 'P6M'], ['半个多月', '', ''], ['半年多', 'P6M']],
};

/** 近日 / 日前 "recently, a few days ago": the reference date, approximately. */
export const recentDays: Rule = {
  name: 'relative-zh/recent-days',
  keywords: ['近日', '日前'],
  at(s, i) {
    const u = s.ch(i);
    const n = s.ch(i + 1);
    if (u === CH.jin4) {
      if (n !== CH.ri || s.ch(i + 2) === CH.ben || s.ch(i + 2) === c('元')) return undefined;
    } else {
      const prev = s.ch(i - 1);
      if (n !== CH.qian || DAY_WORD_BEFORE.has(prev) || isDigit(prev) || HAN_NUM[prev]! >= 0 || s.ch(i + 2) === c('夕')) return undefined;
    }
    s.emitApproxRef(i, i + 2);
    return i + 2;
  },
  examples: [['近日', '2006-03-22'], ['日前', '2006-03-22']],
};

/** 年初 年底 年末 年中 standalone: parts of the reference year; 年内 (within the year): the reference year. */
/** What may follow 年初N as a lunar day: a range or list word, a part of the day. */
const LUNAR_DAY_AFTER = new Set([...'至到和及与、起前后当晚早上下'].map((ch) => N_OF(ch)));
function N_OF(ch: string): number {
  return chars.N[c(ch)]!;
}

export const yearPart: Rule = {
  name: 'relative-zh/year-part',
  keywords: ['年初', '年底', '年末', '年中', '年内'],
  at(s, i) {
    const prev = s.ch(i - 1);
    if (NIAN_WORD_BEFORE.has(prev) || isDigit(prev) || HAN_NUM[prev]! >= 0) return undefined;
    const n = s.ch(i + 1);
    // 年内 "within the year" (两年内 / 近年内 are durations: the character before rules them out); 年内容 is not one.
    if (n === c('内')) {
      if (s.ch(i + 2) === c('容') || s.ch(i + 2) === c('部') || s.ch(i + 2) === c('外')) return undefined;
      s.emit(i, i + 2, s.ref ? pad(s.ref.y, 4) : 'XXXX', 'DATE', s.anchorRef());
      return i + 2;
    }
    // 年初一 .. 年初十 (Hong Kong: 年初一至年初三, the first days of the lunar new year), when the day ends the word
    // (年初一至, 年初三，); 年初一些 / 年初一直 / 年初一度 are "early in the year".
    if (n === CH.chu) {
      const d = HAN_NUM[s.ch(i + 2)]!;
      const after = s.ch(i + 3);
      if (d >= 1 && d <= 10 && (!isHan(after) || LUNAR_DAY_AFTER.has(after))) {
        const next = holidaysNs.lunarAfterMonth(s, i, 1, i + 1, undefined, i);
        if (next !== undefined) return next;
      }
    }
    let mod: TimexMod | undefined;
    if (n === CH.chu || n === CH.mo || n === CH.di) mod = n === CH.chu ? 'START' : 'END';
    else if (n === CH.zh && !isHan(s.ch(i + 2))) mod = 'MID';
    if (!mod || s.ch(i + 2) === c('衷') || s.ch(i + 2) === c('年')) return undefined;
    s.emit(i, i + 2, s.ref ? pad(s.ref.y, 4) : 'XXXX', 'DATE', s.anchorRef(), mod);
    return i + 2;
  },
  examples: [['年初', '2006'], ['年底', '2006'], ['预计年内还将加息', '2006', '年内'], ['年初一至年初三', '2006-01-29/2006-01-31'], ['年初一些国家', '2006', '年初']],
};

const DAY_OFFSET: Record<string, [number, string?]> = {
  昨天: [-1], 昨日: [-1], 前天: [-2], 前日: [-2], 今天: [0], 今日: [0], 明天: [1], 明日: [1], 后天: [2], 大前天: [-3], 大后天: [3],
  昨晚: [-1, 'NI'], 昨夜: [-1, 'NI'], 前晚: [-2, 'NI'], 今晚: [0, 'NI'], 今夜: [0, 'NI'], 明晚: [1, 'NI'],
  今晨: [0, 'MO'], 今早: [0, 'MO'], 今午: [0, 'AF'], 明早: [1, 'MO'], 昨晨: [-1, 'MO'],
};
const DAY_WORDS = Object.keys(DAY_OFFSET);
/** After 前日: what makes it 前 + 日本 / 日军 / 日方... (former Japanese ...) or another word (前日期). */
const QIAN_RI_NOT_BEFORE = new Set([...'本军軍方元圆圓语語文韩韓美俄期益子记記程常志'].map(c));
/** Names that begin with 今日 / 明日: 今日俄罗斯 (RT), 今日头条, 今日美国 (USA Today), 明日之星. */
const DAY_NAME_AFTER = ['俄罗斯', '俄国', '头条', '美国', '中国', '说法', '关注', '印度', '日本', '之星', '香港', '新闻', '话题'];
/** After any day word: a company's name (明天集团, 今日控股). */
const DAY_ORG_AFTER = ['集团', '控股'];
/** Characters X of words X大 (扩大, 放大, 最大, 很大): 扩大后天津港 is 扩大 + 后 + 天津, not 大后天 or 后天. */
const C_DA = c('大');
const DA_WORD_BEFORE = new Set([...'扩放加壮强最长巨重伟广庞远宏高老增夸胆肥宽做变很太更较越极'].map(c));

/** 昨天 今日 明天 后天 前天 昨晚 今晨 (+ time: 今天下午3点, 昨晚8时), 次日 / 翌日 (the day after the previous date). */
export const relativeDay: Rule = {
  name: 'relative-zh/day',
  keywords: [...DAY_WORDS, '次日', '翌日'],
  at(s, i) {
    const w = s.litAny(i, DAY_WORDS) ?? s.litAny(i, ['次日', '翌日']);
    if (!w) return undefined;
    const prev = s.ch(i - 1);
    if (prev === c('《') || prev === c('〈') || prev === c('「')) return undefined; // a title: 《今日说法》
    if (w === '次日' || w === '翌日') {
      // The previous date must be a full day (2005-09-19, 2005-09-19T10:00).
      const day = s.previousDay(i);
      if (!day || DAY_WORD_BEFORE.has(prev)) return undefined;
      const [y, mo, d] = addDays(day.y, day.m, day.d, 1);
      const cal: Cal = { y, m: mo, d, end: i + 2 };
      afterDay(s, cal);
      s.emit(i, cal.end, s.fmt(cal), cal.hh !== undefined ? 'TIME' : 'DATE', `context: the day after ${day.value}`);
      return cal.end;
    }
    const [k, part] = DAY_OFFSET[w]!;
    if (w.length === 3 ? DA_WORD_BEFORE.has(prev) : Math.abs(k) >= 2 && (!qianHouOk(s, i) || (prev === C_DA && DA_WORD_BEFORE.has(s.ch(i - 2))))) return undefined;
    // 前日 is the day before yesterday (前日出席論壇); 前日本首相 is "former Japanese", 前日军 a former army.
    if (w === '前日' && QIAN_RI_NOT_BEFORE.has(s.ch(i + 2))) return undefined;
    if ((w === '今日' || w === '明日') && s.litAny(i + 2, DAY_NAME_AFTER)) return i + 2;
    if (s.litAny(i + w.length, DAY_ORG_AFTER)) return i + w.length;
    const cal: Cal = { end: i + w.length };
    let value: string;
    if (s.ref && s.ref.m !== undefined && s.ref.d !== undefined) {
      const [y, m, d] = addDays(s.ref.y, s.ref.m, s.ref.d, k);
      Object.assign(cal, { y, m, d });
      value = '';
    } else value = s.ref ? refPlusDays(s.ref, k) : 'XXXX-XX-XX';
    if (part) {
      // 昨晚8点: the evening's clock time; a bare 昨晚 is the night of that day.
      afterDay(s, cal, part === 'NI' ? 2 : 0);
      if (cal.hh === undefined) cal.part = part;
    } else {
      afterDay(s, cal);
      if (cal.hh === undefined) {
        const per = dayPeriod(s, cal.end);
        if (per) {
          cal.part = per.part;
          cal.end = per.end;
        }
      }
    }
    if (!value) value = s.fmt(cal);
    else value += s.timeOf(cal);
    s.emit(i, cal.end, value, cal.hh !== undefined || cal.part !== undefined ? 'TIME' : 'DATE', s.anchorRef());
    return cal.end;
  },
  examples: [['大后天', '2006-03-25'], ['大前天抵达', '2006-03-19', '大前天'], ['扩大后天然气产量', '', ''], ['这次扩大后天津港的吞吐能力', '', ''], ['明天集团', '', ''], ['后天下午', '2006-03-24TAF'], ['昨天', '2006-03-21'], ['今日', '2006-03-22'], ['前天', '2006-03-20'], ['候選人前日出席論壇', '2006-03-20', '前日'], ['昨晚', '2006-03-21TNI'], ['今晨', '2006-03-22TMO'], ['明天上午10点', '2006-03-23T10'], ['今天下午', '2006-03-22TAF']],
};

/** A clock time led by a period of the day without a date: 下午5点, 晚上8时30分, 上午10:30 (on the reference day). */
export const clockTime: Rule = {
  name: 'relative-zh/clock-time',
  keywords: ['凌晨', '早上', '早晨', '上午', '中午', '下午', '傍晚', '晚上', '晚间', '夜间', '夜里', '清晨', '早间', '深夜', '午夜'],
  at(s, i) {
    const per = dayPeriod(s, i);
    if (!per) return undefined;
    const cal: Cal = { end: i };
    afterDay(s, cal);
    if (cal.hh === undefined) {
      // 警方下午施放催淚彈, 凌晨时分: a period of the day alone is that part of the day the sentence gives (else the
      // reference day); not a habit (每天下午), a stretch (一个下午, 整个上午) or a word it begins (下午茶, 晚上好).
      // Right after a day the period is that day's ([中秋]晚上, 每周三下午): left to the day's own rule, never a second mention.
      const prev = s.ch(i - 1);
      const last = s.out[s.out.length - 1];
      if (!cal.part || PERIOD_NOT_AFTER.has(prev) || HAN_NUM[prev]! >= 0 || isDigit(prev) || PERIOD_NOT_BEFORE.has(s.ch(cal.end)) || (last && last.end === i)) return undefined;
    }
    // 昨日清晨六時出發，於當地時間上午九時三十分抵達: the day the sentence has just given, else the reference day; after
    // 同日 / 当天 / 当日 (…3月5日舉行。同日下午5時…) the day named before, in an earlier sentence too.
    const same = s.litBefore(i, SAME_DAY);
    const last = s.dayInSentence(i) ?? (same ? s.dayMentionBefore(i - same.length) : undefined);
    const day = last ? last.value.slice(0, 10) : s.ref && s.ref.m !== undefined && s.ref.d !== undefined ? `${pad(s.ref.y, 4)}-${pad(s.ref.m)}-${pad(s.ref.d)}` : 'XXXX-XX-XX';
    s.emit(i, cal.end, day + s.timeOf(cal), 'TIME', last ? `context: the day of ${last.text}` : s.anchorRef());
    return cal.end;
  },
  examples: [
    ['下午5点', '2006-03-22T17'], ['下午5:00', '2006-03-22T17:00'], ['晚上8时30分', '2006-03-22T20:30'], ['清晨六时', '2006-03-22T06'],
    ['警方下午施放催淚彈', '2006-03-22TAF', '下午'], ['凌晨，警方設置鐵馬', '2006-03-22TNI', '凌晨'],
  ],
};

/** Time-zone words before a clock time (当地时间13时许), in normalised form; they stay out of the span. */
const ZONE_BEFORE = ['当地时间', '北京时间', '香港时间', '台北时间', '澳门时间', '东京时间', '日本时间', '首尔时间', '韩国时间', '莫斯科时间', '格林尼治时间', '美东时间', '美国东部时间', '纽约时间', '华盛顿时间', '伦敦时间', '巴黎时间', '布鲁塞尔时间', '日内瓦时间', '曼谷时间', '新加坡时间'];

/**
 * A clock time written without a period of the day (13时许, 3時34分): after a time-zone word (当地时间13时许开始), or, with
 * its minutes, next to a time of the same sentence (下午3時02分升為三級，3時34分升為四級: in the afternoon too, when the
 * earlier time is after noon and the hour would not go back past it). On the day the sentence gives, else the
 * reference day. A bare 3时 / 5点 elsewhere (a count, 5点建议) is not read.
 */
export const bareClockTime: Rule = {
  name: 'relative-zh/bare-clock-time',
  digits: true,
  hanNumerals: true,
  at(s, i) {
    const prev = s.ch(i - 1);
    if (isDigit(prev) || HAN_NUM[prev]! >= 0) return undefined;
    const num = s.num(i);
    if (!num || num.v > 24 || (!num.han && num.n > 2) || (num.han && num.n > 1 && num.v < 10)) return undefined;
    const u = s.ch(num.end);
    if (u !== CH.shi2 && u !== CH.dian) return undefined;
    const zone = s.litBefore(i, ZONE_BEFORE) !== undefined;
    let pm = 0;
    if (!zone) {
      const last = s.out[s.out.length - 1];
      if (!last || last.type !== 'TIME' || i - last.end > 24) return undefined;
      for (let k = last.end; k < i; k++) if (CLAUSE_END_ZH.has(s.ch(k))) return undefined;
      const hh = /T(\d{2})/.exec(last.value);
      if (hh && Number(hh[1]) >= 12 && num.v < 12 && num.v + 12 >= Number(hh[1])) pm = 2;
    }
    const cal: Cal = { end: i };
    afterDay(s, cal, pm);
    if (cal.hh === undefined || (!zone && cal.mi === undefined)) return undefined;
    const last = s.dayInSentence(i);
    const day = last ? last.value.slice(0, 10) : s.ref && s.ref.m !== undefined && s.ref.d !== undefined ? `${pad(s.ref.y, 4)}-${pad(s.ref.m)}-${pad(s.ref.d)}` : 'XXXX-XX-XX';
    s.emit(i, cal.end, day + s.timeOf(cal), 'TIME', last ? `context: the day of ${last.text}` : s.anchorRef());
    return cal.end;
  },
  examples: [['当地时间13时许开始投票', '2006-03-22T13', '13时'], ['北京时间20点30分', '2006-03-22T20:30', '20点30分']],
};
const CLAUSE_END_ZH = new Set([...'。！？；\n'].map(c));

/** 同日 / 当天 / 当日 / 是日 before a clock time: the day named before. */
const SAME_DAY = ['同日', '当天', '当日', '是日'];

/** 昨 alone before a verb, as Taiwan's press writes it (中華隊昨對上捷克, 他昨表示): the day before the reference. */
export const yesterdayAlone: Rule = {
  name: 'relative-zh/yesterday-alone',
  keywords: ['昨'],
  at(s, i) {
    const n = s.ch(i + 1);
    // 昨天 / 昨日 / 昨晚 / 昨(15)日 are read by the rules before; 今是昨非 and 昨年 are not this.
    if (!isHan(n) || ZUO_NOT_BEFORE.has(n) || s.ch(i - 1) === CH.jin || s.ch(i - 1) === c('如')) return undefined;
    s.emit(i, i + 1, s.ref ? refPlusDays(s.ref, -1) : 'XXXX-XX-XX', 'DATE', s.anchorRef());
    return i + 1;
  },
  examples: [['中華隊昨對上捷克', '2006-03-21', '昨'], ['他昨表示', '2006-03-21', '昨']],
};
/** Before a period of the day: a habit or a stretch of time (每天下午, 一个下午, 整个上午, 同日下午 is read with its day). */
const PERIOD_NOT_AFTER = new Set([...'每天日号个個整半些当當那这這其至到末'].map(c));
/** After a period of the day: words it begins (下午茶, 晚上好, 上午场, 下午班) or a count (下午两场). */
const PERIOD_NOT_BEFORE = new Set([...'茶好场場班档檔版报報饭飯餐市盘盤段列车車'].map(c));
const ZUO_NOT_BEFORE = new Set([...'天日晚夜晨早年非宵儿'].map(c));
