import * as l10n from '@vscode/l10n';
import * as vscode from 'vscode';
import { escapeIcons, noLinks } from '../core/text/escape';

export { BACK, PickRows, type Answer, type InputStep, type Notice, type PickOption, type PickRow, type PickStep, type Questions, type StepBase } from '../core/prompt';
import { BACK, PickRows, StalePickGuard, type Answer, type InputStep, type Notice, type PickOption, type PickStep, type Questions, type StepBase } from '../core/prompt';

/**
 * The extension's prompter: the questions of core/prompt.ts plus a place to write a file. The services get one
 * `Prompts` at construction (extension.ts); it asks through VS Code quick inputs, or, while an extension-host test
 * scripts the answers (`CorpusLensApi.scriptPrompts`), through the test's prompter, so the real commands run
 * without a UI.
 */
export interface Prompter extends Questions {
  /** A place to write a file (export). */
  saveUri(options: vscode.SaveDialogOptions): Promise<vscode.Uri | undefined>;
}

function titleOf(step: StepBase): string {
  return step.step && step.totalSteps ? `${step.title} (${step.step}/${step.totalSteps})` : step.title;
}

/** Quick inputs with Back buttons and "(step/total)" in the title. */
export class QuickInputPrompter implements Prompter {
  input(step: InputStep): Promise<Answer<string>> {
    return new Promise((resolve) => {
      const box = vscode.window.createInputBox();
      box.title = titleOf(step);
      box.value = step.value ?? '';
      box.prompt = step.prompt;
      box.placeholder = step.placeholder;
      box.ignoreFocusOut = true;
      if ((step.step ?? 1) > 1) box.buttons = [vscode.QuickInputButtons.Back];
      let settled = false;
      const finish = (answer: Answer<string>) => {
        settled = true;
        resolve(answer);
        box.hide();
      };
      const check = (value: string) => (box.validationMessage = step.validate?.(value));
      check(box.value);
      box.onDidChangeValue(check);
      box.onDidTriggerButton((b) => b === vscode.QuickInputButtons.Back && finish(BACK));
      box.onDidAccept(() => {
        const message = step.validate?.(box.value);
        if (message) box.validationMessage = message;
        else finish(box.value);
      });
      box.onDidHide(() => {
        box.dispose();
        if (!settled) resolve(undefined);
      });
      box.show();
    });
  }

  pick<T>(step: PickStep<T>): Promise<Answer<T>> {
    return new Promise((resolve) => {
      type Item = vscode.QuickPickItem & { option?: PickOption<T>; text?: string };
      const pick = vscode.window.createQuickPick<Item>();
      pick.title = titleOf(step);
      pick.placeholder = step.placeholder;
      pick.ignoreFocusOut = true;
      if ((step.step ?? 1) > 1) pick.buttons = [vscode.QuickInputButtons.Back];
      const toItem = (option: PickOption<T>): Item => ({ label: option.label, description: option.description, detail: option.detail, option, alwaysShow: Boolean(step.names) });
      const rows = new PickRows(step);
      // A selection names a row by its index in the list set last: see StalePickGuard.
      const guard = new StalePickGuard<Item>((a, b) => a.option === b.option && a.text === b.text);
      const show = (value: string) => {
        const list = rows.rows(value);
        const items: Item[] = list.map((row) => ('option' in row ? toItem(row.option) : { label: step.freeText!.label(row.text), text: row.text, alwaysShow: true }));
        pick.items = items;
        const activeIndex = Math.max(0, list.indexOf(rows.activeRow(value, list)!));
        guard.replaced(items, activeIndex);
        const active = items[activeIndex];
        if (active && active !== items[0]) pick.activeItems = [active];
      };
      pick.matchOnDescription = !rows.fuzzy;
      pick.matchOnDetail = !rows.fuzzy;
      pick.value = step.value ?? '';
      show(pick.value);
      if (rows.fuzzy || step.freeText) pick.onDidChangeValue(show);
      let settled = false;
      const finish = (answer: Answer<T>) => {
        settled = true;
        resolve(answer);
        pick.hide();
      };
      pick.onDidTriggerButton((b) => b === vscode.QuickInputButtons.Back && finish(BACK));
      pick.onDidAccept(() => {
        const item = pick.selectedItems[0] ?? pick.activeItems[0];
        if (!item || !guard.trusted(item)) return;
        if (item.option) finish(item.option.value);
        else if (item.text !== undefined && step.freeText) finish(step.freeText.value(item.text));
      });
      pick.onDidHide(() => {
        pick.dispose();
        if (!settled) resolve(undefined);
      });
      pick.show();
    });
  }

  saveUri(options: vscode.SaveDialogOptions): Promise<vscode.Uri | undefined> {
    return Promise.resolve(vscode.window.showSaveDialog(options));
  }

  notify(notice: Notice): Promise<string | undefined> {
    if (notice.kind === 'status') {
      vscode.window.setStatusBarMessage(escapeIcons(notice.text), 4000);
      return Promise.resolve(undefined);
    }
    const show = notice.kind === 'warning' ? vscode.window.showWarningMessage : vscode.window.showInformationMessage;
    return Promise.resolve(show(noLinks(l10n.t('Corpus Lens: {0}', notice.text)), ...(notice.actions ?? [])));
  }
}

/**
 * The one prompter of the extension, given to the services when they are created: the quick inputs, or the
 * prompter of a test for as long as its `script` is not disposed (the extension's API offers it to the tests).
 */
export class Prompts implements Prompter {
  private current: Prompter = new QuickInputPrompter();

  input(step: InputStep): Promise<Answer<string>> {
    return this.current.input(step);
  }

  pick<T>(step: PickStep<T>): Promise<Answer<T>> {
    return this.current.pick(step);
  }

  saveUri(options: vscode.SaveDialogOptions): Promise<vscode.Uri | undefined> {
    return this.current.saveUri(options);
  }

  notify(notice: Notice): Promise<string | undefined> {
    return this.current.notify(notice);
  }

  /** Answer through `prompter` until the returned disposable is disposed (then as before). */
  script(prompter: Prompter): vscode.Disposable {
    const previous = this.current;
    this.current = prompter;
    return new vscode.Disposable(() => {
      if (this.current === prompter) this.current = previous;
    });
  }
}
