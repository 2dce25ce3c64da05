import type { Reference } from '../types';
import { EDTF_DATE_TIME as REF_RE } from './edtf';
import { anchorOf } from './anchor';

/** A parsed reference date: year always, month/day when the reference has them. */
export interface RefDate {
  y: number;
  m?: number;
  d?: number;
  /** The original reference (for the anchor string). */
  ref: Reference;
  /** The anchor text written on mentions resolved against this reference. */
  anchor: string;
}


/** Parse a Reference; throws an Error that says which reference and what is wrong. */
export function parseReference(ref: Reference, where: string, inferred = false): RefDate {
  const m = REF_RE.exec(ref.value.trim());
  if (!m) {
    throw new Error(
      `${where}: invalid reference date "${ref.value}" (${ref.how}): expected YYYY, YYYY-MM, YYYY-MM-DD or YYYY-MM-DDThh:mm[:ss]`,
    );
  }
  const y = Number(m[1]);
  const mo = m[2] === undefined ? undefined : Number(m[2]);
  const d = m[3] === undefined ? undefined : Number(m[3]);
  if (mo !== undefined && (mo < 1 || mo > 12)) throw new Error(`${where}: invalid month in reference date "${ref.value}" (${ref.how})`);
  if (d !== undefined && mo !== undefined && (d < 1 || d > daysIn(y, mo))) {
    throw new Error(`${where}: invalid day in reference date "${ref.value}" (${ref.how})`);
  }
  const anchor = anchorOf(ref.how, ref.value, inferred);
  const out: RefDate = { y, ref, anchor };
  if (mo !== undefined) out.m = mo;
  if (d !== undefined) out.d = d;
  return out;
}

export function daysIn(y: number, m: number): number {
  return new Date(Date.UTC(y, m, 0)).getUTCDate();
}

export function pad(n: number, w = 2): string {
  const s = String(Math.abs(n));
  return (n < 0 ? '-' : '') + (s.length >= w ? s : '0'.repeat(w - s.length) + s);
}

export function ymd(y: number | undefined, m?: number, d?: number): string {
  let s = y === undefined ? 'XXXX' : pad(y, 4);
  if (m !== undefined) s += '-' + pad(m);
  else if (d !== undefined) s += '-XX';
  if (d !== undefined) s += '-' + pad(d);
  return s;
}

/** Add months to a (year, month) pair. */
export function addMonths(y: number, m: number, k: number): [number, number] {
  const t = y * 12 + (m - 1) + k;
  return [Math.floor(t / 12), (t % 12) + 1];
}

/** Add days to a full date. */
export function addDays(y: number, m: number, d: number, k: number): [number, number, number] {
  const t = new Date(Date.UTC(y, m - 1, d) + k * 86400000);
  return [t.getUTCFullYear(), t.getUTCMonth() + 1, t.getUTCDate()];
}

/**
 * The year for a month (and day) given without a year, nearest to the reference date: "1月" in an
 * article dated 2021-12-31 is January 2022, "12月7日" is 2021-12-07. With a year-only reference,
 * the reference year.
 */
export function nearestYear(ref: RefDate, m: number, d?: number): number {
  if (ref.m === undefined) return ref.y;
  const refT = Date.UTC(ref.y, ref.m - 1, ref.d ?? 15);
  let best = ref.y;
  let bestDist = Infinity;
  for (const y of [ref.y - 1, ref.y, ref.y + 1]) {
    const dd = d ?? 15;
    const t = Date.UTC(y, m - 1, Math.min(dd, daysIn(y, m)));
    const dist = Math.abs(t - refT);
    if (dist < bestDist) {
      bestDist = dist;
      best = y;
    }
  }
  return best;
}

/** The reference shifted by k days, at the precision the reference has (X for what it lacks). */
export function refPlusDays(ref: RefDate, k: number): string {
  if (ref.m === undefined || ref.d === undefined) return ymd(ref.y, ref.m) + (ref.m === undefined ? '-XX-XX' : '-XX');
  const [y, m, d] = addDays(ref.y, ref.m, ref.d, k);
  return ymd(y, m, d);
}

/** The reference shifted by k months, at month precision (or YYYY-XX when the reference has no month). */
export function refPlusMonths(ref: RefDate, k: number): string {
  if (ref.m === undefined) return `${pad(ref.y, 4)}-XX`;
  const [y, m] = addMonths(ref.y, ref.m, k);
  return ymd(y, m);
}

/** The reference date itself (date part only), at its own precision. */
export function refDateValue(ref: RefDate): string {
  return ymd(ref.y, ref.m, ref.m === undefined ? undefined : ref.d);
}
