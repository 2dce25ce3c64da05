import * as path from 'node:path';
import type { CliDirEntry, CliFiles, CliIO, CliStat } from '../../src/cli/io';
import { decodeText } from '../../src/core/text/offsets';

/**
 * The CLI's file system in memory (absolute POSIX paths; folders implied by the files below them), for tests that
 * script a command's whole I/O: files, standard input, environment. Counts writes.
 */
export class MemoryCliFiles implements CliFiles {
  readonly files = new Map<string, Uint8Array>();
  readonly folders = new Set<string>();
  writes = 0;

  constructor(files: Record<string, string | Uint8Array> = {}) {
    for (const [p, data] of Object.entries(files)) this.put(p, data);
  }

  put(p: string, data: string | Uint8Array): void {
    this.files.set(path.resolve(p), typeof data === 'string' ? new TextEncoder().encode(data) : data);
  }

  text(p: string): string | undefined {
    const bytes = this.files.get(path.resolve(p));
    return bytes && new TextDecoder().decode(bytes);
  }

  private isFolder(p: string): boolean {
    const dir = path.resolve(p);
    if (dir === '/' || this.folders.has(dir)) return true;
    const prefix = dir + '/';
    for (const f of this.files.keys()) if (f.startsWith(prefix)) return true;
    for (const f of this.folders) if (f.startsWith(prefix)) return true;
    return false;
  }

  async readText(p: string): Promise<string | undefined> {
    const bytes = this.files.get(path.resolve(p));
    return bytes && decodeText(bytes);
  }
  async writeTextAtomic(p: string, text: string): Promise<void> {
    this.writes++;
    this.put(p, text);
  }
  async exists(p: string): Promise<boolean> {
    return this.files.has(path.resolve(p)) || this.isFolder(p);
  }
  async delete(p: string): Promise<void> {
    this.files.delete(path.resolve(p));
  }
  async withLock<T>(_p: string, work: () => Promise<T>): Promise<T> {
    return work();
  }
  async recover(): Promise<void> {}
  async readBytes(p: string): Promise<Uint8Array> {
    const bytes = this.files.get(path.resolve(p));
    if (!bytes) throw Object.assign(new Error(`ENOENT: no such file or directory, open '${p}'`), { code: 'ENOENT' });
    return bytes;
  }
  async stat(p: string): Promise<CliStat | undefined> {
    const bytes = this.files.get(path.resolve(p));
    if (bytes) return { kind: 'file', size: bytes.byteLength };
    return this.isFolder(p) ? { kind: 'directory', size: 0 } : undefined;
  }
  async readdir(p: string): Promise<CliDirEntry[]> {
    const dir = path.resolve(p);
    if (!this.isFolder(dir)) throw Object.assign(new Error(`ENOTDIR: not a directory, scandir '${p}'`), { code: 'ENOTDIR' });
    const prefix = dir === '/' ? '/' : dir + '/';
    const names = new Map<string, CliDirEntry['kind']>();
    for (const f of [...this.files.keys(), ...this.folders]) {
      if (!f.startsWith(prefix)) continue;
      const [name, ...rest] = f.slice(prefix.length).split('/');
      if (name) names.set(name, rest.length || this.folders.has(f) ? 'directory' : 'file');
    }
    return [...names].map(([name, kind]) => ({ name, kind })).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  }
  async realpath(p: string): Promise<string> {
    if (!(await this.stat(p))) throw Object.assign(new Error(`ENOENT: no such file or directory, realpath '${p}'`), { code: 'ENOENT' });
    return path.resolve(p);
  }
  async writeBytesAtomic(p: string, data: Uint8Array): Promise<void> {
    this.writes++;
    this.put(p, data);
  }
  async mkdir(p: string): Promise<void> {
    this.folders.add(path.resolve(p));
  }
}

/** A scripted CliIO: its files, standard input and environment given, its output collected. */
export function scriptedIO(cwd: string, files: MemoryCliFiles, options: { stdin?: string | Uint8Array; env?: Record<string, string> } = {}): { io: CliIO; out: () => string; err: () => string } {
  let out = '';
  let err = '';
  const line = (s: string) => (s.endsWith('\n') ? s : `${s}\n`);
  const io: CliIO = {
    stdout: (s) => (out += line(s)),
    stderr: (s) => (err += line(s)),
    cwd,
    files,
    stdin: async () => (typeof options.stdin === 'string' ? new TextEncoder().encode(options.stdin) : (options.stdin ?? new Uint8Array())),
    env: options.env ?? {},
  };
  return { io, out: () => out, err: () => err };
}
