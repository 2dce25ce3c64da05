import type * as vscode from 'vscode';

/** Owns registrations: everything `_register`ed is disposed with it. */
export abstract class Disposable implements vscode.Disposable {
  private readonly disposables: vscode.Disposable[] = [];
  private disposed = false;

  protected _register<T extends vscode.Disposable>(d: T): T {
    if (this.disposed) d.dispose();
    else this.disposables.push(d);
    return d;
  }

  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    while (this.disposables.length) this.disposables.pop()!.dispose();
  }
}

/** Runs `fn` at most once per `ms` after the last call (trailing). */
export function debounce<A extends unknown[]>(fn: (...args: A) => void, ms: number): ((...args: A) => void) & { cancel(): void } {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const wrapped = (...args: A) => {
    if (timer) clearTimeout(timer);
    timer = setTimeout(() => {
      timer = undefined;
      fn(...args);
    }, ms);
  };
  wrapped.cancel = () => timer && clearTimeout(timer);
  return wrapped;
}

/**
 * Runs `fn` at once when it has not run in the last `ms`, else once at the end of that interval (trailing, with the
 * last arguments): at most once per `ms` however often it is called, and never later than `ms` after a call.
 */
export function throttle<A extends unknown[]>(fn: (...args: A) => void, ms: number): ((...args: A) => void) & { cancel(): void } {
  let timer: ReturnType<typeof setTimeout> | undefined;
  let last = -Infinity;
  let pending: A | undefined;
  const run = (args: A) => {
    last = Date.now();
    fn(...args);
  };
  const wrapped = (...args: A) => {
    const wait = last + ms - Date.now();
    if (wait <= 0 && !timer) return run(args);
    pending = args;
    timer ??= setTimeout(() => {
      timer = undefined;
      const next = pending!;
      pending = undefined;
      run(next);
    }, Math.max(0, wait));
  };
  wrapped.cancel = () => {
    if (timer) clearTimeout(timer);
    timer = undefined;
    pending = undefined;
  };
  return wrapped;
}

/**
 * `debounce` per key: a call for one key does not cancel the pending call of another (several documents changing
 * on disk at once, as in a git pull, each get their update), and each key runs once, `ms` after its last call.
 */
export function debounceEach<K>(fn: (key: K) => void, ms: number): ((key: K) => void) & { cancel(): void } {
  const timers = new Map<K, ReturnType<typeof setTimeout>>();
  const wrapped = (key: K) => {
    const pending = timers.get(key);
    if (pending) clearTimeout(pending);
    timers.set(
      key,
      setTimeout(() => {
        timers.delete(key);
        fn(key);
      }, ms),
    );
  };
  wrapped.cancel = () => {
    for (const t of timers.values()) clearTimeout(t);
    timers.clear();
  };
  return wrapped;
}
