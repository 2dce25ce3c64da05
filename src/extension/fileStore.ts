import * as vscode from 'vscode';
import type { FileStore } from '../core/types';
import { decodeText } from '../core/text/offsets';
import { uriOf } from './convert';

const encoder = new TextEncoder();

/** FileStore over `workspace.fs` (works on desktop, remote and web). Paths are URI strings. */
export class WorkspaceFileStore implements FileStore {
  async readText(path: string): Promise<string | undefined> {
    try {
      return decodeText(await vscode.workspace.fs.readFile(uriOf(path)));
    } catch (error) {
      if (error instanceof vscode.FileSystemError && error.code === 'FileNotFound') return undefined;
      throw error;
    }
  }

  /** Temp file beside the target, then rename over it: readers never see a half-written file. */
  async writeTextAtomic(path: string, text: string): Promise<void> {
    const target = uriOf(path);
    const temp = target.with({ path: `${target.path}.${Date.now().toString(36)}${Math.random().toString(36).slice(2, 8)}.tmp` });
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
