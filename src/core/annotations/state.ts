/**
 * The values of the annotation store (see store.ts): a document's resolved annotations, the operations that change
 * them (each with its inverse), the input of a new annotation or an edit, and the result of a save.
 */
import type { Problem, Span } from '../types';
import type { AnchorMethod } from './anchoring';
import type { About, Annotation, Attribution, Confidence, Curation, DocumentInfo, Holder, InvalidAnnotation, Stance } from './schema';

export interface ResolvedAnnotation {
  annotation: Annotation;
  /** UTF-16 range in the current text. For an orphan: an empty range at its last known place (clamped). */
  start: number;
  end: number;
  orphaned: boolean;
  /** How it was anchored at load / last re-anchoring (absent for annotations created or re-attached here). */
  anchor?: { method: AnchorMethod; score: number };
}

export interface AnnotationState {
  docPath: string;
  sidecarPath: string;
  /** The document text the spans refer to. */
  text: string;
  document: DocumentInfo;
  /** All valid annotations (orphans included, flagged), sorted by (start, id). */
  annotations: readonly ResolvedAnnotation[];
  /** Invalid items of the sidecar, kept verbatim. */
  invalid: readonly InvalidAnnotation[];
  problems: readonly Problem[];
  /** The sidecar could not be parsed: nothing can be saved until it is fixed on disk (then `load` again). */
  readOnly: boolean;
  /** There are changes not yet saved. */
  dirty: boolean;
}

export type AnnotationOp =
  | { kind: 'put'; annotation: Annotation; span?: Span }
  | { kind: 'delete'; id: string }
  | { kind: 'reference'; value: string | undefined };

export interface Mutation {
  state: AnnotationState;
  /** Apply this to undo the change. */
  inverse: AnnotationOp;
  /** The annotation concerned (for add: the new id). */
  id?: string;
}

export interface NewAnnotation {
  /** UTF-16 range of the passage in the current text. */
  start: number;
  end: number;
  claim: string;
  stance: Stance;
  about?: About;
  holder?: Holder;
  attribution?: Attribution;
  when?: string;
  confidence?: Confidence;
  tags?: string[];
  /** Code ids (core/codes). */
  codes?: string[];
  note?: string;
  /** Set on an adjudicated annotation (see core/agreement/compare.ts). */
  curation?: Curation;
  /** Defaults to the store's `author` option. */
  author?: string;
}

/** Fields `update` may change; a key present with value undefined removes the field. */
export type AnnotationPatch = Partial<Pick<Annotation, 'claim' | 'stance' | 'about' | 'holder' | 'attribution' | 'when' | 'confidence' | 'tags' | 'codes' | 'note' | 'author'>>;

export interface SidecarLayout {
  /** Folder for sidecars, relative to `root` (or absolute); empty/undefined: beside each document. */
  folder?: string;
  /** Workspace root the folder and the mirrored relative paths refer to. */
  root?: string;
}

export interface StoreOptions extends SidecarLayout {
  /** Default author of new annotations. */
  author?: string;
  /** Random source in [0, 1) for ids (injectable for tests). */
  random?: () => number;
  /** Clock (injectable for tests). */
  now?: () => Date;
}

export interface SaveResult {
  ok: boolean;
  state: AnnotationState;
  problems: Problem[];
  /** The sidecar had changed on disk and our changes were merged into it. */
  merged: boolean;
  /** Whether the file was written. */
  written: boolean;
}

export class AnnotationInputError extends Error {
  constructor(readonly issues: string[]) {
    super(`invalid annotation: ${issues.join('; ')}`);
    this.name = 'AnnotationInputError';
  }
}
