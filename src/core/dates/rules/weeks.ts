/**
 * Weekdays and weeks: 星期三, 周三, 礼拜三, 上周四, 本周五, 下周一, 周末, 上周, 本周; on Monday, last Friday, next
 * Tuesday, this week, last weekend. A weekday resolves to a day against the reference date: with 上/下/本 (last/
 * next/this) in that week; alone, the latest such day on or before the reference (news reports what happened),
 * or the next one when the sentence speaks of the future (将, 拟, 计划; will, plans to, is scheduled to). Weeks are
 * ISO week values (2006-W12), weekends TIMEX3 (2006-W12-WE).
 */
import * as chars from '../chars';
import * as lexicon from '../lexicon';
import * as resolveNs from '../resolve';
import type { RefDate } from '../resolve';
import type { Cal, Scanner } from '../scanner';
import type { DateMention } from '../../types';
import * as calendarNs from './calendar';
import type { Rule } from './registry';
// Local bindings: module members compiled to CommonJS are getters, too slow in the hot loop.
const { c, isDigit, isLetter } = chars;
const { CH, WEEKDAYS } = lexicon;
const { addDays, pad } = resolveNs;
const afterDay = (s: Scanner, cal: Cal): void => calendarNs.afterDay(s, cal);

/** ISO week-numbering year and week of a date. */
export function isoWeek(y: number, m: number, d: number): [number, number] {
  const t = new Date(Date.UTC(y, m - 1, d));
  const wd = t.getUTCDay() || 7;
  t.setUTCDate(t.getUTCDate() + 4 - wd); // the Thursday of that week
  const wy = t.getUTCFullYear();
  const jan1 = Date.UTC(wy, 0, 1);
  return [wy, Math.floor((t.getTime() - jan1) / 86400000 / 7) + 1];
}

function weekdayOf(y: number, m: number, d: number): number {
  return new Date(Date.UTC(y, m - 1, d)).getUTCDay() || 7;
}

function weekValue(ref: RefDate | undefined, k: number): string {
  if (!ref || ref.m === undefined || ref.d === undefined) return 'XXXX-WXX';
  const [y, m, d] = addDays(ref.y, ref.m, ref.d, 7 * k);
  const [wy, w] = isoWeek(y, m, d);
  return `${pad(wy, 4)}-W${pad(w)}`;
}

/**
 * The day of weekday wd (1 Monday .. 7 Sunday): in the week k weeks from the reference's (k given), or, alone, the
 * latest on or before the reference (future: the first on or after it).
 */
export function weekdayDate(ref: RefDate | undefined, wd: number, k: number | undefined, future: boolean): string {
  if (!ref || ref.m === undefined || ref.d === undefined) return `XXXX-WXX-${wd}`;
  const rwd = weekdayOf(ref.y, ref.m, ref.d);
  let delta: number;
  if (k !== undefined) delta = 7 * k + wd - rwd;
  else if (future) delta = (wd - rwd + 7) % 7;
  else delta = -((rwd - wd + 7) % 7);
  const [y, m, d] = addDays(ref.y, ref.m, ref.d, delta);
  return `${pad(y, 4)}-${pad(m)}-${pad(d)}`;
}

/** Capitalised nouns that make a weekday before them part of a publication's name (The Sunday Times). */
const PUBLICATION_NOUNS = new Set(['Times', 'Telegraph', 'Post', 'Herald', 'Mail', 'Express', 'Mirror', 'Observer', 'Tribune', 'Independent', 'Star', 'Sun', 'Age', 'Review', 'Magazine', 'Edition', 'Journal', 'Chronicle', 'Standard', 'Gazette', 'News']);
const CLAUSE_END = new Set([...'，,、：:'].map(c));
const FUTURE_ZH = ['将于', '将在', '将', '拟于', '拟', '计划', '预计', '即将', '定于', '准备', '届时', '打算', '要在'];
const FUTURE_EN = [' will ', "'ll ", ' shall ', ' scheduled ', ' plans to ', ' plan to ', ' hopes to ', ' hope to ', ' aims to ', ' aim to ', ' intends to ', ' intend to ', ' is due ', ' are due ', ' expected to ', ' going to ', ' set to ', ' to be held', ' to hold '];
/** Present-tense verbs of a schedule (the envoy arrives on Thursday, the exercise runs through March 20). */
const SCHEDULE_EN = / (?:arrives|departs|leaves for|runs (?:through|until|till)|lasts until|expires|takes effect|convenes|reconvenes|resumes) /;
/** Events and settings before "for" + a date that put the event on that date (election for, set for, slated for). */
const FOR_EVENT = new Set(['election', 'elections', 'vote', 'poll', 'polls', 'referendum', 'ballot', 'runoff', 'summit', 'meeting', 'talks', 'hearing', 'trial', 'inauguration', 'scheduled', 'set', 'slated']);

/** Does the sentence around [start, end) speak of the future? (A look at the clause before and just after.) */
export function future(s: Scanner, start: number, end: number): boolean {
  // "called a snap election for June 30", "the vote was set for March 29": an event put on a date is still to come.
  const w = s.prevWord(start);
  if (w && w[0].toLowerCase() === 'for') {
    const w2 = s.prevWord(w[1]);
    if (w2 && FOR_EVENT.has(w2[0].toLowerCase())) return true;
  }
  let from = start;
  while (from > s.start && start - from < 60) {
    const ch = s.ch(from - 1);
    if (ch === c('。') || ch === c('!') || ch === c('?') || ch === 10 || ch === c('；') || ch === c(';') || (ch === CH.dot && s.ch(from) === CH.space && isLetter(s.ch(from - 2)) && isLetter(s.ch(from - 3)))) break;
    from--;
  }
  // Just after the date ("Monday will", 周三将): up to the end of its clause (周三表示，将出台 is not about Wednesday).
  let e = end;
  while (e < Math.min(s.end, end + 4) && !CLAUSE_END.has(s.ch(e))) e++;
  let window = '';
  for (let k = from; k < e; k++) window += String.fromCharCode(s.ch(k));
  window = window.toLowerCase();
  const zh = FUTURE_ZH.some((w) => window.includes(w));
  if (zh) return true;
  const en = ` ${window} `;
  // "said it would meet in January" looks ahead; "would have run out by June 5" does not. A schedule in the present
  // tense ("arrives in Riyadh on Thursday", "which runs through March 20") is still to come.
  if (FUTURE_EN.some((w) => en.includes(w)) || / would (?!have )/.test(en) || SCHEDULE_EN.test(en)) return true;
  // A reported plan further back in the same clause: "said President Erdogan would speak with Russian President Vladimir
  // Putin about Syria on Monday", "The Chief Executive will attend a plenary session of the Legislative Assembly on
  // Wednesday" (up to 110 units, no comma or sentence end between).
  let far = from;
  while (far > s.start && start - far < 110) {
    const ch = s.ch(far - 1);
    if (ch === CH.comma || ch === 10 || ch === c(';') || (ch === CH.dot && s.ch(far) === CH.space)) break;
    far--;
  }
  if (far >= from) return false;
  if (/ would (?!have )/.test(` ${s.text.slice(far, from + 7)}`)) return true;
  // "will" only in the date's own clause ("Iran will stop ..., the government said on Sunday" is a report of the past).
  const clause = s.text.slice(far, start);
  return !clause.includes(',') && !clause.includes('，') && / will (?!have )/.test(` ${s.text.slice(far, from + 7)}`);
}

/** Past-tense verbs of news English (regular ones end in -ed; "United", "hundred", "speed" do not count). */
const PAST_EN = /(?:^|[^A-Za-z])(?:was|were|had|did|said|took|grew|rose|fell|came|began|saw|won|lost|made|held|left|met|led|became|gave|got|went|ran|sold|bought|paid|told|brought|stood|kept|built|fought|struck|broke|spoke|wrote|shot|fled|swore|sank|drove|flew|[a-z]{2,}[a-df-z]ed)(?![A-Za-z])/;
const NOT_PAST_EN = /(?:^|[^A-Za-z])(?:(?:is|are|am|be|being|been) [a-z]+ed|hundred|kindred|sacred|naked|wicked|beloved|so-called|based|related|detailed|limited|advanced|concerned|interested|involved|supposed|used to)(?![A-Za-z])/g;

/**
 * Does the English clause before [start] report the past ("Powell took over as chair in February", "the economy grew
 * in the fourth quarter")? A past-tense verb before the date, no future cue (will, expected to...). A month, quarter,
 * season or weekend it names is then the latest one on or before the reference, not the nearest.
 */
export function past(s: Scanner, start: number, end: number): boolean {
  if (future(s, start, end)) return false;
  let from = start;
  while (from > s.start && start - from < 80) {
    const ch = s.ch(from - 1);
    if (ch === c('。') || ch === 10 || ch === c(';') || (ch === CH.dot && s.ch(from) === CH.space && isLetter(s.ch(from - 2)) && isLetter(s.ch(from - 3)))) break;
    from--;
  }
  // Only the words before the date that lead to it: "extended to April", "until June" speak of a deadline.
  const w = s.prevWord(start);
  const lw = w ? w[0].toLowerCase() : '';
  if (lw === 'to' || lw === 'until' || lw === 'till' || lw === 'by' || lw === 'before' || lw === 'next') return false;
  // The whole sentence must not look ahead: "said the bank would decide in January", "could come as early as
  // February", "projected an increase in December", "a deadline of September 11", "held on March 26 will decide".
  let to = end;
  while (to < s.end && to - end < 120 && s.ch(to) !== 10 && s.ch(to) !== c('。') && !(s.ch(to) === CH.dot && (s.ch(to + 1) === CH.space || s.ch(to + 1) === 0))) to++;
  if (FUTURE_IN_PAST.test(s.text.slice(from, to))) return false;
  const text = s.text.slice(from, start).replace(NOT_PAST_EN, ' ');
  return PAST_EN.test(text);
}
const FUTURE_IN_PAST = /(?:^|[^A-Za-z])(?:will|would|could|might|should|shall|due|plans?|planned|projected|projects|expected|expects|forecasts?|scheduled|deadline|aims?|intends?|promised|pledged|vowed|set to|going to|next|coming|upcoming)(?![A-Za-z])/i;

/**
 * Which week's weekend a bare 周末 / "the weekend" is (0 this week, -1 the last): the nearer one, the coming one when
 * the two are as near (Wednesday) or the sentence speaks of the future; on a Monday or Tuesday the one just past.
 */
export function nearestWeekend(ref: RefDate | undefined, fut: boolean): number {
  if (fut || !ref || ref.m === undefined || ref.d === undefined) return 0;
  return weekdayOf(ref.y, ref.m, ref.d) <= 2 ? -1 : 0;
}

const WEEK_UNITS = ['星期', '礼拜', '周'];
const DAY_CHARS: Record<string, number> = { 一: 1, 二: 2, 三: 3, 四: 4, 五: 5, 六: 6, 日: 7, 天: 7, '1': 1, '2': 2, '3': 3, '4': 4, '5': 5, '6': 6, '7': 7 };
const PREFIX: Record<string, number> = { 上: -1, 下: 1, 本: 0, 这: 0, 这个: 0, 上个: -1, 下个: 1, 当: 0, 上一个: -1, 下一个: 1, 这一个: 0 };

/** Reads [prefix] unit [day|末] at i. */
function readWeek(s: Scanner, i: number): { k?: number; wd?: number; weekend?: boolean; end: number } | undefined {
  let p = i;
  let k: number | undefined;
  const pre = s.litAny(p, ['上一个', '下一个', '这一个', '这个', '上个', '下个', '上', '下', '本', '这']);
  if (pre) {
    k = PREFIX[pre];
    p += pre.length;
  }
  const unit = s.litAny(p, WEEK_UNITS);
  if (!unit) return undefined;
  p += unit.length;
  // 下个周五 / 上一个周末 name a day; 这个周期, 上个周日报 do not (周 after 个 only before a weekday or 末).
  if (pre?.endsWith('个') && unit === '周' && (DAY_CHARS[String.fromCharCode(s.ch(p))] === undefined || s.ch(p) === c('天') || /\d/.test(String.fromCharCode(s.ch(p)))) && s.ch(p) !== CH.mo) return undefined;
  const dch = String.fromCharCode(s.ch(p));
  const wd = DAY_CHARS[dch];
  if (wd !== undefined && !(unit === '周' && dch === '天') && !(/\d/.test(dch) && unit !== '周')) {
    // 周一至周五 is fine; 周三次 / 周日报 / 一周年 are not weekdays.
    const after = s.ch(p + 1);
    if (after === c('次') || after === c('报') || after === CH.nian || after === c('刊') || (/\d/.test(dch) && (isLetter(after) || after >= 48 && after <= 57))) return undefined;
    return { k, wd, end: p + 1 };
  }
  if (s.ch(p) === CH.mo && unit === '周') return { k, weekend: true, end: p + 1 };
  if (k !== undefined && (unit !== '周' || !s.lit(p, '年'))) return { k, end: p };
  return undefined;
}

export const weekdayZh: Rule = {
  name: 'weeks/weekday-zh',
  keywords: ['星期', '礼拜', '周一', '周二', '周三', '周四', '周五', '周六', '周日', '周末', '上周', '下周', '本周', '这周', '上星期', '下星期', '本星期', '这星期', '上个星期', '下个星期', '这个星期', '上礼拜', '下礼拜', '这礼拜', '上个礼拜', '下个礼拜', '上个周', '下个周', '这个周', '上一个星期', '下一个星期', '这一个星期', '上一个礼拜', '下一个礼拜', '上一个周', '下一个周'],
  at(s, i) {
    const prev = s.ch(i - 1);
    // 每周三 is a set of days; 一周 / 两周 are durations (read by the calendar rule); 周恩来 is a name.
    if (prev === CH.mei || prev === c('隔')) return undefined;
    const w = readWeek(s, i);
    if (!w) return undefined;
    const anchor = s.anchorRef();
    // 3月8日（星期二）上午11时: a weekday in parentheses names the day just written, and a time after it is on that day.
    const last = s.out[s.out.length - 1];
    if (w.wd !== undefined && w.k === undefined && prev === CH.lparen && last && last.end === i - 1 && /^\d{4}-\d{2}-\d{2}$/.test(last.value)) {
      // The weekday picks the year of a date whose year came from the reference alone: 2月16日（星期一） and 端午節（週五）
      // said in June 2025 are those of 2026 (in 2025 they fell on a Sunday and a Saturday).
      if (s.yearless && s.yearless.index === s.out.length - 1) yearByWeekday(s, last, w.wd);
      s.emit(i, w.end, last.value, 'DATE', last.anchor);
      if (s.ch(w.end) !== CH.rparen) return w.end;
      const [y, m, d] = last.value.split('-').map(Number) as [number, number, number];
      const cal = { y, m, d, end: w.end + 1 } as Cal;
      afterDay(s, cal);
      if (cal.end === w.end + 1) return w.end + 1;
      s.emit(s.sp(w.end + 1), cal.end, s.fmt(cal), 'TIME', last.anchor);
      return cal.end;
    }
    // 今年國慶日適逢週五, 春節恰逢星期二: the weekday a date named just before falls on is that date.
    if (w.wd !== undefined && w.k === undefined && last && fallsOnBetween(s, last.end, i) && /^\d{4}-\d{2}-\d{2}$/.test(last.value)) {
      const [y, m, d] = last.value.split('-').map(Number) as [number, number, number];
      if (weekdayOf(y, m, d) === w.wd) {
        s.emit(i, w.end, last.value, 'DATE', last.anchor);
        return w.end;
      }
    }
    if (w.wd !== undefined) {
      const value = weekdayDate(s.ref, w.wd, w.k, w.k === undefined && future(s, i, w.end));
      // 週一晚間, 周三上午10点: the part of that day or the time on it.
      if (!value.includes('W')) {
        const [y, m, d] = value.split('-').map(Number) as [number, number, number];
        const cal = { y, m, d, end: w.end } as Cal;
        afterDay(s, cal);
        if (cal.end > w.end) {
          s.emit(i, cal.end, s.fmt(cal), 'TIME', anchor);
          return cal.end;
        }
      }
      s.emit(i, w.end, value, 'DATE', anchor);
    } else if (w.weekend) {
      const v = weekValue(s.ref, w.k ?? nearestWeekend(s.ref, future(s, i, w.end)));
      s.emit(i, w.end, `${v}-WE`, 'DATE', anchor);
    } else s.emit(i, w.end, weekValue(s.ref, w.k!), 'DATE', anchor);
    return w.end;
  },
  examples: [
    ['星期三', '2006-03-22'], ['周一', '2006-03-20'], ['礼拜五', '2006-03-17'], ['上周四', '2006-03-16'], ['本周五', '2006-03-24'],
    ['下周一', '2006-03-27'], ['週一晚間', '2006-03-20TEV'], ['周五上午10点', '2006-03-17T10'], ['周末', '2006-W12-WE'], ['上周', '2006-W11'], ['本周', '2006-W12'], ['下个星期', '2006-W13'], ['星期天', '2006-03-19'],
    ['上一个星期三', '2006-03-15'], ['下一个周五', '2006-03-31'], ['下个周一', '2006-03-27'], ['上一个礼拜', '2006-W11'],
  ],
};

/**
 * Rewrite the value of m (whose year came from the reference) to the nearest year, within two of it, in which it falls
 * on weekday wd; left as it is when it already does or no such year is near.
 */
function yearByWeekday(s: Scanner, m: DateMention, wd: number): void {
  const y0 = Number(m.value.slice(0, 4));
  const on = (v: string | undefined) => v !== undefined && weekdayOf(Number(v.slice(0, 4)), Number(v.slice(5, 7)), Number(v.slice(8, 10))) === wd;
  if (on(m.value)) return;
  const forYear = s.yearless!.forYear;
  for (const dy of [1, -1, 2, -2]) {
    const v = forYear(y0 + dy);
    if (on(v)) {
      m.value = v!;
      return;
    }
  }
}

/** 适逢 / 適逢 / 恰逢 / 正逢 / 逢 ("falls on") exactly between a date ending at from and its weekday at to. */
function fallsOnBetween(s: Scanner, from: number, to: number): boolean {
  if (to - from < 1 || to - from > 2 || s.ch(to - 1) !== FENG) return false;
  return to - from === 1 || FALLS_ON_FIRST.has(s.ch(from));
}
const FENG = c('逢');
const FALLS_ON_FIRST = new Set([...'适適恰正'].map(c));

/** The day of the nth (1-4; -1 the last) weekday wd (1 Monday .. 7 Sunday) of a month. */
export function nthWeekdayOfMonth(y: number, m: number, wd: number, n: number): string {
  let d: number;
  if (n < 0) {
    const last = resolveNs.daysIn(y, m);
    d = last - ((weekdayOf(y, m, last) - wd + 7) % 7);
  } else d = 1 + ((wd - weekdayOf(y, m, 1) + 7) % 7) + 7 * (n - 1);
  return `${pad(y, 4)}-${pad(m)}-${pad(d)}`;
}

const ORDINAL_ZH: Record<string, number> = { 最后一个: -1, 第一个: 1, 第二个: 2, 第三个: 3, 第四个: 4 };
const ORDINALS_ZH = Object.keys(ORDINAL_ZH);

/**
 * 上月最后一个周五, 11月第一个周二, 本月最后一个星期三: the nth weekday of the month named right before (its mention is
 * replaced by the day). Without a month (每月最后一个周三 is a schedule, 最后一个周末 no day) nothing is read.
 */
export const weekdayOfMonthZh: Rule = {
  name: 'weeks/weekday-of-month-zh',
  keywords: ORDINALS_ZH,
  at(s, i) {
    const ord = s.litAny(i, ORDINALS_ZH);
    if (!ord) return undefined;
    let p = i + ord.length;
    const unit = s.litAny(p, WEEK_UNITS);
    if (!unit) return undefined;
    p += unit.length;
    const wd = DAY_CHARS[String.fromCharCode(s.ch(p))];
    if (wd === undefined || (unit === '周' && s.ch(p) === c('天'))) return undefined;
    if (s.litBefore(i, ['每月', '每个月'])) return p + 1; // 每月最后一个周三: a schedule, no day
    const host = s.out[s.out.length - 1];
    const gap = host ? i - host.end : -1;
    if (!host || !(gap === 0 || (gap === 1 && s.ch(host.end) === c('的'))) || !/^\d{4}-\d{2}$/.test(host.value) || Number(host.value.slice(5)) > 12) return undefined;
    s.out.pop();
    const value = nthWeekdayOfMonth(Number(host.value.slice(0, 4)), Number(host.value.slice(5)), wd, ORDINAL_ZH[ord]!);
    s.emit(host.start, p + 1, value, 'DATE', host.anchor);
    return p + 1;
  },
  examples: [['上月最后一个周五', '2006-02-24'], ['11月第一个周二', '2005-11-01'], ['本月最后一个星期三', '2006-03-29'], ['每月最后一个周三', '', '']],
};

const ORDINAL_EN: Record<string, number> = { first: 1, second: 2, third: 3, fourth: 4, last: -1, final: -1 };
const MONTH_REL_EN: Record<string, number> = { 'the month': 0, 'this month': 0, 'next month': 1, 'last month': -1 };

/**
 * "the last Wednesday of November", "the first Monday of next month": the nth weekday of the month after "of" (a month
 * name with or without its year, or the / this / next / last month). Returns the mention's end, or undefined.
 */
function weekdayOfMonthEn(s: Scanner, start: number, n: number, wd: number, end: number): number | undefined {
  if (!s.lit(end, ' of ')) return undefined;
  const p = end + 4;
  const ref = s.ref;
  for (const [w, k] of Object.entries(MONTH_REL_EN)) {
    if (s.lit(p, w) && !isLetter(s.ch(p + w.length))) {
      if (!ref || ref.m === undefined) return undefined;
      const v = resolveNs.refPlusMonths(ref, k);
      s.emit(start, p + w.length, nthWeekdayOfMonth(Number(v.slice(0, 4)), Number(v.slice(5, 7)), wd, n), 'DATE', s.anchorRef());
      return p + w.length;
    }
  }
  const before = s.out.length;
  const next = s.runRulesAt(p);
  const m = s.out[before];
  s.out.length = before;
  if (next === undefined || !m || m.start !== p || !/^\d{4}-\d{2}$/.test(m.value) || Number(m.value.slice(5)) > 12) return undefined;
  s.emit(start, m.end, nthWeekdayOfMonth(Number(m.value.slice(0, 4)), Number(m.value.slice(5)), wd, n), 'DATE', m.anchor);
  return m.end;
}

const PARTS: Record<string, string> = { morning: 'MO', afternoon: 'AF', evening: 'EV', night: 'NI' };
const EN_DAYS = ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'];

/** Monday..Sunday (capitalised), with last/next/this before it; "last week", "this weekend" are read by english/words. */
export const weekdayEn: Rule = {
  name: 'weeks/weekday-en',
  words: EN_DAYS,
  at(s, i) {
    if (!s.wordStart(i)) return undefined;
    const [word, end] = s.wordAt(i);
    const wd = WEEKDAYS[word.toLowerCase()];
    if (wd === undefined || word[0] !== word[0]!.toUpperCase() || word.length < 6) return undefined;
    // "The Sunday Times", "the Monday Post": a newspaper's name, no day.
    if (s.ch(end) === CH.space) {
      const [next] = s.wordAt(end + 1);
      if (PUBLICATION_NOUNS.has(next)) return end + 1 + next.length;
    }
    let start = i;
    let k: number | undefined;
    const w = s.prevWord(i);
    if (w && s.ch(w[1] + w[0].length) === CH.space) {
      const lw = w[0].toLowerCase();
      const n = ORDINAL_EN[lw];
      if (n !== undefined) {
        const e = weekdayOfMonthEn(s, w[1], n, wd, end);
        if (e !== undefined) return e;
      }
      if (lw === 'last' || lw === 'next' || lw === 'this' || lw === 'coming') {
        k = lw === 'last' ? -1 : lw === 'next' ? 1 : 0;
        start = w[1];
      }
    }
    // "Wednesday, March 22, 2006", "Wednesday 12 March 2025" (a page's date line): the date that follows says which
    // day; the weekday joins its span (without the comma only before a day written day first).
    const comma = s.ch(end) === CH.comma && s.ch(end + 1) === CH.space;
    if (k === undefined && (comma || (s.ch(end) === CH.space && isDigit(s.ch(end + 1))))) {
      const before = s.out.length;
      const at = end + (comma ? 2 : 1);
      const next = s.runRulesAt(at);
      const m = s.out[before];
      if (next !== undefined && m && m.start === at && m.type === 'DATE' && (comma || /^\d{4}-\d{2}-\d{2}$/.test(m.value))) {
        m.start = i;
        m.text = s.text.slice(i, m.end);
        return next;
      }
      s.out.length = before;
    }
    const anchor = s.anchorRef();
    let value: string;
    if (k === undefined) value = weekdayDate(s.ref, wd, undefined, future(s, i, end));
    else if (k === 0 && !s.ref) value = `XXXX-WXX-${wd}`;
    else if (k === 0) value = weekdayDate(s.ref, wd, undefined, true);
    else {
      // "last Friday": the latest Friday before the reference; "next Tuesday": the first after it.
      const ref = s.ref;
      if (!ref || ref.m === undefined || ref.d === undefined) value = `XXXX-WXX-${wd}`;
      else {
        const rwd = weekdayOf(ref.y, ref.m, ref.d);
        // "next Tuesday": the Tuesday of next week, like 下周二; "last Tuesday" the Tuesday of last week, like 上周二.
        const delta = k < 0 ? wd - rwd - 7 : 7 + wd - rwd;
        const [y, m, d] = addDays(ref.y, ref.m, ref.d, delta);
        value = `${pad(y, 4)}-${pad(m)}-${pad(d)}`;
      }
    }
    // Tuesday night, Monday morning
    const [w2, e2] = s.ch(end) === CH.space ? s.wordAt(end + 1) : ['', end];
    const part = PARTS[w2.toLowerCase()];
    if (part && !value.includes('W')) {
      s.emit(start, e2, `${value}T${part}`, 'TIME', anchor);
      return e2;
    }
    s.emit(start, end, value, 'DATE', anchor);
    return end;
  },
  examples: [['the last Wednesday of November', '2005-11-30', 'last Wednesday of November'], ['the first Monday of next month', '2006-04-03', 'first Monday of next month'], ['on the second Tuesday of the month', '2006-03-14', 'second Tuesday of the month'], ['Wednesday, March 22, 2006', '2006-03-22'], ['Tuesday night', '2006-03-21TNI'], ['Monday', '2006-03-20'], ['last Friday', '2006-03-17'], ['next Tuesday', '2006-03-28'], ['next Thursday', '2006-03-30'], ['Wednesday', '2006-03-22']],
};

export { weekValue };
