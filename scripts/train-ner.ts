/**
 * Trains the name taggers of src/core/entities/tagger.ts (averaged perceptron, hashed features) and writes the
 * compact models bundled with the extension:
 *
 *   data/ner-zh.b64   Chinese, character level: zh-msra/train.jsonl + zh-pd1998/train.jsonl (text folded like the
 *                     recogniser folds it)
 *   data/ner-en.b64   English, token level: en-gmb/dev.jsonl sentences gmb-00001 .. gmb-17999 (the rest,
 *                     gmb-18000 .. gmb-23980, is what `npm run eval:ner` scores the English model on)
 *
 * Only the train splits (and the English training part) are read; the dev splits are never used here. The raw
 * data is not bundled: only weights (hashed feature buckets quantised to int8) are written.
 *
 *   node -r ./test/register-text.cjs -r tsx/cjs scripts/train-ner.ts [zh|en] [--data DIR] [--epochs N]
 *
 * Deterministic: the same data gives the same model (fixed shuffling seed). See data/NER-MODELS.md for sources
 * and licences.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { fold } from '../src/core/text/fold';
import { EN_FEATURES, EN_LAYOUT, L, ZH_FEATURES, ZH_LAYOUT, allowed, enFeatures, knownCodes, tokenize, zhFeatures } from '../src/core/entities/tagger';
import { defaultKnowledgeSource, loadKnowledge } from '../src/core/entities/knowledge';
import { EntityRecognizer } from '../src/core/entities/recognizer';
import { encodeModel, type TaggerModel } from '../src/core/entities/tagger-format';

interface GoldRecord {
  id: string;
  text: string;
  entities: Array<{ start: number; end: number; type: string }>;
}

const TYPE_LABEL: Record<string, number | undefined> = { PER: 1, LOC: 3, ORG: 5, GEO: 3, GPE: 3 };

interface Example {
  n: number;
  feats: Int32Array;
  gold: Uint8Array;
}

function read(file: string): GoldRecord[] {
  return fs
    .readFileSync(file, 'utf8')
    .split('\n')
    .filter((l) => l.trim())
    .map((l) => JSON.parse(l) as GoldRecord);
}

function zhExamples(records: GoldRecord[], mask: number): Example[] {
  return records.map((r) => {
    const f = fold(r.text);
    const n = f.length;
    const feats = new Int32Array(n * ZH_FEATURES);
    zhFeatures(f, 0, n, mask, feats);
    const gold = new Uint8Array(n);
    for (const e of r.entities) {
      const b = TYPE_LABEL[e.type];
      if (b === undefined) continue;
      gold[e.start] = b;
      for (let i = e.start + 1; i < e.end; i++) gold[i] = b + 1;
    }
    return { n, feats, gold };
  });
}

function enExamples(records: GoldRecord[], mask: number): Example[] {
  // The knowledge base's names in each sentence (the bundled knowledge base), as the recogniser hands them to
  // the tagger.
  const known = new EntityRecognizer(loadKnowledge([defaultKnowledgeSource()]).value, { taggers: false });
  return records.map((r) => {
    const tokens = tokenize(r.text);
    const n = tokens.length;
    const feats = new Int32Array(n * EN_FEATURES);
    enFeatures(r.text, tokens, mask, feats, knownCodes(tokens, known.knownNames(r.text)));
    const gold = new Uint8Array(n);
    for (const e of r.entities) {
      const b = TYPE_LABEL[e.type];
      if (b === undefined) continue;
      let first = true;
      tokens.forEach((t, i) => {
        if (t.start >= e.start && t.end <= e.end) {
          gold[i] = first ? b : b + 1;
          first = false;
        }
      });
    }
    return { n, feats, gold };
  });
}

/** Viterbi with float weights (training). */
function decode(ex: Example, per: number, w: Float32Array, trans: Float32Array, out: Uint8Array): void {
  const { n, feats } = ex;
  const score = new Float64Array(n * L);
  const back = new Uint8Array(n * L);
  const em = new Float64Array(L);
  for (let i = 0; i < n; i++) {
    em.fill(0);
    for (let k = 0; k < per; k++) {
      const b = feats[i * per + k]! * L;
      for (let y = 0; y < L; y++) em[y]! += w[b + y]!;
    }
    for (let y = 0; y < L; y++) {
      if (i === 0) {
        score[y] = allowed(-1, y) ? em[y]! + trans[L * L + y]! : -1e30;
        continue;
      }
      let best = -1e30;
      let arg = 0;
      for (let p = 0; p < L; p++) {
        if (!allowed(p, y)) continue;
        const s = score[(i - 1) * L + p]! + trans[p * L + y]!;
        if (s > best) {
          best = s;
          arg = p;
        }
      }
      score[i * L + y] = best + em[y]!;
      back[i * L + y] = arg;
    }
  }
  let best = -Infinity;
  let arg = 0;
  for (let y = 0; y < L; y++) {
    if (score[(n - 1) * L + y]! > best) {
      best = score[(n - 1) * L + y]!;
      arg = y;
    }
  }
  for (let i = n - 1; i >= 0; i--) {
    out[i] = arg;
    arg = back[i * L + arg]!;
  }
}

function spans(labels: Uint8Array, n: number): string[] {
  const out: string[] = [];
  for (let i = 0; i < n; ) {
    const y = labels[i]!;
    if (y === 0 || y % 2 === 0) {
      i++;
      continue;
    }
    let j = i + 1;
    while (j < n && labels[j] === y + 1) j++;
    out.push(`${i}:${j}:${y}`);
    i = j;
  }
  return out;
}

function f1(examples: Example[], per: number, w: Float32Array, trans: Float32Array): string {
  let tp = 0;
  let np = 0;
  let ng = 0;
  for (const ex of examples) {
    if (ex.n === 0) continue;
    const out = new Uint8Array(ex.n);
    decode(ex, per, w, trans, out);
    const g = new Set(spans(ex.gold, ex.n));
    const p = spans(out, ex.n);
    ng += g.size;
    np += p.length;
    for (const s of p) if (g.has(s)) tp++;
  }
  const prec = tp / Math.max(1, np);
  const rec = tp / Math.max(1, ng);
  return `P ${prec.toFixed(3)} R ${rec.toFixed(3)} F ${((2 * prec * rec) / Math.max(1e-9, prec + rec)).toFixed(3)}`;
}

function train(kind: 'zh' | 'en', examples: Example[], heldOut: Example[], per: number, bits: number, epochs: number): TaggerModel {
  const size = (1 << bits) * L;
  const w = new Float32Array(size);
  const u = new Float32Array(size); // sum of c * update, for averaging
  const trans = new Float32Array((L + 1) * L);
  const transU = new Float32Array((L + 1) * L);
  let c = 1;
  let seed = 20261201;
  const rnd = () => (seed = (Math.imul(seed, 1103515245) + 12345) >>> 0) / 4294967296;
  const order = examples.map((_, i) => i);
  const pred = new Uint8Array(4096);
  for (let epoch = 0; epoch < epochs; epoch++) {
    for (let i = order.length - 1; i > 0; i--) {
      const j = Math.floor(rnd() * (i + 1));
      [order[i], order[j]] = [order[j]!, order[i]!];
    }
    let errors = 0;
    for (const idx of order) {
      const ex = examples[idx]!;
      if (ex.n === 0 || ex.n > pred.length) continue;
      decode(ex, per, w, trans, pred);
      let wrong = false;
      for (let i = 0; i < ex.n; i++) {
        const g = ex.gold[i]!;
        const p = pred[i]!;
        const gp = i === 0 ? L : ex.gold[i - 1]!;
        const pp = i === 0 ? L : pred[i - 1]!;
        if (g !== p) {
          wrong = true;
          for (let k = 0; k < per; k++) {
            const b = ex.feats[i * per + k]! * L;
            w[b + g]! += 1;
            u[b + g]! += c;
            w[b + p]! -= 1;
            u[b + p]! -= c;
          }
        }
        if (g !== p || gp !== pp) {
          trans[gp * L + g]! += 1;
          transU[gp * L + g]! += c;
          trans[pp * L + p]! -= 1;
          transU[pp * L + p]! -= c;
        }
      }
      if (wrong) errors++;
      c++;
    }
    process.stdout.write(`${kind} epoch ${epoch + 1}/${epochs}: ${errors} sentences wrong of ${order.length}\n`);
  }
  // Averaged weights.
  for (let i = 0; i < size; i++) w[i] = w[i]! - u[i]! / c;
  for (let i = 0; i < trans.length; i++) trans[i] = trans[i]! - transU[i]! / c;
  if (heldOut.length) process.stdout.write(`${kind} held-out part of the training data (float weights): ${f1(heldOut, per, w, trans)}\n`);
  // Quantise: the 99.99th percentile of |w| maps to 127.
  const mags: number[] = [];
  for (let i = 0; i < size; i += 7) if (w[i] !== 0) mags.push(Math.abs(w[i]!));
  mags.sort((a, b) => a - b);
  const top = mags[Math.floor(mags.length * 0.9999)] ?? 1;
  const scale = top / 127;
  const q = new Int8Array(size);
  for (let i = 0; i < size; i++) q[i] = Math.max(-127, Math.min(127, Math.round(w[i]! / scale)));
  const dq = new Float32Array(size);
  for (let i = 0; i < size; i++) dq[i] = q[i]! * scale;
  if (heldOut.length) process.stdout.write(`${kind} held-out part (int8 weights): ${f1(heldOut, per, dq, trans)}\n`);
  return { kind, bits, layout: kind === 'zh' ? ZH_LAYOUT : EN_LAYOUT, scale, trans, weights: q };
}

function main(): void {
  const argv = process.argv.slice(2);
  let data = '';
  let epochs = 0;
  // English only: train on gmb-00001 .. gmb-(below - 1) (default 18000) and write the model to `--out FILE`, so
  // that scripts/ner-errors.ts can study the errors on training sentences the model has not seen.
  let below = 18000;
  let outFile = '';
  const kinds: Array<'zh' | 'en'> = [];
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === '--data') data = argv[++i]!;
    else if (argv[i] === '--epochs') epochs = Number(argv[++i]);
    else if (argv[i] === '--below') below = Math.min(18000, Number(argv[++i]));
    else if (argv[i] === '--out') outFile = argv[++i]!;
    else if (argv[i] === 'zh' || argv[i] === 'en') kinds.push(argv[i] as 'zh' | 'en');
    else throw new Error(`train-ner: unknown argument ${argv[i]}`);
  }
  data ||= process.env.CORPUS_LENS_NER_DATA || [path.join(__dirname, '..', '..', 'shared', 'data', 'ner'), '/work/shared/data/ner'].find((d) => fs.existsSync(d)) || '';
  if (!data) throw new Error('train-ner: no data folder (--data DIR)');
  const out = path.join(__dirname, '..', 'data');
  for (const kind of kinds.length ? kinds : (['zh', 'en'] as const)) {
    const t0 = Date.now();
    if (kind === 'zh') {
      const bits = 20;
      const all = [...read(path.join(data, 'zh-msra', 'train.jsonl')), ...read(path.join(data, 'zh-pd1998', 'train.jsonl'))];
      const examples = zhExamples(all, (1 << bits) - 1);
      // 2% of the training sentences (every 50th) are held out to report progress.
      const held = examples.filter((_, i) => i % 50 === 0);
      const model = train('zh', examples.filter((_, i) => i % 50 !== 0), held, ZH_FEATURES, bits, epochs || 6);
      fs.writeFileSync(path.join(out, 'ner-zh.b64'), encodeModel(model));
    } else {
      const bits = 18;
      const records = read(path.join(data, 'en-gmb', 'dev.jsonl')).filter((r) => Number(r.id.slice(4)) < below);
      const examples = enExamples(records, (1 << bits) - 1);
      const held = examples.filter((_, i) => i % 50 === 0);
      const model = train('en', examples.filter((_, i) => i % 50 !== 0), held, EN_FEATURES, bits, epochs || 8);
      fs.writeFileSync(outFile || path.join(out, 'ner-en.b64'), encodeModel(model));
    }
    const written = kind === 'en' && outFile ? outFile : path.join(out, `ner-${kind}.b64`);
    process.stdout.write(`${kind}: trained in ${((Date.now() - t0) / 1000).toFixed(0)} s, ${written} ${fs.statSync(written).size} bytes\n`);
  }
}

main();
