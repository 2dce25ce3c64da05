import * as vscode from 'vscode';
import type { Span } from '../../core/types';
import { uriOf } from '../convert';
import type { Services } from '../services/index';

/**
 * Opens a corpus file (read-only unless made editable) and shows a span: the target of every tree item and quick
 * pick. The cursor goes to the start of the span, which is highlighted for a moment but not selected.
 */
export async function revealSpan(services: Services, path: string, span: Span): Promise<void> {
  const location = services.corpus.location(path, span);
  const editor = await vscode.window.showTextDocument(location.uri, { preview: true });
  const range = editor.document.validateRange(
    new vscode.Range(editor.document.positionAt(span.start), editor.document.positionAt(span.end)),
  );
  await services.protection.showPassage(editor, range);
}

/** The command of a tree item that reveals `span` of `path` (corpusLens.revealMention, registered by the views feature). */
export function revealCommand(path: string, span: Span, title = 'Reveal'): vscode.Command {
  return { command: 'corpusLens.revealMention', title, arguments: [path, span.start, span.end] };
}

/** A corpus file as the workbench shows it: relative to its workspace folder (named when there are several). */
export function fileLabel(path: string): string {
  const uri = uriOf(path);
  return vscode.workspace.asRelativePath(uri, vscode.workspace.workspaceFolders !== undefined && vscode.workspace.workspaceFolders.length > 1);
}
