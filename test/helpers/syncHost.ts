import type { Clock } from '../../src/core/annotations/queue';
import { AnnotationStore } from '../../src/core/annotations/store';
import { RecordingFileStore } from '../../src/core/annotations/recordingFiles';
import { AnnotationSync, type EditorDocument, type SyncHost } from '../../src/core/annotations/sync';
import { confinedJoin } from '../../src/core/confine';
import type { FileStore, Logger, Problem } from '../../src/core/types';
import { MemoryFileStore } from './memoryFileStore';

/** A clock whose timers run only when the test says so (`runAll`). */
export class ManualClock implements Clock {
  private next = 1;
  readonly timers = new Map<number, { run: () => void; ms: number }>();
  setTimeout(run: () => void, ms: number): unknown {
    const handle = this.next++;
    this.timers.set(handle, { run, ms });
    return handle;
  }
  clearTimeout(handle: unknown): void {
    this.timers.delete(handle as number);
  }
  runAll(): void {
    const due = [...this.timers.values()];
    this.timers.clear();
    for (const t of due) t.run();
  }
}

/** An editor's document: its text, dirty and closed flags, set by the test. */
export class FakeEditor implements EditorDocument {
  isDirty = false;
  isClosed = false;
  constructor(
    readonly path: string,
    public text: string,
  ) {}
  getText(): string {
    return this.text;
  }
}

/**
 * A FileStore whose operations can be held at a gate (`hold(kind)` returns the release function): what happens
 * while the sync awaits I/O can then be reported in between.
 */
export class GatedFileStore implements FileStore {
  private gates = new Map<string, Promise<void>>();
  writeFailures = 0;
  constructor(readonly inner: MemoryFileStore) {}
  private reachedBy = new Map<string, () => void>();
  /** Hold the next operations of `kind` on `path` until `release()`; `reached` resolves when one is waiting. */
  hold(kind: 'read' | 'write', path: string): { release: () => void; reached: Promise<void> } {
    const key = `${kind} ${path}`;
    let release!: () => void;
    const reached = new Promise<void>((r) => this.reachedBy.set(key, r));
    this.gates.set(key, new Promise<void>((r) => (release = r)));
    return {
      reached,
      release: () => {
        this.gates.delete(key);
        release();
      },
    };
  }
  private async gate(kind: string, path: string): Promise<void> {
    const key = `${kind} ${path}`;
    const g = this.gates.get(key);
    if (!g) return;
    this.reachedBy.get(key)?.();
    await g;
  }
  async readText(path: string): Promise<string | undefined> {
    await this.gate('read', path);
    return this.inner.readText(path);
  }
  async writeTextAtomic(path: string, text: string): Promise<void> {
    await this.gate('write', path);
    if (this.writeFailures > 0) {
      this.writeFailures--;
      throw new Error('ENOSPC: no space left on device');
    }
    return this.inner.writeTextAtomic(path, text);
  }
  exists(path: string): Promise<boolean> {
    return this.inner.exists(path);
  }
  delete(path: string): Promise<void> {
    return this.inner.delete(path);
  }
}

export interface SyncFixture {
  sync: AnnotationSync;
  store: AnnotationStore;
  disk: MemoryFileStore;
  files: GatedFileStore;
  clock: ManualClock;
  editors: Map<string, FakeEditor>;
  /** What the sync told the host, in order: `problems <doc>`, `sidecar <path> <n|none>`, `warning <text>`, ... */
  events: string[];
  log: string[];
  host: SyncHost;
  /** Open an editor on a document (its text: the file's unless given). */
  open(path: string, text?: string): FakeEditor;
}

export const ROOT = 'file:///ws';

/** A sync over an in-memory workspace folder `file:///ws` (settings: `annotationsFolder`), trusted, author "A". */
export function syncFixture(options: { annotationsFolder?: string; trusted?: boolean } = {}): SyncFixture {
  const disk = new MemoryFileStore();
  const files = new GatedFileStore(disk);
  const recording = new RecordingFileStore(files);
  let t = Date.parse('2026-01-01T00:00:00Z');
  let seed = 7;
  const random = () => ((seed = (seed * 16807) % 2147483647) - 1) / 2147483646;
  const store = new AnnotationStore(recording, { author: 'A', random, now: () => new Date((t += 1000)) });
  const clock = new ManualClock();
  const editors = new Map<string, FakeEditor>();
  const events: string[] = [];
  const log: string[] = [];
  const logger: Logger = {
    debug: () => undefined,
    info: (m) => void log.push(`info ${m}`),
    warn: (m) => void log.push(`warn ${m}`),
    error: (m) => void log.push(`error ${m}`),
  };
  const host: SyncHost = {
    files: recording,
    log: logger,
    clock,
    openDocument: (path) => {
      const e = editors.get(path);
      return e && !e.isClosed ? e : undefined;
    },
    isTrusted: () => options.trusted ?? true,
    restrictedMessage: 'Restricted Mode: annotations are read-only',
    author: () => 'A',
    folderOf: (path) => (path.startsWith(ROOT + '/') ? ROOT : undefined),
    annotationsFolder: () => options.annotationsFolder ?? '',
    confine: async (root, base, declared) => confinedJoin(root, base, declared),
    canonical: (path) => path,
    displayPath: (path) => path.replace(/^file:\/\//, ''),
    showWarning: (m) => void events.push(`warning ${m}`),
    showError: (m) => void events.push(`error ${m}`),
    problemsChanged: (doc) => void events.push(`problems ${doc}`),
    sidecarProblems: (path, problems: Problem[] | undefined) => void events.push(`sidecar ${path} ${problems ? problems.map((p) => `${p.severity}@${p.line}:${p.column} ${p.message}`).join(' | ') : 'none'}`),
    referenceChanged: (doc) => void events.push(`reference ${doc}`),
    closed: (doc) => void events.push(`closed ${doc}`),
  };
  const sync = new AnnotationSync(store, host);
  const open = (path: string, text?: string) => {
    const editor = new FakeEditor(path, text ?? disk.files.get(path) ?? '');
    editors.set(path, editor);
    return editor;
  };
  return { sync, store, disk, files, clock, editors, events, log, host, open };
}
