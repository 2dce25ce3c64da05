/**
 * Paths read from workspace files stay inside the workspace folder (see src/core/confine.ts), links resolved where
 * the extension host can (`node:fs` realpath on local files); on hosts without it a symbolic link is not followed.
 */
import * as vscode from 'vscode';
import { confinedJoin, type Confined } from '../core/confine';
import { isInside } from '../core/annotations/paths';
import { uriOf } from './convert';
import * as l10n from '@vscode/l10n';

interface NodeFsRealpath {
  realpath(path: string): Promise<string>;
}

function nodeFs(): NodeFsRealpath | undefined {
  try {
    return (globalThis as { process?: { getBuiltinModule?: (id: string) => unknown } }).process?.getBuiltinModule?.('node:fs/promises') as NodeFsRealpath | undefined;
  } catch {
    return undefined;
  }
}

const fs = nodeFs();

/** `declared` (from a workspace file) resolved against `base`, if it stays inside `root` (URI strings), links included. */
export async function confineToFolder(root: string, base: string, declared: string): Promise<Confined> {
  const confined = confinedJoin(root, base, declared);
  if ('error' in confined) return confined;
  const target = uriOf(confined.path);
  if (target.scheme === 'file' && fs) {
    const real = await fs.realpath(target.fsPath).catch(() => undefined);
    if (real === undefined) return confined; // missing: nothing to read
    const realRoot = await fs.realpath(uriOf(root).fsPath).catch(() => uriOf(root).fsPath);
    if (!isInside(realRoot, real)) return { error: l10n.t('it is a link to {0}, outside the workspace folder', real) };
    return confined;
  }
  try {
    const stat = await vscode.workspace.fs.stat(target);
    if (stat.type & vscode.FileType.SymbolicLink) return { error: l10n.t('it is a symbolic link, which is not followed for paths in workspace files here') };
  } catch {
    // missing: nothing to read
  }
  return confined;
}
