import { readFileSync, readdirSync } from 'node:fs';
import * as path from 'node:path';
import { AnnotationStore, serializeSidecar, parseSidecar, CodePointIndex, sha256Hex } from '/work/wt/store/src/core/annotations';
import { Document } from '/work/wt/store/node_modules/yaml';
const dir = '/work/wt/store/samples';
const samples = readdirSync(dir).filter((f) => f.endsWith('.txt')).map((f) => readFileSync(path.join(dir, f), 'utf8'));
const parts: string[] = []; let size = 0;
for (let i = 0; size < 5_000_000; i++) { const c = `【${i}】` + samples[i % samples.length]! + '\n'; parts.push(c); size += c.length * 2; }
const text = parts.join('');
const t = (name: string, f: () => unknown) => { const t0 = performance.now(); const r = f(); console.log(name, (performance.now() - t0).toFixed(1), 'ms'); return r; };
t('cpindex', () => new CodePointIndex(text));
t('sha256', () => sha256Hex(text));
const files = new Map<string,string>();
const fs = { readText: async (p: string) => files.get(p), writeTextAtomic: async (p: string, s: string) => void files.set(p, s), exists: async (p: string) => files.has(p), delete: async (p: string) => void files.delete(p) };
(async () => {
  const store = new AnnotationStore(fs, { author: 'b' });
  const doc = '/b/big.txt';
  await store.load(doc, text);
  const N = 10000, step = Math.floor(text.length / N);
  const t0 = performance.now();
  for (let i = 0; i < 300; i++) { const s = i * step + 5; store.add(doc, { start: s, end: s + 24, claim: `c ${i}`, stance: { polarity: 'oppose' }, tags: ['x'] }); }
  console.log('300 adds', (performance.now() - t0).toFixed(0), 'ms');
  const file = store.snapshot(doc);
  const ann = file.annotations;
  const big = { ...file, annotations: Array.from({ length: N }, (_, i) => ({ ...ann[i % 300]!, id: `a-${String(i).padStart(8, '0')}` })) };
  const out = t('serialize 10k', () => serializeSidecar(big)) as string;
  t('serialize 10k with prev', () => serializeSidecar(big, out));
  t('parse 10k', () => parseSidecar(out, 'x'));
  t('snapshot 300', () => store.snapshot(doc));
  t('1000 docs item', () => { for (let i = 0; i < 1000; i++) { const d = new Document({ annotations: [big.annotations[i]] }, { version: '1.1' }); d.toString({ lineWidth: 0 }); } });
})();
