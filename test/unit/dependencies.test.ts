// The scripted substitute for `npm audit --omit=dev` (scripts/deps-report.mjs): licences, lock integrity,
// installed versions and third-party notices of every production package. Advisories are not checked (no service).
import * as assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const ROOT = join(__dirname, '..', '..');
const SCRIPT = join(ROOT, 'scripts', 'deps-report.mjs');
interface Row { name: string; version: string; license: string; path: string; problems: string[] }

describe('dependencies: production packages (npm audit substitute)', () => {
  it('every production package has an allowed licence, a locked sha512, the locked version installed and a notice', () => {
    const rows = JSON.parse(execFileSync(process.execPath, [SCRIPT, '--json'], { encoding: 'utf8' })) as Row[];
    const lock = JSON.parse(readFileSync(join(ROOT, 'package-lock.json'), 'utf8')) as { packages: Record<string, { dev?: boolean }> };
    const prod = Object.entries(lock.packages).filter(([k, v]) => k && !v.dev).length;
    assert.equal(rows.length, prod);
    for (const dep of Object.keys((JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { dependencies: Record<string, string> }).dependencies)) {
      assert.ok(rows.some((r) => r.name === dep), `${dep} is listed`);
    }
    assert.deepEqual(rows.filter((r) => r.problems.length).map((r) => `${r.name}: ${r.problems.join('; ')}`), []);
  });

  it('--check fails on a licence outside the list and on a package missing from the notices', () => {
    const dir = mkdtempSync(join(tmpdir(), 'cl-deps-'));
    try {
      const lock = JSON.parse(readFileSync(join(ROOT, 'package-lock.json'), 'utf8')) as { packages: Record<string, { license?: string }> };
      lock.packages['node_modules/zod']!.license = 'GPL-3.0-only';
      writeFileSync(join(dir, 'package-lock.json'), JSON.stringify(lock));
      writeFileSync(join(dir, 'ThirdPartyNotices.txt'), readFileSync(join(ROOT, 'ThirdPartyNotices.txt'), 'utf8').replace('cytoscape (MIT)', 'a graph library'));
      mkdirs(dir);
      const r = spawnSync(process.execPath, ['-e', `import(${JSON.stringify(SCRIPT)}).then((m) => console.log(JSON.stringify(m.productionDependencies(${JSON.stringify(dir)}))))`], { encoding: 'utf8' });
      const rows = JSON.parse(r.stdout) as Row[];
      assert.match(rows.find((x) => x.name === 'zod')!.problems.join(), /licence GPL-3.0-only is not in the allowed list/);
      assert.match(rows.find((x) => x.name === 'cytoscape')!.problems.join(), /not named in ThirdPartyNotices/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

/** The installed manifests, so that only the changed lock and notices differ. */
function mkdirs(dir: string): void {
  cpSync(join(ROOT, 'node_modules', 'zod', 'package.json'), join(dir, 'node_modules', 'zod', 'package.json'));
  cpSync(join(ROOT, 'node_modules', 'cytoscape', 'package.json'), join(dir, 'node_modules', 'cytoscape', 'package.json'));
}
