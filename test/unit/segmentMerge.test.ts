/**
 * The git merge driver for coded segment files (`*.codes.yaml`): three-way merge by segment id in core, and real
 * `git merge`s of two analysts' branches coding one document, with the driver set up by `corpus-lens git-setup`.
 */
import * as assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { SegmentStore, gitattributesWithSegmentDriver, mergeSegmentFiles, parseSegments, segmentPathFor, serializeSegments, type Segment, type SegmentFile } from '../../src/core/codes';
import { NodeFileStore } from '../../src/cli/nodeFileStore';
import { seededRandom } from '../../src/core/random';
import { bundleCli } from './cliBundle';

const ROOT = path.resolve(__dirname, '../..');
const TEXT = readFileSync(path.join(ROOT, 'samples/001_46c6a13c8aa750a3.txt'), 'utf8');

const seg = (id: string, codes: string[], memo?: string): Segment => ({
  id,
  target: { selector: [{ type: 'TextQuoteSelector', exact: id }, { type: 'TextPositionSelector', start: 1, end: 3 }] },
  codes,
  ...(memo ? { memo } : {}),
  author: 'a',
  modified: '2026-01-01T00:00:00Z',
  created: '2026-01-01T00:00:00Z',
});
const file = (...segments: Segment[]): string => serializeSegments({ document: { path: 'a.txt' }, segments } as SegmentFile);
const ids = (text: string): Array<[string, string[]]> => parseSegments(text, 'x').value!.segments.map((s) => [s.id, s.codes]);

function git(cwd: string, ...args: string[]): string {
  return execFileSync('git', args, { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
}

describe('codes: merging segment files by id (git merge driver)', () => {
  it('one-sided changes, same changes, conflicting changes (both kept), delete against change', () => {
    const base = file(seg('s-1', ['a']), seg('s-2', ['b']), seg('s-3', ['c']), seg('s-4', ['d']));
    const ours = file(seg('s-1', ['a', 'x']), seg('s-2', ['b']), seg('s-4', ['d', 'o']), seg('s-5', ['new-ours']));
    const theirs = file(seg('s-1', ['a']), seg('s-3', ['c', 't']), seg('s-4', ['d', 't']), seg('s-6', ['new-theirs']), seg('s-2', ['b']));
    const r = mergeSegmentFiles({ base, ours, theirs, file: 'a.txt.codes.yaml' });
    assert.deepEqual(ids(r.text!), [
      ['s-1', ['a', 'x']],
      ['s-2', ['b']],
      ['s-3', ['c', 't']],
      ['s-4', ['d', 'o']],
      ['s-4.theirs', ['d', 't']],
      ['s-5', ['new-ours']],
      ['s-6', ['new-theirs']],
    ]);
    assert.deepEqual(r.notes.map((n) => n.kind), ['kept-changed', 'both-kept']);
    assert.match(r.notes[1]!.message, /s-4 was changed on both sides: both kept \(theirs as s-4\.theirs\)/);
    // Deleted on both sides: gone; same addition on both: once.
    const both = mergeSegmentFiles({ base, ours: file(seg('s-7', ['z'])), theirs: file(seg('s-7', ['z'])), file: 'f' });
    assert.deepEqual(ids(both.text!), [['s-7', ['z']]]);
    // No base (added on both branches): different content under one id keeps both.
    const added = mergeSegmentFiles({ base: '', ours: file(seg('s-8', ['o'])), theirs: file(seg('s-8', ['t'])), file: 'f' });
    assert.deepEqual(ids(added.text!), [['s-8', ['o']], ['s-8.theirs', ['t']]]);
    // A side that does not parse: no merge by id (the driver falls back to git's line merge).
    const bad = mergeSegmentFiles({ base, ours: 'schema: corpus-lens/segments@1\nsegments: [', theirs, file: 'f' });
    assert.equal(bad.text, undefined);
    assert.ok(bad.problems.length);
  });

  it('.gitattributes gets the *.codes.yaml line once; another merge for it is left alone', () => {
    const once = gitattributesWithSegmentDriver('*.annotations.yaml merge=corpus-lens\n');
    assert.equal(once.changed, true);
    assert.match(once.text, /^\*\.codes\.yaml merge=corpus-lens$/m);
    assert.equal(gitattributesWithSegmentDriver(once.text).changed, false);
    assert.equal(gitattributesWithSegmentDriver('*.codes.yaml merge=union\n').other, '*.codes.yaml merge=union');
  });

  it('real git: two analysts code one document on two branches; with the driver, no conflict and nothing lost', async function () {
    if (spawnSync('git', ['--version']).error) this.skip();
    this.timeout(120_000);
    const dir = mkdtempSync(path.join(tmpdir(), 'codes-git-'));
    try {
      const cli = path.join(dir, '..', `${path.basename(dir)}-cli.js`);
      await bundleCli(cli);
      const random = seededRandom(5);
      const doc = path.join(dir, 'article.txt');
      writeFileSync(doc, TEXT);
      const segPath = segmentPathFor(doc);
      const span = () => {
        const start = 10 + Math.floor(random() * (TEXT.length - 40));
        return [start, start + 3 + Math.floor(random() * 10)] as const;
      };
      const store = (who: string) => new SegmentStore(new NodeFileStore(), { author: who, random, now: () => new Date('2026-11-01T09:00:00Z') });
      const base = store('lead');
      const baseIds: string[] = [];
      for (let i = 0; i < 6; i++) baseIds.push(await base.apply(segPath, doc, TEXT, ...span(), [`base-${i}`]));
      git(dir, 'init', '-q', '-b', 'main');
      git(dir, 'config', 'user.email', 'lead@example.org');
      git(dir, 'config', 'user.name', 'lead');
      const setup = spawnSync(process.execPath, [cli, 'git-setup'], { cwd: dir, encoding: 'utf8' });
      assert.equal(setup.status, 0, setup.stderr);
      assert.match(readFileSync(path.join(dir, '.gitattributes'), 'utf8'), /^\*\.codes\.yaml merge=corpus-lens$/m);
      git(dir, 'add', '-A');
      git(dir, 'commit', '-q', '-m', 'base');
      const want = new Map<string, string[]>();
      for (const [who, mine, shared] of [
        ['a', baseIds[0]!, baseIds[2]!],
        ['b', baseIds[1]!, baseIds[2]!],
      ] as const) {
        git(dir, 'checkout', '-q', '-b', who, 'main');
        const s = store(who);
        for (let i = 0; i < 4; i++) {
          const id = await s.apply(segPath, doc, TEXT, ...span(), [`${who}-${i}`]);
          want.set(id, [`${who}-${i}`]);
        }
        await s.update(segPath, doc, TEXT, mine, { codes: [`base`, `${who}-edit`] });
        want.set(mine, ['base', `${who}-edit`]);
        await s.update(segPath, doc, TEXT, shared, { codes: [`${who}-reads-it-so`] });
        if (who === 'b') await s.remove(segPath, doc, TEXT, baseIds[3]!);
        git(dir, 'add', '-A');
        git(dir, 'commit', '-q', '-m', `analyst ${who}`);
      }
      git(dir, 'checkout', '-q', 'a');
      const merge = spawnSync('git', ['merge', '--no-edit', 'b'], { cwd: dir, encoding: 'utf8' });
      assert.equal(merge.status, 0, `${merge.stdout}\n${merge.stderr}`);
      const text = readFileSync(segPath, 'utf8');
      assert.ok(!text.includes('<<<<<<<'));
      const merged = new Map(ids(text));
      for (const [id, codes] of want) assert.deepEqual(merged.get(id), codes, id);
      assert.deepEqual(merged.get(baseIds[2]!), ['a-reads-it-so']);
      assert.deepEqual(merged.get(`${baseIds[2]!}.theirs`), ['b-reads-it-so'], 'the conflicting version is kept too');
      assert.equal(merged.has(baseIds[3]!), false, 'deleted on one side, untouched on the other');
      for (const id of [baseIds[4]!, baseIds[5]!]) assert.ok(merged.has(id));
      rmSync(cli, { force: true });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
