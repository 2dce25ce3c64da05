/**
 * What the corpus index holds at corpus scale, outside VS Code (issue 13): the bench:extension corpus (the samples cut
 * into N pieces of about --mb MB in all), analysed once with the bundled knowledge base into a prepared-documents
 * file, then added to a CorpusIndex as the extension does (setPrepared, the line starts kept beside it), with the
 * process's memory before and after and, with --snapshot FILE, a heap snapshot.
 *
 *   node -r ./test/register-text.cjs -r tsx/cjs --expose-gc scripts/index-memory.ts prepare --files 10000 --mb 53 --out /tmp/prepared.jsonl
 *   node -r ./test/register-text.cjs -r tsx/cjs --expose-gc scripts/index-memory.ts measure --in /tmp/prepared.jsonl [--clone] [--snapshot F]
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { parseArgs } from 'node:util';
import { writeHeapSnapshot } from 'node:v8';
import topicsText from '../data/topics.yaml';
import { Analyzer, withoutBoilerplate } from '../src/core/analysis';
import { cacheLine, parseCachedDocument } from '../src/core/corpus/cache';
import { CorpusIndex, prepareDocument } from '../src/core/corpus/index';
import { loadTopics } from '../src/core/corpus/topics';
import { defaultKnowledgeSource, loadKnowledge } from '../src/core/entities/knowledge';
import { EntityRecognizer } from '../src/core/entities/recognizer';
import { benchPieces } from './bench-corpus.mjs';

const MB = 1048576;
const { positionals, values } = parseArgs({
  allowPositionals: true,
  options: { files: { type: 'string' }, mb: { type: 'string' }, out: { type: 'string' }, in: { type: 'string' }, snapshot: { type: 'string' }, clone: { type: 'boolean' }, 'hover-every': { type: 'string' } },
});
const gc = (globalThis as { gc?: () => void }).gc ?? (() => undefined);

function mem(label: string): NodeJS.MemoryUsage {
  gc();
  const m = process.memoryUsage();
  console.log(`${label}: rss ${(m.rss / MB).toFixed(1)} heapUsed ${(m.heapUsed / MB).toFixed(1)} heapTotal ${(m.heapTotal / MB).toFixed(1)} external ${(m.external / MB).toFixed(1)} arrayBuffers ${(m.arrayBuffers / MB).toFixed(1)} MB`);
  return m;
}

async function prepare(): Promise<void> {
  const n = Number(values.files ?? 10000);
  const { pieces, cut } = benchPieces(path.join(__dirname, '..'), n, values.mb ? Number(values.mb) : undefined);
  const kb = loadKnowledge([defaultKnowledgeSource()]).value;
  const analyzer = new Analyzer(new EntityRecognizer(kb));
  const topics = loadTopics([{ file: '<bundled>/topics.yaml', text: topicsText }]).value;
  const out = fs.openSync(values.out ?? '/tmp/prepared.jsonl', 'w');
  // Each distinct piece is analysed once (the corpus repeats them), each file written under its own path.
  const done = new Map<number, string>();
  for (let i = 0; i < n; i++) {
    const k = i % pieces.length;
    const file = `/corpus/${String(Math.floor(i / 500)).padStart(3, '0')}/${String(i).padStart(5, '0')}.txt`;
    let json = done.get(k);
    if (json === undefined) {
      const text = pieces[k]!;
      json = cacheLine('', 'h', undefined, prepareDocument(text, withoutBoilerplate(analyzer.analyse(text)), topics)).split('\t')[1]!;
      done.set(k, json);
    }
    fs.writeSync(out, `${file}\t${json}\n`);
  }
  fs.closeSync(out);
  console.log(`${n} files (${pieces.length} distinct pieces, cut ${cut}) -> ${values.out}`);
}

function measure(): void {
  const lines = fs.readFileSync(values.in ?? '/tmp/prepared.jsonl', 'utf8').split('\n').filter(Boolean);
  const before = mem('before');
  const index = new CorpusIndex({});
  const lineStarts = new Map<string, Uint32Array>();
  let mentions = 0;
  // --hover-every K: a hover card's counts (entityStats + cooccurring of the corpus's most mentioned entity) every K
  // documents while they are added, as the extension's hover asks them of the index being built.
  const hoverEvery = Number(values['hover-every'] ?? 0);
  const hovers: number[] = [];
  let hoverCpu = 0;
  const started = process.cpuUsage();
  for (let i = 0; i < lines.length; i++) {
    const tab = lines[i]!.indexOf('\t');
    const file = Buffer.from(lines[i]!.slice(0, tab)).toString(); // not a slice of the whole file
    // --clone: as a worker's result arrives (a structured clone copies every string; JSON.parse shares short ones).
    const parsed = parseCachedDocument(lines[i]!.slice(tab + 1));
    const p = values.clone ? structuredClone(parsed) : parsed;
    mentions += p.mentions.length / 6;
    lineStarts.set(file, p.lines);
    index.setPrepared(file, { ...p, lines: new Uint32Array(0) });
    lines[i] = '';
    if (hoverEvery && i % hoverEvery === hoverEvery - 1) {
      const t = performance.now();
      const c = process.cpuUsage();
      index.entityStats('country/RU');
      index.cooccurring('country/RU', 5);
      hovers.push(performance.now() - t);
      const d = process.cpuUsage(c);
      hoverCpu += d.user + d.system;
    }
  }
  const cpu = process.cpuUsage(started);
  if (hovers.length) {
    const sorted = [...hovers].sort((a, b) => a - b);
    const q = (x: number) => sorted[Math.min(sorted.length - 1, Math.floor(x * sorted.length))]!.toFixed(2);
    console.log(`hover card counts while adding (${hovers.length}): median ${q(0.5)} / 95th ${q(0.95)} / slowest ${q(1)} ms wall; ${(hoverCpu / 1000).toFixed(0)} ms CPU in all`);
  }
  const after = mem('indexed');
  console.log(`${index.size} documents, ${mentions} mentions; setPrepared ${((cpu.user + cpu.system) / 1000).toFixed(0)} ms CPU`);
  console.log(`held: heap ${((after.heapUsed - before.heapUsed) / MB).toFixed(1)} MB, array buffers ${((after.arrayBuffers - before.arrayBuffers) / MB).toFixed(1)} MB, rss ${((after.rss - before.rss) / MB).toFixed(1)} MB`);
  // Queries, to check they still answer (and what they cost).
  const top = [...index.entityCounts()].sort((a, b) => b[1].count - a[1].count)[0]![0];
  let t = performance.now();
  const refs = index.mentionsOf(top).length;
  console.log(`mentionsOf(${top}) ${refs} in ${(performance.now() - t).toFixed(1)} ms`);
  t = performance.now();
  index.cooccurring(top, 5);
  console.log(`cooccurring ${(performance.now() - t).toFixed(1)} ms`);
  if (values.snapshot) console.log(`snapshot ${writeHeapSnapshot(values.snapshot)}`);
  mem('end');
  if (lineStarts.size < 0) console.log(index, lineStarts);
}

if (positionals[0] === 'prepare') void prepare();
else measure();
