/**
 * Inter-coder agreement coefficients, computed from first principles (no dependency offers all of them in
 * TypeScript; each is checked against published worked examples in test/unit/agreement.test.ts):
 *
 * - percent agreement: mean over units of the share of agreeing coder pairs;
 * - Cohen's kappa (two coders): (p_o - p_e) / (1 - p_e), p_e from each coder's own marginals (Cohen 1960);
 * - Fleiss' kappa (any number of coders, per-unit rater counts may vary): Fleiss (1971);
 * - Krippendorff's alpha for nominal, ordinal, interval and ratio data with missing values, through the
 *   coincidence matrix (Krippendorff 2011, "Computing Krippendorff's Alpha-Reliability");
 * - Krippendorff's unitizing alpha (alpha-u) over a continuum of characters, per category and overall
 *   (Krippendorff 1995, "On the reliability of unitizing continuous data"; 2004, Content Analysis 2nd ed., 12.4);
 * - percentile bootstrap confidence intervals over resampled units, with a seeded generator (reproducible).
 *
 * A coefficient that is undefined for the data (no pairable values, no variation) is `null`, never NaN.
 */
import { lowerBound } from '../sorted';
import { seededRandom } from '../random';

export { seededRandom };

/** One unit of a coding study: each coder's value, `undefined` where that coder gave none (missing). */
export type CodingUnit<V> = ReadonlyArray<V | undefined>;

export type Metric = 'nominal' | 'ordinal' | 'interval' | 'ratio';

function finite(x: number): number | null {
  return Number.isFinite(x) ? x : null;
}

/** How many coders gave each value to a unit, and how many gave one at all. */
function tally<V>(unit: CodingUnit<V>): { counts: Map<V, number>; m: number } {
  const counts = new Map<V, number>();
  let m = 0;
  for (const v of unit) {
    if (v === undefined) continue;
    counts.set(v, (counts.get(v) ?? 0) + 1);
    m++;
  }
  return { counts, m };
}

/** Mean share of agreeing pairs among the coders who coded each unit (units with fewer than 2 values are skipped). */
export function percentAgreement<V>(units: ReadonlyArray<CodingUnit<V>>): number | null {
  let sum = 0;
  let n = 0;
  for (const unit of units) {
    const { counts, m } = tally(unit);
    if (m < 2) continue;
    let agreeing = 0;
    for (const c of counts.values()) agreeing += c * (c - 1);
    sum += agreeing / (m * (m - 1));
    n++;
  }
  return n ? sum / n : null;
}

/** Cohen's kappa of two coders over the units both coded (coder 0 and coder 1 of each unit). */
export function cohenKappa<V>(units: ReadonlyArray<CodingUnit<V>>): number | null {
  const a = new Map<V, number>();
  const b = new Map<V, number>();
  let n = 0;
  let agree = 0;
  for (const unit of units) {
    const x = unit[0];
    const y = unit[1];
    if (x === undefined || y === undefined) continue;
    a.set(x, (a.get(x) ?? 0) + 1);
    b.set(y, (b.get(y) ?? 0) + 1);
    if (x === y) agree++;
    n++;
  }
  if (!n) return null;
  const po = agree / n;
  let pe = 0;
  for (const [v, ca] of a) pe += (ca / n) * ((b.get(v) ?? 0) / n);
  if (pe >= 1) return null;
  return finite((po - pe) / (1 - pe));
}

/** Fleiss' kappa; a unit counts with the coders who coded it (at least 2). */
export function fleissKappa<V>(units: ReadonlyArray<CodingUnit<V>>): number | null {
  const totals = new Map<V, number>();
  let ratings = 0;
  let pSum = 0;
  let n = 0;
  for (const unit of units) {
    const { counts, m } = tally(unit);
    if (m < 2) continue;
    let sq = 0;
    for (const [v, c] of counts) {
      sq += c * c;
      totals.set(v, (totals.get(v) ?? 0) + c);
    }
    ratings += m;
    pSum += (sq - m) / (m * (m - 1));
    n++;
  }
  if (!n) return null;
  const pBar = pSum / n;
  let pe = 0;
  for (const c of totals.values()) pe += (c / ratings) ** 2;
  if (pe >= 1) return null;
  return finite((pBar - pe) / (1 - pe));
}

/**
 * Krippendorff's alpha over units with missing values. Nominal works on any values; ordinal, interval and ratio
 * need numbers (ordinal ranks the distinct values that occur).
 */
export function krippendorffAlpha<V extends string | number>(units: ReadonlyArray<CodingUnit<V>>, metric: Metric = 'nominal'): number | null {
  // Coincidences o[c][k], accumulated per unit with weight 1 / (m_u - 1).
  const values: V[] = [];
  const index = new Map<V, number>();
  const pairable: Array<{ counts: Map<number, number>; m: number }> = [];
  for (const unit of units) {
    const counts = new Map<number, number>();
    let m = 0;
    for (const v of unit) {
      if (v === undefined) continue;
      let i = index.get(v);
      if (i === undefined) {
        i = values.length;
        values.push(v);
        index.set(v, i);
      }
      counts.set(i, (counts.get(i) ?? 0) + 1);
      m++;
    }
    if (m >= 2) pairable.push({ counts, m });
  }
  const k = values.length;
  if (!pairable.length || k === 0) return null;
  if (metric !== 'nominal' && values.some((v) => typeof v !== 'number')) throw new Error(`${metric} alpha needs numeric values`);
  const o: number[][] = Array.from({ length: k }, () => new Array<number>(k).fill(0));
  for (const { counts, m } of pairable) {
    for (const [c, nc] of counts) {
      for (const [d, nd] of counts) {
        o[c]![d]! += (c === d ? nc * (nc - 1) : nc * nd) / (m - 1);
      }
    }
  }
  const marg = o.map((row) => row.reduce((s, x) => s + x, 0));
  const n = marg.reduce((s, x) => s + x, 0);
  const delta = distance(values as Array<string | number>, marg, metric);
  let observed = 0;
  let expected = 0;
  for (let c = 0; c < k; c++) {
    for (let d = 0; d < k; d++) {
      const dd = delta(c, d);
      observed += o[c]![d]! * dd;
      expected += marg[c]! * marg[d]! * dd;
    }
  }
  if (expected === 0) return null;
  return finite(1 - ((n - 1) * observed) / expected);
}

/** The squared difference function of a metric, over value indices (marginals for the ordinal ranks). */
function distance(values: ReadonlyArray<string | number>, marg: readonly number[], metric: Metric): (c: number, d: number) => number {
  if (metric === 'nominal') return (c, d) => (c === d ? 0 : 1);
  const num = values as readonly number[];
  if (metric === 'interval') return (c, d) => (num[c]! - num[d]!) ** 2;
  if (metric === 'ratio')
    return (c, d) => {
      const s = num[c]! + num[d]!;
      return s === 0 ? 0 : ((num[c]! - num[d]!) / s) ** 2;
    };
  // Ordinal: (sum of the marginals from c to d, minus half of the two ends)^2, in value order.
  const order = num.map((_, i) => i).sort((a, b) => num[a]! - num[b]!);
  const rank = new Array<number>(num.length);
  order.forEach((vi, r) => (rank[vi] = r));
  const cum = [0];
  for (const vi of order) cum.push(cum[cum.length - 1]! + marg[vi]!);
  return (c, d) => {
    if (c === d) return 0;
    const lo = Math.min(rank[c]!, rank[d]!);
    const hi = Math.max(rank[c]!, rank[d]!);
    const between = cum[hi + 1]! - cum[lo]!;
    return (between - (marg[c]! + marg[d]!) / 2) ** 2;
  };
}

// --- unitizing alpha --------------------------------------------------------------------------------------

/** A unit of a unitizing study: a coder marked [start, start + length) of the continuum with a category. */
export interface Segment {
  coder: number;
  start: number;
  length: number;
  category: string;
}

export interface UnitizingStudy {
  coders: number;
  /** The continuum is [0, length). */
  length: number;
  segments: readonly Segment[];
}

interface Section {
  start: number;
  length: number;
  unit: boolean;
}

/**
 * One coder's sections of the continuum for a category: its units of that category (overlapping ones of the same
 * coder united; adjacent ones stay separate units) and the gaps between them.
 */
function sectionsOf(study: UnitizingStudy, coder: number, category: string): Section[] {
  const spans = study.segments
    .filter((s) => s.coder === coder && s.category === category && s.length > 0)
    .map((s) => ({ start: Math.max(0, s.start), end: Math.min(study.length, s.start + s.length) }))
    .filter((s) => s.end > s.start)
    .sort((a, b) => a.start - b.start || a.end - b.end);
  const merged: Array<{ start: number; end: number }> = [];
  for (const s of spans) {
    const last = merged[merged.length - 1];
    if (last && s.start < last.end) last.end = Math.max(last.end, s.end);
    else merged.push({ ...s });
  }
  const out: Section[] = [];
  let pos = 0;
  for (const s of merged) {
    if (s.start > pos) out.push({ start: pos, length: s.start - pos, unit: false });
    out.push({ start: s.start, length: s.end - s.start, unit: true });
    pos = s.end;
  }
  if (pos < study.length) out.push({ start: pos, length: study.length - pos, unit: false });
  return out;
}

/** Krippendorff's (2004) squared distance between two sections of two coders for one category. */
export function sectionDistance(b1: number, l1: number, unit1: boolean, b2: number, l2: number, unit2: boolean): number {
  const db = b1 - b2;
  if (unit1 && unit2) return -l1 < db && db < l2 ? db * db + (b1 + l1 - b2 - l2) ** 2 : 0;
  if (unit1 && !unit2) return db >= 0 && b1 + l1 <= b2 + l2 ? l1 * l1 : 0; // the unit lies in the other's gap
  if (!unit1 && unit2) return db <= 0 && b2 + l2 <= b1 + l1 ? l2 * l2 : 0;
  return 0;
}

export interface CategoryDisagreement {
  category: string;
  observed: number;
  expected: number;
}

/** Observed and expected disagreement of one category (the parts of alpha-u). */
export function unitizingDisagreement(study: UnitizingStudy, category: string): CategoryDisagreement {
  const m = study.coders;
  const L = study.length;
  const sections = Array.from({ length: m }, (_, c) => sectionsOf(study, c, category));
  // Observed: every ordered pair of coders, every pair of overlapping sections (others have distance 0).
  let sum = 0;
  for (let i = 0; i < m; i++) {
    for (let j = i + 1; j < m; j++) {
      const a = sections[i]!;
      const b = sections[j]!;
      let x = 0;
      let y = 0;
      while (x < a.length && y < b.length) {
        const s = a[x]!;
        const t = b[y]!;
        sum += sectionDistance(s.start, s.length, s.unit, t.start, t.length, t.unit);
        if (s.start + s.length <= t.start + t.length) x++;
        else y++;
      }
    }
  }
  const observed = m > 1 && L > 0 ? (2 * sum) / (m * (m - 1) * L * L) : 0;
  // Expected: over all units of the category and all gaps of all coders.
  const units: number[] = [];
  const gaps: number[] = [];
  for (const list of sections) for (const s of list) (s.unit ? units : gaps).push(s.length);
  gaps.sort((p, q) => p - q);
  const suffix = new Array<number>(gaps.length + 1).fill(0);
  for (let g = gaps.length - 1; g >= 0; g--) suffix[g] = suffix[g + 1]! + gaps[g]!;
  const firstAtLeast = (l: number): number => lowerBound(gaps, l);
  const nc = units.length;
  let numerator = 0;
  let squared = 0;
  for (const l of units) {
    const from = firstAtLeast(l);
    const fits = suffix[from]! - (l - 1) * (gaps.length - from); // sum over gaps >= l of (gap - l + 1)
    numerator += ((nc - 1) * (2 * l ** 3 - 3 * l ** 2 + l)) / 3 + l * l * fits;
    squared += l * (l - 1);
  }
  const denominator = m * L * (m * L - 1) - squared;
  const expected = denominator > 0 && L > 0 ? ((2 / L) * numerator) / denominator : 0;
  return { category, observed, expected };
}

export interface UnitizingAlpha {
  /** Over all categories: 1 - sum(D_o) / sum(D_e); null when nothing was unitized. */
  alpha: number | null;
  categories: Array<CategoryDisagreement & { alpha: number | null }>;
}

export function unitizingAlpha(study: UnitizingStudy, categories?: readonly string[]): UnitizingAlpha {
  const cats = categories ?? [...new Set(study.segments.map((s) => s.category))].sort();
  const parts = cats.map((c) => {
    const d = unitizingDisagreement(study, c);
    return { ...d, alpha: d.expected > 0 ? finite(1 - d.observed / d.expected) : null };
  });
  const o = parts.reduce((s, p) => s + p.observed, 0);
  const e = parts.reduce((s, p) => s + p.expected, 0);
  return { alpha: e > 0 ? finite(1 - o / e) : null, categories: parts };
}

// --- bootstrap -----------------------------------------------------------------------------------------------


export interface Interval {
  low: number;
  high: number;
  /** Resamples on which the statistic was defined. */
  samples: number;
}

/**
 * Percentile bootstrap interval of `statistic` over `items` resampled with replacement (`level` 0.95 by
 * default). Null when fewer than 2 items or when the statistic is undefined on most resamples.
 */
export function bootstrapInterval<T>(
  items: readonly T[],
  statistic: (sample: readonly T[]) => number | null,
  options: { resamples?: number; seed?: number; level?: number } = {},
): Interval | null {
  const resamples = options.resamples ?? 1000;
  const level = options.level ?? 0.95;
  if (items.length < 2 || resamples <= 0) return null;
  const random = seededRandom(options.seed ?? 1);
  const values: number[] = [];
  const sample = new Array<T>(items.length);
  for (let r = 0; r < resamples; r++) {
    for (let i = 0; i < items.length; i++) sample[i] = items[Math.floor(random() * items.length)]!;
    const v = statistic(sample);
    if (v !== null && Number.isFinite(v)) values.push(v);
  }
  if (values.length < resamples / 2) return null;
  values.sort((a, b) => a - b);
  const at = (q: number): number => values[Math.min(values.length - 1, Math.max(0, Math.floor(q * (values.length - 1) + 0.5)))]!;
  return { low: at((1 - level) / 2), high: at(1 - (1 - level) / 2), samples: values.length };
}
