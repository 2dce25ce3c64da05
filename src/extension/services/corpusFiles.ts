import * as vscode from 'vscode';
import { encodingLabel } from '../../core/text/decode';

/** A corpus file's bytes, or why it was not read. */
export type FileRead = { bytes: Uint8Array } | { tooLarge: number } | { missing: true };

interface NodeFileHandle {
  stat(): Promise<{ size: number }>;
  readFile(): Promise<Uint8Array>;
  close(): Promise<void>;
}
interface NodeFsPromises {
  open(path: string, flags: string): Promise<NodeFileHandle>;
}

/** node:fs/promises in a Node extension host (desktop, remote); undefined on the web. */
function nodeFs(): NodeFsPromises | undefined {
  try {
    return (globalThis as { process?: { getBuiltinModule?: (id: string) => unknown } }).process?.getBuiltinModule?.('node:fs/promises') as NodeFsPromises | undefined;
  } catch {
    return undefined;
  }
}

function isNotFound(error: unknown): boolean {
  if (error instanceof vscode.FileSystemError) return error.code === 'FileNotFound';
  const code = (error as { code?: string } | undefined)?.code;
  return code === 'ENOENT' || code === 'ENOTDIR';
}

/**
 * Reads corpus files with the size limit applied before the content is read, however the file got there (found,
 * created or grown later). Local files (`file:` in a Node extension host) go through node:fs directly: open, fstat
 * on the open handle, read, with no round trip to the workbench. Elsewhere (web, virtual and remote file systems)
 * `workspace.fs`: stat then read. Callers run many reads at once (see `pool`), so the round trips overlap.
 */
export class CorpusFileReader {
  private readonly fs = nodeFs();
  private counted = 0;

  /** Corpus bytes read so far, by this reader and by the index workers (for the "Indexed ... MB" log). */
  get bytesRead(): number {
    return this.counted;
  }

  /** Bytes of corpus files an index worker read itself. */
  countWorkerRead(bytes: number): void {
    this.counted += bytes;
  }

  /** True when reads of this URI avoid the workbench round trip. */
  isDirect(uri: vscode.Uri): boolean {
    return uri.scheme === 'file' && this.fs !== undefined;
  }

  /** `count: false` for a file that is not part of the corpus (the index cache). */
  async read(uri: vscode.Uri, maxBytes: number, { count = true }: { count?: boolean } = {}): Promise<FileRead> {
    try {
      if (this.isDirect(uri)) {
        const handle = await this.fs!.open(uri.fsPath, 'r');
        try {
          const { size } = await handle.stat();
          if (size > maxBytes) return { tooLarge: size };
          const bytes = await handle.readFile();
          // The file may have grown between fstat and read.
          if (bytes.byteLength > maxBytes) return { tooLarge: bytes.byteLength };
          if (count) this.counted += bytes.byteLength;
          return { bytes };
        } finally {
          await handle.close();
        }
      }
      const stat = await vscode.workspace.fs.stat(uri);
      if (stat.size > maxBytes) return { tooLarge: stat.size };
      const bytes = await vscode.workspace.fs.readFile(uri);
      if (bytes.byteLength > maxBytes) return { tooLarge: bytes.byteLength };
      if (count) this.counted += bytes.byteLength;
      return { bytes };
    } catch (error) {
      if (isNotFound(error)) return { missing: true };
      throw error;
    }
  }
}

/** The TextDecoder label of the user's `files.encoding` for a file, when it is not UTF-8 (the default). */
export function preferredEncoding(uri: vscode.Uri): string | undefined {
  const value = vscode.workspace.getConfiguration('files', uri).get<string>('encoding');
  if (!value || value === 'utf8' || value === 'utf8bom') return undefined;
  return encodingLabel(value);
}

/** Runs `work` over `items` with at most `limit` in flight; stops taking new items when `stopped()` says so. */
export async function pool<T>(items: readonly T[], limit: number, work: (item: T, i: number) => Promise<void>, stopped: () => boolean = () => false): Promise<void> {
  let next = 0;
  const lanes = Array.from({ length: Math.max(1, Math.min(limit, items.length)) }, async () => {
    while (next < items.length && !stopped()) {
      const i = next++;
      await work(items[i]!, i);
    }
  });
  await Promise.all(lanes);
}

/** UTF-8 size of a string, without encoding it. */
export function utf8Length(text: string): number {
  let n = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 0x80) n += 1;
    else if (c < 0x800) n += 2;
    else if (c >= 0xd800 && c <= 0xdbff) {
      n += 4;
      i++;
    } else n += 3;
  }
  return n;
}
