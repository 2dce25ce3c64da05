// Codes and memos in a real extension host: every command of the codes feature through a scripted prompter,
// checked on the files it writes (codebook, segment files, sidecars, memos, REFI-QDA archives).
import * as assert from 'node:assert/strict';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { CorpusLensApi } from '../../src/extension/extension';
import { parseCodebook, parseSegments } from '../../src/core/codes';
import { ScriptedPrompter, option, value } from './prompter';
import { EXTENSION_ID, waitFor } from './util';

describe('codes: code system, coding, retrieval, memos, REFI-QDA', function () {
  this.timeout(90_000);
  let api: CorpusLensApi;
  let folder: string;
  let docUri: vscode.Uri;
  const text = '😀 俄方表示北约东扩是红线。\n美方称对俄制裁有效。\n双方同意继续对话。\n';
  const codebook = (): ReturnType<typeof parseCodebook>['value'] => parseCodebook(readFileSync(path.join(folder, '.corpus-lens', 'codebook.yaml'), 'utf8'), 'cb').value;
  const segments = () => parseSegments(readFileSync(docUri.fsPath + '.codes.yaml', 'utf8'), 'x').value!.segments;
  const select = async (needle: string): Promise<vscode.TextEditor> => {
    const editor = await vscode.window.showTextDocument(docUri);
    const start = editor.document.positionAt(text.indexOf(needle));
    editor.selection = new vscode.Selection(start, editor.document.positionAt(text.indexOf(needle) + needle.length));
    return editor;
  };
  const prompt = (script: ConstructorParameters<typeof ScriptedPrompter>[0]): ScriptedPrompter => {
    const p = new ScriptedPrompter(script);
    api.scriptPrompts(p);
    return p;
  };

  before(async () => {
    const extension = vscode.extensions.getExtension<CorpusLensApi>(EXTENSION_ID);
    assert.ok(extension);
    api = await extension.activate();
    folder = vscode.workspace.workspaceFolders![0]!.uri.fsPath;
    docUri = vscode.Uri.file(path.join(folder, 'codes-doc.txt'));
    writeFileSync(docUri.fsPath, text);
    rmSync(path.join(folder, '.corpus-lens', 'codebook.yaml'), { force: true });
    await api.services.annotations.ready;
  });

  after(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    for (const f of [docUri.fsPath, docUri.fsPath + '.codes.yaml', docUri.fsPath + '.annotations.yaml', path.join(folder, '.corpus-lens', 'codebook.yaml')]) rmSync(f, { force: true });
    rmSync(path.join(folder, '.corpus-lens', 'memos'), { recursive: true, force: true });
    rmSync(path.join(folder, 'imported'), { recursive: true, force: true });
  });

  it('New Code, New Code from Selection (created and applied), Apply Code with recent codes first, Apply Last Code Again', async () => {
    prompt({ label: [value('security')] });
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    assert.equal(await vscode.commands.executeCommand('corpusLens.codes.create'), 'security');
    await select('北约东扩是红线');
    prompt({ label: [value('红线')] });
    const redId = (await vscode.commands.executeCommand('corpusLens.codes.createFromSelection')) as string;
    assert.deepEqual(codebook().byId.get(redId)!.labels, { 'zh-Hans': '红线' });
    assert.deepEqual(segments().map((s) => s.codes), [[redId]]);
    await select('对俄制裁有效');
    const p = prompt({ code: [value('new:sanctions')] });
    await vscode.commands.executeCommand('corpusLens.codes.apply');
    const offered = p.offered.get('code')!;
    assert.equal(offered[0]!.value, redId, 'the code applied last comes first');
    assert.equal(offered[0]!.suggested, true);
    assert.ok(codebook().byId.has('sanctions'));
    await select('同意继续对话');
    await vscode.commands.executeCommand('corpusLens.codes.applyLast');
    const byQuote = new Map(segments().map((s) => [s.target.selector.find((x) => x.type === 'TextQuoteSelector')!.type === 'TextQuoteSelector' ? (s.target.selector[0] as { exact: string }).exact : '', s.codes]));
    assert.deepEqual(byQuote.get('对俄制裁有效'), ['sanctions']);
    assert.deepEqual(byQuote.get('同意继续对话'), ['sanctions']);
    // Code points in the file: the emoji counts as one.
    const red = segments().find((s) => (s.target.selector[0] as { exact: string }).exact === '北约东扩是红线')!;
    const pos = red.target.selector.find((x) => x.type === 'TextPositionSelector') as { start: number };
    assert.equal(pos.start, [...text.slice(0, text.indexOf('北约'))].length);
  });

  it('Rename, Move (and the tree), Colour, Merge: the codebook changes, no segment file is rewritten', async () => {
    const before = readFileSync(docUri.fsPath + '.codes.yaml', 'utf8');
    const redId = codebook().codes.find((c) => c.labels['zh-Hans'] === '红线')!.id;
    prompt({ 'label-en': [value('red line')], 'label-zh-Hans': [value('红线')], 'label-zh-Hant': [value('紅線')] });
    await vscode.commands.executeCommand('corpusLens.codes.rename', { id: redId });
    assert.deepEqual(codebook().byId.get(redId)!.labels, { en: 'red line', 'zh-Hans': '红线', 'zh-Hant': '紅線' });
    prompt({ parent: [value('security')] });
    await vscode.commands.executeCommand('corpusLens.codes.move', { id: redId });
    assert.equal(codebook().byId.get(redId)!.parent, 'security');
    prompt({ color: [value('#d04040')] });
    await vscode.commands.executeCommand('corpusLens.codes.color', { id: redId });
    assert.equal(codebook().byId.get(redId)!.color, '#d04040');
    const bad = prompt({ color: [value('reddish')] });
    await vscode.commands.executeCommand('corpusLens.codes.color', { id: redId });
    assert.match(bad.notices.at(-1)!.text, /not a colour/);
    prompt({ label: [value('制裁 (duplicate)')] });
    await vscode.commands.executeCommand('corpusLens.codes.create');
    const dup = codebook().codes.find((c) => c.labels['zh-Hans'] === '制裁 (duplicate)')!.id;
    prompt({ target: [option((v) => v === 'sanctions')] });
    await vscode.commands.executeCommand('corpusLens.codes.merge', { id: dup });
    assert.equal(codebook().merged.get(dup), 'sanctions');
    assert.equal(readFileSync(docUri.fsPath + '.codes.yaml', 'utf8'), before);
  });

  it('Retrieve Coded Segments opens a read-only virtual document with each passage, its context and a link back', async () => {
    prompt({ query: [value('security AND NOT sanctions')], filter: [value('')] });
    const uri = (await vscode.commands.executeCommand('corpusLens.codes.retrieve')) as string;
    const doc = vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri)!;
    assert.equal(doc.uri.scheme, 'corpus-lens-retrieval');
    const body = doc.getText();
    assert.match(body, /^Retrieval: security AND NOT sanctions/);
    assert.match(body, /1 passage in 1 document/);
    assert.match(body, /── codes-doc\.txt:1:\d+ {2}\[red line\]/);
    assert.match(body, /【北约东扩是红线】/);
    const links = (await vscode.commands.executeCommand('vscode.executeLinkProvider', doc.uri)) as vscode.DocumentLink[];
    assert.ok(links.some((l) => l.target?.fsPath === docUri.fsPath && /^L1,/.test(l.target.fragment)), JSON.stringify(links.map((l) => l.target?.toString())));
    const err = prompt({ query: [value('"red line" AND')], filter: [value('')] });
    await vscode.commands.executeCommand('corpusLens.codes.retrieve');
    assert.match(err.notices.at(-1)!.text, /ends too early/);
  });

  it('Open Memo (project, this document, a code) creates Markdown under .corpus-lens/memos/', async () => {
    prompt({ memo: [value('project')] });
    await vscode.commands.executeCommand('corpusLens.codes.openMemo');
    assert.ok(existsSync(path.join(folder, '.corpus-lens', 'memos', 'project.md')));
    await vscode.window.showTextDocument(docUri);
    prompt({ memo: [value('document')] });
    await vscode.commands.executeCommand('corpusLens.codes.openMemo');
    assert.ok(existsSync(path.join(folder, '.corpus-lens', 'memos', 'document', 'codes-doc.txt.md')));
    prompt({});
    await vscode.commands.executeCommand('corpusLens.codes.openMemo', { id: 'sanctions' });
    assert.match(readFileSync(path.join(folder, '.corpus-lens', 'memos', 'code', 'sanctions.md'), 'utf8'), /^# Memo on code sanctions/);
  });

  it('Open Memo on an entity or a topic picks it from the corpus (by name), not by typing its id', async () => {
    await api.services.corpus.ready;
    await waitFor('Russia indexed', () => api.services.corpus.index.entityCounts().has('country/RU'), 30_000);
    const p = prompt({ memo: [value('entity')], entity: [option((v) => v === 'country/RU')] });
    await vscode.commands.executeCommand('corpusLens.codes.openMemo');
    const offered = (p.offered.get('entity') ?? []) as Array<{ label: string; value: string }>;
    assert.ok(offered.some((o) => o.value === 'country/RU' && o.label !== o.value), 'Russia offered by its name');
    assert.ok(!offered.some((o) => o.value.startsWith('candidate:')), 'no unconfirmed candidates');
    assert.ok(existsSync(path.join(folder, '.corpus-lens', 'memos', 'entity', 'country', 'RU.md')));
    prompt({ memo: [value('topic')], topic: [option((v) => v === 'nato-enlargement')] });
    await vscode.commands.executeCommand('corpusLens.codes.openMemo');
    assert.ok(existsSync(path.join(folder, '.corpus-lens', 'memos', 'topic', 'nato-enlargement.md')));
  });

  it('Migrate Tags to Codes: tags in two scripts become one code, the annotations carry its id', async () => {
    const docPath = docUri.toString();
    await api.services.annotations.add(docPath, { start: text.indexOf('双方'), end: text.indexOf('双方') + 2, claim: 'both agree', stance: { polarity: 'support' }, tags: ['對話'] });
    await api.services.annotations.add(docPath, { start: text.indexOf('继续'), end: text.indexOf('继续') + 2, claim: 'continue', stance: { polarity: 'support' }, tags: ['对话', '紅線'] });
    await api.services.annotations.idle();
    prompt({});
    const [created, changed] = (await vscode.commands.executeCommand('corpusLens.codes.migrateTags')) as [number, number];
    // Other suites may leave tagged annotations in the shared workspace: at least ours are migrated.
    assert.ok(created >= 1, String(created));
    assert.ok(changed >= 2, String(changed));
    await api.services.annotations.idle();
    const sidecar = readFileSync(docUri.fsPath + '.annotations.yaml', 'utf8');
    const dialog = codebook().codes.find((c) => c.labels['zh-Hant'] === '對話' || c.labels['zh-Hans'] === '对话')!;
    assert.deepEqual(dialog.labels, { 'zh-Hans': '对话', 'zh-Hant': '對話' });
    assert.ok(sidecar.includes(`codes: [${dialog.id}]`), sidecar);
    assert.ok(/tags: \[对话, 紅線\]/.test(sidecar), 'the tags are kept');
  });

  it('Export to REFI-QDA (.qdpx, .qdc) and Import back into another folder', async () => {
    const out = vscode.Uri.file(path.join(folder, 'codes-export.qdpx'));
    const p = prompt({});
    p.saveTo = out;
    const r = (await vscode.commands.executeCommand('corpusLens.codes.export', 'qdpx')) as { summary: string };
    assert.match(r.summary, /coded segments/);
    assert.ok(readFileSync(out.fsPath).length > 100);
    p.saveTo = vscode.Uri.file(path.join(folder, 'codes-export.qdc'));
    await vscode.commands.executeCommand('corpusLens.codes.export', 'qdc');
    assert.match(readFileSync(p.saveTo.fsPath, 'utf8'), /<CodeBook xmlns="urn:QDA-XML:codebook:1.0"/);
    // Import into the same workspace: nothing is added twice.
    const again = (await vscode.commands.executeCommand('corpusLens.codes.import', out)) as { summary: string; problems: string[] };
    assert.match(again.summary, /^0 new codes, 0 new documents, 0 coded segments/);
    rmSync(out.fsPath, { force: true });
    rmSync(p.saveTo.fsPath, { force: true });
    mkdirSync(path.join(folder, 'imported'), { recursive: true });
  });

  it('the Codes view shows counts', async () => {
    await vscode.commands.executeCommand('corpusLens.codes.focus');
    await waitFor('the codes tree', () => true);
  });
});
