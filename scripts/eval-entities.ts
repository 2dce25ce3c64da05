/**
 * npm run eval:entities — the recogniser (bundled knowledge base, candidates and taggers on, as the extension runs
 * it) against our own held-out entity sets test/eval/entities-<set>.<script>.txt (international-relations news in
 * simplified and traditional Chinese and English, paraphrased from public pages; format and marking conventions:
 * test/eval/entities-format.ts). Each text is recognised on its own (one line, no document context).
 *
 * Matching. Predicted mentions are the recogniser's top-level mentions and their inner members. A prediction
 * matches a gold mark when their spans overlap (>= 1 code unit) at the same nesting level: a prediction that covers
 * the whole outer mark of a gold member is the outer level (美国国务院 does not find the member 美国), one that lies
 * inside a gold member of a gold mark is the member level (美国 alone does not find 美国国务院), and an inner
 * member of a prediction never matches a gold mark that strictly contains it (中 inside 朝中社).
 *
 * Measures, per script and overall, then per gold type and kind (demonym, abbr, member, unknown):
 *  - recall (overlap): share of gold marks matched by a prediction of any type; typed: by one of the gold type;
 *    exact: by one with exactly the gold span;
 *  - precision (overlap): share of predictions that match a gold mark; typed: a gold mark of their type;
 *  - link accuracy: share of the gold marks with a knowledge-base id that a matching prediction links to that id
 *    (of all such marks, and of those found); for `unknown` marks: recall, and how many a confirmed prediction
 *    links to some knowledge-base entity (a wrong link: the entity is not in the knowledge base);
 * `--verbose` lists every miss, wrong link, wrong type and false positive (file:line); `--set NAME` scores one set;
 * `--json` prints the figures as JSON; `--ids` does not run the recogniser: it checks every id of the sets against
 * the knowledge base (exists; a type other than the knowledge base's is a note) and lists the knowledge-base entities whose name, alias or abbreviation folds to
 * each mark whose id is `?` (for writing a new set: mark the spans first, then look the ids up).
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { defaultKnowledgeSource, loadKnowledge, type KnowledgeBase } from '../src/core/entities/knowledge';
import { EntityRecognizer } from '../src/core/entities/recognizer';
import { ENTITY_TYPES } from '../src/core/entities/types';
import { fold } from '../src/core/text/fold';
import type { EntityMention } from '../src/core/types';
import { parseEntitySet, UNKNOWN_ID, type EntityEvalItem, type GoldEntity } from '../test/eval/entities-format';

interface SetFile {
  file: string;
  set: string;
  script: string;
  items: EntityEvalItem[];
}

interface Predicted {
  m: EntityMention;
  /** An inner member of a predicted mention. */
  member: boolean;
}

interface Counts {
  gold: number;
  found: number;
  typed: number;
  exact: number;
  /** Gold marks with a knowledge-base id, those found, those linked right. */
  known: number;
  knownFound: number;
  linked: number;
  /** Gold `unknown` marks, found, and found only through a knowledge-base link (wrongly linked). */
  unknown: number;
  unknownFound: number;
  unknownLinked: number;
  predicted: number;
  right: number;
  rightTyped: number;
}

const zero = (): Counts => ({ gold: 0, found: 0, typed: 0, exact: 0, known: 0, knownFound: 0, linked: 0, unknown: 0, unknownFound: 0, unknownLinked: 0, predicted: 0, right: 0, rightTyped: 0 });

function add(a: Counts, b: Counts): void {
  for (const k of Object.keys(a) as Array<keyof Counts>) a[k] += b[k];
}

function args(): { verbose: boolean; json: boolean; ids: boolean; set: string | undefined } {
  const argv = process.argv.slice(2);
  let set: string | undefined;
  let verbose = false;
  let json = false;
  let ids = false;
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === '--verbose') verbose = true;
    else if (argv[i] === '--json') json = true;
    else if (argv[i] === '--ids') ids = true;
    else if (argv[i] === '--set') set = argv[++i];
    else throw new Error(`eval:entities: unknown argument ${argv[i]} (use --verbose, --json, --ids, --set NAME)`);
  }
  return { verbose, json, ids, set };
}

function readSets(only: string | undefined): SetFile[] {
  const dir = path.join(__dirname, '..', 'test', 'eval');
  return fs
    .readdirSync(dir)
    .map((f) => /^entities-([a-z0-9]+)\.(zh-hans|zh-hant|en)\.txt$/.exec(f))
    .filter((m): m is RegExpExecArray => !!m && (only === undefined || m[1] === only))
    .map((m) => ({ file: m[0], set: m[1]!, script: m[2]!, items: parseEntitySet(fs.readFileSync(path.join(dir, m[0]), 'utf8'), `test/eval/${m[0]}`) }))
    .sort((a, b) => a.set.localeCompare(b.set) || a.script.localeCompare(b.script));
}

const overlaps = (a: { start: number; end: number }, b: { start: number; end: number }) => a.start < b.end && b.start < a.end;
const covers = (a: { start: number; end: number }, b: { start: number; end: number }) => a.start <= b.start && a.end >= b.end;

/** Whether prediction p can stand for gold mark g (same nesting level; see the head of the file). */
function matches(p: Predicted, g: GoldEntity, gold: readonly GoldEntity[]): boolean {
  if (!overlaps(p.m, g)) return false;
  if (g.parent !== undefined && covers(p.m, gold[g.parent]!)) return false;
  if (g.members.some((k) => covers(gold[k]!, p.m))) return false;
  if (p.member && covers(g, p.m) && (g.start !== p.m.start || g.end !== p.m.end)) return false;
  return true;
}

function flatten(found: readonly EntityMention[]): Predicted[] {
  const out: Predicted[] = [];
  for (const m of found) {
    out.push({ m, member: false });
    for (const x of m.members ?? []) out.push({ m: x, member: true });
  }
  return out;
}

/** The kinds a gold mark is counted under, besides its type. */
function kinds(g: GoldEntity): string[] {
  const out: string[] = [...g.flags];
  if (g.parent !== undefined) out.push('member');
  out.push(g.id === UNKNOWN_ID ? 'unknown' : 'known');
  return out;
}

const show = (g: GoldEntity) => `{${g.text}|${g.type}|${g.id}${g.flags.length ? `|${g.flags.join(',')}` : ''}}`;
const showP = (p: Predicted) => `${p.m.text}=${p.m.type}:${p.m.entityId}${p.member ? ' (member)' : ''}`;

function score(set: SetFile, recognizer: EntityRecognizer, problems: string[]): { total: Counts; rows: Map<string, Counts> } {
  const total = zero();
  const rows = new Map<string, Counts>();
  const row = (key: string) => {
    let c = rows.get(key);
    if (!c) rows.set(key, (c = zero()));
    return c;
  };
  for (const item of set.items) {
    const predicted = flatten(recognizer.find(item.text));
    const where = `${set.file}:${item.line}`;
    for (const g of item.gold) {
      const c = zero();
      const hits = predicted.filter((p) => matches(p, g, item.gold));
      c.gold = 1;
      if (hits.length) c.found = 1;
      if (hits.some((p) => p.m.type === g.type)) c.typed = 1;
      if (hits.some((p) => p.m.start === g.start && p.m.end === g.end)) c.exact = 1;
      if (g.id === UNKNOWN_ID) {
        c.unknown = 1;
        c.unknownFound = c.found;
        if (hits.length && hits.every((p) => p.m.confirmed)) c.unknownLinked = 1;
      } else {
        c.known = 1;
        c.knownFound = c.found;
        if (hits.some((p) => p.m.entityId === g.id)) c.linked = 1;
      }
      add(total, c);
      add(row(`type ${g.type}`), c);
      for (const k of kinds(g)) add(row(`kind ${k}`), c);
      if (!hits.length) {
        const near = predicted.filter((p) => overlaps(p.m, g)).map(showP);
        problems.push(`${where}: MISSED  ${show(g)}${near.length ? `  (other level: ${near.join(', ')})` : ''}`);
      } else if (g.id !== UNKNOWN_ID && !c.linked) problems.push(`${where}: LINK    ${show(g)}  got ${hits.map(showP).join(', ')}`);
      else if (g.id === UNKNOWN_ID && c.unknownLinked) problems.push(`${where}: LINK    ${show(g)}  linked to ${hits.map(showP).join(', ')}`);
      else if (!c.typed) problems.push(`${where}: TYPE    ${show(g)}  got ${hits.map(showP).join(', ')}`);
    }
    for (const p of predicted) {
      const c = zero();
      const right = item.gold.filter((g) => matches(p, g, item.gold));
      c.predicted = 1;
      if (right.length) c.right = 1;
      if (right.some((g) => g.type === p.m.type)) c.rightTyped = 1;
      add(total, c);
      add(row(`type ${p.m.type}`), c);
      if (!right.length) problems.push(`${where}: FALSE   ${showP(p)}${p.m.confirmed ? '' : ' (candidate)'}`);
    }
  }
  return { total, rows };
}

const ratio = (a: number, b: number) => (b ? (a / b).toFixed(3) : '—');

function tableRow(name: string, c: Counts): string {
  return `| ${name} | ${c.gold} | ${ratio(c.found, c.gold)} | ${ratio(c.typed, c.gold)} | ${ratio(c.exact, c.gold)} | ${c.predicted} | ${ratio(c.right, c.predicted)} | ${ratio(c.rightTyped, c.predicted)} | ${ratio(c.linked, c.known)} | ${ratio(c.linked, c.knownFound)} | ${ratio(c.unknownFound, c.unknown)} | ${c.unknown ? c.unknownLinked : '—'} |`;
}

const HEADER =
  '| | gold | recall | typed recall | exact recall | predicted | precision | typed precision | link acc. | link acc. (found) | unknown recall | unknown linked |\n' +
  '| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |';

/** `--ids`: check the ids of the sets and list the candidates of the `?` marks. Returns the number of problems. */
function checkIds(sets: readonly SetFile[], kb: KnowledgeBase): number {
  const byForm = new Map<string, Set<string>>();
  const byAbbr = new Map<string, Set<string>>();
  const put = (map: Map<string, Set<string>>, key: string, id: string) => {
    let s = map.get(key);
    if (!s) map.set(key, (s = new Set()));
    s.add(id);
  };
  for (const e of kb.all()) {
    for (const n of e.allNames()) put(byForm, fold(n), e.id);
    for (const a of e.abbr) put(byAbbr, fold(a), e.id);
  }
  let problems = 0;
  const describe = (id: string) => {
    const e = kb.get(id)!;
    return `${id} (${e.type}; ${[e.names.en, e.names['zh-Hans'], e.names['zh-Hant']].filter(Boolean).join(' / ')})`;
  };
  for (const set of sets) {
    for (const item of set.items) {
      for (const g of item.gold) {
        const where = `${set.file}:${item.line}`;
        const f = fold(g.text);
        const candidates = [...(byForm.get(f) ?? []), ...(byAbbr.get(f) ?? [])];
        if (g.id === '?') {
          problems++;
          process.stdout.write(`${where}: ? ${show(g)} -> ${candidates.length ? [...new Set(candidates)].map(describe).join(' | ') : 'no entity of that name'}\n`);
        } else if (g.id !== UNKNOWN_ID && !kb.has(g.id)) {
          problems++;
          process.stdout.write(`${where}: no entity ${g.id} for ${show(g)}\n`);
        } else if (g.id !== UNKNOWN_ID && kb.get(g.id)!.type !== g.type) {
          process.stdout.write(`${where}: note: ${show(g)} is typed ${kb.get(g.id)!.type} in the knowledge base\n`);
        } else if (g.id === UNKNOWN_ID && candidates.length) {
          process.stdout.write(`${where}: note: ${show(g)} has entities of that name: ${[...new Set(candidates)].map(describe).join(' | ')}\n`);
        }
      }
    }
  }
  return problems;
}

function main(): number {
  const { verbose, json, ids, set } = args();
  const sets = readSets(set);
  if (!sets.length) throw new Error(`eval:entities: no set test/eval/entities-${set ?? '*'}.<script>.txt`);
  const kb = loadKnowledge([defaultKnowledgeSource()]).value;
  if (ids) return checkIds(sets, kb) ? 1 : 0;
  const recognizer = new EntityRecognizer(kb);
  const out: Array<{ set: string; script: string; total: Counts; rows: Record<string, Counts>; problems: string[] }> = [];
  const all = zero();
  for (const s of sets) {
    const problems: string[] = [];
    const { total, rows } = score(s, recognizer, problems);
    add(all, total);
    out.push({ set: s.set, script: s.script, total, rows: Object.fromEntries(rows), problems });
  }
  if (json) {
    process.stdout.write(`${JSON.stringify({ sets: out, all }, null, 2)}\n`);
    return 0;
  }
  const lines: string[] = [`Entity evaluation (held-out IR news; bundled knowledge base, rules and taggers; overlap at the same nesting level, see scripts/eval-entities.ts)`, '', HEADER];
  for (const s of out) lines.push(tableRow(`**${s.set} ${s.script}**`, s.total));
  if (out.length > 1) lines.push(tableRow('**all**', all));
  const order = [...ENTITY_TYPES.map((t) => `type ${t}`), 'kind demonym', 'kind abbr', 'kind member', 'kind known', 'kind unknown'];
  for (const s of out) {
    lines.push('', `${s.set} ${s.script} (type rows: recall by gold type, precision by predicted type)`, '', HEADER);
    for (const key of order) if (s.rows[key]) lines.push(tableRow(key, s.rows[key]!));
  }
  if (verbose) {
    for (const s of out) {
      lines.push('', `${s.set} ${s.script}: ${s.problems.length} problems`);
      lines.push(...s.problems.map((p) => `  ${p}`));
    }
  }
  process.stdout.write(`${lines.join('\n')}\n`);
  return 0;
}

process.exitCode = main();
