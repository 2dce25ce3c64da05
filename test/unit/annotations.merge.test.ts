import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import {
  AnnotationStore,
  gitattributesWithDriver,
  mergeSidecars,
  parseSidecar,
  quoteOf,
  resolveConflictMarkers,
  scanConflictMarkers,
  serializeSidecar,
  splitConflictSides,
  type Annotation,
  type SidecarFile,
} from '../../src/core/annotations';
import type { FileStore } from '../../src/core/types';
import { MemoryFileStore } from '../helpers/memoryFileStore';

const DOC = '/ws/doc.txt';
const SIDECAR = DOC + '.annotations.yaml';
const TEXT = '分析人士認為，兩國爆發戰爭的可能性為零。但是邊境的緊張局勢仍在持續，雙方都在增兵。外交部長表示願意對話。';

function ann(id: string, extra: Partial<Annotation> = {}): Annotation {
  const quote = '兩國爆發戰爭的可能性為零';
  const start = [...TEXT.slice(0, TEXT.indexOf(quote))].length;
  return {
    id,
    target: { selector: [{ type: 'TextQuoteSelector', exact: quote, prefix: '分析人士認為，', suffix: '。但是' }, { type: 'TextPositionSelector', start, end: start + [...quote].length }] },
    claim: `claim ${id}`,
    stance: { polarity: 'oppose' },
    author: 'A',
    created: '2026-11-01T00:00:00Z',
    modified: '2026-11-01T00:00:00Z',
    ...extra,
  };
}

function file(annotations: Annotation[], reference?: string): string {
  const f: SidecarFile = { schema: 'corpus-lens/annotations@1', document: { path: 'doc.txt', ...(reference ? { reference } : {}) }, annotations, invalid: [] };
  return serializeSidecar(f);
}

function ids(text: string): string[] {
  return parseSidecar(text, 'x').value!.annotations.map((a) => a.id);
}

function store(fs: FileStore): AnnotationStore {
  let t = Date.parse('2026-11-22T07:30:00Z');
  let r = 7;
  return new AnnotationStore(fs, { author: 'A', now: () => new Date((t += 1000)), random: () => ((r = (r * 16807) % 2147483647) / 2147483647) });
}

describe('annotations: merge by id', () => {
  const base = file([ann('a-1'), ann('a-2'), ann('a-3')]);

  it('keeps additions of both sides, applies one-sided edits and deletions', () => {
    const ours = file([ann('a-1', { claim: 'ours edited', modified: '2026-11-02T00:00:00Z' }), ann('a-2'), ann('a-3'), ann('a-4')]);
    const theirs = file([ann('a-1'), ann('a-3', { tags: ['t'], modified: '2026-11-03T00:00:00Z' }), ann('a-5')]);
    const r = mergeSidecars({ base, ours, theirs, file: 'x' });
    assert.deepEqual(r.notes, []);
    assert.equal(r.conflicted, false);
    const merged = parseSidecar(r.text!, 'x').value!.annotations;
    assert.deepEqual(merged.map((a) => a.id), ['a-1', 'a-3', 'a-4', 'a-5']); // a-2 deleted by theirs
    assert.equal(merged[0]!.claim, 'ours edited');
    assert.deepEqual(merged[1]!.tags, ['t']);
  });

  it('merges an annotation changed on both sides field by field (modified: the later one)', () => {
    const ours = file([ann('a-1', { claim: 'new claim', modified: '2026-11-02T00:00:00Z' }), ann('a-2'), ann('a-3')]);
    const theirs = file([ann('a-1', { note: 'their note', modified: '2026-11-05T00:00:00Z' }), ann('a-2'), ann('a-3')]);
    const r = mergeSidecars({ base, ours, theirs, file: 'x' });
    assert.deepEqual(r.notes, []);
    const a = parseSidecar(r.text!, 'x').value!.annotations[0]!;
    assert.equal(a.claim, 'new claim');
    assert.equal(a.note, 'their note');
    assert.equal(a.modified, '2026-11-05T00:00:00Z');
  });

  it('keeps both versions of an annotation changed differently on both sides, each flagged with the other', () => {
    const ours = file([ann('a-1', { claim: 'ours', modified: '2026-11-02T00:00:00Z' }), ann('a-2'), ann('a-3')]);
    const theirs = file([ann('a-1', { claim: 'theirs', modified: '2026-11-03T00:00:00Z' }), ann('a-2'), ann('a-3')]);
    const r = mergeSidecars({ base, ours, theirs, file: 'x' });
    assert.equal(r.conflicted, true);
    assert.equal(r.notes.length, 1);
    assert.match(r.notes[0]!.message, /a-1 was changed differently on both sides: both versions kept \(a-1: ours, a-1\.2: theirs\)/);
    const merged = parseSidecar(r.text!, 'x');
    assert.deepEqual(merged.problems, []);
    const byId = new Map(merged.value!.annotations.map((a) => [a.id, a]));
    assert.equal(byId.get('a-1')!.claim, 'ours');
    assert.deepEqual(byId.get('a-1')!.conflict, { with: 'a-1.2', side: 'ours' });
    assert.equal(byId.get('a-1.2')!.claim, 'theirs');
    assert.deepEqual(byId.get('a-1.2')!.conflict, { with: 'a-1', side: 'theirs' });
    assert.match(r.text!, /conflict: \{with: a-1\.2, side: ours\}\n {4}created:/);
  });

  it('a deletion of an annotation the other side changed is not applied (noted)', () => {
    const ours = file([ann('a-1'), ann('a-3')]);
    const theirs = file([ann('a-1'), ann('a-2', { claim: 'revised', modified: '2026-11-04T00:00:00Z' }), ann('a-3')]);
    const r = mergeSidecars({ base, ours, theirs, file: 'x' });
    assert.deepEqual(ids(r.text!), ['a-1', 'a-2', 'a-3']);
    assert.equal(r.notes[0]!.kind, 'kept');
    assert.equal(r.conflicted, false);
  });

  it('without a base (files created on both branches) every annotation of both sides is kept', () => {
    const r = mergeSidecars({ base: '', ours: file([ann('a-1'), ann('a-2')]), theirs: file([ann('a-2'), ann('a-9')]), file: 'x' });
    assert.deepEqual(ids(r.text!), ['a-1', 'a-2', 'a-9']);
    assert.deepEqual(r.notes, []);
  });

  it('a reference date set differently on both sides keeps ours and is a conflict', () => {
    const r = mergeSidecars({ base: file([ann('a-1')]), ours: file([ann('a-1')], '2021-12-31'), theirs: file([ann('a-1')], '2022-01'), file: 'x' });
    assert.equal(parseSidecar(r.text!, 'x').value!.document.reference, '2021-12-31');
    assert.equal(r.notes[0]!.kind, 'reference');
    assert.equal(mergeSidecars({ base: file([ann('a-1')]), ours: file([ann('a-1')]), theirs: file([ann('a-1')], '2022-01'), file: 'x' }).notes.length, 0);
  });

  it('refuses (no text) when a side does not parse, with the side in the problem', () => {
    const r = mergeSidecars({ base, ours: base, theirs: 'schema: [', file: 'x.yaml' });
    assert.equal(r.text, undefined);
    assert.match(r.problems[0]!.message, /^theirs: YAML syntax error/);
  });

  it('keeps comments of both sides on unchanged items', () => {
    const ours = base.replace('  - id: a-1', '  # ours: checked\n  - id: a-1');
    const theirs = base.replace('  - id: a-3', '  # theirs: doubtful\n  - id: a-3') + '';
    const r = mergeSidecars({ base, ours, theirs: file([...parseSidecar(theirs, 'x').value!.annotations, ann('a-4')]).replace('  - id: a-3', '  # theirs: doubtful\n  - id: a-3'), file: 'x' });
    assert.match(r.text!, /# ours: checked\n {2}- id: a-1/);
    assert.match(r.text!, /# theirs: doubtful\n {2}- id: a-3/);
  });

  it('.gitattributes: the driver line is added once, another merge setting is left alone', () => {
    const first = gitattributesWithDriver(undefined);
    assert.ok(first.changed);
    assert.match(first.text, /^\*\.annotations\.yaml merge=corpus-lens$/m);
    assert.equal(gitattributesWithDriver(first.text).changed, false);
    const kept = gitattributesWithDriver('*.txt text\n*.annotations.yaml merge=union\n');
    assert.equal(kept.changed, false);
    assert.equal(kept.other, '*.annotations.yaml merge=union');
    assert.equal(gitattributesWithDriver('*.txt text').text, '*.txt text\n# Corpus Lens: merge annotation sidecars by annotation id (corpus-lens merge-file)\n*.annotations.yaml merge=corpus-lens\n');
  });
});

describe('annotations: sidecars with git conflict markers', () => {
  const base = file([ann('a-1'), ann('a-5')]);
  const ours = file([ann('a-1'), ann('a-2', { claim: 'ours added' }), ann('a-5')]);
  const theirs = file([ann('a-1'), ann('a-3', { claim: 'theirs added' }), ann('a-5')]);
  /** What `git merge-file` leaves (diff3 style when asked). */
  const conflicted = (diff3: boolean): string => {
    const dir = mkdtempSync(path.join(tmpdir(), 'cl-markers-'));
    try {
      for (const [name, text] of [['ours', ours], ['base', base], ['theirs', theirs]] as const) writeFileSync(path.join(dir, name), text);
      const r = spawnSync('git', ['merge-file', '-p', ...(diff3 ? ['--diff3'] : []), '-L', 'HEAD', '-L', 'base', '-L', 'analyst-b', 'ours', 'base', 'theirs'], { cwd: dir, encoding: 'utf8' });
      assert.ok(r.status !== null && r.status >= 1, r.stderr);
      return r.stdout;
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  };

  it('reports "merge conflict" with the marker lines; the file is not loaded (never overwritten)', () => {
    const text = conflicted(true);
    const r = parseSidecar(text, 'c.yaml');
    assert.equal(r.value, undefined);
    assert.equal(r.problems.length, 1);
    const lines = text.split('\n');
    const at = (m: string) => lines.findIndex((l) => l.startsWith(m)) + 1;
    const p = r.problems[0]!;
    assert.equal(p.line, at('<<<<<<<'));
    assert.equal(p.severity, 'error');
    assert.equal(p.code, 'merge-conflict', 'classified by its code (what Keep Both Sides acts on), not its text');
    assert.equal(
      p.message,
      `merge conflict between HEAD and analyst-b, lines ${at('<<<<<<<')}–${at('>>>>>>>')} (<<<<<<< line ${at('<<<<<<<')}, ||||||| line ${at('|||||||')}, ======= line ${at('=======')}, >>>>>>> line ${at('>>>>>>>')}); the file is left untouched until resolved: run "Keep Both Sides" (merges both sides by annotation id) or edit it by hand`,
    );
    const scan = scanConflictMarkers(text);
    assert.equal(scan.wellFormed, true);
    assert.deepEqual(splitConflictSides(text), { ours, theirs, base });
  });

  it('Keep Both Sides: merges the two sides by id (with and without a diff3 base)', () => {
    for (const diff3 of [true, false]) {
      const r = resolveConflictMarkers(conflicted(diff3), 'c.yaml');
      assert.deepEqual(r.problems, []);
      assert.deepEqual(ids(r.text!), ['a-1', 'a-2', 'a-3', 'a-5']);
      assert.deepEqual(r.notes, []);
    }
  });

  it('incomplete markers: reported, not resolvable automatically', () => {
    const text = ours.replace('  - id: a-2', '<<<<<<< HEAD\n  - id: a-2');
    assert.ok(text.includes('<<<<<<<'));
    const r = parseSidecar(text, 'c.yaml');
    assert.match(r.problems[0]!.message, /^merge conflict between HEAD and \?, from line \d+, not closed .*resolve it by hand/);
    assert.equal(resolveConflictMarkers(text, 'c.yaml').text, undefined);
  });

  it('the store refuses to save over a sidecar with conflict markers', async () => {
    const fs = new MemoryFileStore();
    fs.files.set(SIDECAR, conflicted(false));
    const s = store(fs);
    const state = await s.load(DOC, TEXT);
    assert.equal(state.readOnly, true);
    assert.match(state.problems[0]!.message, /^merge conflict/);
    assert.deepEqual(state.problems.map((p) => p.code), ['merge-conflict', 'merge-conflict'], 'one per conflict region');
    assert.throws(() => s.add(DOC, { start: 0, end: 4, claim: 'x', stance: { polarity: 'support' } }), /read-only/);
    assert.equal((await s.save(DOC, TEXT)).ok, false);
    assert.equal(fs.files.get(SIDECAR), conflicted(false));
  });
});

describe('annotations: re-anchoring review', () => {
  const edited = TEXT.replace('可能性為零', '可能性');

  it('an outside edit that changes the quote keeps the original quote and flags the annotation for review', async () => {
    const fs = new MemoryFileStore();
    fs.files.set(SIDECAR, file([ann('a-1')]));
    const s = store(fs);
    const state = await s.load(DOC, edited);
    const r = state.annotations[0]!;
    assert.equal(r.orphaned, false);
    assert.equal(edited.slice(r.start, r.end), '兩國爆發戰爭的可能性');
    assert.equal(quoteOf(r.annotation).exact, '兩國爆發戰爭的可能性為零');
    assert.deepEqual(r.annotation.reanchored, { exact: '兩國爆發戰爭的可能性', start: 7, end: 17 });
    assert.equal(s.underReview(DOC).length, 1);
    const warning = state.problems.find((p) => p.message.startsWith('annotation a-1: passage'))!;
    assert.equal(warning.severity, 'warning');
    assert.equal(warning.code, 'passage-reanchored');
    assert.match(warning.message, /found only approximately after the document changed, as "兩國爆發戰爭的可能性"; the original quote is kept/);
    // Saved: the original selectors stay, `reanchored` is written; loading again keeps the review.
    await s.save(DOC, edited);
    const saved = parseSidecar(fs.files.get(SIDECAR)!, 'x').value!.annotations[0]!;
    assert.equal(quoteOf(saved).exact, '兩國爆發戰爭的可能性為零');
    assert.deepEqual(saved.reanchored, { exact: '兩國爆發戰爭的可能性', start: 7, end: 17 });
    assert.match(fs.files.get(SIDECAR)!, /reanchored: \{exact: 兩國爆發戰爭的可能性, start: 7, end: 17\}/);
    const again = await store(fs).load(DOC, edited);
    assert.equal(again.dirty, false);
    assert.deepEqual(again.annotations[0]!.annotation.reanchored, saved.reanchored);
  });

  it('accept the new passage: it becomes the quote and the flag goes', async () => {
    const fs = new MemoryFileStore();
    fs.files.set(SIDECAR, file([ann('a-1')]));
    const s = store(fs);
    await s.load(DOC, edited);
    const m = s.acceptReanchored(DOC, 'a-1');
    const a = s.find(DOC, 'a-1')!.annotation;
    assert.equal(quoteOf(a).exact, '兩國爆發戰爭的可能性');
    assert.equal(a.reanchored, undefined);
    assert.notEqual(a.modified, ann('a-1').modified);
    assert.equal(s.underReview(DOC).length, 0);
    // undo brings the review back
    s.apply(DOC, m.inverse);
    assert.equal(s.find(DOC, 'a-1')!.annotation.reanchored?.exact, '兩國爆發戰爭的可能性');
    assert.throws(() => s.acceptReanchored(DOC, 'nope'), /no annotation/);
  });

  it('re-attach to a selection ends the review too; the original quote back in the text ends it by itself', async () => {
    const fs = new MemoryFileStore();
    fs.files.set(SIDECAR, file([ann('a-1')]));
    const s = store(fs);
    await s.load(DOC, edited);
    const at = edited.indexOf('邊境的緊張局勢');
    s.reattach(DOC, 'a-1', at, at + 7);
    assert.equal(s.find(DOC, 'a-1')!.annotation.reanchored, undefined);
    assert.equal(quoteOf(s.find(DOC, 'a-1')!.annotation).exact, '邊境的緊張局勢');

    const fs2 = new MemoryFileStore();
    fs2.files.set(SIDECAR, file([ann('a-1')]));
    const s2 = store(fs2);
    await s2.load(DOC, edited);
    await s2.save(DOC, edited);
    const back = await store(fs2).load(DOC, TEXT); // the edit was reverted
    assert.equal(back.annotations[0]!.annotation.reanchored, undefined);
    assert.equal(back.dirty, true);
  });

  it('an edit of the claim keeps the review', async () => {
    const fs = new MemoryFileStore();
    fs.files.set(SIDECAR, file([ann('a-1')]));
    const s = store(fs);
    await s.load(DOC, edited);
    s.update(DOC, 'a-1', { claim: 'revised' });
    const r = s.find(DOC, 'a-1')!;
    assert.equal(r.annotation.reanchored?.exact, '兩國爆發戰爭的可能性');
    assert.equal(edited.slice(r.start, r.end), '兩國爆發戰爭的可能性');
  });
});

describe('annotations: merge conflicts kept in two versions', () => {
  it('Keep This Version deletes the other version and clears the flag (one undo step each)', async () => {
    const fs = new MemoryFileStore();
    const base = file([ann('a-1')]);
    const r = mergeSidecars({ base, ours: file([ann('a-1', { claim: 'ours' })]), theirs: file([ann('a-1', { claim: 'theirs' })]), file: 'x' });
    fs.files.set(SIDECAR, r.text!);
    const s = store(fs);
    await s.load(DOC, TEXT);
    const ms = s.keepVersion(DOC, 'a-1.2');
    assert.deepEqual(s.get(DOC)!.annotations.map((x) => [x.annotation.id, x.annotation.claim, x.annotation.conflict]), [['a-1.2', 'theirs', undefined]]);
    for (const m of [...ms].reverse()) s.apply(DOC, m.inverse);
    assert.deepEqual(s.get(DOC)!.annotations.map((x) => x.annotation.id).sort(), ['a-1', 'a-1.2']);
  });
});

describe('annotations: empty sidecars', () => {
  it('a sidecar left with no annotation and no reference date is removed, not kept as annotations: []', async () => {
    const fs = new MemoryFileStore();
    const s = store(fs);
    await s.load(DOC, TEXT);
    const m = s.add(DOC, { start: 7, end: 19, claim: 'c', stance: { polarity: 'oppose' } });
    await s.save(DOC, TEXT);
    assert.ok(fs.files.has(SIDECAR));
    s.remove(DOC, m.id!);
    const res = await s.save(DOC, TEXT);
    assert.ok(res.ok);
    assert.equal(fs.files.has(SIDECAR), false);
    assert.equal(fs.deletes, 1);
    // With a reference date it stays.
    s.setReference(DOC, '2021-12-31');
    await s.save(DOC, TEXT);
    assert.match(fs.files.get(SIDECAR)!, /reference: "2021-12-31"/);
    s.setReference(DOC, undefined);
    await s.save(DOC, TEXT);
    assert.equal(fs.files.has(SIDECAR), false);
    // An existing `annotations: []` file is removed at the next save.
    fs.files.set(SIDECAR, 'schema: corpus-lens/annotations@1\ndocument:\n  path: doc.txt\nannotations: []\n');
    const s2 = store(fs);
    await s2.load(DOC, TEXT);
    await s2.save(DOC, TEXT);
    assert.equal(fs.files.has(SIDECAR), false);
  });
});
