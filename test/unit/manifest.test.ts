// package.json contributions the QA pass found wrong: context menus of the Annotations tree, welcome texts.
import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

interface MenuEntry {
  command: string;
  when?: string;
  group?: string;
}
interface Manifest {
  contributes: {
    menus: Record<string, MenuEntry[]>;
    viewsWelcome: Array<{ view: string; contents: string; when?: string }>;
    configuration: { properties: Record<string, unknown> };
    configurationDefaults?: Record<string, Record<string, unknown>>;
    languages: Array<{ id: string }>;
  };
  capabilities?: {
    untrustedWorkspaces?: { supported: boolean | 'limited'; description?: string; restrictedConfigurations?: string[] };
    virtualWorkspaces?: boolean | { supported: boolean | 'limited'; description?: string };
  };
}

// User-visible strings are "%key%" placeholders filled from package.nls.json (the English texts): resolved here.
const nls = JSON.parse(readFileSync(join(__dirname, '../../package.nls.json'), 'utf8')) as Record<string, string>;
const manifest = JSON.parse(readFileSync(join(__dirname, '../../package.json'), 'utf8'), (_key, value: unknown) =>
  typeof value === 'string' && /^%[^%]+%$/.test(value) && nls[value.slice(1, -1)] !== undefined ? nls[value.slice(1, -1)] : value) as Manifest;

describe('package.json contributions', () => {
  it('every inline action of an annotation in the tree is also in its context menu, with the same when clause', () => {
    const items = manifest.contributes.menus['view/item/context']!.filter((e) => e.when?.includes('view == corpusLens.annotations'));
    const inline = items.filter((e) => e.group?.startsWith('inline'));
    assert.deepEqual([...new Set(inline.map((e) => e.command))].sort(), ['corpusLens.acceptReanchored', 'corpusLens.deleteAnnotation', 'corpusLens.editAnnotation', 'corpusLens.keepAnnotationVersion', 'corpusLens.reattachAnnotation']);
    for (const entry of inline) {
      const menu = items.find((e) => e.command === entry.command && e.when === entry.when && e.group !== undefined && !e.group.startsWith('inline'));
      assert.ok(menu, `${entry.command} is missing from the context menu`);
      assert.equal(menu.when, entry.when, entry.command);
    }
  });

  it('welcome texts have no code spans (viewsWelcome shows backticks literally)', () => {
    for (const w of manifest.contributes.viewsWelcome) assert.ok(!w.contents.includes('`'), `${w.view}: ${w.contents}`);
  });

  it('the Documents welcome offers Open Folder only when no folder is open', () => {
    const documents = manifest.contributes.viewsWelcome.filter((w) => w.view === 'corpusLens.documents');
    const empty = documents.filter((w) => w.when === 'workbenchState == empty');
    const open = documents.filter((w) => w.when === 'workbenchState != empty');
    assert.equal(empty.length, 1);
    assert.equal(open.length, 1);
    assert.equal(documents.length, 2, 'every Documents welcome depends on the workbench state');
    assert.match(empty[0]!.contents, /command:vscode\.openFolder/);
    assert.doesNotMatch(open[0]!.contents, /openFolder/);
    assert.match(open[0]!.contents, /command:corpusLens\.reindex/);
  });

  it('declares what works in Restricted Mode and in virtual workspaces', () => {
    const untrusted = manifest.capabilities?.untrustedWorkspaces;
    assert.equal(untrusted?.supported, 'limited');
    assert.match(untrusted?.description ?? '', /writes no annotation or knowledge file/);
    // settings that decide where files are written are not taken from an untrusted workspace
    assert.deepEqual(untrusted?.restrictedConfigurations, ['corpusLens.annotations.folder']);
    for (const key of untrusted?.restrictedConfigurations ?? []) assert.ok(key in manifest.contributes.configuration.properties, key);
    assert.equal(manifest.capabilities?.virtualWorkspaces, true);
  });

  it('Corpus Text turns off the unicode highlights that box full-width Chinese punctuation (and add their hover)', () => {
    assert.ok(manifest.contributes.languages.some((l) => l.id === 'corpus-text'));
    assert.deepEqual(manifest.contributes.configurationDefaults?.['[corpus-text]'], {
      'editor.unicodeHighlight.ambiguousCharacters': false,
      'editor.unicodeHighlight.invisibleCharacters': false,
      'editor.unicodeHighlight.nonBasicASCII': false,
    });
  });
});
