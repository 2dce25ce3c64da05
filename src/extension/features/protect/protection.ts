import * as vscode from 'vscode';
import { pathOf } from '../../convert';
import { Disposable } from '../../disposable';
import type { DocumentService } from '../../services/documents';

/** VS Code's own session read-only state of the active editor's file (kept per file until the window reloads). */
const SET_READONLY = 'workbench.action.files.setActiveEditorReadonlyInSession';
const SET_WRITEABLE = 'workbench.action.files.setActiveEditorWriteableInSession';
const RESET_READONLY = 'workbench.action.files.resetActiveEditorReadonlyInSession';

/** How long a revealed passage stays highlighted (the cursor stays at its start, nothing is selected). */
const FLASH_MS = 2500;

export function protectionEnabled(uri?: vscode.Uri): boolean {
  return vscode.workspace.getConfiguration('corpusLens', uri).get<boolean>('documents.readOnly', true);
}

/**
 * Corpus documents are evidence: they open read-only (`corpusLens.documents.readOnly`, default true) through
 * VS Code's session read-only state of the file: typing, Delete and cut are refused (measured in
 * the extension-host tests; `TextEditor.edit` from an extension still applies), and it survives tab switches and
 * closing the tab. It is not written anywhere (no setting, nothing in
 * the corpus folder): after a reload the state is gone, and it is set again whenever a corpus document becomes the
 * active editor. **Make This Document Editable** lifts it for one document for the session; **Make This Document
 * Read-Only** puts it back.
 *
 * Revealing a passage (tree items, Go to ..., Next/Previous) puts the cursor at its start and highlights it for a
 * moment instead of selecting it, so that one keystroke cannot replace it.
 */
export class DocumentProtection extends Disposable {
  /** Documents the analyst made editable on purpose, this session. */
  private readonly editable = new Set<string>();
  /** Documents this extension set read-only (so that turning the setting off can give them back). */
  private readonly locked = new Set<string>();
  private readonly changed = new vscode.EventEmitter<vscode.TextEditor | undefined>();
  /** Fires after the protection of the active editor was applied or changed. */
  readonly onDidChange = this.changed.event;
  private readonly flash = vscode.window.createTextEditorDecorationType({
    backgroundColor: new vscode.ThemeColor('editor.findMatchHighlightBackground'),
    border: '1px solid',
    borderColor: new vscode.ThemeColor('editor.findMatchHighlightBorder'),
    rangeBehavior: vscode.DecorationRangeBehavior.ClosedClosed,
  });
  private flashTimer: ReturnType<typeof setTimeout> | undefined;
  private flashed: vscode.TextEditor | undefined;
  /** Serialises the workbench commands (they act on whatever editor is active when they run). */
  private queue: Promise<void> = Promise.resolve();

  constructor(private readonly documents: DocumentService) {
    super();
    this._register(this.changed);
    this._register(this.flash);
    this._register(vscode.window.onDidChangeActiveTextEditor((editor) => void this.apply(editor)));
    this._register(vscode.workspace.onDidChangeConfiguration((e) => e.affectsConfiguration('corpusLens.documents.readOnly') && void this.apply(vscode.window.activeTextEditor)));
    this._register({ dispose: () => this.flashTimer && clearTimeout(this.flashTimer) });
    void this.apply(vscode.window.activeTextEditor);
  }

  /** Whether the document is a corpus document that protection applies to (files on disk, not untitled buffers). */
  applies(document: vscode.TextDocument): boolean {
    return document.uri.scheme !== 'untitled' && this.documents.isCorpusDocument(document);
  }

  /** Whether the document is (meant to be) read-only now. */
  isProtected(document: vscode.TextDocument): boolean {
    return this.applies(document) && protectionEnabled(document.uri) && !this.editable.has(pathOf(document.uri));
  }

  /** Applies the protection to an editor (the active one: VS Code's read-only commands act on the active editor). */
  apply(editor: vscode.TextEditor | undefined): Promise<void> {
    this.queue = this.queue.then(() => this.applyNow(editor)).catch(() => undefined);
    return this.queue;
  }

  private async applyNow(editor: vscode.TextEditor | undefined): Promise<void> {
    if (editor && editor === vscode.window.activeTextEditor && this.applies(editor.document)) {
      const path = pathOf(editor.document.uri);
      if (this.isProtected(editor.document)) {
        await vscode.commands.executeCommand(SET_READONLY);
        this.locked.add(path);
      } else if (this.editable.has(path)) {
        await vscode.commands.executeCommand(SET_WRITEABLE);
        this.locked.delete(path);
      } else if (this.locked.delete(path)) {
        // The setting was turned off: back to what VS Code's own settings say (files.readonlyInclude ...).
        await vscode.commands.executeCommand(RESET_READONLY);
      }
    }
    this.changed.fire(vscode.window.activeTextEditor);
  }

  /** Make This Document Editable (the active one), for this session. */
  async makeEditable(editor = vscode.window.activeTextEditor): Promise<boolean> {
    if (!editor || !this.applies(editor.document)) return false;
    this.editable.add(pathOf(editor.document.uri));
    await this.apply(editor);
    return true;
  }

  /** Make This Document Read-Only again. */
  async makeReadOnly(editor = vscode.window.activeTextEditor): Promise<boolean> {
    if (!editor || !this.applies(editor.document)) return false;
    this.editable.delete(pathOf(editor.document.uri));
    if (!protectionEnabled(editor.document.uri)) {
      // Asked for explicitly while the setting is off: lock this one anyway.
      this.queue = this.queue.then(async () => {
        if (editor !== vscode.window.activeTextEditor) return;
        await vscode.commands.executeCommand(SET_READONLY);
        this.locked.add(pathOf(editor.document.uri));
        this.changed.fire(editor);
      });
      await this.queue;
      return true;
    }
    await this.apply(editor);
    return true;
  }

  /**
   * Shows a passage without selecting it: the cursor goes to its start and the passage is highlighted for a moment
   * (until the timeout or the next reveal). The editor is protected first when it is a corpus document.
   */
  async showPassage(editor: vscode.TextEditor, range: vscode.Range): Promise<void> {
    await this.apply(editor);
    editor.selection = new vscode.Selection(range.start, range.start);
    editor.revealRange(range, vscode.TextEditorRevealType.InCenterIfOutsideViewport);
    if (this.flashed && this.flashed !== editor) this.flashed.setDecorations(this.flash, []);
    if (this.flashTimer) clearTimeout(this.flashTimer);
    if (range.isEmpty) return;
    editor.setDecorations(this.flash, [range]);
    this.flashed = editor;
    this.flashTimer = setTimeout(() => {
      this.flashTimer = undefined;
      editor.setDecorations(this.flash, []);
      this.flashed = undefined;
    }, FLASH_MS);
  }

}
