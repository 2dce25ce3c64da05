// @vscode/test-cli configuration: the extension-host suites (out/integration/all.js, bundled by `npm run build`)
// in a desktop VS Code downloaded by @vscode/test-electron. Run with `npm run test:electron`
// (scripts/test-electron.mjs: checks that VS Code can be downloaded and that there is a display first).
// The workspace is a temp copy of samples/ with the alias-bomb knowledge file that hostile.test.ts expects,
// as scripts/run-integration.mjs prepares it for the offline (code-server) route.
import { defineConfig } from '@vscode/test-cli';
import { cpSync, mkdirSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import process from 'node:process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const repo = dirname(fileURLToPath(import.meta.url));
const root = mkdtempSync(join(tmpdir(), 'corpus-lens-electron-'));
const workspace = join(root, 'samples');
cpSync(join(repo, 'samples'), workspace, { recursive: true });
mkdirSync(join(workspace, '.corpus-lens'), { recursive: true });
cpSync(join(repo, 'test/fixtures/hostile/knowledge-bomb.yaml'), join(workspace, '.corpus-lens/knowledge.yaml'));

export default defineConfig({
  label: 'extension host suites (desktop VS Code)',
  files: 'out/integration/all.js',
  version: process.env.CORPUS_LENS_VSCODE_VERSION || '1.100.3',
  extensionDevelopmentPath: repo,
  workspaceFolder: workspace,
  launchArgs: ['--disable-extensions', '--skip-welcome', '--skip-release-notes', '--disable-workspace-trust', `--user-data-dir=${join(root, 'user-data')}`],
  mocha: { ui: 'bdd', timeout: Number(process.env.CORPUS_LENS_TEST_TIMEOUT ?? 30_000), color: false },
});
