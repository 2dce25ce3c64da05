/**
 * Corpus index benchmark: indexes >= 50 MB of corpus text (the five samples repeated as many synthetic files)
 * through CorpusIndex.indexAll, first with a cheap fake analyser (corpus model + a few indexOf names), then with
 * the real recognisers (src/core/analysis.ts: entities + dates) when they are present.
 *
 * Sizes are UTF-8 bytes (what the files weigh on disk). BENCH_INDEX_MB overrides the 50 MB (e.g. for a quick run).
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as os from 'node:os';
import { spawnSync } from 'node:child_process';
import topicsText from '../data/topics.yaml';
import { CorpusIndex, type Analyse, type DocumentAnalysis } from '../src/core/corpus/index';
import { parseDocument } from '../src/core/corpus/model';
import { loadTopics } from '../src/core/corpus/topics';
import type { EntityMention } from '../src/core/types';
import type { BenchRow } from './row';

type Row = BenchRow;

const MB = 1024 * 1024;
const gc = (globalThis as { gc?: () => void }).gc;

const FAKE_NAMES: Array<[string, string]> = [
  ['俄罗斯', 'country/RU'], ['俄羅斯', 'country/RU'], ['美国', 'country/US'], ['美國', 'country/US'], ['普京', 'person/putin'],
  ['特朗普', 'person/trump'], ['北约', 'organization/NATO'], ['中导条约', 'treaty/INF'], ['上海合作组织', 'organization/SCO'],
  ['乌克兰', 'country/UA'], ['Russia', 'country/RU'], ['NATO', 'organization/NATO'],
];

const fakeAnalyse: Analyse = (_path, text) => {
  const entities: EntityMention[] = [];
  for (const [name, id] of FAKE_NAMES) {
    for (let i = text.indexOf(name); i >= 0; i = text.indexOf(name, i + name.length)) {
      entities.push({ kind: 'entity', start: i, end: i + name.length, text: name, entityId: id, type: 'other', confirmed: true, via: 'alias' });
    }
  }
  entities.sort((a, b) => a.start - b.start);
  return { doc: parseDocument(text), entities, dates: [] };
};

function samples(): Array<{ name: string; text: string; bytes: number }> {
  const dir = path.join(__dirname, '..', 'samples');
  return fs
    .readdirSync(dir)
    .filter((f) => f.endsWith('.txt'))
    .sort()
    .map((f) => {
      const text = fs.readFileSync(path.join(dir, f), 'utf8');
      return { name: f, text, bytes: Buffer.byteLength(text, 'utf8') };
    });
}

/**
 * Synthetic corpus: the samples in turn, as separate files, until `targetBytes`. Each file's text is a fresh string
 * made when it is read (like a file read from disk) and dropped after indexing, so the retained heap shows whether
 * the index keeps document text alive.
 */
function corpus(targetBytes: number): { files: () => Generator<{ path: string; text: string }>; count: number; bytes: number } {
  const base = samples();
  let bytes = 0;
  let count = 0;
  while (bytes < targetBytes) bytes += base[count++ % base.length]!.bytes;
  function* files(): Generator<{ path: string; text: string }> {
    for (let i = 0; i < count; i++) {
      const s = base[i % base.length]!;
      yield { path: `/bench/corpus/${String(Math.floor(i / base.length)).padStart(5, '0')}/${s.name}`, text: s.text.split('\n').join('\n') };
    }
  }
  return { files, count, bytes };
}

async function measure(label: string, analyse: Analyse, files: Iterable<{ path: string; text: string }>, count: number, bytes: number): Promise<{ rows: Row[]; index: CorpusIndex }> {
  const topics = loadTopics([{ file: 'data/topics.yaml', text: topicsText }]).value;
  gc?.();
  const heapBefore = process.memoryUsage().heapUsed;
  let peakRss = 0;
  let peakHeap = 0;
  const sample = () => {
    const m = process.memoryUsage();
    peakRss = Math.max(peakRss, m.rss);
    peakHeap = Math.max(peakHeap, m.heapUsed);
  };
  // Longest event-loop stall while indexing (time between timer ticks).
  let last = performance.now();
  let stall = 0;
  const timer = setInterval(() => {
    const now = performance.now();
    stall = Math.max(stall, now - last);
    last = now;
    sample();
  }, 1);
  const index = new CorpusIndex({ analyse, topics });
  const started = performance.now();
  const result = await index.indexAll(files, { total: count, onProgress: (done) => done % 200 === 0 && sample() });
  const ms = performance.now() - started;
  clearInterval(timer);
  sample();
  gc?.();
  const retained = process.memoryUsage().heapUsed - heapBefore;
  let mentions = 0;
  for (const [, c] of index.entityCounts()) mentions += c.count;
  const mbps = bytes / MB / (ms / 1000);
  const rows: Row[] = [
    { name: `${label}: index ${(bytes / MB).toFixed(1)} MB, ${count} files`, value: Math.round(ms), unit: 'ms' },
    { name: `${label}: throughput`, value: Number(mbps.toFixed(2)), unit: 'MB/s' },
    { name: `${label}: files indexed (failed ${result.failed.length})`, value: result.indexed, unit: 'files', ok: result.failed.length === 0 && result.indexed === count },
    { name: `${label}: entity mentions indexed`, value: mentions, unit: 'mentions' },
    { name: `${label}: longest event-loop stall`, value: Number(stall.toFixed(1)), unit: 'ms', target: '< 250', ok: stall < 250 },
    { name: `${label}: peak RSS`, value: Math.round(peakRss / MB), unit: 'MB' },
    { name: `${label}: peak heap used`, value: Math.round(peakHeap / MB), unit: 'MB' },
    { name: `${label}: heap retained by the index${gc ? '' : ' (no --expose-gc: rough)'}`, value: Math.round(retained / MB), unit: 'MB' },
  ];
  return { rows, index };
}

function queries(index: CorpusIndex): Row[] {
  const time = (name: string, f: () => unknown): Row => {
    const t = performance.now();
    f();
    return { name: `query: ${name}`, value: Number((performance.now() - t).toFixed(1)), unit: 'ms', target: '< 500', ok: performance.now() - t < 500 };
  };
  return [
    time('documents()', () => index.documents()),
    time('entityCounts()', () => index.entityCounts()),
    time("mentionsOf('country/RU')", () => index.mentionsOf('country/RU')),
    time("cooccurring('country/RU', 10)", () => index.cooccurring('country/RU', 10)),
    time("recordsForTopic('us-russia')", () => index.recordsForTopic('us-russia')),
    time("symbols('普京')", () => index.symbols('普京')),
  ];
}

/**
 * Optional modules (written in parallel with this one): a dynamic import() when an ESM TypeScript loader is active
 * (node --import tsx), else the CommonJS loader this bench normally runs under (-r tsx/cjs), whose hooks Node's
 * native import() does not see.
 */
async function load<T>(specifier: string): Promise<T> {
  try {
    return (await import(specifier)) as T;
  } catch (error) {
    if (typeof module === 'undefined' || typeof module.require !== 'function') throw error;
    return module.require(specifier) as T;
  }
}

/**
 * Queries at corpus scale (BENCH_QUERY_MB, default 200 MB, real analyser): Go to Symbol, an entity hover's two
 * queries and Find All References of the most frequent entity; then the CLI (dist/cli.js, when built) indexing
 * the same corpus written to a temp folder, for its peak RSS (it streams files rather than reading all first).
 */
async function largeCorpus(analyse: Analyse): Promise<Row[]> {
  const targetMB = Number(process.env.BENCH_QUERY_MB) || 200;
  const { files, count, bytes } = corpus(targetMB * MB);
  const topics = loadTopics([{ file: 'data/topics.yaml', text: topicsText }]).value;
  const index = new CorpusIndex({ analyse, topics });
  const started = performance.now();
  await index.indexAll(files(), { total: count });
  const rows: Row[] = [{ name: `index ${(bytes / MB).toFixed(0)} MB (${count} files) for the queries`, value: Math.round(performance.now() - started), unit: 'ms' }];
  const counts = [...index.entityCounts()].sort((a, b) => b[1].count - a[1].count);
  const top = counts[0]![0];
  const time = (name: string, f: () => unknown): Row => {
    const t = performance.now();
    f();
    const ms = performance.now() - t;
    return { name: `${(bytes / MB).toFixed(0)} MB: ${name}`, value: Number(ms.toFixed(1)), unit: 'ms', target: '< 100', ok: ms < 100 };
  };
  rows.push(time("symbols('普京') (first call after indexing)", () => index.symbols('普京')));
  rows.push(time("symbols('俄') again", () => index.symbols('俄')));
  rows.push(time('hover card of Russia: entityStats + cooccurring(5)', () => (index.entityStats('country/RU'), index.cooccurring('country/RU', 5))));
  rows.push(time('the same hover card again (no document changed: cached co-occurrences)', () => (index.entityStats('country/RU'), index.cooccurring('country/RU', 5))));
  rows.push(time(`references of the most frequent entity (${top}, ${counts[0]![1].count} mentions)`, () => index.mentionsOf(top)));
  index.clear();

  const cli = path.join(__dirname, '..', 'dist', 'cli.js');
  if (!fs.existsSync(cli) || !fs.existsSync('/usr/bin/time')) {
    rows.push({ name: 'CLI peak RSS: not measured (npm run build, and /usr/bin/time, needed)', value: 0, unit: '-' });
    return rows;
  }
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'corpus-lens-bench-cli-'));
  try {
    for (const f of files()) {
      const file = path.join(dir, f.path.replace(/^\/bench\/corpus\//, ''));
      fs.mkdirSync(path.dirname(file), { recursive: true });
      fs.writeFileSync(file, f.text);
    }
    const t = performance.now();
    const run = spawnSync('/usr/bin/time', ['-v', process.execPath, cli, 'index', '--top', '5', dir], { encoding: 'utf8', maxBuffer: 1 << 30 });
    const ms = performance.now() - t;
    const rss = Number(/Maximum resident set size \(kbytes\): (\d+)/.exec(run.stderr)?.[1] ?? 0) / 1024;
    rows.push({ name: `CLI index of ${(bytes / MB).toFixed(0)} MB (${count} files): wall`, value: Math.round(ms), unit: 'ms', ok: run.status === 0 });
    rows.push({ name: `CLI index of ${(bytes / MB).toFixed(0)} MB: peak RSS`, value: Math.round(rss), unit: 'MB', target: '< 600', ok: rss > 0 && rss < 600 });
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
  return rows;
}

export async function run(): Promise<Row[]> {
  const targetMB = Number(process.env.BENCH_INDEX_MB) || 50;
  const { files, count, bytes } = corpus(targetMB * MB);
  const rows: Row[] = [];

  const fake = await measure('fake analyser', fakeAnalyse, files(), count, bytes);
  rows.push(...fake.rows, ...queries(fake.index));
  fake.index.clear();

  // The real recognisers, when the other modules exist (they are written in parallel with this one).
  let real: Analyse | undefined;
  let why = '';
  try {
    const analysis = await load<typeof import('../src/core/analysis')>('../src/core/analysis');
    const knowledge = await load<typeof import('../src/core/entities/knowledge')>('../src/core/entities/knowledge');
    const recognizer = await load<typeof import('../src/core/entities/recognizer')>('../src/core/entities/recognizer');
    const kb = knowledge.loadKnowledge([knowledge.defaultKnowledgeSource()]).value;
    const analyzer = new analysis.Analyzer(new recognizer.EntityRecognizer(kb));
    real = (_path: string, text: string): DocumentAnalysis => analysis.withoutBoilerplate(analyzer.analyse(text));
    real('probe', samples()[0]!.text);
  } catch (error) {
    real = undefined;
    why = error instanceof Error ? error.message.split('\n')[0]! : String(error);
  }
  if (real) {
    const r = await measure('real analyser (entities + dates)', real, files(), count, bytes);
    rows.push(...r.rows);
    r.index.clear();
    rows.push(...(await largeCorpus(real)));
  } else {
    rows.push({ name: `real analyser: not available (${why.slice(0, 60)})`, value: 0, unit: '-' });
  }
  return rows;
}
