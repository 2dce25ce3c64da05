// The traditional -> simplified character pairs of the script folding, from OpenCC (see gen-fold.ts). Shared by
// the generator and the test that checks the generated file is current.
import * as OpenCC from 'opencc-js/t2cn';

/** Post-corrections where OpenCC's data is wrong for this field. */
export const SIMPLIFIED_FIXES: Array<[string, string]> = [
  ['製', '制'],
  ['么', '么'], // a simplified character OpenCC turns into 幺 when it stands alone
];

const CJK_RANGES: Array<[number, number]> = [
  [0x2e80, 0x2fdf],
  [0x3400, 0x4dbf],
  [0x4e00, 0x9fff],
  [0xf900, 0xfaff],
];

/** "ab..." where each a folds to the b after it; ascending by a. */
export function scriptPairs(): string {
  const map = new Map<number, number>();
  const convert = OpenCC.Converter({ from: 'tw', to: 'cn' });
  for (const [from, to] of CJK_RANGES) {
    const chars: string[] = [];
    for (let c = from; c <= to; c++) chars.push(String.fromCharCode(c));
    const converted = convert(chars.join('\n')).split('\n');
    if (converted.length !== chars.length) throw new Error(`OpenCC changed the number of lines in ${from.toString(16)}-${to.toString(16)}`);
    for (let i = 0; i < chars.length; i++) {
      const s = converted[i]!;
      if (s.length === 1 && s.charCodeAt(0) !== from + i) map.set(from + i, s.charCodeAt(0));
    }
  }
  for (const [from, to] of SIMPLIFIED_FIXES) {
    if (from === to) map.delete(from.charCodeAt(0));
    else map.set(from.charCodeAt(0), to.charCodeAt(0));
  }
  let out = '';
  for (const c of [...map.keys()].sort((a, b) => a - b)) out += String.fromCharCode(c, map.get(c)!);
  return out;
}
