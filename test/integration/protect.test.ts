// Sources are evidence: corpus documents open read-only, reveals do not select, edits keep what the analyst does
// not change, pickers put matches before free text, highlights follow several files changing on disk at once,
// and variant characters fold (Add to Knowledge Base offers "add as a name" of the existing entity).
import * as assert from 'node:assert/strict';
import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { parse, stringify } from 'yaml';
import * as vscode from 'vscode';
import type { CorpusLensApi } from '../../src/extension/extension';
import type { InputStep, PickStep } from '../../src/extension/prompter';
import { AnnotationsTree } from '../../src/extension/features/annotate/tree';
import { ScriptedPrompter, enter, keep, option, rowsFor, typed, value } from './prompter';
import { EXTENSION_ID, waitFor } from './util';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('protection of sources and evidence', function () {
  this.timeout(90_000);
  let api: CorpusLensApi;
  let folder: vscode.Uri;
  const created: vscode.Uri[] = [];
  const text = '美国国务院发言人约翰·柯比说，北约东扩不是威胁。\n普京表示，北约东扩是红线。\n拜登回应称，美国不会让步。\n';
  const quote = '北约东扩是红线';
  let docUri: vscode.Uri;
  let other: vscode.Uri;
  let annotationId: string;

  const make = (name: string, content: string) => {
    const uri = vscode.Uri.joinPath(folder, name);
    writeFileSync(uri.fsPath, content);
    created.push(uri, vscode.Uri.file(uri.fsPath + '.annotations.yaml'));
    return uri;
  };
  const sidecar = () => docUri.fsPath + '.annotations.yaml';

  before(async () => {
    const extension = vscode.extensions.getExtension<CorpusLensApi>(EXTENSION_ID);
    assert.ok(extension);
    api = await extension.activate();
    folder = vscode.workspace.workspaceFolders![0]!.uri;
    docUri = make('protect-evidence.txt', text);
    other = make('protect-other.txt', '其他文件。\n');
    await api.services.annotations.ready;
    await waitFor('the document in the index', () => api.services.corpus.index.document(docUri.toString()), 20_000);
  });

  after(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    for (const uri of created) rmSync(uri.fsPath, { force: true });
  });

  it('Add Claim: typed pinyin (baideng) or an alias (北约东扩) picks the entity or topic; the free-text row comes after the matches', async () => {
    const doc = await vscode.workspace.openTextDocument(docUri);
    const editor = await vscode.window.showTextDocument(doc);
    const start = doc.getText().indexOf(quote);
    editor.selection = new vscode.Selection(doc.positionAt(start), doc.positionAt(start + quote.length));
    const prompter = new ScriptedPrompter({
      claim: [keep],
      stance: [value('oppose')],
      intensity: [enter],
      about: [typed('北约东扩')],
      holder: [typed('pujing')],
      confidence: [enter],
      tags: [value('red-line')],
      note: [keep],
    });
    api.scriptPrompts(prompter);
    await vscode.commands.executeCommand('corpusLens.addClaim');
    const holderStep = prompter.steps.get('holder')!;
    const aboutStep = prompter.steps.get('about')!;
    for (const [step, query, want] of [
      [holderStep, 'baideng', { entity: 'person/joe-biden' }],
      [holderStep, 'pujing', { entity: 'person/vladimir-putin' }],
      [holderStep, 'pj', { entity: 'person/vladimir-putin' }],
      // the event entity 北约东扩 (mentioned in the passage) and the topic whose label and keyword it is
      [aboutStep, '北约东扩', { entity: 'event/nato-enlargement' }],
    ] as const) {
      const rows = rowsFor(step, query);
      assert.deepEqual(rows[0], want, `${step.id} "${query}": ${JSON.stringify(rows.slice(0, 3))}`);
      if (step === aboutStep) assert.deepEqual(rows[1], { topic: 'nato-enlargement' }, JSON.stringify(rows.slice(0, 3)));
      const free = rows.findIndex((r) => typeof r === 'object' && r !== null && 'freeText' in r);
      assert.ok(free > 0, `${step.id} "${query}": the free-text row (at ${free}) after the matches`);
    }
    // A name the knowledge base does not have is free text at once (not a typo match of a known name).
    assert.deepEqual(typed('John Kirby')(holderStep), { text: 'John Kirby' });
    const a = (parse(readFileSync(sidecar(), 'utf8')) as { annotations: Array<Record<string, unknown>> }).annotations[0]!;
    annotationId = a.id as string;
    assert.deepEqual(a.about, { entity: 'event/nato-enlargement' });
    assert.deepEqual(a.holder, { entity: 'person/vladimir-putin' });
  });

  it('a document opened from the Annotations view is read-only: type and Delete change nothing; the passage is not selected', async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    const tree = new AnnotationsTree(api.services, api.services.annotations, { view: false });
    try {
      tree.refresh();
      const node = tree.node({ docPath: docUri.toString(), id: annotationId });
      assert.ok(node, 'the annotation is in the tree');
      const command = tree.getTreeItem(node).command!;
      await vscode.commands.executeCommand(command.command, ...(command.arguments ?? []));
    } finally {
      tree.dispose();
    }
    const editor = vscode.window.activeTextEditor!;
    assert.equal(editor.document.uri.toString(), docUri.toString());
    const start = text.indexOf(quote);
    assert.ok(editor.selection.isEmpty, 'nothing selected');
    assert.equal(editor.document.offsetAt(editor.selection.active), start, 'the cursor at the start of the passage');
    const tryToEdit = async () => {
      await vscode.commands.executeCommand('type', { text: 'X' });
      await vscode.commands.executeCommand('deleteLeft');
      await vscode.commands.executeCommand('deleteRight');
      editor.selection = new vscode.Selection(editor.document.positionAt(start), editor.document.positionAt(start + quote.length));
      await vscode.commands.executeCommand('deleteRight');
      await vscode.commands.executeCommand('type', { text: 'Y' });
      await vscode.commands.executeCommand('editor.action.clipboardCutAction');
      await vscode.commands.executeCommand('deleteWordLeft');
      await sleep(300);
    };
    await tryToEdit();
    assert.equal(editor.document.getText(), text);
    assert.equal(editor.document.isDirty, false);
    assert.equal(readFileSync(docUri.fsPath, 'utf8'), text, 'the file on disk is unchanged');

    // Another tab and back: still read-only.
    await vscode.window.showTextDocument(other);
    const back = await vscode.window.showTextDocument(docUri);
    await sleep(300);
    await vscode.commands.executeCommand('type', { text: 'W' });
    assert.equal(back.document.getText(), text, 'still read-only after a tab switch');
  });

  it('Make This Document Editable lets the analyst edit on purpose; Make This Document Read-Only locks it again', async () => {
    const editor = await vscode.window.showTextDocument(docUri);
    await vscode.commands.executeCommand('corpusLens.makeDocumentEditable');
    editor.selection = new vscode.Selection(new vscode.Position(0, 0), new vscode.Position(0, 0));
    await vscode.commands.executeCommand('type', { text: 'E' });
    await waitFor('the typed character', () => editor.document.getText().startsWith('E'));
    assert.ok(editor.document.isDirty);
    await vscode.commands.executeCommand('undo');
    await waitFor(`the undo (${JSON.stringify(editor.document.getText().slice(0, 12))})`, () => editor.document.getText() === text && !editor.document.isDirty);
    // Editable survives a tab switch until locked again.
    await vscode.window.showTextDocument(other);
    const back = await vscode.window.showTextDocument(docUri);
    await sleep(300);
    assert.ok(await back.edit((e) => e.insert(new vscode.Position(0, 0), 'F')), 'still editable after a tab switch');
    await vscode.commands.executeCommand('undo');
    await waitFor(`the undo (${JSON.stringify(back.document.getText().slice(0, 12))})`, () => back.document.getText() === text && !back.document.isDirty);
    await vscode.commands.executeCommand('corpusLens.makeDocumentReadOnly');
    await vscode.commands.executeCommand('type', { text: 'G' });
    await sleep(300);
    assert.equal(back.document.getText(), text, 'read-only again');
    assert.equal(readFileSync(docUri.fsPath, 'utf8'), text);
  });

  it('Go to Annotation and Next Annotation put the cursor at the passage without selecting it', async () => {
    const editor = await vscode.window.showTextDocument(docUri);
    editor.selection = new vscode.Selection(new vscode.Position(0, 0), new vscode.Position(0, 0));
    await vscode.commands.executeCommand('corpusLens.nextAnnotation');
    assert.ok(editor.selection.isEmpty);
    assert.equal(editor.document.offsetAt(editor.selection.active), text.indexOf(quote));
    await vscode.commands.executeCommand('corpusLens.annotations.reveal', { docPath: docUri.toString(), id: annotationId });
    const active = vscode.window.activeTextEditor!;
    assert.ok(active.selection.isEmpty);
    assert.equal(active.document.offsetAt(active.selection.active), text.indexOf(quote));
  });

  it('Edit Annotation with Enter at every step keeps every field: a free-text holder, a proposition, no confidence, tags with separators, a note', async () => {
    // Hand-edited values the pickers do not list: the edit must keep them as they are.
    const file = sidecar();
    const yaml = parse(readFileSync(file, 'utf8')) as { annotations: Array<Record<string, unknown>> };
    const a = yaml.annotations[0]!;
    a.holder = { text: 'John Kirby' };
    a.about = { proposition: 'NATO enlargement is not a threat' };
    a.stance = { polarity: 'oppose' };
    a.attribution = 'reported';
    a.when = '2022-01';
    delete a.confidence;
    a.tags = ['美、俄', 'red-line'];
    a.note = 'first line\nsecond line ';
    writeFileSync(file, stringify(yaml, { lineWidth: 0 }));
    await waitFor('the hand edit loaded', () => {
      const r = api.services.annotations.store.find(docUri.toString(), annotationId);
      return r && 'text' in (r.annotation.holder ?? {}) && r.annotation.confidence === undefined;
    }, 20_000);
    const written = readFileSync(file, 'utf8');
    const prompter = new ScriptedPrompter({
      claim: [keep],
      stance: [enter],
      intensity: [enter],
      about: [enter],
      holder: [enter],
      attribution: [enter],
      when: [keep],
      confidence: [enter],
      tags: [keep],
      note: [keep],
    });
    api.scriptPrompts(prompter);
    await vscode.commands.executeCommand('corpusLens.editAnnotation', { docPath: docUri.toString(), id: annotationId });
    assert.deepEqual(prompter.notices, [{ kind: 'status', text: `Annotation ${annotationId}: nothing changed` }]);
    assert.equal(readFileSync(file, 'utf8'), written, 'the sidecar is byte-identical');
    // The current value is offered first in each picker (Enter keeps it even when the list would not show it).
    assert.deepEqual(prompter.offered.get('holder')![0]!.value, { text: 'John Kirby' });
    assert.deepEqual(prompter.offered.get('about')![0]!.value, { proposition: 'NATO enlargement is not a threat' });
    assert.equal(prompter.offered.get('confidence')!.some((o) => o.value === null), true, '"not specified" offered');

    // Changing one field changes that field only.
    const one = new ScriptedPrompter({
      claim: [keep],
      stance: [enter],
      intensity: [enter],
      about: [enter],
      holder: [enter],
      attribution: [enter],
      when: [keep],
      confidence: [option((v) => v === 'low')],
      tags: [keep],
      note: [keep],
    });
    api.scriptPrompts(one);
    await vscode.commands.executeCommand('corpusLens.editAnnotation', { docPath: docUri.toString(), id: annotationId });
    const after = (parse(readFileSync(file, 'utf8')) as { annotations: Array<Record<string, unknown>> }).annotations[0]!;
    assert.equal(after.confidence, 'low');
    for (const key of ['claim', 'stance', 'about', 'holder', 'attribution', 'when', 'tags', 'note']) assert.deepEqual(after[key], a[key], key);
    assert.match((one.steps.get('note') as InputStep).value ?? '', /first line\\nsecond line/);
    assert.ok((one.steps.get('holder') as PickStep<unknown>).options.length > 1);
  });

  it('highlights and claims refresh in every open document when several change on disk at once (a git pull)', async () => {
    const uris = [0, 1, 2].map((i) => make(`protect-pull-${i}.txt`, `第${i}篇：普京。\n`));
    for (const uri of uris) await waitFor('indexed', () => api.services.corpus.index.document(uri.toString()), 20_000);
    await vscode.window.showTextDocument(uris[0]!, { viewColumn: vscode.ViewColumn.One });
    await vscode.window.showTextDocument(uris[1]!, { viewColumn: vscode.ViewColumn.Two });
    await vscode.window.showTextDocument(uris[2]!, { viewColumn: vscode.ViewColumn.Three });
    const updated = new Set<string>();
    const subscription = api.services.documents.onDidUpdate((doc) => updated.add(doc.uri.toString()));
    try {
      for (const [i, uri] of uris.entries()) writeFileSync(uri.fsPath, `第${i}篇：拜登会见普京。\n`);
      await waitFor('every open document reloaded', () => vscode.workspace.textDocuments.filter((d) => uris.some((u) => u.toString() === d.uri.toString())).every((d) => d.getText().includes('拜登')), 20_000);
      await waitFor(`an update for each of the three documents (got ${[...updated].join(', ')})`, () => uris.every((u) => updated.has(u.toString())), 10_000);
      for (const editor of vscode.window.visibleTextEditors.filter((e) => uris.some((u) => u.toString() === e.document.uri.toString()))) {
        const ids = api.services.documents.get(editor.document).entities.map((m) => m.entityId);
        assert.ok(ids.includes('person/joe-biden'), `${editor.document.uri.path}: ${ids.join(' ')}`);
      }
    } finally {
      subscription.dispose();
      await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    }
  });

  it('variant characters: 楊潔箎 is recognised as Yang Jiechi; Add to Knowledge Base offers another name of an existing entity instead of a -2 entry', async () => {
    const variantDoc = make('protect-variant.txt', '外長楊潔箎表示，杨洁池也出席。\n');
    const doc = await vscode.workspace.openTextDocument(variantDoc);
    await vscode.window.showTextDocument(doc);
    const found = api.services.documents.get(doc).entities.find((m) => m.text === '楊潔箎');
    assert.equal(found?.entityId, 'person/yang-jiechi');
    const knowledgeFile = vscode.Uri.joinPath(folder, '.corpus-lens', 'knowledge.yaml').fsPath;
    const before = existsSync(knowledgeFile) ? readFileSync(knowledgeFile, 'utf8') : undefined;
    const prompter = new ScriptedPrompter({
      kbName: [value('杨洁池')],
      kbType: [option((v) => v === 'person')],
      kbEnglish: [value('Yang Jiechi')],
      kbWikidata: [value('')],
      kbExisting: [enter],
    });
    const scripted = api.scriptPrompts(prompter);
    try {
      const validate = (s: InputStep) => s.validate!;
      await vscode.commands.executeCommand('corpusLens.addToKnowledgeBase', { text: '杨洁池', type: 'person' });
      assert.match(validate(prompter.steps.get('kbName') as InputStep)('楊潔箎') ?? '', /Already in the knowledge base: Yang Jiechi \(person\/yang-jiechi\)/);
      const offered = prompter.offered.get('kbExisting')!;
      assert.equal(offered[0]!.value, 'person/yang-jiechi');
      assert.match(offered[0]!.label, /as a name of Yang Jiechi/);
      assert.equal(offered[offered.length - 1]!.value, null, 'creating a new entity comes last');
      assert.match(offered[offered.length - 1]!.description ?? '', /person\/yang-jiechi-2/);
      const entities = (parse(readFileSync(knowledgeFile, 'utf8')) as { entities: Array<Record<string, unknown>> }).entities;
      assert.deepEqual(entities[entities.length - 1], { extend: 'person/yang-jiechi', aliases: ['杨洁池'] });
      assert.ok(!api.services.knowledge.kb.get('person/yang-jiechi-2'));
      await waitFor('杨洁池 recognised as Yang Jiechi', () => api.services.documents.get(doc).entities.some((m) => m.text === '杨洁池' && m.entityId === 'person/yang-jiechi' && m.confirmed), 20_000);
    } finally {
      scripted.dispose();
      if (before === undefined) rmSync(knowledgeFile, { force: true });
      else writeFileSync(knowledgeFile, before);
      await waitFor('the knowledge file restored', () => !api.services.knowledge.kb.get('person/yang-jiechi')?.aliases.includes('杨洁池'), 20_000);
    }
  });
});
