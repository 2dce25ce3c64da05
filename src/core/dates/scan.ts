/**
 * The date scanner: one left-to-right pass over a segment of the text. Only a few characters can start a
 * date (ASCII digits, Chinese numerals, Latin letters and a handful of keyword characters such as 今/去/
 * 明/上/下/近/日/年); at those the scanner parses locally with bounded look-ahead, and otherwise skips
 * the whole digit run / word so a number like 31120240001 is never read from its middle. No regular
 * expression runs over the text, so there is no backtracking to blow up.
 */
import type { DateMention, TimexMod, TimexType } from '../types';
import * as chars from './chars';

// Local bindings: module namespace members compiled to CommonJS are getters, too slow in the hot loop.
const N = chars.N;
const HAN_NUM = chars.HAN_NUM;
const c = chars.c;
const DAY_WORD_BEFORE = chars.DAY_WORD_BEFORE;
const HAN_NUM_BLOCK_BEFORE = chars.HAN_NUM_BLOCK_BEFORE;
const isHan = chars.isHan;
function isDigit(code: number): boolean {
  return code >= 48 && code <= 57;
}
function isLetter(code: number): boolean {
  return (code >= 65 && code <= 90) || (code >= 97 && code <= 122);
}
/** First letters of the English words atWord acts on (months, last/next/this, yesterday/tomorrow, ordinals). */
const WORD_FIRST = new Uint8Array(128);
for (const ch of 'JFMASONDlLnNtTyYfFeEsS') WORD_FIRST[ch.charCodeAt(0)] = 1;
import { daysIn, nearestYear, pad, refDateValue, refPlusDays, refPlusMonths, ymd, type RefDate } from './resolve';

/**
 * How far back (UTF-16 units) an explicit date is used to complete a following partial date (anaphora);
 * never across a blank line.
 */
export const ANAPHORA_WINDOW = 200;

interface Num {
  v: number;
  /** Digit count for ASCII or digit-by-digit Chinese numerals (二〇一四 = 4); 0 for positional (二十一). */
  n: number;
  end: number;
  han: boolean;
}

interface Cal {
  y?: number;
  m?: number;
  d?: number;
  /** Second day of a day range inside one month: 2009年2月4—5日. */
  d2?: number;
  hh?: number;
  mi?: number;
  ss?: number;
  /** EDTF sub-year code: 21-24 seasons, 33-36 quarters, 40-41 halves. */
  sub?: number;
  mod?: TimexMod;
  end: number;
  /** The year came from a relative word (今年, 去年...) rather than the text. */
  relYear?: boolean;
  relMonth?: boolean;
}

interface Context {
  value: string;
  y: number;
  m?: number;
  end: number;
}

const CH = {
  nian: c('年'), yue: c('月'), ri: c('日'), hao: c('号'), dai: c('代'), shi4: c('世'), ji: c('纪'), cai: c('财'),
  ge: c('个'), tian: c('天'), zhou: c('周'), xiao: c('小'), shi2: c('时'), fen: c('分'), zhong: c('钟'), dian: c('点'),
  ban: c('半'), zhi: c('至'), dao: c('到'), chu: c('初'), di: c('底'), mo: c('末'), zh: c('中'), qi: c('期'), ye: c('叶'),
  shang: c('上'), xia: c('下'), qian: c('前'), hou: c('后'), jin: c('今'), qu: c('去'), ming: c('明'), ben: c('本'),
  zhe: c('这'), jin4: c('近'), dang: c('当'), zuo: c('昨'), fen4: c('份'), xun: c('旬'), duo: c('多'), yu: c('余'),
  yue1: c('约'), di4: c('第'), ji4: c('季'), du: c('度'), lai: c('来'), xie: c('些'), yi3: c('以'), mei: c('每'),
  xing: c('星'), li: c('礼'), space: 32, dash: 45, tilde: 126, comma: 44, lparen: 40, rparen: 41, colon: 58,
  dot: 46, slash: 47, s: 115, apos: 39, rsquo: 0x2019, T: 84,
};

const SEASONS: Record<string, number> = { 春: 21, 夏: 22, 秋: 23, 冬: 24 };
const MONTHS: Record<string, number> = {
  January: 1, Jan: 1, February: 2, Feb: 2, March: 3, Mar: 3, April: 4, Apr: 4, May: 5, June: 6, Jun: 6,
  July: 7, Jul: 7, August: 8, Aug: 8, September: 9, Sep: 9, Sept: 9, October: 10, Oct: 10, November: 11,
  Nov: 11, December: 12, Dec: 12,
};
const ORDINAL_CENTURY: Record<string, number> = {
  fifteenth: 15, sixteenth: 16, seventeenth: 17, eighteenth: 18, nineteenth: 19, twentieth: 20,
  'twenty-first': 21, 'twenty-second': 22,
};
/** English words after which a bare four-digit number is read as a year. */
const YEAR_WORDS = new Set([
  'in', 'since', 'by', 'until', 'till', 'before', 'after', 'from', 'to', 'through', 'throughout', 'during', 'of',
  'year', 'the', 'early', 'late', 'mid', 'circa', 'around', 'spring', 'summer', 'autumn', 'fall', 'winter', 'and',
  'between', 'copyright', 'c', 'ca', 'as', 'at', 'on', 'for', 'than', 'fy', 'pre', 'post',
]);
const EARLY_MID_LATE: Record<string, TimexMod> = { early: 'START', mid: 'MID', late: 'END' };
/** English words after which a month name alone is a date ("in October", "since March", "mid-May"). */
const MONTH_ONLY_WORDS = new Set(['in', 'since', 'by', 'until', 'till', 'before', 'after', 'from', 'through', 'during', 'early', 'mid', 'late']);

/** Characters that can start a keyword expression (今年, 上个月, 近日, 日前, 年初, 昨天...). */
const KEYWORD_FIRST = new Set([...'今去明前后本上下这近日年昨当'].map(c));
/** Characters before 前年/后年/前天/后天 that make them part of another word (战后年代, 日前天...). */
const REL_OK_BEFORE = new Set([...'在于到至的是和与及从自截至直迄等到,'].map(c));
/** Characters before a standalone 年初/年底/年末/年中 that make 年 part of another word (多年, 每年...). */
const NIAN_WORD_BEFORE = new Set(
  [...'年多近些几每当同新周历往早晚少老青成中童末千百万十数余来全整半明今去前后本上下隔逐次翌终拜过新旧'].map(c),
);

/** Dispatch class of a (normalised) character: 1 digit, 2 Chinese numeral, 3 Latin letter, 4 keyword, 5 newline. */
const CLASS = new Uint8Array(65536);
for (let k = 48; k <= 57; k++) CLASS[k] = 1;
for (let k = 0; k < 65536; k++) if (HAN_NUM[k]! >= 0) CLASS[k] = 2;
for (let k = 65; k <= 90; k++) CLASS[k] = CLASS[k + 32] = 3;
for (const k of KEYWORD_FIRST) CLASS[k] = 4;
CLASS[10] = 5;

export class Scanner {
  readonly out: DateMention[] = [];
  private ctx: Context | undefined;

  constructor(
    private readonly text: string,
    private readonly ref: RefDate | undefined,
    private readonly start: number,
    private readonly end: number,
  ) {}

  run(): DateMention[] {
    const text = this.text;
    const end = this.end;
    let i = this.start;
    while (i < end) {
      const code = N[text.charCodeAt(i)]!;
      const k = CLASS[code]!;
      if (k === 0) {
        i++;
        continue;
      }
      let next: number;
      if (k === 1) next = this.atDigits(i);
      else if (k === 2) next = this.atHanNum(i);
      else if (k === 3) next = this.atWord(i);
      else if (k === 4) next = this.atKeyword(i);
      else {
        // A blank line ends the paragraph: anaphora does not reach across it.
        if (this.ctx) {
          let j = i + 1;
          while (this.ch(j) === CH.space || this.ch(j) === 13) j++;
          if (this.ch(j) === 10) this.ctx = undefined;
        }
        next = i + 1;
      }
      i = next > i ? next : i + 1;
    }
    return this.out;
  }

  // ---------------------------------------------------------------- characters

  private ch(i: number): number {
    return i >= this.start && i < this.end ? N[this.text.charCodeAt(i)]! : 0;
  }

  private lit(p: number, s: string): boolean {
    if (p + s.length > this.end) return false;
    for (let k = 0; k < s.length; k++) if (this.ch(p + k) !== s.charCodeAt(k)) return false;
    return true;
  }

  /** The first of the candidates that occurs at p. */
  private litAny(p: number, candidates: readonly string[]): string | undefined {
    for (const s of candidates) if (this.lit(p, s)) return s;
    return undefined;
  }

  private sp(p: number): number {
    return this.ch(p) === CH.space ? p + 1 : p;
  }

  private digitRunEnd(p: number): number {
    while (isDigit(this.ch(p))) p++;
    return p;
  }

  /** Read a number at p: ASCII digits (PDF-spaced digits allowed when a unit follows) or Chinese numerals. */
  private readNum(p: number): Num | undefined {
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
      } else cur = d;
    }
    return { v: total + cur, n: 0, end: q, han: true };
  }

  private isYear(num: Num): boolean {
    return num.n === 4 && (num.han || (num.v >= 1000 && num.v <= 2199));
  }

  /** A small count: ASCII up to 4 digits (not a year), or a positional / single Chinese numeral. */
  private isCount(num: Num): boolean {
    if (num.han) return num.n <= 1;
    return num.n <= 4 && num.v > 0;
  }

  // ---------------------------------------------------------------- emitting

  private emit(start: number, end: number, value: string, type: TimexType, anchor: string, mod?: TimexMod): void {
    const m: DateMention = { kind: 'date', start, end, text: this.text.slice(start, end), value, type, anchor };
    if (mod) m.mod = mod;
    this.out.push(m);
  }

  private anchorRef(): string {
    return this.ref ? this.ref.anchor : 'unresolved';
  }

  private setContext(value: string, y: number, m: number | undefined, end: number): void {
    this.ctx = { value, y, end };
    if (m !== undefined) this.ctx.m = m;
  }

  private contextAt(start: number): Context | undefined {
    return this.ctx && start - this.ctx.end <= ANAPHORA_WINDOW ? this.ctx : undefined;
  }

  private fmt(cal: Cal): string {
    let s: string;
    if (cal.sub !== undefined) s = `${cal.y === undefined ? 'XXXX' : pad(cal.y, 4)}-${cal.sub}`;
    else s = ymd(cal.y, cal.m, cal.d);
    if (cal.hh !== undefined) {
      s += 'T' + pad(cal.hh);
      if (cal.mi !== undefined) s += ':' + pad(cal.mi);
      if (cal.ss !== undefined) s += ':' + pad(cal.ss);
    }
    return s;
  }

  /**
   * Complete a calendar expression's missing year (and month) from the anaphora context or the
   * reference, then emit it (with an optional range end).
   */
  private emitCal(start: number, a: Cal, b?: Cal): void {
    let anchor = 'explicit';
    const explicit = a.y !== undefined && !a.relYear && !a.relMonth;
    if (a.relYear || a.relMonth) anchor = this.anchorRef();
    else if (a.y === undefined) {
      const ctx = this.contextAt(start);
      if (a.m !== undefined) {
        if (ctx) {
          a.y = ctx.y;
          anchor = `context: previous date ${ctx.value}`;
        } else if (this.ref) {
          a.y = nearestYear(this.ref, a.m, a.d);
          anchor = this.ref.anchor;
        } else anchor = 'unresolved';
      } else if (ctx && ctx.m !== undefined) {
        a.y = ctx.y;
        a.m = ctx.m;
        anchor = `context: previous date ${ctx.value}`;
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
      }
      value += '/' + this.fmt(b);
      end = b.end;
    }
    const type: TimexType = a.hh !== undefined && !b && a.d2 === undefined ? 'TIME' : 'DATE';
    this.emit(start, end, value, type, anchor, b ? undefined : a.mod);
    if (explicit && a.y !== undefined) {
      const last = b && b.y !== undefined ? b : a;
      this.setContext(b ? this.fmt(last) : value, last.y!, last.m, end);
    }
  }

  // ---------------------------------------------------------------- digits

  private atDigits(i: number): number {
    const prev = this.ch(i - 1);
    const runEnd = this.digitRunEnd(i);
    // Inside an identifier (G20, ICP), or the fractional part of a decimal number (7.5亿).
    if (isLetter(prev) || (prev === CH.dot && isDigit(this.ch(i - 2)))) return runEnd;
    const num = this.readNum(i)!;
    return (
      this.tryIso(i, num) ??
      this.tryNumericUS(i, num) ??
      this.tryCitation(i, num) ??
      this.tryEnglishNumberFirst(i, num) ??
      this.tryChinese(i, num) ??
      runEnd
    );
  }

  private atHanNum(i: number): number {
    let q = i;
    while (HAN_NUM[this.ch(q)]! >= 0) q++;
    if (HAN_NUM_BLOCK_BEFORE.has(this.ch(i - 1))) return q;
    const num = this.readNum(i)!;
    return this.tryChinese(i, num) ?? q;
  }

  /** 2021-12-31, 2021-12-31 17:23:55, 2025/06/12, 2021.12.31, 2021-12. */
  private tryIso(i: number, num: Num): number | undefined {
    if (num.han || num.n !== 4 || num.end !== this.digitRunEnd(i) || num.v < 1000 || num.v > 2199) return undefined;
    const sep = this.ch(num.end);
    if (sep !== CH.dash && sep !== CH.slash && sep !== CH.dot) return undefined;
    const mStart = num.end + 1;
    const mEnd = this.digitRunEnd(mStart);
    if (mEnd - mStart < 1 || mEnd - mStart > 2) return undefined;
    const m = Number(this.text.slice(mStart, mEnd));
    if (m < 1 || m > 12) return undefined;
    const cal: Cal = { y: num.v, m, end: mEnd };
    if (this.ch(mEnd) === sep && isDigit(this.ch(mEnd + 1))) {
      const dEnd = this.digitRunEnd(mEnd + 1);
      if (dEnd - mEnd - 1 > 2) return undefined;
      const d = Number(this.text.slice(mEnd + 1, dEnd));
      if (d < 1 || d > daysIn(num.v, m)) return undefined;
      if (this.ch(dEnd) === sep || isLetter(this.ch(dEnd)) && this.ch(dEnd) !== CH.T) return undefined;
      cal.d = d;
      cal.end = dEnd;
      this.isoTime(cal);
    } else {
      // Year-month only with '-' or '/', two-digit month, nothing numeric after (not 1990-1995, not 021-6287).
      if (sep === CH.dot || mEnd - mStart !== 2 || this.ch(mEnd) === sep || isLetter(this.ch(mEnd))) return undefined;
    }
    this.emitCal(i, cal);
    return cal.end;
  }

  /** " 17:23:55" / "T17:23" after an ISO date. */
  private isoTime(cal: Cal): void {
    const p = cal.end;
    const sepc = this.ch(p);
    if (sepc !== CH.space && sepc !== CH.T) return;
    const h = this.twoDigits(p + 1);
    if (h === undefined || h > 24 || this.ch(p + 3) !== CH.colon) return;
    const mi = this.twoDigits(p + 4);
    if (mi === undefined || mi > 59) return;
    cal.hh = h;
    cal.mi = mi;
    cal.end = p + 6;
    if (this.ch(p + 6) === CH.colon) {
      const ss = this.twoDigits(p + 7);
      if (ss !== undefined && ss <= 60) {
        cal.ss = ss;
        cal.end = p + 9;
      }
    }
    if (isDigit(this.ch(cal.end))) {
      delete cal.hh;
      delete cal.mi;
      delete cal.ss;
      cal.end = p;
    }
  }

  private twoDigits(p: number): number | undefined {
    const a = this.ch(p);
    const b = this.ch(p + 1);
    return isDigit(a) && isDigit(b) ? (a - 48) * 10 + (b - 48) : undefined;
  }

  /** 12/31/2021 or 31/12/2021, only when day and month cannot be confused. */
  private tryNumericUS(i: number, num: Num): number | undefined {
    if (num.han || num.n > 2 || this.ch(num.end) !== CH.slash) return undefined;
    const bStart = num.end + 1;
    const bEnd = this.digitRunEnd(bStart);
    if (bEnd - bStart < 1 || bEnd - bStart > 2 || this.ch(bEnd) !== CH.slash) return undefined;
    const yEnd = this.digitRunEnd(bEnd + 1);
    if (yEnd - bEnd - 1 !== 4 || this.ch(yEnd) === CH.slash) return undefined;
    const a = num.v;
    const b = Number(this.text.slice(bStart, bEnd));
    const y = Number(this.text.slice(bEnd + 1, yEnd));
    let m: number;
    let d: number;
    if (a > 12 && b >= 1 && b <= 12) [d, m] = [a, b];
    else if (b > 12 && a >= 1 && a <= 12) [m, d] = [a, b];
    else if (a === b && a >= 1 && a <= 12) [m, d] = [a, b];
    else return undefined;
    if (y < 1000 || d < 1 || d > daysIn(y, m)) return undefined;
    this.emitCal(i, { y, m, d, end: yEnd });
    return yEnd;
  }

  /** Citation year: 《国际观察》2006,(1):69-76 and 2015,(2):25-31. */
  private tryCitation(i: number, num: Num): number | undefined {
    if (num.han || num.n !== 4 || num.v < 1000 || num.v > 2199 || num.end !== this.digitRunEnd(i)) return undefined;
    const p = this.sp(num.end);
    if (this.ch(p) !== CH.comma) return undefined;
    if (this.ch(this.sp(p + 1)) !== CH.lparen) return undefined;
    this.emit(i, num.end, String(num.v), 'DATE', 'explicit');
    return num.end;
  }

  // ---------------------------------------------------------------- English

  /** The word just before p (skipping spaces and one hyphen), with its start. */
  private prevWord(p: number): [string, number] | undefined {
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
  private emlBefore(p: number): [TimexMod, number] | undefined {
    const w = this.prevWord(p);
    if (!w) return undefined;
    const mod = EARLY_MID_LATE[w[0].toLowerCase()];
    return mod ? [mod, w[1]] : undefined;
  }

  private tryEnglishNumberFirst(i: number, num: Num): number | undefined {
    if (num.han) return undefined;
    const runEnd = this.digitRunEnd(i);
    if (num.end !== runEnd) return undefined;
    // 9 May 2022 / 9 May
    if (num.n <= 2 && this.ch(runEnd) === CH.space && isLetter(this.ch(runEnd + 1))) {
      const [word, wEnd] = this.wordAt(runEnd + 1);
      const month = MONTHS[word];
      if (month !== undefined && num.v >= 1 && num.v <= 31) {
        let end = wEnd;
        if (word.length === 3 && this.ch(end) === CH.dot) end++;
        const cal: Cal = { m: month, d: num.v, end };
        const yp = end + 1;
        if (this.ch(end) === CH.space && isDigit(this.ch(yp))) {
          const yEnd = this.digitRunEnd(yp);
          const y = Number(this.text.slice(yp, yEnd));
          if (yEnd - yp === 4 && y >= 1000 && y <= 2199 && !isLetter(this.ch(yEnd))) {
            cal.y = y;
            cal.end = yEnd;
          }
        }
        this.emitCal(i, cal);
        return cal.end;
      }
    }
    // 21st century
    if (num.n <= 2 && num.v >= 1 && num.v <= 30) {
      const suf = this.text.slice(runEnd, runEnd + 2).toLowerCase();
      if ((suf === 'st' || suf === 'nd' || suf === 'rd' || suf === 'th') && this.lit(runEnd + 2, ' century')) {
        return this.emitCentury(i, num.v, runEnd + 10, true);
      }
    }
    if (num.n !== 4 || num.v < 1000 || num.v > 2199) return undefined;
    const next = this.ch(runEnd);
    // 1990s / 1990's
    let sEnd = -1;
    if (next === CH.s) sEnd = runEnd + 1;
    else if ((next === CH.apos || next === CH.rsquo) && this.ch(runEnd + 1) === CH.s) sEnd = runEnd + 2;
    if (sEnd > 0 && !isLetter(this.ch(sEnd)) && num.v % 10 === 0) {
      const eml = this.emlBefore(i);
      const start = eml ? eml[1] : i;
      this.emit(start, sEnd, String(num.v).slice(0, 3) + 'X', 'DATE', 'explicit', eml?.[0]);
      return sEnd;
    }
    if (isLetter(next) || isHan(next) || isDigit(next)) return undefined;
    const w = this.prevWord(i);
    const prevc = this.ch(i - 1);
    const inParens = prevc === CH.lparen && next === CH.rparen;
    const copyright = prevc === 0xa9 || this.ch(i - 2) === 0xa9;
    let ok = inParens || copyright;
    if (!ok && w && this.ch(w[1] + w[0].length) === CH.space) {
      const lw = w[0].toLowerCase();
      ok = YEAR_WORDS.has(lw) && (num.v >= 1800 || lw === 'in' || lw === 'since' || lw === 'year');
    }
    if (!ok) return undefined;
    const eml = this.emlBefore(i);
    const start = eml ? eml[1] : i;
    const value = String(num.v);
    this.emit(start, runEnd, value, 'DATE', 'explicit', eml?.[0]);
    this.setContext(value, num.v, undefined, runEnd);
    return runEnd;
  }

  private wordAt(p: number): [string, number] {
    let q = p;
    while (isLetter(this.ch(q)) && q - p < 20) q++;
    return [this.text.slice(p, q), q];
  }

  private atWord(i: number): number {
    let skip = i + 1;
    while (isLetter(this.ch(skip))) skip++;
    const len = skip - i;
    if (len < 3 || len > 12 || !WORD_FIRST[this.ch(i)] || isLetter(this.ch(i - 1)) || isDigit(this.ch(i - 1))) return skip;
    const [word, wEnd] = this.wordAt(i);
    const month = MONTHS[word];
    if (month !== undefined) return this.englishMonth(i, month, word, wEnd) ?? skip;
    const lw = word.toLowerCase();
    if (lw === 'last' || lw === 'next' || lw === 'this') {
      const k = lw === 'last' ? -1 : lw === 'next' ? 1 : 0;
      if (this.lit(wEnd, ' year') && !isLetter(this.ch(wEnd + 5))) {
        const value = this.ref ? pad(this.ref.y + k, 4) : 'XXXX';
        this.emit(i, wEnd + 5, value, 'DATE', this.anchorRef());
        return wEnd + 5;
      }
      if (this.lit(wEnd, ' month') && !isLetter(this.ch(wEnd + 6))) {
        const value = this.ref ? refPlusMonths(this.ref, k) : 'XXXX-XX';
        this.emit(i, wEnd + 6, value, 'DATE', this.anchorRef());
        return wEnd + 6;
      }
      return skip;
    }
    if (lw === 'yesterday' || lw === 'tomorrow') {
      this.emit(i, wEnd, this.ref ? refPlusDays(this.ref, lw === 'yesterday' ? -1 : 1) : 'XXXX-XX-XX', 'DATE', this.anchorRef());
      return wEnd;
    }
    let ord = ORDINAL_CENTURY[lw];
    let ordEnd = wEnd;
    if (lw === 'twenty' && this.ch(wEnd) === CH.dash) {
      const [w2, e2] = this.wordAt(wEnd + 1);
      ord = ORDINAL_CENTURY[`twenty-${w2.toLowerCase()}`];
      ordEnd = e2;
    }
    if (ord !== undefined && this.lit(ordEnd, ' century')) return this.emitCentury(i, ord, ordEnd + 8, true);
    return skip;
  }

  /** October 9, 2023 / October 9 / May 2022 / Sept. 11, 2001. */
  private englishMonth(i: number, month: number, word: string, wEnd: number): number | undefined {
    let p = wEnd;
    if (word.length <= 4 && word !== 'May' && word !== 'June' && word !== 'July' && this.ch(p) === CH.dot) p++;
    if (this.ch(p) !== CH.space || !isDigit(this.ch(p + 1))) return this.englishMonthOnly(i, month, wEnd);
    const nStart = p + 1;
    const nEnd = this.digitRunEnd(nStart);
    const v = Number(this.text.slice(nStart, nEnd));
    if (nEnd - nStart === 4) {
      if (v < 1000 || v > 2199 || isLetter(this.ch(nEnd))) return undefined;
      this.emitCal(i, { y: v, m: month, end: nEnd });
      return nEnd;
    }
    if (nEnd - nStart > 2 || v < 1 || v > 31) return undefined;
    let q = nEnd;
    const suf = this.text.slice(q, q + 2).toLowerCase();
    if (suf === 'st' || suf === 'nd' || suf === 'rd' || suf === 'th') q += 2;
    if (isLetter(this.ch(q)) || this.ch(q) === CH.colon || (this.ch(q) === CH.dot && isDigit(this.ch(q + 1)))) return undefined;
    const cal: Cal = { m: month, d: v, end: q };
    let yp = q;
    if (this.ch(yp) === CH.comma) yp++;
    if (this.ch(yp) === CH.space && isDigit(this.ch(yp + 1))) {
      const yEnd = this.digitRunEnd(yp + 1);
      const y = Number(this.text.slice(yp + 1, yEnd));
      if (yEnd - yp - 1 === 4 && y >= 1000 && y <= 2199 && !isLetter(this.ch(yEnd))) {
        cal.y = y;
        cal.end = yEnd;
      }
    }
    this.emitCal(i, cal);
    return cal.end;
  }

  /**
   * A month name alone after a preposition or early/mid/late ("in October", "since March", "in early May",
   * "mid-October"): the month of the context year, like 10月. Elsewhere a month name alone is left alone ("May I",
   * "Theresa May", "the March on Rome").
   */
  private englishMonthOnly(i: number, month: number, wEnd: number): number | undefined {
    const w = this.prevWord(i);
    if (!w || !MONTH_ONLY_WORDS.has(w[0].toLowerCase())) return undefined;
    const eml = this.emlBefore(i);
    const start = eml ? eml[1] : i;
    const cal: Cal = { m: month, end: wEnd };
    if (eml) cal.mod = eml[0];
    // "since March" looks back: the latest March up to the reference date, not the nearest one
    if (w[0].toLowerCase() === 'since' && !this.contextAt(start) && this.ref?.m !== undefined) {
      cal.y = month <= this.ref.m ? this.ref.y : this.ref.y - 1;
      cal.relYear = true;
    }
    this.emitCal(start, cal);
    return wEnd;
  }

  // ---------------------------------------------------------------- Chinese

  private tryChinese(i: number, num: Num): number | undefined {
    const q = this.sp(num.end);
    const u = this.ch(q);
    // 2014—2016年, 2014至2016年
    if (this.isYear(num) && !num.han) {
      const r = this.rangeConnector(q);
      if (r !== undefined) {
        const n2 = this.readNum(this.sp(r));
        if (n2 && this.isYear(n2) && !n2.han && n2.v > num.v) {
          const q2 = this.sp(n2.end);
          if (this.ch(q2) === CH.nian && this.ch(q2 + 1) !== CH.dai && !isDigit(this.ch(this.sp(q2 + 1)))) {
            this.emit(i, q2 + 1, `${num.v}/${n2.v}`, 'DATE', 'explicit');
            this.setContext(String(n2.v), n2.v, undefined, q2 + 1);
            return q2 + 1;
          }
        }
      }
    }
    if (u === CH.nian && this.ch(q + 1) === CH.dai) return this.decade(i, num, q + 2);
    if (u === CH.shi4 && this.ch(q + 1) === CH.ji) {
      if (num.n <= 2 && num.v >= 1 && num.v <= 30 && (num.han ? num.n <= 1 || num.v >= 10 : true)) {
        return this.emitCentury(i, num.v, q + 2, false);
      }
      return undefined;
    }
    if (u === CH.cai && this.ch(q + 1) === CH.nian && this.isYear(num)) {
      // 2022财年: the fiscal year, valued as the calendar year it is named after (not an anaphora context).
      this.emit(i, q + 2, String(num.v), 'DATE', 'explicit');
      return q + 2;
    }
    if ((u === CH.nian && this.isYear(num)) || u === CH.yue) {
      if (u === CH.yue && (num.v < 1 || num.v > 12 || (num.han && num.n > 1 && num.v < 10))) return undefined;
      const a = this.parseYMD(num);
      if (!a) return undefined;
      // 十月革命 / 二月革命 name events (dated by the Julian calendar), they are not a month of the context year.
      if (a.y === undefined && a.d === undefined && this.lit(a.end, '革命')) return a.end + 2;
      return this.withRange(i, a);
    }
    if (u === CH.ri) return this.bareDay(i, num, q);
    return this.duration(i, num, q);
  }

  /** Parse year / month chain starting with an already-read number. */
  private parseYMD(num: Num): Cal | undefined {
    const q = this.sp(num.end);
    const u = this.ch(q);
    if (u === CH.nian && this.isYear(num)) {
      const cal: Cal = { y: num.v, end: q + 1 };
      this.afterYear(cal);
      return cal;
    }
    if (u === CH.yue && num.v >= 1 && num.v <= 12) {
      const cal: Cal = { m: num.v, end: q + 1 };
      this.afterMonth(cal);
      return cal;
    }
    return undefined;
  }

  /** After 年: month (and day, time), or a sub-year part (初/底/上半年/夏天/第一季度...). */
  private afterYear(cal: Cal): void {
    const r = cal.end;
    const p = this.sp(r);
    const num = this.readNum(p);
    if (num) {
      const q = this.sp(num.end);
      if (this.ch(q) === CH.yue && num.v >= 1 && num.v <= 12 && (!num.han || num.n <= 1 || num.v >= 10)) {
        cal.m = num.v;
        cal.end = q + 1;
        this.afterMonth(cal);
        return;
      }
    }
    // 今年年初 / 2019年年底: a repeated 年 before the part.
    let s = r;
    if (this.ch(s) === CH.nian && [CH.chu, CH.di, CH.mo, CH.zh].includes(this.ch(s + 1))) s++;
    const part = this.yearPart(s);
    if (part) {
      if (part.sub !== undefined) cal.sub = part.sub;
      if (part.mod) cal.mod = part.mod;
      cal.end = part.end;
    }
  }

  /** 初/初期/底/末/末期/中/中期/上半年/下半年/春天/夏季/第一季度 at p (right after 年). */
  private yearPart(p: number): { sub?: number; mod?: TimexMod; end: number } | undefined {
    const u = this.ch(p);
    if (u === CH.chu) return { mod: 'START', end: this.ch(p + 1) === CH.qi ? p + 2 : p + 1 };
    if (u === CH.di) return { mod: 'END', end: p + 1 };
    if (u === CH.mo) return { mod: 'END', end: this.ch(p + 1) === CH.qi ? p + 2 : p + 1 };
    if (u === CH.zh) {
      if (this.ch(p + 1) === CH.qi) return { mod: 'MID', end: p + 2 };
      if (!isHan(this.ch(p + 1))) return { mod: 'MID', end: p + 1 };
      return undefined;
    }
    if (this.lit(p, '上半年')) return { sub: 40, end: p + 3 };
    if (this.lit(p, '下半年')) return { sub: 41, end: p + 3 };
    const season = SEASONS[String.fromCharCode(u)];
    if (season !== undefined) {
      const n = this.ch(p + 1);
      if (n === CH.tian || n === CH.ji4) return { sub: season, end: p + 2 };
      return undefined;
    }
    let s = p;
    if (u === CH.di4) s++;
    const qn = this.ch(s);
    const qv = HAN_NUM[qn]! >= 1 && HAN_NUM[qn]! <= 4 ? HAN_NUM[qn]! : isDigit(qn) && qn >= 49 && qn <= 52 ? qn - 48 : 0;
    if (qv > 0 && this.ch(s + 1) === CH.ji4 && this.ch(s + 2) === CH.du) return { sub: 32 + qv, end: s + 3 };
    return undefined;
  }

  /** After 月: day (with day range and time), or 上旬/中旬/下旬/初/底/末/中, and 份. */
  private afterMonth(cal: Cal): void {
    if (this.ch(cal.end) === CH.fen4) cal.end++;
    const p = this.sp(cal.end);
    const num = this.readNum(p);
    if (num && num.v >= 1 && num.v <= 31 && (!num.han || num.n <= 1 || num.v >= 10)) {
      const q = this.sp(num.end);
      const u = this.ch(q);
      if (u === CH.ri || u === CH.hao) {
        cal.d = num.v;
        cal.end = q + 1;
        this.afterDay(cal);
        return;
      }
      // 2009年2月4—5日
      const r = this.rangeConnector(q);
      if (r !== undefined) {
        const n2 = this.readNum(this.sp(r));
        if (n2 && n2.v > num.v && n2.v <= 31) {
          const q2 = this.sp(n2.end);
          if (this.ch(q2) === CH.ri || this.ch(q2) === CH.hao) {
            cal.d = num.v;
            cal.d2 = n2.v;
            cal.end = q2 + 1;
            return;
          }
        }
      }
    }
    const u = this.ch(cal.end);
    if (this.ch(cal.end + 1) === CH.xun) {
      if (u === CH.shang) cal.mod = 'START';
      else if (u === CH.zh) cal.mod = 'MID';
      else if (u === CH.xia) cal.mod = 'END';
      if (cal.mod) cal.end += 2;
      return;
    }
    if (u === CH.chu) {
      cal.mod = 'START';
      cal.end++;
    } else if (u === CH.di || u === CH.mo) {
      cal.mod = 'END';
      cal.end++;
    } else if (u === CH.zh && !isHan(this.ch(cal.end + 1))) {
      cal.mod = 'MID';
      cal.end++;
    }
  }

  /** Time after a day: 4点35分, 下午3时, 17:23. */
  private afterDay(cal: Cal): void {
    let p = this.sp(cal.end);
    let pm = 0;
    const period = this.litAny(p, ['凌晨', '早上', '早晨', '上午', '中午', '下午', '傍晚', '晚上', '晚间', '夜间', '夜里']);
    if (period) {
      p += 2;
      pm = period === '中午' ? 1 : period === '下午' || period === '傍晚' || period === '晚上' || period === '晚间' ? 2 : 0;
    }
    const h = this.twoDigits(p) ?? (isDigit(this.ch(p)) && !isDigit(this.ch(p + 1)) ? this.ch(p) - 48 : undefined);
    if (h !== undefined && this.ch(p + (h >= 10 || isDigit(this.ch(p + 1)) ? 2 : 1)) === CH.colon) {
      const hEnd = p + (isDigit(this.ch(p + 1)) ? 2 : 1);
      const mi = this.twoDigits(hEnd + 1);
      if (mi !== undefined && h <= 24 && mi <= 59 && !isDigit(this.ch(hEnd + 3))) {
        cal.hh = h;
        cal.mi = mi;
        cal.end = hEnd + 3;
        return;
      }
    }
    const num = this.readNum(p);
    if (!num || num.v > 24 || (num.han && num.n > 1 && num.v < 10)) return;
    const q = this.sp(num.end);
    const u = this.ch(q);
    const after = this.ch(q + 1);
    const isHour = u === CH.dian || (u === CH.shi2 && after !== c('间') && after !== CH.qi && after !== c('候') && after !== CH.dai);
    if (!isHour) return;
    let hh = num.v;
    if (pm === 2 && hh < 12) hh += 12;
    if (pm === 1 && hh < 11) hh += 12;
    cal.hh = hh;
    cal.end = q + 1;
    const m = this.readNum(this.sp(q + 1));
    if (m && m.v <= 59) {
      const q2 = this.sp(m.end);
      if (this.ch(q2) === CH.fen && this.ch(q2 + 1) !== CH.zhong) {
        cal.mi = m.v;
        cal.end = q2 + 1;
        return;
      }
    }
    if (this.ch(q + 1) === CH.ban) {
      cal.mi = 30;
      cal.end = q + 2;
    }
  }

  /** 至 / 到 / - / -- / ~ at p: the position after it. */
  private rangeConnector(p: number): number | undefined {
    const u = this.ch(p);
    if (u === CH.zhi || u === CH.dao || u === CH.tilde) return p + 1;
    if (u === CH.dash) return this.ch(p + 1) === CH.dash ? p + 2 : p + 1;
    return undefined;
  }

  /** A calendar expression, possibly followed by a range end (2008年5月至2012年5月, 1月12日至13日). */
  private withRange(i: number, a: Cal): number {
    const q = this.sp(a.end);
    const r = a.d2 === undefined ? this.rangeConnector(q) : undefined;
    if (r !== undefined && !this.lit(r, '今')) {
      const p = this.sp(r);
      const num = this.readNum(p);
      if (num) {
        let b: Cal | undefined;
        const q2 = this.sp(num.end);
        const u2 = this.ch(q2);
        if (u2 === CH.nian && this.isYear(num) && a.y !== undefined) {
          b = this.parseYMD(num);
          if (b && (b.y! < a.y || (a.m === undefined) !== (b.m === undefined) || (a.d === undefined) !== (b.d === undefined))) b = undefined;
        } else if (u2 === CH.yue && a.m !== undefined) {
          b = this.parseYMD(num);
          if (b && (a.d === undefined) !== (b.d === undefined)) b = undefined;
        } else if ((u2 === CH.ri || u2 === CH.hao) && a.d !== undefined && num.v > a.d && num.v <= 31) {
          b = { d: num.v, end: q2 + 1 };
          this.afterDay(b);
        }
        if (b && b.mod === undefined && b.d2 === undefined) {
          if (b.d !== undefined && b.m === undefined) b.m = a.m;
          this.emitCal(i, a, b);
          return b.end;
        }
      }
    }
    this.emitCal(i, a);
    return a.end;
  }

  /** 90年代, 1990年代, 八十年代 (+ 初/中/末/前期/中期/后期). */
  private decade(i: number, num: Num, end: number): number | undefined {
    let value: string;
    let anchor = 'explicit';
    if (!num.han && num.n === 4 && num.v % 10 === 0 && num.v >= 1000 && num.v <= 2190) {
      value = String(num.v).slice(0, 3) + 'X';
    } else if (num.v % 10 === 0 && num.v < 100 && (num.han || num.n === 2)) {
      const d = num.v / 10;
      if (d >= 3) value = `19${d}X`;
      else if (d === 0) value = '200X';
      else if (this.ref) {
        value = this.ref.y >= 2000 + num.v ? `20${d}X` : `19${d}X`;
        anchor = this.ref.anchor;
      } else {
        value = `XX${d}X`;
        anchor = 'unresolved';
      }
    } else return undefined;
    const part = this.decadePart(end);
    this.emit(i, part.end, value, 'DATE', anchor, part.mod);
    return part.end;
  }

  private decadePart(p: number): { mod?: TimexMod; end: number } {
    const u = this.ch(p);
    const n = this.ch(p + 1);
    if (u === CH.chu) return { mod: 'START', end: n === CH.qi || n === CH.ye ? p + 2 : p + 1 };
    if (u === CH.mo) return { mod: 'END', end: n === CH.qi || n === CH.ye ? p + 2 : p + 1 };
    if (u === CH.zh) {
      if (n === CH.qi || n === CH.ye) return { mod: 'MID', end: p + 2 };
      if (!isHan(n)) return { mod: 'MID', end: p + 1 };
      if (n === CH.hou && this.ch(p + 2) === CH.qi) return { mod: 'END', end: p + 3 };
    }
    if (u === CH.qian && n === CH.qi) return { mod: 'START', end: p + 2 };
    if (u === CH.hou && n === CH.qi) return { mod: 'END', end: p + 2 };
    if (this.lit(p, '上半叶')) return { mod: 'START', end: p + 3 };
    if (this.lit(p, '下半叶') || this.lit(p, '后半叶')) return { mod: 'END', end: p + 3 };
    if (this.lit(p, '前半叶')) return { mod: 'START', end: p + 3 };
    return { end: p };
  }

  /**
   * Century number C (21世纪, 21st century) -> EDTF "20XX"; optional decade (20世纪60年代 -> 196X) and
   * part (初/中/末...; early/mid/late before an English one).
   */
  private emitCentury(i: number, century: number, end: number, english: boolean, anchor = 'explicit'): number {
    const prefix = pad(century - 1);
    let start = i;
    if (english) {
      const eml = this.emlBefore(i);
      let s = i;
      const w = this.prevWord(i);
      if (w && w[0].toLowerCase() === 'the') s = w[1];
      const eml2 = eml ?? this.emlBefore(s);
      if (eml2) {
        start = eml2[1];
        this.emit(start, end, `${prefix}XX`, 'DATE', anchor, eml2[0]);
        return end;
      }
      this.emit(start, end, `${prefix}XX`, 'DATE', anchor);
      return end;
    }
    const p = this.sp(end);
    const num = this.readNum(p);
    if (num && num.v % 10 === 0 && num.v < 100 && (num.han || num.n === 2)) {
      const q = this.sp(num.end);
      if (this.ch(q) === CH.nian && this.ch(q + 1) === CH.dai) {
        const part = this.decadePart(q + 2);
        this.emit(start, part.end, `${prefix}${num.v / 10}X`, 'DATE', anchor, part.mod);
        return part.end;
      }
    }
    const part = this.decadePart(end);
    this.emit(start, part.end, `${prefix}XX`, 'DATE', anchor, part.mod);
    return part.end;
  }

  /** 17日 (day of the month of the context date or of the reference). */
  private bareDay(i: number, num: Num, q: number): number | undefined {
    if (num.han || num.n > 2 || num.v < 1 || num.v > 31) return undefined;
    const before = this.ch(i - 1);
    if (before === CH.dash || before === CH.dot || before === CH.di4 || before === CH.slash || before === CH.colon) return undefined;
    const next = this.ch(q + 1);
    if ([...'内元圆游本语报币间前后夜'].some((x) => c(x) === next)) return undefined;
    const cal: Cal = { d: num.v, end: q + 1 };
    this.afterDay(cal);
    this.emitCal(i, cal);
    return cal.end;
  }

  /** Counts of time: 10年 (P10Y), 180天 (P180D), 50分钟 (PT50M), 一个月 (P1M), 4年多 (~P4Y); N年前 -> a date. */
  private duration(i: number, num: Num, q: number): number | undefined {
    if (!this.isCount(num)) return undefined;
    let p = q;
    let approx = false;
    if (this.ch(p) === CH.duo || this.ch(p) === CH.yu) {
      approx = true;
      p++;
    }
    let unit: 'Y' | 'M' | 'W' | 'D' | 'H' | 'MIN' | undefined;
    let end = p;
    const u = this.ch(p);
    if (u === CH.nian) {
      const n = this.ch(p + 1);
      if (n === c('级') || n === CH.du || n === CH.dai || n === c('届')) return undefined;
      unit = 'Y';
      end = p + 1;
    } else if (u === CH.ge) {
      let s = p + 1;
      if (this.ch(s) === CH.duo) {
        approx = true;
        s++;
      }
      if (this.ch(s) === CH.yue) [unit, end] = ['M', s + 1];
      else if (this.lit(s, '小时')) [unit, end] = ['H', s + 2];
      else if (this.lit(s, '星期') || this.lit(s, '礼拜')) [unit, end] = ['W', s + 2];
      else return undefined;
    } else if (u === CH.tian) [unit, end] = ['D', p + 1];
    else if (this.lit(p, '小时')) [unit, end] = ['H', p + 2];
    else if (this.lit(p, '分钟')) [unit, end] = ['MIN', p + 2];
    else if (u === CH.zhou && this.ch(p + 1) !== CH.nian && (!num.han || num.v > 1)) [unit, end] = ['W', p + 1];
    else if (this.lit(p, '星期')) [unit, end] = ['W', p + 2];
    else return undefined;
    if (num.han && num.n === 0 && num.v >= 100) return undefined;
    // N年前 / N天后: a date relative to the reference.
    const rel = this.ch(end);
    if ((rel === CH.qian || rel === CH.hou) && !approx && (unit === 'Y' || unit === 'M' || unit === 'D')) {
      if (rel === CH.qian && this.ch(end + 1) === CH.hou) return undefined; // 前后 "around"
      const k = rel === CH.qian ? -num.v : num.v;
      let value: string;
      if (!this.ref) value = unit === 'Y' ? 'XXXX' : unit === 'M' ? 'XXXX-XX' : 'XXXX-XX-XX';
      else if (unit === 'Y') value = pad(this.ref.y + k, 4);
      else if (unit === 'M') value = refPlusMonths(this.ref, k);
      else value = refPlusDays(this.ref, k);
      this.emit(i, end + 1, value, 'DATE', this.anchorRef());
      return end + 1;
    }
    let start = i;
    const before = this.ch(i - 1);
    if (before === CH.jin4) {
      approx = true;
      start = i - 1;
    } else if (before === CH.yue1 && this.ch(i - 2) === c('大')) {
      approx = true;
      start = i - 2;
    }
    if (this.lit(end, '左右')) {
      approx = true;
      end += 2;
    } else if (this.ch(end) === CH.duo && !isHan(this.ch(end + 1))) {
      approx = true;
      end++;
    } else if (this.ch(end) === CH.duo && unit === 'Y') {
      approx = true;
      end++;
    }
    const value =
      unit === 'H' ? `PT${num.v}H` : unit === 'MIN' ? `PT${num.v}M` : `P${num.v}${unit === 'Y' ? 'Y' : unit === 'M' ? 'M' : unit === 'W' ? 'W' : 'D'}`;
    this.emit(start, end, value, 'DURATION', 'explicit', approx ? 'APPROX' : undefined);
    return end;
  }

  // ---------------------------------------------------------------- keywords

  private atKeyword(i: number): number {
    const u = this.ch(i);
    const n = this.ch(i + 1);
    const prev = this.ch(i - 1);
    const relOk = !isHan(prev) || REL_OK_BEFORE.has(prev);
    // 当时 / 当年: "at that time", not a date.
    if (u === CH.dang && (n === CH.shi2 || n === CH.nian)) return i + 2;
    // 今年 去年 明年 前年 后年 本年
    if (n === CH.nian && this.ch(i + 2) !== CH.dai) {
      const off = u === CH.jin || u === CH.ben ? 0 : u === CH.qu ? -1 : u === CH.ming ? 1 : u === CH.qian ? -2 : u === CH.hou ? 2 : undefined;
      if (off !== undefined && (Math.abs(off) < 2 || relOk)) {
        const cal: Cal = { end: i + 2, relYear: true };
        if (this.ref) cal.y = this.ref.y + off;
        this.afterYear(cal);
        return this.emitRelative(i, cal);
      }
    }
    // 上个月 下个月 本月 这个月 上月 下月
    if (u === CH.shang || u === CH.xia || u === CH.ben || u === CH.zhe) {
      let p = i + 1;
      if (this.ch(p) === CH.ge) p++;
      const k = u === CH.shang ? -1 : u === CH.xia ? 1 : 0;
      if (this.ch(p) === CH.yue && (p > i + 1 || u !== CH.zhe)) {
        const cal: Cal = { end: p + 1, relMonth: true };
        if (this.ref) {
          const v = refPlusMonths(this.ref, k);
          cal.y = Number(v.slice(0, 4));
          if (this.ref.m !== undefined) cal.m = Number(v.slice(5, 7));
        }
        this.afterMonth(cal);
        return this.emitRelative(i, cal);
      }
      // 上世纪 / 上个世纪 / 本世纪
      if (this.ch(p) === CH.shi4 && this.ch(p + 1) === CH.ji && u !== CH.xia) {
        const refCentury = this.ref ? Math.floor((this.ref.y - 1) / 100) + 1 : undefined;
        const century = refCentury === undefined ? (k === -1 ? 20 : 21) : refCentury + k;
        const anchor = this.ref ? this.ref.anchor : `unresolved: assumed the ${century === 20 ? '20th' : '21st'} century`;
        return this.emitCentury(i, century, p + 2, false, anchor);
      }
      // 上半年 / 下半年 standalone
      if ((u === CH.shang || u === CH.xia) && this.lit(i + 1, '半年') && relOk) {
        const value = `${this.ref ? pad(this.ref.y, 4) : 'XXXX'}-${u === CH.shang ? 40 : 41}`;
        this.emit(i, i + 3, value, 'DATE', this.anchorRef());
        return i + 3;
      }
    }
    if (u === CH.jin4) {
      // 近年 / 近年来 / 近些年(来) / 近几年(来) / 近几十年(来): "in recent years", an unspecified span of years.
      const form = this.litAny(i + 1, ['年', '些年', '几年', '几十年', '十几年', '十多年']);
      if (form) {
        let end = i + 1 + form.length;
        if (this.ch(end) === CH.lai) end++;
        this.emit(i, end, 'PXY', 'DURATION', 'explicit', 'APPROX');
        return end;
      }
      if (n === CH.ri && this.ch(i + 2) !== CH.ben && this.ch(i + 2) !== c('元')) {
        this.emitApproxRef(i, i + 2);
        return i + 2;
      }
    }
    if (u === CH.zhe && (this.lit(i + 1, '几年') || this.lit(i + 1, '些年'))) {
      let end = i + 3;
      if (this.ch(end) === CH.lai) end++;
      this.emit(i, end, 'PXY', 'DURATION', 'explicit', 'APPROX');
      return end;
    }
    // 日前 "a few days ago"
    if (u === CH.ri && n === CH.qian && !DAY_WORD_BEFORE.has(prev) && !isDigit(prev) && HAN_NUM[prev]! < 0 && this.ch(i + 2) !== c('夕')) {
      this.emitApproxRef(i, i + 2);
      return i + 2;
    }
    // 年初 年底 年末 年中 (of the reference year)
    if (u === CH.nian && !NIAN_WORD_BEFORE.has(prev) && !isDigit(prev) && HAN_NUM[prev]! < 0) {
      let mod: TimexMod | undefined;
      if (n === CH.chu || n === CH.mo || n === CH.di) mod = n === CH.chu ? 'START' : 'END';
      else if (n === CH.zh && !isHan(this.ch(i + 2))) mod = 'MID';
      if (mod && this.ch(i + 2) !== c('衷') && this.ch(i + 2) !== c('年')) {
        this.emit(i, i + 2, this.ref ? pad(this.ref.y, 4) : 'XXXX', 'DATE', this.anchorRef(), mod);
        return i + 2;
      }
    }
    // 昨天 前天 今天 明天 后天 昨日
    if (n === CH.tian || (u === CH.zuo && n === CH.ri)) {
      const k = u === CH.zuo ? -1 : u === CH.qian ? -2 : u === CH.jin ? 0 : u === CH.ming ? 1 : u === CH.hou ? 2 : undefined;
      if (k !== undefined && (Math.abs(k) < 2 || relOk)) {
        this.emit(i, i + 2, this.ref ? refPlusDays(this.ref, k) : 'XXXX-XX-XX', 'DATE', this.anchorRef());
        return i + 2;
      }
    }
    return i + 1;
  }

  private emitApproxRef(start: number, end: number): void {
    this.emit(start, end, this.ref ? refDateValue(this.ref) : 'XXXX-XX-XX', 'DATE', this.anchorRef(), 'APPROX');
  }

  private emitRelative(i: number, cal: Cal): number {
    const anchor = this.anchorRef();
    let value = this.fmt(cal);
    if (cal.relMonth && cal.m === undefined) {
      // Month-relative word with a year-only (or no) reference: the month is unknown.
      value = `${cal.y === undefined ? 'XXXX' : pad(cal.y, 4)}-XX${cal.d === undefined ? '' : '-' + pad(cal.d)}`;
    }
    const type: TimexType = cal.hh !== undefined ? 'TIME' : 'DATE';
    this.emit(i, cal.end, cal.d2 !== undefined ? `${value}/${this.fmt({ ...cal, d: cal.d2 })}` : value, type, anchor, cal.mod);
    return cal.end;
  }
}
