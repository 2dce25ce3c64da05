import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { compileKnowledge, defaultKnowledgeSource, loadKnowledge, parseCompiledKnowledge, serializeCompiledKnowledge } from '../../src/core/entities/knowledge';
import { addRuleToKnowledgeText, ruleContext } from '../../src/core/entities/corrections';
import { EntityRecognizer } from '../../src/core/entities/recognizer';
import { compiledHash, sourceHash } from '../../scripts/compile-knowledge';
import { main } from '../../src/cli/main';

const BASE = fs.readFileSync(path.join(__dirname, '../fixtures/knowledge/base.yaml'), 'utf8');

/** The fixture knowledge base compiled and read back, as the bundled one is. */
function compiledFixture() {
  const { value, problems } = compileKnowledge([{ file: '<bundled>/base.yaml', text: BASE }], 'test', ['test attribution']);
  assert.deepEqual(problems, []);
  return { file: '<bundled>/compiled', compiled: parseCompiledKnowledge(serializeCompiledKnowledge(value)) };
}

const found = (r: EntityRecognizer, text: string) => r.find(text).map((m) => `${m.text}=${m.entityId}`);

describe('knowledge: compiled at build time', () => {
  it('data/knowledge.compiled.jsonl is up to date with data/knowledge*.yaml (else: npm run build)', () => {
    assert.equal(compiledHash(), sourceHash(), 'run `npm run build` (scripts/compile-knowledge.ts) and commit data/knowledge.compiled.jsonl');
  });

  it('keeps the attribution and licence of its sources (CC-CEDICT is CC BY-SA 4.0)', () => {
    const c = defaultKnowledgeSource().compiled!;
    assert.ok(c.attribution.some((a) => /CC-CEDICT/.test(a) && /CC BY-SA 4\.0/.test(a)));
    const header = fs.readFileSync(path.join(__dirname, '../../data/knowledge-cedict.yaml'), 'utf8').slice(0, 2000);
    assert.match(header, /Creative Commons Attribution-ShareAlike 4\.0/);
    assert.match(header, /MDBG/);
  });

  it('loads the bundled knowledge base with the curated, country and CC-CEDICT entities', () => {
    const { value: kb, problems } = loadKnowledge([defaultKnowledgeSource()]);
    assert.deepEqual(problems, []);
    assert.ok(kb.size > 8000, `${kb.size} entities`);
    assert.equal(kb.get('country/IL')!.source?.file, '<bundled>/knowledge.yaml');
    assert.ok(kb.get('country/IL')!.aliases.includes('Israeli'), 'demonyms from world-countries extend the curated countries');
    assert.ok(kb.get('country/PH')!.aliases.includes('Filipino'));
    assert.ok(kb.all().some((e) => e.source?.file === '<bundled>/knowledge-cedict.yaml'));
    // Pickers list the curated entities in full, not the dictionary-generated thousands.
    const pickable = kb.pickable();
    assert.ok(pickable.length < 3000 && pickable.some((e) => e.id === 'country/IL') && pickable.some((e) => e.id === 'place/aruba'));
    const r = new EntityRecognizer(kb);
    assert.deepEqual(found(r, 'Israeli and Philippine officials met.'), ['Israeli=country/IL', 'Philippine=country/PH']);
    // A broader knowledge base must not take ordinary words (these are CC-CEDICT homographs of proper nouns).
    assert.deepEqual(found(r, '我们和平地解决问题，今天全面推进。'), []);
  });

  it('gives the same entities and mentions as loading the YAML itself', () => {
    const fromYaml = loadKnowledge([{ file: 'base.yaml', text: BASE }]).value;
    const fromCompiled = loadKnowledge([compiledFixture()]).value;
    assert.deepEqual(
      fromCompiled.all().map((e) => [e.id, e.type, e.names, e.aliases, e.abbr, e.wikidata, e.country, e.source?.line]),
      fromYaml.all().map((e) => [e.id, e.type, e.names, e.aliases, e.abbr, e.wikidata, e.country, e.source?.line]),
    );
    const text = '普京与奥巴马在莫斯科会晤，美俄关系；Putin met Obama. 北约东扩';
    assert.deepEqual(new EntityRecognizer(fromCompiled).find(text), new EntityRecognizer(fromYaml).find(text));
  });

  it('workspace files add, replace, extend and remove over the compiled base; their forms win', () => {
    const workspace = {
      file: '/ws/.corpus-lens/knowledge.yaml',
      text: [
        'entities:',
        '  - id: person/putin', // replaced: only its new names match
        '    type: person',
        '    names: { en: V. V. Putin, zh-Hans: 普大帝 }',
        '  - extend: country/RU',
        '    aliases: [露西亚]',
        '  - id: person/obama',
        '    remove: true',
        '  - id: person/zhao-long',
        '    type: person',
        '    names: { zh-Hans: 赵隆 }',
        '    aliases: [莫斯科人]',
      ].join('\n'),
    };
    const { value: kb, problems } = loadKnowledge([compiledFixture(), workspace]);
    assert.deepEqual(problems, []);
    // Knowledge-base matches only (the statistical taggers would propose the names no entity has any more).
    const r = new EntityRecognizer(kb, { taggers: false });
    assert.deepEqual(found(r, '普大帝和普京在露西亚；奥巴马；赵隆'), ['普大帝=person/putin', '露西亚=country/RU', '赵隆=person/zhao-long']);
    assert.deepEqual(found(r, '俄罗斯与莫斯科'), ['俄罗斯=country/RU', '莫斯科=place/moscow']);
    assert.equal(kb.get('person/obama'), undefined);
  });

  it('warns when a workspace name is already a name of a compiled entity', () => {
    const workspace = { file: 'w.yaml', text: 'entities:\n  - id: place/moskva\n    type: place\n    names: { en: Moskva, zh-Hans: 莫斯科 }\n' };
    const { value: kb, problems } = loadKnowledge([compiledFixture(), workspace]);
    assert.ok(problems.some((p) => p.file === 'w.yaml' && p.line === 2 && /is also a name of place\/moscow/.test(p.message)), JSON.stringify(problems));
    assert.deepEqual(found(new EntityRecognizer(kb), '莫斯科'), ['莫斯科=place/moskva']);
  });
});

describe('knowledge: correction rules', () => {
  const rules = (yaml: string) => loadKnowledge([compiledFixture(), { file: 'k.yaml', text: yaml }]);

  it('reject, link and retype by surface, with and without context; the most specific, then the latest rule wins', () => {
    const { value: kb, problems } = rules(
      [
        'rules:',
        '  - surface: 莫斯科', // everywhere
        '    action: retype',
        '    type: organization',
        '  - surface: 普京',
        '    after: 大街', // only before 大街
        '    action: reject',
        '  - surface: 普京',
        '    before: 小',
        '    action: link',
        '    entity: person/obama',
        '  - surface: PUTIN', // compared folded
        '    action: reject',
        '  - surface: 莫斯科',
        '    before: 在',
        '    action: reject',
      ].join('\n'),
    );
    assert.deepEqual(problems, []);
    const r = new EntityRecognizer(kb);
    const ms = r.find('普京大街上，小普京说，普京在莫斯科；莫斯科。Putin');
    assert.deepEqual(
      ms.map((m) => [m.text, m.start, m.entityId, m.type, m.rule ?? '']),
      [
        ['普京', 7, 'person/obama', 'person', 'k.yaml:8'],
        ['普京', 11, 'person/putin', 'person', ''],
        ['莫斯科', 18, 'place/moscow', 'organization', 'k.yaml:2'],
      ],
    );
  });

  it('reports bad rules with their line, skips them and keeps the others', () => {
    const { value: kb, problems } = rules(
      [
        'rules:',
        '  - surface: 普京',
        '    action: link', // 3: no entity
        '  - surface: 莫斯科',
        '    action: fly', // 5
        '  - surface: 普京',
        '    action: link',
        '    entity: person/nobody', // 6: unknown entity (warning)
        '  - surface: 俄罗斯',
        '    action: reject',
        '    colour: red',
      ].join('\n'),
    );
    assert.ok(problems.some((p) => p.line === 2 && p.severity === 'error' && /needs `entity`/.test(p.message)), JSON.stringify(problems));
    assert.ok(problems.some((p) => p.line === 5 && p.severity === 'error' && /reject, link, retype/.test(p.message)));
    assert.ok(problems.some((p) => p.line === 6 && p.severity === 'warning' && /no entity person\/nobody/.test(p.message)));
    assert.ok(problems.some((p) => p.line === 11 && p.severity === 'warning' && /unknown key "colour"/.test(p.message)));
    assert.equal(kb.rules.length, 2);
    assert.deepEqual(found(new EntityRecognizer(kb), '普京与俄罗斯'), ['普京=person/putin']);
  });

  it('the CLI extract honours the workspace rules', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cl-rules-'));
    fs.mkdirSync(path.join(dir, '.corpus-lens'));
    fs.writeFileSync(path.join(dir, '.corpus-lens', 'knowledge.yaml'), 'rules:\n  - surface: 莫斯科\n    action: reject\n');
    fs.writeFileSync(path.join(dir, 'a.txt'), '普京在莫斯科');
    let out = '';
    const code = await main(['extract', '--json', '--no-dates', 'a.txt'], { cwd: dir, stdout: (s: string) => (out += `${s}\n`), stderr: () => undefined });
    assert.equal(code, 0);
    const rows = out.trim().split('\n').map((l) => JSON.parse(l) as { text: string });
    assert.deepEqual(rows.map((r) => r.text), ['普京']);
  });
});

describe('knowledge: writing correction rules', () => {
  it('appends a rule (quoting corpus text), creating rules: and the file when needed; a duplicate is not added', () => {
    const created = addRuleToKnowledgeText(undefined, { surface: '2021', after: ' no', action: 'reject' });
    assert.ok('text' in created && created.added);
    const again = addRuleToKnowledgeText(created.text, { surface: '2021', after: ' no', action: 'reject' });
    assert.ok('text' in again && !again.added && again.text === created.text);
    const kept = '# my notes\nschema: corpus-lens/knowledge@1\nentities: [] # none yet\n';
    const linked = addRuleToKnowledgeText(kept, { surface: '克里', action: 'link', entity: 'person/john-kerry' });
    assert.ok('text' in linked);
    assert.match(linked.text, /# my notes/);
    assert.match(linked.text, /# none yet/);
    const { value: kb, problems } = loadKnowledge([compiledFixture(), { file: 'k.yaml', text: linked.text }, { file: 'k2.yaml', text: created.text }]);
    assert.deepEqual(problems.filter((p) => p.severity === 'error'), []);
    assert.deepEqual(kb.rules.map((r) => [r.surface, r.after, r.action, r.entity]), [['克里', undefined, 'link', 'person/john-kerry'], ['2021', ' no', 'reject', undefined]]);
    assert.deepEqual('error' in addRuleToKnowledgeText('rules: [oops\n', { surface: 'x', action: 'reject' }) ? 'error' : 'ok', 'error');
    assert.deepEqual(ruleContext('ab\n美国总统普京说，好', 7, 9), { before: '国总统', after: '说，好' });
    assert.deepEqual(ruleContext('普京\n', 0, 2), {});
  });
});

describe('knowledge: tagged names (`tagged:`)', () => {
  const WORKSPACE = `entities:
  - id: place/lima
    type: place
    names: { en: Lima, zh-Hans: 利马, zh-Hant: 利馬 }
    tagged: [利马, 利馬]
  - extend: country/RU
    tagged: [露国]
`;

  it('are parsed, extended, compiled and read back', () => {
    const { value, problems } = compileKnowledge([{ file: '<bundled>/base.yaml', text: BASE }, { file: 'ws.yaml', text: WORKSPACE }], 'test');
    assert.deepEqual(problems, []);
    const kb = loadKnowledge([{ file: '<bundled>/compiled', compiled: parseCompiledKnowledge(serializeCompiledKnowledge(value)) }]).value;
    assert.deepEqual(kb.get('place/lima')!.tagged, ['利马', '利馬']);
    assert.deepEqual(kb.get('country/RU')!.tagged, ['露国']);
    assert.ok(kb.get('place/lima')!.allNames().includes('利马'));
  });

  it('link only where the name tagger proposes exactly that name, of a compatible type', () => {
    const kb = loadKnowledge([defaultKnowledgeSource(), { file: 'ws.yaml', text: WORKSPACE }]).value;
    const r = new EntityRecognizer(kb);
    assert.ok(found(r, '秘鲁首都利马举行亚太经合组织峰会。').includes('利马=place/lima'));
    assert.ok(found(r, '會議在利馬舉行。').includes('利馬=place/lima'));
    for (const text of ['胜利马上就要到来。', '他取得了胜利马上又出发了。']) {
      assert.ok(!found(r, text).some((m) => m.endsWith('=place/lima')), text);
    }
    assert.ok(!r.find('一个叫利马的人').some((m) => m.entityId === 'place/lima' && m.type !== 'place'));
  });

  it('the bundled capitals whose names are also ordinary text (万象 in 万象更新)', () => {
    const r = new EntityRecognizer(loadKnowledge([defaultKnowledgeSource()]).value);
    assert.ok(found(r, '老挝首都万象举行东盟峰会。').includes('万象=place/vientiane'));
    assert.ok(!found(r, '新春到来，万象更新。').some((m) => m.includes('vientiane')));
    assert.ok(found(r, '拉脱维亚首都里加。').includes('里加=place/riga'));
    assert.ok(!found(r, '我们这里加强合作。').some((m) => m.includes('riga')));
  });
});
