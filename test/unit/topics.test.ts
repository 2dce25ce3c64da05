import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import bundled from '../../data/topics.yaml';
import { parseDocument } from '../../src/core/corpus/model';
import { loadTopics, TopicSet, type Topic } from '../../src/core/corpus/topics';

const samples = path.join(__dirname, '..', '..', 'samples');
const read = (prefix: string) => fs.readFileSync(path.join(samples, fs.readdirSync(samples).find((f) => f.startsWith(prefix))!), 'utf8');
const BUNDLED = { file: '<bundled>/topics.yaml', text: bundled };

function topicsOfDocument(topics: TopicSet, text: string, entities: string[] = []): Set<string> {
  const found = new Set<string>();
  for (const r of parseDocument(text).records) for (const m of topics.match(text.slice(r.span.start, r.span.end), entities)) found.add(m.topicId);
  return found;
}

const topic = (over: Partial<Topic>): Topic => ({ id: 't', label: { en: 'T' }, description: '', keywords: [], entities: [], minScore: 1, file: '', ...over });

describe('topics', () => {
  const loaded = loadTopics([BUNDLED]);
  const topics = loaded.value;

  it('bundled list loads cleanly with at least 14 bilingual topics', () => {
    assert.deepEqual(loaded.problems, []);
    assert.ok(topics.size >= 14);
    for (const t of topics.all()) {
      assert.ok(t.label.en && t.label['zh-Hans'], `${t.id} labels`);
      assert.ok(t.description, `${t.id} description`);
      assert.ok(t.keywords.length > 0, `${t.id} keywords`);
      for (const e of t.entities) assert.match(e, /^(country\/[A-Z]{2}|organization|treaty|person|place|event)\/?[\w.-]*/);
    }
    for (const id of ['arms-control', 'nato-enlargement', 'sanctions', 'ukraine', 'syria', 'iran-nuclear', 'summitry', 'sco-central-asia', 'trade-wto', 'counter-terrorism', 'us-russia', 'china-russia', 'energy', 'strategic-autonomy', 'csto']) {
      assert.ok(topics.get(id), id);
    }
  });

  it('every topic entity id exists in the bundled knowledge base', () => {
    const kb = fs.readFileSync(path.join(__dirname, '..', '..', 'data', 'knowledge.yaml'), 'utf8');
    const ids = new Set([...kb.matchAll(/^\s*- id: (\S+)\s*$/gm)].map((m) => m[1]!));
    assert.ok(ids.size > 100);
    const missing = topics.all().flatMap((t) => t.entities.filter((e) => !ids.has(e)).map((e) => `${t.id}: ${e}`));
    assert.deepEqual(missing, []);
  });

  it('000 (US–Russia listing) -> arms control/INF and US–Russia relations', () => {
    const text = read('000');
    const found = topicsOfDocument(topics, text);
    assert.ok(found.has('arms-control'));
    assert.ok(found.has('us-russia'));
    const first = parseDocument(text).records[0]!;
    const m = topics.match(text.slice(first.span.start, first.span.end), ['treaty/INF']);
    assert.equal(m[0]!.topicId, 'arms-control');
    assert.ok(m[0]!.evidence.includes('中导条约 ×5'));
    assert.ok(m[0]!.evidence.includes('treaty/INF'));
  });

  it('004 (Central Asia listing) -> SCO/Central Asia and CSTO', () => {
    const text = read('004');
    const found = topicsOfDocument(topics, text);
    assert.ok(found.has('sco-central-asia'));
    assert.ok(found.has('csto'));
    const r1 = parseDocument(text).records[0]!;
    const ids = topics.match(text.slice(r1.span.start, r1.span.end), []).map((m) => m.topicId);
    assert.ok(ids.includes('csto'));
  });

  it('traditional Chinese text matches simplified keywords (002, 003)', () => {
    const qa = topicsOfDocument(topics, read('002'));
    for (const id of ['summitry', 'us-russia', 'syria', 'sanctions', 'ukraine']) assert.ok(qa.has(id), id);
    const summary = topicsOfDocument(topics, read('003'));
    assert.ok(summary.has('strategic-autonomy'));
  });

  it('scores: capped counts, nested keywords counted once, entities add 1, Latin word boundaries', () => {
    const set = new TopicSet([topic({ id: 'iran', keywords: ['伊朗', '伊朗核问题', 'INF'], entities: ['country/IR'], minScore: 2 })]);
    assert.deepEqual(set.match('伊朗核问题', []), []); // one occurrence of the longer keyword only: score 1
    const m = set.match('伊朗核问题。伊朗。伊朗。伊朗。伊朗。', ['country/IR', 'country/US']);
    assert.deepEqual(m, [{ topicId: 'iran', score: 5, evidence: ['伊朗 ×4', '伊朗核问题', 'country/IR'] }]);
    assert.deepEqual(set.match('information informs', []), []);
    assert.equal(set.match('The INF treaty; INF.', [])[0]!.score, 2);
    assert.equal(set.match('伊朗核問題 伊朗', [])[0]!.score, 2, 'folded traditional');
    assert.deepEqual(TopicSet.empty.match('anything', ['country/RU']), []);
  });

  it('workspace file overrides by id, adds, removes; problems carry file:line', () => {
    const workspace = {
      file: '/ws/.corpus-lens/topics.yaml',
      text: [
        'topics:',
        '  - id: energy',
        '    label: Energy (custom)',
        '    keywords: [LNG, 液化天然气]',
        '  - id: sanctions',
        '    enabled: false',
        '  - id: arctic',
        '    label: { en: Arctic, zh-Hans: 北极 }',
        '    keywords: [北极, Arctic]',
        '    entities: [place/arctic]',
        '  - id: broken',
        '    label: { en: Broken }',
        '    keywords: [a]',
        '    minScore: -1',
        '  - id: nothing',
        '    label: Nothing',
        '  - id: odd',
        '    label: Odd',
        '    keywords: [x]',
        '    colour: red',
        '    entities: ["not an id"]',
      ].join('\n'),
    };
    const { value, problems } = loadTopics([BUNDLED, workspace]);
    assert.equal(value.get('energy')!.label.en, 'Energy (custom)');
    assert.deepEqual(value.get('energy')!.keywords, ['LNG', '液化天然气']);
    assert.equal(value.get('energy')!.file, workspace.file);
    assert.equal(value.get('sanctions'), undefined);
    assert.deepEqual(value.get('arctic')!.label, { en: 'Arctic', 'zh-Hans': '北极' });
    assert.equal(value.get('broken'), undefined);
    assert.equal(value.get('nothing'), undefined);
    assert.equal(value.get('odd'), undefined);
    assert.equal(value.size, loaded.value.size); // +arctic -sanctions
    const at = (line: number) => problems.filter((p) => p.file === workspace.file && p.line === line);
    assert.match(at(14)[0]!.message, /minScore/);
    assert.match(at(15)[0]!.message, /no keywords and no entities/);
    assert.match(at(20)[0]!.message, /unknown key "colour"/);
    assert.equal(at(20)[0]!.severity, 'warning');
    assert.match(at(21)[0]!.message, /entity ids look like/);
  });

  it('broken YAML and wrong shapes are reported, never thrown', () => {
    const bad = loadTopics([BUNDLED, { file: 'w.yaml', text: 'topics:\n  - id: a\n    keywords: [unclosed\n' }]);
    assert.equal(bad.value.size, loaded.value.size, 'bundled topics survive');
    assert.ok(bad.problems.length > 0 && bad.problems.every((p) => p.file === 'w.yaml' && p.line >= 1));
    assert.match(loadTopics([{ file: 'x.yaml', text: 'topics: 3' }]).problems[0]!.message, /must be a list/);
    assert.match(loadTopics([{ file: 'x.yaml', text: '- 1\n- 2' }]).problems[0]!.message, /mapping/);
    assert.deepEqual(loadTopics([{ file: 'x.yaml', text: '' }]).problems, []);
    const dup = loadTopics([{ file: 'd.yaml', text: 'topics:\n  - {id: a, label: A, keywords: [x]}\n  - {id: a, label: B, keywords: [y]}\n' }]);
    assert.equal(dup.value.get('a')!.label.en, 'B');
    assert.equal(dup.problems[0]!.line, 3);
  });
});
