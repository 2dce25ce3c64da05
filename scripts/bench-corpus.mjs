// The corpus of bench:extension and scripts/index-memory.ts: the samples cut at line breaks into pieces, repeated over
// `files` files; with `mb`, the cut point is scaled to the measured mean (three times) so that the files hold about
// that many MB.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/** The samples of `repo` cut at the first line break after `cut` bytes. */
function chunks(repo, cut) {
  const dir = join(repo, 'samples');
  const out = [];
  for (const f of readdirSync(dir).filter((f) => f.endsWith('.txt')).sort()) {
    const text = readFileSync(join(dir, f), 'utf8');
    let piece = '';
    for (const line of text.split('\n')) {
      piece += `${line}\n`;
      if (Buffer.byteLength(piece) >= cut) {
        out.push(piece);
        piece = '';
      }
    }
    if (piece.trim()) out.push(piece);
  }
  return out;
}

/** The pieces (file i holds piece i % length) and the cut point that made them. */
export function benchPieces(repo, files, mb) {
  let cut = 5400;
  const sizeOf = (ps) => Array.from({ length: files }, (_, i) => Buffer.byteLength(ps[i % ps.length])).reduce((a, b) => a + b, 0);
  for (let i = 0; mb && i < 3; i++) cut = Math.round(cut * ((mb * 1048576) / sizeOf(chunks(repo, cut))));
  return { pieces: chunks(repo, cut), cut };
}
