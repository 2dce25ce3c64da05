/**
 * The Chinese calendar chain the rules share: year -> month -> day -> time (2014年7月3日下午3点), the parts of a
 * year or month (年初, 上半年, 第一季度, 上旬, 春节), ranges (2008年5月至2012年5月, 8月至次年2月, 2015年和2018年之间),
 * decades and centuries.
 */
import * as chars from '../chars';
import * as lexicon from '../lexicon';
import * as resolveNs from '../resolve';
import type { Cal, Num, Scanner } from '../scanner';
import type { TimexMod } from '../../types';
import { dayPeriod } from './periods';
import * as holidays from './holidays';
// Local bindings: module members compiled to CommonJS are getters, too slow in the hot loop.
const { HAN_NUM, c, isDigit, isHan, isLetter } = chars;
const { CH, SEASONS } = lexicon;
const { daysIn, pad } = resolveNs;
const { holidayAt } = holidays;

export { dayPeriod };

/** Parse year / month chain starting with an already-read number. */
export function parseYMD(s: Scanner, num: Num): Cal | undefined {
  const q = s.sp(num.end);
  const u = s.ch(q);
  if (u === CH.nian && s.isYear(num)) {
    const cal: Cal = { y: num.v, end: q + 1 };
    afterYear(s, cal);
    return cal;
  }
  if (u === CH.yue && num.v >= 1 && num.v <= 12) {
    const cal: Cal = { m: num.v, end: q + 1 };
    afterMonth(s, cal);
    return cal;
  }
  return undefined;
}

/** After 年: month (and day, time), or a sub-year part (初/底/上半年/夏天/第一季度...). */
export function afterYear(s: Scanner, cal: Cal): void {
  const r = cal.end;
  const p = s.sp(r);
  const num = s.readNum(p);
  if (num) {
    const q = s.sp(num.end);
    if (s.ch(q) === CH.yue && num.v >= 1 && num.v <= 12 && (!num.han || num.n <= 1 || num.v >= 10)) {
      cal.m = num.v;
      cal.end = q + 1;
      afterMonth(s, cal);
      return;
    }
  }
  // 今年年初 / 2019年年底: a repeated 年 before the part.
  let t = r;
  if (s.ch(t) === CH.nian && [CH.chu, CH.di, CH.mo, CH.zh].includes(s.ch(t + 1))) t++;
  const part = yearPart(s, t);
  if (part) {
    if (part.sub !== undefined) cal.sub = part.sub;
    if (part.mod) cal.mod = part.mod;
    cal.end = part.end;
    return;
  }
  // 2019年春节, 今年国庆节, 2006年农历正月初一
  const h = holidayAt(s, s.sp(r), cal.y);
  if (h) {
    cal.m = h.m;
    cal.d = h.d;
    cal.end = h.end;
  }
}

/** 初/初期/底/末/末期/中/中期/上半年/下半年/春天/夏季/第一季度 at p (right after 年). */
export function yearPart(s: Scanner, p: number): { sub?: number; mod?: TimexMod; end: number } | undefined {
  const u = s.ch(p);
  if (u === CH.chu) return { mod: 'START', end: s.ch(p + 1) === CH.qi ? p + 2 : p + 1 };
  if (u === CH.di) return { mod: 'END', end: p + 1 };
  if (u === CH.mo) return { mod: 'END', end: s.ch(p + 1) === CH.qi ? p + 2 : p + 1 };
  if (u === CH.zh) {
    if (s.ch(p + 1) === CH.qi) return { mod: 'MID', end: p + 2 };
    if (!isHan(s.ch(p + 1))) return { mod: 'MID', end: p + 1 };
    return undefined;
  }
  if (s.lit(p, '上半年')) return { sub: 40, end: p + 3 };
  if (s.lit(p, '下半年')) return { sub: 41, end: p + 3 };
  const season = SEASONS[String.fromCharCode(u)];
  if (season !== undefined) {
    const n = s.ch(p + 1);
    if (n === CH.tian || n === CH.ji4) return { sub: season, end: p + 2 };
    // 2013年秋，… : the season alone when nothing follows it in the word (2022年冬奥会 is a name).
    if (!isHan(n) && !isDigit(n) && !isLetter(n)) return { sub: season, end: p + 1 };
    return undefined;
  }
  // 明年首季 / 2024年首季(度) (Hong Kong and Macao: the first quarter).
  if (s.lit(p, '首季')) return { sub: 33, end: s.ch(p + 2) === CH.du ? p + 3 : p + 2 };
  // 2023年暑期 / 暑假 (the summer recess), 寒假 (the winter one).
  if (s.lit(p, '暑期') || s.lit(p, '暑假')) return { sub: 22, end: p + 2 };
  if (s.lit(p, '寒假')) return { sub: 24, end: p + 2 };
  let t = p;
  if (u === CH.di4) t++;
  const qn = s.ch(t);
  const qv = HAN_NUM[qn]! >= 1 && HAN_NUM[qn]! <= 4 ? HAN_NUM[qn]! : isDigit(qn) && qn >= 49 && qn <= 52 ? qn - 48 : 0;
  if (qv > 0 && s.ch(t + 1) === CH.ji4 && s.ch(t + 2) === CH.du) return { sub: 32 + qv, end: t + 3 };
  // 2024年第三季, 民國114年第三季 (Taiwan's and Hong Kong's quarter, without 度): only with 第, right after a year.
  if (qv > 0 && t > p && s.ch(t + 1) === CH.ji4) return { sub: 32 + qv, end: t + 2 };
  return undefined;
}

/** After 月: day (with day range and time), or 上旬/中旬/下旬/初/底/末/中, and 份. */
export function afterMonth(s: Scanner, cal: Cal): void {
  if (s.ch(cal.end) === CH.fen4) cal.end++;
  const p = s.sp(cal.end);
  const num = s.readNum(p);
  if (num && num.v >= 1 && num.v <= 31 && (!num.han || num.n <= 1 || num.v >= 10)) {
    const q = s.sp(num.end);
    const u = s.ch(q);
    if (u === CH.ri || u === CH.hao) {
      cal.d = num.v;
      cal.end = q + 1;
      afterDay(s, cal);
      return;
    }
    // 二〇〇四年八月十五，… : a day in Chinese numerals without 日 after a written year, ending the phrase (not after
    // 今年 / 去年, where 八月十五 is the lunar festival, nor before another word: 八月十五中秋).
    if (num.han && cal.y !== undefined && !cal.relYear && num.v <= daysIn(cal.y, cal.m!) && !isHan(u) && !isDigit(u) && !isLetter(u)) {
      cal.d = num.v;
      cal.end = num.end;
      return;
    }
    // 2009年2月4—5日
    const r = rangeConnector(s, q);
    if (r !== undefined) {
      const n2 = s.readNum(s.sp(r));
      if (n2 && n2.v > num.v && n2.v <= 31) {
        const q2 = s.sp(n2.end);
        if (s.ch(q2) === CH.ri || s.ch(q2) === CH.hao) {
          cal.d = num.v;
          cal.d2 = n2.v;
          cal.end = q2 + 1;
          return;
        }
      }
    }
  }
  const u = s.ch(cal.end);
  if (s.ch(cal.end + 1) === CH.xun) {
    if (u === CH.shang) cal.mod = 'START';
    else if (u === CH.zh) cal.mod = 'MID';
    else if (u === CH.xia) cal.mod = 'END';
    if (cal.mod) cal.end += 2;
    return;
  }
  if (u === CH.chu && !(HAN_NUM[s.ch(cal.end + 1)]! >= 1 && HAN_NUM[s.ch(cal.end + 1)]! <= 10)) {
    cal.mod = 'START';
    cal.end++;
  } else if (u === CH.di || u === CH.mo) {
    cal.mod = 'END';
    cal.end++;
  } else if (u === CH.zh && !isHan(s.ch(cal.end + 1))) {
    cal.mod = 'MID';
    cal.end++;
  }
}

/** Time after a day: 4点35分, 下午3时, 下午5:00, 17:23 (pmDefault 2: an evening word came before, 昨晚8点). */
export function afterDay(s: Scanner, cal: Cal, pmDefault = 0): void {
  let p = s.sp(cal.end);
  let pm = pmDefault;
  const period = dayPeriod(s, p);
  if (period) {
    p = period.end;
    pm = period.pm;
  }
  const h = s.twoDigits(p) ?? (isDigit(s.ch(p)) && !isDigit(s.ch(p + 1)) ? s.ch(p) - 48 : undefined);
  if (h !== undefined && s.ch(p + (h >= 10 || isDigit(s.ch(p + 1)) ? 2 : 1)) === CH.colon) {
    const hEnd = p + (isDigit(s.ch(p + 1)) ? 2 : 1);
    const mi = s.twoDigits(hEnd + 1);
    if (mi !== undefined && h <= 24 && mi <= 59 && !isDigit(s.ch(hEnd + 3))) {
      cal.hh = (pm === 2 && h < 12) || (pm === 1 && h < 11) ? h + 12 : h;
      cal.mi = mi;
      cal.end = hEnd + 3;
      return;
    }
  }
  const num = s.readNum(p);
  if (!num || num.v > 24 || (num.han && num.n > 1 && num.v < 10)) {
    // 5月9日下午: the part of that day.
    if (period && pmDefault === 0) {
      cal.part = period.part;
      cal.end = period.end;
    }
    return;
  }
  const q = s.sp(num.end);
  const u = s.ch(q);
  const after = s.ch(q + 1);
  const isHour = u === CH.dian || (u === CH.shi2 && after !== c('间') && after !== CH.qi && after !== c('候') && after !== CH.dai);
  if (!isHour) {
    if (period && pmDefault === 0) {
      cal.part = period.part;
      cal.end = period.end;
    }
    return;
  }
  let hh = num.v;
  if (pm === 2 && hh < 12) hh += 12;
  if (pm === 1 && hh < 11) hh += 12;
  cal.hh = hh;
  cal.end = q + 1;
  const m = s.readNum(s.sp(q + 1));
  if (m && m.v <= 59) {
    const q2 = s.sp(m.end);
    if (s.ch(q2) === CH.fen && s.ch(q2 + 1) !== CH.zhong) {
      cal.mi = m.v;
      cal.end = q2 + 1;
      return;
    }
  }
  if (s.ch(q + 1) === CH.ban) {
    cal.mi = 30;
    cal.end = q + 2;
  }
}

/** 至 / 到 / - / -- / ~ at p: the position after it. */
export function rangeConnector(s: Scanner, p: number): number | undefined {
  const u = s.ch(p);
  if (u === CH.zhi || u === CH.dao || u === CH.tilde) return p + 1;
  if (u === CH.dash) return s.ch(p + 1) === CH.dash ? p + 2 : p + 1;
  return undefined;
}

/** 和 / 与 / 及 at p: a range that must close with 之间 / 间 (2015年和2018年之间). */
function andConnector(s: Scanner, p: number): number | undefined {
  const u = s.ch(p);
  return u === c('和') || u === c('与') || u === c('及') || u === c('跟') ? p + 1 : undefined;
}

/**
 * A calendar expression, possibly followed by a range end: 2008年5月至2012年5月, 1月12日至13日, 8月至次年2月 (a range
 * never ends before it starts: the year rolls), 2015年和2018年之间 / 2007年与2009年间.
 */
export function withRange(s: Scanner, i: number, a: Cal): number {
  const q = s.sp(a.end);
  let r = a.d2 === undefined ? rangeConnector(s, q) : undefined;
  const between = r === undefined && a.d2 === undefined ? andConnector(s, q) : undefined;
  if (between !== undefined) r = between;
  // 至今 is "until now" (not a range end); 至今年2月 is one.
  const relEnd = r !== undefined && s.ref ? s.litAny(s.sp(r), ['今年', '去年', '明年']) : undefined;
  if (r !== undefined && (!s.lit(r, '今') || relEnd)) {
    let p = s.sp(r);
    if (relEnd) {
      // 去年8月至今年2月: the end's year is relative to the reference.
      const num = s.readNum(p + 2);
      if (num && a.m !== undefined && s.ch(s.sp(num.end)) === CH.yue) {
        const b = parseYMD(s, num);
        if (b && b.y === undefined && (a.d === undefined) === (b.d === undefined) && b.mod === undefined && b.d2 === undefined) {
          b.y = s.ref!.y + (relEnd === '去年' ? -1 : relEnd === '明年' ? 1 : 0);
          b.relYear = true;
          if (a.y === undefined || a.y < b.y || (a.y === b.y && a.m <= b.m!)) {
            s.emitCal(i, a, b);
            return b.end;
          }
        }
      }
      s.emitCal(i, a);
      return a.end;
    }
    // 8月至次年2月: the end is in the following year.
    const nextYear = s.litAny(p, ['次年', '翌年', '第二年', '来年']);
    if (nextYear) p += nextYear.length;
    const num = s.readNum(p);
    if (num) {
      let b: Cal | undefined;
      const q2 = s.sp(num.end);
      const u2 = s.ch(q2);
      if (u2 === CH.nian && s.isYear(num) && a.y !== undefined && !nextYear) {
        b = parseYMD(s, num);
        if (b && (b.y! < a.y || (a.m === undefined) !== (b.m === undefined) || (a.d === undefined) !== (b.d === undefined))) b = undefined;
      } else if (u2 === CH.yue && a.m !== undefined) {
        b = parseYMD(s, num);
        if (b && (a.d === undefined) !== (b.d === undefined)) b = undefined;
        if (b && nextYear) {
          if (a.y === undefined && !s.ref && !s.contextAt(i)) b = undefined;
          else b.relYear = true;
        }
      } else if ((u2 === CH.ri || u2 === CH.hao) && a.d !== undefined && num.v > a.d && num.v <= 31 && !nextYear) {
        b = { d: num.v, end: q2 + 1 };
        afterDay(s, b);
      }
      let end = b?.end;
      if (b && between !== undefined) {
        const close = s.litAny(b.end, ['之间', '间']);
        end = close ? b.end + close.length : undefined;
      }
      if (b && end !== undefined && b.mod === undefined && b.d2 === undefined) {
        if (b.d !== undefined && b.m === undefined) b.m = a.m;
        b.end = end;
        if (nextYear) {
          // Resolve a's year first, then put b one year on.
          const probe: Cal = { ...a };
          b.y = undefined;
          s.emitCal(i, probe, { ...b, y: undefined, relYear: undefined });
          const last = s.out[s.out.length - 1];
          if (last && last.start === i && probe.y !== undefined) {
            const bv = s.fmt({ ...b, y: probe.y + 1 });
            last.value = `${last.value.split('/')[0]}/${bv}`;
          }
          return end;
        }
        s.emitCal(i, a, b);
        return end;
      }
    }
  }
  s.emitCal(i, a);
  return a.end;
}

export function decadePart(s: Scanner, p: number): { mod?: TimexMod; end: number } {
  const u = s.ch(p);
  const n = s.ch(p + 1);
  if (u === CH.chu) return { mod: 'START', end: n === CH.qi || n === CH.ye ? p + 2 : p + 1 };
  if (u === CH.mo) return { mod: 'END', end: n === CH.qi || n === CH.ye ? p + 2 : p + 1 };
  if (u === CH.zh) {
    if (n === CH.qi || n === CH.ye) return { mod: 'MID', end: p + 2 };
    if (!isHan(n)) return { mod: 'MID', end: p + 1 };
    if (n === CH.hou && s.ch(p + 2) === CH.qi) return { mod: 'END', end: p + 3 };
  }
  if (u === CH.qian && n === CH.qi) return { mod: 'START', end: p + 2 };
  if (u === CH.hou && n === CH.qi) return { mod: 'END', end: p + 2 };
  if (s.lit(p, '上半叶')) return { mod: 'START', end: p + 3 };
  if (s.lit(p, '下半叶') || s.lit(p, '后半叶')) return { mod: 'END', end: p + 3 };
  if (s.lit(p, '前半叶')) return { mod: 'START', end: p + 3 };
  return { end: p };
}

/**
 * Century number C (21世纪, 21st century) -> EDTF "20XX"; optional decade (20世纪60年代 -> 196X) and
 * part (初/中/末...; early/mid/late before an English one).
 */
export function emitCentury(s: Scanner, i: number, century: number, end: number, english: boolean, anchor = 'explicit'): number {
  const prefix = pad(century - 1);
  let start = i;
  if (english) {
    const eml = s.emlBefore(i);
    let t = i;
    const w = s.prevWord(i);
    if (w && w[0].toLowerCase() === 'the') t = w[1];
    const eml2 = eml ?? s.emlBefore(t);
    if (eml2) {
      start = eml2[1];
      s.emit(start, end, `${prefix}XX`, 'DATE', anchor, eml2[0]);
      return end;
    }
    s.emit(start, end, `${prefix}XX`, 'DATE', anchor);
    return end;
  }
  const p = s.sp(end);
  const num = s.readNum(p);
  if (num && num.v % 10 === 0 && num.v < 100 && (num.han || num.n === 2)) {
    const q = s.sp(num.end);
    if (s.ch(q) === CH.nian && s.ch(q + 1) === CH.dai) {
      const part = decadePart(s, q + 2);
      s.emit(start, part.end, `${prefix}${num.v / 10}X`, 'DATE', anchor, part.mod);
      return part.end;
    }
  }
  const part = decadePart(s, end);
  s.emit(start, part.end, `${prefix}XX`, 'DATE', anchor, part.mod);
  return part.end;
}
