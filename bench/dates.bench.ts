/**
 * Date recogniser benchmark: the five samples repeated to >= 20 MB (UTF-8), recognised document by
 * document (listings split into records with inferred references, the others with a default reference),
 * then the same volume as ONE 20 MB string (no per-document split: checks the scan stays linear).
 * Reports throughput and peak heap / RSS growth.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { findDates, type DateSegment } from '../src/core/dates';
import type { BenchRow } from './row';

type Row = BenchRow;

const gc = (globalThis as { gc?: () => void }).gc;
const TARGET_MB = 20;

function records(text: string): DateSegment[] {
  const segs: DateSegment[] = [];
  let start = 0;
  for (;;) {
    const k = text.indexOf('相似文献', start);
    if (k < 0) break;
    segs.push({ start, end: k + 4 });
    start = k + 4;
  }
  if (start < text.length) segs.push({ start, end: text.length });
  return segs;
}

export async function run(): Promise<Row[]> {
  const dir = path.join(__dirname, '..', 'samples');
  const docs = fs.readdirSync(dir).filter((f) => f.endsWith('.txt')).sort().map((f) => fs.readFileSync(path.join(dir, f), 'utf8'));
  const bytes = docs.map((d) => Buffer.byteLength(d, 'utf8'));
  const segs = docs.map((d) => (d.includes('相似文献') ? records(d) : undefined));
  const ref = { value: '2021-12-31', how: 'bench' };
  const once = (k: number) => findDates(docs[k]!, segs[k] ? { segments: segs[k] } : { defaultReference: ref });

  // Warm-up (JIT, OpenCC-free: the scanner has no lazy tables beyond module load).
  for (let r = 0; r < 20; r++) for (let k = 0; k < docs.length; k++) once(k);

  gc?.();
  const heap0 = process.memoryUsage().heapUsed;
  const rss0 = process.memoryUsage().rss;
  let peakHeap = 0;
  let peakRss = 0;
  let total = 0;
  let mentions = 0;
  let iter = 0;
  const t0 = performance.now();
  while (total < TARGET_MB * 1e6) {
    for (let k = 0; k < docs.length; k++) {
      mentions += once(k).length;
      total += bytes[k]!;
    }
    if (++iter % 20 === 0) {
      const m = process.memoryUsage();
      peakHeap = Math.max(peakHeap, m.heapUsed - heap0);
      peakRss = Math.max(peakRss, m.rss - rss0);
    }
  }
  const secs = (performance.now() - t0) / 1000;
  const perDoc = total / 1e6 / secs;

  // One big document.
  const big = docs.join('\n\n').repeat(Math.ceil((TARGET_MB * 1e6) / bytes.reduce((a, b) => a + b, 0)));
  const bigBytes = Buffer.byteLength(big, 'utf8');
  gc?.();
  const heap1 = process.memoryUsage().heapUsed;
  const t1 = performance.now();
  const bigFound = findDates(big, { defaultReference: ref });
  const secs1 = (performance.now() - t1) / 1000;
  const heapBig = process.memoryUsage().heapUsed - heap1;
  const bigRate = bigBytes / 1e6 / secs1;

  return [
    { name: `throughput, documents (${(total / 1e6).toFixed(0)} MB, ${mentions} mentions)`, value: perDoc, unit: 'MB/s', target: '>= 20', ok: perDoc >= 20 },
    { name: `throughput, one ${(bigBytes / 1e6).toFixed(0)} MB string (${bigFound.length} mentions)`, value: bigRate, unit: 'MB/s', target: '>= 20', ok: bigRate >= 20 },
    { name: 'peak heap growth, documents', value: peakHeap / 1e6, unit: 'MB' },
    { name: 'peak RSS growth, documents', value: peakRss / 1e6, unit: 'MB' },
    { name: 'heap held by the mentions of the big string', value: heapBig / 1e6, unit: 'MB' },
  ];
}
