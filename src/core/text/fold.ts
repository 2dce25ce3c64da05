import * as OpenCC from 'opencc-js/t2cn';

/**
 * Script folding for matching: traditional -> simplified Chinese (OpenCC t2cn), full-width ASCII ->
 * half-width, ideographic space -> space, Latin lower case. The result has exactly the same length
 * in UTF-16 code units as the input, so an offset into the folded text is an offset into the original.
 */

let convert: ((s: string) => string) | undefined;
function t2s(s: string): string {
  convert ??= OpenCC.Converter({ from: 'tw', to: 'cn' });
  return convert(s);
}

/** Post-corrections where OpenCC's phrase data is wrong for this field. */
const SIMPLIFIED_FIXES: Array<[RegExp, string]> = [[/製裁/g, '制裁']];

function foldWidthAndCase(s: string): string {
  let out = '';
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c >= 0xff01 && c <= 0xff5e) {
      const h = c - 0xfee0;
      out += h >= 65 && h <= 90 ? String.fromCharCode(h + 32) : String.fromCharCode(h);
    } else if (c === 0x3000) {
      out += ' ';
    } else if (c >= 65 && c <= 90) {
      out += String.fromCharCode(c + 32);
    } else if (c >= 0xc0 && c <= 0x24f) {
      // Latin-1 / Latin Extended-A/B: lower-case only when it keeps the length.
      const l = s[i]!.toLowerCase();
      out += l.length === 1 ? l : s[i];
    } else {
      out += s[i];
    }
  }
  return out;
}

function t2sSameLength(s: string): string {
  let converted = t2s(s);
  for (const [re, to] of SIMPLIFIED_FIXES) converted = converted.replace(re, to);
  if (converted.length === s.length) return converted;
  // A phrase conversion changed the length somewhere: fall back to per-line, then per-character.
  const lines = s.split('\n');
  return lines
    .map((line) => {
      const l = t2s(line);
      if (l.length === line.length) return l;
      let out = '';
      for (const ch of line) {
        const c = t2s(ch);
        out += c.length === ch.length ? c : ch;
      }
      return out;
    })
    .join('\n');
}

/** Fold text for matching. Length-preserving (UTF-16). */
export function fold(text: string): string {
  return foldWidthAndCase(t2sSameLength(text));
}

/** Traditional -> simplified only (length-preserving), for display keys. */
export function toSimplified(text: string): string {
  return t2sSameLength(text);
}
