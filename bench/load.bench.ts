// The extension bundle's load (dist/extension.js: V8 compiles it, then its module initialisation runs), as the Node
// entry dist/main.js does it at activation: without a code cache (the first start of a build) and from the code
// cache that entry writes after the first activation (every later start). Each load in a fresh process (V8 keeps
// compiled scripts per process), the two kinds taking turns, medians of the same run. Needs `npm run build`.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
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
    ];
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
