import * as l10n from '@vscode/l10n';
import * as vscode from 'vscode';
import { withoutBoilerplate } from '../../core/analysis';
import { cacheHeader, cacheLine, CACHE_FORMAT, cachedText, cacheReader, parseCachedDocument, type CachedFile } from '../../core/corpus/cache';
import { IndexFreshness } from '../../core/corpus/freshness';
import { CorpusIndex, prepareDocument, type PreparedDocument } from '../../core/corpus/index';
import { hashBytes } from '../../core/text/hash';
import { concatBytes } from '../../core/text/bytes';
import { positionIn } from '../../core/text/offsets';
import { count } from '../l10n';
import type { Logger, Span } from '../../core/types';
import { readConfig } from '../config';
import { pathOf, uriOf } from '../convert';
import { debounce, Disposable } from '../disposable';
import { WorkspaceFileStore } from '../fileStore';
import { CorpusFileReader, pool, preferredEncoding, utf8Length } from './corpusFiles';
import type { DocumentService } from './documents';
import { InlineAnalyser, WorkerAnalyser, type FileResult, type IndexAnalyser, type PrepareJob, type PrepareResult, type WorkerOptions } from './indexAnalysers';
import type { KnowledgeService } from './knowledge';

/** What a full index did with a file; `superseded`: a newer update of it (the watcher's) was applied first. */
type Outcome = 'cached' | 'analysed' | 'skipped' | 'superseded';

/** A file to index and what its job needs besides the file. */
interface FileToIndex {
  uri: vscode.Uri;
  path: string;
  maxBytes: number;
  encoding: string | undefined;
  reference: string | null;
  cache: LoadedCache;
}

/** The persistent cache as read at the start of a full run, and the knowledge version its documents were analysed with. */
interface LoadedCache {
  files: Map<string, CachedFile>;
  version: string;
}

/** A document indexed from disk: its content hash, reference date and the knowledge version it was analysed with. */
interface DiskVersion {
  hash: string;
  reference: string | null;
  version: string;
}

/** What a file job found, and the knowledge version of its analysis (the worker's, which may lag a reload). */
interface Prepared {
  result: FileResult;
  version: string;
}

/** Changes with every build (scripts/build.mjs): analysis code may have changed, so the cache must not be reused. */
declare const __CORPUS_LENS_BUILD__: string | undefined;
const BUILD = typeof __CORPUS_LENS_BUILD__ === 'string' ? __CORPUS_LENS_BUILD__ : 'dev';

const CACHE_FILE = 'index-cache.jsonl';
/** Reads in flight: overlaps the workbench round trips of workspace.fs, and node:fs reads with analysis. */
const READS_IN_FLIGHT = 32;
/** UTF-8 of the index cache, one document at a time (saveCache). */
const cacheEncoder = new TextEncoder();
/** The index cache is written in chunks of about this many bytes (saveCache). */
const CACHE_CHUNK = 1 << 20;

export interface CorpusServiceOptions {
  /** Folder for the persistent index cache (context.storageUri, else a folder of globalStorageUri). */
  storage?: vscode.Uri;
  /** dist/indexWorker.js, when the host runs Node (worker_threads). */
  workerScript?: string;
  /** Options of the worker threads (their priority; benchmarks compare). */
  workers?: WorkerOptions;
}

export interface IndexProgress {
  done: number;
  total: number;
}

/**
 * The workspace corpus index: every file matching `corpusLens.files.include`, kept current on create / change /
 * delete and on unsaved edits of open documents.
 *
 * A full index reads many files at once (node:fs directly for local files; workspace.fs elsewhere), skips files
 * over `corpusLens.files.maxSizeMB` before reading them, decodes UTF-8 / UTF-16 / GB18030 / Big5 (undecodable files
 * are reported, not indexed), takes unchanged documents from a persistent cache (keyed by content hash, reference
 * date and the knowledge/topics version), and analyses the rest on worker threads (main thread with yields on
 * the web). Queries answer from what is indexed so far; `progress` says how far it got.
 */
export class CorpusService extends Disposable {
  index: CorpusIndex;
  private readonly lineStarts = new Map<string, Uint32Array>();
  /**
   * Content hash, reference and knowledge version of documents indexed from disk (cacheable); open-editor text has
   * none. A document counts as unchanged, and goes into the cache, only when it was analysed with the knowledge base
   * of now: an analysis that was in flight on a worker while the knowledge file changed is neither.
   */
  private readonly hashes = new Map<string, DiskVersion>();
  private readonly changed = this._register(new vscode.EventEmitter<void>());
  /** Fires (debounced) after the index changed. */
  readonly onDidChange = this.changed.event;
  private readonly reader = new CorpusFileReader();
  private readonly store = new WorkspaceFileStore();
  private current: vscode.CancellationTokenSource | undefined;
  private indexing: Promise<void> = Promise.resolve();
  private analyser: IndexAnalyser;
  private readonly inline: InlineAnalyser;
  /** Files done and found in the running full index; undefined when none runs. */
  progress: IndexProgress | undefined;
  private readonly saveSoon = debounce(() => void this.saveCache(), 3000);
  /**
   * What the last full index did: files from the cache, analysed, skipped, and superseded by a newer update that
   * the watcher applied first (for the log, benchmarks and tests).
   */
  lastRun: { cached: number; analysed: number; skipped: number; superseded: number; ms: number } | undefined;
  /** Documents not indexed (too large, undecodable), with why: for the log and tests. */
  readonly skipped = new Map<string, string>();
  /** Overlapping updates of one document (full run, watcher, editor): the one that started last wins. */
  private readonly freshness = new IndexFreshness();

  constructor(
    private readonly knowledge: KnowledgeService,
    private readonly documents: DocumentService,
    private readonly log: Logger,
    private readonly options: CorpusServiceOptions = {},
  ) {
    super();
    this.index = this.createIndex();
    this.inline = new InlineAnalyser(knowledge);
    this.analyser = WorkerAnalyser.create(options.workerScript, knowledge, log, options.workers) ?? this.inline;
    this._register({ dispose: () => this.analyser.dispose() });
    this._register({ dispose: () => this.current?.cancel() });
    this._register({ dispose: () => this.saveSoon.cancel() });
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
    // A corpus file opened in an editor that the index lacks (its watcher event still queued, or lost) is indexed now.
    this._register(
      vscode.workspace.onDidOpenTextDocument((doc) => {
        const path = pathOf(doc.uri);
        if (doc.uri.scheme !== 'file' || !vscode.workspace.getWorkspaceFolder(doc.uri) || this.index.has(path) || this.skipped.has(path)) return;
        if (this.documents.isCorpusDocument(doc)) void this.indexFile(doc.uri);
      }),
    );
    this._register(vscode.workspace.onDidRenameFiles((e) => e.files.forEach((f) => this.rename(pathOf(f.oldUri), pathOf(f.newUri)))));
    this._register(
      knowledge.onDidChange(() => {
        this.analyser.reconfigure();
        void this.reindex();
      }),
    );
    this._register(
      vscode.workspace.onDidChangeConfiguration((e) => {
        if (!e.affectsConfiguration('corpusLens.files') && !e.affectsConfiguration('files.encoding')) return;
        this.watch();
        void this.reindex();
      }),
    );
    this._register(vscode.workspace.onDidChangeWorkspaceFolders(() => void this.reindex()));
  }

  /** Where analysis runs: worker threads, or the main thread (web). */
  get analyserKind(): string {
    return this.analyser.kind;
  }

  /** Index worker threads running now (0 on the main thread, before the first job and once released when idle). */
  get workersRunning(): number {
    return this.analyser instanceof WorkerAnalyser ? this.analyser.running : 0;
  }

  /** The nice values the running index workers gave their threads (null: unchanged); empty without workers. */
  get workerPriorities(): Array<number | null | undefined> {
    return this.analyser instanceof WorkerAnalyser ? this.analyser.priorities : [];
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
      watcher.onDidDelete((uri) => this.remove(pathOf(uri), this.freshness.begin())),
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

  /** "still indexing 1,234 of 4,000 files" while a full index runs, for pickers and symbol lists. */
  get progressNote(): string | undefined {
    const p = this.progress;
    return p ? l10n.t('still indexing: {0} of {1} done, results so far', p.done.toLocaleString('en'), count(p.total, 'file')) : undefined;
  }

  /** Everything the analysis depends on besides the text. */
  private cacheKey(version = this.knowledge.version): string {
    return `${CACHE_FORMAT}|${BUILD}|${version}`;
  }

  /** (Re)index the whole workspace, cancelling a run in progress. */
  reindex(): Promise<void> {
    this.current?.cancel();
    const cts = (this.current = new vscode.CancellationTokenSource());
    const previous = this.indexing;
    const run = (async () => {
      await previous.catch(() => undefined); // one run at a time: the cancelled one stops at its next file
      await this.knowledge.ready;
      if (cts.token.isCancellationRequested) return;
      await vscode.window.withProgress({ location: vscode.ProgressLocation.Window, title: 'Corpus Lens' }, (progress) => this.runFull(cts.token, progress));
    })();
    this.indexing = run.catch((error: unknown) => this.log.error(`Indexing failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`));
    return this.indexing;
  }

  private async runFull(token: vscode.CancellationToken, progress: vscode.Progress<{ message?: string }>): Promise<void> {
    const started = Date.now();
    const config = readConfig();
    progress.report({ message: l10n.t('finding corpus files') });
    const listed = this.freshness.run();
    const uris = await vscode.workspace.findFiles(config.include, config.exclude);
    if (token.isCancellationRequested) return;
    const known = new Set(uris.map(pathOf));
    // Gone since the last run; a file the watcher or an editor added while the list was taken stays.
    for (const doc of this.index.documents()) if (!known.has(doc.path)) this.remove(doc.path, listed);
    const cache = await this.loadCache();
    if (token.isCancellationRequested) return;
    const key = this.cacheKey();
    const changedKnowledge = this.lastKey !== undefined && this.lastKey !== key;
    // Documents analysed with another knowledge base must be analysed again (they stay listed until then).
    if (this.lastKey !== key) this.hashes.clear();
    this.lastKey = key;
    const verb = changedKnowledge ? l10n.t('re-indexing (knowledge or topics changed)') : l10n.t('indexing');
    const bytesBefore = this.reader.bytesRead;
    const stats = { cached: 0, analysed: 0, skipped: 0, superseded: 0 };
    this.progress = { done: 0, total: uris.length };
    let lastReport = 0;
    const report = () => {
      const now = Date.now();
      if (now - lastReport < 100 && this.progress!.done < uris.length) return;
      lastReport = now;
      progress.report({ message: l10n.t('{0} {1}/{2} files', verb, this.progress!.done.toLocaleString('en'), uris.length.toLocaleString('en')) });
    };
    report();
    const encodings = new Map<string, string | undefined>();
    try {
      await pool(
        uris,
        READS_IN_FLIGHT,
        async (uri) => {
          const folder = vscode.workspace.getWorkspaceFolder(uri)?.uri.toString() ?? '';
          if (!encodings.has(folder)) encodings.set(folder, preferredEncoding(uri));
          const outcome = await this.indexOne(uri, config.maxSizeBytes, encodings.get(folder), cache, token);
          stats[outcome]++;
          this.progress!.done++;
          report();
        },
        () => token.isCancellationRequested,
      );
    } finally {
      this.progress = undefined;
    }
    if (token.isCancellationRequested) return;
    this.lastRun = { ...stats, ms: Date.now() - started };
    const mb = ((this.reader.bytesRead - bytesBefore) / 1048576).toFixed(1);
    this.log.info(
      `Indexed ${count(uris.length, 'file')} (${mb} MB read; ${stats.cached} from the cache, ${stats.analysed} analysed on ${this.analyser.kind}, ${stats.skipped} skipped, ${stats.superseded} indexed meanwhile by the watcher) in ${Date.now() - started} ms`,
    );
    if (stats.analysed > 0 || cache.files.size !== this.hashes.size) await this.saveCache();
  }

  private lastKey: string | undefined;

  /** Reads, decodes and indexes one file (cache, worker or inline). */
  private async indexOne(uri: vscode.Uri, maxBytes: number, encoding: string | undefined, cache: LoadedCache, token: vscode.CancellationToken): Promise<Outcome> {
    const path = pathOf(uri);
    const ticket = this.freshness.begin();
    try {
      const reference = this.documents.referenceFor(path) ?? null;
      const open = vscode.workspace.textDocuments.find((d) => pathOf(d.uri) === path);
      if (open?.isDirty) {
        const { result } = await this.analyse({ path, text: open.getText(), ...(reference ? { reference } : {}) });
        if (token.isCancellationRequested || !('prepared' in result)) return 'skipped';
        return this.apply(path, ticket, result.prepared, undefined) ? 'analysed' : 'superseded';
      }
      const job = { uri, path, maxBytes, encoding, reference, cache };
      let result: Prepared | undefined;
      if (this.analyser instanceof WorkerAnalyser && this.reader.isDirect(uri)) result = await this.prepareOnWorker(this.analyser, job);
      result ??= await this.prepareHere(job);
      if (token.isCancellationRequested) return 'skipped';
      return this.settle(job, ticket, result);
    } catch (error) {
      this.log.error(`Cannot index ${uri.toString()}: ${error instanceof Error ? error.message : String(error)}`);
      return 'skipped';
    }
  }

  /**
   * A local file read, hashed and prepared (from the cache or analysed) on a worker thread: the main thread only
   * adds the result to the index. Undefined when the worker failed (the caller does it on the main thread).
   */
  private async prepareOnWorker(worker: WorkerAnalyser, { uri, path, maxBytes, encoding, reference, cache }: FileToIndex): Promise<Prepared | undefined> {
    // The knowledge the worker analyses this job with (jobs and knowledge updates reach it in order).
    const version = worker.version;
    const known = this.hashes.get(path);
    const cached = cache.version === version ? cache.files.get(path) : undefined;
    try {
      const result = await worker.prepareFile({
        path,
        file: uri.fsPath,
        maxBytes,
        ...(known && known.version === version && known.reference === reference && this.index.has(path) ? { known: known.hash } : {}),
        // (A line read as bytes is a view of the whole cache file, which a structured clone would copy in full: it is
        // decoded here, one line at a time, so that the worker, the reload's bottleneck at nice 19, parses as before.)
        ...(cached && cached.reference === reference ? { cached: { hash: cached.hash, json: cachedText(cached.json) } } : {}),
        ...(encoding ? { encoding } : {}),
        ...(reference ? { reference } : {}),
      });
      if ('bytes' in result) this.reader.countWorkerRead(result.bytes);
      return { result, version };
    } catch (error) {
      if (!worker.alive && this.analyser === worker) {
        this.log.warn(`Index workers unavailable (${String(error)}); indexing on the main thread`);
        worker.dispose();
        this.analyser = this.inline;
      }
      return undefined;
    }
  }

  /** The same as a worker's file job, on this thread: read (the reader counts the bytes), hash, cache, analyse. */
  private async prepareHere({ uri, path, maxBytes, encoding, reference, cache }: FileToIndex): Promise<Prepared> {
    const read = await this.reader.read(uri, maxBytes);
    const current = this.analyser.version;
    if (!('bytes' in read)) return { result: read, version: current };
    const hash = hashBytes(read.bytes);
    const bytes = read.bytes.byteLength;
    const known = this.hashes.get(path);
    if (known && known.version === current && known.hash === hash && known.reference === reference && this.index.has(path)) return { result: { unchanged: true, bytes }, version: current };
    const cached = cache.version === current ? cache.files.get(path) : undefined;
    let cacheError: string | undefined;
    if (cached && cached.hash === hash && cached.reference === reference) {
      try {
        return { result: { prepared: parseCachedDocument(cached.json), hash, bytes, fromCache: true }, version: current };
      } catch (error) {
        cacheError = String(error);
      }
    }
    const { result, version } = await this.analyse({ path, bytes: read.bytes, ...(encoding ? { encoding } : {}), ...(reference ? { reference } : {}) });
    if ('undecodable' in result) return { result: { undecodable: result.undecodable, hash, bytes }, version };
    return { result: { prepared: result.prepared, hash, bytes, ...(cacheError ? { cacheError } : {}) }, version };
  }

  /** What a file job found, into the index: one place for every way a file is not indexed. */
  private settle({ uri, path, reference }: FileToIndex, ticket: number, { result, version }: Prepared): Outcome {
    if ('unchanged' in result) return 'cached';
    if ('missing' in result) {
      this.remove(path, ticket);
      return 'skipped';
    }
    if ('tooLarge' in result) {
      this.skip(path, ticket, `larger than corpusLens.files.maxSizeMB (${(result.tooLarge / 1048576).toFixed(1)} MB)`);
      return 'skipped';
    }
    if ('undecodable' in result) {
      this.skip(path, ticket, `${result.undecodable}; set files.encoding for it, or convert it to UTF-8`);
      return 'skipped';
    }
    if (result.cacheError) this.log.warn(`Cached index of ${uri.toString()} unusable (${result.cacheError}); analysed again`);
    if (!this.apply(path, ticket, result.prepared, { hash: result.hash, reference, version })) return 'superseded';
    return result.fromCache ? 'cached' : 'analysed';
  }

  /** On the worker threads; on the main thread if they failed. */
  private async analyse(job: PrepareJob): Promise<{ result: PrepareResult; version: string }> {
    const analyser = this.analyser;
    const version = analyser.version;
    if (analyser === this.inline) return { result: await this.inline.prepare(job), version };
    try {
      return { result: await analyser.prepare(job), version };
    } catch (error) {
      if (analyser instanceof WorkerAnalyser && !analyser.alive && this.analyser === analyser) {
        this.log.warn(`Index workers unavailable (${String(error)}); indexing on the main thread`);
        analyser.dispose();
        this.analyser = this.inline;
      }
      return { result: await this.inline.prepare(job), version: this.inline.version };
    }
  }

  /** Adds or replaces a document; false (nothing done) when an update that started after `ticket` settled it. */
  private apply(path: string, ticket: number, prepared: PreparedDocument, hash: DiskVersion | undefined): boolean {
    if (!this.freshness.settle(path, ticket)) return false;
    this.skipped.delete(path);
    this.lineStarts.set(path, prepared.lines);
    this.index.setPrepared(path, { ...prepared, lines: new Uint32Array(0) });
    if (hash) this.hashes.set(path, hash);
    else this.hashes.delete(path);
    return true;
  }

  private skip(path: string, ticket: number, why: string): void {
    if (!this.freshness.settle(path, ticket)) return;
    if (this.skipped.get(path) !== why) this.log.warn(`Not indexed: ${uriOf(path).toString()}: ${why}`);
    this.skipped.set(path, why);
    this.drop(path);
  }

  /** A created or changed file (watcher): the same checks as a full index (size limit, encoding, cache). */
  private async indexFile(uri: vscode.Uri): Promise<void> {
    const open = vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri.toString());
    if (open?.isDirty) return; // the editor's text wins until it is saved
    const token = new vscode.CancellationTokenSource();
    try {
      const outcome = await this.indexOne(uri, readConfig(uri).maxSizeBytes, preferredEncoding(uri), { files: new Map(), version: '' }, token.token);
      if (outcome === 'analysed') this.saveSoon();
    } finally {
      token.dispose();
    }
  }

  /** Unsaved text of an open editor (main thread: one document, already in memory). */
  setText(path: string, text: string): void {
    const ticket = this.freshness.begin();
    const max = readConfig(uriOf(path)).maxSizeBytes;
    if (text.length > max / 3 && utf8Length(text) > max) {
      this.skip(path, ticket, 'larger than corpusLens.files.maxSizeMB');
      return;
    }
    const reference = this.documents.referenceFor(path);
    const analysis = withoutBoilerplate(this.knowledge.analyzer.analyse(text, reference ? { reference } : {}));
    this.apply(path, ticket, prepareDocument(text, analysis, this.knowledge.topics), undefined);
  }

  /** The file is gone (or not in the list of a full run that started at `ticket`), unless a later update settled it. */
  private remove(path: string, ticket: number): void {
    if (this.freshness.settle(path, ticket)) this.drop(path);
  }

  private drop(path: string): void {
    this.lineStarts.delete(path);
    this.hashes.delete(path);
    this.index.remove(path);
  }

  private rename(from: string, to: string): void {
    this.freshness.rename(from, to);
    const starts = this.lineStarts.get(from);
    if (starts) {
      this.lineStarts.delete(from);
      this.lineStarts.set(to, starts);
    }
    const hash = this.hashes.get(from);
    this.hashes.delete(from);
    if (hash) this.hashes.set(to, hash);
    this.index.rename(from, to);
  }

  // -------------------------------------------------------------------------------------------------------------
  // Persistent cache: <storage>/index-cache.jsonl, written atomically (temp file + rename).
  // -------------------------------------------------------------------------------------------------------------

  private get cacheUri(): vscode.Uri | undefined {
    return this.options.storage ? vscode.Uri.joinPath(this.options.storage, CACHE_FILE) : undefined;
  }

  private async loadCache(): Promise<LoadedCache> {
    const uri = this.cacheUri;
    const version = this.knowledge.version;
    const none = { files: new Map<string, CachedFile>(), version };
    if (!uri) return none;
    try {
      // As bytes: only the keys are decoded here; each document's line is decoded where it is parsed (a worker).
      const read = await this.reader.read(uri, Number.MAX_SAFE_INTEGER, { count: false });
      if (!('bytes' in read)) return none;
      const reader = cacheReader(read.bytes, this.cacheKey(version));
      let step = reader.next();
      for (let slice = Date.now(); !step.done; step = reader.next()) {
        if (Date.now() - slice > 8) {
          await new Promise<void>((resolve) => setTimeout(resolve, 0));
          slice = Date.now();
        }
      }
      const { files, reason } = step.value;
      if (reason) this.log.info(`Index cache not used: ${reason}`);
      return { files, version };
    } catch (error) {
      this.log.warn(`Index cache unreadable (${String(error)}); indexing from the files`);
      return none;
    }
  }

  private saving: Promise<void> = Promise.resolve();

  /**
   * Writes every document indexed from disk, streamed: each document's line is made and encoded between yields to
   * the event loop and written in chunks of about CACHE_CHUNK bytes (a local file: to the temp file as they come).
   * Joining the lines (tens of MB at 10,000 files) in one buffer was a main-thread stall of its own, and held the
   * lines, their joined bytes and the garbage collector's work of both at once.
   */
  saveCache(): Promise<void> {
    this.saving = this.saving.then(async () => {
      const uri = this.cacheUri;
      if (!uri) return;
      const started = Date.now();
      // Only documents analysed with the knowledge base of now, under its key (a reload may be a step ahead of an
      // analysis that was on a worker: the full run it starts analyses that document again).
      const version = this.knowledge.version;
      const documents = [...this.hashes].filter(([path, v]) => v.version === version && this.index.has(path));
      let written = 0;
      const index = this.index;
      const lineStarts = this.lineStarts;
      const key = this.cacheKey(version);
      async function* chunks(): AsyncGenerator<Uint8Array> {
        let pending: Uint8Array[] = [cacheEncoder.encode(`${cacheHeader(key, documents.length)}\n`)];
        let size = pending[0]!.byteLength;
        let slice = Date.now();
        for (const [path, { hash, reference }] of documents) {
          const prepared = index.exportPrepared(path);
          // (Gone since the list was made: the header's count is one more than the lines, which the reader allows.)
          if (!prepared) continue;
          prepared.lines = lineStarts.get(path) ?? new Uint32Array([0]);
          const line = cacheEncoder.encode(`${cacheLine(path, hash, reference ?? undefined, prepared)}\n`);
          pending.push(line);
          size += line.byteLength;
          written++;
          if (size >= CACHE_CHUNK) {
            yield concatBytes(pending, size);
            pending = [];
            size = 0;
          }
          if (Date.now() - slice > 8) {
            await new Promise<void>((resolve) => setTimeout(resolve, 0));
            slice = Date.now();
          }
        }
        if (size) yield concatBytes(pending, size);
      }
      try {
        await vscode.workspace.fs.createDirectory(this.options.storage!);
        await this.store.writeBytesAtomic(uri.toString(), chunks());
        this.log.info(`Index cache: ${count(written, 'document')} written in ${Date.now() - started} ms`);
      } catch (error) {
        this.log.warn(`Index cache not written (${String(error)})`);
      }
    });
    return this.saving;
  }

  /** A vscode Location for a span of an indexed file, without reading it again. */
  location(path: string, span: Span): vscode.Location {
    return this.locations([{ path, start: span.start, end: span.end }])[0]!;
  }

  /**
   * Locations of many spans (Find All References of an entity: 10^5 mentions): the open document or the line
   * starts and the Uri are looked up once per file, not once per span.
   */
  locations(spans: ReadonlyArray<{ path: string; start: number; end: number }>): vscode.Location[] {
    let open: Map<string, vscode.TextDocument> | undefined;
    let lastPath: string | undefined;
    let at: ((offset: number) => vscode.Position) | undefined;
    let uri: vscode.Uri | undefined;
    const out: vscode.Location[] = new Array(spans.length);
    for (let i = 0; i < spans.length; i++) {
      const s = spans[i]!;
      if (s.path !== lastPath) {
        open ??= new Map(vscode.workspace.textDocuments.map((d) => [pathOf(d.uri), d]));
        lastPath = s.path;
        const doc = open.get(s.path);
        if (doc) {
          uri = doc.uri;
          at = (offset) => doc.positionAt(offset);
        } else {
          const starts = this.lineStarts.get(s.path) ?? new Uint32Array([0]);
          uri = uriOf(s.path);
          at = (offset) => position(starts, offset);
        }
      }
      out[i] = new vscode.Location(uri!, new vscode.Range(at!(s.start), at!(s.end)));
    }
    return out;
  }
}

function position(starts: Uint32Array, offset: number): vscode.Position {
  const p = positionIn(starts, offset);
  return new vscode.Position(p.line, p.character);
}

