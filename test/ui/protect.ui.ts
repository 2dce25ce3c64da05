// Sources are evidence: click a claim in the Annotations view, then press Delete (as in MAXQDA/NVivo to remove a
// coded segment), Backspace and a letter, then save: the document on disk must not change, and the passage must
// not have been selected. Screenshots: test-artifacts/ui/protect-*.png.
import * as assert from 'node:assert/strict';
import { existsSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { check } from './framework';

const NAME = 'protect-ui-evidence.txt';
const TEXT = '新闻标题：安全会谈\n普京表示，北约东扩是红线，俄方不会接受。\n拜登回应称，美国不会让步。\n';
const PASSAGE = '北约东扩是红线';
const CLAIM = 'UI check: NATO enlargement is a red line';

check('protect: Delete after clicking a claim in the Annotations view leaves the document on disk unchanged', async (wb) => {
  const doc = join(wb.workspace, NAME);
  const sidecar = `${doc}.annotations.yaml`;
  const start = [...TEXT.slice(0, TEXT.indexOf(PASSAGE))].length;
  writeFileSync(doc, TEXT);
  writeFileSync(
    sidecar,
    [
      'schema: corpus-lens/annotations@1',
      'document:',
      `  path: ${NAME}`,
      'annotations:',
      '  - id: a-uiprotect',
      '    target:',
      '      selector:',
      `        - {type: TextQuoteSelector, exact: "${PASSAGE}"}`,
      `        - {type: TextPositionSelector, start: ${start}, end: ${start + [...PASSAGE].length}}`,
      `    claim: "${CLAIM}"`,
      '    stance: {polarity: oppose}',
      '    author: ui-check',
      '    created: "2026-11-22T07:30:00Z"',
      '    modified: "2026-11-22T07:30:00Z"',
      '',
    ].join('\n'),
  );
  try {
    await wb.openViewContainer('Corpus Lens');
    await wb.step('the claim in the Annotations view', () =>
      wb.waitFor('the claim row', async () => {
        const rows = await wb.treeRows('Annotations');
        const group = wb.page.locator('.sidebar .monaco-list-row[aria-level="1"][aria-expanded="false"]', { hasText: NAME });
        if (await group.count()) await group.first().click();
        return rows.some((r) => r.label.includes(CLAIM));
      }, 30_000),
    );
    await wb.page.locator('.sidebar .monaco-list-row', { hasText: CLAIM }).first().click();
    await wb.step('clicked the claim', () => wb.waitFor('the document open', async () => (await wb.editorText()).includes(PASSAGE)));
    // Nothing selected: the status bar shows the cursor only ("Ln 2, Col 6", no "(7 selected)").
    const status = await wb.waitFor('the cursor position in the status bar', async () => {
      const t = await wb.page.locator('.statusbar-item[id$="editor.selection"]').first().innerText().catch(() => '');
      return /Ln \d+, Col \d+/.test(t) ? t : undefined;
    });
    assert.doesNotMatch(status, /selected/, `the passage is selected: ${status}`);
    // Delete at once (where the click left the focus), then in the editor (focused without moving the cursor): the
    // keys an analyst would press, a selection to the end of the line included.
    await wb.page.keyboard.press('Delete');
    await wb.runCommand('View: Focus Active Editor Group', { keepSelection: true });
    for (const key of ['Delete', 'Backspace', 'KeyX', 'Shift+End', 'Delete', 'Control+KeyX', 'Control+KeyS']) await wb.page.keyboard.press(key);
    await wb.page.waitForTimeout(1500);
    await wb.step('after Delete, Backspace, a letter, cut and save', async () => {});
    assert.equal(readFileSync(doc, 'utf8'), TEXT, 'the document on disk changed');
    assert.ok((await wb.editorText()).includes('普京表示，北约东扩是红线，俄方不会接受。'), 'the editor text changed');
    const item = await wb.page.locator('.statusbar-item', { hasText: 'Read-only' }).first().innerText().catch(() => '');
    assert.match(item, /Read-only/, 'the Read-only status bar item');
  } finally {
    rmSync(sidecar, { force: true });
    rmSync(doc, { force: true });
  }
}, { timeoutMs: 90_000 });

check('protect: after a window reload the restored corpus document is read-only again (nothing written to settings)', async (wb) => {
  const name = readdirSync(wb.workspace).find((f) => f.startsWith('004_') && f.endsWith('.txt'));
  assert.ok(name, '004_* not in the workspace');
  const path = join(wb.workspace, name);
  const before = readFileSync(path, 'utf8');
  await wb.step('open 004', () => wb.openFile('004_'));
  const readOnlyItem = wb.page.locator('.statusbar-item', { hasText: 'Read-only' });
  await wb.waitFor('the Read-only status bar item', async () => (await readOnlyItem.count()) > 0, 30_000);
  const reloaded = Date.now();
  await wb.runCommand('Developer: Reload Window');
  await wb.page.waitForTimeout(1000);
  await wb.waitUntilReady(90_000);
  const restored = await wb.waitFor('the editor restored', async () => ((await wb.editorText()).length > 0 ? Date.now() : undefined), 60_000);
  const locked = await wb.waitFor('Read-only again', async () => ((await readOnlyItem.count()) > 0 ? Date.now() : undefined), 60_000);
  console.log(`[protect] reload: editor restored after ${restored - reloaded} ms, read-only again ${locked - restored} ms later`);
  await wb.step('reloaded, read-only', async () => {});
  await wb.runCommand('View: Focus Active Editor Group', { keepSelection: true });
  for (const key of ['Shift+End', 'Delete', 'KeyX', 'Control+KeyS']) await wb.page.keyboard.press(key);
  await wb.page.waitForTimeout(1000);
  assert.equal(readFileSync(path, 'utf8'), before, 'the document on disk changed');
  // Session read-only writes nothing: no .vscode/settings.json appears in the corpus folder.
  assert.ok(!existsSync(join(wb.workspace, '.vscode', 'settings.json')) || !readFileSync(join(wb.workspace, '.vscode', 'settings.json'), 'utf8').includes('readonly'), 'read-only written into the corpus folder');
}, { timeoutMs: 180_000 });
