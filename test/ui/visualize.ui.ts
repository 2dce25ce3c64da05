// The views in the real workbench on the samples, in the light and the dark theme: a concordance of 普京 picked
// through the palette by typing the pinyin 'pujing' in the real quick pick, the four matrices, the timeline and the
// two networks, each drawn by its library inside its webview; then a click from each kind of view to its passage in
// the editor (a KWIC row, a matrix cell, a timeline mark, a network node). Reads the first render time each page
// measured (panel created → painted). Saves media/screenshots/views-*.png for the README.
import * as assert from 'node:assert/strict';
import { mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { AnnotationStore } from '../../src/core/annotations';
import { SegmentStore, segmentPathFor } from '../../src/core/codes';
import { NodeFileStore } from '../../src/cli/nodeFileStore';
import { check, readmeShot, type Workbench } from './framework';

const CODEBOOK = `schema: corpus-lens/codebook@1
codes:
  - id: vz-security
    labels: {en: security order, zh-Hans: 安全秩序}
  - id: vz-red-line
    labels: {en: red line, zh-Hans: 红线}
    parent: vz-security
  - id: vz-dialogue
    labels: {en: dialogue, zh-Hans: 对话}
  - id: vz-sanctions
    labels: {en: sanctions, zh-Hans: 制裁}
`;

/** The webview of the panel shown (hidden panels keep their iframes, hidden). */
function lastFrame(wb: Workbench) {
  return wb.page.frameLocator('iframe.webview.ready >> visible=true').frameLocator('#active-frame');
}

/**
 * Waits until the page drew `selector`, measured its first render and says its drawing is finished (`data-settled`:
 * a chart's animation included), all signals the page sets itself; returns the times it measured.
 */
async function drawn(wb: Workbench, what: string, selector: string, title: RegExp): Promise<{ firstRenderMs: number; loadMs: number; waitMs: number; drawMs: number }> {
  const frame = lastFrame(wb);
  try {
    await wb.waitFor(
      what,
      async () => (await frame.locator('body[data-first-render-ms][data-settled]').count()) > 0 && title.test(await frame.locator('h1').innerText({ timeout: 1000 }).catch(() => '')) && (await frame.locator(selector).count()) > 0,
      120_000,
    );
  } catch (error) {
    await wb.screenshot(`${what.replace(/\W+/g, '-')}-missing`);
    const app = await frame.locator('#app').innerText({ timeout: 2000 }).catch((e: unknown) => `(no #app: ${String(e).slice(0, 200)})`);
    const marks = await frame.locator('body').evaluate((b) => JSON.stringify({ ...(b as unknown as { dataset: object }).dataset, visibility: (globalThis as unknown as { document: { visibilityState: string } }).document.visibilityState }), undefined, { timeout: 2000 }).catch((e: unknown) => String(e).slice(0, 200));
    throw new Error(`${String(error)}; body: ${marks}; page: ${app.slice(0, 300)}`);
  }
  const body = frame.locator('body');
  const ms = async (name: string) => Number(await body.getAttribute(`data-${name}-ms`));
  return { firstRenderMs: await ms('first-render'), loadMs: await ms('load'), waitMs: await ms('wait'), drawMs: await ms('draw') };
}

/** Waits until the active editor is `file` with the cursor on a line containing `text`. */
async function passageShown(wb: Workbench, file: string, text: string): Promise<void> {
  await wb.waitFor(`${file} active`, async () => (await wb.page.locator('.tabs-container .tab.active').innerText().catch(() => '')).includes(file), 20_000);
  // A long line wraps: the current line's highlight is one overlay per visual row, and the text can be on any of
  // them (or across two), so the rows under every overlay are read together, top to bottom.
  await wb.waitFor(`the cursor on a line with ${text}`, async () => {
    const editor = '.editor-group-container.active .monaco-editor';
    const marks = (await Promise.all((await wb.page.locator(`${editor} .view-overlays .current-line`).all()).map((l) => l.boundingBox().catch(() => null)))).filter((b) => b !== null);
    if (!marks.length) return false;
    const rows: Array<[number, string]> = [];
    for (const l of await wb.page.locator(`${editor} .view-lines .view-line`).all()) {
      const box = await l.boundingBox();
      if (box && marks.some((m) => box.y > m.y - 4 && box.y < m.y + Math.max(m.height, 8) - 4)) rows.push([box.y, (await l.innerText()).replace(/\u00a0/g, ' ')]);
    }
    return rows.sort((x, y) => x[0] - y[0]).map(([, t]) => t).join('').includes(text);
  }, 20_000);
}

interface ViewCase {
  name: string;
  /** The panel's title (its tab and its heading). */
  title: RegExp;
  open: (wb: Workbench) => Promise<void>;
  selector: string;
  check?: (wb: Workbench) => Promise<void>;
}

const matrixCase = (name: string, label: string, title: RegExp, cells?: RegExp): ViewCase => ({
  name,
  title,
  open: async (wb) => {
    await wb.runCommand('Corpus Lens: Show Matrix...');
    await wb.waitForQuickInput(/^Matrix/, 30_000);
    await wb.pickQuickItem((r) => r.label.includes(label));
  },
  selector: '.chart canvas',
  check: async (wb) => {
    const frame = lastFrame(wb);
    assert.match(await frame.locator('h1').innerText(), title);
    if (cells) assert.match(await frame.locator('.cells summary').innerText(), cells);
  },
});

const VIEWS: ViewCase[] = [
  {
    name: 'concordance',
    title: /^Concordance: Vladimir Putin/,
    open: async (wb) => {
      await wb.runCommand('Corpus Lens: Show Concordance...');
      await wb.waitForQuickInput(/^Concordance of/, 90_000);
      await wb.pickQuickItem((r) => r.label.includes('An entity'));
      await wb.waitForQuickInput(/^Entity/, 30_000);
      await wb.pickQuickItem((r) => r.label.includes('Putin'), { type: 'pujing', timeoutMs: 60_000 });
    },
    selector: '.kwic-row[aria-label]',
    check: async (wb) => {
      const frame = lastFrame(wb);
      assert.match(await frame.locator('h1').innerText(), /Concordance: Vladimir Putin/);
      const hits = await frame.locator('.kwic-row[aria-label] .c-hit').allInnerTexts();
      assert.ok(hits.length >= 5, `${hits.length} rows`);
      for (const h of hits) assert.match(h, /^(普京|普丁|Putin|Vladimir Putin|弗拉基米尔·普京)$/, `a row of the Putin concordance shows ${h}`);
    },
  },
  matrixCase('matrix-document-code', 'Document × code', /Document × Code/, /[1-9]\d* non-empty cells/),
  matrixCase('matrix-holder-target', 'Holder × target', /Holder × Target/, /^Table of the 2 non-empty cells/),
  matrixCase('matrix-code-code', 'Code × code', /Code × Code/, /[1-9]\d* non-empty cells/),
  matrixCase('matrix-entity-period', 'Entity × period', /Entity × Period/, /[1-9]\d* non-empty cells/),
  { name: 'timeline', title: /^Timeline$/, open: (wb) => wb.runCommand('Corpus Lens: Show Timeline'), selector: '.chart canvas' },
  {
    name: 'network-cooccurrence',
    title: /^Co-occurrence Network$/,
    open: async (wb) => {
      await wb.runCommand('Corpus Lens: Show Network...');
      await wb.waitForQuickInput(/^Network/, 30_000);
      await wb.pickQuickItem((r) => r.label.includes('co-occurrence'));
    },
    selector: '.graph canvas',
    check: async (wb) => assert.ok((await lastFrame(wb).locator('.nodes button').count()) >= 3),
  },
  {
    name: 'network-stance',
    title: /^Stance Network$/,
    open: async (wb) => {
      await wb.runCommand('Corpus Lens: Show Network...');
      await wb.waitForQuickInput(/^Network/, 30_000);
      await wb.pickQuickItem((r) => r.label.includes('Stance'));
    },
    selector: '.graph canvas',
    check: async (wb) => assert.ok((await lastFrame(wb).locator('.nodes button').count()) >= 3),
  },
];

check(
  'views: every view on the samples in the light and the dark theme, and a click from each kind to its passage',
  async (wb) => {
    const name = readdirSync(wb.workspace).find((f) => f.startsWith('001_') && f.endsWith('.txt'))!;
    const docFile = join(wb.workspace, name);
    const sidecar = `${docFile}.annotations.yaml`;
    const segFile = segmentPathFor(docFile);
    const codebook = join(wb.workspace, '.corpus-lens', 'codebook.yaml');
    const text = readFileSync(docFile, 'utf8');
    const span = (needle: string) => {
      const start = text.indexOf(needle);
      assert.ok(start >= 0, needle);
      return { start, end: start + needle.length };
    };
    mkdirSync(join(wb.workspace, '.corpus-lens'), { recursive: true });
    writeFileSync(codebook, CODEBOOK);
    const store = new AnnotationStore(new NodeFileStore());
    await store.load(docFile, text, { sidecarPath: sidecar });
    store.add(docFile, { ...span('北约东扩是红线'), claim: 'Putin: NATO enlargement is a red line', stance: { polarity: 'oppose', intensity: -2 }, holder: { entity: 'person/vladimir-putin' }, about: { entity: 'organization/NATO' }, codes: ['vz-red-line', 'vz-security'], tags: ['red-line'], author: 'analyst' });
    store.add(docFile, { ...span('普京对这次对话感到“满意”'), claim: 'Putin satisfied with the call', stance: { polarity: 'support', intensity: 1 }, holder: { entity: 'person/vladimir-putin' }, about: { entity: 'person/joe-biden' }, codes: ['vz-dialogue'], tags: ['dialogue'], author: 'analyst' });
    await store.save(docFile);
    const segments = new SegmentStore(new NodeFileStore(), { author: 'analyst' });
    await segments.applyMany(segFile, docFile, text, [{ ...span('制裁'), codes: ['vz-sanctions', 'vz-security'] }]);
    const times: string[] = [];
    const tab = (v: ViewCase) => wb.page.locator('.tabs-container .tab').filter({ has: wb.page.locator('.label-name', { hasText: v.title }) }).first();
    const show = async (v: ViewCase, theme: string) => {
      const t = await drawn(wb, `the ${v.name} view (${theme})`, v.selector, v.title);
      times.push(`${v.name} (${theme}): first render ${t.firstRenderMs} ms = webview and page loaded ${t.loadMs} ms + waiting for the data ${t.waitMs} ms + drawn ${t.drawMs} ms`);
      await v.check?.(wb);
    };
    const byName = (n: string) => VIEWS.find((v) => v.name === n)!;
    try {
      await wb.step('open 001', () => wb.openFile('001_'));
      // Light: each view opened from the palette (the panels stay open, one tab each).
      // The README shows four of them in the light theme and the concordance in the dark one; the others are
      // screenshots of the run (test-artifacts/ui/).
      const README = ['concordance', 'matrix-holder-target', 'timeline', 'network-cooccurrence'];
      for (const v of VIEWS) {
        await v.open(wb);
        await show(v, 'light');
        if (README.includes(v.name)) await readmeShot(wb, `views-${v.name}.png`);
        else await wb.screenshot(`${v.name}-light`);
      }
      // Dark: each tab shown again (its page is made anew, in the new theme colours).
      await wb.step('dark theme', () => wb.runCommand('Preferences: Toggle between Light/Dark Themes'));
      for (const v of VIEWS) {
        await tab(v).click();
        await show(v, 'dark');
        await wb.screenshot(`${v.name}-dark`);
        if (v.name === 'concordance') await readmeShot(wb, `views-${v.name}-dark.png`);
      }
      // High contrast: the pages are drawn in that theme too (VS Code marks their body vscode-high-contrast).
      const colorTheme = async (label: string) => {
        await wb.runCommand('Preferences: Color Theme');
        await wb.pickQuickItem((r) => r.label.startsWith(label), { type: label });
      };
      await wb.step('high contrast theme', () => colorTheme('Dark High Contrast'));
      for (const n of ['concordance', 'matrix-holder-target', 'timeline']) {
        await tab(byName(n)).click();
        await show(byName(n), 'high contrast');
        assert.equal(await lastFrame(wb).locator('body.vscode-high-contrast').count(), 1, `${n}: the page in the high-contrast theme`);
        await wb.screenshot(`${n}-high-contrast`);
      }
      await wb.step('high contrast off', () => colorTheme('Dark Modern'));
      await wb.step('light theme again', () => wb.runCommand('Preferences: Toggle between Light/Dark Themes'));

      // A KWIC row → the passage.
      await tab(byName('concordance')).click();
      await show(byName('concordance'), 'light');
      await wb.step('click the KWIC row of 普京对这次对话', () => lastFrame(wb).locator('.kwic-row[aria-label]', { hasText: '对这次对话感到' }).first().click());
      await passageShown(wb, '001_', '普京对这次对话');

      // A matrix cell → its one claim.
      await tab(byName('matrix-holder-target')).click();
      await show(byName('matrix-holder-target'), 'light');
      await lastFrame(wb).locator('.cells summary').click();
      await wb.step('click the cell Putin × NATO', () => lastFrame(wb).locator('.cells button[aria-label*="NATO"]').first().click());
      await passageShown(wb, '001_', '北约东扩是红线');

      // A timeline mark (the claims of a period: one claim) → the claim.
      await tab(byName('timeline')).click();
      await show(byName('timeline'), 'light');
      await lastFrame(wb).locator('.cells summary').click();
      await wb.step('click the support claim of its period', () => lastFrame(wb).locator('.cells button[aria-label*="support claims"]').first().click());
      await passageShown(wb, '001_', '普京对这次对话');

      // The keyboard alone: the concordance's grid (Home, arrow keys, Enter on the row) and a matrix cell (Enter on
      // its disclosure, then on the cell's button).
      await tab(byName('concordance')).click();
      await show(byName('concordance'), 'light');
      await lastFrame(wb).locator('.kwic[role=grid]').focus();
      await wb.page.keyboard.press('Home');
      const activeRow = async () => (await lastFrame(wb).locator('.kwic-row.active[aria-label]').first().getAttribute('aria-label', { timeout: 2000 }).catch(() => null)) ?? '';
      for (let i = 0; i < 300 && !(await activeRow()).includes('对这次对话感到'); i++) await wb.page.keyboard.press('ArrowDown');
      assert.match(await activeRow(), /对这次对话感到/, 'the arrow keys reach the row');
      await wb.step('Enter on the KWIC row of 普京对这次对话', () => wb.page.keyboard.press('Enter'));
      await passageShown(wb, '001_', '普京对这次对话');
      await tab(byName('matrix-holder-target')).click();
      await show(byName('matrix-holder-target'), 'light');
      await lastFrame(wb).locator('.cells summary').focus();
      await wb.page.keyboard.press('Enter');
      await lastFrame(wb).locator('.cells button[aria-label*="NATO"]').first().focus();
      await wb.step('Enter on the cell Putin × NATO', () => wb.page.keyboard.press('Enter'));
      await passageShown(wb, '001_', '北约东扩是红线');

      // A network node → the entity's first mention with its hover card.
      await tab(byName('network-cooccurrence')).click();
      await show(byName('network-cooccurrence'), 'light');
      const node = lastFrame(wb).locator('.nodes button').first();
      const label = (await node.innerText()).replace(/\s*\(\d+\)$/, '');
      await wb.step(`click the node of ${label}`, () => node.click());
      const hover = await wb.waitFor(`the hover card of ${label} at its first mention`, async () => {
        const t = await wb.page.locator('.monaco-hover:not(.hidden)').first().innerText().catch(() => '');
        return t.includes(label.split(' ')[0]!) ? t : undefined;
      }, 20_000);
      assert.match(hover, /mentions? in \d+ documents?/);
      await wb.screenshot('node-to-entity');
      console.log(`    first render: ${times.join('; ')}`);
      writeFileSync(join(wb.artifactsDir, 'views-first-render.txt'), `${times.join('\n')}\n`);
    } finally {
      await wb.runCommand('View: Close All Editors').catch(() => undefined);
      rmSync(sidecar, { force: true });
      rmSync(segFile, { force: true });
      rmSync(codebook, { force: true });
    }
  },
  { timeoutMs: 360_000 },
);
