// A small framework for browser-driven checks of the real VS Code workbench (code-server + headless chromium).
// scripts/run-ui.mjs loads every test/ui/*.ui.ts (through tsx), opens the workbench once on a temp copy of
// samples/ with the extension loaded, and runs the registered checks in file order. Each check is reported as a
// test; each step leaves a screenshot in test-artifacts/ui/<check>-<nn>-<step>.png.
//
// A check:
//   import * as assert from 'node:assert/strict';
//   import { check } from './framework';
//   check('hover on a person shows the entity card', async (wb) => {
//     await wb.step('open 001', () => wb.openFile('001_'));
//     const card = await wb.step('hover 普京', () => wb.hoverText('普京'));
//     assert.match(card, /Vladimir Putin/);
//   });
import type { Page } from 'playwright-core';
import * as assert from 'node:assert/strict';
import { mkdirSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

export interface CheckOptions {
  /** Per-check limit (default 60 s). */
  timeoutMs?: number;
  /** Reload the workbench (and so restart the extension host) before this check. */
  freshWindow?: boolean;
  /**
   * Where the extension runs: 'node' (default) the remote Node extension host (its "main" entry), 'web' the
   * browser's web worker extension host (its "browser" entry, dist/web/extension.js). The 'web' checks run after
   * the others, in a workbench of their own (a second code-server whose user settings force the extension into the
   * web worker), so that they never share a window with the Node host checks.
   */
  extensionHost?: 'node' | 'web';
}

export interface UiCheck {
  name: string;
  run: (wb: Workbench) => Promise<void>;
  timeoutMs: number;
  freshWindow: boolean;
  extensionHost: 'node' | 'web';
}

const registry: UiCheck[] = [];

/** Registers a check; called at the top level of a test/ui/*.ui.ts file. */
export function check(name: string, run: (wb: Workbench) => Promise<void>, options: CheckOptions = {}): void {
  if (registry.some((c) => c.name === name)) throw new Error(`duplicate UI check name: ${name}`);
  registry.push({
    name, run, timeoutMs: options.timeoutMs ?? 60_000, freshWindow: options.freshWindow ?? false, extensionHost: options.extensionHost ?? 'node',
  });
}

export function registeredChecks(): readonly UiCheck[] {
  return registry;
}

export interface QuickPickRow {
  label: string;
  description: string;
  detail: string;
}

export interface TreeRow {
  /** Visible label text (aria-label when the row has one). */
  label: string;
  /** 1-based depth in the tree. */
  level: number;
  expanded: boolean | undefined;
}

const slug = (text: string) =>
  text.toLowerCase().replace(/[^a-z0-9\u4e00-\u9fff]+/g, '-').replace(/^-|-$/g, '').slice(0, 60) || 'step';

// Runs in the page: the centre of the middle character of the first visible occurrence of `needle` in the active
// editor's rendered lines (Monaco renders spaces as U+00A0), or null when it is not rendered or scrolled out of view.
const LOCATE_TEXT = `(needle) => {
  const editors = [...document.querySelectorAll('.editor-group-container.active .monaco-editor, .monaco-editor')];
  for (const editor of editors) {
    for (const line of editor.querySelectorAll('.view-lines .view-line')) {
      const pieces = [];
      let all = '';
      const walker = document.createTreeWalker(line, NodeFilter.SHOW_TEXT);
      for (let node = walker.nextNode(); node; node = walker.nextNode()) {
        pieces.push([node, all.length]);
        all += node.data.replace(/\\u00a0/g, ' ');
      }
      const at = all.indexOf(needle);
      if (at < 0) continue;
      const mid = at + Math.floor((needle.length - 1) / 2);
      let chosen = pieces[0];
      for (const piece of pieces) if (piece[1] <= mid) chosen = piece;
      const range = document.createRange();
      range.setStart(chosen[0], mid - chosen[1]);
      range.setEnd(chosen[0], mid - chosen[1] + 1);
      const r = range.getBoundingClientRect();
      if (r.width === 0 && r.height === 0) continue;
      // rendered but scrolled out of the editor's view (a long line without word wrap): not visible
      const box = (editor.querySelector('.overflow-guard') || editor).getBoundingClientRect();
      if (r.x < box.left || r.x + r.width > box.right || r.y < box.top || r.y + r.height > box.bottom) continue;
      return { x: r.x + r.width / 2, y: r.y + r.height / 2 };
    }
  }
  return null;
}`;

/** The workbench page plus helpers. `page` is a playwright Page for anything the helpers do not cover. */
export class Workbench {
  private stepNo = 0;
  readonly stepsDone: string[] = [];

  constructor(
    readonly page: Page,
    /** Absolute path of the opened folder (a temp copy of samples/; checks may write into it). */
    readonly workspace: string,
    readonly artifactsDir: string,
    /** Slug of the running check, prefix of its screenshots. */
    public checkSlug = 'workbench',
  ) {}

  /** Runs one named step, then screenshots `<check>-<nn>-<step>.png`. */
  async step<T>(name: string, action: () => Promise<T>): Promise<T> {
    this.stepNo += 1;
    const result = await action();
    this.stepsDone.push(name);
    await this.screenshot(`${String(this.stepNo).padStart(2, '0')}-${slug(name)}`);
    return result;
  }

  /** Screenshot of the whole window to test-artifacts/ui/<check>-<name>.png; returns the path. */
  async screenshot(name: string): Promise<string> {
    mkdirSync(this.artifactsDir, { recursive: true });
    const path = join(this.artifactsDir, `${this.checkSlug}-${slug(name)}.png`);
    await this.page.screenshot({ path, timeout: 15_000 });
    return path;
  }

  /** Resets per-check state (called by the runner). */
  beginCheck(name: string): void {
    this.checkSlug = slug(name);
    this.stepNo = 0;
    this.stepsDone.length = 0;
  }

  /** Polls `probe` until it returns a truthy value. */
  async waitFor<T>(what: string, probe: () => Promise<T | undefined | null | false> | T | undefined | null | false, timeoutMs = 15_000): Promise<T> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const value = await probe();
      if (value) return value;
      if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
      await this.page.waitForTimeout(150);
    }
  }

  /** Waits for the workbench, shows the Explorer and waits for the folder's files in it. */
  async waitUntilReady(timeoutMs = 60_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    await this.page.waitForSelector('.monaco-workbench .part.activitybar', { timeout: timeoutMs });
    // Right after a reload the workbench restores the side bar it had (Corpus Lens, say), and a click on the Explorer
    // made while it does so can be undone by the restore: click again until the Explorer lists the folder.
    for (;;) {
      await this.openViewContainer('Explorer');
      const rows = this.page.locator('.explorer-folders-view .monaco-list-row').first();
      const left = deadline - Date.now();
      try {
        await rows.waitFor({ timeout: Math.max(1, Math.min(5_000, left)) });
        return;
      } catch (error) {
        if (Date.now() >= deadline) throw error;
      }
    }
  }

  /** File names listed in the Explorer (top level as rendered). */
  async explorerFiles(): Promise<string[]> {
    const rows = this.page.locator('.explorer-folders-view .monaco-list-row');
    return (await rows.allInnerTexts()).map((t) => t.trim()).filter(Boolean);
  }

  /**
   * Quick Open (Ctrl+P): opens the workspace file `name`, or, when `name` has no extension, the .txt file whose
   * name starts with it ('001_' is 001_….txt, never its sidecar 001_….txt.annotations.yaml). Types the full
   * file name, accepts the row that shows exactly that name and waits for its editor tab to be active; retries
   * when another editor came up (Quick Open re-sorts its rows while it filters).
   */
  async openFile(name: string): Promise<void> {
    const fileName = /\.[a-z]+$/i.test(name)
      ? name
      : readdirSync(this.workspace).filter((f) => f.startsWith(name) && f.endsWith('.txt')).sort()[0];
    if (!fileName) throw new Error(`no ${name}*.txt in ${this.workspace}`);
    const exact = new RegExp(`^${fileName.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`);
    const activeTab = this.page.locator('.tabs-container .tab.active').filter({ has: this.page.locator('.label-name', { hasText: exact }) });
    let last: unknown;
    for (let attempt = 0; attempt < 3; attempt++) {
      try {
        await this.dismissWidgets();
        await this.page.keyboard.press('Control+P');
        const input = this.page.locator('.quick-input-widget .quick-input-box input');
        await input.waitFor({ state: 'visible', timeout: 10_000 });
        await input.fill(fileName);
        const row = this.page
          .locator('.quick-input-list .monaco-list-row')
          .filter({ has: this.page.locator('.label-name', { hasText: exact }) })
          .first();
        await row.waitFor({ timeout: 10_000 });
        // Results come in batches (file results, then recently opened above them): click once the list has settled,
        // or the click lands on whatever row moved under the pointer.
        let previous = '';
        let stableSince = Date.now();
        await this.waitFor('the Quick Open results to settle', async () => {
          const now = (await this.page.locator('.quick-input-list .monaco-list-row').allInnerTexts()).join('\n');
          if (now !== previous) {
            previous = now;
            stableSince = Date.now();
          }
          return Date.now() - stableSince >= 400;
        }, 10_000);
        await row.click();
        await activeTab.waitFor({ timeout: 5_000 });
        await this.page.locator('.editor-group-container.active .monaco-editor .view-lines .view-line').first().waitFor({ timeout: 15_000 });
        return;
      } catch (error) {
        last = error;
      }
    }
    throw last;
  }

  /**
   * Command palette (F1): runs the command whose label is `title` (e.g. 'Corpus Lens: Go to Entity...').
   * Open widgets are closed first with Escape, which in an editor also collapses its selection: `keepSelection`
   * presses Escape only while a quick input is shown (for commands that act on the selection).
   */
  async runCommand(title: string, options: { keepSelection?: boolean } = {}): Promise<void> {
    if (!options.keepSelection) await this.dismissWidgets();
    else {
      await this.page.mouse.move(1, 1);
      if (await this.page.locator('.quick-input-widget').isVisible()) await this.page.keyboard.press('Escape');
    }
    await this.page.keyboard.press('F1');
    const input = this.page.locator('.quick-input-widget .quick-input-box input');
    await input.waitFor({ state: 'visible', timeout: 10_000 });
    await input.fill(`>${title}`);
    const rows = this.page.locator('.quick-input-list .monaco-list-row');
    const exact = rows.filter({ has: this.page.locator('.label-name', { hasText: title }) }).first();
    await exact.waitFor({ timeout: 10_000 }).catch(() => {
      throw new Error(`command "${title}" is not in the command palette`);
    });
    await exact.click();
  }

  /** Labels of the rows of the open quick pick (after runCommand opened one). */
  async quickPickItems(): Promise<string[]> {
    const rows = this.page.locator('.quick-input-widget .quick-input-list .monaco-list-row');
    await rows.first().waitFor({ timeout: 10_000 });
    return (await rows.allInnerTexts()).map((t) => t.replace(/\s+/g, ' ').trim());
  }

  /** Types into the open quick input (quick pick or input box) and accepts with Enter. */
  async answerQuickInput(text: string): Promise<void> {
    const input = this.page.locator('.quick-input-widget .quick-input-box input');
    await input.waitFor({ state: 'visible', timeout: 10_000 });
    await input.fill(text);
    await this.page.keyboard.press('Enter');
  }

  /** Title of the visible quick input (e.g. 'Add Claim (3/8)'), '' when none is shown. */
  async quickInputTitle(): Promise<string> {
    const widget = this.page.locator('.quick-input-widget');
    if (!(await widget.isVisible())) return '';
    return (await widget.locator('.quick-input-title').innerText().catch(() => '')).trim();
  }

  /**
   * Waits until the quick input shows the title `title` (a multi-step flow reuses one widget: the title tells
   * which step is up), then returns it.
   */
  async waitForQuickInput(title: string | RegExp, timeoutMs = 10_000): Promise<string> {
    const wanted = typeof title === 'string' ? (t: string) => t === title : (t: string) => title.test(t);
    return this.waitFor(`the quick input "${String(title)}"`, async () => {
      const t = await this.quickInputTitle();
      return wanted(t) ? t : undefined;
    }, timeoutMs);
  }

  /** Label, description and detail of the rendered rows of the open quick pick (icons left out). */
  async quickPickRows(): Promise<QuickPickRow[]> {
    const rows = this.page.locator('.quick-input-widget .quick-input-list .monaco-list-row');
    // (no named functions in the page function: tsx would wrap them in a __name helper the page does not have)
    return rows.evaluateAll((els) =>
      els.map((el) => {
        const e = el as unknown as { querySelector(s: string): { textContent: string | null } | null };
        const [label, description, detail] = ['.label-name', '.label-description', '.quick-input-list-detail'].map((s) => (e.querySelector(s)?.textContent ?? '').replace(/\s+/g, ' ').trim());
        return { label: label!, description: description!, detail: detail! };
      }),
    );
  }

  /**
   * In the open quick pick: types `type` into its box when given, waits until the rendered rows have settled (the
   * same on two reads 300 ms apart: an extension that ranks the rows itself replaces them after each keystroke) and
   * a row for which `match` is true is there, moves the focus to it with the arrow keys and accepts it with Enter.
   * Returns that row.
   *
   * Settling matters: VS Code sends a selection to the extension host as an index into the item list, and the
   * extension host reads that index in the list it set last. A click on a row of the list rendered before the
   * extension's re-ranked items arrived is taken as whatever row the new list has at that place (a click on
   * "Putin", third of the unfiltered list, became 北京, third of the list ranked for 'pujing').
   */
  async pickQuickItem(match: (row: QuickPickRow) => boolean, options: { type?: string; timeoutMs?: number } = {}): Promise<QuickPickRow> {
    const input = this.page.locator('.quick-input-widget .quick-input-box input');
    await input.waitFor({ state: 'visible', timeout: 10_000 });
    if (options.type !== undefined) await input.fill(options.type);
    // Settled: the rows unchanged for longer than the extension's StalePickGuard settle time (1 s: a selection made
    // sooner after the list was replaced is not taken when its row meant another item in the list before).
    let previous = '';
    let since = Date.now();
    const [index, row] = await this.waitFor(`a quick pick row matching ${String(match)}`, async () => {
      const rows = await this.quickPickRows();
      const now = JSON.stringify(rows);
      if (now !== previous) [previous, since] = [now, Date.now()];
      if (Date.now() - since < 1200) {
        await this.page.waitForTimeout(150);
        return undefined;
      }
      const i = rows.findIndex(match);
      return i >= 0 ? ([i, rows[i]!] as const) : undefined;
    }, options.timeoutMs ?? 10_000);
    // Move the focus to the row with the keyboard and accept it with Enter (a click can land while the list is
    // re-rendered and be lost), checking the focused row before accepting.
    const list = this.page.locator('.quick-input-widget .quick-input-list .monaco-list-row');
    const target = Number(await list.nth(index).getAttribute('data-index'));
    await this.waitFor(`the focus on the row at ${target}`, async () => {
      const focused = await list.evaluateAll((els) => {
        const el = els.find((e) => (e as unknown as { classList: { contains(c: string): boolean } }).classList.contains('focused')) as unknown as { getAttribute(a: string): string | null } | undefined;
        return el ? Number(el.getAttribute('data-index')) : -1;
      });
      if (focused === target) return true;
      await input.press(focused < target ? 'ArrowDown' : 'ArrowUp');
      return false;
    }, 10_000);
    const focusedRow = (await this.quickPickRows())[index];
    assert.ok(focusedRow && match(focusedRow), `the focused row ${JSON.stringify(focusedRow)} is the one wanted`);
    await input.press('Enter');
    return row;
  }

  /**
   * Selects the first occurrence of `text` in the active editor (through the Find widget, closed again with Escape,
   * which keeps the match selected) and waits until the status bar reports a selection of its length.
   */
  async selectText(text: string): Promise<void> {
    await this.dismissWidgets();
    await this.page.locator('.editor-group-container.active .monaco-editor .view-lines').first().click();
    await this.page.keyboard.press('Control+Home');
    await this.page.keyboard.press('Control+F');
    const find = this.page.locator('.editor-group-container.active .find-widget textarea, .editor-group-container.active .find-widget input').first();
    await find.waitFor({ state: 'visible', timeout: 10_000 });
    await find.fill(text);
    await this.waitFor(`a match of "${text}" in the Find widget`, async () => {
      const count = await this.page.locator('.editor-group-container.active .find-widget .matchesCount').first().innerText().catch(() => '');
      return /^1 of \d+/.test(count.trim()) ? count : undefined;
    }, 5_000);
    await this.page.keyboard.press('Escape');
    await this.waitFor(`"${text}" selected`, async () => {
      const status = await this.page.locator('.statusbar-item[id$="editor.selection"]').first().innerText().catch(() => '');
      return status.includes(`(${text.length} selected)`) ? status : undefined;
    }, 5_000);
  }

  /** Text of the lines the active editor currently renders (spaces normalised). */
  async editorText(): Promise<string> {
    const lines = this.page.locator('.editor-group-container.active .monaco-editor .view-lines .view-line');
    const texts = await lines.evaluateAll((els) =>
      els
        .map((el) => ({ top: parseFloat((el as unknown as { style: { top: string } }).style.top) || 0, text: el.textContent ?? '' }))
        .sort((a, b) => a.top - b.top)
        .map((l) => l.text.replace(/\u00a0/g, ' ')),
    );
    return texts.join('\n');
  }

  /**
   * Scrolls the active editor so that `text` is rendered and in view (uses the Find widget, then closes it). The
   * Find widget does not always scroll a long line sideways when the match is already selected: the search is then
   * started again from the top of the document.
   */
  async revealText(text: string): Promise<void> {
    if (await this.locateText(text)) return;
    let last: unknown;
    // focus the editor without moving its cursor (a click would)
    await this.page.locator('.editor-group-container.active .monaco-editor textarea.inputarea, .editor-group-container.active .monaco-editor .native-edit-context').first().focus();
    for (let attempt = 0; attempt < 3; attempt++) {
      if (attempt > 0) await this.page.keyboard.press('Control+Home');
      await this.page.keyboard.press('Control+F');
      const find = this.page.locator('.editor-group-container.active .find-widget textarea, .editor-group-container.active .find-widget input').first();
      await find.waitFor({ state: 'visible', timeout: 10_000 });
      await find.fill(text);
      await this.page.keyboard.press('Enter');
      await this.page.keyboard.press('Escape');
      try {
        await this.waitFor(`"${text}" to be rendered in view in the editor`, () => this.locateText(text), 3_000);
        return;
      } catch (error) {
        last = error;
      }
    }
    throw last;
  }

  /** Moves the mouse over `text` in the active editor and returns the hover's text (throws when none shows). */
  async hoverText(text: string, timeoutMs = 10_000): Promise<string> {
    await this.revealText(text);
    await this.page.mouse.move(1, 1);
    const point = await this.locateText(text);
    if (!point) throw new Error(`"${text}" is not rendered in the active editor`);
    await this.page.mouse.move(point.x, point.y, { steps: 3 });
    const hover = this.page.locator('.monaco-editor .monaco-hover:not(.hidden)').first();
    await hover.waitFor({ state: 'visible', timeout: timeoutMs });
    return this.waitFor('hover content', async () => (await hover.innerText()).trim(), timeoutMs);
  }

  /** Class names of the elements VS Code renders for text-editor decorations (`ced-*`) over `text`. */
  async decorationClassesAt(text: string): Promise<string[]> {
    await this.revealText(text);
    const point = await this.locateText(text);
    if (!point) return [];
    return this.page.evaluate(
      ({ x, y }) => {
        const doc = (globalThis as unknown as { document: { elementsFromPoint(x: number, y: number): Array<{ className: unknown }> } }).document;
        return doc.elementsFromPoint(x, y)
          .map((el) => (typeof el.className === 'string' ? el.className : ''))
          .filter((c) => /\bced-/.test(c));
      },
      point,
    );
  }

  /** Opens a view container from the activity bar by its title (e.g. 'Corpus Lens', 'Explorer'). */
  async openViewContainer(title: string): Promise<void> {
    const item = this.page.locator(`.activitybar .action-item a[aria-label^="${title}"], .activitybar .action-item .action-label[aria-label^="${title}"]`).first();
    await item.waitFor({ timeout: 15_000 });
    const checked = await item.evaluate((el) => (el as unknown as { closest(s: string): { className: string } | null }).closest('.action-item')?.className.includes('checked') ?? false);
    if (!checked) await item.click();
    await this.page.locator('.sidebar .pane-header').first().waitFor({ state: 'visible', timeout: 10_000 });
  }

  /** Rows of the side bar trees, or of the view titled `view` only (e.g. 'Entities'). */
  async treeRows(view?: string): Promise<TreeRow[]> {
    let scope = this.page.locator('.sidebar');
    if (view) {
      const pane = this.page.locator('.sidebar .pane').filter({ has: this.page.locator('.pane-header .title', { hasText: view }) }).first();
      await pane.waitFor({ timeout: 10_000 });
      const header = pane.locator('.pane-header').first();
      if ((await header.getAttribute('aria-expanded')) === 'false') await header.click();
      scope = pane;
    }
    const rows = scope.locator('.monaco-list-row');
    return rows.evaluateAll((els) =>
      els.map((el) => {
        const e = el as unknown as { getAttribute(n: string): string | null; textContent: string | null };
        const expanded = e.getAttribute('aria-expanded');
        return {
          label: (e.textContent ?? '').replace(/\s+/g, ' ').trim() || (e.getAttribute('aria-label') ?? ''),
          level: Number(e.getAttribute('aria-level') ?? 1),
          expanded: expanded === null ? undefined : expanded === 'true',
        };
      }),
    );
  }

  /**
   * Where the extension named `name` (its package.json "name") runs, as 'Developer: Show Running Extensions' shows
   * it: 'web worker' for the browser's web worker extension host, the server's authority (127.0.0.1:PORT) for the
   * remote Node one. Waits until the extension is listed (activated), then closes that editor.
   */
  async runningExtensionHost(name: string, timeoutMs = 15_000): Promise<string> {
    await this.runCommand('Developer: Show Running Extensions');
    const row = this.page.locator(`.runtime-extensions-editor .monaco-list-row[aria-label="${name}"]`).first();
    await row.waitFor({ timeout: timeoutMs });
    const host = await this.waitFor(`the host of ${name} in Running Extensions`, async () => (await row.locator('.msg').innerText()).trim(), timeoutMs);
    await this.runCommand('View: Close Editor');
    return host;
  }

  /** Messages of the notification toasts currently shown. */
  async notifications(): Promise<string[]> {
    const toasts = this.page.locator('.notifications-toasts .notification-toast .notification-list-item-message');
    return (await toasts.allInnerTexts()).map((t) => t.trim());
  }

  /** Closes quick inputs, hovers and find widgets. */
  async dismissWidgets(): Promise<void> {
    for (let i = 0; i < 2; i++) await this.page.keyboard.press('Escape');
    await this.page.mouse.move(1, 1);
  }

  /** Between checks: close editors and notifications, show the Explorer. */
  async reset(): Promise<void> {
    await this.dismissWidgets();
    await this.runCommand('View: Close All Editors');
    await this.page.locator('.tabs-container .tab').first().waitFor({ state: 'detached', timeout: 10_000 }).catch(() => {});
    await this.runCommand('Notifications: Clear All Notifications').catch(() => this.dismissWidgets());
    await this.openViewContainer('Explorer');
  }

  private async locateText(text: string): Promise<{ x: number; y: number } | null> {
    return this.page.evaluate(`(${LOCATE_TEXT})(${JSON.stringify(text)})`) as Promise<{ x: number; y: number } | null>;
  }
}

/**
 * A README screenshot: the whole window as PNG, at most 300 KB (else a clip of the editor area). Written to
 * test-artifacts/ui/readme/, or over the committed media/screenshots/ when CORPUS_LENS_UPDATE_SCREENSHOTS=1 (so
 * that a test run does not modify tracked files).
 */
export async function readmeShot(wb: Workbench, name: string): Promise<void> {
  const dir = process.env.CORPUS_LENS_UPDATE_SCREENSHOTS === '1' ? join(__dirname, '..', '..', 'media', 'screenshots') : join(wb.artifactsDir, 'readme');
  mkdirSync(dir, { recursive: true });
  const path = join(dir, name);
  await wb.page.screenshot({ path, timeout: 15_000 });
  if (statSync(path).size > 300 * 1024) {
    await wb.page.screenshot({ path, timeout: 15_000, clip: { x: 0, y: 0, width: 1100, height: 700 } });
  }
  assert.ok(statSync(path).size < 300 * 1024, `${name} is ${statSync(path).size} bytes`);
}

/** Waits for the extension's status bar summary of the active document ("N rec · N entities · N dates"): the
 * extension is active and analysed it. Returns the item's text. */
export async function waitForSummary(wb: Workbench): Promise<string> {
  return wb.waitFor('the Corpus Lens status bar item', async () => {
    const texts = await wb.page.locator('.statusbar-item').allInnerTexts();
    return texts.find((t) => /\d+ rec · \d+ entit(y|ies)/.test(t))?.trim();
  }, 30_000);
}

/** Hovers `text` until a hover shows (the first mouse move may come before the provider is registered). */
export async function hoverUntilShown(wb: Workbench, text: string): Promise<string> {
  let last: unknown;
  for (let attempt = 0; attempt < 4; attempt++) {
    try {
      return await wb.hoverText(text, 5_000);
    } catch (error) {
      last = error;
      await wb.dismissWidgets();
    }
  }
  throw last;
}

/** Waits until text-editor decorations (`ced-*` classes) cover `text` in the active editor; returns their classes. */
export async function waitForDecorations(wb: Workbench, text: string, what = `decorations on ${text}`): Promise<string[]> {
  return wb.waitFor(what, async () => {
    const classes = await wb.decorationClassesAt(text);
    return classes.length ? classes : undefined;
  });
}
