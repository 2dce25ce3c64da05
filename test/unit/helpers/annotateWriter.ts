// A script writing annotations through the CLI's `annotate add` (the same store, write path and lock as the
// command line), one after the other, printing "done <id>" on stdout after each add was reported done (exit 0).
// Used by the kill -9 and two-writer loops of test/unit/storage.test.ts.
// usage: node -r ./test/register-text.cjs -r tsx/cjs annotateWriter.ts <document> <count> <label> [delayMs]
import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import { run } from '../../../src/cli/commands/annotate';

async function main(): Promise<void> {
  const [doc, countArg, label, delayArg] = process.argv.slice(2);
  if (!doc || !countArg || !label) throw new Error('usage: annotateWriter <document> <count> <label> [delayMs]');
  const length = readFileSync(doc, 'utf8').length;
  const count = Number(countArg);
  const delay = Number(delayArg ?? 0);
  for (let i = 0; i < count; i++) {
    const start = (i * 37 + label.length * 11) % (length - 8);
    const out: string[] = [];
    const err: string[] = [];
    const code = await run(['add', path.basename(doc), '--start', String(start), '--end', String(start + 6), '--claim', `${label} ${i}`, '--stance', 'neutral'], {
      stdout: (s) => void out.push(s),
      stderr: (s) => void err.push(s),
      cwd: path.dirname(doc),
    });
    if (code !== 0) {
      process.stderr.write(err.join(''));
      process.exit(code);
    }
    process.stdout.write(`done ${out.join('').trim()}\n`);
    if (delay) await new Promise((r) => setTimeout(r, Math.random() * delay));
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`${String(error instanceof Error ? error.stack : error)}\n`);
  process.exit(1);
});
