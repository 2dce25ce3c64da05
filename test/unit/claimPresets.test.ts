// Add Claim presets: the last claim's stance, target, holder (and codes) of a document are offered first, so the
// next claim in that document takes two answers instead of eight.
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { Analyzer } from '../../src/core/analysis';
import { TopicSet } from '../../src/core/corpus/topics';
import { loadKnowledge } from '../../src/core/entities/knowledge';
import { EntityRecognizer } from '../../src/core/entities/recognizer';
import { BACK, type PickStep } from '../../src/core/prompt';
import { askClaim, type ClaimContext } from '../../src/extension/features/annotate/flow';
import { ClaimPresets, MAX_PRESET_DOCUMENTS, describePreset, type PresetState } from '../../src/extension/features/annotate/presets';
import { ScriptedPrompter, enter, keep, option, typed, value } from '../integration/prompter';

const kb = loadKnowledge([{ file: 'base.yaml', text: fs.readFileSync(path.join(__dirname, '../fixtures/knowledge/base.yaml'), 'utf8') }]).value;
const analyzer = new Analyzer(new EntityRecognizer(kb, { taggers: false }));

class MapState implements PresetState {
  readonly map = new Map<string, unknown>();
  get<T>(key: string, fallback: T): T {
    return (this.map.has(key) ? this.map.get(key) : fallback) as T;
  }
  async update(key: string, v: unknown): Promise<void> {
    this.map.set(key, JSON.parse(JSON.stringify(v)));
  }
}

describe('Add Claim presets', () => {
  const text = '标题\n\n普京表示，北约东扩是红线。普京还说，北约东扩威胁俄罗斯。';
  const ctx = (quote: string, preset?: ClaimContext['preset']): ClaimContext => {
    const start = text.indexOf(quote);
    return { span: { start, end: start + quote.length }, quote, analysis: analyzer.analyse(text), kb, topics: TopicSet.empty, knownTags: [], lastTags: [], askIntensity: true, ...(preset ? { preset } : {}) };
  };
  const names = { entity: (id: string) => kb.get(id)?.name ?? id, topic: (id: string) => id };

  it('the second claim in a document takes two answers (claim text, preset) instead of eight', async () => {
    const state = new MapState();
    const presets = new ClaimPresets(state);
    const doc = 'file:///w/a.txt';
    const first = new ScriptedPrompter({
      claim: [keep],
      stance: [value('oppose')],
      intensity: [option((v) => v === -2)],
      about: [(s) => (s as PickStep<unknown>).freeText!.value('NATO enlargement is a threat')],
      holder: [typed('普京')],
      confidence: [value('high')],
      tags: [value('red-line')],
      note: [keep],
    });
    const a1 = await askClaim(first, ctx('北约东扩是红线'), 'add');
    assert.ok(a1);
    await presets.remember(doc, { ...a1, codes: ['red-line'] });
    assert.equal(first.asked.length, 8);

    const p = presets.get(doc)!;
    assert.deepEqual(p, { stance: { polarity: 'oppose', intensity: -2 }, about: { proposition: 'NATO enlargement is a threat' }, holder: { entity: 'person/putin' }, confidence: 'high', tags: ['red-line'], codes: ['red-line'] });
    const label = describePreset(p, names);
    assert.equal(label, 'oppose -2 · Vladimir Putin → “NATO enlargement is a threat” · red-line');
    const second = new ScriptedPrompter({ claim: [keep], preset: [enter] });
    const a2 = await askClaim(second, ctx('北约东扩威胁俄罗斯', { value: p, label }), 'add');
    assert.deepEqual(second.asked.map((x) => x.id), ['claim', 'preset']);
    assert.deepEqual(a2, { claim: '北约东扩威胁俄罗斯', stance: p.stance, about: p.about, holder: p.holder, confidence: 'high', tags: ['red-line'], codes: ['red-line'] });
    assert.ok(second.asked.length < first.asked.length);
    // Another document has no preset: the usual eight questions.
    assert.equal(presets.get('file:///w/b.txt'), undefined);
  });

  it('"answer each question" pre-selects the preset; Back returns to the preset step; editing never offers it', async () => {
    const p = { stance: { polarity: 'support' as const }, holder: { text: '赵隆' }, confidence: 'low' as const };
    const prompter = new ScriptedPrompter({
      claim: [keep, keep],
      preset: [value('ask'), value('ask')],
      stance: [value(BACK), enter],
      intensity: [enter],
      about: [enter],
      holder: [enter],
      confidence: [enter],
      tags: [keep],
      note: [keep],
    });
    const answers = await askClaim(prompter, ctx('北约东扩是红线', { value: p, label: 'x' }), 'add');
    assert.deepEqual(prompter.asked.map((x) => x.id).slice(0, 4), ['claim', 'preset', 'stance', 'preset']);
    assert.equal((prompter.steps.get('stance') as PickStep<unknown>).active, 'support');
    assert.deepEqual(answers?.holder, { text: '赵隆' });
    assert.equal(answers?.confidence, 'low');
    const edit = new ScriptedPrompter({ claim: [keep], stance: [enter], intensity: [enter], about: [enter], holder: [enter], attribution: [enter], when: [keep], confidence: [enter], tags: [keep], note: [keep] });
    await askClaim(edit, ctx('北约东扩是红线', { value: p, label: 'x' }), 'edit', { claim: 'c', stance: { polarity: 'neutral' } });
    assert.ok(!edit.asked.some((x) => x.id === 'preset'));
  });

  it('presets are kept per document, most recent first, at most a few hundred documents; bad state is ignored', async () => {
    const state = new MapState();
    const presets = new ClaimPresets(state);
    for (let i = 0; i < MAX_PRESET_DOCUMENTS + 5; i++) await presets.remember(`d${i}`, { claim: 'c', stance: { polarity: 'neutral' } });
    assert.equal(presets.get('d0'), undefined);
    assert.deepEqual(presets.get(`d${MAX_PRESET_DOCUMENTS + 4}`), { stance: { polarity: 'neutral' } });
    state.map.set('corpusLens.annotations.claimPresets', [['x', { nonsense: true }], 'y', ['z', { stance: { polarity: 'mixed' } }]]);
    assert.equal(presets.get('x'), undefined);
    assert.deepEqual(presets.get('z'), { stance: { polarity: 'mixed' } });
  });
});
