// Installs the packaged extension (.vsix) into a fresh code-server extensions folder with `--install-extension`
// and runs the smoke checks of test/smoke/*.ui.ts against the INSTALLED copy: the workbench is opened on a copy of
// samples/ without extensionDevelopmentPath, so the repo's sources play no part.
//
// usage: node scripts/smoke-vsix.mjs [FILE.vsix] [--keep]   (default: corpus-lens-<version>.vsix of `npm run package`)
// Prints one line per check and "N passed, N failed, N skipped"; writes that to --summary-file F as JSON.
// Exit code: 0 when every check passed, 1 otherwise, 2 on bad usage.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync, readdirSync, writeFileSync, mkdirSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join, resolve } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { parseArgs } from 'node:util';
import {
  ARTIFACTS, REPO, codeServerEntry, codeServerNode, copySamples, makeTempDir, openWorkbench, removeOnExit, saveScreenshot, startCodeServer,
} from './vscode-server.mjs';

const say = (line) => console.log(`[vsix] ${line}`);

let options;
try {
  options = parseArgs({ allowPositionals: true, options: { keep: { type: 'boolean' }, 'summary-file': { type: 'string' } } });
} catch (error) {
  console.error(`${error.message}\nusage: node scripts/smoke-vsix.mjs [FILE.vsix] [--keep] [--summary-file F]`);
  process.exit(2);
}
const manifest = JSON.parse(readFileSync(join(REPO, 'package.json'), 'utf8'));
const id = `${manifest.publisher}.${manifest.name}`.toLowerCase();
const vsix = resolve(options.positionals[0] ?? join(REPO, `${manifest.name}-${manifest.version}.vsix`));
if (!existsSync(vsix)) {
  console.error(`${vsix} not found: run \`npm run package\` first`);
  process.exit(2);
}

const root = makeTempDir('corpus-lens-vsix-');
if (!options.values.keep) removeOnExit(root);
const serverRoot = join(root, 'server');
const extensionsDir = join(serverRoot, 'extensions'); // the folder startCodeServer passes as --extensions-dir
mkdirSync(extensionsDir, { recursive: true });
const counts = { passed: 0, failed: 0, skipped: 0 };

function install() {
  const entry = codeServerEntry();
  const args = [entry, '--extensions-dir', extensionsDir, '--user-data-dir', join(root, 'install-user-data'), '--install-extension', vsix];
  const result = spawnSync(codeServerNode(), args, { encoding: 'utf8', timeout: 180_000, env: { ...process.env, EXTENSIONS_GALLERY: '{}' } });
  const output = `${result.stdout ?? ''}${result.stderr ?? ''}`.trim();
  if (result.status !== 0) throw new Error(`code-server --install-extension failed (${result.status ?? result.signal}):\n${output}`);
  const installed = readdirSync(extensionsDir).find((d) => d.toLowerCase().startsWith(`${id}-`));
  if (!installed) throw new Error(`${id} is not in ${extensionsDir} after --install-extension:\n${output}`);
  const dir = join(extensionsDir, installed);
  // what a user gets: the bundles, not the sources
  // (vsce stores README.md and CHANGELOG.md as readme.md / changelog.md)
  const top = new Map(readdirSync(dir).map((f) => [f.toLowerCase(), f]));
  const present = (file) => existsSync(join(dir, file)) || (!file.includes('/') && top.has(file.toLowerCase()));
  for (const file of [manifest.main, manifest.browser, 'dist/indexWorker.js', 'package.json', 'README.md', 'CHANGELOG.md', manifest.icon]) {
    if (!present(file)) throw new Error(`the installed extension lacks ${file} (${dir})`);
  }
  if (existsSync(join(dir, 'src')) || existsSync(join(dir, 'node_modules'))) throw new Error(`the installed extension contains src/ or node_modules/ (${dir})`);
  // every README image resolves inside the package
  const readme = readFileSync(join(dir, top.get('readme.md')), 'utf8');
  for (const m of readme.matchAll(/!\[[^\]]*\]\(([^)\s]+)\)/g)) {
    if (!/^https:/.test(m[1]) && !existsSync(join(dir, m[1]))) throw new Error(`README image ${m[1]} is not in the installed extension`);
  }
  say(`installed ${installed} into ${extensionsDir}`);
}

async function runChecks() {
  const { register } = await import('tsx/cjs/api');
  register();
  const require = createRequire(import.meta.url);
  const framework = require(join(REPO, 'test', 'ui', 'framework.ts'));
  const before = framework.registeredChecks().length;
  const smokeDir = join(REPO, 'test', 'smoke');
  for (const file of readdirSync(smokeDir).filter((f) => f.endsWith('.ui.ts')).sort()) require(join(smokeDir, file));
  const checks = framework.registeredChecks().slice(before);
  const artifacts = join(ARTIFACTS, 'vsix');
  rmSync(artifacts, { recursive: true, force: true });
  mkdirSync(artifacts, { recursive: true });
  const folder = copySamples(join(root, 'samples'));
  const server = await startCodeServer({ root: serverRoot, keepTemp: true });
  say(`code-server ${server.url} up, extensions from ${extensionsDir}`);
  const handle = await openWorkbench(server, { folder, consoleLog: join(artifacts, 'browser-console.log') });
  const wb = new framework.Workbench(handle.page, folder, artifacts);
  try {
    await wb.waitUntilReady();
    await sleep(1000);
    for (const check of checks) {
      const t0 = Date.now();
      wb.beginCheck(check.name);
      let timer;
      try {
        await wb.reset();
        await Promise.race([
          check.run(wb),
          new Promise((_, reject) => { timer = setTimeout(() => reject(new Error(`check timed out after ${check.timeoutMs / 1000} s`)), check.timeoutMs); }),
        ]);
        counts.passed += 1;
        console.log(`  ✓ vsix › ${check.name} (${Date.now() - t0} ms)`);
      } catch (error) {
        counts.failed += 1;
        console.log(`  ✗ vsix › ${check.name} (${Date.now() - t0} ms)`);
        console.log(String(error?.stack ?? error).split('\n').slice(0, 10).map((l) => `      ${l}`).join('\n'));
        const shot = await saveScreenshot(wb.page, join('vsix', `${wb.checkSlug}-FAILED.png`));
        if (shot) console.log(`      screenshot: ${shot}`);
      } finally {
        clearTimeout(timer);
      }
    }
  } finally {
    await handle.close();
    await server.stop();
  }
}

try {
  install();
  await runChecks();
} catch (error) {
  say(`ERROR: ${error instanceof Error ? error.message : String(error)}`);
  counts.failed += 1;
} finally {
  if (options.values.keep) say(`kept ${root}`);
  else rmSync(root, { recursive: true, force: true, maxRetries: 3 });
}
if (options.values['summary-file']) writeFileSync(options.values['summary-file'], JSON.stringify(counts));
console.log(`${counts.passed} passed, ${counts.failed} failed, ${counts.skipped} skipped`);
process.exit(counts.failed > 0 || counts.passed === 0 ? 1 : 0);
