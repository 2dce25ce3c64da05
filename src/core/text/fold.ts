import * as OpenCC from 'opencc-js/t2cn';

/**
 * Script folding for matching: traditional -> simplified Chinese (OpenCC t2cn, Taiwan variants), full-width ASCII
 * -> half-width, ideographic space -> space, Latin lower case. The result has exactly the same length in UTF-16
 * code units as the input, so an offset into the folded text is an offset into the original.
 *
 * Folding is character by character through one 64K lookup table, built once from OpenCC's character
 * conversions: a single pass over char codes (> 100 MB/s), instead of OpenCC's phrase trie on every call.
 */

let table: Uint16Array | undefined;

/** Post-corrections where OpenCC's data is wrong for this field (applied to the table). */
const SIMPLIFIED_FIXES: Array<[string, string]> = [
  ['製', '制'],
  ['么', '么'], // a simplified character OpenCC turns into 幺 when it stands alone
];

function buildTable(): Uint16Array {
  const t = new Uint16Array(65536);
  for (let c = 0; c < 65536; c++) t[c] = c;
  // Width and case.
  for (let c = 0xff01; c <= 0xff5e; c++) t[c] = c - 0xfee0;
  t[0x3000] = 0x20;
  for (let c = 65; c <= 90; c++) t[c] = c + 32;
  for (let c = 0xff21; c <= 0xff3a; c++) t[c] = c - 0xfee0 + 32;
  for (let c = 0xc0; c <= 0x24f; c++) {
    const l = String.fromCharCode(c).toLowerCase();
    if (l.length === 1) t[c] = l.charCodeAt(0);
  }
  // Traditional -> simplified, per character: every CJK ideograph (BMP), converted alone (separated by newlines).
  const convert = OpenCC.Converter({ from: 'tw', to: 'cn' });
  const ranges: Array<[number, number]> = [
    [0x2e80, 0x2fdf],
    [0x3400, 0x4dbf],
    [0x4e00, 0x9fff],
    [0xf900, 0xfaff],
  ];
  for (const [from, to] of ranges) {
    const chars: string[] = [];
    for (let c = from; c <= to; c++) chars.push(String.fromCharCode(c));
    const converted = convert(chars.join('\n')).split('\n');
    if (converted.length !== chars.length) continue; // never expected; keep identity for safety
    for (let i = 0; i < chars.length; i++) {
      const s = converted[i]!;
      if (s.length === 1) t[from + i] = s.charCodeAt(0);
    }
  }
  for (const [from, to] of SIMPLIFIED_FIXES) t[from.charCodeAt(0)] = to.charCodeAt(0);
  // Surrogates stay as they are (astral characters are not folded).
  for (let c = 0xd800; c <= 0xdfff; c++) t[c] = c;
  return t;
}

const CHUNK = 8192;

function mapThrough(text: string, map: Uint16Array): string {
  const n = text.length;
  const buf = new Uint16Array(Math.min(n, CHUNK));
  let out = '';
  for (let base = 0; base < n; base += CHUNK) {
    const len = Math.min(CHUNK, n - base);
    for (let i = 0; i < len; i++) buf[i] = map[text.charCodeAt(base + i)]!;
    out += String.fromCharCode.apply(null, (len === buf.length ? buf : buf.subarray(0, len)) as unknown as number[]);
  }
  return out;
}

/** Fold text for matching. Length-preserving (UTF-16). */
export function fold(text: string): string {
  table ??= buildTable();
  return mapThrough(text, table);
}

let simplifyOnly: Uint16Array | undefined;

/** Traditional -> simplified only (length-preserving), for display and keys. */
export function toSimplified(text: string): string {
  if (!simplifyOnly) {
    table ??= buildTable();
    const t = new Uint16Array(table);
    // Undo the width/case folding: only CJK conversions remain.
    for (let c = 0; c < 0x2e80; c++) t[c] = c;
    for (let c = 0xff00; c <= 0xffff; c++) t[c] = c;
    t[0x3000] = 0x3000;
    simplifyOnly = t;
  }
  return mapThrough(text, simplifyOnly);
}
