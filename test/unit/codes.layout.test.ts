import * as assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { SegmentStore, parseSegments, segmentPathFor, serializeSegments, type Segment } from '../../src/core/codes';
import { assembleSegments, segmentsByIdOrder, type SegmentOrder } from '../../src/core/codes/segmentLayout';
import { NodeFileStore } from '../../src/cli/nodeFileStore';
import { MemoryFileStore } from '../helpers/memoryFileStore';
import { seededRandom as seeded } from '../../src/core/random';

/** A memory store with version stamps (as NodeFiles): a counter bumped by every write. */
class VersionedMemoryStore extends MemoryFileStore {
  private readonly stamps = new Map<string, number>();
  private n = 0;
  override async writeTextAtomic(p: string, text: string): Promise<void> {
    await super.writeTextAtomic(p, text);
    this.stamps.set(p, ++this.n);
  }
  /** A write that does not go through the store (a text editor, git). */
  outside(p: string, text: string): void {
    this.files.set(p, text);
    this.stamps.set(p, ++this.n);
  }
  async version(p: string): Promise<string | undefined> {
    return this.files.has(p) ? String(this.stamps.get(p) ?? 0) : undefined;
  }
}

const TEXT = '😀 普京说北约东扩是红线。Другое. The Kremlin said NATO enlargement is a red line; 美方表示关切。'.repeat(6);

describe('codes: incremental segment file layout', () => {
  it('segmentsByIdOrder equals a sort by id (kept, replaced, removed, added objects; stale orders)', () => {
    const rnd = seeded(7);
    const mk = (id: string): Segment => ({ id, target: { selector: [{ type: 'TextQuoteSelector', exact: id }] }, codes: ['c'], author: 'a', modified: '2026-01-01T00:00:00Z', created: '2026-01-01T00:00:00Z' });
    for (let round = 0; round < 200; round++) {
      const prev = Array.from({ length: Math.floor(rnd() * 30) }, (_, i) => mk(`s-${Math.floor(rnd() * 1000)}-${i}`)).sort((a, b) => (a.id < b.id ? -1 : 1));
      const next = prev.filter(() => rnd() > 0.2).map((s) => (rnd() < 0.2 ? { ...s, codes: ['d'] } : s));
      for (let i = Math.floor(rnd() * 5); i > 0; i--) next.push(mk(`s-${Math.floor(rnd() * 1000)}-n${i}`));
      const stale = rnd() < 0.2 ? [...prev].reverse() : prev;
      const got = segmentsByIdOrder(next, stale);
      const want = [...next].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
      if (stale === prev) assert.deepEqual(got.map((s) => s.id), want.map((s) => s.id));
      const order: SegmentOrder = { list: stale };
      assert.equal(assembleSegments({ document: { path: 'd.txt' }, segments: next }, order), serializeSegments({ document: { path: 'd.txt' }, segments: next }));
    }
  });

  for (const [name, make] of [
    ['memory store (re-reads every time)', () => new MemoryFileStore()],
    ['store with version stamps (skips re-reading its own writes)', () => new VersionedMemoryStore()],
  ] as const) {
    it(`random applies, updates, removes and batches write byte-identically to the full serialiser: ${name}`, async () => {
      const rnd = seeded(11);
      const fs = make();
      const store = new SegmentStore(fs, { author: 'ana', random: rnd, now: () => new Date(Date.UTC(2026, 0, 1, 0, 0, Math.floor(rnd() * 3600))) });
      const doc = '/w/doc.txt';
      const seg = segmentPathFor(doc);
      const model = new Map<string, string[]>();
      for (let step = 0; step < 300; step++) {
        const r = rnd();
        const ids = [...model.keys()];
        if (r < 0.45 || !ids.length) {
          const start = Math.floor(rnd() * (TEXT.length - 12));
          const s = TEXT.charCodeAt(start) >= 0xdc00 && TEXT.charCodeAt(start) <= 0xdfff ? start + 1 : start;
          const id = await store.apply(seg, doc, TEXT, s, s + 1 + Math.floor(rnd() * 10), [`c${Math.floor(rnd() * 5)}`], rnd() < 0.3 ? `memo ${step}` : undefined);
          assert.ok(id);
        } else if (r < 0.65) {
          const id = ids[Math.floor(rnd() * ids.length)]!;
          assert.equal(await store.update(seg, doc, TEXT, id, { codes: [`c${Math.floor(rnd() * 5)}`, 'x'], memo: rnd() < 0.5 ? undefined : `m${step}` }), true);
        } else if (r < 0.8) {
          const id = ids[Math.floor(rnd() * ids.length)]!;
          assert.equal(await store.remove(seg, doc, TEXT, id), true);
        } else if (r < 0.9) {
          const items = Array.from({ length: 1 + Math.floor(rnd() * 6) }, () => {
            const start = 1 + 2 * Math.floor(rnd() * 20);
            return { start, end: start + 2, codes: [`b${Math.floor(rnd() * 3)}`] };
          });
          await store.applyMany(seg, doc, TEXT, items);
        } else if (fs instanceof VersionedMemoryStore && fs.files.has(seg)) {
          // Someone else writes the file (git, a text editor): the next write must start from their text.
          const parsed = parseSegments(fs.files.get(seg)!, seg).value!;
          const victim = parsed.segments[Math.floor(rnd() * parsed.segments.length)]!;
          fs.outside(seg, serializeSegments({ ...parsed, segments: parsed.segments.map((s) => (s === victim ? { ...s, codes: ['outside'] } : s)) }));
        }
        const disk = fs.files.get(seg);
        model.clear();
        if (disk === undefined) continue;
        const parsed = parseSegments(disk, seg);
        assert.equal(parsed.writable, true);
        assert.equal(disk, serializeSegments(parsed.value!), `step ${step}: the file is not what the full serialiser writes`);
        for (const s of parsed.value!.segments) model.set(s.id, s.codes);
      }
      assert.ok(fs.writes > 100);
    });
  }

  it('a file changed on disk after our write is re-read before the next write (real files, version stamps)', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'codes-layout-'));
    try {
      const doc = path.join(dir, 'doc.txt');
      writeFileSync(doc, TEXT);
      const seg = segmentPathFor(doc);
      const store = new SegmentStore(new NodeFileStore(), { author: 'ana' });
      const a = await store.apply(seg, doc, TEXT, 2, 6, ['one']);
      const parsed = parseSegments(readFileSync(seg, 'utf8'), seg).value!;
      // Same length, written in place (as a text editor does): the stamp changes (mtime/ctime), the size does not.
      writeFileSync(seg, serializeSegments({ ...parsed, segments: parsed.segments.map((s) => ({ ...s, codes: ['two'] })) }));
      await store.apply(seg, doc, TEXT, 8, 10, ['three']);
      const after = parseSegments(readFileSync(seg, 'utf8'), seg).value!;
      assert.deepEqual(after.segments.find((s) => s.id === a)!.codes, ['two']);
      assert.equal(after.segments.length, 2);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
