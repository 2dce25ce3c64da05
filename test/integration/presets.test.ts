// Add Claim presets in a real extension host: after one claim in a document, the next Add Claim there offers the
// last stance, holder and target first, and Enter on it adds the claim (two questions instead of eight).
import * as assert from 'node:assert/strict';
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { CorpusLensApi } from '../../src/extension/extension';
import { parseSidecar } from '../../src/core/annotations';
import type { PickStep } from '../../src/core/prompt';
import { ScriptedPrompter, enter, keep, option, value } from './prompter';
import { EXTENSION_ID } from './util';

describe('annotate: Add Claim presets', function () {
  this.timeout(60_000);
  /** The scripted prompter answering the commands' questions (replacing the previous one). */
  let scripted: vscode.Disposable | undefined;
  const useScript = (p: ScriptedPrompter): void => {
    scripted?.dispose();
    scripted = api.scriptPrompts(p);
  };
  let api: CorpusLensApi;
  let docUri: vscode.Uri;
  const text = '普京表示，北约东扩是红线。\n普京还说，北约东扩威胁俄罗斯安全。\n';
  const select = async (needle: string): Promise<void> => {
    const editor = await vscode.window.showTextDocument(docUri);
    const start = text.indexOf(needle);
    editor.selection = new vscode.Selection(editor.document.positionAt(start), editor.document.positionAt(start + needle.length));
  };

  before(async () => {
    const extension = vscode.extensions.getExtension<CorpusLensApi>(EXTENSION_ID);
    assert.ok(extension);
    api = await extension.activate();
    docUri = vscode.Uri.file(path.join(vscode.workspace.workspaceFolders![0]!.uri.fsPath, 'presets-doc.txt'));
    writeFileSync(docUri.fsPath, text);
    await api.services.annotations.ready;
  });

  after(async () => {
    scripted?.dispose();
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    for (const f of [docUri.fsPath, docUri.fsPath + '.annotations.yaml']) rmSync(f, { force: true });
  });

  it('the second claim in the document takes two steps: the claim text and the preset', async () => {
    await select('北约东扩是红线');
    const first = new ScriptedPrompter({
      claim: [keep],
      stance: [value('oppose')],
      intensity: [option((v) => v === -2)],
      about: [(s) => (s as PickStep<unknown>).freeText!.value('NATO enlargement is a threat')],
      holder: [(s) => (s as PickStep<unknown>).freeText!.value('普京')],
      confidence: [value('high')],
      tags: [value('red-line')],
      note: [keep],
    });
    useScript(first);
    await vscode.commands.executeCommand('corpusLens.addClaim');
    assert.equal(first.asked.length, 8);

    await select('北约东扩威胁俄罗斯安全');
    const second = new ScriptedPrompter({ claim: [keep], preset: [enter] });
    useScript(second);
    await vscode.commands.executeCommand('corpusLens.addClaim');
    assert.deepEqual(second.asked.map((a) => a.id), ['claim', 'preset']);
    assert.ok(second.asked.length < first.asked.length);
    assert.match(second.offered.get('preset')![0]!.description!, /oppose -2 · 普京 → “NATO enlargement is a threat” · red-line/);
    const sidecar = parseSidecar(readFileSync(docUri.fsPath + '.annotations.yaml', 'utf8'), 'x');
    const claims = sidecar.value!.annotations.map((a) => [a.claim, a.stance.polarity, JSON.stringify(a.holder), JSON.stringify(a.about), a.confidence, a.tags?.join()]).sort();
    assert.deepEqual(claims, [
      ['北约东扩威胁俄罗斯安全', 'oppose', '{"text":"普京"}', '{"proposition":"NATO enlargement is a threat"}', 'high', 'red-line'],
      ['北约东扩是红线', 'oppose', '{"text":"普京"}', '{"proposition":"NATO enlargement is a threat"}', 'high', 'red-line'],
    ]);
  });
});
