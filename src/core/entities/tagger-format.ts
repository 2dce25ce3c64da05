/**
 * The tagger's model file: the sparse form written by scripts/train-ner.ts (`encodeModel`, base64 text:
 * data/ner-*.b64), the dense form compiled for the bundle (`encodeDenseModel`), and `decodeModel` for either.
 * Header: magic, kind, bits, label count, layout, scale, the transition table; then the weights.
 */
import { L as LABEL_COUNT } from './tagger';

/** Local binding (module members compiled to CommonJS are getters, and the decoder reads it per weight). */
const L = LABEL_COUNT;

export interface TaggerModel {
  kind: 'zh' | 'en';
  bits: number;
  /** Feature layout (see ZH_LAYOUT; 0 for English). */
  layout?: number;
  scale: number;
  trans: Float32Array;
  weights: Int8Array;
}

const MAGIC = 0x31544c43; // "CLT1"
/** The dense form (encodeDenseModel): the same header, then the weight table as it is used, read without decoding. */
const DENSE_MAGIC = 0x44544c43; // "CLTD"

const B64 = (() => {
  const t = new Uint8Array(128).fill(255);
  const abc = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
  for (let i = 0; i < 64; i++) t[abc.charCodeAt(i)] = i;
  return t;
})();

/**
 * Base64 (line breaks allowed) to bytes in one pass through a lookup table: atob + a copy loop + a white-space
 * RegExp took ~4x as long on the 3 MB model, and this runs before the first highlights.
 */
export function fromBase64(text: string): Uint8Array {
  const out = new Uint8Array(Math.floor((text.length * 3) / 4) + 3);
  let n = 0;
  let acc = 0;
  let bits = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    const v = c < 128 ? B64[c]! : 255;
    if (v === 255) {
      if (c === 61 /* = */) break;
      if (c === 10 || c === 13 || c === 32 || c === 9) continue;
      throw new Error(`tagger model: not base64 (character ${JSON.stringify(text[i])} at ${i})`);
    }
    acc = ((acc << 6) | v) & 0xffffff;
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      out[n++] = (acc >> bits) & 0xff;
    }
  }
  return out.subarray(0, n);
}

function toBase64(bytes: Uint8Array): string {
  let s = '';
  for (let i = 0; i < bytes.length; i += 0x8000) s += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  const b = btoa(s);
  return b.replace(/(.{120})/g, '$1\n') + '\n';
}

function headerSize(m: TaggerModel): number {
  return 12 + 4 * m.trans.length + 4;
}

/** magic, kind, bits, labels, layout, scale, transitions and the entry count (shared by both forms). */
function writeHeader(bytes: Uint8Array, m: TaggerModel, magic: number, count: number): void {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  view.setUint32(0, magic, true);
  bytes[4] = m.kind === 'zh' ? 0 : 1;
  bytes[5] = m.bits;
  bytes[6] = L;
  bytes[7] = m.layout ?? 0;
  view.setFloat32(8, m.scale, true);
  m.trans.forEach((t, i) => view.setFloat32(12 + 4 * i, t, true));
  view.setUint32(headerSize(m) - 4, count, true);
}

/** Binary layout (little endian): magic u32, kind u8 (0 zh, 1 en), bits u8, labels u8, feature layout u8, scale f32,
 *  trans f32[(L+1)*L], count u32, then count entries of (varint bucket delta, int8[L]). */
export function encodeModel(m: TaggerModel): string {
  const buckets: number[] = [];
  for (let b = 0; b < 1 << m.bits; b++) {
    for (let y = 0; y < L; y++) {
      if (m.weights[b * L + y] !== 0) {
        buckets.push(b);
        break;
      }
    }
  }
  const head = headerSize(m);
  const bytes = new Uint8Array(head + buckets.length * (L + 4));
  writeHeader(bytes, m, MAGIC, buckets.length);
  let p = head;
  let last = 0;
  for (const b of buckets) {
    let d = b - last;
    last = b;
    while (d >= 0x80) {
      bytes[p++] = (d & 0x7f) | 0x80;
      d >>>= 7;
    }
    bytes[p++] = d;
    for (let y = 0; y < L; y++) bytes[p++] = m.weights[b * L + y]! & 0xff;
  }
  return toBase64(bytes.subarray(0, p));
}

/**
 * The dense form of a model: the header of `encodeModel` (magic "CLTD", count 0), then the whole weight table
 * (int8[(1 << bits) * L]) as the tagger reads it. 4x the size of the sparse form, but `decodeModel` takes its table
 * as a view of the bytes: the Node builds ship it (scripts/compile-models.ts) so that a process has its taggers
 * without decoding 2 MB of sparse rows (~100-250 ms before the first highlights, in every index worker too).
 */
export function encodeDenseModel(m: TaggerModel): Uint8Array {
  const head = headerSize(m);
  const bytes = new Uint8Array(head + m.weights.length);
  writeHeader(bytes, m, DENSE_MAGIC, 0);
  bytes.set(new Uint8Array(m.weights.buffer, m.weights.byteOffset, m.weights.byteLength), head);
  return bytes;
}

/** A model from `encodeModel`'s base64 text or from `encodeDenseModel`'s bytes (whose table is used in place). */
export function decodeModel(input: string | Uint8Array): TaggerModel {
  const bytes = typeof input === 'string' ? fromBase64(input) : input;
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const magic = bytes.length < 16 ? 0 : view.getUint32(0, true);
  if (magic !== MAGIC && magic !== DENSE_MAGIC) throw new Error('tagger model: not a Corpus Lens tagger model (bad magic)');
  if (bytes[6] !== L) throw new Error(`tagger model: ${bytes[6]} labels, expected ${L}`);
  const kind = bytes[4] === 0 ? 'zh' : 'en';
  const bits = bytes[5]!;
  const scale = view.getFloat32(8, true);
  const trans = new Float32Array((L + 1) * L);
  for (let i = 0; i < trans.length; i++) trans[i] = view.getFloat32(12 + 4 * i, true);
  const head = 12 + 4 * trans.length + 4;
  if (magic === DENSE_MAGIC) {
    if (bytes.length !== head + (1 << bits) * L) throw new Error('tagger model: truncated');
    return { kind, bits, layout: bytes[7]!, scale, trans, weights: new Int8Array(bytes.buffer, bytes.byteOffset + head, (1 << bits) * L) };
  }
  const count = view.getUint32(head - 4, true);
  const weights = new Int8Array((1 << bits) * L);
  const signed = new Int8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let p = head;
  let b = 0;
  for (let k = 0; k < count; k++) {
    let d = 0;
    let shift = 0;
    for (;;) {
      const x = bytes[p++]!;
      d |= (x & 0x7f) << shift;
      if (x < 0x80) break;
      shift += 7;
    }
    b += d;
    const at = b * L;
    for (let y = 0; y < L; y++) weights[at + y] = signed[p++]!;
  }
  if (p > bytes.length) throw new Error('tagger model: truncated');
  return { kind, bits, layout: bytes[7]!, scale, trans, weights };
}
