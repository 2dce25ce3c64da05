import * as assert from 'node:assert/strict';
import { defaultKnowledgeSource, loadKnowledge } from '../../src/core/entities/knowledge';
import { EntityRecognizer } from '../../src/core/entities/recognizer';
import { addAliasToKnowledgeText } from '../../src/core/knowledgeEdit';
import { fold, toSimplified } from '../../src/core/text/fold';
import { SCRIPT_PAIRS } from '../../src/core/text/script.generated';
import { VARIANT_PAIRS } from '../../src/core/text/variants.generated';
import * as OpenCC from 'opencc-js/t2cn';
import { scriptPairs } from '../../scripts/fold-pairs';
import { parse } from 'yaml';

const pairs = (): Array<[string, string]> => {
  const out: Array<[string, string]> = [];
  for (let i = 0; i < VARIANT_PAIRS.length; i += 2) out.push([VARIANT_PAIRS[i]!, VARIANT_PAIRS[i + 1]!]);
  return out;
};

describe('fold: Latin letters', () => {
  it('folds case and diacritics to the base letter, keeping the length (António / Antonio, Nguyễn Phú Trọng)', () => {
    const text = 'António Guterres, Santiago Peña, Nguyễn Phú Trọng, Łódź, São Tomé, Øresund, İstanbul, Đà Nẵng';
    assert.equal(fold(text), 'antonio guterres, santiago pena, nguyen phu trong, lodz, sao tome, oresund, istanbul, da nang');
    assert.equal(fold(text).length, text.length);
    // Letters of their own stay (no base letter without losing the word): æ, ß, þ.
    assert.equal(fold('Ærø Straße Þór'), 'æro straße þor');
  });

  it('the recogniser links a name written without its diacritics, with offsets into the original text', () => {
    const r = new EntityRecognizer(loadKnowledge([defaultKnowledgeSource()]).value, { taggers: false });
    const text = 'The Secretary-General, Antonio Guterres, met Nicolas Maduro.';
    const ms = r.find(text).filter((m) => m.kind === 'entity');
    assert.deepEqual(ms.map((m) => [m.text, m.entityId]), [['Antonio Guterres', 'person/antonio-guterres'], ['Nicolas Maduro', 'person/nicolas-maduro']]);
  });
});

describe('fold: variant characters', () => {
  it('folds variant characters together, across scripts (楊潔箎 / 楊潔篪 / 杨洁篪), keeping the length', () => {
    assert.equal(fold('楊潔箎'), fold('杨洁篪'));
    assert.equal(fold('楊潔箎'), fold('楊潔篪'));
    for (const [variant, standard] of [['窓', '窗'], ['﨑', '崎'], ['峯', '峰'], ['龢', '和']]) assert.equal(fold(variant!), fold(standard!), `${variant} / ${standard}`);
    const text = 'Ｐｕｔｉｎ 楊潔箎 😀 窓';
    assert.equal(fold(text).length, text.length);
  });

  it('never folds two standard characters together (semantic variants that are different words today)', () => {
    // Unihan lists 他/她/它/牠/佗 and 馈/柜/匮/餽 as semantic variants of each other.
    for (const [a, b] of [['他', '她'], ['她', '它'], ['他', '它'], ['馈', '柜'], ['柜', '匮']]) assert.notEqual(fold(a!), fold(b!), `${a} / ${b}`);
    // …while their rare forms join the one standard character they are a form of.
    assert.equal(fold('秌'), fold('秋'));
  });

  it('the generated table: BMP ideographs only, no chains (a target is never itself folded further), no identity pairs', () => {
    const list = pairs();
    assert.ok(list.length > 1000, `${list.length} pairs`);
    const sources = new Set(list.map(([a]) => a));
    assert.equal(sources.size, list.length, 'one target per variant');
    for (const [a, b] of list) {
      assert.notEqual(a, b);
      assert.ok(!sources.has(b), `${a} -> ${b} -> …`);
      for (const c of [a, b]) assert.match(c, /^[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]$/u, `${c} U+${c.charCodeAt(0).toString(16)}`);
    }
  });

  it('toSimplified (display, new knowledge entries) keeps a variant as written', () => {
    assert.equal(toSimplified('楊潔箎'), '杨洁箎');
    assert.equal(toSimplified('楊潔篪'), '杨洁篪');
  });

  it('the recogniser matches through variants, with offsets into the original text', () => {
    const kb = loadKnowledge([defaultKnowledgeSource()]).value;
    const recognizer = new EntityRecognizer(kb);
    const text = '😀 外長楊潔箎表示，窓口';
    const m = recognizer.find(text).find((x) => x.entityId === 'person/yang-jiechi');
    assert.ok(m, 'Yang Jiechi recognised in 楊潔箎');
    assert.equal(text.slice(m.start, m.end), '楊潔箎');
    assert.equal(m.text, '楊潔箎');
  });

  it('folds the middle dots of transliterated names (‧ ・ ･ •) to ·, so a full name matches however it is dotted', () => {
    assert.equal(fold('唐納德‧川普'), '唐纳德·川普');
    assert.equal(fold('唐纳德・特朗普|唐纳德･特朗普|唐纳德•特朗普'), '唐纳德·特朗普|唐纳德·特朗普|唐纳德·特朗普');
    assert.equal(fold('Ｕ．Ｓ．'), 'u.s.', 'the full-width full stop stays a full stop');
    const recognizer = new EntityRecognizer(loadKnowledge([defaultKnowledgeSource()]).value);
    const text = '美國總統唐納德‧川普與唐纳德•特朗普。';
    assert.deepEqual(
      recognizer.find(text).filter((x) => x.confirmed).map((x) => `${text.slice(x.start, x.end)}=${x.entityId}`),
      ['美國=country/US', '唐納德‧川普=person/donald-trump', '唐纳德•特朗普=person/donald-trump'],
    );
  });

  it('folds the full-width full stop between two CJK characters (Taiwan and Hong Kong name dots) to ·, elsewhere to "."', () => {
    assert.equal(fold('馬哈茂德．阿巴斯'), '马哈茂德·阿巴斯');
    assert.equal(fold('一．阿巴斯．'), '一·阿巴斯.', 'not after the last character of the text');
    assert.equal(fold('第1．2條 Ｕ．Ｓ．'), '第1.2条 u.s.', 'not between digits or Latin letters');
    const recognizer = new EntityRecognizer(loadKnowledge([defaultKnowledgeSource()]).value);
    const text = '巴勒斯坦總統馬哈茂德．阿巴斯表示';
    const m = recognizer.find(text).find((x) => x.entityId === 'person/mahmoud-abbas');
    assert.ok(m, 'Mahmoud Abbas recognised in 馬哈茂德．阿巴斯');
    assert.equal(m.text, '馬哈茂德．阿巴斯');
  });
});

describe('knowledge file: add a name to an existing entity', () => {
  it('a bundled entity gets an extend entry; a second name goes to the same entry; a name it has is not added twice', () => {
    const first = addAliasToKnowledgeText(undefined, 'person/yang-jiechi', '杨洁池');
    assert.ok('text' in first && first.added);
    assert.deepEqual((parse(first.text) as { entities: unknown[] }).entities, [{ extend: 'person/yang-jiechi', aliases: ['杨洁池'] }]);
    const second = addAliasToKnowledgeText(first.text, 'person/yang-jiechi', 'Yang Chieh-chih');
    assert.ok('text' in second && second.added);
    assert.deepEqual((parse(second.text) as { entities: unknown[] }).entities, [{ extend: 'person/yang-jiechi', aliases: ['杨洁池', 'Yang Chieh-chih'] }]);
    const again = addAliasToKnowledgeText(second.text, 'person/yang-jiechi', '杨洁池');
    assert.ok('text' in again && !again.added);
    assert.equal(again.text, second.text);
  });

  it("an entity of the file itself gets the alias in its own entry, keeping the analyst's comments", () => {
    const text = 'schema: corpus-lens/knowledge@1\nentities:\n  # researchers\n  - id: person/zhao-long\n    type: person\n    names: { en: Zhao Long }\n';
    const result = addAliasToKnowledgeText(text, 'person/zhao-long', '赵隆');
    assert.ok('text' in result && result.added);
    assert.match(result.text, /# researchers/);
    assert.deepEqual((parse(result.text) as { entities: Array<{ aliases?: string[] }> }).entities[0]!.aliases, ['赵隆']);
  });

  it('a file that does not parse is left alone', () => {
    const result = addAliasToKnowledgeText('entities: [\n', 'person/x', 'y');
    assert.ok('error' in result);
    assert.match(result.error, /does not parse/);
  });
});

describe('script folding table (generated from OpenCC)', () => {
  it('equals a fresh conversion of every BMP CJK ideograph through opencc-js (run `npm run gen:fold` when not)', () => {
    assert.equal(SCRIPT_PAIRS, scriptPairs());
  });

  it('folds each traditional character as OpenCC converts it alone, apart from the listed fixes', () => {
    const convert = OpenCC.Converter({ from: 'tw', to: 'cn' });
    assert.equal(SCRIPT_PAIRS.length, 6848);
    for (const [trad, simp] of [['國', '国'], ['臺', '台'], ['製', '制'], ['譯', '译'], ['亞', '亚']]) {
      assert.equal(toSimplified(trad), simp);
      if (trad !== '製') assert.equal(convert(trad), simp);
    }
    assert.equal(toSimplified('么'), '么');
    assert.equal(toSimplified('中华民国'), '中华民国');
  });
});
