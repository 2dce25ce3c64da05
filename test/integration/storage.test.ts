// Two writers on one sidecar inside a real extension host: the extension (the Add Claim service, as the commands
// use it) and a `corpus-lens annotate add` child process adding at the same time. Every annotation either side
// reported done must be in the file and, after the watcher's reload, in the extension's state.
import * as assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import { parseSidecar } from '../../src/core/annotations';
import type { CorpusLensApi } from '../../src/extension/extension';
import { pathOf } from '../../src/extension/convert';
import { EXTENSION_ID, waitFor } from './util';

const ROUNDS = 15;

function cliAdd(cli: string, cwd: string, doc: string, start: number, claim: string): Promise<string> {
  return new Promise((resolve, reject) => {
    execFile(
      process.execPath,
      [cli, 'annotate', 'add', doc, '--start', String(start), '--end', String(start + 4), '--claim', claim, '--stance', 'support', '--author', 'script'],
      { cwd, env: { ...process.env, ELECTRON_RUN_AS_NODE: '1' }, timeout: 60_000 },
      (error, stdout, stderr) => (error ? reject(new Error(`${error.message}\n${stderr}`)) : resolve(stdout.trim())),
    );
  });
}

describe('annotations: two writers (extension + CLI process)', function () {
  this.timeout(180_000);

  it(`the extension and a CLI child each add ${ROUNDS} annotations to one sidecar at once: none is lost`, async () => {
    const extension = vscode.extensions.getExtension<CorpusLensApi>(EXTENSION_ID)!;
    const api = await extension.activate();
    await api.services.annotations.ready;
    const folder = vscode.workspace.workspaceFolders![0]!.uri;
    const docUri = vscode.Uri.joinPath(folder, 'two-writers.txt');
    const text = '两个写入者同时标注同一个文件。普京表示，北约东扩是红线。The United States disagrees.\n'.repeat(40);
    writeFileSync(docUri.fsPath, text);
    const doc = await vscode.workspace.openTextDocument(docUri);
    await vscode.window.showTextDocument(doc);
    const docPath = pathOf(docUri);
    const service = api.services.annotations;
    await service.ensureLoaded(docPath);
    const cli = path.join(extension.extensionPath, 'dist', 'cli.js');

    const extensionIds: string[] = [];
    const cliIds: string[] = [];
    const fromExtension = (async () => {
      for (let i = 0; i < ROUNDS; i++) {
        const start = (i * 53) % (text.length - 10);
        const m = await service.add(docPath, { start, end: start + 5, claim: `extension ${i}`, stance: { polarity: 'oppose' } });
        extensionIds.push(m.id!);
        await new Promise((r) => setTimeout(r, Math.random() * 30));
      }
    })();
    const fromCli = (async () => {
      for (let i = 0; i < ROUNDS; i++) cliIds.push(await cliAdd(cli, folder.fsPath, 'two-writers.txt', (i * 71 + 7) % (text.length - 10), `cli ${i}`));
    })();
    await Promise.all([fromExtension, fromCli]);

    const sidecar = docUri.fsPath + '.annotations.yaml';
    const parsed = parseSidecar(readFileSync(sidecar, 'utf8'), sidecar);
    assert.ok(parsed.value, 'the sidecar parses');
    const onDisk = new Set(parsed.value.annotations.map((a) => a.id));
    const lost = [...extensionIds, ...cliIds].filter((id) => !onDisk.has(id));
    assert.equal(extensionIds.length + cliIds.length, 2 * ROUNDS);
    assert.deepEqual(lost, [], `lost ${lost.length} of ${2 * ROUNDS}`);
    assert.equal(onDisk.size, 2 * ROUNDS);
    // The extension follows the file (watcher reload): it shows all of them too.
    await waitFor('the extension to see every annotation', async () => {
      await service.idle();
      return service.get(docPath)?.annotations.length === 2 * ROUNDS;
    }, 30_000);
    await vscode.commands.executeCommand('workbench.action.closeActiveEditor');
  });
});
