import type { Span } from '../types';

/** White space of any script: ASCII, NBSP, the ideographic space U+3000, the Unicode space separators, BOM, line separators. */
export function isSpace(c: number): boolean {
  return (
    c === 32 || c === 9 || c === 10 || c === 13 || c === 11 || c === 12 || c === 0xa0 || c === 0x3000 || c === 0x202f ||
    c === 0xfeff || (c >= 0x2000 && c <= 0x200b) || c === 0x205f || c === 0x1680 || c === 0x85 || c === 0x2028 || c === 0x2029
  );
}

/** [start, end) of `text` without white space at either end (start === end when nothing but space is left). */
export function trimSpan(text: string, start: number, end: number): Span {
  while (start < end && isSpace(text.charCodeAt(start))) start++;
  while (end > start && isSpace(text.charCodeAt(end - 1))) end--;
  return { start, end };
}
