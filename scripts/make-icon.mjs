// Renders media/icon.svg to media/icon.png (128x128, the Marketplace / Extensions view icon) with Debian's chromium.
// usage: node scripts/make-icon.mjs   (commit media/icon.png; the .vsix needs a PNG icon)
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { REPO, launchBrowser } from './vscode-server.mjs';

const svg = readFileSync(join(REPO, 'media', 'icon.svg'), 'utf8');
const browser = await launchBrowser({ viewport: { width: 128, height: 128 } });
try {
  await browser.page.setContent(`<html><body style="margin:0;background:transparent">${svg}</body></html>`);
  await browser.page.locator('svg').screenshot({ path: join(REPO, 'media', 'icon.png'), omitBackground: true });
} finally {
  await browser.close();
}
console.log('media/icon.png written');
