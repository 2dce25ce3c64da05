import { withoutBoilerplate } from '../../core/analysis';
import { prepareDocument, type PreparedDocument } from '../../core/corpus/index';
import { decodeCorpus } from '../../core/text/decode';
import { BUNDLED_KNOWLEDGE_FILE } from '../../core/entities/knowledge';
import type { Logger } from '../../core/types';
import type { KnowledgeService } from './knowledge';
import { INDEX_WORKER_NICE } from './threadPriority';

export interface PrepareJob {
  path: string;
  /** File bytes (decoded by the analyser), or the text of an open document. */
  bytes?: Uint8Array;
  text?: string;
  /** TextDecoder label the user chose for the file (files.encoding), if not UTF-8. */
  encoding?: string;
  reference?: string;
}

export type PrepareResult = { prepared: PreparedDocument } | { undecodable: string };

/** A local file the worker reads itself (see indexWorker.ts): `known` is the hash indexed now, `cached` the cache entry. */
export interface FileJob {
  path: string;
  /** Its path on disk. */
  file: string;
  maxBytes: number;
  known?: string;
  cached?: { hash: string; json: string };
  encoding?: string;
  reference?: string;
}

export type FileResult =
  | { prepared: PreparedDocument; hash: string; bytes: number; fromCache?: boolean; cacheError?: string }
  | { undecodable: string; hash: string; bytes: number }
  | { unchanged: true; bytes: number }
  | { tooLarge: number }
  | { missing: true };

/** Turns corpus files into PreparedDocuments, on worker threads or, where there are none, on the main thread. */
export interface IndexAnalyser {
  readonly kind: string;
  /** The knowledge version (KnowledgeService.version) a job posted now is analysed with. */
  readonly version: string;
  prepare(job: PrepareJob): Promise<PrepareResult>;
  /** The knowledge base or topics changed: later jobs use the new ones. */
  reconfigure(): void;
  dispose(): void;
}

/** Yields to the event loop when the current slice ran this long (ms). */
const SLICE_MS = 8;

/**
 * The fallback where the host has no worker threads (the web worker extension host, whose nested workers VS Code
 * does not provide a script URL for): analysis on the extension host's thread, one document per slice, yielding to
 * the event loop between documents once a slice has run 8 ms, so typing and hovers wait at most one document.
 */
export class InlineAnalyser implements IndexAnalyser {
  readonly kind = 'main thread (yielding between documents)';
  private sliceStart = Date.now();
  constructor(private readonly knowledge: KnowledgeService) {}

  get version(): string {
    return this.knowledge.version;
  }

  async prepare(job: PrepareJob): Promise<PrepareResult> {
    if (Date.now() - this.sliceStart >= SLICE_MS) {
      await new Promise<void>((resolve) => setTimeout(resolve, 0));
      this.sliceStart = Date.now();
    }
    let text = job.text;
    if (text === undefined) {
      const decoded = decodeCorpus(job.bytes ?? new Uint8Array(0), job.encoding);
      if (!decoded.ok) return { undecodable: decoded.reason };
      text = decoded.text;
    }
    const analysis = withoutBoilerplate(this.knowledge.analyzer.analyse(text, job.reference ? { reference: job.reference } : {}));
    return { prepared: prepareDocument(text, analysis, this.knowledge.topics) };
  }

  reconfigure(): void {}
  dispose(): void {}
}

interface NodeWorker {
  postMessage(message: unknown): void;
  on(event: 'message', listener: (m: unknown) => void): void;
  on(event: 'error', listener: (e: Error) => void): void;
  on(event: 'exit', listener: (code: number) => void): void;
  terminate(): Promise<number>;
  unref(): void;
}

interface Pending {
  resolve(r: unknown): void;
  reject(e: Error): void;
}

/**
 * The young generation of a worker's V8 heap (MB; V8's default grows to 48). A worker allocates mostly short-lived
 * analysis objects: with 8 MB its resident memory, all of it the extension host's, is ~17 MB lower (87 vs 104 MB
 * per worker, 150 documents, three runs each) for no measurable CPU time (2.4-2.9 s both).
 */
const WORKER_YOUNG_GENERATION_MB = 8;

/** How long the workers stay after their last job before they are released (see WorkerAnalyser). */
export const WORKER_IDLE_MS = 10_000;

interface Slot {
  worker: NodeWorker;
  pending: Map<number, Pending>;
  dead: boolean;
  /** Terminated on purpose (idle): its exit is no failure. */
  released: boolean;
  /** The thread's nice value as the worker reported it after its first init (null: unchanged, unknown). */
  priority?: number | null;
}

export interface WorkerOptions {
  /**
   * The nice value each worker gives its own thread (Linux; see threadPriority.ts): default INDEX_WORKER_NICE, 0
   * keeps the process's priority (benchmarks compare the two).
   */
  nice?: number;
}

/**
 * worker_threads in a Node extension host: `size` workers (dist/indexWorker.js), each with its own copy of the
 * knowledge base. Jobs go to the worker with the fewest in flight. A worker that dies fails its jobs (the corpus
 * service logs them and falls back to the main thread for the rest).
 *
 * Workers are released `idleMs` after their last job (a worker holds ~110 MB: its knowledge base, tagger models and
 * heap, all of it in the extension host's resident memory) and started again by the next job, which then waits for
 * their start (a few hundred ms, on the workers' threads; ~40 ms of the main thread to spawn them).
 *
 * Each worker lowers its own thread's priority (nice 19 by default, Linux only): with the cores busy, the extension
 * host's main thread (hovers, typing, the results of the workers) runs first and indexing takes the rest.
 */
export class WorkerAnalyser implements IndexAnalyser {
  readonly kind: string;
  private workers: Slot[] = [];
  private nextId = 1;

  private started = false;
  private disposed = false;
  /** The knowledge version last sent to the workers. */
  private sent = '';
  private idleTimer: ReturnType<typeof setTimeout> | undefined;
  private inFlight = 0;

  constructor(
    private readonly create: () => NodeWorker,
    private readonly size: number,
    private readonly knowledge: Pick<KnowledgeService, 'sources' | 'version'>,
    private readonly log: Logger,
    private readonly idleMs = WORKER_IDLE_MS,
    private readonly options: WorkerOptions = {},
  ) {
    this.kind = `${size} worker thread${size === 1 ? '' : 's'}`;
  }

  /** Worker threads running now (0 before the first job and after an idle release). */
  get running(): number {
    return this.workers.filter((w) => !w.dead).length;
  }

  /** The nice values the running workers reported for their threads (null: priority not changed). */
  get priorities(): Array<number | null | undefined> {
    return this.workers.filter((w) => !w.dead).map((w) => w.priority);
  }

  /** The workers start with the first job (not at activation: spawning them cost the main thread ~60-250 ms). */
  private start(): void {
    if (this.started || this.disposed) return;
    this.started = true;
    for (let i = 0; i < this.size; i++) {
      let worker: NodeWorker;
      try {
        worker = this.create();
      } catch (error) {
        this.log.warn(`No index worker threads (${String(error)}); indexing on the main thread`);
        break;
      }
      const slot: Slot = { worker, pending: new Map<number, Pending>(), dead: false, released: false };
      worker.on('message', (m) => {
        if (m && typeof m === 'object' && 'priority' in m) {
          slot.priority = (m as { priority: number | null }).priority;
          return;
        }
        const { id, error, ...result } = m as { id: number; error?: string };
        const p = slot.pending.get(id);
        if (!p) return;
        slot.pending.delete(id);
        if (error !== undefined || Object.keys(result).length === 0) p.reject(new Error(error ?? 'worker failed'));
        else p.resolve(result);
      });
      const fail = (why: string) => {
        if (slot.released) return;
        slot.dead = true;
        for (const p of slot.pending.values()) p.reject(new Error(why));
        slot.pending.clear();
      };
      worker.on('error', (e) => {
        this.log.error(`Index worker failed: ${e.message}`);
        fail(e.message);
      });
      worker.on('exit', (code) => fail(`index worker exited (${code})`));
      worker.unref();
      this.workers.push(slot);
    }
    this.reconfigure();
  }

  /** Worker threads when the host has them and the worker script exists; otherwise undefined (use InlineAnalyser). */
  static create(script: string | undefined, knowledge: KnowledgeService, log: Logger, options: WorkerOptions = {}): WorkerAnalyser | undefined {
    if (!script) return undefined;
    const proc = (globalThis as { process?: { getBuiltinModule?: (id: string) => unknown } }).process;
    try {
      const threads = proc?.getBuiltinModule?.('node:worker_threads') as { Worker: new (file: string, options?: object) => NodeWorker } | undefined;
      const os = proc?.getBuiltinModule?.('node:os') as { availableParallelism?: () => number; cpus(): unknown[] } | undefined;
      const fs = proc?.getBuiltinModule?.('node:fs') as { existsSync(p: string): boolean } | undefined;
      if (!threads || !fs?.existsSync(script)) return undefined;
      const cores = os?.availableParallelism?.() ?? os?.cpus().length ?? 2;
      // Leave a core to the extension host's own thread (and the renderer on a desktop).
      const size = Math.max(1, Math.min(4, cores - 1));
      const resourceLimits = { maxYoungGenerationSizeMb: WORKER_YOUNG_GENERATION_MB };
      return new WorkerAnalyser(() => new threads.Worker(script, { name: 'corpus-lens-index', resourceLimits }), size, knowledge, log, WORKER_IDLE_MS, options);
    } catch (error) {
      log.warn(`No index worker threads (${String(error)}); indexing on the main thread`);
      return undefined;
    }
  }

  /** What the workers were last given; before they start, what they will be given (start() sends it). */
  get version(): string {
    return this.started ? this.sent : this.knowledge.version;
  }

  get alive(): boolean {
    return !this.disposed && (!this.started || this.workers.some((w) => !w.dead));
  }

  reconfigure(): void {
    const { knowledge, topics } = this.knowledge.sources;
    this.sent = this.knowledge.version;
    // The bundled knowledge base is named, not copied: each worker reads its own from dist/data (a structured clone
    // of the compiled 8k entities cost the main thread ~100 ms per worker).
    const sources = knowledge.map((s) => (s.file === BUNDLED_KNOWLEDGE_FILE && s.compiled ? { file: s.file, bundled: true } : s));
    const nice = this.options.nice ?? INDEX_WORKER_NICE;
    for (const w of this.workers) if (!w.dead) w.worker.postMessage({ type: 'init', knowledge: sources, topics, nice });
  }

  prepare(job: PrepareJob): Promise<PrepareResult> {
    return this.send<PrepareResult>({ type: 'prepare', ...job });
  }

  /** A local file read, hashed, taken from the cache or analysed on a worker (the main thread only indexes it). */
  prepareFile(job: FileJob): Promise<FileResult> {
    return this.send<FileResult>({ type: 'file', ...job });
  }

  private send<T>(message: { type: string }): Promise<T> {
    if (this.idleTimer) clearTimeout(this.idleTimer);
    this.idleTimer = undefined;
    this.start();
    const live = this.workers.filter((w) => !w.dead);
    if (live.length === 0) return Promise.reject(new Error('no index worker left'));
    const slot = live.reduce((a, b) => (b.pending.size < a.pending.size ? b : a));
    const id = this.nextId++;
    this.inFlight++;
    const settled = () => {
      if (--this.inFlight === 0) this.releaseWhenIdle();
    };
    return new Promise<T>((resolve, reject) => {
      slot.pending.set(id, {
        resolve: (r) => {
          settled();
          resolve(r as T);
        },
        reject: (e) => {
          settled();
          reject(e);
        },
      });
      slot.worker.postMessage({ ...message, id });
    });
  }

  private releaseWhenIdle(): void {
    if (this.disposed || this.idleTimer) return;
    this.idleTimer = setTimeout(() => {
      this.idleTimer = undefined;
      if (this.inFlight > 0 || this.disposed || !this.started) return;
      const running = this.running;
      for (const w of this.workers) {
        w.released = true;
        void w.worker.terminate();
      }
      this.workers = [];
      // The next job starts them again, with the knowledge base of then.
      this.started = false;
      if (running) this.log.info(`Index worker${running === 1 ? '' : 's'} released after ${Math.round(this.idleMs / 1000)} s without a job`);
    }, this.idleMs);
    // Never what keeps a process (a test, the CLI host) alive.
    (this.idleTimer as { unref?: () => void }).unref?.();
  }

  dispose(): void {
    this.disposed = true;
    if (this.idleTimer) clearTimeout(this.idleTimer);
    this.idleTimer = undefined;
    for (const w of this.workers) {
      w.dead = true;
      void w.worker.terminate();
    }
  }
}
