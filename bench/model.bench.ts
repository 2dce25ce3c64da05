import * as fs from 'node:fs';
import * as path from 'node:path';
import { anchor, createSelectors } from '../src/core/annotations/anchoring';
import { parseDocument } from '../src/core/corpus/model';
import type { BenchRow } from './row';

/**
 * Wall-clock figures that used to be asserted in unit tests (the tests keep the behaviour, the time is measured
 * here): splitting a large listing into records, and a fuzzy re-anchoring far into a 1M-unit text.
 */
export function run(): Promise<BenchRow[]> {
  const samples = path.join(__dirname, '..', 'samples');
  const read = (prefix: string) => fs.readFileSync(path.join(samples, fs.readdirSync(samples).find((f) => f.startsWith(prefix))!), 'utf8');
  const listing = Array.from({ length: 20 }, () => read('000') + read('004')).join('\n');
  parseDocument(listing);
  let started = performance.now();
  const doc = parseDocument(listing);
  const parseMs = performance.now() - started;

  const news = read('001');
  const qa = read('002');
  const q = '美國國會參議院重量級鷹派人物邁凱恩就表達了反對之聲';
  const s = qa.indexOf(q);
  const selectors = createSelectors(qa, s, s + q.length);
  const big = news.repeat(150) + qa.slice(0, s) + '美國國會參議院重量級鷹派人物麥凱恩就表達了強烈反對之聲' + qa.slice(s + q.length);
  started = performance.now();
  const found = anchor(big, selectors, 0);
  const fuzzyMs = performance.now() - started;
  return Promise.resolve([
    { name: `corpus model: parse a ${(listing.length / 1000).toFixed(0)}k-unit listing (${doc.records.length} records)`, value: Math.round(parseMs), unit: 'ms', target: '< 2000 ms', ok: parseMs < 2000 },
    { name: `anchoring: fuzzy match far away in ${(big.length / 1e6).toFixed(1)}M units`, value: Math.round(fuzzyMs), unit: 'ms', target: '< 5000 ms', ok: fuzzyMs < 5000 && found?.method === 'fuzzy' },
  ]);
}
