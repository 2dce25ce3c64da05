/**
 * npm run eval:ner — the recogniser (bundled knowledge base, candidates on) against public NER gold sets.
 *
 * Data: the JSON Lines sets described in shared/data/ner/README.md (zh-msra/dev, zh-pd1998/dev, en-gmb/dev). The
 * folder is taken from `--data DIR`, else $CORPUS_LENS_NER_DATA, else the first of ../shared/data/ner (beside the
 * repository, as CI lays it out) and /work/shared/data/ner that exists. Only the dev splits are read.
 *
 * Measure (per set and per type, PER / LOC / ORG):
 *  - type mapping of our mentions: person -> PER; country, place -> LOC; organization -> ORG; treaty, event, other
 *    are not scored. Gold en-gmb GEO and GPE both count as LOC (GMB tags demonyms such as "Iraqi" as GPE).
 *  - overlap recall: a gold entity of type T is found when a mention mapped to T overlaps it by >= 1 code unit
 *    (inner members of a nested mention count: 美国国务院 overlaps the gold LOC 美国 through its member).
 *  - overlap precision: a top-level mention mapped to T is right when it overlaps a gold entity of type T (gold
 *    spans are flat, so the inner members of a nested mention are not scored for precision). A mention that
 *    overlaps only a GMB entity outside the scored types (TIM, EVE, ART, NAT) is left out of precision.
 *  - also: exact-span recall, the share of gold entities found by a confirmed (knowledge-base) mention, and
 *    throughput of find() over each set.
 * en-gmb: only sentences gmb-18000 .. gmb-23980 are scored; gmb-00001 .. gmb-17999 trained the English tagger
 * (scripts/train-ner.ts). The Chinese taggers were trained on the train splits only, never on these dev splits.
 * `--json` prints the table as JSON; `--set msra` restricts to sets whose name contains the word; `--no-taggers`
 * measures the knowledge base and rules alone (the recogniser before the statistical taggers).
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { defaultKnowledgeSource, loadKnowledge } from '../src/core/entities/knowledge';
import { EntityRecognizer } from '../src/core/entities/recognizer';
import type { EntityMention, EntityType } from '../src/core/types';

type Scored = 'PER' | 'LOC' | 'ORG';
const SCORED: Scored[] = ['PER', 'LOC', 'ORG'];

interface GoldSpan {
  start: number;
  end: number;
  type: string;
  text: string;
}
interface GoldRecord {
  id: string;
  text: string;
  entities: GoldSpan[];
  other_entities?: GoldSpan[];
}

const OURS: Partial<Record<EntityType, Scored>> = { person: 'PER', country: 'LOC', place: 'LOC', organization: 'ORG' };
const GOLD: Record<string, Scored | undefined> = { PER: 'PER', LOC: 'LOC', ORG: 'ORG', GEO: 'LOC', GPE: 'LOC' };

function args(): { data: string; json: boolean; sets: string[]; taggers: boolean } {
  const argv = process.argv.slice(2);
  let data = process.env.CORPUS_LENS_NER_DATA ?? '';
  const sets: string[] = [];
  let json = false;
  let taggers = true;
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === '--data') data = argv[++i] ?? '';
    else if (argv[i] === '--json') json = true;
    else if (argv[i] === '--no-taggers') taggers = false;
    else if (argv[i] === '--set') sets.push(argv[++i] ?? '');
    else throw new Error(`eval:ner: unknown argument ${argv[i]} (use --data DIR, --set NAME, --json)`);
  }
  if (!data) {
    const candidates = [path.join(__dirname, '..', '..', 'shared', 'data', 'ner'), '/work/shared/data/ner'];
    data = candidates.find((c) => fs.existsSync(c)) ?? '';
  }
  if (!data || !fs.existsSync(data)) throw new Error(`eval:ner: no NER data folder (tried --data, $CORPUS_LENS_NER_DATA, ../shared/data/ner, /work/shared/data/ner)`);
  return { data, json, sets, taggers };
}

function readSet(file: string): GoldRecord[] {
  const lines = fs.readFileSync(file, 'utf8').split('\n');
  const out: GoldRecord[] = [];
  lines.forEach((line, i) => {
    if (!line.trim()) return;
    try {
      out.push(JSON.parse(line) as GoldRecord);
    } catch (error) {
      throw new Error(`${file}:${i + 1}: not JSON (${(error as Error).message})`);
    }
  });
  return out;
}

/** The mention and its inner members (nested levels), flattened. */
function flatten(mentions: readonly EntityMention[]): EntityMention[] {
  const out: EntityMention[] = [];
  for (const m of mentions) {
    out.push(m);
    if (m.members) for (const x of m.members) out.push(x);
  }
  return out;
}

function overlaps(a: { start: number; end: number }, b: { start: number; end: number }): boolean {
  return a.start < b.end && b.start < a.end;
}

interface Counts {
  gold: number;
  found: number;
  exact: number;
  byKb: number;
  predicted: number;
  right: number;
}

function main(): void {
  const { data, json, sets, taggers } = args();
  const kb = loadKnowledge([defaultKnowledgeSource()]).value;
  const recognizer = new EntityRecognizer(kb, taggers ? {} : { taggers: false });
  const table: Array<{ set: string; type: Scored; recall: number; precision: number; exact: number; kb: number; gold: number; predicted: number }> = [];
  const speed: Array<{ set: string; mbps: number }> = [];
  const setFiles = [
    ['zh-msra', 'zh-msra/dev.jsonl'],
    ['zh-pd1998', 'zh-pd1998/dev.jsonl'],
    ['en-gmb', 'en-gmb/dev.jsonl'],
  ].filter(([name]) => sets.length === 0 || sets.some((s) => name!.includes(s)));
  for (const [name, rel] of setFiles) {
    const file = path.join(data, rel!);
    if (!fs.existsSync(file)) {
      process.stderr.write(`eval:ner: ${file} missing, skipped\n`);
      continue;
    }
    const records = readSet(file).filter((r) => name !== 'en-gmb' || Number(r.id.slice(4)) >= 18000);
    const counts = new Map<Scored, Counts>(SCORED.map((t) => [t, { gold: 0, found: 0, exact: 0, byKb: 0, predicted: 0, right: 0 }]));
    let bytes = 0;
    let ms = 0;
    for (const r of records) {
      bytes += Buffer.byteLength(r.text, 'utf8');
      const t0 = performance.now();
      const found = recognizer.find(r.text);
      ms += performance.now() - t0;
      const mentions = flatten(found);
      const gold = r.entities.map((g) => ({ ...g, scored: GOLD[g.type] }));
      for (const g of gold) {
        if (!g.scored) continue;
        const c = counts.get(g.scored)!;
        c.gold++;
        const hits = mentions.filter((m) => OURS[m.type] === g.scored && overlaps(m, g));
        if (hits.length) c.found++;
        if (hits.some((m) => m.start === g.start && m.end === g.end)) c.exact++;
        if (hits.some((m) => m.confirmed)) c.byKb++;
      }
      for (const m of found) {
        const t = OURS[m.type];
        if (!t) continue;
        const right = gold.some((g) => g.scored === t && overlaps(m, g));
        if (!right && (r.other_entities ?? []).some((o) => overlaps(m, o)) && !gold.some((g) => overlaps(m, g))) continue;
        const c = counts.get(t)!;
        c.predicted++;
        if (right) c.right++;
      }
    }
    speed.push({ set: name!, mbps: bytes / 1e6 / (ms / 1000) });
    for (const t of SCORED) {
      const c = counts.get(t)!;
      if (c.gold === 0) continue;
      table.push({
        set: name!,
        type: t,
        recall: c.found / c.gold,
        precision: c.predicted ? c.right / c.predicted : 0,
        exact: c.exact / c.gold,
        kb: c.byKb / c.gold,
        gold: c.gold,
        predicted: c.predicted,
      });
    }
  }
  if (json) {
    process.stdout.write(`${JSON.stringify({ data, table, speed }, null, 2)}\n`);
    return;
  }
  const pct = (x: number) => x.toFixed(3);
  process.stdout.write(`NER evaluation (${data}; ${taggers ? 'knowledge base, rules and taggers' : 'knowledge base and rules only'}; overlap match, see scripts/eval-ner.ts)\n\n`);
  process.stdout.write('| set | type | gold | predicted | recall | precision | exact-span recall | found by KB |\n| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: |\n');
  for (const row of table) {
    process.stdout.write(`| ${row.set} | ${row.type} | ${row.gold} | ${row.predicted} | ${pct(row.recall)} | ${pct(row.precision)} | ${pct(row.exact)} | ${pct(row.kb)} |\n`);
  }
  process.stdout.write(`\nfind() throughput (sentence by sentence): ${speed.map((s) => `${s.set} ${s.mbps.toFixed(1)} MB/s`).join(', ')}\n`);
}

main();
