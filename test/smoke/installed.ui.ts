// Smoke checks of the INSTALLED extension: scripts/smoke-vsix.mjs installs the packaged .vsix into a fresh
// extensions folder of code-server (`--install-extension`) and opens the workbench on a copy of samples/ with no
// extensionDevelopmentPath, so only the installed copy can answer. Same helpers as test/ui (framework.ts).
import * as assert from 'node:assert/strict';
import { check, hoverUntilShown, waitForDecorations, waitForSummary } from '../ui/framework';

check('installed .vsix: activates on a corpus document (status bar summary of 001)', async (wb) => {
  await wb.step('open 001', () => wb.openFile('001_'));
  const summary = await wb.step('status bar summary', () => waitForSummary(wb));
  assert.match(summary, /1 rec · [1-9]\d* entities · [1-9]\d* dates/);
  const host = await wb.runningExtensionHost('corpus-lens');
  assert.match(host, /^127\.0\.0\.1:\d+$/, `the installed extension runs in "${host}", not the server's Node host`);
}, { timeoutMs: 120_000 });

check('installed .vsix: entity and date highlights in 001', async (wb) => {
  await wb.step('open 001', () => wb.openFile('001_'));
  await waitForSummary(wb);
  const person = await wb.step('decorations on 拜登', () => waitForDecorations(wb, '拜登'));
  assert.ok(person.every((c) => /\bced-/.test(c)));
  const date = await waitForDecorations(wb, '12月7日');
  assert.notDeepEqual(new Set(date), new Set(person));
});

check('installed .vsix: hover card of 普丁 in 003 (bundled knowledge base)', async (wb) => {
  await wb.step('open 003', () => wb.openFile('003_'));
  await waitForSummary(wb);
  const card = await wb.step('hover 普丁', () => hoverUntilShown(wb, '普丁'));
  assert.match(card, /Vladimir Putin/);
  assert.match(card, /Q7747/);
});
