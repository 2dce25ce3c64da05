/**
 * Operations on a document's annotation state (pure: a new state is returned, objects are never mutated): apply a
 * put / delete / reference operation and compute its inverse (undo), the annotations as they would be written now
 * (selectors refreshed from the current spans) and the sidecar file of a state.
 */
import { anchor, createSelectors, type CodePointIndex } from './anchoring';
import { compareAnnotations, emptySidecar, positionOf, quoteOf, type Annotation, type DocumentInfo, type SidecarFile } from './schema';
import { compareResolved, indexFor, reviewed, shaOf, withoutReview } from './resolve';
import type { AnnotationOp, AnnotationState, ResolvedAnnotation } from './state';
import { partitionPoint } from '../sorted';

/** ISO 8601 UTC without milliseconds: 2026-11-22T07:30:00Z. */
export function isoSeconds(d: Date): string {
  return d.toISOString().replace(/\.\d{3}Z$/, 'Z');
}

export function dropUndefined<T extends object>(o: T): Partial<T> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(o)) if (v !== undefined) out[k] = v;
  return out as Partial<T>;
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
export function currentAnnotation(r: ResolvedAnnotation, text: string, index: CodePointIndex): Annotation {
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
export function currentAnnotations(state: AnnotationState): Annotation[] {
  const index = indexFor(state.text);
  return state.annotations.map((r) => currentCached(r, state.text, index));
}

/**
 * The sidecar for the current state. `current` (from `currentAnnotations`) is taken as is: saving writes by id
 * whatever the order here. Without it, the annotations are in position order (`snapshot`, exports).
 */
export function snapshotOf(state: AnnotationState, current?: Annotation[]): SidecarFile {
  const annotations = current ?? sortedIfNeeded(currentAnnotations(state), compareAnnotations);
  const document: DocumentInfo = { path: state.document.path, sha256: shaOf(state.text) };
  if (state.document.reference !== undefined) document.reference = state.document.reference;
  return { ...emptySidecar(state.document.path), document, annotations, invalid: [...state.invalid] };
}

/** Apply one op to a state; returns the new state and the inverse op. */
export function applyOp(state: AnnotationState, op: AnnotationOp): { state: AnnotationState; inverse: AnnotationOp } {
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
  const lo = partitionPoint(0, list.length, (i) => compare(list[i]!, item) <= 0);
  const out = list.slice(0, lo);
  out.push(item);
  for (let i = lo; i < list.length; i++) out.push(list[i]!);
  return out;
}
