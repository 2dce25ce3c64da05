/**
 * The one command path: every Corpus Lens command is registered through `registerCommand` with a typed id from
 * `COMMANDS`. A command that throws is handled the same way everywhere: a refusal meant for the user (Restricted
 * Mode, an annotation that cannot be written, a bad field) is shown as it is; anything else is logged with its
 * stack and shown as "<name> failed: <message>", links broken up. The command's own result is returned (tests and
 * command links read it). The ids are in `commandIds.ts` (no vscode import), which
 * `test/unit/commands.test.ts` checks against package.json.
 */
import * as l10n from '@vscode/l10n';
import * as vscode from 'vscode';
import { AnnotationInputError } from '../core/annotations/state';
import type { Logger } from '../core/types';
import { noLinks } from '../core/text/escape';
import { AnnotationRefusal, RestrictedRefusal } from './services/annotations';
import { showRestricted } from './trust';
import { COMMANDS, type CommandId } from './commandIds';

export { COMMANDS, type CommandId } from './commandIds';

/** The error is a refusal or an input problem the user reads as it is (not a failure of Corpus Lens). */
function isRefusal(error: unknown): error is Error {
  return error instanceof AnnotationRefusal || error instanceof AnnotationInputError;
}

/**
 * `fn` wrapped in the command error handling (see above), under `name` in messages. Resolves to fn's result, or
 * undefined when it threw.
 */
export function guarded<A extends unknown[], R>(log: Logger, name: string, fn: (...args: A) => R | Promise<R>): (...args: A) => Promise<R | undefined> {
  return async (...args: A) => {
    try {
      return await fn(...args);
    } catch (error) {
      if (error instanceof RestrictedRefusal) showRestricted();
      else if (isRefusal(error)) void vscode.window.showErrorMessage(noLinks(l10n.t('Corpus Lens: {0}', error.message)));
      else {
        log.error(`${name} failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
        void vscode.window.showErrorMessage(noLinks(l10n.t('Corpus Lens: {0} failed: {1}', name, error instanceof Error ? error.message : String(error))));
      }
      return undefined;
    }
  };
}

/** Registers a Corpus Lens command through the guard. `fn` gets the command's arguments as VS Code passes them. */
export function registerCommand<R>(log: Logger, id: CommandId, fn: (...args: never[]) => R | Promise<R>): vscode.Disposable {
  return vscode.commands.registerCommand(id, guarded(log, COMMANDS[id].name, fn as (...args: unknown[]) => R | Promise<R>));
}

/** A registrar bound to a logger, for a feature's list of commands. */
export function commandRegistrar(log: Logger): <R>(id: CommandId, fn: (...args: never[]) => R | Promise<R>) => vscode.Disposable {
  return (id, fn) => registerCommand(log, id, fn);
}

/** Runs a Corpus Lens command by its typed id. */
export function executeCommand<T = unknown>(id: CommandId, ...args: unknown[]): Thenable<T> {
  return vscode.commands.executeCommand<T>(id, ...args);
}
