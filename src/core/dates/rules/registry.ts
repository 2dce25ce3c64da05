/**
 * The table of date rules. Each rule says what starts it (ASCII digits, Chinese numerals, English words, Chinese
 * keywords) and parses at a position; the scanner calls, at each character, the rules registered for it, in table
 * order, until one returns the position after what it read. The first-character dispatch table is built from the
 * rules' own words and keywords, so adding a rule touches this table only; `checkDispatch` (run by the unit tests)
 * fails naming any word or keyword whose first character does not reach its rule.
 */
import { HAN_NUM, N, isDigit, isLetter } from '../chars';
import type { Scanner } from '../scanner';
import * as chinese from './chinese';
import * as english from './english';
import * as holidays from './holidays';
import * as numeric from './numeric';
import * as relative from './relative-zh';
import * as weeks from './weeks';

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
  /** [text, value] pairs the unit tests check (reference 2006-03-22, a Wednesday): the text is one whole mention. */
  examples?: ReadonlyArray<readonly [string, string]>;
}

/** The rules, in the order they are tried at a character. */
export const RULES: readonly Rule[] = [
  numeric.digitGuard,
  numeric.iso,
  numeric.numericDayMonth,
  numeric.citationYear,
  english.clockTime,
  english.numberFirst,
  numeric.yearRange,
  chinese.hanNumeralGuard,
  chinese.calendar,
  relative.thatTime,
  relative.relativeYear,
  relative.relativeMonth,
  relative.relativeCentury,
  relative.relativeHalfYear,
  relative.recentYears,
  relative.recentDays,
  relative.yearPart,
  relative.relativeDay,
  relative.clockTime,
  weeks.weekdayZh,
  holidays.holidayZh,
  holidays.lunarZh,
  chinese.rocYear,
  english.words,
  english.relativeCount,
  english.yearParts,
  weeks.weekdayEn,
];

export interface Dispatch {
  /** Slot of each (normalised) UTF-16 code; 0: nothing starts there. */
  table: Uint16Array;
  /** Rules of each slot, in RULES order. */
  slots: Rule[][];
}

/** Build the first-character table of a rule list. */
export function buildDispatch(rules: readonly Rule[]): Dispatch {
  const byCode = new Map<number, Rule[]>();
  const add = (code: number, r: Rule) => {
    let list = byCode.get(code);
    if (!list) byCode.set(code, (list = []));
    if (!list.includes(r)) list.push(r);
  };
  for (const r of rules) {
    if (r.digits) for (let k = 48; k <= 57; k++) add(k, r);
    if (r.hanNumerals) for (let k = 0; k < 65536; k++) if (HAN_NUM[k]! >= 0 && N[k] === k) add(k, r);
    for (const w of r.words ?? []) {
      const f = w.charCodeAt(0);
      add(f | 0x20, r);
      add(f & ~0x20, r);
    }
    for (const kw of r.keywords ?? []) add(N[kw.charCodeAt(0)]!, r);
  }
  const table = new Uint16Array(65536);
  const slots: Rule[][] = [[]];
  const bySignature = new Map<string, number>();
  for (const [code, list] of [...byCode].sort((a, b) => a[0] - b[0])) {
    list.sort((a, b) => rules.indexOf(a) - rules.indexOf(b));
    const sig = list.map((r) => r.name).join('|');
    let slot = bySignature.get(sig);
    if (slot === undefined) {
      slot = slots.length;
      slots.push(list);
      bySignature.set(sig, slot);
    }
    table[code] = slot;
  }
  return { table, slots };
}

/**
 * Problems of a dispatch table against a rule list: a word or keyword whose first character does not reach its
 * rule, a keyword not written in normalised form (the rules compare normalised text, so 週 must be written 周), a
 * rule with no trigger at all. Empty when consistent.
 */
export function checkDispatch(rules: readonly Rule[], dispatch: Dispatch): string[] {
  const problems: string[] = [];
  const reaches = (code: number, r: Rule) => dispatch.slots[dispatch.table[code]!]!.includes(r);
  for (const r of rules) {
    if (!r.digits && !r.hanNumerals && !r.words?.length && !r.keywords?.length) problems.push(`${r.name}: no trigger (digits, hanNumerals, words or keywords)`);
    if (r.digits && !reaches(48, r)) problems.push(`${r.name}: digits do not reach the rule`);
    if (r.hanNumerals && !reaches('一'.charCodeAt(0), r)) problems.push(`${r.name}: Chinese numerals do not reach the rule`);
    for (const w of r.words ?? []) {
      if (!/^[A-Za-z][A-Za-z-]*$/.test(w)) problems.push(`${r.name}: word "${w}" is not a Latin word`);
      else if (!reaches(w.charCodeAt(0) | 0x20, r) || !reaches(w.charCodeAt(0) & ~0x20, r)) {
        problems.push(`${r.name}: word "${w}": its first letter is missing from the first-character table`);
      }
    }
    for (const kw of r.keywords ?? []) {
      const norm = [...kw].map((ch) => String.fromCharCode(N[ch.charCodeAt(0)]!)).join('');
      if (norm !== kw) problems.push(`${r.name}: keyword "${kw}" is not in normalised form (write "${norm}")`);
      if (!reaches(N[kw.charCodeAt(0)]!, r)) problems.push(`${r.name}: keyword "${kw}": its first character ${kw[0]} is missing from the first-character table`);
    }
  }
  return problems;
}

const built = buildDispatch(RULES);
/** Slot per normalised code (0: no rule starts there). */
export const DISPATCH = built.table;
export const SLOTS = built.slots;

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
