import * as assert from 'node:assert/strict';
import { AutoCodeError, SegmentStore, batchByDocument, checkBatch, dateInRange, findAutoCodeHits, parseDateRange, parseSegments, resolveSegments, segmentPathFor, type AutoCodeCorpus } from '../../src/core/codes';
import { MemoryFileStore } from '../helpers/memoryFileStore';

const DOCS: Record<string, string> = {
  '/w/a.txt': '普京说北约东扩是红线。\n美方称紅線不可逾越。2014年3月克里米亚……',
  '/w/b.txt': 'The Kremlin called NATO enlargement a red line.\nPutin, in March 2014: RED LINE.',
  '/w/c.txt': '无关的文本。',
};

function corpus(docs: readonly string[] = Object.keys(DOCS), existing: Record<string, Array<{ start: number; end: number; codes: string[] }>> = {}): AutoCodeCorpus & { reads: string[] } {
  const reads: string[] = [];
  return {
    reads,
    documents: docs,
    textOf: (d) => {
      reads.push(d);
      return DOCS[d];
    },
    mentionsOf: (id) => {
      const out: Array<{ path: string; start: number; end: number }> = [];
      const name = id === 'putin' ? ['普京', 'Putin'] : ['北约', 'NATO'];
      for (const [path, text] of Object.entries(DOCS)) for (const n of name) for (let i = text.indexOf(n); i >= 0; i = text.indexOf(n, i + 1)) out.push({ path, start: i, end: i + n.length });
      // The index may list a nested member twice: deduplicated.
      if (id === 'putin') out.push({ path: '/w/a.txt', start: 0, end: 2 });
      return out;
    },
    datesOf: (d) => {
      const text = DOCS[d]!;
      const out: Array<{ start: number; end: number; value: string; type?: string }> = [];
      const zh = text.indexOf('2014年3月');
      if (zh >= 0) out.push({ start: zh, end: zh + 7, value: '2014-03', type: 'DATE' });
      const en = text.indexOf('March 2014');
      if (en >= 0) out.push({ start: en, end: en + 10, value: '2014-03', type: 'DATE' });
      if (d === '/w/b.txt') out.push({ start: 0, end: 3, value: 'P3Y', type: 'DURATION' });
      return out;
    },
    existing: (d) => existing[d] ?? [],
  };
}

describe('codes: auto-coding (hits, review, batches)', () => {
  it('a text search folds scripts, width and case; hits carry context, line and column', async () => {
    const r = await findAutoCodeHits({ kind: 'text', pattern: '红线' }, corpus());
    assert.deepEqual(r.hits.map((h) => [h.doc, h.text, h.line, h.column]), [
      ['/w/a.txt', '红线', 1, 9],
      ['/w/a.txt', '紅線', 2, 4],
    ]);
    assert.equal(r.hits[1]!.left, '普京说北约东扩是红线。 美方称');
    const en = await findAutoCodeHits({ kind: 'text', pattern: 'red line' }, corpus());
    assert.deepEqual(en.hits.map((h) => h.text), ['red line', 'RED LINE']);
    const exact = await findAutoCodeHits({ kind: 'text', pattern: 'red line', exact: true }, corpus());
    assert.deepEqual(exact.hits.map((h) => h.text), ['red line']);
  });

  it('regular expressions, within a document set; bad input is a clear error', async () => {
    const r = await findAutoCodeHits({ kind: 'regex', pattern: '(北约|NATO)\\S*' }, corpus(['/w/b.txt', '/w/c.txt']));
    assert.deepEqual(r.hits.map((h) => [h.doc, h.text]), [['/w/b.txt', 'NATO']]);
    await assert.rejects(findAutoCodeHits({ kind: 'regex', pattern: '(' }, corpus()), (e: unknown) => e instanceof AutoCodeError && /invalid regular expression/.test(e.message));
    await assert.rejects(findAutoCodeHits({ kind: 'regex', pattern: 'x*' }, corpus()), /matches the empty string/);
    await assert.rejects(findAutoCodeHits({ kind: 'text', pattern: '' }, corpus()), /empty/);
  });

  it("an entity's mentions from the index, deduplicated, only in the document set, only reading documents with mentions", async () => {
    const c = corpus(['/w/a.txt', '/w/b.txt', '/w/c.txt']);
    const r = await findAutoCodeHits({ kind: 'entity', entityIds: ['putin'] }, c);
    assert.deepEqual(r.hits.map((h) => [h.doc, h.text, h.entityId]), [
      ['/w/a.txt', '普京', 'putin'],
      ['/w/b.txt', 'Putin', 'putin'],
    ]);
    assert.deepEqual(c.reads, ['/w/a.txt', '/w/b.txt']);
    const only = await findAutoCodeHits({ kind: 'entity', entityIds: ['putin', 'nato'] }, corpus(['/w/b.txt']));
    assert.deepEqual(only.hits.map((h) => h.text), ['NATO', 'Putin']);
  });

  it('a date range over the normalised values (durations left out); ranges parse with clear errors', async () => {
    const r = await findAutoCodeHits({ kind: 'date', ...parseDateRange('2014..2014-06') }, corpus());
    assert.deepEqual(r.hits.map((h) => [h.doc, h.text, h.value]), [
      ['/w/a.txt', '2014年3月', '2014-03'],
      ['/w/b.txt', 'March 2014', '2014-03'],
    ]);
    assert.equal((await findAutoCodeHits({ kind: 'date', ...parseDateRange('2014-04..') }, corpus())).hits.length, 0);
    assert.deepEqual(parseDateRange('2019-02'), { from: '2019-02', to: '2019-02' });
    assert.deepEqual(parseDateRange('..2020'), { to: '2020' });
    assert.equal(dateInRange('2019-02-28', '2019-02', '2019-02'), true);
    assert.equal(dateInRange('2008-05/2012-05', '2008', '2008'), true);
    assert.equal(dateInRange('XXXX-12-31', '2000', '2030'), false);
    assert.throws(() => parseDateRange('2014/05'), /not a date/);
    assert.throws(() => parseDateRange('2016..2014'), /ends before it starts/);
    assert.throws(() => parseDateRange('..'), /at least one bound/);
  });

  it('spans already coded with the codes are skipped; the limit truncates', async () => {
    const text = DOCS['/w/a.txt']!;
    const at = text.indexOf('红线');
    const c = corpus(undefined, { '/w/a.txt': [{ start: at, end: at + 2, codes: ['red-line', 'x'] }] });
    const r = await findAutoCodeHits({ kind: 'text', pattern: '红线' }, c, { codes: ['red-line'] });
    assert.equal(r.skipped, 1);
    assert.deepEqual(r.hits.map((h) => h.text), ['紅線']);
    const other = await findAutoCodeHits({ kind: 'text', pattern: '红线' }, c, { codes: ['nato'] });
    assert.equal(other.skipped, 0);
    const limited = await findAutoCodeHits({ kind: 'text', pattern: '红线' }, corpus(), { limit: 1 });
    assert.deepEqual([limited.hits.length, limited.truncated], [1, 1]);
  });

  it('accepted hits are written as one batch per document; a second run finds nothing new; stale hits are not written', async () => {
    const fs = new MemoryFileStore();
    const store = new SegmentStore(fs, { author: 'ana', now: () => new Date('2026-11-22T07:30:00Z') });
    const codes = ['red-line'];
    const run = async (): Promise<{ writes: number; offered: string[] }> => {
      const existing: Record<string, Array<{ start: number; end: number; codes: string[] }>> = {};
      for (const doc of Object.keys(DOCS)) {
        const loaded = await store.load(segmentPathFor(doc), DOCS[doc]!);
        existing[doc] = loaded.segments.map((s) => ({ start: s.start, end: s.end, codes: s.segment.codes }));
      }
      const r = await findAutoCodeHits({ kind: 'regex', pattern: 'red line|红线|紅線' }, corpus(undefined, existing), { codes });
      const accepted = r.hits.filter((h) => h.text !== 'RED LINE'); // the analyst rejects one
      const before = fs.writes;
      for (const b of batchByDocument(accepted, codes)) {
        const checked = checkBatch(b, DOCS[b.doc]!);
        assert.equal(checked.stale.length, 0);
        await store.applyMany(segmentPathFor(b.doc), b.doc, DOCS[b.doc]!, checked.batch.items);
      }
      return { writes: fs.writes - before, offered: r.hits.map((h) => h.text) };
    };
    assert.deepEqual(await run(), { writes: 2, offered: ['红线', '紅線', 'red line', 'RED LINE'] }); // a.txt and b.txt: one write each
    const a = parseSegments(fs.files.get(segmentPathFor('/w/a.txt'))!, 'a').value!;
    assert.deepEqual(resolveSegments(DOCS['/w/a.txt']!, a.segments).map((s) => DOCS['/w/a.txt']!.slice(s.start, s.end)), ['红线', '紅線']);
    const b = parseSegments(fs.files.get(segmentPathFor('/w/b.txt'))!, 'b').value!;
    assert.equal(b.segments.length, 1);
    // Re-running: the accepted spans are skipped; only the rejected one is offered again.
    assert.deepEqual(await run(), { writes: 0, offered: ['RED LINE'] });
    assert.equal(parseSegments(fs.files.get(segmentPathFor('/w/b.txt'))!, 'b').value!.segments.length, 1);
    // The text changed since the search: that hit is not written.
    const [batch] = batchByDocument([{ key: 'k', doc: '/w/a.txt', start: 0, end: 2, text: '普京', left: '', right: '', line: 1, column: 1 }], codes);
    assert.equal(checkBatch(batch!, 'X' + DOCS['/w/a.txt']!).stale.length, 1);
    assert.throws(() => batchByDocument([], []), /no code/);
  });
});
