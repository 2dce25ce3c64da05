import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { defaultKnowledgeSource, loadKnowledge } from '../../src/core/entities/knowledge';
import { Trie } from '../../src/core/entities/trie';

const fixture = (name: string) => ({ file: name, text: fs.readFileSync(path.join(__dirname, '../fixtures/knowledge', name), 'utf8') });

describe('entities: knowledge loader', () => {
  it('loads the fixture with entity accessors', () => {
    const { value: kb, problems } = loadKnowledge([fixture('base.yaml')]);
    assert.deepEqual(problems, []);
    const ru = kb.get('country/RU')!;
    assert.equal(ru.name, 'Russia');
    assert.equal(ru.type, 'country');
    assert.equal(ru.names['zh-Hant'], '俄羅斯');
    assert.deepEqual([...ru.abbr], ['俄']);
    assert.equal(ru.wikidata, 'Q159');
    assert.ok(ru.description?.startsWith('Transcontinental'));
    assert.deepEqual(ru.allNames(), ['Russia', '俄罗斯', '俄羅斯', '俄罗斯联邦', 'Russian Federation', '俄国', '俄方']);
    assert.equal(kb.get('person/putin')!.country, 'country/RU');
    assert.ok(kb.byType('person').some((e) => e.id === 'person/putin'));
    assert.deepEqual([...new Set(kb.byType('person').map((e) => e.type))], ['person']);
    assert.equal(kb.get('nope/x'), undefined);
  });

  it('later sources override, extend and remove by id', () => {
    const workspace = {
      file: '/ws/.corpus-lens/knowledge.yaml',
      text: [
        'schema: corpus-lens/knowledge@1',
        'entities:',
        '  - id: person/putin',
        '    type: person',
        '    names: { en: V. V. Putin }',
        '  - extend: country/RU',
        '    aliases: [露西亚]',
        '    abbr: [露]',
        '  - id: person/obama',
        '    remove: true',
        '  - id: person/ushakov',
        '    type: person',
        '    names: { zh-Hans: 尤里·乌沙科夫 }',
      ].join('\n'),
    };
    const { value: kb, problems } = loadKnowledge([fixture('base.yaml'), workspace]);
    assert.deepEqual(problems, []);
    assert.equal(kb.get('person/putin')!.name, 'V. V. Putin');
    assert.deepEqual(kb.get('person/putin')!.aliases, []);
    assert.ok(kb.get('country/RU')!.aliases.includes('露西亚'));
    assert.ok(kb.get('country/RU')!.aliases.includes('俄方'));
    assert.deepEqual([...kb.get('country/RU')!.abbr], ['俄', '露']);
    assert.equal(kb.get('person/obama'), undefined);
    assert.equal(kb.get('person/ushakov')!.name, '尤里·乌沙科夫');
  });

  it('reports a broken entry at its line and keeps the rest', () => {
    const text = [
      'schema: corpus-lens/knowledge@1', // 1
      'entities:', // 2
      '  - id: country/XX', // 3
      '    type: country', // 4
      '    names: { en: Good }', // 5
      '  - id: country/YY', // 6
      '    type: contry', // 7
      '    names: { en: Bad }', // 8
      '  - id: person/zz', // 9
      '    type: person', // 10
      '    names: { en: Z }', // 11
      '    wikidata: 42', // 12
      '  - id: place/p', // 13
      '    type: place', // 14
      '    names: {}', // 15
      '  - extend: country/QQ', // 16
      '    aliases: [q]', // 17
    ].join('\n');
    const { value: kb, problems } = loadKnowledge([{ file: 'k.yaml', text }]);
    assert.ok(kb.get('country/XX'));
    assert.equal(kb.get('country/YY'), undefined);
    assert.equal(kb.get('person/zz'), undefined);
    const at = (line: number) => problems.find((p) => p.line === line);
    assert.equal(at(7)?.column, 11);
    assert.match(at(7)!.message, /country\/YY: type/);
    assert.equal(at(7)!.severity, 'error');
    assert.match(at(12)!.message, /wikidata/);
    assert.match(at(15)!.message, /needs at least one of en/);
    assert.equal(at(16)!.severity, 'warning');
    assert.match(at(16)!.message, /no entity with this id/);
  });

  it('a file that does not parse contributes nothing, with its line', () => {
    const bad = { file: 'bad.yaml', text: 'schema: corpus-lens/knowledge@1\nentities:\n  - id: country/AA\n    type: country\n    names: { en: A ]\n' };
    const { value: kb, problems } = loadKnowledge([fixture('base.yaml'), bad]);
    assert.ok(kb.get('country/RU'));
    assert.equal(kb.get('country/AA'), undefined);
    assert.ok(problems.length >= 1);
    assert.equal(problems[0]!.file, 'bad.yaml');
    assert.equal(problems[0]!.line, 5);
    assert.equal(problems[0]!.severity, 'error');
  });

  it('rejects an unknown schema and warns about unknown keys, duplicate ids and id/type mismatch', () => {
    const other = loadKnowledge([{ file: 'o.yaml', text: 'schema: something@2\nentities:\n  - id: country/AA\n    type: country\n    names: { en: A }\n' }]);
    assert.equal(other.value.size, 0);
    assert.match(other.problems[0]!.message, /unsupported schema/);
    const text = [
      'entities:',
      '  - id: country/AA',
      '    type: country',
      '    names: { en: A }',
      '    colour: red',
      '  - id: country/AA',
      '    type: country',
      '    names: { en: A2 }',
      '  - id: place/BB',
      '    type: country',
      '    names: { en: B }',
    ].join('\n');
    const { value: kb, problems } = loadKnowledge([{ file: 'w.yaml', text }]);
    assert.equal(kb.get('country/AA')!.name, 'A2');
    assert.ok(problems.some((p) => p.line === 5 && p.severity === 'warning' && /unknown key "colour"/.test(p.message)));
    assert.ok(problems.some((p) => p.line === 6 && /duplicate id/.test(p.message)));
    assert.ok(problems.some((p) => p.line === 9 && /does not match type/.test(p.message)));
  });

  it('loads the bundled knowledge base without errors', () => {
    const source = defaultKnowledgeSource();
    assert.equal(source.file, '<bundled>/knowledge.compiled.jsonl');
    assert.ok(source.compiled && !source.text, 'the bundled knowledge base is loaded precompiled, without YAML');
    const { value: kb, problems } = loadKnowledge([source]);
    assert.deepEqual(problems.filter((p) => p.severity === 'error'), []);
    assert.ok(kb.size > 50);
    assert.equal(kb.get('country/RU')!.name, 'Russia');
  });
});

describe('entities: trie', () => {
  it('matches leftmost-longest with all prefixes reported', () => {
    const t = new Trie();
    t.add('ab', 1);
    t.add('abcd', 2);
    t.add('bc', 3);
    t.add('x', 4);
    t.compile();
    assert.deepEqual(
      t.findAll('zabcdxabc'),
      [
        { start: 1, end: 5, value: 2 },
        { start: 5, end: 6, value: 4 },
        { start: 6, end: 8, value: 1 },
      ],
    );
    assert.equal(t.get('abcd'), 2);
    assert.equal(t.get('abc'), -1);
    const ends = new Int32Array(4);
    const values = new Int32Array(4);
    assert.equal(t.matchAt('abcd', 0, ends, values), 2);
    assert.deepEqual([...ends.slice(0, 2)], [2, 4]);
  });

  it('builds from sorted patterns the same trie as add + compile (the precompiled path; timing is in the bench)', () => {
    const patterns = new Set<string>();
    for (let i = 0; i < 20_000; i++) patterns.add(`名${String.fromCharCode(0x4e00 + (i % 2000))}${i.toString(36)}`);
    for (const p of ['a', 'ab', 'abc', 'b', '美国', '美', 'z\u00e9']) patterns.add(p);
    const sorted = [...patterns].sort();
    const built = new Trie();
    sorted.forEach((p, i) => built.add(p, i));
    built.compile();
    const fast = Trie.fromSorted(sorted, sorted.map((_, i) => i));
    assert.equal(fast.size, built.size);
    assert.equal(fast.longest, built.longest);
    for (const p of sorted) assert.equal(fast.get(p), built.get(p), p);
    assert.equal(fast.get('名'), -1);
    const text = `${sorted.slice(0, 300).join('，')}美国abc`;
    assert.deepEqual(fast.findAll(text), built.findAll(text));
    assert.throws(() => Trie.fromSorted(['b', 'a'], [0, 1]), /not sorted/);
    assert.throws(() => Trie.fromSorted(['a', 'a'], [0, 1]), /not sorted and distinct/);
  });
});
