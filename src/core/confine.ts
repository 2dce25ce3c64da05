/**
 * Paths read from workspace files (a sidecar's `document.path`, the `corpusLens.annotations.folder` setting) are
 * confined to the workspace / corpus root: a relative path that stays inside it, never an absolute path, a URI or
 * a `..` that climbs out. The check is on the normalised path; links on disk are checked by the adapters (the CLI
 * compares real paths).
 */
import { isInside, join } from './annotations/paths';
import * as l10n from '@vscode/l10n';

/** Is `p` absolute: '/x', '\\x', 'C:...', a URI ('file:', 'https:', 'vscode-vfs:' ...)? */
export function isAbsoluteOrUri(p: string): boolean {
  return /^([/\\]|[a-zA-Z][a-zA-Z0-9+.-]*:)/.test(p);
}

export type Confined = { path: string } | { error: string };

/**
 * `relPath` (from a workspace file) resolved against `base`, if it stays inside `root` (or is `root` itself when
 * `allowRoot`). Paths are '/'-separated file paths or URI strings, as in the rest of the core.
 */
export function confinedJoin(root: string, base: string, relPath: string, allowRoot = false): Confined {
  if (relPath.includes('\0')) return { error: l10n.t('the path contains a NUL character') };
  if (isAbsoluteOrUri(relPath.trim())) return { error: l10n.t('an absolute path is not allowed here: give a path relative to the workspace that stays inside it') };
  const full = join(base, relPath);
  const r = root.replace(/[\\/]+$/, '');
  if (isInside(r, full) || (allowRoot && full.replace(/\/+$/, '') === r.replace(/\\/g, '/'))) return { path: full };
  return { error: l10n.t('the path leads outside the workspace folder') };
}

/** 1-based position of the `path:` key of a sidecar's document block (where document.path problems are reported). */
export function documentPathPosition(text: string): { line: number; column: number } {
  const lines = text.split('\n');
  let inDocument = false;
  for (let i = 0; i < lines.length; i++) {
    const l = lines[i]!;
    if (/^document\s*:/.test(l)) inDocument = true;
    else if (/^\S/.test(l)) inDocument = false;
    const m = inDocument ? /^(\s+)path\s*:/.exec(l) : null;
    if (m) return { line: i + 1, column: m[1]!.length + 1 };
  }
  return { line: 1, column: 1 };
}
