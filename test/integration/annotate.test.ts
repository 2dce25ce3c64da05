// Annotations end to end inside a real extension host: the real commands, with the quick inputs answered by a
// scripted Prompter (the test seam: `api.scriptPrompts`), asserting the sidecar files on disk.
import * as assert from 'node:assert/strict';
import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { parse } from 'yaml';
import * as vscode from 'vscode';
import type { CorpusLensApi } from '../../src/extension/extension';
import type { InputStep, PickStep } from '../../src/extension/prompter';
import { AnnotationsTree } from '../../src/extension/features/annotate/tree';
import { BACK, ScriptedPrompter, active, keep, option, value } from './prompter';
import { EXTENSION_ID, waitFor } from './util';
import type { Annotation, SidecarFile } from '../../src/core/annotations/schema';

/** A sidecar as read back from disk (parsed as plain YAML: the stored shape, no validation). */
type SidecarJson = Omit<SidecarFile, 'annotations' | 'invalid'> & { annotations: Annotation[] | null };

const cp = (text: string, utf16: number) => [...text.slice(0, utf16)].length;

describe('annotations', function () {
  this.timeout(60_000);
  let api: CorpusLensApi;
  let folder: vscode.Uri;
  const docText = '标题 😀 Emoji line 🌍\n普京表示，北约东扩是红线，俄方不会接受。\n第二段：其他内容。\n';
  const quote = '北约东扩是红线';
  let docUri: vscode.Uri;
  let sidecarFile: string;
  let annotationId: string;

  const readSidecar = (): SidecarJson => parse(readFileSync(sidecarFile, 'utf8')) as SidecarJson;
  const positionOf = (s: SidecarJson, id: string) => s.annotations?.find((a) => a.id === id)?.target.selector.find((x) => x.type === 'TextPositionSelector');

  before(async () => {
    const extension = vscode.extensions.getExtension<CorpusLensApi>(EXTENSION_ID);
    assert.ok(extension);
    api = await extension.activate();
    folder = vscode.workspace.workspaceFolders![0]!.uri;
    docUri = vscode.Uri.joinPath(folder, 'annotate-emoji.txt');
    writeFileSync(docUri.fsPath, docText);
    sidecarFile = docUri.fsPath + '.annotations.yaml';
    await api.services.annotations.ready;
  });

  it('with no annotations: Go to, Next/Previous and Export say so and open no picker', async () => {
    assert.ok(api.services.annotations.states().every((s) => !s.annotations.length), 'precondition: no annotation in the workspace');
    const prompter = new ScriptedPrompter({});
    api.scriptPrompts(prompter);
    // An empty Go to Annotation picker would stay open: the command would not return.
    const settled = await Promise.race([
      vscode.commands.executeCommand('corpusLens.goToAnnotation').then(() => true),
      new Promise<boolean>((resolve) => setTimeout(() => resolve(false), 3000)),
    ]);
    if (!settled) await vscode.commands.executeCommand('workbench.action.closeQuickOpen');
    assert.ok(settled, 'Go to Annotation opened a picker');
    assert.equal(prompter.notices[0]?.kind, 'info');
    assert.match(prompter.notices[0]!.text, /no annotations yet/);

    await vscode.window.showTextDocument(await vscode.workspace.openTextDocument(docUri));
    await vscode.commands.executeCommand('corpusLens.nextAnnotation');
    await vscode.commands.executeCommand('corpusLens.previousAnnotation');
    assert.deepEqual(
      prompter.notices.slice(1).map((n) => [n.kind, n.text]),
      [
        ['status', 'Corpus Lens: no annotations in this document'],
        ['status', 'Corpus Lens: no annotations in this document'],
      ],
    );

    await vscode.commands.executeCommand('corpusLens.exportAnnotations');
    assert.deepEqual(prompter.asked, [], 'no format asked');
    assert.deepEqual(prompter.notices[3], { kind: 'info', text: 'there are no annotations to export.' });
  });

  it('adds a claim through the multi-step input and writes the sidecar at once (code points after emoji)', async () => {
    const doc = await vscode.workspace.openTextDocument(docUri);
    const editor = await vscode.window.showTextDocument(doc);
    const start = doc.getText().indexOf(quote);
    editor.selection = new vscode.Selection(doc.positionAt(start), doc.positionAt(start + quote.length));
    const prompter = new ScriptedPrompter({
      claim: [keep, (s) => `${(s as InputStep).value} (Putin)`],
      // Back once from the stance step: the claim is asked again, with its value kept.
      stance: [value(BACK), value('oppose')],
      intensity: [option((v) => v === -2)],
      about: [(s) => (s as PickStep<unknown>).freeText!.value('NATO enlargement is a threat to Russia')],
      holder: [(s) => (s as PickStep<unknown>).freeText!.value('普京')],
      confidence: [value('high')],
      tags: [value('red-line, security，nato')],
      note: [value('')],
    });
    api.scriptPrompts(prompter);
    await vscode.commands.executeCommand('corpusLens.addClaim');
    assert.deepEqual(
      prompter.asked.map((a) => a.id),
      ['claim', 'stance', 'claim', 'stance', 'intensity', 'about', 'holder', 'confidence', 'tags', 'note'],
    );
    assert.equal(prompter.asked[0]!.value, quote, 'the claim is prefilled with the selection');
    assert.deepEqual(prompter.asked.map((a) => `${a.step}/${a.totalSteps}`).slice(2), ['1/8', '2/8', '3/8', '4/8', '5/8', '6/8', '7/8', '8/8']);
    assert.deepEqual(
      prompter.offered.get('intensity')!.map((o) => o.value),
      [-2, -1, null],
      'intensities consistent with the oppose polarity, plus skip',
    );
    const holders = prompter.offered.get('holder')!.filter((o) => o.suggested).map((o) => JSON.stringify(o.value));
    assert.ok(holders.some((h) => h.includes('"entity"')), `entities of the passage are suggested as holders: ${holders.join(' ')}`);

    assert.ok(existsSync(sidecarFile), 'sidecar written at once');
    const sidecar = readSidecar();
    assert.equal(sidecar.schema, 'corpus-lens/annotations@1');
    assert.equal(sidecar.document.path, 'annotate-emoji.txt');
    assert.match(sidecar.document.sha256 ?? '', /^[0-9a-f]{64}$/);
    assert.equal(sidecar.annotations?.length, 1);
    const a = sidecar.annotations![0]!;
    annotationId = a.id;
    assert.equal(a.claim, `${quote} (Putin)`);
    assert.deepEqual(a.stance, { polarity: 'oppose', intensity: -2 });
    assert.deepEqual(a.about, { proposition: 'NATO enlargement is a threat to Russia' });
    assert.deepEqual(a.holder, { text: '普京' });
    assert.equal(a.confidence, 'high');
    assert.deepEqual(a.tags, ['red-line', 'security', 'nato']);
    assert.equal(a.note, undefined);
    assert.ok(a.author.length > 0);
    const q = a.target.selector.find((s) => s.type === 'TextQuoteSelector');
    assert.equal(q?.exact, quote);
    const p = a.target.selector.find((s) => s.type === 'TextPositionSelector');
    // Two astral emoji before the passage: code points are 2 less than UTF-16 offsets.
    assert.equal(p?.start, cp(docText, start));
    assert.equal(p?.start, start - 2);
    assert.equal(p?.end, p!.start! + [...quote].length);
    const hover = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', docUri, doc.positionAt(start + 2));
    const text = hover.flatMap((h) => h.contents.map((c) => (typeof c === 'string' ? c : 'value' in c ? c.value : ''))).join('\n');
    assert.match(text, /Putin/);
    assert.match(text, /command:corpusLens\.editAnnotation/);
  });

  it('edits a multi-line note through the single-line input (\\n), and an edit that changes nothing writes nothing', async () => {
    const docPath = docUri.toString();
    // A script answers each step once (its lists are consumed): a fresh one per run.
    const unchanged = () => ({
      claim: [keep],
      stance: [active],
      intensity: [active],
      about: [active],
      holder: [active],
      attribution: [active],
      when: [keep],
      confidence: [active],
      tags: [keep],
    });
    // The user types a note with \n for a line break.
    let prompter = new ScriptedPrompter({ ...unchanged(), note: [value('multi\\nline note')] });
    api.scriptPrompts(prompter);
    await vscode.commands.executeCommand('corpusLens.editAnnotation', { docPath, id: annotationId });
    assert.match((prompter.steps.get('note') as InputStep).prompt ?? '', /\\n for a line break/);
    assert.equal(readSidecar().annotations![0]!.note, 'multi\nline note', 'saved with its line break');
    const written = readFileSync(sidecarFile, 'utf8');

    // Edit again, changing nothing: the note is shown with \n (not "multiline note"), and nothing is written.
    prompter = new ScriptedPrompter({ ...unchanged(), note: [keep] });
    api.scriptPrompts(prompter);
    await vscode.commands.executeCommand('corpusLens.editAnnotation', { docPath, id: annotationId });
    assert.equal(prompter.asked.find((a) => a.id === 'note')?.value, 'multi\\nline note');
    assert.equal(readFileSync(sidecarFile, 'utf8'), written, 'the sidecar (and its modified stamp) is untouched');
    assert.deepEqual(prompter.notices, [{ kind: 'status', text: `Annotation ${annotationId}: nothing changed` }]);
    // No undo entry either: undo reverts the note edit, the last real change.
    await vscode.commands.executeCommand('corpusLens.undoAnnotationChange');
    assert.equal(readSidecar().annotations![0]!.note, undefined);
    await vscode.commands.executeCommand('corpusLens.redoAnnotationChange');
    assert.equal(readSidecar().annotations![0]!.note, 'multi\nline note');
  });

  it('a filter that matches nothing shows one item that clears it (not the "No annotations yet" welcome)', async () => {
    const tree = new AnnotationsTree(api.services, api.services.annotations, { view: false });
    try {
      api.scriptPrompts(new ScriptedPrompter({ filterKind: [value('text')], filterText: [value('zzzz')] }));
      await vscode.commands.executeCommand('corpusLens.annotations.filter');
      tree.refresh();
      const children = tree.getChildren();
      assert.equal(children.length, 1);
      const item = tree.getTreeItem(children[0]!);
      assert.equal(item.label, 'No annotation matches the filter — click to clear');
      assert.equal(item.command?.command, 'corpusLens.annotations.clearFilter');
      await vscode.commands.executeCommand(item.command.command, ...(item.command.arguments ?? []));
      tree.refresh();
      const groups = tree.getChildren();
      assert.ok(groups.length > 0 && groups.every((g) => g.kind === 'group'), 'the annotations are back');
    } finally {
      await vscode.commands.executeCommand('corpusLens.annotations.clearFilter');
      tree.dispose();
    }
  });

  it('moves the positions with an edit before the passage, written when the document is saved', async () => {
    const doc = await vscode.workspace.openTextDocument(docUri);
    const editor = await vscode.window.showTextDocument(doc);
    await vscode.commands.executeCommand('corpusLens.makeDocumentEditable'); // corpus documents open read-only
    const before = positionOf(readSidecar(), annotationId)!.start!;
    await editor.edit((e) => e.insert(new vscode.Position(1, 0), '新闻：'));
    assert.equal(positionOf(readSidecar(), annotationId)!.start, before, 'unsaved: the file still describes the saved text');
    const live = api.services.annotations.store.find(doc.uri.toString(), annotationId)!;
    assert.equal(doc.getText().slice(live.start, live.end), quote, 'the live range follows the text');
    await doc.save();
    await waitFor('the sidecar to follow the saved text', () => positionOf(readSidecar(), annotationId)!.start === before + 3);
    const sidecar = readSidecar();
    assert.equal(sidecar.annotations![0]!.target.selector.find((s) => s.type === 'TextQuoteSelector')?.exact, quote);
  });

  it('re-anchors when the document changes on disk', async () => {
    const before = positionOf(readSidecar(), annotationId)!.start!;
    const current = readFileSync(docUri.fsPath, 'utf8');
    writeFileSync(docUri.fsPath, '外部修改的第一行\n' + current);
    await waitFor('the sidecar to be re-anchored', () => positionOf(readSidecar(), annotationId)!.start === before + 9, 20_000);
    const doc = await vscode.workspace.openTextDocument(docUri);
    const r = api.services.annotations.store.find(doc.uri.toString(), annotationId)!;
    assert.equal(r.orphaned, false);
    assert.equal(doc.getText().slice(r.start, r.end), quote);
  });

  it('deletes and undoes: the annotation is restored in the file', async () => {
    // Meanwhile a reader must never find the sidecar missing: each write replaces it atomically (it used to go
    // through workspace.fs.rename with overwrite, which deletes the target first).
    // (A second annotation keeps the file non-empty: a sidecar left without annotations is removed.)
    const docPath = docUri.toString();
    const doc = await vscode.workspace.openTextDocument(docUri);
    const other = doc.getText().indexOf('其他内容');
    const extra = await api.services.annotations.add(docPath, { start: other, end: other + 4, claim: 'other', stance: { polarity: 'neutral' } });
    let vanished = 0;
    const poll = setInterval(() => existsSync(sidecarFile) || vanished++, 1);
    const mine = () => readSidecar().annotations?.filter((a) => a.id === annotationId) ?? [];
    try {
      const original = mine()[0]!;
      await vscode.commands.executeCommand('corpusLens.deleteAnnotation', { docPath, id: annotationId });
      assert.deepEqual(mine(), []);
      await vscode.commands.executeCommand('corpusLens.undoAnnotationChange');
      assert.deepEqual(mine()[0], original);
      await vscode.commands.executeCommand('corpusLens.redoAnnotationChange');
      assert.deepEqual(mine(), []);
      await vscode.commands.executeCommand('corpusLens.undoAnnotationChange');
      assert.deepEqual(mine()[0], original);
    } finally {
      clearInterval(poll);
    }
    assert.equal(vanished, 0, 'the sidecar was missing while it was being rewritten');
    await api.services.annotations.remove(docPath, extra.id!);
    assert.deepEqual(readSidecar().annotations?.map((a) => a.id), [annotationId]);
  });

  it('keeps an annotation whose passage was deleted as an orphan (Problems panel), and re-attaches it', async () => {
    const doc = await vscode.workspace.openTextDocument(docUri);
    const editor = await vscode.window.showTextDocument(doc);
    await vscode.commands.executeCommand('corpusLens.makeDocumentEditable');
    const start = doc.getText().indexOf(quote);
    await editor.edit((e) => e.delete(new vscode.Range(doc.positionAt(start), doc.positionAt(start + quote.length))));
    await doc.save();
    await waitFor('the orphan to be written', () => readSidecar().annotations?.[0]?.orphaned === true);
    await waitFor('an orphan diagnostic on the document', () => vscode.languages.getDiagnostics(docUri).some((d) => d.message.includes(quote)));
    // Going to the orphan (tree item, Go to Annotation) opens its document and explains, instead of jumping.
    await vscode.window.showTextDocument(vscode.Uri.file(sidecarFile)); // another editor in front
    const revealing = new ScriptedPrompter({});
    api.scriptPrompts(revealing);
    await vscode.commands.executeCommand('corpusLens.annotations.reveal', { docPath: docUri.toString(), id: annotationId });
    assert.equal(vscode.window.activeTextEditor?.document.uri.toString(), docUri.toString(), 'the document is open');
    assert.equal(revealing.notices.length, 1);
    const warning = revealing.notices[0]!;
    assert.equal(warning.kind, 'warning');
    assert.match(warning.text, /was not found/);
    assert.match(warning.text, /Re-attach Annotation to Selection/);
    assert.ok(warning.text.includes(quote));
    assert.deepEqual(warning.actions, ['Show in Annotations View']);
    // Re-attach to a new selection.
    const target = doc.getText().indexOf('俄方不会接受');
    const reopened = await vscode.window.showTextDocument(doc);
    reopened.selection = new vscode.Selection(doc.positionAt(target), doc.positionAt(target + 6));
    await vscode.commands.executeCommand('corpusLens.reattachAnnotation', { docPath: docUri.toString(), id: annotationId });
    const a = readSidecar().annotations![0]!;
    assert.equal(a.orphaned, undefined);
    assert.equal(a.target.selector.find((s) => s.type === 'TextQuoteSelector')?.exact, '俄方不会接受');
    await waitFor('the orphan diagnostic to go', () => !vscode.languages.getDiagnostics(docUri).some((d) => d.message.includes(quote)));
  });

  it('follows a revert of unsaved edits (re-reads the sidecar against the saved text)', async () => {
    const doc = await vscode.workspace.openTextDocument(docUri);
    const editor = await vscode.window.showTextDocument(doc);
    const docPath = docUri.toString();
    await vscode.commands.executeCommand('corpusLens.makeDocumentEditable');
    const saved = readFileSync(sidecarFile, 'utf8');
    await editor.edit((e) => e.insert(new vscode.Position(0, 0), '临时插入的文字\n'));
    assert.ok(doc.isDirty);
    await vscode.commands.executeCommand('workbench.action.files.revert');
    await waitFor('the revert', () => !doc.isDirty);
    await waitFor('the range to follow the reverted text', () => {
      const r = api.services.annotations.store.find(docPath, annotationId);
      return r && !r.orphaned && doc.getText().slice(r.start, r.end) === '俄方不会接受';
    });
    assert.equal(readFileSync(sidecarFile, 'utf8'), saved, 'nothing to write after a revert');
  });

  it('sets the reference date in the sidecar and exports all sidecars', async () => {
    const doc = await vscode.workspace.openTextDocument(docUri);
    await vscode.window.showTextDocument(doc);
    api.scriptPrompts(new ScriptedPrompter({ reference: [value('2021-12')] }));
    await vscode.commands.executeCommand('corpusLens.setReferenceDate');
    assert.equal(readSidecar().document.reference, '2021-12');
    assert.equal(api.services.documents.referenceFor(docUri.toString()), '2021-12');
    const out = vscode.Uri.joinPath(folder, 'export-test.jsonl');
    const prompter = new ScriptedPrompter({ format: [value('jsonl')] });
    prompter.saveTo = out;
    api.scriptPrompts(prompter);
    await vscode.commands.executeCommand('corpusLens.exportAnnotations');
    const lines = readFileSync(out.fsPath, 'utf8').trim().split('\n').map((l) => JSON.parse(l) as { document: string; id: string; claim: string });
    assert.ok(lines.some((l) => l.document === 'annotate-emoji.txt' && l.id === annotationId), JSON.stringify(lines).slice(0, 500));
  });

  it('reports a broken sidecar with file:line, refuses to add, and never rewrites it', async () => {
    const brokenDoc = vscode.Uri.joinPath(folder, 'annotate-broken.txt');
    writeFileSync(brokenDoc.fsPath, 'China opposes unilateral sanctions.\n中方反对单边制裁。\n');
    const brokenSidecar = brokenDoc.fsPath + '.annotations.yaml';
    const brokenText = [
      'schema: corpus-lens/annotations@1',
      'document:',
      '  path: annotate-broken.txt',
      'annotations:',
      '  - id: a-aaaaaaaa',
      '    target:',
      '      selector:',
      '        - {type: TextQuoteSelector, exact: "China opposes unilateral sanctions"',
      '    claim: broken flow mapping above',
      '',
    ].join('\n');
    writeFileSync(brokenSidecar, brokenText);
    const doc = await vscode.workspace.openTextDocument(brokenDoc);
    const editor = await vscode.window.showTextDocument(doc);
    const sidecarUri = vscode.Uri.file(brokenSidecar);
    const diagnostics = await waitFor('diagnostics on the broken sidecar', () => {
      const d = vscode.languages.getDiagnostics(sidecarUri);
      return d.length ? d : undefined;
    });
    assert.ok(diagnostics.some((d) => d.severity === vscode.DiagnosticSeverity.Error && /YAML/.test(d.message) && d.range.start.line >= 7), diagnostics.map((d) => `${d.range.start.line + 1}: ${d.message}`).join('\n'));
    editor.selection = new vscode.Selection(new vscode.Position(1, 0), new vscode.Position(1, 4));
    const prompter = new ScriptedPrompter({});
    api.scriptPrompts(prompter);
    await vscode.commands.executeCommand('corpusLens.addClaim');
    assert.deepEqual(prompter.asked, [], 'refused before asking anything');
    assert.throws(() => api.services.annotations.assertWritable(brokenDoc.toString()), /annotate-broken\.txt\.annotations\.yaml:\d+:\d+/);
    await vscode.commands.executeCommand('corpusLens.makeDocumentEditable');
    await editor.edit((e) => e.insert(new vscode.Position(0, 0), 'x'));
    await doc.save();
    await new Promise((resolve) => setTimeout(resolve, 500));
    assert.equal(readFileSync(brokenSidecar, 'utf8'), brokenText, 'the broken sidecar is byte-identical');
  });
});

describe('annotations: the corpus-file watcher', function () {
  this.timeout(60_000);

  it('follows a change of corpusLens.files.include: a document of a newly included kind is re-anchored when it changes on disk', async () => {
    const extension = vscode.extensions.getExtension<CorpusLensApi>(EXTENSION_ID);
    assert.ok(extension);
    const api = await extension.activate();
    await api.services.annotations.ready;
    const folder = vscode.workspace.workspaceFolders![0]!.uri;
    // A kind of file the default include (**/*.txt) leaves out, never opened in an editor: only the watcher made
    // for the new include can tell the sync that it changed (an open document is followed through the editor).
    const docUri = vscode.Uri.joinPath(folder, 'watch-include.note');
    const sidecar = docUri.fsPath + '.annotations.yaml';
    const text = '第一行。\n北约东扩是红线。\n';
    const quote = '北约东扩是红线';
    writeFileSync(docUri.fsPath, text);
    const config = vscode.workspace.getConfiguration('corpusLens');
    await config.update('files.include', '**/*.{txt,note}', vscode.ConfigurationTarget.Workspace);
    try {
      const docPath = docUri.toString();
      const start = text.indexOf(quote);
      const added = await api.services.annotations.add(docPath, { start, end: start + quote.length, claim: 'watched', stance: { polarity: 'neutral' } });
      const position = () => {
        if (!existsSync(sidecar)) return undefined;
        const s = parse(readFileSync(sidecar, 'utf8')) as SidecarJson;
        return s.annotations?.find((a) => a.id === added.id)?.target.selector.find((x) => x.type === 'TextPositionSelector');
      };
      assert.equal(position()?.start, 5, 'written at once, in code points');
      writeFileSync(docUri.fsPath, '外部修改\n' + text);
      await waitFor('the sidecar to be re-anchored', () => position()?.start === 10, 20_000);
      assert.equal(vscode.workspace.textDocuments.some((d) => d.uri.toString() === docPath), false, 'the document was never opened');
      const r = api.services.annotations.store.find(docPath, added.id!)!;
      assert.deepEqual([r.orphaned, r.start, r.end], [false, 10, 10 + quote.length]);
    } finally {
      await config.update('files.include', undefined, vscode.ConfigurationTarget.Workspace);
      rmSync(docUri.fsPath, { force: true });
      rmSync(sidecar, { force: true });
    }
  });
});
