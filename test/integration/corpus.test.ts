// Corpus reading and the persistent index cache in a real extension host: the size limit on files that grow,
// legacy encodings and binary files, the cache a window reload starts from, worker threads, and activation that
// does not wait for the knowledge base.
import * as assert from 'node:assert/strict';
import { existsSync, mkdtempSync, unlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as vscode from 'vscode';
import type { CorpusLensApi } from '../../src/extension/extension';
import { pathOf } from '../../src/extension/convert';
import { CorpusService } from '../../src/extension/services/corpus';
import type { Services } from '../../src/extension/services/index';
import { EXTENSION_ID, waitFor } from './util';

const PUTIN = 'person/vladimir-putin';

/** Bytes of `text` in a legacy double-byte encoding, from the runtime's decoder run backwards. */
function encode(text: string, label: 'gbk' | 'big5'): Uint8Array {
  const decoder = new TextDecoder(label, { fatal: true });
  const out: number[] = [];
  for (const ch of text) {
    if (ch.charCodeAt(0) < 0x80) {
      out.push(ch.charCodeAt(0));
      continue;
    }
    let found = false;
    for (let lead = 0x81; lead <= 0xfe && !found; lead++) {
      for (let trail = 0x40; trail <= 0xfe && !found; trail++) {
        try {
          if (decoder.decode(new Uint8Array([lead, trail])) === ch) {
            out.push(lead, trail);
            found = true;
          }
        } catch {
          // not a character of the encoding
        }
      }
    }
  }
  return new Uint8Array(out);
}

describe('corpus reading and the index cache', function () {
  this.timeout(90_000);
  let services: Services;
  let folder: vscode.Uri;
  const created: vscode.Uri[] = [];
  const file = (name: string) => {
    const uri = vscode.Uri.joinPath(folder, name);
    created.push(uri);
    return uri;
  };

  before(async () => {
    const extension = vscode.extensions.getExtension<CorpusLensApi>(EXTENSION_ID);
    assert.ok(extension);
    services = (await extension.activate()).services;
    folder = vscode.workspace.workspaceFolders![0]!.uri;
    await services.knowledge.ready;
    await waitFor('the samples indexed', async () => {
      await services.corpus.ready;
      return services.corpus.index.size >= 5 && !services.corpus.progress;
    }, 60_000);
  });
  after(async () => {
    await vscode.workspace.getConfiguration('corpusLens').update('files.maxSizeMB', undefined, vscode.ConfigurationTarget.Workspace);
    for (const uri of created) if (existsSync(uri.fsPath)) unlinkSync(uri.fsPath);
  });

  it('indexes on worker threads in the Node extension host, each at the lowest priority on Linux', async () => {
    assert.match(services.corpus.analyserKind, /worker thread/);
    if (process.platform !== 'linux') return;
    // The workers may have been released (idle): a file job starts them again.
    const uri = file('corpus-priority.txt');
    writeFileSync(uri.fsPath, '北约与俄罗斯。');
    await waitFor('the new file indexed', () => services.corpus.index.has(pathOf(uri)), 30_000);
    await waitFor('the workers reported their priority', () => services.corpus.workerPriorities.some((p) => p !== undefined), 10_000);
    assert.ok(services.corpus.workerPriorities.every((p) => p === 19), String(services.corpus.workerPriorities));
  });

  it('GBK, Big5 and UTF-16 (BOM) files are indexed decoded; a binary .txt is reported and left out', async () => {
    const gbk = file('corpus-gbk.txt');
    const big5 = file('corpus-big5.txt');
    const utf16 = file('corpus-utf16.txt');
    const binary = file('corpus-binary.txt');
    writeFileSync(gbk.fsPath, encode('标题\n俄罗斯总统普京表示，北约东扩是红线。\n', 'gbk'));
    writeFileSync(big5.fsPath, encode('標題\n俄羅斯總統普丁表示，北約東擴是紅線。\n', 'big5'));
    const text16 = '标题\n普京与拜登通话。\n';
    const le = Buffer.alloc(2 + text16.length * 2);
    le.writeUInt16LE(0xfeff, 0);
    for (let i = 0; i < text16.length; i++) le.writeUInt16LE(text16.charCodeAt(i), 2 + i * 2);
    writeFileSync(utf16.fsPath, le);
    writeFileSync(binary.fsPath, new Uint8Array(4096).map((_, i) => (i * 37 + 11) & 0xff));
    const putinIn = (uri: vscode.Uri) => services.corpus.index.mentionsOf(PUTIN).filter((m) => m.path === pathOf(uri));
    await waitFor('the three text files in the index', () => [gbk, big5, utf16].every((u) => putinIn(u).length === 1), 30_000);
    assert.deepEqual(putinIn(gbk).map((m) => [m.text, m.start]), [['普京', 8]]);
    assert.deepEqual(putinIn(big5).map((m) => [m.text, m.start]), [['普丁', 8]]);
    assert.deepEqual(putinIn(utf16).map((m) => [m.text, m.start]), [['普京', 3]]);
    await waitFor('the binary file reported', () => services.corpus.skipped.has(pathOf(binary)), 30_000);
    assert.match(services.corpus.skipped.get(pathOf(binary))!, /not valid UTF-8|binary/);
    assert.equal(services.corpus.index.document(pathOf(binary)), undefined);
    // Its location maps offsets to lines of the decoded text.
    assert.equal(services.corpus.location(pathOf(gbk), putinIn(gbk)[0]!).range.start.line, 1);
  });

  it('a file that grows past corpusLens.files.maxSizeMB leaves the index, and comes back when it shrinks', async () => {
    await vscode.workspace.getConfiguration('corpusLens').update('files.maxSizeMB', 1, vscode.ConfigurationTarget.Workspace);
    const uri = file('corpus-grows.txt');
    const path = pathOf(uri);
    writeFileSync(uri.fsPath, '标题\n普京与拜登通话。\n');
    await waitFor('the small file in the index', () => services.corpus.index.document(path), 30_000);
    writeFileSync(uri.fsPath, `标题\n普京与拜登通话。\n${'长文本。'.repeat(120_000)}\n`); // ~1.4 MB of UTF-8
    await waitFor('the grown file out of the index', () => !services.corpus.index.document(path), 30_000);
    assert.match(services.corpus.skipped.get(path)!, /larger than corpusLens\.files\.maxSizeMB/);
    writeFileSync(uri.fsPath, '标题\n普京。\n');
    await waitFor('the shrunk file back in the index', () => services.corpus.index.document(path), 30_000);
    assert.equal(services.corpus.skipped.has(path), false);
    await vscode.workspace.getConfiguration('corpusLens').update('files.maxSizeMB', undefined, vscode.ConfigurationTarget.Workspace);
  });

  it('a corpus file missing from the index (its watcher event lost) is indexed when it is opened in an editor', async () => {
    const uri = file('corpus-lost-event.txt');
    const path = pathOf(uri);
    writeFileSync(uri.fsPath, '标题\n普京与拜登通话。\n');
    await waitFor('the new file in the index', () => services.corpus.index.document(path), 30_000);
    services.corpus.index.remove(path); // as if the create event had never arrived
    assert.equal(services.corpus.index.document(path), undefined);
    await vscode.workspace.openTextDocument(uri);
    await waitFor('the opened file back in the index', () => services.corpus.index.mentionsOf(PUTIN).some((m) => m.path === path), 30_000);
  });

  it('a new service on the same storage (a window reload) takes unchanged documents from the cache, and re-analyses a changed one', async () => {
    await services.corpus.ready;
    const storage = vscode.Uri.file(mkdtempSync(join(tmpdir(), 'corpus-lens-cache-test-')));
    const make = () => new CorpusService(services.knowledge, services.documents, services.log, { storage });
    // Compared with the first service (the same files, analysed), not with the extension's own index, which a
    // re-index started by an earlier test may still be changing.
    const first = make();
    let firstPaths: string[];
    let firstPutin: number;
    let firstRange: vscode.Range | undefined;
    try {
      await first.reindex();
      assert.ok(first.lastRun!.analysed >= 5, JSON.stringify(first.lastRun));
      assert.ok(existsSync(join(storage.fsPath, 'index-cache.jsonl')), 'no cache file written');
      firstPaths = first.index.documents().map((d) => d.path).sort();
      firstPutin = first.index.mentionsOf(PUTIN).length;
      const m = first.index.mentionsOf(PUTIN)[0]!;
      firstRange = first.location(m.path, m).range;
    } finally {
      first.dispose();
    }
    const second = make();
    let secondSkipped: number;
    try {
      await second.reindex();
      secondSkipped = second.lastRun!.skipped;
      assert.equal(second.lastRun!.analysed, 0, JSON.stringify(second.lastRun));
      assert.equal(second.lastRun!.cached, firstPaths.length, JSON.stringify(second.lastRun));
      assert.deepEqual(second.index.documents().map((d) => d.path).sort(), firstPaths);
      assert.ok(firstPutin > 0);
      assert.equal(second.index.mentionsOf(PUTIN).length, firstPutin);
      const m = second.index.mentionsOf(PUTIN)[0]!;
      assert.deepEqual(second.location(m.path, m).range, firstRange);
    } finally {
      second.dispose();
    }
    const changed = file('corpus-changed.txt');
    writeFileSync(changed.fsPath, '标题\n普京。\n');
    await waitFor('the new file in the index', () => services.corpus.index.document(pathOf(changed)), 30_000);
    const third = make();
    try {
      await third.reindex();
      // The changed file (not in the cache) is analysed: by the run, or by the new service's watcher when the file's
      // event reaches it during the run. The run then either finds it indexed already at that hash (counted with the
      // cached) or does not apply its own older result (superseded). The others come from the cache.
      const run = JSON.stringify(third.lastRun);
      assert.ok(third.lastRun!.analysed + third.lastRun!.superseded <= 1, run);
      assert.equal(third.lastRun!.cached + third.lastRun!.analysed + third.lastRun!.superseded, firstPaths.length + 1, run);
      assert.equal(third.lastRun!.skipped, secondSkipped, run);
      assert.ok(third.index.mentionsOf(PUTIN).some((m) => m.path === pathOf(changed)), `the changed file is in the index: ${run}`);
    } finally {
      third.dispose();
    }
  });

  it('files created, changed and deleted while a full index runs end up in the index as they are on disk', async () => {
    // A full run lists the files first, then reads them in a pool while the watcher indexes what changes meanwhile;
    // neither may undo the other's newer update (src/core/corpus/freshness.ts; the interleavings: index.freshness.test.ts).
    const gone = file('corpus-race-gone.txt');
    const changed = file('corpus-race-changed.txt');
    writeFileSync(gone.fsPath, '标题\n普京。\n');
    writeFileSync(changed.fsPath, '标题\n普京。\n');
    await waitFor('the two files indexed', () => services.corpus.index.has(pathOf(gone)) && services.corpus.index.has(pathOf(changed)), 30_000);
    const fresh = [0, 1, 2, 3, 4, 5].map((i) => file(`corpus-race-${i}.txt`));
    const run = services.corpus.reindex();
    for (const [i, uri] of fresh.entries()) {
      writeFileSync(uri.fsPath, `标题\n普京${i}。\n`);
      await new Promise((resolve) => setTimeout(resolve, 20 * i));
    }
    writeFileSync(changed.fsPath, '标题\n拜登。\n');
    unlinkSync(gone.fsPath);
    await run;
    const asOnDisk = () =>
      fresh.every((u) => services.corpus.index.has(pathOf(u))) &&
      !services.corpus.index.has(pathOf(gone)) &&
      services.corpus.index.mentionsIn(pathOf(changed)).every((m) => m.text !== '普京');
    await waitFor('the index as on disk', asOnDisk, 30_000);
    await services.corpus.ready;
    await new Promise((resolve) => setTimeout(resolve, 1000)); // late watcher events change nothing
    assert.ok(asOnDisk(), 'the index changed after it matched the disk');
    assert.deepEqual(services.corpus.index.mentionsIn(pathOf(fresh[0]!)).map((m) => m.text), ['普京']);
  });

  it('the extension writes its own cache into its workspace storage', async () => {
    const storage = services.context.storageUri;
    assert.ok(storage);
    await services.corpus.saveCache();
    assert.ok(existsSync(join(storage.fsPath, 'index-cache.jsonl')));
  });
});
