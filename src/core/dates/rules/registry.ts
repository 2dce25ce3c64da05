/**
 * The table of date rules. Each rule says what starts it (ASCII digits, Chinese numerals, English words, Chinese
 * keywords) and parses at a position; the scanner calls, at each character, the rules registered for it, in table
 * order, until one returns the position after what it read. The first-character dispatch table is built from the
 * rules' own words and keywords, so adding a rule touches this table only; `checkDispatch` (run by the unit tests)
 * fails naming any word or keyword whose first character does not reach its rule.
 */
import * as chars from '../chars';
import type { Scanner } from '../scanner';
import * as chinese from './chinese';
import * as english from './english';
import * as heldout from './heldout';
import * as holidays from './holidays';
import * as numeric from './numeric';
import * as relative from './relative-zh';
import * as weeks from './weeks';
// Local bindings: module members compiled to CommonJS are getters, too slow in the hot loop.
const { HAN_NUM, N, isDigit, isLetter } = chars;

export interface Rule {
  /** family/name, for messages and tests. */
  name: string;
  /** ASCII digits start it. */
  digits?: boolean;
  /** Chinese numeral characters (一, 二〇一四, 十) start it. */
  hanNumerals?: boolean;
  /** English words that start it (any case); their first letter dispatches the rule. */
  words?: readonly string[];
  /** Chinese keywords that start it, in normalised form (simplified, half-width); their first character dispatches the rule. */
  keywords?: readonly string[];
  /** Parse at i: the position after what was read (a mention emitted, or text consumed as a non-date), or undefined. */
  at(s: Scanner, i: number): number | undefined;
  /**
   * [text, value, span] the unit tests check (reference 2006-03-22, a Wednesday): the text holds exactly one mention,
   * of that value, whose text is span (default: the whole text).
   */
  examples?: ReadonlyArray<readonly [string, string, string?]>;
}

/** The rules, in the order they are tried at a character. */
export const RULES: readonly Rule[] = [
  numeric.digitGuard,
  heldout.dayListEn,
  numeric.iso,
  numeric.numericDayMonth,
  numeric.citationYear,
  english.clockTime,
  english.noon,
  english.numberFirst,
  english.ordinalDay,
  numeric.yearRange,
  chinese.hanNumeralGuard,
  heldout.taiwanParen,
  heldout.firstMonthsZh,
  relative.bareClockTime,
  chinese.calendar,
  relative.thatTime,
  relative.relativeYear,
  relative.relativeMonth,
  relative.relativeCentury,
  relative.relativeHalfYear,
  relative.relativeQuarter,
  relative.fiveYearPlan,
  relative.recentYears,
  relative.recentDays,
  relative.halfDuration,
  relative.yearPart,
  relative.relativeDay,
  relative.clockTime,
  relative.yesterdayAlone,
  weeks.weekdayZh,
  weeks.weekdayOfMonthZh,
  heldout.monthPartZh,
  heldout.eventOpenZh,
  holidays.holidayZh,
  holidays.lunarZh,
  holidays.lunarBareDay,
  chinese.rocYear,
  english.partOfPeriod,
  english.words,
  english.relativeCount,
  english.nextDay,
  english.fiscalYear,
  english.fiscalWord,
  english.yearParts,
  weeks.weekdayEn,
  heldout.firstMonthsEn,
  heldout.rangeEn,
  heldout.eventOpenEn,
  heldout.holidaysEn,
  heldout.weekendEn,
  heldout.seasonTheEn,
];

export interface Dispatch {
  /** Slot of each (normalised) UTF-16 code; 0: nothing starts there. LATIN_SLOT: a letter (see words). */
  table: Uint16Array;
  /** Rules of each slot, in RULES order. */
  slots: Rule[][];
  /**
   * Per slot, per rule: the first two characters (c1 * 65536 + c2) of the rule's keywords, so a keyword rule is only
   * called where one of its keywords can start; undefined: always called (digits, numerals, one-character keywords).
   */
  pairs: Array<Array<Set<number> | undefined>>;
  /** English: the rules of each word (lower case). */
  words: Map<string, Rule[]>;
  /** English: 1 for the (lower-case) first letters of the words, so most words are skipped without a lookup. */
  wordFirst: Uint8Array;
}

/** The slot of ASCII letters: the scanner reads the word and looks it up in `words`. */
export const LATIN_SLOT = 1;

/** Build the first-character table of a rule list. */
export function buildDispatch(rules: readonly Rule[]): Dispatch {
  const byCode = new Map<number, Rule[]>();
  const add = (code: number, r: Rule) => {
    let list = byCode.get(code);
    if (!list) byCode.set(code, (list = []));
    if (!list.includes(r)) list.push(r);
  };
  const words = new Map<string, Rule[]>();
  for (const r of rules) {
    if (r.digits) for (let k = 48; k <= 57; k++) add(k, r);
    if (r.hanNumerals) for (let k = 0; k < 65536; k++) if (HAN_NUM[k]! >= 0 && N[k] === k) add(k, r);
    for (const w of r.words ?? []) {
      const lw = w.toLowerCase();
      const list = words.get(lw) ?? [];
      if (!list.includes(r)) list.push(r);
      words.set(lw, list);
    }
    for (const kw of r.keywords ?? []) add(N[kw.charCodeAt(0)]!, r);
  }
  for (const list of words.values()) list.sort((a, b) => rules.indexOf(a) - rules.indexOf(b));
  const ruleSet = new Map<Rule, Set<number> | undefined>();
  for (const r of rules) {
    const kws = r.keywords ?? [];
    if (r.digits || r.hanNumerals || kws.length === 0 || kws.some((k) => k.length < 2)) ruleSet.set(r, undefined);
    else ruleSet.set(r, new Set(kws.map((k) => N[k.charCodeAt(0)]! * 65536 + N[k.charCodeAt(1)]!)));
  }
  const table = new Uint16Array(65536);
  const slots: Rule[][] = [[], []];
  const pairs: Array<Array<Set<number> | undefined>> = [[], []];
  const bySignature = new Map<string, number>();
  for (const [code, list] of [...byCode].sort((a, b) => a[0] - b[0])) {
    list.sort((a, b) => rules.indexOf(a) - rules.indexOf(b));
    const sig = list.map((r) => r.name).join('|');
    let slot = bySignature.get(sig);
    if (slot === undefined) {
      slot = slots.length;
      slots.push(list);
      pairs.push(list.map((r) => ruleSet.get(r)));
      bySignature.set(sig, slot);
    }
    table[code] = slot;
  }
  for (let k = 65; k <= 90; k++) table[k] = table[k + 32] = LATIN_SLOT;
  const wordFirst = new Uint8Array(128);
  for (const w of words.keys()) wordFirst[w.charCodeAt(0)] = wordFirst[w.charCodeAt(0) - 32] = 1;
  return { table, slots, pairs, words, wordFirst };
}

/**
 * Problems of a dispatch table against a rule list: a word or keyword whose first character does not reach its
 * rule, a keyword not written in normalised form (the rules compare normalised text, so 週 must be written 周), a
 * rule with no trigger at all. Empty when consistent.
 */
export function checkDispatch(rules: readonly Rule[], dispatch: Dispatch): string[] {
  const problems: string[] = [];
  const reaches = (code: number, r: Rule) => {
    const slot = dispatch.table[code]!;
    const k = dispatch.slots[slot]!.indexOf(r);
    return k >= 0 ? dispatch.pairs[slot]![k] : null;
  };
  for (const r of rules) {
    if (!r.digits && !r.hanNumerals && !r.words?.length && !r.keywords?.length) problems.push(`${r.name}: no trigger (digits, hanNumerals, words or keywords)`);
    if (r.digits && reaches(48, r) === null) problems.push(`${r.name}: digits do not reach the rule`);
    if (r.hanNumerals && reaches('一'.charCodeAt(0), r) === null) problems.push(`${r.name}: Chinese numerals do not reach the rule`);
    for (const w of r.words ?? []) {
      if (!/^[A-Za-z][A-Za-z-]*$/.test(w)) problems.push(`${r.name}: word "${w}" is not a Latin word`);
      else if (dispatch.table[w.charCodeAt(0)] !== LATIN_SLOT || !dispatch.wordFirst[w.charCodeAt(0)] || !dispatch.words.get(w.toLowerCase())?.includes(r)) {
        problems.push(`${r.name}: word "${w}" is missing from the word table`);
      }
    }
    for (const kw of r.keywords ?? []) {
      const norm = [...kw].map((ch) => String.fromCharCode(N[ch.charCodeAt(0)]!)).join('');
      if (norm !== kw) problems.push(`${r.name}: keyword "${kw}" is not in normalised form (write "${norm}")`);
      const first = N[kw.charCodeAt(0)]!;
      const pairSet = reaches(first, r);
      if (pairSet === null) problems.push(`${r.name}: keyword "${kw}": its first character ${kw[0]} is missing from the first-character table`);
      else if (pairSet && kw.length >= 2 && !pairSet.has(first * 65536 + N[kw.charCodeAt(1)]!)) {
        problems.push(`${r.name}: keyword "${kw}": its first two characters are missing from the pair filter`);
      }
    }
  }
  return problems;
}

let built: Dispatch | undefined;
/**
 * The dispatch of `RULES`, built on the first scan rather than when the module loads (a few ms in Node, ~20 ms of
 * the extension host's start-up, paid by every process that bundles the dates whether it reads a date or not).
 */
export function dispatch(): Dispatch {
  return (built ??= buildDispatch(RULES));
}

/** Where to continue when no rule took position i: past the digit run, numeral run or word; else the next character. */
export function skipAt(s: Scanner, i: number, code: number): number {
  if (isDigit(code)) return s.digitRunEnd(i);
  if (HAN_NUM[code]! >= 0) {
    let q = i;
    while (HAN_NUM[s.ch(q)]! >= 0) q++;
    return q;
  }
  if (isLetter(code)) {
    let q = i + 1;
    while (isLetter(s.ch(q))) q++;
    return q;
  }
  return i + 1;
}
