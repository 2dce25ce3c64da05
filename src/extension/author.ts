import * as vscode from 'vscode';
import { readConfig } from './config';

/** git's user.name of the workspace, once looked up (Node hosts only; undefined on the web or without git). */
let gitName: string | undefined;

interface ChildProcess {
  execFile(file: string, args: string[], options: { cwd?: string; timeout: number }, callback: (error: Error | null, stdout: string) => void): void;
}

function childProcess(): ChildProcess | undefined {
  try {
    return (globalThis as { process?: { getBuiltinModule?: (id: string) => unknown } }).process?.getBuiltinModule?.('node:child_process') as ChildProcess | undefined;
  } catch {
    return undefined;
  }
}

/** Looks up `git config user.name` in the first workspace folder (at most 3 s; no git, no name: undefined). */
export function lookUpGitAuthor(): Promise<string | undefined> {
  const cp = childProcess();
  const folder = vscode.workspace.workspaceFolders?.find((f) => f.uri.scheme === 'file');
  if (!cp) return Promise.resolve(undefined);
  return new Promise((resolve) => {
    try {
      cp.execFile('git', ['config', 'user.name'], { cwd: folder?.uri.fsPath, timeout: 3000 }, (error, stdout) => {
        gitName = error ? undefined : String(stdout).trim() || undefined;
        resolve(gitName);
      });
    } catch {
      resolve(undefined);
    }
  });
}

/** The analyst's name: the setting, else git's user.name, else the OS user name (not on the web), else "analyst". */
export function defaultAuthor(): string {
  const configured = readConfig().author.trim();
  if (configured) return configured;
  if (gitName) return gitName;
  try {
    const os = (globalThis as { process?: { getBuiltinModule?: (id: string) => unknown } }).process?.getBuiltinModule?.('node:os') as
      | { userInfo(): { username: string } }
      | undefined;
    const name = os?.userInfo().username.trim();
    if (name) return name;
  } catch {
    // no user name (web, or no passwd entry)
  }
  return 'analyst';
}
