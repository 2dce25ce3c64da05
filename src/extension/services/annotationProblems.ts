/**
 * The annotations' problems in the Problems panel: sidecar errors with their file:line, and on the document the
 * orphans, the re-anchored passages to review and the two versions of a merge conflict (code actions are offered
 * on their codes, see features/review).
 */
import * as l10n from '@vscode/l10n';
import * as vscode from 'vscode';
import { quoteOf, type AnnotationState, type ResolvedAnnotation } from '../../core/annotations/index';
import type { Problem } from '../../core/types';
import { lineStarts, positionIn } from '../../core/text/offsets';
import { toDiagnostic, uriOf } from '../convert';

/** Diagnostic codes of the annotations' problems (code actions are offered on them). */
export const DIAGNOSTIC_CODES = {
  orphaned: 'orphaned-annotation',
  reanchored: 'reanchored-annotation',
  conflictVersion: 'annotation-merge-conflict',
  mergeConflict: 'merge-conflict',
} as const;

export class AnnotationProblems {
  /** By document URI: the annotation each of its diagnostics is about (the code actions act on that id). */
  private readonly subjects = new Map<string, Array<{ diagnostic: vscode.Diagnostic; id: string }>>();

  constructor(private readonly diagnostics: vscode.DiagnosticCollection) {}

  /**
   * The annotation a document diagnostic is about, as recorded when it was made (never read back from its message,
   * which is for people and may be translated). The diagnostic may be a copy (a code action's context): it matches
   * by code, range and message. Undefined for a diagnostic of another source or one replaced since.
   */
  annotationIdOf(docPath: string, diagnostic: vscode.Diagnostic): string | undefined {
    const list = this.subjects.get(uriOf(docPath).toString());
    const same = (d: vscode.Diagnostic) => d === diagnostic || (d.code === diagnostic.code && d.message === diagnostic.message && d.range.isEqual(diagnostic.range));
    return list?.find((s) => same(s.diagnostic))?.id;
  }

  /** Problems of a sidecar that maps to no loaded document (undefined: remove them). */
  setSidecar(sidecarPath: string, problems: Problem[] | undefined): void {
    if (problems) this.diagnostics.set(uriOf(sidecarPath), problems.map(toDiagnostic));
    else this.diagnostics.delete(uriOf(sidecarPath));
  }

  /** Show a document's problems (`state` undefined: the document's annotations are not loaded). */
  update(docPath: string, state: AnnotationState | undefined, open: vscode.TextDocument | undefined): void {
    const docUri = uriOf(docPath);
    if (!state) {
      this.diagnostics.delete(docUri);
      this.subjects.delete(docUri.toString());
      return;
    }
    // Sidecar problems (syntax, schema, fields) with their file:line; passage-not-found ones are shown on the
    // document instead, while the annotation is still an orphan.
    const sidecarProblems = state.problems.filter((p) => !(p.code === 'passage-not-found' || p.code === 'passage-reanchored') || p.severity === 'error');
    this.diagnostics.set(
      uriOf(state.sidecarPath),
      sidecarProblems.map((p) => {
        const d = toDiagnostic(p);
        if (p.code === 'merge-conflict') d.code = DIAGNOSTIC_CODES.mergeConflict;
        return d;
      }),
    );
    const positions = open;
    const short = (s: string) => (s.length > 80 ? s.slice(0, 80) + '…' : s);
    // Positions in the text the spans refer to (the editor's, else the store's: the document need not be open).
    let starts: ArrayLike<number> | undefined;
    const positionAt = (offset: number): vscode.Position => {
      if (positions) return positions.positionAt(offset);
      const { line, character } = positionIn((starts ??= lineStarts(state.text)), offset);
      return new vscode.Position(line, character);
    };
    const subjects: Array<{ diagnostic: vscode.Diagnostic; id: string }> = [];
    const diagnostic = (r: ResolvedAnnotation, code: string, message: string) => {
      const at = positionAt(r.start);
      const end = r.end > r.start ? positionAt(r.end) : positions ? positions.lineAt(at.line).range.end : at;
      const d = new vscode.Diagnostic(new vscode.Range(at, end), message, vscode.DiagnosticSeverity.Warning);
      d.source = 'Corpus Lens';
      d.code = code;
      subjects.push({ diagnostic: d, id: r.annotation.id });
      return d;
    };
    const list: vscode.Diagnostic[] = [];
    for (const r of state.annotations) {
      const a = r.annotation;
      if (r.orphaned) {
        list.push(diagnostic(r, DIAGNOSTIC_CODES.orphaned, l10n.t('Orphaned annotation {0} ("{1}"): the passage “{2}” is no longer in the text. Select it and run "Re-attach Annotation to Selection".', a.id, a.claim, short(quoteOf(a).exact))));
      } else if (a.reanchored) {
        const now = positions ? positions.getText().slice(r.start, r.end) : a.reanchored.exact;
        list.push(
          diagnostic(
            r,
            DIAGNOSTIC_CODES.reanchored,
            l10n.t('Re-anchored annotation {0} ("{1}") to review: the document changed outside the editor and the passage was found only approximately — annotated “{2}”, now “{3}”. Accept the new passage, or select the right one and re-attach the annotation.', a.id, a.claim, short(quoteOf(a).exact), short(now)),
          ),
        );
      }
      if (a.conflict) {
        list.push(
          diagnostic(
            r,
            DIAGNOSTIC_CODES.conflictVersion,
            a.conflict.side === 'ours'
              ? l10n.t('Merge conflict: annotation {0} ("{1}") is the version of the branch merged into; {2} is the other version. Keep one of them.', a.id, a.claim, a.conflict.with)
              : l10n.t('Merge conflict: annotation {0} ("{1}") is the version of the merged branch; {2} is the other version. Keep one of them.', a.id, a.claim, a.conflict.with),
          ),
        );
      }
    }
    this.diagnostics.set(docUri, list);
    this.subjects.set(docUri.toString(), subjects);
  }
}
