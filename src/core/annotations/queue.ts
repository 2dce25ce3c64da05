/**
 * Ordering of the annotation sync (see sync.ts): one queue of operations run one at a time in the order requested,
 * and delayed follow-ups by key that a command can run at once. Time comes from an injected `Clock`.
 */

/** Timers (the host's `setTimeout`; tests pass a manual clock). */
export interface Clock {
  setTimeout(run: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

/** The global timers of the JavaScript host (Node, web worker). */
export const systemClock: Clock = {
  setTimeout: (run, ms) => setTimeout(run, ms),
  clearTimeout: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
};

/**
 * Every operation runs after every operation requested before it, and before any requested after it; a failed
 * operation rejects its own promise only (the next one still runs).
 */
export class OperationQueue {
  private tail: Promise<unknown> = Promise.resolve();

  run<T>(work: () => Promise<T>): Promise<T> {
    const run = this.tail.then(work, work);
    this.tail = run.catch(() => undefined);
    return run;
  }
}

/** Delayed work by key (a new request for a key replaces the pending one) that can be run at once (`flush`). */
export class Deferred {
  private readonly timers = new Map<string, { handle: unknown; run: () => void }>();

  constructor(private readonly clock: Clock) {}

  schedule(key: string, ms: number, run: () => void): void {
    this.cancel(key);
    const handle = this.clock.setTimeout(() => {
      this.timers.delete(key);
      run();
    }, ms);
    this.timers.set(key, { handle, run });
  }

  cancel(key: string): void {
    const entry = this.timers.get(key);
    if (entry) this.clock.clearTimeout(entry.handle);
    this.timers.delete(key);
  }

  /** Keys of the pending tasks, in the order they were scheduled. */
  pending(): string[] {
    return [...this.timers.keys()];
  }

  /** Run every pending task now. */
  flush(): void {
    const entries = [...this.timers.values()];
    for (const e of entries) this.clock.clearTimeout(e.handle);
    this.timers.clear();
    for (const e of entries) e.run();
  }

  dispose(): void {
    for (const e of this.timers.values()) this.clock.clearTimeout(e.handle);
    this.timers.clear();
  }
}
