import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { NodeFileStore } from '../src/cli/nodeFileStore';
import { SegmentStore, countCodes, parseCodebook, parseQuery, retrieve, segmentPathFor, type CodedItem } from '../src/core/codes';
import type { BenchRow } from './row';

/**
 * The code system at 1,000 codes (three levels) and 50,000 coded segments over 1,000 documents: the Codes view
 * counts (segments and documents per code, own and with the codes below), one AND/OR/NOT retrieval, and applying a
 * code (read-modify-write of the document's segment file under the lock, fsync'ed, on the real disk).
 */
function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)]!;
}

function timeRuns(f: () => unknown, runs: number): number {
  f();
  const out: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t = performance.now();
    f();
    out.push(performance.now() - t);
  }
  return median(out);
}

export async function run(): Promise<BenchRow[]> {
  // Deterministic pseudo-random numbers.
  let seed = 42;
  const rnd = (): number => ((seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648);
  const lines = ['schema: corpus-lens/codebook@1', 'codes:'];
  for (let i = 0; i < 1000; i++) {
    const parent = i < 20 ? undefined : i < 200 ? `c${i % 20}` : `c${20 + (i % 180)}`;
    lines.push(`  - id: c${i}`, `    labels: {en: code ${i}, zh-Hans: 代码${i}}`, ...(parent ? [`    parent: ${parent}`] : []));
  }
  const text = lines.join('\n') + '\n';
  const parseMs = timeRuns(() => parseCodebook(text, 'codebook.yaml'), 5);
  const book = parseCodebook(text, 'codebook.yaml').value;
  const items: CodedItem[] = [];
  for (let i = 0; i < 50_000; i++) {
    const n = 1 + Math.floor(rnd() * 3);
    const codes = [...new Set(Array.from({ length: n }, () => `c${Math.floor(rnd() * 1000)}`))];
    const start = Math.floor(rnd() * 20_000);
    items.push({ doc: `doc${i % 1000}.txt`, id: `s-${i}`, kind: 'segment', start, end: start + 5 + Math.floor(rnd() * 200), codes });
  }
  const countMs = timeRuns(() => countCodes(book, items), 5);
  const query = parseQuery('(c3 OR c25) AND NOT c7 OR c500 AND c501', book);
  const retrieveMs = timeRuns(() => retrieve(book, items, query), 5);
  const parentQuery = parseQuery('c1 AND c2', book);
  const retrieveParentMs = timeRuns(() => retrieve(book, items, parentQuery), 5);

  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'codes-bench-'));
  try {
    const store = new SegmentStore(new NodeFileStore(), { author: 'bench' });
    const docText = '普京表示北约东扩是红线。'.repeat(2000);
    const applyIn = async (segmentsInFile: number): Promise<number> => {
      const doc = path.join(dir, `d${segmentsInFile}.txt`);
      fs.writeFileSync(doc, docText);
      const seg = segmentPathFor(doc);
      await store.applyMany(seg, doc, docText, Array.from({ length: segmentsInFile }, (_, i) => ({ start: (i * 7) % (docText.length - 20), end: ((i * 7) % (docText.length - 20)) + 4 + (i % 9), codes: [`c${i % 1000}`] })));
      const out: number[] = [];
      for (let i = 0; i < 15; i++) {
        const t = performance.now();
        await store.apply(seg, doc, docText, 100 + i, 110 + i, [`c${i}`]);
        out.push(performance.now() - t);
      }
      return median(out);
    };
    const apply50 = await applyIn(50);
    const apply5000 = await applyIn(5000);
    return [
      { name: 'parse a 1,000-code codebook (3 levels)', value: parseMs, unit: 'ms', target: 'report' },
      { name: 'Codes view counts: 1,000 codes, 50,000 segments', value: countMs, unit: 'ms', target: '< 200 ms', ok: countMs < 200 },
      { name: 'retrieval (c3 OR c25) AND NOT c7 OR c500 AND c501, 50k', value: retrieveMs, unit: 'ms', target: '< 500 ms', ok: retrieveMs < 500 },
      { name: 'retrieval of two top codes with their 980 children, 50k', value: retrieveParentMs, unit: 'ms', target: '< 500 ms', ok: retrieveParentMs < 500 },
      { name: 'apply a code (disk, lock, fsync), document with 50 segments', value: apply50, unit: 'ms', target: '< 50 ms', ok: apply50 < 50 },
      { name: '... document with 5,000 segments', value: apply5000, unit: 'ms', target: '< 50 ms', ok: apply5000 < 50 },
    ];
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}
