/**
 * Offset conversions. The core works in UTF-16 code units; sidecar files store code-point positions
 * (W3C TextPositionSelector); editors and problem reports want line/column.
 */
import { upperBound } from '../sorted';

/** UTF-16 offset -> code-point offset. */
export function utf16ToCodePoint(text: string, offset: number): number {
  let cp = 0;
  for (let i = 0; i < offset && i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c >= 0xd800 && c <= 0xdbff && i + 1 < text.length) {
      const d = text.charCodeAt(i + 1);
      if (d >= 0xdc00 && d <= 0xdfff) {
        if (i + 1 >= offset) break; // offset points inside a surrogate pair: count the pair once
        i++;
      }
    }
    cp++;
  }
  return cp;
}

/** Code-point offset -> UTF-16 offset (clamped to the text). */
export function codePointToUtf16(text: string, cpOffset: number): number {
  let i = 0;
  let cp = 0;
  while (cp < cpOffset && i < text.length) {
    const c = text.charCodeAt(i);
    i += c >= 0xd800 && c <= 0xdbff && i + 1 < text.length ? 2 : 1;
    cp++;
  }
  return i;
}

/** Offsets where each line starts (after every \n), compact. */
export function lineStarts(text: string): Uint32Array {
  let n = 1;
  for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) === 10) n++;
  const starts = new Uint32Array(n);
  let k = 1;
  for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) === 10) starts[k++] = i + 1;
  return starts;
}

/** 0-based line and UTF-16 character of `offset`, given the line starts. */
export function positionIn(starts: ArrayLike<number>, offset: number): { line: number; character: number } {
  // The last line starting at or before offset (line 0 for an offset before the text).
  const line = Math.max(0, upperBound(starts, offset) - 1);
  return { line, character: offset - starts[line]! };
}

/** Precomputed line starts for fast offset <-> line/column (0-based) conversion. */
export class LineIndex {
  readonly starts: Uint32Array;
  constructor(readonly text: string) {
    this.starts = lineStarts(text);
  }
  /** 0-based line and UTF-16 character of an offset. */
  position(offset: number): { line: number; character: number } {
    return positionIn(this.starts, offset);
  }
  offset(line: number, character: number): number {
    if (line >= this.starts.length) return this.text.length;
    return Math.min(this.starts[line]! + character, this.text.length);
  }
  get lineCount(): number {
    return this.starts.length;
  }
}

/** Read a file's bytes as the CLI and the extension do: UTF-8, BOM removed. */
export function decodeText(bytes: Uint8Array): string {
  const text = new TextDecoder('utf-8').decode(bytes);
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}
