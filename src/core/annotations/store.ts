/**
 * AnnotationStore: loads, edits and saves the sidecar annotations of documents through the core FileStore.
 *
 * - Offsets exposed here are UTF-16 code units of the current document text (end exclusive); the sidecar stores
 *   code points (see schema.ts).
 * - Every mutating call returns the new state and an inverse operation (`apply(docPath, inverse)` undoes it;
 *   the inverse of that redoes it).
 * - Save policy:
 *   1. a sidecar that failed to parse (syntax error, foreign schema) is never written: save returns a problem;
 *   2. if the sidecar changed on disk since it was loaded (another analyst, git pull, a text editor), it is
 *      re-read and our pending operations since the last load/save are replayed on top of it by id:
 *      their new annotations are kept; for an annotation both sides changed, ours wins (warning); our deletion of
 *      an annotation they modified is NOT applied (their version is kept, warning). If the new disk text does
 *      not parse, save refuses;
 *   3. selectors are refreshed from the current spans, `document.sha256` is updated, and the text is written with
 *      `FileStore.writeTextAtomic` (comments of the previous text preserved). Nothing is written when the output
 *      equals the disk text. A sidecar left with no annotation and no reference date is deleted (none is created).
 * - Re-anchoring never rewrites the evidence: a passage found only approximately (the document changed outside the
 *   editor) keeps the annotation's original quote and gets `reanchored` (the new passage) until the analyst
 *   accepts it (`acceptReanchored`) or re-attaches the annotation (`reattach`).
 */
import type { Disposable, FileStore, Problem, Span } from '../types';
import { anchor, applyEdits as applyEditsToSpan, CodePointIndex, createSelectors, type AnchorMethod, type AnchorResult, type TextChange } from './anchoring';
import { basename, dirname, isAbsolute, isInside, join, relative, SIDECAR_SUFFIX } from './paths';
import {
  AnnotationSchema,
  canonicalAnnotation,
  compareAnnotations,
  emptySidecar,
  parseSidecar,
  positionOf,
  quoteOf,
  serializeSidecar,
  type About,
  type Annotation,
  type Attribution,
  type Confidence,
  type Curation,
  type DocumentInfo,
  type Holder,
  type InvalidAnnotation,
  type SidecarFile,
  type SourcePosition,
  type Stance,
} from './schema';
import { sha256Hex } from './sha256';
import { InvalidUtf8Error } from '../text/utf8';
import { assemble, learn, type ItemOrder } from './layout';
import { isEdtfDate } from '../dates/edtf';

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

interface DocRecord {
  state: AnnotationState;
  /** Sidecar text on disk when loaded/saved (undefined: there was no sidecar). */
  diskText: string | undefined;
  /** Each annotation as on disk at load/save (to detect what the other side changed; compared as canonical JSON). */
  base: ById;
  baseReference: string | undefined;
  pending: AnnotationOp[];
  locations: Map<string, SourcePosition>;
  /** The state at the last load or successful save (what `revert` goes back to). */
  saved: AnnotationState;
  /** The disk text whose every list item is known per annotation (see layout.ts): saved incrementally. */
  layoutText?: string | undefined;
  /** The id order of that text's items (see layout.ts). */
  order: ItemOrder;
}

const ID_ALPHABET = '0123456789abcdefghijklmnopqrstuvwxyz';

/**
 * Annotations by id, indexed on the first lookup: every save records the annotations as written, and only a
 * merge with a sidecar changed on disk looks them up (hashing 10k ids per save would cost more than the save).
 */
class ById {
  private map: Map<string, Annotation> | undefined;
  constructor(private readonly list: readonly Annotation[] = []) {}
  private index(): Map<string, Annotation> {
    return (this.map ??= new Map(this.list.map((a) => [a.id, a])));
  }
  get(id: string): Annotation | undefined {
    return this.index().get(id);
  }
  has(id: string): boolean {
    return this.index().has(id);
  }
}

export class AnnotationStore {
  private readonly docs = new Map<string, DocRecord>();
  /** Sidecar paths whose crash leftovers were cleaned (once per path and store). */
  private readonly recovered = new Set<string>();
  private readonly listeners = new Set<(state: AnnotationState) => void>();
  private readonly random: () => number;
  private readonly now: () => Date;

  constructor(
    private readonly fs: FileStore,
    private readonly options: StoreOptions = {},
  ) {
    this.random = options.random ?? Math.random;
    this.now = options.now ?? (() => new Date());
  }

  /** `<doc>.annotations.yaml` beside the document, or under `folder` mirroring the document's path below `root`. */
  sidecarPathFor(docPath: string, layout: SidecarLayout = this.options): string {
    const folder = layout.folder?.trim();
    if (!folder) return docPath + SIDECAR_SUFFIX;
    const base = isAbsolute(folder) || !layout.root ? folder : join(layout.root, folder);
    const rel = layout.root && isInside(layout.root, docPath) ? relative(layout.root, docPath) : basename(docPath);
    return join(base, rel) + SIDECAR_SUFFIX;
  }

  /** Notified after every change of a document's state (load, mutation, edit, save). */
  onDidChange(listener: (state: AnnotationState) => void): Disposable {
    this.listeners.add(listener);
    return { dispose: () => this.listeners.delete(listener) };
  }

  get(docPath: string): AnnotationState | undefined {
    return this.docs.get(docPath)?.state;
  }

  /** Forget a document (unsaved changes are dropped). */
  close(docPath: string): void {
    this.docs.delete(docPath);
  }

  find(docPath: string, id: string): ResolvedAnnotation | undefined {
    return this.get(docPath)?.annotations.find((r) => r.annotation.id === id);
  }

  orphans(docPath: string): ResolvedAnnotation[] {
    return (this.get(docPath)?.annotations ?? []).filter((r) => r.orphaned);
  }

  /** Anchored annotations whose range contains `offset` (or touches it, for empty ranges), innermost first. */
  at(docPath: string, offset: number): ResolvedAnnotation[] {
    return (this.get(docPath)?.annotations ?? [])
      .filter((r) => !r.orphaned && r.start <= offset && (offset < r.end || r.start === r.end))
      .sort((a, b) => a.end - a.start - (b.end - b.start));
  }

  /** Read and resolve a document's sidecar against its current text (re-anchoring when the text changed). */
  async load(docPath: string, docText: string, opts: { sidecarPath?: string } = {}): Promise<AnnotationState> {
    const sidecarPath = opts.sidecarPath ?? this.sidecarPathFor(docPath);
    if (this.fs.recover && !this.recovered.has(sidecarPath)) {
      this.recovered.add(sidecarPath);
      await this.fs.recover(sidecarPath).catch(() => undefined); // best effort: leftovers are harmless
    }
    const relPath = relative(dirname(sidecarPath), docPath);
    const unreadable = (problems: Problem[], diskText: string | undefined, locations = new Map<string, SourcePosition>()): AnnotationState => {
      const state: AnnotationState = { docPath, sidecarPath, text: docText, document: { path: relPath }, annotations: [], invalid: [], problems, readOnly: true, dirty: false };
      const rec: DocRecord = { state, diskText, base: new ById(), baseReference: undefined, pending: [], locations, saved: state, order: {} };
      this.docs.set(docPath, rec);
      this.emit(rec.state);
      return rec.state;
    };
    let diskText: string | undefined;
    try {
      diskText = await this.fs.readText(sidecarPath, { strictUtf8: true });
    } catch (error) {
      if (!(error instanceof InvalidUtf8Error)) throw error;
      return unreadable([encodingProblem(sidecarPath, error)], undefined);
    }
    if (diskText === undefined) {
      const state: AnnotationState = { docPath, sidecarPath, text: docText, document: { path: relPath }, annotations: [], invalid: [], problems: [], readOnly: false, dirty: false };
      const rec: DocRecord = { state, diskText: undefined, base: new ById(), baseReference: undefined, pending: [], locations: new Map(), saved: state, order: {} };
      this.docs.set(docPath, rec);
      this.emit(rec.state);
      return rec.state;
    }
    const parsed = parseSidecar(diskText, sidecarPath);
    if (!parsed.value) return unreadable(parsed.problems, diskText, parsed.locations);
    const file = parsed.value;
    const { resolved, problems, changed } = resolveAll(file, docText, sidecarPath, parsed.locations);
    const state: AnnotationState = {
      docPath,
      sidecarPath,
      text: docText,
      document: file.document,
      annotations: resolved,
      invalid: file.invalid,
      problems: [...parsed.problems, ...problems],
      readOnly: false,
      dirty: changed,
    };
    const order: ItemOrder = {};
    const rec: DocRecord = {
      state,
      diskText,
      base: new ById(file.annotations),
      baseReference: file.document.reference,
      pending: [],
      locations: parsed.locations,
      saved: state,
      order,
      layoutText: learn(diskText, file, parsed.locations, order) ? diskText : undefined,
    };
    this.docs.set(docPath, rec);
    this.emit(state);
    return state;
  }

  /** Create an annotation on the UTF-16 range [start, end) of the current text. */
  add(docPath: string, input: NewAnnotation): Mutation {
    const rec = this.record(docPath);
    const { text } = rec.state;
    if (!(input.start >= 0 && input.end > input.start && input.end <= text.length)) {
      throw new AnnotationInputError([`range ${input.start}..${input.end} is not a non-empty range of the document (length ${text.length})`]);
    }
    const now = isoSeconds(this.now());
    const id = this.newId(rec);
    const { start: _s, end: _e, author, ...fields } = input;
    const annotation = this.validate({
      id,
      target: { selector: createSelectors(text, input.start, input.end, indexFor(text)) },
      ...dropUndefined(fields),
      author: author ?? this.options.author ?? '',
      created: now,
      modified: now,
    });
    return this.commit(rec, { kind: 'put', annotation, span: { start: input.start, end: input.end } }, id);
  }

  /** Change fields of an annotation (sets `modified`). */
  update(docPath: string, id: string, patch: AnnotationPatch): Mutation {
    const rec = this.record(docPath);
    const cur = this.require(rec, id);
    const next: Record<string, unknown> = { ...cur.annotation };
    for (const [k, v] of Object.entries(patch)) {
      if (v === undefined) delete next[k];
      else next[k] = v;
    }
    next['modified'] = this.laterThan(cur.annotation.modified);
    const annotation = this.validate(next);
    return this.commit(rec, { kind: 'put', annotation, ...(cur.orphaned ? {} : { span: { start: cur.start, end: cur.end } }) }, id);
  }

  remove(docPath: string, id: string): Mutation {
    const rec = this.record(docPath);
    this.require(rec, id);
    return this.commit(rec, { kind: 'delete', id }, id);
  }

  /** Attach an annotation (typically an orphan) to a new UTF-16 range; its quote becomes that passage. */
  reattach(docPath: string, id: string, start: number, end: number): Mutation {
    const rec = this.record(docPath);
    const cur = this.require(rec, id);
    const { text } = rec.state;
    if (!(start >= 0 && end > start && end <= text.length)) throw new AnnotationInputError([`range ${start}..${end} is not a non-empty range of the document`]);
    const { orphaned: _o, reanchored: _r, ...rest } = cur.annotation;
    const annotation = this.validate({ ...rest, target: { selector: createSelectors(text, start, end, indexFor(text)) }, modified: this.laterThan(cur.annotation.modified) });
    return this.commit(rec, { kind: 'put', annotation, span: { start, end } }, id);
  }

  /** Annotations whose re-anchoring awaits the analyst's review (see `reanchored` in schema.ts). */
  underReview(docPath: string): ResolvedAnnotation[] {
    return (this.get(docPath)?.annotations ?? []).filter((r) => !r.orphaned && r.annotation.reanchored !== undefined);
  }

  /** Accept the passage a re-anchoring found: it becomes the annotation's quote, and the review is over. */
  acceptReanchored(docPath: string, id: string): Mutation {
    const rec = this.record(docPath);
    const cur = this.require(rec, id);
    if (cur.orphaned || !cur.annotation.reanchored) throw new AnnotationInputError([`annotation ${id} is not awaiting a re-anchoring review`]);
    return this.reattach(docPath, id, cur.start, cur.end);
  }

  /**
   * Resolve a merge conflict (`conflict:` on two versions of an annotation): keep this version (its conflict mark
   * is removed) and delete the other one. Returns the mutations (undo them in reverse order).
   */
  keepVersion(docPath: string, id: string): Mutation[] {
    const rec = this.record(docPath);
    const cur = this.require(rec, id);
    const conflict = cur.annotation.conflict;
    if (!conflict) throw new AnnotationInputError([`annotation ${id} is not one of two conflicting versions`]);
    const out: Mutation[] = [];
    const other = rec.state.annotations.find((r) => r.annotation.id === conflict.with);
    if (other && other.annotation.conflict?.with === id) out.push(this.remove(docPath, other.annotation.id));
    const { conflict: _c, ...rest } = cur.annotation;
    const annotation = this.validate({ ...rest, modified: this.laterThan(cur.annotation.modified) });
    out.push(this.commit(rec, { kind: 'put', annotation, ...(cur.orphaned ? {} : { span: { start: cur.start, end: cur.end } }) }, id));
    return out;
  }

  /** Set or clear the document's reference date (EDTF YYYY, YYYY-MM or YYYY-MM-DD). */
  setReference(docPath: string, value: string | undefined): Mutation {
    const rec = this.record(docPath);
    if (value !== undefined && !isEdtfDate(value)) {
      throw new AnnotationInputError([`reference date "${value}" must be YYYY, YYYY-MM or YYYY-MM-DD`]);
    }
    return this.commit(rec, { kind: 'reference', value });
  }

  /** Apply an operation (an inverse returned by a mutation: undo / redo). */
  apply(docPath: string, op: AnnotationOp): Mutation {
    const rec = this.record(docPath);
    if (op.kind === 'put') this.validate(op.annotation);
    return this.commit(rec, op, op.kind === 'reference' ? undefined : op.kind === 'put' ? op.annotation.id : op.id);
  }

  /**
   * Track live editor changes (UTF-16 offsets against the text before each change, applied in order) and adopt
   * `newText`. A passage wholly replaced is looked up again by its quote; if not found it becomes an orphan.
   */
  applyEdits(docPath: string, changes: readonly TextChange[], newText: string): AnnotationState {
    const rec = this.record(docPath);
    const index = indexFor(newText);
    let changed = false;
    const annotations = rec.state.annotations.map((r): ResolvedAnnotation => {
      if (r.orphaned) {
        const s = applyEditsToSpan({ start: r.start, end: r.start }, changes).start;
        return { ...r, start: Math.min(s, newText.length), end: Math.min(s, newText.length) };
      }
      const e = applyEditsToSpan(r, changes);
      if (e.start !== r.start || e.end !== r.end) changed = true;
      if (!e.collapsed) return { ...r, start: e.start, end: e.end };
      changed = true;
      const found = anchor(newText, r.annotation.target.selector, e.start, { index });
      if (found) return { ...r, annotation: found.method === 'fuzzy' ? reviewed(r.annotation, newText, found, index) : r.annotation, start: found.start, end: found.end, anchor: { method: found.method, score: found.score } };
      return { annotation: withoutReview(r.annotation), start: e.start, end: e.start, orphaned: true };
    });
    rec.state = { ...rec.state, text: newText, annotations: annotations.sort(compareResolved), dirty: rec.state.dirty || changed };
    this.emit(rec.state);
    return rec.state;
  }

  /** The sidecar as `save` would write it for the current state (selectors refreshed from the current spans). */
  snapshot(docPath: string): SidecarFile {
    const rec = this.record(docPath);
    return snapshotOf(rec.state);
  }

  /** Write the sidecar (see the save policy at the top of this file). `docText` is the current document text. */
  async save(docPath: string, docText?: string): Promise<SaveResult> {
    const rec = this.record(docPath);
    if (docText !== undefined && docText !== rec.state.text) {
      // The caller's text is authoritative: re-anchor against it.
      rec.state = this.reresolve(rec.state, docText);
    }
    const sidecarPath = rec.state.sidecarPath;
    const fail = (problems: Problem[]): SaveResult => ({ ok: false, state: rec.state, problems, merged: false, written: false });
    if (rec.state.readOnly) {
      return fail([
        { file: sidecarPath, line: 1, column: 1, severity: 'error', message: 'not saved: the sidecar file has errors (fix them, then reload); it was left untouched' },
        ...rec.state.problems.filter((p) => p.severity === 'error'),
      ]);
    }
    try {
      // Read, merge and write under the sidecar's lock: another writer (window, CLI) cannot slip in between.
      const work = () => this.saveLocked(rec);
      return await (this.fs.withLock ? this.fs.withLock(sidecarPath, work) : work());
    } catch (error) {
      if (error instanceof InvalidUtf8Error) {
        return fail([{ ...encodingProblem(sidecarPath, error), message: `not saved: the sidecar changed on disk and is ${error.message}; it was left untouched` }]);
      }
      if (error instanceof AnnotationInputError) throw error;
      const message = error instanceof Error ? error.message : String(error);
      return fail([{ file: sidecarPath, line: 1, column: 1, severity: 'error', message: `not saved: ${message}` }]);
    }
  }

  /**
   * Forget the changes not saved yet (after a failed save: they must not be written later by another save). The
   * state goes back to the last load or successful save, re-anchored in the current text if it changed.
   */
  revert(docPath: string): AnnotationState {
    const rec = this.record(docPath);
    const text = rec.state.text;
    rec.pending = [];
    rec.state = rec.saved.text === text ? rec.saved : { ...this.reresolve(rec.saved, text), dirty: rec.saved.dirty };
    this.emit(rec.state);
    return rec.state;
  }

  private async saveLocked(rec: DocRecord): Promise<SaveResult> {
    const sidecarPath = rec.state.sidecarPath;
    const disk = await this.fs.readText(sidecarPath, { strictUtf8: true });
    const problems: Problem[] = [];
    let merged = false;
    if (disk !== rec.diskText) {
      if (disk !== undefined) {
        const parsed = parseSidecar(disk, sidecarPath);
        if (!parsed.value) {
          return {
            ok: false,
            state: rec.state,
            merged: false,
            written: false,
            problems: [{ file: sidecarPath, line: 1, column: 1, severity: 'error', message: 'not saved: the sidecar changed on disk and now has errors; it was left untouched' }, ...parsed.problems],
          };
        }
        const m = this.mergeInto(rec, parsed.value, parsed.locations);
        problems.push(...m.problems);
        merged = true;
      } else if (rec.diskText !== undefined) {
        problems.push({ file: sidecarPath, line: 1, column: 1, severity: 'warning', message: 'the sidecar was deleted on disk since it was loaded; it is written again from the annotations here' });
      }
    }
    const state = rec.state;
    if (state.annotations.length === 0 && state.invalid.length === 0 && state.document.reference === undefined) {
      // Nothing left to keep: no sidecar (an existing one is removed rather than kept as `annotations: []`).
      const removed = disk !== undefined;
      if (removed) await this.fs.delete(state.sidecarPath);
      rec.pending = [];
      rec.diskText = undefined;
      rec.base = new ById();
      rec.baseReference = undefined;
      rec.state = { ...state, dirty: false };
      rec.saved = rec.state;
      this.emit(rec.state);
      return { ok: true, state: rec.state, problems, merged, written: removed };
    }
    // The current annotations in the state's order (position), written in the serializer's order (by id).
    const current = currentAnnotations(state);
    const file = snapshotOf(state, current);
    // Incrementally (only new or changed annotations serialised) when the disk text is one we know item by item.
    const incremental = disk === undefined || disk === rec.layoutText ? assemble(file, rec.order) : undefined;
    const out = incremental ?? serializeSidecar(file, disk);
    let written = false;
    if (out !== disk) {
      await this.fs.writeTextAtomic(sidecarPath, out);
      written = true;
    }
    rec.diskText = out;
    if (incremental !== undefined) rec.layoutText = out;
    else {
      const reparsed = file.annotations.length >= 2 ? parseSidecar(out, sidecarPath) : undefined;
      rec.order = {};
      rec.layoutText = reparsed?.value && learn(out, file, reparsed.locations, rec.order) ? out : undefined;
    }
    rec.base = new ById(file.annotations);
    rec.baseReference = file.document.reference;
    rec.pending = [];
    const annotations = state.annotations.map((r, i) => (current[i] === r.annotation ? r : { ...r, annotation: current[i]! }));
    rec.state = { ...state, document: file.document, annotations, dirty: false };
    rec.saved = rec.state;
    this.emit(rec.state);
    return { ok: true, state: rec.state, problems, merged, written };
  }

  // --- internals -------------------------------------------------------------------------------------------

  private record(docPath: string): DocRecord {
    const rec = this.docs.get(docPath);
    if (!rec) throw new Error(`annotations of ${docPath} are not loaded (call load first)`);
    return rec;
  }

  private require(rec: DocRecord, id: string): ResolvedAnnotation {
    const r = rec.state.annotations.find((x) => x.annotation.id === id);
    if (!r) throw new AnnotationInputError([`no annotation with id "${id}"`]);
    return r;
  }

  private validate(value: unknown): Annotation {
    const r = AnnotationSchema.safeParse(value);
    if (!r.success) throw new AnnotationInputError(r.error.issues.map((i) => `${i.path.map(String).join('.') || 'annotation'}: ${i.message}`));
    return r.data;
  }

  private laterThan(previous: string): string {
    const now = this.now();
    const prev = Date.parse(previous);
    return isoSeconds(Number.isFinite(prev) && now.getTime() < prev ? new Date(prev) : now);
  }

  private newId(rec: DocRecord): string {
    // A linear scan, not a set of all ids: a collision of 8 random base-36 characters is rare, hashing 10k ids per
    // add is not.
    const { annotations, invalid } = rec.state;
    const taken = (id: string) => annotations.some((r) => r.annotation.id === id) || invalid.some((bad) => bad.id === id);
    for (let attempt = 0; attempt < 1000; attempt++) {
      let id = 'a-';
      for (let i = 0; i < 8; i++) id += ID_ALPHABET[Math.floor(this.random() * ID_ALPHABET.length) % ID_ALPHABET.length];
      if (!taken(id)) return id;
    }
    throw new Error('could not generate a unique annotation id (is the random source constant?)');
  }

  private commit(rec: DocRecord, op: AnnotationOp, id?: string): Mutation {
    if (rec.state.readOnly) throw new Error(`the sidecar ${rec.state.sidecarPath} has errors and is read-only until fixed`);
    const { state, inverse } = applyOp(rec.state, op);
    rec.state = { ...state, dirty: true };
    rec.pending.push(op);
    this.emit(rec.state);
    return { state: rec.state, inverse, ...(id !== undefined ? { id } : {}) };
  }

  private reresolve(state: AnnotationState, text: string): AnnotationState {
    const file = snapshotOf(state);
    const { resolved } = resolveAll(file, text, state.sidecarPath, new Map());
    return { ...state, text, annotations: resolved, dirty: true };
  }

  /** Replay our pending ops on the sidecar found on disk (see the save policy). */
  private mergeInto(rec: DocRecord, theirs: SidecarFile, locations: Map<string, SourcePosition>): { problems: Problem[] } {
    const problems: Problem[] = [];
    const ours = rec.state;
    const file = ours.sidecarPath;
    const theirJson = new Map(theirs.annotations.map((a) => [a.id, jsonOf(a)]));
    const baseJson = (id: string) => {
      const b = rec.base.get(id);
      return b && jsonOf(b);
    };
    const ourById = new Map(ours.annotations.map((r) => [r.annotation.id, r]));
    // Start from their file; keep our (live-tracked) resolution of annotations they did not change.
    const index = indexFor(ours.text);
    const resolved: ResolvedAnnotation[] = [];
    const toResolve: Annotation[] = [];
    for (const a of theirs.annotations) {
      const mine = ourById.get(a.id);
      if (mine && baseJson(a.id) === theirJson.get(a.id)) resolved.push(mine);
      else toResolve.push(a);
    }
    if (toResolve.length) {
      const r = resolveAll({ ...theirs, annotations: toResolve }, ours.text, file, locations, index);
      resolved.push(...r.resolved);
      problems.push(...r.problems);
    }
    // Our annotations that were already gone from disk at load are not in theirs: they are handled by replaying
    // the put ops below; base annotations they deleted and we did not touch stay deleted.
    let state: AnnotationState = { ...ours, document: { ...theirs.document, reference: theirs.document.reference }, annotations: resolved.sort(compareResolved), invalid: theirs.invalid };
    if (theirs.document.reference === undefined) delete (state.document as { reference?: string }).reference;
    const whereIs = (id: string) => locations.get(id) ?? { line: 1, column: 1 };
    const theyChanged = (id: string) => rec.base.has(id) && theirJson.has(id) && baseJson(id) !== theirJson.get(id);
    const copies = new Map<string, string>();
    for (const op of rec.pending) {
      if (op.kind === 'reference') {
        if (theirs.document.reference !== rec.baseReference && theirs.document.reference !== op.value) {
          problems.push({ file, line: 1, column: 1, severity: 'warning', message: `reference date was also changed on disk (${theirs.document.reference ?? 'cleared'}); kept ours (${op.value ?? 'cleared'})` });
        }
        state = applyOp(state, op).state;
      } else if (op.kind === 'delete') {
        if (theyChanged(op.id)) {
          const { line, column } = whereIs(op.id);
          problems.push({ file, line, column, severity: 'warning', message: `annotation ${op.id} was modified on disk after we loaded it; our deletion was not applied (their version is kept)` });
          continue;
        }
        state = applyOp(state, op).state;
      } else {
        const id = op.annotation.id;
        const theirsNow = theyChanged(id) ? theirs.annotations.find((a) => a.id === id) : undefined;
        if (!theirsNow) {
          state = applyOp(state, op).state;
          continue;
        }
        // Both sides changed it: field by field, a field changed on one side only takes that side's value; a field
        // changed differently on both sides cannot be reconciled: ours keeps the id, theirs is kept as a copy.
        const { line, column } = whereIs(id);
        const base = canonicalAnnotation(rec.base.get(id)!);
        const result = mergeFields(base, canonicalAnnotation(theirsNow), canonicalAnnotation(op.annotation));
        const mergedAnnotation = result.conflicts.length ? undefined : AnnotationSchema.safeParse(result.value);
        if (mergedAnnotation?.success) {
          problems.push({ file, line, column, severity: 'info', message: `annotation ${id} was changed both on disk and here (different fields); both changes kept` });
          state = applyOp(state, { ...op, annotation: mergedAnnotation.data }).state;
          continue;
        }
        state = applyOp(state, op).state;
        const taken = new Set([...state.annotations.map((r) => r.annotation.id), ...state.invalid.flatMap((b) => (b.id ? [b.id] : []))]);
        let copyId = copies.get(id) ?? `${id}.conflict`;
        for (let n = 2; !copies.has(id) && taken.has(copyId); n++) copyId = `${id}.conflict${n}`;
        copies.set(id, copyId);
        const copy = AnnotationSchema.safeParse({ ...theirsNow, id: copyId, 'x-conflict-of': id });
        if (copy.success) state = applyOp(state, { kind: 'put', annotation: copy.data }).state;
        problems.push({
          file,
          line,
          column,
          severity: 'warning',
          message: `annotation ${id} was edited both on disk and here (${result.conflicts.join(', ') || 'fields'}): both versions are kept — ours as ${id}, the one on disk as ${copyId}; delete the one you do not want`,
        });
      }
    }
    rec.state = { ...state, dirty: true };
    return { problems };
  }

  private emit(state: AnnotationState): void {
    for (const l of this.listeners) l(state);
  }
}

/** Three-way merge of canonical annotation objects by top-level field. */
function mergeFields(base: Record<string, unknown>, theirs: Record<string, unknown>, ours: Record<string, unknown>): { value: Record<string, unknown>; conflicts: string[] } {
  const value: Record<string, unknown> = {};
  const conflicts: string[] = [];
  const keys = new Set([...Object.keys(base), ...Object.keys(theirs), ...Object.keys(ours)]);
  for (const key of keys) {
    const [b, t, o] = [base[key], theirs[key], ours[key]].map((v) => JSON.stringify(v));
    let pick: unknown;
    if (o === b || o === t) pick = theirs[key];
    else if (t === b) pick = ours[key];
    else if (key === 'modified') pick = String(theirs[key]) > String(ours[key]) ? theirs[key] : ours[key];
    else {
      conflicts.push(key);
      pick = ours[key];
    }
    if (pick !== undefined) value[key] = pick;
  }
  return { value, conflicts };
}

function encodingProblem(file: string, error: InvalidUtf8Error): Problem {
  return {
    file,
    line: error.line,
    column: error.column,
    severity: 'error',
    message: `${error.message}: the sidecar is never rewritten (saving would replace the bytes); convert it to UTF-8 (e.g. iconv -f GBK -t UTF-8), then reload`,
  };
}

/** ISO 8601 UTC without milliseconds: 2026-11-22T07:30:00Z. */
function isoSeconds(d: Date): string {
  return d.toISOString().replace(/\.\d{3}Z$/, 'Z');
}

function compareResolved(a: ResolvedAnnotation, b: ResolvedAnnotation): number {
  if (a.orphaned !== b.orphaned) return a.orphaned ? 1 : -1;
  return a.start - b.start || (a.annotation.id < b.annotation.id ? -1 : a.annotation.id > b.annotation.id ? 1 : 0);
}

function dropUndefined<T extends object>(o: T): Partial<T> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(o)) if (v !== undefined) out[k] = v;
  return out as Partial<T>;
}

// --- caches: one add or edit must not cost O(size of the document or of the sidecar) in hashing, indexing or
// serialising (10k annotations in one sidecar: < 50 ms per saved change, see bench/annotations.bench.ts).

let lastIndex: CodePointIndex | undefined;
/** The code-point index of a text (the last one is kept: the store works on one document text at a time). */
function indexFor(text: string): CodePointIndex {
  if (lastIndex?.text !== text) lastIndex = new CodePointIndex(text);
  return lastIndex;
}

const shaCache: Array<{ text: string; sha: string }> = [];
/** SHA-256 of a text, remembered for the last few texts. */
function shaOf(text: string): string {
  const hit = shaCache.find((e) => e.text === text);
  if (hit) return hit.sha;
  const sha = sha256Hex(text);
  shaCache.unshift({ text, sha });
  if (shaCache.length > 4) shaCache.pop();
  return sha;
}

const jsonCache = new WeakMap<Annotation, string>();
/** Canonical JSON of an annotation (annotations are never mutated: cached by object). */
function jsonOf(a: Annotation): string {
  let j = jsonCache.get(a);
  if (j === undefined) jsonCache.set(a, (j = JSON.stringify(canonicalAnnotation(a))));
  return j;
}

const currentCache = new WeakMap<ResolvedAnnotation, { text: string; annotation: Annotation }>();
/** currentAnnotation, remembered per resolved annotation and text (resolved annotations are never mutated). */
function currentCached(r: ResolvedAnnotation, text: string, index: CodePointIndex): Annotation {
  const hit = currentCache.get(r);
  if (hit && hit.text === text) return hit.annotation;
  const annotation = currentAnnotation(r, text, index);
  currentCache.set(r, { text, annotation });
  return annotation;
}

/** Annotation with selectors refreshed from its current span (orphans keep their selectors and get `orphaned`). */
function currentAnnotation(r: ResolvedAnnotation, text: string, index: CodePointIndex): Annotation {
  if (r.orphaned) {
    const a = withoutReview(r.annotation);
    return a.orphaned ? a : { ...a, orphaned: true };
  }
  // Under review: the original quote stays; `reanchored` follows the passage (the review ends if the quote is back).
  const current = r.annotation.reanchored ? reviewed(r.annotation, text, r, index) : r.annotation;
  if (current.reanchored) return current;
  const { orphaned: _o, ...rest } = current;
  const quote = quoteOf(current);
  const pos = positionOf(current);
  const [q, p] = createSelectors(text, r.start, r.end, index);
  const same = quote.exact === q.exact && quote.prefix === q.prefix && quote.suffix === q.suffix && pos?.start === p.start && pos.end === p.end;
  return same && !current.orphaned ? current : { ...rest, target: { selector: [q, p] } };
}

/** Each annotation as it would be written now (selectors refreshed from its current span), in the state's order. */
function currentAnnotations(state: AnnotationState): Annotation[] {
  const index = indexFor(state.text);
  return state.annotations.map((r) => currentCached(r, state.text, index));
}

/**
 * The sidecar for the current state. `current` (from `currentAnnotations`) is taken as is: saving writes by id
 * whatever the order here. Without it, the annotations are in position order (`snapshot`, exports).
 */
function snapshotOf(state: AnnotationState, current?: Annotation[]): SidecarFile {
  const annotations = current ?? sortedIfNeeded(currentAnnotations(state), compareAnnotations);
  const document: DocumentInfo = { path: state.document.path, sha256: shaOf(state.text) };
  if (state.document.reference !== undefined) document.reference = state.document.reference;
  return { ...emptySidecar(state.document.path), document, annotations, invalid: [...state.invalid] };
}

/** Apply one op to a state; returns the new state and the inverse op. */
function applyOp(state: AnnotationState, op: AnnotationOp): { state: AnnotationState; inverse: AnnotationOp } {
  const index = indexFor(state.text);
  if (op.kind === 'reference') {
    const document: DocumentInfo = { ...state.document };
    if (op.value === undefined) delete document.reference;
    else document.reference = op.value;
    return { state: { ...state, document }, inverse: { kind: 'reference', value: state.document.reference } };
  }
  const id = op.kind === 'put' ? op.annotation.id : op.id;
  // Ids are unique in a state: one scan finds the annotation, the rest is a copy without it.
  const at = state.annotations.findIndex((r) => r.annotation.id === id);
  const existing = at >= 0 ? state.annotations[at] : undefined;
  const inverse: AnnotationOp = existing
    ? { kind: 'put', annotation: currentAnnotation(existing, state.text, index), ...(existing.orphaned ? {} : { span: { start: existing.start, end: existing.end } }) }
    : { kind: 'delete', id };
  const rest = at >= 0 ? state.annotations.slice(0, at).concat(state.annotations.slice(at + 1)) : state.annotations.slice();
  if (op.kind === 'delete') return { state: { ...state, annotations: rest }, inverse };
  let resolved: ResolvedAnnotation;
  const quote = quoteOf(op.annotation);
  const underReview = op.annotation.reanchored !== undefined && op.span !== undefined && op.span.end > op.span.start && op.span.end <= state.text.length;
  if (op.span && (underReview || state.text.slice(op.span.start, op.span.end) === quote.exact) && !op.annotation.orphaned) {
    resolved = { annotation: op.annotation, start: op.span.start, end: op.span.end, orphaned: false };
  } else {
    const found = op.annotation.orphaned && !op.span ? undefined : anchor(state.text, op.annotation.target.selector, op.span?.start, { index });
    const pos = positionOf(op.annotation);
    const at = Math.min(op.span?.start ?? (pos ? index.toUtf16(pos.start) : state.text.length), state.text.length);
    resolved = found
      ? { annotation: op.annotation, start: found.start, end: found.end, orphaned: false, anchor: { method: found.method, score: found.score } }
      : { annotation: op.annotation, start: at, end: at, orphaned: true };
  }
  return { state: { ...state, annotations: insertSorted(rest, resolved, compareResolved) }, inverse };
}

/** Sort only when not already in order (the usual case: O(n) instead of O(n log n) per save). */
function sortedIfNeeded<T>(list: T[], compare: (a: T, b: T) => number): T[] {
  for (let i = 1; i < list.length; i++) if (compare(list[i - 1]!, list[i]!) > 0) return list.sort(compare);
  return list;
}

/** A sorted copy of `list` (sorted) with `item` inserted in its place. */
function insertSorted<T>(list: readonly T[], item: T, compare: (a: T, b: T) => number): T[] {
  let lo = 0;
  let hi = list.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (compare(list[mid]!, item) <= 0) lo = mid + 1;
    else hi = mid;
  }
  const out = list.slice(0, lo);
  out.push(item);
  for (let i = lo; i < list.length; i++) out.push(list[i]!);
  return out;
}

/** Anchor every annotation of a file in `text`; drift of the previous anchor is used as the next hint. */
export function resolveAll(
  file: SidecarFile,
  text: string,
  sidecarPath: string,
  locations: Map<string, SourcePosition>,
  index: CodePointIndex = indexFor(text),
): { resolved: ResolvedAnnotation[]; problems: Problem[]; changed: boolean } {
  const sameText = file.document.sha256 !== undefined && file.document.sha256 === shaOf(text);
  const problems: Problem[] = [];
  const resolved: ResolvedAnnotation[] = [];
  let drift = 0;
  let changed = false;
  for (const a of [...file.annotations].sort(compareAnnotations)) {
    const pos = positionOf(a);
    const stored = pos ? index.toUtf16(pos.start) : undefined;
    const hint = stored !== undefined ? Math.max(0, Math.min(text.length, stored + drift)) : undefined;
    const where = locations.get(a.id) ?? { line: 1, column: 1 };
    const review = a.reanchored ? reviewedPlace(text, a, index) : undefined;
    const found = review ?? anchor(text, a.target.selector, hint, { index });
    if (found) {
      if (stored !== undefined && !review) drift = found.start - stored;
      const annotation = reviewed(a, text, found, index);
      if ((found.method !== 'position' && !review) || a.orphaned || annotation !== a) changed = true;
      if (annotation.reanchored) problems.push({ file: sidecarPath, ...where, severity: 'warning', code: 'passage-reanchored', message: reanchoredMessage(annotation, sameText) });
      resolved.push({ annotation, start: found.start, end: found.end, orphaned: false, anchor: { method: found.method, score: found.score } });
    } else {
      const at = Math.min(hint ?? text.length, text.length);
      if (!a.orphaned || a.reanchored) changed = true;
      problems.push({
        file: sidecarPath,
        ...where,
        severity: 'warning',
        code: 'passage-not-found',
        message: `annotation ${a.id}: passage "${truncate(quoteOf(a).exact, 40)}" not found in the document${sameText ? '' : ' (the document changed since the sidecar was saved)'}; kept as an orphan — re-attach it to a selection`,
      });
      resolved.push({ annotation: withoutReview(a), start: at, end: at, orphaned: true });
    }
  }
  return { resolved: resolved.sort(compareResolved), problems, changed };
}

/** The message of an annotation awaiting review after a re-anchoring (on the document in the Problems panel). */
export function reanchoredMessage(a: Annotation, sameText = false): string {
  const now = a.reanchored?.exact ?? '';
  return `annotation ${a.id}: passage "${truncate(quoteOf(a).exact, 40)}" was found only approximately${sameText ? '' : ' after the document changed'}, as "${truncate(now, 40)}"; the original quote is kept until you review it — accept the new passage or re-attach it to a selection`;
}

function withoutReview(a: Annotation): Annotation {
  if (!a.reanchored) return a;
  const { reanchored: _r, ...rest } = a;
  return rest;
}

/**
 * The place a reviewed-to-be annotation was re-anchored to, if its passage is still there and the original quote
 * is not back in the text (then the normal anchoring finds it and the review ends by itself).
 */
function reviewedPlace(text: string, a: Annotation, index: CodePointIndex): AnchorResult | undefined {
  const r = a.reanchored!;
  if (text.includes(quoteOf(a).exact)) return undefined;
  const start = index.toUtf16(r.start);
  const end = index.toUtf16(r.end);
  return text.slice(start, end) === r.exact ? { start, end, method: 'position', score: 1 } : undefined;
}

/**
 * The annotation as anchored at `found`: when the passage found differs from the quote (a fuzzy match after an
 * outside edit), the original selectors are kept and `reanchored` records the new passage for review; when the
 * quote itself was found, a pending review is over.
 */
function reviewed(a: Annotation, text: string, found: Span, index: CodePointIndex): Annotation {
  const passage = text.slice(found.start, found.end);
  if (passage === quoteOf(a).exact) return withoutReview(a);
  const start = index.toCodePoint(found.start);
  const end = index.toCodePoint(found.end);
  const r = a.reanchored;
  if (r && r.exact === passage && r.start === start && r.end === end && !a.orphaned) return a;
  const { orphaned: _o, ...rest } = a;
  return { ...rest, reanchored: { exact: passage, start, end } };
}

function truncate(s: string, n: number): string {
  const cps = [...s];
  return cps.length > n ? cps.slice(0, n).join('') + '…' : s;
}
