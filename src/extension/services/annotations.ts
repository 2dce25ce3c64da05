import * as l10n from '@vscode/l10n';
import * as vscode from 'vscode';
import { isTrusted, RESTRICTED_MESSAGE } from '../trust';
import {
  anchor,
  AnnotationStore,
  hasConflictMarkers,
  parseSidecar,
  resolveConflictMarkers,
  type MergeNote,
  type ResolvedAnnotation,
  quoteOf,
  SIDECAR_SUFFIX,
  type AnnotationOp,
  type AnnotationPatch,
  type AnnotationState,
  type Mutation,
  type NewAnnotation,
  type SaveResult,
} from '../../core/annotations/index';
import { dirname, join, relative } from '../../core/annotations/paths';
import type { Logger, Problem, ReadOptions } from '../../core/types';
import { confinedJoin, documentPathPosition } from '../../core/confine';
import { noLinks } from '../../core/text/escape';
import { lineStarts, positionIn } from '../../core/text/offsets';
import { confineToFolder } from '../confine';
import { defaultAuthor } from '../author';
import { readConfig } from '../config';
import { pathOf, toDiagnostic, uriOf } from '../convert';
import { debounce, Disposable } from '../disposable';
import { QuickInputPrompter, type Prompter } from '../prompter';
import { WorkspaceFileStore } from '../fileStore';
import type { DocumentService } from './documents';

/** A live edit as VS Code reports it: UTF-16 ranges against the text before each change, applied in order. */
type TextChanges = Array<{ start: number; end: number; text: string }>;

/**
 * The sidecar file store: the workspace store (atomic replace, see fileStore.ts) that also remembers the text last
 * read or written at each sidecar path, so the file watcher recognises our own writes by content (exactly what the
 * store holds as the disk version), whatever the timing of its events.
 */
class SidecarFileStore extends WorkspaceFileStore {
  /** Sidecar text as the store last read or wrote it, by sidecar path (undefined: read as missing). */
  readonly seen = new Map<string, string | undefined>();

  override async readText(path: string, options?: ReadOptions): Promise<string | undefined> {
    const text = await super.readText(path, options);
    if (path.endsWith(SIDECAR_SUFFIX)) this.seen.set(path, text);
    return text;
  }

  override async writeTextAtomic(path: string, text: string): Promise<void> {
    await super.writeTextAtomic(path, text);
    if (path.endsWith(SIDECAR_SUFFIX)) this.seen.set(path, text);
  }

  override async delete(path: string): Promise<void> {
    await super.delete(path);
    if (path.endsWith(SIDECAR_SUFFIX)) this.seen.set(path, undefined);
  }
}

/** The text after applying one event's changes (each against the text before it), as VS Code does. */
function applyChanges(text: string, changes: TextChanges): string {
  for (const c of changes) text = text.slice(0, c.start) + c.text + text.slice(c.end);
  return text;
}

/** Delayed work by key that can be run at once (`flush`): commands first let pending reloads happen. */
class Deferred {
  private readonly timers = new Map<string, { timer: ReturnType<typeof setTimeout>; run: () => void }>();

  schedule(key: string, ms: number, run: () => void): void {
    this.cancel(key);
    const timer = setTimeout(() => {
      this.timers.delete(key);
      run();
    }, ms);
    this.timers.set(key, { timer, run });
  }

  cancel(key: string): void {
    const entry = this.timers.get(key);
    if (entry) clearTimeout(entry.timer);
    this.timers.delete(key);
  }

  /** Run every pending task now. */
  flush(): void {
    const entries = [...this.timers.values()];
    for (const e of entries) clearTimeout(e.timer);
    this.timers.clear();
    for (const e of entries) e.run();
  }

  dispose(): void {
    for (const e of this.timers.values()) clearTimeout(e.timer);
    this.timers.clear();
  }
}

/** An undoable annotation change: applying `ops` (in order) to `docPath` reverts it. */
interface UndoEntry {
  docPath: string;
  ops: AnnotationOp[];
  label: string;
}

/** An annotation command refused for a reason the user must see (broken sidecar, bad input). */
export class AnnotationRefusal extends Error {}


export { defaultAuthor } from '../author';
/** Diagnostic codes of the annotations' problems (code actions are offered on them). */
export const DIAGNOSTIC_CODES = {
  orphaned: 'orphaned-annotation',
  reanchored: 'reanchored-annotation',
  conflictVersion: 'annotation-merge-conflict',
  mergeConflict: 'merge-conflict',
} as const;

/** The annotation id a document diagnostic is about (its message names it). */
export function annotationIdOf(diagnostic: vscode.Diagnostic): string | undefined {
  return /annotation (\S+) \(/.exec(diagnostic.message)?.[1];
}


/**
 * The stance/claim annotations of the workspace: one AnnotationStore over all sidecars, kept in step with the
 * editors (live edits move the passages; saving a document writes its sidecar), with the sidecar files on disk
 * (watched; re-anchored on change) and with the Problems panel (sidecar errors with file:line, orphans).
 * Every add/edit/delete/re-attach is written at once and recorded for undo/redo.
 */
export class AnnotationService extends Disposable {
  readonly store: AnnotationStore;
  /** How commands ask questions; tests replace it (see test/integration/annotate.test.ts). */
  prompter: Prompter = new QuickInputPrompter();
  private readonly files = new SidecarFileStore();
  private readonly diagnostics = this._register(vscode.languages.createDiagnosticCollection('corpus-lens-annotations'));
  private readonly changed = this._register(new vscode.EventEmitter<string>());
  /** Fires with a document path after its annotations changed (load, edit, mutation, save). */
  readonly onDidChange = this.changed.event;
  private readonly undoStack: UndoEntry[] = [];
  private readonly redoStack: UndoEntry[] = [];
  /** Sidecars that map to no loaded document (document missing): their problems, by sidecar path. */
  private readonly detached = new Map<string, Problem[]>();
  /**
   * Documents an operation of the queue is working on (it awaits I/O; the store's record may be replaced under a
   * live edit): their live edits are held here and replayed when the operation ends (see `hold`).
   */
  private readonly held = new Map<string, { depth: number; edits: TextChanges[] }>();
  /** Annotations that lost their passage during live edits, revived if the passage comes back (e.g. undo). */
  private readonly candidates = new Map<string, Set<string>>();
  /**
   * Every operation that reads or changes the store (loads, saves, commands, disk and editor events) runs here, one
   * at a time and in the order requested: a command never interleaves with a reload, nor a reload with a save.
   */
  private queue: Promise<unknown> = Promise.resolve();
  /** Debounced reactions to editing (re-read after a revert, revive orphans); commands run them first. */
  private readonly deferred = new Deferred();
  private readonly pendingDiagnostics = new Set<string>();
  private readonly loadedPaths = new Set<string>();
  /** Resolves when the sidecars present at start-up are loaded. */
  readonly ready: Promise<void>;

  constructor(
    private readonly documents: DocumentService,
    private readonly log: Logger,
  ) {
    super();
    this.store = new AnnotationStore(this.files, { author: defaultAuthor() });
    const flushDiagnostics = debounce(() => {
      for (const docPath of this.pendingDiagnostics) this.updateDiagnostics(docPath);
      this.pendingDiagnostics.clear();
    }, 150);
    this._register({ dispose: () => flushDiagnostics.cancel() });
    this._register(this.deferred);
    const storeEvents = this.store.onDidChange((state) => {
      this.pendingDiagnostics.add(state.docPath);
      flushDiagnostics();
      this.changed.fire(state.docPath);
    });
    this._register({ dispose: () => storeEvents.dispose() });
    documents.referenceFor = (path) => this.store.get(path)?.document.reference;

    const sidecars = this._register(vscode.workspace.createFileSystemWatcher(`**/*${SIDECAR_SUFFIX}`));
    this._register(sidecars.onDidCreate((uri) => void this.sidecarChanged(uri)));
    this._register(sidecars.onDidChange((uri) => void this.sidecarChanged(uri)));
    this._register(sidecars.onDidDelete((uri) => void this.sidecarChanged(uri)));
    // Documents changed on disk are re-anchored; the watcher follows a change of corpusLens.files.include.
    let corpusFiles: vscode.Disposable | undefined;
    const watchCorpusFiles = () => {
      corpusFiles?.dispose();
      const watcher = vscode.workspace.createFileSystemWatcher(readConfig().include);
      corpusFiles = vscode.Disposable.from(watcher, watcher.onDidChange((uri) => void this.documentChangedOnDisk(uri)));
    };
    watchCorpusFiles();
    this._register({ dispose: () => corpusFiles?.dispose() });
    this._register(vscode.workspace.onDidChangeConfiguration((e) => e.affectsConfiguration('corpusLens.files.include') && watchCorpusFiles()));

    this._register(
      vscode.workspace.onDidChangeTextDocument((e) => {
        const docPath = pathOf(e.document.uri);
        if (!e.contentChanges.length || !this.store.get(docPath)) return;
        // VS Code lists simultaneous changes last-first, each against the text before it: applying them in order works.
        const changes = e.contentChanges.map((c) => ({ start: c.rangeOffset, end: c.rangeOffset + c.rangeLength, text: c.text }));
        const hold = this.held.get(docPath);
        if (hold) {
          hold.edits.push(changes);
          return;
        }
        this.trackEdits(e.document, [changes]);
      }),
    );
    this._register(vscode.workspace.onDidSaveTextDocument((doc) => void this.documentSaved(doc)));
    // Trust brings the workspace's corpusLens.annotations.folder into force: read every sidecar again.
    this._register(vscode.workspace.onDidGrantWorkspaceTrust(() => void this.reloadAll()));
    this._register(vscode.workspace.onDidOpenTextDocument((doc) => void this.documentOpened(doc)));
    this._register(vscode.workspace.onDidCloseTextDocument((doc) => void this.documentClosed(doc)));
    this.ready = this.loadWorkspace().then(async () => {
      for (const doc of vscode.workspace.textDocuments) await this.documentOpened(doc);
    });
  }

  // --- queries -------------------------------------------------------------------------------------------

  get(docPath: string): AnnotationState | undefined {
    return this.store.get(docPath);
  }

  /** Every loaded document's annotations. */
  states(): AnnotationState[] {
    const out: AnnotationState[] = [];
    for (const doc of this.loadedPaths) {
      const s = this.store.get(doc);
      if (s) out.push(s);
    }
    return out;
  }

  get canUndo(): boolean {
    return this.undoStack.length > 0;
  }

  get canRedo(): boolean {
    return this.redoStack.length > 0;
  }

  sidecarPathFor(docPath: string): string {
    const uri = uriOf(docPath);
    const folder = vscode.workspace.getWorkspaceFolder(uri);
    return this.store.sidecarPathFor(docPath, { folder: this.sidecarFolder(uri, folder), root: folder ? pathOf(folder.uri) : undefined });
  }

  private readonly warnedFolders = new Set<string>();

  /**
   * `corpusLens.annotations.folder` when it stays inside the workspace folder (it comes from a workspace file,
   * .vscode/settings.json, as often as not); otherwise '' — sidecars beside each document — and a warning, once.
   */
  private sidecarFolder(uri: vscode.Uri, folder: vscode.WorkspaceFolder | undefined): string {
    const setting = readConfig(uri).annotationsFolder.trim();
    if (!setting) return '';
    const root = folder ? pathOf(folder.uri) : undefined;
    const confined = root ? confinedJoin(root, root, setting, true) : { error: l10n.t('there is no workspace folder') };
    if (!('error' in confined)) return setting;
    if (!this.warnedFolders.has(setting)) {
      this.warnedFolders.add(setting);
      const message = l10n.t('Corpus Lens: the setting corpusLens.annotations.folder ("{0}") is not used: {1}. Annotation files are kept beside each document.', setting, confined.error);
      this.log.warn(message);
      void vscode.window.showWarningMessage(noLinks(message));
    }
    return '';
  }

  /**
   * Resolves when every operation requested so far (reloads after disk or editor changes, saves, commands) is
   * done, debounced ones included.
   */
  idle(): Promise<void> {
    this.deferred.flush();
    return this.enqueue(() => Promise.resolve());
  }

  /**
   * Load a document's annotations if they are not loaded yet (the open editor's text, else the file on disk),
   * after the operations already requested (a pending reload is not overtaken).
   */
  ensureLoaded(docPath: string): Promise<AnnotationState> {
    this.deferred.flush();
    return this.enqueue(() => this.ensureLoadedNow(docPath));
  }

  private async ensureLoadedNow(docPath: string): Promise<AnnotationState> {
    const state = this.store.get(docPath);
    if (state) return state;
    await this.loadNow(docPath);
    const loaded = this.store.get(docPath);
    if (!loaded) throw new AnnotationRefusal(l10n.t('Cannot read {0}', uriOf(docPath).fsPath || docPath));
    return loaded;
  }

  // --- mutations (written at once, undoable) -----------------------------------------------------------------

  add(docPath: string, input: NewAnnotation): Promise<Mutation> {
    return this.mutate(docPath, 'Add claim', () => this.store.add(docPath, { author: defaultAuthor(), ...input }));
  }

  update(docPath: string, id: string, patch: AnnotationPatch): Promise<Mutation> {
    return this.mutate(docPath, 'Edit annotation', () => this.store.update(docPath, id, patch));
  }

  remove(docPath: string, id: string): Promise<Mutation> {
    return this.mutate(docPath, 'Delete annotation', () => this.store.remove(docPath, id));
  }

  reattach(docPath: string, id: string, start: number, end: number): Promise<Mutation> {
    return this.mutate(docPath, 'Re-attach annotation', () => this.store.reattach(docPath, id, start, end));
  }

  async setReference(docPath: string, value: string | undefined): Promise<Mutation> {
    const mutation = await this.mutate(docPath, 'Set reference date', () => this.store.setReference(docPath, value));
    this.referenceChanged(docPath);
    return mutation;
  }

  /** Undo the last change; returns its label, undefined when there is nothing to undo. */
  undo(): Promise<string | undefined> {
    return this.step(this.undoStack, this.redoStack);
  }

  redo(): Promise<string | undefined> {
    return this.step(this.redoStack, this.undoStack);
  }

  private step(from: UndoEntry[], to: UndoEntry[]): Promise<string | undefined> {
    this.deferred.flush();
    return this.enqueue(async () => {
      const entry = from.pop();
      if (!entry) return undefined;
      try {
        await this.ensureLoadedNow(entry.docPath);
        this.assertWritable(entry.docPath);
      } catch (error) {
        from.push(entry); // not applied: still there to undo once the sidecar is fixed
        throw error;
      }
      await this.hold(entry.docPath, async () => {
        const inverses = entry.ops.map((op) => this.store.apply(entry.docPath, op).inverse).reverse();
        try {
          await this.persistOrRevert(entry.docPath, entry.label);
        } catch (error) {
          from.push(entry); // not applied: still there to undo
          throw error;
        }
        to.push({ docPath: entry.docPath, ops: inverses, label: entry.label });
      });
      if (entry.ops.some((op) => op.kind === 'reference')) this.referenceChanged(entry.docPath);
      return entry.label;
    });
  }

  /** Accept the passage a re-anchoring found (the annotation's quote becomes it). */
  acceptReanchored(docPath: string, id: string): Promise<Mutation> {
    return this.mutate(docPath, 'Accept re-anchored passage', () => this.store.acceptReanchored(docPath, id));
  }

  /** Keep this version of an annotation a merge kept in two versions (the other is deleted); one undo step. */
  async keepVersion(docPath: string, id: string): Promise<Mutation> {
    const mutations = await this.mutateAll(docPath, 'Keep annotation version', () => this.store.keepVersion(docPath, id));
    return mutations[mutations.length - 1]!;
  }

  private mutate(docPath: string, label: string, change: () => Mutation): Promise<Mutation> {
    return this.mutateAll(docPath, label, () => [change()]).then((m) => m[0]!);
  }

  /** Mutations recorded as one undo step (undone in reverse order). */
  private mutateAll(docPath: string, label: string, change: () => Mutation[]): Promise<Mutation[]> {
    this.deferred.flush();
    return this.enqueue(async () => {
      await this.ensureLoadedNow(docPath);
      this.assertWritable(docPath);
      return this.hold(docPath, async () => {
        const mutation = change();
        await this.persistOrRevert(docPath, label);
        this.undoStack.push({ docPath, ops: mutation.map((m) => m.inverse).reverse(), label });
        if (this.undoStack.length > 200) this.undoStack.shift();
        this.redoStack.length = 0;
        return mutation;
      });
    });
  }

  /**
   * "Keep Both Sides" for a sidecar that git left with conflict markers: the two sides are merged by annotation id
   * (see core/annotations/merge.ts), written over the file, and the document's annotations are read again.
   * Returns the merge's notes (annotations kept in two versions, deletions not applied).
   */
  keepBothSides(sidecarPath: string): Promise<MergeNote[]> {
    this.deferred.flush();
    return this.enqueue(async () => {
      const name = uriOf(sidecarPath).fsPath || sidecarPath;
      const text = await this.files.readText(sidecarPath);
      if (text === undefined) throw new AnnotationRefusal(l10n.t('{0} does not exist.', name));
      if (!hasConflictMarkers(text)) throw new AnnotationRefusal(l10n.t('{0} has no merge conflict markers.', name));
      if (vscode.workspace.textDocuments.some((d) => pathOf(d.uri) === sidecarPath && d.isDirty)) {
        throw new AnnotationRefusal(l10n.t('{0} has unsaved changes in an editor: save or revert them first.', name));
      }
      const result = resolveConflictMarkers(text, sidecarPath);
      if (result.text === undefined) {
        const p = result.problems[0];
        throw new AnnotationRefusal(l10n.t('Cannot keep both sides of {0}: {1}. The file is left untouched.', name, p ? l10n.t('line {0}: {1}', p.line, p.message) : l10n.t('unknown error')));
      }
      await this.files.writeTextAtomic(sidecarPath, result.text);
      this.log.info(`Merge conflict in ${name} resolved by keeping both sides (${result.notes.length} notes)`);
      const docPath = this.states().find((s) => s.sidecarPath === sidecarPath)?.docPath ?? (await this.documentOf(uriOf(sidecarPath)));
      if (docPath) await this.loadNow(docPath);
      return result.notes;
    });
  }

  /** Throws an AnnotationRefusal naming the file and line when the document's sidecar cannot be written. */
  assertWritable(docPath: string): void {
    if (!isTrusted()) throw new AnnotationRefusal(RESTRICTED_MESSAGE);
    const state = this.store.get(docPath);
    if (!state?.readOnly) return;
    const first = state.problems.find((p) => p.severity === 'error') ?? state.problems[0];
    const where = first ? `${uriOf(first.file).fsPath || first.file}:${first.line}:${first.column}: ${first.message}` : uriOf(state.sidecarPath).fsPath;
    throw new AnnotationRefusal(l10n.t('The annotation file has errors and is left untouched until they are fixed ({0}). See the Problems panel.', where));
  }

  private referenceChanged(docPath: string): void {
    this.documents.invalidate(docPath);
  }

  // --- the operation queue ------------------------------------------------------------------------------------

  /** Runs `work` after every operation requested before it, and before any requested after it. */
  private enqueue<T>(work: () => Promise<T>): Promise<T> {
    const run = this.queue.then(work, work);
    this.queue = run.catch(() => undefined);
    return run;
  }

  /**
   * Runs `work` (inside a queued operation) with the document's live edits held back, then brings the store up to
   * the editor's text: the held edits are replayed when they continue the store's text, else (the store was
   * reloaded against another text meanwhile) the annotations are read again against the editor's text.
   */
  private async hold<T>(docPath: string, work: () => Promise<T>): Promise<T> {
    const existing = this.held.get(docPath);
    const hold = existing ?? { depth: 0, edits: [] };
    hold.depth++;
    this.held.set(docPath, hold);
    try {
      return await work();
    } finally {
      hold.depth--;
      if (hold.depth === 0) await this.release(docPath, hold.edits);
    }
  }

  private async release(docPath: string, edits: TextChanges[]): Promise<void> {
    this.held.delete(docPath); // edits from now on are tracked live (or held by the reload below)
    const doc = this.openDocument(docPath);
    const state = this.store.get(docPath);
    if (!doc || !state) return;
    const current = doc.getText();
    if (state.text === current) return;
    let text = state.text;
    for (const changes of edits) text = applyChanges(text, changes);
    if (edits.length && text === current) {
      this.trackEdits(doc, edits);
      return;
    }
    // The store's text is not the one the held edits continue (reloaded meanwhile): read the sidecar again.
    await this.loadTextNow(docPath, () => doc.getText());
  }

  // --- persistence (call these inside a queued operation) ----------------------------------------------------------

  /**
   * Write a change at once; if the write fails (disk full, read-only file, lock held, sidecar now broken), the change
   * is taken back, so that no later save writes it behind the analyst's back (who would add it again: a duplicate).
   */
  private async persistOrRevert(docPath: string, label: string): Promise<void> {
    try {
      await this.persistNow(docPath);
    } catch (error) {
      if (this.store.get(docPath)) this.store.revert(docPath);
      const message = error instanceof Error ? error.message : String(error);
      throw new AnnotationRefusal(l10n.t('{0} failed, nothing was changed (it will not be saved later): {1}', label, message.replace(/^Annotations not saved: /, '')));
    }
  }

  /** Queued `persistNow`. */
  persist(docPath: string): Promise<void> {
    return this.enqueue(() => this.persistNow(docPath));
  }

  /**
   * Write a document's sidecar. Positions in the file refer to the saved text: for an editor with unsaved changes
   * the annotations are anchored in the text on disk for writing (a passage only in the unsaved text is written
   * as an orphan), then anchored in the editor's text again; saving the document writes them properly.
   */
  private async persistNow(docPath: string): Promise<void> {
    if (!isTrusted()) {
      this.log.info(`Restricted Mode: the annotations of ${uriOf(docPath).fsPath || docPath} are not written`);
      return;
    }
    await this.hold(docPath, async () => {
      const doc = this.openDocument(docPath);
      if (!this.store.get(docPath)) return;
      if (doc?.isDirty) {
        const disk = await this.files.readText(docPath);
        if (disk === undefined) return; // untitled or deleted: written when the document is saved
        this.report(await this.store.save(docPath, disk));
        await this.loadTextNow(docPath, () => doc.getText());
      } else {
        this.report(await this.store.save(docPath, doc?.getText()));
      }
    });
  }

  private report(result: SaveResult): void {
    const file = uriOf(result.state.sidecarPath).fsPath || result.state.sidecarPath;
    if (!result.ok) {
      const detail = result.problems.map((p) => `${p.line}:${p.column} ${p.message}`).join('; ');
      this.log.error(`Annotations not saved to ${file}: ${detail}`);
      throw new AnnotationRefusal(l10n.t('Annotations not saved: {0} — {1}', file, result.problems[0]?.message ?? l10n.t('unknown error')));
    }
    if (result.written) this.log.info(`Saved ${result.state.annotations.length} annotations to ${file}${result.merged ? ' (merged with changes made on disk)' : ''}`);
    const warnings = result.problems.filter((p) => p.severity !== 'info');
    for (const p of result.problems) this.log.warn(`${file}:${p.line}:${p.column}: ${p.message}`);
    if (warnings.length) {
      void vscode.window.showWarningMessage(noLinks(l10n.t('Corpus Lens: {0} had changed on disk; merged. {1}', file, warnings.map((p) => p.message).join(' · '))));
    }
  }

  private openDocument(docPath: string): vscode.TextDocument | undefined {
    return vscode.workspace.textDocuments.find((d) => !d.isClosed && pathOf(d.uri) === docPath);
  }

  /** Queued `loadNow`. */
  load(docPath: string): Promise<void> {
    return this.enqueue(() => this.loadNow(docPath));
  }

  /** (Re)load a document's sidecar against the editor's text, else the file on disk. */
  private async loadNow(docPath: string): Promise<void> {
    const doc = this.openDocument(docPath);
    if (doc) {
      await this.loadTextNow(docPath, () => doc.getText());
      return;
    }
    const text = await this.files.readText(docPath);
    if (text === undefined) {
      this.store.close(docPath);
      this.loadedPaths.delete(docPath);
      this.candidates.delete(docPath);
      this.changed.fire(docPath);
      this.updateDiagnostics(docPath);
      return;
    }
    await this.loadTextNow(docPath, () => text);
  }

  /** store.load, again if the text changed while the sidecar was being read. */
  private async loadTextNow(docPath: string, text: () => string): Promise<void> {
    const sidecarPath = this.sidecarPathFor(docPath);
    await this.hold(docPath, async () => {
      for (let attempt = 0; attempt < 5; attempt++) {
        const current = text();
        const state = await this.store.load(docPath, current, { sidecarPath });
        if (text() !== current) continue;
        const hold = this.held.get(docPath);
        if (hold) hold.edits.length = 0; // the edits are in the text just loaded
        this.loadedPaths.add(docPath);
        this.detached.delete(sidecarPath);
        this.candidates.delete(docPath);
        for (const p of state.problems) if (p.severity === 'error') this.log.warn(`${uriOf(p.file).fsPath || p.file}:${p.line}:${p.column}: ${p.message}`);
        this.updateDiagnostics(docPath);
        return;
      }
    });
  }

  /** Reads every loaded document's sidecar again, and every sidecar of the workspace. */
  private async reloadAll(): Promise<void> {
    this.log.info('Workspace trusted: reading the annotation files again');
    this.warnedFolders.clear();
    for (const docPath of [...this.loadedPaths]) await this.enqueue(() => this.loadNow(docPath)).catch((e: unknown) => this.log.error(String(e)));
    await this.loadWorkspace();
  }

  /** Every sidecar of the workspace, so the tree, export and Go to Annotation see them all. */
  private async loadWorkspace(): Promise<void> {
    const uris = await vscode.workspace.findFiles(`**/*${SIDECAR_SUFFIX}`, readConfig().exclude);
    for (const uri of uris) {
      await this.enqueue(async () => {
        try {
          const docPath = await this.documentOf(uri);
          if (docPath && !this.store.get(docPath)) await this.loadNow(docPath);
        } catch (error) {
          this.log.error(`Cannot load annotations ${uri.toString()}: ${String(error)}`);
        }
      });
    }
    this.log.info(`Loaded ${uris.length} annotation files`);
  }

  /** The document a sidecar annotates: its `document.path`, else its name (beside / mirrored in the folder). */
  private async documentOf(sidecar: vscode.Uri): Promise<string | undefined> {
    const sidecarPath = pathOf(sidecar);
    const text = await this.files.readText(sidecarPath);
    const declared = text === undefined ? undefined : parseSidecar(text, sidecarPath).value?.document.path;
    let docPath: string;
    const folder = vscode.workspace.getWorkspaceFolder(sidecar);
    if (declared) {
      // document.path comes from a workspace file: it must stay inside the workspace folder (links resolved).
      const confined = await confineToFolder(folder ? pathOf(folder.uri) : dirname(sidecarPath), dirname(sidecarPath), declared);
      if ('error' in confined) {
        const problem: Problem = { file: sidecarPath, ...documentPathPosition(text ?? ''), severity: 'error', message: l10n.t('document.path "{0}": {1}; nothing was read', declared, confined.error) };
        this.detached.set(sidecarPath, [problem]);
        this.diagnostics.set(sidecar, [toDiagnostic(problem)]);
        this.log.warn(`${uriOf(sidecarPath).fsPath || sidecarPath}:${problem.line}:${problem.column}: ${problem.message}`);
        return undefined;
      }
      docPath = confined.path;
    } else {
      const bare = sidecarPath.slice(0, -SIDECAR_SUFFIX.length);
      const setting = this.sidecarFolder(sidecar, folder);
      if (folder && setting) {
        const base = join(pathOf(folder.uri), setting);
        const rel = relative(base, bare);
        docPath = rel.startsWith('..') || rel === bare ? bare : join(pathOf(folder.uri), rel);
      } else docPath = bare;
    }
    docPath = pathOf(uriOf(docPath)); // same encoding as the editor's URIs
    if (this.sidecarPathFor(docPath) !== sidecarPath && declared === undefined) return undefined;
    if (!(await this.files.exists(docPath)) && !this.openDocument(docPath)) {
      const problem: Problem = { file: sidecarPath, line: 1, column: 1, severity: 'warning', message: l10n.t('the annotated document {0} does not exist; the annotations are kept', declared ?? docPath) };
      this.detached.set(sidecarPath, [problem]);
      this.diagnostics.set(sidecar, [toDiagnostic(problem)]);
      return undefined;
    }
    return docPath;
  }

  // --- events --------------------------------------------------------------------------------------------------

  /** Live edits (one entry per change event, in order) move the passages; then the follow-ups are scheduled. */
  private trackEdits(doc: vscode.TextDocument, events: TextChanges[]): void {
    const docPath = pathOf(doc.uri);
    const finalText = doc.getText();
    let text = this.store.get(docPath)?.text ?? '';
    for (let i = 0; i < events.length; i++) {
      const changes = events[i]!;
      text = i === events.length - 1 ? finalText : applyChanges(text, changes);
      const before = new Set(this.store.orphans(docPath).map((r) => r.annotation.id));
      const state = this.store.applyEdits(docPath, changes, text);
      for (const r of state.annotations) {
        if (r.orphaned && !before.has(r.annotation.id)) {
          const set = this.candidates.get(docPath) ?? new Set<string>();
          set.add(r.annotation.id);
          this.candidates.set(docPath, set);
        }
      }
    }
    // Not dirty after a change: a revert, an undo back to the saved text, or the file changed on disk and the
    // editor reloaded it. The sidecar describes the saved text: read it again.
    if (!doc.isDirty) this.deferred.schedule(`resync ${docPath}`, 200, () => void this.resync(doc));
    else if (this.candidates.get(docPath)?.size) this.deferred.schedule(`revive ${docPath}`, 300, () => void this.revive(doc));
  }

  /** Orphan candidates whose passage is back in the text (undo, paste) are anchored again. */
  private revive(doc: vscode.TextDocument): Promise<void> {
    return this.enqueue(() => {
      const docPath = pathOf(doc.uri);
      const ids = this.candidates.get(docPath);
      if (!ids || doc.isClosed || !this.store.get(docPath)) return Promise.resolve();
      const text = doc.getText();
      if (this.store.get(docPath)!.text !== text) return Promise.resolve(); // edits still held: revived after their replay
      for (const id of [...ids]) {
        const r = this.store.find(docPath, id);
        if (!r || !r.orphaned) {
          ids.delete(id);
          continue;
        }
        const found = anchor(text, r.annotation.target.selector, r.start);
        if (!found) continue;
        const { orphaned: _o, ...annotation } = r.annotation;
        this.store.apply(docPath, { kind: 'put', annotation, span: { start: found.start, end: found.end } });
        ids.delete(id);
      }
      return Promise.resolve();
    });
  }

  private resync(doc: vscode.TextDocument): Promise<void> {
    return this.enqueue(async () => {
      if (doc.isClosed || doc.isDirty) return;
      const docPath = pathOf(doc.uri);
      if (!this.store.get(docPath)) return;
      await this.loadNow(docPath);
      // The text changed on disk (or was reverted): if passages moved, the sidecar is brought up to date.
      if (this.store.get(docPath)?.dirty && !doc.isDirty) await this.persistNow(docPath).catch((e: unknown) => this.log.error(String(e)));
    });
  }

  private async documentSaved(doc: vscode.TextDocument): Promise<void> {
    const docPath = pathOf(doc.uri);
    try {
      await this.enqueue(async () => {
        const state = this.store.get(docPath);
        if (state && !state.readOnly) await this.persistNow(docPath);
      });
    } catch (error) {
      void vscode.window.showErrorMessage(noLinks(l10n.t('Corpus Lens: {0}', error instanceof Error ? error.message : String(error))));
    }
  }

  private documentOpened(doc: vscode.TextDocument): Promise<void> {
    if (!this.documents.isCorpusDocument(doc) || doc.uri.scheme === 'untitled') return Promise.resolve();
    return this.enqueue(async () => {
      const docPath = pathOf(doc.uri);
      const state = this.store.get(docPath);
      if (doc.isClosed || (state && state.text === doc.getText())) return;
      await this.loadNow(docPath);
    });
  }

  private documentClosed(doc: vscode.TextDocument): Promise<void> {
    const docPath = pathOf(doc.uri);
    this.deferred.cancel(`resync ${docPath}`);
    this.deferred.cancel(`revive ${docPath}`);
    return this.enqueue(async () => {
      const state = this.store.get(docPath);
      if (!state || this.openDocument(docPath)) return;
      this.candidates.delete(docPath);
      // Closed without saving: the spans followed text that is gone; read the sidecar again against the file.
      const disk = await this.files.readText(docPath);
      if (disk !== state.text) await this.loadNow(docPath);
    });
  }

  private documentChangedOnDisk(uri: vscode.Uri): Promise<void> {
    const docPath = pathOf(uri);
    return this.enqueue(async () => {
      if (!this.store.get(docPath) || this.openDocument(docPath)) return; // open editors report it as a text change
      const disk = await this.files.readText(docPath);
      if (disk === this.store.get(docPath)?.text) return;
      await this.loadNow(docPath);
      if (this.store.get(docPath)?.dirty) await this.persistNow(docPath).catch((e: unknown) => this.log.error(String(e)));
    });
  }

  /**
   * A sidecar was created, changed or deleted on disk. Checked in the queue, after the operations before it: if
   * its text is what the store last read or wrote there (our own write, whatever the timing of the event), nothing
   * happens; otherwise the document's annotations are read again.
   */
  private sidecarChanged(uri: vscode.Uri): Promise<void> {
    const sidecarPath = pathOf(uri);
    if (/\.tmp$/.test(sidecarPath)) return Promise.resolve();
    return this.enqueue(async () => {
      try {
        const known = this.files.seen.has(sidecarPath);
        const before = this.files.seen.get(sidecarPath);
        const text = await this.files.readText(sidecarPath);
        if (known && before === text) return;
        const loaded = this.states().find((s) => s.sidecarPath === sidecarPath);
        const docPath = loaded?.docPath ?? (text !== undefined ? await this.documentOf(uri) : undefined);
        if (!docPath) {
          if (text === undefined) {
            this.detached.delete(sidecarPath);
            this.diagnostics.delete(uri);
          }
          return;
        }
        this.log.info(`Annotation file changed on disk: ${uri.fsPath || sidecarPath}`);
        await this.loadNow(docPath);
        const doc = this.openDocument(docPath);
        if (this.store.get(docPath)?.dirty && doc && !doc.isDirty) await this.persistNow(docPath);
      } catch (error) {
        this.log.error(`Cannot reload ${sidecarPath}: ${String(error)}`);
      }
    });
  }

  // --- Problems panel -------------------------------------------------------------------------------------------

  private updateDiagnostics(docPath: string): void {
    const state = this.store.get(docPath);
    const docUri = uriOf(docPath);
    if (!state) {
      this.diagnostics.delete(docUri);
      return;
    }
    // Sidecar problems (syntax, schema, fields) with their file:line; passage-not-found ones are shown on the
    // document instead, while the annotation is still an orphan.
    const sidecarProblems = state.problems.filter((p) => !(p.code === 'passage-not-found' || p.code === 'passage-reanchored') || p.severity === 'error');
    this.diagnostics.set(
      uriOf(state.sidecarPath),
      sidecarProblems.map((p) => {
        const d = toDiagnostic(p);
        if (p.code === 'merge-conflict') d.code = DIAGNOSTIC_CODES.mergeConflict;
        return d;
      }),
    );
    const positions = this.openDocument(docPath);
    const short = (s: string) => (s.length > 80 ? s.slice(0, 80) + '…' : s);
    // Positions in the text the spans refer to (the editor's, else the store's: the document need not be open).
    let starts: ArrayLike<number> | undefined;
    const positionAt = (offset: number): vscode.Position => {
      if (positions) return positions.positionAt(offset);
      const { line, character } = positionIn((starts ??= lineStarts(state.text)), offset);
      return new vscode.Position(line, character);
    };
    const diagnostic = (r: ResolvedAnnotation, code: string, message: string) => {
      const at = positionAt(r.start);
      const end = r.end > r.start ? positionAt(r.end) : positions ? positions.lineAt(at.line).range.end : at;
      const d = new vscode.Diagnostic(new vscode.Range(at, end), message, vscode.DiagnosticSeverity.Warning);
      d.source = 'Corpus Lens';
      d.code = code;
      return d;
    };
    const list: vscode.Diagnostic[] = [];
    for (const r of state.annotations) {
      const a = r.annotation;
      if (r.orphaned) {
        list.push(diagnostic(r, DIAGNOSTIC_CODES.orphaned, l10n.t('Orphaned annotation {0} ("{1}"): the passage “{2}” is no longer in the text. Select it and run "Re-attach Annotation to Selection".', a.id, a.claim, short(quoteOf(a).exact))));
      } else if (a.reanchored) {
        const now = positions ? positions.getText().slice(r.start, r.end) : a.reanchored.exact;
        list.push(
          diagnostic(
            r,
            DIAGNOSTIC_CODES.reanchored,
            l10n.t('Re-anchored annotation {0} ("{1}") to review: the document changed outside the editor and the passage was found only approximately — annotated “{2}”, now “{3}”. Accept the new passage, or select the right one and re-attach the annotation.', a.id, a.claim, short(quoteOf(a).exact), short(now)),
          ),
        );
      }
      if (a.conflict) {
        list.push(
          diagnostic(
            r,
            DIAGNOSTIC_CODES.conflictVersion,
            (a.conflict.side === 'ours' ? l10n.t('Merge conflict: annotation {0} ("{1}") is the version of the branch merged into; {2} is the other version. Keep one of them.', a.id, a.claim, a.conflict.with) : l10n.t('Merge conflict: annotation {0} ("{1}") is the version of the merged branch; {2} is the other version. Keep one of them.', a.id, a.claim, a.conflict.with)),
          ),
        );
      }
    }
    this.diagnostics.set(docUri, list);
  }
}
