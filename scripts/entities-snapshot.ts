/**
 * The recogniser's output over a large text, written one mention per line, to check that a change meant to be
 * output-neutral (a speed-up) is: run it before and after, then `cmp` (or `diff`) the two files.
 *
 *   node -r ./test/register-text.cjs -r tsx/cjs scripts/entities-snapshot.ts OUT.txt [--no-taggers]
 *
 * Text: the samples, then every sentence of the NER sets in shared/data/ner (train and dev, as they are; the
 * folder as eval-ner finds it: $CORPUS_LENS_NER_DATA, ../shared/data/ner, /work/shared/data/ner), and the same
 * sentences joined into documents of 40 lines (so that line handling and cross-line state are exercised too).
 */
import * as crypto from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { defaultKnowledgeSource, loadKnowledge } from '../src/core/entities/knowledge';
import { EntityRecognizer } from '../src/core/entities/recognizer';
import type { EntityMention } from '../src/core/types';

const argv = process.argv.slice(2);
const out = argv.find((a) => !a.startsWith('--'));
if (!out) throw new Error('entities-snapshot: give an output file');
const taggers = !argv.includes('--no-taggers');
const dataDir = [process.env.CORPUS_LENS_NER_DATA ?? '', path.join(__dirname, '..', '..', 'shared', 'data', 'ner'), '/work/shared/data/ner'].find((d) => d && fs.existsSync(d));

const texts: string[] = [];
const samples = path.join(__dirname, '..', 'samples');
for (const f of fs.readdirSync(samples).filter((x) => x.endsWith('.txt')).sort()) texts.push(fs.readFileSync(path.join(samples, f), 'utf8'));
if (dataDir) {
  for (const rel of ['zh-msra/dev.jsonl', 'zh-pd1998/dev.jsonl', 'en-gmb/dev.jsonl', 'zh-msra/train.jsonl', 'zh-pd1998/train.jsonl']) {
    const file = path.join(dataDir, rel);
    if (!fs.existsSync(file)) continue;
    const lines = fs.readFileSync(file, 'utf8').split('\n').filter((l) => l.trim()).map((l) => (JSON.parse(l) as { text: string }).text);
    const take = rel.includes('train') ? lines.slice(0, 20000) : lines;
    texts.push(...take);
    for (let i = 0; i < take.length; i += 40) texts.push(take.slice(i, i + 40).join('\n'));
  }
}

const recognizer = new EntityRecognizer(loadKnowledge([defaultKnowledgeSource()]).value, taggers ? {} : { taggers: false });
const line = (m: EntityMention, depth: number): string =>
  `${'  '.repeat(depth)}${m.start}-${m.end} ${m.type} ${m.entityId} ${m.via} ${m.confirmed ? 'c' : 'u'}${m.demonym ? ' demonym' : ''} ${JSON.stringify(m.text)}`;
const hash = crypto.createHash('sha256');
const fd = fs.openSync(out, 'w');
let mentions = 0;
let bytes = 0;
let ms = 0;
texts.forEach((t, i) => {
  const t0 = performance.now();
  const found = recognizer.find(t);
  ms += performance.now() - t0;
  bytes += Buffer.byteLength(t, 'utf8');
  const rows = [`# ${i}`];
  for (const m of found) {
    rows.push(line(m, 0));
    for (const x of m.members ?? []) rows.push(line(x, 1));
    mentions++;
  }
  const chunk = rows.join('\n') + '\n';
  hash.update(chunk);
  fs.writeSync(fd, chunk);
});
fs.closeSync(fd);
process.stdout.write(`${texts.length} texts, ${(bytes / 1e6).toFixed(1)} MB, ${mentions} mentions, find() ${(bytes / 1e6 / (ms / 1000)).toFixed(1)} MB/s, sha256 ${hash.digest('hex')}\n`);
