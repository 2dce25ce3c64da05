// The extension bundle's load (dist/extension.js: V8 compiles it, then its module initialisation runs), as the Node
// entry dist/main.js does it at activation: without a code cache (the first start of a build) and from the code
// cache that entry writes after the first activation (every later start). Each load in a fresh process (V8 keeps
// compiled scripts per process), the two kinds taking turns, medians of the same run. Needs `npm run build`.
//
// Then the bundled knowledge base made ready in a fresh process (bench/ready/child.ts, bundled as scripts/build.mjs
// bundles): with the recogniser's tables the build packed, and, taking turns with it, without them (computed at
// load, as before they were packed and as a workspace with entities of its own still does). CPU time medians: on a
// shared machine wall time mostly measures the wait for a core.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as esbuild from 'esbuild';
import type { BenchRow } from './row';

const ROOT = join(__dirname, '..');
const BUNDLE = join(ROOT, 'dist', 'extension.js');
const RUNS = 7;

// The child: a stand-in `vscode` module (module initialisation only reads its members), the bundle compiled with
// or without cached data, its initialisation run; prints the two times as JSON. With CACHE_OUT it writes the cache.
const CHILD = `
const Module = require('node:module'), vm = require('node:vm'), fs = require('node:fs'), path = require('node:path');
const proto = new Proxy({}, { get: () => stub });
const stub = new Proxy(function () {}, { get: (t, k) => (k === '__esModule' ? false : k === 'then' || typeof k === 'symbol' ? undefined : stub), apply: () => stub, construct: () => stub, getPrototypeOf: () => proto });
const load = Module._load;
Module._load = function (request, ...rest) { return request === 'vscode' ? stub : load.call(this, request, ...rest); };
const file = process.env.BUNDLE, cacheIn = process.env.CACHE_IN, cacheOut = process.env.CACHE_OUT;
const source = fs.readFileSync(file, 'utf8');
const cachedData = cacheIn ? fs.readFileSync(cacheIn) : undefined;
let t = process.hrtime.bigint();
const script = new vm.Script(Module.wrap(source), { filename: file, ...(cachedData ? { cachedData } : {}) });
const compileMs = Number(process.hrtime.bigint() - t) / 1e6;
const mod = new Module(file, module); mod.filename = file; mod.paths = Module._nodeModulePaths(path.dirname(file));
t = process.hrtime.bigint();
script.runInThisContext().call(mod.exports, mod.exports, (id) => mod.require(id), mod, file, path.dirname(file));
const initMs = Number(process.hrtime.bigint() - t) / 1e6;
if (cacheOut) fs.writeFileSync(cacheOut, script.createCachedData());
process.stdout.write(JSON.stringify({ compileMs, initMs, rejected: script.cachedDataRejected ?? null }));
`;

interface Load {
  compileMs: number;
  initMs: number;
  rejected: boolean | null;
}

function child(env: Record<string, string>): Load {
  const r = spawnSync(process.execPath, ['-e', CHILD], { env: { ...process.env, BUNDLE, ...env }, encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`bundle load failed: ${r.stderr.slice(0, 500)}`);
  return JSON.parse(r.stdout) as Load;
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

interface Ready {
  steps: Record<'source' | 'load' | 'recognizer' | 'quick' | 'hover' | 'all', { cpu: number; wall: number }>;
  entities: number;
  mentions: number;
}

/** The ready rows: the child bundled twice over (with the packed tables, and with a data folder without them). */
async function readyRows(dir: string): Promise<BenchRow[]> {
  const data = join(ROOT, 'dist', 'data');
  const tables = 'knowledge.tables.bin';
  if (!existsSync(join(data, tables))) throw new Error(`${join(data, tables)} missing: run npm run build first`);
  const { lazyDataPlugin, tablesPlugin } = (await import(join(ROOT, 'scripts', 'bundle-data.mjs'))) as { lazyDataPlugin: () => esbuild.Plugin; tablesPlugin: (p: string) => esbuild.Plugin };
  const bundles: Record<'packed' | 'computed', string> = { packed: join(dir, 'packed', 'ready.js'), computed: join(dir, 'computed', 'ready.js') };
  for (const [kind, file] of Object.entries(bundles)) {
    const folder = join(file, '..', 'data');
    mkdirSync(folder, { recursive: true });
    for (const f of readdirSync(data)) if (kind === 'packed' || f !== tables) symlinkSync(join(data, f), join(folder, f));
    await esbuild.build({
      entryPoints: [join(__dirname, 'ready', 'child.ts')],
      outfile: file,
      bundle: true,
      platform: 'node',
      format: 'cjs',
      target: 'node20',
      logLevel: 'warning',
      loader: { '.yaml': 'text', '.jsonl': 'text', '.b64': 'text' },
      define: { __CORPUS_LENS_BUILD__: '"bench"' },
      plugins: [lazyDataPlugin(), tablesPlugin('node')],
    });
  }
  const doc = join(ROOT, 'samples', readdirSync(join(ROOT, 'samples')).filter((f) => f.endsWith('.txt')).sort()[0]!);
  const once = (file: string): Ready => {
    const r = spawnSync(process.execPath, [file], { env: { ...process.env, DOC: doc }, encoding: 'utf8' });
    if (r.status !== 0) throw new Error(`ready child failed: ${r.stderr.slice(0, 500)}`);
    return JSON.parse(r.stdout) as Ready;
  };
  const runs: Record<'packed' | 'computed', Ready[]> = { packed: [], computed: [] };
  for (let i = 0; i < RUNS; i++) {
    runs.packed.push(once(bundles.packed));
    runs.computed.push(once(bundles.computed));
  }
  const cpu = (kind: 'packed' | 'computed', pick: (s: Ready['steps']) => number) => median(runs[kind].map((r) => pick(r.steps)));
  const ready = (s: Ready['steps']) => s.source.cpu + s.load.cpu + s.recognizer.cpu;
  const wall = (s: Ready['steps']) => s.source.wall + s.load.wall + s.recognizer.wall;
  const packedReady = cpu('packed', ready);
  const computedReady = cpu('computed', ready);
  const r0 = runs.packed[0]!;
  const rows: BenchRow[] = [
    { name: `ready: bundled KB (${r0.entities} entities) + recogniser, packed tables, CPU`, value: packedReady, unit: 'ms', target: '< 150', ok: packedReady < 150 },
    { name: '… wall (fresh process, loaded machine)', value: cpu('packed', wall), unit: 'ms' },
  ];
  for (const kind of ['packed', 'computed'] as const) {
    rows.push(
      { name: `ready, ${kind}: bundled source (CPU)`, value: cpu(kind, (s) => s.source.cpu), unit: 'ms' },
      { name: `ready, ${kind}: loadKnowledge (CPU)`, value: cpu(kind, (s) => s.load.cpu), unit: 'ms' },
      { name: `ready, ${kind}: recogniser (CPU)`, value: cpu(kind, (s) => s.recognizer.cpu), unit: 'ms' },
      { name: `ready, ${kind}: quick analysis, first sample (${r0.mentions} mentions, CPU)`, value: cpu(kind, (s) => s.quick.cpu), unit: 'ms' },
      { name: `ready, ${kind}: first entity by id, a hover (CPU)`, value: cpu(kind, (s) => s.hover.cpu), unit: 'ms' },
      { name: `ready, ${kind}: all entities, the index (CPU)`, value: cpu(kind, (s) => s.all.cpu), unit: 'ms' },
    );
  }
  const first = cpu('packed', (s) => ready(s) + s.quick.cpu);
  rows.push(
    { name: 'ready, computed: KB + recogniser (CPU)', value: computedReady, unit: 'ms' },
    { name: 'ready: packed / computed (same run)', value: packedReady / computedReady, unit: 'x' },
    { name: 'ready + quick analysis (first highlights, packed), CPU', value: first, unit: 'ms', target: '< 300', ok: first < 300 },
  );
  return rows;
}

export async function run(): Promise<BenchRow[]> {
  if (!existsSync(BUNDLE)) throw new Error(`${BUNDLE} missing: run npm run build first`);
  const dir = mkdtempSync(join(tmpdir(), 'corpus-lens-load-bench-'));
  try {
    const cache = join(dir, 'extension.bin');
    child({ CACHE_OUT: cache });
    const cold: Load[] = [];
    const warm: Load[] = [];
    for (let i = 0; i < RUNS; i++) {
      cold.push(child({}));
      warm.push(child({ CACHE_IN: cache }));
    }
    if (warm.some((w) => w.rejected)) throw new Error('V8 rejected the code cache');
    const total = (l: Load) => l.compileMs + l.initMs;
    const coldMs = median(cold.map(total));
    const warmMs = median(warm.map(total));
    return [
      { name: 'bundle compile, no code cache (first start of a build)', value: median(cold.map((l) => l.compileMs)), unit: 'ms' },
      { name: 'bundle module initialisation, no code cache', value: median(cold.map((l) => l.initMs)), unit: 'ms' },
      { name: 'bundle compile, from the code cache (later starts)', value: median(warm.map((l) => l.compileMs)), unit: 'ms' },
      { name: 'bundle module initialisation, from the code cache', value: median(warm.map((l) => l.initMs)), unit: 'ms' },
      { name: 'bundle load from the code cache / without (same run)', value: warmMs / coldMs, unit: 'x' },
      ...(await readyRows(dir)),
    ];
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
