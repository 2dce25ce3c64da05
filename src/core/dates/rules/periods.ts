/**
 * Periods of the day after a day or alone: 上午, 下午, 晚上, 凌晨... (whether they shift a clock time to the afternoon,
 * their TIMEX3 part of day), and 晚 alone right after a day (3日晚, 正月十五晚). Shared by the calendar chain and the
 * holiday and lunar rules.
 */
import * as chars from '../chars';
import * as lexicon from '../lexicon';
import type { Scanner } from '../scanner';
// Local bindings: module members compiled to CommonJS are getters, too slow in the hot loop.
const { HAN_NUM, c } = chars;
const { CH } = lexicon;

const PERIODS: Record<string, [pm: number, part: string]> = {
  凌晨: [0, 'NI'], 早上: [0, 'MO'], 早晨: [0, 'MO'], 上午: [0, 'MO'], 中午: [1, 'MI'], 下午: [2, 'AF'], 傍晚: [2, 'EV'],
  晚上: [2, 'EV'], 晚间: [2, 'EV'], 夜间: [2, 'NI'], 夜里: [2, 'NI'], 清晨: [0, 'MO'], 早间: [0, 'MO'], 深夜: [2, 'NI'],
  午夜: [0, 'NI'],
};
const PERIOD_WORDS = Object.keys(PERIODS);
const WAN = c('晚');
/** Second characters of words that begin with 晚 (a day before them has no night part): 晚些, 晚宴, 晚会, 晚报. */
const WAN_WORDS = new Set([...'些宴会会报餐饭年期辈清霞安点了于于到间上装礼节场'].map(c));
/** A day ends right before p: 3日, 十五日, 正月十五, 初一 (a digit or numeral day, or a numeral lunar day). */
function isDayBefore(s: Scanner, p: number): boolean {
  const b = s.ch(p - 1);
  return b === CH.ri || b === CH.hao || (HAN_NUM[b]! >= 0 && s.ch(p - 2) !== CH.di4);
}

/** A period of the day at p (下午, 晚上...): whether it shifts hours to the afternoon, its TIMEX3 part, its end. */
export function dayPeriod(s: Scanner, p: number): { pm: number; part: string; end: number } | undefined {
  const w = s.litAny(p, PERIOD_WORDS);
  if (!w) {
    // 3日晚, 正月十五晚, 3日晚7时: 晚 alone after a day is its night (晚些时候, 晚宴, 晚会 are other words).
    if (s.ch(p) === WAN && isDayBefore(s, p) && !WAN_WORDS.has(s.ch(p + 1))) return { pm: 2, part: 'NI', end: p + 1 };
    return undefined;
  }
  const [pm, part] = PERIODS[w]!;
  return { pm, part: part === 'MI' ? 'AF' : part, end: p + w.length };
}
