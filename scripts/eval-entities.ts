/**
 * npm run eval:entities — the recogniser (bundled knowledge base, candidates and taggers on, as the extension runs
 * it) against our own held-out entity sets test/eval/entities-<set>.<script>.txt (international-relations news in
 * simplified and traditional Chinese and English, paraphrased from public pages; format and marking conventions:
 * test/eval/entities-format.ts). The texts of one source (the lines under one "# src:" comment) are recognised as one
 * document, as an analyst's file would be; `--lines` recognises each line on its own (no document context: a bare
 * surname or a shared abbreviation cannot lean on a name in an earlier line).
 *
 * Matching (overlap at the same nesting level) and measures: test/eval/entities-score.ts. Per script and overall,
 * then per gold type and kind (demonym, abbr, member, known, unknown):
 *  recall (overlap, typed, exact), precision (overlap, typed), link accuracy (of the marks with a knowledge-base
 *  id, and of those found), recall of the names the knowledge base does not know and how many of them a
 *  knowledge-base mention wrongly links;
 * every set by default (each set's scripts, each set over its scripts, then all of them: heldout1 and heldout2 have been
 * used to fix errors, heldout3's first run is recorded in its heads; a new set test/eval/entities-heldoutN.<script>.txt
 * is picked up by its name); `--verbose` lists every miss, wrong link, wrong type and false positive
 * (file:line); `--set NAME` scores one set;
 * `--json` prints the figures as JSON; `--ids` does not run the recogniser: it checks every id of the sets against
 * the knowledge base (it must exist; a type other than the knowledge base's is a note) and lists the entities whose
 * name, alias or abbreviation folds to each mark whose id is `?` (for writing a new set: mark the spans first, then
 * look the ids up).
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { defaultKnowledgeSource, loadKnowledge, type KnowledgeBase } from '../src/core/entities/knowledge';
import { EntityRecognizer } from '../src/core/entities/recognizer';
import { ENTITY_TYPES } from '../src/core/entities/types';
import { fold } from '../src/core/text/fold';
import { parseEntitySet, UNKNOWN_ID, type EntityEvalItem } from '../test/eval/entities-format';
import { addCounts, findByDocument, scoreEntities, showGold, zeroCounts, type Counts } from '../test/eval/entities-score';

interface SetFile {
  file: string;
  set: string;
  script: string;
  items: EntityEvalItem[];
}

function args(): { verbose: boolean; json: boolean; ids: boolean; lines: boolean; set: string | undefined } {
  const argv = process.argv.slice(2);
  let set: string | undefined;
  let lines = false;
  let verbose = false;
  let json = false;
  let ids = false;
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === '--verbose') verbose = true;
    else if (argv[i] === '--json') json = true;
    else if (argv[i] === '--ids') ids = true;
    else if (argv[i] === '--lines') lines = true;
    else if (argv[i] === '--set') set = argv[++i];
    else throw new Error(`eval:entities: unknown argument ${argv[i]} (use --verbose, --json, --ids, --lines, --set NAME)`);
  }
  return { verbose, json, ids, lines, set };
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

const ratio = (a: number, b: number) => (b ? (a / b).toFixed(3) : '—');

function tableRow(name: string, c: Counts): string {
  return `| ${name} | ${c.gold} | ${ratio(c.found, c.gold)} | ${ratio(c.typed, c.gold)} | ${ratio(c.exact, c.gold)} | ${name.startsWith('kind ') ? '—' : c.predicted} | ${ratio(c.right, c.predicted)} | ${ratio(c.rightTyped, c.predicted)} | ${ratio(c.linked, c.known)} | ${ratio(c.linked, c.knownFound)} | ${ratio(c.unknownFound, c.unknown)} | ${c.unknown ? c.unknownLinked : '—'} |`;
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
          process.stdout.write(`${where}: ? ${showGold(g)} -> ${candidates.length ? [...new Set(candidates)].map(describe).join(' | ') : 'no entity of that name'}\n`);
        } else if (g.id !== UNKNOWN_ID && !kb.has(g.id)) {
          problems++;
          process.stdout.write(`${where}: no entity ${g.id} for ${showGold(g)}\n`);
        } else if (g.id !== UNKNOWN_ID && kb.get(g.id)!.type !== g.type) {
          process.stdout.write(`${where}: note: ${showGold(g)} is typed ${kb.get(g.id)!.type} in the knowledge base\n`);
        } else if (g.id === UNKNOWN_ID && candidates.length) {
          process.stdout.write(`${where}: note: ${showGold(g)} has entities of that name: ${[...new Set(candidates)].map(describe).join(' | ')}\n`);
        }
      }
    }
  }
  return problems;
}

function main(): number {
  const { verbose, json, ids, lines: perLine, set } = args();
  const sets = readSets(set);
  if (!sets.length) throw new Error(`eval:entities: no set test/eval/entities-${set ?? '*'}.<script>.txt`);
  const kb = loadKnowledge([defaultKnowledgeSource()]).value;
  if (ids) return checkIds(sets, kb) ? 1 : 0;
  const recognizer = new EntityRecognizer(kb);
  const out: Array<{ set: string; script: string; total: Counts; rows: Record<string, Counts>; problems: string[] }> = [];
  const all = zeroCounts();
  for (const s of sets) {
    const find = (text: string) => recognizer.find(text);
    const byDocument = perLine ? undefined : findByDocument(s.items, find);
    const { total, rows, problems } = scoreEntities(s.items, (item) => byDocument?.get(item) ?? find(item.text), s.file);
    addCounts(all, total);
    out.push({ set: s.set, script: s.script, total, rows: Object.fromEntries(rows), problems });
  }
  if (json) {
    process.stdout.write(`${JSON.stringify({ sets: out, all }, null, 2)}\n`);
    return 0;
  }
  const lines: string[] = [
    `Entity evaluation (held-out IR news; bundled knowledge base, rules and taggers; ${perLine ? 'each line alone' : 'the lines of one source as one document'}; overlap at the same nesting level, see test/eval/entities-score.ts)`,
    '',
    HEADER,
  ];
  // Each set's scripts, then the set over its scripts when several sets are scored (one held-out set's figure is the
  // generalisation number; pooling a set that has been used to fix errors with a fresh one flatters it), then all.
  const setNames = [...new Set(out.map((s) => s.set))];
  for (const name of setNames) {
    const ofSet = out.filter((s) => s.set === name);
    for (const s of ofSet) lines.push(tableRow(`**${s.set} ${s.script}**`, s.total));
    if (setNames.length > 1 && ofSet.length > 1) {
      const total = zeroCounts();
      for (const s of ofSet) addCounts(total, s.total);
      lines.push(tableRow(`**${name} all**`, total));
    }
  }
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
