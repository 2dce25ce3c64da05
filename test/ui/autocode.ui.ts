// Auto-coding as an analyst uses it: Auto-code Search Hits from the palette (a text, the whole corpus, a code), the
// Auto-coding Review view with a checkbox per hit in its context, nothing on disk until Write Accepted Hits, then
// the coded segments. Saves media/screenshots/autocode-review.png for the README.
import * as assert from 'node:assert/strict';
import { existsSync, mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseSegments, segmentPathFor } from '../../src/core/codes';
import { check, readmeShot } from './framework';

const CODEBOOK = `schema: corpus-lens/codebook@1
codes:
  - id: auto-nato
    labels: {en: NATO (auto-coded), zh-Hans: 北约（自动编码）}
    color: "#e08030"
`;

check('codes: auto-coding shows the hits for review first, then writes the accepted ones', async (wb) => {
  const names = readdirSync(wb.workspace).filter((f) => f.endsWith('.txt') && readFileSync(join(wb.workspace, f), 'utf8').includes('北约'));
  assert.ok(names.length, 'a sample mentions 北约');
  const segFiles = names.map((n) => segmentPathFor(join(wb.workspace, n)));
  for (const f of segFiles) rmSync(f, { force: true });
  mkdirSync(join(wb.workspace, '.corpus-lens'), { recursive: true });
  const book = join(wb.workspace, '.corpus-lens', 'codebook.yaml');
  // A code of its own (the codes check that may run next retrieves its codes: none of ours may be among them).
  const hadBook = existsSync(book);
  if (!hadBook) writeFileSync(book, CODEBOOK);
  try {
    await wb.step('open the Corpus Lens side bar', () => wb.openViewContainer('Corpus Lens'));
    // The codebook is loaded by its watcher: wait for the code in the Codes view before picking it.
    await wb.waitFor('the code in the Codes view', async () => ((await wb.treeRows('Codes').catch(() => [])).some((r) => r.label.startsWith('NATO (auto-coded)')) ? true : undefined), 30_000);
    await wb.step('Auto-code Search Hits from the palette', () => wb.runCommand('Corpus Lens: Auto-code Search Hits…'));
    await wb.waitForQuickInput(/^Auto-code: the hits of/);
    await wb.pickQuickItem((r) => r.label === 'A text');
    await wb.waitForQuickInput(/^Auto-code: text/);
    await wb.answerQuickInput('北约');
    await wb.waitForQuickInput(/^Auto-code: within documents/);
    await wb.answerQuickInput('');
    await wb.waitForQuickInput(/^Auto-code: the code to apply/);
    await wb.pickQuickItem((r) => r.label.includes('NATO (auto-coded)'));
    const rows = await wb.waitFor('the review list', async () => {
      const r = await wb.treeRows('Auto-coding Review').catch(() => []);
      return r.some((x) => x.level === 2 && x.label.includes('北约')) ? r : undefined;
    }, 30_000);
    assert.ok(rows.some((r) => r.level === 1 && /accepted/.test(r.label)), JSON.stringify(rows));
    assert.ok(segFiles.every((f) => !existsSync(f)), 'nothing is written before the analyst accepts');
    // The screenshot shows the review list: fold the other views of the side bar.
    for (const title of ['Documents', 'Topics', 'Entities', 'Annotations', 'Memos']) {
      const header = wb.page.locator('.sidebar .pane-header').filter({ has: wb.page.locator('.title', { hasText: new RegExp(`^${title}$`, 'i') }) }).first();
      if ((await header.count()) && (await header.getAttribute('aria-expanded')) === 'true') await header.click();
    }
    await readmeShot(wb, 'autocode-review.png');
    await wb.step('Write Accepted Hits', () => wb.runCommand('Corpus Lens: Write Accepted Hits as Coded Segments'));
    const written = await wb.waitFor('the coded segments on disk', () => {
      const f = segFiles.find((x) => existsSync(x));
      return f ? parseSegments(readFileSync(f, 'utf8'), f).value?.segments : undefined;
    }, 20_000);
    assert.ok(written.length > 0 && written.every((s) => s.codes.includes('auto-nato')));
  } finally {
    for (const f of segFiles) rmSync(f, { force: true });
    if (!hadBook) rmSync(book, { force: true });
  }
}, { timeoutMs: 180_000 });
