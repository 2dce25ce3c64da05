// Smoke suite: runs inside a real VS Code extension host (code-server here, desktop VS Code with
// @vscode/test-electron elsewhere) on a temp copy of samples/. See scripts/run-integration.mjs.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { EXTENSION_ID, waitFor } from './util';

describe('smoke', () => {
  it('runs on a workspace holding the sample corpus', async () => {
    const folder = vscode.workspace.workspaceFolders?.[0];
    assert.ok(folder, 'no workspace folder is open');
    const samples = await vscode.workspace.findFiles('*.txt');
    assert.deepEqual(
      samples.map((uri) => uri.path.replace(/^.*\//, '').slice(0, 4)).sort(),
      ['000_', '001_', '002_', '003_', '004_'],
    );
  });

  it(`finds the extension ${EXTENSION_ID}`, () => {
    const extension = vscode.extensions.getExtension(EXTENSION_ID);
    assert.ok(extension, `extension ${EXTENSION_ID} is not loaded`);
    assert.equal(extension.packageJSON.publisher, 'corpus-lens');
  });

  it('activates when a sample .txt document opens', async function () {
    this.timeout(30_000);
    const [uri] = await vscode.workspace.findFiles('001_*.txt');
    assert.ok(uri, 'samples/001_*.txt not found in the workspace');
    const document = await vscode.workspace.openTextDocument(uri);
    const editor = await vscode.window.showTextDocument(document);
    assert.equal(editor.document.uri.toString(), uri.toString());
    assert.match(document.getText(), /2021-12-31 17:23:55/);
    const extension = vscode.extensions.getExtension(EXTENSION_ID);
    assert.ok(extension);
    try {
      await waitFor('the extension to activate', () => extension.isActive, 15_000);
    } catch (timeout) {
      // Tell a throwing activate() apart from an activation event that never fired.
      await extension.activate(); // rejects with the activation error, if any
      throw new Error(`the extension activates when asked, but opening a .txt did not activate it (${String(timeout)})`);
    }
  });

  it('registers every command the manifest contributes', async () => {
    const extension = vscode.extensions.getExtension(EXTENSION_ID);
    assert.ok(extension?.isActive, 'extension not active');
    const contributed: string[] = (extension.packageJSON.contributes?.commands ?? []).map((c: { command: string }) => c.command);
    assert.ok(contributed.length > 0, 'the manifest contributes no command');
    const registered = new Set(await vscode.commands.getCommands(true));
    assert.deepEqual(contributed.filter((command) => !registered.has(command)), [], 'contributed but not registered');
  });
});
