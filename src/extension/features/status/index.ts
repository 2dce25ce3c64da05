import * as vscode from 'vscode';
import type { Feature, Services } from '../../services/index';

/** Status bar summary of the active corpus document, and the `corpusLens.isCorpusDocument` context key. */
class Status implements vscode.Disposable {
  private readonly item = vscode.window.createStatusBarItem('corpusLens.summary', vscode.StatusBarAlignment.Right, 100);
  private readonly disposables: vscode.Disposable[] = [];

  constructor(private readonly services: Services) {
    this.item.name = 'Corpus Lens';
    this.item.command = 'corpusLens.goToEntity';
    this.disposables.push(
      vscode.window.onDidChangeActiveTextEditor(() => this.update()),
      services.documents.onDidUpdate((doc) => doc === vscode.window.activeTextEditor?.document && this.update()),
      services.corpus.onDidChange(() => this.update()),
    );
    this.update();
  }

  update(): void {
    const editor = vscode.window.activeTextEditor;
    const isCorpus = !!editor && this.services.documents.isCorpusDocument(editor.document);
    void vscode.commands.executeCommand('setContext', 'corpusLens.isCorpusDocument', isCorpus);
    if (!editor || !isCorpus) {
      this.item.hide();
      return;
    }
    const { doc, entities, dates } = this.services.documents.get(editor.document);
    const distinct = new Set(entities.filter((e) => e.confirmed).map((e) => e.entityId)).size;
    const candidates = entities.filter((e) => !e.confirmed).length;
    this.item.text = `$(telescope) ${doc.records.length} rec · ${distinct} entities · ${dates.length} dates`;
    this.item.tooltip = new vscode.MarkdownString(
      `**Corpus Lens** · ${doc.shape}\n\n${doc.records.length} records · ${entities.length} entity mentions (${distinct} distinct, ${candidates} unconfirmed) · ${dates.length} dates\n\nClick: Go to Entity`,
    );
    this.item.show();
  }

  dispose(): void {
    this.disposables.forEach((d) => d.dispose());
    this.item.dispose();
  }
}

export const statusFeature: Feature = { id: 'status', activate: (services) => new Status(services) };
