/**
 * Timeline: mentions of selected entities (or records of topics) over time by the date the passage is about, and
 * claims over time by stance. Each series counts per period on a continuous axis; claims are also listed one by
 * one (one mark per claim, its passage one click away).
 */
import type { PassageDater } from './dating';
import { periodKey, periodRange, type Granularity } from './periods';
import { stanceValue, topicRecordsOf, type EntityName, type Segment, type ViewAnnotation, type ViewCorpus } from './source';
import { topEntities } from './matrix';

export interface TimelineSeries {
  key: string;
  label: string;
  /** Count per period, aligned with Timeline.periods. */
  counts: number[];
  undated: number;
  /** Dated less precisely than the granularity (196X by year). */
  vague: number;
}

export interface ClaimMark {
  period: string;
  value: string;
  /** Signed stance −2..+2. */
  stance: number;
  polarity: string;
  claim: string;
  segment: Segment;
}

export interface Timeline {
  granularity: Granularity;
  periods: string[];
  series: TimelineSeries[];
  /** Claims per period and polarity (aligned with periods). */
  claims: Record<string, number[]>;
  claimMarks: ClaimMark[];
  undatedClaims: number;
}

export interface TimelineOptions {
  entityIds?: string[];
  topicIds?: string[];
  /** When neither entities nor topics are given: the most mentioned entities (default 8). */
  top?: number;
  granularity?: Granularity;
}

export interface TimelineContext {
  corpus: ViewCorpus;
  dater: PassageDater;
  annotations: readonly ViewAnnotation[];
  name: EntityName;
  topicName?: (id: string) => string;
  /** Records of a topic (CorpusIndex.recordsForTopic). */
  recordsForTopic?: (topicId: string) => Array<{ path: string; recordId: string }>;
}

const POLARITIES = ['support', 'oppose', 'neutral', 'mixed'] as const;

export function timeline(ctx: TimelineContext, options: TimelineOptions = {}): Timeline {
  const granularity = options.granularity ?? 'year';
  const raw: Array<{ key: string; label: string; counts: Map<string, number>; undated: number; vague: number }> = [];
  const periods = new Set<string>();
  const count = (s: (typeof raw)[number], d: ReturnType<PassageDater['dateOf']>) => {
    if (!d) return void s.undated++;
    const key = periodKey(d.point, granularity);
    if (!key) return void s.vague++;
    periods.add(key);
    s.counts.set(key, (s.counts.get(key) ?? 0) + 1);
  };
  const entityIds = [...new Set(options.entityIds ?? (options.topicIds?.length ? [] : topEntities(ctx.corpus, options.top ?? 8)))];
  for (const id of entityIds) raw.push({ key: `entity:${id}`, label: ctx.name(id), counts: new Map<string, number>(), undated: 0, vague: 0 });
  ctx.dater.eachMentionDatedOfAny(ctx.corpus, entityIds, (which, _path, _start, _end, d) => count(raw[which]!, d));
  for (const id of options.topicIds ?? []) {
    const s = { key: `topic:${id}`, label: ctx.topicName?.(id) ?? id, counts: new Map<string, number>(), undated: 0, vague: 0 };
    for (const seg of topicRecordsOf(ctx.corpus, ctx.recordsForTopic, id)) count(s, ctx.dater.recordDateOf(seg.path, seg.start, seg.end));
    raw.push(s);
  }
  const claimMarks: ClaimMark[] = [];
  let undatedClaims = 0;
  for (const a of ctx.annotations) {
    const d = ctx.dater.dateOf(a.path, a.start, a.end, a.annotation.when);
    const key = d ? periodKey(d.point, granularity) : undefined;
    if (!d || !key) {
      undatedClaims++;
      continue;
    }
    periods.add(key);
    claimMarks.push({
      period: key,
      value: d.value,
      stance: stanceValue(a.annotation),
      polarity: a.annotation.stance.polarity,
      claim: a.annotation.claim,
      segment: { path: a.path, start: a.start, end: a.end, annotationId: a.annotation.id },
    });
  }
  const sorted = [...periods].sort();
  const axis = sorted.length ? periodRange(sorted[0]!, sorted[sorted.length - 1]!, granularity) : [];
  const at = new Map(axis.map((p, i) => [p, i]));
  const series = raw.map((s) => {
    const counts = axis.map(() => 0);
    for (const [p, n] of s.counts) counts[at.get(p)!] = n;
    return { key: s.key, label: s.label, counts, undated: s.undated, vague: s.vague };
  });
  const claims: Record<string, number[]> = {};
  for (const p of POLARITIES) claims[p] = axis.map(() => 0);
  for (const m of claimMarks) claims[m.polarity]![at.get(m.period)!]!++;
  claimMarks.sort((x, y) => (x.period < y.period ? -1 : x.period > y.period ? 1 : 0));
  return { granularity, periods: axis, series, claims, claimMarks, undatedClaims };
}

/** The passages behind one point of a series (a mention series' period), listed again on a click. */
export function seriesSegments(ctx: TimelineContext, seriesKey: string, period: string, granularity: Granularity): Segment[] {
  const out: Segment[] = [];
  const [kind, id] = [seriesKey.slice(0, seriesKey.indexOf(':')), seriesKey.slice(seriesKey.indexOf(':') + 1)];
  const inPeriod = (d: ReturnType<PassageDater['dateOf']>) => d !== undefined && periodKey(d.point, granularity) === period;
  if (kind === 'entity') {
    ctx.dater.eachMentionDated(ctx.corpus, id, (path, start, end, d) => {
      if (inPeriod(d)) out.push({ path, start, end });
    });
  } else for (const s of topicRecordsOf(ctx.corpus, ctx.recordsForTopic, id)) if (inPeriod(ctx.dater.recordDateOf(s.path, s.start, s.end))) out.push(s);
  return out;
}
