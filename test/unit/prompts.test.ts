// The question flows of Add Claim / Edit Annotation (askClaim) and Add to Knowledge Base (askEntity), on the
// vscode-free prompter of src/core/prompt.ts, answered by the scripted prompter the extension-host tests use.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { Analyzer } from '../../src/core/analysis';
import { TopicSet } from '../../src/core/corpus/topics';
import { loadKnowledge } from '../../src/core/entities/knowledge';
import { EntityRecognizer } from '../../src/core/entities/recognizer';
import { BACK, type InputStep, type PickStep } from '../../src/core/prompt';
import { askClaim, type ClaimContext } from '../../src/extension/features/annotate/flow';
import { askEntity } from '../../src/extension/features/knowledge/ask';
import { ScriptedPrompter, active, keep, option, typed, value } from '../integration/prompter';

const kb = loadKnowledge([{ file: 'base.yaml', text: fs.readFileSync(path.join(__dirname, '../fixtures/knowledge/base.yaml'), 'utf8') }]).value;
const analyzer = new Analyzer(new EntityRecognizer(kb, { taggers: false }));

describe('prompts: Add to Knowledge Base (askEntity)', () => {
  it('four steps with Back between them; the answers are trimmed', async () => {
    const prompter = new ScriptedPrompter({
      kbName: [keep, keep],
      kbType: [value(BACK), option((v) => v === 'person')],
      kbEnglish: [value('  Mao Kaiyun ')],
      kbWikidata: [value(' Q123 ')],
    });
    const answers = await askEntity(prompter, { kb }, { text: '毛開雲' });
    assert.deepEqual(answers, { text: '毛開雲', type: 'person', en: 'Mao Kaiyun', wikidata: 'Q123' });
    assert.deepEqual(prompter.asked.map((a) => `${a.id} ${a.step}/${a.totalSteps}`), ['kbName 1/4', 'kbType 2/4', 'kbName 1/4', 'kbType 2/4', 'kbEnglish 3/4', 'kbWikidata 4/4']);
    assert.deepEqual(prompter.offered.get('kbType')!.map((o) => o.value), ['person', 'country', 'organization', 'treaty', 'place', 'event', 'other']);
  });

  it('the name step refuses a name the knowledge base knows, in any script; the Wikidata step a malformed id', async () => {
    const prompter = new ScriptedPrompter({ kbName: [keep], kbType: [value(undefined)] });
    assert.equal(await askEntity(prompter, { kb }, { text: '新名字' }), undefined, 'Escape at the type step cancels');
    const validate = (prompter.steps.get('kbName') as InputStep).validate!;
    assert.match(validate('普丁') ?? '', /^Already in the knowledge base: Vladimir Putin \(person\/putin\)\./);
    assert.match(validate(' 普京 ') ?? '', /^Already in the knowledge base: Vladimir Putin/);
    assert.equal(validate('毛開雲'), undefined);
    assert.equal(validate('  '), 'Enter the name as written in the text.');
    const wikidata = new ScriptedPrompter({ kbWikidata: [value('Q1')] });
    await askEntity(wikidata, { kb }, { text: 'x', type: 'other', en: 'X' }, 4);
    const check = (wikidata.steps.get('kbWikidata') as InputStep).validate!;
    assert.equal(check('Q7747'), undefined);
    assert.equal(check(''), undefined);
    assert.match(check('7747') ?? '', /^A Wikidata id is Q followed by digits/);
  });

  it('the name check reads the knowledge base current when it runs (an entity added meanwhile is refused)', async () => {
    const knowledge = { kb };
    const prompter = new ScriptedPrompter({ kbName: [keep], kbType: [value(undefined)] });
    await askEntity(prompter, knowledge, { text: '毛開雲' });
    knowledge.kb = loadKnowledge([{ file: 'k.yaml', text: 'schema: corpus-lens/knowledge@1\nentities:\n  - {id: person/mao-kaiyun, type: person, names: {en: Mao Kaiyun, zh-Hant: 毛開雲}}\n' }]).value;
    const validate = (prompter.steps.get('kbName') as InputStep).validate!;
    assert.equal(validate('毛开云'), 'Already in the knowledge base: Mao Kaiyun (person/mao-kaiyun). Edit that entry in the knowledge file instead.');
  });

  it('a Latin name is offered as the English name', async () => {
    const prompter = new ScriptedPrompter({ kbName: [keep], kbType: [option((v) => v === 'organization')], kbEnglish: [keep], kbWikidata: [keep] });
    assert.deepEqual(await askEntity(prompter, { kb }, { text: 'Valdai Club' }), { text: 'Valdai Club', type: 'organization', en: 'Valdai Club', wikidata: '' });
  });
});

describe('prompts: Add Claim / Edit Annotation (askClaim)', () => {
  const text = '标题\n\n普京表示，北约东扩是红线。';
  const start = text.indexOf('北约东扩');
  const ctx = (): ClaimContext => ({
    span: { start, end: start + 7 },
    quote: '北约东扩是红线',
    analysis: analyzer.analyse(text),
    kb,
    topics: TopicSet.empty,
    knownTags: ['red-line', 'security'],
    lastTags: ['security'],
    askIntensity: true,
  });

  it('adding: the claim is prefilled with the quote, Back keeps it, a free-text target, the holder found by its name, tags split', async () => {
    const prompter = new ScriptedPrompter({
      claim: [keep, (s) => `${(s as InputStep).value} (Putin)`],
      stance: [value(BACK), value('oppose')],
      intensity: [option((v) => v === -2)],
      about: [(s) => (s as PickStep<unknown>).freeText!.value('NATO enlargement is a threat')],
      holder: [typed('普京')],
      confidence: [value('high')],
      tags: [value('red-line, security，nato')],
      note: [value('first\\nsecond')],
    });
    const answers = await askClaim(prompter, ctx(), 'add');
    assert.deepEqual(answers, {
      claim: '北约东扩是红线 (Putin)',
      stance: { polarity: 'oppose', intensity: -2 },
      about: { proposition: 'NATO enlargement is a threat' },
      holder: { entity: 'person/putin' },
      confidence: 'high',
      tags: ['red-line', 'security', 'nato'],
      note: 'first\nsecond',
    });
    assert.deepEqual(prompter.asked.map((a) => a.id), ['claim', 'stance', 'claim', 'stance', 'intensity', 'about', 'holder', 'confidence', 'tags', 'note']);
    assert.equal(prompter.asked[0]!.value, '北约东扩是红线');
    assert.equal(prompter.asked.find((a) => a.id === 'tags')!.value, 'security', 'the tags of the last claim are offered');
  });

  it('editing with every field kept gives back the same answers, and asks attribution and when', async () => {
    const initial = { claim: 'c', stance: { polarity: 'support' as const, intensity: 1 }, about: { proposition: 'p' }, holder: { text: '赵隆' }, attribution: 'reported' as const, when: '2021-12', confidence: 'low' as const, tags: ['a'], note: 'n' };
    const prompter = new ScriptedPrompter({ claim: [keep], stance: [active], intensity: [active], about: [active], holder: [active], attribution: [active], when: [keep], confidence: [active], tags: [keep], note: [keep] });
    assert.deepEqual(await askClaim(prompter, ctx(), 'edit', initial), initial);
    assert.deepEqual(prompter.asked.map((a) => a.id), ['claim', 'stance', 'intensity', 'about', 'holder', 'attribution', 'when', 'confidence', 'tags', 'note']);
    const when = (prompter.steps.get('when') as InputStep).validate!;
    assert.equal(when('2021-12-07'), undefined);
    assert.equal(when('2021-13'), 'Use YYYY, YYYY-MM or YYYY-MM-DD');
  });

  it('Escape at any step cancels without answers', async () => {
    const prompter = new ScriptedPrompter({ claim: [keep], stance: [value(undefined)] });
    assert.equal(await askClaim(prompter, ctx(), 'add'), undefined);
    assert.deepEqual(prompter.asked.map((a) => a.id), ['claim', 'stance']);
  });
});
