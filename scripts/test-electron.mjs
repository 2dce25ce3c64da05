// `npm run test:electron`: the extension-host suites in desktop VS Code through @vscode/test-cli +
// @vscode/test-electron (.vscode-test.mjs). That route downloads VS Code (once, into .vscode-test/) and needs a
// display: here it first checks that the download server answers and that there is a display (or xvfb-run), and
// otherwise fails at once with a message saying why and which route works offline (`npm run test:integration`).
// Extra arguments go to vscode-test (e.g. `npm run test:electron -- --grep annotate`).
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { REPO } from './vscode-server.mjs';

const say = (line) => console.log(`[test:electron] ${line}`);
const fail = (why) => {
  console.error(`[test:electron] cannot run: ${why}\n[test:electron] the offline route runs the same suites in code-server: npm run test:integration`);
  process.exit(1);
};

const cached = existsSync(join(REPO, '.vscode-test')) && readdirSync(join(REPO, '.vscode-test')).some((d) => d.startsWith('vscode-'));
if (!cached) {
  const url = 'https://update.code.visualstudio.com/api/releases/stable';
  try {
    const res = await fetch(url, { signal: globalThis.AbortSignal.timeout(8000) });
    if (!res.ok) fail(`${url} answered ${res.status}: VS Code cannot be downloaded from here`);
  } catch (error) {
    fail(`VS Code cannot be downloaded from here (${url}: ${error?.cause?.code ?? error?.message ?? error}); no copy in .vscode-test/ either`);
  }
}
const bin = join(REPO, 'node_modules', '.bin', 'vscode-test');
if (!existsSync(bin)) fail('@vscode/test-cli is not installed: run `npm ci`');
if (!existsSync(join(REPO, 'out', 'integration', 'all.js'))) fail('out/integration/all.js missing: run `npm run build`');
let command = [bin, ...process.argv.slice(2)];
if (process.platform === 'linux' && !process.env.DISPLAY && !process.env.WAYLAND_DISPLAY) {
  const xvfb = spawnSync('sh', ['-c', 'command -v xvfb-run'], { encoding: 'utf8' }).stdout.trim();
  if (!xvfb) fail('no display (DISPLAY unset) and no xvfb-run: `apt-get install xvfb`, or run it in a desktop session');
  command = [xvfb, '-a', ...command];
}
say(`desktop VS Code route: ${command.join(' ')}`);
const result = spawnSync(command[0], command.slice(1), { cwd: REPO, stdio: 'inherit' });
process.exit(result.status ?? 1);
