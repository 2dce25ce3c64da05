/** The CLI's files over node:fs (CliFiles, src/cli/io.ts). Paths are ordinary file-system paths. The write path is src/node/files.ts. */
import * as fsp from 'node:fs/promises';
import * as os from 'node:os';
import * as path from 'node:path';
import type { ReadOptions } from '../core/types';
import { NodeFiles, type LockOptions } from '../node/files';
import type { CliDirEntry, CliFiles, CliStat } from './io';

const kindOf = (s: { isFile(): boolean; isDirectory(): boolean }): CliStat['kind'] => (s.isFile() ? 'file' : s.isDirectory() ? 'directory' : 'other');

export class NodeFileStore implements CliFiles {
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

  async readBytes(file: string): Promise<Uint8Array> {
    return fsp.readFile(file);
  }

  async stat(file: string): Promise<CliStat | undefined> {
    try {
      const s = await fsp.stat(file);
      return { kind: kindOf(s), size: s.size };
    } catch {
      return undefined;
    }
  }

  async readdir(dir: string): Promise<CliDirEntry[]> {
    const entries = await fsp.readdir(dir, { withFileTypes: true });
    const out: CliDirEntry[] = entries.map((e) => ({ name: e.name, kind: e.isSymbolicLink() ? 'link' : kindOf(e) }));
    return out.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  }

  realpath(file: string): Promise<string> {
    return fsp.realpath(file);
  }

  async writeBytesAtomic(file: string, data: Uint8Array): Promise<void> {
    await fsp.mkdir(path.dirname(file), { recursive: true });
    const temp = `${file}.${process.pid}.tmp`;
    try {
      await fsp.writeFile(temp, data);
      await fsp.rename(temp, file);
    } catch (error) {
      await fsp.rm(temp, { force: true });
      throw error;
    }
  }

  async mkdir(dir: string): Promise<void> {
    await fsp.mkdir(dir, { recursive: true });
  }
}
