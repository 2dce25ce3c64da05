/**
 * Saving over a sidecar that changed on disk since it was loaded (another window, the CLI, git): our pending
 * operations are replayed on the file found there, by annotation id; an annotation both sides changed is merged
 * field by field, and when one field was changed both ways both versions are kept (`<id>.conflict`).
 * (The git merge driver, three sidecar versions merged by id, is merge.ts.)
 */
import type { Problem } from '../types';
import { AnnotationSchema, type Annotation, type SidecarFile, type SourcePosition } from './schema';
import { canonicalAnnotation } from './serialize';
import { applyOp } from './operations';
import { compareResolved, indexFor, resolveAll } from './resolve';
import type { AnnotationOp, AnnotationState, ResolvedAnnotation } from './state';
import * as l10n from '@vscode/l10n';

/**
 * Annotations by id, indexed on the first lookup: every save records the annotations as written, and only a
 * merge with a sidecar changed on disk looks them up (hashing 10k ids per save would cost more than the save).
 */
export class ById {
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

/** What a replay needs of the store's record of a document. */
export interface MergeBase {
  /** Our state (live-tracked spans, pending changes applied). */
  state: AnnotationState;
  /** Each annotation as on disk at the last load or save. */
  base: ById;
  baseReference: string | undefined;
  /** Our operations since the last load or save, in order. */
  pending: readonly AnnotationOp[];
}

const jsonCache = new WeakMap<Annotation, string>();
/** Canonical JSON of an annotation (annotations are never mutated: cached by object). */
function jsonOf(a: Annotation): string {
  let j = jsonCache.get(a);
  if (j === undefined) jsonCache.set(a, (j = JSON.stringify(canonicalAnnotation(a))));
  return j;
}

/**
 * Replay our pending ops on the sidecar found on disk (see the save policy in store.ts): their file is the start,
 * our operations since the last load or save are applied on top of it by id. Returns the merged state (dirty) and
 * the problems to report (an annotation both sides changed, a deletion not applied).
 */
export function replayOnDisk(rec: MergeBase, theirs: SidecarFile, locations: Map<string, SourcePosition>): { state: AnnotationState; problems: Problem[] } {
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
        problems.push({ file, line: 1, column: 1, severity: 'warning', message: l10n.t('reference date was also changed on disk ({0}); kept ours ({1})', theirs.document.reference ?? l10n.t('cleared'), op.value ?? l10n.t('cleared')) });
      }
      state = applyOp(state, op).state;
    } else if (op.kind === 'delete') {
      if (theyChanged(op.id)) {
        const { line, column } = whereIs(op.id);
        problems.push({ file, line, column, severity: 'warning', message: l10n.t('annotation {0} was modified on disk after we loaded it; our deletion was not applied (their version is kept)', op.id) });
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
        problems.push({ file, line, column, severity: 'info', message: l10n.t('annotation {0} was changed both on disk and here (different fields); both changes kept', id) });
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
        message: l10n.t('annotation {0} was edited both on disk and here ({1}): both versions are kept — ours as {0}, the one on disk as {2}; delete the one you do not want', id, result.conflicts.join(', ') || l10n.t('fields'), copyId),
      });
    }
  }
  return { state: { ...state, dirty: true }, problems };
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
