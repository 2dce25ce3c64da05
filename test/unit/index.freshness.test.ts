// Overlapping index updates of one document (src/core/corpus/freshness.ts), in the interleavings the extension's
// CorpusService meets: a full index, the file watcher and an editor's unsaved text running at once.
import * as assert from 'node:assert/strict';
import { IndexFreshness } from '../../src/core/corpus/freshness';

/** The index as the CorpusService keeps it (path -> text), updated through the tracker as the service does. */
class Model {
  readonly freshness = new IndexFreshness();
  readonly docs = new Map<string, string>();
  /** An update that starts now (its read happens now) and settles when the returned function is called. */
  start(path: string, text: string | undefined): () => boolean {
    const ticket = this.freshness.begin();
    return () => {
      if (!this.freshness.settle(path, ticket)) return false;
      if (text === undefined) this.docs.delete(path);
      else this.docs.set(path, text);
      return true;
    };
  }
  /** Synchronous updates (an editor's text, a watcher delete): start and settle at once. */
  now(path: string, text: string | undefined): boolean {
    return this.start(path, text)();
  }
}

describe('index freshness: the update that started last wins', () => {
  it('updates that settle in the order they started all apply', () => {
    const m = new Model();
    assert.equal(m.now('a.txt', 'v1'), true);
    assert.equal(m.now('a.txt', 'v2'), true);
    assert.equal(m.now('a.txt', undefined), true);
    assert.equal(m.now('a.txt', 'v3'), true);
    assert.deepEqual([...m.docs], [['a.txt', 'v3']]);
  });

  it("a watcher read that finishes after the editor's newer text is dropped", () => {
    const m = new Model();
    const watcherRead = m.start('a.txt', 'on disk'); // the file changed on disk: a read starts
    assert.equal(m.now('a.txt', 'typed in the editor'), true); // the analyst's unsaved text, later
    assert.equal(watcherRead(), false);
    assert.equal(m.docs.get('a.txt'), 'typed in the editor');
  });

  it('two reads of one file that finish out of order (a worker pool) keep the later read', () => {
    const m = new Model();
    const first = m.start('a.txt', 'v1');
    const second = m.start('a.txt', 'v2');
    assert.equal(second(), true);
    assert.equal(first(), false);
    assert.equal(m.docs.get('a.txt'), 'v2');
  });

  it('a read that started before the file was deleted does not bring it back', () => {
    const m = new Model();
    m.now('a.txt', 'v1');
    const read = m.start('a.txt', 'v1 read before the delete');
    assert.equal(m.now('a.txt', undefined), true);
    assert.equal(read(), false);
    assert.equal(m.docs.has('a.txt'), false);
  });

  it("a full run keeps a file the watcher added while it listed the files, and removes one that is gone", () => {
    const m = new Model();
    m.now('old.txt', 'indexed before the run');
    m.now('deleted.txt', 'indexed before the run, deleted since');
    const run = m.freshness.run(); // findFiles starts: its list has old.txt only
    m.now('new.txt', 'created during the listing'); // the watcher event of a file the list missed
    const listed = new Set(['old.txt']);
    for (const path of [...m.docs.keys()]) {
      if (!listed.has(path) && m.freshness.settle(path, run)) m.docs.delete(path);
    }
    assert.deepEqual([...m.docs.keys()].sort(), ['new.txt', 'old.txt']);
    // A read of the deleted file that started before the run cannot bring it back either.
    assert.equal(m.freshness.settle('deleted.txt', run - 1), false);
  });

  it("a full run's read that started after a watcher update replaces it (the later read saw the newer file)", () => {
    const m = new Model();
    const watcher = m.start('a.txt', 'v1');
    m.freshness.run();
    const runRead = m.start('a.txt', 'v2');
    assert.equal(watcher(), true);
    assert.equal(runRead(), true);
    assert.equal(m.docs.get('a.txt'), 'v2');
  });

  it('a rename drops reads of either path that started before it', () => {
    const m = new Model();
    m.now('a.txt', 'text');
    const readOld = m.start('a.txt', 'read before the rename');
    const readNew = m.start('b.txt', undefined); // nothing at b.txt yet: the read finds it missing
    m.freshness.rename('a.txt', 'b.txt');
    m.docs.set('b.txt', m.docs.get('a.txt')!);
    m.docs.delete('a.txt');
    assert.equal(readOld(), false);
    assert.equal(readNew(), false);
    assert.deepEqual([...m.docs], [['b.txt', 'text']]);
    assert.equal(m.now('b.txt', 'edited after the rename'), true);
  });
});
