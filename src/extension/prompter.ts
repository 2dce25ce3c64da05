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

/** One row of a pick step's list: an option, or the typed text accepted as a value of its own (`freeText`). */
export type PickRow<T> = { option: PickOption<T> } | { text: string };

/**
 * The rows a pick step shows for a query, in order (the first is the one Enter takes): with nothing typed, the
 * suggested options then the others; with a query, the options matching it by any name, script, pinyin or
 * initials (`baideng`, `pj`, 北约东扩 as a topic keyword), then the free-text row, then typo-tolerant matches.
 * So a query that names a known entity never turns into free text by Enter, and a new name is not taken for a
 * known one it merely resembles. Used by the quick input and by the tests' scripted prompter.
 */
export class PickRows<T> {
  private readonly search: FuzzySearch<PickOption<T>> | undefined;
  private readonly ordered: PickOption<T>[];

  constructor(private readonly step: PickStep<T>) {
    this.search = step.names
      ? new FuzzySearch<PickOption<T>>(step.options.map((o, i): SearchItem<PickOption<T>> => ({ id: String(i), names: step.names!(o).filter(Boolean), payload: o })), { limit: 200 })
      : undefined;
    this.ordered = [...step.options.filter((o) => o.suggested), ...step.options.filter((o) => !o.suggested)];
  }

  /** Whether the list is computed here for each query (else VS Code filters the labels). */
  get fuzzy(): boolean {
    return this.search !== undefined;
  }

  rows(value: string): PickRow<T>[] {
    const query = value.trim();
    const free: PickRow<T>[] = this.step.freeText && query ? [{ text: query }] : [];
    if (!this.search || !query) return [...free, ...this.ordered.slice(0, 500).map((option) => ({ option }))];
    const results = this.search.search(query, 200);
    const strong = results.filter((r) => r.tier < 5).map((r) => ({ option: r.item.payload }));
    const typos = results.filter((r) => r.tier >= 5).map((r) => ({ option: r.item.payload }));
    return [...strong, ...free, ...typos];
  }

  /** The row that is active (what Enter takes): with nothing typed, `active` when it is shown, else the first row. */
  activeRow(value: string, rows = this.rows(value)): PickRow<T> | undefined {
    if (!value.trim() && this.step.active !== undefined) {
      const want = JSON.stringify(this.step.active);
      const found = rows.find((r) => 'option' in r && JSON.stringify(r.option.value) === want);
      if (found) return found;
    }
    return rows[0];
  }
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
      const show = (value: string) => {
        const list = rows.rows(value);
        const items: Item[] = list.map((row) => ('option' in row ? toItem(row.option) : { label: step.freeText!.label(row.text), text: row.text, alwaysShow: true }));
        pick.items = items;
        const active = items[list.indexOf(rows.activeRow(value, list)!)];
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
