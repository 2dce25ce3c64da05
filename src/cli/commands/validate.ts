/**
 * `corpus-lens validate [paths...]`: checks every `*.annotations.yaml` under the paths (default: the current
 * folder): schema problems with file:line:col, documents that are missing, annotations that no longer anchor in
 * their document (orphans: warnings). Exit code 1 when there is an error.
 */
import { promises as fsp } from 'node:fs';
import * as path from 'node:path';
import { parseSidecar, resolveAll, SIDECAR_SUFFIX, sha256Hex, type ParsedSidecar } from '../../core/annotations';
import type { Problem } from '../../core/types';
import { NodeFileStore } from '../nodeFileStore';
import { count } from '../../core/text/plural';
import { InvalidUtf8Error } from '../../core/text/utf8';

export interface CliIo {
  stdout: (s: string) => void;
  stderr: (s: string) => void;
  cwd: string;
}

const SKIP_DIRS = new Set(['node_modules', '.git', '.hg', '.svn', 'dist', 'out']);

/** Sidecar files under the given paths (folders are searched recursively; a document path maps to its sidecar). */
export async function findSidecars(paths: readonly string[], cwd: string): Promise<{ files: string[]; problems: string[] }> {
  const files = new Set<string>();
  const problems: string[] = [];
  const walk = async (dir: string): Promise<void> => {
    const entries = await fsp.readdir(dir, { withFileTypes: true });
    entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    for (const e of entries) {
      const full = path.join(dir, e.name);
      if (e.isDirectory()) {
        if (!SKIP_DIRS.has(e.name)) await walk(full);
      } else if (e.isFile() && e.name.endsWith(SIDECAR_SUFFIX)) files.add(full);
    }
  };
  for (const p of paths.length ? paths : ['.']) {
    const full = path.resolve(cwd, p);
    let stat;
    try {
      stat = await fsp.stat(full);
    } catch {
      problems.push(`${p}: no such file or folder`);
      continue;
    }
    if (stat.isDirectory()) await walk(full);
    else if (full.endsWith(SIDECAR_SUFFIX)) files.add(full);
    else {
      try {
        await fsp.stat(full + SIDECAR_SUFFIX);
        files.add(full + SIDECAR_SUFFIX);
      } catch {
        problems.push(`${p}: not a sidecar (*${SIDECAR_SUFFIX}) and no sidecar beside it`);
      }
    }
  }
  return { files: [...files], problems };
}

export function displayPath(file: string, cwd: string): string {
  const rel = path.relative(cwd, file);
  return (rel && !rel.startsWith('..') && !path.isAbsolute(rel) ? rel : file).split(path.sep).join('/');
}

export function formatProblem(p: Problem): string {
  return `${p.file}:${p.line}:${p.column}: ${p.severity}: ${p.message}`;
}

/** 1-based position of the `path:` key of the document block (for "document not found"). */
function documentPathPosition(text: string): { line: number; column: number } {
  const lines = text.split('\n');
  let inDocument = false;
  for (let i = 0; i < lines.length; i++) {
    const l = lines[i]!;
    if (/^document\s*:/.test(l)) inDocument = true;
    else if (/^\S/.test(l)) inDocument = false;
    const m = inDocument ? /^(\s+)path\s*:/.exec(l) : null;
    if (m) return { line: i + 1, column: m[1]!.length + 1 };
  }
  return { line: 1, column: 1 };
}

export interface CheckedSidecar {
  file: string;
  display: string;
  text: string;
  parsed: ParsedSidecar;
  /** Absolute path of the document (when the sidecar could be read). */
  docPath?: string;
  docText?: string;
  problems: Problem[];
}

/** Parse a sidecar and anchor its annotations in its document. */
export async function checkSidecar(file: string, cwd: string, verbose = false): Promise<CheckedSidecar> {
  const store = new NodeFileStore();
  const display = displayPath(file, cwd);
  let text: string;
  try {
    text = (await store.readText(file, { strictUtf8: true })) ?? '';
  } catch (error) {
    if (!(error instanceof InvalidUtf8Error)) throw error;
    const problem: Problem = { file: display, line: error.line, column: error.column, severity: 'error', message: `${error.message}; Corpus Lens never rewrites this file — convert it to UTF-8` };
    return { file, display, text: '', parsed: { value: undefined, problems: [problem], locations: new Map() }, problems: [problem] };
  }
  const parsed = parseSidecar(text, display);
  const problems: Problem[] = [...parsed.problems];
  const out: CheckedSidecar = { file, display, text, parsed, problems };
  if (!parsed.value) return out;
  const docPath = path.resolve(path.dirname(file), parsed.value.document.path);
  out.docPath = docPath;
  const docText = await store.readText(docPath);
  if (docText === undefined) {
    problems.push({ file: display, ...documentPathPosition(text), severity: 'error', message: `document "${parsed.value.document.path}" not found (${displayPath(docPath, cwd)})` });
    return out;
  }
  out.docText = docText;
  if (parsed.value.document.sha256 && parsed.value.document.sha256 !== sha256Hex(docText) && verbose) {
    problems.push({ file: display, ...documentPathPosition(text), severity: 'info', message: 'the document changed since the sidecar was saved; annotations were re-anchored' });
  }
  const { problems: anchoring } = resolveAll(parsed.value, docText, display, parsed.locations);
  problems.push(...anchoring);
  return out;
}

const USAGE = `usage: corpus-lens validate [--verbose] [paths...]
Checks *${SIDECAR_SUFFIX} files (default: under the current folder). Exit code 1 on errors.`;

export async function run(args: string[], io: CliIo): Promise<number> {
  const paths: string[] = [];
  let verbose = false;
  for (const a of args) {
    if (a === '--help' || a === '-h') {
      io.stdout(USAGE + '\n');
      return 0;
    } else if (a === '--verbose' || a === '-v') verbose = true;
    else if (a.startsWith('-')) {
      io.stderr(`unknown option ${a}\n${USAGE}\n`);
      return 2;
    } else paths.push(a);
  }
  const found = await findSidecars(paths, io.cwd);
  let errors = found.problems.length;
  let warnings = 0;
  for (const p of found.problems) io.stderr(`error: ${p}\n`);
  for (const file of found.files) {
    const checked = await checkSidecar(file, io.cwd, verbose);
    for (const p of checked.problems) {
      if (p.severity === 'error') errors++;
      else if (p.severity === 'warning') warnings++;
      else if (!verbose) continue;
      io.stdout(formatProblem(p) + '\n');
    }
  }
  if (!found.files.length && !found.problems.length) io.stderr(`no *${SIDECAR_SUFFIX} files found\n`);
  io.stderr(`${count(found.files.length, 'sidecar file')}: ${count(errors, 'error')}, ${count(warnings, 'warning')}\n`);
  return errors ? 1 : 0;
}
