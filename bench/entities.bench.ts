/**
 * Entity recogniser benchmark: the bundled knowledge base made ready from its compiled form (parse + load +
 * recogniser, the < 150 ms target, cold and warm); recognition with it over the five samples repeated to >= 50 MB
 * (UTF-8); the same with 10k generated entities added as a workspace file (scale); build times; memory; the bundle
 * sizes when dist/ is built; and, for comparison, a RegExp alternation of the same aliases on a small slice.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { defaultKnowledgeSource, lazyCompiledKnowledge, loadKnowledge, parseCompiledKnowledge } from '../src/core/entities/knowledge';
import { buildRecognizerTables, packRecognizerTables } from '../src/core/entities/recognizer-tables';
import compiledText from '../data/knowledge.compiled.jsonl';
import { EntityRecognizer } from '../src/core/entities/recognizer';
import { Trie } from '../src/core/entities/trie';
import { fold } from '../src/core/text/fold';
import type { BenchRow } from './row';

type Row = BenchRow;

const gc = (globalThis as { gc?: () => void }).gc;
const mb = (bytes: number) => bytes / 1e6;
/** MB per second of this process's CPU time (user + system) since `since`. */
const cpuRate = (bytes: number, since: NodeJS.CpuUsage) => {
  const c = process.cpuUsage(since);
  return mb(bytes) / ((c.user + c.system) / 1e6);
};

function syntheticKnowledge(count: number): string {
  // Deterministic pseudo-random CJK and Latin names that do not occur in the samples.
  let seed = 12345;
  const rnd = () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
  const cjk = () => String.fromCharCode(0x4e00 + Math.floor(rnd() * 20000));
  const lines = ['schema: corpus-lens/knowledge@1', 'entities:'];
  for (let i = 0; i < count; i++) {
    const zh = Array.from({ length: 3 + Math.floor(rnd() * 4) }, cjk).join('');
    const en = `Synth${i.toString(36)} ${Math.floor(rnd() * 1e6).toString(36)}`;
    lines.push(`  - id: other/synth-${i}`, '    type: other', `    names: { en: "${en}", zh-Hans: "${zh}" }`);
  }
  return lines.join('\n');
}

export async function run(): Promise<Row[]> {
  const rows: Row[] = [];
  const samplesDir = path.join(__dirname, '..', 'samples');
  const docs = fs.readdirSync(samplesDir).filter((f) => f.endsWith('.txt')).sort().map((f) => fs.readFileSync(path.join(samplesDir, f), 'utf8'));
  const docBytes = docs.map((d) => Buffer.byteLength(d, 'utf8'));

  // The 64K fold table (OpenCC traditional -> simplified per character, then the Unihan variant table), built once.
  const foldStarted = performance.now();
  fold('楊潔箎');
  const foldMs = performance.now() - foldStarted;
  rows.push({ name: 'entities: fold table build (script + variants)', value: Math.round(foldMs), unit: 'ms', target: '< 200', ok: foldMs < 200 });

  // The bundled knowledge base ready: JSON Lines parse + merge + recogniser (trie from the sorted form table).
  // CPU time too: on a shared machine (8 engineers on 2 cores) wall time mostly measures the wait for a core.
  const ready = (): { ms: number; cpuMs: number; parseMs: number; loadMs: number; buildMs: number; entities: number; forms: number } => {
    const c0 = process.cpuUsage();
    const t0 = performance.now();
    const compiled = parseCompiledKnowledge(compiledText);
    const t1 = performance.now();
    const kb = loadKnowledge([{ file: '<bundled>', compiled }]).value;
    const t2 = performance.now();
    new EntityRecognizer(kb);
    const t3 = performance.now();
    const c = process.cpuUsage(c0);
    return { ms: t3 - t0, cpuMs: (c.user + c.system) / 1000, parseMs: t1 - t0, loadMs: t2 - t1, buildMs: t3 - t2, entities: kb.size, forms: compiled.table.forms.length };
  };
  gc?.();
  const cold = ready();
  const warmRuns = Array.from({ length: 5 }, () => ready()).sort((a, b) => a.ms - b.ms);
  const warm = warmRuns[2]!;
  rows.push({ name: `entities: bundled KB (${cold.entities} entities, ${cold.forms} forms)`, value: cold.entities, unit: 'entities' });
  rows.push({ name: 'entities: bundled KB ready, tables computed (from source; workspace entities), first time in the process', value: Math.round(cold.ms), unit: 'ms' });
  rows.push({ name: 'entities: … its CPU time', value: Math.round(cold.cpuMs), unit: 'ms' });
  rows.push({
    name: `entities: … median of 5 more (parse ${Math.round(warm.parseMs)}, load ${Math.round(warm.loadMs)}, tables ${Math.round(warm.buildMs)} ms)`,
    value: Math.round(warm.ms),
    unit: 'ms',
  });
  rows.push({ name: 'entities: … its CPU time', value: Math.round(warm.cpuMs), unit: 'ms' });
  // The same as the bundles load it: the recogniser's tables packed (as the build packs them), a fresh copy of the
  // bytes each time (nothing cached); the entities not made. The fresh-process figures are in `bench -- load`.
  const packed = packRecognizerTables(buildRecognizerTables(loadKnowledge([defaultKnowledgeSource()]).value), { hash: defaultKnowledgeSource().compiled!.hash });
  const readyPacked = () => {
    const bytes = packed.slice();
    const c0 = process.cpuUsage();
    const t0 = performance.now();
    new EntityRecognizer(loadKnowledge([{ file: '<bundled>', compiled: lazyCompiledKnowledge(() => compiledText, bytes) }]).value);
    const c = process.cpuUsage(c0);
    return { ms: performance.now() - t0, cpuMs: (c.user + c.system) / 1000 };
  };
  const packedRuns = Array.from({ length: 5 }, readyPacked).sort((a, b) => a.ms - b.ms);
  rows.push({ name: 'entities: bundled KB ready from the packed tables (as bundled), median of 5', value: Math.round(packedRuns[2]!.ms), unit: 'ms', target: '< 150', ok: packedRuns[2]!.ms < 150 });
  rows.push({ name: 'entities: … its CPU time', value: Math.round(packedRuns[2]!.cpuMs), unit: 'ms' });
  rows.push({ name: 'entities: compiled data (data/knowledge.compiled.jsonl)', value: Math.round(Buffer.byteLength(compiledText) / 1024), unit: 'KiB' });
  for (const bundle of ['dist/extension.js', 'dist/web/extension.js', 'dist/cli.js']) {
    const file = path.join(__dirname, '..', bundle);
    if (fs.existsSync(file)) rows.push({ name: `entities: bundle size ${bundle} (npm run build)`, value: Math.round(fs.statSync(file).size / 1024), unit: 'KiB' });
  }

  // Recognition with the full bundled knowledge base.
  {
    const bundledRecognizer = new EntityRecognizer(loadKnowledge([defaultKnowledgeSource()]).value);
    for (const d of docs) bundledRecognizer.find(d);
    gc?.();
    let bytes = 0;
    let found = 0;
    let peak = process.memoryUsage().rss;
    const c0 = process.cpuUsage();
    const t0 = performance.now();
    for (let round = 0; bytes < 50e6; round++) {
      for (let i = 0; i < docs.length; i++) {
        found += bundledRecognizer.find(docs[i]!).length;
        bytes += docBytes[i]!;
      }
      if (round % 50 === 0) peak = Math.max(peak, process.memoryUsage().rss);
    }
    const rate = mb(bytes) / ((performance.now() - t0) / 1000);
    // The samples come again and again: from the second round every line's tagged spans are in the recogniser's
    // line cache, which is what repeated lines (page boilerplate) cost. Not the target's figure: see below.
    rows.push({ name: `entities: find() with the bundled KB, lines repeated (${Math.round(mb(bytes))} MB, ${found} mentions)`, value: Math.round(rate * 10) / 10, unit: 'MB/s' });
    rows.push({ name: 'entities: … per second of CPU time (shared machine: wall time waits for a core)', value: Math.round(cpuRate(bytes, c0) * 10) / 10, unit: 'MB/s' });
    rows.push({ name: 'entities: … peak RSS', value: Math.round(mb(peak)), unit: 'MB' });
    // What text not seen before costs: the same without the line cache. The target is measured here.
    const uncached = new EntityRecognizer(loadKnowledge([defaultKnowledgeSource()]).value, { lineCache: 0 });
    for (const d of docs) uncached.find(d);
    gc?.();
    let uncachedBytes = 0;
    const c1 = process.cpuUsage();
    const t1 = performance.now();
    while (uncachedBytes < 20e6) {
      for (let i = 0; i < docs.length; i++) {
        uncached.find(docs[i]!);
        uncachedBytes += docBytes[i]!;
      }
    }
    const newRate = mb(uncachedBytes) / ((performance.now() - t1) / 1000);
    rows.push({ name: `entities: find() with the bundled KB, text not seen before (no line cache; ${Math.round(mb(uncachedBytes))} MB)`, value: Math.round(newRate * 10) / 10, unit: 'MB/s', target: '>= 20', ok: newRate >= 20 });
    rows.push({ name: 'entities: … per second of CPU time', value: Math.round(cpuRate(uncachedBytes, c1) * 10) / 10, unit: 'MB/s' });
  }

  gc?.();
  const heapBefore = process.memoryUsage().heapUsed;
  let t = performance.now();
  const loaded = loadKnowledge([defaultKnowledgeSource(), { file: 'synthetic.yaml', text: syntheticKnowledge(10_000) }]);
  const loadMs = performance.now() - t;
  const aliases = loaded.value.all().reduce((n, e) => n + e.allNames().length, 0);
  t = performance.now();
  const recognizer = new EntityRecognizer(loaded.value);
  const buildMs = performance.now() - t;
  gc?.();
  const heapKb = process.memoryUsage().heapUsed - heapBefore;
  rows.push({ name: 'entities: KB surface forms', value: aliases, unit: 'aliases', target: '>= 20000', ok: aliases >= 20000 });
  rows.push({ name: 'entities: bundled + 10k-entity workspace YAML load (yaml + zod)', value: Math.round(loadMs), unit: 'ms' });
  rows.push({ name: 'entities: recogniser build (bundled + 10k workspace entities)', value: Math.round(buildMs), unit: 'ms', target: '< 200', ok: buildMs < 200 });
  rows.push({ name: 'entities: KB + recogniser heap', value: Math.round(mb(heapKb)), unit: 'MB' });

  // Pure trie build of the same folded forms (the brief's < 200 ms for 20k-50k patterns).
  const forms = loaded.value.all().flatMap((e) => e.allNames().map((n) => fold(n)));
  t = performance.now();
  const trie = new Trie();
  forms.forEach((f, i) => trie.add(f, i));
  trie.compile();
  const trieMs = performance.now() - t;
  rows.push({ name: `entities: trie build (${forms.length} patterns)`, value: Math.round(trieMs), unit: 'ms', target: '< 200', ok: trieMs < 200 });

  // Throughput: the samples repeated to >= 50 MB, one find() per document.
  for (const d of docs) recognizer.find(d); // warm-up
  gc?.();
  const rssBefore = process.memoryUsage().rss;
  let peakRss = rssBefore;
  let peakHeap = 0;
  let bytes = 0;
  let mentions = 0;
  const cpu0 = process.cpuUsage();
  t = performance.now();
  for (let round = 0; bytes < 50e6; round++) {
    for (let i = 0; i < docs.length; i++) {
      mentions += recognizer.find(docs[i]!).length;
      bytes += docBytes[i]!;
    }
    if (round % 50 === 0) {
      const m = process.memoryUsage();
      peakRss = Math.max(peakRss, m.rss);
      peakHeap = Math.max(peakHeap, m.heapUsed);
    }
  }
  const sec = (performance.now() - t) / 1000;
  const rate = mb(bytes) / sec;
  rows.push({ name: `entities: find() with candidates and taggers, bundled + 10k synthetic KB (${Math.round(mb(bytes))} MB, ${mentions} mentions)`, value: Math.round(rate * 10) / 10, unit: 'MB/s', target: '>= 20', ok: rate >= 20 });
  rows.push({ name: 'entities: … per second of CPU time', value: Math.round(cpuRate(bytes, cpu0) * 10) / 10, unit: 'MB/s' });

  // The same without the statistical taggers (knowledge base and rules only), for reference.
  const rulesOnly = new EntityRecognizer(loaded.value, { taggers: false });
  for (const d of docs) rulesOnly.find(d);
  gc?.();
  let rulesBytes = 0;
  t = performance.now();
  while (rulesBytes < 20e6) {
    for (let i = 0; i < docs.length; i++) {
      rulesOnly.find(docs[i]!);
      rulesBytes += docBytes[i]!;
    }
  }
  const rulesRate = mb(rulesBytes) / ((performance.now() - t) / 1000);
  rows.push({ name: 'entities: find() without taggers (for reference)', value: Math.round(rulesRate * 10) / 10, unit: 'MB/s' });

  // The share of fold() in it (fold is the shared src/core/text/fold.ts).
  gc?.();
  let foldBytes = 0;
  t = performance.now();
  while (foldBytes < 10e6) {
    for (let i = 0; i < docs.length; i++) {
      fold(docs[i]!);
      foldBytes += docBytes[i]!;
    }
  }
  const foldRate = mb(foldBytes) / ((performance.now() - t) / 1000);
  rows.push({ name: 'entities: fold() alone (for reference)', value: Math.round(foldRate * 10) / 10, unit: 'MB/s' });
  rows.push({ name: 'entities: peak RSS during find()', value: Math.round(mb(peakRss)), unit: 'MB' });
  rows.push({ name: 'entities: peak heap during find()', value: Math.round(mb(peakHeap)), unit: 'MB' });

  // RegExp alternation of the same aliases on a small slice, extrapolated.
  gc?.();
  const escaped = [...new Set(forms)].sort((a, b) => b.length - a.length).map((f) => f.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));
  t = performance.now();
  const re = new RegExp(escaped.join('|'), 'g');
  const slice = fold(docs.join('\n')).slice(0, 20_000);
  const sliceBytes = Buffer.byteLength(slice, 'utf8');
  let reMatches = 0;
  for (const _ of slice.matchAll(re)) reMatches++;
  const reSec = (performance.now() - t) / 1000;
  rows.push({ name: `entities: RegExp alternation (${sliceBytes} B slice, ${reMatches} matches, extrapolated)`, value: Math.round((mb(sliceBytes) / reSec) * 100) / 100, unit: 'MB/s' });
  return rows;
}
