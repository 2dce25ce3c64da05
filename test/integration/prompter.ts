// The test seam of the multi-step commands: a Prompter that answers each step by id from a script, so the real
// commands run inside the extension host without driving quick inputs (test/ui/ drives those in a browser).
import type * as vscode from 'vscode';
import type { Prompter } from '../../src/extension/prompter';
import { PickRows, type Answer, type InputStep, type Notice, type PickOption, type PickStep } from '../../src/core/prompt';

/** The Back button's answer (a registered symbol: the same in the extension bundle and in the test bundle). */
export const BACK = Symbol.for('corpusLens.quickInput.back');

export type Step = InputStep | PickStep<unknown>;
export type Script = Record<string, Array<(step: Step) => unknown>>;

/** Answers each step by id from a script (one answer per visit); records what was asked and offered. */
export class ScriptedPrompter implements Prompter {
  readonly asked: Array<{ id: string; title: string; step?: number; totalSteps?: number; value?: string }> = [];
  readonly offered = new Map<string, PickOption<unknown>[]>();
  /** The last step object asked under each id (its validate function, its options...). */
  readonly steps = new Map<string, Step>();
  saveTo: vscode.Uri | undefined;
  /** Every message and status bar message the commands showed, in order. */
  readonly notices: Notice[] = [];
  /** The button to choose in a message (undefined: dismissed). */
  answerNotice: (notice: Notice) => string | undefined = () => undefined;
  constructor(private readonly script: Script) {}

  private next(step: Step): unknown {
    this.asked.push({ id: step.id, title: step.title, step: step.step, totalSteps: step.totalSteps, value: step.value });
    this.steps.set(step.id, step);
    const answers = this.script[step.id];
    if (!answers?.length) throw new Error(`no scripted answer for step "${step.id}"`);
    return answers.shift()!(step);
  }
  input(step: InputStep): Promise<Answer<string>> {
    return Promise.resolve(this.next(step) as Answer<string>);
  }
  pick<T>(step: PickStep<T>): Promise<Answer<T>> {
    this.offered.set(step.id, step.options as PickOption<unknown>[]);
    return Promise.resolve(this.next(step as PickStep<unknown>) as Answer<T>);
  }
  saveUri(): Promise<vscode.Uri | undefined> {
    return Promise.resolve(this.saveTo);
  }
  notify(notice: Notice): Promise<string | undefined> {
    this.notices.push(notice);
    return Promise.resolve(notice.kind === 'status' ? undefined : this.answerNotice(notice));
  }
}

/** Picks the option whose value satisfies `predicate`. */
export const option = (predicate: (value: unknown) => boolean) => (step: Step) => {
  const found = (step as PickStep<unknown>).options.find((o) => predicate(o.value));
  if (!found) throw new Error(`no option matches in step ${step.id}`);
  return found.value;
};
/** Answers `v`. */
export const value = (v: unknown) => () => v;
/** Accepts the pre-selected option of a pick step (the current value when editing). */
export const active = (step: Step) => (step as PickStep<unknown>).active;
/** Accepts the prefilled value of an input step. */
export const keep = (step: Step) => (step as InputStep).value ?? '';

/** The value of a row of a pick step (an option's, or the free text's). */
function rowValue(step: PickStep<unknown>, row: ReturnType<PickRows<unknown>['activeRow']>): unknown {
  if (!row) throw new Error(`step ${step.id}: the list is empty`);
  return 'option' in row ? row.option.value : step.freeText!.value(row.text);
}
/**
 * Presses Enter in a pick step with nothing typed, as the quick input does: the active row (the `active` option when
 * the list shows it), else the first row. Unlike `active`, this catches a current value the list does not show.
 */
export const enter = (step: Step) => {
  const pick = step as PickStep<unknown>;
  return rowValue(pick, new PickRows(pick).activeRow(pick.value ?? ''));
};
/** Types `query` into a pick step and presses Enter: the first row the quick input shows for it. */
export const typed = (query: string) => (step: Step) => {
  const pick = step as PickStep<unknown>;
  return rowValue(pick, new PickRows(pick).activeRow(query));
};
/** The rows a pick step shows for `query` (option values, or {freeText} for the free-text row). */
export function rowsFor(step: Step, query: string): unknown[] {
  const pick = step as PickStep<unknown>;
  return new PickRows(pick).rows(query).map((r) => ('option' in r ? r.option.value : { freeText: r.text }));
}
