import * as vscode from 'vscode';
import type { FileStore, ReadOptions } from '../core/types';
import { decodeText } from '../core/text/offsets';
import { decodeUtf8Strict } from '../core/text/utf8';
import { concatBytes } from '../core/text/bytes';
import { NodeFiles, nodeApi } from '../node/files';
import { uriOf } from './convert';

const encoder = new TextEncoder();

function tempName(path: string): string {
  return `${path}.${Date.now().toString(36)}${Math.random().toString(36).slice(2, 8)}.tmp`;
}

/**
 * FileStore over `workspace.fs` (works on desktop, remote and web). Paths are URI strings. Local files (`file:`
 * in a Node extension host) are written through src/node/files.ts, the same write path and lock as the CLI.
 */
export class WorkspaceFileStore implements FileStore {
  private readonly node = (() => {
    const api = nodeApi();
    return api ? new NodeFiles(api) : undefined;
  })();

  /** The Node write path for a local file, undefined elsewhere (web, virtual file systems). */
  private local(path: string): { files: NodeFiles; file: string } | undefined {
    const uri = uriOf(path);
    return uri.scheme === 'file' && this.node ? { files: this.node, file: uri.fsPath } : undefined;
  }

  async readText(path: string, options: ReadOptions = {}): Promise<string | undefined> {
    try {
      const bytes = await vscode.workspace.fs.readFile(uriOf(path));
      return options.strictUtf8 ? decodeUtf8Strict(bytes) : decodeText(bytes);
    } catch (error) {
      if (error instanceof vscode.FileSystemError && error.code === 'FileNotFound') return undefined;
      throw error;
    }
  }

  /**
   * Local files: NodeFiles.writeTextAtomic (fsync'ed temp file + rename(2), through symlinks, permission bits kept,
   * read-only files refused). `workspace.fs.rename(..., {overwrite: true})` DELETES the target before renaming (VS
   * Code's FileService), which leaves a moment with no file at all: it is used only where nothing else exists
   * (web, virtual file systems), after the same temp-file step.
   */
  async writeTextAtomic(path: string, text: string): Promise<void> {
    const local = this.local(path);
    if (local) return local.files.writeTextAtomic(local.file, text);
    return this.writeBytesAtomic(path, encoder.encode(text));
  }

  /**
   * writeTextAtomic of UTF-8 bytes already encoded, or of chunks (the index cache, encoded a few documents at a
   * time): a local file is written chunk by chunk as they come; elsewhere workspace.fs takes the joined bytes.
   */
  async writeBytesAtomic(path: string, data: Uint8Array | AsyncIterable<Uint8Array>): Promise<void> {
    const local = this.local(path);
    if (local) return local.files.writeBytesAtomic(local.file, data);
    const target = uriOf(path);
    const temp = target.with({ path: tempName(target.path) });
    await vscode.workspace.fs.writeFile(temp, data instanceof Uint8Array ? data : await joined(data));
    try {
      await vscode.workspace.fs.rename(temp, target, { overwrite: true });
    } catch (error) {
      await vscode.workspace.fs.delete(temp).then(undefined, () => undefined);
      throw error;
    }
  }

  /** The cross-process lock of local files (shared with the CLI); elsewhere only this window writes through us. */
  withLock<T>(path: string, work: () => Promise<T>): Promise<T> {
    const local = this.local(path);
    return local ? local.files.withLock(local.file, work) : work();
  }

  async recover(path: string): Promise<void> {
    const local = this.local(path);
    if (local) await local.files.recover(local.file);
  }

  /** Local files: NodeFiles.version (FileVersions of src/core/codes/segmentStore.ts); elsewhere none (re-read). */
  async version(path: string): Promise<string | undefined> {
    const local = this.local(path);
    return local ? local.files.version(local.file) : undefined;
  }

  async exists(path: string): Promise<boolean> {
    try {
      await vscode.workspace.fs.stat(uriOf(path));
      return true;
    } catch {
      return false;
    }
  }

  async delete(path: string): Promise<void> {
    await vscode.workspace.fs.delete(uriOf(path));
  }
}

/** The chunks as one array. */
async function joined(chunks: AsyncIterable<Uint8Array>): Promise<Uint8Array> {
  const parts: Uint8Array[] = [];
  for await (const chunk of chunks) parts.push(chunk);
  return concatBytes(parts);
}
