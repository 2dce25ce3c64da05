import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { defaultKnowledgeSource, loadKnowledge } from '../../src/core/entities/knowledge';
import { EntityRecognizer } from '../../src/core/entities/recognizer';
import type { EntityMention } from '../../src/core/types';

const fixtureText = fs.readFileSync(path.join(__dirname, '../fixtures/knowledge/base.yaml'), 'utf8');
const kb = loadKnowledge([{ file: 'base.yaml', text: fixtureText }]).value;
const recognizer = new EntityRecognizer(kb);
const samplesDir = path.join(__dirname, '../../samples');
const sample = (prefix: string) => fs.readFileSync(path.join(samplesDir, fs.readdirSync(samplesDir).find((f) => f.startsWith(prefix))!), 'utf8');

/** "text=id" for every mention, checking offsets, order and non-overlap on the way. */
function run(text: string): EntityMention[] {
  const ms = recognizer.find(text);
  let last = 0;
  for (const m of ms) {
    assert.equal(text.slice(m.start, m.end), m.text);
    assert.ok(m.start >= last, `overlap or disorder at ${m.start}`);
    last = m.end;
  }
  return ms;
}
const ids = (text: string) => run(text).map((m) => `${m.text}=${m.entityId}`);
const has = (ms: EntityMention[], text: string, id: string) =>
  assert.ok(ms.some((m) => m.text === text && m.entityId === id), `missing ${text}=${id}; got ${ms.map((m) => m.text + '=' + m.entityId).join(' ')}`);

describe('entities: recogniser', () => {
  it('splits abbreviation compounds into members', () => {
    assert.deepEqual(ids('美俄关系'), ['美=country/US', '俄=country/RU']);
    assert.deepEqual(ids('中俄美三角'), ['中=country/CN', '俄=country/RU', '美=country/US']);
    assert.deepEqual(ids('俄乌边境'), ['俄=country/RU', '乌=country/UA']);
    assert.deepEqual(ids('美英法'), ['美=country/US', '英=country/GB', '法=country/FR']);
    assert.deepEqual(ids('俄美土三方'), ['俄=country/RU', '美=country/US', '土=country/TR']);
    assert.deepEqual(ids('美歐之間'), ['美=country/US', '歐=organization/EU']);
    assert.deepEqual(ids('美、俄两国'), ['美=country/US', '俄=country/RU']);
    assert.deepEqual(ids('俄美关系'), ['俄=country/RU', '美=country/US']);
    const m = run('俄乌边境')[1]!;
    assert.deepEqual([m.start, m.end, m.via, m.confirmed], [1, 2, 'abbreviation', true]);
  });

  it('counts a single abbreviation only before a suffix', () => {
    // An organisation that begins with a country: one (candidate) organisation with the country inside.
    const treasury = run('美财政部公布')[0]!;
    assert.deepEqual([treasury.text, treasury.type, treasury.members?.map((m) => `${m.text}=${m.entityId}`)], ['美财政部', 'organization', ['美=country/US']]);
    assert.deepEqual(ids('俄军撤出'), ['俄=country/RU']);
    assert.deepEqual(ids('美方与中方'), ['美方=country/US', '中方=country/CN']);
    // The scan takes no single abbreviation without a suffix; the tagger's reading of 美进俄退 (the US advances,
    // Russia retreats) proposes both as places, and a proposed one-character place is the country it abbreviates.
    assert.deepEqual(new EntityRecognizer(kb, { taggers: false }).find('美进俄退'), []);
    assert.deepEqual(ids('美进俄退'), ['美=country/US', '俄=country/RU']);
    assert.deepEqual(ids('西方与新方法'), []);
  });

  it('does not fire on false compounds; full names win', () => {
    assert.deepEqual(ids('中美洲'), ['中美洲=place/central-america']);
    assert.deepEqual(ids('十亿美元'), ['美元=other/usd']);
    assert.deepEqual(ids('中东和中亚'), ['中东=place/middle-east', '中亚=place/central-asia']);
    for (const w of ['美好', '法律', '英语', '土地', '格局', '加强', '以及', '比如', '希望', '中英文']) assert.deepEqual(ids(w), [], w);
    assert.deepEqual(ids('日本'), ['日本=country/JP']);
    assert.deepEqual(ids('中俄美国'), ['中=country/CN', '俄=country/RU', '美国=country/US']);
    assert.deepEqual(ids('俄美新战略'), ['俄=country/RU', '美=country/US']);
    assert.deepEqual(ids('奥巴马访华'), ['奥巴马=person/obama', '华=country/CN']); // 访华: China
    assert.deepEqual(ids('所以中美俄'), ['中=country/CN', '美=country/US', '俄=country/RU']);
    assert.deepEqual(ids('其中美俄'), ['美=country/US', '俄=country/RU']);
  });

  it('needs word boundaries for Latin names only', () => {
    assert.deepEqual(ids('SCOPE of the SCO'), ['SCO=organization/SCO']);
    // (A bare surname counts only after the full name.)
    assert.deepEqual(ids('Donald Trump played a Trumpet for Trump.'), ['Donald Trump=person/trump', 'Trump=person/trump']);
    assert.deepEqual(ids('the (USA) and the U.S. economy'), ['USA=country/US', 'U.S.=country/US']);
    assert.deepEqual(ids('Russia-China ties, Russia’s view'), ['Russia=country/RU', 'China=country/CN', 'Russia=country/RU']);
    // Not "Russia" + "n": the demonym, linked to the country as such.
    assert.deepEqual(run('Russian').map((m) => [m.text, m.entityId, m.demonym]), [['Russian', 'country/RU', true]]);
    assert.deepEqual(ids('加拿大G7峰會'), ['加拿大=country/CA', 'G7=organization/G7']);
    assert.deepEqual(ids('G77'), []);
  });

  it('handles traditional script, full-width Latin and astral characters', () => {
    assert.deepEqual(ids('俄美關係與普丁'), ['俄=country/RU', '美=country/US', '普丁=person/putin']);
    assert.deepEqual(ids('ＮＡＴＯ與北約'), ['ＮＡＴＯ=organization/NATO', '北約=organization/NATO']);
    const text = '😊普京😊 met 😊NATO';
    const ms = run(text);
    assert.deepEqual(ms.map((m) => m.text), ['普京', 'NATO']);
    assert.equal(ms[0]!.start, 2);
  });

  it('finds candidates the knowledge base does not know, never over a confirmed mention', () => {
    const ms = run('顾问尤里·乌沙科夫说,研究员赵隆认为,《现代国际关系》与《削减和限制进攻性武器条约》,总统普京,《中导条约》');
    const cand = ms.filter((m) => !m.confirmed).map((m) => `${m.text}:${m.type}:${m.entityId}`);
    assert.deepEqual(cand, [
      '尤里·乌沙科夫:person:candidate:尤里·乌沙科夫',
      '赵隆:person:candidate:赵隆',
      '现代国际关系:other:candidate:现代国际关系',
      '削减和限制进攻性武器条约:treaty:candidate:削减和限制进攻性武器条约',
    ]);
    has(ms, '普京', 'person/putin');
    has(ms, '中导条约', 'treaty/INF');
    assert.deepEqual(ids('巴沙爾·阿薩德本人').slice(0, 1), ['巴沙爾·阿薩德=candidate:巴沙尔·阿萨德']);
    assert.deepEqual(ids('大使洪博培返回'), ['洪博培=candidate:洪博培']);
    // No title + name person here (the tagger may read 总统委员会 as an organisation).
    assert.deepEqual(run('对记者表示,两国总统委员会').filter((m) => m.type === 'person'), []);
  });
});

describe('entities: a name read across a word boundary', () => {
  const base = loadKnowledge([
    { file: 'base.yaml', text: fixtureText },
    {
      file: 'more.yaml',
      text: [
        'schema: corpus-lens/knowledge@1',
        'entities:',
        '  - {id: country/KR, type: country, names: {en: South Korea, zh-Hans: 韩国}, abbr: [韩]}',
        '  - {id: person/han-zheng, type: person, names: {en: Han Zheng, zh-Hans: 韩正}}',
        '  - {id: place/east-china-sea, type: place, names: {en: East China Sea, zh-Hans: 东海}}',
        '  - {id: place/south-china-sea, type: place, names: {en: South China Sea, zh-Hans: 南海}}',
        '',
      ].join('\n'),
    },
  ]).value;
  const r = new EntityRecognizer(base);
  const linkedIds = (text: string) => r.find(text).filter((m) => m.confirmed).map((m) => `${m.text}=${m.entityId}`);

  it('a name after an abbreviation that runs into 正在/正是 is no mention: the abbreviations are', () => {
    assert.deepEqual(linkedIds('美韩正在举行联合军演'), ['美=country/US', '韩=country/KR']);
    assert.deepEqual(linkedIds('美韩正是盟友'), ['美=country/US', '韩=country/KR']);
    // Not after an abbreviation: the person, then 在.
    assert.deepEqual(linkedIds('副主席韩正在北京会见'), ['韩正=person/han-zheng', '北京=place/beijing']);
    assert.deepEqual(linkedIds('韩正表示'), ['韩正=person/han-zheng']);
  });

  it('以东/以南 + an area word holds no sea named by the direction; 以 + the sea as an object keeps it', () => {
    assert.deepEqual(linkedIds('船只在岛屿以东海域航行'), []);
    assert.deepEqual(linkedIds('位于海岸以南约20公里'), []);
    assert.deepEqual(linkedIds('以南海为基地'), ['南海=place/south-china-sea']);
    assert.deepEqual(linkedIds('东海局势'), ['东海=place/east-china-sea']);
  });
});

describe('entities: samples', () => {
  it('000 abstracts', () => {
    const ms = run(sample('000'));
    has(ms, '中导条约', 'treaty/INF');
    has(ms, '美', 'country/US');
    has(ms, '俄', 'country/RU');
    for (const [t, id] of [['奥巴马', 'person/obama'], ['北约', 'organization/NATO'], ['格鲁吉亚', 'country/GE'], ['阿富汗', 'country/AF'], ['伊朗', 'country/IR'], ['普京', 'person/putin'], ['拜登', 'person/biden'], ['张耀', 'candidate:张耀'], ['国际观察', 'candidate:国际观察']] as const) has(ms, t, id);
    const i = sample('000').indexOf('美俄关系“重启”');
    assert.deepEqual(ms.filter((m) => m.start >= i && m.end <= i + 4).map((m) => m.entityId), ['country/US', 'country/RU']);
  });

  it('001 news article', () => {
    const ms = run(sample('001'));
    for (const [t, id] of [['拜登', 'person/biden'], ['普京', 'person/putin'], ['尤里·乌沙科夫', 'candidate:尤里·乌沙科夫'], ['赵隆', 'candidate:赵隆'], ['北约', 'organization/NATO'], ['黑海', 'place/black-sea'], ['顿巴斯', 'place/donbas'], ['基辅', 'place/kyiv'], ['五角大楼', 'organization/pentagon'], ['乌', 'country/UA']] as const) has(ms, t, id);
  });

  it('002 traditional Q&A', () => {
    const text = sample('002');
    const ms = run(text);
    for (const [t, id] of [['普京', 'person/putin'], ['特朗普', 'person/trump'], ['邁凱恩', 'person/mccain'], ['G7', 'organization/G7'], ['克里米亞', 'place/crimea'], ['敘利亞', 'country/SY'], ['上合', 'organization/SCO'], ['普特會', 'event/putin-trump-summit']] as const) has(ms, t, id);
    const i = text.indexOf('俄美關係');
    assert.deepEqual(ms.filter((m) => m.start >= i && m.end <= i + 4).map((m) => m.entityId), ['country/RU', 'country/US']);
  });

  it('003 bilingual summary', () => {
    const ms = run(sample('003'));
    for (const [t, id] of [['普丁', 'person/putin'], ['莫斯科', 'place/moscow'], ['北京', 'place/beijing'], ['華盛頓', 'place/washington'], ['中亞', 'place/central-asia'], ['北約', 'organization/NATO'], ['NATO', 'organization/NATO'], ['Russia', 'country/RU'], ['China', 'country/CN'], ['Moscow', 'place/moscow'], ['Beijing', 'place/beijing']] as const) has(ms, t, id);
  });

  it('004 abstracts', () => {
    const ms = run(sample('004'));
    for (const [t, id] of [['集体安全条约组织', 'organization/CSTO'], ['集安组织', 'organization/CSTO'], ['上海合作组织', 'organization/SCO'], ['上合', 'organization/SCO'], ['中', 'country/CN'], ['乌兹别克斯坦', 'country/UZ'], ['孟加拉湾', 'place/bay-of-bengal']] as const) has(ms, t, id);
    assert.ok(!ms.some((m) => m.entityId === 'country/BD'), '孟加拉湾 is not Bangladesh');
  });

  it('two names of one entity that fold alike keep the weaker case rule (al-Shabaab and Al-Shabaab; Nato and NATO)', () => {
    const yaml = [
      'schema: corpus-lens/knowledge@1',
      'entities:',
      '  - id: organization/al-shabaab',
      '    type: organization',
      '    names: { en: al-Shabaab }',
      '    aliases: [Al-Shabaab]',
      '  - id: organization/NATO',
      '    type: organization',
      '    names: { en: NATO }',
      '    aliases: [Nato]',
    ].join('\n');
    const r = new EntityRecognizer(loadKnowledge([{ file: 'k.yaml', text: yaml }]).value);
    const found = (text: string) => r.find(text).map((m) => `${m.text}=${m.entityId}`);
    assert.deepEqual(found('He said al-Shabaab attacked; Al-Shabaab denied it.'), ['al-Shabaab=organization/al-shabaab', 'Al-Shabaab=organization/al-shabaab']);
    assert.deepEqual(found('Nato and NATO, not nato.'), ['Nato=organization/NATO', 'NATO=organization/NATO']);
  });

  it('bundled knowledge base: 美俄关系 and the samples run clean', () => {
    const bundled = new EntityRecognizer(loadKnowledge([defaultKnowledgeSource()]).value);
    assert.deepEqual(bundled.find('美俄关系').map((m) => m.entityId), ['country/US', 'country/RU']);
    for (const p of ['000', '001', '002', '003', '004']) {
      const text = sample(p);
      for (const m of bundled.find(text)) assert.equal(text.slice(m.start, m.end), m.text);
    }
  });

  it('bundled knowledge base: acronyms and capitalised names keep their case; names inside ordinary words do not fire', () => {
    const bundled = new EntityRecognizer(loadKnowledge([defaultKnowledgeSource()]).value);
    const found = (text: string) => bundled.find(text).filter((m) => m.confirmed).map((m) => `${m.text}=${m.entityId}`);
    assert.deepEqual(found('Let us see who said it. Us and them. He is a trump card holder.'), []);
    assert.deepEqual(found('The UN and the US agreed; WHO warned. Donald Trump met Congress.'), [
      'UN=organization/UN',
      'US=country/US',
      'WHO=organization/WHO',
      'Donald Trump=person/donald-trump',
      'Congress=organization/us-congress',
    ]);
    assert.deepEqual(found('ＵＳ'), ['ＵＳ=country/US']);
    assert.deepEqual(found('北京时间12月31日'), []);
    assert.deepEqual(found('在此基础上合作'), []);
    assert.deepEqual(found('其中亚洲国家'), ['亚洲=place/asia']);
    assert.deepEqual(found('北京与中亚和上合'), ['北京=place/beijing', '中亚=place/central-asia', '上合=organization/SCO']);
  });
});
