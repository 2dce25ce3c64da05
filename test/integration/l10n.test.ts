// The Chinese interface in the extension host. The offline workbench (code-server without the Marketplace's Chinese
// language pack) keeps VS Code's display language English whatever --locale says, so vscode.env.language stays
// 'en' and VS Code hands the extension no zh-cn bundle. This suite therefore loads l10n/bundle.l10n.zh-cn.json
// into the extension's localiser (api.localize: every runtime string goes through @vscode/l10n) and checks that a
// hover, a prompt and a message come out in Chinese through the real providers and commands; the command titles
// are checked in package.nls.zh-cn.json / zh-tw.json against package.json. At the end the English bundle is back.
import * as assert from 'node:assert/strict';
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import * as vscode from 'vscode';
import type { CorpusLensApi } from '../../src/extension/extension';
import { ScriptedPrompter, value } from './prompter';
import { EXTENSION_ID, waitFor } from './util';

const han = /\p{Script=Han}/u;

describe('Chinese interface (zh-cn bundle in the extension host)', function () {
  this.timeout(60_000);
  let api: CorpusLensApi;
  let root: string;
  let docUri: vscode.Uri;
  const text = '2022年2月24日，普京宣布对乌克兰采取特别军事行动。北约秘书长斯托尔滕贝格表示谴责。\n';

  before(async () => {
    const extension = vscode.extensions.getExtension<CorpusLensApi>(EXTENSION_ID);
    assert.ok(extension);
    api = await extension.activate();
    root = extension.extensionUri.fsPath;
    console.log(`[l10n] vscode.env.language = ${vscode.env.language}`);
    const folder = vscode.workspace.workspaceFolders![0]!.uri;
    docUri = vscode.Uri.joinPath(folder, 'l10n-zh.txt');
    writeFileSync(docUri.fsPath, text);
    await api.services.knowledge.ready;
    api.localize(JSON.parse(readFileSync(join(root, 'l10n', 'bundle.l10n.zh-cn.json'), 'utf8')) as Record<string, string>);
  });

  after(async () => {
    api.localize(undefined);
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    rmSync(docUri.fsPath, { force: true });
  });

  it('a hover card is in Chinese', async () => {
    const doc = await vscode.workspace.openTextDocument(docUri);
    await vscode.window.showTextDocument(doc);
    const at = doc.positionAt(text.indexOf('普京') + 1);
    const hoverText = await waitFor('the hover of 普京', async () => {
      const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', docUri, at);
      const s = hovers.flatMap((h) => h.contents.map((c) => (typeof c === 'string' ? c : 'value' in c ? c.value : ''))).join('\n');
      return /处提及/.test(s) && s;
    });
    assert.match(hoverText, /人物/, hoverText); // the entity type
    assert.match(hoverText, /语料库中 \*\*\d+\*\* 篇文档共 \*\*\d+\*\* 处提及/, hoverText);
    assert.doesNotMatch(hoverText, /mentions? in/, hoverText);
  });

  it('a message is in Chinese (Add Claim without a selection)', async () => {
    const prompter = new ScriptedPrompter({});
    const scripted = api.scriptPrompts(prompter);
    try {
      const editor = await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(docUri));
      editor.selection = new vscode.Selection(0, 0, 0, 0);
      await vscode.commands.executeCommand('corpusLens.addClaim');
      assert.equal(prompter.notices[0]?.kind, 'info');
      assert.equal(prompter.notices[0]?.text, '请先选中表达该观点的段落。');
    } finally {
      scripted.dispose();
    }
  });

  it('a prompt is in Chinese (the first step of Add Claim: title, prompt and validation)', async () => {
    const prompter = new ScriptedPrompter({ claim: [value(undefined)] }); // cancelled at the first step: nothing written
    const scripted = api.scriptPrompts(prompter);
    try {
      const doc = await vscode.workspace.openTextDocument(docUri);
      const editor = await vscode.window.showTextDocument(doc);
      const start = text.indexOf('普京宣布');
      editor.selection = new vscode.Selection(doc.positionAt(start), doc.positionAt(start + 10));
      await vscode.commands.executeCommand('corpusLens.addClaim');
      const step = prompter.steps.get('claim') as { title: string; prompt?: string; validate?: (v: string) => string | undefined } | undefined;
      assert.ok(step, `asked: ${JSON.stringify(prompter.asked)}`);
      assert.equal(step.title, '添加观点标注');
      assert.equal(step.prompt, '用你自己的话概括该段落所表达的观点');
      assert.equal(step.validate?.(' '), '观点不能为空');
    } finally {
      scripted.dispose();
    }
  });

  it('every command title has a zh-cn and a zh-tw translation in package.nls', () => {
    const manifest = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { contributes: { commands: Array<{ command: string; title: string }> } };
    for (const locale of ['zh-cn', 'zh-tw']) {
      const nls = JSON.parse(readFileSync(join(root, `package.nls.${locale}.json`), 'utf8')) as Record<string, string>;
      for (const c of manifest.contributes.commands) {
        const key = /^%(.+)%$/.exec(c.title)?.[1];
        assert.ok(key, `${c.command}: the title is a %key% of package.nls.json`);
        assert.match(nls[key] ?? '', han, `${locale}: ${c.command} (${key})`);
      }
      assert.equal(nls['command.addClaim.title'], locale === 'zh-cn' ? '添加观点标注' : '新增觀點標註');
    }
  });
});
