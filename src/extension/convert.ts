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

/** Line/column positions from a text that is not open in an editor. */
export class TextPositions {
  private starts: number[] | undefined;
  constructor(private readonly text: string) {}
  position(offset: number): vscode.Position {
    if (!this.starts) {
      const starts = [0];
      for (let i = 0; i < this.text.length; i++) if (this.text.charCodeAt(i) === 10) starts.push(i + 1);
      this.starts = starts;
    }
    const starts = this.starts;
    let lo = 0;
    let hi = starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (starts[mid]! <= offset) lo = mid;
      else hi = mid - 1;
    }
    return new vscode.Position(lo, offset - starts[lo]!);
  }
  range(span: Span): vscode.Range {
    return new vscode.Range(this.position(span.start), this.position(span.end));
  }
}
