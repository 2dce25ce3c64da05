import * as l10n from '@vscode/l10n';
import * as vscode from 'vscode';
import type { Logger } from '../../../core/types';
import { registerCommand } from '../../commands';
import { Disposable } from '../../disposable';
import type { Feature, Services } from '../../services/index';
import { protectionEnabled, type DocumentProtection } from './protection';

export { DocumentProtection } from './protection';

/**
 * The visible side of document protection: a status bar item on corpus documents ("$(lock) Read-only" /
 * "$(unlock) Editable", click to switch), editor title buttons, the two commands, and the context keys
 * `corpusLens.documentProtected` / `corpusLens.documentEditable` for menus.
 */
class ProtectionView extends Disposable {
  private readonly item = vscode.window.createStatusBarItem('corpusLens.protection', vscode.StatusBarAlignment.Right, 101);
  constructor(
    private readonly protection: DocumentProtection,
    log: Logger,
  ) {
    super();
    this.item.name = l10n.t('Corpus Lens: Document Protection');
    this._register(this.item);
    this._register(protection.onDidChange(() => this.update()));
    this._register(registerCommand(log, 'corpusLens.makeDocumentEditable', () => this.run(true)));
    this._register(registerCommand(log, 'corpusLens.makeDocumentReadOnly', () => this.run(false)));
    void protection.apply(vscode.window.activeTextEditor);
  }

  private async run(editable: boolean): Promise<void> {
    const done = editable ? await this.protection.makeEditable() : await this.protection.makeReadOnly();
    if (!done) {
      void vscode.window.showInformationMessage(l10n.t('Corpus Lens: open a corpus document first (this editor is not one).'));
      return;
    }
    vscode.window.setStatusBarMessage(editable ? l10n.t('$(unlock) Corpus Lens: this document is editable until you lock it again or reload') : l10n.t('$(lock) Corpus Lens: this document is read-only'), 4000);
  }

  private update(): void {
    const editor = vscode.window.activeTextEditor;
    const applies = !!editor && this.protection.applies(editor.document);
    const locked = applies && this.protection.isProtected(editor.document);
    void vscode.commands.executeCommand('setContext', 'corpusLens.documentProtected', locked);
    void vscode.commands.executeCommand('setContext', 'corpusLens.documentEditable', applies && !locked);
    if (!applies) {
      this.item.hide();
      return;
    }
    if (locked) {
      this.item.text = l10n.t('$(lock) Read-only');
      this.item.tooltip = l10n.t('Corpus documents are protected (corpusLens.documents.readOnly). Click to make this document editable.');
      this.item.command = 'corpusLens.makeDocumentEditable';
    } else {
      this.item.text = l10n.t('$(unlock) Editable');
      this.item.tooltip = protectionEnabled(editor.document.uri)
        ? l10n.t('You made this corpus document editable for this session. Click to make it read-only again.')
        : l10n.t('Corpus documents are editable (corpusLens.documents.readOnly is off). Click to make this one read-only.');
      this.item.command = 'corpusLens.makeDocumentReadOnly';
    }
    this.item.show();
  }
}

export const protectFeature: Feature = {
  id: 'protect',
  activate: (services: Services) => new ProtectionView(services.protection, services.log),
};
