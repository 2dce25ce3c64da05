/**
 * Normalised dates (EDTF / TIMEX3 values of the date recogniser) placed on a time axis: the start of the time a
 * value denotes, and its precision. `2014-07` → July 2014 (month), `2018-22` (summer) → June 2018 (month),
 * `2019-33` (Q1) → January 2019, `2006-W11` → March 2006 (week → month), `196X` → 1960 (decade),
 * `2008-05/2012-05` → May 2008 (the start of an interval), `../2018` → 2018 (an open start: its known end),
 * `XXXX-12-31` → nothing (no year).
 */
export type Precision = 'century' | 'decade' | 'year' | 'month' | 'day';
export type Granularity = 'decade' | 'year' | 'month';

export interface TimePoint {
  year: number;
  /** 1-12, when the value is at least month precise. */
  month?: number;
  day?: number;
  precision: Precision;
  /** Period keys of this point, made once by periodKey (null: less precise than the granularity). */
  decadeKey?: string | null;
  yearKey?: string | null;
  monthKey?: string | null;
}

const RANK: Record<Precision, number> = { century: 0, decade: 1, year: 2, month: 3, day: 4 };

/** EDTF season / quarter / half-year codes (21-24 seasons, 33-36 quarters, 40-41 halves) → first month. */
const SUB_YEAR: Record<number, number> = { 21: 3, 22: 6, 23: 9, 24: 12, 25: 3, 26: 6, 27: 9, 28: 12, 29: 3, 30: 6, 31: 9, 32: 12, 33: 1, 34: 4, 35: 7, 36: 10, 37: 1, 38: 5, 39: 9, 40: 1, 41: 7 };

function point(part: string): TimePoint | undefined {
  const m = /^(\d{4}|\d{3}|\d{2})(X{0,2})(?!\d)(?:-(W)?(\d{2})(?:-(\d{2}))?)?/.exec(part.replace(/^[~?%]/, ''));
  if (!m) return undefined;
  const digits = m[1]!;
  const xs = m[2]!.length;
  if (digits.length + xs !== 4 && !(digits.length === 4 && xs === 0)) return undefined;
  if (digits.length === 2) return { year: Number(digits) * 100, precision: 'century' };
  if (digits.length === 3) return { year: Number(digits) * 10, precision: 'decade' };
  const year = Number(digits);
  if (m[4] === undefined) return { year, precision: 'year' };
  const n = Number(m[4]);
  if (m[3]) {
    // ISO week → the month of its Thursday.
    const jan4 = Date.UTC(year, 0, 4);
    const weekday = (new Date(jan4).getUTCDay() + 6) % 7;
    const thursday = new Date(jan4 + ((n - 1) * 7 - weekday + 3) * 86400000);
    return { year: thursday.getUTCFullYear(), month: thursday.getUTCMonth() + 1, precision: 'month' };
  }
  if (n >= 1 && n <= 12) {
    const day = m[5] !== undefined ? Number(m[5]) : undefined;
    return day !== undefined && day >= 1 && day <= 31 ? { year, month: n, day, precision: 'day' } : { year, month: n, precision: 'month' };
  }
  const first = SUB_YEAR[n];
  return first ? { year, month: first, precision: 'month' } : { year, precision: 'year' };
}

/** Where on the time axis a normalised value starts (undefined: no year, or not a date). */
export function timePoint(value: string): TimePoint | undefined {
  const slash = value.indexOf('/');
  if (slash < 0) return point(value);
  const from = value.slice(0, slash);
  const to = value.slice(slash + 1);
  return from && from !== '..' ? point(from) : to && to !== '..' ? point(to) : undefined;
}

/** The period key of a point at a granularity ('2014', '2014-07', '2010s'), undefined when it is less precise. */
export function periodKey(p: TimePoint, granularity: Granularity): string | undefined {
  // One field per granularity (a map keyed by the granularity was a dictionary lookup per mention in the views).
  if (granularity === 'year') return p.yearKey !== undefined ? (p.yearKey ?? undefined) : ((p.yearKey = computeKey(p, granularity) ?? null) ?? undefined);
  if (granularity === 'month') return p.monthKey !== undefined ? (p.monthKey ?? undefined) : ((p.monthKey = computeKey(p, granularity) ?? null) ?? undefined);
  return p.decadeKey !== undefined ? (p.decadeKey ?? undefined) : ((p.decadeKey = computeKey(p, granularity) ?? null) ?? undefined);
}

function computeKey(p: TimePoint, granularity: Granularity): string | undefined {
  const need: Precision = granularity === 'decade' ? 'decade' : granularity;
  if (RANK[p.precision] < RANK[need]) return undefined;
  if (granularity === 'decade') return `${Math.floor(p.year / 10) * 10}s`;
  if (granularity === 'year') return String(p.year);
  return `${p.year}-${String(p.month).padStart(2, '0')}`;
}

/** The period of a normalised value, or undefined. */
export function periodOf(value: string, granularity: Granularity): string | undefined {
  const p = timePoint(value);
  return p ? periodKey(p, granularity) : undefined;
}

/** Every period key from `first` to `last` inclusive (keys as periodKey makes them), for a continuous axis. */
export function periodRange(first: string, last: string, granularity: Granularity): string[] {
  const out: string[] = [];
  if (granularity === 'decade') {
    for (let y = Number(first.slice(0, 4)); y <= Number(last.slice(0, 4)) && out.length < 10000; y += 10) out.push(`${y}s`);
  } else if (granularity === 'year') {
    for (let y = Number(first); y <= Number(last) && out.length < 10000; y++) out.push(String(y));
  } else {
    let y = Number(first.slice(0, 4));
    let m = Number(first.slice(5, 7));
    const end = Number(last.slice(0, 4)) * 12 + Number(last.slice(5, 7));
    while (y * 12 + m <= end && out.length < 100000) {
      out.push(`${y}-${String(m).padStart(2, '0')}`);
      if (++m > 12) [y, m] = [y + 1, 1];
    }
  }
  return out;
}
