import * as l10n from '@vscode/l10n';
import * as vscode from 'vscode';
import { codeLabel, codePath } from '../../../core/codes';
import { escapeMarkdown } from '../../../core/text/escape';
import { pathOf } from '../../convert';
import { debounce, Disposable } from '../../disposable';
import type { CodesController } from './controller';

/** The theme colour of a coded segment whose (first) code has no colour of its own. */
export const CODED_SEGMENT_COLOR = 'corpusLens.codedSegment';

/**
 * Coded segments in the editor, as QDA tools show their coding stripes: a line under each coded passage in the
 * colour of its first code (the theme's `corpusLens.codedSegment` when the code has none), a mark in the overview
 * ruler, and a hover naming its codes (with their path in the code tree) and its memo. Claims that carry codes are
 * shown by the annotation highlights already. Setting `corpusLens.codes.showInEditor`.
 */
export class CodedSegmentDecorations extends Disposable {
  /** One decoration type per colour ('' = the theme colour), made when first needed. */
  private readonly types = new Map<string, vscode.TextEditorDecorationType>();

  constructor(private readonly codes: CodesController) {
    super();
    const refresh = debounce(() => this.refreshAll(), 50);
    this._register({ dispose: () => refresh.cancel() });
    this._register(codes.onDidChange(refresh));
    this._register(vscode.window.onDidChangeVisibleTextEditors(refresh));
    this._register(vscode.workspace.onDidChangeConfiguration((e) => e.affectsConfiguration('corpusLens.codes.showInEditor') && refresh()));
    this._register({ dispose: () => this.types.forEach((t) => t.dispose()) });
    this.refreshAll();
  }

  private type(color: string): vscode.TextEditorDecorationType {
    let type = this.types.get(color);
    if (!type) {
      const paint = color || new vscode.ThemeColor(CODED_SEGMENT_COLOR);
      type = vscode.window.createTextEditorDecorationType({
        borderStyle: 'solid',
        borderWidth: '0 0 2px 0',
        borderColor: paint,
        overviewRulerColor: paint,
        overviewRulerLane: vscode.OverviewRulerLane.Center,
        rangeBehavior: vscode.DecorationRangeBehavior.ClosedClosed,
      });
      this.types.set(color, type);
    }
    return type;
  }

  refreshAll(): void {
    for (const editor of vscode.window.visibleTextEditors) this.refresh(editor);
  }

  /** The coded segments shown in one editor, by colour. */
  private segmentsIn(editor: vscode.TextEditor): Map<string, vscode.DecorationOptions[]> {
    const byColor = new Map<string, vscode.DecorationOptions[]>();
    const doc = editor.document;
    if (!vscode.workspace.getConfiguration('corpusLens', doc.uri).get<boolean>('codes.showInEditor', true)) return byColor;
    const length = doc.getText().length;
    const book = this.codes.book;
    for (const item of this.codes.segmentsOf(pathOf(doc.uri))) {
      if (item.end > length || item.start >= item.end) continue; // the editor's text is not the one coded
      const first = book.byId.get(item.codes[0] ?? '');
      const color = first?.color ?? '';
      const hover = new vscode.MarkdownString();
      const names = item.codes.map((id) => {
        const code = book.byId.get(id);
        return code ? `**${escapeMarkdown(codeLabel(code))}** (${escapeMarkdown(codePath(book, id))})` : escapeMarkdown(id);
      });
      hover.appendMarkdown(l10n.t('Coded: {0}', names.join(' · ')));
      if (item.memo) hover.appendMarkdown(`\n\n${escapeMarkdown(item.memo)}`);
      if (item.author) hover.appendMarkdown(`\n\n_${escapeMarkdown(item.author)}_`);
      const list = byColor.get(color) ?? [];
      list.push({ range: new vscode.Range(doc.positionAt(item.start), doc.positionAt(item.end)), hoverMessage: hover });
      byColor.set(color, list);
    }
    return byColor;
  }

  refresh(editor: vscode.TextEditor): void {
    const byColor = this.segmentsIn(editor);
    for (const color of byColor.keys()) this.type(color);
    for (const [color, type] of this.types) editor.setDecorations(type, byColor.get(color) ?? []);
  }
}
