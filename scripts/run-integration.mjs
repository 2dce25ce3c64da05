// Integration tests in a real VS Code, offline. Two phases, one closing line:
//   1. extension host: the @vscode/test-electron contract (extensionDevelopmentPath = the repo, extensionTestsPath =
//      out/integration/index.js, bundled from test/integration/index.ts by scripts/build.mjs), on a temp copy of
//      samples/. The mocha reporter inside the extension host writes progress.jsonl/results.json to the directory
//      in CORPUS_LENS_TEST_RESULTS; this script tails it and prints each test as it finishes.
//   2. UI checks (scripts/run-ui.mjs, test/ui/*.ui.ts): the browser drives the workbench with the extension loaded.
//
// usage: node scripts/run-integration.mjs [--host-only | --ui-only] [--grep RE] [--extension DIR]
//                                         [--vscode minimum|newest] [--timeout SECONDS] [--summary-file FILE] [--keep]
//   --grep         only tests whose full title matches RE (both phases)
//   --extension    extension folder to load (default: the repo; it must be built: `npm run build`)
//   --vscode       which code-server (scripts/vscode-server.mjs CODE_SERVER_ROUTES): `minimum` (VS Code 1.100.3,
//                  engines.vscode; the default) or `newest` (`bash scripts/install-vscode.sh --newest` installs it);
//                  default: $CORPUS_LENS_CODE_SERVER, else minimum
//   --timeout      overall limit (default 900 s: the extension host suites plus 13 UI checks on a shared machine); on timeout the run fails
//   --summary-file write {"passed","failed","skipped"} as JSON (default: $CORPUS_LENS_SUMMARY_FILE; test.sh adds them up)
//   --keep         keep the temp workspace, user-data and logs (their path is printed)
// Env: CORPUS_LENS_VSCODE=electron runs phase 1 in a downloaded desktop VS Code through @vscode/test-electron
//      (a devDependency; it needs network to download VS Code and
//      a display, e.g. `xvfb-run -a`); phase 2 always uses code-server. CORPUS_LENS_VSCODE_CACHE: see install-vscode.sh.
// Exit code: 0 when everything passed, 1 on any failure or timeout, 2 on bad usage.
// Artifacts on failure: test-artifacts/integration/ (screenshot, code-server, browser and extension host logs),
// test-artifacts/ui/ (a screenshot per check step).
import { cpSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync, openSync, readSync, closeSync, statSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { clearInterval, setInterval } from 'node:timers';
import { setTimeout as sleep } from 'node:timers/promises';
import { parseArgs } from 'node:util';
import { ARTIFACTS, REPO, codeServerRoute, copySamples, describeRoute, makeTempDir, openWorkbench, removeOnExit, saveScreenshot, startCodeServer } from './vscode-server.mjs';
import { runUiChecks } from './run-ui.mjs';

/**
 * The extension-host workspace starts with an alias bomb as its workspace knowledge file: the extension must
 * activate with it (test/integration/hostile.test.ts checks that, then removes the file for the other suites).
 */
function withHostileKnowledge(folder) {
  mkdirSync(join(folder, '.corpus-lens'), { recursive: true });
  cpSync(join(REPO, 'test/fixtures/hostile/knowledge-bomb.yaml'), join(folder, '.corpus-lens/knowledge.yaml'));
  return folder;
}

const started = Date.now();
const elapsed = () => `${((Date.now() - started) / 1000).toFixed(1)} s`;
const say = (line) => console.log(`[integration] ${line}`);

/** Prints progress.jsonl events as they are appended. Returns { poll(), stop() }. */
function tailProgress(file, onEvent) {
  let offset = 0;
  let partial = '';
  const poll = () => {
    if (!existsSync(file)) return;
    const size = statSync(file).size;
    if (size < offset) offset = 0; // truncated by a new run
    if (size === offset) return;
    const fd = openSync(file, 'r');
    try {
      const buffer = Buffer.alloc(size - offset);
      readSync(fd, buffer, 0, buffer.length, offset);
      offset = size;
      partial += buffer.toString('utf8');
    } finally {
      closeSync(fd);
    }
    const lines = partial.split('\n');
    partial = lines.pop() ?? '';
    for (const line of lines) {
      if (!line.trim()) continue;
      try {
        onEvent(JSON.parse(line));
      } catch {
        console.log(`  ? ${line}`);
      }
    }
  };
  const timer = setInterval(poll, 250);
  return { poll, stop: () => { clearInterval(timer); poll(); } };
}

function printTestEvent(event) {
  const ms = event.duration !== undefined ? ` (${event.duration} ms)` : '';
  const title = event.fullTitle ?? event.title;
  if (event.event === 'start') say(`extension host: ${event.total} test(s) (${elapsed()})`);
  else if (event.event === 'pass') console.log(`  ✓ ${title}${ms}`);
  else if (event.event === 'pending') console.log(`  - ${title} (skipped)`);
  else if (event.event === 'retry') {
    console.log(`  ↻ ${title}${ms}: failed, running it again`);
    const detail = event.error?.stack ?? event.error?.message ?? 'no error detail';
    console.log(detail.split('\n').slice(0, 6).map((l) => `      ${l}`).join('\n'));
  }
  else if (event.event === 'fail') {
    console.log(`  ✗ ${title}${ms}`);
    const detail = event.error?.stack ?? event.error?.message ?? 'no error detail';
    console.log(detail.split('\n').slice(0, 12).map((l) => `      ${l}`).join('\n'));
    // node:assert messages carry their own diff; print expected/actual for other assertion libraries
    if (event.error?.expected !== undefined && !/[-+] expected/.test(event.error.message ?? '')) {
      console.log(`      expected: ${event.error.expected.split('\n').join('\n                ')}`);
      console.log(`      actual:   ${event.error.actual?.split('\n').join('\n                ')}`);
    }
  }
}

function readResults(dir) {
  const path = join(dir, 'results.json');
  if (!existsSync(path)) return undefined;
  return JSON.parse(readFileSync(path, 'utf8'));
}

function checkBuilt(extensionPath, needTests) {
  const manifest = JSON.parse(readFileSync(join(extensionPath, 'package.json'), 'utf8'));
  const missing = [manifest.main, manifest.browser, needTests ? 'out/integration/index.js' : undefined]
    .filter(Boolean)
    .map((p) => join(extensionPath, p))
    .filter((p) => !existsSync(p) && !existsSync(`${p}.js`));
  if (missing.length) throw new Error(`not built: ${missing.join(', ')} missing; run \`npm run build\` first`);
}

/** Phase 1 in code-server. Returns { passed, failed, skipped }. */
async function runHostCodeServer({ server, extensionPath, folder, resultsDir, deadline, artifacts }) {
  const testsPath = join(extensionPath, 'out', 'integration', 'index.js');
  let exit;
  const exited = new Promise((resolveExit) => { exit = resolveExit; });
  const seen = { passed: 0, failed: 0, skipped: 0 }; // from the progress log, in case results.json never comes
  const hostErrors = []; // errors the extension host logged (e.g. index.js failed to load)
  const tail = tailProgress(join(resultsDir, 'progress.jsonl'), (event) => {
    if (event.event === 'pass') seen.passed += 1;
    else if (event.event === 'fail') seen.failed += 1;
    else if (event.event === 'pending') seen.skipped += 1;
    printTestEvent(event);
  });
  const wb = await openWorkbench(server, {
    folder, extensionDevelopmentPath: extensionPath, extensionTestsPath: testsPath,
    onExit: (code) => exit(Number(code)), consoleLog: join(artifacts, 'browser-console.log'),
    onConsoleError: (text) => { if (/\bERR\b/.test(text)) hostErrors.push(text.replace(/%c\s*ERR color: #\w+\s*/, '')); },
  });
  say(`workbench loaded (${elapsed()}); waiting for the extension host tests`);
  let code;
  try {
    const startDeadline = Date.now() + 180_000;
    for (;;) {
      code = await Promise.race([exited, sleep(500).then(() => undefined)]);
      if (code !== undefined) break;
      if (Date.now() > deadline) { say(`TIMEOUT: the extension host tests did not finish (${elapsed()})`); break; }
      if (!existsSync(join(resultsDir, 'progress.jsonl')) && Date.now() > startDeadline) {
        say('TIMEOUT: the extension host did not start the tests within 180 s');
        break;
      }
    }
  } finally {
    tail.stop();
  }
  const results = readResults(resultsDir);
  const counts = results
    ? { passed: results.stats.passes, failed: results.stats.failures, skipped: results.stats.pending }
    : { ...seen };
  if (code === undefined) counts.failed += 1; // the test that was running when time ran out
  else if (code !== 0 && counts.failed === 0) {
    counts.failed += 1;
    say(`the extension host test run exited with code ${code} without a failing test (did index.js load? see ${artifacts})`);
    for (const text of hostErrors.slice(-3)) console.log(text.split('\n').slice(0, 8).map((l) => `      ${l}`).join('\n'));
  } else if (!results) {
    counts.failed += 1;
    say(`no results in ${resultsDir}: CORPUS_LENS_TEST_RESULTS did not reach the extension host`);
  }
  if (counts.failed > 0) {
    const shot = await saveScreenshot(wb.page, join(relative(ARTIFACTS, artifacts), 'failure.png'));
    if (shot) say(`screenshot: ${shot}`);
  }
  await wb.close();
  return counts;
}

/** Phase 1 in a desktop VS Code downloaded by @vscode/test-electron (CORPUS_LENS_VSCODE=electron). */
async function runHostElectron({ extensionPath, folder, resultsDir, root }) {
  let testElectron;
  try {
    testElectron = await import('@vscode/test-electron');
  } catch {
    throw new Error('CORPUS_LENS_VSCODE=electron needs @vscode/test-electron: `npm install --no-save @vscode/test-electron`');
  }
  const tail = tailProgress(join(resultsDir, 'progress.jsonl'), printTestEvent);
  let code = 0;
  try {
    await testElectron.runTests({
      version: process.env.CORPUS_LENS_VSCODE_VERSION || '1.100.3',
      extensionDevelopmentPath: extensionPath,
      extensionTestsPath: join(extensionPath, 'out', 'integration', 'index.js'),
      extensionTestsEnv: { CORPUS_LENS_TEST_RESULTS: resultsDir },
      launchArgs: [folder, '--disable-extensions', '--skip-welcome', '--skip-release-notes', '--disable-workspace-trust',
        `--user-data-dir=${join(root, 'electron-user-data')}`],
    });
  } catch (error) {
    say(`desktop VS Code run failed: ${error instanceof Error ? error.message : String(error)}`);
    code = 1;
  } finally {
    tail.stop();
  }
  const results = readResults(resultsDir);
  const counts = results
    ? { passed: results.stats.passes, failed: results.stats.failures, skipped: results.stats.pending }
    : { passed: 0, failed: 0, skipped: 0 };
  if (code !== 0 && counts.failed === 0) counts.failed += 1;
  return counts;
}

function saveLogs(server, root, artifacts) {
  try {
    mkdirSync(artifacts, { recursive: true });
    cpSync(server.logPath, join(artifacts, 'code-server.log'));
    const logs = join(server.userDataDir, 'logs');
    if (existsSync(logs)) cpSync(logs, join(artifacts, 'vscode-logs'), { recursive: true });
    say(`logs: ${artifacts}`);
  } catch (error) {
    say(`could not save logs from ${root}: ${error.message}`);
  }
}

async function main() {
  let options;
  try {
    ({ values: options } = parseArgs({
      options: {
        'host-only': { type: 'boolean' }, 'ui-only': { type: 'boolean' }, grep: { type: 'string' },
        extension: { type: 'string' }, vscode: { type: 'string' }, timeout: { type: 'string' }, 'summary-file': { type: 'string' }, keep: { type: 'boolean' },
      },
    }));
  } catch (error) {
    console.error(`${error.message}\nusage: node scripts/run-integration.mjs [--host-only|--ui-only] [--grep RE] [--extension DIR] [--vscode minimum|newest] [--timeout S] [--summary-file F] [--keep]`);
    return 2;
  }
  let route;
  try {
    route = codeServerRoute(options.vscode);
  } catch (error) {
    console.error(error.message);
    return 2;
  }
  const runHost = !options['ui-only'];
  const runUi = !options['host-only'];
  const extensionPath = resolve(options.extension ?? REPO);
  const deadline = started + Number(options.timeout ?? 900) * 1000;
  checkBuilt(extensionPath, runHost);

  const root = makeTempDir('corpus-lens-it-');
  if (!options.keep) removeOnExit(root);
  const resultsDir = join(root, 'results');
  const hostArtifacts = join(ARTIFACTS, route.name === 'minimum' ? 'integration' : `integration-${route.name}`);
  rmSync(hostArtifacts, { recursive: true, force: true });
  mkdirSync(resultsDir, { recursive: true });
  const env = { CORPUS_LENS_TEST_RESULTS: resultsDir };
  if (options.grep) env.CORPUS_LENS_TEST_GREP = options.grep;

  const total = { passed: 0, failed: 0, skipped: 0 };
  const add = (c) => { total.passed += c.passed; total.failed += c.failed; total.skipped += c.skipped; };
  const electron = process.env.CORPUS_LENS_VSCODE === 'electron';
  let server;
  try {
    if (runHost && electron) {
      say('phase 1: extension host tests in desktop VS Code (@vscode/test-electron)');
      add(await runHostElectron({ extensionPath, folder: withHostileKnowledge(copySamples(join(root, 'host', 'samples'))), resultsDir, root }));
    }
    if (runUi || (runHost && !electron)) {
      say(`route ${describeRoute(route)}`);
      server = await startCodeServer({ root: join(root, 'server'), env, keepTemp: true, route: route.name });
      say(`code-server ${route.codeServer} ${server.url} up (${elapsed()})`);
    }
    if (runHost && !electron) {
      say('phase 1: extension host tests');
      const counts = await runHostCodeServer({
        server, extensionPath, folder: withHostileKnowledge(copySamples(join(root, 'host', 'samples'))), resultsDir, deadline, artifacts: hostArtifacts,
      });
      say(`extension host: ${counts.passed} passed, ${counts.failed} failed, ${counts.skipped} skipped (${elapsed()})`);
      if (counts.failed > 0) saveLogs(server, root, hostArtifacts);
      add(counts);
    }
    if (runUi) {
      say('phase 2: UI checks');
      const counts = await runUiChecks({ server, extensionPath, folder: copySamples(join(root, 'ui', 'samples')), grep: options.grep, deadline });
      say(`UI: ${counts.passed} passed, ${counts.failed} failed, ${counts.skipped} skipped (${elapsed()})`);
      if (counts.failed > 0) saveLogs(server, root, join(ARTIFACTS, 'ui'));
      add(counts);
    }
  } catch (error) {
    say(`ERROR: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
    if (server) saveLogs(server, root, hostArtifacts);
    total.failed += 1;
  } finally {
    if (server) await server.stop();
    if (options.keep) say(`kept ${root}`);
    else rmSync(root, { recursive: true, force: true, maxRetries: 3 });
  }
  if (Date.now() > deadline) say(`overall timeout of ${options.timeout ?? 900} s exceeded`);
  const summaryFile = options['summary-file'] ?? process.env.CORPUS_LENS_SUMMARY_FILE;
  if (summaryFile) writeFileSync(summaryFile, JSON.stringify(total));
  say(`done in ${elapsed()}`);
  console.log(`${total.passed} passed, ${total.failed} failed, ${total.skipped} skipped`);
  return total.failed > 0 || (total.passed === 0 && total.skipped === 0) ? 1 : 0;
}

process.exit(await main());
