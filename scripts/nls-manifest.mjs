// Moves every user-visible string of package.json's contributions into package.nls.json ("%key%" placeholders),
// and checks that package.nls.zh-cn.json and package.nls.zh-tw.json translate every key. Run by `npm run l10n`
// (after the runtime bundle extraction); a string added to package.json in English is moved on the next run.
// usage: node scripts/nls-manifest.mjs [--check]   (--check: change nothing, exit 1 when a key is missing)
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { REPO } from './vscode-server.mjs';

const check = process.argv.includes('--check');
const manifestPath = join(REPO, 'package.json');
const manifest = JSON.parse(readFileSync(manifestPath, 'utf8'));
const nlsPath = join(REPO, 'package.nls.json');
const nls = existsSync(nlsPath) ? JSON.parse(readFileSync(nlsPath, 'utf8')) : {};
let moved = 0;

/** Replaces obj[field] by "%key%" (keeping the English text in package.nls.json). */
function move(obj, field, key) {
  const value = obj?.[field];
  if (typeof value !== 'string' || value === '') return;
  if (/^%[^%]+%$/.test(value)) return;
  nls[key] = value;
  obj[field] = `%${key}%`;
  moved++;
}

const c = manifest.contributes;
move(manifest, 'displayName', 'extension.displayName');
move(manifest, 'description', 'extension.description');
move(manifest.capabilities?.untrustedWorkspaces, 'description', 'capabilities.untrustedWorkspaces.description');
for (const cmd of c.commands ?? []) {
  move(cmd, 'title', `command.${cmd.command.replace(/^corpusLens\./, '')}.title`);
  move(cmd, 'category', 'command.category');
}
for (const container of c.viewsContainers?.activitybar ?? []) move(container, 'title', `viewsContainer.${container.id}.title`);
for (const views of Object.values(c.views ?? {})) for (const view of views) move(view, 'name', `view.${view.id.replace(/^corpusLens\./, '')}.name`);
(c.viewsWelcome ?? []).forEach((w, i) => move(w, 'contents', `viewsWelcome.${w.view.replace(/^corpusLens\./, '')}.${w.when ? i : 'contents'}`));
for (const color of c.colors ?? []) move(color, 'description', `color.${color.id.replace(/^corpusLens\./, '')}.description`);
for (const [name, prop] of Object.entries(c.configuration?.properties ?? {})) {
  const key = `config.${name.replace(/^corpusLens\./, '')}`;
  move(prop, 'description', `${key}.description`);
  move(prop, 'markdownDescription', `${key}.markdownDescription`);
  (prop.enumDescriptions ?? []).forEach((_, i) => move(prop.enumDescriptions, i, `${key}.enumDescriptions.${i}`));
}
move(c.configuration, 'title', 'config.title');
for (const w of c.walkthroughs ?? []) {
  move(w, 'title', `walkthrough.${w.id}.title`);
  move(w, 'description', `walkthrough.${w.id}.description`);
  for (const step of w.steps ?? []) {
    move(step, 'title', `walkthrough.${w.id}.${step.id}.title`);
    move(step, 'description', `walkthrough.${w.id}.${step.id}.description`);
    move(step.media, 'altText', `walkthrough.${w.id}.${step.id}.altText`);
  }
}

const problems = [];
if (moved && check) problems.push(`${moved} string(s) of package.json are not in package.nls.json yet: run \`npm run l10n\``);
for (const locale of ['zh-cn', 'zh-tw']) {
  const file = join(REPO, `package.nls.${locale}.json`);
  const translated = existsSync(file) ? JSON.parse(readFileSync(file, 'utf8')) : {};
  const missing = Object.keys(nls).filter((k) => typeof translated[k] !== 'string' || !translated[k].trim());
  const extra = Object.keys(translated).filter((k) => !(k in nls));
  if (missing.length) problems.push(`package.nls.${locale}.json lacks ${missing.length} key(s): ${missing.join(', ')}`);
  if (extra.length) problems.push(`package.nls.${locale}.json has keys package.nls.json does not: ${extra.join(', ')}`);
}
if (!check && moved) {
  const sorted = Object.fromEntries(Object.keys(nls).sort().map((k) => [k, nls[k]]));
  writeFileSync(nlsPath, JSON.stringify(sorted, null, 2) + '\n');
  writeFileSync(manifestPath, JSON.stringify(manifest, null, 2) + '\n');
  console.log(`[l10n] ${moved} string(s) moved from package.json to package.nls.json`);
}
for (const p of problems) console.error(`[l10n] ${p}`);
process.exit(problems.length && check ? 1 : 0);
