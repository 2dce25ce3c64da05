// Auto-coding in a real extension host: Auto-code Search Hits (text, entity, date range, within a document set)
// through the scripted prompter, the review list (reject one, accept all), nothing written before Write, one
// segment file write per document, and a second run that skips what is already coded.
import * as assert from 'node:assert/strict';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { CorpusLensApi } from '../../src/extension/extension';
import { parseSegments, parseVariables } from '../../src/core/codes';
import type { AutoCodeSummary, WriteSummary } from '../../src/extension/features/codes/autocode';
import { ScriptedPrompter, value } from './prompter';
import { EXTENSION_ID, waitFor } from './util';

describe('codes: auto-coding with a review list', function () {
  this.timeout(240_000);
  /** The scripted prompter answering the commands' questions (replacing the previous one). */
  let scripted: vscode.Disposable | undefined;
  const useScript = (p: ScriptedPrompter): void => {
    scripted?.dispose();
    scripted = api.scriptPrompts(p);
  };
  let api: CorpusLensApi;
  let folder: string;
  let a: vscode.Uri;
  let b: vscode.Uri;
  const textA = '普京表示北约东扩是红线。\n2014年3月，美方称紅線不可逾越。\n';
  const textB = '俄方再次强调红线。普京出席会议。\n';
  const segmentsOf = (uri: vscode.Uri) => (existsSync(uri.fsPath + '.codes.yaml') ? parseSegments(readFileSync(uri.fsPath + '.codes.yaml', 'utf8'), 'x').value!.segments : []);
  const exacts = (uri: vscode.Uri) => segmentsOf(uri).map((s) => (s.target.selector.find((x) => x.type === 'TextQuoteSelector') as { exact: string }).exact).sort();
  const prompt = (script: ConstructorParameters<typeof ScriptedPrompter>[0]): ScriptedPrompter => {
    const p = new ScriptedPrompter(script);
    useScript(p);
    return p;
  };
  let code: string;
  const run = (args: Record<string, unknown>): Promise<AutoCodeSummary> => {
    // The workspace holds other suites' documents: the document set (a variables filter) keeps to this suite's two.
    prompt({ autocodeKind: [value(args.kind)], autocodeText: [value(args.text)], autocodeEntity: [value(args.entity)], autocodeDates: [value(args.dates)], autocodeFilter: [value(args.filter ?? 'genre=autocode-test')], code: [value(args.code ?? code)] });
    return vscode.commands.executeCommand('corpusLens.codes.autoCode') as Promise<AutoCodeSummary>;
  };

  before(async () => {
    const extension = vscode.extensions.getExtension<CorpusLensApi>(EXTENSION_ID);
    assert.ok(extension);
    api = await extension.activate();
    folder = vscode.workspace.workspaceFolders![0]!.uri.fsPath;
    mkdirSync(path.join(folder, 'autocode'), { recursive: true });
    a = vscode.Uri.file(path.join(folder, 'autocode', 'a.txt'));
    b = vscode.Uri.file(path.join(folder, 'autocode', 'b.txt'));
    writeFileSync(a.fsPath, textA);
    writeFileSync(b.fsPath, textB);
    mkdirSync(path.join(folder, '.corpus-lens'), { recursive: true });
    writeFileSync(path.join(folder, '.corpus-lens', 'variables.yaml'), 'schema: corpus-lens/variables@1\ndocuments:\n  autocode/a.txt: {genre: autocode-test}\n  autocode/b.txt: {genre: autocode-test, outlet: 新华社}\n');
    await api.services.corpus.ready;
    // Opened once, so that the index takes them at once even while a watcher event is still queued under load.
    for (const uri of [a, b]) await vscode.window.showTextDocument(uri, { preview: false });
    await waitFor('the two documents indexed', () => api.services.corpus.index.has(a.toString()) && api.services.corpus.index.has(b.toString()) && api.services.corpus.index.mentionsIn(b.toString()).length > 0, 120_000);
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    prompt({ label: [value('red line (auto)')] });
    code = (await vscode.commands.executeCommand('corpusLens.codes.create')) as string;
    assert.ok(code);
    // The variables file is loaded by its watcher: wait until the document set holds the two documents.
    await waitFor('the document set of the variables file', async () => (await run({ kind: 'text', text: '普京' })).hits === 2, 20_000);
    await vscode.commands.executeCommand('corpusLens.codes.autoCodeCancel');
  });

  after(async () => {
    scripted?.dispose();
    await vscode.commands.executeCommand('corpusLens.codes.autoCodeCancel');
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    rmSync(path.join(folder, 'autocode'), { recursive: true, force: true });
    rmSync(path.join(folder, '.corpus-lens', 'variables.yaml'), { force: true });
  });

  it('a text search (both scripts) is reviewed first, a rejected hit is not written, a second run skips the written ones', async () => {
    const r = await run({ kind: 'text', text: '红线' });
    assert.equal(r.hits, 3, '红线 and 紅線 in a.txt, 红线 in b.txt');
    assert.deepEqual(exacts(a), [], 'nothing is written before the analyst accepts');
    assert.deepEqual(exacts(b), []);
    // Reject the hit in b.txt, then write.
    const inB = r.keys.find((k) => k.startsWith(b.toString()))!;
    await vscode.commands.executeCommand('corpusLens.codes.autoCodeReject', { kind: 'hit', key: inB });
    const w = (await vscode.commands.executeCommand('corpusLens.codes.autoCodeWrite')) as WriteSummary;
    assert.deepEqual(w, { written: 2, documents: 1, stale: 0, rejected: 1 });
    assert.deepEqual(exacts(a), ['紅線', '红线']);
    assert.deepEqual(exacts(b), []);
    assert.deepEqual(segmentsOf(a)[0]!.codes, [code]);
    // Again: the two coded hits are skipped, the rejected one comes back; accept all and write.
    const again = await run({ kind: 'text', text: '紅線' });
    assert.deepEqual([again.hits, again.skipped], [1, 2]);
    await vscode.commands.executeCommand('corpusLens.codes.autoCodeRejectAll');
    await vscode.commands.executeCommand('corpusLens.codes.autoCodeAcceptAll');
    const w2 = (await vscode.commands.executeCommand('corpusLens.codes.autoCodeWrite')) as WriteSummary;
    assert.deepEqual([w2.written, w2.documents], [1, 1]);
    assert.deepEqual(exacts(b), ['红线']);
    assert.equal(segmentsOf(a).length, 2, 'nothing written twice');
  });

  it("an entity's mentions within a document set (variables filter); a date range; the hit opens its passage", async () => {
    const putin = api.services.corpus.index.mentionsIn(b.toString()).find((m) => textB.slice(m.start, m.end) === '普京')!;
    assert.ok(putin, 'the index has 普京 in b.txt');
    const r = await run({ kind: 'entity', entity: putin.entityId, filter: 'genre=autocode-test outlet=新华社' });
    assert.equal(r.hits, 1);
    assert.ok(r.keys[0]!.startsWith(b.toString()), 'only b.txt is in the document set');
    const editor = (await vscode.commands.executeCommand('corpusLens.codes.autoCodeOpen', { kind: 'hit', key: r.keys[0] })) as vscode.TextEditor;
    assert.equal(editor.document.getText(editor.selection), '普京');
    await vscode.commands.executeCommand('corpusLens.codes.autoCodeWrite');
    assert.deepEqual(exacts(b), ['普京', '红线']);
    const d = await run({ kind: 'date', dates: '2014..2014-06' });
    assert.equal(d.hits, 1);
    assert.ok(d.keys[0]!.startsWith(a.toString()));
    await vscode.commands.executeCommand('corpusLens.codes.autoCodeWrite');
    assert.ok(exacts(a).some((e) => e.startsWith('2014年3月')));
  });

  it('bad input is a clear message and writes nothing', async () => {
    const p = prompt({ autocodeKind: [value('regex')], autocodeText: [value('(')], autocodeFilter: [value('')], code: [value(code)] });
    const before = readFileSync(a.fsPath + '.codes.yaml', 'utf8');
    await vscode.commands.executeCommand('corpusLens.codes.autoCode');
    assert.ok(p.notices.some((n) => n.kind === 'warning' && /invalid regular expression/.test(n.text)), JSON.stringify(p.notices));
    assert.equal(readFileSync(a.fsPath + '.codes.yaml', 'utf8'), before);
  });

  it('Open Document Variables File creates the file seeded with the values detected from the metadata', async () => {
    const file = path.join(folder, '.corpus-lens', 'variables.yaml');
    rmSync(file, { force: true });
    const uri = (await vscode.commands.executeCommand('corpusLens.codes.editVariables')) as string;
    assert.equal(vscode.Uri.parse(uri).fsPath, file);
    const parsed = parseVariables(readFileSync(file, 'utf8'), file);
    assert.deepEqual(parsed.problems, []);
    assert.equal(parsed.value.documents.get('autocode/a.txt')?.language, 'zh-Hans');
  });
});
