import { strict as assert } from 'node:assert';
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as Y from 'yaml';
import { ENTITY_KEYS } from '../../src/core/entities/knowledge';
import { ENTITY_TYPES } from '../../src/core/entities/types';
import { fold } from '../../src/core/text/fold';

/** Checks the bundled knowledge base itself (data/knowledge.yaml), independent of the loader. */

const FILE = path.join(__dirname, '../../data/knowledge.yaml');
// The types and keys the loader accepts (imported, not copied: a new type or field is known here at once).
const TYPES: readonly string[] = ENTITY_TYPES;
const KEYS = ENTITY_KEYS;

interface Entity {
  id: string;
  type: string;
  names: { en?: string; 'zh-Hans'?: string; 'zh-Hant'?: string };
  aliases?: string[];
  abbr?: string[];
  wikidata?: string;
  description?: string;
  country?: string;
  un?: boolean;
  tagged?: string[];
}

describe('data/knowledge.yaml', () => {
  const text = fs.readFileSync(FILE, 'utf8');
  const doc = Y.parseDocument(text, { version: '1.1' });
  const data = doc.toJS() as { schema: string; entities: Entity[] };
  const entities = data.entities;
  const byId = new Map(entities.map((e) => [e.id, e]));

  /** Every name and alias of an entity. */
  function forms(e: Entity): string[] {
    return [e.names.en, e.names['zh-Hans'], e.names['zh-Hant'], ...(e.aliases ?? [])].filter(
      (x): x is string => typeof x === 'string',
    );
  }

  /** Folded form -> id, built from all entities; throws on nothing, collisions are collected. */
  const folded = new Map<string, string>();
  const collisions: string[] = [];
  for (const e of entities) {
    for (const f of forms(e)) {
      const k = fold(f);
      const other = folded.get(k);
      if (other !== undefined && other !== e.id) collisions.push(`${JSON.stringify(f)}: ${other} vs ${e.id}`);
      else folded.set(k, e.id);
    }
  }
  function lookup(s: string): string | undefined {
    return folded.get(fold(s));
  }

  it('parses without errors or warnings (also as YAML 1.1) and declares the schema', () => {
    assert.deepEqual(doc.errors, []);
    assert.deepEqual(doc.warnings, []);
    assert.equal(data.schema, 'corpus-lens/knowledge@1');
    assert.ok(Array.isArray(entities));
    assert.ok(entities.length >= 600, `only ${entities.length} entities`);
  });

  it('has unique ids of the form <type>/<slug> matching the type', () => {
    const seen = new Set<string>();
    for (const e of entities) {
      assert.match(e.id, /^[a-z]+\/[A-Za-z0-9][A-Za-z0-9._-]*$/, e.id);
      assert.ok(TYPES.includes(e.type), `${e.id}: bad type ${e.type}`);
      assert.equal(e.id.split('/')[0], e.type, `${e.id}: prefix does not match type ${e.type}`);
      assert.ok(!seen.has(e.id), `duplicate id ${e.id}`);
      seen.add(e.id);
    }
  });

  it('uses only known fields with the right shapes', () => {
    for (const e of entities) {
      for (const k of Object.keys(e)) assert.ok(KEYS.has(k), `${e.id}: unknown field ${k}`);
      assert.equal(typeof e.names.en, 'string', `${e.id}: names.en`);
      // A person whose Chinese name is not certain is named in English only (a transliteration is never made up);
      // every other entity has its simplified name.
      const englishOnly = e.type === 'person' && e.names['zh-Hans'] === undefined && e.names['zh-Hant'] === undefined;
      if (!englishOnly) assert.equal(typeof e.names['zh-Hans'], 'string', `${e.id}: names.zh-Hans`);
      if (e.names['zh-Hant'] !== undefined) assert.equal(typeof e.names['zh-Hant'], 'string', `${e.id}: zh-Hant`);
      assert.ok(e.names.en!.trim() && (englishOnly || e.names['zh-Hans']!.trim()), `${e.id}: empty name`);
      for (const a of e.aliases ?? []) assert.ok(typeof a === 'string' && a.trim() === a && a, `${e.id}: alias ${String(a)}`);
      assert.equal(typeof e.description, 'string', `${e.id}: description`);
      assert.ok(!e.description!.includes('\n'), `${e.id}: description must be one line`);
      if (e.wikidata !== undefined) assert.match(e.wikidata, /^Q[1-9][0-9]*$/, `${e.id}: wikidata`);
      if (e.un !== undefined) assert.equal(e.un, true, `${e.id}: un`);
      if (e.un) assert.equal(e.type, 'country', `${e.id}: un on a non-country`);
    }
  });

  it('has no alias that folds to the same key as a name or alias of another entity', () => {
    assert.deepEqual(collisions, []);
  });

  it('has only one-character abbreviations, each belonging to one entity', () => {
    const owner = new Map<string, string>();
    for (const e of entities) {
      for (const a of e.abbr ?? []) {
        assert.equal([...a].length, 1, `${e.id}: abbr ${a}`);
        const k = fold(a);
        const other = owner.get(k);
        assert.ok(other === undefined || other === e.id, `abbr ${a}: ${other} vs ${e.id}`);
        owner.set(k, e.id);
      }
    }
    const expected: Record<string, string> = {
      美: 'country/US', 俄: 'country/RU', 中: 'country/CN', 乌: 'country/UA', 烏: 'country/UA', 苏: 'country/soviet-union',
      蘇: 'country/soviet-union', 英: 'country/GB', 法: 'country/FR', 德: 'country/DE', 日: 'country/JP', 欧: 'organization/EU',
      歐: 'organization/EU', 印: 'country/IN', 巴: 'country/PK', 土: 'country/TR', 伊: 'country/IR', 叙: 'country/SY',
      敘: 'country/SY', 朝: 'country/KP', 韩: 'country/KR', 韓: 'country/KR', 格: 'country/GE', 越: 'country/VN',
      以: 'country/IL', 哈: 'country/KZ', 吉: 'country/KG', 塔: 'country/TJ', 白: 'country/BY', 台: 'country/TW',
    };
    for (const [a, id] of Object.entries(expected)) assert.equal(owner.get(fold(a)), id, `abbr ${a}`);
  });

  it('contains all 193 UN member states, each with en / zh-Hans / zh-Hant names', () => {
    const members = entities.filter((e) => e.type === 'country' && e.un === true);
    assert.equal(members.length, 193);
    for (const e of members) {
      assert.match(e.id, /^country\/[A-Z]{2}$/, `${e.id}: UN members use ISO 3166-1 alpha-2 ids`);
      assert.ok(e.names['zh-Hant'], `${e.id}: zh-Hant`);
    }
    for (const id of ['country/VA', 'country/PS', 'country/TW', 'country/XK', 'country/soviet-union', 'country/yugoslavia']) {
      assert.ok(byId.has(id), id);
      assert.notEqual(byId.get(id)!.un, true, `${id} is not a UN member`);
    }
  });

  it('points every country reference at an existing country entity', () => {
    for (const e of entities) {
      if (e.country === undefined) continue;
      assert.equal(byId.get(e.country)?.type, 'country', `${e.id}: country ${e.country}`);
    }
  });

  it('resolves the names, aliases and regional variants used in the samples and IR writing', () => {
    const cases: Array<[string, string]> = [
      // countries and regional variants
      ['美利坚合众国', 'country/US'], ['U.S.', 'country/US'], ['USA', 'country/US'], ['America', 'country/US'],
      ['英國', 'country/GB'], ['UK', 'country/GB'], ['Great Britain', 'country/GB'], ['俄羅斯', 'country/RU'],
      ['Russian Federation', 'country/RU'], ['North Korea', 'country/KP'], ['DPRK', 'country/KP'], ['朝鲜', 'country/KP'],
      ['南韓', 'country/KR'], ['ROK', 'country/KR'], ['韩国', 'country/KR'], ['乌兹别克斯坦', 'country/UZ'],
      ['格鲁吉亚', 'country/GE'], ['格魯吉亞', 'country/GE'], ['喬治亞', 'country/GE'], ['孟加拉', 'country/BD'],
      ['白俄罗斯', 'country/BY'], ['亚美尼亚', 'country/AM'], ['哈萨克斯坦', 'country/KZ'], ['塔吉克斯坦', 'country/TJ'],
      ['吉尔吉斯斯坦', 'country/KG'], ['阿富汗', 'country/AF'], ['叙利亚', 'country/SY'], ['敘利亞', 'country/SY'],
      ['伊朗', 'country/IR'], ['以色列', 'country/IL'], ['土耳其', 'country/TR'], ['奥地利', 'country/AT'],
      ['奧地利', 'country/AT'], ['加拿大', 'country/CA'], ['墨西哥', 'country/MX'], ['越南', 'country/VN'],
      ['紐西蘭', 'country/NZ'], ['沙烏地阿拉伯', 'country/SA'], ['蘇聯', 'country/soviet-union'],
      ['前苏联', 'country/soviet-union'], ['梵蒂冈', 'country/VA'], ['Kosovo', 'country/XK'], ['東德', 'country/east-germany'],
      // places
      ['克里米亚', 'place/crimea'], ['克里米亞', 'place/crimea'], ['顿巴斯', 'place/donbas'], ['基輔', 'place/kyiv'],
      ['Kiev', 'place/kyiv'], ['华盛顿', 'place/washington'], ['華盛頓', 'place/washington'], ['莫斯科', 'place/moscow'],
      ['北京', 'place/beijing'], ['大马士革', 'place/damascus'], ['维也纳', 'place/vienna'], ['聖彼得堡', 'place/saint-petersburg'],
      ['中亚', 'place/central-asia'], ['中亞', 'place/central-asia'], ['Central Asia', 'place/central-asia'],
      ['中东', 'place/middle-east'], ['黑海', 'place/black-sea'], ['欧亚', 'place/eurasia'], ['欧亚大陆', 'place/eurasia'],
      ['东欧', 'place/eastern-europe'], ['東北亞', 'place/northeast-asia'], ['北極', 'place/arctic'],
      ['中美洲', 'place/central-america'], ['孟加拉湾', 'place/bay-of-bengal'], ['南海', 'place/south-china-sea'],
      ['马六甲海峡', 'place/strait-of-malacca'], ['香港', 'place/hong-kong'], ['澳门', 'place/macau'],
      ['洛杉矶', 'place/los-angeles'], ['纽约', 'place/new-york'], ['加州', 'place/california'], ['京都', 'place/kyoto'],
      ['阿勒頗', 'place/aleppo'], ['伊德利卜省', 'place/idlib'], ['曼比季', 'place/manbij'], ['幼發拉底河', 'place/euphrates'],
      // organisations
      ['北约', 'organization/NATO'], ['北約', 'organization/NATO'], ['NATO', 'organization/NATO'],
      ['北大西洋公约组织', 'organization/NATO'], ['上海合作组织', 'organization/SCO'], ['上合组织', 'organization/SCO'],
      ['上合', 'organization/SCO'], ['SCO', 'organization/SCO'], ['集体安全条约组织', 'organization/CSTO'],
      ['集安组织', 'organization/CSTO'], ['独联体集体安全条约组织', 'organization/CSTO'], ['独联体', 'organization/CIS'],
      ['獨聯體', 'organization/CIS'], ['欧盟', 'organization/EU'], ['歐盟', 'organization/EU'], ['European Union', 'organization/EU'],
      ['世界贸易组织', 'organization/WTO'], ['世贸组织', 'organization/WTO'], ['七國集團', 'organization/G7'],
      ['G7', 'organization/G7'], ['八国集团', 'organization/G8'], ['八國集團', 'organization/G8'], ['G20', 'organization/G20'],
      ['ASEAN', 'organization/ASEAN'], ['东盟', 'organization/ASEAN'], ['联合国', 'organization/UN'],
      ['安理会', 'organization/UNSC'], ['国际原子能机构', 'organization/IAEA'], ['聯合國教科文組織', 'organization/UNESCO'],
      ['欧安组织', 'organization/OSCE'], ['金砖国家', 'organization/BRICS'], ['欧亚经济联盟', 'organization/EAEU'],
      ['美国国务院', 'organization/us-state-department'], ['美國國會', 'organization/us-congress'],
      ['參議院', 'organization/us-senate'], ['五角大楼', 'organization/pentagon'], ['白宫', 'organization/white-house'],
      ['白宮', 'organization/white-house'], ['克里姆林宫', 'organization/kremlin'], ['俄罗斯外交部', 'organization/russian-mfa'],
      ['美財政部', 'organization/us-treasury'], ['美國國家安全委員會', 'organization/us-nsc'],
      ['民主黨', 'organization/us-democratic-party'], ['共和黨', 'organization/us-republican-party'],
      ['上海国际问题研究院', 'organization/siis'], ['Foreign Affairs', 'organization/foreign-affairs'],
      ['现代国际关系', 'organization/xiandai-guoji-guanxi'], ['《现代国际关系》', 'organization/xiandai-guoji-guanxi'],
      ['国际观察', 'organization/guoji-guancha'], ['《國際觀察》', 'organization/guoji-guancha'],
      ['俄鋁', 'organization/rusal'], ['俄羅斯衛星通訊社', 'organization/sputnik'], ['《華爾街日報》', 'organization/wsj'],
      ['看看新闻', 'organization/kankanews'], ['国际海事局', 'organization/IMB'], ['塔利班', 'organization/Taliban'],
      // treaties
      ['《中导条约》', 'treaty/INF'], ['中导条约', 'treaty/INF'], ['中程导弹条约', 'treaty/INF'], ['INF Treaty', 'treaty/INF'],
      ['《削减和限制进攻性武器条约》', 'treaty/New-START'], ['削减和限制进攻性武器条约', 'treaty/New-START'],
      ['New START', 'treaty/New-START'], ['新START', 'treaty/New-START'], ['《莫斯科条约》', 'treaty/SORT'],
      ['莫斯科条约', 'treaty/SORT'], ['反导条约', 'treaty/ABM'], ['核不扩散条约', 'treaty/NPT'], ['CTBT', 'treaty/CTBT'],
      ['伊核协议', 'treaty/JCPOA'], ['伊核協議', 'treaty/JCPOA'], ['伊朗核协议', 'treaty/JCPOA'], ['JCPOA', 'treaty/JCPOA'],
      ['联合全面行动计划', 'treaty/JCPOA'], ['《巴黎氣候協定》', 'treaty/Paris-Agreement'], ['巴黎协定', 'treaty/Paris-Agreement'],
      ['Paris Agreement', 'treaty/Paris-Agreement'], ['明斯克协议', 'treaty/Minsk'], ['开放天空条约', 'treaty/Open-Skies'],
      ['欧洲常规武装力量条约', 'treaty/CFE'], ['联合国宪章', 'treaty/UN-Charter'], ['京都议定书', 'treaty/Kyoto-Protocol'],
      ['《中俄睦邻友好合作条约》', 'treaty/Sino-Russian-Friendship-Treaty'], ['TPP', 'treaty/TPP'],
      ['《上海合作组织成员国多边经贸合作纲要》', 'treaty/SCO-Trade-Programme'], ['Budapest Memorandum', 'treaty/Budapest-Memorandum'],
      ['《杰克逊—瓦尼克法案》', 'other/Jackson-Vanik'], ['《谢尔盖·马格尼茨基法案》', 'other/Magnitsky-Act'],
      // people
      ['普京', 'person/vladimir-putin'], ['普丁', 'person/vladimir-putin'], ['蒲亭', 'person/vladimir-putin'],
      ['Putin', 'person/vladimir-putin'], ['Vladimir Putin', 'person/vladimir-putin'], ['弗拉基米尔·普京', 'person/vladimir-putin'],
      ['特朗普', 'person/donald-trump'], ['川普', 'person/donald-trump'], ['Donald Trump', 'person/donald-trump'],
      ['奥巴马', 'person/barack-obama'], ['歐巴馬', 'person/barack-obama'], ['奧巴馬', 'person/barack-obama'],
      ['拜登', 'person/joe-biden'], ['Biden', 'person/joe-biden'], ['克林顿', 'person/bill-clinton'], ['柯林頓', 'person/bill-clinton'],
      ['小布什', 'person/george-w-bush'], ['老布什', 'person/george-h-w-bush'], ['梅德韋傑夫', 'person/dmitry-medvedev'],
      ['葉爾欽', 'person/boris-yeltsin'], ['Yeltsin', 'person/boris-yeltsin'], ['拉夫羅夫', 'person/sergey-lavrov'],
      ['Lavrov', 'person/sergey-lavrov'], ['蓬佩奥', 'person/mike-pompeo'], ['布林肯', 'person/antony-blinken'],
      ['克里', 'person/john-kerry'], ['希拉里', 'person/hillary-clinton'], ['蒂勒森', 'person/rex-tillerson'],
      ['鲁比奥', 'person/marco-rubio'], ['习近平', 'person/xi-jinping'], ['習近平', 'person/xi-jinping'],
      ['胡锦涛', 'person/hu-jintao'], ['江泽民', 'person/jiang-zemin'], ['李克强', 'person/li-keqiang'], ['王毅', 'person/wang-yi'],
      ['杨洁篪', 'person/yang-jiechi'], ['泽连斯基', 'person/volodymyr-zelensky'], ['澤倫斯基', 'person/volodymyr-zelensky'],
      ['波罗申科', 'person/petro-poroshenko'], ['默克尔', 'person/angela-merkel'], ['梅克爾', 'person/angela-merkel'],
      ['马克龙', 'person/emmanuel-macron'], ['馬克宏', 'person/emmanuel-macron'], ['约翰逊', 'person/boris-johnson'],
      ['岸田文雄', 'person/fumio-kishida'], ['安倍晋三', 'person/shinzo-abe'], ['莫迪', 'person/narendra-modi'],
      ['蒋翊民', 'person/jiang-yimin'], ['张耀', 'person/zhang-yao'], ['杨臻', 'person/yang-zhen'],
      ['尤里·乌沙科夫', 'person/yuri-ushakov'], ['乌沙科夫', 'person/yuri-ushakov'], ['赵隆', 'person/zhao-long'],
      ['邁凱恩', 'person/john-mccain'], ['麦凯恩', 'person/john-mccain'], ['John McCain', 'person/john-mccain'],
      ['巴沙爾·阿薩德', 'person/bashar-al-assad'], ['巴沙尔', 'person/bashar-al-assad'], ['阿萨德', 'person/bashar-al-assad'],
      ['Assad', 'person/bashar-al-assad'], ['魯哈尼', 'person/hassan-rouhani'], ['鲁哈尼', 'person/hassan-rouhani'],
      ['德瑞帕斯卡', 'person/oleg-deripaska'], ['德里帕斯卡', 'person/oleg-deripaska'], ['Thomas Graham', 'person/thomas-graham'],
      ['马斯克', 'person/elon-musk'], ['Musk', 'person/elon-musk'], ['金正恩', 'person/kim-jong-un'], ['洪博培', 'person/jon-huntsman'],
      ['Clinton', 'person/bill-clinton'], ['Gore', 'person/al-gore'], ['Chernomyrdin', 'person/viktor-chernomyrdin'],
      ['斯托尔滕贝格', 'person/jens-stoltenberg'], ['古特雷斯', 'person/antonio-guterres'],
      // events
      ['9·11', 'event/september-11-attacks'], ['九一一', 'event/september-11-attacks'], ['"9·11"事件', 'event/september-11-attacks'],
      ['September 11 attacks', 'event/september-11-attacks'], ['冷战', 'event/cold-war'], ['冷戰', 'event/cold-war'],
      ['Cold War', 'event/cold-war'], ['乌克兰危机', 'event/ukraine-crisis'], ['烏克蘭危機', 'event/ukraine-crisis'],
      ['Ukrainian Crisis', 'event/ukraine-crisis'], ['俄格军事冲突', 'event/russo-georgian-war'], ['俄格战争', 'event/russo-georgian-war'],
      ['通俄门', 'event/russiagate'], ['通俄門', 'event/russiagate'], ['普特会', 'event/putin-trump-summit'],
      ['普特會', 'event/putin-trump-summit'], ['特普會', 'event/putin-trump-summit'], ['特金會', 'event/trump-kim-summit'],
      ['圣彼得堡国际经济论坛', 'event/spief'], ['聖彼得堡國際經濟論壇', 'event/spief'], ['SPIEF', 'event/spief'],
      ['古巴导弹危机', 'event/cuban-missile-crisis'], ['北约东扩', 'event/nato-enlargement'], ['巴以冲突', 'event/israeli-palestinian-conflict'],
      ['梅普组合', 'other/medvedev-putin-tandem'], ['上海精神', 'other/shanghai-spirit'], ['丝绸之路经济带', 'other/silk-road-economic-belt'],
    ];
    const wrong = cases.filter(([s, id]) => lookup(s) !== id).map(([s, id]) => `${s} -> ${String(lookup(s))} (expected ${id})`);
    assert.deepEqual(wrong, []);
  });

  it('names the defence ministers since 1990 and the disputed maritime features in three scripts', () => {
    const cases: Array<[string, string]> = [
      ['本·华莱士', 'person/ben-wallace'], ['本·華萊士', 'person/ben-wallace'], ['Ben Wallace', 'person/ben-wallace'],
      ['谢尔盖·伊万诺夫', 'person/sergei-ivanov'], ['岸信夫', 'person/nobuo-kishi'], ['中谷元', 'person/gen-nakatani'],
      ['李鐘燮', 'person/lee-jong-sup'], ['秦基偉', 'person/qin-jiwei'], ['Florence Parly', 'person/florence-parly'],
      ['华阳礁', 'place/cuarteron-reef'], ['鐵線礁', 'place/sandy-cay'], ['Sandy Cay', 'place/sandy-cay'],
      ['弹丸礁', 'place/swallow-reef'], ['Layang-Layang', 'place/swallow-reef'], ['礼乐滩', 'place/reed-bank'],
      ['Recto Bank', 'place/reed-bank'], ['永樂群島', 'place/crescent-group'], ['择捉岛', 'place/iturup'],
      ['Etorofu', 'place/iturup'], ['齒舞群島', 'place/habomai-islands'], ['赤尾屿', 'place/chiwei-yu'],
    ];
    const wrong = cases.filter(([s, id]) => lookup(s) !== id).map(([s, id]) => `${s} -> ${String(lookup(s))} (expected ${id})`);
    assert.deepEqual(wrong, []);
    // 珊瑚岛 is also "a coral island", 徐旭 a common name: tagged names only.
    const tagged = (id: string) => entities.find((e) => e.id === id)?.tagged;
    assert.deepEqual(tagged('place/pattle-island'), ['珊瑚岛', '珊瑚島']);
    assert.deepEqual(tagged('person/suh-wook'), ['徐旭']);
  });

  it('names UN bodies by their UN short forms, armed movements, coast guards and treaties in three scripts', () => {
    const cases: Array<[string, string]> = [
      ['人权高专办', 'organization/OHCHR'], ['人權高專辦', 'organization/OHCHR'], ['OHCHR', 'organization/OHCHR'],
      ['国际移民组织', 'organization/IOM'], ['工发组织', 'organization/UNIDO'], ['農發基金', 'organization/IFAD'],
      ['人道协调厅', 'organization/OCHA'], ['联黎部队', 'organization/UNIFIL'], ['国际民航组织', 'organization/international-civil-aviation-organization'],
      ['儿基会', 'organization/UNICEF'], ['联合国环境署', 'organization/UNEP'],
      ['阿拉干军', 'organization/arakan-army'], ['若開軍', 'organization/arakan-army'], ['Arakan Army', 'organization/arakan-army'],
      ['缅甸民族团结政府', 'organization/national-unity-government-myanmar'], ['萨赫勒国家联盟', 'organization/alliance-of-sahel-states'],
      ['金戈威德', 'organization/janjaweed'], ['中國海警', 'organization/china-coast-guard'], ['海上保安厅', 'organization/japan-coast-guard'],
      ['伊斯兰革命卫队', 'organization/irgc'], ['东伊运', 'organization/east-turkestan-islamic-movement'],
      ['南海各方行为宣言', 'treaty/DOC-South-China-Sea'], ['《南海各方行為宣言》', 'treaty/DOC-South-China-Sea'],
      ['南海行為準則', 'treaty/COC-South-China-Sea'], ['吉达宣言', 'treaty/Jeddah-Declaration-Sudan'],
      ['中英联合声明', 'treaty/Sino-British-Joint-Declaration'], ['日美安保条约', 'treaty/US-Japan-Security-Treaty'],
      ['宫古海峡', 'place/miyako-strait'], ['麥克馬洪線', 'place/mcmahon-line'],
      ['加共体', 'organization/CARICOM'], ['澜湄合作', 'organization/lancang-mekong-cooperation'], ['北極理事會', 'organization/arctic-council'],
      ['欧洲央行', 'organization/european-central-bank'], ['红十字国际委员会', 'organization/ICRC'], ['無國界醫生', 'organization/MSF'],
      ['美国国际开发署', 'organization/usaid'], ['印太司令部', 'organization/indopacom'], ['防衛省', 'organization/japan-ministry-of-defense'],
      ['海上自卫队', 'organization/jmsdf'], ['中央军委', 'organization/zhong-yang-jun-shi-wei-yuan-hui'], ['东部战区', 'organization/pla-eastern-theater-command'],
      ['军情六处', 'organization/jun-qing-liu-chu'], ['俄罗斯联邦安全局', 'organization/fsb'], ['BBC', 'organization/british-broadcasting-corporation'],
      ['越通社', 'organization/vietnam-news-agency'], ['基民盟', 'organization/cdu'],
    ];
    const wrong = cases.filter(([s, id]) => lookup(s) !== id).map(([s, id]) => `${s} -> ${String(lookup(s))} (expected ${id})`);
    assert.deepEqual(wrong, []);
  });

  it('has one entity for each disputed feature that two names (or two claimants) name', () => {
    const cases: Array<[string, string]> = [
      ['黄岩岛', 'place/huangyan-island'], ['斯卡伯勒礁', 'place/huangyan-island'], ['Scarborough Shoal', 'place/huangyan-island'],
      ['民主礁', 'place/huangyan-island'], ['钓鱼岛', 'place/diaoyu-islands'], ['釣魚臺', 'place/diaoyu-islands'],
      ['尖阁列岛', 'place/diaoyu-islands'], ['Senkaku Islands', 'place/diaoyu-islands'], ['独岛', 'place/dokdo'],
      ['竹島', 'place/dokdo'], ['Takeshima', 'place/dokdo'], ['Liancourt Rocks', 'place/dokdo'],
    ];
    const wrong = cases.filter(([s, id]) => lookup(s) !== id).map(([s, id]) => `${s} -> ${String(lookup(s))} (expected ${id})`);
    assert.deepEqual(wrong, []);
  });

  it('leaves genuinely ambiguous short forms unmapped', () => {
    // 民族团结政府 alone is also Libya's Government of National Unity; 圣城旅 the Quds Force and the al-Quds Brigades.
    for (const s of ['外交部', '刚果', 'Congo', 'Korea', '中非', '中欧', '民族团结政府', '圣城旅', '工党', '保守党', '国民联盟', '正义与发展党']) assert.equal(lookup(s), undefined, s);
  });

  it('gives the sample-critical entities their Wikidata ids', () => {
    const qids: Record<string, string> = {
      'country/US': 'Q30', 'country/RU': 'Q159', 'country/CN': 'Q148', 'country/UA': 'Q212', 'country/GB': 'Q145',
      'country/soviet-union': 'Q15180', 'organization/NATO': 'Q7184', 'organization/EU': 'Q458', 'organization/UN': 'Q1065',
      'person/vladimir-putin': 'Q7747', 'person/donald-trump': 'Q22686', 'person/barack-obama': 'Q76', 'person/joe-biden': 'Q6279',
    };
    for (const [id, q] of Object.entries(qids)) assert.equal(byId.get(id)?.wikidata, q, id);
  });
});
