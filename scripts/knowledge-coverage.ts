/**
 * Coverage of the bundled knowledge base, per category of issue 11 item 1 (a report; nothing here is bundled).
 *
 *   node -r ./test/register-text.cjs -r tsx/cjs scripts/knowledge-coverage.ts [--states] [--json]
 *
 * Reads the compiled knowledge base (data/knowledge.compiled.jsonl, as `npm run build` leaves it) and counts, per
 * category, the entities, those with English + simplified + traditional names and those with a Wikidata id. People
 * are classed by their one-line English description (President / Prime Minister ..., Foreign Minister / Secretary of
 * State, Defence Minister / Secretary of Defense) and counted per state of their `country`, with the offices held
 * since 1990 (a year range in the description ending in or after 1990, or open). Places are classed as divisions,
 * cities or geographic features by their description and source file. `--states` adds one line per UN member state:
 * heads, foreign ministers, defence ministers, cities, divisions. The categories are descriptive heuristics: the
 * figures are for comparing before and after a change, not an exact census.
 */
import { defaultKnowledgeSource, loadKnowledge, type Entity } from '../src/core/entities/knowledge';

const HEAD = /\b(President|Prime Minister|Premier|Chancellor|King|Queen|Emir|Sultan|Supreme Leader|Head of State|Chairman of the Presidential Council|General Secretary|Taoiseach|Grand Duke|Prince of Monaco|Co-Prince)\b/i;
const FOREIGN = /\b(Foreign (Minister|Secretary)|Secretary of State\b(?! for (?!Foreign))|Minister (of|for) (Foreign|External) (Affairs|Relations)|External Affairs Minister)/i;
const DEFENCE = /\b(Defen[cs]e (Minister|Secretary)|Secretary of Defen[cs]e|Minister (of|for) (National )?Defen[cs]e|Minister of the Armed Forces|War Minister)\b/i;
const MEDIA = /\b(news agency|newspaper|broadcaster|television|TV\b|radio|magazine|daily|news (outlet|network|website)|media)\b/i;
const IGO = /\b(international organi[sz]ation|intergovernmental|United Nations|UN (agency|body|programme|fund|office|mission|peacekeeping|specialised|specialized)|specialised agency|specialized agency|regional (organi[sz]ation|bloc|forum)|alliance|union of|development bank|treaty organi[sz]ation)\b/i;
const ARMED = /\b(armed (group|movement|forces?)|militia|rebel|insurgent|paramilitary|guerrilla|terrorist|jihadist|separatist|liberation (army|front|movement))\b/i;
const MILITARY = /\b(army|navy|air force|armed forces|military|coast guard|marine corps|theater command|theatre command|self-defense forces|self-defence forces|national guard|gendarmerie)\b/i;
const MINISTRY = /\b(ministry|department of|agency|intelligence|security service|bureau|office of|council|commission|administration|authority)\b/i;
const PARTY = /\b(political party|party\b|movement)\b/i;
const MARITIME = /\b(island|islands|islet|reef|shoal|atoll|cay|bank|archipelago)\b/i;
const WATER = /\b(sea|strait|straits|river|gulf|ocean|channel|lake|bay|canal)\b/i;
const REGION = /\b(region|peninsula|desert|plateau|mountains?|basin|valley|corridor)\b/i;
const DISPUTED = /\b(disputed|contested|claimed by|occupied|breakaway|self-declared|partially recognised|partially recognized)\b/i;
const DIVISION = /\b(division|province|state of|prefecture|county|oblast|krai|governorate|district|department|region of|canton|emirate of|ISO 3166-2|GB\/T 2260)\b/i;
const CITY = /\b(city|capital|town|port|municipality)\b|time zone|IANA/i;

/** Years of office in a description: "(1990-1996)", "(2004-)", "(1993-1995, 2011-2012)", "(2007)". */
function since1990(description: string): boolean {
  // A range (open: still in office), or a year alone in the brackets' list.
  const ranges = [...description.matchAll(/\b(1[89]\d\d|20\d\d)\s*[-–]\s*(?:(1[89]\d\d|20\d\d)\b)?/g)];
  const single = [...description.matchAll(/[(,]\s*(1[89]\d\d|20\d\d)\s*(?=[),;])/g)];
  return ranges.some((m) => (m[2] === undefined ? true : Number(m[2]) >= 1990)) || single.some((m) => Number(m[1]) >= 1990);
}

interface Row {
  n: number;
  trilingual: number;
  wikidata: number;
}

const rows = new Map<string, Row>();
function count(category: string, e: Entity): void {
  const r = rows.get(category) ?? { n: 0, trilingual: 0, wikidata: 0 };
  r.n++;
  if (e.names.en && e.names['zh-Hans'] && e.names['zh-Hant']) r.trilingual++;
  if (e.wikidata) r.wikidata++;
  rows.set(category, r);
}

function fileOf(e: Entity): string {
  return (e.source?.file ?? '').replace(/^.*\//, '');
}

function main(): void {
  const args = process.argv.slice(2);
  const kb = loadKnowledge([defaultKnowledgeSource()]).value;
  const all = kb.all();
  const states = all.filter((e) => e.type === 'country' && e.un);
  const perState = new Map<string, { heads: number; foreign: number; defence: number; cities: number; divisions: number }>();
  for (const s of states) perState.set(s.id, { heads: 0, foreign: 0, defence: 0, cities: 0, divisions: 0 });
  for (const e of all) {
    const d = e.description ?? '';
    count(`all`, e);
    count(`type ${e.type}`, e);
    count(`file ${fileOf(e)}`, e);
    const st = e.country ? perState.get(e.country) : undefined;
    if (e.type === 'country') count(e.un ? 'states: UN members' : 'states: other (observers, disputed, historical)', e);
    if (e.type === 'person') {
      const recent = since1990(d);
      if (HEAD.test(d)) {
        count('people: heads of state/government', e);
        if (recent) count('people: heads of state/government since 1990', e);
        if (recent && st) st.heads++;
      }
      if (FOREIGN.test(d)) {
        count('people: foreign ministers', e);
        if (recent) count('people: foreign ministers since 1990', e);
        if (recent && st) st.foreign++;
      }
      if (DEFENCE.test(d)) {
        count('people: defence ministers', e);
        if (recent) count('people: defence ministers since 1990', e);
        if (recent && st) st.defence++;
      }
    }
    if (e.type === 'organization') {
      if (MEDIA.test(d)) count('organisations: media', e);
      else if (IGO.test(d) && !e.country) count('organisations: IGOs, UN bodies, regional organisations', e);
      else if (ARMED.test(d)) count('organisations: armed movements', e);
      else if (MILITARY.test(d)) count('organisations: militaries, coast guards', e);
      else if (MINISTRY.test(d)) count('organisations: ministries, agencies, councils', e);
      else if (PARTY.test(d)) count('organisations: parties, political movements', e);
      else count('organisations: other', e);
    }
    if (e.type === 'treaty') count('treaties', e);
    if (e.type === 'place') {
      if (DISPUTED.test(d)) count('places: disputed territories', e);
      if (DIVISION.test(d) && !/\bcity\b/i.test(d)) {
        count('places: administrative divisions', e);
        if (st) st.divisions++;
      } else if (fileOf(e) === 'knowledge-cities.yaml' || CITY.test(d)) {
        count('places: cities', e);
        if (st) st.cities++;
      } else if (MARITIME.test(d)) count('places: islands, reefs, maritime features', e);
      else if (WATER.test(d)) count('places: seas, straits, rivers, lakes', e);
      else if (REGION.test(d)) count('places: regions, peninsulas, mountains', e);
      else count('places: other', e);
    }
  }
  if (args.includes('--json')) {
    process.stdout.write(`${JSON.stringify({ categories: Object.fromEntries([...rows].sort()), states: Object.fromEntries(perState) }, null, 1)}\n`);
    return;
  }
  const pad = (s: string | number, n: number) => String(s).padStart(n);
  process.stdout.write(`${'category'.padEnd(58)} ${pad('n', 6)} ${pad('en+zh+zhT', 9)} ${pad('QID', 6)}\n`);
  for (const [k, r] of [...rows].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) process.stdout.write(`${k.padEnd(58)} ${pad(r.n, 6)} ${pad(r.trilingual, 9)} ${pad(r.wikidata, 6)}\n`);
  const summary = (key: 'heads' | 'foreign' | 'defence' | 'cities' | 'divisions') => {
    const v = [...perState.values()].map((s) => s[key]);
    return `${key}: ${v.filter((x) => x > 0).length}/${v.length} UN members with any, ${v.filter((x) => x >= 3).length} with 3 or more, total ${v.reduce((a, b) => a + b, 0)}`;
  };
  process.stdout.write(`\nper UN member state (people: offices held since 1990)\n`);
  for (const k of ['heads', 'foreign', 'defence', 'cities', 'divisions'] as const) process.stdout.write(`  ${summary(k)}\n`);
  if (args.includes('--states')) {
    process.stdout.write(`\n${'state'.padEnd(34)} heads foreign defence cities divisions\n`);
    for (const s of states.sort((a, b) => a.name.localeCompare(b.name))) {
      const c = perState.get(s.id)!;
      process.stdout.write(`${s.name.slice(0, 33).padEnd(34)} ${pad(c.heads, 5)} ${pad(c.foreign, 7)} ${pad(c.defence, 7)} ${pad(c.cities, 6)} ${pad(c.divisions, 9)}\n`);
    }
  }
}

main();
