/**
 * npm run eval:dates: span precision / recall / F1 and value accuracy of the date recogniser on the evaluation
 * sets test/eval/dates.<lang>.txt (written with the rules) and, reported separately, the held-out sets
 * test/eval/dates-<name>.<lang>.txt (written before the rules were fixed on them; format: see the head of each file). A gold mention is found when a predicted
 * mention has exactly its span; value accuracy is over the found ones. `-- --verbose` lists every miss, false
 * positive and wrong value; `-- --set heldout` scores one set only. Exits 1 when a language of the development
 * sets (dates.<lang>.txt) is under the targets (F1 >= 0.95, value accuracy >= 0.92); held-out rows are reported, and
 * per language the held-out sets together and all sets together (when more than one set is scored).
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { findDates } from '../src/core/dates';
import { parseEvalSet, type EvalItem } from '../test/eval/format';

const TARGET_F1 = 0.95;
const TARGET_VALUE = 0.92;

interface Score {
  gold: number;
  predicted: number;
  found: number;
  valueOk: number;
  problems: string[];
}

function score(items: EvalItem[]): Score {
  const s: Score = { gold: 0, predicted: 0, found: 0, valueOk: 0, problems: [] };
  for (const item of items) {
    const found = findDates(item.text, item.reference ? { defaultReference: { value: item.reference, how: 'eval' } } : {});
    s.gold += item.gold.length;
    s.predicted += found.length;
    const byStart = new Map(found.map((m) => [`${m.start}:${m.end}`, m]));
    for (const g of item.gold) {
      const m = byStart.get(`${g.start}:${g.end}`);
      if (!m) {
        const near = found.filter((f) => f.end > g.start && f.start < g.end).map((f) => `${f.text}=${f.value}`);
        s.problems.push(`${item.line}: MISSED  [${g.text}|${g.value}]${near.length ? `  (got ${near.join(', ')})` : ''}`);
        continue;
      }
      s.found++;
      if (m.value === g.value) s.valueOk++;
      else s.problems.push(`${item.line}: VALUE   [${g.text}] ${m.value} (gold ${g.value})`);
    }
    const goldSpans = new Set(item.gold.map((g) => `${g.start}:${g.end}`));
    for (const m of found) {
      if (goldSpans.has(`${m.start}:${m.end}`)) continue;
      if (item.gold.some((g) => g.end > m.start && g.start < m.end)) continue; // reported as a miss above
      s.problems.push(`${item.line}: FALSE   [${m.text}|${m.value}]`);
    }
  }
  return s;
}

function main(): number {
  const verbose = process.argv.includes('--verbose');
  const dir = path.join(__dirname, '..', 'test', 'eval');
  const only = process.argv.includes('--set') ? process.argv[process.argv.indexOf('--set') + 1] : undefined;
  const files = fs
    .readdirSync(dir)
    .map((f) => /^dates(?:-([a-z0-9]+))?\.([a-z-]+)\.txt$/.exec(f))
    .filter((m): m is RegExpExecArray => !!m && (only === undefined || (m[1] ?? 'dev') === only))
    .map((m) => ({ file: m[0], set: m[1] ?? 'dev', lang: m[2]! }))
    .sort((a, b) => (a.set === b.set ? a.lang.localeCompare(b.lang) : a.set === 'dev' ? -1 : b.set === 'dev' ? 1 : a.set.localeCompare(b.set)));
  let ok = true;
  const rows: string[] = [];
  const row = (set: string, lang: string, s: Score): boolean => {
    const p = s.predicted ? s.found / s.predicted : 0;
    const r = s.gold ? s.found / s.gold : 0;
    const f1 = p + r ? (2 * p * r) / (p + r) : 0;
    const va = s.found ? s.valueOk / s.found : 0;
    const pass = f1 >= TARGET_F1 && va >= TARGET_VALUE;
    rows.push(
      `  ${set.padEnd(9)} ${lang.padEnd(4)} ${String(s.gold).padStart(4)} gold  P ${p.toFixed(3)}  R ${r.toFixed(3)}  F1 ${f1.toFixed(3)}  value accuracy ${va.toFixed(3)}  ${pass ? 'PASS' : 'FAIL'}`,
    );
    return pass;
  };
  const totals = new Map<string, { all: Score; heldout: Score; sets: number; heldoutSets: number }>();
  const add = (a: Score, b: Score) => {
    a.gold += b.gold;
    a.predicted += b.predicted;
    a.found += b.found;
    a.valueOk += b.valueOk;
  };
  const empty = (): Score => ({ gold: 0, predicted: 0, found: 0, valueOk: 0, problems: [] });
  for (const { file: f, set, lang } of files) {
    const items = parseEvalSet(fs.readFileSync(path.join(dir, f), 'utf8'), f);
    const s = score(items);
    const pass = row(set, lang, s);
    if (set === 'dev') ok &&= pass;
    let t = totals.get(lang);
    if (!t) totals.set(lang, (t = { all: empty(), heldout: empty(), sets: 0, heldoutSets: 0 }));
    add(t.all, s);
    t.sets++;
    if (set !== 'dev') {
      add(t.heldout, s);
      t.heldoutSets++;
    }
    if (verbose) for (const line of s.problems) process.stdout.write(`${f}:${line}\n`);
  }
  for (const [lang, t] of [...totals].sort((a, b) => a[0].localeCompare(b[0]))) {
    if (t.heldoutSets > 1) row('held-out', lang, t.heldout);
    if (t.sets > 1) row('all', lang, t.all);
  }
  process.stdout.write(`\nDate evaluation (span exact match; targets F1 >= ${TARGET_F1}, value accuracy >= ${TARGET_VALUE})\n${rows.join('\n')}\n`);
  return ok ? 0 : 1;
}

process.exitCode = main();
