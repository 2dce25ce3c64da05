// Bundles the extension (node + web worker) and the CLI with esbuild. `vscode` stays external.
import { execFileSync } from 'node:child_process';
import { copyFileSync, readFileSync } from 'node:fs';
import { basename } from 'node:path';
import * as esbuild from 'esbuild';

// The bundled knowledge base is compiled from data/knowledge*.yaml first, then the recogniser's tables of it are
// packed to dist/data/knowledge.tables.bin (each skipped when up to date).
execFileSync(process.execPath, ['-r', './test/register-text.cjs', '-r', 'tsx/cjs', 'scripts/compile-knowledge.ts'], { stdio: 'inherit' });
// The tagger models' dense form for the Node builds (dist/data/ner-*.bin; see scripts/compile-models.ts).
execFileSync(process.execPath, ['-r', 'tsx/cjs', 'scripts/compile-models.ts'], { stdio: 'inherit' });

const production = process.argv.includes('--production');
// A new id per build keys the persistent index cache: a changed analyser must not reuse an old build's results.
const buildId = `${Date.now().toString(36)}`;
const common = {
  bundle: true,
  minify: production,
  sourcemap: !production,
  logLevel: 'warning',
  loader: { '.yaml': 'text', '.jsonl': 'text', '.b64': 'text' },
  external: ['vscode'],
  define: { __CORPUS_LENS_BUILD__: JSON.stringify(buildId) },
};

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
copyFileSync('data/knowledge.compiled.jsonl', 'dist/data/knowledge.compiled.jsonl');
const lazyData = {
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
};

// The recogniser's tables of the bundled knowledge base (src/core/entities/precompiled.ts; made by
// scripts/compile-knowledge.ts): the Node bundles read dist/data/knowledge.tables.bin when the knowledge base is first
// loaded (a missing file: the recogniser computes them), the web bundle has the bytes inline (base64, decoded once).
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
}`;
const precompiledWeb = () => `const BASE64 = ${JSON.stringify(readFileSync('dist/data/knowledge.tables.bin').toString('base64'))};
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
}`;
const precompiledTables = (contents) => ({
  name: 'precompiled-tables',
  setup(build) {
    build.onLoad({ filter: PRECOMPILED }, () => ({ loader: 'js', contents: contents() }));
  },
});
const nodeTables = precompiledTables(() => PRECOMPILED_NODE);

await Promise.all([
  esbuild.build({ ...common, entryPoints: ['src/extension/extension.ts'], outfile: 'dist/extension.js', platform: 'node', format: 'cjs', target: 'node20', plugins: [lazyData, nodeTables] }),
  // package.json "main": loads dist/extension.js through a V8 code cache (src/extension/main.ts).
  esbuild.build({ ...common, entryPoints: ['src/extension/main.ts'], outfile: 'dist/main.js', platform: 'node', format: 'cjs', target: 'node20' }),
  esbuild.build({
    ...common,
    entryPoints: ['src/extension/extension.ts'],
    outfile: 'dist/web/extension.js',
    platform: 'browser',
    format: 'cjs',
    target: 'es2022',
    mainFields: ['browser', 'module', 'main'],
    define: { ...common.define, 'process.env.NODE_ENV': production ? '"production"' : '"development"' },
    plugins: [precompiledTables(precompiledWeb)],
  }),
  // The views' page (webview/visualize): ECharts, Cytoscape.js and the row virtualiser, bundled locally (no CDN).
  esbuild.build({ ...common, entryPoints: ['webview/visualize/main.ts'], outfile: 'dist/webview/visualize.js', platform: 'browser', format: 'iife', target: 'es2022', minify: true, sourcemap: false, define: { ...common.define, 'process.env.NODE_ENV': '"production"' } }),
  esbuild.build({ ...common, entryPoints: ['src/extension/services/indexWorker.ts'], outfile: 'dist/indexWorker.js', platform: 'node', format: 'cjs', target: 'node20', plugins: [lazyData, nodeTables] }),
  esbuild.build({ ...common, entryPoints: ['src/cli/main.ts'], outfile: 'dist/cli.js', platform: 'node', format: 'cjs', target: 'node20', banner: { js: '#!/usr/bin/env node' }, plugins: [lazyData, nodeTables] }),
  esbuild.build({
    ...common,
    entryPoints: { index: 'test/integration/index.ts', all: 'test/integration/all.ts' },
    outdir: 'out/integration',
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    external: ['vscode', 'mocha'],
  }),
  esbuild.build({
    ...common,
    entryPoints: ['bench/extension/host.ts'],
    outfile: 'out/bench/host.js',
    platform: 'node',
    format: 'cjs',
    target: 'node20',
  }),
]);
