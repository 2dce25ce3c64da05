// esbuild plugins of the bundled data, shared by scripts/build.mjs and the benchmarks that bundle as it does.
import { readFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');

// The large bundled data (the tagger models, the compiled knowledge base: 6 MB) is not compiled into the Node
// bundles: V8 parsed it at every start (the extension host's module load was ~0.35 s of a 9 MB bundle, and each
// index worker and CLI run paid it too). They read dist/data/<file> on first use instead: the knowledge base as
// text, the models in their dense binary form (used in place, no decoding). The web build, which has no file
// system at load time, keeps them inline.
const LAZY_DATA = {
  'knowledge.compiled.jsonl': `require('node:fs').readFileSync(require('node:path').join(__dirname, 'data', 'knowledge.compiled.jsonl'), 'utf8')`,
  'ner-zh.b64': `(b => new Uint8Array(b.buffer, b.byteOffset, b.byteLength))(require('node:fs').readFileSync(require('node:path').join(__dirname, 'data', 'ner-zh.bin')))`,
  'ner-en.b64': `(b => new Uint8Array(b.buffer, b.byteOffset, b.byteLength))(require('node:fs').readFileSync(require('node:path').join(__dirname, 'data', 'ner-en.bin')))`,
};
/** The Node bundles' loader of the large data files (read from `data/` next to the bundle on first use). */
export const lazyDataPlugin = () => ({
  name: 'lazy-data',
  setup(build) {
    const filter = new RegExp(`(${Object.keys(LAZY_DATA).map((f) => f.replace(/[.]/g, '\\.')).join('|')})$`);
    build.onLoad({ filter }, (args) => ({
      loader: 'js',
      // A getter: esbuild reads `.default` where the import is used, so the file is read when first needed. Not
      // kept here: its one reader keeps what it makes of it (the parsed knowledge base, the packed tagger weights),
      // and the text or bytes themselves (12 MB) are garbage after that.
      contents: `Object.defineProperty(exports, '__esModule', { value: true });
Object.defineProperty(exports, 'default', { enumerable: true, get: () => ${LAZY_DATA[basename(args.path)]} });`,
    }));
  },
});

// The recogniser's tables of the bundled knowledge base (src/core/entities/precompiled.ts; made by
// scripts/compile-knowledge.ts): the Node bundles read dist/data/knowledge.tables.bin when the knowledge base is first
// loaded (a missing file: the recogniser computes them), the web bundle has the bytes inline (base64, decoded once).
// The Node bundles also read data/knowledge.compiled.jsonl as bytes for the entities' lines (a hover decodes one).
const PRECOMPILED = /[\\/]src[\\/]core[\\/]entities[\\/]precompiled\.ts$/;
const PRECOMPILED_NODE = `let bytes;
export function precompiledRecognizerTables() {
  if (bytes === undefined) {
    try {
      const b = require('node:fs').readFileSync(require('node:path').join(__dirname, 'data', 'knowledge.tables.bin'));
      bytes = new Uint8Array(b.buffer, b.byteOffset, b.byteLength);
    } catch (error) {
      if (error?.code !== 'ENOENT') throw error;
      bytes = null;
    }
  }
  return bytes ?? undefined;
}
export function precompiledKnowledgeBytes() {
  const b = require('node:fs').readFileSync(require('node:path').join(__dirname, 'data', 'knowledge.compiled.jsonl'));
  return new Uint8Array(b.buffer, b.byteOffset, b.byteLength);
}`;
const PRECOMPILED_WEB = (file) => `const BASE64 = ${JSON.stringify(readFileSync(file).toString('base64'))};
let bytes;
export function precompiledRecognizerTables() {
  if (bytes === undefined) {
    if (typeof Uint8Array.fromBase64 === 'function') bytes = Uint8Array.fromBase64(BASE64);
    else {
      const s = atob(BASE64);
      bytes = new Uint8Array(s.length);
      for (let i = 0; i < s.length; i++) bytes[i] = s.charCodeAt(i);
    }
  }
  return bytes;
}
export function precompiledKnowledgeBytes() {
  return undefined;
}`;
/**
 * The loader of src/core/entities/precompiled.ts: for `node`, reads data/knowledge.tables.bin next to the bundle;
 * for `web`, the bytes of `file` (default dist/data/knowledge.tables.bin) inline.
 */
export const tablesPlugin = (platform, file = join(ROOT, 'dist', 'data', 'knowledge.tables.bin')) => ({
  name: 'precompiled-tables',
  setup(build) {
    build.onLoad({ filter: PRECOMPILED }, () => ({ loader: 'js', contents: platform === 'web' ? PRECOMPILED_WEB(file) : PRECOMPILED_NODE }));
  },
});
