/**
 * The scheduling priority of the calling thread (an index worker's), without touching the rest of the process.
 *
 * On Linux a thread is a task with its own id (the last part of /proc/thread-self: `<pid>/task/<tid>`), and
 * setpriority(PRIO_PROCESS, tid) — what `os.setPriority(tid, n)` calls — renices that task only: the extension
 * host's main thread, its other workers and the rest of the process keep their priority. Under contention for the
 * cores, a worker at nice 19 gets ~1.5% of the CPU time a nice-0 thread of the same process (and scheduling group)
 * asks for, so the main thread's hover and typing requests run first; on an idle machine the worker still has a
 * whole core and indexes as fast as before.
 *
 * Elsewhere (no /proc/thread-self: macOS, Windows, a sandbox without /proc) nothing is changed, silently: on those
 * systems os.setPriority(pid) would renice the whole process, the main thread with it.
 */
interface PriorityApi {
  readlinkSync(path: string): string;
  setPriority(pid: number, priority: number): void;
  getPriority(pid: number): number;
}

/** How far a worker lowers its own priority (nice value; 19 is the lowest, 0 unchanged). */
export const INDEX_WORKER_NICE = 19;

function nodeApi(): PriorityApi | undefined {
  const builtin = (globalThis as { process?: { getBuiltinModule?: (id: string) => unknown } }).process?.getBuiltinModule;
  const fs = builtin?.('node:fs') as { readlinkSync(path: string): string } | undefined;
  const os = builtin?.('node:os') as { setPriority(pid: number, priority: number): void; getPriority(pid: number): number } | undefined;
  if (!fs || !os) return undefined;
  return { readlinkSync: (p) => fs.readlinkSync(p), setPriority: (pid, n) => os.setPriority(pid, n), getPriority: (pid) => os.getPriority(pid) };
}

/** This thread's id from /proc/thread-self, or undefined where there is none. */
export function threadId(api: Pick<PriorityApi, 'readlinkSync'> | undefined = nodeApi()): number | undefined {
  if (!api) return undefined;
  try {
    const m = /^\d+\/task\/(\d+)$/.exec(api.readlinkSync('/proc/thread-self'));
    const tid = m ? Number(m[1]) : NaN;
    return Number.isSafeInteger(tid) && tid > 0 ? tid : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Sets the calling thread's nice value to `nice` (1..19) when it is lower now; returns the nice value the thread
 * has afterwards, or undefined when the thread could not be told apart from its process (nothing was changed).
 * Never raises a priority (that needs privileges, and another caller may have lowered it on purpose).
 */
export function lowerThreadPriority(nice: number, api: PriorityApi | undefined = nodeApi()): number | undefined {
  const tid = threadId(api);
  if (tid === undefined || !api) return undefined;
  try {
    const now = api.getPriority(tid);
    const target = Math.max(-20, Math.min(19, Math.round(nice)));
    if (target > now) api.setPriority(tid, target);
    return api.getPriority(tid);
  } catch {
    return undefined;
  }
}
