// Bundles the extension (node + web worker) and the CLI with esbuild. `vscode` stays external.
import { execFileSync } from 'node:child_process';
import { copyFileSync } from 'node:fs';
import * as esbuild from 'esbuild';
import { lazyDataPlugin, tablesPlugin } from './bundle-data.mjs';

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

copyFileSync('data/knowledge.compiled.jsonl', 'dist/data/knowledge.compiled.jsonl');
const lazyData = lazyDataPlugin();
const nodeTables = tablesPlugin('node');

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
    plugins: [tablesPlugin('web')],
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
