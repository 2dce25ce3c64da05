/**
 * The export formats, in one table: adding a format is one entry here (id, label, description, output kind,
 * extension, save-dialog filters, writer). The CLI's `--format` values and usage, the extension's format picker,
 * default file names and dialog filters all come from this table; test/unit/exports.test.ts runs every entry.
 * A writer returns files (text or bytes: a zipped format such as REFI-QDA returns one Uint8Array file).
 */
import { toCsv, toJsonLd, toJsonLines, type ExportItem } from '../annotations/export';
import { writeBrat } from './brat';
import type { ExportFormatSpec, ExportInput, ExportOptions, ExportResult } from './types';

export type { ExportDocument, ExportFile, ExportFormatSpec, ExportInput, ExportLabels, ExportOptions, ExportResult } from './types';

const single = (name: string, data: string): ExportResult => ({ files: [{ path: name, data }], warnings: [] });

const FORMATS = {
  csv: {
    id: 'csv',
    label: 'CSV',
    description: 'one row per annotation, labels beside ids (spreadsheets, pandas, R)',
    output: 'file',
    extension: 'csv',
    filters: { CSV: ['csv'] },
    needsDocuments: false,
    write: (input, options) => single('annotations.csv', toCsv(input.items, options, input.labels)),
  },
  jsonl: {
    id: 'jsonl',
    label: 'JSON Lines',
    description: 'one JSON object per annotation',
    output: 'file',
    extension: 'jsonl',
    filters: { 'JSON Lines': ['jsonl'] },
    needsDocuments: false,
    write: (input) => single('annotations.jsonl', toJsonLines(input.items, input.labels)),
  },
  jsonld: {
    id: 'jsonld',
    label: 'W3C Web Annotation (JSON-LD)',
    description: 'an AnnotationCollection with Wikidata IRIs',
    output: 'file',
    extension: 'jsonld',
    filters: { 'JSON-LD': ['jsonld', 'json'] },
    needsDocuments: false,
    write: (input, options) => single('annotations.jsonld', toJsonLd(input.items, { ...(input.labels ? { labels: input.labels } : {}), ...(options.base !== undefined ? { base: options.base } : {}) })),
  },
  brat: {
    id: 'brat',
    label: 'brat standoff',
    description: 'a folder of .txt + .ann files (entities, claims as events), for brat and NLP tools',
    output: 'folder',
    extension: 'brat',
    filters: {},
    needsDocuments: true,
    write: (input) => writeBrat(input),
  },
} as const satisfies Record<string, ExportFormatSpec>;

/** A format id: the keys of the table. */
export type ExportFormat = keyof typeof FORMATS;

/** The CLI's format when `--format` is not given. */
export const DEFAULT_EXPORT_FORMAT: ExportFormat = 'csv';

export const EXPORT_FORMATS: readonly ExportFormatSpec[] = Object.values(FORMATS);

export const EXPORT_FORMAT_IDS = Object.keys(FORMATS) as ExportFormat[];

export function isExportFormat(id: string): id is ExportFormat {
  return Object.prototype.hasOwnProperty.call(FORMATS, id);
}

export function exportFormat(id: ExportFormat): ExportFormatSpec {
  return FORMATS[id];
}

/** Folder (relative to the workspace / corpus root) that exports go to by default; never indexed as corpus. */
export const DEFAULT_EXPORT_FOLDER = 'exports';

/** Default name of the export in its folder: `annotations.csv`, or the folder `annotations-brat`. */
export function defaultExportName(format: ExportFormatSpec): string {
  return format.output === 'file' ? `annotations.${format.extension}` : `annotations-${format.extension}`;
}

/** Runs a format's writer. */
export function runExport(format: ExportFormat | ExportFormatSpec, input: ExportInput, options: ExportOptions = {}): ExportResult {
  const spec = typeof format === 'string' ? FORMATS[format] : format;
  return spec.write(input, options);
}

/** The text of a single-file format (CSV, JSON Lines, JSON-LD): what older callers used. */
export function exportAnnotations(items: readonly ExportItem[], format: ExportFormat, options: ExportOptions = {}): string {
  const result = runExport(format, { items }, options);
  const file = result.files[0];
  if (FORMATS[format].output !== 'file' || !file || typeof file.data !== 'string') throw new Error(`${format} is not a single text file format`);
  return file.data;
}

/** `from` (a folder, `/`-separated, relative to the root) back to the root as a relative IRI: "exports" -> "../". */
export function baseFrom(folder: string): string {
  const depth = folder.split('/').filter((s) => s && s !== '.').length;
  return depth ? '../'.repeat(depth) : './';
}
