// The Chinese interface in the extension host. The offline workbench (code-server without the Marketplace's Chinese
// language pack) keeps VS Code's display language English whatever --locale says, so vscode.env.language stays
// 'en' and VS Code hands the extension no zh-cn bundle. This suite therefore loads l10n/bundle.l10n.zh-cn.json
// into the extension's localiser (api.localize: every runtime string goes through @vscode/l10n, and zod's messages
// take the zh-cn locale) and checks that a hover (an entity card, a date's explanation and the reference it was
// resolved against), a prompt, a message, a Problems-panel message of a broken knowledge file and the views page
// (its title, heading and buttons, as the page reports them) come out in Chinese through the real providers and
// commands; the command titles are checked in package.nls.zh-cn.json / zh-tw.json against package.json. At the end
// the English bundle is back.
import * as assert from 'node:assert/strict';
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import * as vscode from 'vscode';
import type { CorpusLensApi } from '../../src/extension/extension';
import type { VisualizePanel } from '../../src/extension/features/visualize/panel';
import { ScriptedPrompter, value } from './prompter';
import { EXTENSION_ID, waitFor } from './util';

const han = /\p{Script=Han}/u;

describe('Chinese interface (zh-cn bundle in the extension host)', function () {
  this.timeout(60_000);
  let api: CorpusLensApi;
  let root: string;
  let docUri: vscode.Uri;
  const text = '2022年2月24日，普京宣布对乌克兰采取特别军事行动。北约秘书长斯托尔滕贝格表示谴责。\n';
  let knowledgeDir: vscode.Uri;

  before(async () => {
    const extension = vscode.extensions.getExtension<CorpusLensApi>(EXTENSION_ID);
    assert.ok(extension);
    api = await extension.activate();
    root = extension.extensionUri.fsPath;
    console.log(`[l10n] vscode.env.language = ${vscode.env.language}`);
    const folder = vscode.workspace.workspaceFolders![0]!.uri;
    docUri = vscode.Uri.joinPath(folder, 'l10n-zh.txt');
    writeFileSync(docUri.fsPath, text);
    knowledgeDir = vscode.Uri.joinPath(folder, '.corpus-lens');
    await api.services.knowledge.ready;
    api.localize(JSON.parse(readFileSync(join(root, 'l10n', 'bundle.l10n.zh-cn.json'), 'utf8')) as Record<string, string>, 'zh-cn');
  });

  after(async () => {
    api.localize(undefined);
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    rmSync(docUri.fsPath, { force: true });
  });

  it('a date explanation in a hover is in Chinese (the value and the reference it was resolved against)', async () => {
    // 今年以来 in sample 001: resolved against the article timestamp of its record (2021-12-31, line 31) to 2021/..
    const [uri] = await vscode.workspace.findFiles('001_*.txt');
    assert.ok(uri, 'sample 001 in the workspace');
    const doc = await vscode.workspace.openTextDocument(uri);
    await vscode.window.showTextDocument(doc);
    const at = doc.positionAt(doc.getText().indexOf('今年以来') + 1);
    const card = await waitFor('the hover of 今年以来', async () => {
      const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', uri, at);
      const s = hovers.flatMap((h) => h.contents.map((c) => (typeof c === 'string' ? c : 'value' in c ? c.value : ''))).join('\n');
      return /推算依据/.test(s) && s;
    });
    const plain = card.replace(/\\([!-/:-@[-`{-~])/g, '$1'); // the Markdown escapes of ASCII punctuation
    assert.match(plain, /\*\*2021\/\.\.\*\*/, plain);
    assert.match(plain, /从2021起，未给出终点（EDTF 开放区间）。/, plain);
    assert.match(plain, /修饰符 SINCE：自那时起：向未来开放的区间（以来）。/, plain);
    assert.match(plain, /推算依据：元数据中的文章时间戳（第 31 行）：2021-12-31/, plain);
    assert.doesNotMatch(plain, /\b(From|Resolved against|metadata|Modifier|timestamp)\b/, plain);
  });

  it('a Problems-panel message from a broken knowledge file is in Chinese (ours and zod\'s)', async () => {
    const file = vscode.Uri.joinPath(knowledgeDir, 'knowledge.yaml');
    mkdirSync(knowledgeDir.fsPath, { recursive: true });
    try {
      // line 4: a bad type (zod's enum message); line 8: a Wikidata id that is not one (our schema message)
      writeFileSync(
        file.fsPath,
        'schema: corpus-lens/knowledge@1\nentities:\n  - id: person/bad\n    type: persn\n    names:\n      en: Bad\n  - id: person/good\n    wikidata: P12\n    type: person\n    names:\n      en: Good\n',
      );
      const diagnostics = await waitFor('diagnostics on the knowledge file', () => {
        const list = vscode.languages.getDiagnostics(file);
        return list.length >= 2 ? list : undefined;
      }, 20_000);
      const messages = diagnostics.map((d) => `${d.range.start.line + 1}: ${d.message}`).sort();
      assert.match(messages[0]!, /^4: person\/bad：type：无效选项：.*；已跳过该条目$/, messages.join('\n'));
      assert.equal(messages[1], '8: person/good：wikidata：必须是 Wikidata 条目 ID，如 Q159；已跳过该条目');
    } finally {
      rmSync(knowledgeDir.fsPath, { recursive: true, force: true });
      await waitFor('the diagnostics to go', () => vscode.languages.getDiagnostics(file).length === 0, 20_000);
    }
  });

  it("the views page is in Chinese: the panel's title, the page's heading and its buttons", async () => {
    const panel = (await vscode.commands.executeCommand('corpusLens.showTimeline')) as VisualizePanel;
    try {
      assert.equal(panel.panel.title, '时间线');
      const drawn = await waitFor('the page to draw the timeline', async () => (await panel.settled(), panel.drawn), 30_000);
      assert.equal(drawn.heading, '时间线');
      assert.equal(drawn.lang, 'zh-cn');
      for (const label of ['清除时间筛选', '导出 CSV', '导出 PNG', '导出 SVG']) assert.ok(drawn.controls.includes(label), `${label} in ${JSON.stringify(drawn.controls)}`);
      assert.deepEqual(drawn.controls.filter((c) => /\b(Export|Clear|Period|Timeline)\b/.test(c)), []);
    } finally {
      panel.panel.dispose();
    }
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
