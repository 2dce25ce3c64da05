/**
 * Synchronous SHA-256 (hex) of a string's UTF-8 bytes, from @noble/hashes (audited, no dependencies, pure
 * JavaScript: runs in Node, the CLI and web workers, where Web Crypto's digest would be asynchronous).
 */
import { sha256 } from '@noble/hashes/sha2.js';
import { bytesToHex } from '@noble/hashes/utils.js';

export function sha256Hex(text: string): string {
  return bytesToHex(sha256(new TextEncoder().encode(text)));
}
