import * as vscode from 'vscode';
import { isTrusted, RESTRICTED_MESSAGE } from '../trust';
import {
  AnnotationStore,
  SIDECAR_SUFFIX,
  type AnnotationPatch,
  type AnnotationState,
  type MergeNote,
  type Mutation,
  type NewAnnotation,
} from '../../core/annotations/index';
import { RecordingFileStore } from '../../core/annotations/recordingFiles';
import { AnnotationSync, type EditorDocument, type SyncHost } from '../../core/annotations/sync';
import { systemClock } from '../../core/annotations/queue';
import type { Logger } from '../../core/types';
import { noLinks } from '../../core/text/escape';
import { confineToFolder } from '../confine';
import { defaultAuthor } from '../author';
import { readConfig } from '../config';
import { pathOf, uriOf } from '../convert';
import { debounce, Disposable } from '../disposable';
import type { Prompter } from '../prompter';
import { WorkspaceFileStore } from '../fileStore';
import { AnnotationProblems } from './annotationProblems';
import type { DocumentService } from './documents';

export { AnnotationRefusal, RestrictedRefusal } from '../../core/annotations/sync';
export { defaultAuthor } from '../author';
export { DIAGNOSTIC_CODES } from './annotationProblems';

/** An open editor's document as the core sync reads it (live: text and state are read when needed). */
function editorDocument(doc: vscode.TextDocument): EditorDocument {
  return {
    path: pathOf(doc.uri),
    getText: () => doc.getText(),
    get isDirty() {
      return doc.isDirty;
    },
    get isClosed() {
      return doc.isClosed;
    },
  };
}

function openTextDocument(path: string): vscode.TextDocument | undefined {
  return vscode.workspace.textDocuments.find((d) => !d.isClosed && pathOf(d.uri) === path);
}

/**
 * The stance/claim annotations of the workspace: the VS Code side of the core AnnotationSync
 * (core/annotations/sync.ts: the operation queue, held edits, undo history, sidecar lookup). This adapter reports
 * the editors' and the file watchers' events to it, gives it the open documents' text, the workspace layout and
 * settings, and shows its problems in the Problems panel and its messages in the window.
 */
export class AnnotationService extends Disposable {
  readonly store: AnnotationStore;
  private readonly sync: AnnotationSync;
  private readonly problems: AnnotationProblems;
  private readonly changed = this._register(new vscode.EventEmitter<string>());
  /** Fires with a document path after its annotations changed (load, edit, mutation, save). */
  readonly onDidChange = this.changed.event;
  private readonly pendingDiagnostics = new Set<string>();
  /** Resolves when the sidecars present at start-up are loaded. */
  readonly ready: Promise<void>;

  constructor(
    private readonly documents: DocumentService,
    log: Logger,
    /** How commands ask questions (the extension's one Prompts: quick inputs, or a test's script). */
    readonly prompter: Prompter,
  ) {
    super();
    this.problems = new AnnotationProblems(this._register(vscode.languages.createDiagnosticCollection('corpus-lens-annotations')));
    const files = new RecordingFileStore(new WorkspaceFileStore());
    this.store = new AnnotationStore(files, { author: defaultAuthor() });
    const host: SyncHost = {
      files,
      log,
      clock: systemClock,
      openDocument: (path) => {
        const doc = openTextDocument(path);
        return doc && editorDocument(doc);
      },
      isTrusted,
      restrictedMessage: RESTRICTED_MESSAGE,
      author: defaultAuthor,
      folderOf: (path) => {
        const folder = vscode.workspace.getWorkspaceFolder(uriOf(path));
        return folder ? pathOf(folder.uri) : undefined;
      },
      annotationsFolder: (path) => readConfig(uriOf(path)).annotationsFolder,
      confine: confineToFolder,
      canonical: (path) => pathOf(uriOf(path)),
      displayPath: (path) => uriOf(path).fsPath || path,
      showWarning: (message) => void vscode.window.showWarningMessage(noLinks(message)),
      showError: (message) => void vscode.window.showErrorMessage(noLinks(message)),
      problemsChanged: (docPath) => this.updateDiagnostics(docPath),
      sidecarProblems: (sidecarPath, problems) => this.problems.setSidecar(sidecarPath, problems),
      referenceChanged: (docPath) => this.documents.invalidate(docPath),
      closed: (docPath) => this.changed.fire(docPath),
    };
    this.sync = new AnnotationSync(this.store, host);
    this._register(this.sync);
    const flushDiagnostics = debounce(() => {
      for (const docPath of this.pendingDiagnostics) this.updateDiagnostics(docPath);
      this.pendingDiagnostics.clear();
    }, 150);
    this._register({ dispose: () => flushDiagnostics.cancel() });
    const storeEvents = this.store.onDidChange((state) => {
      this.pendingDiagnostics.add(state.docPath);
      flushDiagnostics();
      this.changed.fire(state.docPath);
    });
    this._register({ dispose: () => storeEvents.dispose() });

    const sidecars = this._register(vscode.workspace.createFileSystemWatcher(`**/*${SIDECAR_SUFFIX}`));
    const sidecarChanged = (uri: vscode.Uri) => void this.sync.sidecarChanged(pathOf(uri));
    this._register(sidecars.onDidCreate(sidecarChanged));
    this._register(sidecars.onDidChange(sidecarChanged));
    this._register(sidecars.onDidDelete(sidecarChanged));
    // Documents changed on disk are re-anchored; the watcher follows a change of corpusLens.files.include. A create
    // counts too: a file replaced by rename (git, atomic saves) is one, and VS Code folds a change that follows a
    // create within its event window into the create. (documentChangedOnDisk does nothing when the text is the same.)
    let corpusFiles: vscode.Disposable | undefined;
    const watchCorpusFiles = () => {
      corpusFiles?.dispose();
      const watcher = vscode.workspace.createFileSystemWatcher(readConfig().include);
      const changed = (uri: vscode.Uri) => void this.sync.documentChangedOnDisk(pathOf(uri));
      corpusFiles = vscode.Disposable.from(watcher, watcher.onDidChange(changed), watcher.onDidCreate(changed));
    };
    watchCorpusFiles();
    this._register({ dispose: () => corpusFiles?.dispose() });
    this._register(vscode.workspace.onDidChangeConfiguration((e) => e.affectsConfiguration('corpusLens.files.include') && watchCorpusFiles()));

    this._register(
      vscode.workspace.onDidChangeTextDocument((e) => {
        // VS Code lists simultaneous changes last-first, each against the text before it: applying them in order works.
        const changes = e.contentChanges.map((c) => ({ start: c.rangeOffset, end: c.rangeOffset + c.rangeLength, text: c.text }));
        this.sync.textChanged(editorDocument(e.document), changes);
      }),
    );
    this._register(vscode.workspace.onDidSaveTextDocument((doc) => void this.sync.documentSaved(pathOf(doc.uri))));
    // Trust brings the workspace's corpusLens.annotations.folder into force: read every sidecar again.
    this._register(vscode.workspace.onDidGrantWorkspaceTrust(() => void this.sync.reloadAll(() => this.sidecarFiles())));
    this._register(vscode.workspace.onDidOpenTextDocument((doc) => void this.documentOpened(doc)));
    this._register(vscode.workspace.onDidCloseTextDocument((doc) => void this.sync.documentClosed(pathOf(doc.uri))));
    this.ready = this.sidecarFiles()
      .then((paths) => this.sync.loadWorkspace(paths))
      .then(async () => {
        for (const doc of vscode.workspace.textDocuments) await this.documentOpened(doc);
      });
  }

  /** Every sidecar of the workspace (outside `corpusLens.files.exclude`). */
  private async sidecarFiles(): Promise<string[]> {
    return (await vscode.workspace.findFiles(`**/*${SIDECAR_SUFFIX}`, readConfig().exclude)).map(pathOf);
  }

  private documentOpened(doc: vscode.TextDocument): Promise<void> {
    if (!this.documents.isCorpusDocument(doc) || doc.uri.scheme === 'untitled') return Promise.resolve();
    return this.sync.documentOpened(editorDocument(doc));
  }

  private updateDiagnostics(docPath: string): void {
    this.problems.update(docPath, this.store.get(docPath), openTextDocument(docPath));
  }

  /** The annotation a diagnostic on the document is about (orphaned, re-anchored, a merge-conflict version). */
  annotationIdOf(docPath: string, diagnostic: vscode.Diagnostic): string | undefined {
    return this.problems.annotationIdOf(docPath, diagnostic);
  }

  // --- the core sync's operations (see core/annotations/sync.ts) ----------------------------------------------------

  get(docPath: string): AnnotationState | undefined {
    return this.sync.get(docPath);
  }

  /** Every loaded document's annotations. */
  states(): AnnotationState[] {
    return this.sync.states();
  }

  get canUndo(): boolean {
    return this.sync.canUndo;
  }

  get canRedo(): boolean {
    return this.sync.canRedo;
  }

  sidecarPathFor(docPath: string): string {
    return this.sync.sidecarPathFor(docPath);
  }

  /** Resolves when every operation requested so far is done, debounced ones included. */
  idle(): Promise<void> {
    return this.sync.idle();
  }

  /** Load a document's annotations if they are not loaded yet, after the operations already requested. */
  ensureLoaded(docPath: string): Promise<AnnotationState> {
    return this.sync.ensureLoaded(docPath);
  }

  add(docPath: string, input: NewAnnotation): Promise<Mutation> {
    return this.sync.add(docPath, input);
  }

  update(docPath: string, id: string, patch: AnnotationPatch): Promise<Mutation> {
    return this.sync.update(docPath, id, patch);
  }

  remove(docPath: string, id: string): Promise<Mutation> {
    return this.sync.remove(docPath, id);
  }

  reattach(docPath: string, id: string, start: number, end: number): Promise<Mutation> {
    return this.sync.reattach(docPath, id, start, end);
  }

  setReference(docPath: string, value: string | undefined): Promise<Mutation> {
    return this.sync.setReference(docPath, value);
  }

  /** Undo the last change; returns its label, undefined when there is nothing to undo. */
  undo(): Promise<string | undefined> {
    return this.sync.undo();
  }

  redo(): Promise<string | undefined> {
    return this.sync.redo();
  }

  acceptReanchored(docPath: string, id: string): Promise<Mutation> {
    return this.sync.acceptReanchored(docPath, id);
  }

  keepVersion(docPath: string, id: string): Promise<Mutation> {
    return this.sync.keepVersion(docPath, id);
  }

  keepBothSides(sidecarPath: string): Promise<MergeNote[]> {
    return this.sync.keepBothSides(sidecarPath);
  }

  /** Throws an AnnotationRefusal naming the file and line when the document's sidecar cannot be written. */
  assertWritable(docPath: string): void {
    this.sync.assertWritable(docPath);
  }

  load(docPath: string): Promise<void> {
    return this.sync.load(docPath);
  }

  persist(docPath: string): Promise<void> {
    return this.sync.persist(docPath);
  }
}
