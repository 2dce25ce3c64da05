/**
 * Families found missing on the held-out evaluation sets (test/eval/dates-heldout.*.txt):
 * - Taiwan's parenthesised dates in official and news text: 本(2)月18日, 上(7)月, 今(16)天下午4時, 昨(15)日, 今（14日）.
 * - Month parts alone: 月底 / 月初 / 月中 / 月末 (the reference month).
 * - The first months of a year: 前8个月 (2019-01/2019-08), the first eight months of 2019.
 * - Event-anchored open intervals: after the war, since the end of the Cold War, 冷战结束以来, 二战后: the event's date
 *   is not in the text, so the start is unspecified (XXXX/.., TIMEX3 mod AFTER / SINCE); the hover explains it.
 * - English holidays (New Year's Eve, Christmas Day...): the occurrence nearest the reference.
 * - "the weekend" / "in the spring" with the article; a day list after a full date (October 10 and 11).
 */
import * as chars from '../chars';
import * as lexicon from '../lexicon';
import * as resolveNs from '../resolve';
import type { Cal, Scanner } from '../scanner';
import type { DateMention, TimexMod } from '../../types';
import * as calendarNs from './calendar';
import type { Rule } from './registry';
import * as weeksNs from './weeks';
import { EVENT_ANCHOR } from '../anchor';
// Local bindings: module members compiled to CommonJS are getters, too slow in the hot loop.
const { c, isDigit, isHan, isLetter, HAN_NUM } = chars;
const { CH, NUMBER_WORDS, REL_OK_BEFORE } = lexicon;
const { addDays, daysIn, nearestYear, pad } = resolveNs;
const { afterDay } = calendarNs;
const { nearestWeekend, weekValue, future } = weeksNs;

const LP = CH.lparen;
const FULL_DAY = /^\d{4}-\d{2}-\d{2}$/;
const RP = CH.rparen;

/** A number in parentheses at p: "(16)", "(14日)" (withDay), "(十四)" (han: Chinese numerals, as Macao's 今(十四)日): [value, end after ")"]. */
function parenNum(s: Scanner, p: number, unit?: number, han = false): [number, number] | undefined {
  if (s.ch(p) !== LP) return undefined;
  const num = s.readNum(p + 1);
  if (!num || (num.han && !han) || num.n > (num.han ? 3 : 2) || num.v < 1) return undefined;
  let q = num.end;
  if (unit !== undefined) {
    if (s.ch(q) !== unit) return undefined;
    q++;
  }
  return s.ch(q) === RP ? [num.v, q + 1] : undefined;
}

/**
 * 本(2)月18日, 上(7)月, 下(3)月 and 今(16)天 / 今(16)日 / 昨(15)日 / 明(17)日 / 翌(16)日 / 今（14日）, with a time after
 * them; the day may be in Chinese numerals before 日 / 天 (Macao: 今(十四)日下午三時, 明(十五)日).
 */
export const taiwanParen: Rule = {
  name: 'heldout/taiwan-paren',
  keywords: ['本(', '上(', '下(', '今(', '昨(', '明(', '翌('],
  at(s, i) {
    const u = s.ch(i);
    const ref = s.ref;
    if (u === CH.ben || u === CH.shang || u === CH.xia) {
      const pn = parenNum(s, i + 1);
      if (!pn || pn[0] > 12 || s.ch(pn[1]) !== CH.yue) return undefined;
      const m = pn[0];
      const cal: Cal = { m, end: pn[1] + 1, relMonth: true };
      if (ref) {
        const rm = ref.m ?? m;
        cal.y = u === CH.shang ? (m <= rm ? ref.y : ref.y - 1) : u === CH.xia ? (m >= rm ? ref.y : ref.y + 1) : ref.m === undefined ? ref.y : nearestYear(ref, m);
      }
      const dn = s.readNum(cal.end);
      if (dn && !dn.han && dn.n <= 2 && dn.v >= 1 && dn.v <= 31 && (s.ch(dn.end) === CH.ri || s.ch(dn.end) === CH.hao)) {
        cal.d = dn.v;
        cal.end = dn.end + 1;
        afterDay(s, cal);
      } else calendarNs.afterMonth(s, cal);
      emitResolved(s, i, cal);
      return cal.end;
    }
    // 今(16)天, 昨(15)日, 今（14日）
    const k = u === CH.jin ? 0 : u === CH.zuo ? -1 : 1;
    let pn = parenNum(s, i + 1, undefined, true);
    let end: number;
    if (pn && (s.ch(pn[1]) === CH.tian || s.ch(pn[1]) === CH.ri)) end = pn[1] + 1;
    else if ((pn = parenNum(s, i + 1, CH.ri))) end = pn[1];
    else {
      // 今(2月10)日: the month and day in the parentheses.
      const mn = s.ch(i + 1) === LP ? s.readNum(i + 2) : undefined;
      if (!mn || mn.han || mn.v < 1 || mn.v > 12 || s.ch(mn.end) !== CH.yue) return undefined;
      const dn = s.readNum(mn.end + 1);
      if (!dn || dn.han || dn.v < 1 || dn.v > 31 || s.ch(dn.end) !== RP || (s.ch(dn.end + 1) !== CH.ri && s.ch(dn.end + 1) !== CH.tian)) return undefined;
      const cal: Cal = { m: mn.v, d: dn.v, end: dn.end + 2 };
      if (ref) cal.y = nearestYear(ref, mn.v, dn.v);
      afterDay(s, cal);
      emitResolved(s, i, cal);
      return cal.end;
    }
    const d = pn[0];
    if (d > 31) return undefined;
    const cal: Cal = { d, end, relMonth: true };
    // 翌(16)日 is the day after the date named before it (明(15)日…翌(16)日), else after the reference.
    const prevDay = u === c('翌') ? s.previousDay(i) : undefined;
    const after = prevDay ? addDays(prevDay.y, prevDay.m, prevDay.d, 1) : undefined;
    if (after && after[2] === d) Object.assign(cal, { y: after[0], m: after[1] });
    else if (ref && ref.m !== undefined && ref.d !== undefined) {
      const [y, m, dd] = addDays(ref.y, ref.m, ref.d, k);
      if (dd === d) Object.assign(cal, { y, m });
      else if (d <= daysIn(ref.y, ref.m)) Object.assign(cal, { y: ref.y, m: ref.m });
    } else if (ref) cal.y = ref.y;
    afterDay(s, cal);
    emitResolved(s, i, cal);
    return cal.end;
  },
  examples: [['本(3)月18日', '2006-03-18'], ['上(2)月', '2006-02'], ['今(22)天下午4時', '2006-03-22T16'], ['昨(21)日', '2006-03-21'], ['今（22日）', '2006-03-22'], ['今(3月22)日', '2006-03-22'], ['今(二十二)日下午三時', '2006-03-22T15'], ['明(二十三)日', '2006-03-23'], ['翌(23)日下午3時', '2006-03-23T15']],
};

function emitResolved(s: Scanner, i: number, cal: Cal): void {
  const value = s.fmt(cal);
  const type = cal.hh !== undefined || cal.part !== undefined ? 'TIME' : 'DATE';
  s.emit(i, cal.end, value, type, s.anchorRef(), cal.mod);
  if (cal.y !== undefined && cal.m !== undefined) s.setContext(value, cal.y, cal.m, cal.end);
}

const MONTH_PART: Record<string, TimexMod> = { 月初: 'START', 月中: 'MID', 月底: 'END', 月末: 'END' };
const MONTH_PARTS = Object.keys(MONTH_PART);

/** 月底 / 月初 / 月中 / 月末 alone (持续到月底): the reference month. 本月底, 5月底, 每月底 are read elsewhere or not dates. */
export const monthPartZh: Rule = {
  name: 'heldout/month-part-zh',
  keywords: MONTH_PARTS,
  at(s, i) {
    const w = s.litAny(i, MONTH_PARTS);
    if (!w) return undefined;
    const prev = s.ch(i - 1);
    if (isHan(prev) && !REL_OK_BEFORE.has(prev)) return undefined;
    if (isDigit(prev) || HAN_NUM[prev]! >= 0) return undefined;
    const next = s.ch(i + 2);
    if (w === '月中' && isHan(next) && next !== c('旬') && next !== c('的') && next !== c('前')) return undefined; // 月中旬 ok; 月中国 no
    const ref = s.ref;
    const value = ref ? (ref.m === undefined ? `${pad(ref.y, 4)}-XX` : `${pad(ref.y, 4)}-${pad(ref.m)}`) : 'XXXX-XX';
    s.emit(i, i + 2, value, 'DATE', s.anchorRef(), MONTH_PART[w]);
    return i + 2;
  },
  examples: [['持续到月底', '2006-03', '月底']],
};

/** The end month n of "the first n months": in year y, or the reference's (the year before when not yet over). */
function firstMonthsValue(s: Scanner, n: number, y: number | undefined): string {
  if (y === undefined && s.ref) y = s.ref.m !== undefined && n >= s.ref.m ? s.ref.y - 1 : s.ref.y;
  const yy = y === undefined ? 'XXXX' : pad(y, 4);
  return `${yy}-01/${yy}-${pad(n)}`;
}

/** 前8个月 / 前三季度 are the first months (quarters) of the year: 2019-01/2019-08. 前8个月里 after 今年 / 2019年 takes that year. */
export const firstMonthsZh: Rule = {
  name: 'heldout/first-months-zh',
  // 前8个月; 首5個月 (Hong Kong: the first five months)
  keywords: ['前', '首'],
  at(s, i) {
    const num = s.readNum(i + 1);
    if (!num || num.v < 2 || num.v > 11 || (num.han && num.n > 1 && num.v < 10)) return undefined;
    if (num.end === i + 1) return undefined;
    let p = num.end;
    // 前三季度 / 首三季 (Hong Kong, Taiwan): the first N quarters, months 1 to 3N.
    let months = num.v;
    // 前三季 without 度 is as often the first three seasons of a league (前三季的比赛): with 度 only, 首 both, or right after
    // a year (今年前三季, 2024年前三季: that year's first three quarters).
    const prevMention = s.out[s.out.length - 1];
    const afterYear = prevMention !== undefined && prevMention.end === i && /^\d{4}$/.test(prevMention.value);
    if (s.ch(p) === CH.ji4 && num.v <= 3 && (s.ch(p + 1) === CH.du || s.ch(i) === c('首') || afterYear)) {
      months = 3 * num.v;
      p = s.ch(p + 1) === CH.du ? p + 1 : p;
    } else {
      if (s.ch(p) === CH.ge) p++;
      if (s.ch(p) !== CH.yue) return undefined;
    }
    if (s.ch(p + 1) === c('前') || s.ch(p + 1) === c('后')) return undefined;
    // The year just before (2019年前8个月, 今年前8个月): the previous mention ends here.
    let y: number | undefined;
    const last = s.out[s.out.length - 1];
    let start = i;
    if (last && last.end === i && /^\d{4}$/.test(last.value)) {
      y = Number(last.value);
      start = last.start;
      s.out.length--;
    }
    const prev = s.ch(start - 1);
    if (start === i && isHan(prev) && !REL_OK_BEFORE.has(prev) && prev !== c('年')) return undefined;
    s.emit(start, p + 1, firstMonthsValue(s, months, y), 'DATE', y !== undefined && last && last.anchor === 'explicit' ? 'explicit' : s.anchorRef());
    return p + 1;
  },
  examples: [['前8个月', '2005-01/2005-08'], ['2019年前8个月', '2019-01/2019-08'], ['今年首5個月', '2006-01/2006-05'], ['2019年前三季度', '2019-01/2019-09'], ['今年首三季', '2006-01/2006-09'], ['今年前三季經濟成長', '2006-01/2006-09', '今年前三季']],
};

/** "the first eight months of 2019" / "of the year" / "of this year": YYYY-01/YYYY-08. */
export const firstMonthsEn: Rule = {
  name: 'heldout/first-months-en',
  words: ['first'],
  at(s, i) {
    if (!s.wordStart(i) || s.ch(i + 5) !== CH.space) return undefined;
    const [nw, nEnd] = s.wordAt(i + 6);
    let n = NUMBER_WORDS[nw.toLowerCase()];
    let q = nEnd;
    if (n === undefined && isDigit(s.ch(i + 6))) {
      q = s.digitRunEnd(i + 6);
      n = Number(s.text.slice(i + 6, q));
    }
    if (n === undefined || n < 2 || n > 11 || !s.lit(q, ' months')) return undefined;
    let end = q + 7;
    let y: number | undefined;
    let explicit = false;
    if (s.lit(end, ' of ')) {
      const p = end + 4;
      const ye = s.digitRunEnd(p);
      if (ye - p === 4 && !isLetter(s.ch(ye))) {
        y = Number(s.text.slice(p, ye));
        end = ye;
        explicit = true;
      } else {
        const tail = s.litAny(p, ['the year', 'this year', 'last year']);
        if (tail) {
          end = p + tail.length;
          if (s.ref) y = s.ref.y - (tail === 'last year' ? 1 : 0);
          if (tail === 'the year' && s.ref && s.ref.m !== undefined && n >= s.ref.m) y = s.ref.y - 1;
        }
      }
    }
    s.emit(i, end, firstMonthsValue(s, n, y), 'DATE', explicit ? 'explicit' : s.anchorRef());
    return end;
  },
  examples: [['the first eight months of 2019', '2019-01/2019-08', 'first eight months of 2019']],
};

/** Events an "after" / "since" can be anchored to when their date is not written. */
const EVENTS_EN = /^(?:the )?(?:end of the (?:cold war|war)|(?:cold |civil |gulf |korean |vietnam |iraq |first |second )?war|cold war|crisis|financial crisis|revolution|invasion|annexation|coup|election|elections|referendum|summit|attacks?|collapse of the soviet union|handover|reunification|independence|pandemic|outbreak|ceasefire|armistice|reform and opening(?:-up| up)?)\b/i;

/** after the war, since the end of the Cold War, after the crisis: XXXX/.. with mod AFTER / SINCE. */
export const eventOpenEn: Rule = {
  name: 'heldout/event-open-en',
  words: ['after', 'since'],
  at(s, i) {
    if (!s.wordStart(i)) return undefined;
    const [w, wEnd] = s.wordAt(i);
    if (s.ch(wEnd) !== CH.space || !s.lit(wEnd + 1, 'the ') && !s.lit(wEnd + 1, 'The ')) return undefined;
    const tail = s.text.slice(wEnd + 1, Math.min(s.end, wEnd + 48));
    const m = EVENTS_EN.exec(tail);
    if (!m) return undefined;
    const end = wEnd + 1 + m[0].length;
    // "after the war began" / "since the war started" anchor to the same event; "the war on terror" / "war crimes" do not.
    if (isLetter(s.ch(end)) || s.lit(end, ' on ') || s.lit(end, ' crimes') || s.lit(end, ' of ')) return undefined;
    // "since the handover in 1997": the text dates the event; the year is the date, not an event of unknown date.
    if ((s.lit(end, ' in ') || s.lit(end, ' of ')) && isDigit(s.ch(end + 4))) return undefined;
    // "53 days after the war began", "a week after the invasion": a time counted from the event, not the open interval.
    const before = s.prevWord(i);
    if (before && COUNT_UNIT_EN.has(before[0].toLowerCase())) {
      // Only a counted unit ("days after the invasion" is still the open interval after it).
      let q = before[1];
      while (s.ch(q - 1) === CH.space) q--;
      const count = s.prevWord(before[1]);
      if (isDigit(s.ch(q - 1)) || (count && (count[0].toLowerCase() === 'a' || count[0].toLowerCase() === 'an' || NUMBER_WORDS[count[0].toLowerCase()] !== undefined))) return undefined;
    }
    const mod: TimexMod = w.toLowerCase() === 'since' ? 'SINCE' : 'AFTER';
    s.emit(i, end, 'XXXX/..', 'DATE', EVENT_ANCHOR, mod);
    return end;
  },
  examples: [['After the war', 'XXXX/..'], ['since the end of the Cold War', 'XXXX/..']],
};

/** Units of a count of time before "after" / "since" (53 days after the war, a year since the invasion). */
const COUNT_UNIT_EN = new Set(['day', 'days', 'week', 'weeks', 'month', 'months', 'year', 'years', 'decade', 'decades', 'hour', 'hours', 'minutes']);

const EVENTS_ZH = ['冷战结束', '二战结束', '战争结束', '内战结束', '一战结束', '改革开放', '二战', '冷战', '金融危机', '苏联解体', '香港回归', '回归', '建国', '建交', '疫情暴发', '疫情爆发', '疫情', '上任', '就任', '上台', '执政'];
const TAKING_OFFICE = new Set(['上任', '就任', '上台', '执政']);
const EVENT_AFTER_ZH: Record<string, TimexMod> = { 以来: 'SINCE', 以后: 'AFTER', 之后: 'AFTER', 后: 'AFTER' };

/** Only Han characters (no numeral, no 的) in [from, to): a short modifier between a date and an event (国际, 香港). */
function modifierOnly(s: Scanner, from: number, to: number): boolean {
  for (let k = from; k < to; k++) {
    const ch = s.ch(k);
    if (!isHan(ch) || HAN_NUM[ch]! >= 0 || ch === c('的')) return false;
  }
  return true;
}

/** 冷战结束以来, 二战后, 改革开放以来, 苏联解体后: XXXX/.. with mod SINCE / AFTER (the event's date is not in the text). */
export const eventOpenZh: Rule = {
  name: 'heldout/event-open-zh',
  keywords: ['冷战', '二战', '战争结束', '内战结束', '一战结束', '改革开放', '金融危机', '苏联解体', '香港回归', '回归', '建国', '建交', '疫情', '上任', '就任', '上台', '执政'],
  at(s, i) {
    const ev = s.litAny(i, EVENTS_ZH);
    if (!ev) return undefined;
    const last = s.out[s.out.length - 1];
    // 08年金融危机以后, 10年前的金融危机之后: the event is dated by the date before it.
    if (last && (last.end === i || (last.end === i - 1 && s.ch(i - 1) === c('的')))) return undefined;
    // 2008年国际金融危机之后, 1997年香港回归以来: dated by the date before it across a short modifier (国际, 亚洲, 全球).
    if (last && last.end < i && i - last.end <= 3 && last.type !== 'DURATION' && modifierOnly(s, last.end, i)) return undefined;
    const p = i + ev.length;
    const after = s.litAny(p, ['以来', '以后', '之后', '后']);
    if (!after) return undefined;
    // 上任以来 / 执政以来 (since taking office); 走上台后 is a stage, not an event: taking office opens with 以来 only.
    if (TAKING_OFFICE.has(ev) && after !== '以来') return undefined;
    // 二战后期 / 回归后的... is fine only as the end of the phrase: 后 followed by 期 / 果 / 者 is another word.
    const next = s.ch(p + after.length);
    if (after === '后' && (next === CH.qi || next === c('果') || next === c('者') || next === c('方') || next === c('勤'))) return undefined;
    let start = i;
    const pre = s.litBefore(i, ['自从', '自']);
    // 自冷战结束以来 (since), 自疫情之後 (from then on): 自 is part of the span; not before a bare 后.
    if (pre && (EVENT_AFTER_ZH[after] === 'SINCE' || after.length === 2)) start -= pre.length;
    s.emit(start, p + after.length, 'XXXX/..', 'DATE', EVENT_ANCHOR, EVENT_AFTER_ZH[after]);
    return p + after.length;
  },
  examples: [['冷战结束以来', 'XXXX/..'], ['二战后', 'XXXX/..'], ['總統上任以來', 'XXXX/..', '上任以來']],
};

/** A holiday's month and day: fixed, or in a given year (Easter and the days set by it, Thanksgiving). */
type EnHoliday = [number, number] | ((y: number) => [number, number]);

/** Easter Sunday of year y (Gregorian computus, the anonymous algorithm): [month, day]. */
export function easter(y: number): [number, number] {
  const a = y % 19;
  const b = Math.floor(y / 100);
  const c0 = y % 100;
  const d = Math.floor(b / 4);
  const e = b % 4;
  const f = Math.floor((b + 8) / 25);
  const g = Math.floor((b - f + 1) / 3);
  const h = (19 * a + b - d - g + 15) % 30;
  const i = Math.floor(c0 / 4);
  const k = c0 % 4;
  const l = (32 + 2 * e + 2 * i - h - k) % 7;
  const m = Math.floor((a + 11 * h + 22 * l) / 451);
  const month = Math.floor((h + l - 7 * m + 114) / 31);
  return [month, ((h + l - 7 * m + 114) % 31) + 1];
}
const easterPlus = (days: number) => (y: number): [number, number] => {
  const [m, d] = easter(y);
  const [, m2, d2] = addDays(y, m, d, days);
  return [m2, d2];
};
/** The fourth Thursday of November (the United States' Thanksgiving). */
function thanksgiving(y: number): [number, number] {
  const first = new Date(Date.UTC(y, 10, 1)).getUTCDay();
  return [11, 1 + ((4 - first + 7) % 7) + 21];
}
const HOLIDAYS_EN: Array<[string, EnHoliday]> = [
  ["New Year's Eve", [12, 31]], ["New Year's Day", [1, 1]], ['Christmas Eve', [12, 24]], ['Christmas Day', [12, 25]], ['Boxing Day', [12, 26]],
  ["Valentine's Day", [2, 14]], ['Halloween', [10, 31]], ['Christmas', [12, 25]],
  ['Easter Sunday', easterPlus(0)], ['Easter Monday', easterPlus(1)], ['Good Friday', easterPlus(-2)], ['Easter', easterPlus(0)],
  ['Thanksgiving Day', thanksgiving], ['Thanksgiving', thanksgiving],
];
/** Capitalised words after which a holiday is part of a name: the Good Friday Agreement, the Easter Rising, Easter Island. */
const HOLIDAY_NAME_NOUNS = new Set(['Agreement', 'Accord', 'Accords', 'Rising', 'Island', 'Islands', 'Offensive', 'Uprising', 'Massacre', 'Parade', 'Act', 'Bombings', 'Attacks', 'Truce']);

/** New Year's Eve, Christmas Day, Halloween...: the occurrence nearest the reference (in the year written after it). */
export const holidaysEn: Rule = {
  name: 'heldout/holidays-en',
  words: ['New', 'Christmas', 'Boxing', 'Valentine', 'Halloween', 'Easter', 'Good', 'Thanksgiving'],
  at(s, i) {
    if (!s.wordStart(i)) return undefined;
    let hit: [string, EnHoliday] | undefined;
    for (const h of HOLIDAYS_EN) {
      const name = h[0];
      let ok = true;
      for (let k = 0; k < name.length && ok; k++) {
        const ch = s.ch(i + k);
        const want = name.charCodeAt(k);
        ok = ch === want || (want === CH.apos && ch === CH.rsquo);
      }
      if (ok && !isLetter(s.ch(i + name.length))) {
        hit = h;
        break;
      }
    }
    if (!hit) return undefined;
    const spec = hit[1];
    let end = i + hit[0].length;
    if (s.ch(end) === CH.space && HOLIDAY_NAME_NOUNS.has(s.wordAt(end + 1)[0])) return end;
    let y: number | undefined;
    let anchor = s.anchorRef();
    const yp = s.ch(end) === CH.comma ? end + 2 : end + 1;
    const ye = s.digitRunEnd(yp);
    if (s.ch(yp - 1) === CH.space && ye - yp === 4 && !isLetter(s.ch(ye))) {
      y = Number(s.text.slice(yp, ye));
      end = ye;
      anchor = 'explicit';
    } else if (s.ref) y = typeof spec === 'function' ? nearestMovable(s.ref, spec) : nearestYear(s.ref, spec[0], spec[1]);
    if (y === undefined && typeof spec === 'function') {
      s.emit(i, end, 'XXXX-XX-XX', 'DATE', 'unresolved');
      return end;
    }
    const [m, d] = typeof spec === 'function' ? spec(y!) : spec;
    s.emit(i, end, `${y === undefined ? 'XXXX' : pad(y, 4)}-${pad(m)}-${pad(d)}`, 'DATE', anchor);
    return end;
  },
  examples: [["New Year's Eve", '2005-12-31'], ['Christmas Day 2019', '2019-12-25'], ['Easter Monday', '2006-04-17'], ['Good Friday 2024', '2024-03-29'], ['Thanksgiving', '2005-11-24']],
};

/** The year (the reference's or one next to it) in which a movable holiday falls nearest the reference. */
function nearestMovable(ref: resolveNs.RefDate, at: (y: number) => [number, number]): number {
  if (ref.m === undefined) return ref.y;
  const refT = Date.UTC(ref.y, ref.m - 1, ref.d ?? 15);
  let best = ref.y;
  let bestDist = Infinity;
  for (const y of [ref.y - 1, ref.y, ref.y + 1]) {
    const [m, d] = at(y);
    const dist = Math.abs(Date.UTC(y, m - 1, d) - refT);
    if (dist < bestDist) {
      bestDist = dist;
      best = y;
    }
  }
  return best;
}

/** "the weekend" (over the weekend, at the weekend): the nearer weekend, the coming one in future sentences. */
export const weekendEn: Rule = {
  name: 'heldout/weekend-en',
  words: ['weekend'],
  at(s, i) {
    if (!s.wordStart(i)) return undefined;
    const w = s.prevWord(i);
    if (!w || w[0].toLowerCase() !== 'the' || isLetter(s.ch(i + 7))) return undefined;
    const end = i + 7;
    // "made little progress over the weekend" (a past sentence): the weekend just past, unless it is the weekend now.
    const ref = s.ref;
    const pastWeekend = ref && ref.m !== undefined && ref.d !== undefined && new Date(Date.UTC(ref.y, ref.m - 1, ref.d)).getUTCDay() % 6 !== 0 && weeksNs.past(s, i, end);
    s.emit(i, end, `${weekValue(s.ref, pastWeekend ? -1 : nearestWeekend(s.ref, future(s, i, end)))}-WE`, 'DATE', s.anchorRef());
    return end;
  },
  examples: [['over the weekend', '2006-W12-WE', 'weekend']],
};

const SEASONS_EN: Record<string, number> = { spring: 21, summer: 22, autumn: 23, fall: 23, winter: 24 };
/** A past participle or past-tense verb of news English (agreed, signed, held, began). */
const PARTICIPLE_EN = /^(?:[a-z]{2,}[a-df-z]ed|agreed|held|signed|made|won|lost|began|begun|seen|taken|done|built|sold|set|met|fought|struck)$/;
/** Prepositions before a season written without "the" (agreed in summer, a reform by spring); lower case only. */
const BARE_SEASON_PREP = new Set(['in', 'by', 'until', 'during', 'through']);
/** ... where the season ends the phrase (not "in summer camps", "by winter storms"). */
const BARE_SEASON_END = /^(?:[.,;:!?)]|$| (?:and|or|when|if|unless|before|after)\b)/;
const SEASON_PREP = new Set(['in', 'during', 'by', 'until', 'over', 'through', 'throughout', 'for']);

/**
 * "in the spring" / "during the summer" with no year: the season of the reference year, the next one when that season
 * is over and the sentence speaks of the future ("The spring of diplomacy" is no date: no preposition before it).
 */
export const seasonTheEn: Rule = {
  name: 'heldout/season-the-en',
  words: ['spring', 'summer', 'autumn', 'fall', 'winter'],
  at(s, i) {
    if (!s.wordStart(i)) return undefined;
    const [word, end] = s.wordAt(i);
    const sub = SEASONS_EN[word];
    if (sub === undefined) return undefined;
    const the = s.prevWord(i);
    if (!the) return undefined;
    let prep: [string, number] | undefined;
    if (the[0].toLowerCase() === 'the') prep = s.prevWord(the[1]);
    else if (BARE_SEASON_PREP.has(the[0]) && word !== 'fall' && BARE_SEASON_END.test(s.text.slice(end, end + 8))) prep = the;
    else return undefined;
    const lp = prep ? prep[0].toLowerCase() : '';
    // "before the summer" / "after the winter": the open interval, the words in the span (the coming season); "since the
    // summer" stays unmarked, as the development set has it.
    const open = lp === 'before' || lp === 'after';
    if (!prep || (!SEASON_PREP.has(lp) && !open)) return undefined;
    if (s.lit(end, ' of ') || s.lit(end, ' 1') || s.lit(end, ' 2')) return undefined; // the summer of 2019 / summer 2019: read elsewhere
    let y = s.ref?.y;
    if (y !== undefined && s.ref!.m !== undefined) {
      const rm = s.ref!.m;
      const refSeason = [24, 21, 22, 23][Math.floor((rm % 12) / 3)]!; // Dec-Feb winter, Mar-May spring...
      const over = sub !== 24 && (refSeason === 24 ? rm === 12 : refSeason > sub);
      // "the truce agreed in summer": a participle right before the preposition dates what was done, whatever the
      // sentence's tense; "a reform by spring" / "until winter" look ahead unless the sentence reports the past.
      const verb = s.prevWord(prep![1]);
      const done = verb !== undefined && PARTICIPLE_EN.test(verb[0]);
      const deadline = (lp === 'by' || lp === 'until') && !weeksNs.past(s, i, end);
      if (over && !done && (open || deadline || future(s, i, end))) y++;
      if (sub === 24 && rm <= 2) y--; // the winter that is now: it began the year before
      else if (!open && sub !== 24 && refSeason !== 24 && sub > refSeason && weeksNs.past(s, i, end)) y--; // "was sown in the autumn", said in May
    }
    const v = `${y === undefined ? 'XXXX' : pad(y, 4)}-${sub}`;
    if (open) s.emit(prep[1], end, lp === 'before' ? `../${v}` : `${v}/..`, 'DATE', s.anchorRef(), lp === 'before' ? 'BEFORE' : 'AFTER');
    else s.emit(i, end, v, 'DATE', s.anchorRef());
    return end;
  },
  examples: [['in the spring', '2006-21', 'spring'], ['a tax reform by spring.', '2006-21', 'spring'], ['hope to conclude a deal before the summer', '../2006-22', 'before the summer'], ['since the summer', '', '']],
};

/**
 * "22 and 23 September", "3 or 4 May": a day number before "and" / "or" and a full day-first date of the next day: the
 * day of that date's month (two mentions, as "October 10 and 11" is), read after the date so that it takes the date's year.
 */
function dayBeforeList(s: Scanner, i: number, e: number): number | undefined {
  if (s.lit(e, ', ')) return daySeriesBefore(s, i, e);
  const sep = s.lit(e, ' and ') ? 5 : s.lit(e, ' or ') ? 4 : 0;
  if (!sep || !s.wordStart(i) || s.prevWord(i)?.[0].toLowerCase() === 'between') return undefined;
  const q = e + sep;
  if (!isDigit(s.ch(q))) return undefined;
  const qEnd = s.digitRunEnd(q);
  if (qEnd - q > 2 || s.ch(qEnd) !== CH.space || !isLetter(s.ch(qEnd + 1))) return undefined;
  const before = s.out.length;
  const next = s.runRulesAt(q);
  const m = s.out[before];
  if (next === undefined || !m || m.start !== q || m.type !== 'DATE' || !FULL_DAY.test(m.value) || m.value.length !== 10) {
    s.out.length = before;
    return undefined;
  }
  const d = s.num(i).v;
  const mDay = Number(m.value.slice(8, 10));
  // Two days that follow each other (a two-day meeting); "6 and 10 March" keeps 10 March alone, as the unit tests pin.
  if (d + 1 !== mDay) {
    s.out.length = before;
    return undefined;
  }
  const day: DateMention = { kind: 'date', start: i, end: e, text: s.text.slice(i, e), value: `${m.value.slice(0, 8)}${pad(d)}`, type: 'DATE', anchor: m.anchor };
  s.out.splice(before, 0, day);
  return next;
}

/**
 * "on 21, 23, 25, 28 and 30 November": a series of three or more rising day numbers, joined by commas and a last "and" /
 * "or", before a full day-first date: each is a day of that date's month and year (one mention each, as "October 10
 * and 11"). Two numbers alone ("6 and 10 March") stay a count and a date; the series must rise and end below the date's day.
 */
function daySeriesBefore(s: Scanner, i: number, e: number): number | undefined {
  if (!s.wordStart(i) || s.prevWord(i)?.[0].toLowerCase() === 'between') return undefined;
  const days: [number, number, number][] = [[s.num(i).v, i, e]];
  let p = e;
  // The numbers joined by ", " (21, 23, 25, 28), each above the one before.
  while (s.lit(p, ', ') && isDigit(s.ch(p + 2))) {
    const q = p + 2;
    const qEnd = s.digitRunEnd(q);
    const v = s.num(q).v;
    if (qEnd - q > 2 || v <= days[days.length - 1]![0] || v > 31 || isLetter(s.ch(qEnd)) || isDigit(s.ch(qEnd))) return undefined;
    days.push([v, q, qEnd]);
    p = qEnd;
  }
  // Then "and" / "or" / ", and" and a full date (30 November) of a later day.
  const sep = s.lit(p, ' and ') ? 5 : s.lit(p, ' or ') ? 4 : s.lit(p, ', and ') ? 6 : s.lit(p, ', or ') ? 5 : 0;
  const q = p + sep;
  if (!sep || days.length < 2 || !isDigit(s.ch(q))) return undefined;
  const qEnd = s.digitRunEnd(q);
  if (qEnd - q > 2 || s.ch(qEnd) !== CH.space || !isLetter(s.ch(qEnd + 1))) return undefined;
  const before = s.out.length;
  const next = s.runRulesAt(q);
  const m = s.out[before];
  if (next === undefined || !m || m.start !== q || m.type !== 'DATE' || !FULL_DAY.test(m.value) || m.value.length !== 10 || Number(m.value.slice(8, 10)) <= days[days.length - 1]![0]) {
    s.out.length = before;
    return undefined;
  }
  const list: DateMention[] = days.map(([d, a, b]) => ({ kind: 'date', start: a, end: b, text: s.text.slice(a, b), value: `${m.value.slice(0, 8)}${pad(d)}`, type: 'DATE', anchor: m.anchor }));
  s.out.splice(before, 0, ...list);
  return next;
}

/** "October 10 and 11", "May 3, 4 and 5": a day number right after a full date and "and" / "or" / ",": the same month. */
export const dayListEn: Rule = {
  name: 'heldout/day-list',
  digits: true,
  at(s, i) {
    const num = s.num(i);
    if (num.han || num.n > 2 || num.v < 1 || num.v > 31) return undefined;
    const e = num.end;
    if (isLetter(s.ch(e)) && !s.litAny(e, ['st', 'nd', 'rd', 'th'])) return undefined;
    if (isDigit(s.ch(e)) || s.ch(e) === CH.colon || s.ch(e) === CH.dot && isDigit(s.ch(e + 1))) return undefined;
    const last = s.out[s.out.length - 1];
    if (!last || i - last.end > 5 || i - last.end < 2 || last.type !== 'DATE' || last.value.length !== 10 || !FULL_DAY.test(last.value)) return dayBeforeList(s, i, e);
    const between = s.text.slice(last.end, i);
    if (between !== ' and ' && between !== ' or ' && between !== ', ' && between !== ' & ') return undefined;
    const y = Number(last.value.slice(0, 4));
    const m = Number(last.value.slice(5, 7));
    if (num.v <= Number(last.value.slice(8, 10)) || num.v > daysIn(y, m)) return undefined;
    let end = e;
    if (isLetter(s.ch(e))) end += 2;
    s.emit(i, end, `${last.value.slice(0, 8)}${pad(num.v)}`, 'DATE', last.anchor);
    return end;
  },
  examples: [],
};


/**
 * "from September 1985 to December 1987", "from Q3 2018 to Q2 2020", "between March and May": two dates of the same
 * shape joined by from ... to / between ... and are one range (years alone are read by english/number-first).
 */
export const rangeEn: Rule = {
  name: 'heldout/range-en',
  words: ['from', 'between'],
  at(s, i) {
    if (!s.wordStart(i)) return undefined;
    const [w, wEnd] = s.wordAt(i);
    if (s.ch(wEnd) !== CH.space) return undefined;
    const p = wEnd + 1;
    const before = s.out.length;
    const n1 = s.runRulesAt(p);
    if (n1 === undefined) {
      s.out.length = before;
      return undefined;
    }
    const m1 = s.out[before];
    if (!m1 || s.out.length !== before + 1 || m1.start !== p || m1.type !== 'DATE' || m1.mod || m1.value.includes('/')) return n1;
    const conn = w.toLowerCase() === 'between' ? s.litAny(m1.end, [' and ']) : s.litAny(m1.end, [' to ', ' until ', ' till ', ' through ']);
    if (!conn) return n1;
    const q = m1.end + conn.length;
    const n2 = s.runRulesAt(q);
    const m2 = s.out[before + 1];
    if (n2 === undefined || !m2 || m2.start !== q || m2.type !== 'DATE' || m2.mod || m2.value.includes('/')) return n2 ?? n1;
    const shape = (v: string) => v.replace(/\d/g, '9');
    if (shape(m1.value) !== shape(m2.value) || m1.value >= m2.value || m1.value.includes('X') || m2.value.includes('X')) return n2;
    s.out.length = before;
    const explicit = m1.anchor === 'explicit' && m2.anchor === 'explicit';
    s.emit(i, m2.end, `${m1.value}/${m2.value}`, 'DATE', explicit ? 'explicit' : m2.anchor);
    return m2.end;
  },
  examples: [['from September 1985 to December 1987', '1985-09/1987-12'], ['from Q3 2018 to Q2 2020', '2018-35/2020-34']],
};
