// First use: the Get Started walkthrough (contributes.walkthroughs) opens with its five steps, each with a command
// button and an image, and the Export Annotations format picker lists the registry's formats. Saves the
// walkthrough's export image (media/screenshots/export.png) and the README's walkthrough view (walkthrough.png).
import * as assert from 'node:assert/strict';
import { readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createSelectors } from '../../src/core/annotations/anchoring';
import { check, readmeShot, type Workbench } from './framework';

const STEPS = ['Open a corpus', 'See the highlights and a hover', 'Go to Entity by pinyin', 'Add a claim', 'Export for analysis'];

check('walkthrough: Export Annotations offers CSV, JSON Lines, JSON-LD and brat standoff', async (wb) => {
  // one annotation in 002, written as a sidecar beside it (the extension picks it up through its file watcher)
  const name = readdirSync(wb.workspace).find((f) => f.startsWith('002_') && f.endsWith('.txt'))!;
  const text = readFileSync(join(wb.workspace, name), 'utf8').replace(/^\uFEFF/, '');
  const quote = text.match(/[\u4e00-\u9fff]{6,}/)![0];
  const start = text.indexOf(quote);
  const [q, p] = createSelectors(text, start, start + quote.length);
  const sidecar = join(wb.workspace, `${name}.annotations.yaml`);
  writeFileSync(sidecar, [
    'schema: corpus-lens/annotations@1',
    'document:',
    `  path: ${JSON.stringify(name)}`,
    'annotations:',
    '  - id: a-walkthru1',
    '    target:',
    '      selector:',
    `        - {type: TextQuoteSelector, exact: ${JSON.stringify(q.exact)}, prefix: ${JSON.stringify(q.prefix ?? '')}, suffix: ${JSON.stringify(q.suffix ?? '')}}`,
    `        - {type: TextPositionSelector, start: ${p.start}, end: ${p.end}}`,
    '    claim: "walkthrough check"',
    '    stance: {polarity: neutral}',
    '    author: ui-check',
    '    modified: "2026-01-01T00:00:00Z"',
    '    created: "2026-01-01T00:00:00Z"',
    '',
  ].join('\n'));
  try {
    await exportPicker(wb);
  } finally {
    rmSync(sidecar, { force: true });
  }
}, { timeoutMs: 90_000 });

async function exportPicker(wb: Workbench): Promise<void> {
  await wb.step('open 002', () => wb.openFile('002_'));
  // the extension may still be loading the new sidecar: "no annotations to export" then, and the command is run again
  let shown = false;
  for (let attempt = 0; attempt < 6 && !shown; attempt++) {
    await wb.runCommand('Corpus Lens: Export Annotations...');
    const got = await wb.waitFor('the export format picker or the "no annotations" message', async () => {
      if ((await wb.quickInputTitle()) === 'Export Annotations') return 'picker';
      return (await wb.notifications()).some((n) => /no annotations to export/.test(n)) ? 'none' : undefined;
    }, 30_000);
    shown = got === 'picker';
    if (!shown) {
      await wb.runCommand('Notifications: Clear All Notifications');
      await wb.page.waitForTimeout(2_000);
    }
  }
  const items = await wb.step('format picker', () => wb.quickPickItems());
  for (const label of ['CSV', 'JSON Lines', 'W3C Web Annotation (JSON-LD)', 'brat standoff']) {
    assert.ok(items.some((i) => i.startsWith(label)), `${label} in ${items.join(' | ')}`);
  }
  await readmeShot(wb, 'export.png');
  await wb.dismissWidgets();
}

check('walkthrough: Get Started with Corpus Lens opens with five steps, buttons and images', async (wb) => {
  await wb.runCommand('Welcome: Open Walkthrough...');
  await wb.pickQuickItem((row) => /Get Started with Corpus Lens/.test(row.label));
  const page = await wb.step('walkthrough page', () => wb.waitFor('the walkthrough steps', async () => {
    const text = await wb.page.locator('.gettingStartedContainer').first().innerText().catch(() => '');
    return STEPS.every((s) => text.includes(s)) ? text : undefined;
  }, 30_000));
  assert.match(page, /Get Started with Corpus Lens/);
  // the first step is expanded: its command buttons and its image
  const buttons = await wb.page.locator('.gettingStartedContainer .getting-started-step.expanded .button-link, .gettingStartedContainer .getting-started-step.expanded a.monaco-button').allInnerTexts();
  assert.ok(buttons.some((b) => /Open Folder/.test(b)), `buttons: ${buttons.join(' | ')}`);
  const image = wb.page.locator('.gettingStartedContainer .getting-started-media img').first();
  await image.waitFor({ timeout: 15_000 });
  assert.match((await image.getAttribute('alt')) ?? '', /side bar/);
  assert.ok(await wb.waitFor('the step image loaded', () => image.evaluate((img) => (img as unknown as { naturalWidth: number }).naturalWidth > 0)), 'the image did not load');
  await readmeShot(wb, 'walkthrough.png');
  await wb.runCommand('View: Close Editor');
}, { timeoutMs: 90_000 });
