/**
 * Resolving annotations in a document text: every annotation of a sidecar anchored (position, exact quote, fuzzy
 * match), orphans kept at their last place, approximate matches kept under review (`reanchored`) with the original
 * quote. Also the per-text caches the store shares (code-point index, SHA-256).
 */
import type { Problem, Span } from '../types';
import { anchor, CodePointIndex, type AnchorResult } from './anchoring';
import { compareAnnotations, positionOf, quoteOf, type Annotation, type SidecarFile, type SourcePosition } from './schema';
import { sha256Hex } from './sha256';
import type { ResolvedAnnotation } from './state';
import * as l10n from '@vscode/l10n';

/** Order of a state's annotations: anchored ones by (start, id), then orphans. */
export function compareResolved(a: ResolvedAnnotation, b: ResolvedAnnotation): number {
  if (a.orphaned !== b.orphaned) return a.orphaned ? 1 : -1;
  return a.start - b.start || (a.annotation.id < b.annotation.id ? -1 : a.annotation.id > b.annotation.id ? 1 : 0);
}

// --- caches: one add or edit must not cost O(size of the document or of the sidecar) in hashing, indexing or
// serialising (10k annotations in one sidecar: < 50 ms per saved change, see bench/annotations.bench.ts).

let lastIndex: CodePointIndex | undefined;
/** The code-point index of a text (the last one is kept: the store works on one document text at a time). */
export function indexFor(text: string): CodePointIndex {
  if (lastIndex?.text !== text) lastIndex = new CodePointIndex(text);
  return lastIndex;
}

const shaCache: Array<{ text: string; sha: string }> = [];
/** SHA-256 of a text, remembered for the last few texts. */
export function shaOf(text: string): string {
  const hit = shaCache.find((e) => e.text === text);
  if (hit) return hit.sha;
  const sha = sha256Hex(text);
  shaCache.unshift({ text, sha });
  if (shaCache.length > 4) shaCache.pop();
  return sha;
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
        message: sameText
          ? l10n.t('annotation {0}: passage "{1}" not found in the document; kept as an orphan — re-attach it to a selection', a.id, truncate(quoteOf(a).exact, 40))
          : l10n.t('annotation {0}: passage "{1}" not found in the document (the document changed since the sidecar was saved); kept as an orphan — re-attach it to a selection', a.id, truncate(quoteOf(a).exact, 40)),
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

export function withoutReview(a: Annotation): Annotation {
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
export function reviewed(a: Annotation, text: string, found: Span, index: CodePointIndex): Annotation {
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
