/**
 * Coded passages, what the code views (document × code, code × code, a concordance of a code) count: a codebook's
 * coded segments and the claims that carry codes (the codes service gives them), or, without a codebook, the
 * annotations with the codes `codesOf` reads from them (their tags). One list, so the aggregates do not care where
 * the codes come from.
 */
import type { CodesOf, ViewAnnotation } from './source';

export interface CodedUnit {
  path: string;
  /** UTF-16 span in the document's current text. */
  start: number;
  end: number;
  codes: readonly string[];
  /** The claim it is (holder, date, stance), when it is one. */
  annotationId?: string;
  /** The coded segment it is, when it is one. */
  segmentId?: string;
}

/** The annotations that have codes, as coded units. */
export function unitsOf(annotations: readonly ViewAnnotation[], codesOf: CodesOf): CodedUnit[] {
  const out: CodedUnit[] = [];
  for (const a of annotations) {
    const codes = codesOf(a.annotation);
    if (codes.length) out.push({ path: a.path, start: a.start, end: a.end, codes, annotationId: a.annotation.id });
  }
  return out;
}
