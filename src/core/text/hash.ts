/**
 * A fast 64-bit content hash (two independent 32-bit lanes: FNV-1a and a multiply-rotate mix), hex. Not
 * cryptographic: it keys the persistent index cache (a changed file must get a new key; an adversary is not in
 * the model), where SHA-256 in pure JavaScript would cost more than reading the file.
 */
export function hashBytes(bytes: Uint8Array): string {
  let a = 0x811c9dc5;
  let b = 0x9747b28c ^ bytes.length;
  const n = bytes.length;
  let i = 0;
  for (; i + 4 <= n; i += 4) {
    const w = bytes[i]! | (bytes[i + 1]! << 8) | (bytes[i + 2]! << 16) | (bytes[i + 3]! << 24);
    a = Math.imul(a ^ w, 0x01000193);
    b = Math.imul(b ^ w, 0x5bd1e995);
    b = (b << 13) | (b >>> 19);
  }
  for (; i < n; i++) {
    a = Math.imul(a ^ bytes[i]!, 0x01000193);
    b = Math.imul(b ^ bytes[i]!, 0x5bd1e995);
  }
  return hex(mix(a)) + hex(mix(b ^ a));
}

/** The same over a string's UTF-16 code units (versions of knowledge and topic sources). */
export function hashString(text: string): string {
  let a = 0x811c9dc5;
  let b = 0x9747b28c ^ text.length;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    a = Math.imul(a ^ c, 0x01000193);
    b = Math.imul(b ^ c, 0x5bd1e995);
    b = (b << 13) | (b >>> 19);
  }
  return hex(mix(a)) + hex(mix(b ^ a));
}

function mix(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  return (h ^ (h >>> 16)) >>> 0;
}

function hex(n: number): string {
  return n.toString(16).padStart(8, '0');
}
