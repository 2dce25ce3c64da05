import * as assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { run as runAgreement } from '../../src/cli/commands/agreement';
import { NodeFileStore } from '../../src/cli/nodeFileStore';
import { AnnotationStore } from '../../src/core/annotations';
import type { AgreementReport } from '../../src/core/agreement';

function io(cwd: string) {
  const out: string[] = [];
  const err: string[] = [];
  return { io: { stdout: (s: string) => void out.push(s), stderr: (s: string) => void err.push(s), cwd }, out, err };
}

/** A corpus of two documents coded by alice, bob and (on the first) carol. */
async function corpus(dir: string): Promise<void> {
  const docs: Record<string, string> = {
    'a.txt': 'One: Russia says NATO enlargement is a red line.\nTwo: Washington says sanctions work.\nThree: both sides will keep talking.\n',
    'b.txt': 'Four: the EU calls for a ceasefire.\nFive: Beijing offers mediation.\n',
  };
  const store = new AnnotationStore(new NodeFileStore());
  for (const [name, text] of Object.entries(docs)) {
    const file = path.join(dir, name);
    writeFileSync(file, text);
    await store.load(file, text);
  }
  const add = (doc: string, author: string, needle: string, polarity: 'support' | 'oppose' | 'neutral', tags: string[] = []) => {
    const file = path.join(dir, doc);
    const text = docs[doc]!;
    const start = text.indexOf(needle);
    assert.ok(start >= 0);
    store.add(file, { start, end: start + needle.length, claim: `${author}: ${needle}`, stance: { polarity }, tags, author });
  };
  add('a.txt', 'alice', 'NATO enlargement is a red line', 'oppose', ['red-line']);
  add('a.txt', 'bob', 'NATO enlargement is a red line', 'oppose', ['red-line']);
  add('a.txt', 'carol', 'NATO enlargement is a red line', 'oppose');
  add('a.txt', 'alice', 'sanctions work', 'support', ['sanctions']);
  add('a.txt', 'bob', 'sanctions work', 'oppose', ['sanctions']);
  add('a.txt', 'carol', 'sanctions work', 'support', ['sanctions']);
  add('b.txt', 'alice', 'calls for a ceasefire', 'support', ['ceasefire']);
  add('b.txt', 'bob', 'calls for a ceasefire', 'support', ['ceasefire']);
  add('b.txt', 'bob', 'offers mediation', 'neutral');
  for (const name of Object.keys(docs)) await store.save(path.join(dir, name));
}

describe('agreement: CLI', () => {
  let dir: string;
  beforeEach(async () => {
    dir = mkdtempSync(path.join(tmpdir(), 'cl-agree-'));
    await corpus(dir);
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('--json: two analysts by stance, figures by name, overall and per polarity', async () => {
    const t = io(dir);
    assert.equal(await runAgreement(['--by', 'stance', '--coders', 'alice,bob', '--resamples', '0', '--json'], t.io), 0);
    const r = JSON.parse(t.out.join('')) as AgreementReport;
    assert.deepEqual(r.coders, ['alice', 'bob']);
    assert.equal(r.documents, 2);
    assert.equal(r.annotations, 6 + 1);
    // passages: red line (agree), sanctions (differ), ceasefire (agree), mediation (bob only)
    assert.equal(r.overall.units, 4);
    assert.equal(r.overall.percentAgreement, 0.5);
    for (const key of ['percentAgreement', 'cohenKappa', 'fleissKappa', 'krippendorffAlpha', 'alphaU'] as const) assert.equal(typeof r.overall[key], 'number', key);
    assert.deepEqual(r.categories.map((c) => c.category), ['neutral', 'oppose', 'support']);
  });

  it('three analysts by code: Cohen per pair only, intervals reproducible with --seed', async () => {
    const first = io(dir);
    assert.equal(await runAgreement(['--by=code', '--json', '--resamples', '300', '--seed', '5'], first.io), 0);
    const again = io(dir);
    await runAgreement(['--by=code', '--json', '--resamples', '300', '--seed', '5'], again.io);
    assert.equal(first.out.join(''), again.out.join(''));
    const r = JSON.parse(first.out.join('')) as AgreementReport;
    assert.deepEqual(r.coders, ['alice', 'bob', 'carol']);
    assert.equal(r.overall.cohenKappa, null);
    assert.equal(r.pairwise.length, 3);
    assert.deepEqual(r.categories.map((c) => c.category), ['ceasefire', 'red-line', 'sanctions']);
    assert.ok(r.notes.some((n) => /b\.txt: annotated only by alice, bob/.test(n)));
  });

  it('text output is a table; usage errors exit 2', async () => {
    const t = io(dir);
    assert.equal(await runAgreement(['--resamples', '0'], t.io), 0);
    const text = t.out.join('');
    assert.match(text, /^Agreement by stance: 3 analysts \(alice, bob, carol\), 2 documents, 9 annotations$/m);
    assert.match(text, /^overall +\d+ +/m);
    assert.equal(await runAgreement(['--by', 'topic'], io(dir).io), 2);
    assert.equal(await runAgreement(['--resamples', '-1'], io(dir).io), 2);
    assert.equal(await runAgreement(['--bogus'], io(dir).io), 2);
  });
});
