// The web worker build (dist/web/extension.js, the manifest's "browser" entry) in the browser's web worker extension
// host, as in vscode.dev or github.dev: there is no Node there (no fs: the extension reads the workspace through
// vscode.workspace.fs). These checks run in a workbench of their own whose settings force the extension into the
// web worker (see runUiChecks in scripts/run-ui.mjs); each first makes sure it really runs there.
import * as assert from 'node:assert/strict';
import { check, hoverUntilShown, type Workbench, waitForDecorations, waitForSummary } from './framework';

/** Fails unless Corpus Lens runs in the web worker extension host (and so from dist/web/extension.js). */
async function assertInWebWorker(wb: Workbench): Promise<void> {
  const host = await wb.runningExtensionHost('corpus-lens');
  assert.equal(host, 'web worker', `Corpus Lens runs in "${host}", not in the web worker extension host`);
}

check('web worker: the browser build activates in the web worker host, with status bar summary and highlights in 001', async (wb) => {
  await wb.step('open 001', () => wb.openFile('001_'));
  const summary = await wb.step('status bar summary', () => waitForSummary(wb));
  assert.match(summary, /^\S* ?1 rec · [1-9]\d* entities · [1-9]\d* dates$/);
  await assertInWebWorker(wb);
  await wb.step('open 001 again', () => wb.openFile('001_'));
  const person = await wb.step('decorations on 拜登', () => waitForDecorations(wb, '拜登'));
  assert.ok(person.every((c) => /\bced-/.test(c)));
  const date = await waitForDecorations(wb, '12月7日');
  // the person and the date use different decoration types
  assert.notDeepEqual(new Set(date), new Set(person));
}, { extensionHost: 'web', timeoutMs: 90_000 });

check('web worker: the corpus index and knowledge base work: 003 summary, 普丁 hover card with corpus mentions', async (wb) => {
  await wb.step('open 003', () => wb.openFile('003_'));
  const summary = await wb.step('status bar summary', () => waitForSummary(wb));
  assert.match(summary, /\d+ rec · [1-9]\d* entities/);
  await assertInWebWorker(wb);
  await wb.step('open 003 again', () => wb.openFile('003_'));
  // the mention count comes from the workspace index, read through vscode.workspace.fs in the worker: hover again
  // until the index has more than this document (it may still be indexing when the check starts)
  const card = await wb.step('hover 普丁', () => wb.waitFor('a hover card counting mentions in several documents', async () => {
    const text = await hoverUntilShown(wb, '普丁');
    if (/[1-9]\d* mentions in ([2-9]|\d\d+) documents/.test(text)) return text;
    await wb.dismissWidgets();
    return undefined;
  }, 30_000));
  assert.match(card, /Vladimir Putin/);
  assert.match(card, /普京/);
  assert.match(card, /Q7747/);
}, { extensionHost: 'web', timeoutMs: 90_000 });

check('web worker: a view opens and renders there (the timeline of the samples, drawn by ECharts in its webview)', async (wb) => {
  await wb.step('open 001', () => wb.openFile('001_'));
  await waitForSummary(wb);
  await assertInWebWorker(wb);
  await wb.step('Show Timeline', () => wb.runCommand('Corpus Lens: Show Timeline'));
  const frame = wb.page.frameLocator('iframe.webview.ready >> visible=true').frameLocator('#active-frame');
  await wb.waitFor('the timeline drawn in the web worker build', async () => (await frame.locator('body[data-first-render-ms]').count()) > 0 && (await frame.locator('.chart canvas').count()) > 0, 120_000);
  assert.match(await frame.locator('h1').innerText(), /^Timeline$/);
  assert.ok((await frame.locator('.cells tbody tr').count()) > 0, 'the period table has rows');
  await wb.screenshot('timeline-web-worker');
}, { extensionHost: 'web', timeoutMs: 180_000 });
