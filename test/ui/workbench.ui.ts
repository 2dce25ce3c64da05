// The workbench opens the sample corpus and shows a sample document in an editor.
import * as assert from 'node:assert/strict';
import { check } from './framework';

check('workbench opens the samples folder and shows 001 in an editor', async (wb) => {
  const files = await wb.step('explorer lists the samples', () => wb.waitFor('five sample files in the Explorer', async () => {
    const names = (await wb.explorerFiles()).filter((name) => /^\d{3}_.*\.txt$/.test(name));
    return names.length === 5 ? names : undefined;
  }));
  assert.deepEqual(files.map((f) => f.slice(0, 4)), ['000_', '001_', '002_', '003_', '004_']);
  await wb.step('quick open 001', () => wb.openFile('001_'));
  await wb.revealText('2021-12-31 17:23:55');
  const text = await wb.step('editor shows the article', () => wb.editorText());
  assert.match(text, /俄美首脑紧急通话/);
  assert.match(text, /2021-12-31 17:23:55/);
});
