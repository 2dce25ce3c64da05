/**
 * Plain-language explanation of a date value and its TIMEX3 modifier, for the hover card: what 2014/.., ../2018,
 * 2006-W12, 2006-W12-WE, 2006-03-21TNI, 2019-33, 199X, 20XX, XXXX-WXX-3, P3Y and PXY mean.
 */
import type { TimexMod } from '../types';

const SUB_YEAR: Record<string, string> = {
  '21': 'spring', '22': 'summer', '23': 'autumn', '24': 'winter',
  '33': 'first quarter', '34': 'second quarter', '35': 'third quarter', '36': 'fourth quarter',
  '40': 'first half', '41': 'second half',
};
const PART_OF_DAY: Record<string, string> = { MO: 'morning', AF: 'afternoon', EV: 'evening', NI: 'night' };
const WEEKDAY = ['', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'];

const MOD_TEXT: Record<TimexMod, string> = {
  START: 'the start of it (初, early)',
  MID: 'the middle of it (中, mid)',
  END: 'the end of it (底/末, late)',
  APPROX: 'approximately',
  SINCE: 'since then: an interval open towards the future (以来, since)',
  AFTER: 'after it: an interval open towards the future (以后, after)',
  BEFORE: 'before it: an interval open towards the past (以前, before)',
};

/** One point of a value (no '/'). */
function point(v: string): string {
  if (v === '..') return 'open';
  if (v === 'XXXX') return 'an event whose date the text does not give (after the war, 冷战结束以来)';
  let m = /^(\d{4}|XXXX)-W(\d{2}|XX)(?:-(\d|WE))?$/.exec(v);
  if (m) {
    const week = m[2] === 'XX' ? 'a week' : `ISO week ${Number(m[2])}`;
    const year = m[1] === 'XXXX' ? '' : ` of ${m[1]}`;
    if (m[3] === 'WE') return `the weekend of ${week}${year}`;
    if (m[3]) return `${WEEKDAY[Number(m[3])]}${m[2] === 'XX' ? ' (week unknown)' : ` of ${week}${year}`}`;
    return `${week}${year}`;
  }
  m = /^(\d{4}|XXXX)-(2[1-4]|3[3-6]|4[01])$/.exec(v);
  if (m) return `the ${SUB_YEAR[m[2]!]} of ${m[1] === 'XXXX' ? 'an unknown year' : m[1]}`;
  m = /^(\d{2})XX$/.exec(v);
  if (m) return `the ${Number(m[1]) + 1}th century`.replace(/1th/, '1st').replace(/2th/, '2nd').replace(/3th/, '3rd');
  m = /^(\d{3})X$/.exec(v);
  if (m) return `the ${m[1]}0s`;
  m = /^(.*)T(MO|AF|EV|NI)$/.exec(v);
  if (m) return `the ${PART_OF_DAY[m[2]!]} of ${m[1]}`;
  return v;
}

/** A sentence about the value (empty for a plain calendar date such as 2014-07-01). */
export function explainValue(value: string, mod?: TimexMod): string {
  const parts: string[] = [];
  if (/^P/.test(value)) {
    parts.push(value.includes('X') ? 'A duration the text leaves open (an unspecified number of years).' : `A duration (ISO 8601 ${value}).`);
  } else if (value.includes('/')) {
    const [a, b] = value.split('/');
    if (b === '..') parts.push(`From ${point(a!)} on, with no end given (EDTF open interval).`);
    else if (a === '..') parts.push(`Up to ${point(b!)}, with no start given (EDTF open interval).`);
    else parts.push(`From ${point(a!)} to ${point(b!)}.`);
  } else {
    const p = point(value);
    if (p !== value) parts.push(`${p[0]!.toUpperCase()}${p.slice(1)}.`);
  }
  if (value.includes('X') && !/^P/.test(value) && !/^\d{2}XX$|^\d{3}X$|^XXXX\/\.\.$/.test(value)) parts.push('X: a part the text and the reference date do not give.');
  if (mod) parts.push(`Modifier ${mod}: ${MOD_TEXT[mod]}.`);
  return parts.join(' ');
}
