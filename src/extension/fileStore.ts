import * as vscode from 'vscode';
import type { FileStore } from '../core/types';
import { decodeText } from '../core/text/offsets';
import { uriOf } from './convert';

const encoder = new TextEncoder();

interface NodeFsPromises {
  writeFile(path: string, data: string, encoding: 'utf8'): Promise<void>;
  rename(from: string, to: string): Promise<void>;
  rm(path: string, options: { force: boolean }): Promise<void>;
}

/** node:fs/promises in a Node extension host (desktop, remote); undefined on the web. */
function nodeFsPromises(): NodeFsPromises | undefined {
  try {
    return (globalThis as { process?: { getBuiltinModule?: (id: string) => unknown } }).process?.getBuiltinModule?.('node:fs/promises') as NodeFsPromises | undefined;
  } catch {
    return undefined;
  }
}

function tempName(path: string): string {
  return `${path}.${Date.now().toString(36)}${Math.random().toString(36).slice(2, 8)}.tmp`;
}

/** FileStore over `workspace.fs` (works on desktop, remote and web). Paths are URI strings. */
export class WorkspaceFileStore implements FileStore {
  private readonly nodeFs = nodeFsPromises();

  async readText(path: string): Promise<string | undefined> {
    try {
      return decodeText(await vscode.workspace.fs.readFile(uriOf(path)));
    } catch (error) {
      if (error instanceof vscode.FileSystemError && error.code === 'FileNotFound') return undefined;
      throw error;
    }
  }

  /**
   * Temp file beside the target, then rename over it, so readers never see a half-written or missing file.
   * Local files use rename(2) directly: `workspace.fs.rename(..., {overwrite: true})` DELETES the target before
   * renaming (VS Code's FileService), which leaves a moment with no file at all. Elsewhere (web, virtual file
   * systems) workspace.fs is the only way.
   */
  async writeTextAtomic(path: string, text: string): Promise<void> {
    const target = uriOf(path);
    if (target.scheme === 'file' && this.nodeFs) {
      const temp = tempName(target.fsPath);
      await this.nodeFs.writeFile(temp, text, 'utf8');
      try {
        await this.nodeFs.rename(temp, target.fsPath);
      } catch (error) {
        await this.nodeFs.rm(temp, { force: true }).catch(() => undefined);
        throw error;
      }
      return;
    }
    const temp = target.with({ path: tempName(target.path) });
    await vscode.workspace.fs.writeFile(temp, encoder.encode(text));
    try {
      await vscode.workspace.fs.rename(temp, target, { overwrite: true });
    } catch (error) {
      await vscode.workspace.fs.delete(temp).then(undefined, () => undefined);
      throw error;
    }
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
