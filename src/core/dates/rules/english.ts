/**
 * English dates: October 9, 2023 / 9 May 2022 / March 3-5, 2019 / the 22nd of March, years after a preposition
 * (in 1995, since 2001), 1990s / the early 2000s, 21st century, ranges (from 2014 to 2018, between 2007 and 2009),
 * relative words (yesterday, today, tonight, last year, late last year, this week, next month), counts (three days
 * ago, a week later, two years), parts of a year (Q1 2019, the first half of 2019, spring 2019) and clock times
 * (5 pm, 10:30 a.m.).
 */
import * as chars from '../chars';
import * as lexicon from '../lexicon';
import * as resolveNs from '../resolve';
import type { Cal, Num, Scanner } from '../scanner';
import type { TimexMod } from '../../types';
import * as calendarChain from './calendar';
import type { Rule } from './registry';
import * as weeks from './weeks';
import { contextAnchor } from '../anchor';
// Local bindings: module members compiled to CommonJS are getters, too slow in the hot loop.
const { isDigit, isHan, isLetter } = chars;
const { CH, MONTHS, MONTH_ONLY_WORDS, NUMBER_WORDS, ORDINAL_CENTURY, YEAR_WORDS } = lexicon;
const { addDays, nearestYear, pad, refPlusDays, refPlusMonths } = resolveNs;
const { emitCentury } = calendarChain;
const { weekValue } = weeks;

/** 5 pm, 5:30 p.m., 10 a.m., 5pm; 17:00 after "at" / "by". On the reference day. */
export const clockTime: Rule = {
  name: 'english/clock-time',
  digits: true,
  at(s, i) {
    const num = s.num(i);
    if (num.han || num.n > 2 || num.v > 24) return undefined;
    let p = num.end;
    let mi: number | undefined;
    // 3.30pm, 10.30am (Hong Kong and British usage): a dot between hour and minutes, only with am / pm after.
    const dotted = s.ch(p) === CH.dot && s.twoDigits(p + 1) !== undefined && !isDigit(s.ch(p + 3)) && s.ch(i - 1) !== CH.dot && !isDigit(s.ch(i - 1));
    if (s.ch(p) === CH.colon || dotted) {
      mi = s.twoDigits(p + 1);
      if (mi === undefined || mi > 59 || isDigit(s.ch(p + 3))) return undefined;
      p += 3;
    }
    const q = s.ch(p) === CH.space ? p + 1 : p;
    let end = -1;
    let pm = false;
    const low = s.text.slice(q, q + 4).toLowerCase();
    if ((low.startsWith('am') || low.startsWith('pm')) && !isLetter(s.ch(q + 2))) [end, pm] = [q + 2, low[0] === 'p'];
    else if ((low.startsWith('a.m') || low.startsWith('p.m')) && s.ch(q + 3) === CH.dot) [end, pm] = [q + 4, low[0] === 'p'];
    if (dotted && end < 0) return undefined;
    if (end < 0) {
      const w = s.prevWord(i);
      if (mi === undefined || !w || (w[0] !== 'at' && w[0] !== 'by') || isLetter(s.ch(p)) || isDigit(s.ch(p))) return undefined;
      end = p;
    } else if (num.v > 12 || num.v === 0) return undefined;
    let hh = num.v;
    if (pm && hh < 12) hh += 12;
    if (!pm && end !== p && hh === 12) hh = 0;
    let day = s.ref && s.ref.m !== undefined && s.ref.d !== undefined ? `${pad(s.ref.y, 4)}-${pad(s.ref.m)}-${pad(s.ref.d)}` : 'XXXX-XX-XX';
    let anchor = s.anchorRef();
    // "on Saturday at 4 p.m.", "March 5, 10 a.m.": the time of the day just written.
    const last = s.out[s.out.length - 1];
    if (last && i - last.end <= 6 && last.type === 'DATE' && /^\d{4}-\d{2}-\d{2}$/.test(last.value)) {
      const gap = s.text.slice(last.end, i);
      // "tomorrow (15 November) at 3 p.m.": after the parenthesis that restates the day too.
      if (gap === ' at ' || gap === ', ' || gap === ' ' || gap === ', at ' || gap === ' from ' || gap === ') at ' || gap === '), at ') [day, anchor] = [last.value, last.anchor];
    }
    // "The Council will meet on June 27. The session opens at 10 a.m., and a press conference follows at 1 p.m.": the
    // day named last, in this sentence or the one before (unless a day follows the time: "at 9:30 p.m. on Tuesday").
    if (anchor === s.anchorRef() && !DAY_AFTER_TIME.test(s.text.slice(end, end + 14))) {
      const near = s.dayInOrBeforeSentence(i);
      if (near) [day, anchor] = [near.value.slice(0, 10), `context: the day of ${near.text}`];
    }
    s.emit(i, end, `${day}T${pad(hh)}:${pad(mi ?? 0)}`, 'TIME', anchor);
    return end;
  },
  examples: [['5 pm', '2006-03-22T17:00'], ['10:30 a.m.', '2006-03-22T10:30'], ['at 3.30pm', '2006-03-22T15:30', '3.30pm']],
};

/** Lower-case event nouns after "the <Month>": the month dates the event ("the February election"; "the March on Rome" is no month). */
const EVENT_NOUNS_EN = new Set([
  'election', 'elections', 'vote', 'poll', 'polls', 'referendum', 'ballot', 'runoff', 'summit', 'talks', 'meeting', 'meetings', 'ceasefire', 'truce',
  'deal', 'agreement', 'accord', 'attack', 'attacks', 'coup', 'offensive', 'invasion', 'uprising', 'visit', 'deadline', 'earthquake', 'floods', 'protests',
  'strike', 'strikes', 'session', 'conference', 'congress', 'plenum', 'budget', 'announcement', 'decision', 'report', 'launch', 'test', 'tests', 'exercises',
]);

/** A season, quarter or half of a year (EDTF 21-24, 33-36, 40-41). */
const SUB_YEAR_VALUE = /^\d{4}-(?:2[1-4]|3[3-6]|4[01])$/;

/** A day written right after a time ("at 9:30 p.m. on Tuesday", "5 pm yesterday", "10 a.m. today"): the time is not of an earlier day. */
const DAY_AFTER_TIME = /^,? (?:on |this |tomorrow|today|yesterday|tonight|next |last |(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day|(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)[a-z]*\.? \d)/;

/** After these words "noon" / "midday" is a clock time (at noon, by midday), not a name (High Noon) or a noun (the noon briefing). */
const NOON_AFTER = new Set(['at', 'by', 'until', 'till', 'before', 'after', 'from', 'around']);
const NOON_DAY: Record<string, number> = { yesterday: -1, today: 0, tomorrow: 1 };

/** "at noon", "by midday tomorrow", "on Friday at noon": 12:00 of the day written next to it, else of the reference. */
export const noon: Rule = {
  name: 'english/noon',
  words: ['noon', 'midday'],
  at(s, i) {
    if (!s.wordStart(i)) return undefined;
    const [word, end] = s.wordAt(i);
    const lw = word.toLowerCase();
    if (lw !== 'noon' && lw !== 'midday') return undefined;
    const w = s.prevWord(i);
    if (!w || !NOON_AFTER.has(w[0].toLowerCase()) || isLetter(s.ch(end)) || s.ch(end) === CH.dash) return undefined;
    let day = s.ref && s.ref.m !== undefined && s.ref.d !== undefined ? refPlusDays(s.ref, 0) : 'XXXX-XX-XX';
    let anchor = s.anchorRef();
    const next = s.ch(end) === CH.space ? s.wordAt(end + 1)[0].toLowerCase() : '';
    const k = NOON_DAY[next];
    const last = s.out[s.out.length - 1];
    if (k !== undefined) day = s.ref && s.ref.m !== undefined && s.ref.d !== undefined ? refPlusDays(s.ref, k) : 'XXXX-XX-XX';
    else if (last && /^\d{4}-\d{2}-\d{2}$/.test(last.value) && [' at ', ', at ', ') at '].includes(s.text.slice(last.end, i))) [day, anchor] = [last.value, last.anchor];
    s.emit(i, end, `${day}T12:00`, 'TIME', anchor);
    return end;
  },
  examples: [['at noon', '2006-03-22T12:00', 'noon'], ['by midday', '2006-03-22T12:00', 'midday']],
};

/** Prepositions before "the 4th" that make it a day (opened on the 2nd and closed on the 4th, by the 10th). */
const ORDINAL_DAY_PREP = new Set(['on', 'by', 'until', 'till', 'from', 'to', 'before', 'after', 'since']);
const ORDINAL_SUFFIXES = new Set(['st', 'nd', 'rd', 'th']);

/**
 * "Talks opened on May 2 and closed on the 4th": an ordinal day after a preposition and "the" is a day of the month
 * named last in the sentence (a full day before it); "the 4th round", "the 21st century" are not ("the" stays out).
 */
export const ordinalDay: Rule = {
  name: 'english/ordinal-day',
  digits: true,
  at(s, i) {
    const num = s.num(i);
    if (num.han || num.n > 2 || num.v < 1 || num.v > 31 || isDigit(s.ch(i - 1))) return undefined;
    const end = num.end + 2;
    if (!ORDINAL_SUFFIXES.has(s.text.slice(num.end, end).toLowerCase()) || isLetter(s.ch(end)) || isDigit(s.ch(end))) return undefined;
    if (s.ch(end) === CH.space && isLetter(s.ch(end + 1)) && !s.lit(end, ' and ') && !s.lit(end, ' or ')) return undefined;
    const the = s.prevWord(i);
    if (!the || the[0].toLowerCase() !== 'the' || the[1] + 4 !== i) return undefined;
    const prep = s.prevWord(the[1]);
    if (!prep || !ORDINAL_DAY_PREP.has(prep[0].toLowerCase())) return undefined;
    const host = s.dayInSentence(i);
    if (!host) return undefined;
    const y = Number(host.value.slice(0, 4));
    const m = Number(host.value.slice(5, 7));
    if (num.v > resolveNs.daysIn(y, m)) return undefined;
    s.emit(i, end, `${pad(y, 4)}-${pad(m)}-${pad(num.v)}`, 'DATE', `context: the month of ${host.text}`);
    return end;
  },
  // No examples: the rule needs the day before it (test/unit/dates.test.ts has its cases).
};

export const numberFirst: Rule = {
  name: 'english/number-first',
  digits: true,
  at: (s, i) => tryEnglishNumberFirst(s, i, s.num(i)),
  examples: [['9 May 2022', '2022-05-09'], ['22nd of March 2006', '2006-03-22'], ['in 1995', '1995', '1995'], ['the early 2000s', '200X', 'early 2000s'], ['from 2014 to 2018', '2014/2018'], ['between 2007 and 2009', '2007/2009'], ['since 2014', '2014/..'], ['before 2018', '../2018'], ['mid-2020', '2020'], ['2000 people', '', ''], ['in 2019 was', '2019', '2019']],
};

/** Nouns of counts and units: "2000 people", "by 2006 yuan" are not years. */
const COUNT_NOUN = /^(?:people|persons|men|women|children|troops|soldiers|staff|personnel|workers|students|members|votes|seats|cases|deaths|casualties|refugees|units|pieces|times|million|billion|thousand|hundred|percent|per|km|kg|mw|gw|yuan|rmb|euros?|dollars?|pounds|rubles|roubles|yen|feet|miles|metres?|meters?|kilometres?|kilometers?|tonnes?|tons?|barrels|square|acres|hectares|words|pages|characters|signatures|signatories|delegates|participants|respondents|projects|companies|firms|ships|vessels|aircraft|flights|incidents|attacks|strikes|arrests|visitors|tourists|households|items|documents|articles|copies|more|or more|and \d)\b/;

/** `cal` (a day-first date ending at `cal.end`) with the four-digit year written after it, if one is (6 March 2023). */
function withYearAfter(s: Scanner, cal: Cal): Cal {
  const yp = cal.end + 1;
  if (s.ch(cal.end) === CH.space && isDigit(s.ch(yp))) {
    const yEnd = s.digitRunEnd(yp);
    const y = Number(s.text.slice(yp, yEnd));
    if (yEnd - yp === 4 && y >= 1000 && y <= 2199 && !isLetter(s.ch(yEnd))) return { ...cal, y, end: yEnd };
  }
  return cal;
}

function tryEnglishNumberFirst(s: Scanner, i: number, num: Num): number | undefined {
  if (num.han) return undefined;
  const runEnd = s.digitRunEnd(i);
  if (num.end !== runEnd) return undefined;
  // 2024-25, 2014-2018: a range of years (a fiscal year, a season), read by numeric/year-range after this rule.
  if (num.n === 4 && s.ch(runEnd) === CH.dash && isDigit(s.ch(runEnd + 1))) {
    const e = s.digitRunEnd(runEnd + 1);
    const y2 = e - runEnd - 1 === 2 ? Math.floor(num.v / 100) * 100 + Number(s.text.slice(runEnd + 1, e)) : e - runEnd - 1 === 4 ? Number(s.text.slice(runEnd + 1, e)) : 0;
    if (y2 > num.v && y2 - num.v <= 100) return undefined;
  }
  // the '90s, the late ’80s: a decade written with two digits after an apostrophe (the 1930s-1990s, the 2000s and 2010s;
  // '20s could be either and is left alone).
  const apos = s.ch(i - 1);
  if (num.n === 2 && num.v % 10 === 0 && num.v !== 20 && (apos === CH.apos || apos === CH.rsquo) && !isLetter(s.ch(i - 2)) && !isDigit(s.ch(i - 2)) && s.ch(runEnd) === CH.s && !isLetter(s.ch(runEnd + 1))) {
    const eml = s.emlBefore(i - 1);
    const decade = `${num.v >= 30 ? '19' : '20'}${num.v / 10}X`;
    s.emit(eml ? eml[1] : i - 1, runEnd + 1, decade, 'DATE', 'explicit', eml?.[0]);
    return runEnd + 1;
  }
  // 9 May 2022 / 9 May / 22nd of March 2006
  let dm = runEnd;
  if (num.n <= 2) {
    const suf = s.text.slice(runEnd, runEnd + 2).toLowerCase();
    if ((suf === 'st' || suf === 'nd' || suf === 'rd' || suf === 'th') && !isLetter(s.ch(runEnd + 2))) dm = s.lit(runEnd + 2, ' of') ? runEnd + 5 : runEnd + 2;
  }
  if (num.n <= 2 && s.ch(dm) === CH.space && isLetter(s.ch(dm + 1))) {
    const [word, wEnd] = s.wordAt(dm + 1);
    const month = MONTHS[word];
    if (month !== undefined && num.v >= 1 && num.v <= 31) {
      let end = wEnd;
      if (word.length === 3 && s.ch(end) === CH.dot) end++;
      const cal = withYearAfter(s, { m: month, d: num.v, end });
      s.emitCal(i, cal);
      return cal.end;
    }
  }
  // 6 to 10 March (2023), 6-10 March, between 6 and 10 March: a range of days of one month.
  if (num.n <= 2 && num.v >= 1 && num.v <= 31) {
    const conn = s.litAny(runEnd, [' to ', '-', '–', ' and ']);
    const q = conn ? runEnd + conn.length : -1;
    const e = q > 0 ? s.digitRunEnd(q) : -1;
    const d2 = e > q ? Number(s.text.slice(q, e)) : 0;
    if (conn && e - q >= 1 && e - q <= 2 && d2 > num.v && d2 <= 31 && s.ch(e) === CH.space && isLetter(s.ch(e + 1))) {
      const [word, wEnd] = s.wordAt(e + 1);
      const month = MONTHS[word];
      // "between" is in the span (between 6 and 10 March); "from" stays out, as with June 2 to 4.
      const start = conn === ' and ' ? rangeStart(s, i, 'between') : i;
      if (month !== undefined && (conn !== ' and ' || start !== i)) {
        let end = wEnd;
        if (word.length === 3 && s.ch(end) === CH.dot) end++;
        const cal = withYearAfter(s, { m: month, d: num.v, d2, end });
        s.emitCal(start, cal);
        return cal.end;
      }
    }
  }
  // 21st century
  if (num.n <= 2 && num.v >= 1 && num.v <= 30) {
    const suf = s.text.slice(runEnd, runEnd + 2).toLowerCase();
    if ((suf === 'st' || suf === 'nd' || suf === 'rd' || suf === 'th') && s.lit(runEnd + 2, ' century')) {
      return emitCentury(s, i, num.v, runEnd + 10, true);
    }
  }
  if (num.n !== 4 || num.v < 1000 || num.v > 2199) return undefined;
  const next = s.ch(runEnd);
  // 1990s / 1990's
  let sEnd = -1;
  if (next === CH.s) sEnd = runEnd + 1;
  else if ((next === CH.apos || next === CH.rsquo) && s.ch(runEnd + 1) === CH.s) sEnd = runEnd + 2;
  if (sEnd > 0 && !isLetter(s.ch(sEnd)) && num.v % 10 === 0) {
    const eml = s.emlBefore(i);
    const start = eml ? eml[1] : i;
    s.emit(start, sEnd, String(num.v).slice(0, 3) + 'X', 'DATE', 'explicit', eml?.[0]);
    return sEnd;
  }
  if (isLetter(next) || isHan(next) || isDigit(next)) return undefined;
  const w = s.prevWord(i);
  const prevc = s.ch(i - 1);
  const inParens = prevc === CH.lparen && next === CH.rparen;
  const copyright = prevc === 0xa9 || s.ch(i - 2) === 0xa9;
  let ok = inParens || copyright;
  if (!ok && w && s.ch(w[1] + w[0].length) === CH.dash && /^(?:mid|early|late|pre|post)$/i.test(w[0])) ok = true;
  if (!ok && w && s.ch(w[1] + w[0].length) === CH.space) {
    const lw = w[0].toLowerCase();
    ok = YEAR_WORDS.has(lw) && (num.v >= 1800 || lw === 'in' || lw === 'since' || lw === 'year');
  }
  const lw = w && s.ch(w[1] + w[0].length) === CH.space ? w[0].toLowerCase() : '';
  // from 2014 to 2018 / between 2007 and 2009 / 2014 to 2018
  if (ok || lw === 'from' || lw === 'between') {
    const conn = lw === 'between' ? s.litAny(runEnd, [' and ', '-', '–', '—']) : s.litAny(runEnd, [' to ', ' until ', ' through ', ' till ', '-', '–', '—']);
    if (conn) {
      const q = runEnd + conn.length;
      const e = s.digitRunEnd(q);
      const y2 = Number(s.text.slice(q, e));
      if (e - q === 4 && y2 > num.v && y2 <= 2199 && !isLetter(s.ch(e)) && !isDigit(s.ch(e)) && !COUNT_NOUN.test(s.text.slice(e + 1, e + 12).toLowerCase())) {
        const start = lw === 'from' || lw === 'between' ? w![1] : i;
        s.emit(start, e, `${num.v}/${y2}`, 'DATE', 'explicit');
        s.setContext(String(y2), y2, undefined, e, false, true);
        return e;
      }
    }
  }
  // A bare year in running text: "2019 was", "..., 2019."; not a count ("2000 people", "$2000", "2,019", "No. 2019").
  if (!ok && num.v >= 1900 && num.v <= 2099) ok = bareYear(s, i, runEnd);
  if (ok && !inParens && COUNT_NOUN.test(s.text.slice(s.sp(runEnd), s.sp(runEnd) + 12).toLowerCase())) ok = false;
  if (!ok) return undefined;
  const eml = s.emlBefore(i);
  const start = eml ? eml[1] : i;
  const value = String(num.v);
  s.emit(start, runEnd, value, 'DATE', 'explicit', eml?.[0]);
  s.setContext(value, num.v, undefined, runEnd);
  return runEnd;
}

/** Verbs and words after which a bare year stays a year ("2019 was", "2008 saw"). */
const YEAR_FOLLOWERS = /^(?:was|is|has|had|saw|sees|marks|marked|will|would|brought|began|ended|proved|became|also|could|might|must|elections?|election|census|budget|report|profits?|revenues?|earnings|sales|exports|imports|output|figures|data|deficit|surplus|gdp|growth|results|accounts|campaign|strategy|review|agreement|deal|plan|level|levels|peak|target|talks|visit|decision|law|act|treaty|accord|olympics|world|summit|crisis|war|tsunami|earthquake|financial|general|presidential|edition|season|survey|and|or|to|through|when|after|before|as|the|in|at|on|but)\b/;

function bareYear(s: Scanner, i: number, runEnd: number): boolean {
  const prev = s.ch(i - 1);
  if (prev === 36 || prev === 0x20ac || prev === 0xa3 || prev === 0xa5 || prev === 35 || prev === 43 || prev === CH.dash || prev === CH.comma) return false;
  if (prev === CH.dot || prev === CH.colon || prev === CH.slash || isDigit(prev) || isLetter(prev) || isHan(prev)) return false;
  // 8502 2088, 2835 1473: the last group of a number written in groups (a phone number), not a year.
  if (prev === CH.space && isDigit(s.ch(i - 2))) return false;
  const before = s.text.slice(Math.max(s.start, i - 9), i).toLowerCase();
  if (/(?:\b(?:no|nos|p|pp|vol|art)\.\s?|#\s?|\b(?:box|room|suite|flight|route|highway|number|unit|line|bus|page|model|version|article|resolution|code|bill|hb|sb|ab|hr|h\.r\.|decree|ordinance|docket|order)\s)$/.test(before)) return false;
  const next = s.ch(runEnd);
  if (next === CH.comma || next === CH.dot || next === CH.rparen || next === 59 || next === 0x3002 || next === 0xff0c) {
    return !isDigit(s.ch(runEnd + 1));
  }
  if (next !== CH.space) return false;
  const after = s.text.slice(runEnd + 1, runEnd + 14).toLowerCase();
  return YEAR_FOLLOWERS.test(after);
}

/** Words before a month name alone that make it a month of a year except for May. */
const MONTH_ONLY_WEAK = new Set(['for', 'of', 'to', 'and', 'or', 'between', 'late', 'end', 'until', 'till']);

const WORDS = [...Object.keys(MONTHS), 'last', 'next', 'this', 'yesterday', 'tomorrow', 'today', 'tonight', ...Object.keys(ORDINAL_CENTURY), 'twenty'];
const PARTS_OF_DAY: Record<string, string> = { morning: 'MO', afternoon: 'AF', evening: 'EV', night: 'NI' };
const SEASON_SUB: Record<string, number> = { spring: 21, summer: 22, autumn: 23, fall: 23, winter: 24 };

/** Month names, last/next/this + year/month/week/weekend/season, yesterday/today/tomorrow/tonight, ordinal centuries. */
export const words: Rule = {
  name: 'english/words',
  words: WORDS,
  at(s, i) {
    if (!s.wordStart(i)) return undefined;
    const [word, wEnd] = s.wordAt(i);
    if (word.length < 3 || word.length > 12) return undefined;
    const month = MONTHS[word];
    if (month !== undefined) return englishMonth(s, i, month, word, wEnd);
    const lw = word.toLowerCase();
    if (lw === 'last' || lw === 'next' || lw === 'this') return lastNextThis(s, i, lw, wEnd);
    if (lw === 'yesterday' || lw === 'tomorrow' || lw === 'today' || lw === 'tonight') {
      // Russia Today (RT), USA Today, China Today are names.
      const w = s.prevWord(i);
      if (word === 'Today' && w && /^(?:Russia|USA|China|India|Britain|Europe)$/.test(w[0])) return wEnd;
      let k = lw === 'yesterday' ? -1 : lw === 'tomorrow' ? 1 : 0;
      // the day before yesterday, the day after tomorrow: two days off, one expression.
      let start = i;
      const dayBA = k !== 0 ? s.text.slice(Math.max(s.start, i - 15), i).toLowerCase() : '';
      if ((k < 0 && dayBA.endsWith('the day before ')) || (k > 0 && dayBA.endsWith('the day after '))) {
        k *= 2;
        start = i - (k < 0 ? 15 : 14);
      }
      let end = wEnd;
      let part = lw === 'tonight' ? 'NI' : undefined;
      if (!part && s.ch(wEnd) === CH.space) {
        const [w2, e2] = s.wordAt(wEnd + 1);
        const pd = PARTS_OF_DAY[w2.toLowerCase()];
        if (pd) [part, end] = [pd, e2];
      }
      const value = (s.ref ? refPlusDays(s.ref, k) : 'XXXX-XX-XX') + (part ? `T${part}` : '');
      s.emit(start, end, value, part ? 'TIME' : 'DATE', s.anchorRef());
      return end;
    }
    let ord = ORDINAL_CENTURY[lw];
    let ordEnd = wEnd;
    if (lw === 'twenty' && s.ch(wEnd) === CH.dash) {
      const [w2, e2] = s.wordAt(wEnd + 1);
      ord = ORDINAL_CENTURY[`twenty-${w2.toLowerCase()}`];
      ordEnd = e2;
    }
    if (ord !== undefined && s.lit(ordEnd, ' century')) return emitCentury(s, i, ord, ordEnd + 8, true);
    return undefined;
  },
  examples: [
    ['October 9, 2023', '2023-10-09'], ['Sept. 11, 2001', '2001-09-11'], ['March 3-5, 2019', '2019-03-03/2019-03-05'], ['March 22nd', '2006-03-22'],
    ['yesterday', '2006-03-21'], ['today', '2006-03-22'], ['tonight', '2006-03-22TNI'], ['last year', '2005'], ['late last year', '2005'],
    ['next month', '2006-04'], ['last week', '2006-W11'], ['this weekend', '2006-W12-WE'], ['last summer', '2005-22'], ['twentieth century', '19XX'],
  ],
};

/** last/next/this + year, month, week, weekend, spring...: with early/mid/late before (late last year). */
function lastNextThis(s: Scanner, i: number, lw: string, wEnd: number): number | undefined {
  if (s.ch(wEnd) !== CH.space) return undefined;
  const [noun, nEnd] = s.wordAt(wEnd + 1);
  const ln = noun.toLowerCase();
  const k = lw === 'last' ? -1 : lw === 'next' ? 1 : 0;
  const eml = s.emlBefore(i);
  // "later this week", "earlier this month": the week, the month (the word belongs to the expression).
  const before = !eml && k === 0 ? s.prevWord(i) : undefined;
  const laterEarlier = before && /^(later|earlier)$/i.test(before[0]) ? before[1] : undefined;
  const start = eml ? eml[1] : laterEarlier ?? i;
  const mod: TimexMod | undefined = eml?.[0];
  const anchor = s.anchorRef();
  if (ln === 'year') {
    s.emit(start, nEnd, s.ref ? pad(s.ref.y + k, 4) : 'XXXX', 'DATE', anchor, mod);
    return nEnd;
  }
  // "this decade": the decade of the reference (202X); "the last / next decade" is a stretch of ten years, not this.
  if (ln === 'decade' && k === 0) {
    s.emit(start, nEnd, s.ref ? `${pad(Math.floor(s.ref.y / 10), 3)}X` : 'XXXX', 'DATE', anchor, mod);
    return nEnd;
  }
  if (ln === 'month') {
    s.emit(start, nEnd, s.ref ? refPlusMonths(s.ref, k) : 'XXXX-XX', 'DATE', anchor, mod);
    return nEnd;
  }
  const part = PARTS_OF_DAY[ln];
  if (part && (k === 0 || (k === -1 && ln === 'night'))) {
    s.emit(start, nEnd, (s.ref ? refPlusDays(s.ref, k) : 'XXXX-XX-XX') + `T${part}`, 'TIME', anchor);
    return nEnd;
  }
  if (ln === 'week' || ln === 'weekend') {
    s.emit(start, nEnd, weekValue(s.ref, k) + (ln === 'weekend' ? '-WE' : ''), 'DATE', anchor, mod);
    return nEnd;
  }
  const season = SEASON_SUB[ln];
  if (season !== undefined) {
    // "last summer": the latest summer before the reference; "this spring": the reference year's.
    let y = s.ref?.y;
    if (y !== undefined && k !== 0) {
      const refSeason = s.ref!.m === undefined ? undefined : Math.floor(((s.ref!.m % 12) + 1) / 3) + 20 || 24;
      y += k < 0 ? (refSeason !== undefined && refSeason > season ? 0 : -1) : refSeason !== undefined && refSeason < season ? 0 : 1;
    }
    s.emit(start, nEnd, `${y === undefined ? 'XXXX' : pad(y, 4)}-${season}`, 'DATE', anchor, mod);
    return nEnd;
  }
  return undefined;
}

/** October 9, 2023 / October 9 / May 2022 / Sept. 11, 2001 / March 3-5, 2019 / March of 2006. */
function englishMonth(s: Scanner, i: number, month: number, word: string, wEnd: number): number | undefined {
  let p = wEnd;
  if (word.length <= 4 && word !== 'May' && word !== 'June' && word !== 'July' && s.ch(p) === CH.dot) p++;
  if (s.lit(p, ' of ') && isDigit(s.ch(p + 4))) {
    const yEnd = s.digitRunEnd(p + 4);
    const y = Number(s.text.slice(p + 4, yEnd));
    if (yEnd - p - 4 === 4 && y >= 1000 && y <= 2199 && !isLetter(s.ch(yEnd))) {
      s.emitCal(i, { y, m: month, end: yEnd });
      return yEnd;
    }
  }
  // July last year / March this year / January next year
  const rel = s.litAny(p, [' last year', ' this year', ' next year']);
  if (rel && !isLetter(s.ch(p + rel.length))) {
    const k = rel === ' last year' ? -1 : rel === ' next year' ? 1 : 0;
    const eml = s.emlBefore(i);
    const cal: Cal = { m: month, end: p + rel.length, relYear: true };
    if (s.ref) cal.y = s.ref.y + k;
    if (eml) cal.mod = eml[0];
    return s.emitRelative(eml ? eml[1] : i, cal);
  }
  if (s.ch(p) === CH.comma && s.ch(p + 1) === CH.space && isDigit(s.ch(p + 2)) && s.digitRunEnd(p + 2) - p - 2 === 4) p++; // "March, 2006"
  if (s.ch(p) !== CH.space || !isDigit(s.ch(p + 1))) return englishMonthOnly(s, i, month, wEnd);
  const nStart = p + 1;
  const nEnd = s.digitRunEnd(nStart);
  const v = Number(s.text.slice(nStart, nEnd));
  if (nEnd - nStart === 4) {
    if (v < 1000 || v > 2199 || isLetter(s.ch(nEnd))) return undefined;
    s.emitCal(i, { y: v, m: month, end: nEnd });
    return nEnd;
  }
  if (nEnd - nStart > 2 || v < 1 || v > 31) return undefined;
  let q = nEnd;
  const suf = s.text.slice(q, q + 2).toLowerCase();
  if (suf === 'st' || suf === 'nd' || suf === 'rd' || suf === 'th') q += 2;
  const cal: Cal = { m: month, d: v, end: q };
  // March 3-5, June 2 to 4: a day range
  const dash = s.ch(q) === CH.dash ? q + 1 : s.lit(q, ' to ') ? q + 4 : s.lit(q, ' through ') ? q + 9 : -1;
  if (dash > 0 && isDigit(s.ch(dash))) {
    const e2 = s.digitRunEnd(dash);
    const v2 = Number(s.text.slice(dash, e2));
    if (e2 - dash <= 2 && v2 > v && v2 <= 31 && !isLetter(s.ch(e2)) && s.ch(e2) !== CH.colon && !(s.ch(e2) === CH.dot && isDigit(s.ch(e2 + 1)))) {
      cal.d2 = v2;
      cal.end = q = e2;
    }
  }
  if (isLetter(s.ch(q)) || s.ch(q) === CH.colon || (s.ch(q) === CH.dot && isDigit(s.ch(q + 1)))) return undefined;
  let yp = q;
  if (s.ch(yp) === CH.comma) yp++;
  if (s.ch(yp) === CH.space && isDigit(s.ch(yp + 1))) {
    const yEnd = s.digitRunEnd(yp + 1);
    const y = Number(s.text.slice(yp + 1, yEnd));
    if (yEnd - yp - 1 === 4 && y >= 1000 && y <= 2199 && !isLetter(s.ch(yEnd))) {
      cal.y = y;
      cal.end = yEnd;
    }
  }
  s.emitCal(i, cal);
  return cal.end;
}

/** The start of "between" right before i, else i. */
function rangeStart(s: Scanner, i: number, word: 'between'): number {
  const w = s.prevWord(i);
  return w && w[0].toLowerCase() === word && s.ch(w[1] + w[0].length) === CH.space && w[1] + w[0].length + 1 === i ? w[1] : i;
}

/**
 * A month name alone after a preposition or early/mid/late ("in October", "since March", "in early May",
 * "mid-October", "last March"): the month of the context year, like 10月. Elsewhere a month name alone is left
 * alone ("May I", "Theresa May", "the March on Rome").
 */
function englishMonthOnly(s: Scanner, i: number, month: number, wEnd: number): number | undefined {
  const w = s.prevWord(i);
  if (!w) return undefined;
  const lw = w[0].toLowerCase();
  // "for November", "the end of March", "March and April": not for May (support for May, Theresa May).
  // "as early as August", "as late as June", "as soon as March": a month, except for May.
  const asEarly = lw === 'as' && month !== 5 && /\b(?:early|late|soon) as $/i.test(s.text.slice(Math.max(s.start, i - 12), i));
  // "the February election", "the October summit": a month before an event noun, the month of that event.
  const modifier = lw === 'the' && s.ch(wEnd) === CH.space && EVENT_NOUNS_EN.has(s.wordAt(wEnd + 1)[0]);
  if (modifier) {
    s.emitCal(i, { m: month, end: wEnd });
    return wEnd;
  }
  if (!asEarly && !MONTH_ONLY_WORDS.has(lw) && (month === 5 || !MONTH_ONLY_WEAK.has(lw))) return undefined;
  const eml = s.emlBefore(i);
  let start = eml ? eml[1] : i;
  const cal: Cal = { m: month, end: wEnd };
  if (eml) cal.mod = eml[0];
  if ((lw === 'last' || lw === 'next' || lw === 'this') && s.ref) {
    // last March: the latest March before the reference; next March: the first after it.
    start = w[1];
    const rm = s.ref.m ?? 12;
    cal.y = lw === 'last' ? (month < rm ? s.ref.y : s.ref.y - 1) : lw === 'next' ? (month > rm ? s.ref.y : s.ref.y + 1) : s.ref.y;
    cal.relYear = true;
  } else if (lw === 'last' || lw === 'next' || lw === 'this') return undefined;
  // "since March" looks back: the latest March up to the reference date, not the nearest one
  if (lw === 'since' && !s.contextAt(start) && s.ref?.m !== undefined) {
    cal.y = month <= s.ref.m ? s.ref.y : s.ref.y - 1;
    cal.relYear = true;
  }
  s.emitCal(start, cal);
  return wEnd;
}

const UNIT: Record<string, 'Y' | 'M' | 'W' | 'D' | 'DE' | 'H' | 'MIN'> = {
  year: 'Y', years: 'Y', month: 'M', months: 'M', week: 'W', weeks: 'W', day: 'D', days: 'D', decade: 'DE', decades: 'DE',
  hour: 'H', hours: 'H', minute: 'MIN', minutes: 'MIN',
};

/**
 * "the next day", "the following day" (like 次日): the day after the day the text named just before (within the anaphora
 * window); without one nothing (which day is meant is not in the text).
 */
export const nextDay: Rule = {
  name: 'english/next-day',
  words: ['next', 'following'],
  at(s, i) {
    const wEnd = s.wordAt(i)[1];
    if (!s.lit(wEnd, ' day') || isLetter(s.ch(wEnd + 4))) return undefined;
    const the = s.prevWord(i);
    if (!the || the[0].toLowerCase() !== 'the' || the[1] + 4 !== i) return undefined;
    const prevDay = s.dayBefore(i);
    if (!prevDay) return wEnd + 4;
    const day = prevDay.split('-').map(Number);
    const [y, m, d] = addDays(day[0]!, day[1]!, day[2]!, 1);
    s.emit(the[1], wEnd + 4, `${pad(y, 4)}-${pad(m)}-${pad(d)}`, 'DATE', `context: the day after ${prevDay}`);
    return wEnd + 4;
  },
  // No examples: the rule needs the day before it, a second mention (test/unit/dates.test.ts has its cases).
};

/** three days ago, 2 years ago, a week later, two months earlier; a count of time alone is a duration (for three years). */
export const relativeCount: Rule = {
  name: 'english/relative-count',
  digits: true,
  words: Object.keys(NUMBER_WORDS),
  at(s, i) {
    let n: number;
    let p: number;
    /** "2.5 hours", "three and a half years": the count as written in the value. */
    let count: string | undefined;
    const code = s.ch(i);
    if (isDigit(code)) {
      const num = s.num(i);
      if (num.n > 3 || num.han) return undefined;
      const prev = s.ch(i - 1);
      if (prev === CH.dot || prev === CH.comma || isDigit(prev)) return undefined;
      let end = num.end;
      if (s.ch(end) === CH.dot && isDigit(s.ch(end + 1))) {
        let f = end + 1;
        while (isDigit(s.ch(f))) f++;
        if (f - end > 3) return undefined;
        count = `${num.v}.${s.text.slice(end + 1, f)}`;
        end = f;
      }
      if (s.ch(end) !== CH.space) return undefined;
      n = num.v;
      p = end + 1;
    } else {
      if (!s.wordStart(i)) return undefined;
      const [w, e] = s.wordAt(i);
      const v = NUMBER_WORDS[w.toLowerCase()];
      if (v === undefined || v < 0 || s.ch(e) !== CH.space) return undefined;
      n = v;
      p = e + 1;
    }
    if (count === undefined && s.text.slice(p, p + 11).toLowerCase() === 'and a half ') {
      count = `${n}.5`;
      p += 11;
    }
    // "13 consecutive years", "five straight days": the count of a run of units.
    let run = false;
    const [aw, aEnd] = s.wordAt(p);
    if (RUN_ADJECTIVES.has(aw.toLowerCase()) && s.ch(aEnd) === CH.space) {
      p = aEnd + 1;
      run = true;
    }
    const [uw, uEnd] = s.wordAt(p);
    const unit = UNIT[uw.toLowerCase()];
    if (!unit || isLetter(s.ch(uEnd)) || s.ch(uEnd) === CH.dash) return undefined;
    if (run && (unit === 'H' || unit === 'MIN' || count !== undefined)) return undefined;
    if (count !== undefined) {
      // A fraction of a unit: a duration ("two and a half years ago" stays the duration, without a date).
      s.emit(i, uEnd, unit === 'H' || unit === 'MIN' ? `PT${count}${unit === 'H' ? 'H' : 'M'}` : unit === 'DE' ? `P${Number(count) * 10}Y` : `P${count}${unit}`, 'DURATION', 'explicit');
      return uEnd;
    }
    const [rw, rEnd] = s.ch(uEnd) === CH.space ? s.wordAt(uEnd + 1) : ['', uEnd];
    const rel = rw.toLowerCase();
    const k = rel === 'ago' || rel === 'earlier' || rel === 'before' ? -n : rel === 'later' || rel === 'after' || rel === 'hence' ? n : undefined;
    const anchor = s.anchorRef();
    if ((rel === 'later' || rel === 'earlier') && s.lit(rEnd, ' than')) return rEnd; // "a week later than usual"
    if (k !== undefined && unit !== 'H' && unit !== 'MIN' && (rel === 'ago' || rel === 'later' || rel === 'earlier' || rel === 'hence')) {
      let value: string;
      const ref = s.ref;
      // "two years later", "a month earlier": counted from the date the sentence just gave, when there is one.
      const ctx = rel === 'later' || rel === 'earlier' ? s.contextAt(i) : undefined;
      if (ctx && (unit === 'Y' || unit === 'DE')) {
        s.emit(i, rEnd, pad(ctx.y + (unit === 'DE' ? 10 * k : k), 4), 'DATE', `context: counted from ${ctx.value}`);
        return rEnd;
      }
      // "took office on May 20, and ... three days later": days and weeks from the day the sentence gave.
      const day = (rel === 'later' || rel === 'earlier') && (unit === 'D' || unit === 'W') ? s.dayInSentence(i) : undefined;
      if (day) {
        const [y0, m0, d0] = day.value.slice(0, 10).split('-').map(Number) as [number, number, number];
        const [y, m, d] = addDays(y0, m0, d0, unit === 'W' ? 7 * k : k);
        s.emit(i, rEnd, `${pad(y, 4)}-${pad(m)}-${pad(d)}`, 'DATE', `context: counted from ${day.text}`);
        return rEnd;
      }
      if (!ref) value = unit === 'Y' || unit === 'DE' ? 'XXXX' : unit === 'M' ? 'XXXX-XX' : 'XXXX-XX-XX';
      else if (unit === 'Y') value = pad(ref.y + k, 4);
      else if (unit === 'DE') value = pad(ref.y + 10 * k, 4);
      else if (unit === 'M') value = refPlusMonths(ref, k);
      else if (ref.m !== undefined && ref.d !== undefined) {
        const [y, m, d] = addDays(ref.y, ref.m, ref.d, unit === 'W' ? 7 * k : k);
        value = `${pad(y, 4)}-${pad(m)}-${pad(d)}`;
      } else value = refPlusDays(ref, 0);
      s.emit(i, rEnd, value, 'DATE', anchor);
      return rEnd;
    }
    // "a year" (once a year, $5 billion a year) is no duration; "in a week", "for a year", "within a month" are.
    if (n === 1 && !isDigit(code) && (s.ch(i) | 0x20) === 97 && !(A_UNIT_BEFORE.has(s.prevWord(i)?.[0].toLowerCase() ?? '') && !A_UNIT_NOT_AFTER.test(s.text.slice(uEnd, uEnd + 12)))) return undefined;
    if (unit === 'H' || unit === 'MIN') {
      s.emit(i, uEnd, `PT${n}${unit === 'H' ? 'H' : 'M'}`, 'DURATION', 'explicit');
      return uEnd;
    }
    const value = unit === 'DE' ? `P${10 * n}Y` : `P${n}${unit}`;
    s.emit(i, uEnd, value, 'DURATION', 'explicit');
    return uEnd;
  },
  examples: [['three days ago', '2006-03-19'], ['two years ago', '2004'], ['a week later', '2006-03-29'], ['2 months ago', '2006-01'], ['three years', 'P3Y']],
};

const ORDINAL_PART: Record<string, number> = { first: 1, second: 2, third: 3, fourth: 4 };
/** Adjectives between a count and its unit that keep it a duration: 13 consecutive years, five straight days. */
const RUN_ADJECTIVES = new Set(['consecutive', 'straight', 'successive']);
/** Prepositions that make "a week" / "a year" a duration (in a week, for a year, within a month). */
const A_UNIT_BEFORE = new Set(['in', 'for', 'within', 'over']);
/** ... unless a clause about the period follows ("in a year of crisis", "in a week when"). */
const A_UNIT_NOT_AFTER = /^(?:\s(?:of|when|that|where|which|in which|marked|like|or)\b|-)/;

/** The first month of an EDTF sub-year part: seasons 21-24, quarters 33-36, halves 40-41. */
export function subStartMonth(sub: number): number {
  if (sub >= 33 && sub <= 36) return (sub - 33) * 3 + 1;
  if (sub === 40 || sub === 41) return sub === 40 ? 1 : 7;
  return sub === 24 ? 12 : (sub - 21) * 3 + 3;
}

/**
 * FY25, FY2025, FY 2024, FY2024-25, FY24-25: a fiscal year, valued as the calendar year it is named after (as 2022财年
 * and "fiscal 2025"), a fiscal range as the range of years. Two digits take the reference's century (2000 without one).
 */
export const fiscalYear: Rule = {
  name: 'english/fiscal-year',
  words: ['FY'],
  at(s, i) {
    if (s.ch(i) !== 70 || s.ch(i + 1) !== 89) return undefined; // upper case only: "fy" is no abbreviation
    const p = s.ch(i + 2) === CH.space ? i + 3 : i + 2;
    const e = s.digitRunEnd(p);
    const n = e - p;
    if (n !== 2 && n !== 4) return undefined;
    const century = Math.floor((s.ref ? s.ref.y : 2000) / 100) * 100;
    const y = n === 2 ? century + Number(s.text.slice(p, e)) : Number(s.text.slice(p, e));
    if (y < 1900 || y > 2199) return undefined;
    let end = e;
    let value = String(y);
    if (s.ch(e) === CH.dash && isDigit(s.ch(e + 1))) {
      const e2 = s.digitRunEnd(e + 1);
      const y2 = e2 - e - 1 === 2 ? Math.floor(y / 100) * 100 + Number(s.text.slice(e + 1, e2)) : e2 - e - 1 === 4 ? Number(s.text.slice(e + 1, e2)) : 0;
      if (y2 > y && y2 - y <= 2) {
        end = e2;
        value = `${y}/${y2}`;
      }
    }
    if (isDigit(s.ch(end)) || isLetter(s.ch(end))) return undefined;
    s.emit(i, end, value, 'DATE', 'explicit');
    return end;
  },
  examples: [['FY25', '2025'], ['FY2024-25', '2024/2025'], ['FY 2019', '2019'], ['in FY24 results', '2024', 'FY24']],
};

/**
 * "fiscal 2025", "fiscal year 2000", "Fiscal 2024", "fiscal 2024-25": a fiscal year named by its year (as FY2025), the
 * span taking the words in; a fiscal range "2024-25" as the range of years. "fiscal policy" and "fiscal year" without
 * a year are nothing.
 */
export const fiscalWord: Rule = {
  name: 'english/fiscal-word',
  words: ['fiscal'],
  at(s, i) {
    if (!s.wordStart(i)) return undefined;
    let p = i + 6;
    if (s.ch(p) !== CH.space) return undefined;
    p++;
    if (s.text.slice(p, p + 5).toLowerCase() === 'year ') p += 5;
    const e = s.digitRunEnd(p);
    if (e - p !== 4) return undefined;
    const y = Number(s.text.slice(p, e));
    if (y < 1900 || y > 2199) return undefined;
    let end = e;
    let value = String(y);
    if ((s.ch(e) === CH.dash || s.ch(e) === 0x2013) && isDigit(s.ch(e + 1))) {
      const e2 = s.digitRunEnd(e + 1);
      const n2 = e2 - e - 1;
      const y2 = n2 === 2 ? Math.floor(y / 100) * 100 + Number(s.text.slice(e + 1, e2)) : n2 === 4 ? Number(s.text.slice(e + 1, e2)) : 0;
      if (y2 > y && y2 - y <= 2) {
        end = e2;
        value = `${y}/${y2}`;
      } else return undefined;
    }
    if (isDigit(s.ch(end)) || isLetter(s.ch(end))) return undefined;
    s.emit(i, end, value, 'DATE', 'explicit');
    s.setContext(value, Number(value.slice(-4)), undefined, end);
    return end;
  },
  examples: [['fiscal 2025', '2025'], ['in fiscal year 2000', '2000', 'fiscal year 2000'], ['for fiscal 2024-25', '2024/2025', 'fiscal 2024-25'], ['Fiscal 2024 results', '2024', 'Fiscal 2024']],
};

/** Q1 2019, H1 2019, the first quarter of 2019, the second half of 2019, spring 2019, summer of 2019. */
export const yearParts: Rule = {
  name: 'english/year-parts',
  words: ['Q', 'H', 'first', 'second', 'third', 'fourth', 'spring', 'summer', 'autumn', 'fall', 'winter'],
  at(s, i) {
    if (!s.wordStart(i)) return undefined;
    let sub: number | undefined;
    let p: number;
    let adjective = false;
    const u = s.ch(i);
    if ((u === 81 || u === 72) && isDigit(s.ch(i + 1)) && !isDigit(s.ch(i + 2)) && !isLetter(s.ch(i + 2))) {
      const v = s.ch(i + 1) - 48;
      if (u === 81 && v >= 1 && v <= 4) sub = 32 + v;
      else if (u === 72 && (v === 1 || v === 2)) sub = 39 + v;
      else return undefined;
      p = i + 2;
    } else {
      const [w, e] = s.wordAt(i);
      const lw = w.toLowerCase();
      const ord = ORDINAL_PART[lw];
      if (ord !== undefined) {
        // "the first quarter", "first-quarter profit" (the adjective: the quarter of the reference year).
        const [noun, nEnd] = s.ch(e) === CH.space || s.ch(e) === CH.dash ? s.wordAt(e + 1) : ['', e];
        if (noun === 'quarter') sub = 32 + ord;
        else if (noun === 'half' && ord <= 2) sub = 39 + ord;
        else return undefined;
        if (s.ch(e) === CH.dash) adjective = true;
        p = nEnd;
      } else {
        sub = SEASON_SUB[lw];
        if (sub === undefined || (w !== lw && w !== w[0]!.toUpperCase() + lw.slice(1))) return undefined;
        p = e;
      }
    }
    // The year: " 2019", " of 2019", " of this/last/next year"; else, after "the"/"in", the reference year.
    let y: number | undefined;
    let end = p;
    let anchor = 'explicit';
    let q = s.lit(p, ' of ') ? p + 4 : s.ch(p) === CH.space ? p + 1 : -1;
    // "the fourth quarter of fiscal 2024", "Q3 of fiscal year 2025": the quarter of that fiscal year.
    if (q > 0 && s.text.slice(q, q + 7).toLowerCase() === 'fiscal ') q += s.text.slice(q + 7, q + 12).toLowerCase() === 'year ' ? 12 : 7;
    if (q > 0 && isDigit(s.ch(q))) {
      const yEnd = s.digitRunEnd(q);
      const v = Number(s.text.slice(q, yEnd));
      if (yEnd - q === 4 && v >= 1000 && v <= 2199 && !isLetter(s.ch(yEnd))) [y, end] = [v, yEnd];
    } else if (q > 0 && s.lit(p, ' of ')) {
      const [w2, e2] = s.wordAt(q);
      const l2 = w2.toLowerCase();
      if ((l2 === 'this' || l2 === 'last' || l2 === 'next' || l2 === 'the') && s.lit(e2, ' year') && !isLetter(s.ch(e2 + 5))) {
        const k = l2 === 'last' ? -1 : l2 === 'next' ? 1 : 0;
        anchor = s.anchorRef();
        y = s.ref ? s.ref.y + k : undefined;
        end = e2 + 5;
        if (!s.ref) {
          s.emit(i, end, `XXXX-${sub}`, 'DATE', anchor);
          return end;
        }
      }
    }
    if (y === undefined) {
      const w = s.prevWord(i);
      const seasonAlone = sub < 30;
      if (!adjective && (!w || (w[0].toLowerCase() !== 'the' && !(u === 81 || u === 72)) || seasonAlone)) return undefined;
      // "Exports fell in 2023. In the fourth quarter, however, ...": the year named before it (the anaphora context).
      // Only a year named as such (not a dateline's day, not another quarter: "Q4 2023 and a forecast for the first half").
      const ctx = s.contextAt(i);
      const lastSub = s.out.length > 0 && SUB_YEAR_VALUE.test(s.out[s.out.length - 1]!.value);
      if (ctx && ctx.m === undefined && /^\d{4}$/.test(ctx.value) && !lastSub) {
        s.emit(i, end, `${pad(ctx.y, 4)}-${sub}`, 'DATE', contextAnchor(ctx.value));
        return end;
      }
      anchor = s.anchorRef();
      // "grew in the fourth quarter" said in March: the last such quarter, the year before.
      const ry = s.ref && s.ref.m !== undefined && subStartMonth(sub) > s.ref.m && weeks.past(s, i, end) ? s.ref.y - 1 : s.ref?.y;
      s.emit(i, end, `${ry !== undefined ? pad(ry, 4) : 'XXXX'}-${sub}`, 'DATE', anchor);
      return end;
    }
    s.emit(i, end, `${pad(y, 4)}-${sub}`, 'DATE', anchor);
    s.setContext(String(y), y, undefined, end);
    return end;
  },
  examples: [['first-quarter profit', '2006-33', 'first-quarter'], ['the second half of the year', '2006-41', 'second half of the year'], ['Q1 2019', '2019-33'], ['first half of 2019', '2019-40'], ['spring 2019', '2019-21'], ['second quarter of 2020', '2020-34'], ['summer of 2019', '2019-22']],
};

const PART_OF: Record<string, TimexMod> = { start: 'START', beginning: 'START', middle: 'MID', end: 'END' };
/** A word before "the end of ..." that makes the date open-ended: by / before: up to it; since / after: from it. */
const PART_OPEN: Record<string, 'to' | 'from'> = { before: 'to', by: 'to', until: 'to', since: 'from', after: 'from' };

/**
 * "the end of the year", "the start of next month", "the middle of 2019" (the period with its TIMEX3 mod), and
 * "before the end of the year" / "since the start of the year" (open intervals: ../2021, 2021/..).
 */
export const partOfPeriod: Rule = {
  name: 'english/part-of-period',
  words: ['the'],
  at(s, i) {
    if (!s.wordStart(i) || s.text.slice(i, i + 4).toLowerCase() !== 'the ') return undefined;
    const [pw, pEnd] = s.wordAt(i + 4);
    const mod = PART_OF[pw.toLowerCase()];
    if (!mod || s.text.slice(pEnd, pEnd + 4).toLowerCase() !== ' of ') return undefined;
    const p = pEnd + 4;
    let value: string | undefined;
    let end = p;
    const num = isDigit(s.ch(p)) ? s.num(p) : undefined;
    const [mw, mEnd] = num ? ['', p] : s.wordAt(p);
    const month = MONTHS[mw];
    let explicitMonth = false;
    if (num && num.n === 4 && !isDigit(s.ch(num.end)) && !isLetter(s.ch(num.end))) {
      value = pad(num.v, 4);
      end = num.end;
    } else if (month !== undefined && s.ch(mEnd) !== CH.dot && !isLetter(s.ch(mEnd))) {
      // "the end of June", "the middle of March 2019": the month (its year written after it, else that of the date
      // before it, else the one nearest to the reference).
      let y: number | undefined;
      end = mEnd;
      const ye = s.ch(mEnd) === CH.space ? s.digitRunEnd(mEnd + 1) : mEnd;
      if (ye - mEnd - 1 === 4 && !isLetter(s.ch(ye))) {
        y = Number(s.text.slice(mEnd + 1, ye));
        end = ye;
        explicitMonth = true;
      } else if (isDigit(s.ch(mEnd + 1)) && s.ch(mEnd) === CH.space) return undefined; // "the end of June 30": a day
      else {
        const ctx = s.contextAt(i);
        y = ctx ? ctx.y : s.ref ? nearestYear(s.ref, month) : undefined;
        // "rose to 7.53 million at the end of June", said in December: the June just past, not the next one.
        const r = s.ref;
        if (!ctx && r && r.m !== undefined && y !== undefined && (y > r.y || (y === r.y && month > r.m)) && weeks.past(s, i, mEnd)) y--;
      }
      value = `${y === undefined ? 'XXXX' : pad(y, 4)}-${pad(month)}`;
    } else {
      const [dw, dEnd] = s.wordAt(p);
      const det = dw.toLowerCase();
      const k = det === 'the' || det === 'this' ? 0 : det === 'next' ? 1 : det === 'last' ? -1 : undefined;
      if (k === undefined || s.ch(dEnd) !== CH.space) return undefined;
      const [uw, uEnd] = s.wordAt(dEnd + 1);
      const unit = uw.toLowerCase();
      if (isLetter(s.ch(uEnd)) || (unit !== 'year' && unit !== 'month')) return undefined;
      // "the start of the Year of the Monkey": a name of the Chinese zodiac, not the calendar year.
      if (uw === 'Year' && s.lit(uEnd, ' of ')) return undefined;
      if (unit === 'year') value = s.ref ? pad(s.ref.y + k, 4) : 'XXXX';
      else value = s.ref ? refPlusMonths(s.ref, k) : 'XXXX-XX';
      end = uEnd;
    }
    const before = s.prevWord(i);
    const open = before ? PART_OPEN[before[0].toLowerCase()] : undefined;
    const anchor = num || explicitMonth ? 'explicit' : s.anchorRef();
    if (open) s.emit(before![1], end, open === 'to' ? `../${value}` : `${value}/..`, 'DATE', anchor);
    else s.emit(i + 4, end, value, 'DATE', anchor, mod); // "the" left out, as before other parts of a year
    return end;
  },
  examples: [['the end of the year', '2006', 'end of the year'], ['before the end of the year', '../2006'], ['since the start of next month', '2006-04/..'], ['the middle of 2019', '2019', 'middle of 2019'], ['at the end of June', '2006-06', 'end of June'], ['by the end of March 2019', '../2019-03']],
};
