// The two VS Code routes of the extension-host suites (scripts/vscode-server.mjs CODE_SERVER_ROUTES) agree with what
// scripts/install-vscode.sh installs, and the minimum route is the manifest's engines.vscode.
import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

const ROOT = join(__dirname, '..', '..');

interface Route {
  name: string;
  codeServer: string;
  vscode: string;
  node: string | undefined;
  args: string[];
}

function routes(): Record<'minimum' | 'newest', Route> {
  const url = pathToFileURL(join(ROOT, 'scripts', 'vscode-server.mjs')).href;
  const out = execFileSync(process.execPath, ['--input-type=module', '-e', `const m = await import(${JSON.stringify(url)}); console.log(JSON.stringify(m.CODE_SERVER_ROUTES));`], { encoding: 'utf8' });
  return JSON.parse(out) as Record<'minimum' | 'newest', Route>;
}

function shellVar(name: string): string {
  const script = readFileSync(join(ROOT, 'scripts', 'install-vscode.sh'), 'utf8');
  const m = new RegExp(`^${name}=(\\S+)$`, 'm').exec(script);
  assert.ok(m, `${name}= not found in scripts/install-vscode.sh`);
  return m[1]!;
}

describe('VS Code routes of the extension-host suites', () => {
  const r = routes();

  it('install-vscode.sh installs the versions the runner starts', () => {
    assert.equal(shellVar('CODE_SERVER_VERSION'), r.minimum.codeServer);
    assert.equal(shellVar('NEWEST_CODE_SERVER'), r.newest.codeServer);
    assert.equal(shellVar('NEWEST_NODE'), r.newest.node);
    assert.equal(r.minimum.node, undefined, 'the minimum route runs on the system node');
  });

  it("the minimum route is package.json's engines.vscode, the newest is newer", () => {
    const manifest = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { engines: { vscode: string } };
    const floor = /^\^(\d+)\.(\d+)\./.exec(manifest.engines.vscode);
    assert.ok(floor, manifest.engines.vscode);
    const [major, minor] = r.minimum.vscode.split('.').map(Number);
    assert.deepEqual([major, minor], [Number(floor[1]), Number(floor[2])]);
    const newest = r.newest.vscode.split('.').map(Number);
    assert.ok(newest[0]! > major! || (newest[0] === major && newest[1]! > minor!), `${r.newest.vscode} is not newer than ${r.minimum.vscode}`);
    // code-server 4.x.y ships VS Code 1.x.y
    for (const route of [r.minimum, r.newest]) assert.equal(route.codeServer.replace(/^4\./, '1.'), route.vscode);
  });
});
