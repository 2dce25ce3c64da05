import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import bundled from '../../data/topics.yaml';
import { cacheHeader, cacheLine, parseCachedDocument, readCache } from '../../src/core/corpus/cache';
import { CorpusIndex, type DocumentAnalysis, type IndexChange } from '../../src/core/corpus/index';
import { parseDocument } from '../../src/core/corpus/model';
import { loadTopics } from '../../src/core/corpus/topics';
import type { DateMention, EntityMention } from '../../src/core/types';

const samples = path.join(__dirname, '..', '..', 'samples');
const files = fs.readdirSync(samples).sort();
const read = (prefix: string) => fs.readFileSync(path.join(samples, files.find((f) => f.startsWith(prefix))!), 'utf8');

/** A fake recogniser: a few fixed names, and four-digit years as dates. */
const NAMES: Array<[string, string]> = [
  ['中导条约', 'treaty/INF'], ['俄罗斯', 'country/RU'], ['美国', 'country/US'], ['普京', 'person/putin'], ['北约', 'organization/NATO'],
  ['上海合作组织', 'organization/SCO'], ['集安组织', 'organization/CSTO'], ['Russia', 'country/RU'],
];
function fakeAnalyse(_path: string, text: string): DocumentAnalysis {
  const entities: EntityMention[] = [];
  for (const [name, id] of NAMES) {
    for (let i = text.indexOf(name); i >= 0; i = text.indexOf(name, i + name.length)) {
      entities.push({ kind: 'entity', start: i, end: i + name.length, text: name, entityId: id, type: 'other', confirmed: true, via: 'alias' });
    }
  }
  entities.sort((a, b) => a.start - b.start);
  const dates: DateMention[] = [];
  for (const m of text.matchAll(/(?:19|20)\d{2}年/g)) dates.push({ kind: 'date', start: m.index, end: m.index + m[0].length, text: m[0], value: m[0].slice(0, 4), type: 'DATE', anchor: 'explicit' });
  return { doc: parseDocument(text), entities, dates };
}

const topics = loadTopics([{ file: 'topics.yaml', text: bundled }]).value;
const count = (text: string, s: string) => text.split(s).length - 1;

describe('CorpusIndex', () => {
  it('set: documents, records, mention and date counts', () => {
    const index = new CorpusIndex({ analyse: fakeAnalyse, topics });
    const t0 = read('000');
    index.set('/c/000.txt', t0);
    const [doc] = index.documents();
    assert.equal(doc!.path, '/c/000.txt');
    assert.equal(doc!.shape, 'listing');
    assert.equal(doc!.records.length, 18);
    assert.equal(doc!.records[0]!.source, '现代国际关系');
    assert.equal(doc!.records[0]!.dateText, '2015');
    assert.equal(doc!.records[1]!.label, '美俄关系“重启”前景分析');
    assert.ok(doc!.records[2]!.label.startsWith('美俄关系是世界上最重要的大国关系之一'), 'untitled records are labelled by their first words');
    assert.equal(doc!.entityCount, fakeAnalyse('', t0).entities.length);
    const analysis = fakeAnalyse('', t0);
    const r1 = doc!.records[0]!;
    const inR1 = analysis.entities.filter((m) => m.start >= r1.span.start && m.end <= r1.span.end).length;
    assert.ok(inR1 > 5);
    assert.equal(r1.entityCount, inR1);
    assert.equal(doc!.dateCount, analysis.dates.length);
    assert.equal(r1.dateCount, analysis.dates.filter((m) => m.start < r1.span.end).length);
    assert.ok(!('metadataSpans' in doc!.records[0]!));
  });

  it('cooccurring answers from its cache only while no document changed', () => {
    const index = new CorpusIndex({ analyse: fakeAnalyse, topics });
    index.set('/c/a.txt', '北约与美国。');
    const first = index.cooccurring('organization/NATO', 5);
    assert.deepEqual(first, [{ entityId: 'country/US', count: 1 }]);
    first[0]!.count = 99;
    first.push({ entityId: 'x', count: 1 });
    assert.deepEqual(index.cooccurring('organization/NATO', 5), [{ entityId: 'country/US', count: 1 }], "a caller's change does not reach the cache");
    index.set('/c/b.txt', '北约与俄罗斯。北约与美国。');
    assert.deepEqual(index.cooccurring('organization/NATO', 5), [
      { entityId: 'country/US', count: 2 },
      { entityId: 'country/RU', count: 1 },
    ]);
    assert.deepEqual(index.cooccurring('organization/NATO', 1), [{ entityId: 'country/US', count: 2 }], 'n is part of the key');
    index.set('/c/b.txt', '北约与俄罗斯。');
    assert.deepEqual(index.cooccurring('organization/NATO', 5), [
      { entityId: 'country/RU', count: 1 },
      { entityId: 'country/US', count: 1 },
    ]);
    index.rename('/c/a.txt', '/c/b.txt');
    assert.deepEqual(index.cooccurring('organization/NATO', 5), [{ entityId: 'country/US', count: 1 }], 'renamed over another document');
    index.remove('/c/b.txt');
    assert.deepEqual(index.cooccurring('organization/NATO', 5), []);
  });

  it('queries: mentionsOf, entityCounts, cooccurring, datesOf, recordAt, topics, symbols', () => {
    const index = new CorpusIndex({ analyse: fakeAnalyse, topics });
    const t0 = read('000');
    const t4 = read('004');
    index.set('/c/000.txt', t0);
    index.set('/c/004.txt', t4);
    const inf = index.mentionsOf('treaty/INF');
    assert.equal(inf.length, count(t0, '中导条约') + count(t4, '中导条约'));
    for (const m of inf) assert.equal(t0.slice(m.start, m.end), '中导条约');
    assert.deepEqual(inf.map((m) => m.recordId), ['r1', 'r1', 'r1', 'r1', 'r1', 'r7', 'r7'].slice(0, inf.length));
    const counts = index.entityCounts();
    assert.deepEqual(counts.get('organization/CSTO'), { count: count(t4, '集安组织'), documents: 1 });
    assert.deepEqual(counts.get('country/RU'), { count: count(t0, '俄罗斯') + count(t0, 'Russia') + count(t4, '俄罗斯') + count(t4, 'Russia'), documents: 2 });
    assert.equal(index.mentionsOf('nobody').length, 0);
    const co = index.cooccurring('treaty/INF', 5);
    assert.deepEqual(co.map((c) => c.entityId).sort(), ['country/RU', 'country/US']);
    assert.ok(co.every((c) => c.count === 2), 'INF shares two records (r1, r7) with Russia and the US');
    // one-record documents: every entity shares one record with every other; the most mentioned come first
    const single = new CorpusIndex({ analyse: fakeAnalyse, topics });
    single.set('/c/one.txt', '北约与上海合作组织。上海合作组织、上海合作组织；美国、美国；俄罗斯。');
    assert.deepEqual(single.cooccurring('organization/NATO', 3), [
      { entityId: 'organization/SCO', count: 1 },
      { entityId: 'country/US', count: 1 },
      { entityId: 'country/RU', count: 1 },
    ]);
    assert.ok(index.datesOf('/c/000.txt').length > 0);
    assert.deepEqual(index.datesOf('/c/none.txt'), []);
    const r5 = parseDocument(t0).records[4]!;
    assert.equal(index.recordAt('/c/000.txt', r5.span.start + 3)!.id, 'r5');
    assert.equal(index.recordAt('/c/000.txt', r5.span.end + 1), undefined, 'between records');
    assert.equal(index.record('/c/004.txt', 'r20')!.label.slice(0, 12), "NATO's entry");

    const arms = index.recordsForTopic('arms-control');
    assert.ok(arms.some((r) => r.path === '/c/000.txt' && r.recordId === 'r1'));
    assert.ok(arms.every((r, i) => i === 0 || arms[i - 1]!.score >= r.score), 'best first');
    assert.ok(index.recordsForTopic('csto').some((r) => r.path === '/c/004.txt' && r.recordId === 'r1'));
    assert.ok(index.recordsForTopic('us-russia').length >= 10);
    const r1Topics = index.topicsOfRecord('/c/000.txt', 'r1');
    assert.equal(r1Topics[0]!.topicId, 'arms-control');
    assert.ok(r1Topics[0]!.evidence.includes('treaty/INF'));
    assert.ok(index.topicCounts().get('sco-central-asia')! >= 5);

    const syms = index.symbols();
    assert.ok(syms.some((s) => s.kind === 'entity' && s.entityId === 'treaty/INF' && s.name === '中导条约' && s.path === '/c/000.txt'));
    assert.ok(syms.some((s) => s.kind === 'record' && s.name === '反恐:审视美俄关系的另一种视角'));
    const q = index.symbols('反恐');
    assert.ok(q.length >= 1 && q.every((s) => s.name.includes('反恐')));
    assert.ok(index.symbols('treaty/inf').some((s) => s.entityId === 'treaty/INF'));
    assert.ok(index.symbols('中導條約').some((s) => s.entityId === 'treaty/INF'), 'folded query');
  });

  /** An index of 000 as /a.txt and 004 as /b.txt, with the change events it fires. */
  const twoDocuments = () => {
    const index = new CorpusIndex({ analyse: fakeAnalyse, topics });
    const events: IndexChange[] = [];
    const sub = index.onDidChange((e) => events.push(e));
    index.set('/a.txt', read('000'));
    index.set('/b.txt', read('004'));
    return { index, events, sub };
  };
  const pathsOf = (items: ReadonlyArray<{ path: string }>) => [...new Set(items.map((i) => i.path))];

  it('set replaces a document: its old mentions and topics are gone from every query', () => {
    const { index } = twoDocuments();
    assert.equal(index.entityCounts().get('treaty/INF')!.count, count(read('000'), '中导条约'));
    index.set('/a.txt', '俄罗斯 与 北约。');
    assert.equal(index.entityCounts().get('treaty/INF'), undefined, 'replaced document drops its old mentions');
    assert.deepEqual(index.mentionsOf('organization/NATO').filter((m) => m.path === '/a.txt').map((m) => m.text), ['北约']);
    assert.equal(index.recordsForTopic('arms-control').length, 0);
  });

  it('rename moves the document, its mentions, topic records and symbols to the new path', () => {
    const { index } = twoDocuments();
    index.rename('/b.txt', '/c.txt');
    assert.equal(index.document('/b.txt'), undefined);
    assert.equal(index.document('/c.txt')!.records.length, 20);
    assert.deepEqual(pathsOf(index.mentionsOf('organization/CSTO')), ['/c.txt']);
    assert.deepEqual(pathsOf(index.recordsForTopic('csto')), ['/c.txt']);
    assert.deepEqual(pathsOf(index.symbols('集安组织')), ['/c.txt']);
  });

  it('remove drops the document from every query; removing it again returns false', () => {
    const { index } = twoDocuments();
    assert.equal(index.remove('/b.txt'), true);
    assert.equal(index.entityCounts().get('organization/CSTO'), undefined);
    assert.deepEqual(index.recordsForTopic('csto'), []);
    assert.deepEqual(index.cooccurring('organization/CSTO', 3), []);
    assert.equal(index.remove('/b.txt'), false);
  });

  it('fires one change event per set, rename and remove, none after the listener is disposed', () => {
    const { index, events, sub } = twoDocuments();
    index.set('/a.txt', '俄罗斯 与 北约。');
    index.rename('/b.txt', '/c.txt');
    index.remove('/c.txt');
    index.remove('/c.txt');
    assert.deepEqual(events.map((e) => e.kind), ['set', 'set', 'set', 'rename', 'remove']);
    assert.deepEqual(events[3]!.paths, ['/b.txt', '/c.txt']);
    sub.dispose();
    index.set('/d.txt', 'x');
    assert.equal(events.length, 5, 'disposed listener is not called');
  });

  it('setTopics evaluates the records again: with no topics, a record has none', () => {
    const { index } = twoDocuments();
    assert.notDeepEqual(index.topicsOfRecord('/a.txt', 'r1'), []);
    index.setTopics(loadTopics([]).value);
    assert.deepEqual(index.topicsOfRecord('/a.txt', 'r1'), []);
  });

  it('indexAll: sync and async sources, progress, yielding, batched events, failures', async () => {
    const failing = (p: string, text: string) => {
      if (p.endsWith('bad.txt')) throw new Error('cannot analyse');
      return fakeAnalyse(p, text);
    };
    const index = new CorpusIndex({ analyse: failing, topics });
    const list = [...files.map((f) => ({ path: `/s/${f}`, text: fs.readFileSync(path.join(samples, f), 'utf8') })), { path: '/s/bad.txt', text: 'x' }];
    const progress: Array<[number, number | undefined]> = [];
    const events: IndexChange[] = [];
    index.onDidChange((e) => events.push(e));
    let ticks = 0;
    const timer = setInterval(() => ticks++, 0);
    const result = await index.indexAll(list, { onProgress: (d, t) => progress.push([d, t]), yieldEvery: 2 });
    clearInterval(timer);
    assert.deepEqual(result, { indexed: 5, cancelled: false, failed: [{ path: '/s/bad.txt', error: 'cannot analyse' }] });
    assert.deepEqual(progress, [[1, 6], [2, 6], [3, 6], [4, 6], [5, 6], [6, 6]]);
    assert.equal(index.size, 5);
    assert.ok(ticks >= 1, 'the event loop ran while indexing');
    assert.ok(events.length >= 2 && events.length <= 4, `events batched per slice (${events.length})`);
    assert.deepEqual(new Set(events.flatMap((e) => e.paths)), new Set(list.slice(0, 5).map((f) => f.path)));

    async function* generate() {
      for (let i = 0; i < 4; i++) yield { path: `/g/${i}.txt`, text: read('004') };
    }
    const again = new CorpusIndex(fakeAnalyse);
    const seen: Array<number | undefined> = [];
    const r2 = await again.indexAll(generate(), { onProgress: (_d, t) => seen.push(t) });
    assert.equal(r2.indexed, 4);
    assert.deepEqual(seen, [undefined, undefined, undefined, undefined]);
    assert.equal(again.entityCounts().get('organization/CSTO')!.documents, 4);
  });

  it('indexAll stops when cancelled', async () => {
    const index = new CorpusIndex(fakeAnalyse);
    const token = { isCancellationRequested: false };
    const many = Array.from({ length: 50 }, (_, i) => ({ path: `/m/${i}.txt`, text: `俄罗斯 ${i}` }));
    const result = await index.indexAll(many, {
      token,
      yieldEvery: 5,
      onProgress: (done) => {
        if (done === 12) token.isCancellationRequested = true;
      },
    });
    assert.equal(result.cancelled, true);
    assert.ok(index.size >= 12 && index.size <= 15, `stopped early (${index.size})`);
    const cancelled = await new CorpusIndex(fakeAnalyse).indexAll(many, { token: { isCancellationRequested: true } });
    assert.deepEqual(cancelled, { indexed: 0, cancelled: true, failed: [] });
  });

  it('a failing analyser in set() keeps the previous entry', () => {
    let fail = false;
    const index = new CorpusIndex((p, t) => {
      if (fail) throw new Error('boom');
      return fakeAnalyse(p, t);
    });
    index.set('/a.txt', '普京');
    fail = true;
    assert.throws(() => index.set('/a.txt', '北约'), /boom/);
    assert.deepEqual(index.mentionsOf('person/putin').map((m) => m.path), ['/a.txt']);
  });
});

describe('prepared documents and the index cache format', () => {
  const paths = ['000', '001', '002', '003', '004'].map((p) => `/corpus/${p}.txt`);
  const texts = ['000', '001', '002', '003', '004'].map(read);
  const build = () => {
    const index = new CorpusIndex({ analyse: fakeAnalyse, topics });
    paths.forEach((p, i) => index.set(p, texts[i]!));
    return index;
  };
  const snapshot = (index: CorpusIndex) => ({
    documents: index.documents().sort((a, b) => a.path.localeCompare(b.path)),
    russia: index.mentionsOf('country/RU'),
    counts: [...index.entityCounts()].sort(),
    co: index.cooccurring('country/RU', 10),
    topics: [...index.topicCounts()].sort(),
    topicRecords: index.recordsForTopic('us-russia'),
    dates: paths.map((p) => index.datesOf(p)),
    symbols: index.symbols('普京'),
    records: index.symbols('').filter((s) => s.kind === 'record').length,
  });

  it('setPrepared of an exported document (through a cache line) gives the same answers as analysing it', () => {
    const original = build();
    const lines = paths.map((p) => {
      const prepared = original.exportPrepared(p)!;
      prepared.lines = new Uint32Array([0, 10, 20]);
      return cacheLine(p, `hash-${p}`, p.endsWith('001.txt') ? '2022-01-01' : undefined, prepared);
    });
    const file = `${cacheHeader('key-1', lines.length)}\n${lines.join('\n')}\n`;
    const { files, reason } = readCache(file, 'key-1');
    assert.equal(reason, undefined);
    assert.equal(files.size, 5);
    assert.equal(files.get('/corpus/001.txt')!.reference, '2022-01-01');
    assert.equal(files.get('/corpus/000.txt')!.reference, null);
    const restored = new CorpusIndex({ topics });
    for (const p of paths) {
      const prepared = parseCachedDocument(files.get(p)!.json);
      assert.deepEqual([...prepared.lines], [0, 10, 20]);
      restored.setPrepared(p, prepared);
    }
    assert.deepEqual(snapshot(restored), snapshot(original));
    assert.ok(snapshot(original).russia.length > 0 && snapshot(original).co.length > 0);
  });

  it('a cache read as UTF-8 bytes: the same documents as from its text, each line bytes until parsed; damaged lines and keys as from text', () => {
    const original = build();
    const line = (p: string) => cacheLine(p, `h-${p}`, p.endsWith('001.txt') ? '2022-01-01' : undefined, { ...original.exportPrepared(p)!, lines: new Uint32Array([0, 5]) });
    const text = `${cacheHeader('k', 5)}\n${paths.map(line).join('\n')}\n${line(paths[0]!).replace(paths[0]!, '/corpus/x.txt').slice(0, 40)}\n`;
    const bytes = Buffer.from(text, 'utf8');
    const fromText = readCache(text, 'k');
    const fromBytes = readCache(bytes, 'k');
    assert.deepEqual([...fromBytes.files.keys()], paths);
    for (const p of paths) {
      const t = fromText.files.get(p)!;
      const b = fromBytes.files.get(p)!;
      assert.ok(b.json instanceof Uint8Array);
      assert.equal(Buffer.from(b.json).toString('utf8'), t.json);
      assert.deepEqual([b.hash, b.reference], [t.hash, t.reference]);
      assert.deepEqual(parseCachedDocument(b.json), parseCachedDocument(t.json));
    }
    assert.deepEqual(readCache(bytes, 'other'), readCache(text, 'other'));
    assert.deepEqual(readCache(Buffer.from('not json'), 'k'), readCache('not json', 'k'));
    assert.deepEqual(readCache(new Uint8Array(0), 'k'), readCache('', 'k'));
  });

  it('prepare does not change the index; prepareDocument carries line starts', () => {
    const index = new CorpusIndex({ analyse: fakeAnalyse, topics });
    const p = index.prepare('/x.txt', 'a\nb\n俄罗斯');
    assert.equal(index.size, 0);
    assert.deepEqual([...p.lines], [0, 2, 4]);
    assert.deepEqual(p.entityIds, ['country/RU']);
    assert.deepEqual([...p.mentions], [4, 7, 0, 0, 1, 0]);
  });

  it('entityStats and firstMention answer without listing every mention', () => {
    const index = build();
    const all = index.mentionsOf('country/RU');
    assert.deepEqual(index.entityStats('country/RU'), { count: all.length, documents: new Set(all.map((m) => m.path)).size });
    assert.deepEqual(index.firstMention('country/RU'), all[0]);
    assert.deepEqual(index.entityStats('nope'), { count: 0, documents: 0 });
    assert.equal(index.firstMention('nope'), undefined);
  });

  it('symbol keys follow changes (remove, set again) entity by entity', () => {
    const index = build();
    const before = index.symbols('普京').length;
    assert.equal(before, 1);
    for (const p of paths) index.remove(p);
    assert.deepEqual(index.symbols('普京'), []);
    index.set(paths[1]!, texts[1]!);
    assert.equal(index.symbols('普京').length, count(texts[1]!, '普京') ? 1 : 0);
  });

  it('a cache of another key, format or a damaged file is not used; a damaged line drops that document only', () => {
    const original = build();
    const line = (p: string) => cacheLine(p, 'h', undefined, { ...original.exportPrepared(p)!, lines: new Uint32Array([0]) });
    const good = `${cacheHeader('k', 2)}\n${line(paths[0]!)}\n${line(paths[1]!)}`;
    assert.match(readCache(good, 'other').reason!, /changed/);
    assert.equal(readCache(good, 'other').files.size, 0);
    assert.match(readCache('{"format":"x","key":"k"}\n', 'k').reason!, /format/);
    assert.match(readCache('not json', 'k').reason!, /does not parse/);
    const damaged = `${cacheHeader('k', 2)}\n${line(paths[0]!).slice(0, 12)}\n${line(paths[1]!)}`;
    assert.deepEqual([...readCache(damaged, 'k').files.keys()], [paths[1]]);
    const cut = `${cacheHeader('k', 2)}\n${line(paths[0]!)}\n${line(paths[1]!).slice(0, 200)}`;
    const files = readCache(cut, 'k').files;
    assert.doesNotThrow(() => parseCachedDocument(files.get(paths[0]!)!.json));
    assert.throws(() => parseCachedDocument(files.get(paths[1]!)!.json));
  });
});

describe('the compact index (one buffer per document, strings shared)', () => {
  const texts = ['000', '001', '002', '003', '004'].map(read);
  /** fakeAnalyse, with a date carrying a modifier and one without. */
  const analyse = (p: string, text: string): DocumentAnalysis => {
    const a = fakeAnalyse(p, text);
    a.dates = a.dates.map((d, i) => (i % 2 ? { ...d, mod: 'APPROX', anchor: `anchored ${i}` } : d));
    return a;
  };
  /** What the index was given, in a stable form: mentions as a sorted list of tuples (the index orders them by entity). */
  const given = (p: ReturnType<CorpusIndex['prepare']>) => {
    const mentions: string[] = [];
    for (let k = 0; k < p.mentions.length; k += 6) {
      const m = p.mentions;
      mentions.push(`${m[k]}-${m[k + 1]} ${p.entityIds[m[k + 2]!]} ${p.surfaces[m[k + 3]!]} r${m[k + 4]} f${m[k + 5]}`);
    }
    return { shape: p.shape, length: p.length, records: p.records, labelKeys: p.labelKeys, dates: p.dates, topics: p.topics, mentions: mentions.sort() };
  };

  it('exportPrepared gives back every mention, date (with its modifier), topic match with its evidence and label key', () => {
    const index = new CorpusIndex({ analyse, topics });
    const prepared = texts.map((t, i) => index.prepare(`/c/${i}.txt`, t));
    const copies = prepared.map((p) => structuredClone(p));
    copies.forEach((p, i) => index.setPrepared(`/c/${i}.txt`, p));
    prepared.forEach((p, i) => assert.deepEqual(given(index.exportPrepared(`/c/${i}.txt`)!), given(p)));
    assert.ok(prepared.some((p) => p.dates.some((d) => d.mod === 'APPROX')) && prepared.some((p) => p.topics.some((t) => t.evidence.length > 1)));
    const p0 = prepared[0]!;
    assert.deepEqual(index.datesOf('/c/0.txt'), p0.dates);
    const r = p0.topics[0]!;
    assert.deepEqual(index.topicsOfRecord('/c/0.txt', p0.records[r.record]!.id), p0.topics.filter((t) => t.record === r.record).map(({ topicId, score, evidence }) => ({ topicId, score, evidence })));
    // A record's label is its title: one string for both.
    const titled = index.document('/c/0.txt')!.records.find((x) => x.title !== undefined)!;
    assert.equal(titled.label, titled.title);
  });

  it('replacing a document many times answers as indexing it once, and keeps no trace of the old versions', () => {
    const index = new CorpusIndex({ analyse, topics });
    const once = new CorpusIndex({ analyse, topics });
    texts.forEach((t, i) => once.set(`/c/${i}.txt`, t));
    texts.forEach((t, i) => index.set(`/c/${i}.txt`, t));
    for (let k = 0; k < 42; k++) index.set('/c/1.txt', k % 2 ? texts[1]! : texts[0]!); // the last is texts[1]; more than the lists' slack (8)
    const answers = (x: CorpusIndex) => ({
      ru: x.mentionsOf('country/RU'),
      counts: [...x.entityCounts()].sort(),
      co: x.cooccurring('country/RU', 20),
      topics: [...x.topicCounts()].sort(),
      records: x.recordsForTopic('us-russia'),
      dates: texts.map((_, i) => x.datesOf(`/c/${i}.txt`)),
      symbols: x.symbols(''),
      recordEntities: x.recordEntities('/c/1.txt'),
    });
    assert.deepEqual(answers(index), answers(once));
    // (internals) the per-entity document lists are compacted; every shared string is released with its documents.
    const internals = index as unknown as { entityDocs: Map<number, { docs: unknown[]; live: number }>; strings: { refs: number[] } };
    for (const { docs, live } of internals.entityDocs.values()) assert.ok(docs.length <= 2 * live + 8, `${docs.length} entries for ${live} documents`);
    for (let i = 0; i < texts.length; i++) index.remove(`/c/${i}.txt`);
    assert.equal(internals.entityDocs.size, 0);
    assert.deepEqual(internals.strings.refs.filter((r) => r > 0), []);
  });

  it('setTopics forgets the topic matches and releases their strings; the documents keep their dates', () => {
    const index = new CorpusIndex({ analyse, topics });
    texts.forEach((t, i) => index.set(`/c/${i}.txt`, t));
    const dates = texts.map((_, i) => index.datesOf(`/c/${i}.txt`));
    assert.ok(index.recordsForTopic('us-russia').length > 0);
    index.setTopics(loadTopics([]).value);
    assert.deepEqual([...index.topicCounts()], []);
    assert.deepEqual(index.topicsOfRecord('/c/0.txt', 'r1'), []);
    assert.deepEqual(texts.map((_, i) => index.datesOf(`/c/${i}.txt`)), dates);
    texts.forEach((_, i) => index.remove(`/c/${i}.txt`));
    assert.deepEqual((index as unknown as { strings: { refs: number[] } }).strings.refs.filter((r) => r > 0), []);
  });
});

describe('co-occurrence counters that follow the index', () => {
  const texts = ['000', '001', '002', '003', '004'].map(read);
  const ids = ['country/RU', 'country/US', 'person/putin', 'organization/NATO', 'treaty/INF', 'organization/SCO'];

  it('answers as a fresh count after every set, replace and remove, for the entities asked before', () => {
    const index = new CorpusIndex({ analyse: fakeAnalyse, topics });
    const docs = new Map<string, string>();
    let answered = 0;
    const steps: Array<[string, string | undefined]> = [
      ['/a', texts[0]], ['/b', texts[1]], ['/c', texts[2]], ['/b', texts[3]], ['/d', texts[4]], ['/a', undefined],
      ['/e', texts[0]], ['/c', undefined], ['/b', undefined], ['/d', undefined], ['/e', undefined], ['/f', texts[2]],
    ];
    for (const [path, text] of steps) {
      if (text === undefined) {
        index.remove(path);
        docs.delete(path);
      } else {
        index.set(path, text);
        docs.set(path, text);
      }
      const fresh = new CorpusIndex({ analyse: fakeAnalyse, topics });
      for (const [p, t] of docs) fresh.set(p, t);
      for (const id of ids) {
        // The reference: every record of every document, counted and sorted in full.
        const records = new Map<string, number>();
        const mentions = new Map<string, number>();
        for (const p of docs.keys()) {
          for (const r of fresh.recordEntities(p)) {
            if (!r.entityIds.includes(id)) continue;
            r.entityIds.forEach((other, k) => {
              if (other === id) return;
              records.set(other, (records.get(other) ?? 0) + 1);
              mentions.set(other, (mentions.get(other) ?? 0) + r.counts[k]!);
            });
          }
        }
        const sorted = [...records.keys()].sort((a, b) => records.get(b)! - records.get(a)! || mentions.get(b)! - mentions.get(a)! || a.localeCompare(b));
        for (const n of [0, 1, 3, 10]) {
          const answer = index.cooccurring(id, n);
          const expected = sorted.slice(0, n).map((entityId) => ({ entityId, count: records.get(entityId)! }));
          assert.deepEqual(answer, expected, `${id} top ${n} after ${text === undefined ? 'removing' : 'setting'} ${path}`);
          assert.deepEqual(fresh.cooccurring(id, n), expected);
          answered += answer.length;
        }
      }
    }
    assert.ok(answered > 100, `${answered}`);
  });
});
