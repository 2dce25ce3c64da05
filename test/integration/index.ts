// Entry point of the extension-host test run (the @vscode/test-electron contract: `run(): Promise<void>`).
// scripts/build.mjs bundles this file, and with it every suite imported below, into out/integration/index.js
// (vscode and mocha stay external). To add a suite: write test/integration/<area>.test.ts and import it here.
//
// When CORPUS_LENS_TEST_RESULTS names a directory (scripts/run-integration.mjs sets it; the extension host
// inherits it from code-server), the reporter writes there:
//   progress.jsonl  one JSON object per line as the run goes: {event:'start'|'pass'|'fail'|'pending'|'end', ...}
//   results.json    { stats: {tests, passes, failures, pending, duration}, tests: [{fullTitle, state, duration, error?}] }
// It also prints mocha's spec output to the extension host console (the Debug Console in desktop VS Code).
import { appendFileSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Mocha from 'mocha';

// The suites. Each `import()` has a literal path, so esbuild bundles the file in (there is no glob step at run
// time); they are loaded inside run(), after mocha has installed describe/it. Add yours here.
const suites: Array<[file: string, load: () => Promise<unknown>]> = [
  ['smoke.test.ts', () => import('./smoke.test')],
  ['hostile.test.ts', () => import('./hostile.test')],
  ['annotate.test.ts', () => import('./annotate.test')],
  ['review.test.ts', () => import('./review.test')],
  ['features.test.ts', () => import('./features.test')],
  ['storage.test.ts', () => import('./storage.test')],
  ['protect.test.ts', () => import('./protect.test')],
  ['team.test.ts', () => import('./team.test')],
  ['corpus.test.ts', () => import('./corpus.test')],
  ['codes.test.ts', () => import('./codes.test')],
  ['autocode.test.ts', () => import('./autocode.test')],
  ['presets.test.ts', () => import('./presets.test')],
  ['visualize.test.ts', () => import('./visualize.test')],
  ['l10n.test.ts', () => import('./l10n.test')],
];

interface TestRecord {
  title: string;
  fullTitle: string;
  file?: string;
  state: 'passed' | 'failed' | 'pending';
  duration?: number;
  error?: { message: string; stack?: string; expected?: string; actual?: string };
}

function errorRecord(err: unknown): NonNullable<TestRecord['error']> {
  if (err instanceof Error) {
    const e = err as Error & { expected?: unknown; actual?: unknown; showDiff?: boolean };
    const record: NonNullable<TestRecord['error']> = { message: e.message, stack: e.stack };
    if (e.showDiff !== false && 'expected' in e && 'actual' in e) {
      // mocha's base reporter has usually stringified them already (for its diff)
      const text = (value: unknown) => (typeof value === 'string' ? value : (JSON.stringify(value, null, 2) ?? String(value)));
      record.expected = text(e.expected).slice(0, 4000);
      record.actual = text(e.actual).slice(0, 4000);
    }
    return record;
  }
  return { message: String(err) };
}

/** Spec output on the console plus progress/results files for the out-of-process runner. */
class FileReporter extends Mocha.reporters.Spec {
  constructor(runner: Mocha.Runner, options: Mocha.MochaOptions) {
    super(runner, options);
    const dir = process.env.CORPUS_LENS_TEST_RESULTS;
    if (!dir) return;
    mkdirSync(dir, { recursive: true });
    const progress = join(dir, 'progress.jsonl');
    writeFileSync(progress, '');
    const emit = (event: object) => appendFileSync(progress, JSON.stringify(event) + '\n');
    const records: TestRecord[] = [];
    const started = Date.now();
    const record = (test: Mocha.Test | Mocha.Hook, state: TestRecord['state'], err?: unknown) => {
      const entry: TestRecord = { title: test.title, fullTitle: test.fullTitle(), file: test.file, state, duration: test.duration };
      if (err !== undefined) entry.error = errorRecord(err);
      records.push(entry);
      emit({ event: state === 'passed' ? 'pass' : state === 'failed' ? 'fail' : 'pending', ...entry });
    };
    const { EVENT_RUN_BEGIN, EVENT_RUN_END, EVENT_TEST_PASS, EVENT_TEST_FAIL, EVENT_TEST_PENDING, EVENT_TEST_RETRY } = Mocha.Runner.constants;
    runner.once(EVENT_RUN_BEGIN, () => emit({ event: 'start', total: runner.total }));
    // A failed attempt that mocha runs again (CORPUS_LENS_TEST_RETRIES): printed, so a flaky test stays visible.
    runner.on(EVENT_TEST_RETRY, (test: Mocha.Test, err: unknown) => emit({ event: 'retry', title: test.title, fullTitle: test.fullTitle(), duration: test.duration, error: errorRecord(err) }));
    runner.on(EVENT_TEST_PASS, (test) => record(test, 'passed'));
    runner.on(EVENT_TEST_FAIL, (test, err) => record(test, 'failed', err));
    runner.on(EVENT_TEST_PENDING, (test) => record(test, 'pending'));
    runner.once(EVENT_RUN_END, () => {
      const stats = {
        tests: records.length,
        passes: records.filter((r) => r.state === 'passed').length,
        failures: records.filter((r) => r.state === 'failed').length,
        pending: records.filter((r) => r.state === 'pending').length,
        duration: Date.now() - started,
      };
      writeFileSync(join(dir, 'results.json'), JSON.stringify({ stats, tests: records }, null, 2));
      emit({ event: 'end', stats });
    });
  }
}

export async function run(): Promise<void> {
  const mocha = new Mocha({
    ui: 'bdd',
    color: false,
    timeout: Number(process.env.CORPUS_LENS_TEST_TIMEOUT ?? 30_000),
    reporter: FileReporter,
    grep: process.env.CORPUS_LENS_TEST_GREP || undefined,
    // Extra runs of a failing test (not of a failing hook): CORPUS_LENS_TEST_RETRIES, default 1 on CI, 0 elsewhere.
    retries: Number(process.env.CORPUS_LENS_TEST_RETRIES ?? (process.env.CI === 'true' ? 1 : 0)),
  });
  // What mocha.loadFiles() does for each file: `pre-require` installs describe/it/before... for this instance.
  const { EVENT_FILE_PRE_REQUIRE, EVENT_FILE_REQUIRE, EVENT_FILE_POST_REQUIRE } = Mocha.Suite.constants;
  for (const [file, load] of suites) {
    const path = join(__dirname, '..', '..', 'test', 'integration', file);
    mocha.suite.emit(EVENT_FILE_PRE_REQUIRE, globalThis, path, mocha);
    const exports = await load();
    mocha.suite.emit(EVENT_FILE_REQUIRE, exports, path, mocha);
    mocha.suite.emit(EVENT_FILE_POST_REQUIRE, globalThis, path, mocha);
  }
  return new Promise((resolve, reject) => {
    try {
      mocha.run((failures) => (failures > 0 ? reject(new Error(`${failures} test(s) failed`)) : resolve()));
    } catch (error) {
      reject(error instanceof Error ? error : new Error(String(error)));
    }
  });
}
