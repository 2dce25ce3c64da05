import * as vscode from 'vscode';
import { StalePickGuard } from '../../core/prompt';
import { FuzzySearch, type SearchItem } from '../../core/search/index';

export interface PickItem<T> extends vscode.QuickPickItem {
  payload: T;
}

/**
 * A QuickPick driven by the core fuzzy search (scripts, pinyin, initials, typos) instead of VS Code's own label
 * filter: items are recomputed on every keystroke and marked `alwaysShow` so pinyin matches are not filtered out.
 */
export function fuzzyPick<T>(options: {
  title: string;
  placeholder: string;
  items: () => SearchItem<T>[];
  render: (item: SearchItem<T>, matched?: string) => vscode.QuickPickItem;
  initial?: (items: SearchItem<T>[]) => SearchItem<T>[];
  limit?: number;
  /** A line above the items (e.g. "still indexing 1,200 of 4,000 files"), when it returns one. */
  note?: () => string | undefined;
}): Promise<T | undefined> {
  return new Promise((resolve) => {
    const pick = vscode.window.createQuickPick<PickItem<T>>();
    pick.title = options.title;
    pick.placeholder = options.placeholder;
    pick.matchOnDescription = false;
    pick.matchOnDetail = false;
    pick.busy = true;
    pick.show();
    const all = options.items();
    const search = new FuzzySearch(all, { limit: options.limit ?? 200 });
    // A selection names a row by its index in the list set last: see StalePickGuard.
    const guard = new StalePickGuard<PickItem<T>>((a, b) => a.payload === b.payload && a.label === b.label);
    const toPick = (item: SearchItem<T>, matched?: string): PickItem<T> => ({ ...options.render(item, matched), alwaysShow: true, payload: item.payload });
    const show = (value: string) => {
      const query = value.trim();
      let results = query ? search.search(query, options.limit ?? 200) : [];
      // Typo-tolerant (fuzzy) matches only help when nothing matched exactly, by prefix or substring.
      if (results.some((r) => r.tier < 5)) results = results.filter((r) => r.tier < 5);
      const note = options.note?.();
      const head: PickItem<T>[] = note ? [{ label: note, kind: vscode.QuickPickItemKind.Separator, payload: undefined as T }] : [];
      pick.items = head.concat(query
        ? results.map((r) => toPick(r.item, r.matched))
        : (options.initial ? options.initial(all) : all).slice(0, options.limit ?? 200).map((i) => toPick(i)));
      guard.replaced(pick.items);
    };
    show('');
    pick.busy = false;
    let settled = false;
    pick.onDidChangeValue(show);
    pick.onDidAccept(() => {
      const item = pick.selectedItems[0];
      if (item && !guard.trusted(item)) return;
      settled = true;
      const chosen = item?.payload;
      pick.hide();
      resolve(chosen);
    });
    pick.onDidHide(() => {
      pick.dispose();
      if (!settled) resolve(undefined);
    });
  });
}
