/**
 * `corpus-lens export --format <id> [--out PATH] [--bom] [--escape-formulas] [--root DIR] [paths...]`: exports the
 * annotations of every `*.annotations.yaml` under the paths (default: the current folder), with positions
 * re-anchored against the current documents. The formats are the registry's (src/core/exports/registry.ts).
 * Paths in the export are relative to the corpus root (`--root`, else the folder given, else the current folder),
 * with `/`. Single-file formats go to standard output unless `--out FILE`; folder formats (brat) go to `--out DIR`,
 * by default `<root>/exports/annotations-<format>/` (exports/ is not part of the corpus: never indexed).
 * Sidecars that fail to parse are skipped (exit code 1); invalid annotations inside a sidecar are skipped with a warning.
 */
import * as path from 'node:path';
import { AnnotationStore, recordInfoOf, recordLabeler, type ExportItem } from '../../core/annotations';
import {
  DEFAULT_EXPORT_FOLDER, DEFAULT_EXPORT_FORMAT, EXPORT_FORMATS, EXPORT_FORMAT_IDS, defaultExportName, exportFormat, isExportFormat, runExport,
  type ExportDocument, type ExportLabels,
} from '../../core/exports';
import { count } from '../../core/text/plural';
import { parseArgs, UsageError } from '../args';
import { filesOf, type CliFiles, type CliIO } from '../io';
import { loadCore } from '../setup';
import { checkSidecar, displayPath, findSidecars, formatProblem } from './validate';
import { isRefiExport, runRefiExport } from './refiqda';

const USAGE = `usage: corpus-lens export --format ${EXPORT_FORMAT_IDS.join('|')} [--out PATH] [--bom] [--escape-formulas] [--root DIR] [paths...]
  --root DIR          the corpus root: documents of sidecars must be inside it, paths in the export are relative to it
                      (default: the folder given, else the current folder)
  --format            ${EXPORT_FORMATS.map((f) => `${f.id}: ${f.label}`).join('; ')} (default ${DEFAULT_EXPORT_FORMAT})
  --out PATH          a file (single-file formats; default: standard output) or a folder (${EXPORT_FORMATS.filter((f) => f.output === 'folder').map((f) => f.id).join(', ')}; default <root>/${DEFAULT_EXPORT_FOLDER}/annotations-<format>/)
  --bom               CSV: start with a UTF-8 byte order mark (for Excel)
  --escape-formulas   CSV: prefix cells starting with = + - @ with ' (spreadsheet formula injection)
  --knowledge F, --topics F   more knowledge / topics files (labels, entity mentions)`;

export async function run(argv: string[], io: CliIO): Promise<number> {
  if (isRefiExport(argv)) return runRefiExport(argv, io); // REFI-QDA (qdpx, qdc): see refiqda.ts
  let args;
  try {
    args = parseArgs(argv, { values: ['format', 'out', 'root', 'knowledge', 'topics'], booleans: ['bom', 'escape-formulas', 'help'], short: { o: 'out', h: 'help' } });
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    io.stderr(`${error.message}\n${USAGE}\n`);
    return 2;
  }
  if (args.booleans.has('help')) {
    io.stdout(USAGE + '\n');
    return 0;
  }
  const formatId = args.flags.get('format')?.at(-1) ?? DEFAULT_EXPORT_FORMAT;
  if (!isExportFormat(formatId)) {
    io.stderr(`unknown format ${formatId} (${EXPORT_FORMAT_IDS.join(', ')})\n`);
    return 2;
  }
  const format = exportFormat(formatId);
  const out = args.flags.get('out')?.at(-1);
  const rootFlag = args.flags.get('root')?.at(-1);
  const root = rootFlag !== undefined ? path.resolve(io.cwd, rootFlag) : undefined;
  const paths = args.positionals;

  const fileStore = filesOf(io);
  const found = await findSidecars(fileStore, paths, io.cwd, root);
  let errors = found.problems.length;
  for (const p of found.problems) io.stderr(`error: ${p}\n`);
  const core = await loadCore(io, args.flags.get('knowledge'), args.flags.get('topics'));
  const labels: ExportLabels = {
    entity: (id) => core.kb.get(id),
    topic: (id) => {
      const t = core.topics.get(id);
      return t ? { label: t.label.en } : undefined;
    },
  };
  const items: ExportItem[] = [];
  const documents = new Map<string, ExportDocument>();
  const roots = new Set<string>();
  for (const file of found.files) {
    const corpusRoot = found.roots.get(file) ?? io.cwd;
    const checked = await checkSidecar(fileStore, file, io.cwd, false, found.roots.get(file));
    const value = checked.parsed.value;
    for (const p of checked.parsed.problems) io.stderr(formatProblem(p) + '\n');
    if (!value) {
      errors++;
      io.stderr(`${checked.display}: skipped (the file has errors)\n`);
      continue;
    }
    if (checked.docPath === undefined) {
      // document.path leads outside the corpus root: nothing of it is read or exported.
      for (const p of checked.problems) if (!checked.parsed.problems.includes(p)) io.stderr(formatProblem(p) + '\n');
      errors++;
      io.stderr(`${checked.display}: skipped (its document is outside the corpus root)\n`);
      continue;
    }
    roots.add(corpusRoot);
    if (value.invalid.length) io.stderr(`${checked.display}: ${value.invalid.length} invalid annotation(s) not exported\n`);
    const docPath = checked.docPath;
    // relative to the corpus root, never absolute (the document is inside it: checkSidecar confines it)
    const document = displayPath(docPath, corpusRoot);
    if (checked.docText === undefined) {
      io.stderr(`${checked.display}: document not found; exporting the stored positions\n`);
      for (const annotation of value.annotations) items.push({ document, annotation });
      continue;
    }
    const store = new AnnotationStore(fileStore);
    const state = await store.load(docPath, checked.docText, { sidecarPath: file });
    const label = recordLabeler(checked.docText);
    const info = recordInfoOf(checked.docText);
    const spans = new Map(state.annotations.map((r) => [r.annotation.id, r]));
    for (const annotation of store.snapshot(docPath).annotations) {
      const r = spans.get(annotation.id);
      const record = r && !r.orphaned ? label(r.start) : undefined;
      const recordInfo = r && !r.orphaned ? info(r.start) : undefined;
      items.push({ document, annotation, ...(record !== undefined ? { record } : {}), ...(recordInfo ? { recordInfo } : {}) });
    }
    if (format.needsDocuments) documents.set(document, { path: document, text: checked.docText, mentions: core.analyzer.analyse(checked.docText).entities });
  }
  const exportRoot = root ?? (roots.size === 1 ? [...roots][0]! : io.cwd);
  const target = out !== undefined ? path.resolve(io.cwd, out) : format.output === 'folder' ? path.join(exportRoot, DEFAULT_EXPORT_FOLDER, defaultExportName(format)) : undefined;
  // JSON-LD: the documents' relative IRIs resolve from the folder the file is written to back to the corpus root
  const outFolder = target === undefined ? undefined : format.output === 'folder' ? target : path.dirname(target);
  const base = outFolder === undefined ? undefined : (path.relative(outFolder, exportRoot).split(path.sep).join('/') || '.') + '/';
  const result = runExport(format, { items, documents, labels }, {
    bom: args.booleans.has('bom'),
    escapeFormulas: args.booleans.has('escape-formulas'),
    ...(base !== undefined ? { base: base === './' ? './' : base } : {}),
  });
  for (const w of result.warnings) io.stderr(`warning: ${w}\n`);
  if (target === undefined) {
    const data = result.files[0]!.data;
    io.stdout(typeof data === 'string' ? data : Buffer.from(data).toString('latin1'));
    return errors ? 1 : 0;
  }
  if (format.output === 'file') {
    await writeOut(fileStore, target, result.files[0]!.data);
    io.stderr(`${count(items.length, 'annotation')} written to ${displayPath(target, io.cwd)}\n`);
  } else {
    for (const file of result.files) {
      const dest = path.join(target, ...file.path.split('/'));
      await writeOut(fileStore, dest, file.data);
    }
    io.stderr(`${count(items.length, 'annotation')} written to ${displayPath(target, io.cwd)}/ (${count(result.files.length, 'file')})\n`);
  }
  return errors ? 1 : 0;
}

/** Writes one export file (its folder created): text atomically through the shared write path; bytes via a temp file. */
async function writeOut(store: CliFiles, dest: string, data: string | Uint8Array): Promise<void> {
  await store.mkdir(path.dirname(dest));
  if (typeof data === 'string') await store.writeTextAtomic(dest, data);
  else await store.writeBytesAtomic(dest, data);
}
