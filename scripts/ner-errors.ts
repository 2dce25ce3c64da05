/**
 * Error listing of the English recogniser (bundled knowledge base, rules, taggers) on GMB sentences that the
 * English tagger under study was not trained on, by type and by cause. Meant for training sentences held out
 * with `train-ner.ts en --below N --out FILE`, never for the scored part (gmb-18000 ..): `--to` is at most 18000.
 *
 *   node -r ./test/register-text.cjs -r tsx/cjs scripts/ner-errors.ts --model FILE --from 15000 [--to 18000] [--top 25]
 *   node -r ./test/register-text.cjs -r tsx/cjs scripts/ner-errors.ts --set msra|pd1998 [--from 0] [--to 3000]
 *
 * `--set msra` (`pd1998`) lists the errors on the Chinese train split (lines from .. to) with the bundled taggers:
 * the Chinese tagger was trained on those sentences, so only what the knowledge base and the recogniser add or
 * drop there is telling (a tagger miss on its own training text is rare); the dev splits are never read.
 *
 * Causes of a miss (a gold PER / LOC / ORG that no mention of that type overlaps): the knowledge base typed it
 * otherwise (a confirmed mention of another type overlaps it), a candidate typed otherwise, the tagger proposed it
 * but the recogniser dropped it, the tagger proposed nothing. Causes of a false positive: the gold has another type
 * there, or nothing is there (knowledge base / candidate). Overlapping but not exact: span boundaries.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { defaultKnowledgeSource, loadKnowledge } from '../src/core/entities/knowledge';
import { EntityRecognizer } from '../src/core/entities/recognizer';
import { EnTagger } from '../src/core/entities/tagger';
import { bundledTaggers } from '../src/core/entities/tagger-models';
import { fold } from '../src/core/text/fold';
import { decodeModel } from '../src/core/entities/tagger-format';
import type { EntityType } from '../src/core/types';

type Scored = 'PER' | 'LOC' | 'ORG';
const OURS: Partial<Record<EntityType, Scored>> = { person: 'PER', country: 'LOC', place: 'LOC', organization: 'ORG' };
const GOLD: Record<string, Scored | undefined> = { PER: 'PER', LOC: 'LOC', ORG: 'ORG', GEO: 'LOC', GPE: 'LOC' };

interface Span {
  start: number;
  end: number;
  type: string;
  text: string;
}

function main(): void {
  const argv = process.argv.slice(2);
  let model = '';
  let from = 15000;
  let to = 18000;
  let top = 25;
  let set = 'gmb';
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === '--model') model = argv[++i]!;
    else if (argv[i] === '--from') from = Number(argv[++i]);
    else if (argv[i] === '--to') to = Number(argv[++i]);
    else if (argv[i] === '--top') top = Number(argv[++i]);
    else if (argv[i] === '--set') set = argv[++i]!;
    else throw new Error(`ner-errors: unknown argument ${argv[i]}`);
  }
  const zh = set === 'msra' || set === 'pd1998';
  if (!zh && set !== 'gmb') throw new Error(`ner-errors: --set msra, pd1998 or gmb, not ${set}`);
  if (!zh && to > 18000) throw new Error('ner-errors: gmb-18000 .. is the scored part, not for error study');
  if (!zh && !model) throw new Error('ner-errors: --model FILE (a model trained with --below FROM)');
  const data = [path.join(__dirname, '..', '..', 'shared', 'data', 'ner'), '/work/shared/data/ner'].find((d) => fs.existsSync(d))!;
  const tagger = zh ? bundledTaggers().en! : new EnTagger(decodeModel(fs.readFileSync(model, 'utf8')));
  const zhTagger = zh ? bundledTaggers().zh : undefined;
  const kb = loadKnowledge([defaultKnowledgeSource()]).value;
  const recognizer = new EntityRecognizer(kb, { taggers: zh ? bundledTaggers() : { en: tagger } });
  const file = zh ? path.join(data, `zh-${set}`, 'train.jsonl') : path.join(data, 'en-gmb', 'dev.jsonl');
  const records = fs
    .readFileSync(file, 'utf8')
    .split('\n')
    .filter((l) => l.trim())
    .map((l) => JSON.parse(l) as { id: string; text: string; entities: Span[]; other_entities?: Span[] })
    .filter((r, i) => (zh ? i : Number(r.id.slice(4))) >= from && (zh ? i : Number(r.id.slice(4))) < to);
  const causes = new Map<string, Map<string, number>>();
  const note = (cause: string, what: string) => {
    const m = causes.get(cause) ?? new Map<string, number>();
    m.set(what, (m.get(what) ?? 0) + 1);
    causes.set(cause, m);
  };
  const tally = new Map<Scored, { gold: number; found: number; predicted: number; right: number }>();
  const count = (t: Scored) => tally.get(t) ?? (tally.set(t, { gold: 0, found: 0, predicted: 0, right: 0 }), tally.get(t)!);
  const ov = (a: { start: number; end: number }, b: { start: number; end: number }) => a.start < b.end && b.start < a.end;
  for (const r of records) {
    const found = recognizer.find(r.text);
    const flat = found.flatMap((m) => [m, ...(m.members ?? [])]);
    const raw = zhTagger ? zhTagger.tag(fold(r.text), 0, r.text.length) : tagger.tag(r.text, 0, r.text.length);
    for (const g of r.entities) {
      const t = GOLD[g.type];
      if (!t) continue;
      const hits = flat.filter((m) => OURS[m.type] === t && ov(m, g));
      count(t).gold++;
      if (hits.length) {
        count(t).found++;
        if (!hits.some((m) => m.start === g.start && m.end === g.end)) {
          const m = hits[0]!;
          note(`${t} boundary (${m.confirmed ? 'kb' : 'candidate'})`, `${g.text} -> ${r.text.slice(m.start, m.end)}`);
        }
        continue;
      }
      const other = flat.find((m) => ov(m, g) && OURS[m.type] !== t);
      if (other) {
        note(`${t} miss: ${other.confirmed ? 'kb' : 'candidate'} typed ${other.type}`, `${g.text} [${r.text.slice(other.start, other.end)}]`);
        continue;
      }
      const tagged = raw.find((s) => ov(s, g));
      if (tagged && tagged.type === t) note(`${t} miss: tagged ${t} but dropped`, `${g.text} [${r.text.slice(tagged.start, tagged.end)}]`);
      else if (tagged) note(`${t} miss: tagger typed ${tagged.type}, dropped`, `${g.text} [${r.text.slice(tagged.start, tagged.end)}]`);
      else note(`${t} miss: tagger found nothing`, g.text);
    }
    for (const m of found) {
      const t = OURS[m.type];
      if (!t) continue;
      const golds = r.entities.filter((g) => ov(m, g));
      if (!golds.length && (r.other_entities ?? []).some((o) => ov(m, o))) continue;
      count(t).predicted++;
      if (golds.some((g) => GOLD[g.type] === t)) {
        count(t).right++;
        continue;
      }
      const text = r.text.slice(m.start, m.end);
      if (golds.length) note(`${t} false positive: gold ${golds.map((g) => g.type).join('+')} (${m.confirmed ? 'kb' : 'candidate'})`, text);
      else note(`${t} false positive: nothing there (${m.confirmed ? 'kb' : 'candidate'})`, text);
    }
  }
  const rows = [...causes].map(([cause, m]) => ({ cause, n: [...m.values()].reduce((a, b) => a + b, 0), m })).sort((a, b) => a.cause.localeCompare(b.cause));
  process.stdout.write(zh ? `zh-${set}/train.jsonl lines ${from} .. ${from + records.length - 1}, bundled models\n` : `gmb-${from} .. gmb-${to - 1}: ${records.length} sentences, model ${model}\n`);
  for (const [t, c] of [...tally].sort()) process.stdout.write(`${t}: recall ${(c.found / c.gold).toFixed(3)} precision ${(c.right / c.predicted).toFixed(3)} (gold ${c.gold}, predicted ${c.predicted})\n`);
  process.stdout.write('\n');
  for (const { cause, n, m } of rows) {
    const examples = [...m].sort((a, b) => b[1] - a[1]).slice(0, top);
    process.stdout.write(`## ${cause}: ${n}\n${examples.map(([w, k]) => `  ${k} ${w}`).join('\n')}\n\n`);
  }
}

main();
