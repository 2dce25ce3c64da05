/**
 * Statistical name tagger: a first-order linear-chain model (averaged perceptron, Viterbi decoding) over hashed
 * features, for names the knowledge base does not know. Pure TypeScript, no I/O: the weights come in as a base64
 * string (bundled `data/ner-zh.b64`, `data/ner-en.b64`, made by `scripts/train-ner.ts`), so it runs the same in
 * Node and in the web worker build.
 *
 *  - Chinese (`kind: 'zh'`): one label per UTF-16 unit of the folded text (simplified, half-width, lower case).
 *    Features: the characters at -2..+2 and the bigrams (-1,0), (0,+1), (-1,+1), (-2,-1), (+1,+2); digits and Latin
 *    letters are folded to one class each. Trained on the MSRA and People's Daily train splits.
 *  - English (`kind: 'en'`): one label per token (`tokenize`). Features: the word, its lower case, shape, 2-4 letter
 *    suffixes and prefixes, the neighbours' words and shapes, sentence start. Trained on part of the GMB extract.
 *
 * Labels: O, B-PER, I-PER, B-LOC, I-LOC, B-ORG, I-ORG (I-X only after B-X or I-X). Feature ids are hashed into
 * 2^bits buckets; every bucket holds one weight per label (int8 after training, times `scale`).
 */
import { isUpper } from './forms';
import type { TaggerModel } from './tagger-format';

export const LABELS = ['O', 'B-PER', 'I-PER', 'B-LOC', 'I-LOC', 'B-ORG', 'I-ORG'] as const;
export const L = LABELS.length;
export type TagType = 'PER' | 'LOC' | 'ORG';
const TYPE_OF: Array<TagType | undefined> = [undefined, 'PER', 'PER', 'LOC', 'LOC', 'ORG', 'ORG'];

export interface TaggedSpan {
  start: number;
  end: number;
  type: TagType;
}

/** Is the transition prev -> cur allowed? (-1 = sentence start) */
export function allowed(prev: number, cur: number): boolean {
  if (cur === 0 || cur % 2 === 1) return true; // O, B-X
  return prev === cur || prev === cur - 1; // I-X after B-X or I-X
}

function mix(h: number, v: number): number {
  h = Math.imul(h ^ v, 0x01000193);
  return h ^ (h >>> 15);
}

// ---------------------------------------------------------------------------------------------------------------
// Chinese features

/** Character class used by the features: digits -> '0', Latin -> 'a', everything else itself. */
function zhNorm(c: number): number {
  if (c >= 48 && c <= 57) return 48;
  if ((c >= 97 && c <= 122) || (c >= 65 && c <= 90)) return 97;
  return c;
}

export const ZH_FEATURES = 10;

/**
 * Feature layout of the Chinese model (byte 7 of the model file). Layout 1 places the features that share a key in
 * neighbouring buckets, so that the weights read for one position are a few cache lines, not ten: the five
 * character features of a character x at offsets -2..+2 are the buckets u(x)+0..+4, and the four adjacent-pair
 * features of a pair (x, y) at (-2,-1), (-1,0), (0,+1), (+1,+2) are p(x,y)+0..+3. Each block is read at five (four)
 * successive positions while the tagger slides over a line, so a table of megabytes costs about three cache misses
 * per character instead of ten.
 */
export const ZH_LAYOUT = 1;
const ZH_UNI = mix(0x811c9dc5, 1);
const ZH_PAIR = mix(0x811c9dc5, 6);
const ZH_SKIP = mix(0x811c9dc5, 8);

/** First bucket of the character block of class `x`. */
function zhUni(x: number): number {
  return mix(ZH_UNI, x);
}
/** First bucket of the adjacent-pair block of (x, y). */
function zhPair(x: number, y: number): number {
  return mix(mix(ZH_PAIR, x), y);
}
/** Bucket of the skip pair (x, _, y). */
function zhSkip(x: number, y: number): number {
  return mix(mix(ZH_SKIP, x), y);
}

/**
 * Feature buckets of every position of `f[from, to)` into `out` (ZH_FEATURES per position). Characters outside the
 * range count as boundary (0). The same buckets as `ZhTagger.tag` computes inline.
 */
export function zhFeatures(f: string, from: number, to: number, mask: number, out: Int32Array): void {
  const n = to - from;
  const at = (k: number) => (k < from || k >= to ? 0 : zhNorm(f.charCodeAt(k)));
  let p2 = at(from - 2);
  let p1 = at(from - 1);
  let c0 = at(from);
  let n1 = at(from + 1);
  let n2 = at(from + 2);
  for (let i = 0; i < n; i++) {
    const o = i * ZH_FEATURES;
    out[o] = (zhUni(c0) + 2) & mask;
    out[o + 1] = (zhUni(p1) + 1) & mask;
    out[o + 2] = (zhUni(n1) + 3) & mask;
    out[o + 3] = zhUni(p2) & mask;
    out[o + 4] = (zhUni(n2) + 4) & mask;
    out[o + 5] = (zhPair(p1, c0) + 1) & mask;
    out[o + 6] = (zhPair(c0, n1) + 2) & mask;
    out[o + 7] = zhSkip(p1, n1) & mask;
    out[o + 8] = zhPair(p2, p1) & mask;
    out[o + 9] = (zhPair(n1, n2) + 3) & mask;
    p2 = p1;
    p1 = c0;
    c0 = n1;
    n1 = n2;
    n2 = at(from + i + 3);
  }
}

// ---------------------------------------------------------------------------------------------------------------
// English tokens and features

export interface Token {
  start: number;
  end: number;
}

function isAlnum(c: number): boolean {
  return (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || (c >= 48 && c <= 57) || (c >= 0xc0 && c <= 0x24f && c !== 0xd7 && c !== 0xf7);
}

/**
 * Tokens of English text: runs of letters and digits, joined across an inner apostrophe, hyphen or period
 * (Xi'an, Al-Qaida, U.S., 3.5) but not before a possessive 's (Putin | 's); every other non-space character is a
 * token of its own.
 */
export function tokenize(text: string, from = 0, to = text.length): Token[] {
  const out: Token[] = [];
  let i = from;
  while (i < to) {
    const c = text.charCodeAt(i);
    if (c === 32 || c === 9 || c === 10 || c === 13 || c === 0xa0 || c === 0x3000) {
      i++;
      continue;
    }
    if (!isAlnum(c)) {
      out.push({ start: i, end: i + 1 });
      i++;
      continue;
    }
    let j = i + 1;
    for (;;) {
      while (j < to && isAlnum(text.charCodeAt(j))) j++;
      const d = text.charCodeAt(j);
      const possessive = (d === 39 || d === 0x2019) && (text.charCodeAt(j + 1) | 32) === 115 && !isAlnum(text.charCodeAt(j + 2));
      if (j + 1 < to && !possessive && (d === 39 || d === 0x2019 || d === 45 || d === 46) && isAlnum(text.charCodeAt(j + 1))) {
        j += 2;
        continue;
      }
      // U.S. / U.N. : a period after a single capital that follows a period
      if (d === 46 && j - i >= 2 && text.charCodeAt(j - 2) === 46) j++;
      break;
    }
    out.push({ start: i, end: j });
    i = j;
  }
  return out;
}

function strHash(h: number, s: string): number {
  return rangeHash(h, s, 0, s.length);
}

/** Hash of `s[from, to)`, as strHash of the slice (without making it). */
function rangeHash(h: number, s: string, from: number, to: number): number {
  for (let i = from; i < to; i++) h = mix(h, s.charCodeAt(i));
  return h;
}

/** Hash of the lower-case form of `text[from, to)` (ASCII inline; other scripts through toLowerCase). */
function lowerHash(h: number, text: string, from: number, to: number): number {
  for (let i = from; i < to; i++) {
    const c = text.charCodeAt(i);
    if (c >= 128) return strHash(h, text.slice(from, to).toLowerCase());
  }
  for (let i = from; i < to; i++) {
    const c = text.charCodeAt(i);
    h = mix(h, c >= 65 && c <= 90 ? c + 32 : c);
  }
  return h;
}

/**
 * Hash of the word shape of `text[from, to)`: X for capitals, x for lower case, d for digits, other characters as
 * they are; runs collapsed (Xxxx -> Xx, U.S. -> X.X.).
 */
function shapeHash(h: number, text: string, from: number, to: number): number {
  let last = -1;
  for (let i = from; i < to; i++) {
    const c = text.charCodeAt(i);
    // (A capital beyond ASCII is a capital: Šefčovič, Ünal, Ørsted have the shape of Sefcovic.)
    const k = c >= 65 && c <= 90 ? 88 : c >= 97 && c <= 122 ? 120 : c >= 48 && c <= 57 ? 100 : c >= 0xc0 ? (isUpper(c) ? 88 : 120) : c;
    if (k !== last) h = mix(h, k);
    last = k;
  }
  return h;
}

export const EN_FEATURES = 18;
/**
 * Feature layout of the English model (byte 7 of the model file). Layout 1 hashes without building strings and
 * places the lower-case word features of one word at offsets -2..+2 in neighbouring buckets (wb(w)+0..+4), and
 * the two features of an adjacent word pair in neighbouring buckets (pb(x,y)+0, +1), as the Chinese layout does.
 * Layout 2 adds two features of what the knowledge base found (`knownCodes`): the type of the name a token is in
 * (person, country, place, organisation, other; first or later token) with that of the token before, and with that
 * of the token after, so that the tagger reads "the Turkish Foreign Ministry" or "Mr. Putin's aide" knowing which
 * words are known names.
 */
export const EN_LAYOUT = 2;
const EN_WORD = mix(0x811c9dc5, 2);
const EN_PAIR = mix(0x811c9dc5, 12);
const EN_START = lowerHash(0x811c9dc5, '<s>', 0, 3);
const EN_END = lowerHash(0x811c9dc5, '</s>', 0, 4);
const EN_SHAPE_START = strHash(0x811c9dc5, '<s>');
const EN_SHAPE_END = strHash(0x811c9dc5, '</s>');
const EN_SEED = Int32Array.from({ length: 19 }, (_, t) => mix(0x811c9dc5, t));

/** A name the knowledge base found, as the English features read it. */
export interface KnownSpan {
  start: number;
  end: number;
  type: string;
}

const KNOWN_CODE: Record<string, number> = { person: 1, country: 2, place: 3, organization: 4 };

/**
 * The knowledge-base code of every token: 0 outside the names of `known` (sorted by start, not overlapping; read
 * from index `from`), else 2 x type (person 1, country 2, place 3, organisation 4, any other 5) + 1 after the
 * name's first token.
 */
export function knownCodes(tokens: readonly Token[], known: readonly KnownSpan[], from = 0): Uint8Array {
  const out = new Uint8Array(tokens.length);
  let k = from;
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i]!;
    while (k < known.length && known[k]!.end <= t.start) k++;
    const m = known[k];
    if (m && m.start < t.end) out[i] = 2 * (KNOWN_CODE[m.type] ?? 5) + (t.start > m.start ? 1 : 0);
  }
  return out;
}

/** Feature buckets of every token into `out` (EN_FEATURES per token); `codes`: `knownCodes` of the tokens. */
export function enFeatures(text: string, tokens: readonly Token[], mask: number, out: Int32Array, codes?: Uint8Array): void {
  const n = tokens.length;
  // Per token: the hash of its lower-case form (hl), of its shape (hs); boundaries at -2, -1, n, n + 1.
  const hl = new Int32Array(n + 4);
  const hs = new Int32Array(n + 4);
  hl[0] = hl[1] = EN_START;
  hs[0] = hs[1] = EN_SHAPE_START;
  hl[n + 2] = hl[n + 3] = EN_END;
  hs[n + 2] = hs[n + 3] = EN_SHAPE_END;
  for (let i = 0; i < n; i++) {
    const t = tokens[i]!;
    hl[i + 2] = lowerHash(0x811c9dc5, text, t.start, t.end);
    hs[i + 2] = shapeHash(0x811c9dc5, text, t.start, t.end);
  }
  const S = EN_SEED;
  for (let i = 0; i < n; i++) {
    const o = i * EN_FEATURES;
    const t = tokens[i]!;
    const len = t.end - t.start;
    const k = i + 2; // index of token i in hl / hs
    const lower = len > 0 && text.charCodeAt(t.start) < 128 ? undefined : text.slice(t.start, t.end).toLowerCase();
    const suffix = (m: number, seed: number) =>
      lower === undefined ? lowerHash(seed, text, Math.max(t.start, t.end - m), t.end) : strHash(seed, lower.slice(-m));
    out[o] = rangeHash(S[1]!, text, t.start, t.end) & mask;
    out[o + 1] = (mix(EN_WORD, hl[k]!) + 2) & mask;
    out[o + 2] = mix(S[3]!, hs[k]!) & mask;
    out[o + 3] = suffix(2, S[4]!) & mask;
    out[o + 4] = suffix(3, S[5]!) & mask;
    out[o + 5] = suffix(4, S[6]!) & mask;
    out[o + 6] = (lower === undefined ? lowerHash(S[7]!, text, t.start, Math.min(t.end, t.start + 3)) : strHash(S[7]!, lower.slice(0, 3))) & mask;
    out[o + 7] = (mix(EN_WORD, hl[k - 1]!) + 1) & mask;
    out[o + 8] = (mix(EN_WORD, hl[k + 1]!) + 3) & mask;
    out[o + 9] = mix(mix(S[10]!, hs[k - 1]!), hs[k]!) & mask;
    out[o + 10] = mix(mix(S[11]!, hs[k]!), hs[k + 1]!) & mask;
    out[o + 11] = mix(mix(EN_PAIR, hl[k - 1]!), hl[k]!) & mask;
    out[o + 12] = (mix(mix(EN_PAIR, hl[k]!), hl[k + 1]!) + 1) & mask;
    out[o + 13] = mix(EN_WORD, hl[k - 2]!) & mask;
    out[o + 14] = (mix(EN_WORD, hl[k + 2]!) + 4) & mask;
    out[o + 15] = mix(mix(S[16]!, i === 0 ? 1 : 2), hs[k]!) & mask;
    // The knowledge base's names: this token's code with the one before and the one after (15: the boundary).
    const kc = codes ? codes[i]! : 0;
    const kp = i === 0 ? 15 : codes ? codes[i - 1]! : 0;
    const kn = i + 1 === n ? 15 : codes ? codes[i + 1]! : 0;
    out[o + 16] = mix(mix(S[17]!, kp), kc) & mask;
    out[o + 17] = mix(mix(S[18]!, kc), kn) & mask;
  }
}

// ---------------------------------------------------------------------------------------------------------------
// Decoding

/**
 * Viterbi over emissions computed from feature buckets. `weight(bucket * L + label)` gives a weight; `trans` is
 * (L+1) x L (row L: sentence start). Returns the label of each position.
 */
const ALLOWED = (() => {
  const a = new Uint8Array((L + 1) * L);
  for (let p = -1; p < L; p++) for (let y = 0; y < L; y++) a[(p < 0 ? L : p) * L + y] = allowed(p, y) ? 1 : 0;
  return a;
})();

let scoreBuf = new Float64Array(0);
let backBuf = new Uint8Array(0);
let emBuf = new Float64Array(0);

export function viterbi(n: number, per: number, feats: Int32Array, weights: ArrayLike<number>, scale: number, trans: ArrayLike<number>, out: Uint8Array): void {
  if (n === 0) return;
  if (emBuf.length < n * L) emBuf = new Float64Array(n * L * 2);
  const em = emBuf;
  for (let i = 0; i < n; i++) {
    let e0 = 0;
    let e1 = 0;
    let e2 = 0;
    let e3 = 0;
    let e4 = 0;
    let e5 = 0;
    let e6 = 0;
    const o = i * per;
    for (let k = 0; k < per; k++) {
      const b = feats[o + k]! * L;
      e0 += weights[b]!;
      e1 += weights[b + 1]!;
      e2 += weights[b + 2]!;
      e3 += weights[b + 3]!;
      e4 += weights[b + 4]!;
      e5 += weights[b + 5]!;
      e6 += weights[b + 6]!;
    }
    const r = i * L;
    em[r] = e0 * scale;
    em[r + 1] = e1 * scale;
    em[r + 2] = e2 * scale;
    em[r + 3] = e3 * scale;
    em[r + 4] = e4 * scale;
    em[r + 5] = e5 * scale;
    em[r + 6] = e6 * scale;
  }
  decode(n, em, trans, out);
}

/** Viterbi over the emissions `em` (L per position, already scaled); the labels into `out`. */
function decode(n: number, em: Float64Array, trans: ArrayLike<number>, out: Uint8Array): void {
  if (scoreBuf.length < n * L) {
    scoreBuf = new Float64Array(n * L * 2);
    backBuf = new Uint8Array(n * L * 2);
  }
  const score = scoreBuf;
  const back = backBuf;
  for (let y = 0; y < L; y++) score[y] = ALLOWED[L * L + y] ? em[y]! + trans[L * L + y]! : -1e30;
  for (let i = 1; i < n; i++) {
    const row = i * L;
    const prevRow = row - L;
    // The transitions `allowed` permits, unrolled: O and B-X from any label, I-X from B-X or I-X (ties: the lower
    // label, as a scan in label order gives).
    for (let y = 0; y < L; y += y === 0 ? 1 : 2) {
      let best = score[prevRow]! + trans[y]!;
      let arg = 0;
      for (let p = 1; p < L; p++) {
        const v = score[prevRow + p]! + trans[p * L + y]!;
        if (v > best) {
          best = v;
          arg = p;
        }
      }
      score[row + y] = best + em[row + y]!;
      back[row + y] = arg;
    }
    for (let y = 2; y < L; y += 2) {
      const a = score[prevRow + y - 1]! + trans[(y - 1) * L + y]!;
      const c = score[prevRow + y]! + trans[y * L + y]!;
      if (a >= c) {
        score[row + y] = a + em[row + y]!;
        back[row + y] = y - 1;
      } else {
        score[row + y] = c + em[row + y]!;
        back[row + y] = y;
      }
    }
  }
  let best = -Infinity;
  let arg = 0;
  const last = (n - 1) * L;
  for (let y = 0; y < L; y++) {
    if (score[last + y]! > best) {
      best = score[last + y]!;
      arg = y;
    }
  }
  for (let i = n - 1; i >= 0; i--) {
    out[i] = arg;
    arg = back[i * L + arg]!;
  }
}

/** Spans of B-X I-X* runs in a label sequence; `pos(i)` gives [start, end) of unit i. */
export function spansOf(labels: Uint8Array, n: number, startOf: (i: number) => number, endOf: (i: number) => number): TaggedSpan[] {
  const out: TaggedSpan[] = [];
  let i = 0;
  while (i < n) {
    const y = labels[i]!;
    if (y === 0) {
      i++;
      continue;
    }
    const type = TYPE_OF[y]!;
    const b = y % 2 === 1 ? y : y - 1;
    let j = i + 1;
    while (j < n && labels[j] === b + 1) j++;
    out.push({ start: startOf(i), end: endOf(j - 1), type });
    i = j;
  }
  return out;
}

// ---------------------------------------------------------------------------------------------------------------
// Runtime taggers


/**
 * The packed weights: each bucket's seven int8 weights, +128 (so 0..255), as the bytes of two int32 (labels 0-3 in
 * the first, 4-6 in the second; eight bytes a bucket, the Chinese table 8 MB). The tagger adds them in 16-bit lanes
 * (`x & 0x00ff00ff` holds labels 0 and 2, `(x >>> 8) & 0x00ff00ff` labels 1 and 3): a sum of the ten features of a
 * position stays within its lane (10 x 255 < 2^16, and the top lane below 2^31), so the sums of all the labels are
 * four integer additions a feature, and unpacking them gives the same integers as adding the int8 weights one by one.
 * (Eight bytes, not sixteen as two doubles of 13-bit lanes were: the weights read for a position are fewer cache
 * lines, and the table takes half the memory.)
 */
const LANES = 0x00ff00ff;
const ZH_BIAS = ZH_FEATURES * 128;
const EN_BIAS = EN_FEATURES * 128;

export function packWeights(weights: Int8Array, buckets: number): Int32Array {
  const out = new Int32Array(buckets * 2);
  for (let b = 0; b < buckets; b++) {
    const o = b * L;
    out[2 * b] = (weights[o]! + 128) | ((weights[o + 1]! + 128) << 8) | ((weights[o + 2]! + 128) << 16) | ((weights[o + 3]! + 128) << 24);
    out[2 * b + 1] = (weights[o + 4]! + 128) | ((weights[o + 5]! + 128) << 8) | ((weights[o + 6]! + 128) << 16);
  }
  return out;
}

export class ZhTagger {
  private score = new Float64Array(256 * L);
  private back = new Uint8Array(256 * L);
  private labels = new Uint8Array(256);
  private norm = new Int32Array(260);
  private uni = new Int32Array(260);
  private pair = new Int32Array(260);
  private skip = new Int32Array(260);

  private readonly mask: number;
  /** The weights packed two int32 a bucket (`packWeights`). */
  private readonly w: Int32Array;
  private readonly trans: Float64Array;
  private readonly scale: number;
  /** Keeps only the packed table, not the model (its int8 table, 7 MB, is garbage once packed). */
  constructor(model: TaggerModel) {
    if (model.kind !== 'zh') throw new Error('ZhTagger needs a zh model');
    if ((model.layout ?? 0) !== ZH_LAYOUT) throw new Error(`tagger model: feature layout ${model.layout ?? 0}, this tagger reads layout ${ZH_LAYOUT} (retrain with scripts/train-ner.ts)`);
    this.mask = (1 << model.bits) - 1;
    this.w = packWeights(model.weights, 1 << model.bits);
    this.trans = Float64Array.from(model.trans);
    this.scale = model.scale;
  }

  /**
   * Names in the folded text `f[from, to)` (one line). Features, emissions and Viterbi in one pass over typed
   * arrays (the same features as `zhFeatures`, the same decoding as `viterbi`).
   */
  tag(f: string, from: number, to: number): TaggedSpan[] {
    const n = to - from;
    if (n <= 0) return [];
    if (this.labels.length < n) {
      this.labels = new Uint8Array(n * 2);
      this.score = new Float64Array(n * 2 * L);
      this.back = new Uint8Array(n * 2 * L);
      this.norm = new Int32Array(n * 2 + 4);
      this.uni = new Int32Array(n * 2 + 4);
      this.pair = new Int32Array(n * 2 + 4);
      this.skip = new Int32Array(n * 2 + 4);
    }
    const norm = this.norm;
    // norm[k + 2] = class of f[from + k]; 0 outside the range.
    norm[0] = 0;
    norm[1] = 0;
    for (let k = 0; k < n; k++) norm[k + 2] = zhNorm(f.charCodeAt(from + k));
    norm[n + 2] = 0;
    norm[n + 3] = 0;
    const w = this.w;
    const mask = this.mask;
    const scale = this.scale;
    const trans = this.trans;
    const score = this.score;
    const back = this.back;
    // Block starts of every character (uni[k]: norm[k]) and adjacent pair (pair[k]: norm[k], norm[k + 1]).
    const uni = this.uni;
    const pair = this.pair;
    for (let k = 0; k < n + 4; k++) uni[k] = zhUni(norm[k]!);
    for (let k = 0; k < n + 3; k++) pair[k] = zhPair(norm[k]!, norm[k + 1]!);
    const skip = this.skip;
    for (let k = 0; k < n + 2; k++) skip[k] = (zhSkip(norm[k]!, norm[k + 2]!) & mask) << 1;
    for (let i = 0; i < n; i++) {
      // Position i is norm[i + 2]; p2 p1 c0 n1 n2 = norm[i .. i + 4]. Each bucket is two int32 of four (three)
      // biased bytes: ten features are twenty loads, summed in 16-bit lanes (labels 0|2, 1|3, 4|6 and 5).
      let b = ((uni[i + 2]! + 2) & mask) << 1;
      let x = w[b]!;
      let y = w[b + 1]!;
      let a02 = x & LANES;
      let a13 = (x >>> 8) & LANES;
      let a46 = y & LANES;
      let a5 = (y >>> 8) & 0xff;
      b = ((uni[i + 1]! + 1) & mask) << 1;
      x = w[b]!; y = w[b + 1]!;
      a02 += x & LANES; a13 += (x >>> 8) & LANES; a46 += y & LANES; a5 += (y >>> 8) & 0xff;
      b = ((uni[i + 3]! + 3) & mask) << 1;
      x = w[b]!; y = w[b + 1]!;
      a02 += x & LANES; a13 += (x >>> 8) & LANES; a46 += y & LANES; a5 += (y >>> 8) & 0xff;
      b = (uni[i]! & mask) << 1;
      x = w[b]!; y = w[b + 1]!;
      a02 += x & LANES; a13 += (x >>> 8) & LANES; a46 += y & LANES; a5 += (y >>> 8) & 0xff;
      b = ((uni[i + 4]! + 4) & mask) << 1;
      x = w[b]!; y = w[b + 1]!;
      a02 += x & LANES; a13 += (x >>> 8) & LANES; a46 += y & LANES; a5 += (y >>> 8) & 0xff;
      b = ((pair[i + 1]! + 1) & mask) << 1;
      x = w[b]!; y = w[b + 1]!;
      a02 += x & LANES; a13 += (x >>> 8) & LANES; a46 += y & LANES; a5 += (y >>> 8) & 0xff;
      b = ((pair[i + 2]! + 2) & mask) << 1;
      x = w[b]!; y = w[b + 1]!;
      a02 += x & LANES; a13 += (x >>> 8) & LANES; a46 += y & LANES; a5 += (y >>> 8) & 0xff;
      b = skip[i + 1]!;
      x = w[b]!; y = w[b + 1]!;
      a02 += x & LANES; a13 += (x >>> 8) & LANES; a46 += y & LANES; a5 += (y >>> 8) & 0xff;
      b = (pair[i]! & mask) << 1;
      x = w[b]!; y = w[b + 1]!;
      a02 += x & LANES; a13 += (x >>> 8) & LANES; a46 += y & LANES; a5 += (y >>> 8) & 0xff;
      b = ((pair[i + 3]! + 3) & mask) << 1;
      x = w[b]!; y = w[b + 1]!;
      a02 += x & LANES; a13 += (x >>> 8) & LANES; a46 += y & LANES; a5 += (y >>> 8) & 0xff;
      const e0 = (a02 & 0xffff) - ZH_BIAS;
      const e1 = (a13 & 0xffff) - ZH_BIAS;
      const e2 = (a02 >>> 16) - ZH_BIAS;
      const e3 = (a13 >>> 16) - ZH_BIAS;
      const e4 = (a46 & 0xffff) - ZH_BIAS;
      const e5 = a5 - ZH_BIAS;
      const e6 = (a46 >>> 16) - ZH_BIAS;
      const row = i * L;
      if (i === 0) {
        // Start: O and B-X only.
        score[0] = e0 * scale + trans[49]!;
        score[1] = e1 * scale + trans[50]!;
        score[2] = -1e30;
        score[3] = e3 * scale + trans[52]!;
        score[4] = -1e30;
        score[5] = e5 * scale + trans[54]!;
        score[6] = -1e30;
        continue;
      }
      const pr = row - L;
      const s0 = score[pr]!;
      const s1 = score[pr + 1]!;
      const s2 = score[pr + 2]!;
      const s3 = score[pr + 3]!;
      const s4 = score[pr + 4]!;
      const s5 = score[pr + 5]!;
      const s6 = score[pr + 6]!;
      // O and B-X: from any label.
      for (let y = 0; y < 7; y += y === 0 ? 1 : 2) {
        let best = s0 + trans[y]!;
        let arg = 0;
        let v = s1 + trans[7 + y]!;
        if (v > best) { best = v; arg = 1; }
        v = s2 + trans[14 + y]!;
        if (v > best) { best = v; arg = 2; }
        v = s3 + trans[21 + y]!;
        if (v > best) { best = v; arg = 3; }
        v = s4 + trans[28 + y]!;
        if (v > best) { best = v; arg = 4; }
        v = s5 + trans[35 + y]!;
        if (v > best) { best = v; arg = 5; }
        v = s6 + trans[42 + y]!;
        if (v > best) { best = v; arg = 6; }
        const e = y === 0 ? e0 : y === 1 ? e1 : y === 3 ? e3 : e5;
        score[row + y] = best + e * scale;
        back[row + y] = arg;
      }
      // I-X: from B-X or I-X.
      for (let y = 2; y < 7; y += 2) {
        const a = score[pr + y - 1]! + trans[(y - 1) * 7 + y]!;
        const c = score[pr + y]! + trans[y * 7 + y]!;
        const e = y === 2 ? e2 : y === 4 ? e4 : e6;
        if (a >= c) {
          score[row + y] = a + e * scale;
          back[row + y] = y - 1;
        } else {
          score[row + y] = c + e * scale;
          back[row + y] = y;
        }
      }
    }
    let best = -Infinity;
    let arg = 0;
    const last = (n - 1) * L;
    for (let y = 0; y < L; y++) {
      if (score[last + y]! > best) {
        best = score[last + y]!;
        arg = y;
      }
    }
    const labels = this.labels;
    for (let i = n - 1; i >= 0; i--) {
      labels[i] = arg;
      arg = back[i * L + arg]!;
    }
    return spansOf(labels, n, (i) => from + i, (i) => from + i + 1);
  }
}

export class EnTagger {
  private readonly mask: number;
  /** The weights packed two int32 a bucket, as the Chinese tagger's (`packWeights`). */
  private readonly w: Int32Array;
  private feats = new Int32Array(64 * EN_FEATURES);
  private em = new Float64Array(64 * L);
  private labels = new Uint8Array(64);
  constructor(private readonly model: TaggerModel) {
    if (model.kind !== 'en') throw new Error('EnTagger needs an en model');
    if ((model.layout ?? 0) !== EN_LAYOUT) throw new Error(`tagger model: feature layout ${model.layout ?? 0}, this tagger reads layout ${EN_LAYOUT} (retrain with scripts/train-ner.ts)`);
    this.mask = (1 << model.bits) - 1;
    this.w = packWeights(model.weights, 1 << model.bits);
  }

  /**
   * Names in the original (not folded: case matters) English text `text[from, to)`; `known`: the knowledge base's
   * names in the text (sorted, not overlapping; the first that may reach the range at `knownFrom`). The emissions
   * are the sums of the packed weights (the same integers as `viterbi` adds from the int8 weights, 18 x 255 < 2^16
   * in a lane), the decoding `viterbi`'s; the buffers are kept from line to line.
   */
  tag(text: string, from: number, to: number, known: readonly KnownSpan[] = [], knownFrom = 0): TaggedSpan[] {
    const tokens = tokenize(text, from, to);
    const n = tokens.length;
    if (n === 0) return [];
    if (this.labels.length < n) {
      this.feats = new Int32Array(n * 2 * EN_FEATURES);
      this.em = new Float64Array(n * 2 * L);
      this.labels = new Uint8Array(n * 2);
    }
    const feats = this.feats;
    enFeatures(text, tokens, this.mask, feats, knownCodes(tokens, known, knownFrom));
    const w = this.w;
    const em = this.em;
    const scale = this.model.scale;
    for (let i = 0; i < n; i++) {
      let a02 = 0;
      let a13 = 0;
      let a46 = 0;
      let a5 = 0;
      const o = i * EN_FEATURES;
      for (let k = 0; k < EN_FEATURES; k++) {
        const b = feats[o + k]! << 1;
        const x = w[b]!;
        const y = w[b + 1]!;
        a02 += x & LANES;
        a13 += (x >>> 8) & LANES;
        a46 += y & LANES;
        a5 += (y >>> 8) & 0xff;
      }
      const r = i * L;
      em[r] = ((a02 & 0xffff) - EN_BIAS) * scale;
      em[r + 1] = ((a13 & 0xffff) - EN_BIAS) * scale;
      em[r + 2] = ((a02 >>> 16) - EN_BIAS) * scale;
      em[r + 3] = ((a13 >>> 16) - EN_BIAS) * scale;
      em[r + 4] = ((a46 & 0xffff) - EN_BIAS) * scale;
      em[r + 5] = (a5 - EN_BIAS) * scale;
      em[r + 6] = ((a46 >>> 16) - EN_BIAS) * scale;
    }
    decode(n, em, this.model.trans, this.labels);
    return spansOf(this.labels, n, (i) => tokens[i]!.start, (i) => tokens[i]!.end);
  }
}
