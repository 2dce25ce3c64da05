import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import compiledText from '../../data/knowledge.compiled.jsonl';
import { defaultKnowledgeSource, lazyCompiledKnowledge, loadKnowledge, type KnowledgeBase, type KnowledgeSource } from '../../src/core/entities/knowledge';
import { pack, unpack } from '../../src/core/entities/packed';
import { EntityRecognizer } from '../../src/core/entities/recognizer';
import { buildRecognizerTables, packRecognizerTables, unpackRecognizerTables, type RecognizerTables } from '../../src/core/entities/recognizer-tables';
import type { EntityMention } from '../../src/core/types';

const SAMPLES = path.join(__dirname, '../../samples');
const samples = fs.readdirSync(SAMPLES).filter((f) => f.endsWith('.txt')).sort().map((f) => fs.readFileSync(path.join(SAMPLES, f), 'utf8'));
const TEXTS = [
  ...samples,
  '普京与奥巴马在莫斯科会晤，美俄关系；Putin met Obama. 北约东扩。Xi Jinping met Biden; later Xi said. 访华期间，中俄美三角。',
  'Russian and Iraqi officials; the Turkish Foreign Ministry. 老挝首都万象举行东盟峰会。新春到来，万象更新。秘鲁首都利马。',
];

/** The bundled knowledge base with its tables packed as the build packs them (the build reads the same file). */
const computed = loadKnowledge([defaultKnowledgeSource()]).value;
const packedBytes = packRecognizerTables(buildRecognizerTables(computed), { hash: defaultKnowledgeSource().compiled!.hash, key: 'test' });
const packedSource = (): KnowledgeSource => ({ file: '<bundled>/knowledge.compiled.jsonl', compiled: lazyCompiledKnowledge(() => compiledText, packedBytes) });

/** Tables as plain values, to compare a computed set with a packed one. */
function plain(t: RecognizerTables) {
  const trie = (x: RecognizerTables['names']) => Object.fromEntries(Object.entries(x.toArrays()).map(([k, v]) => [k, typeof v === 'number' ? v : Array.from(v)]));
  return {
    ...t,
    names: trie(t.names),
    ctx: trie(t.ctx),
    abbrEntity: Array.from(t.abbrEntity),
    formEntity: Array.from(t.formEntity),
    formFlags: Array.from(t.formFlags),
    entityIndex: [...t.entityIndex],
    formParts: [...t.formParts].map(([k, v]) => [k, [...v]]),
    shared: [...t.shared].map(([k, v]) => [k, [...v]]),
    ctxMembers: t.ctxMembers.map((parts) => parts.map((p) => [...p])),
  };
}

const mentions = (kb: KnowledgeBase, texts = TEXTS, taggers = true): EntityMention[][] => {
  const r = new EntityRecognizer(kb, taggers ? {} : { taggers: false });
  return texts.map((t) => r.find(t));
};

describe('knowledge: the recogniser tables packed at build time', () => {
  it('packed and read back, they are the tables computed from the bundled knowledge base, array for array', () => {
    const back = unpackRecognizerTables(packedBytes);
    assert.ok(back);
    assert.deepEqual(plain(back), plain(buildRecognizerTables(computed)));
    assert.ok(packedBytes.length < 2e6, `${packedBytes.length} bytes`);
  });

  it('a recogniser made from them finds the same mentions as one that computes them (samples, both scripts, with taggers)', () => {
    const kb = loadKnowledge([packedSource()]).value;
    assert.ok(kb.recognizerTables() === packedBytes);
    assert.deepEqual(mentions(kb), mentions(computed));
  });

  it('loading makes no entity; one is made on get, all on all(), the same as the computed knowledge base', () => {
    const kb = loadKnowledge([packedSource()]).value;
    assert.equal(kb.size, computed.size);
    const putin = kb.get('person/vladimir-putin')!;
    assert.ok(putin.allNames().includes('普京'));
    assert.deepEqual({ ...putin }, { ...computed.get('person/vladimir-putin')! });
    assert.equal(kb.get('place/scarborough-shoal')?.id, 'place/huangyan-island', 'renamed ids resolve');
    assert.equal(kb.get('nobody/none'), undefined);
    const all = kb.all();
    assert.equal(all[all.indexOf(putin)], putin, 'the entity made on get is the one all() gives');
    assert.deepEqual(all.map((e) => ({ ...e })), computed.all().map((e) => ({ ...e })));
    assert.deepEqual(kb.byType('country').map((e) => e.id), computed.byType('country').map((e) => e.id));
    assert.equal(kb.pickable().length, computed.pickable().length);
  });

  it('read from the bytes of the compiled file (the Node bundles), an entity is decoded from its line alone', () => {
    let textRead = false;
    const file = fs.readFileSync(path.join(__dirname, '../../data/knowledge.compiled.jsonl'));
    const compiled = lazyCompiledKnowledge(
      () => ((textRead = true), compiledText),
      packedBytes,
      () => new Uint8Array(file.buffer, file.byteOffset, file.byteLength),
    );
    const kb = loadKnowledge([{ file: '<bundled>/knowledge.compiled.jsonl', compiled }]).value;
    assert.deepEqual({ ...kb.get('country/RU')! }, { ...computed.get('country/RU')! });
    assert.deepEqual({ ...kb.get('place/huangyan-island')! }, { ...computed.get('place/huangyan-island')! });
    assert.equal(textRead, false, 'the text was not decoded');
    assert.deepEqual(kb.all().map((e) => ({ ...e })), computed.all().map((e) => ({ ...e })));
    assert.equal(compiled.table.forms.length, computed.formTable().forms.length);
  });

  it('a workspace file of rules only keeps them; one with entities makes the recogniser compute its tables, with the same result', () => {
    const rules = { file: '/ws/.corpus-lens/knowledge.yaml', text: 'rules:\n  - surface: 莫斯科\n    action: reject\n' };
    const withRules = loadKnowledge([packedSource(), rules]);
    assert.deepEqual(withRules.problems, []);
    assert.ok(withRules.value.recognizerTables() === packedBytes);
    assert.deepEqual(mentions(withRules.value), mentions(loadKnowledge([defaultKnowledgeSource(), rules]).value));
    assert.ok(!mentions(withRules.value, ['普京在莫斯科'])[0]!.some((m) => m.text === '莫斯科'));

    const entities = {
      file: '/ws/.corpus-lens/knowledge.yaml',
      text: ['entities:', '  - id: person/zhao-long', '    type: person', '    names: { zh-Hans: 赵隆 }', '  - extend: country/RU', '    aliases: [露西亚]', '  - id: person/barack-obama', '    remove: true'].join('\n'),
    };
    const overlaid = loadKnowledge([packedSource(), entities]);
    const reference = loadKnowledge([defaultKnowledgeSource(), entities]);
    assert.deepEqual(overlaid.problems, reference.problems);
    assert.equal(overlaid.value.recognizerTables(), undefined);
    const texts = [...TEXTS, '赵隆说，露西亚与奥巴马'];
    assert.deepEqual(mentions(overlaid.value, texts), mentions(reference.value, texts));
    assert.deepEqual(
      mentions(overlaid.value, ['赵隆说，露西亚与奥巴马'], false)[0]!.map((m) => `${m.text}=${m.entityId}`),
      ['赵隆=person/zhao-long', '露西亚=country/RU'],
    );
  });

  it('tables packed from another compiled knowledge base are refused when its entities are read', () => {
    const other = packRecognizerTables(buildRecognizerTables(computed), { hash: 'another' });
    const kb = loadKnowledge([{ file: '<bundled>/x', compiled: lazyCompiledKnowledge(() => compiledText, other) }]).value;
    assert.throws(() => kb.get('person/vladimir-putin'), /another compiled knowledge base/);
  });

  it('tables of another layout version are not used: the recogniser computes its own', () => {
    const bytes = pack({ version: 999, hash: 'x' }, {});
    assert.equal(unpackRecognizerTables(bytes), undefined);
  });
});

describe('packed.ts: typed arrays and strings in one buffer', () => {
  it('gives back each section as written, views of the buffer; strings with any text but U+0000', () => {
    const bytes = pack({ a: 1 }, { u8: Uint8Array.of(1, 255), u16: Uint16Array.of(65535, 7), i32: Int32Array.of(-1, 2 ** 31 - 1, 5), s: ['美国', '', 'a\nb', 'Ω'], none: [], one: [''] });
    const p = unpack(bytes)!;
    assert.deepEqual(p.meta, { a: 1 });
    assert.deepEqual(Array.from(p.u8('u8')), [1, 255]);
    assert.deepEqual(Array.from(p.u16('u16')), [65535, 7]);
    assert.deepEqual(Array.from(p.i32('i32')), [-1, 2 ** 31 - 1, 5]);
    assert.equal(p.i32('i32').buffer, bytes.buffer, 'a view, not a copy');
    assert.deepEqual(p.strings('s'), ['美国', '', 'a\nb', 'Ω']);
    assert.deepEqual(p.strings('none'), []);
    assert.deepEqual(p.strings('one'), ['']);
    assert.deepEqual(Array.from(p.numbers('u16')), [65535, 7]);
    assert.ok(p.has('u8') && !p.has('nope'));
    assert.throws(() => p.i32('u8'), /no i32 section u8/);
    assert.throws(() => pack({}, { s: ['a\u0000b'] }), /U\+0000/);
  });

  it('reads a buffer that does not start on an 8-byte boundary (copied); refuses what is not one', () => {
    const bytes = pack(null, { i32: Int32Array.of(3, 4) });
    const shifted = new Uint8Array(bytes.length + 1);
    shifted.set(bytes, 1);
    assert.deepEqual(Array.from(unpack(shifted.subarray(1))!.i32('i32')), [3, 4]);
    assert.equal(unpack(new TextEncoder().encode('not a packed buffer')), undefined);
  });
});
