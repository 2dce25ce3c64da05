// Opens the sample corpus (samples/) in VS Code with the extension loaded from this repo (`npm run sample`).
//
//   node scripts/open-samples.mjs                 desktop `code` on PATH: `code --extensionDevelopmentPath=<repo> <repo>/samples`;
//                                                 otherwise code-server: prints the URL to open, runs until Ctrl+C
//   node scripts/open-samples.mjs --web [--port 8080]   always code-server (fixed port e.g. for `ssh -L 8080:127.0.0.1:8080`)
//   node scripts/open-samples.mjs --screenshot out.png [--file 001_] [--hover 普京] [--wait 4000] [--size 1400x900]
//                                                 headless: open the workbench, optionally a file (Quick Open) and a hover,
//                                                 wait for the extension, save a screenshot, stop
// The extension must be built (`npm run sample` builds first). code-server comes from scripts/install-vscode.sh.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { parseArgs } from 'node:util';
import { loadUiFramework } from './run-ui.mjs';
import { REPO, launchBrowser, startCodeServer, workbenchUrl } from './vscode-server.mjs';

const usage =
  'usage: node scripts/open-samples.mjs [--web] [--port N] [--folder DIR] [--extension DIR] [--screenshot OUT.png [--file NAME] [--hover TEXT] [--wait MS] [--size WxH]]';

function desktopCode() {
  const found = spawnSync('sh', ['-c', 'command -v code'], { encoding: 'utf8' });
  return found.status === 0 ? found.stdout.trim() : undefined;
}

async function screenshot(server, folder, extensionPath, options) {
  const [width, height] = (options.size ?? '1400x900').split('x').map(Number);
  if (!width || !height) throw new Error(`--size must look like 1400x900, not ${options.size}`);
  const out = resolve(options.screenshot);
  mkdirSync(dirname(out), { recursive: true });
  const { Workbench } = await loadUiFramework();
  const browser = await launchBrowser({ viewport: { width, height } });
  try {
    await browser.page.goto(workbenchUrl(server, { folder, extensionDevelopmentPath: extensionPath }), { waitUntil: 'domcontentloaded' });
    const wb = new Workbench(browser.page, folder, dirname(out));
    await wb.waitUntilReady();
    if (options.file) await wb.openFile(options.file);
    await sleep(Number(options.wait ?? 4000)); // activation, indexing, decorations
    if (options.hover) await wb.hoverText(options.hover);
    await browser.page.screenshot({ path: out });
    console.log(`[sample] screenshot: ${out}`);
  } finally {
    await browser.close();
  }
}

async function main() {
  let options;
  try {
    ({ values: options } = parseArgs({
      options: {
        web: { type: 'boolean' }, extension: { type: 'string' }, port: { type: 'string' }, folder: { type: 'string' }, screenshot: { type: 'string' },
        file: { type: 'string' }, hover: { type: 'string' }, wait: { type: 'string' }, size: { type: 'string' }, help: { type: 'boolean', short: 'h' },
      },
    }));
  } catch (error) {
    console.error(`${error.message}\n${usage}`);
    return 2;
  }
  if (options.help) {
    console.log(usage);
    return 0;
  }
  const folder = resolve(options.folder ?? join(REPO, 'samples'));
  if (!existsSync(folder)) throw new Error(`folder not found: ${folder}`);
  const extensionPath = resolve(options.extension ?? REPO);
  if (!existsSync(join(extensionPath, 'dist', 'extension.js'))) throw new Error(`${join(extensionPath, 'dist', 'extension.js')} missing: run \`npm run build\` (or \`npm run sample\`)`);

  const code = !options.web && !options.screenshot ? desktopCode() : undefined;
  if (code) {
    console.log(`[sample] ${code} --extensionDevelopmentPath=${extensionPath} ${folder}`);
    const child = spawn(code, [`--extensionDevelopmentPath=${extensionPath}`, folder], { stdio: 'inherit' });
    return new Promise((resolveExit) => child.on('exit', (status) => resolveExit(status ?? 0)));
  }

  const server = await startCodeServer({ folder, port: options.port ? Number(options.port) : 0 });
  try {
    if (options.screenshot) {
      await screenshot(server, folder, extensionPath, options);
      return 0;
    }
    console.log(`[sample] VS Code (code-server) with Corpus Lens loaded from ${extensionPath}, on ${folder}`);
    console.log(`[sample] open in a browser: ${workbenchUrl(server, { folder, extensionDevelopmentPath: extensionPath })}`);
    console.log('[sample] Ctrl+C stops it.');
    const { code, signal } = await server.exited; // Ctrl+C: vscode-server.mjs stops the server and exits
    console.error(`[sample] code-server exited (${signal ?? code}); log: ${server.logPath}`);
    return 1;
  } finally {
    await server.stop();
  }
}

process.exit(await main());
