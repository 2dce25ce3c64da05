/**
 * The one write path for files on a local disk, shared by the CLI (NodeFileStore) and the extension host
 * (WorkspaceFileStore on `file:` URIs). The web build bundles this module too but never calls it: the Node
 * modules are handed in (`nodeApi()` finds them with `process.getBuiltinModule`), nothing is imported statically.
 *
 * - writeTextAtomic: temp file in the target's folder, written, fsync'ed, renamed over the target, folder
 *   fsync'ed (a power cut leaves the old file or the new one, never an empty one). A symlink is written through to
 *   its target (the link stays a link); the target's permission bits (and owner, when allowed) are kept; a file
 *   without write permission is refused with a ReadOnlyFileError, never replaced. A failed write (ENOSPC) removes
 *   its temp file and leaves the target untouched: nothing lands later.
 * - withLock: an exclusive lock file `.<name>.lock` beside the real file, created atomically with its content
 *   (pid, host, time). A lock whose process is gone (same host) or that was not refreshed for `staleMs` (another
 *   host) is broken by renaming it aside and checking that what was renamed is the stale lock. The holder
 *   refreshes the lock's time while it works. Waiting gives up after `timeoutMs` with a LockTimeoutError.
 * - recover: deletes temp files and broken-lock leftovers of writers that died (kill -9, power cut).
 */
import type * as FsPromises from 'node:fs/promises';
import type * as Os from 'node:os';
import type * as Path from 'node:path';
import type { ReadOptions } from '../core/types';
import { decodeText } from '../core/text/offsets';
import { decodeUtf8Strict } from '../core/text/utf8';

export interface NodeApi {
  fsp: typeof FsPromises;
  os: typeof Os;
  path: typeof Path;
  pid: number;
}

/** The Node modules of the running host (extension host, CLI); undefined in a web worker. */
export function nodeApi(): NodeApi | undefined {
  try {
    const proc = (globalThis as { process?: { pid?: number; getBuiltinModule?: (id: string) => unknown } }).process;
    const get = proc?.getBuiltinModule;
    if (!get || proc.pid === undefined) return undefined;
    const fsp = get('node:fs/promises') as typeof FsPromises | undefined;
    const os = get('node:os') as typeof Os | undefined;
    const path = get('node:path') as typeof Path | undefined;
    return fsp && os && path ? { fsp, os, path, pid: proc.pid } : undefined;
  } catch {
    return undefined;
  }
}

/** The target has no write permission: it is not replaced. */
export class ReadOnlyFileError extends Error {
  readonly code = 'EROFILE';
  constructor(
    readonly file: string,
    readonly mode: number,
  ) {
    super(`${file} is read-only (mode ${(mode & 0o777).toString(8).padStart(4, '0')}); it was not changed — make it writable (chmod u+w) to save`);
    this.name = 'ReadOnlyFileError';
  }
}

/** Another process held the lock for longer than the wait allows. */
export class LockTimeoutError extends Error {
  readonly code = 'ELOCKED';
  constructor(
    readonly lockFile: string,
    readonly holder: string,
  ) {
    super(`${lockFile} is held by ${holder}; gave up waiting. If no Corpus Lens process is writing, delete the lock file`);
    this.name = 'LockTimeoutError';
  }
}

const ERRNO_TEXT: Record<string, string> = {
  ENOSPC: 'no space left on device',
  EDQUOT: 'disk quota exceeded',
  EACCES: 'permission denied',
  EPERM: 'operation not permitted',
  EROFS: 'read-only file system',
  EIO: 'input/output error',
  ENOENT: 'folder does not exist',
};

/** A write that failed: the target is unchanged and the temp file is gone. */
export class WriteFailedError extends Error {
  constructor(
    readonly file: string,
    override readonly cause: unknown,
  ) {
    const code = (cause as { code?: string } | undefined)?.code;
    const what = code ? `${ERRNO_TEXT[code] ?? code} (${code})` : String(cause instanceof Error ? cause.message : cause);
    super(`could not write ${file}: ${what}; the file on disk is unchanged`);
    this.name = 'WriteFailedError';
  }
  get code(): string | undefined {
    return (this.cause as { code?: string } | undefined)?.code;
  }
}

function errno(error: unknown): string | undefined {
  return (error as { code?: string } | undefined)?.code;
}

function isNotFound(error: unknown): boolean {
  const code = errno(error);
  return code === 'ENOENT' || code === 'ENOTDIR';
}

const TEMP_SUFFIX = '.tmp';
const LOCK_SUFFIX = '.lock';
const SAME_HOST_STALE_MS = 10 * 60_000;

export interface LockOptions {
  /** Give up after this long (ms). */
  timeoutMs?: number;
  /** A lock not refreshed for this long is stale (ms). */
  staleMs?: number;
}

interface LockInfo {
  pid: number;
  host: string;
  token: string;
  time: string;
}

export class NodeFiles {
  private readonly host: string;
  private counter = 0;

  constructor(
    private readonly api: NodeApi,
    private readonly lockOptions: Required<LockOptions> = { timeoutMs: 30_000, staleMs: 60_000 },
  ) {
    this.host = api.os.hostname();
  }

  async readText(file: string, options: ReadOptions = {}): Promise<string | undefined> {
    let bytes: Uint8Array;
    try {
      bytes = await this.api.fsp.readFile(file);
    } catch (error) {
      if (isNotFound(error)) return undefined;
      throw error;
    }
    return options.strictUtf8 ? decodeUtf8Strict(bytes) : decodeText(bytes);
  }

  /**
   * A version stamp of the file (inode, size, modification and change times in nanoseconds; undefined when it does
   * not exist): a rename over it or a write to it changes the stamp. The segment store uses it to skip re-reading a
   * file it wrote itself (see src/core/codes/segmentStore.ts).
   */
  async version(file: string): Promise<string | undefined> {
    try {
      const st = await this.api.fsp.stat(file, { bigint: true });
      return `${st.dev}:${st.ino}:${st.size}:${st.mtimeNs}:${st.ctimeNs}`;
    } catch (error) {
      if (isNotFound(error)) return undefined;
      throw error;
    }
  }

  async exists(file: string): Promise<boolean> {
    try {
      await this.api.fsp.stat(file);
      return true;
    } catch (error) {
      if (isNotFound(error)) return false;
      throw error;
    }
  }

  async isDirectory(file: string): Promise<boolean> {
    try {
      return (await this.api.fsp.stat(file)).isDirectory();
    } catch (error) {
      if (isNotFound(error)) return false;
      throw error;
    }
  }

  async delete(file: string): Promise<void> {
    await this.api.fsp.rm(file, { force: true });
  }

  /** The file a write to `file` must replace: `file` itself, or the final target of a symlink (even a dangling one). */
  async writeTarget(file: string): Promise<string> {
    const { fsp, path } = this.api;
    let current = path.resolve(file);
    for (let hops = 0; hops < 40; hops++) {
      let st;
      try {
        st = await fsp.lstat(current);
      } catch (error) {
        if (isNotFound(error)) return current;
        throw error;
      }
      if (!st.isSymbolicLink()) return current;
      const link = await fsp.readlink(current);
      current = path.resolve(path.dirname(current), link);
    }
    throw new WriteFailedError(file, Object.assign(new Error('too many levels of symbolic links'), { code: 'ELOOP' }));
  }

  private tempName(target: string): string {
    const { path } = this.api;
    const rand = Math.random().toString(36).slice(2, 8);
    return path.join(path.dirname(target), `.${path.basename(target)}.${this.api.pid}.${(this.counter++).toString(36)}${rand}${TEMP_SUFFIX}`);
  }

  /**
   * writeTextAtomic of bytes already encoded, or of chunks written as they come (a large file encoded piece by
   * piece: neither one long synchronous call nor the whole file in memory at once).
   */
  writeBytesAtomic(file: string, data: Uint8Array | AsyncIterable<Uint8Array>): Promise<void> {
    return this.writeTextAtomic(file, data);
  }

  async writeTextAtomic(file: string, text: string | Uint8Array | AsyncIterable<Uint8Array>): Promise<void> {
    const { fsp, path } = this.api;
    const target = await this.writeTarget(file);
    const dir = path.dirname(target);
    let mode = 0o644;
    let owner: { uid: number; gid: number } | undefined;
    try {
      const st = await fsp.stat(target);
      mode = st.mode & 0o7777;
      owner = { uid: st.uid, gid: st.gid };
      // Checked on the bits, not with access(2): root may write anything, but a 0444 sidecar was made read-only on purpose.
      if ((mode & 0o222) === 0) throw new ReadOnlyFileError(file, mode);
      await fsp.access(target, 2 /* W_OK */).catch((error: unknown) => {
        if (errno(error) === 'EACCES' || errno(error) === 'EPERM') throw new ReadOnlyFileError(file, mode);
      });
    } catch (error) {
      if (error instanceof ReadOnlyFileError) throw error;
      if (!isNotFound(error)) throw new WriteFailedError(file, error);
      try {
        await fsp.mkdir(dir, { recursive: true });
      } catch (mkdirError) {
        throw new WriteFailedError(file, mkdirError);
      }
    }
    const temp = this.tempName(target);
    let handle: FsPromises.FileHandle;
    try {
      handle = await fsp.open(temp, 'wx', mode);
    } catch (error) {
      throw new WriteFailedError(file, error);
    }
    try {
      await handle.chmod(mode); // open's mode is filtered by the umask
      if (owner) await handle.chown(owner.uid, owner.gid).catch(() => undefined); // only root may give files away
      if (typeof text === 'string') await handle.writeFile(text, 'utf8');
      else if (text instanceof Uint8Array) await handle.writeFile(text);
      else {
        for await (const chunk of text) {
          for (let at = 0; at < chunk.byteLength; ) at += (await handle.write(chunk, at, chunk.byteLength - at)).bytesWritten;
        }
      }
      await handle.sync();
      await handle.close();
    } catch (error) {
      await handle.close().catch(() => undefined);
      await fsp.rm(temp, { force: true }).catch(() => undefined);
      throw new WriteFailedError(file, error);
    }
    try {
      await fsp.rename(temp, target);
    } catch (error) {
      await fsp.rm(temp, { force: true }).catch(() => undefined);
      throw new WriteFailedError(file, error);
    }
    await this.syncDir(dir);
  }

  private async syncDir(dir: string): Promise<void> {
    let d: FsPromises.FileHandle | undefined;
    try {
      d = await this.api.fsp.open(dir, 'r');
      await d.sync();
    } catch {
      // Folders cannot be opened or fsync'ed on some platforms (Windows); the rename itself is still atomic.
    } finally {
      await d?.close().catch(() => undefined);
    }
  }

  private async lockPath(file: string): Promise<string> {
    const { path } = this.api;
    const target = await this.writeTarget(file);
    return path.join(path.dirname(target), `.${path.basename(target)}${LOCK_SUFFIX}`);
  }

  /** Run `work` holding the lock of `file` (see the top of this file). */
  async withLock<T>(file: string, work: () => Promise<T>, options: LockOptions = {}): Promise<T> {
    const { timeoutMs, staleMs } = { ...this.lockOptions, ...options };
    const lock = await this.lockPath(file);
    const info = await this.acquire(lock, timeoutMs, staleMs);
    const refresh = setInterval(() => {
      const now = new Date();
      void this.api.fsp.utimes(lock, now, now).catch(() => undefined);
    }, Math.max(200, staleMs / 3));
    try {
      return await work();
    } finally {
      clearInterval(refresh);
      await this.release(lock, info);
    }
  }

  private async acquire(lock: string, timeoutMs: number, staleMs: number): Promise<LockInfo> {
    const { fsp, path } = this.api;
    const info: LockInfo = { pid: this.api.pid, host: this.host, token: `${this.api.pid}.${Date.now().toString(36)}.${Math.random().toString(36).slice(2, 10)}`, time: new Date().toISOString() };
    const content = JSON.stringify(info) + '\n';
    const deadline = Date.now() + timeoutMs;
    let delay = 5;
    try {
      await fsp.mkdir(path.dirname(lock), { recursive: true });
    } catch (error) {
      throw new WriteFailedError(lock, error);
    }
    for (;;) {
      if (await this.tryCreate(lock, content)) return info;
      const holder = await this.readLock(lock);
      if (holder === 'gone') continue;
      if (await this.isStale(holder, staleMs)) {
        await this.breakLock(lock, holder);
        continue;
      }
      if (Date.now() > deadline) {
        throw new LockTimeoutError(lock, holder.info ? `process ${holder.info.pid} on ${holder.info.host} since ${holder.info.time}` : 'another process');
      }
      await new Promise((r) => setTimeout(r, delay + Math.random() * delay));
      delay = Math.min(delay * 2, 100);
    }
  }

  /** Create the lock with its content in one step (link of a complete temp file), or report that it exists. */
  private async tryCreate(lock: string, content: string): Promise<boolean> {
    const { fsp } = this.api;
    const temp = `${lock}.${this.api.pid}.${(this.counter++).toString(36)}${Math.random().toString(36).slice(2, 8)}${TEMP_SUFFIX}`;
    try {
      await fsp.writeFile(temp, content, { flag: 'wx' });
    } catch (error) {
      throw new WriteFailedError(lock, error);
    }
    try {
      await fsp.link(temp, lock);
      return true;
    } catch (error) {
      if (errno(error) === 'EEXIST') return false;
      if (errno(error) !== 'EPERM' && errno(error) !== 'ENOTSUP' && errno(error) !== 'EOPNOTSUPP' && errno(error) !== 'ENOSYS') throw new WriteFailedError(lock, error);
      // No hard links here (FAT, some network file systems): exclusive create; a reader may briefly see it empty.
      try {
        await fsp.writeFile(lock, content, { flag: 'wx' });
        return true;
      } catch (createError) {
        if (errno(createError) === 'EEXIST') return false;
        throw new WriteFailedError(lock, createError);
      }
    } finally {
      await fsp.rm(temp, { force: true }).catch(() => undefined);
    }
  }

  private async readLock(lock: string): Promise<{ raw: string; info?: LockInfo; mtimeMs: number } | 'gone'> {
    const { fsp } = this.api;
    try {
      const [raw, st] = await Promise.all([fsp.readFile(lock, 'utf8'), fsp.stat(lock)]);
      let info: LockInfo | undefined;
      try {
        const parsed = JSON.parse(raw) as Partial<LockInfo>;
        if (typeof parsed.pid === 'number' && typeof parsed.host === 'string' && typeof parsed.token === 'string') info = parsed as LockInfo;
      } catch {
        // being written (no-link fallback) or garbage: judged by its age
      }
      return { raw, ...(info ? { info } : {}), mtimeMs: st.mtimeMs };
    } catch (error) {
      if (isNotFound(error)) return 'gone';
      throw new WriteFailedError(lock, error);
    }
  }

  /**
   * Same host: stale when its process is gone (or after 10 minutes, for a pid reused by another program: a live
   * holder whose event loop is busy cannot refresh the time, so time alone must not break it). Other hosts, or
   * a lock without readable content: stale when not refreshed for `staleMs`.
   */
  private async isStale(holder: { info?: LockInfo; mtimeMs: number }, staleMs: number): Promise<boolean> {
    const age = Date.now() - holder.mtimeMs;
    if (holder.info && holder.info.host === this.host) return !this.alive(holder.info.pid) || age > SAME_HOST_STALE_MS;
    return age > staleMs;
  }

  alive(pid: number): boolean {
    if (pid === this.api.pid) return true;
    try {
      process.kill(pid, 0);
      return true;
    } catch (error) {
      return errno(error) === 'EPERM';
    }
  }

  /** Move the stale lock aside; if what was moved is not that lock (someone broke it and locked again), put it back. */
  private async breakLock(lock: string, stale: { raw: string }): Promise<void> {
    const { fsp } = this.api;
    const aside = `${lock}.${this.api.pid}.${Math.random().toString(36).slice(2, 8)}.stale`;
    try {
      await fsp.rename(lock, aside);
    } catch (error) {
      if (isNotFound(error)) return;
      throw new WriteFailedError(lock, error);
    }
    const moved = await fsp.readFile(aside, 'utf8').catch(() => '');
    if (moved !== stale.raw) {
      await fsp.link(aside, lock).catch(() => undefined);
    }
    await fsp.rm(aside, { force: true }).catch(() => undefined);
  }

  private async release(lock: string, info: LockInfo): Promise<void> {
    const holder = await this.readLock(lock).catch(() => 'gone' as const);
    if (holder === 'gone' || holder.info?.token !== info.token) return; // broken as stale meanwhile: not ours to delete
    await this.api.fsp.rm(lock, { force: true }).catch(() => undefined);
  }

  /**
   * Delete temp files of `file` left by writers that died: `.<name>.<pid>.<n>.tmp` whose process is gone (or older
   * than an hour: another host), stale-lock leftovers, and the temp files of older versions (`<name>.<stamp>.tmp`).
   */
  async recover(file: string): Promise<string[]> {
    const { fsp, path } = this.api;
    const target = await this.writeTarget(file);
    const dir = path.dirname(target);
    const base = path.basename(target);
    let names: string[];
    try {
      names = await fsp.readdir(dir);
    } catch {
      return [];
    }
    const removed: string[] = [];
    const ours = new RegExp(`^\\.${escapeRegExp(base)}(?:${escapeRegExp(LOCK_SUFFIX)})?\\.(\\d+)\\.[0-9a-z]+${escapeRegExp(TEMP_SUFFIX)}$`);
    const staleAside = new RegExp(`^\\.${escapeRegExp(base)}${escapeRegExp(LOCK_SUFFIX)}\\.(\\d+)\\.[0-9a-z]+\\.stale$`);
    const legacy = new RegExp(`^${escapeRegExp(base)}\\.[0-9a-z]+${escapeRegExp(TEMP_SUFFIX)}$`);
    for (const name of names) {
      const m = ours.exec(name) ?? staleAside.exec(name);
      const isLegacy = !m && legacy.test(name);
      if (!m && !isLegacy) continue;
      const full = path.join(dir, name);
      let age: number;
      try {
        age = Date.now() - (await fsp.lstat(full)).mtimeMs;
      } catch {
        continue;
      }
      const dead = m ? !this.alive(Number(m[1])) : age > 60_000;
      if (dead || age > 3_600_000) {
        await fsp.rm(full, { force: true }).catch(() => undefined);
        removed.push(full);
      }
    }
    return removed;
  }
}

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
