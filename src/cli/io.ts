/**
 * The one I/O interface of the CLI: what a command may print, read from standard input, and read or write as files,
 * and where it runs. main.ts passes process.stdout / stderr / stdin, process.cwd() and node:fs (NodeFileStore, with
 * the shared write path of src/node/files.ts); the tests pass strings they collect, a scripted standard input and,
 * where they want to, a file system of their own. No command touches node:fs or process.std* directly.
 */
import type { FileStore, ReadOptions } from '../core/types';
import { NodeFileStore } from './nodeFileStore';

export interface CliStat {
  kind: 'file' | 'directory' | 'other';
  size: number;
}

export interface CliDirEntry {
  name: string;
  /** A link is 'link' (not followed: stat it to see what it points to). */
  kind: CliStat['kind'] | 'link';
}

/**
 * Every file access of the commands. The FileStore part (text reads, atomic writes through symlinks with the
 * permission bits kept, locks shared with the extension) is what the core's stores take.
 */
export interface CliFiles extends FileStore {
  readText(path: string, options?: ReadOptions): Promise<string | undefined>;
  withLock<T>(path: string, work: () => Promise<T>): Promise<T>;
  recover(path: string): Promise<void>;
  /** The bytes of a file (throws when it cannot be read, e.g. ENOENT). */
  readBytes(path: string): Promise<Uint8Array>;
  /** The file's kind and size, links followed; undefined when there is nothing there. */
  stat(path: string): Promise<CliStat | undefined>;
  /** A folder's entries, sorted by name (code units), links not followed. Throws when it is not a readable folder. */
  readdir(path: string): Promise<CliDirEntry[]>;
  /** The path with every link resolved (throws when it does not exist). */
  realpath(path: string): Promise<string>;
  /** Writes bytes atomically (temp file beside it, then rename), creating the folders above it. */
  writeBytesAtomic(path: string, data: Uint8Array): Promise<void>;
  /** Creates a folder and the folders above it. */
  mkdir(path: string): Promise<void>;
}

export interface CliIO {
  stdout: (s: string) => void;
  stderr: (s: string) => void;
  cwd: string;
  /** Standard input read to the end and decoded (BOM, UTF-8, GB18030, Big5): `extract -`. Default: process.stdin. */
  stdin?: () => Promise<Uint8Array>;
  /** The file system of the commands. Default: node:fs (NodeFileStore). */
  files?: CliFiles;
  /** Environment variables the commands read (CORPUS_LENS_AUTHOR). Default: process.env. */
  env?: Readonly<Record<string, string | undefined>>;
}

/** The files of `io`: its own, else node:fs. */
export function filesOf(io: CliIO): CliFiles {
  return io.files ?? new NodeFileStore();
}

/** Standard input of `io`, read to the end. */
export async function readStdin(io: CliIO): Promise<Uint8Array> {
  if (io.stdin) return io.stdin();
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(typeof chunk === 'string' ? Buffer.from(chunk) : (chunk as Buffer));
  return Buffer.concat(chunks);
}

/** An environment variable seen by the command. */
export function envOf(io: CliIO, name: string): string | undefined {
  return (io.env ?? process.env)[name];
}
