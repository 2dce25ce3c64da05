/**
 * `corpus-lens export --format csv|jsonl|jsonld [--out FILE] [--bom] [--escape-formulas] [paths...]`:
 * exports the annotations of every `*.annotations.yaml` under the paths (default: the current folder), with
 * positions re-anchored against the current documents. Sidecars that fail to parse are skipped (exit code 1);
 * invalid annotations inside a sidecar are skipped with a warning.
 */
import * as path from 'node:path';
import { AnnotationStore, exportAnnotations, recordLabeler, type ExportFormat, type ExportItem } from '../../core/annotations';
import { NodeFileStore } from '../nodeFileStore';
import { checkSidecar, displayPath, findSidecars, formatProblem, type CliIo } from './validate';
import { count } from '../../core/text/plural';
import { isRefiExport, runRefiExport } from './refiqda';

const USAGE = `usage: corpus-lens export --format csv|jsonl|jsonld [--out FILE] [--bom] [--escape-formulas] [--root DIR] [paths...]
  --root DIR          the corpus root: documents of sidecars must be inside it (default: the folder given, else the current folder)
  --format            csv (RFC 4180), jsonl (JSON Lines) or jsonld (W3C Web Annotation collection); default csv
  --out FILE          write to FILE (atomically) instead of standard output
  --bom               CSV: start with a UTF-8 byte order mark (for Excel)
  --escape-formulas   CSV: prefix cells starting with = + - @ with ' (spreadsheet formula injection)`;

export async function run(args: string[], io: CliIo): Promise<number> {
  if (isRefiExport(args)) return runRefiExport(args, io); // REFI-QDA (qdpx, qdc): see refiqda.ts
  let format: ExportFormat = 'csv';
  let out: string | undefined;
  let bom = false;
  let escapeFormulas = false;
  let root: string | undefined;
  const paths: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    const value = (name: string): string | undefined => {
      const eq = a.indexOf('=');
      if (eq > 0) return a.slice(eq + 1);
      const v = args[++i];
      if (v === undefined) io.stderr(`${name} needs a value\n`);
      return v;
    };
    if (a === '--help' || a === '-h') {
      io.stdout(USAGE + '\n');
      return 0;
    } else if (a === '--format' || a.startsWith('--format=')) {
      const v = value('--format');
      if (v !== 'csv' && v !== 'jsonl' && v !== 'jsonld') {
        io.stderr(`unknown format ${v ?? ''} (csv, jsonl, jsonld, qdpx or qdc)\n`);
        return 2;
      }
      format = v;
    } else if (a === '--out' || a === '-o' || a.startsWith('--out=')) {
      out = value('--out');
      if (out === undefined) return 2;
    } else if (a === '--root' || a.startsWith('--root=')) {
      const v = value('--root');
      if (v === undefined) return 2;
      root = path.resolve(io.cwd, v);
    } else if (a === '--bom') bom = true;
    else if (a === '--escape-formulas') escapeFormulas = true;
    else if (a.startsWith('-')) {
      io.stderr(`unknown option ${a}\n${USAGE}\n`);
      return 2;
    } else paths.push(a);
  }
  const fileStore = new NodeFileStore();
  const found = await findSidecars(paths, io.cwd, root);
  let errors = found.problems.length;
  for (const p of found.problems) io.stderr(`error: ${p}\n`);
  const items: ExportItem[] = [];
  for (const file of found.files) {
    const checked = await checkSidecar(file, io.cwd, false, found.roots.get(file));
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
    if (value.invalid.length) io.stderr(`${checked.display}: ${value.invalid.length} invalid annotation(s) not exported\n`);
    const docPath = checked.docPath;
    const document = displayPath(docPath, io.cwd);
    if (checked.docText === undefined) {
      io.stderr(`${checked.display}: document not found; exporting the stored positions\n`);
      for (const annotation of value.annotations) items.push({ document, annotation });
      continue;
    }
    const store = new AnnotationStore(fileStore);
    const state = await store.load(docPath, checked.docText, { sidecarPath: file });
    const label = recordLabeler(checked.docText);
    const spans = new Map(state.annotations.map((r) => [r.annotation.id, r]));
    for (const annotation of store.snapshot(docPath).annotations) {
      const r = spans.get(annotation.id);
      const record = r && !r.orphaned ? label(r.start) : undefined;
      items.push({ document, annotation, ...(record !== undefined ? { record } : {}) });
    }
  }
  const text = exportAnnotations(items, format, { bom, escapeFormulas });
  if (out !== undefined) {
    await fileStore.writeTextAtomic(path.resolve(io.cwd, out), text);
    io.stderr(`${count(items.length, 'annotation')} written to ${out}\n`);
  } else io.stdout(text);
  return errors ? 1 : 0;
}
