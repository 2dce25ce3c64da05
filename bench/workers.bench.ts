// The index worker's effect on the thread that answers hovers (npm run bench -- workers; needs `npm run build`):
// one real worker (dist/indexWorker.js, as the extension starts it: bundled knowledge base, 8 MB young generation)
// analyses the sample files without a pause while this thread asks for a 5 ms "hover" 20 ms after the last one
// ended; a probe's latency is its timer's lateness plus its own 5 ms. Rounds alternate between the worker at the
// process's priority (nice 0) and at INDEX_WORKER_NICE (its own thread reniced), the order swapped every round, and
// the medians of the rounds are reported. On an idle machine with a free core the two are alike; the difference
// is what the worker takes from this thread when the cores are contended (say the machine's load with the numbers).
import { readdirSync } from 'node:fs';
import { loadavg } from 'node:os';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { INDEX_WORKER_NICE } from '../src/extension/services/threadPriority';
import type { BenchRow } from './row';

const ROOT = join(__dirname, '..');
const ROUNDS = 4;
const ROUND_MS = 6000;

const quantile = (xs: number[], q: number) => [...xs].sort((a, b) => a - b)[Math.min(xs.length - 1, Math.floor(q * xs.length))] ?? 0;
const median = (xs: number[]) => quantile(xs, 0.5);

function spin(ms: number): void {
  const end = performance.now() + ms;
  while (performance.now() < end);
}

async function round(nice: number, files: string[]): Promise<{ p50: number; p95: number; max: number; jobs: number; priority: number | null }> {
  const worker = new Worker(join(ROOT, 'dist', 'indexWorker.js'), { resourceLimits: { maxYoungGenerationSizeMb: 8 } });
  let id = 0;
  let jobs = 0;
  let stop = false;
  let priority: number | null = null;
  const send = () => worker.postMessage({ type: 'file', id: ++id, path: `f${id}`, file: files[id % files.length], maxBytes: 1e9 });
  worker.on('message', (m: { priority?: number | null; error?: string }) => {
    if ('priority' in m) return void (priority = m.priority ?? null);
    if (m.error) throw new Error(m.error);
    jobs++;
    if (!stop) send();
  });
  worker.postMessage({ type: 'init', knowledge: [{ file: '<bundled>/knowledge.compiled.jsonl', bundled: true }], topics: [], nice });
  for (let i = 0; i < 4; i++) send();
  await new Promise((r) => setTimeout(r, 1500)); // its knowledge base loads
  const latency: number[] = [];
  const end = performance.now() + ROUND_MS;
  while (performance.now() < end) {
    const t = performance.now();
    await new Promise((r) => setTimeout(r, 20));
    spin(5);
    latency.push(performance.now() - t - 20);
  }
  stop = true;
  await worker.terminate();
  return { p50: quantile(latency, 0.5), p95: quantile(latency, 0.95), max: Math.max(...latency), jobs, priority };
}

export async function run(): Promise<BenchRow[]> {
  const dir = join(ROOT, 'samples');
  const files = readdirSync(dir).filter((f) => f.endsWith('.txt')).map((f) => join(dir, f));
  const load = loadavg()[0]!;
  const by: Record<string, Array<Awaited<ReturnType<typeof round>>>> = { normal: [], low: [] };
  for (let i = 0; i < ROUNDS; i++) {
    for (const which of i % 2 ? (['low', 'normal'] as const) : (['normal', 'low'] as const)) by[which]!.push(await round(which === 'low' ? INDEX_WORKER_NICE : 0, files));
  }
  const rows: BenchRow[] = [{ name: 'machine load average (1 min) at the start / at the end', value: load, unit: `/ ${loadavg()[0]!.toFixed(1)}` }];
  for (const [which, label] of [['normal', 'nice 0'], ['low', `nice ${INDEX_WORKER_NICE} (reported ${by.low![0]?.priority ?? 'unchanged'})`]] as const) {
    const rs = by[which]!;
    rows.push(
      { name: `5 ms probe latency, median of rounds, worker at ${label}`, value: median(rs.map((r) => r.p50)), unit: 'ms' },
      { name: `  95th percentile, median of ${ROUNDS} rounds`, value: median(rs.map((r) => r.p95)), unit: 'ms' },
      { name: `  slowest of all rounds`, value: Math.max(...rs.map((r) => r.max)), unit: 'ms' },
      { name: `  worker jobs per round (median)`, value: median(rs.map((r) => r.jobs)), unit: 'files' },
    );
  }
  return rows;
}
