/**
 * `corpus-lens validate [paths...]`: checks every `*.annotations.yaml` under the paths (default: the current
 * folder): schema problems with file:line:col, documents that are missing, annotations that no longer anchor in
 * their document (orphans: warnings). Exit code 1 when there is an error.
 */
import * as path from 'node:path';
import { parseSidecar, resolveAll, SIDECAR_SUFFIX, sha256Hex, type ParsedSidecar } from '../../core/annotations';
import type { Problem } from '../../core/types';
import { confinedJoin, documentPathPosition, type Confined } from '../../core/confine';
import { count } from '../../core/text/plural';
import { InvalidUtf8Error } from '../../core/text/utf8';

import { filesOf, type CliFiles, type CliIO } from '../io';
/** The one CLI I/O interface (src/cli/io.ts), under the name the commands here used. */
export type CliIo = CliIO;

const SKIP_DIRS = new Set(['node_modules', '.git', '.hg', '.svn', 'dist', 'out']);

/**
 * Sidecar files under the given paths (folders are searched recursively; a document path maps to its sidecar), each
 * with its corpus root: `root` when given (--root), else the folder named on the command line (a file's own folder),
 * else the current folder. A sidecar's document must be inside its root.
 */
export async function findSidecars(fs: CliFiles, paths: readonly string[], cwd: string, root?: string): Promise<{ files: string[]; problems: string[]; roots: Map<string, string> }> {
  const files = new Set<string>();
  const roots = new Map<string, string>();
  let currentRoot = cwd;
  const add = (file: string) => {
    files.add(file);
    if (!roots.has(file)) roots.set(file, root ?? currentRoot);
  };
  const problems: string[] = [];
  const walk = async (dir: string): Promise<void> => {
    for (const e of await fs.readdir(dir)) {
      const full = path.join(dir, e.name);
      if (e.kind === 'directory') {
        if (!SKIP_DIRS.has(e.name)) await walk(full);
      } else if (e.kind === 'file' && e.name.endsWith(SIDECAR_SUFFIX)) add(full);
    }
  };
  for (const p of paths.length ? paths : ['.']) {
    const full = path.resolve(cwd, p);
    const stat = await fs.stat(full);
    if (!stat) {
      problems.push(`${p}: no such file or folder`);
      continue;
    }
    currentRoot = paths.length ? (stat.kind === 'directory' ? full : path.dirname(full)) : cwd;
    if (stat.kind === 'directory') await walk(full);
    else if (full.endsWith(SIDECAR_SUFFIX)) add(full);
    else if (await fs.stat(full + SIDECAR_SUFFIX)) add(full + SIDECAR_SUFFIX);
    else problems.push(`${p}: not a sidecar (*${SIDECAR_SUFFIX}) and no sidecar beside it`);
  }
  return { files: [...files], problems, roots };
}

export function displayPath(file: string, cwd: string): string {
  const rel = path.relative(cwd, file);
  return (rel && !rel.startsWith('..') && !path.isAbsolute(rel) ? rel : file).split(path.sep).join('/');
}

export function formatProblem(p: Problem): string {
  return `${p.file}:${p.line}:${p.column}: ${p.severity}: ${p.message}`;
}

export interface CheckedSidecar {
  file: string;
  display: string;
  text: string;
  parsed: ParsedSidecar;
  /** Absolute path of the document (when the sidecar could be read and its document is inside the corpus root). */
  docPath?: string;
  docText?: string;
  problems: Problem[];
}

/**
 * The document of a sidecar, confined to the corpus root: `document.path` must be relative, stay inside `root`, and
 * (links resolved) really be inside it. Otherwise an error, and nothing is read.
 */
export async function confinedDocument(fs: CliFiles, root: string, sidecar: string, declared: string): Promise<Confined> {
  const base = path.dirname(sidecar);
  const confined = confinedJoin(root.split(path.sep).join('/'), base.split(path.sep).join('/'), declared);
  if ('error' in confined) return { error: `${confined.error} (the corpus root is ${root}; set another with --root)` };
  const full = path.resolve(base, declared);
  let real: string;
  try {
    real = await fs.realpath(full);
  } catch {
    return { path: full }; // missing: reported as not found
  }
  const realRoot = await fs.realpath(root).catch(() => root);
  const rel = path.relative(realRoot, real);
  if (!rel || rel.startsWith('..') || path.isAbsolute(rel)) return { error: `it is a link to ${real}, outside the corpus root ${root}` };
  return { path: full };
}

/** Parse a sidecar and anchor its annotations in its document (which must be inside `root`). */
export async function checkSidecar(store: CliFiles, file: string, cwd: string, verbose = false, root = cwd): Promise<CheckedSidecar> {
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
  const confined = await confinedDocument(store, root, file, parsed.value.document.path);
  if ('error' in confined) {
    problems.push({ file: display, ...documentPathPosition(text), severity: 'error', message: `document.path "${parsed.value.document.path}": ${confined.error}; nothing was read` });
    return out;
  }
  const docPath = confined.path;
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

const USAGE = `usage: corpus-lens validate [--verbose] [--root DIR] [paths...]
Checks *${SIDECAR_SUFFIX} files (default: under the current folder). Exit code 1 on errors.
  --root DIR   the corpus root: documents of sidecars must be inside it (default: the folder given, else the current folder)`;

export async function run(args: string[], io: CliIo): Promise<number> {
  const paths: string[] = [];
  let verbose = false;
  let root: string | undefined;
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    if (a === '--help' || a === '-h') {
      io.stdout(USAGE + '\n');
      return 0;
    } else if (a === '--verbose' || a === '-v') verbose = true;
    else if (a === '--root' || a.startsWith('--root=')) {
      const v = a.startsWith('--root=') ? a.slice(7) : args[++i];
      if (!v) {
        io.stderr(`--root needs a value\n${USAGE}\n`);
        return 2;
      }
      root = path.resolve(io.cwd, v);
    }
    else if (a.startsWith('-')) {
      io.stderr(`unknown option ${a}\n${USAGE}\n`);
      return 2;
    } else paths.push(a);
  }
  const files = filesOf(io);
  const found = await findSidecars(files, paths, io.cwd, root);
  let errors = found.problems.length;
  let warnings = 0;
  for (const p of found.problems) io.stderr(`error: ${p}\n`);
  for (const file of found.files) {
    const checked = await checkSidecar(files, file, io.cwd, verbose, found.roots.get(file));
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
