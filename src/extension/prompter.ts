import * as vscode from 'vscode';
import { escapeIcons, noLinks } from '../core/text/escape';
import { FuzzySearch, type SearchItem } from '../core/search/index';

/** Returned by a step when the user pressed the Back button (a registered symbol: the same in a test bundle). */
export const BACK: unique symbol = Symbol.for('corpusLens.quickInput.back') as never;
export type Answer<T> = T | typeof BACK | undefined;

interface StepBase {
  /** Stable id of the step ('claim', 'stance', ...): what a scripted prompter answers by. */
  id: string;
  title: string;
  /** 1-based position and total, shown as "(step/total)"; a step > 1 gets a Back button. */
  step?: number;
  totalSteps?: number;
  placeholder?: string;
}

export interface InputStep extends StepBase {
  value?: string;
  prompt?: string;
  /** A message when the value is not acceptable, else undefined. */
  validate?: (value: string) => string | undefined;
}

export interface PickOption<T> {
  label: string;
  description?: string;
  detail?: string;
  value: T;
  /** Shown first when nothing is typed (suggestions). */
  suggested?: boolean;
}

export interface PickStep<T> extends StepBase {
  options: PickOption<T>[];
  /** Option pre-selected (e.g. the current value when editing; compared as JSON). */
  active?: T;
  /** Fuzzy matching (scripts, pinyin, initials) over these names per option, instead of VS Code's label filter. */
  names?: (option: PickOption<T>) => string[];
  /** Typed text that matches no option can be accepted as a value of its own. */
  freeText?: { label: (text: string) => string; value: (text: string) => T };
  /** Typed text to start with. */
  value?: string;
}

/** Feedback to the user: an information or warning message (with optional buttons), or a status bar message. */
export interface Notice {
  kind: 'info' | 'warning' | 'status';
  /** The text (messages are prefixed with "Corpus Lens: " when shown). */
  text: string;
  /** Buttons of a message (not of a status bar message). */
  actions?: string[];
}

/**
 * How multi-step commands (Add Claim, Add to Knowledge Base, ...) ask questions. The default uses VS Code quick
 * inputs; tests substitute a scripted implementation (`services.annotations.prompter`,
 * `services.knowledge.prompter`) so the real commands run without a UI.
 */
export interface Prompter {
  input(step: InputStep): Promise<Answer<string>>;
  pick<T>(step: PickStep<T>): Promise<Answer<T>>;
  /** A place to write a file (export). */
  saveUri(options: vscode.SaveDialogOptions): Promise<vscode.Uri | undefined>;
  /** Tells the user something; resolves with the button chosen (undefined: none, or a status bar message). */
  notify(notice: Notice): Promise<string | undefined>;
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
      const search = step.names
        ? new FuzzySearch<PickOption<T>>(step.options.map((o, i): SearchItem<PickOption<T>> => ({ id: String(i), names: step.names!(o).filter(Boolean), payload: o })), { limit: 200 })
        : undefined;
      const ordered = [...step.options.filter((o) => o.suggested), ...step.options.filter((o) => !o.suggested)];
      const show = (value: string) => {
        const query = value.trim();
        const items: Item[] = search && query ? search.search(query, 200).map((r) => toItem(r.item.payload)) : ordered.slice(0, 500).map(toItem);
        if (step.freeText && query) items.unshift({ label: step.freeText.label(query), text: query, alwaysShow: true });
        pick.items = items;
        if (!query && step.active !== undefined) {
          const want = JSON.stringify(step.active);
          const active = items.find((i) => i.option && JSON.stringify(i.option.value) === want);
          if (active) pick.activeItems = [active];
        }
      };
      pick.matchOnDescription = !search;
      pick.matchOnDetail = !search;
      pick.value = step.value ?? '';
      show(pick.value);
      if (search || step.freeText) pick.onDidChangeValue(show);
      let settled = false;
      const finish = (answer: Answer<T>) => {
        settled = true;
        resolve(answer);
        pick.hide();
      };
      pick.onDidTriggerButton((b) => b === vscode.QuickInputButtons.Back && finish(BACK));
      pick.onDidAccept(() => {
        const item = pick.selectedItems[0] ?? pick.activeItems[0];
        if (!item) return;
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
    return Promise.resolve(show(noLinks(`Corpus Lens: ${notice.text}`), ...(notice.actions ?? [])));
  }
}
