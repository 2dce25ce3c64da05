import * as l10n from '@vscode/l10n';
import * as vscode from 'vscode';
import { Disposable } from '../../disposable';
import type { Feature, Services } from '../../services/index';
import { count } from '../../l10n';

/** The status bar text and tooltip for a document, or undefined when it is not a corpus document. */
export function statusSummary(services: Services, document: vscode.TextDocument): { text: string; tooltip: string } | undefined {
  if (!services.documents.isCorpusDocument(document)) return undefined;
  // Just after activation the knowledge base is still loading: say so rather than count "0 entities".
  if (!services.knowledge.loaded) return { text: l10n.t('$(loading~spin) Corpus Lens: loading the knowledge base'), tooltip: l10n.t('**Corpus Lens** · loading the knowledge base') };
  const { doc, entities, dates } = services.documents.get(document);
  const distinct = new Set(entities.filter((e) => e.confirmed).map((e) => e.entityId)).size;
  const candidates = entities.filter((e) => !e.confirmed).length;
  return {
    text: l10n.t('$(telescope) {0} rec · {1} · {2}', doc.records.length, count(distinct, 'entity'), count(dates.length, 'date')),
    tooltip: l10n.t('**Corpus Lens** · {0}\n\n{1} · {2} ({3} distinct, {4} unconfirmed) · {5}\n\nClick: Go to Entity', doc.shape, count(doc.records.length, 'record'), count(entities.length, 'entity mention'), distinct, candidates, count(dates.length, 'date')),
  };
}

/** Status bar summary of the active corpus document, and the `corpusLens.isCorpusDocument` context key. */
class Status extends Disposable {
  private readonly item = this._register(vscode.window.createStatusBarItem('corpusLens.summary', vscode.StatusBarAlignment.Right, 100));

  constructor(private readonly services: Services) {
    super();
    this.item.name = 'Corpus Lens';
    this.item.command = 'corpusLens.goToEntity';
    this._register(vscode.window.onDidChangeActiveTextEditor(() => this.update()));
    this._register(services.documents.onDidUpdate((doc) => doc === vscode.window.activeTextEditor?.document && this.update()));
    this._register(services.corpus.onDidChange(() => this.update()));
    this._register(services.knowledge.onDidChange(() => this.update()));
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

}

export const statusFeature: Feature = { id: 'status', activate: (services) => new Status(services) };
