/**
 * REFI-QDA on the command line (kept apart from export.ts so it can move into an export-format registry as is):
 * - `corpus-lens export --format qdpx|qdc --out FILE [--root DIR] [--name NAME]`: the project (sources, codes, coded
 *   segments, claims as coded segments with their notes, memos, users, variables) or the codebook;
 * - `corpus-lens import FILE.qdpx|FILE.qdc [--root DIR] [--author NAME]`: codes, documents, coded segments and memos
 *   into the workspace (see core/refiqda/workspace.ts for what is matched and what is kept).
 * Exit codes: 0 done, 1 done with problems (printed) or nothing written, 2 usage error.
 */
import * as os from 'node:os';
import * as path from 'node:path';
import { envOf, filesOf, type CliFiles } from '../io';
import { findSidecars, type CliIo } from './validate';
import { applyProject, collectProject, exportQdc, exportQdpx, importQdc, importQdpx, loadCodebook, type ImportedProject } from '../../core/refiqda';
import { MEMOS_FOLDER, SEGMENTS_SUFFIX } from '../../core/codes';
import { count } from '../../core/text/plural';

export const REFI_FORMATS = ['qdpx', 'qdc'] as const;

/** Does this `export` command line ask for a REFI-QDA format? */
export function isRefiExport(args: readonly string[]): boolean {
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    const v = a.startsWith('--format=') ? a.slice(9) : a === '--format' ? args[i + 1] : undefined;
    if (v !== undefined && (REFI_FORMATS as readonly string[]).includes(v)) return true;
  }
  return false;
}

const EXPORT_USAGE = `usage: corpus-lens export --format qdpx|qdc --out FILE [--root DIR] [--name NAME]
  --format qdpx   REFI-QDA project (MAXQDA, NVivo, ATLAS.ti, QualCoder): sources, codes, coded segments, claims, memos
  --format qdc    REFI-QDA codebook
  --root DIR      the workspace (default: the current folder): .corpus-lens/, sidecars and segment files under it
  --name NAME     the project name (default: the folder's name)`;

const IMPORT_USAGE = `usage: corpus-lens import FILE.qdpx|FILE.qdc [--root DIR] [--author NAME]
  --root DIR      the workspace to import into (default: the current folder)
  --author NAME   author of imported segments without one (default: $CORPUS_LENS_AUTHOR, else the OS user)`;

interface Parsed {
  positionals: string[];
  values: Map<string, string>;
  help: boolean;
}

function parse(args: readonly string[], names: readonly string[], io: CliIo, usage: string): Parsed | undefined {
  const out: Parsed = { positionals: [], values: new Map(), help: false };
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    if (a === '--help' || a === '-h') out.help = true;
    else if (a.startsWith('--')) {
      const eq = a.indexOf('=');
      const name = a.slice(2, eq < 0 ? undefined : eq);
      if (!names.includes(name)) {
        io.stderr(`unknown option --${name}\n${usage}\n`);
        return undefined;
      }
      const v = eq < 0 ? args[++i] : a.slice(eq + 1);
      if (v === undefined || v === '') {
        io.stderr(`--${name} needs a value\n`);
        return undefined;
      }
      out.values.set(name, v);
    } else out.positionals.push(a);
  }
  return out;
}

async function walk(fs: CliFiles, dir: string, keep: (name: string) => boolean, out: string[]): Promise<void> {
  let entries;
  try {
    entries = await fs.readdir(dir);
  } catch {
    return;
  }
  for (const e of entries) {
    const full = path.join(dir, e.name);
    if (e.kind === 'directory') {
      if (!['node_modules', '.git', 'dist', 'out'].includes(e.name)) await walk(fs, full, keep, out);
    } else if (e.kind === 'file' && keep(e.name)) out.push(full);
  }
}

export async function runRefiExport(args: string[], io: CliIo): Promise<number> {
  const p = parse(args, ['format', 'out', 'root', 'name'], io, EXPORT_USAGE);
  if (!p) return 2;
  if (p.help) {
    io.stdout(EXPORT_USAGE + '\n');
    return 0;
  }
  const format = p.values.get('format');
  const out = p.values.get('out');
  if (!out) {
    io.stderr(`--out FILE is required for --format ${format ?? ''} (a binary or XML file)\n${EXPORT_USAGE}\n`);
    return 2;
  }
  if (p.positionals.length) {
    io.stderr(`export --format ${format ?? ''} takes no paths (it exports the workspace given by --root)\n`);
    return 2;
  }
  const root = path.resolve(io.cwd, p.values.get('root') ?? '.');
  const fs = filesOf(io);
  const outPath = path.resolve(io.cwd, out);
  if (format === 'qdc') {
    const { book, problems } = await loadCodebook(fs, root);
    for (const pr of problems) io.stderr(`${pr.file}:${pr.line}:${pr.column}: ${pr.severity}: ${pr.message}\n`);
    await fs.writeTextAtomic(outPath, exportQdc(book));
    io.stderr(`${count(book.codes.length, 'code')} written to ${out}\n`);
    return problems.some((x) => x.severity === 'error') ? 1 : 0;
  }
  const sidecars = (await findSidecars(fs, [], root, root)).files;
  const segmentFiles: string[] = [];
  await walk(fs, root, (n) => n.endsWith(SEGMENTS_SUFFIX), segmentFiles);
  const memoFiles: string[] = [];
  await walk(fs, path.join(root, MEMOS_FOLDER), (n) => n.endsWith('.md'), memoFiles);
  const { data, problems } = await collectProject(fs, { root, sidecars, segmentFiles, memoFiles }, p.values.get('name') ?? path.basename(root), new Date());
  for (const pr of problems) io.stderr(`${pr}\n`);
  const bytes = exportQdpx(data);
  await fs.writeBytesAtomic(outPath, bytes);
  const selections = data.sources.reduce((n, s) => n + s.selections.length, 0);
  io.stderr(`${count(data.sources.length, 'document')}, ${count(data.codebook.codes.length, 'code')}, ${count(selections, 'coded segment')}, ${count(data.memos.length, 'memo')} written to ${out}\n`);
  return problems.length ? 1 : 0;
}

export async function runImport(args: string[], io: CliIo): Promise<number> {
  const p = parse(args, ['root', 'author'], io, IMPORT_USAGE);
  if (!p) return 2;
  if (p.help) {
    io.stdout(IMPORT_USAGE + '\n');
    return 0;
  }
  if (p.positionals.length !== 1) {
    io.stderr(`${IMPORT_USAGE}\n`);
    return 2;
  }
  const file = path.resolve(io.cwd, p.positionals[0]!);
  const root = path.resolve(io.cwd, p.values.get('root') ?? '.');
  const author = p.values.get('author') ?? envOf(io, 'CORPUS_LENS_AUTHOR') ?? os.userInfo().username;
  const fs = filesOf(io);
  let bytes: Uint8Array;
  try {
    bytes = await fs.readBytes(file);
  } catch (e) {
    io.stderr(`${p.positionals[0]}: cannot read it (${e instanceof Error ? e.message : String(e)})\n`);
    return 1;
  }
  const { book } = await loadCodebook(fs, root);
  let project: ImportedProject;
  try {
    if (file.toLowerCase().endsWith('.qdc')) {
      const codes = importQdc(new TextDecoder().decode(bytes), book);
      project = { name: path.basename(file), codes, sources: [], memos: [], users: [], problems: [] };
    } else project = importQdpx(bytes, book);
  } catch (e) {
    io.stderr(`${p.positionals[0]}: ${e instanceof Error ? e.message : String(e)}; nothing was imported\n`);
    return 1;
  }
  try {
    const report = await applyProject(fs, root, project, author);
    for (const pr of report.problems) io.stderr(`${p.positionals[0]}: ${pr}\n`);
    io.stdout(`imported ${count(report.codesAdded, 'new code')}, ${count(report.documentsWritten, 'new document')}, ${count(report.segmentsAdded, 'coded segment')}, ${count(report.memosWritten, 'memo')}\n`);
    return report.problems.length ? 1 : 0;
  } catch (e) {
    io.stderr(`${p.positionals[0]}: ${e instanceof Error ? e.message : String(e)}\n`);
    return 1;
  }
}
