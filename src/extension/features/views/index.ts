import * as vscode from 'vscode';
import type { Span } from '../../../core/types';
import { uriOf } from '../../convert';
import type { Feature, Services } from '../../services/index';
import { DocumentsTree } from './documents';
import { EntitiesTree } from './entities';
import { TopicsTree } from './topics';

/** Opens a corpus file and selects a span: the target of every tree item and quick pick. */
export async function revealSpan(services: Services, path: string, span: Span): Promise<void> {
  const location = services.corpus.location(path, span);
  const editor = await vscode.window.showTextDocument(location.uri, { preview: true });
  const range = editor.document.validateRange(
    new vscode.Range(editor.document.positionAt(span.start), editor.document.positionAt(span.end)),
  );
  editor.selection = new vscode.Selection(range.start, range.end);
  editor.revealRange(range, vscode.TextEditorRevealType.InCenterIfOutsideViewport);
}

export function revealCommand(path: string, span: Span, title = 'Reveal'): vscode.Command {
  return { command: 'corpusLens.revealMention', title, arguments: [path, span.start, span.end] };
}

export function fileLabel(path: string): string {
  const uri = uriOf(path);
  return vscode.workspace.asRelativePath(uri, vscode.workspace.workspaceFolders !== undefined && vscode.workspace.workspaceFolders.length > 1);
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
      vscode.commands.registerCommand('corpusLens.reindex', () => services.corpus.reindex()),
    ];
  },
};
