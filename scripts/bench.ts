/**
 * npm run bench: runs every bench/*.bench.ts in turn (one process, gc between) and prints one table.
 * Each module exports run(): Promise<Array<{name, value, unit, target?, ok?}>>. Exits 1 if a target is missed.
 * Results are also written to bench-results.json. `npm run bench -- entities dates` runs a subset.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { BenchRow } from '../bench/row';


async function main(): Promise<number> {
  const dir = path.join(__dirname, '..', 'bench');
  const only = process.argv.slice(2);
  const files = fs
    .readdirSync(dir)
    .filter((f) => f.endsWith('.bench.ts'))
    .filter((f) => only.length === 0 || only.some((o) => f.startsWith(o)))
    .sort();
  const all: Array<BenchRow & { suite: string }> = [];
  for (const file of files) {
    const suite = file.replace(/\.bench\.ts$/, '');
    process.stdout.write(`\n## ${suite}\n`);
    (globalThis as { gc?: () => void }).gc?.();
    const started = Date.now();
    // require, not import(): under tsx/cjs a native import() would bypass the TypeScript hooks.
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const mod = require(path.join(dir, file)) as { run: () => Promise<BenchRow[]> };
    const rows = await mod.run();
    for (const row of rows) {
      all.push({ suite, ...row });
      const verdict = row.ok === undefined ? '' : row.ok ? '  PASS' : '  FAIL';
      process.stdout.write(`  ${row.name.padEnd(58)} ${formatValue(row.value).padStart(12)} ${row.unit.padEnd(8)} ${row.target ? `(target ${row.target})` : ''}${verdict}\n`);
    }
    process.stdout.write(`  (${((Date.now() - started) / 1000).toFixed(1)} s)\n`);
  }
  fs.writeFileSync(path.join(__dirname, '..', 'bench-results.json'), `${JSON.stringify({ date: new Date().toISOString(), node: process.version, rows: all }, null, 2)}\n`);
  const failed = all.filter((r) => r.ok === false);
  process.stdout.write(`\n${all.filter((r) => r.ok === true).length} targets met, ${failed.length} missed${failed.length ? `: ${failed.map((f) => `${f.suite}/${f.name}`).join(', ')}` : ''}\n`);
  return failed.length ? 1 : 0;
}

function formatValue(v: number): string {
  return Math.abs(v) >= 100 ? v.toFixed(0) : Math.abs(v) >= 1 ? v.toFixed(2) : v.toPrecision(3);
}

main().then(
  (code) => (process.exitCode = code),
  (error: unknown) => {
    console.error(error);
    process.exitCode = 1;
  },
);
