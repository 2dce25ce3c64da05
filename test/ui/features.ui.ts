// The in-editor features as a user sees them: highlights, the entity hover card, the Corpus Lens side bar and
// Go to Entity from the command palette. Besides the step screenshots (test-artifacts/ui/), three views are saved
// for the README into media/screenshots/ (committed; PNG, each kept under 300 KB).
import * as assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { check, hoverUntilShown, readmeShot, type Workbench, waitForDecorations, waitForSummary } from './framework';

/** The sample file whose name starts with `prefix` in the opened workspace. */
function sampleText(wb: Workbench, prefix: string): string {
  const name = readdirSync(wb.workspace).find((f) => f.startsWith(prefix) && f.endsWith('.txt'));
  assert.ok(name, `${prefix}* not in ${wb.workspace}`);
  return readFileSync(join(wb.workspace, name), 'utf8');
}

check('highlight: entity and date decorations are rendered in 001', async (wb) => {
  await wb.step('open 001', () => wb.openFile('001_'));
  await waitForSummary(wb);
  const person = await wb.step('decorations on 拜登', () => waitForDecorations(wb, '拜登'));
  assert.ok(person.every((c) => /\bced-/.test(c)));
  const date = await waitForDecorations(wb, '12月7日');
  // the person and the date use different decoration types
  assert.notDeepEqual(new Set(date), new Set(person));
  // the rendered spans carry the styles: a background on the person, a dotted underline on the date
  const styles = await wb.page.evaluate(() => {
    const doc = (globalThis as unknown as { document: { querySelectorAll(s: string): ArrayLike<{ className: string }> }; getComputedStyle(e: unknown): { backgroundColor: string; textDecorationStyle: string; textDecorationLine: string } });
    const spans = Array.from(doc.document.querySelectorAll('.editor-group-container.active .monaco-editor [class*="ced-"]'));
    return spans.map((el) => {
      const cs = doc.getComputedStyle(el);
      return `${cs.backgroundColor}|${cs.textDecorationLine}|${cs.textDecorationStyle}`;
    });
  });
  assert.ok(styles.some((s) => !s.startsWith('rgba(0, 0, 0, 0)')), `no background among ${styles.length} decoration spans`);
  assert.ok(styles.some((s) => /underline\|dotted/.test(s)), 'no dotted underline among the decoration spans');
});

check('hover: 普丁 in 003 shows the Vladimir Putin card', async (wb) => {
  await wb.step('open 003', () => wb.openFile('003_'));
  await waitForSummary(wb);
  const card = await wb.step('hover 普丁', () => hoverUntilShown(wb, '普丁'));
  assert.match(card, /Vladimir Putin/);
  assert.match(card, /普京/);
  assert.match(card, /Q7747/);
  assert.match(card, /\d+ mentions in \d+ documents/);
  await readmeShot(wb, 'hover-and-highlights.png');
});

check('tree: the Documents view lists the samples and 000 expands to its records', async (wb) => {
  await wb.step('open the Corpus Lens side bar', () => wb.openViewContainer('Corpus Lens'));
  const files = await wb.step('Documents lists the samples', () =>
    wb.waitFor('the five samples in the Documents view', async () => {
      const rows = (await wb.treeRows('Documents')).filter((r) => /^\d{3}_/.test(r.label));
      return rows.length === 5 ? rows : undefined;
    }, 30_000),
  );
  assert.deepEqual(files.map((r) => r.label.slice(0, 3)), ['000', '001', '002', '003', '004']);
  assert.equal(files[0]!.expanded, false);
  assert.match(files[0]!.label, /18 records/);
  const pane = wb.page.locator('.sidebar .pane').filter({ has: wb.page.locator('.pane-header .title', { hasText: 'Documents' }) }).first();
  // a row with a command (open the file) toggles only from its twistie
  await pane.locator('.monaco-list-row', { hasText: '000_' }).first().locator('.monaco-tl-twistie').click();
  const rows = await wb.step('000 expanded', () =>
    wb.waitFor('the records of 000', async () => {
      const all = await wb.treeRows('Documents');
      return all.some((r) => r.level === 2 && r.label.includes('美俄关系“重启”前景分析')) ? all : undefined;
    }),
  );
  // the list is virtualised: only the rows that fit in the pane are rendered
  const records = rows.filter((r) => r.level === 2);
  assert.ok(records.length >= 3, `record rows: ${records.map((r) => r.label).join(' | ')}`);
  assert.equal(rows.find((r) => r.label.startsWith('000_'))?.expanded, true);
  await readmeShot(wb, 'sidebar.png');
});

check('command palette: Go to Entity, pujing -> Putin -> the cursor at a mention (not selected)', async (wb) => {
  await wb.step('open 001', () => wb.openFile('001_'));
  await waitForSummary(wb);
  await wb.runCommand('Corpus Lens: Go to Entity');
  const input = wb.page.locator('.quick-input-widget .quick-input-box input');
  await input.fill('pujing');
  const items = await wb.step('type pujing', () =>
    wb.waitFor('Putin first', async () => {
      const labels = await wb.quickPickItems();
      return labels[0] && /Putin/.test(labels[0]) ? labels : undefined;
    }),
  );
  assert.match(items[0]!, /Vladimir Putin/);
  await readmeShot(wb, 'go-to-entity.png');
  await wb.page.keyboard.press('Enter');
  const mentions = await wb.step('mentions of Putin', () =>
    wb.waitFor('the mention list', async () => {
      const labels = await wb.quickPickItems();
      return labels.length > 1 && labels.every((l) => /\d{3}_.*:\d+/.test(l)) ? labels : undefined;
    }),
  );
  assert.ok(mentions.length > 10);
  await wb.page.keyboard.press('Enter');
  // The cursor goes to the start of the mention, which is highlighted a moment but not selected (one keystroke
  // must not replace a passage of a source).
  const found = await wb.step('the cursor at the mention', () =>
    wb.waitFor('the cursor at a mention of Putin', async () => {
      const status = await wb.page.locator('.statusbar-item[id$="editor.selection"]').first().innerText().catch(() => '');
      const m = /Ln (\d+), Col (\d+)/.exec(status);
      if (!m) return undefined;
      const tab = (await wb.page.locator('.tabs-container .tab.active').innerText()).trim();
      const line = sampleText(wb, tab.slice(0, 4)).split('\n')[Number(m[1]) - 1] ?? '';
      const at = line.slice(Number(m[2]) - 1);
      return /^(普京|普丁|Putin)/.test(at) ? { status, at: at.slice(0, 6), tab } : undefined;
    }),
  );
  assert.doesNotMatch(found.status, /selected/, `the mention is selected: ${found.status} (${found.tab})`);
}, { timeoutMs: 90_000 });
