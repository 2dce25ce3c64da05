// The code system as an analyst uses it: the Codes view with counts, one-key coding of a selection (Ctrl+Alt+C, the
// picker, the segment file on disk) and a retrieval document. Saves media/screenshots/codes-view.png,
// apply-code.png and retrieval.png for the README.
import * as assert from 'node:assert/strict';
import { mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { NodeFileStore } from '../../src/cli/nodeFileStore';
import { SegmentStore, parseSegments, segmentPathFor } from '../../src/core/codes';
import { check, readmeShot } from './framework';

const CODEBOOK = `schema: corpus-lens/codebook@1
codes:
  - id: security
    labels: {en: security order, zh-Hans: 安全秩序}
    color: "#4070d0"
  - id: red-line
    labels: {en: red line, zh-Hans: 红线, zh-Hant: 紅線}
    definition: A limit a state says it will not let another cross.
    color: "#d04040"
    parent: security
  - id: nato
    labels: {en: NATO enlargement, zh-Hans: 北约东扩}
    color: "#e08030"
    parent: security
  - id: sanctions
    labels: {en: sanctions, zh-Hans: 制裁}
    color: "#40a040"
  - id: dialogue
    labels: {en: dialogue, zh-Hans: 对话}
    color: "#8050c0"
`;

check('codes: the Codes view counts, Ctrl+Alt+C codes a selection, a retrieval opens as a document', async (wb) => {
  const name = readdirSync(wb.workspace).find((f) => f.startsWith('001_') && f.endsWith('.txt'))!;
  const docFile = join(wb.workspace, name);
  const text = readFileSync(docFile, 'utf8');
  const segFile = segmentPathFor(docFile);
  mkdirSync(join(wb.workspace, '.corpus-lens'), { recursive: true });
  writeFileSync(join(wb.workspace, '.corpus-lens', 'codebook.yaml'), CODEBOOK);
  const store = new SegmentStore(new NodeFileStore(), { author: 'analyst' });
  const at = (needle: string): { start: number; end: number; codes: string[] } => {
    const start = text.indexOf(needle);
    assert.ok(start >= 0, needle);
    return { start, end: start + needle.length, codes: [] };
  };
  const items = [
    { ...at('北约'), codes: ['nato'] },
    { ...at('普京'), codes: ['red-line'] },
  ].filter((i) => i.start >= 0);
  await store.applyMany(segFile, docFile, text, items);
  try {
    await wb.step('open the Corpus Lens side bar', () => wb.openViewContainer('Corpus Lens'));
    const header = wb.page.locator('.sidebar .pane-header', { hasText: 'Codes' }).first();
    await header.waitFor({ timeout: 15_000 });
    if ((await header.getAttribute('aria-expanded')) !== 'true') await header.click();
    const rows = await wb.waitFor('the codes with counts', async () => {
      const r = await wb.treeRows('Codes');
      return r.some((x) => x.label.startsWith('red line')) ? r : undefined;
    }, 30_000);
    assert.ok(rows.some((r) => r.label.startsWith('security order') && r.level === 1), JSON.stringify(rows));
    assert.ok(rows.some((r) => r.label.startsWith('NATO enlargement') && r.level === 2), JSON.stringify(rows));
    // The counts come once the segment file is read (the watcher): wait for them before the screenshot.
    await wb.waitFor('the counts of the coded segments', async () => (await wb.page.locator('.sidebar .pane').filter({ has: wb.page.locator('.pane-header .title', { hasText: /^Codes$/ }) }).first().innerText()).includes('1 · 1 doc'), 30_000);
    await readmeShot(wb, 'codes-view.png');

    await wb.step('open 001 and select 俄罗斯', async () => {
      await wb.openFile('001_');
      await wb.selectText('俄罗斯');
    });
    const before = await wb.decorationClassesAt('俄罗斯');
    await wb.step('Ctrl+Alt+C', () => wb.page.keyboard.press('Control+Alt+c'));
    await wb.waitForQuickInput('Apply Code to Selection');
    const offered = await wb.quickPickRows();
    assert.ok(offered.some((r) => r.label.includes('sanctions')), JSON.stringify(offered));
    await readmeShot(wb, 'apply-code.png');
    await wb.pickQuickItem((r) => r.label.includes('sanctions'));
    const seg = await wb.waitFor('the coded segment on disk', () => {
      const parsed = parseSegments(readFileSync(segFile, 'utf8'), segFile).value;
      return parsed?.segments.find((s) => s.codes.includes('sanctions'));
    });
    assert.equal((seg.target.selector.find((s) => s.type === 'TextQuoteSelector') as { exact: string }).exact, '俄罗斯');
    // The coded passage is underlined in the editor (a decoration it did not have before), with a hover naming the code.
    await wb.waitFor('the coded segment underlined in the editor', async () => (await wb.decorationClassesAt('俄罗斯')).some((c) => !before.includes(c)), 20_000);
    await wb.step('the coded passage underlined', async () => undefined);

    await wb.step('Retrieve Coded Segments from the palette', () => wb.runCommand('Corpus Lens: Retrieve Coded Segments'));
    await wb.waitForQuickInput(/^Retrieve Coded Segments/);
    await wb.answerQuickInput('security OR sanctions');
    await wb.waitForQuickInput(/^Within documents/);
    await wb.answerQuickInput('');
    const body = await wb.waitFor('the retrieval document', async () => {
      const t = await wb.editorText();
      return t.includes('Retrieval: security OR sanctions') ? t : undefined;
    }, 20_000);
    assert.match(body, /passages? in 1 document/);
    assert.match(body, /【/);
    await readmeShot(wb, 'retrieval.png');
  } finally {
    rmSync(segFile, { force: true });
    rmSync(join(wb.workspace, '.corpus-lens', 'codebook.yaml'), { force: true });
  }
}, { timeoutMs: 180_000 });
