/**
 * Real `git merge`s of two analysts' branches that annotate one document concurrently (additions, edits, deletions,
 * sometimes both editing one annotation), generated from a seed: with the merge driver set up by
 * `corpus-lens git-setup` there must be no conflict and no annotation lost; git's default line merge on the same
 * scenarios is measured and printed.
 */
import * as assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { AnnotationStore, canonicalAnnotation, parseSidecar, type Annotation } from '../../src/core/annotations';
import { NodeFileStore } from '../../src/cli/nodeFileStore';
import { bundleCli } from './cliBundle';

const ROOT = path.resolve(__dirname, '../..');
const TEXT = readFileSync(path.join(ROOT, 'samples/001_46c6a13c8aa750a3.txt'), 'utf8');
const PAIRS = 30;

function seeded(seed: number): () => number {
  let r = seed % 2147483647 || 1;
  return () => {
    r = (r * 16807) % 2147483647;
    return r / 2147483647;
  };
}

function git(cwd: string, ...args: string[]): string {
  return execFileSync('git', args, { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
}

function hasGit(): boolean {
  return !spawnSync('git', ['--version']).error;
}

interface Expectation {
  /** Canonical JSON of every annotation version that must be in the merged file, by id (a version or its copy). */
  versions: Array<{ id: string; json: string }>;
  /** Ids that must be gone. */
  deleted: Set<string>;
}

const strip = (a: Annotation) => {
  const { conflict: _c, id: _i, ...rest } = canonicalAnnotation(a) as Annotation & Record<string, unknown>;
  return JSON.stringify(rest);
};

/** One scenario in a fresh repo: base commit, branches a and b from it; returns what the merge must contain. */
async function scenario(dir: string, seed: number): Promise<Expectation> {
  const random = seeded(seed * 7919 + 17);
  const doc = path.join(dir, 'article.txt');
  writeFileSync(doc, TEXT);
  const clockAt = (iso: string) => {
    let t = Date.parse(iso);
    return () => new Date((t += 1000 + Math.floor(random() * 600_000)));
  };
  const passage = () => {
    const len = 6 + Math.floor(random() * 20);
    const start = Math.floor(random() * (TEXT.length - len));
    return { start, end: start + len };
  };
  const stances = ['support', 'oppose', 'neutral', 'mixed'] as const;
  const addRandom = (store: AnnotationStore, who: string) =>
    store.add(doc, { ...passage(), claim: `${who}: claim ${Math.floor(random() * 1e6)}`, stance: { polarity: stances[Math.floor(random() * 4)]! }, author: who }).id!;

  const files = new NodeFileStore();
  const base = new AnnotationStore(files, { random, now: clockAt('2026-11-01T09:00:00Z'), author: 'lead' });
  await base.load(doc, TEXT);
  const baseCount = Math.floor(random() * 12);
  for (let i = 0; i < baseCount; i++) addRandom(base, 'lead');
  await base.save(doc, TEXT);
  git(dir, 'init', '-q', '-b', 'main');
  git(dir, 'config', 'user.email', 'lead@example.org');
  git(dir, 'config', 'user.name', 'lead');
  git(dir, 'add', '-A');
  git(dir, 'commit', '-q', '-m', 'base');
  const baseIds = base.get(doc)!.annotations.map((r) => r.annotation.id);
  // Each branch edits and deletes its own base annotations; sometimes both edit the same one.
  const shuffled = [...baseIds].sort(() => random() - 0.5);
  const shared = shuffled.length && random() < 0.35 ? shuffled.shift() : undefined;
  const half = Math.floor(shuffled.length / 2);
  const own = { a: shuffled.slice(0, half), b: shuffled.slice(half) };
  const versions: Expectation['versions'] = [];
  const deleted = new Set<string>();
  const touched = new Set<string>();
  const sharedEdits: Array<{ annotation: Annotation; field: 'claim' | 'note' }> = [];

  for (const who of ['a', 'b'] as const) {
    git(dir, 'checkout', '-q', '-b', who, 'main');
    const store = new AnnotationStore(files, { random, now: clockAt(who === 'a' ? '2026-11-10T08:00:00Z' : '2026-11-10T14:00:00Z'), author: who });
    await store.load(doc, TEXT);
    const adds = 1 + Math.floor(random() * 3);
    for (let i = 0; i < adds; i++) {
      const id = addRandom(store, who);
      versions.push({ id, json: strip(store.find(doc, id)!.annotation) });
    }
    const mine = own[who];
    const edits = Math.min(mine.length, Math.floor(random() * 3));
    for (const id of mine.slice(0, edits)) {
      store.update(doc, id, random() < 0.5 ? { claim: `${who} revised ${id}` } : { tags: [`${who}-tag`], confidence: 'low' });
      versions.push({ id, json: strip(store.find(doc, id)!.annotation) });
      touched.add(id);
    }
    const dels = mine.length > edits && random() < 0.6 ? 1 : 0;
    for (const id of mine.slice(edits, edits + dels)) {
      store.remove(doc, id);
      deleted.add(id);
      touched.add(id);
    }
    if (shared) {
      // Both edit one annotation: the same field (a real conflict) or different fields.
      const field = random() < 0.5 ? 'claim' : who === 'a' ? 'claim' : 'note';
      store.update(doc, shared, field === 'claim' ? { claim: `${who} reads ${shared} differently` } : { note: `${who}'s note` });
      sharedEdits.push({ annotation: store.find(doc, shared)!.annotation, field });
      touched.add(shared);
    }
    await store.save(doc, TEXT);
    git(dir, 'add', '-A');
    git(dir, 'commit', '-q', '-m', `analyst ${who}`);
  }
  for (const id of baseIds) if (!touched.has(id)) versions.push({ id, json: strip(base.find(doc, id)!.annotation) });
  if (shared && sharedEdits.length === 2) {
    const [{ annotation: a }, { annotation: b, field }] = sharedEdits as [{ annotation: Annotation }, { annotation: Annotation; field: string }];
    if (field === 'claim') {
      // Same field changed differently: both versions must be kept.
      versions.push({ id: shared, json: strip(a) }, { id: `${shared}.2`, json: strip(b) });
    } else {
      // Different fields: one merged version with both changes.
      const merged = { ...b, claim: a.claim, modified: a.modified > b.modified ? a.modified : b.modified } as Annotation;
      versions.push({ id: shared, json: strip(merged) });
    }
  }
  git(dir, 'checkout', '-q', 'a');
  return { versions, deleted };
}

function mergedAnnotations(dir: string): Annotation[] {
  const text = readFileSync(path.join(dir, 'article.txt.annotations.yaml'), 'utf8');
  const parsed = parseSidecar(text, 'article.txt.annotations.yaml');
  assert.ok(parsed.value, `merged sidecar does not parse: ${JSON.stringify(parsed.problems)}\n${text}`);
  assert.deepEqual(parsed.problems, []);
  return parsed.value.annotations;
}

describe('annotations: real git merges of two analysts’ branches', function () {
  this.timeout(600_000);
  let work: string;
  let cli: string;
  before(async function () {
    if (!hasGit()) this.skip();
    work = mkdtempSync(path.join(tmpdir(), 'cl-gitmerge-'));
    cli = path.join(work, 'cli.js');
    // The CLI as shipped (one bundle), so that git can run it as the driver.
    await bundleCli(cli);
  });
  after(() => {
    if (work && !process.env.KEEP) rmSync(work, { recursive: true, force: true });
  });

  it('merge-file: a side that does not parse falls back to git\'s line merge (conflict markers, exit 1); a reference date set on both sides exits 1', async () => {
    const dir = mkdtempSync(path.join(work, 'fallback-'));
    const head = 'schema: corpus-lens/annotations@1\ndocument:\n  path: a.txt\n';
    const base = `${head}annotations: []\n`;
    writeFileSync(path.join(dir, 'base'), base);
    writeFileSync(path.join(dir, 'ours'), `${head}  reference: "2021"\nannotations: []\n`);
    writeFileSync(path.join(dir, 'theirs'), `${head}annotations: [\n`);
    const r = spawnSync(process.execPath, [cli, 'merge-file', 'base', 'ours', 'theirs', 'a.txt.annotations.yaml'], { cwd: dir, encoding: 'utf8' });
    assert.equal(r.status, 1, r.stderr);
    assert.match(r.stderr, /a\.txt\.annotations\.yaml:\d+:\d+: error: theirs: YAML syntax error/);
    assert.match(r.stderr, /falling back to git's line merge/);
    assert.match(readFileSync(path.join(dir, 'ours'), 'utf8'), /^<<<<<<< ours$/m);
    writeFileSync(path.join(dir, 'ours'), `${head}  reference: "2021"\nannotations: []\n`);
    writeFileSync(path.join(dir, 'theirs'), `${head}  reference: "2022"\nannotations: []\n`);
    const ref = spawnSync(process.execPath, [cli, 'merge-file', 'base', 'ours', 'theirs'], { cwd: dir, encoding: 'utf8' });
    assert.equal(ref.status, 1);
    assert.match(ref.stderr, /reference date was set differently on both sides: kept 2021 \(ours\), not 2022 \(theirs\)/);
    assert.match(readFileSync(path.join(dir, 'ours'), 'utf8'), /reference: "2021"/);
  });

  it(`with the driver set up by \`corpus-lens git-setup\`: 0 conflicts in ${PAIRS} merges, nothing lost; git's default merge measured`, async () => {
    let defaultConflicts = 0;
    let driverConflicts = 0;
    let bothVersions = 0;
    let pairs = 0;
    for (let seed = Number(process.env.SEED ?? 1); seed <= Number(process.env.SEED ?? PAIRS); seed++) {
      pairs++;
      const dir = mkdtempSync(path.join(work, `pair-${seed}-`));
      const expected = await scenario(dir, seed);
      const head = git(dir, 'rev-parse', 'HEAD').trim();
      // First git's default merge, then (from the same commit) with the driver.
      for (const withDriver of [false, true]) {
        if (withDriver) {
          git(dir, 'reset', '-q', '--hard', head);
          const setup = spawnSync(process.execPath, [cli, 'git-setup'], { cwd: dir, encoding: 'utf8' });
          assert.equal(setup.status, 0, setup.stderr);
          assert.match(readFileSync(path.join(dir, '.gitattributes'), 'utf8'), /^\*\.annotations\.yaml merge=corpus-lens$/m);
          assert.match(git(dir, 'config', 'merge.corpus-lens.driver'), /merge-file %O %A %B %P/);
        }
        const merge = spawnSync('git', ['merge', '--no-edit', '-q', 'b'], { cwd: dir, encoding: 'utf8' });
        if (merge.status !== 0) {
          assert.match(merge.stdout + merge.stderr, /CONFLICT/, merge.stdout + merge.stderr);
          if (withDriver) driverConflicts++;
          else defaultConflicts++;
          git(dir, 'merge', '--abort');
          continue;
        }
        const merged = mergedAnnotations(dir);
        const found = new Map(merged.map((a) => [a.id, strip(a)]));
        for (const v of expected.versions) assert.equal(found.get(v.id), v.json, `seed ${seed}${withDriver ? ' (driver)' : ''}: annotation ${v.id} lost or altered`);
        for (const id of expected.deleted) assert.ok(!found.has(id), `seed ${seed}: deleted annotation ${id} came back`);
        assert.equal(merged.length, new Set(expected.versions.map((v) => v.id)).size, `seed ${seed}: unexpected annotations`);
        if (withDriver) bothVersions += merged.filter((a) => a.conflict?.side === 'theirs').length;
      }
    }
    // The figure for the README/report: conflicts of git's default line merge on the same scenarios.
    console.log(`      git merge of ${pairs} analyst pairs: ${defaultConflicts} conflicted without the driver, ${driverConflicts} with it (${bothVersions} annotations kept in two versions for review)`);
    assert.equal(driverConflicts, 0);
  });
});
