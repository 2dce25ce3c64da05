// Two analysts' readings of 003 side by side in the Compare Analysts webview, as a team lead would use it:
// open the document, run the command from the palette, look at the passages, accept one analyst's reading with
// the button, and find the curation annotation on disk with the originals untouched.
// Saves media/screenshots/compare.png for the README.
import * as assert from 'node:assert/strict';
import { readFileSync, readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { AnnotationStore } from '../../src/core/annotations';
import { NodeFileStore } from '../../src/cli/nodeFileStore';
import { check, readmeShot } from './framework';
import type { Annotation } from '../../src/core/annotations/schema';

type Stored = Annotation;

check('team: Compare Analysts shows two readings of 003 side by side and Accept writes a curation annotation', async (wb) => {
  const name = readdirSync(wb.workspace).find((f) => f.startsWith('003_') && f.endsWith('.txt'))!;
  const docFile = join(wb.workspace, name);
  const sidecar = `${docFile}.annotations.yaml`;
  const text = readFileSync(docFile, 'utf8');
  const store = new AnnotationStore(new NodeFileStore());
  await store.load(docFile, text, { sidecarPath: sidecar });
  const span = (needle: string) => {
    const start = text.indexOf(needle);
    assert.ok(start >= 0, needle);
    return { start, end: start + needle.length };
  };
  const add = (author: string, needle: string, claim: string, polarity: 'support' | 'oppose' | 'neutral' | 'mixed', tags: string[]) =>
    store.add(docFile, { ...span(needle), claim, stance: { polarity }, tags, author });
  add('alice', '北京並未向俄羅斯提供致命武器', 'China withholds lethal aid from Russia', 'neutral', ['china-russia']);
  add('bob', '北京並未向俄羅斯提供致命武器', 'Beijing limits its support to Moscow', 'neutral', ['china-russia']);
  add('alice', '最好的選擇是修補與西方的關係', 'Russia should mend ties with the West', 'support', ['rapprochement']);
  add('bob', '最好的選擇是修補與西方的關係', 'Graham doubts a Russian turn to the West', 'mixed', ['rapprochement', 'autonomy']);
  add('alice', '普丁不會接受', 'Putin will not accept dependence on the West', 'oppose', ['autonomy']);
  await store.save(docFile);
  const originals = (parse(readFileSync(sidecar, 'utf8')) as { annotations: Stored[] }).annotations;
  try {
    await wb.step('open 003', () => wb.openFile('003_'));
    await wb.step('Compare Analysts from the palette', () => wb.runCommand('Corpus Lens: Compare Analysts...'));
    const frame = wb.page.frameLocator('iframe.webview.ready').frameLocator('#active-frame');
    await wb.waitFor('the comparison table', async () => (await frame.locator('table tr[data-status]').count()) === 3, 30_000);
    const heading = await frame.locator('h1').innerText();
    assert.match(heading, /alice \/ bob — 003_/);
    const statuses = await frame.locator('tr[data-status]').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-status')));
    assert.deepEqual(statuses, ['same', 'different', 'only-a']);
    assert.match(await frame.locator('tr[data-status="different"]').innerText(), /differs in stance, codes/);
    await readmeShot(wb, 'compare.png');
    await wb.step('Accept bob on the differing passage', () => frame.locator('tr[data-status="different"] button[data-decide="accept-b"]').click());
    const curated = await wb.waitFor('the curation annotation on disk', () => {
      const list = (parse(readFileSync(sidecar, 'utf8')) as { annotations: Stored[] }).annotations;
      return list.find((a) => a.author === 'curation');
    });
    assert.equal(curated.claim, 'Graham doubts a Russian turn to the West');
    assert.equal(curated.curation?.decision, 'accept-b');
    const after = (parse(readFileSync(sidecar, 'utf8')) as { annotations: Stored[] }).annotations;
    for (const o of originals) assert.deepEqual(after.find((a) => a.id === o.id), o);
    await wb.waitFor('the row marked curated', async () => (await frame.locator('tr[data-status="different"] .curated').count()) === 1);
    await wb.screenshot('curated');

    // The agreement of the two readings, from the palette through the real quick picks.
    await wb.step('close the comparison and open 003 again', async () => {
      await wb.runCommand('View: Close All Editors');
      await wb.openFile('003_');
    });
    await wb.step('Agreement Report from the palette', () => wb.runCommand('Corpus Lens: Agreement Report...'));
    await wb.waitForQuickInput(/^Agreement on \(1\/3\)$/);
    await wb.pickQuickItem((r) => r.label.includes('Stance'));
    await wb.waitForQuickInput(/^Documents \(2\/3\)$/);
    await wb.pickQuickItem((r) => r.label.includes('This document'));
    await wb.waitForQuickInput(/^Analysts \(3\/3\)$/);
    await wb.pickQuickItem((r) => r.label.includes('All analysts'));
    const report = wb.page.frameLocator('iframe.webview.ready >> nth=-1').frameLocator('#active-frame');
    await wb.waitFor('the agreement table', async () => (await report.locator('h1', { hasText: 'Agreement by stance' }).count()) === 1, 30_000);
    const table = await report.locator('table').first().innerText();
    assert.match(table, /Overall/);
    assert.match(table, /Krippendorff/);
    await readmeShot(wb, 'agreement.png');
  } finally {
    rmSync(sidecar, { force: true });
  }
}, { timeoutMs: 180_000 });
