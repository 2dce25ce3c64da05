// Sidecar path helpers (core/annotations/paths.ts): URI strings through vscode-uri, plain paths by '/' rules.
import * as assert from 'node:assert/strict';
import { basename, dirname, join, relative } from '../../src/core/annotations/paths';
import { confinedJoin } from '../../src/core/confine';

describe('paths: URI strings through vscode-uri, plain paths', () => {
  it('join encodes as VS Code does and reads encoded and plain names alike', () => {
    assert.equal(join('file:///w/corpus', '新闻 1.txt'), 'file:///w/corpus/%E6%96%B0%E9%97%BB%201.txt');
    assert.equal(join('file:///w/corpus', '%E6%96%B0%E9%97%BB%201.txt'), 'file:///w/corpus/%E6%96%B0%E9%97%BB%201.txt');
    assert.equal(join('file:///w/corpus/', './news/', 'a.txt'), 'file:///w/corpus/news/a.txt');
    assert.equal(join('vscode-vfs://github/owner/repo', 'x/../y.txt'), 'vscode-vfs://github/owner/repo/y.txt');
    assert.equal(join('file:///c%3A/w', 'a\\b.txt'), 'file:///c%3A/w/a/b.txt');
    assert.equal(join('/w/corpus', '../x', 'y.txt'), '/w/x/y.txt');
  });

  it('relative between URIs is a plain path; other schemes or authorities are left as they are', () => {
    assert.equal(relative('file:///w/corpus', 'file:///w/corpus/news/%E6%96%B0%E9%97%BB%201.txt'), 'news/新闻 1.txt');
    assert.equal(relative('file:///w/corpus/a', 'file:///w/corpus/b/c.txt'), '../b/c.txt');
    assert.equal(relative('file:///w', 'vscode-vfs://x/w/c.txt'), 'vscode-vfs://x/w/c.txt');
    assert.equal(relative('vscode-vfs://a/w', 'vscode-vfs://b/w/c.txt'), 'vscode-vfs://b/w/c.txt');
    assert.equal(relative('/w/a', '/w/b/c'), '../b/c');
    assert.equal(relative('C:\\w', 'C:\\w\\x\\y.txt'), 'x/y.txt');
    // a round trip: the relative path joined back is the same URI
    const doc = 'file:///w/corpus/%E6%99%AE%E4%BA%AC%201.txt';
    assert.equal(join(dirname(doc), relative(dirname(doc), doc)), doc);
  });

  it('dirname and basename', () => {
    assert.equal(dirname('file:///w/corpus/a%20b.txt'), 'file:///w/corpus');
    assert.equal(basename('file:///w/corpus/a%20b.txt'), 'a b.txt');
    assert.equal(dirname('/w/a.txt'), '/w');
    assert.equal(basename('C:\\w\\a.txt'), 'a.txt');
  });

  it('confinement still refuses a way out of the root, with URIs and plain paths', () => {
    assert.ok('error' in confinedJoin('file:///w', 'file:///w/corpus', '../../etc/passwd'));
    assert.ok('error' in confinedJoin('/w', '/w/corpus', '../../etc/passwd'));
    assert.deepEqual(confinedJoin('file:///w', 'file:///w/corpus', '../other/新.txt'), { path: 'file:///w/other/%E6%96%B0.txt' });
  });
});
