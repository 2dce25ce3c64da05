import * as l10n from '@vscode/l10n';
import * as vscode from 'vscode';
import { recordLabel } from '../../../core/corpus/index';
import type { CorpusRecord } from '../../../core/corpus/model';
import { toRange } from '../../convert';
import { DOCUMENT_SELECTOR } from '../../services/documents';
import type { Feature, Services } from '../../services/index';

export function recordDetail(record: CorpusRecord): string {
  return [record.dateText, record.source ?? record.citation?.journal, record.authors?.join(', ')].filter(Boolean).join(' · ');
}

/** Outline view and breadcrumbs: records, and inside them the commentator sections of Q&A pages. */
class RecordSymbols implements vscode.DocumentSymbolProvider {
  constructor(private readonly services: Services) {}

  provideDocumentSymbols(document: vscode.TextDocument): vscode.DocumentSymbol[] {
    if (!this.services.documents.isCorpusDocument(document)) return [];
    const { doc } = this.services.documents.get(document);
    const text = document.getText();
    return doc.records.map((record) => {
      const range = toRange(document, record.span);
      const title = record.titleSpan && toRange(document, record.titleSpan);
      const selection = title && range.contains(title) ? title : new vscode.Range(range.start, range.start);
      const symbol = new vscode.DocumentSymbol(recordLabel(record, text), recordDetail(record), vscode.SymbolKind.Module, range, selection);
      symbol.children = (record.sections ?? []).map((section) => {
        const r = toRange(document, section.span);
        const holder = toRange(document, section.holderSpan);
        return new vscode.DocumentSymbol(section.holder, 'commentator', vscode.SymbolKind.Field, r, r.contains(holder) ? holder : new vscode.Range(r.start, r.start));
      });
      return symbol;
    });
  }
}

export const outlineFeature: Feature = {
  id: 'outline',
  activate: (services) => vscode.languages.registerDocumentSymbolProvider(DOCUMENT_SELECTOR, new RecordSymbols(services), { label: l10n.t('Corpus Lens records') }),
};
