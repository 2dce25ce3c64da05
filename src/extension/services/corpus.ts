import * as vscode from 'vscode';
import { withoutBoilerplate } from '../../core/analysis';
import { CorpusIndex } from '../../core/corpus/index';
import { lineStarts, positionIn } from '../../core/text/offsets';
import type { Logger, Span } from '../../core/types';
import { readConfig } from '../config';
import { pathOf, uriOf } from '../convert';
import { debounce, Disposable } from '../disposable';
import { WorkspaceFileStore } from '../fileStore';
import type { DocumentService } from './documents';
import type { KnowledgeService } from './knowledge';

/**
 * The workspace corpus index: every file matching `corpusLens.files.include`, kept current on create / change /
 * delete and on unsaved edits of open documents. Indexing runs in slices with progress and yields to the
 * extension host between files, so a large corpus never blocks the editor.
 */
export class CorpusService extends Disposable {
  index: CorpusIndex;
  private readonly lineStarts = new Map<string, Uint32Array>();
  private readonly changed = this._register(new vscode.EventEmitter<void>());
  /** Fires (debounced) after the index changed. */
  readonly onDidChange = this.changed.event;
  private readonly files = new WorkspaceFileStore();
  private current: vscode.CancellationTokenSource | undefined;
  private indexing: Promise<void> = Promise.resolve();

  constructor(
    private readonly knowledge: KnowledgeService,
    private readonly documents: DocumentService,
    private readonly log: Logger,
  ) {
    super();
    this.index = this.createIndex();
    const fire = debounce(() => this.changed.fire(), 150);
    this._register({ dispose: () => fire.cancel() });
    this._register(this.index.onDidChange(fire));

    this.watch();
    this._register({ dispose: () => this.watcher?.dispose() });
    // One debounce per document: edits in two editors within the delay must both reach the index.
    const pending = new Map<string, ReturnType<typeof debounce<[vscode.TextDocument]>>>();
    const liveEdit = (doc: vscode.TextDocument) => {
      const key = pathOf(doc.uri);
      let run = pending.get(key);
      if (!run) {
        run = debounce((d: vscode.TextDocument) => {
          pending.delete(key);
          if (!d.isClosed) this.setText(key, d.getText());
        }, 500);
        pending.set(key, run);
      }
      run(doc);
    };
    this._register({ dispose: () => pending.forEach((run) => run.cancel()) });
    this._register(vscode.workspace.onDidChangeTextDocument((e) => e.contentChanges.length && this.documents.isCorpusDocument(e.document) && liveEdit(e.document)));
    this._register(vscode.workspace.onDidRenameFiles((e) => e.files.forEach((f) => this.rename(pathOf(f.oldUri), pathOf(f.newUri)))));
    this._register(knowledge.onDidChange(() => void this.reindex()));
    this._register(
      vscode.workspace.onDidChangeConfiguration((e) => {
        if (!e.affectsConfiguration('corpusLens.files')) return;
        this.watch();
        void this.reindex();
      }),
    );
    this._register(vscode.workspace.onDidChangeWorkspaceFolders(() => void this.reindex()));
  }

  private watcher: vscode.Disposable | undefined;

  /** (Re)creates the file watcher for the current `corpusLens.files.include` glob. */
  private watch(): void {
    this.watcher?.dispose();
    const watcher = vscode.workspace.createFileSystemWatcher(readConfig().include);
    this.watcher = vscode.Disposable.from(
      watcher,
      watcher.onDidCreate((uri) => void this.indexFile(uri)),
      watcher.onDidChange((uri) => void this.indexFile(uri)),
      watcher.onDidDelete((uri) => this.remove(pathOf(uri))),
    );
  }

  private createIndex(): CorpusIndex {
    return new CorpusIndex({
      analyse: (path: string, text: string) => {
        const reference = this.documents.referenceFor(path);
        return withoutBoilerplate(this.knowledge.analyzer.analyse(text, reference ? { reference } : {}));
      },
      topics: this.knowledge.topics,
    });
  }

  /** Resolves when the current indexing run is over. */
  get ready(): Promise<void> {
    return this.indexing;
  }

  /** (Re)index the whole workspace, cancelling a run in progress. */
  reindex(): Promise<void> {
    this.current?.cancel();
    const cts = (this.current = new vscode.CancellationTokenSource());
    this.index.setTopics?.(this.knowledge.topics);
    const run = vscode.window.withProgress(
      { location: vscode.ProgressLocation.Window, title: 'Corpus Lens: indexing', cancellable: false },
      async (progress) => {
        const started = Date.now();
        const config = readConfig();
        const uris = await vscode.workspace.findFiles(config.include, config.exclude);
        if (cts.token.isCancellationRequested) return;
        const known = new Set(uris.map(pathOf));
        for (const doc of this.index.documents()) if (!known.has(doc.path)) this.remove(doc.path);
        let bytes = 0;
        const files = this.readAll(uris, config.maxSizeBytes, (n) => (bytes += n));
        let last = 0;
        await this.index.indexAll(files, {
          token: cts.token,
          onProgress: (done: number, total?: number) => {
            const pct = total ? Math.floor((done / total) * 100) : 0;
            if (pct !== last) progress.report({ message: `${done}/${total ?? '?'} files`, increment: pct - last });
            last = pct;
          },
        });
        if (!cts.token.isCancellationRequested) {
          this.log.info(`Indexed ${uris.length} files (${(bytes / 1048576).toFixed(1)} MB) in ${Date.now() - started} ms`);
        }
      },
    );
    this.indexing = Promise.resolve(run).catch((error: unknown) => this.log.error(`Indexing failed: ${String(error)}`));
    return this.indexing;
  }

  private async *readAll(uris: vscode.Uri[], maxSize: number, count: (bytes: number) => void): AsyncGenerator<{ path: string; text: string }> {
    for (const uri of uris) {
      const path = pathOf(uri);
      const open = vscode.workspace.textDocuments.find((d) => pathOf(d.uri) === path);
      try {
        if (!open) {
          const stat = await vscode.workspace.fs.stat(uri);
          if (stat.size > maxSize) {
            this.log.warn(`Not indexed (larger than corpusLens.files.maxSizeMB): ${uri.toString()}`);
            continue;
          }
        }
        const text = open ? open.getText() : await this.files.readText(path);
        if (text === undefined) continue;
        count(text.length);
        this.lineStarts.set(path, lineStarts(text));
        yield { path, text };
      } catch (error) {
        this.log.error(`Cannot read ${uri.toString()}: ${String(error)}`);
      }
    }
  }

  private async indexFile(uri: vscode.Uri): Promise<void> {
    const open = vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri.toString());
    if (open?.isDirty) return; // the editor's text wins until it is saved
    try {
      const text = await this.files.readText(pathOf(uri));
      if (text !== undefined) this.setText(pathOf(uri), text);
    } catch (error) {
      this.log.error(`Cannot read ${uri.toString()}: ${String(error)}`);
    }
  }

  setText(path: string, text: string): void {
    this.lineStarts.set(path, lineStarts(text));
    this.index.set(path, text);
  }

  private remove(path: string): void {
    this.lineStarts.delete(path);
    this.index.remove(path);
  }

  private rename(from: string, to: string): void {
    const starts = this.lineStarts.get(from);
    if (starts) {
      this.lineStarts.delete(from);
      this.lineStarts.set(to, starts);
    }
    this.index.rename(from, to);
  }

  /** A vscode Location for a span of an indexed file, without reading it again. */
  location(path: string, span: Span): vscode.Location {
    const open = vscode.workspace.textDocuments.find((d) => pathOf(d.uri) === path);
    if (open) return new vscode.Location(open.uri, new vscode.Range(open.positionAt(span.start), open.positionAt(span.end)));
    const starts = this.lineStarts.get(path) ?? new Uint32Array([0]);
    return new vscode.Location(uriOf(path), new vscode.Range(position(starts, span.start), position(starts, span.end)));
  }
}

function position(starts: Uint32Array, offset: number): vscode.Position {
  const p = positionIn(starts, offset);
  return new vscode.Position(p.line, p.character);
}
