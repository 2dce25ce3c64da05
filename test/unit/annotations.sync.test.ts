// The annotation sync of core/annotations/sync.ts (what the extension's AnnotationService adapts to VS Code): the
// operation queue, live edits held while an operation awaits the disk, undo / redo, and the sidecar ↔ document
// lookup, over an in-memory workspace with scripted editors and a manual clock (test/helpers/syncHost.ts).
import * as assert from 'node:assert/strict';
import { AnnotationStore } from '../../src/core/annotations/store';
import { parseSidecar } from '../../src/core/annotations/parse';
import { OperationQueue } from '../../src/core/annotations/queue';
import { UndoHistory } from '../../src/core/annotations/history';
import { AnnotationRefusal, RestrictedRefusal } from '../../src/core/annotations/sync';
import type { NewAnnotation } from '../../src/core/annotations/state';
import { ROOT, syncFixture, type SyncFixture } from '../helpers/syncHost';

const DOC = `${ROOT}/a/doc.txt`;
const SIDECAR = `${DOC}.annotations.yaml`;
const TEXT = 'Putin 😀 said NATO expansion is a red line.\n普京表示，北约东扩是红线。\n';

function claim(text: string, quote: string, claimText = 'NATO expansion is a red line'): NewAnnotation {
  const start = text.indexOf(quote);
  assert.ok(start >= 0, `"${quote}" is in the text`);
  return { start, end: start + quote.length, claim: claimText, stance: { polarity: 'oppose', intensity: -2 } };
}

/** The ids and claims of the sidecar on disk, sorted by id (asserting that it parses). */
function onDisk(f: SyncFixture, path = SIDECAR): string[] {
  const text = f.disk.files.get(path);
  if (text === undefined) return [];
  const parsed = parseSidecar(text, path);
  assert.ok(parsed.value, parsed.problems.map((p) => p.message).join('; '));
  return parsed.value.annotations.map((a) => `${a.id} ${a.claim}`).sort();
}

/** Another writer (a second window, the CLI) adding an annotation to the sidecar on disk. */
async function addElsewhere(f: SyncFixture, quote: string, claimText: string): Promise<string> {
  const other = new AnnotationStore(f.disk, { author: 'B', random: () => 0.5 });
  const text = f.disk.files.get(DOC)!;
  await other.load(DOC, text);
  const m = other.add(DOC, claim(text, quote, claimText));
  const saved = await other.save(DOC);
  assert.equal(saved.ok, true);
  return m.id!;
}

function spans(f: SyncFixture): string[] {
  const state = f.sync.get(DOC)!;
  return state.annotations.map((r) => `${r.annotation.claim}: ${state.text.slice(r.start, r.end)}${r.orphaned ? ' (orphan)' : ''}`);
}

describe('annotation sync: the operation queue', () => {
  it('runs operations one at a time in the order requested; a failed one rejects only its own promise', async () => {
    const queue = new OperationQueue();
    const order: string[] = [];
    const step = (name: string, ms: number, fail = false) =>
      queue.run(async () => {
        order.push(`${name} start`);
        await new Promise((r) => setTimeout(r, ms));
        order.push(`${name} end`);
        if (fail) throw new Error(`${name} failed`);
        return name;
      });
    const results = await Promise.allSettled([step('a', 20), step('b', 1, true), step('c', 5)]);
    assert.deepEqual(order, ['a start', 'a end', 'b start', 'b end', 'c start', 'c end']);
    assert.deepEqual(
      results.map((r) => (r.status === 'fulfilled' ? r.value : (r.reason as Error).message)),
      ['a', 'b failed', 'c'],
    );
  });

  it('a load requested after a sidecar changed on disk is not served before the reload', async () => {
    const f = syncFixture();
    f.disk.files.set(DOC, TEXT);
    const mine = await f.sync.add(DOC, claim(TEXT, 'red line'));
    const theirs = await addElsewhere(f, '北约东扩', 'NATO enlargement');
    void f.sync.sidecarChanged(SIDECAR);
    const state = await f.sync.ensureLoaded(DOC);
    assert.deepEqual(state.annotations.map((r) => r.annotation.id).sort(), [mine.id!, theirs].sort());
    assert.deepEqual(f.log.filter((l) => l.startsWith('info Annotation file changed')), ['info Annotation file changed on disk: /ws/a/doc.txt.annotations.yaml']);
  });

  it('the watcher reporting our own write reads nothing again', async () => {
    const f = syncFixture();
    f.disk.files.set(DOC, TEXT);
    await f.sync.add(DOC, claim(TEXT, 'red line'));
    const loadsBefore = f.events.filter((e) => e === `problems ${DOC}`).length;
    await f.sync.sidecarChanged(SIDECAR);
    assert.deepEqual(f.log.filter((l) => l.startsWith('info Annotation file changed')), []);
    assert.equal(f.events.filter((e) => e === `problems ${DOC}`).length, loadsBefore);
  });

  it('a temp file of an atomic write is ignored', async () => {
    const f = syncFixture();
    f.disk.files.set(DOC, TEXT);
    await f.sync.ensureLoaded(DOC);
    const events = f.events.length;
    await f.sync.sidecarChanged(`${SIDECAR}.x1y2.tmp`);
    assert.equal(f.events.length, events);
  });
});

describe('annotation sync: live edits held while an operation awaits the disk', () => {
  it('edits made while a save is being written are replayed on the annotations after it', async () => {
    const f = syncFixture();
    f.disk.files.set(DOC, TEXT);
    const editor = f.open(DOC);
    await f.sync.ensureLoaded(DOC);
    const gate = f.files.hold('write', SIDECAR);
    const adding = f.sync.add(DOC, claim(TEXT, 'red line'));
    await gate.reached;
    editor.text = 'BREAKING: ' + TEXT;
    editor.isDirty = true;
    f.sync.textChanged(editor, [{ start: 0, end: 0, text: 'BREAKING: ' }]);
    assert.equal(f.sync.get(DOC)!.text, TEXT, 'held, not applied during the write');
    gate.release();
    const m = await adding;
    const state = f.sync.get(DOC)!;
    assert.equal(state.text, editor.text);
    const r = state.annotations.find((x) => x.annotation.id === m.id)!;
    assert.equal(r.start, TEXT.indexOf('red line') + 'BREAKING: '.length);
    assert.equal(state.text.slice(r.start, r.end), 'red line');
  });

  it('edits made while a sidecar changed on disk is read: the annotations are read again against the edited text', async () => {
    const f = syncFixture();
    f.disk.files.set(DOC, TEXT);
    const editor = f.open(DOC);
    await f.sync.add(DOC, claim(TEXT, 'red line'));
    await addElsewhere(f, '北约东扩', 'NATO enlargement');
    const gate = f.files.hold('read', SIDECAR);
    const reloading = f.sync.sidecarChanged(SIDECAR);
    await gate.reached;
    editor.text = TEXT.replace('Putin', 'President Putin');
    editor.isDirty = true;
    f.sync.textChanged(editor, [{ start: 0, end: 0, text: 'President ' }]);
    gate.release();
    await reloading;
    await f.sync.idle();
    assert.equal(f.sync.get(DOC)!.text, editor.text);
    assert.deepEqual(spans(f), ['NATO expansion is a red line: red line', 'NATO enlargement: 北约东扩']);
  });

  it('a passage deleted by a live edit is an orphan; typed back (undo in the editor) it is anchored again after the debounce', async () => {
    const f = syncFixture();
    f.disk.files.set(DOC, TEXT);
    const editor = f.open(DOC);
    await f.sync.add(DOC, claim(TEXT, 'red line'));
    const at = TEXT.indexOf('a red line');
    editor.text = TEXT.slice(0, at) + TEXT.slice(at + 'a red line'.length);
    editor.isDirty = true;
    f.sync.textChanged(editor, [{ start: at, end: at + 'a red line'.length, text: '' }]);
    assert.deepEqual(spans(f), ['NATO expansion is a red line:  (orphan)']);
    editor.text = TEXT;
    f.sync.textChanged(editor, [{ start: at, end: at, text: 'a red line' }]);
    assert.deepEqual(f.sync.pendingFollowUps(), [`revive ${DOC}`]);
    f.clock.runAll();
    await f.sync.idle();
    assert.deepEqual(spans(f), ['NATO expansion is a red line: red line']);
  });
});

describe('annotation sync: undo and redo', () => {
  it('undo of an add removes the annotation from the store and the sidecar; redo brings the same annotation back', async () => {
    const f = syncFixture();
    f.disk.files.set(DOC, TEXT);
    const m = await f.sync.add(DOC, claim(TEXT, 'red line'));
    assert.deepEqual([f.sync.canUndo, f.sync.canRedo], [true, false]);
    assert.equal(await f.sync.undo(), 'Add claim');
    assert.deepEqual(f.sync.get(DOC)!.annotations, []);
    assert.equal(f.disk.files.has(SIDECAR), false, 'a sidecar left empty is removed');
    assert.deepEqual([f.sync.canUndo, f.sync.canRedo], [false, true]);
    assert.equal(await f.sync.redo(), 'Add claim');
    assert.deepEqual(onDisk(f), [`${m.id!} NATO expansion is a red line`]);
    assert.deepEqual([f.sync.canUndo, f.sync.canRedo], [true, false]);
  });

  it('undo of an edit writes the previous claim back; a new change clears what was left to redo', async () => {
    const f = syncFixture();
    f.disk.files.set(DOC, TEXT);
    const m = await f.sync.add(DOC, claim(TEXT, 'red line'));
    await f.sync.update(DOC, m.id!, { claim: 'a red line for Russia' });
    assert.equal(await f.sync.undo(), 'Edit annotation');
    assert.deepEqual(onDisk(f), [`${m.id!} NATO expansion is a red line`]);
    assert.equal(f.sync.canRedo, true);
    await f.sync.add(DOC, claim(TEXT, '北约东扩', 'NATO enlargement'));
    assert.equal(f.sync.canRedo, false);
    assert.equal(await f.sync.redo(), undefined);
  });

  it('a change whose write fails is taken back: not in the store, not on disk, not recorded for undo', async () => {
    const f = syncFixture();
    f.disk.files.set(DOC, TEXT);
    const m = await f.sync.add(DOC, claim(TEXT, 'red line'));
    f.files.writeFailures = 1;
    await assert.rejects(f.sync.update(DOC, m.id!, { claim: 'changed' }), {
      message: 'Edit annotation failed, nothing was changed (it will not be saved later): /ws/a/doc.txt.annotations.yaml — not saved: ENOSPC: no space left on device',
    });
    assert.equal(f.sync.get(DOC)!.annotations[0]!.annotation.claim, 'NATO expansion is a red line');
    assert.deepEqual(onDisk(f), [`${m.id!} NATO expansion is a red line`]);
    assert.equal(await f.sync.undo(), 'Add claim', 'the failed edit is not the last change');
  });

  it('an undo whose write fails is taken back and stays undoable', async () => {
    const f = syncFixture();
    f.disk.files.set(DOC, TEXT);
    const m = await f.sync.add(DOC, claim(TEXT, 'red line'));
    await f.sync.update(DOC, m.id!, { claim: 'changed' });
    f.files.writeFailures = 1;
    await assert.rejects(f.sync.undo(), (e: unknown) => {
      assert.ok(e instanceof AnnotationRefusal);
      assert.equal(e.message, 'Edit annotation failed, nothing was changed (it will not be saved later): /ws/a/doc.txt.annotations.yaml — not saved: ENOSPC: no space left on device');
      return true;
    });
    assert.deepEqual(onDisk(f), [`${m.id!} changed`]);
    assert.equal(f.sync.get(DOC)!.annotations[0]!.annotation.claim, 'changed');
    assert.deepEqual([f.sync.canUndo, f.sync.canRedo], [true, false]);
    assert.equal(await f.sync.undo(), 'Edit annotation');
    assert.deepEqual(onDisk(f), [`${m.id!} NATO expansion is a red line`]);
  });

  it('the history keeps the last changes up to its limit, newest first', async () => {
    const history = new UndoHistory(3);
    for (const label of ['1', '2', '3', '4', '5']) history.record({ docPath: DOC, ops: [], label });
    const undone: Array<string | undefined> = [];
    for (let i = 0; i < 4; i++) undone.push((await history.step('undo', async (entry, applied) => applied(entry)))?.label);
    assert.deepEqual(undone, ['5', '4', '3', undefined]);
    assert.deepEqual([history.canUndo, history.canRedo], [false, true]);
  });

  it('in Restricted Mode a change is refused with the host message and nothing is written', async () => {
    const f = syncFixture({ trusted: false });
    f.disk.files.set(DOC, TEXT);
    await assert.rejects(f.sync.add(DOC, claim(TEXT, 'red line')), (e: unknown) => {
      // Its class tells the adapter to offer Manage Workspace Trust (not the text of the message).
      assert.ok(e instanceof RestrictedRefusal);
      assert.equal(e.message, 'Restricted Mode: annotations are read-only');
      return true;
    });
    assert.equal(f.disk.writes, 0);
    assert.equal(f.sync.canUndo, false);
  });
});

describe('annotation sync: the sidecar ↔ document lookup', () => {
  it('a sidecar is beside its document, or mirrored under corpusLens.annotations.folder', () => {
    assert.equal(syncFixture().sync.sidecarPathFor(DOC), SIDECAR);
    assert.equal(syncFixture({ annotationsFolder: 'notes' }).sync.sidecarPathFor(DOC), `${ROOT}/notes/a/doc.txt.annotations.yaml`);
  });

  it('a folder setting that leads outside the workspace folder is not used, with one warning', () => {
    const f = syncFixture({ annotationsFolder: '../elsewhere' });
    assert.equal(f.sync.sidecarPathFor(DOC), SIDECAR);
    assert.equal(f.sync.sidecarPathFor(`${ROOT}/b.txt`), `${ROOT}/b.txt.annotations.yaml`);
    assert.deepEqual(f.events, [
      'warning Corpus Lens: the setting corpusLens.annotations.folder ("../elsewhere") is not used: the path leads outside the workspace folder. Annotation files are kept beside each document.',
    ]);
  });

  it('the workspace sidecars are loaded for their documents: by document.path, and by name under the folder', async () => {
    const f = syncFixture({ annotationsFolder: 'notes' });
    f.disk.files.set(DOC, TEXT);
    const m = await f.sync.add(DOC, claim(TEXT, 'red line'));
    const mirrored = `${ROOT}/notes/a/doc.txt.annotations.yaml`;
    assert.deepEqual(onDisk(f, mirrored), [`${m.id!} NATO expansion is a red line`]);
    // A second window over the same files: the sidecars found in the workspace.
    const g = syncFixture({ annotationsFolder: 'notes' });
    for (const [path, text] of f.disk.files) g.disk.files.set(path, text);
    const other = `${ROOT}/b.txt`;
    g.disk.files.set(other, 'plain text\n');
    g.disk.files.set(`${ROOT}/notes/b.txt.annotations.yaml`, 'schema: corpus-lens/annotations@1\nannotations: []\n'); // no document block: by name
    await g.sync.loadWorkspace([mirrored, `${ROOT}/notes/b.txt.annotations.yaml`]);
    assert.deepEqual(g.sync.states().map((s) => `${s.docPath} ${s.annotations.length}${s.readOnly ? ' read-only' : ''}`), [`${DOC} 1`, `${other} 0 read-only`]);
    assert.deepEqual(g.log.filter((l) => l.startsWith('info Loaded')), ['info Loaded 2 annotation files']);
  });

  it('a document.path that leads outside the workspace folder: an error on the sidecar at its line, nothing read', async () => {
    const f = syncFixture();
    const sidecar = `${ROOT}/x.txt.annotations.yaml`;
    f.disk.files.set(sidecar, 'schema: corpus-lens/annotations@1\ndocument:\n  path: ../../etc/passwd\nannotations: []\n');
    await f.sync.loadWorkspace([sidecar]);
    assert.deepEqual(f.sync.states(), []);
    assert.deepEqual(f.events, [`sidecar ${sidecar} error@3:3 document.path "../../etc/passwd": the path leads outside the workspace folder; nothing was read`]);
  });

  it('a sidecar whose document does not exist: a warning on it, the file kept as it is', async () => {
    const f = syncFixture();
    const sidecar = `${ROOT}/gone.txt.annotations.yaml`;
    const text = 'schema: corpus-lens/annotations@1\ndocument:\n  path: gone.txt\nannotations: []\n';
    f.disk.files.set(sidecar, text);
    await f.sync.loadWorkspace([sidecar]);
    assert.deepEqual(f.sync.states(), []);
    assert.deepEqual(f.events, [`sidecar ${sidecar} warning@1:1 the annotated document gone.txt does not exist; the annotations are kept`]);
    assert.equal(f.disk.files.get(sidecar), text);
    assert.equal(f.disk.writes, 0);
  });

  it('a sidecar deleted on disk whose document is not loaded: its problems are removed', async () => {
    const f = syncFixture();
    await f.sync.sidecarChanged(`${ROOT}/gone.txt.annotations.yaml`);
    assert.deepEqual(f.events, [`sidecar ${ROOT}/gone.txt.annotations.yaml none`]);
  });
});
