// The views' fast aggregates (integer ids, one pass over the documents, dates by record index, the index's ordered
// entries) against simple reference implementations written from their definitions, on random corpora: records with
// gaps between them, mentions inside and outside records, dates of every precision, metadata date lines, changes to
// the index (set again, rename, remove) between the queries.
import * as assert from 'node:assert/strict';
import { CorpusIndex, type DocumentAnalysis } from '../../src/core/corpus/index';
import type { CorpusDocument, CorpusRecord } from '../../src/core/corpus/model';
import { seededRandom as rng } from '../../src/core/random';
import type { DateMention, EntityMention } from '../../src/core/types';
import { cooccurrenceNetwork, DEFAULT_DATE_WINDOW, entityPeriodMatrix, entityPeriodSegments, PassageDater, periodKey, timePoint, timeline, topEntities, type Granularity } from '../../src/core/views/index';

const VALUES = ['2014', '2014-07', '2014-07-03', '2015', '2016-02', '196X', '2008-05/2012-05', '../2018', 'XXXX-12-31', '2019-33', '2018-22', '2006-W11', '2020', '2021-11'];
const LENGTH = 3000;

/** A random analysis per document: records (some with a date line), mentions anywhere, dates that do not overlap. */
function randomAnalyse(random: () => number) {
  const int = (n: number) => Math.floor(random() * n);
  return (_path: string, _text: string): DocumentAnalysis => {
    const records: CorpusRecord[] = [];
    let at = int(100);
    for (let r = 0, n = int(5); r < n && at < LENGTH - 200; r++) {
      const end = Math.min(LENGTH, at + 100 + int(900));
      records.push({ id: `r${r + 1}`, span: { start: at, end }, ...(random() < 0.6 ? { dateSpan: { start: at, end: at + 12 } } : {}), metadataSpans: [] });
      at = end + (random() < 0.5 ? 0 : int(150));
    }
    const doc: CorpusDocument = { shape: 'listing', records, boilerplate: [] };
    const entities: EntityMention[] = [];
    for (let k = 0, n = int(60); k < n; k++) {
      const start = int(LENGTH - 5);
      // A few dozen entities, the first ones much more often (so that top-N cuts and thresholds matter).
      const e = Math.min(24, Math.floor(Math.exp(random() * Math.log(25))) - 1);
      entities.push({ kind: 'entity', start, end: start + 1 + int(4), text: 'x', entityId: `t${e % 3}/e${e}`, type: 'country', confirmed: true, via: 'alias' });
    }
    entities.sort((a, b) => a.start - b.start);
    const dates: DateMention[] = [];
    for (const r of records) if (r.dateSpan && random() < 0.8) dates.push({ kind: 'date', start: r.dateSpan.start, end: r.dateSpan.start + 10, text: 'x', value: VALUES[int(VALUES.length)]!, type: 'DATE', anchor: 'explicit' });
    for (let pos = int(200); pos < LENGTH - 10; pos += 20 + int(400)) {
      if (dates.some((d) => pos < d.end + 1 && pos + 8 > d.start - 1)) continue;
      dates.push({ kind: 'date', start: pos, end: pos + 3 + int(5), text: 'x', value: VALUES[int(VALUES.length)]!, type: random() < 0.1 ? 'DURATION' : 'DATE', anchor: 'explicit' });
    }
    dates.sort((a, b) => a.start - b.start);
    return { doc, entities, dates };
  };
}

/** The date of a passage, from the definition (dating.ts), by linear scans over one document's dates. */
function referenceDate(index: CorpusIndex, path: string, start: number, end: number): string | undefined {
  const records = index.document(path)!.records;
  const r = records.findIndex((x) => start >= x.span.start && start < x.span.end);
  const usable = index.datesOf(path).filter((d) => d.type !== 'DURATION' && d.type !== 'SET' && timePoint(d.value));
  const onDateLine = (d: DateMention) => {
    const k = records.findIndex((x) => d.start >= x.span.start && d.start < x.span.end);
    const ds = k >= 0 ? records[k]!.dateSpan : undefined;
    return ds !== undefined && d.start < ds.end && d.end > ds.start;
  };
  const [lo, hi] = r >= 0 ? [records[r]!.span.start, records[r]!.span.end] : [0, Infinity];
  const body = usable.filter((d) => !onDateLine(d) && d.start >= lo && d.start < hi);
  const inside = body.find((d) => d.start < end && d.end > start);
  if (inside) return inside.value;
  const before = body.filter((d) => d.end <= start && start - d.end < DEFAULT_DATE_WINDOW).pop();
  if (before) return before.value;
  const after = body.find((d) => d.start >= end && d.start - end < DEFAULT_DATE_WINDOW);
  if (after) return after.value;
  if (r < 0) return undefined;
  return usable.find((d) => onDateLine(d) && d.start >= records[r]!.span.start && d.start < records[r]!.span.end)?.value;
}

function referencePeriods(index: CorpusIndex, ids: string[], granularity: Granularity) {
  const cells = new Map<string, number>();
  let undated = 0;
  let vague = 0;
  for (const id of ids) {
    for (const m of index.mentionsOf(id)) {
      const value = referenceDate(index, m.path, m.start, m.end);
      const key = value === undefined ? undefined : periodKey(timePoint(value)!, granularity);
      if (value === undefined) undated++;
      else if (key === undefined) vague++;
      else cells.set(`${id} ${key}`, (cells.get(`${id} ${key}`) ?? 0) + 1);
    }
  }
  return { cells, undated, vague };
}

/** Records (and each document's mentions outside every record) → distinct entities; pairs among the top ones. */
function referenceNetwork(index: CorpusIndex, minWeight: number, maxNodes: number) {
  const kept = topEntities(index, maxNodes);
  const pairs = new Map<string, number>();
  for (const doc of index.documents()) {
    const groups = new Map<number, Set<string>>();
    for (const m of index.mentionsIn(doc.path)) {
      const r = doc.records.findIndex((x) => m.start >= x.span.start && m.start < x.span.end);
      if (!groups.has(r)) groups.set(r, new Set());
      if (kept.includes(m.entityId)) groups.get(r)!.add(m.entityId);
    }
    for (const set of groups.values()) {
      const list = [...set].sort();
      for (let i = 0; i < list.length; i++) for (let j = i + 1; j < list.length; j++) pairs.set(`${list[i]} ${list[j]}`, (pairs.get(`${list[i]} ${list[j]}`) ?? 0) + 1);
    }
  }
  return new Map([...pairs].filter(([, w]) => w >= minWeight));
}

function check(index: CorpusIndex, random: () => number, round: string): void {
  const top = topEntities(index, 12);
  const ids = [...top.slice(0, 6), 'missing/entity'];
  for (const granularity of ['year', 'month', 'decade'] as const) {
    const m = entityPeriodMatrix(index, new PassageDater(index), (id) => id, { entityIds: ids, granularity });
    const got = new Map(m.cells.map((c) => [`${m.rows[c.row]!.key} ${m.cols[c.col]!.key}`, c.count]));
    const want = referencePeriods(index, ids, granularity);
    assert.deepEqual(got, want.cells, `${round}: entity × ${granularity}`);
    assert.equal(m.skipped['undated'] ?? 0, want.undated, `${round}: undated`);
    assert.equal(m.skipped[`dated less precisely than a ${granularity}`] ?? 0, want.vague, `${round}: vague`);
    const t = timeline({ corpus: index, dater: new PassageDater(index), annotations: [], name: (id) => id }, { entityIds: ids, granularity });
    for (const s of t.series) {
      const id = s.key.slice('entity:'.length);
      t.periods.forEach((p, i) => assert.equal(s.counts[i], want.cells.get(`${id} ${p}`) ?? 0, `${round}: timeline ${id} ${p}`));
    }
    const [id, period] = [...want.cells.keys()][Math.floor(random() * want.cells.size)]!.split(' ') as [string, string];
    assert.equal(entityPeriodSegments(index, new PassageDater(index), id, period, granularity).length, want.cells.get(`${id} ${period}`), `${round}: cell passages`);
  }
  for (const [minWeight, maxNodes] of [[1, 150], [2, 8], [3, 15]] as const) {
    const net = cooccurrenceNetwork(index, (id) => id, { minWeight, maxNodes });
    assert.deepEqual(new Map(net.edges.map((e) => [`${e.source} ${e.target}`, e.weight])), referenceNetwork(index, minWeight, maxNodes), `${round}: network ${minWeight}/${maxNodes}`);
  }
  // The index's ordered entries: every mention of an entity by path, then offset.
  for (const id of top.slice(0, 4)) {
    const listed: Array<[string, number]> = [];
    index.eachMentionOf(id, (path, start) => listed.push([path, start]));
    const want = index.documents().flatMap((d) => index.mentionsIn(d.path).filter((m) => m.entityId === id).map((m): [string, number] => [d.path, m.start]));
    want.sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : a[1] - b[1]));
    assert.deepEqual(listed, want, `${round}: mentions of ${id} in order`);
    assert.deepEqual(index.mentionsOf(id).map((m) => [m.path, m.start]), want, `${round}: mentionsOf ${id}`);
  }
}

describe('views: fast aggregates = reference implementations (random corpora)', () => {
  for (const seed of [1, 2, 3, 4, 5]) {
    it(`seed ${seed}: entity × period, timeline, cell passages, co-occurrence network, mention order, across index changes`, () => {
      const random = rng(seed);
      const index = new CorpusIndex({ analyse: randomAnalyse(random) });
      const paths = Array.from({ length: 30 }, (_, i) => `/r/${String(Math.floor(random() * 1000)).padStart(3, '0')}-${i}.txt`);
      const text = 'x'.repeat(LENGTH);
      for (const p of paths) index.set(p, text);
      check(index, random, 'built');
      // Queries made the ordered lists; change the index under them.
      index.set(paths[3]!, text);
      index.rename(paths[5]!, '/r/000-first.txt');
      index.rename(paths[6]!, '/r/zzz-last.txt');
      check(index, random, 'set again, renamed');
      index.remove(paths[7]!);
      index.set('/r/500-new.txt', text);
      check(index, random, 'changed');
    });
  }
});
