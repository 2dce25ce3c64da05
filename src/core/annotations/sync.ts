/**
 * AnnotationSync: the annotations of a workspace kept in step with the editors and the files on disk, over one
 * AnnotationStore. The host (the VS Code adapter, or a test) reports what happens — live edits, saves, documents
 * opened, closed or changed on disk, sidecars changed on disk — and provides the open documents' text, the files,
 * the layout of the workspace and a clock; the sync decides what to read, re-anchor and write.
 *
 * - Every operation that reads or changes the store (loads, saves, commands, disk and editor events) runs in one
 *   queue, one at a time and in the order requested: a command never interleaves with a reload, nor a reload with
 *   a save (see queue.ts).
 * - While an operation works on a document (it awaits I/O; the store's record may be replaced), the document's live
 *   edits are held and replayed when it ends; when the store was reloaded against another text meanwhile, the
 *   annotations are read again against the editor's text instead (`hold`).
 * - Every add / edit / delete / re-attach is written at once (taken back if the write fails, so no later save
 *   writes it) and recorded for undo / redo (history.ts).
 * - A sidecar changed on disk is read again unless its text is what the store itself last read or wrote there
 *   (`RecordingFileStore`, recordingFiles.ts): our own writes are recognised by content, whatever the timing of the watcher's events.
 */
import type { Logger, Problem } from '../types';
import { anchor } from './anchoring';
import { hasConflictMarkers } from './markers';
import { resolveConflictMarkers, type MergeNote } from './merge';
import type { AnnotationPatch, AnnotationState, Mutation, NewAnnotation, SaveResult } from './state';
import type { AnnotationStore } from './store';
import { Deferred, OperationQueue, type Clock } from './queue';
import { UndoHistory, type HistoryEntry } from './history';
import { SidecarLookup, type WorkspaceLayout } from './lookup';
import type { RecordingFileStore } from './recordingFiles';
import * as l10n from '@vscode/l10n';

/** An annotation command refused for a reason the user must see (broken sidecar, bad input). */
export class AnnotationRefusal extends Error {}

/** A write refused because the workspace is not trusted (the adapter offers to manage trust). */
export class RestrictedRefusal extends AnnotationRefusal {}

/** A sidecar that could not be written; `reason` is what went wrong (the file and why), without the lead sentence. */
export class SaveRefusal extends AnnotationRefusal {
  constructor(readonly reason: string) {
    super(l10n.t('Annotations not saved: {0}', reason));
  }
}

/** A live edit as the editor reports it: UTF-16 ranges against the text before each change, applied in order. */
export type TextChanges = Array<{ start: number; end: number; text: string }>;

/** An open editor's document (live: its text and state are read when needed). */
export interface EditorDocument {
  readonly path: string;
  getText(): string;
  readonly isDirty: boolean;
  readonly isClosed: boolean;
}

/** What the sync needs of its host. */
export interface SyncHost extends WorkspaceLayout {
  /** The files (documents and sidecars): the same store the AnnotationStore writes through. */
  readonly files: RecordingFileStore;
  readonly log: Logger;
  readonly clock: Clock;
  /** The open (not closed) editor document at `path`, undefined when none. */
  openDocument(path: string): EditorDocument | undefined;
  /** Whether sidecars may be written (Restricted Mode: no), and the refusal shown otherwise. */
  isTrusted(): boolean;
  readonly restrictedMessage: string;
  /** The author of a new annotation. */
  author(): string;
  /** Messages for the user (the adapter shows them). */
  showWarning(message: string): void;
  showError(message: string): void;
  /** A document's problems changed (orphans, re-anchored passages, sidecar errors): show them. */
  problemsChanged(docPath: string): void;
  /** Problems of a sidecar that maps to no loaded document (undefined: none any more). */
  sidecarProblems(sidecarPath: string, problems: Problem[] | undefined): void;
  /** A document's reference date changed (its dates are resolved again). */
  referenceChanged(docPath: string): void;
  /** A document's annotations were forgotten (its file is gone). */
  closed(docPath: string): void;
}

/** The text after applying one event's changes (each against the text before it), as the editor does. */
export function applyChanges(text: string, changes: TextChanges): string {
  for (const c of changes) text = text.slice(0, c.start) + c.text + text.slice(c.end);
  return text;
}

export class AnnotationSync {
  private readonly files: RecordingFileStore;
  private readonly log: Logger;
  private readonly history = new UndoHistory(200);
  private readonly queue = new OperationQueue();
  /** Debounced reactions to editing (re-read after a revert, revive orphans); commands run them first. */
  private readonly deferred: Deferred;
  private readonly lookup: SidecarLookup;
  /**
   * Documents an operation of the queue is working on (it awaits I/O; the store's record may be replaced under a
   * live edit): their live edits are held here and replayed when the operation ends (see `hold`).
   */
  private readonly held = new Map<string, { depth: number; edits: TextChanges[] }>();
  /** Annotations that lost their passage during live edits, revived if the passage comes back (e.g. undo). */
  private readonly candidates = new Map<string, Set<string>>();
  private readonly loadedPaths = new Set<string>();

  constructor(
    readonly store: AnnotationStore,
    private readonly host: SyncHost,
  ) {
    this.files = host.files;
    this.log = host.log;
    this.deferred = new Deferred(host.clock);
    this.lookup = new SidecarLookup(host, (docPath, layout) => store.sidecarPathFor(docPath, layout), (message) => {
      this.log.warn(message);
      host.showWarning(message);
    });
  }

  dispose(): void {
    this.deferred.dispose();
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
    return this.history.canUndo;
  }

  get canRedo(): boolean {
    return this.history.canRedo;
  }

  sidecarPathFor(docPath: string): string {
    return this.lookup.sidecarPathFor(docPath);
  }

  /** Keys of the debounced follow-ups not run yet (`resync <doc>`, `revive <doc>`). */
  pendingFollowUps(): string[] {
    return this.deferred.pending();
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
    if (!loaded) throw new AnnotationRefusal(l10n.t('Cannot read {0}', this.host.displayPath(docPath)));
    return loaded;
  }

  // --- mutations (written at once, undoable) -----------------------------------------------------------------

  add(docPath: string, input: NewAnnotation): Promise<Mutation> {
    return this.mutate(docPath, 'Add claim', () => this.store.add(docPath, { author: this.host.author(), ...input }));
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
    this.host.referenceChanged(docPath);
    return mutation;
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

  /** Undo the last change; returns its label, undefined when there is nothing to undo. */
  undo(): Promise<string | undefined> {
    return this.step('undo');
  }

  redo(): Promise<string | undefined> {
    return this.step('redo');
  }

  private step(direction: 'undo' | 'redo'): Promise<string | undefined> {
    this.deferred.flush();
    return this.enqueue(async () => {
      const entry = await this.history.step(direction, async (entry, applied) => {
        await this.ensureLoadedNow(entry.docPath);
        this.assertWritable(entry.docPath);
        await this.hold(entry.docPath, async () => {
          const inverses = entry.ops.map((op) => this.store.apply(entry.docPath, op).inverse).reverse();
          await this.persistOrRevert(entry.docPath, entry.label);
          applied({ docPath: entry.docPath, ops: inverses, label: entry.label });
        });
      });
      if (!entry) return undefined;
      if (entry.ops.some((op) => op.kind === 'reference')) this.host.referenceChanged(entry.docPath);
      return entry.label;
    });
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
        const entry: HistoryEntry = { docPath, ops: mutation.map((m) => m.inverse).reverse(), label };
        this.history.record(entry);
        return mutation;
      });
    });
  }

  /**
   * "Keep Both Sides" for a sidecar that git left with conflict markers: the two sides are merged by annotation id
   * (see merge.ts), written over the file, and the document's annotations are read again.
   * Returns the merge's notes (annotations kept in two versions, deletions not applied).
   */
  keepBothSides(sidecarPath: string): Promise<MergeNote[]> {
    this.deferred.flush();
    return this.enqueue(async () => {
      const name = this.host.displayPath(sidecarPath);
      const text = await this.files.readText(sidecarPath);
      if (text === undefined) throw new AnnotationRefusal(l10n.t('{0} does not exist.', name));
      if (!hasConflictMarkers(text)) throw new AnnotationRefusal(l10n.t('{0} has no merge conflict markers.', name));
      if (this.host.openDocument(sidecarPath)?.isDirty) {
        throw new AnnotationRefusal(l10n.t('{0} has unsaved changes in an editor: save or revert them first.', name));
      }
      const result = resolveConflictMarkers(text, sidecarPath);
      if (result.text === undefined) {
        const p = result.problems[0];
        throw new AnnotationRefusal(p ? l10n.t('Cannot keep both sides of {0}: line {1}: {2}. The file is left untouched.', name, p.line, p.message) : l10n.t('Cannot keep both sides of {0}. The file is left untouched.', name));
      }
      await this.files.writeTextAtomic(sidecarPath, result.text);
      this.log.info(`Merge conflict in ${name} resolved by keeping both sides (${result.notes.length} notes)`);
      const docPath = this.states().find((s) => s.sidecarPath === sidecarPath)?.docPath ?? (await this.documentOf(sidecarPath));
      if (docPath) await this.loadNow(docPath);
      return result.notes;
    });
  }

  /** Throws an AnnotationRefusal naming the file and line when the document's sidecar cannot be written. */
  assertWritable(docPath: string): void {
    if (!this.host.isTrusted()) throw new RestrictedRefusal(this.host.restrictedMessage);
    const state = this.store.get(docPath);
    if (!state?.readOnly) return;
    const first = state.problems.find((p) => p.severity === 'error') ?? state.problems[0];
    const where = first ? `${this.host.displayPath(first.file)}:${first.line}:${first.column}: ${first.message}` : this.host.displayPath(state.sidecarPath);
    throw new AnnotationRefusal(l10n.t('The annotation file has errors and is left untouched until they are fixed ({0}). See the Problems panel.', where));
  }

  // --- loading ---------------------------------------------------------------------------------------------------

  /** Queued `loadNow`. */
  load(docPath: string): Promise<void> {
    return this.enqueue(() => this.loadNow(docPath));
  }

  /** (Re)load a document's sidecar against the editor's text, else the file on disk. */
  private async loadNow(docPath: string): Promise<void> {
    const doc = this.host.openDocument(docPath);
    if (doc) {
      await this.loadTextNow(docPath, () => doc.getText());
      return;
    }
    const text = await this.files.readText(docPath);
    if (text === undefined) {
      this.store.close(docPath);
      this.loadedPaths.delete(docPath);
      this.candidates.delete(docPath);
      this.host.closed(docPath);
      this.host.problemsChanged(docPath);
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
        this.candidates.delete(docPath);
        for (const p of state.problems) if (p.severity === 'error') this.log.warn(`${this.host.displayPath(p.file)}:${p.line}:${p.column}: ${p.message}`);
        this.host.problemsChanged(docPath);
        return;
      }
    });
  }

  /** Reads every loaded document's sidecar again, then every sidecar of the workspace (`sidecars`). */
  async reloadAll(sidecars: () => Promise<string[]>): Promise<void> {
    this.log.info('Workspace trusted: reading the annotation files again');
    this.lookup.resetWarnings();
    for (const docPath of [...this.loadedPaths]) await this.enqueue(() => this.loadNow(docPath)).catch((e: unknown) => this.log.error(String(e)));
    await this.loadWorkspace(await sidecars());
  }

  /** Every sidecar of the workspace, so the tree, export and Go to Annotation see them all. */
  async loadWorkspace(sidecarPaths: readonly string[]): Promise<void> {
    for (const sidecarPath of sidecarPaths) {
      await this.enqueue(async () => {
        try {
          const docPath = await this.documentOf(sidecarPath);
          if (docPath && !this.store.get(docPath)) await this.loadNow(docPath);
        } catch (error) {
          this.log.error(`Cannot load annotations ${sidecarPath}: ${String(error)}`);
        }
      });
    }
    this.log.info(`Loaded ${sidecarPaths.length} annotation files`);
  }

  /** The document a sidecar annotates (see lookup.ts); a sidecar whose document cannot be loaded gets a problem. */
  private async documentOf(sidecarPath: string): Promise<string | undefined> {
    const text = await this.files.readText(sidecarPath);
    const owner = await this.lookup.documentOf(sidecarPath, text, async (docPath) => (await this.files.exists(docPath)) || this.host.openDocument(docPath) !== undefined);
    if (owner && 'problem' in owner) {
      const p = owner.problem;
      this.host.sidecarProblems(sidecarPath, [p]);
      if (p.severity === 'error') this.log.warn(`${this.host.displayPath(sidecarPath)}:${p.line}:${p.column}: ${p.message}`);
      return undefined;
    }
    return owner?.docPath;
  }

  // --- events reported by the host ------------------------------------------------------------------------------

  /** A live edit of an open document (held while an operation works on it, else tracked at once). */
  textChanged(doc: EditorDocument, changes: TextChanges): void {
    if (!changes.length || !this.store.get(doc.path)) return;
    const hold = this.held.get(doc.path);
    if (hold) {
      hold.edits.push(changes);
      return;
    }
    this.trackEdits(doc, [changes]);
  }

  /** Live edits (one entry per change event, in order) move the passages; then the follow-ups are scheduled. */
  private trackEdits(doc: EditorDocument, events: TextChanges[]): void {
    const docPath = doc.path;
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
  private revive(doc: EditorDocument): Promise<void> {
    return this.enqueue(() => {
      const docPath = doc.path;
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

  private resync(doc: EditorDocument): Promise<void> {
    return this.enqueue(async () => {
      if (doc.isClosed || doc.isDirty) return;
      const docPath = doc.path;
      if (!this.store.get(docPath)) return;
      await this.loadNow(docPath);
      // The text changed on disk (or was reverted): if passages moved, the sidecar is brought up to date.
      if (this.store.get(docPath)?.dirty && !doc.isDirty) await this.persistNow(docPath).catch((e: unknown) => this.log.error(String(e)));
    });
  }

  /** A document was saved: its sidecar is written (positions now refer to the saved text). */
  async documentSaved(docPath: string): Promise<void> {
    try {
      await this.enqueue(async () => {
        const state = this.store.get(docPath);
        if (state && !state.readOnly) await this.persistNow(docPath);
      });
    } catch (error) {
      this.host.showError(l10n.t('Corpus Lens: {0}', error instanceof Error ? error.message : String(error)));
    }
  }

  /** A corpus document was opened in an editor: its annotations are read against the editor's text. */
  documentOpened(doc: EditorDocument): Promise<void> {
    return this.enqueue(async () => {
      const docPath = doc.path;
      const state = this.store.get(docPath);
      if (doc.isClosed || (state && state.text === doc.getText())) return;
      await this.loadNow(docPath);
    });
  }

  documentClosed(docPath: string): Promise<void> {
    this.deferred.cancel(`resync ${docPath}`);
    this.deferred.cancel(`revive ${docPath}`);
    return this.enqueue(async () => {
      const state = this.store.get(docPath);
      if (!state || this.host.openDocument(docPath)) return;
      this.candidates.delete(docPath);
      // Closed without saving: the spans followed text that is gone; read the sidecar again against the file.
      const disk = await this.files.readText(docPath);
      if (disk !== state.text) await this.loadNow(docPath);
    });
  }

  /** A corpus file changed on disk (not open: open editors report it as a text change). */
  documentChangedOnDisk(docPath: string): Promise<void> {
    return this.enqueue(async () => {
      if (!this.store.get(docPath) || this.host.openDocument(docPath)) return;
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
  sidecarChanged(sidecarPath: string): Promise<void> {
    if (/\.tmp$/.test(sidecarPath)) return Promise.resolve();
    return this.enqueue(async () => {
      try {
        const before = this.files.lastSeen(sidecarPath);
        const text = await this.files.readText(sidecarPath);
        if (before.known && before.text === text) return;
        const loaded = this.states().find((s) => s.sidecarPath === sidecarPath);
        const docPath = loaded?.docPath ?? (text !== undefined ? await this.documentOf(sidecarPath) : undefined);
        if (!docPath) {
          if (text === undefined) this.host.sidecarProblems(sidecarPath, undefined);
          return;
        }
        this.log.info(`Annotation file changed on disk: ${this.host.displayPath(sidecarPath)}`);
        await this.loadNow(docPath);
        const doc = this.host.openDocument(docPath);
        if (this.store.get(docPath)?.dirty && doc && !doc.isDirty) await this.persistNow(docPath);
      } catch (error) {
        this.log.error(`Cannot reload ${sidecarPath}: ${String(error)}`);
      }
    });
  }

  // --- the operation queue ------------------------------------------------------------------------------------

  /** Runs `work` after every operation requested before it, and before any requested after it. */
  private enqueue<T>(work: () => Promise<T>): Promise<T> {
    return this.queue.run(work);
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
    const doc = this.host.openDocument(docPath);
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
      const reason = error instanceof SaveRefusal ? error.reason : error instanceof Error ? error.message : String(error);
      throw new AnnotationRefusal(l10n.t('{0} failed, nothing was changed (it will not be saved later): {1}', label, reason));
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
    if (!this.host.isTrusted()) {
      this.log.info(`Restricted Mode: the annotations of ${this.host.displayPath(docPath)} are not written`);
      return;
    }
    await this.hold(docPath, async () => {
      const doc = this.host.openDocument(docPath);
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
    const file = this.host.displayPath(result.state.sidecarPath);
    if (!result.ok) {
      const detail = result.problems.map((p) => `${p.line}:${p.column} ${p.message}`).join('; ');
      this.log.error(`Annotations not saved to ${file}: ${detail}`);
      throw new SaveRefusal(`${file} — ${result.problems[0]?.message ?? l10n.t('unknown error')}`);
    }
    if (result.written) this.log.info(`Saved ${result.state.annotations.length} annotations to ${file}${result.merged ? ' (merged with changes made on disk)' : ''}`);
    const warnings = result.problems.filter((p) => p.severity !== 'info');
    for (const p of result.problems) this.log.warn(`${file}:${p.line}:${p.column}: ${p.message}`);
    if (warnings.length) this.host.showWarning(l10n.t('Corpus Lens: {0} had changed on disk; merged. {1}', file, warnings.map((p) => p.message).join(' · ')));
  }
}
