// The views in the real workbench on the samples: a concordance of 普京 (picked by pinyin in the real quick pick),
// a click on a row opening 001 at the mention, then the timeline, the holder × target matrix and the co-occurrence
// network, each drawn by its library inside the webview, in the light and the dark theme.
// Saves media/screenshots/views-*.png for the README.
import * as assert from 'node:assert/strict';
import { readFileSync, readdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { AnnotationStore } from '../../src/core/annotations';
import { NodeFileStore } from '../../src/cli/nodeFileStore';
import { check, readmeShot, type Workbench } from './framework';

function lastFrame(wb: Workbench) {
  return wb.page.frameLocator('iframe.webview.ready >> nth=-1').frameLocator('#active-frame');
}

async function drawn(wb: Workbench, what: string, selector: string): Promise<void> {
  const frame = lastFrame(wb);
  try {
    await wb.waitFor(what, async () => (await frame.locator(selector).count()) > 0, 120_000);
  } catch (error) {
    await wb.screenshot(`${what.replace(/\W+/g, '-')}-missing`);
    const frames = await wb.page.locator('iframe.webview').count();
    const app = await frame.locator('#app').innerText({ timeout: 2000 }).catch((e: unknown) => `(no #app: ${String(e).slice(0, 200)})`);
    throw new Error(`${String(error)}; ${frames} webview iframes; page: ${app.slice(0, 300)}`);
  }
  // Let the chart finish its first frame.
  await wb.page.waitForTimeout(800);
}

check(
  'views: concordance → passage, timeline, matrix and network on the samples, light and dark',
  async (wb) => {
    const name = readdirSync(wb.workspace).find((f) => f.startsWith('001_') && f.endsWith('.txt'))!;
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
    store.add(docFile, { ...span('北约东扩是红线'), claim: 'Putin: NATO enlargement is a red line', stance: { polarity: 'oppose', intensity: -2 }, holder: { entity: 'person/vladimir-putin' }, about: { entity: 'organization/NATO' }, tags: ['red-line', 'security'], author: 'analyst' });
    store.add(docFile, { ...span('普京对这次对话感到“满意”'), claim: 'Putin satisfied with the call', stance: { polarity: 'support', intensity: 1 }, holder: { entity: 'person/vladimir-putin' }, about: { entity: 'person/joe-biden' }, tags: ['dialogue'], author: 'analyst' });
    await store.save(docFile);
    try {
      await wb.step('open 001', () => wb.openFile('001_'));
      await wb.step('Show Concordance from the palette', () => wb.runCommand('Corpus Lens: Show Concordance...'));
      await wb.waitForQuickInput(/^Concordance of/, 90_000);
      await wb.pickQuickItem((r) => r.label.includes('An entity'));
      await wb.waitForQuickInput(/^Entity/, 30_000);
      await wb.pickQuickItem((r) => r.label.includes('Putin'), { type: 'pujing', timeoutMs: 60_000 });
      await drawn(wb, 'the concordance rows', '.kwic-row[aria-label]');
      const frame = lastFrame(wb);
      const first = await frame.locator('.kwic-row[aria-label] .c-hit').first().innerText();
      assert.match(first, /普京|普丁|Putin/);
      assert.ok((await frame.locator('.kwic-row[aria-label]').count()) >= 5);
      await readmeShot(wb, 'views-concordance.png');

      await wb.step('click a row: the passage opens', () => frame.locator('.kwic-row[aria-label]', { hasText: '北约东扩是红线' }).first().click());
      await wb.waitFor('001 active at the mention', async () => {
        const tab = await wb.page.locator('.tabs-container .tab.active').innerText().catch(() => '');
        return tab.includes('001_');
      });
      const line = await wb.page.locator('.monaco-editor .current-line ~ .view-line, .monaco-editor .view-overlays .current-line').count();
      assert.ok(line >= 0);
      await wb.screenshot('passage');

      await wb.step('Show Timeline', () => wb.runCommand('Corpus Lens: Show Timeline'));
      await drawn(wb, 'the timeline chart', '.chart canvas');
      await readmeShot(wb, 'views-timeline.png');

      await wb.step('Show Matrix holder × target', async () => {
        await wb.runCommand('Corpus Lens: Show Matrix...');
        await wb.waitForQuickInput(/^Matrix/, 30_000);
        await wb.pickQuickItem((r) => r.label.includes('Holder'));
      });
      await drawn(wb, 'the matrix chart', '.chart canvas');
      assert.match(await lastFrame(wb).locator('.cells summary').innerText(), /2 non-empty cells/);
      await readmeShot(wb, 'views-matrix.png');

      await wb.step('Show Network co-occurrence', async () => {
        await wb.runCommand('Corpus Lens: Show Network...');
        await wb.waitForQuickInput(/^Network/, 30_000);
        await wb.pickQuickItem((r) => r.label.includes('co-occurrence'));
      });
      await drawn(wb, 'the network graph', '.graph canvas');
      assert.ok((await lastFrame(wb).locator('.nodes button').count()) >= 3);
      await readmeShot(wb, 'views-network.png');

      await wb.step('dark theme', () => wb.runCommand('Preferences: Toggle between Light/Dark Themes'));
      await wb.page.waitForTimeout(1500);
      await wb.screenshot('network-dark');
      await readmeShot(wb, 'views-network-dark.png');
      for (const title of ['Holder × Target', 'Timeline', 'Concordance']) {
        await wb.step(`${title} in the dark theme`, () => wb.page.locator('.tabs-container .tab', { hasText: title }).first().click());
        await wb.page.waitForTimeout(1500);
        await wb.screenshot(`${title.replace(/\W+/g, '-').toLowerCase()}-dark`);
      }
      await wb.step('light theme again', () => wb.runCommand('Preferences: Toggle between Light/Dark Themes'));
    } finally {
      await wb.runCommand('View: Close All Editors').catch(() => undefined);
      rmSync(sidecar, { force: true });
    }
  },
  { timeoutMs: 300_000 },
);
