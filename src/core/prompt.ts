/**
 * The question steps of multi-step commands and the one ordering of a pick list's rows (fuzzy over scripts, pinyin
 * and initials), shared by the quick-input prompter of the extension and the scripted prompter of the tests.
 * Pure: no vscode.
 */
import { FuzzySearch, type SearchItem } from './search/index';

/** Returned by a step when the user pressed the Back button (a registered symbol: the same in a test bundle). */
export const BACK: unique symbol = Symbol.for('corpusLens.quickInput.back') as never;
export type Answer<T> = T | typeof BACK | undefined;

export interface StepBase {
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
 * How multi-step commands (Add Claim, Add to Knowledge Base, Correct…) ask questions and tell the user something,
 * without vscode: the extension implements it with quick inputs (src/extension/prompter.ts), the tests with a
 * scripted prompter that answers each step by id, so the question flows run in plain mocha.
 */
export interface Questions {
  input(step: InputStep): Promise<Answer<string>>;
  pick<T>(step: PickStep<T>): Promise<Answer<T>>;
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

/**
 * VS Code hands a quick-pick selection to the extension as an index into the list the extension set last. When the
 * list is replaced while the user looks at the previous one (the rows re-ranked on each keystroke), a click (or Enter)
 * that lands before the new list is drawn names a row of the old list by its index: another item of the new one (a
 * click on "Putin", third of the unfiltered list, became 北京, third of the list for 'pujing'). Nothing tells the
 * extension which list was on the screen (the workbench's events carry no list version, and its focus events for the
 * old list arrive after the new list was set), so the guard keeps each list replaced less than `settleMs` ago, and a
 * selection is taken only when its index holds the same item in every list the user may have seen, or when it is the
 * row Enter takes on the newest list (its first row, or the step's active one): what the user typed for, and what
 * the workbench focuses as soon as it draws that list. Otherwise it is not taken: the picker stays open on the new
 * list and the next click or Enter is.
 */
export class StalePickGuard<T> {
  private lists: Array<{ items: readonly T[]; at: number; active: number }> = [];

  constructor(
    private readonly same: (a: T, b: T) => boolean = Object.is,
    private readonly now: () => number = Date.now,
    private readonly settleMs = 1000,
  ) {}

  /** The extension set a new list; `active` is the index of the row it made active (what Enter takes). */
  replaced(items: readonly T[], active = 0): void {
    this.lists.push({ items, at: this.now(), active });
    this.forget();
  }

  /** Whether a selection of `item` (an item of the newest list) means the same item in every list that may be shown. */
  trusted(item: T): boolean {
    this.forget();
    const newest = this.lists[this.lists.length - 1];
    if (!newest) return true;
    const index = newest.items.findIndex((x) => this.same(x, item));
    if (index < 0) return false;
    if (index === newest.active) return true;
    return this.lists.every((l) => l.items.length > index && this.same(l.items[index]!, item));
  }

  /** Drops the lists that were replaced by one set at least settleMs ago (that one has been drawn since). */
  private forget(): void {
    const t = this.now();
    let first = this.lists.length - 1;
    while (first > 0 && t - this.lists[first]!.at < this.settleMs) first--;
    if (first > 0) this.lists = this.lists.slice(first);
  }
}
