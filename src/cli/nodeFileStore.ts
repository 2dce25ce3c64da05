/** FileStore over node:fs for the CLI. Paths are ordinary file-system paths. */
import { promises as fsp } from 'node:fs';
import * as path from 'node:path';
import { randomBytes } from 'node:crypto';
import type { FileStore } from '../core/types';
import { decodeText } from '../core/text/offsets';

function isNotFound(error: unknown): boolean {
  const code = (error as { code?: string } | undefined)?.code;
  return code === 'ENOENT' || code === 'ENOTDIR';
}

export class NodeFileStore implements FileStore {
  async readText(file: string): Promise<string | undefined> {
    try {
      return decodeText(await fsp.readFile(file));
    } catch (error) {
      if (isNotFound(error)) return undefined;
      throw error;
    }
  }

  /**
   * Atomic write: a temp file in the same folder (same file system), written and fsync'ed, then renamed over the
   * target; the folder is fsync'ed afterwards where the platform allows it. Readers see the old or the new file,
   * never a partial one. The target's permission bits are kept.
   */
  async writeTextAtomic(file: string, text: string): Promise<void> {
    const dir = path.dirname(file);
    await fsp.mkdir(dir, { recursive: true });
    const temp = path.join(dir, `.${path.basename(file)}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`);
    let mode: number | undefined;
    try {
      mode = (await fsp.stat(file)).mode & 0o777;
    } catch (error) {
      if (!isNotFound(error)) throw error;
    }
    const handle = await fsp.open(temp, 'wx', mode ?? 0o644);
    try {
      await handle.writeFile(text, 'utf8');
      await handle.sync();
    } catch (error) {
      await handle.close();
      await fsp.rm(temp, { force: true });
      throw error;
    }
    await handle.close();
    try {
      await fsp.rename(temp, file);
    } catch (error) {
      await fsp.rm(temp, { force: true });
      throw error;
    }
    try {
      const d = await fsp.open(dir, 'r');
      try {
        await d.sync();
      } finally {
        await d.close();
      }
    } catch {
      // Folders cannot be opened/fsync'ed on some platforms (Windows); the rename itself is still atomic.
    }
  }

  async exists(file: string): Promise<boolean> {
    try {
      await fsp.stat(file);
      return true;
    } catch (error) {
      if (isNotFound(error)) return false;
      throw error;
    }
  }

  async delete(file: string): Promise<void> {
    await fsp.rm(file, { force: true });
  }
}
