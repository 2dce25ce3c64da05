/**
 * The format of the entity evaluation sets (test/eval/entities-<set>.<script>.txt, script zh-hans, zh-hant or en).
 *
 * One text a line; blank lines and lines starting with "#" are comments ("# src: URL" names the public page a group
 * of sentences paraphrases). In a text, `{surface|type|id}` marks a gold entity mention:
 *  - `type` is one of the project's entity types (src/core/entities/types.ts: person, country, organization, treaty,
 *    place, event, other);
 *  - `id` is the id of the linked entity in the bundled knowledge base (data/knowledge*.yaml), or `unknown` when the
 *    knowledge base has no such entity (a name outside it: its recall is reported on its own);
 *  - an optional fourth field holds comma-separated flags: `demonym` (an adjective or demonym of a country: Russian,
 *    Sudanese, Filipinos; type country) and `abbr` (an abbreviation or short form: 美, 中方, 菲方, U.N., RSF, ECOWAS).
 * Marks nest: the surface of a mark may hold marks of its inner members (nested mentions as the README defines them:
 * `{{美国|country|country/US}国务院|organization|...}`, `{驻{韩|country|country/KR|abbr}{美|country|country/US|abbr}军|organization|...}`).
 * Inner members (README, "Nested mentions") are the entities written inside a longer name that the inner name refers
 * to: countries (names, abbreviations, demonyms: 法 in 法新社, Sudanese in Sudanese Armed Forces), organisations (联合国
 * in 联合国安理会, U.N. in U.N. Human Rights Office, 东盟 in 《东盟宪章》) and places (吉达 in 《吉达宣言》, Sahel in
 * Alliance of Sahel States). Not members: the name's head word where it ends the outer name (the README's rule: U.S.
 * Forces Korea holds the U.S., not Korea), the stem a place is named after (North Darfur holds no Darfur, 约旦河西岸
 * no Jordan River), and a word that does not refer to the entity (朝鲜半岛, the Korean peninsula, holds no North
 * Korea; South China Sea no China). English adjectives of regions (European Commission) are not marked.
 * Abbreviation compounds are one mark per member (`{美|...}{韩|...}两国`), as the recogniser splits them.
 * A short form with 方 is one mark (中方, 菲方, 以方); before 军, 国 or a title only the abbreviation is marked ({菲}军方,
 * {委}国总统, 驻{瓜}国大使). Titles (总统, 外长, Foreign Minister) and common nouns (the Council, 军方, 国会, 军政府) are not
 * marked; "X 外交部长" is a title, "外交部发言人" / "外交部政务次长" mention the ministry.
 * The characters `{`, `}` and `|` are markup: the texts cannot hold them. Errors name the file and line.
 */
import { isEntityType, type EntityType } from '../../src/core/entities/types';

export type GoldFlag = 'demonym' | 'abbr';
const FLAGS: ReadonlySet<string> = new Set<GoldFlag>(['demonym', 'abbr']);

export interface GoldEntity {
  /** UTF-16 offsets into the item's text. */
  start: number;
  end: number;
  text: string;
  type: EntityType;
  /** Knowledge-base id, or `unknown`. */
  id: string;
  flags: GoldFlag[];
  /** Index (in the item's `gold`) of the mark this one is an inner member of. */
  parent?: number;
  /** Indices of its inner members. */
  members: number[];
}

export interface EntityEvalItem {
  line: number;
  /** The "# src:" comment that precedes the text, if any. */
  source?: string;
  text: string;
  /** Every mark, outer ones and inner members, sorted by start (an outer mark before its members). */
  gold: GoldEntity[];
}

export const UNKNOWN_ID = 'unknown';

interface Open {
  start: number;
  label: string | undefined;
  members: number[];
}

export function parseEntitySet(source: string, file: string): EntityEvalItem[] {
  const items: EntityEvalItem[] = [];
  let src: string | undefined;
  source.split(/\r?\n/).forEach((raw, k) => {
    const line = k + 1;
    const t = raw.trim();
    if (!t) return;
    if (t.startsWith('#')) {
      const m = /^#\s*src:\s*(.+)$/.exec(t);
      if (m) src = m[1];
      return;
    }
    const where = `${file}:${line}`;
    let text = '';
    const gold: GoldEntity[] = [];
    const stack: Open[] = [];
    for (let i = 0; i < t.length; i++) {
      const c = t[i]!;
      const top = stack[stack.length - 1];
      if (top && top.label !== undefined) {
        if (c === '{') throw new Error(`${where}: "{" inside the label of a mark (column ${i + 1})`);
        if (c !== '}') {
          top.label += c;
          continue;
        }
        stack.pop();
        const [type, id, flags, ...extra] = top.label.split('|');
        const surface = text.slice(top.start);
        if (!surface) throw new Error(`${where}: empty mention (column ${i + 1})`);
        if (!type || !isEntityType(type)) throw new Error(`${where}: unknown type "${type ?? ''}" for "${surface}"`);
        if (!id) throw new Error(`${where}: no id for "${surface}" (a knowledge-base id or "${UNKNOWN_ID}")`);
        if (extra.length) throw new Error(`${where}: too many fields in the mark of "${surface}"`);
        const flagList = flags ? flags.split(',').map((f) => f.trim()) : [];
        for (const f of flagList) if (!FLAGS.has(f)) throw new Error(`${where}: unknown flag "${f}" for "${surface}" (demonym, abbr)`);
        const index = gold.length;
        gold.push({ start: top.start, end: text.length, text: surface, type, id, flags: flagList as GoldFlag[], members: top.members });
        for (const m of top.members) gold[m]!.parent = index;
        const outer = stack[stack.length - 1];
        if (outer) outer.members.push(index);
        continue;
      }
      if (c === '{') stack.push({ start: text.length, label: undefined, members: [] });
      else if (c === '|' && top) top.label = '';
      else if (c === '}' || c === '|') throw new Error(`${where}: "${c}" outside a mark (column ${i + 1})`);
      else text += c;
    }
    if (stack.length) throw new Error(`${where}: unclosed mark "{${text.slice(stack[stack.length - 1]!.start)}"`);
    // Outer marks close after their members: order by start, outer (longer) first, and renumber.
    const order = gold.map((_, i) => i).sort((a, b) => gold[a]!.start - gold[b]!.start || gold[b]!.end - gold[a]!.end);
    const renumber = new Map(order.map((old, i) => [old, i]));
    const sorted = order.map((old) => {
      const g = gold[old]!;
      const out: GoldEntity = { ...g, members: g.members.map((m) => renumber.get(m)!) };
      if (g.parent !== undefined) out.parent = renumber.get(g.parent)!;
      else delete out.parent;
      return out;
    });
    const item: EntityEvalItem = { line, text, gold: sorted };
    if (src) item.source = src;
    items.push(item);
  });
  return items;
}
