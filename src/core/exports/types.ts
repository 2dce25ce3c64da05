/**
 * What an export format receives and produces (see registry.ts). Pure data: the extension and the CLI fill it from
 * their stores, the writers never touch files.
 */
import type { ExportItem } from '../annotations/export';
import type { EntityMention, EntityType } from '../types';

/** What an id stands for, to print labels next to ids. */
export interface ExportLabels {
  entity(id: string): { name: string; type: EntityType; wikidata?: string } | undefined;
  topic(id: string): { label: string } | undefined;
}

/** A corpus document, for formats that carry the text (brat) or its entity mentions. */
export interface ExportDocument {
  /** Path relative to the corpus root, with `/` (the same string as ExportItem.document). */
  path: string;
  /** The decoded text (UTF-16 offsets, as in the core). */
  text: string;
  /** Top-level entity mentions of the analysis (members inside), sorted by start. */
  mentions?: readonly EntityMention[];
}

export interface ExportInput {
  items: readonly ExportItem[];
  /** By ExportDocument.path: every document of `items` when the format needs documents. */
  documents?: ReadonlyMap<string, ExportDocument>;
  labels?: ExportLabels;
}

export interface ExportOptions {
  /** CSV: UTF-8 byte order mark first (Excel). */
  bom?: boolean;
  /** CSV: prefix cells starting with = + - @ with ' (formula injection). */
  escapeFormulas?: boolean;
  /**
   * JSON-LD: IRI (absolute, or relative to the exported file) that the documents' relative paths resolve against:
   * written as `@base`. The extension and the CLI pass the way from the export's folder back to the corpus root.
   */
  base?: string;
}

/** One output file; `path` is relative to the export target (a file name, or a path inside the export folder). */
export interface ExportFile {
  path: string;
  data: string | Uint8Array;
}

export interface ExportResult {
  files: ExportFile[];
  /** What the format could not carry (e.g. orphaned annotations have no span in brat). */
  warnings: string[];
}

export interface ExportFormatSpec {
  /** `--format` value and settings id. */
  id: string;
  /** Shown in the format picker. */
  label: string;
  description: string;
  /** 'file': one file named `<name>.<extension>`; 'folder': several files in a folder `<name>-<extension>`. */
  output: 'file' | 'folder';
  /** File extension of the output file (without the dot), or the folder's suffix. */
  extension: string;
  /** Save-dialog filters (VS Code `showSaveDialog`), for 'file' formats. */
  filters: Record<string, string[]>;
  /** The writer needs `documents` (text and entity mentions) besides the annotations. */
  needsDocuments: boolean;
  write(input: ExportInput, options: ExportOptions): ExportResult;
}
