// The Chinese interface: every contributed string is in package.nls.json and translated in package.nls.zh-cn.json
// and package.nls.zh-tw.json; every runtime string wrapped in vscode.l10n.t is in l10n/bundle.l10n.json (as
// @vscode/l10n-dev extracts it from the sources: `npm run l10n` after adding one) and translated in both bundles,
// with the same {n} placeholders and command links; zh-tw is written in traditional characters, zh-cn in simplified.
import * as assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { getL10nJson } from '@vscode/l10n-dev';
import * as OpenCC from 'opencc-js';
import { sources } from './helpers/sources';

const ROOT = join(__dirname, '..', '..');
/** Where runtime strings are (what `npm run l10n` extracts): the adapter, the core's interface text, the views page. */
export const L10N_SOURCES = ['src/extension', 'src/core', 'webview'];
const json = (file: string) => JSON.parse(readFileSync(join(ROOT, file), 'utf8')) as Record<string, string>;
// English words of a string, without the product name, codicons, placeholders, setting ids and command links
const words = (s: string) => s.replace(/Corpus Lens|\$\([a-z~-]+\)|\{\d+\}|\(command:[^)]+\)|\bcorpusLens\.[\w.]+/g, ' ');
// Characters of both scripts that OpenCC's simplified -> traditional table maps one way (游標, Taiwan's word for cursor)
const BOTH_SCRIPTS = new Set(['游']);
const placeholders = (s: string) => [...s.matchAll(/\{\d+\}|\(command:[^)]+\)|`[^`]*`/g)].map((m) => m[0]).sort();
const toSimplified = OpenCC.Converter({ from: 'tw', to: 'cn' });
// Han characters that change when converted to simplified: traditional (or Taiwan-only) forms
const traditionalChars = (s: string) => [...s].filter((c) => /\p{Script=Han}/u.test(c) && toSimplified(c) !== c);


describe('l10n: the Chinese interface', () => {
  it('package.json has no user-visible English string left outside package.nls.json', () => {
    execFileSync(process.execPath, [join(ROOT, 'scripts', 'nls-manifest.mjs'), '--check'], { encoding: 'utf8' });
  });

  it('the runtime bundle l10n/bundle.l10n.json is what @vscode/l10n-dev extracts from src/extension, src/core and the views page', async function () {
    this.timeout(120_000); // the extractor parses every source file (about 10 s on an idle machine)
    const files = L10N_SOURCES.flatMap((dir) => sources(join(ROOT, dir))).map((f) => ({ extension: '.ts', contents: readFileSync(f, 'utf8') }));
    const script = (JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { scripts: Record<string, string> }).scripts.l10n!;
    assert.deepEqual(/export --outDir \.\/l10n ((?:\.\/[\w/]+ ?)+)/.exec(script)?.[1]!.trim().split(' ').map((d) => d.slice(2)), L10N_SOURCES, 'npm run l10n extracts these folders');
    const extracted = await getL10nJson(files);
    assert.deepEqual(Object.keys(json('l10n/bundle.l10n.json')).sort(), Object.keys(extracted).sort(), 'run `npm run l10n`');
  });

  for (const locale of ['zh-cn', 'zh-tw']) {
    it(`${locale}: every key of package.nls.json and of the runtime bundle is translated, placeholders and links kept`, () => {
      for (const [base, translated] of [['package.nls.json', `package.nls.${locale}.json`], ['l10n/bundle.l10n.json', `l10n/bundle.l10n.${locale}.json`]] as const) {
        const en = json(base);
        const zh = json(translated);
        assert.deepEqual(Object.keys(zh).sort(), Object.keys(en).sort(), `${translated} keys`);
        for (const [key, value] of Object.entries(en)) {
          const t = zh[key]!;
          assert.ok(t.trim(), `${translated}: ${key} is empty`);
          assert.deepEqual(placeholders(t), placeholders(value), `${translated}: ${key}`);
          if (/[A-Za-z]{4,}/.test(words(value))) assert.match(t, /\p{Script=Han}/u, `${translated}: ${key} is not translated`);
        }
      }
    });
  }

  it('zh-tw is in traditional characters and zh-cn in simplified (OpenCC)', () => {
    const tw = [...Object.values(json('package.nls.zh-tw.json')), ...Object.values(json('l10n/bundle.l10n.zh-tw.json'))].join('');
    const cn = [...Object.values(json('package.nls.zh-cn.json')), ...Object.values(json('l10n/bundle.l10n.zh-cn.json'))].join('');
    assert.ok(traditionalChars(tw).length > 50, 'zh-tw has traditional characters');
    // Han characters of zh-cn that OpenCC would simplify and that are not simplified forms themselves (么 -> 麼)
    const toTraditional = OpenCC.Converter({ from: 'cn', to: 'tw' });
    assert.deepEqual([...new Set(traditionalChars(cn))].filter((c) => toTraditional(c) === c), [], 'zh-cn has no traditional-only characters');
    const simplifiedOnly = [...new Set([...tw].filter((c) => /\p{Script=Han}/u.test(c) && toTraditional(c) !== c && !BOTH_SCRIPTS.has(c)))];
    assert.deepEqual(simplifiedOnly, [], 'zh-tw has no simplified-only characters');
  });
});
