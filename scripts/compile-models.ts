// Writes the dense form of the bundled tagger models (data/ner-zh.b64, data/ner-en.b64) to dist/data/ner-*.bin
// for the Node builds (scripts/build.mjs): read there as bytes and used in place, without decoding (see
// encodeDenseModel in src/core/entities/tagger.ts). Skipped when a .bin is newer than its .b64.
import { existsSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { decodeModel, encodeDenseModel } from '../src/core/entities/tagger-format';

const root = join(__dirname, '..');
mkdirSync(join(root, 'dist', 'data'), { recursive: true });
for (const name of ['ner-zh', 'ner-en']) {
  const from = join(root, 'data', `${name}.b64`);
  const to = join(root, 'dist', 'data', `${name}.bin`);
  if (existsSync(to) && statSync(to).mtimeMs >= statSync(from).mtimeMs) continue;
  writeFileSync(to, encodeDenseModel(decodeModel(readFileSync(from, 'utf8'))));
}
