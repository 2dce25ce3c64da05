import * as vscode from 'vscode';
import { noLinks } from '../../../core/text/escape';
import type { Span } from '../../../core/types';
import { count } from '../../../core/text/plural';
import { readConfig } from '../../config';
import { uriOf } from '../../convert';
import type { Feature, Services } from '../../services/index';
import { DocumentsTree } from './documents';
import { EntitiesTree } from './entities';
import { TopicsTree } from './topics';

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

export function revealCommand(path: string, span: Span, title = 'Reveal'): vscode.Command {
  return { command: 'corpusLens.revealMention', title, arguments: [path, span.start, span.end] };
}

export function fileLabel(path: string): string {
  const uri = uriOf(path);
  return vscode.workspace.asRelativePath(uri, vscode.workspace.workspaceFolders !== undefined && vscode.workspace.workspaceFolders.length > 1);
}

/**
 * Re-index Corpus (the command): indexes, then says what it found, in the status bar, or in a message when no
 * file matches the include glob. Returns the text shown (tests read it).
 */
export async function reindexWithFeedback(services: Services): Promise<string> {
  await services.corpus.reindex();
  const documents = services.corpus.index.documents();
  if (!documents.length) {
    const text = `No corpus files match corpusLens.files.include (${readConfig().include}).`;
    void vscode.window.showInformationMessage(noLinks(`Corpus Lens: ${text}`), 'Change the File Pattern').then((choice) => {
      if (choice) void vscode.commands.executeCommand('workbench.action.openSettings', 'corpusLens.files.include');
    });
    return text;
  }
  const records = documents.reduce((n, d) => n + d.records.length, 0);
  const text = `Indexed ${count(documents.length, 'document')} (${count(records, 'record')})`;
  vscode.window.setStatusBarMessage(`$(check) Corpus Lens: ${text}`, 5000);
  return text;
}

export const viewsFeature: Feature = {
  id: 'views',
  activate: (services) => {
    const documents = new DocumentsTree(services);
    const topics = new TopicsTree(services);
    const entities = new EntitiesTree(services);
    return [
      documents,
      topics,
      entities,
      vscode.window.registerTreeDataProvider('corpusLens.documents', documents),
      vscode.window.registerTreeDataProvider('corpusLens.topics', topics),
      vscode.window.registerTreeDataProvider('corpusLens.entities', entities),
      vscode.commands.registerCommand('corpusLens.revealMention', (path: string, start: number, end: number) => revealSpan(services, path, { start, end })),
      vscode.commands.registerCommand('corpusLens.reindex', () => reindexWithFeedback(services)),
    ];
  },
};
