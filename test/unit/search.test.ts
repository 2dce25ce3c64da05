import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { parse } from 'yaml';
import { FuzzySearch, nameKeys, searchKeys, type SearchItem } from '../../src/core/search/index';

/** Real entities, names in English, simplified and traditional Chinese, regional variants and abbreviations. */
const FIXTURE: Array<[id: string, weight: number, names: string[]]> = [
  ['country/US', 5200, ['United States', '美国', '美國', '美利坚合众国', 'United States of America', 'USA', 'U.S.', 'America', '美方']],
  ['country/RU', 3100, ['Russia', '俄罗斯', '俄羅斯', '俄罗斯联邦', '俄羅斯聯邦', 'Russian Federation', '俄国', '俄方']],
  ['country/CN', 6000, ['China', '中国', '中國', '中华人民共和国', '中華人民共和國', "People's Republic of China", 'PRC', '中方']],
  ['country/UA', 1900, ['Ukraine', '乌克兰', '烏克蘭', '乌方']],
  ['country/GB', 700, ['United Kingdom', '英国', '英國', 'UK', 'Britain', 'Great Britain']],
  ['country/FR', 650, ['France', '法国', '法國', '法兰西']],
  ['country/DE', 640, ['Germany', '德国', '德國', '德意志联邦共和国']],
  ['country/JP', 900, ['Japan', '日本', '日本国']],
  ['country/IN', 500, ['India', '印度', '印度共和国']],
  ['country/KP', 300, ['North Korea', '朝鲜', '朝鮮', 'DPRK', '北韩', "Democratic People's Republic of Korea"]],
  ['country/KR', 320, ['South Korea', '韩国', '韓國', 'Republic of Korea', '南韩']],
  ['country/IR', 280, ['Iran', '伊朗', 'Persia', '波斯']],
  ['country/IL', 210, ['Israel', '以色列']],
  ['country/TR', 190, ['Turkey', '土耳其', 'Türkiye']],
  ['country/KZ', 150, ['Kazakhstan', '哈萨克斯坦', '哈薩克']],
  ['country/PK', 140, ['Pakistan', '巴基斯坦']],
  ['country/AF', 130, ['Afghanistan', '阿富汗']],
  ['country/VN', 120, ['Vietnam', '越南', 'Viet Nam']],
  ['country/BR', 110, ['Brazil', '巴西']],
  ['country/AU', 160, ['Australia', '澳大利亚', '澳大利亞', '澳洲']],
  ['person/putin', 820, ['Vladimir Putin', '普京', '普丁', '弗拉基米尔·普京', '弗拉迪米爾·普丁', 'Putin', 'Владимир Путин']],
  ['person/xi-jinping', 1500, ['Xi Jinping', '习近平', '習近平']],
  ['person/biden', 600, ['Joe Biden', '拜登', 'Joseph Biden']],
  ['person/trump', 640, ['Donald Trump', '特朗普', '川普', '唐纳德·特朗普']],
  ['person/obama', 260, ['Barack Obama', '奥巴马', '歐巴馬', '奧巴馬']],
  ['person/merkel', 140, ['Angela Merkel', '默克尔', '梅克爾']],
  ['person/macron', 150, ['Emmanuel Macron', '马克龙', '馬克宏']],
  ['person/zelensky', 330, ['Volodymyr Zelensky', '泽连斯基', '澤倫斯基', 'Zelenskyy']],
  ['person/modi', 90, ['Narendra Modi', '莫迪']],
  ['person/erdogan', 80, ['Recep Tayyip Erdoğan', '埃尔多安', '艾爾多安', 'Erdogan']],
  ['person/lavrov', 170, ['Sergey Lavrov', '拉夫罗夫', '拉夫羅夫']],
  ['person/blinken', 120, ['Antony Blinken', '布林肯']],
  ['person/kim-jong-un', 110, ['Kim Jong-un', '金正恩']],
  ['person/netanyahu', 70, ['Benjamin Netanyahu', '内塔尼亚胡', '納坦雅胡']],
  ['person/gorbachev', 60, ['Mikhail Gorbachev', '戈尔巴乔夫', '戈巴契夫']],
  ['person/yeltsin', 55, ['Boris Yeltsin', '叶利钦', '葉爾欽']],
  ['person/medvedev', 75, ['Dmitry Medvedev', '梅德韦杰夫', '梅德韋傑夫']],
  ['person/wang-yi', 240, ['Wang Yi', '王毅']],
  ['person/tsai-ing-wen', 180, ['Tsai Ing-wen', '蔡英文']],
  ['person/annette-lu', 12, ['Annette Lu', '吕秀莲', '呂秀蓮', 'Lü Hsiu-lien']],
  ['person/zeng-qinghong', 9, ['Zeng Qinghong', '曾庆红', '曾慶紅']],
  ['organization/sco', 95, ['Shanghai Cooperation Organisation', '上海合作组织', '上海合作組織', '上合组织', '上合組織', 'SCO']],
  ['organization/nato', 700, ['NATO', '北约', '北約', '北大西洋公约组织', '北大西洋公約組織', 'North Atlantic Treaty Organization']],
  ['organization/un', 900, ['United Nations', '联合国', '聯合國', 'UN']],
  ['organization/eu', 800, ['European Union', '欧盟', '歐盟', '欧洲联盟', 'EU']],
  ['organization/asean', 260, ['ASEAN', '东盟', '東協', '东南亚国家联盟', 'Association of Southeast Asian Nations']],
  ['organization/brics', 140, ['BRICS', '金砖国家', '金磚國家']],
  ['organization/wto', 130, ['World Trade Organization', '世界贸易组织', '世貿組織', '世贸组织', 'WTO']],
  ['organization/g20', 100, ['G20', '二十国集团', '二十國集團', 'Group of Twenty', 'G20峰会']],
  ['organization/csto', 30, ['Collective Security Treaty Organization', '集体安全条约组织', '集體安全條約組織', 'CSTO']],
  ['treaty/inf', 40, ['INF Treaty', 'Intermediate-Range Nuclear Forces Treaty', '中导条约', '中導條約', '中程导弹条约']],
  ['treaty/new-start', 35, ['New START', '新削减战略武器条约', '新削減戰略武器條約']],
  ['treaty/minsk', 45, ['Minsk agreements', '明斯克协议', '明斯克協議']],
  ['treaty/rcep', 50, ['Regional Comprehensive Economic Partnership', 'RCEP', '区域全面经济伙伴关系协定', '區域全面經濟夥伴關係協定']],
  ['place/shanghai', 200, ['Shanghai', '上海']],
  ['place/beijing', 400, ['Beijing', '北京', 'Peking']],
  ['place/moscow', 350, ['Moscow', '莫斯科']],
  ['place/crimea', 160, ['Crimea', '克里米亚', '克里米亞', '克里米亚半岛']],
  ['place/donbas', 90, ['Donbas', '顿巴斯', '頓巴斯', 'Donbass']],
  ['place/chongqing', 40, ['Chongqing', '重庆', '重慶']],
  ['event/russo-ukrainian-war', 420, ['Russo-Ukrainian War', '俄乌战争', '俄烏戰爭', '俄乌冲突']],
  ['event/bri', 380, ['Belt and Road Initiative', '一带一路', '一帶一路', 'BRI']],
  ['event/cold-war', 150, ['Cold War', '冷战', '冷戰']],
];

const items: SearchItem<string>[] = FIXTURE.map(([id, weight, names]) => ({ id, names, weight, payload: `payload:${id}` }));

function first(search: FuzzySearch<string>, query: string): string | undefined {
  return search.search(query, 5)[0]?.item.id;
}

describe('search keys', () => {
  it('folded name, full pinyin without tones and initials', () => {
    assert.deepEqual(searchKeys('普京'), ['普京', 'pujing', 'pj']);
    assert.deepEqual(searchKeys('俄羅斯'), ['俄罗斯', 'eluosi', 'els']);
    assert.deepEqual(searchKeys('上合组织'), ['上合组织', 'shanghezuzhi', 'shzz']);
    assert.deepEqual(searchKeys('重庆'), ['重庆', 'chongqing', 'cq']);
  });
  it('Latin names: compact lower case without punctuation or diacritics, acronyms with and without stop words', () => {
    assert.deepEqual(searchKeys('Vladimir Putin'), ['vladimirputin', 'vp']);
    assert.deepEqual(searchKeys('U.S.'), ['us']);
    assert.deepEqual(searchKeys("People's Republic of China"), ['peoplesrepublicofchina', 'proc', 'prc']);
    assert.deepEqual(searchKeys('Recep Tayyip Erdoğan'), ['receptayyiperdogan', 'rte']);
    assert.deepEqual(searchKeys('ＡＳＥＡＮ'), ['asean']);
    assert.deepEqual(searchKeys('US Senate'), ['ussenate', 'uss'], 'an all-capitals word stays whole in the acronym');
    assert.deepEqual(searchKeys('Bank of China'), ['bankofchina', 'boc', 'bc']);
    assert.deepEqual(searchKeys('  ·  '), []);
  });
  it('word and syllable starts', () => {
    assert.deepEqual(nameKeys('Vladimir Putin')[0], { key: 'vladimirputin', kind: 'name', starts: [0, 8] });
    assert.deepEqual(nameKeys('普京')[1], { key: 'pujing', kind: 'pinyin', starts: [0, 2] });
    assert.deepEqual(nameKeys('弗拉基米尔·普京')[0]!.starts, [0, 5]);
  });
  it('polyphonic surnames get the surname reading too; ü gives both v and u', () => {
    const zeng = searchKeys('曾庆红');
    assert.ok(zeng.includes('zengqinghong'), zeng.join());
    assert.ok(zeng.includes('zqh'), zeng.join());
    const lu = searchKeys('吕秀莲');
    assert.ok(lu.includes('lvxiulian') && lu.includes('luxiulian') && lu.includes('lxl'), lu.join());
  });
  it('mixed Latin/CJK names keep the Latin run', () => {
    assert.deepEqual(searchKeys('G20峰会'), ['g20峰会', 'g20fenghui', 'g20fh']);
  });
});

describe('FuzzySearch over a multi-script entity set', () => {
  const search = new FuzzySearch(items);

  const expectations: Array<[query: string, id: string]> = [
    ['pujing', 'person/putin'],
    ['pj', 'person/putin'],
    ['Putin', 'person/putin'],
    ['putin', 'person/putin'],
    ['普丁', 'person/putin'],
    ['普京', 'person/putin'],
    ['vladimir', 'person/putin'],
    ['Путин', 'person/putin'],
    ['els', 'country/RU'],
    ['eluosi', 'country/RU'],
    ['俄羅斯', 'country/RU'],
    ['ewz', 'event/russo-ukrainian-war'], // 俄乌战争: e-w-z-z (Russia's own initials are els)
    ['shanghe', 'organization/sco'],
    ['SCO', 'organization/sco'],
    ['上合', 'organization/sco'],
    ['Puttin', 'person/putin'],
    ['Obamma', 'person/obama'],
    ['meiguo', 'country/US'],
    ['Zelenksy', 'person/zelensky'],
    ['Merkl', 'person/merkel'],
    ['歐巴馬', 'person/obama'],
    ['川普', 'person/trump'],
    ['xjp', 'person/xi-jinping'],
    ['xijinping', 'person/xi-jinping'],
    ['jinping', 'person/xi-jinping'],
    ['zengqinghong', 'person/zeng-qinghong'],
    ['luxiulian', 'person/annette-lu'],
    ['lvxiulian', 'person/annette-lu'],
    ['erdogan', 'person/erdogan'],
    ['Erdoğan', 'person/erdogan'],
    ['beiyue', 'organization/nato'],
    ['nato', 'organization/nato'],
    ['北約', 'organization/nato'],
    ['prc', 'country/CN'],
    ['u.s.', 'country/US'],
    ['usa', 'country/US'],
    ['ＰＵＴＩＮ', 'person/putin'],
    ['pu jing', 'person/putin'],
    ['pǔjīng', 'person/putin'], // pinyin with tone marks
    ['lǚxiùlián', 'person/annette-lu'],
    ['putin vladimir', 'person/putin'],
    ['普京 Putin', 'person/putin'],
    ['普jing', 'person/putin'],
    ['g20', 'organization/g20'],
    ['中导', 'treaty/inf'],
    ['ydyl', 'event/bri'],
    ['chongqing', 'place/chongqing'],
    ['shanghai', 'place/shanghai'],
    ['克里米亞', 'place/crimea'],
  ];
  for (const [query, id] of expectations) {
    it(`${JSON.stringify(query)} finds ${id} first`, () => {
      const results = search.search(query, 5);
      assert.equal(results[0]?.item.id, id, `got ${results.map((r) => `${r.item.id} (${r.score.toFixed(2)} ${r.matched}/${r.key})`).join(', ')}`);
      assert.equal(results[0]!.item.payload, `payload:${id}`);
    });
  }

  it('reports which name and key matched', () => {
    const pj = search.search('pj')[0]!;
    assert.deepEqual([pj.matched, pj.key, pj.kind, pj.tier], ['普京', 'pj', 'initials', 0]);
    const sco = search.search('sco')[0]!;
    assert.deepEqual([sco.matched, sco.kind], ['SCO', 'name'], 'the alias SCO beats the acronym of the long name');
    const trad = search.search('俄羅斯')[0]!;
    assert.deepEqual([trad.matched, trad.key, trad.tier], ['俄罗斯', '俄罗斯', 0]);
    const typo = search.search('Puttin')[0]!;
    assert.equal(typo.tier, 5);
  });

  it('ranks exact > prefix > word prefix > substring > fuzzy', () => {
    // shanghai: exact for the city, prefix of the SCO's long name.
    const sh = search.search('shanghai', 10).map((r) => [r.item.id, r.tier]);
    assert.deepEqual(sh.slice(0, 2), [
      ['place/shanghai', 0],
      ['organization/sco', 1],
    ]);
    // 联盟: substring of 欧洲联盟 and 东南亚国家联盟 only.
    const lm = search.search('联盟');
    assert.deepEqual(lm.map((r) => r.tier), [3, 3]);
    // union: word prefix (European Union) before fuzzy neighbours.
    const union = search.search('union');
    assert.equal(union[0]!.item.id, 'organization/eu');
    assert.equal(union[0]!.tier, 2);
    for (let i = 1; i < union.length; i++) assert.ok(union[i]!.score >= union[i - 1]!.score);
  });

  it('breaks ties by weight, then by shorter name', () => {
    // mei: prefix of meiguo (US, 5200 mentions) and of meikeer (Merkel, 140) and meidewei... (Medvedev, 75).
    const mei = search.search('mei').map((r) => r.item.id);
    assert.deepEqual(mei.slice(0, 3), ['country/US', 'person/merkel', 'person/medvedev']);
    const tie = new FuzzySearch([
      { id: 'long', names: ['Alpha Centauri Station'], payload: 0 },
      { id: 'short', names: ['Alpha Station'], payload: 0 },
      { id: 'heavy', names: ['Alpha Centauri Station'].map((s) => s + ' II'), payload: 0, weight: 100000 },
    ]);
    assert.deepEqual(tie.search('alpha').map((r) => r.item.id), ['heavy', 'short', 'long']);
  });

  it('single letters match word and syllable starts', () => {
    const p = search.search('p', 100).map((r) => r.item.id);
    assert.ok(p.includes('person/putin') && p.includes('country/PK') && p.includes('place/beijing' /* Peking */));
    assert.ok(!p.includes('country/JP'), 'JaPan has no word starting with p');
  });

  it('finds homophones of a CJK query as fuzzy matches (two characters or more)', () => {
    const r = search.search('普金')[0]!;
    assert.equal(r.item.id, 'person/putin');
    assert.equal(r.tier, 5);
    assert.deepEqual(search.search('习').map((x) => x.item.id), ['person/xi-jinping'], 'one character: no homophones');
  });

  it('respects limits and returns nothing for empty or punctuation-only queries', () => {
    assert.equal(search.search('a', 3).length, 3);
    assert.equal(new FuzzySearch(items, { limit: 2 }).search('a').length, 2);
    assert.deepEqual(search.search(''), []);
    assert.deepEqual(search.search('   '), []);
    assert.deepEqual(search.search('·—'), []);
    assert.deepEqual(search.search('zzzzqqqq'), []);
    assert.throws(() => new FuzzySearch(items, { limit: 0 }), /limit must be a positive integer/);
  });

  it('returns one result per item, sorted by score', () => {
    const results = search.search('eluosi', 50);
    const ids = results.map((r) => r.item.id);
    assert.equal(new Set(ids).size, ids.length);
    for (let i = 1; i < results.length; i++) assert.ok(results[i]!.score >= results[i - 1]!.score);
  });
});

describe('FuzzySearch incremental updates', () => {
  it('add, update and remove', () => {
    const search = new FuzzySearch(items.slice(0, 10));
    assert.equal(search.size, 10);
    assert.equal(first(search, 'pujing'), undefined);
    search.add(items.find((i) => i.id === 'person/putin')!);
    assert.equal(first(search, 'pujing'), 'person/putin');
    assert.throws(() => search.add(items.find((i) => i.id === 'person/putin')!), /duplicate item id "person\/putin"/);
    search.update({ id: 'person/putin', names: ['Wladimir Putin', '普亭'], payload: 'new', weight: 1 });
    assert.equal(first(search, '普京'), undefined, 'old names are gone');
    assert.equal(search.search('pujing')[0]?.tier, 5, 'pujing is now only a typo of puting');
    assert.equal(first(search, 'puting'), 'person/putin');
    assert.equal(search.search('wladimir')[0]!.item.payload, 'new');
    assert.equal(search.remove('person/putin'), true);
    assert.equal(search.remove('person/putin'), false);
    assert.equal(first(search, 'putin'), undefined);
    assert.equal(search.has('person/putin'), false);
    assert.equal(search.size, 10);
    assert.equal(first(search, 'eluosi'), 'country/RU');
  });

  it('stays correct through compaction after many removals', () => {
    const search = new FuzzySearch(items);
    const filler = Array.from({ length: 3000 }, (_, i) => ({ id: `filler/${i}`, names: [`Putinovka ${i}`, `普京村${i}`], payload: 'x' }));
    for (const f of filler) search.add(f);
    assert.ok(search.search('putin', 100).length > 50);
    for (const f of filler) search.remove(f.id);
    assert.equal(search.size, items.length);
    assert.deepEqual(
      search.search('putin', 100).map((r) => r.item.id),
      ['person/putin'],
    );
    assert.equal(first(search, '普京'), 'person/putin');
    assert.deepEqual([...search.items()].map((i) => i.id), items.map((i) => i.id));
  });

  it('rejects malformed items with a clear error', () => {
    const search = new FuzzySearch<number>();
    assert.throws(() => search.add({ id: 'x', names: 'not an array' as unknown as string[], payload: 1 }), /item "x" has no names array/);
    assert.throws(() => search.add({ id: 'y', names: ['ok', 3 as unknown as string], payload: 1 }), /item "y" has a name that is not a string: 3/);
    assert.equal(search.has('y'), false, 'a rejected item is not half-added');
  });
});

describe('FuzzySearch over the bundled knowledge base (data/knowledge.yaml)', function () {
  const file = path.join(__dirname, '../../data/knowledge.yaml');
  interface Entity {
    id: string;
    names?: Record<string, string>;
    aliases?: string[];
  }
  let entities: Entity[] = [];
  let search: FuzzySearch<Entity> | undefined;
  before(function () {
    if (!fs.existsSync(file)) this.skip();
    entities = (parse(fs.readFileSync(file, 'utf8')) as { entities: Entity[] }).entities;
    search = new FuzzySearch(
      entities.map((e) => ({ id: e.id, names: [e.names?.en, e.names?.['zh-Hans'], e.names?.['zh-Hant'], ...(e.aliases ?? [])].filter((n): n is string => typeof n === 'string'), payload: e })),
    );
  });
  /** The entity whose English name matches, or undefined if the knowledge base does not list it (yet). */
  const byEnglish = (re: RegExp) => entities.find((e) => re.test(e.names?.en ?? ''));
  const cases: Array<[RegExp, string[]]> = [
    [/^Vladimir Putin$/, ['pujing', 'pj', 'Putin', 'putin', '普丁', '普京', 'vladimir', 'Puttin']],
    [/^Russia$/, ['eluosi', 'els', '俄羅斯', '俄罗斯']],
    [/^Shanghai Cooperation Organi[sz]ation$/, ['shanghe', 'SCO', '上合']],
    [/^Barack Obama$/, ['Obamma', 'obama', '奥巴马']],
    [/^United States$/, ['meiguo', 'USA', '美國']],
  ];
  for (const [re, queries] of cases) {
    it(`${re.source}: ${queries.join(', ')}`, function () {
      const target = byEnglish(re);
      if (!target || !search) this.skip();
      for (const q of queries) {
        const results = search!.search(q, 5);
        assert.equal(results[0]?.item.id, target!.id, `${q}: got ${results.map((r) => `${r.item.id} (${r.matched}/${r.key})`).join(', ')}`);
      }
    });
  }
});
