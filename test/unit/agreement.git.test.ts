/**
 * The team workflow end to end with real git: one branch per analyst coding the same documents, merged with the
 * annotation merge driver, then `corpus-lens agreement` on the merged corpus gives the figures of the two
 * analysts' codings (the same as the core report over what each branch wrote).
 */
import * as assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { agreementReport, codedAnnotations, type AgreementReport, type CodedAnnotation } from '../../src/core/agreement';
import { AnnotationStore } from '../../src/core/annotations';
import { NodeFileStore } from '../../src/cli/nodeFileStore';
import { bundleCli } from './cliBundle';

const ROOT = path.resolve(__dirname, '../..');

function git(cwd: string, ...args: string[]): string {
  return execFileSync('git', args, { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
}

describe('agreement: two analysts on two git branches, merged', function () {
  this.timeout(120_000);
  let work: string;
  let cli: string;
  before(async function () {
    if (spawnSync('git', ['--version']).error) this.skip();
    work = mkdtempSync(path.join(tmpdir(), 'cl-agree-git-'));
    cli = path.join(work, 'cli.js');
    await bundleCli(cli);
  });
  after(() => rmSync(work, { recursive: true, force: true }));

  it('alice and bob code 002 and 004 on their own branches; after git merge the agreement covers both', async () => {
    const repo = path.join(work, 'repo');
    execFileSync('mkdir', ['-p', repo]);
    git(repo, 'init', '-q', '-b', 'main');
    git(repo, 'config', 'user.email', 'lead@example.org');
    git(repo, 'config', 'user.name', 'Lead');
    const docs = ['002_47dd4565d9125d5d.txt', '004_65dbff42fb54b3c7.txt'];
    const texts = new Map<string, string>();
    for (const d of docs) {
      const text = readFileSync(path.join(ROOT, 'samples', d), 'utf8');
      texts.set(d, text);
      writeFileSync(path.join(repo, d), text);
    }
    assert.equal(spawnSync(process.execPath, [cli, 'git-setup'], { cwd: repo, encoding: 'utf8' }).status, 0);
    git(repo, 'add', '-A');
    git(repo, 'commit', '-q', '-m', 'corpus');

    // The same passages for both (10 characters every 900), each analyst's own stance and codes.
    const passages = docs.flatMap((d) => {
      const text = texts.get(d)!;
      const out: Array<{ doc: string; start: number; end: number }> = [];
      for (let at = 300; at + 10 < text.length; at += 900) out.push({ doc: d, start: at, end: at + 10 });
      return out;
    });
    assert.ok(passages.length >= 12, `${passages.length} passages`);
    const polarities = ['support', 'oppose', 'neutral', 'mixed'] as const;
    const coding = (analyst: 'alice' | 'bob') =>
      passages.map((p, i) => {
        // bob agrees on two passages in three, and skips every fifth
        const skip = analyst === 'bob' && i % 5 === 4;
        const polarity = analyst === 'bob' && i % 3 === 2 ? polarities[(i + 1) % 4]! : polarities[i % 4]!;
        return { ...p, skip, polarity, tags: [i % 2 ? 'security' : 'economy'] };
      });
    const branch = async (analyst: 'alice' | 'bob') => {
      git(repo, 'checkout', '-q', '-b', analyst, 'main');
      const store = new AnnotationStore(new NodeFileStore(), { author: analyst });
      for (const d of docs) await store.load(path.join(repo, d), texts.get(d)!);
      for (const c of coding(analyst)) {
        if (c.skip) continue;
        store.add(path.join(repo, c.doc), { start: c.start, end: c.end, claim: `${analyst} on ${c.doc}:${c.start}`, stance: { polarity: c.polarity }, tags: c.tags });
      }
      const coded: CodedAnnotation[] = [];
      for (const d of docs) {
        await store.save(path.join(repo, d));
        coded.push(...codedAnnotations(d, store.get(path.join(repo, d))!.annotations));
      }
      git(repo, 'add', '-A');
      git(repo, 'commit', '-q', '-m', `${analyst}'s coding`);
      return coded;
    };
    const alice = await branch('alice');
    const bob = await branch('bob');
    git(repo, 'checkout', '-q', 'alice');
    const merge = spawnSync('git', ['merge', '--no-edit', 'bob'], { cwd: repo, encoding: 'utf8' });
    assert.equal(merge.status, 0, `git merge conflicted:\n${merge.stdout}\n${merge.stderr}`);
    assert.equal(git(repo, 'status', '--porcelain'), '');

    const run = spawnSync(process.execPath, [cli, 'agreement', '--by', 'stance', '--json', '--resamples', '200'], { cwd: repo, encoding: 'utf8' });
    assert.equal(run.status, 0, run.stderr);
    const merged = JSON.parse(run.stdout) as AgreementReport;
    const expected = agreementReport([...alice, ...bob], docs.map((d) => ({ path: d, length: texts.get(d)!.length })), { by: 'stance', resamples: 200 });
    assert.equal(merged.documents, 2);
    assert.deepEqual(merged.coders, ['alice', 'bob']);
    assert.equal(merged.annotations, alice.length + bob.length);
    assert.equal(merged.overall.units, passages.length);
    for (const key of ['percentAgreement', 'cohenKappa', 'fleissKappa', 'krippendorffAlpha', 'alphaU'] as const) {
      assert.equal(merged.overall[key], expected.overall[key], key);
    }
    assert.ok(merged.overall.percentAgreement! > 0.3 && merged.overall.percentAgreement! < 0.9, String(merged.overall.percentAgreement));
    const byCode = spawnSync(process.execPath, [cli, 'agreement', '--by', 'code', '--json', '--resamples', '0'], { cwd: repo, encoding: 'utf8' });
    const codes = JSON.parse(byCode.stdout) as AgreementReport;
    assert.deepEqual(codes.categories.map((c) => c.category), ['economy', 'security']);
  });
});
