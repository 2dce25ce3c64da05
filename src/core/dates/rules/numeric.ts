/**
 * Numeric dates: ISO (2021-12-31, 2021-12-31 17:23:55, 2025/06/12, 2021.12.31, 2021-12), day/month/year when
 * day and month cannot be confused, citation years (2006,(1):69-76) and bare year ranges (2014-2018).
 */
import * as chars from '../chars';
import * as lexicon from '../lexicon';
import * as resolveNs from '../resolve';
import type { Cal, Num, Scanner } from '../scanner';
import type { Rule } from './registry';
// Local bindings: module members compiled to CommonJS are getters, too slow in the hot loop.
const { isDigit, isLetter } = chars;
const { CH } = lexicon;
const { daysIn } = resolveNs;

/** Inside an identifier (G20, ICP), or the fractional part of a decimal number (7.5亿): skip the digit run. */
export const digitGuard: Rule = {
  name: 'numeric/guard',
  digits: true,
  at(s, i) {
    const prev = s.ch(i - 1);
    if (isLetter(prev) || (prev === CH.dot && isDigit(s.ch(i - 2)))) return s.digitRunEnd(i);
    return undefined;
  },
};

export const iso: Rule = {
  name: 'numeric/iso',
  digits: true,
  at: (s, i) => tryIso(s, i, s.num(i)),
  examples: [['2021-12-31', '2021-12-31'], ['2025/06/12', '2025-06-12'], ['2021-12-31 17:23:55', '2021-12-31T17:23:55'], ['2021-12', '2021-12']],
};

export const numericDayMonth: Rule = {
  name: 'numeric/day-month-year',
  digits: true,
  at: (s, i) => tryNumericUS(s, i, s.num(i)),
  examples: [['12/31/2021', '2021-12-31'], ['31/12/2021', '2021-12-31']],
};

export const citationYear: Rule = {
  name: 'numeric/citation-year',
  digits: true,
  at: (s, i) => tryCitation(s, i, s.num(i)),
};

/** 2014-2018, 2014–18: a range of years (second after the first, at most a century on). */
export const yearRange: Rule = {
  name: 'numeric/year-range',
  digits: true,
  at(s, i) {
    const num = s.num(i);
    if (num.han || num.n !== 4 || num.v < 1000 || num.v > 2199 || num.end !== s.digitRunEnd(i)) return undefined;
    const prev = s.ch(i - 1);
    if (prev === CH.dash || prev === CH.colon || prev === CH.slash || isDigit(prev)) return undefined;
    const p = num.end;
    const sep = s.ch(p);
    if (sep !== CH.dash && sep !== CH.tilde) return undefined;
    const q = s.ch(p + 1) === CH.dash ? p + 2 : p + 1;
    const e = s.digitRunEnd(q);
    let y2: number;
    if (e - q === 4) y2 = Number(s.text.slice(q, e));
    else if (e - q === 2) y2 = Math.floor(num.v / 100) * 100 + Number(s.text.slice(q, e));
    else return undefined;
    const after = s.ch(e);
    if (y2 <= num.v || y2 - num.v > 100 || isDigit(after) || after === CH.dash || after === CH.slash || isLetter(after)) return undefined;
    if (after === CH.dot && isDigit(s.ch(e + 1))) return undefined;
    // Not part of a Chinese date: 2014-2018年 is read by the calendar rule.
    if (after === CH.nian || after === CH.yue) return undefined;
    s.emit(i, e, `${num.v}/${y2}`, 'DATE', 'explicit');
    s.setContext(String(y2), y2, undefined, e, false, true);
    return e;
  },
  examples: [['2014-2018', '2014/2018'], ['2014–18', '2014/2018']],
};

/** 2021-12-31, 2021-12-31 17:23:55, 2025/06/12, 2021.12.31, 2021-12. */
/** Words before "2008-09" + a noun that make it a range of years. */
const YEAR_RANGE_DETERMINERS = new Set(['the', 'its', 'their', 'his', 'her', 'our', 'this', 'that', 'fiscal']);
const isLowerLetter = (code: number): boolean => code >= 97 && code <= 122;

export function tryIso(s: Scanner, i: number, num: Num): number | undefined {
  if (num.han || num.n !== 4 || num.end !== s.digitRunEnd(i) || num.v < 1000 || num.v > 2199) return undefined;
  const sep = s.ch(num.end);
  if (sep !== CH.dash && sep !== CH.slash && sep !== CH.dot) return undefined;
  const mStart = num.end + 1;
  const mEnd = s.digitRunEnd(mStart);
  if (mEnd - mStart < 1 || mEnd - mStart > 2) return undefined;
  const m = Number(s.text.slice(mStart, mEnd));
  if (m < 1 || m > 12) return undefined;
  const cal: Cal = { y: num.v, m, end: mEnd };
  if (s.ch(mEnd) === sep && isDigit(s.ch(mEnd + 1))) {
    const dEnd = s.digitRunEnd(mEnd + 1);
    if (dEnd - mEnd - 1 > 2) return undefined;
    const d = Number(s.text.slice(mEnd + 1, dEnd));
    if (d < 1 || d > daysIn(num.v, m)) return undefined;
    if (s.ch(dEnd) === sep || isLetter(s.ch(dEnd)) && s.ch(dEnd) !== CH.T) return undefined;
    cal.d = d;
    cal.end = dEnd;
    isoTime(s, cal);
  } else {
    // Year-month only with '-' or '/', two-digit month, nothing numeric after (not 1990-1995, not 021-6287).
    if (sep === CH.dot || mEnd - mStart !== 2 || s.ch(mEnd) === sep || isLetter(s.ch(mEnd))) return undefined;
    // "the 2008-09 financial crisis", "its 2011-12 budget": the next year's two digits before an English noun are a
    // range of years (numeric/year-range reads it), not a month.
    if (sep === CH.dash && m === (num.v + 1) % 100 && s.ch(mEnd) === CH.space && isLowerLetter(s.ch(mEnd + 1))) {
      const w = s.prevWord(i);
      if (w && YEAR_RANGE_DETERMINERS.has(w[0].toLowerCase())) return undefined;
    }
    // "the crises of 1997-98 and 2008-09": after a range of two years joined by and / or / a comma, the same shape is one too.
    if (sep === CH.dash && m === (num.v + 1) % 100) {
      const last = s.out[s.out.length - 1];
      const gap = last ? s.text.slice(last.end, i) : '';
      if (last && (gap === ' and ' || gap === ' or ' || gap === ', ') && /^\d{4}\/\d{4}$/.test(last.value) && Number(last.value.slice(5)) === Number(last.value.slice(0, 4)) + 1) return undefined;
    }
  }
  s.emitCal(i, cal);
  return cal.end;
}

/** " 17:23:55" / "T17:23" after an ISO date. */
function isoTime(s: Scanner, cal: Cal): void {
  const p = cal.end;
  const sepc = s.ch(p);
  if (sepc !== CH.space && sepc !== CH.T) return;
  const h = s.twoDigits(p + 1);
  if (h === undefined || h > 24 || s.ch(p + 3) !== CH.colon) return;
  const mi = s.twoDigits(p + 4);
  if (mi === undefined || mi > 59) return;
  cal.hh = h;
  cal.mi = mi;
  cal.end = p + 6;
  if (s.ch(p + 6) === CH.colon) {
    const ss = s.twoDigits(p + 7);
    if (ss !== undefined && ss <= 60) {
      cal.ss = ss;
      cal.end = p + 9;
    }
  }
  if (isDigit(s.ch(cal.end))) {
    delete cal.hh;
    delete cal.mi;
    delete cal.ss;
    cal.end = p;
  }
}

/** 12/31/2021 or 31/12/2021, only when day and month cannot be confused. */
function tryNumericUS(s: Scanner, i: number, num: Num): number | undefined {
  if (num.han || num.n > 2 || s.ch(num.end) !== CH.slash) return undefined;
  const bStart = num.end + 1;
  const bEnd = s.digitRunEnd(bStart);
  if (bEnd - bStart < 1 || bEnd - bStart > 2 || s.ch(bEnd) !== CH.slash) return undefined;
  const yEnd = s.digitRunEnd(bEnd + 1);
  if (yEnd - bEnd - 1 !== 4 || s.ch(yEnd) === CH.slash) return undefined;
  const a = num.v;
  const b = Number(s.text.slice(bStart, bEnd));
  const y = Number(s.text.slice(bEnd + 1, yEnd));
  let m: number;
  let d: number;
  if (a > 12 && b >= 1 && b <= 12) [d, m] = [a, b];
  else if (b > 12 && a >= 1 && a <= 12) [m, d] = [a, b];
  else if (a === b && a >= 1 && a <= 12) [m, d] = [a, b];
  else return undefined;
  if (y < 1000 || d < 1 || d > daysIn(y, m)) return undefined;
  s.emitCal(i, { y, m, d, end: yEnd });
  return yEnd;
}

/** Citation year: 《国际观察》2006,(1):69-76 and 2015,(2):25-31. */
function tryCitation(s: Scanner, i: number, num: Num): number | undefined {
  if (num.han || num.n !== 4 || num.v < 1000 || num.v > 2199 || num.end !== s.digitRunEnd(i)) return undefined;
  const p = s.sp(num.end);
  if (s.ch(p) !== CH.comma) return undefined;
  if (s.ch(s.sp(p + 1)) !== CH.lparen) return undefined;
  s.emit(i, num.end, String(num.v), 'DATE', 'explicit');
  return num.end;
}
