import * as assert from 'node:assert/strict';
import type { Annotation } from '../../src/core/annotations/schema';
import { CorpusIndex, type DocumentAnalysis } from '../../src/core/corpus/index';
import { parseDocument } from '../../src/core/corpus/model';
import { toSimplified } from '../../src/core/text/fold';
import type { DateMention, EntityMention } from '../../src/core/types';
import {
  codeCooccurrence, concordance, contextOf, cooccurrenceNetwork, documentCodeMatrix, entityPeriodMatrix, entityPeriodSegments, filterRows, holderTargetMatrix,
  KwicTable, type KwicRow, languageOf, matrixCsv, metadataGroupings, variableGrouping, PassageDater, periodOf, periodRange, rowsInPeriods, searchPattern, sortRows, stanceNetwork, tagCodes, timePoint, timeline, type ViewAnnotation,
} from '../../src/core/views/index';

const NAMES: Array<[string, string]> = [['俄罗斯', 'country/RU'], ['美国', 'country/US'], ['普京', 'person/putin'], ['北约', 'organization/NATO'], ['中国', 'country/CN']];

/** Known names as mentions, `YYYY年` and `YYYY年M月` as dates. */
function analyse(_path: string, text: string): DocumentAnalysis {
  const entities: EntityMention[] = [];
  for (const [name, id] of NAMES) {
    for (let i = text.indexOf(name); i >= 0; i = text.indexOf(name, i + name.length)) entities.push({ kind: 'entity', start: i, end: i + name.length, text: name, entityId: id, type: 'other', confirmed: true, via: 'alias' });
  }
  entities.sort((a, b) => a.start - b.start);
  const dates: DateMention[] = [];
  for (const m of text.matchAll(/((?:19|20)\d{2})年(?:(\d{1,2})月)?/g)) {
    const value = m[2] ? `${m[1]}-${m[2].padStart(2, '0')}` : m[1]!;
    dates.push({ kind: 'date', start: m.index, end: m.index + m[0].length, text: m[0], value, type: 'DATE', anchor: 'explicit' });
  }
  return { doc: parseDocument(text), entities, dates };
}

const TEXTS: Record<string, string> = {
  '/c/a.txt': '2014年3月，俄罗斯与美国关系紧张。普京批评北约东扩。\n' + '很多年以后，'.repeat(80) + '2022年俄罗斯再次批评北约。',
  '/c/b.txt': '2018年中国与俄罗斯举行会谈。美国表示关切。😀俄罗斯回应。',
  '/c/c.txt': '没有日期的文本：美国与中国，俄罗斯。',
};

function corpus(): CorpusIndex {
  const index = new CorpusIndex({ analyse });
  for (const [p, t] of Object.entries(TEXTS)) index.set(p, t);
  return index;
}

let n = 0;
function ann(path: string, quote: string, fields: Partial<Annotation> & { occurrence?: number } = {}): ViewAnnotation {
  const text = TEXTS[path]!;
  let start = text.indexOf(quote);
  for (let k = 1; k < (fields.occurrence ?? 1); k++) start = text.indexOf(quote, start + 1);
  assert.ok(start >= 0, quote);
  const { occurrence: _o, ...rest } = fields;
  const annotation = {
    id: `a-${++n}`,
    target: { selector: [{ type: 'TextQuoteSelector', exact: quote }] },
    claim: quote,
    stance: { polarity: 'neutral' },
    author: 'analyst',
    created: '2026-01-01T00:00:00Z',
    modified: '2026-01-01T00:00:00Z',
    ...rest,
  } as Annotation;
  return { path, start, end: start + quote.length, annotation };
}

function annotations(): ViewAnnotation[] {
  return [
    ann('/c/a.txt', '普京批评北约东扩', { stance: { polarity: 'oppose', intensity: -2 }, holder: { entity: 'person/putin' }, about: { entity: 'organization/NATO' }, tags: ['red-line', 'security'] }),
    ann('/c/a.txt', '俄罗斯再次批评北约', { stance: { polarity: 'oppose', intensity: -1 }, holder: { entity: 'person/putin' }, about: { entity: 'organization/NATO' }, tags: ['security'] }),
    ann('/c/b.txt', '美国表示关切', { stance: { polarity: 'oppose' }, holder: { text: '美方' }, about: { topic: 'sco' }, tags: ['concern'], when: '2019-05' }),
    ann('/c/b.txt', '俄罗斯回应', { stance: { polarity: 'support', intensity: 1 }, holder: { entity: 'country/RU' }, about: { topic: 'sco' } }),
  ];
}

const names: Record<string, string> = { 'person/putin': 'Putin', 'country/RU': 'Russia', 'country/US': 'United States', 'organization/NATO': 'NATO', 'country/CN': 'China' };
const name = (id: string) => names[id] ?? id;

describe('views: periods', () => {
  it('places EDTF values on the time axis', () => {
    assert.deepEqual(timePoint('2014-07'), { year: 2014, month: 7, precision: 'month' });
    assert.deepEqual(timePoint('2014-07-03'), { year: 2014, month: 7, day: 3, precision: 'day' });
    assert.deepEqual(timePoint('2018-22'), { year: 2018, month: 6, precision: 'month' });
    assert.deepEqual(timePoint('2019-33'), { year: 2019, month: 1, precision: 'month' });
    assert.deepEqual(timePoint('2006-W11'), { year: 2006, month: 3, precision: 'month' });
    assert.deepEqual(timePoint('196X'), { year: 1960, precision: 'decade' });
    assert.deepEqual(timePoint('20XX'), { year: 2000, precision: 'century' });
    assert.deepEqual(timePoint('2008-05/2012-05'), { year: 2008, month: 5, precision: 'month' });
    assert.deepEqual(timePoint('../2018'), { year: 2018, precision: 'year' });
    assert.deepEqual(timePoint('2014/..'), { year: 2014, precision: 'year' });
    assert.deepEqual(timePoint('2021-12-31T17:23:55'), { year: 2021, month: 12, day: 31, precision: 'day' });
    assert.equal(timePoint('XXXX-12-31'), undefined);
    assert.equal(timePoint('P10Y'), undefined);
  });

  it('period keys need enough precision, and ranges are continuous', () => {
    assert.equal(periodOf('2014-07', 'month'), '2014-07');
    assert.equal(periodOf('2014', 'month'), undefined);
    assert.equal(periodOf('2014-07', 'decade'), '2010s');
    assert.equal(periodOf('196X', 'year'), undefined);
    assert.deepEqual(periodRange('2013', '2016', 'year'), ['2013', '2014', '2015', '2016']);
    assert.deepEqual(periodRange('2013-11', '2014-02', 'month'), ['2013-11', '2013-12', '2014-01', '2014-02']);
    assert.deepEqual(periodRange('1990s', '2010s', 'decade'), ['1990s', '2000s', '2010s']);
  });
});

describe('views: passage dates', () => {
  it('takes the annotation date, a date near the passage, else the record date, else none', () => {
    const index = corpus();
    const dater = new PassageDater(index);
    const a = TEXTS['/c/a.txt']!;
    assert.deepEqual(dater.dateOf('/c/a.txt', a.indexOf('普京'), a.indexOf('普京') + 2), { value: '2014-03', point: { year: 2014, month: 3, precision: 'month' }, source: 'passage' });
    const late = a.lastIndexOf('俄罗斯');
    assert.equal(dater.dateOf('/c/a.txt', late, late + 3)?.value, '2022');
    // Far from both dates (more than the window): undated, the document has no record date.
    const mid = a.indexOf('很多年以后') + 240;
    assert.equal(dater.dateOf('/c/a.txt', mid, mid + 2), undefined);
    assert.equal(dater.dateOf('/c/a.txt', mid, mid + 2, '2015-06')?.source, 'annotation');
    assert.equal(dater.dateOf('/c/c.txt', 8, 10), undefined);
  });
});

describe('views: concordance', () => {
  const ctx = () => {
    const index = corpus();
    return { corpus: index, annotations: annotations(), textOf: (p: string) => TEXTS[p], codesOf: tagCodes, dater: new PassageDater(index), name };
  };

  it('entity hits with aligned context, record, date and holder', () => {
    const r = concordance({ kind: 'entity', entityIds: ['country/RU'] }, ctx(), { context: 4 });
    assert.equal(r.total, 5);
    assert.equal(r.rows.length, 5);
    const first = r.rows[0]!;
    assert.deepEqual([first.path, first.left, first.hit, first.right], ['/c/a.txt', '年3月，', '俄罗斯', '与美国关']);
    assert.equal(first.date, '2014-03');
    const inClaim = r.rows.find((x) => x.annotationId === 'a-' + (n - 2))!;
    assert.equal(inClaim.holder, 'Putin');
    // Context never splits the emoji's surrogate pair.
    const b = r.rows.find((x) => x.path === '/c/b.txt' && x.left.includes('😀'))!;
    assert.ok(!/[\ud800-\udbff]$|^[\udc00-\udfff]/.test(b.left));
  });

  it('contextOf keeps surrogate pairs whole and flattens line breaks', () => {
    assert.deepEqual(contextOf('a😀b\nc', 3, 4, 1), { left: '😀', hit: 'b', right: ' ' });
  });

  it('code, text, regex, date-range and segment queries', () => {
    const c = ctx();
    assert.deepEqual(concordance({ kind: 'code', codes: ['security'] }, c).rows.map((r) => r.hit), ['普京批评北约东扩', '俄罗斯再次批评北约']);
    assert.equal(concordance({ kind: 'text', pattern: '批评' }, c).total, 2);
    assert.equal(concordance({ kind: 'text', pattern: '俄.斯', regex: true }, c).total, 5);
    assert.match(concordance({ kind: 'text', pattern: '(', regex: true }, c).error!, /invalid regular expression/);
    assert.match(concordance({ kind: 'text', pattern: 'x*', regex: true }, c).error!, /empty string/);
    assert.deepEqual(concordance({ kind: 'date', from: '2015', to: '2020' }, c).rows.map((r) => r.hit), ['2018年']);
    const seg = concordance({ kind: 'segments', segments: [{ path: '/c/b.txt', start: 0, end: 5 }] }, c);
    assert.equal(seg.rows[0]!.hit, '2018年');
    assert.equal(concordance({ kind: 'entity', entityIds: ['country/RU'] }, c, { limit: 2 }).rows.length, 2);
    assert.equal(searchPattern({ pattern: 'a.b' }) instanceof RegExp, true);
  });

  it('sorts by left word, right word, date and holder; filters in any script', () => {
    const r = concordance({ kind: 'entity', entityIds: ['country/RU'] }, ctx(), { context: 6 }).rows;
    const row = (left: string, right: string, date?: string) => ({ path: '/p', start: 0, end: 1, left, hit: 'X', right, date });
    const manual = [row('the Big', 'small car', '2014'), row('a small', 'big deal', '2012-05'), row('美国和', '中国 a'), row('very big', 'Big apple', '196X')];
    assert.deepEqual(sortRows(manual, 'left').map((x) => x.left), ['the Big', 'very big', 'a small', '美国和'], '1L then 2L');
    assert.deepEqual(sortRows(manual, 'right').map((x) => x.right), ['Big apple', 'big deal', 'small car', '中国 a']);
    assert.deepEqual(sortRows(manual, 'date').map((x) => x.date), ['196X', '2012-05', '2014', undefined], 'undated last');
    assert.deepEqual(sortRows(manual, 'date', true).map((x) => x.date)[0], undefined);
    assert.equal(sortRows(r, 'holder')[0]!.holder !== undefined, true);
    assert.equal(filterRows(r, '俄羅斯').length, 5, 'traditional script matches simplified');
    assert.equal(filterRows(r, '回应').length, 1);
    assert.equal(rowsInPeriods(r, '2018', '2019', 'year').length, 2);
  });
});

describe('views: the concordance table (rows made when shown)', () => {
  const ctx = () => {
    const index = corpus();
    return { corpus: index, annotations: annotations(), textOf: (p: string) => TEXTS[p], codesOf: tagCodes, dater: new PassageDater(index), name };
  };

  it('sorts and filters as the row functions do, in place, and makes rows only when asked', () => {
    const t = new KwicTable({ kind: 'entity', entityIds: ['country/RU', 'country/US', 'country/CN'] }, ctx(), { context: 6 });
    const rows = t.rows();
    assert.equal(t.length, rows.length);
    const hitsOf = (order: Uint32Array) => t.rows(order).map((r) => `${r.path}:${r.start}`);
    const same = (a: KwicRow[]) => a.map((r) => `${r.path}:${r.start}`);
    for (const key of ['left', 'right', 'hit', 'date', 'holder', 'document'] as const) {
      for (const descending of [false, true]) assert.deepEqual(hitsOf(t.sort(key, descending)), same(sortRows(rows, key, descending)), `${key}${descending ? ' descending' : ''}: ${JSON.stringify(t.rows(t.sort(key, descending)).map((r) => r.left))} vs ${JSON.stringify(sortRows(rows, key, descending).map((r) => r.left))}`);
    }
    for (const f of ['俄羅斯', '回应', '2018', 'Putin', 'b.txt', 'zzz']) assert.deepEqual(hitsOf(t.filter(f)), same(filterRows(rows, f)), f);
    assert.deepEqual(hitsOf(t.inPeriods('2018', '2019', 'year')), same(rowsInPeriods(rows, '2018', '2019', 'year')));
    // A sort of a filtered subset keeps to the subset.
    const sub = t.filter('美国');
    assert.deepEqual([...t.sort('left', false, sub)].sort(), [...sub].sort());
  });

  it('hits of several entities come out in document order; a limit keeps the first', () => {
    const t = new KwicTable({ kind: 'entity', entityIds: ['country/US', 'country/RU'] }, ctx(), { limit: 3 });
    const all = concordance({ kind: 'entity', entityIds: ['country/US', 'country/RU'] }, ctx()).rows;
    assert.equal(t.total, all.length);
    assert.equal(t.length, 3);
    const key = (r: KwicRow) => `${r.path}:${String(r.start).padStart(6, '0')}`;
    assert.deepEqual(all.map(key), [...all.map(key)].sort(), 'document order');
    assert.deepEqual(t.rows().map(key), all.slice(0, 3).map(key));
  });

  it('line breaks count as spaces and case folds in the filter', () => {
    const index = new CorpusIndex({ analyse });
    const text = '俄罗斯\nTalks with 美国 end.';
    index.set('/d.txt', text);
    const t = new KwicTable({ kind: 'entity', entityIds: ['country/RU', 'country/US'] }, { corpus: index, annotations: [], textOf: () => text, codesOf: tagCodes, dater: new PassageDater(index), name });
    assert.equal(t.filter('俄罗斯 talks').length, 2);
    assert.equal(t.filter('TALKS WITH').length, 2);
  });
});

describe('views: groupings and coded passages', () => {
  it('the language of a text: English, simplified or traditional Chinese', () => {
    assert.equal(languageOf('Officials met in Geneva to talk about strategic stability.', toSimplified), 'English');
    assert.equal(languageOf('俄罗斯与美国就战略稳定问题举行会谈。', toSimplified), 'Chinese (simplified)');
    assert.equal(languageOf('俄羅斯與美國就戰略穩定問題舉行會談。', toSimplified), 'Chinese (traditional)');
    assert.equal(languageOf('12345', toSimplified), undefined);
  });

  it('document × code rows by a grouping, over coded units (segments and claims), with code labels', () => {
    const index = corpus();
    const coded = [
      { path: '/c/a.txt', start: 0, end: 5, codes: ['c1', 'c2'], segmentId: 's1' },
      { path: '/c/b.txt', start: 0, end: 5, codes: ['c1'], annotationId: 'x' },
      { path: '/c/c.txt', start: 0, end: 5, codes: ['c2'], segmentId: 's2' },
    ];
    const groups = metadataGroupings({ corpus: index, dater: new PassageDater(index), textOf: (p) => TEXTS[p], toSimplified });
    const year = groups.find((g) => g.id === 'year')!;
    const m = documentCodeMatrix({ annotations: [], codesOf: tagCodes, coded, codeLabel: (id) => id.toUpperCase(), name, corpus: index }, year.key);
    assert.deepEqual(m.rows.map((r) => r.key).sort(), ['2014', '2018']);
    assert.deepEqual(m.cols.map((c) => c.label).sort(), ['C1', 'C2']);
    assert.equal(m.skipped['no value of the grouping'], 1, 'the undated document has no year');
    const byVariable = variableGrouping('outlet', (p): Record<string, string> => (p === '/c/a.txt' ? { outlet: '新华社' } : {}));
    assert.deepEqual(documentCodeMatrix({ annotations: [], codesOf: tagCodes, coded, name, corpus: index }, byVariable.key).rows.map((r) => r.key), ['新华社']);
    const cc = codeCooccurrence({ annotations: [], codesOf: tagCodes, coded, name, corpus: index }, 'segment');
    assert.deepEqual(cc.cells.map((c) => `${cc.rows[c.row]!.key}-${cc.cols[c.col]!.key}:${c.count}`), ['c1-c1:2', 'c1-c2:1', 'c2-c1:1', 'c2-c2:2']);
  });

  it('a code concordance over coded units, with the codes below it', () => {
    const index = corpus();
    const coded = [{ path: '/c/b.txt', start: 0, end: 5, codes: ['child'] }];
    const ctx = { corpus: index, annotations: [], textOf: (p: string) => TEXTS[p], codesOf: tagCodes, coded, dater: new PassageDater(index), name };
    assert.equal(concordance({ kind: 'code', codes: ['parent'] }, ctx).rows.length, 0);
    assert.deepEqual(concordance({ kind: 'code', codes: ['parent'] }, { ...ctx, expandCode: (c) => [c, 'child'] }).rows.map((r) => r.hit), ['2018年']);
  });
});

describe('views: matrices', () => {
  const mctx = () => ({ annotations: annotations(), codesOf: tagCodes, name, corpus: corpus() });

  it('document × code counts segments and keeps their passages', () => {
    const m = documentCodeMatrix(mctx());
    assert.deepEqual(m.cols.map((c) => [c.key, c.total]), [['security', 2], ['concern', 1], ['red-line', 1]]);
    assert.deepEqual(m.rows.map((r) => [r.key, r.total]), [['/c/a.txt', 3], ['/c/b.txt', 1]]);
    const cell = m.cells.find((c) => m.rows[c.row]!.key === '/c/a.txt' && m.cols[c.col]!.key === 'security')!;
    assert.equal(cell.count, 2);
    assert.equal(m.segments.get(`${cell.row},${cell.col}`)!.length, 2);
    assert.equal(m.skipped['no code'], 1);
    assert.equal(documentCodeMatrix(mctx(), 'folder').rows[0]!.key, '/c');
    assert.match(matrixCsv(m), /^,security,concern,red-line\r\n\/c\/a.txt,2,,1\r\n/);
  });

  it('holder × target: count and mean stance', () => {
    const m = holderTargetMatrix(mctx());
    const putin = m.rows.findIndex((r) => r.key === 'entity:person/putin');
    const nato = m.cols.findIndex((c) => c.key === 'entity:organization/NATO');
    const cell = m.cells.find((c) => c.row === putin && c.col === nato)!;
    assert.equal(cell.count, 2);
    assert.equal(cell.mean, -1.5);
    assert.deepEqual(cell.polarity, { oppose: 2 });
    assert.equal(m.rows[putin]!.label, 'Putin');
    const us = m.cells.find((c) => m.rows[c.row]!.key === 'text:美方')!;
    assert.equal(us.mean, -1);
  });

  it('code × code co-occurrence on a segment, overlapping segments and a record', () => {
    const extra = [...annotations(), ann('/c/a.txt', '北约东扩', { tags: ['enlargement'] })];
    const ctxs = { annotations: extra, codesOf: tagCodes, name, corpus: corpus() };
    const cell = (m: ReturnType<typeof codeCooccurrence>, x: string, y: string) => m.cells.find((c) => m.rows[c.row]!.key === x && m.cols[c.col]!.key === y)?.count ?? 0;
    const seg = codeCooccurrence(ctxs, 'segment');
    assert.equal(cell(seg, 'red-line', 'security'), 1);
    assert.equal(cell(seg, 'security', 'security'), 2);
    assert.equal(cell(seg, 'enlargement', 'security'), 0);
    assert.equal(cell(codeCooccurrence(ctxs, 'overlap'), 'enlargement', 'security'), 1);
    assert.equal(cell(codeCooccurrence(ctxs, 'record'), 'enlargement', 'security'), 1);
    assert.deepEqual(seg.rows.map((r) => r.key), ['concern', 'enlargement', 'red-line', 'security']);
  });

  it('entity × period on a continuous axis, with the cell passages listed again', () => {
    const index = corpus();
    const dater = new PassageDater(index);
    const m = entityPeriodMatrix(index, dater, name, { entityIds: ['country/RU', 'country/US'], granularity: 'year' });
    assert.deepEqual(m.cols.map((c) => c.key), ['2014', '2015', '2016', '2017', '2018', '2019', '2020', '2021', '2022']);
    const ru = m.rows.findIndex((r) => r.key === 'country/RU');
    const at = (row: number, period: string) => m.cells.find((c) => c.row === row && m.cols[c.col]!.key === period)?.count ?? 0;
    assert.equal(at(ru, '2014'), 1);
    assert.equal(at(ru, '2018'), 2);
    assert.equal(at(ru, '2022'), 1);
    assert.equal(m.skipped['undated'], 2);
    assert.equal(entityPeriodSegments(index, dater, 'country/RU', '2018', 'year').length, 2);
  });
});

describe('views: timeline', () => {
  it('mentions per period by passage date, claims by stance', () => {
    const index = corpus();
    const t = timeline({ corpus: index, dater: new PassageDater(index), annotations: annotations(), name }, { entityIds: ['country/RU'], granularity: 'year' });
    assert.deepEqual(t.periods, ['2014', '2015', '2016', '2017', '2018', '2019', '2020', '2021', '2022']);
    assert.deepEqual(t.series[0]!.counts, [1, 0, 0, 0, 2, 0, 0, 0, 1]);
    assert.equal(t.series[0]!.undated, 1);
    assert.equal(t.series[0]!.label, 'Russia');
    assert.deepEqual(t.claims['oppose'], [1, 0, 0, 0, 0, 1, 0, 0, 1]);
    assert.deepEqual(t.claims['support'], [0, 0, 0, 0, 1, 0, 0, 0, 0]);
    assert.deepEqual(t.claimMarks.map((m) => [m.period, m.stance]), [['2014', -2], ['2018', 1], ['2019', -1], ['2022', -1]]);
    const top = timeline({ corpus: index, dater: new PassageDater(index), annotations: [], name }, { top: 2 });
    assert.deepEqual(top.series.map((s) => s.key), ['entity:country/RU', 'entity:country/US']);
  });
});

describe('views: networks', () => {
  it('co-occurrence within records with a threshold and communities', () => {
    const index = corpus();
    const net = cooccurrenceNetwork(index, name, { minWeight: 2 });
    const edge = (a: string, b: string) => net.edges.find((e) => (e.source === a && e.target === b) || (e.source === b && e.target === a));
    assert.equal(edge('country/RU', 'country/US')!.weight, 3);
    assert.equal(edge('country/CN', 'country/RU')!.weight, 2);
    assert.equal(edge('organization/NATO', 'person/putin'), undefined, 'one shared record is under the threshold');
    assert.ok(net.nodes.every((x) => x.community !== undefined));
    assert.equal(net.nodes[0]!.id, 'country/RU');
    assert.ok(net.dropped.edges > 0);
    const all = cooccurrenceNetwork(index, name, { minWeight: 1 });
    assert.equal(all.edges.find((e) => e.source === 'organization/NATO' && e.target === 'person/putin')!.weight, 1);
    assert.deepEqual(cooccurrenceNetwork(index, name, { minWeight: 1 }).nodes.map((x) => x.community), all.nodes.map((x) => x.community), 'seeded: same partition');
  });

  it('the fast paths (corpus totals, record entities) give the same network as the mention scan', () => {
    const index = corpus();
    const plain = { documents: () => index.documents(), document: (p: string) => index.document(p), mentionsOf: (id: string) => index.mentionsOf(id), mentionsIn: (p: string) => index.mentionsIn(p), datesOf: (p: string) => index.datesOf(p), entityCounts: () => index.entityCounts() };
    const strip = (n: ReturnType<typeof cooccurrenceNetwork>) => ({ nodes: n.nodes.map((x) => [x.id, x.weight, x.community]), edges: n.edges });
    const fast = strip(cooccurrenceNetwork(index, name, { minWeight: 1 }));
    assert.deepEqual(strip(cooccurrenceNetwork(plain, name, { minWeight: 1 })), fast);
    assert.deepEqual(strip(cooccurrenceNetwork({ ...plain, recordEntities: (p: string) => index.recordEntities(p) }, name, { minWeight: 1, include: () => true })), fast);
  });

  it('stance network: holder → target with mean stance', () => {
    const net = stanceNetwork(annotations(), name);
    const e = net.edges.find((x) => x.source === 'entity:person/putin')!;
    assert.deepEqual([e.target, e.weight, e.mean], ['entity:organization/NATO', 2, -1.5]);
    assert.equal(net.nodes.find((x) => x.id === 'entity:person/putin')!.label, 'Putin');
    assert.equal(net.edges.length, 3);
  });
});
