// UI checks: headless chromium drives the real VS Code workbench (code-server) with the extension loaded on a temp
// copy of samples/. The checks are test/ui/*.ui.ts (see test/ui/framework.ts), loaded through tsx; each is
// reported as a test; step screenshots go to test-artifacts/ui/. Checks registered with { extensionHost: 'web' }
// (test/ui/web.ui.ts) run last, in a second code-server that forces the extension into the web worker host.
//
// usage: node scripts/run-ui.mjs [--grep RE] [--extension DIR] [--keep]   (the extension must be built)
// scripts/run-integration.mjs runs these after the extension-host suites (runUiChecks below).
import { cpSync, existsSync, mkdirSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { ARTIFACTS, REPO, copySamples, makeTempDir, openWorkbench, removeOnExit, saveScreenshot, startCodeServer } from './vscode-server.mjs';

const UI_DIR = join(REPO, 'test', 'ui');

// The repo's .ts files are CommonJS to tsx (package.json has no "type": "module"): load them all through tsx's
// require hook so that the checks and this runner share one instance of framework.ts (its registry).
export async function loadUiFramework() {
  const { register } = await import('tsx/cjs/api');
  register();
  return createRequire(import.meta.url)(join(UI_DIR, 'framework.ts'));
}

async function loadChecks() {
  const { register } = await import('tsx/cjs/api');
  register();
  const require = createRequire(import.meta.url);
  const framework = require(join(UI_DIR, 'framework.ts'));
  const files = readdirSync(UI_DIR).filter((f) => f.endsWith('.ui.ts')).sort();
  for (const file of files) require(join(UI_DIR, file));
  return framework;
}

/** Extra runs of a failing check: CORPUS_LENS_UI_RETRIES, default 1 on CI (CI=true), 0 elsewhere. */
const UI_RETRIES = Number(process.env.CORPUS_LENS_UI_RETRIES ?? (process.env.CI === 'true' ? 1 : 0));

const errorText = (error) => (error instanceof Error ? (error.stack ?? error.message) : String(error));

/** Extension id (publisher.name) of the extension in `extensionPath`. */
function extensionId(extensionPath) {
  const manifest = JSON.parse(readFileSync(join(extensionPath, 'package.json'), 'utf8'));
  return `${manifest.publisher}.${manifest.name}`.toLowerCase();
}

/**
 * User settings that make the workbench run the extension in the browser's web worker extension host (its
 * "browser" entry) although code-server also offers the remote Node one: VS Code honours 'web' in
 * remote.extensionKind. (The web workbench's `extensionDevelopmentKind` payload entry does not do it in VS Code
 * 1.100: the browser environment service stores it as extensionDevelopmentLocationKind, which the extension
 * running-location tracker never reads, so the extension under development stays in the Node host.)
 */
export function webWorkerSettings(extensionPath = REPO) {
  return { 'remote.extensionKind': { [extensionId(extensionPath)]: ['web'] } };
}

/**
 * Runs the registered UI checks against `server` (from startCodeServer) on `folder`.
 * The checks registered with { extensionHost: 'web' } run afterwards in a second code-server (user settings from
 * webWorkerSettings, a fresh copy of samples/, its own browser), so the two extension hosts never share a window.
 * Prints one line per check; returns { passed, failed, skipped }.
 */
export async function runUiChecks({ server, extensionPath = REPO, folder, grep, deadline = Date.now() + 600_000 }) {
  const { registeredChecks, Workbench } = await loadChecks();
  const pattern = grep ? new RegExp(grep) : undefined;
  const all = registeredChecks();
  const checks = all.filter((c) => !pattern || pattern.test(`ui ${c.name}`));
  const counts = { passed: 0, failed: 0, skipped: all.length - checks.length };
  const artifacts = join(ARTIFACTS, 'ui');
  rmSync(artifacts, { recursive: true, force: true });
  mkdirSync(artifacts, { recursive: true });
  const add = (c) => { counts.passed += c.passed; counts.failed += c.failed; };

  const nodeChecks = checks.filter((c) => c.extensionHost !== 'web');
  const webChecks = checks.filter((c) => c.extensionHost === 'web');
  if (nodeChecks.length) {
    add(await runGroup({ Workbench, checks: nodeChecks, server, extensionPath, folder, artifacts, deadline, consoleLog: 'browser-console.log' }));
  }
  if (webChecks.length) {
    const webRoot = makeTempDir('corpus-lens-ui-web-');
    removeOnExit(webRoot);
    let webServer;
    try {
      webServer = await startCodeServer({ root: join(webRoot, 'server'), keepTemp: true, settings: webWorkerSettings(extensionPath), route: server.route.name });
      const result = await runGroup({
        Workbench, checks: webChecks, server: webServer, extensionPath, folder: copySamples(join(webRoot, 'samples')),
        artifacts, deadline, consoleLog: 'browser-console-web.log', hostLabel: 'web worker ',
      });
      add(result);
      if (result.failed > 0) {
        cpSync(webServer.logPath, join(artifacts, 'web-code-server.log'));
        const logs = join(webServer.userDataDir, 'logs');
        if (existsSync(logs)) cpSync(logs, join(artifacts, 'web-vscode-logs'), { recursive: true });
      }
    } catch (error) {
      // the second code-server did not start: every web check fails
      console.log(`  ✗ ui › web worker workbench did not start: ${errorText(error)}`);
      counts.failed += webChecks.length;
    } finally {
      await webServer?.stop();
      rmSync(webRoot, { recursive: true, force: true, maxRetries: 3 });
    }
  }
  return counts;
}

/** Opens one workbench on `server` and runs `checks` in it, in order. Returns { passed, failed }. */
async function runGroup({ Workbench, checks, server, extensionPath, folder, artifacts, deadline, consoleLog, hostLabel = '' }) {
  const counts = { passed: 0, failed: 0 };
  const wbHandle = await openWorkbench(server, { folder, extensionDevelopmentPath: extensionPath, consoleLog: join(artifacts, consoleLog) });
  const wb = new Workbench(wbHandle.page, folder, artifacts);
  let needsReload = false;
  try {
    await wb.waitUntilReady();
    // Give the extension host a moment to come up before the first check (activation is checked by the checks).
    await sleep(1000);
    for (const check of checks) {
      const title = `ui › ${check.name}`;
      if (Date.now() > deadline) {
        console.log(`  ✗ ${title} (not run: overall timeout)`);
        counts.failed += 1;
        continue;
      }
      // A check that fails is run once more in a reloaded window when retries are on (CORPUS_LENS_UI_RETRIES, 1 on
      // CI): a pass on the retry is printed as such, so a flaky check stays visible without failing the run.
      for (let attempt = 0; ; attempt++) {
        const t0 = Date.now();
        wb.beginCheck(check.name);
        let timer;
        try {
          const prepareAndRun = async () => {
            if (check.freshWindow || needsReload) {
              needsReload = true;
              await wb.page.reload({ waitUntil: 'domcontentloaded' });
              await wb.waitUntilReady();
              needsReload = false;
            } else {
              await wb.reset();
            }
            await check.run(wb);
          };
          const running = prepareAndRun();
          running.catch(() => {}); // after a timeout it may still reject: the page reload below interrupts it
          await Promise.race([
            running,
            new Promise((_, reject) => { timer = setTimeout(() => reject(new Error(`check timed out after ${check.timeoutMs / 1000} s`)), check.timeoutMs); }),
          ]);
          counts.passed += 1;
          console.log(`  ✓ ${title} (${Date.now() - t0} ms${attempt ? `; passed on retry ${attempt}, see the failure above` : ''})`);
          break;
        } catch (error) {
          needsReload = true;
          const last = attempt >= UI_RETRIES;
          if (last) counts.failed += 1;
          console.log(`  ${last ? '✗' : '↻'} ${title} (${Date.now() - t0} ms)${last ? '' : ': failed, retrying in a reloaded window'}`);
          if (wb.stepsDone.length) console.log(`      steps done: ${wb.stepsDone.join(' → ')}`);
          console.log(errorText(error).split('\n').slice(0, 12).map((l) => `      ${l}`).join('\n'));
          const shot = await saveScreenshot(wb.page, join('ui', `${wb.checkSlug}-FAILED${attempt ? `-${attempt + 1}` : ''}.png`));
          if (shot) console.log(`      screenshot: ${shot}`);
          if (last || Date.now() > deadline) {
            if (!last) counts.failed += 1;
            break;
          }
        } finally {
          clearTimeout(timer);
        }
      }
    }
  } catch (error) {
    // The workbench itself did not come up: every check fails.
    console.log(`  ✗ ui › ${hostLabel}workbench did not load: ${errorText(error)}`);
    await saveScreenshot(wb.page, join('ui', `${hostLabel ? 'web-' : ''}workbench-FAILED.png`));
    counts.failed += checks.length - counts.passed - counts.failed;
  } finally {
    await wbHandle.close();
  }
  return counts;
}

async function main() {
  const { values: options } = parseArgs({ options: { grep: { type: 'string' }, extension: { type: 'string' }, keep: { type: 'boolean' } } });
  const extensionPath = resolve(options.extension ?? REPO);
  const manifest = JSON.parse((await import('node:fs')).readFileSync(join(extensionPath, 'package.json'), 'utf8'));
  for (const entry of [manifest.main, manifest.browser].filter(Boolean)) {
    if (!existsSync(join(extensionPath, entry))) throw new Error(`${join(extensionPath, entry)} missing: run \`npm run build\``);
  }
  const root = makeTempDir('corpus-lens-ui-');
  if (!options.keep) removeOnExit(root);
  const server = await startCodeServer({ root: join(root, 'server'), keepTemp: true });
  let counts = { passed: 0, failed: 1, skipped: 0 };
  try {
    counts = await runUiChecks({ server, extensionPath, folder: copySamples(join(root, 'samples')), grep: options.grep });
  } finally {
    await server.stop();
    if (options.keep) console.log(`[ui] kept ${root}`);
    else rmSync(root, { recursive: true, force: true, maxRetries: 3 });
  }
  console.log(`${counts.passed} passed, ${counts.failed} failed, ${counts.skipped} skipped`);
  return counts.failed > 0 ? 1 : 0;
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  process.exit(await main());
}
