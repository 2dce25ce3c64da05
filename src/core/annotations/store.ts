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
import type { Disposable, FileStore, Problem } from '../types';
import { anchor, applyEdits as applyEditsToSpan, createSelectors, type TextChange } from './anchoring';
import { basename, dirname, isAbsolute, isInside, join, relative, SIDECAR_SUFFIX } from './paths';
import { AnnotationSchema, type Annotation, type SidecarFile, type SourcePosition } from './schema';
import { parseSidecar } from './parse';
import { InvalidUtf8Error } from '../text/utf8';
import { assemble, learn, type ItemOrder } from './layout';
import { isEdtfDate } from '../dates/edtf';
import { serializeSidecar } from './serialize';
import { applyOp, currentAnnotations, dropUndefined, isoSeconds, snapshotOf } from './operations';
import { compareResolved, indexFor, resolveAll, reviewed, withoutReview } from './resolve';
import { ById, replayOnDisk } from './storeMerge';
import {
  AnnotationInputError,
  type AnnotationOp,
  type AnnotationPatch,
  type AnnotationState,
  type Mutation,
  type NewAnnotation,
  type ResolvedAnnotation,
  type SaveResult,
  type SidecarLayout,
  type StoreOptions,
} from './state';
import * as l10n from '@vscode/l10n';

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
        { file: sidecarPath, line: 1, column: 1, severity: 'error', message: l10n.t('not saved: the sidecar file has errors (fix them, then reload); it was left untouched') },
        ...rec.state.problems.filter((p) => p.severity === 'error'),
      ]);
    }
    try {
      // Read, merge and write under the sidecar's lock: another writer (window, CLI) cannot slip in between.
      const work = () => this.saveLocked(rec);
      return await (this.fs.withLock ? this.fs.withLock(sidecarPath, work) : work());
    } catch (error) {
      if (error instanceof InvalidUtf8Error) {
        return fail([{ ...encodingProblem(sidecarPath, error), message: l10n.t('not saved: the sidecar changed on disk and is {0}; it was left untouched', error.message) }]);
      }
      if (error instanceof AnnotationInputError) throw error;
      const message = error instanceof Error ? error.message : String(error);
      return fail([{ file: sidecarPath, line: 1, column: 1, severity: 'error', message: l10n.t('not saved: {0}', message) }]);
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
            problems: [{ file: sidecarPath, line: 1, column: 1, severity: 'error', message: l10n.t('not saved: the sidecar changed on disk and now has errors; it was left untouched') }, ...parsed.problems],
          };
        }
        const m = replayOnDisk(rec, parsed.value, parsed.locations);
        rec.state = m.state;
        problems.push(...m.problems);
        merged = true;
      } else if (rec.diskText !== undefined) {
        problems.push({ file: sidecarPath, line: 1, column: 1, severity: 'warning', message: l10n.t('the sidecar was deleted on disk since it was loaded; it is written again from the annotations here') });
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


  private emit(state: AnnotationState): void {
    for (const l of this.listeners) l(state);
  }
}

function encodingProblem(file: string, error: InvalidUtf8Error): Problem {
  return {
    file,
    line: error.line,
    column: error.column,
    severity: 'error',
    message: l10n.t('{0}: the sidecar is never rewritten (saving would replace the bytes); convert it to UTF-8 (e.g. iconv -f GBK -t UTF-8), then reload', error.message),
  };
}
