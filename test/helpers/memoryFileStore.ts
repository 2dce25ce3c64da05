import type { FileStore } from '../../src/core/types';

/** A FileStore in memory, for the unit tests and the benchmarks: the files by path, with counts of writes and deletes. */
export class MemoryFileStore implements FileStore {
  readonly files = new Map<string, string>();
  writes = 0;
  deletes = 0;
  async readText(p: string): Promise<string | undefined> {
    return this.files.get(p);
  }
  async writeTextAtomic(p: string, text: string): Promise<void> {
    this.writes++;
    this.files.set(p, text);
  }
  async exists(p: string): Promise<boolean> {
    return this.files.has(p);
  }
  async delete(p: string): Promise<void> {
    this.deletes++;
    this.files.delete(p);
  }
}
