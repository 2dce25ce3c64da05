/** The one place where core values become vscode values and back. */
import * as vscode from 'vscode';
import type { Problem, Severity, Span } from '../core/types';

export function toRange(document: vscode.TextDocument, span: Span): vscode.Range {
  return new vscode.Range(document.positionAt(span.start), document.positionAt(span.end));
}

export function fromRange(document: vscode.TextDocument, range: vscode.Range): Span {
  return { start: document.offsetAt(range.start), end: document.offsetAt(range.end) };
}

export function toSeverity(severity: Severity): vscode.DiagnosticSeverity {
  switch (severity) {
    case 'error':
      return vscode.DiagnosticSeverity.Error;
    case 'warning':
      return vscode.DiagnosticSeverity.Warning;
    default:
      return vscode.DiagnosticSeverity.Information;
  }
}

/** Problems carry 1-based line/column; diagnostics are 0-based. The range covers the rest of the line. */
export function toDiagnostic(problem: Problem): vscode.Diagnostic {
  const line = Math.max(0, problem.line - 1);
  const column = Math.max(0, problem.column - 1);
  const diagnostic = new vscode.Diagnostic(
    new vscode.Range(line, column, line, Number.MAX_SAFE_INTEGER),
    problem.message,
    toSeverity(problem.severity),
  );
  diagnostic.source = 'Corpus Lens';
  return diagnostic;
}

/** Core paths are URI strings: opaque to the core, work on desktop, remote and web alike. */
export function pathOf(uri: vscode.Uri): string {
  return uri.toString();
}

export function uriOf(path: string): vscode.Uri {
  return vscode.Uri.parse(path, true);
}
