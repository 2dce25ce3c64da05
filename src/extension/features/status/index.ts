import * as vscode from 'vscode';
import type { Feature, Services } from '../../services/index';
import { count } from '../../../core/text/plural';

/** The status bar text and tooltip for a document, or undefined when it is not a corpus document. */
export function statusSummary(services: Services, document: vscode.TextDocument): { text: string; tooltip: string } | undefined {
  if (!services.documents.isCorpusDocument(document)) return undefined;
  // Just after activation the knowledge base is still loading: say so rather than count "0 entities".
  if (!services.knowledge.loaded) return { text: '$(loading~spin) Corpus Lens: loading the knowledge base', tooltip: '**Corpus Lens** · loading the knowledge base' };
  const { doc, entities, dates } = services.documents.get(document);
  const distinct = new Set(entities.filter((e) => e.confirmed).map((e) => e.entityId)).size;
  const candidates = entities.filter((e) => !e.confirmed).length;
  return {
    text: `$(telescope) ${doc.records.length} rec · ${count(distinct, 'entity', 'entities')} · ${count(dates.length, 'date')}`,
    tooltip: `**Corpus Lens** · ${doc.shape}\n\n${count(doc.records.length, 'record')} · ${count(entities.length, 'entity mention', 'entity mentions')} (${distinct} distinct, ${candidates} unconfirmed) · ${count(dates.length, 'date')}\n\nClick: Go to Entity`,
  };
}

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
      services.knowledge.onDidChange(() => this.update()),
    );
    this.update();
  }

  update(): void {
    const editor = vscode.window.activeTextEditor;
    const summary = editor && statusSummary(this.services, editor.document);
    void vscode.commands.executeCommand('setContext', 'corpusLens.isCorpusDocument', !!summary);
    if (!summary) {
      this.item.hide();
      return;
    }
    this.item.text = summary.text;
    this.item.tooltip = new vscode.MarkdownString(summary.tooltip);
    this.item.show();
  }

  dispose(): void {
    this.disposables.forEach((d) => d.dispose());
    this.item.dispose();
  }
}

export const statusFeature: Feature = { id: 'status', activate: (services) => new Status(services) };
