/**
 * Plain-language explanation of a date value and its TIMEX3 modifier, for the hover card: what 2014/.., ../2018,
 * 2006-W12, 2006-W12-WE, 2006-03-21TNI, 2019-33, 199X, 20XX, XXXX-WXX-3, P3Y and PXY mean. In the interface
 * language (@vscode/l10n: English unless the extension configured a bundle), one whole phrase per shape.
 */
import * as l10n from '@vscode/l10n';
import type { TimexMod } from '../types';

/** EDTF sub-year codes (seasons, quarters, halves) as nouns. */
function subYear(code: string): string {
  switch (code) {
    case '21': return l10n.t('spring');
    case '22': return l10n.t('summer');
    case '23': return l10n.t('autumn');
    case '24': return l10n.t('winter');
    case '33': return l10n.t('first quarter');
    case '34': return l10n.t('second quarter');
    case '35': return l10n.t('third quarter');
    case '36': return l10n.t('fourth quarter');
    case '40': return l10n.t('first half');
    default: return l10n.t('second half');
  }
}

/** ISO weekday 1..7. */
function weekday(d: number): string {
  return [l10n.t('Monday'), l10n.t('Tuesday'), l10n.t('Wednesday'), l10n.t('Thursday'), l10n.t('Friday'), l10n.t('Saturday'), l10n.t('Sunday')][d - 1] ?? String(d);
}

function partOfDay(code: string, date: string): string {
  switch (code) {
    case 'MO': return l10n.t('the morning of {0}', date);
    case 'AF': return l10n.t('the afternoon of {0}', date);
    case 'EV': return l10n.t('the evening of {0}', date);
    default: return l10n.t('the night of {0}', date);
  }
}

function modText(mod: TimexMod): string {
  switch (mod) {
    case 'START': return l10n.t('the start of it (初, early)');
    case 'MID': return l10n.t('the middle of it (中, mid)');
    case 'END': return l10n.t('the end of it (底/末, late)');
    case 'APPROX': return l10n.t('approximately');
    case 'SINCE': return l10n.t('since then: an interval open towards the future (以来, since)');
    case 'AFTER': return l10n.t('after it: an interval open towards the future (以后, after)');
    case 'BEFORE': return l10n.t('before it: an interval open towards the past (以前, before)');
  }
}

/** The nth century, with the English ordinal (21st, 11th, 12th, 22nd). */
function century(n: number): string {
  const tens = n % 100;
  if (tens >= 11 && tens <= 13) return l10n.t('the {0}th century', n);
  switch (n % 10) {
    case 1: return l10n.t('the {0}st century', n);
    case 2: return l10n.t('the {0}nd century', n);
    case 3: return l10n.t('the {0}rd century', n);
    default: return l10n.t('the {0}th century', n);
  }
}

/** An ISO week value (2006-W12, 2006-W12-3, 2006-W12-WE, XXXX-WXX-3). */
function week(year: string, w: string, day: string | undefined): string {
  const y = year === 'XXXX' ? undefined : year;
  if (w === 'XX') {
    if (day === 'WE') return y ? l10n.t('the weekend of a week of {0}', y) : l10n.t('the weekend of a week');
    if (day) return l10n.t('{0} (week unknown)', weekday(Number(day)));
    return y ? l10n.t('a week of {0}', y) : l10n.t('a week');
  }
  const n = Number(w);
  if (day === 'WE') return y ? l10n.t('the weekend of ISO week {0} of {1}', n, y) : l10n.t('the weekend of ISO week {0}', n);
  if (day) return y ? l10n.t('{0} of ISO week {1} of {2}', weekday(Number(day)), n, y) : l10n.t('{0} of ISO week {1}', weekday(Number(day)), n);
  return y ? l10n.t('ISO week {0} of {1}', n, y) : l10n.t('ISO week {0}', n);
}

/** One point of a value (no '/'); the value itself when it needs no words (2014-07-01). */
function point(v: string): string {
  if (v === '..') return l10n.t('open');
  if (v === 'XXXX') return l10n.t('an event whose date the text does not give (after the war, 冷战结束以来)');
  let m = /^(\d{4}|XXXX)-W(\d{2}|XX)(?:-(\d|WE))?$/.exec(v);
  if (m) return week(m[1]!, m[2]!, m[3]);
  m = /^(\d{4}|XXXX)-(2[1-4]|3[3-6]|4[01])$/.exec(v);
  if (m) return m[1] === 'XXXX' ? l10n.t('the {0} of an unknown year', subYear(m[2]!)) : l10n.t('the {0} of {1}', subYear(m[2]!), m[1]!);
  m = /^(\d{2})XX$/.exec(v);
  if (m) return century(Number(m[1]) + 1);
  m = /^(\d{3})X$/.exec(v);
  if (m) return l10n.t('the {0}0s', m[1]!);
  m = /^(.*)T(MO|AF|EV|NI)$/.exec(v);
  if (m) return partOfDay(m[2]!, m[1]!);
  return v;
}

/** A phrase as a sentence: its first letter capitalised (English), then the full stop of the language. */
function sentence(phrase: string): string {
  return l10n.t('{0}.', `${phrase[0]!.toUpperCase()}${phrase.slice(1)}`);
}

/** A sentence about the value (empty for a plain calendar date such as 2014-07-01). */
export function explainValue(value: string, mod?: TimexMod): string {
  const parts: string[] = [];
  if (/^P/.test(value)) {
    parts.push(value.includes('X') ? l10n.t('A duration the text leaves open (an unspecified number of years).') : l10n.t('A duration (ISO 8601 {0}).', value));
  } else if (value.includes('/')) {
    const [a, b] = value.split('/');
    if (b === '..') parts.push(l10n.t('From {0} on, with no end given (EDTF open interval).', point(a!)));
    else if (a === '..') parts.push(l10n.t('Up to {0}, with no start given (EDTF open interval).', point(b!)));
    else parts.push(l10n.t('From {0} to {1}.', point(a!), point(b!)));
  } else {
    const p = point(value);
    if (p !== value) parts.push(sentence(p));
  }
  if (value.includes('X') && !/^P/.test(value) && !/^\d{2}XX$|^\d{3}X$|^XXXX\/\.\.$/.test(value)) parts.push(l10n.t('X: a part the text and the reference date do not give.'));
  if (mod) parts.push(l10n.t('Modifier {0}: {1}.', mod, modText(mod)));
  return parts.join(' ');
}
