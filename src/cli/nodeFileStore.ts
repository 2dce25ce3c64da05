/** FileStore over node:fs for the CLI. Paths are ordinary file-system paths. The write path is src/node/files.ts. */
import * as fsp from 'node:fs/promises';
import * as os from 'node:os';
import * as path from 'node:path';
import type { FileStore, ReadOptions } from '../core/types';
import { NodeFiles, type LockOptions } from '../node/files';

export class NodeFileStore implements FileStore {
  readonly files: NodeFiles;

  constructor(lockOptions?: Required<LockOptions>) {
    this.files = new NodeFiles({ fsp, os, path, pid: process.pid }, lockOptions);
  }

  readText(file: string, options?: ReadOptions): Promise<string | undefined> {
    return this.files.readText(file, options);
  }

  /** See NodeFiles.writeTextAtomic: fsync'ed temp + rename, through symlinks, permission bits kept, read-only refused. */
  writeTextAtomic(file: string, text: string): Promise<void> {
    return this.files.writeTextAtomic(file, text);
  }

  /** See NodeFiles.version (FileVersions of src/core/codes/segmentStore.ts). */
  version(file: string): Promise<string | undefined> {
    return this.files.version(file);
  }

  exists(file: string): Promise<boolean> {
    return this.files.exists(file);
  }

  delete(file: string): Promise<void> {
    return this.files.delete(file);
  }

  withLock<T>(file: string, work: () => Promise<T>): Promise<T> {
    return this.files.withLock(file, work);
  }

  async recover(file: string): Promise<void> {
    await this.files.recover(file);
  }
}
