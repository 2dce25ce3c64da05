/**
 * Names the knowledge base does not know (statistical taggers), nested mentions, organisations that begin with a
 * country, false compounds, context abbreviations, English demonyms and bare surnames. Run against the bundled
 * knowledge base and the bundled tagger models: the assertions are the real output.
 */
import * as assert from 'node:assert/strict';
import { defaultKnowledgeSource, loadKnowledge } from '../../src/core/entities/knowledge';
import { coordinatesKnown, EntityRecognizer, titleCaseLine, zhSpans } from '../../src/core/entities/recognizer';
import { allowed, EN_FEATURES, EN_LAYOUT, enFeatures, EnTagger, knownCodes, L, spansOf, tokenize, viterbi, ZH_FEATURES, zhFeatures, ZhTagger } from '../../src/core/entities/tagger';
import { decodeModel, encodeDenseModel, encodeModel, fromBase64 } from '../../src/core/entities/tagger-format';
import zhModelText from '../../data/ner-zh.b64';
import enModelText from '../../data/ner-en.b64';
import { fold } from '../../src/core/text/fold';
import { bundledTaggers } from '../../src/core/entities/tagger-models';
import { CorpusIndex } from '../../src/core/corpus/index';
import { Analyzer } from '../../src/core/analysis';
import type { EntityMention } from '../../src/core/types';

const kb = loadKnowledge([defaultKnowledgeSource()]).value;
const recognizer = new EntityRecognizer(kb);
const rulesOnly = new EntityRecognizer(kb, { taggers: false });

function run(text: string, r = recognizer): EntityMention[] {
  const ms = r.find(text);
  let last = 0;
  for (const m of ms) {
    assert.equal(text.slice(m.start, m.end), m.text, 'offsets');
    assert.ok(m.start >= last, `overlap or disorder at ${m.start} (${m.text})`);
    last = m.end;
    for (const x of m.members ?? []) {
      assert.equal(text.slice(x.start, x.end), x.text, 'member offsets');
      assert.ok(x.start >= m.start && x.end <= m.end, `member ${x.text} outside ${m.text}`);
    }
  }
  return ms;
}
const show = (ms: EntityMention[]) => ms.map((m) => `${m.text}=${m.entityId}${m.members ? `[${m.members.map((x) => `${x.text}=${x.entityId}`).join(',')}]` : ''}`).join(' ');
function find(text: string, surface: string, r = recognizer): EntityMention {
  const ms = run(text, r);
  const m = ms.find((x) => x.text === surface);
  assert.ok(m, `no mention "${surface}" in ${show(ms)}`);
  return m;
}
function none(text: string, surface: string, r = recognizer): void {
  const ms = run(text, r);
  const flat = ms.flatMap((m) => [m, ...(m.members ?? [])]);
  assert.ok(!flat.some((m) => m.text === surface), `unexpected "${surface}" in ${show(ms)}`);
}
const memberIds = (m: EntityMention) => (m.members ?? []).map((x) => `${x.text}=${x.entityId}`);

describe('entities: tagger model', () => {
  it('encodes and decodes a model losslessly and rejects what is not one', () => {
    const weights = new Int8Array((1 << 4) * 7);
    weights[3] = 5;
    weights[7 * 9 + 2] = -100;
    const trans = new Float32Array(8 * 7).map((_, i) => i / 10);
    const back = decodeModel(encodeModel({ kind: 'zh', bits: 4, scale: 0.25, trans, weights }));
    assert.equal(back.kind, 'zh');
    assert.equal(back.bits, 4);
    assert.equal(back.scale, 0.25);
    assert.deepEqual([...back.weights], [...weights]);
    assert.deepEqual([...back.trans], [...trans]);
    assert.throws(() => decodeModel('aGVsbG8gd29ybGQgdGhpcyBpcyBub3Q='), /bad magic/);
    assert.throws(() => new ZhTagger(decodeModel(encodeModel({ kind: 'en', bits: 4, scale: 1, trans, weights }))), /zh model/);
    // The feature layout travels with the model; a model of another layout is refused, not misread.
    assert.equal(back.layout, 0);
    assert.throws(() => new ZhTagger(back), /feature layout 0, this tagger reads layout 1/);
    assert.equal(decodeModel(encodeModel({ kind: 'zh', bits: 4, layout: 1, scale: 0.25, trans, weights })).layout, 1);
    assert.equal(decodeModel(zhModelText).layout, 1);
  });

  it('the dense form (what the Node builds ship) decodes to the same model, its table used in place', () => {
    const sparse = decodeModel(zhModelText);
    const dense = encodeDenseModel(sparse);
    const back = decodeModel(dense);
    assert.deepEqual({ ...back, weights: undefined, trans: [...back.trans] }, { ...sparse, weights: undefined, trans: [...sparse.trans] });
    assert.equal(back.weights.length, sparse.weights.length);
    assert.ok(back.weights.every((w, i) => w === sparse.weights[i]));
    assert.equal(back.weights.buffer, dense.buffer);
    assert.throws(() => decodeModel(dense.subarray(0, dense.length - 1)), /truncated/);
  });

  it('base64 with line breaks decodes as atob does; other characters are refused', () => {
    const bytes = Uint8Array.from({ length: 1000 }, (_, i) => (i * 37) & 0xff);
    const b64 = btoa(String.fromCharCode(...bytes));
    for (const text of [b64, b64.replace(/(.{76})/g, '$1\n'), b64.replace(/(.{60})/g, '$1\r\n')]) assert.deepEqual([...fromBase64(text)], [...bytes]);
    assert.deepEqual([...fromBase64('aGk=')], [104, 105]);
    assert.throws(() => fromBase64('aG*k'), /not base64/);
  });

  it('tokenises English with inner apostrophes, hyphens and abbreviation periods, not possessives', () => {
    const text = "Xi'an, Al-Qaida and the U.S. said 3.5 (Putin's).";
    assert.deepEqual(
      tokenize(text).map((t) => text.slice(t.start, t.end)),
      ["Xi'an", ',', 'Al-Qaida', 'and', 'the', 'U.S.', 'said', '3.5', '(', 'Putin', "'", 's', ')', '.'],
    );
  });

  it("gives the English tagger the knowledge base's names as codes: type, first or later token", () => {
    const text = 'President Vladimir Putin met the Turkish Foreign Ministry in Ankara.';
    const known = recognizer.knownNames(text).map((m) => [m.text, m.type]);
    assert.deepEqual(known, [['Vladimir Putin', 'person'], ['Turkish', 'country'], ['Ankara', 'place']]);
    const tokens = tokenize(text);
    // person 1, country 2, place 3 (x 2, + 1 after the first token); 0 outside any known name.
    assert.deepEqual([...knownCodes(tokens, recognizer.knownNames(text))], [0, 2, 3, 0, 0, 4, 0, 0, 0, 6, 0]);
    // From an index: the names before it are not read.
    assert.deepEqual([...knownCodes(tokens, recognizer.knownNames(text), 1)], [0, 0, 0, 0, 0, 4, 0, 0, 0, 6, 0]);
    // The tagger reads the same sentence with and without them (here: the same names).
    assert.deepEqual(run(text).map((m) => [m.text, m.type]), [
      ['Vladimir Putin', 'person'],
      ['Turkish Foreign Ministry', 'organization'],
      ['Ankara', 'place'],
    ]);
  });

  it('the fused Chinese tagger decodes exactly like the reference features + Viterbi used in training', () => {
    const model = decodeModel(zhModelText);
    const tagger = new ZhTagger(model);
    for (const line of ['新华社北京5月3日电 外交部发言人华春莹今天在例行记者会上说', '國務院總理李強會見了印度尼西亞總統佐科', 'abc 123 和平共处五项原则']) {
      const f = fold(line);
      const feats = new Int32Array(f.length * ZH_FEATURES);
      zhFeatures(f, 0, f.length, (1 << model.bits) - 1, feats);
      const labels = new Uint8Array(f.length);
      viterbi(f.length, ZH_FEATURES, feats, model.weights, model.scale, model.trans, labels);
      assert.deepEqual(tagger.tag(f, 0, f.length), spansOf(labels, f.length, (i) => i, (i) => i + 1), line);
    }
  });

  it('the Chinese tagger reads the stretches around CJK text: the same names as over the whole line', () => {
    const zh = bundledTaggers().zh!;
    const english = 'The Shanghai Cooperation Organization has achieved fruitful security cooperation in Central Asia, and its member states need a stronger sense of shared responsibility. '.repeat(3);
    for (const line of [
      `外交部发言人华春莹今天在例行记者会上说。${english}上海合作组织秘书长张明会见了乌兹别克斯坦外长。`,
      `${english}（《现代国际关系》2015年第2期，蒋翊民）`,
      '新华社北京5月3日电 外交部发言人华春莹今天在例行记者会上说',
    ]) {
      const f = fold(line);
      const whole = zh.tag(f, 0, f.length);
      assert.ok(whole.length > 0, line);
      assert.deepEqual(zhSpans(zh, line, f, 0, f.length), whole, line);
    }
  });

  it('the English tagger (packed weights) decodes exactly like the reference features + Viterbi used in training', () => {
    const model = decodeModel(enModelText);
    const tagger = new EnTagger(model);
    const lines = [
      'UN Secretary-General Antonio Guterres met Prime Minister Narendra Modi in New Delhi on Tuesday.',
      "The Shanghai Cooperation Organization (SCO) and ASEAN: Xi'an, Al-Qaida, the U.S. and Putin's Russia.",
      'Ministry of Industry and Trade spokesman Nguyễn Văn Thắng said 3.5 percent.',
    ];
    for (const line of lines) {
      const tokens = tokenize(line);
      const feats = new Int32Array(tokens.length * EN_FEATURES);
      enFeatures(line, tokens, (1 << model.bits) - 1, feats);
      const labels = new Uint8Array(tokens.length);
      viterbi(tokens.length, EN_FEATURES, feats, model.weights, model.scale, model.trans, labels);
      const expected = spansOf(labels, tokens.length, (i) => tokens[i]!.start, (i) => tokens[i]!.end);
      assert.ok(expected.length > 0, line);
      assert.deepEqual(tagger.tag(line, 0, line.length), expected, line);
    }
    // Eighteen features at the int8 extremes stay within their 16-bit lanes.
    let seed = 5;
    const random = () => ((seed = (seed * 16807) % 2147483647) / 2147483647);
    const bits = 6;
    for (let round = 0; round < 20; round++) {
      const weights = Int8Array.from({ length: (1 << bits) * L }, () => [-128, 127, 0][Math.floor(random() * 3)]!);
      const trans = Float32Array.from({ length: (L + 1) * L }, () => Math.floor(random() * 200) - 100);
      const small = new EnTagger({ kind: 'en', bits, layout: EN_LAYOUT, scale: 0.37, trans, weights });
      const line = lines[round % lines.length]!;
      const tokens = tokenize(line);
      const feats = new Int32Array(tokens.length * EN_FEATURES);
      enFeatures(line, tokens, (1 << bits) - 1, feats);
      const labels = new Uint8Array(tokens.length);
      viterbi(tokens.length, EN_FEATURES, feats, weights, 0.37, trans, labels);
      assert.deepEqual(small.tag(line, 0, line.length), spansOf(labels, tokens.length, (i) => tokens[i]!.start, (i) => tokens[i]!.end), `round ${round}`);
    }
  });

  it('the packed weights (eight bytes a bucket) sum exactly at the int8 extremes: the same labels as the reference', () => {
    let seed = 11;
    const random = () => ((seed = (seed * 16807) % 2147483647) / 2147483647);
    const bits = 6;
    for (let round = 0; round < 20; round++) {
      // Only -128, 127 and 0: a lane overflow or a wrong bias would change the emissions and so the labels.
      const weights = Int8Array.from({ length: (1 << bits) * L }, () => [-128, 127, 0][Math.floor(random() * 3)]!);
      const trans = Float32Array.from({ length: (L + 1) * L }, () => Math.floor(random() * 200) - 100);
      const model = { kind: 'zh' as const, bits, layout: 1, scale: 0.37, trans, weights };
      const tagger = new ZhTagger(model);
      const f = Array.from({ length: 5 + Math.floor(random() * 40) }, () => String.fromCharCode(0x4e00 + Math.floor(random() * 50))).join('');
      const feats = new Int32Array(f.length * ZH_FEATURES);
      zhFeatures(f, 0, f.length, (1 << bits) - 1, feats);
      const labels = new Uint8Array(f.length);
      viterbi(f.length, ZH_FEATURES, feats, weights, model.scale, trans, labels);
      assert.deepEqual(tagger.tag(f, 0, f.length), spansOf(labels, f.length, (i) => i, (i) => i + 1), f);
    }
  });

  it('viterbi equals a plain scan over the allowed transitions (random weights, ties included)', () => {
    let seed = 3;
    const random = () => ((seed = (seed * 16807) % 2147483647) / 2147483647);
    for (let round = 0; round < 100; round++) {
      const bits = 4;
      const n = 1 + Math.floor(random() * 30);
      const per = 3;
      // Small integer weights and transitions make ties frequent.
      const weights = Int8Array.from({ length: (1 << bits) * L }, () => Math.floor(random() * 5) - 2);
      const trans = Float32Array.from({ length: (L + 1) * L }, () => Math.floor(random() * 3) - 1);
      const feats = Int32Array.from({ length: n * per }, () => Math.floor(random() * (1 << bits)));
      const got = new Uint8Array(n);
      viterbi(n, per, feats, weights, 1, trans, got);
      // Reference: every allowed predecessor in label order, the first maximum kept.
      const em = (i: number, y: number) => [0, 1, 2].reduce((sum, k) => sum + weights[feats[i * per + k]! * L + y]!, 0);
      const score: number[][] = [];
      const back: number[][] = [];
      score.push(Array.from({ length: L }, (_, y) => (allowed(-1, y) ? em(0, y) + trans[L * L + y]! : -Infinity)));
      for (let i = 1; i < n; i++) {
        const row: number[] = [];
        const arg: number[] = [];
        for (let y = 0; y < L; y++) {
          let best = -Infinity;
          let at = 0;
          for (let p = 0; p < L; p++) {
            if (!allowed(p, y)) continue;
            const v = score[i - 1]![p]! + trans[p * L + y]!;
            if (v > best) [best, at] = [v, p];
          }
          row.push(best + em(i, y));
          arg.push(at);
        }
        score.push(row);
        back.push(arg);
      }
      let y = 0;
      for (let k = 1; k < L; k++) if (score[n - 1]![k]! > score[n - 1]![y]!) y = k;
      const want = new Array<number>(n);
      for (let i = n - 1; i >= 0; i--) {
        want[i] = y;
        if (i > 0) y = back[i - 1]![y]!;
      }
      assert.deepEqual([...got], want, `round ${round}`);
    }
  });

  it('loads the bundled models once', () => {
    assert.equal(bundledTaggers(), bundledTaggers());
    assert.ok(bundledTaggers().zh && bundledTaggers().en);
  });
});

describe('entities: candidates for names the knowledge base does not know (item 3)', () => {
  it('proposes Chinese persons, places and organisations, typed and unconfirmed', () => {
    const text = '浙江大学副校长王立新昨天在杭州市西湖区会见了清华大学国际关系研究院的代表。';
    const per = find(text, '王立新');
    assert.deepEqual([per.type, per.confirmed, per.via, per.entityId], ['person', false, 'candidate', 'candidate:王立新']);
    assert.equal(find(text, '浙江大学').type, 'organization');
    assert.equal(find(text, '清华大学国际关系研究院').type, 'organization');
    const place = run(text).find((m) => m.text.includes('杭州'));
    assert.ok(place && place.type === 'place', show(run(text)));
  });

  it('works on traditional text (the tagger reads the folded text)', () => {
    const text = '國立臺灣大學教授陳文華表示，高雄市政府將與日本大阪府合作。';
    assert.equal(find(text, '陳文華').type, 'person');
    assert.equal(find(text, '陳文華').entityId, 'candidate:陈文华');
  });

  it('a one-character surname addressed as a person is that person (老王, 王先生, 李老师, 姓薛); no other lone character', () => {
    assert.deepEqual(run('老王说，王先生和李老师都来了。').map((m) => [m.text, m.start, m.type, m.confirmed]), [
      ['王', 1, 'person', false],
      ['王', 4, 'person', false],
      ['李', 8, 'person', false],
    ]);
    assert.deepEqual(run('小张和姓薛的人').map((m) => [m.text, m.start, m.type]), [['张', 1, 'person'], ['薛', 4, 'person']]);
    assert.deepEqual(run('汤尤杯赛马列主义').map((m) => m.text), []);
  });

  it('a one-character place the tagger proposes is the country it abbreviates in the knowledge base (墨政府, 以中两国)', () => {
    assert.deepEqual(run('墨西哥和墨政府').map((m) => [m.text, m.entityId, m.confirmed, m.via]), [
      ['墨西哥', 'country/MX', true, 'alias'],
      ['墨', 'country/MX', true, 'abbreviation'],
    ]);
    assert.deepEqual(run('以中两国').map((m) => [m.text, m.entityId]), [['以', 'country/IL'], ['中', 'country/CN']]);
    // Not where the tagger proposes no place (墨 is ink), nor before a word the character is part of (中英文:
    // Chinese and English).
    assert.deepEqual(run('他以墨作画。').map((m) => m.text), []);
    // Ordinary words are no abbreviations, in the scan either (亚军 runner-up, 复印机 copier, 中老年 middle-aged).
    assert.deepEqual(run('她获得亚军，买了复印机，参加中老年健美操。').map((m) => m.text), []);
    // 日 of 前几日 is a day (a QA pass on the samples: Japan before 俄罗斯).
    assert.deepEqual(run('而在前幾日俄羅斯已經公開').map((m) => [m.text, m.entityId]), [['俄羅斯', 'country/RU']]);
    assert.deepEqual(run('中英文').map((m) => m.text), []);
  });

  it('keeps long transliterated names whole', () => {
    const text = '土库曼斯坦总统别尔德穆哈梅多夫与乌兹别克斯坦外长卡米洛夫举行会谈。';
    const m = run(text).find((x) => x.text.startsWith('别尔德'));
    assert.ok(m, show(run(text)));
    assert.equal(m.text, '别尔德穆哈梅多夫');
    assert.equal(m.type, 'person');
  });

  it('proposes English capitalised names: people, organisations, places', () => {
    const text = 'Maria Kowalski, a spokeswoman for the Farmers Union of Poland, told reporters in Gdansk on Tuesday that talks had failed.';
    assert.equal(find(text, 'Maria Kowalski').type, 'person');
    assert.equal(find(text, 'Maria Kowalski').confirmed, false);
    assert.equal(find(text, 'Gdansk').type, 'place');
    const org = find(text, 'Farmers Union of Poland');
    assert.equal(org.type, 'organization');
    assert.deepEqual(memberIds(org), ['Poland=country/PL']);
    const wwf = 'Officials of the World Wildlife Fund met in Nairobi.';
    assert.equal(find(wwf, 'World Wildlife Fund').type, 'organization');
    assert.equal(find(wwf, 'Nairobi').type, 'place');
  });

  it("a known possessor and the name it possesses are two names; an unknown possessive stays inside", () => {
    const imo = "The U.N.'s International Maritime Organization said on Monday.";
    assert.deepEqual(run(imo).map((m) => [m.text, m.type, m.confirmed]), [
      ['U.N.', 'organization', true],
      ['International Maritime Organization', 'organization', true],
    ]);
    const baath = "Saddam Hussein's Baath Party ruled Iraq.";
    assert.deepEqual(run(baath).map((m) => m.text), ['Saddam Hussein', 'Baath Party', 'Iraq']);
    assert.equal(find("Macy's Thanksgiving Parade was held.", "Macy's Thanksgiving Parade").type, 'organization');
  });

  it('an organisation followed by an office title is the organisation, not an organisation "U.N. Special Envoy"', () => {
    const text = 'U.N. Special Envoy Staffan de Mistura met officials.';
    assert.deepEqual(run(text).map((m) => [m.text, m.type]), [
      ['U.N.', 'organization'],
      ['Staffan de Mistura', 'person'],
    ]);
    assert.deepEqual(run('U.N. Special Envoy said').map((m) => [m.text, m.type]), [['U.N.', 'organization']]);
  });

  it('a country written just before an organisation is its inner member: one organisation (the Turkish Foreign Ministry)', () => {
    const text = "The Turkish Foreign Ministry, the U.S. State Department and Iraq's Interior Ministry met; Germany NATO.";
    assert.deepEqual(
      run(text).map((m) => [m.text, m.type, m.confirmed, (m.members ?? []).map((x) => `${x.text}=${x.entityId}`)]),
      [
        ['Turkish Foreign Ministry', 'organization', false, ['Turkish=country/TR']],
        ['U.S. State Department', 'organization', true, ['U.S.=country/US']],
        ['Iraq', 'country', true, []],
        ['Interior Ministry', 'organization', false, []],
        ['Germany', 'country', true, []],
        ['NATO', 'organization', true, []],
      ],
    );
  });

  it('never overlaps a confirmed mention and adds nothing when turned off', () => {
    const text = 'Vladimir Putin met Recep Tayyip Erdogan in Sochi.';
    const ms = run(text);
    assert.ok(ms.some((m) => m.confirmed && m.entityId === 'person/vladimir-putin'));
    // Without the taggers: the knowledge base's names only, exactly (an every() over the result passed on none).
    assert.deepEqual(
      run(text, rulesOnly).map((m) => [m.text, m.entityId, m.confirmed]),
      [
        ['Vladimir Putin', 'person/vladimir-putin', true],
        ['Recep Tayyip Erdogan', 'person/recep-tayyip-erdogan', true],
        ['Sochi', 'place/sochi', true],
      ],
    );
  });

  it('a list of known names joined by a conjunction is no candidate name; a name with a conjunction of unknown words is', () => {
    const text = 'Negotiators returned to Cairo for talks mediated by Egypt and Qatar, officials said.';
    const top = run(text).map((m) => [m.text, m.entityId ?? m.via]);
    assert.deepEqual(top.filter(([t]) => /Egypt|Qatar/.test(t!)), [['Egypt', 'country/EG'], ['Qatar', 'country/QA']]);
    assert.ok(coordinatesKnown('egypt and qatar', 0, 15, [{ start: 0, end: 5 }, { start: 10, end: 15 }] as EntityMention[], 0));
    assert.ok(coordinatesKnown('美国、俄罗斯和中国', 0, 9, [{ start: 0, end: 2 }, { start: 3, end: 6 }, { start: 7, end: 9 }] as EntityMention[], 0));
    assert.ok(!coordinatesKnown('ministry of industry and trade', 0, 30, [] as EntityMention[], 0), 'no known names inside');
    assert.ok(!coordinatesKnown('egypt trade and qatar', 0, 21, [{ start: 0, end: 5 }, { start: 16, end: 21 }] as EntityMention[], 0), 'a word that is no conjunction');
    assert.ok(!coordinatesKnown('egypt', 0, 5, [{ start: 0, end: 5 }] as EntityMention[], 0), 'one name is no list');
  });
});

describe('entities: nested mentions (item 4)', () => {
  it('keeps the inner members of a known name', () => {
    const dod = find('美国国防部长奥斯汀表示', '美国国防部');
    assert.deepEqual(memberIds(dod), ['美国=country/US']);
    const war = run('俄乌冲突爆发后，').find((m) => m.entityId.startsWith('event/'));
    if (war) assert.deepEqual(memberIds(war), ['俄=country/RU', '乌=country/UA']);
  });

  it('does not take the head word of the name as a member', () => {
    const m = find('美国国务院发言人说', '美国国务院');
    assert.ok(!memberIds(m).some((x) => x.startsWith('国务院')), memberIds(m).join(' '));
  });

  it("an organisation of a known country holds no other country's one-character abbreviation", () => {
    assert.deepEqual(memberIds(find('法新社援引一名官员消息称', '法新社')), ['法=country/FR'], '新 is no Singapore');
    assert.deepEqual(memberIds(find('俄新社报道', '俄新社')), ['俄=country/RU']);
  });

  it("a known place's name holds no one-character abbreviations, only the full names inside it", () => {
    const bank = find('中国对中沙群岛拥有主权', '中沙群岛');
    assert.equal(bank.entityId, 'place/macclesfield-bank');
    assert.deepEqual(memberIds(bank), [], '中沙 is no China + Saudi Arabia');
    assert.deepEqual(memberIds(find('台湾海峡局势', '台湾海峡')), ['台湾=country/TW']);
  });

  it('a candidate title holds the countries it names', () => {
    const m = find('双方签署了《中印边境合作协定》。', '中印边境合作协定');
    assert.equal(m.type, 'treaty');
    assert.deepEqual(memberIds(m), ['中=country/CN', '印=country/IN']);
  });

  it('the index counts inner members: references to the country include them', () => {
    const index = new CorpusIndex({ analyse: (_path: string, text: string) => new Analyzer(recognizer).analyse(text) });
    index.set('a.txt', '美国国防部表示。\n美国海军第七舰队进入南海。');
    const us = index.mentionsOf('country/US');
    assert.equal(us.length, 2, JSON.stringify(us));
    assert.ok(us.every((m) => m.member));
    const inDoc = index.mentionsIn('a.txt');
    assert.ok(inDoc.findIndex((m) => m.text === '美国国防部') < inDoc.findIndex((m) => m.text === '美国' && m.start === 0));
  });
});

describe('entities: organisations that begin with a country (item 5)', () => {
  for (const [text, org, country] of [
    ['日本海上自卫队的护卫舰驶入', '日本海上自卫队', 'country/JP'],
    ['法国外交部发表声明', '法国外交部', 'country/FR'],
    ['印度陆军参谋长表示', '印度陆军', 'country/IN'],
    ['韩国国家情报院称', '韩国国家情报院', 'country/KR'],
  ] as const) {
    it(`${org} is one organisation with ${country} inside`, () => {
      const ms = run(text);
      const m = ms.find((x) => x.text.startsWith(org.slice(0, 2)) && x.type === 'organization');
      assert.ok(m, show(ms));
      assert.ok(m.text.startsWith(org), `${m.text} vs ${org}`);
      assert.ok(memberIds(m).some((x) => x.endsWith('=' + country)), show(ms));
      assert.ok(!ms.some((x) => x.type === 'country' && x.start >= m.start && x.end <= m.end), 'no top-level country inside');
    });
  }
});

describe('entities: a state and its organisation word (ORGANIZATION_HEADS)', () => {
  const exact = (text: string, r: EntityRecognizer) =>
    run(text, r)
      .filter((m) => m.type === 'organization')
      .map((m) => `${m.text}:${memberIds(m).join(',')}`);

  for (const r of [rulesOnly, recognizer]) {
    const label = r === rulesOnly ? 'rules only' : 'with taggers';
    it(`a country before an organisation word is one organisation, the country inside (${label})`, () => {
      assert.deepEqual(exact('越南海警和英国皇家海军巡逻', r), ['越南海警:越南=country/VN', '英国皇家海军:英国=country/GB']);
      assert.deepEqual(exact('美海军舰艇', r), ['美海军:美=country/US']);
      assert.deepEqual(exact('中國海警船駛入', r), ['中國海警:中國=country/CN']);
    });

    it(`a name that runs into the organisation word is not a member (${label})`, () => {
      // 中国海 (the China Seas) + 警, 日本海 (the Sea of Japan) + 上保安厅, 以色列国 + 防军: the country and the word.
      assert.deepEqual(exact('中国海警船在黄岩岛', r), ['中国海警:中国=country/CN']);
      assert.deepEqual(exact('日本海上保安厅称', r), ['日本海上保安厅:日本=country/JP']);
      assert.deepEqual(exact('以色列国防军进入加沙', r), ['以色列国防军:以色列=country/IL']);
    });
  }

  it('generic words do not make an organisation, and a sea stays a sea', () => {
    assert.deepEqual(exact('美国政府表示', rulesOnly), []);
    assert.equal(find('他在中国海捕鱼', '中国海').entityId, 'place/china-seas');
    assert.equal(find('日本海的渔场', '日本海').entityId, 'place/sea-of-japan');
  });
});

describe('entities: a name the document links by apposition', () => {
  it('a candidate followed by a known name in brackets is that entity, in the whole text', () => {
    const text = '苏丹政府军总司令柏罕（Abdel Fattah al-Burhan）痛批该提案。柏罕表示拒绝。';
    const ms = run(text);
    const burhan = ms.filter((m) => m.text === '柏罕');
    assert.equal(burhan.length, 2, show(ms));
    for (const m of burhan) assert.deepEqual([m.entityId, m.type, m.confirmed], ['person/abdel-fattah-al-burhan', 'person', true]);
  });

  it('not across types, and not without brackets', () => {
    const ms = run('柏罕与Abdel Fattah al-Burhan会面');
    assert.ok(!ms.some((m) => m.text === '柏罕' && m.confirmed), show(ms));
  });
});

describe('entities: the edges of a tagged name', () => {
  it('an English article, a full stop or a comma after it, and a title alone are not part of a name', () => {
    const ms = run('The delegation included Zaher Jabarin and Nizar Awadallah. The Associated Press reported it. Qatari Prime Minister Sheikh Mohammed bin Abdulrahman Al Thani met them.');
    const texts = ms.map((m) => m.text);
    assert.ok(texts.includes('Nizar Awadallah'), show(ms));
    assert.ok(!texts.some((t) => t.endsWith('.') || t.startsWith('The ') || t === 'Prime'), show(ms));
    assert.equal(find('President Ferdinand Marcos Jr. spoke', 'Ferdinand Marcos Jr.').entityId, 'person/ferdinand-marcos-jr');
  });

  it('a tagged name does not end inside a word', () => {
    const ms = run('菲律賓總統已指示海岸防衛隊在南海部署艦艇。');
    assert.ok(!ms.some((m) => m.text === '南海部'), show(ms));
    assert.equal(find('菲律賓總統已指示海岸防衛隊在南海部署艦艇。', '南海').entityId, 'place/south-china-sea');
  });

  it('a transliterated name with a middle dot holds no place inside one of its parts', () => {
    for (const r of [rulesOnly, recognizer]) {
      const ms = run('委内瑞拉国防部长弗拉基米尔·帕德里诺在社交媒体上宣布', r);
      assert.ok(!ms.some((m) => m.entityId === 'place/new-delhi'), show(ms));
      assert.equal(find('委内瑞拉国防部长弗拉基米尔·帕德里诺在社交媒体上宣布', '弗拉基米尔·帕德里诺', r).type, 'person');
    }
  });

  it('a person candidate written in transliteration throughout is one name, not the shorter known names glued inside it', () => {
    // 德里 (New Delhi) in 摩德里奇, 莱斯 (Condoleezza Rice) after 首相 in 格莱斯顿: the foreign name, unlinked.
    none('克罗地亚球星摩德里奇说。', '德里');
    assert.equal(find('克罗地亚球星摩德里奇说。', '摩德里奇').type, 'person');
    none('英国首相格莱斯顿表示。', '莱斯');
    assert.equal(find('英国首相格莱斯顿表示。', '格莱斯顿').type, 'person');
    // A place that is a whole part of a dotted name (帕斯, Perth, in Víctor Paz Estenssoro's name) is no place there.
    none('他的祖父维克托·帕斯·埃斯坦索罗曾四次出任总统', '帕斯');
    // Known names stay: a person's full name inside an undotted run, a name after a title.
    assert.equal(find('叙利亚总统巴沙尔阿萨德说', '阿萨德').entityId, 'person/bashar-al-assad');
    assert.equal(find('外长拉夫罗夫说', '拉夫罗夫').entityId, 'person/sergey-lavrov');
  });

  it('a known organisation that ends a candidate after words of its own is its head word, not a member', () => {
    const ndp = find('The New Democratic Party won in Canada.', 'New Democratic Party');
    assert.equal(ndp.confirmed, false);
    assert.deepEqual(memberIds(ndp), []);
    const council = find('Kenya said the Supreme National Security Council met.', 'Supreme National Security Council');
    assert.deepEqual(memberIds(council), []);
    // A country before the organisation stays its member and the organisation stays known.
    const state = find('The U.S. Department of State said.', 'U.S. Department of State');
    assert.equal(state.entityId, 'organization/us-state-department');
    assert.deepEqual(memberIds(state), ['U.S.=country/US']);
  });

  it('English offices and references: the person after a whole title, one person per name, no article of a text', () => {
    // Director General: the person is after the whole title, and no "General" is left over.
    const ms = run('UNESCO Director General Khaled El-Enany said.');
    assert.ok(!ms.some((m) => m.text === 'General' || m.text.startsWith('General ')), show(ms));
    assert.equal(find('UNESCO Director General Khaled El-Enany said.', 'Khaled El-Enany').type, 'person');
    // Two persons joined by "and" are not one person.
    assert.equal(find('Agriculture Commissioner Christophe Hansen and Trade Minister Li Chenggang met in Brussels.', 'Christophe Hansen').type, 'person');
    none('The panel ruled under Article XXI of the GATT.', 'Article XXI');
    none('Interior Minister Ahmad Vahidi said on Monday.', 'Interior');
  });

  it('a capital beyond Latin-1 starts a name for the tagger (Ł, Ș, Š)', () => {
    assert.ok(run('On Monday the minister met Łukasz Kowalczyk in Warsaw.').some((m) => m.text === 'Łukasz Kowalczyk'));
    assert.ok(run('Romanian President Nicușor Dan met Ștefan Popescu in Bucharest.').some((m) => m.text === 'Ștefan Popescu'));
  });

  it('a party or a bloc named in quotation marks is an organisation candidate', () => {
    for (const r of [rulesOnly, recognizer]) {
      const text = '执政的「公民纲领党」与反对派「法律与公正党」展开竞选，亲欧的“自由与团结同盟”表示反对。';
      const ms = run(text, r);
      for (const name of ['公民纲领党', '法律与公正党', '自由与团结同盟']) {
        const m = ms.find((x) => x.text === name);
        assert.ok(m && m.type === 'organization' && !m.confirmed, `${name} in ${show(ms)}`);
      }
    }
    // Not a word alone (党 of 「党」), nor a quotation that is no name.
    none('他说「我们党」已经表态。', '我们党', rulesOnly);
    none('他批评所谓“联盟”的说法。', '联盟', rulesOnly);
    none('坚持“全面从严治党”，牢记“关键在党”。', '全面从严治党', rulesOnly);
    none('坚持“全面从严治党”，牢记“关键在党”。', '关键在党', rulesOnly);
  });

  it('a numbered resolution is a treaty candidate holding the body named right before it', () => {
    for (const r of [rulesOnly, recognizer]) {
      const zh = find('联合国安理会第1701号决议要求停火。', '联合国安理会第1701号决议', r);
      assert.equal(zh.type, 'treaty');
      assert.deepEqual(memberIds(zh), ['联合国安理会=organization/UNSC', '联合国=organization/UN']);
      assert.equal(find('安理会通过了第2254号决议。', '第2254号决议', r).type, 'treaty');
      const en = find('UN Security Council Resolution 1701 calls for a ceasefire.', 'UN Security Council Resolution 1701', r);
      assert.deepEqual(memberIds(en), ['UN Security Council=organization/UNSC', 'UN=organization/UN']);
      assert.equal(find('The Security Council resolution 2254 endorsed a roadmap.', 'Security Council resolution 2254', r).type, 'treaty');
      assert.equal(find('Resolution 242 was adopted in 1967.', 'Resolution 242', r).type, 'treaty');
      none('The resolution 2 of the board passed, and resolution 2254 too.', 'resolution 2254', r);
    }
  });

  it('an English name ending in the head word of an organisation is an organisation, whatever the tagger says', () => {
    assert.equal(find('The Victory Bloc of former premier Ion Sturza took 9 percent.', 'Victory Bloc').type, 'organization');
    assert.equal(find('Without a working Oversight Body, members complained.', 'Oversight Body').type, 'organization');
    assert.equal(find('The Victory Bloc of former premier Ion Sturza took 9 percent.', 'Ion Sturza').type, 'person');
  });

  it('a name holds no quotation mark it does not close', () => {
    const ms = run('監視並驅離了美軍驅逐艦「希金斯號」。');
    assert.ok(!ms.some((m) => /[「」]/.test(m.text)), show(ms));
  });
});

describe('entities: no false compounds, context abbreviations (item 6)', () => {
  it('no names inside ordinary words and foreign names', () => {
    none('联合国日内瓦办事处', '日');
    none('英特尔公司发布新芯片', '英');
    none('许多发展中国家认为', '中国');
    none('朝日新闻报道', '朝');
    none('民主党派人士参加', '民主党');
    none('海上民兵即非法存在', '非');
    none('对公务船的非法活动', '法');
    none('这是非常重要的', '非');
  });

  it('a tagged person made of abbreviation characters is a person, not countries', () => {
    const ms = run('泰国前总理英拉在迪拜表示');
    assert.ok(!ms.some((m) => m.text === '英' && m.entityId === 'country/GB'), show(ms));
    assert.equal(find('泰国前总理英拉在迪拜表示', '英拉').type, 'person');
    // ... but a run of abbreviations stays: 俄乌边境 is Russia + Ukraine, whatever the tagger reads in 乌边.
    assert.deepEqual(run('俄乌边境局势紧张').slice(0, 2).map((m) => m.entityId), ['country/RU', 'country/UA']);
    assert.deepEqual(run('中印边界谈判').slice(0, 2).map((m) => m.entityId), ['country/CN', 'country/IN']);
  });

  it('a shared abbreviation (巴, and its known short form 巴方) is the country named last whose name begins with it', () => {
    const linkedAbbr = (text: string) => run(text).filter((m) => m.confirmed && m.start > 0 && m.text.startsWith('巴')).map((m) => `${m.text}=${m.entityId}`);
    assert.deepEqual(linkedAbbr('巴拉圭总统表示，巴方将继续支持台湾，巴国将'), ['巴方=country/PY', '巴=country/PY']);
    assert.deepEqual(linkedAbbr('巴勒斯坦官员说，巴方拒绝'), ['巴方=country/PS']);
    assert.deepEqual(linkedAbbr('巴基斯坦外长说巴方反对'), ['巴方=country/PK']);
  });

  it('a shared abbreviation that is no country by default (阿, 摩, 玻) counts alone before a suffix once one of its countries is named', () => {
    const abbrs = (text: string) => run(text).filter((m) => m.via === 'abbreviation').map((m) => `${m.text}=${m.entityId}`);
    assert.deepEqual(abbrs('摩洛哥外交大臣布里达表示，摩方支持这一方案。'), ['摩=country/MA']);
    assert.deepEqual(abbrs('玻利维亚政府表示，玻方愿意对话。'), ['玻=country/BO']);
    assert.deepEqual(abbrs('阿尔及利亚代表说，阿国不接受。'), ['阿=country/DZ']);
    // Not before the country is named, and never as a member of a run.
    assert.deepEqual(abbrs('他说玻方愿意，摩国也是。'), []);
    assert.ok(!abbrs('摩洛哥代表团抵达，摩美关系').some((m) => m.startsWith('摩=')));
  });

  it('a ministry followed by 长 is a minister\'s title: no ministry named (外交部长, 泰国外交部长), the country stays', () => {
    none('两国外交部长6月在华盛顿签署协议。', '外交部');
    none('内政部长表示将加强边境管控。', '内政部');
    assert.deepEqual(run('泰国外交部长说').map((m) => `${m.text}=${m.entityId}`), ['泰国=country/TH']);
    // The ministry before another word is named (外交部发言人, 泰国外交部发言人).
    assert.equal(find('泰国外交部发言人说', '泰国外交部').type, 'organization');
    assert.equal(find('外交部发言人毛宁表示。', '外交部').type, 'organization');
  });

  it('a common noun alone is no organisation candidate (国安 of 国安顾问, 总署, 军政府)', () => {
    none('前国安顾问表示反对。', '国安');
    none('他说，总署将派员前往。', '总署');
    none('缅甸军政府宣布。', '军政府');
  });

  it('朝 "towards" before a direction is no North Korea (朝东北方向); 朝韩 still is', () => {
    none('导弹自平壤近郊朝东北方向发射', '朝');
    none('飛彈自平壤近郊朝東北方向發射', '朝');
    assert.deepEqual(run('朝韩关系缓和').filter((m) => m.confirmed).map((m) => m.entityId), ['country/KP', 'country/KR']);
  });

  it('a single abbreviation + 国 is the state (菲国政府), not before a word of the nation (以国家安全为由, 非国家行为体)', () => {
    assert.deepEqual(run('菲国政府表示').filter((m) => m.confirmed).map((m) => `${m.text}=${m.entityId}`), ['菲=country/PH']);
    none('以国家安全为由拒绝', '以');
    none('非国家行为体的威胁', '非');
    none('以国际法为准绳', '以');
  });

  it('a run of transliteration characters after a title is a name, none of its characters a country (发言人巴加埃)', () => {
    for (const c of ['巴', '加', '埃']) none('伊朗外交部发言人巴加埃表示', c);
    assert.equal(find('伊朗外交部发言人巴加埃表示', '巴加埃').type, 'person');
    // Not after a title: the run stays (美俄关系 after 发言人说).
    assert.deepEqual(run('发言人说美俄关系紧张').filter((m) => m.confirmed).map((m) => m.entityId), ['country/US', 'country/RU']);
  });

  it('a tagged person that is a surname and a place name is the person, not the place', () => {
    const ms = run('象棋特级大师许银川在比赛中获胜。');
    assert.deepEqual(ms.filter((m) => m.text.includes('银川')).map((m) => [m.text, m.type, m.confirmed]), [['许银川', 'person', false]]);
    // The place alone is the place.
    assert.deepEqual(run('他乘飞机去银川开会。').map((m) => m.entityId), ['place/yinchuan']);
  });

  it('华 is China after 赴/在/驻 but 华盛顿 is Washington and 华为 is not China', () => {
    assert.equal(find('他多次赴华访问', '华').entityId, 'country/CN');
    const embassy = find('英国驻华使馆发表声明', '英国驻华使馆');
    assert.equal(embassy.type, 'organization');
    assert.deepEqual(memberIds(embassy), ['英国=country/GB', '华=country/CN']);
    none('他在华盛顿表示', '华');
    none('美国对华为实施制裁', '华');
  });

  it('乌 after 助/撑 is Ukraine; 以巴, 以哈; 委 for Venezuela', () => {
    assert.equal(find('欧盟继续助乌', '乌').entityId, 'country/UA');
    const ih = run('以哈冲突持续').filter((m) => m.text === '以' || m.text === '哈');
    assert.deepEqual(ih.map((m) => m.entityId), ['country/IL', 'organization/Hamas']);
    assert.equal(find('委方表示反对', '委').entityId, 'country/VE');
    assert.deepEqual(run('俄委合作').map((m) => m.entityId), ['country/RU', 'country/VE']);
    none('全国人大常委会委员长', '委');
  });

  it('巴 follows the country the document named in full', () => {
    assert.equal(find('巴西总统表示，中巴关系良好', '巴').entityId, 'country/BR');
    assert.equal(find('巴基斯坦外长说，中巴关系良好', '巴').entityId, 'country/PK');
    assert.equal(find('巴勒斯坦总统说，以巴和谈停滞', '巴').entityId, 'country/PS');
  });
});

describe('entities: English generic words and titles are no candidates', () => {
  it('one generic word of an institution starting a sentence is no name; inside a sentence or a longer name it stays', () => {
    none('Army units moved into the city on Monday.', 'Army');
    none('The army withdrew. Army officers later agreed.', 'Army');
    assert.equal(find('He met the Army chief in Khartoum.', 'Army').type, 'organization');
    assert.equal(find('The Sudanese Army said it had retaken the bridge.', 'Sudanese Army').type, 'organization');
  });
});

describe('entities: English demonyms, Xi\'an, bare surnames (item 7)', () => {
  it('the bare surname of an unknown person named in full before is that person, in English and Chinese', () => {
    const en = run('U.N. envoy Hans Grundberg told the council on Tuesday. Later, Grundberg warned of escalation, and Grundberg said more.');
    const full = en.find((m) => m.text === 'Hans Grundberg')!;
    assert.equal(full.type, 'person');
    const bare = en.filter((m) => m.text === 'Grundberg');
    assert.equal(bare.length, 2, JSON.stringify(en));
    assert.ok(bare.every((m) => m.type === 'person' && m.entityId === full.entityId && !m.confirmed));
    const zh = run('联合国也门问题特使汉斯·格伦德伯格13日表示，格伦德伯格对局势深感担忧。');
    const zhFull = zh.find((m) => m.text === '汉斯·格伦德伯格')!;
    assert.ok(zh.some((m) => m.text === '格伦德伯格' && m.entityId === zhFull.entityId));
    assert.ok(!run('Grundberg said. Later Hans Grundberg came.').some((m) => m.text === 'Grundberg' && m.start === 0 && m.type === 'person' && m.entityId.endsWith('hans grundberg')), 'not before the full name');
  });

  it('demonyms and adjectives link to the country, typed as demonyms', () => {
    const m = find('Iraqi and Syrian officials met.', 'Iraqi');
    assert.deepEqual([m.entityId, m.type, m.demonym], ['country/IQ', 'country', true]);
    assert.equal(find('Iraqi and Syrian officials met.', 'Syrian').entityId, 'country/SY');
    assert.equal(find('Iraq said.', 'Iraq').demonym, undefined);
    none('they ate french fries', 'french');
  });

  it("Xi'an is a city, not Xi Jinping; Putin's is still Putin", () => {
    const ms = run("Xi Jinping flew to Xi'an on Monday.");
    assert.ok(!ms.some((m) => m.entityId === 'person/xi-jinping' && m.text === 'Xi'), show(ms));
    assert.equal(find("Vladimir Putin arrived. Putin's spokesman said.", 'Putin').entityId, 'person/vladimir-putin');
  });

  it('a bare surname counts only after the full name in the same document', () => {
    const before = run('Kim said the tests would go on. Later Kim Jong Un attended.');
    const kims = before.filter((m) => m.entityId === 'person/kim-jong-un');
    assert.equal(kims.length, 1, show(before));
    assert.equal(kims[0]!.text, 'Kim Jong Un');
    const after = run('Kim Jong Un attended. Later Kim said the tests would go on.');
    assert.equal(after.filter((m) => m.entityId === 'person/kim-jong-un').length, 2, show(after));
  });

  it("a workspace person's one-word aliases that are words of the English name count only after the full name", () => {
    const text = [
      'schema: corpus-lens/knowledge@1',
      'entities:',
      '  - id: person/anna-maria-holmqvist',
      '    type: person',
      '    names: { en: "Anna Maria Holmqvist", zh-Hans: "霍尔姆奎斯特" }',
      '    aliases: [Maria, Holmqvist, Holmqvists]',
    ].join('\n');
    const r = new EntityRecognizer(loadKnowledge([defaultKnowledgeSource(), { file: 'ws.yaml', text }]).value, { taggers: false });
    const linked = (s: string) => run(s, r).filter((m) => m.entityId === 'person/anna-maria-holmqvist').map((m) => m.text).join(',');
    // Maria and Holmqvist are words of the name: nothing before the full name, both after it. Holmqvists is not.
    assert.equal(linked('Maria and Holmqvist spoke. The Holmqvists left.'), 'Holmqvists');
    assert.equal(linked('Anna Maria Holmqvist spoke. Later Maria and Holmqvist left.'), 'Anna Maria Holmqvist,Maria,Holmqvist');
  });

  it('the bare surname of a Japanese or Chinese-named Western leader is the last word, not the given name', () => {
    const ms = run('Taro Kono and Kevin Rudd spoke. Later Kono said Rudd agreed, and Taro and Kevin left.');
    assert.equal(ms.filter((m) => m.entityId === 'person/taro-kono').map((m) => m.text).join(','), 'Taro Kono,Kono', show(ms));
    // (Taro and Kevin may still be proposed as candidate names, but are not linked to the persons.)
    assert.ok(!ms.some((m) => m.confirmed && (m.text === 'Taro' || m.text === 'Kevin')), show(ms));
    assert.equal(find('Kevin Rudd spoke. Later Rudd said.', 'Rudd').entityId, ms.find((m) => m.text === 'Kevin Rudd')!.entityId);
  });
});

describe('entities: a recogniser without its taggers (the first highlights after activation)', () => {
  const text = '外交部发言人毛宁表示，王小明在杭州。Hans Grundberg met Vladimir Putin in Moscow.';

  it('withoutTaggers() finds what a recogniser built with taggers: false finds, and the original still tags', () => {
    const quick = show(recognizer.withoutTaggers().find(text));
    assert.equal(quick, show(rulesOnly.find(text)));
    assert.equal(quick, '毛宁=person/mao-ning 杭州=place/hangzhou Vladimir Putin=person/vladimir-putin Moscow=place/moscow');
    const full = show(recognizer.find(text));
    assert.equal(full, '外交部=candidate:外交部 毛宁=person/mao-ning 王小明=candidate:王小明 杭州=place/hangzhou Vladimir Putin=person/vladimir-putin Moscow=place/moscow');
    assert.equal(show(recognizer.find(text)), full, 'the copy changed nothing of the original');
  });

  it('taggersReady: true for given or no taggers, and once the bundled models are decoded', () => {
    assert.equal(rulesOnly.taggersReady, true);
    recognizer.find('普京');
    assert.equal(recognizer.taggersReady, true);
    assert.equal(new EntityRecognizer(kb).taggersReady, true, 'decoded once per process');
  });
});

describe('entities: precision of unknown-name candidates (issue 11 item 3)', () => {
  const shown = (text: string) => run(text).map((m) => [m.text, m.type, m.confirmed]);

  it('an office title before a tagged English name is no part of it: the person after it, an organisation before it its own', () => {
    assert.deepEqual(shown('President Trump spoke to reporters on Friday.'), [['Trump', 'person', false]]);
    assert.deepEqual(shown('ICC Deputy Prosecutor Maria Olsen said the warrant stood.'), [
      ['ICC', 'organization', true],
      ['Maria Olsen', 'person', false],
    ]);
    assert.deepEqual(shown('Captain Ibrahim Sow arrived in Dakar.'), [
      ['Ibrahim Sow', 'person', false],
      ['Dakar', 'place', true],
    ]);
    // An honorific stays with the name (the public English sets mark "Mr. X" whole).
    assert.deepEqual(shown('Mr. Yekhanurov says experts continue to work.'), [['Mr. Yekhanurov', 'person', false]]);
  });

  it('titles alone, generic plurals and spans over a sentence end are no names', () => {
    assert.deepEqual(shown('The Personal Envoy arrived in Rabat, and the Member States agreed.'), [['Rabat', 'place', true]]);
    assert.deepEqual(shown('The Acting Under-Secretary-General for Political Affairs briefed the members.'), []);
    // After an honorific a title word that is no office is a name: Mrs. King; Mr. President stays a title.
    assert.deepEqual(shown('A spokesman said Mrs. King was receiving treatment at the clinic.'), [['Mrs. King', 'person', false]]);
    assert.deepEqual(shown('Thank you, Mr. President, for the invitation.'), []);
    // Generic words that end in no plural may be a name (the Federation Council).
    assert.deepEqual(shown('The Federation Council approved the bill.'), [['Federation Council', 'organization', false]]);
    assert.deepEqual(shown('Kaja Kallas met Rubio. Later, Kallas said the talks went well.'), [
      ['Kaja Kallas', 'person', true],
      ['Rubio', 'person', false],
      ['Kallas', 'person', true],
    ]);
  });

  it('types unknown English names by their words: treaties, vessels, places', () => {
    assert.deepEqual(
      run('The Riyadh Declaration and the Code of Conduct were discussed.').map((m) => [m.text, m.type]),
      [['Riyadh Declaration', 'treaty'], ['Code of Conduct', 'treaty']],
    );
    assert.equal(find('Houthi forces seized the cargo ship Ocean Pioneer in the Red Sea.', 'Ocean Pioneer').type, 'other');
    assert.equal(find('Houthis attacked the Liberian-flagged Ocean Pioneer in the Red Sea.', 'Ocean Pioneer').type, 'other');
    assert.equal(find('Rebels sank Northern Star, a Greek-owned bulk carrier, on Monday.', 'Northern Star').type, 'other');
    // The head of the apposition is its last word: a carrier pilot is a person.
    assert.equal(find('Peter Smith, a carrier pilot, said.', 'Peter Smith').type, 'person');
    assert.equal(find('Fighting continued near El Geneina.', 'El Geneina').type, 'place');
  });

  it('English: a creed, a faith or a group is no person and no place; a name ends before a number', () => {
    // (The tagger alone reads Islam and Christianity as places, the Sikhs and the Druze too.)
    assert.deepEqual(shown('Critics say the sermon was an attack on Islam and on Christianity.'), []);
    assert.deepEqual(shown('Leaders of the Sikhs and of the Druze community met on Sunday.'), []);
    // "Ferrer 6-3" was one person: the score is cut off.
    assert.deepEqual(shown('Nadal won the final against Ferrer 6-3, 6-4 on Sunday.'), [
      ['Nadal', 'person', false],
      ['Ferrer', 'person', false],
    ]);
  });

  it('English: a tagged name begins with a capital (lower-case words before it are cut, lower-case words alone are none)', () => {
    assert.deepEqual(shown('Fighting continued in western Korvala province on Monday.'), [['Korvala', 'place', false]]);
    assert.deepEqual(shown('The attack in southern Uruzgan province killed four soldiers.'), [['Uruzgan', 'place', false]]);
    assert.deepEqual(shown('Prices have risen steadily since the mid-1990s in the region.'), []);
    // A name's particle stays (al-, bin).
    assert.deepEqual(shown('Officials said al-Qarnawi was killed in the strike.'), [['al-Qarnawi', 'person', false]]);
  });

  it("English: a person or place ending in an organisation's head word is an organisation", () => {
    assert.deepEqual(shown('Talvan Brothers Holdings said on Monday it would sell the unit.'), [['Talvan Brothers Holdings', 'organization', false]]);
    assert.deepEqual(shown('Delegates from the Uri Party and the Kadima Party met in Seoul.'), [
      ['Uri Party', 'organization', false],
      ['Kadima Party', 'organization', false],
      ['Seoul', 'place', true],
    ]);
  });

  it('English: a place by its context (the town of X, the capital, X), a person before ", who"', () => {
    assert.deepEqual(shown('The rebels attacked the town of Korvala and the capital, Dembara, on Friday.'), [
      ['Korvala', 'place', false],
      ['Dembara', 'place', false],
    ]);
    assert.deepEqual(shown('Karlovic, who beat Ferrer on Monday, faces Moya next.'), [
      ['Karlovic', 'person', false],
      ['Moya', 'person', false],
    ]);
    // After an honorific, before a word for a relative: a person (the tagger alone: places).
    assert.deepEqual(shown('Reports say Mr. Aswat came to the attention of authorities.'), [['Aswat', 'person', false]]);
    assert.deepEqual(shown("The crowd included Razvuri's family and journalists."), [['Razvuri', 'person', false]]);
    // Not a region's or a province's name in apposition: a person's office names them.
    assert.equal(find('The governor of Balkh province, Atta Mohammed, escaped.', 'Atta Mohammed').type, 'person');
  });

  it('a headline in title case: only the names the article writes too, known names as always', () => {
    assert.ok(titleCaseLine('Floods Hit Korvala Province as President Vows to Rebuild', 0, 56));
    assert.ok(!titleCaseLine('Kaja Kallas met Rubio in Brussels on Monday.', 0, 44));
    // Alone, the tagger reads the capitalised words as names; none is written elsewhere.
    assert.deepEqual(shown('Floods Hit Korvala Province as President Vows to Rebuild'), []);
    assert.deepEqual(shown('Security Council Meets on Gaza as Talks Stall in Cairo'), [
      ['Security Council', 'organization', true],
      ['Gaza', 'place', true],
      ['Cairo', 'place', true],
    ]);
    // The tagger's "Andris Velkovs Calls": the run of words the article writes.
    const text = 'Opposition Leader Andris Velkovs Calls for New Vote in Korvala\nRIGA, May 3 - Andris Velkovs, the opposition leader, said on Monday that the government had lost its majority.';
    assert.deepEqual(
      run(text).map((m) => [m.start, m.text, m.type]),
      [[18, 'Andris Velkovs', 'person'], [63, 'RIGA', 'place'], [77, 'Andris Velkovs', 'person']],
    );
  });

  it('a candidate made of known names and punctuation alone is no third name (IMF-World Bank)', () => {
    assert.deepEqual(shown('The loan came from the IMF-World Bank programme for Haiti.'), [
      ['IMF', 'organization', true],
      ['World Bank', 'organization', true],
      ['Haiti', 'country', true],
    ]);
  });

  it('Chinese: a title, a rank or a verb of saying the tagger ran into is cut; generic institutions and occasions are no names', () => {
    const navy = find('中国海军大校张军表示，谈判正在进行。', '中国海军');
    assert.equal(navy.type, 'organization');
    assert.deepEqual(memberIds(navy), ['中国=country/CN']);
    assert.deepEqual(shown('希比哈重申，双方将加强合作。'), [['希比哈', 'person', false]]);
    assert.deepEqual(shown('军方表示将审议此事。'), []);
    assert.deepEqual(shown('國防軍表示將審議此事。'), []);
    assert.deepEqual(shown('大使馆举办国庆酒会，各界人士出席。'), []);
    // The bare parliament and committee stay: the public Chinese sets mark them.
    assert.equal(find('国会通过了法案。', '国会').type, 'organization');
    assert.equal(find('委员会表示将审议此事。', '委员会').type, 'organization');
  });

  it('Chinese: a tagged person before a word of place (南部, 一带) is a place, cut before the word it ran into', () => {
    assert.deepEqual(shown('以军对阿巴桑南部发动空袭。'), [
      ['以', 'country', true],
      ['阿巴桑', 'place', false],
    ]);
  });

  it('Chinese: a ship named between a word for a ship and 号 is a vessel (other), not a number or another word', () => {
    assert.deepEqual(shown('胡塞武装劫持了货轮“银河领袖”号。'), [
      ['胡塞武装', 'organization', true],
      ['银河领袖', 'other', false],
    ]);
    assert.deepEqual(shown('美军驱逐舰格雷夫利号在红海拦截导弹。').map((m) => m.slice(0, 2)), [
      ['美', 'country'],
      ['格雷夫利', 'other'],
      ['红海', 'place'],
    ]);
    // (No vessel: the tagger's own place there is not this rule's.)
    assert.deepEqual(run('这个康复站位于船板胡同二十五号。').filter((m) => m.type === 'other'), []);
    assert.deepEqual(shown('渔船的编号是多少？'), []);
  });

  it('a known person after an office title: the person, linked when the text named them in full before', () => {
    assert.deepEqual(shown('Donald Trump won. Later President Trump spoke.'), [
      ['Donald Trump', 'person', true],
      ['Trump', 'person', true],
    ]);
    assert.deepEqual(shown('联合国秘书长古特雷斯表示关切。'), [
      ['联合国', 'organization', true],
      ['古特雷斯', 'person', true],
    ]);
  });

  it('a bare surname links to a known person only after the full name in the same text', () => {
    assert.equal(find('Kaja Kallas spoke. Kallas said the talks went well.', 'Kallas').entityId, 'person/kaja-kallas');
    const alone = find('Kallas said the talks went well.', 'Kallas');
    assert.equal(alone.confirmed, false);
    assert.equal(alone.type, 'person');
  });
});
