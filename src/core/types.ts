/**
 * Shared contracts of the core. Everything in src/core is pure TypeScript: no `vscode`, no `fs`.
 * Offsets are UTF-16 code units (like VS Code and JavaScript strings), `end` exclusive.
 */
import type { EntityType } from './entities/types';

export interface Span {
  start: number;
  end: number;
}

/** The entity types: the table in entities/types.ts. */
export type { EntityType };

export interface EntityMention extends Span {
  kind: 'entity';
  /** The text as it appears in the document (original script). */
  text: string;
  /** Knowledge-base id, or `candidate:<folded text>` for an unconfirmed candidate. */
  entityId: string;
  type: EntityType;
  /** false for candidates the knowledge base does not know (《》 titles, 尤里·乌沙科夫, 总统+name). */
  confirmed: boolean;
  /** How it was found. */
  via: 'alias' | 'abbreviation' | 'candidate';
  /** Set when a correction rule of the workspace knowledge file changed it: where the rule is (`file:line`). */
  rule?: string;
  /**
   * Inner members of a nested mention, sorted by start, inside [start, end): 美国国务院 (the Department of State)
   * holds 美国 (the United States), 《中俄睦邻友好合作条约》 holds China and Russia. Members have no members.
   */
  members?: EntityMention[];
  /** English demonym or adjective of a country (Russian, Chinese): `entityId` is the country. */
  demonym?: boolean;
}

export type TimexType = 'DATE' | 'TIME' | 'DURATION' | 'SET';
export type TimexMod = 'START' | 'MID' | 'END' | 'APPROX' | 'BEFORE' | 'AFTER' | 'SINCE';

/** A reference date ("document creation time") and how it was obtained. */
export interface Reference {
  /** EDTF: YYYY, YYYY-MM or YYYY-MM-DD (or with a time, YYYY-MM-DDThh:mm:ss). */
  value: string;
  /** Human-readable provenance, e.g. "metadata: timestamp (line 16)", "setting (sidecar)", "inferred: latest explicit year". */
  how: string;
}

export interface DateMention extends Span {
  kind: 'date';
  text: string;
  /** EDTF / ISO 8601 value: 2014-07, 2022-01-10, 196X, 2008-05/2012-05, 2018-22, XXXX-12-31 ... */
  value: string;
  type: TimexType;
  mod?: TimexMod;
  /** How the value was anchored: "explicit", or for relative/partial mentions how the reference was obtained. */
  anchor: string;
}

export type Mention = EntityMention | DateMention;

export type Severity = 'error' | 'warning' | 'info';

/** A problem in a user file (knowledge, topics, sidecar). Lines and columns are 1-based. */
export interface Problem {
  file: string;
  line: number;
  column: number;
  message: string;
  severity: Severity;
  /**
   * What kind of problem it is, for the code that acts on it (quick fixes, where it is shown), so that nothing has
   * to match the message text. Unset for problems nothing acts on.
   */
  code?: ProblemCode;
}

/**
 * Problem codes: an annotation whose passage is not in the document (orphan) or was found only approximately
 * (awaiting review); a sidecar with git conflict markers; a YAML file that does not parse.
 */
export type ProblemCode = 'passage-not-found' | 'passage-reanchored' | 'merge-conflict' | 'yaml-syntax';

/** Result of loading something that may be partly broken: what could be used, and what was wrong. */
export interface Loaded<T> {
  value: T;
  problems: Problem[];
}

export interface Logger {
  debug(message: string, ...args: unknown[]): void;
  info(message: string, ...args: unknown[]): void;
  warn(message: string, ...args: unknown[]): void;
  error(message: string, ...args: unknown[]): void;
}

export const nullLogger: Logger = {
  debug() {},
  info() {},
  warn() {},
  error() {},
};

export interface ReadOptions {
  /** Throw an InvalidUtf8Error (core/text/utf8.ts) instead of replacing bytes that are not UTF-8. */
  strictUtf8?: boolean;
}

/** File access the core needs; implemented by the VS Code adapter (workspace.fs) and by the CLI (node:fs). */
export interface FileStore {
  readText(path: string, options?: ReadOptions): Promise<string | undefined>;
  /**
   * Write atomically: temp file in the same folder (fsync'ed where the platform allows), then rename; a symlink
   * is written through to its target, the permission bits are kept, and a read-only file is refused (throws).
   */
  writeTextAtomic(path: string, text: string): Promise<void>;
  exists(path: string): Promise<boolean>;
  delete(path: string): Promise<void>;
  /**
   * Run `work` holding an exclusive lock on `path` shared with every other process that writes it (another
   * window, the CLI). Stores without other writers (memory, web) may omit it.
   */
  withLock?<T>(path: string, work: () => Promise<T>): Promise<T>;
  /** Remove what a crashed writer of `path` left behind (temp files, stale locks); called once per path. */
  recover?(path: string): Promise<void>;
}

export interface Disposable {
  dispose(): void;
}
