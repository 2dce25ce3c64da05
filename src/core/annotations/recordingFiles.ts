/**
 * The sync's view of the files: every read, write and delete of a sidecar is recorded with the text it had, so that
 * a change a file watcher reports can be told from the sync's own writes by content, whatever the timing of the
 * events (see sync.ts).
 */
import type { FileStore, ReadOptions } from '../types';
import { SIDECAR_SUFFIX } from './paths';

/**
 * A FileStore that remembers the text last read or written at each sidecar path (undefined: read as missing or
 * deleted), so that a change reported by a file watcher can be told from our own writes.
 */
export class RecordingFileStore implements FileStore {
  private readonly seen = new Map<string, string | undefined>();
  readonly withLock?: FileStore['withLock'];
  readonly recover?: FileStore['recover'];

  constructor(private readonly inner: FileStore) {
    if (inner.withLock) this.withLock = (path, work) => inner.withLock!(path, work);
    if (inner.recover) this.recover = (path) => inner.recover!(path);
  }

  /** Whether `path` was read or written through this store, and the text it had then. */
  lastSeen(path: string): { known: boolean; text: string | undefined } {
    return { known: this.seen.has(path), text: this.seen.get(path) };
  }

  async readText(path: string, options?: ReadOptions): Promise<string | undefined> {
    const text = await this.inner.readText(path, options);
    if (path.endsWith(SIDECAR_SUFFIX)) this.seen.set(path, text);
    return text;
  }

  async writeTextAtomic(path: string, text: string): Promise<void> {
    await this.inner.writeTextAtomic(path, text);
    if (path.endsWith(SIDECAR_SUFFIX)) this.seen.set(path, text);
  }

  exists(path: string): Promise<boolean> {
    return this.inner.exists(path);
  }

  async delete(path: string): Promise<void> {
    await this.inner.delete(path);
    if (path.endsWith(SIDECAR_SUFFIX)) this.seen.set(path, undefined);
  }
}
