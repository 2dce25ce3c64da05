import { readFileSync, readdirSync } from 'node:fs';
import * as path from 'node:path';
import { AnnotationStore } from '../src/core/annotations';
const dir = path.resolve(__dirname, '../samples');
const samples = readdirSync(dir).filter((f) => f.endsWith('.txt')).map((f) => readFileSync(path.join(dir, f), 'utf8'));
const parts: string[] = []; let size = 0;
for (let i = 0; size < 5_000_000; i++) { const c = `【${i}】` + samples[i % samples.length]! + '\n'; parts.push(c); size += c.length * 2; }
const text = parts.join('');
const files = new Map<string, string>();
const fs = { readText: async (p: string) => files.get(p), writeTextAtomic: async (p: string, s: string) => void files.set(p, s), exists: async (p: string) => files.has(p), delete: async (p: string) => void files.delete(p) };
const log = (...a: unknown[]) => console.log(new Date().toISOString().slice(11, 19), ...a);
(async () => {
  let seed = 42; const random = () => ((seed = (seed * 16807) % 2147483647) / 2147483647);
  const store = new AnnotationStore(fs, { author: 'bench', random, now: () => new Date('2026-11-22T07:30:00Z') });
  const doc = '/bench/big.txt';
  await store.load(doc, text);
  const N = Number(process.argv[2] ?? 10000); const step = Math.floor(text.length / N);
  let t0 = performance.now();
  for (let i = 0; i < N; i++) { const s = i * step + 5; store.add(doc, { start: s, end: s + 24, claim: `claim ${i}`, stance: { polarity: i % 2 ? 'support' : 'oppose' }, tags: ['bench'] }); }
  log('adds', (performance.now() - t0).toFixed(0));
  t0 = performance.now(); await store.save(doc, text); log('first save (full)', (performance.now() - t0).toFixed(0));
  const live = new AnnotationStore(fs, { author: 'bench', random, now: () => new Date('2026-11-22T07:30:00Z') });
  t0 = performance.now(); await live.load(doc, text); log('load', (performance.now() - t0).toFixed(0));
  const { Session } = require('node:inspector') as typeof import('node:inspector'); const ses = new Session(); ses.connect(); await new Promise(r => ses.post('Profiler.enable', () => ses.post('Profiler.start', r)));
  for (let k = 0; k < 6; k++) {
    const s = k * 997 + 11;
    t0 = performance.now(); live.add(doc, { start: s, end: s + 10, claim: `added ${k}`, stance: { polarity: 'neutral' } }); await live.save(doc, text); const a = performance.now() - t0;
    const id = live.get(doc)!.annotations[k * 3]!.annotation.id;
    t0 = performance.now(); live.update(doc, id, { note: `edited ${k}` }); await live.save(doc, text); const e = performance.now() - t0;
    log(`add+save ${a.toFixed(1)} ms, edit+save ${e.toFixed(1)} ms`);
  }
  ses.post('Profiler.stop', (_e: unknown, r: { profile: unknown }) => { require('node:fs').writeFileSync('/work/wt/store/.prof/p.cpuprofile', JSON.stringify(r.profile)); });
})();
