/**
 * Strict UTF-8 decoding for files that are written back (annotation sidecars): a file with bytes that are not
 * UTF-8 (a note saved as GBK by another tool) must be reported with its line and never rewritten, because
 * decoding it with replacement characters and saving it again would destroy the original bytes.
 */

/** Bytes that are not valid UTF-8, with the 1-based line and column (in code points) of the first bad sequence. */
export class InvalidUtf8Error extends Error {
  constructor(
    readonly line: number,
    readonly column: number,
    /** 0-based offset of the first invalid byte in the file. */
    readonly byteOffset: number,
    readonly byte: number,
  ) {
    super(`not valid UTF-8: byte 0x${byte.toString(16).toUpperCase().padStart(2, '0')} at line ${line}, column ${column} (byte offset ${byteOffset})`);
    this.name = 'InvalidUtf8Error';
  }
}

/** Offset of the first byte that does not start a valid UTF-8 sequence (RFC 3629: no overlongs, no surrogates), or -1. */
export function firstInvalidUtf8(bytes: Uint8Array): number {
  const n = bytes.length;
  let i = 0;
  while (i < n) {
    const b = bytes[i]!;
    if (b < 0x80) {
      i++;
      continue;
    }
    let len: number;
    let lo = 0x80;
    let hi = 0xbf;
    if (b >= 0xc2 && b <= 0xdf) len = 2;
    else if (b >= 0xe0 && b <= 0xef) {
      len = 3;
      if (b === 0xe0) lo = 0xa0;
      else if (b === 0xed) hi = 0x9f;
    } else if (b >= 0xf0 && b <= 0xf4) {
      len = 4;
      if (b === 0xf0) lo = 0x90;
      else if (b === 0xf4) hi = 0x8f;
    } else return i;
    if (i + len > n) return i;
    const b1 = bytes[i + 1]!;
    if (b1 < lo || b1 > hi) return i;
    for (let k = 2; k < len; k++) {
      const c = bytes[i + k]!;
      if (c < 0x80 || c > 0xbf) return i;
    }
    i += len;
  }
  return -1;
}

const fatalDecoder = new TextDecoder('utf-8', { fatal: true });

/** Decode UTF-8 (BOM removed) or throw InvalidUtf8Error naming the line and column of the first bad byte. */
export function decodeUtf8Strict(bytes: Uint8Array): string {
  let text: string;
  try {
    text = fatalDecoder.decode(bytes);
  } catch {
    const at = Math.max(0, firstInvalidUtf8(bytes));
    const before = new TextDecoder('utf-8').decode(bytes.subarray(0, at));
    const lineStart = before.lastIndexOf('\n') + 1;
    const line = before.slice(0, lineStart).split('\n').length;
    const column = [...before.slice(lineStart)].length + (lineStart === 0 && before.charCodeAt(0) === 0xfeff ? 0 : 1);
    throw new InvalidUtf8Error(line, column, at, bytes[at] ?? 0);
  }
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}
