// What `npm run package` and the installed extension rely on: manifest fields, the .vscodeignore allow-list, the
// README images, the two lists of extension-host suites, and no download at packaging time.
import * as assert from 'node:assert/strict';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';

const ROOT = join(__dirname, '..', '..');
const manifest = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as Record<string, unknown> & {
  scripts: Record<string, string>; devDependencies: Record<string, string>; dependencies: Record<string, string>; icon: string;
};
const ignore = readFileSync(join(ROOT, '.vscodeignore'), 'utf8').split('\n').map((l) => l.trim()).filter((l) => l && !l.startsWith('#'));

/** Whether the allow-list .vscodeignore ("**" then "!pattern" lines) keeps `file` in the package. */
function packaged(file: string): boolean {
  return ignore.some((p) => {
    if (!p.startsWith('!')) return false;
    const glob = p.slice(1).replace(/[.+^${}()|[\]\\]/g, '\\$&');
    const re = new RegExp(`^${glob.split('**').map((part) => part.replace(/\*/g, '[^/]*')).join('.*')}$`);
    return re.test(file);
  });
}

describe('packaging', () => {
  it('has what vsce needs: publisher, repository, a PNG icon, LICENSE, CHANGELOG and the notices, all packaged', () => {
    assert.ok(manifest['publisher']);
    assert.ok((manifest['repository'] as { url?: string } | undefined)?.url);
    assert.match(manifest.icon, /\.png$/);
    const png = readFileSync(join(ROOT, manifest.icon));
    assert.deepEqual([...png.subarray(1, 4)], [0x50, 0x4e, 0x47]);
    for (const file of [manifest.icon, 'LICENSE', 'CHANGELOG.md', 'ThirdPartyNotices.txt', 'README.md', 'package.json']) {
      assert.ok(existsSync(join(ROOT, file)), `${file} missing`);
      assert.ok(packaged(file), `${file} is not in the .vscodeignore allow-list`);
    }
  });

  it('packages offline: vsce is a devDependency, nothing is fetched with npx', () => {
    assert.ok(manifest.devDependencies['@vscode/vsce']);
    assert.doesNotMatch(manifest.scripts['package']!, /npx/);
    assert.match(manifest.scripts['package']!, /vsce package/);
    for (const dep of ['@vscode/test-electron', '@vscode/test-cli', '@vscode/l10n-dev']) assert.ok(manifest.devDependencies[dep], dep);
    assert.equal(manifest.dependencies['chrono-node'], undefined);
  });

  it('every README image is a relative file that exists and is packaged', () => {
    const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
    const images = [...readme.matchAll(/!\[[^\]]*\]\(([^)\s]+)\)/g)].map((m) => m[1]!);
    assert.ok(images.length >= 3);
    for (const image of images) {
      assert.ok(existsSync(join(ROOT, image)), `${image} missing`);
      assert.ok(packaged(image), `${image} is not packaged`);
      assert.match(image, /\.(png|gif|jpe?g)$/, `${image}: vsce refuses SVG images in the README`);
    }
  });

  it('both extension-host entry points (index.ts for code-server, all.ts for test-cli) list every suite', () => {
    const dir = join(ROOT, 'test', 'integration');
    const suites = readdirSync(dir).filter((f) => f.endsWith('.test.ts')).sort();
    const index = readFileSync(join(dir, 'index.ts'), 'utf8');
    const all = readFileSync(join(dir, 'all.ts'), 'utf8');
    for (const suite of suites) {
      const name = suite.replace(/\.ts$/, '');
      assert.ok(index.includes(`import('./${name}')`), `${suite} is not in index.ts`);
      assert.ok(all.includes(`import './${name}';`), `${suite} is not in all.ts`);
    }
  });
});
