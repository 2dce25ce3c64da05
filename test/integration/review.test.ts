// Review of changes the analyst did not decide, inside a real extension host: a re-anchoring after an outside edit
// (accept the new passage / re-attach to a selection, through the quick fixes and commands), and a sidecar left
// with git conflict markers (the "merge conflict" problem, Keep Both Sides, Keep This Version).
import * as assert from 'node:assert/strict';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { parse } from 'yaml';
import * as vscode from 'vscode';
import type { CorpusLensApi } from '../../src/extension/extension';
import { AnnotationsTree } from '../../src/extension/features/annotate/tree';
import { ScriptedPrompter } from './prompter';
import { EXTENSION_ID, waitFor } from './util';
import type { Annotation } from '../../src/core/annotations/schema';

type Item = Annotation;

const quoteOf = (a: Item) => a.target.selector.find((s) => s.type === 'TextQuoteSelector')!.exact!;

/** The quick fixes at the start of a diagnostic (as the light bulb there shows them). */
async function codeActions(uri: vscode.Uri, range: vscode.Range): Promise<vscode.CodeAction[]> {
  const at = new vscode.Range(range.start, range.start.translate(0, 1));
  return (await vscode.commands.executeCommand<vscode.CodeAction[]>('vscode.executeCodeActionProvider', uri, at)) ?? [];
}

async function run(action: vscode.CodeAction | undefined): Promise<void> {
  assert.ok(action?.command, 'the quick fix is offered');
  await vscode.commands.executeCommand(action.command.command, ...(action.command.arguments ?? []));
}

describe('annotation review', function () {
  this.timeout(60_000);
  let api: CorpusLensApi;
  let folder: vscode.Uri;

  before(async () => {
    const extension = vscode.extensions.getExtension<CorpusLensApi>(EXTENSION_ID);
    assert.ok(extension);
    api = await extension.activate();
    folder = vscode.workspace.workspaceFolders![0]!.uri;
    await api.services.annotations.ready;
  });

  it('an outside edit that changes a quote: kept, flagged for review, accepted or re-attached through the commands', async () => {
    const original = '分析人士認為，兩國爆發戰爭的可能性為零。但是邊境的緊張局勢仍在持續，雙方都在增兵。外交部長表示願意對話，並且強調談判的大門始終敞開。\n';
    const docUri = vscode.Uri.joinPath(folder, 'review-reanchor.txt');
    const docPath = docUri.toString();
    const sidecar = docUri.fsPath + '.annotations.yaml';
    writeFileSync(docUri.fsPath, original);
    const annotations = api.services.annotations;
    api.scriptPrompts(new ScriptedPrompter({}));
    await annotations.ensureLoaded(docPath);
    const q1 = '兩國爆發戰爭的可能性為零';
    const q2 = '談判的大門始終敞開';
    const first = await annotations.add(docPath, { start: original.indexOf(q1), end: original.indexOf(q1) + q1.length, claim: 'war is ruled out', stance: { polarity: 'oppose' } });
    const second = await annotations.add(docPath, { start: original.indexOf(q2), end: original.indexOf(q2) + q2.length, claim: 'talks remain open', stance: { polarity: 'support' } });
    const read = () => new Map(((parse(readFileSync(sidecar, 'utf8')) as { annotations: Item[] }).annotations ?? []).map((a) => [a.id, a]));
    assert.equal(read().size, 2);

    // Outside the editor, the document is revised: both quoted passages change.
    const edited = original.replace('可能性為零', '可能性').replace('大門始終敞開', '大門仍然敞開');
    writeFileSync(docUri.fsPath, edited);
    await waitFor('the re-anchorings to be written for review', () => [...read().values()].every((a) => a.reanchored));
    const one = read().get(first.id!)!;
    assert.equal(quoteOf(one), q1, 'the original quote is kept');
    assert.equal(one.reanchored!.exact, '兩國爆發戰爭的可能性');
    assert.equal(quoteOf(read().get(second.id!)!), q2);

    // Listed in the Problems panel (on the document) and the Annotations tree.
    const diagnostics = await waitFor('review diagnostics', () => {
      const d = vscode.languages.getDiagnostics(docUri).filter((x) => x.code === 'reanchored-annotation');
      return d.length === 2 ? d : undefined;
    });
    const mine = diagnostics.find((d) => d.message.includes(first.id!))!;
    assert.match(mine.message, /annotated “兩國爆發戰爭的可能性為零”, now “兩國爆發戰爭的可能性”/);
    const tree = new AnnotationsTree(api.services, annotations, { view: false });
    try {
      const items = tree
        .getChildren()
        .flatMap((g) => tree.getChildren(g))
        .map((n) => tree.getTreeItem(n))
        .filter((i) => i.id?.startsWith(docPath));
      assert.deepEqual(items.map((i) => i.contextValue), ['annotation.reanchored', 'annotation.reanchored']);
      assert.ok(items.every((i) => String(i.description).startsWith('re-anchored, to review: now “')), items.map((i) => i.description).join(' | '));
    } finally {
      tree.dispose();
    }

    // Accept the new passage through the quick fix on the problem.
    const doc = await vscode.workspace.openTextDocument(docUri);
    const editor = await vscode.window.showTextDocument(doc);
    const current = await waitFor('the review diagnostic on the open document', () => vscode.languages.getDiagnostics(docUri).find((d) => d.code === 'reanchored-annotation' && d.message.includes(first.id!)));
    const actions = await codeActions(docUri, current.range);
    // (The command returns the actions without their diagnostics: only this one is at the position.)
    const titles = actions.map((a) => a.title);
    assert.deepEqual(titles, ['Accept the New Passage', 'Re-attach Annotation to Selection'], `actions: ${JSON.stringify(actions.map((a) => [a.title, a.diagnostics?.map((d) => d.message)]))}; diagnostics: ${JSON.stringify(vscode.languages.getDiagnostics(docUri).map((d) => [d.code, d.range, d.message]))}`);
    await run(actions.find((a) => a.title === 'Accept the New Passage'));
    const accepted = read().get(first.id!)!;
    assert.equal(quoteOf(accepted), '兩國爆發戰爭的可能性');
    assert.equal(accepted.reanchored, undefined);

    // Re-attach the other one to a selection (the analyst picks the right passage).
    const target = '談判的大門仍然敞開';
    const at = doc.getText().indexOf(target);
    editor.selection = new vscode.Selection(doc.positionAt(at), doc.positionAt(at + target.length));
    await vscode.commands.executeCommand('corpusLens.reattachAnnotation', { docPath, id: second.id });
    const reattached = read().get(second.id!)!;
    assert.equal(quoteOf(reattached), target);
    assert.equal(reattached.reanchored, undefined);
    await waitFor('the review problems to go', () => !vscode.languages.getDiagnostics(docUri).some((x) => x.code === 'reanchored-annotation'));
    // Undo brings the review back (the original quote is still there to decide on).
    await vscode.commands.executeCommand('corpusLens.undoAnnotationChange');
    assert.equal(quoteOf(read().get(second.id!)!), q2);
    assert.ok(read().get(second.id!)!.reanchored);
  });

  it('a sidecar with git conflict markers: "merge conflict" with its lines, never overwritten; Keep Both Sides, then Keep This Version', async () => {
    const text = 'Beijing opposes unilateral sanctions. Moscow calls for talks. Washington weighs new measures.\n';
    const docUri = vscode.Uri.joinPath(folder, 'review-merge.txt');
    const docPath = docUri.toString();
    writeFileSync(docUri.fsPath, text);
    const sidecarUri = vscode.Uri.file(docUri.fsPath + '.annotations.yaml');
    const item = (id: string, quote: string, claim: string) => {
      const start = text.indexOf(quote);
      return [
        `  - id: ${id}`,
        '    target:',
        '      selector:',
        `        - {type: TextQuoteSelector, exact: "${quote}", prefix: "", suffix: ""}`,
        `        - {type: TextPositionSelector, start: ${start}, end: ${start + quote.length}}`,
        `    claim: "${claim}"`,
        '    stance: {polarity: oppose}',
        '    author: A',
        '    modified: "2026-11-02T00:00:00Z"',
        '    created: "2026-11-01T00:00:00Z"',
      ];
    };
    const conflicted = [
      'schema: corpus-lens/annotations@1',
      'document:',
      '  path: review-merge.txt',
      'annotations:',
      '<<<<<<< HEAD',
      ...item('a-merge001', 'opposes unilateral sanctions', 'ours: China rejects sanctions'),
      '=======',
      ...item('a-merge001', 'opposes unilateral sanctions', 'theirs: China condemns sanctions'),
      ...item('a-merge002', 'calls for talks', 'Russia wants talks'),
      '>>>>>>> analyst-b',
      '',
    ].join('\n');
    writeFileSync(sidecarUri.fsPath, conflicted);
    api.scriptPrompts(new ScriptedPrompter({}));
    await api.services.annotations.ensureLoaded(docPath);
    const problem = await waitFor('the merge conflict problem', () => vscode.languages.getDiagnostics(sidecarUri).find((d) => d.code === 'merge-conflict'));
    assert.equal(problem.severity, vscode.DiagnosticSeverity.Error);
    assert.equal(problem.range.start.line, 4);
    assert.match(problem.message, /^merge conflict between HEAD and analyst-b, lines 5–37 \(<<<<<<< line 5, ======= line 16, >>>>>>> line 37\)/);
    // Read-only until resolved: nothing is written over it.
    assert.throws(() => api.services.annotations.assertWritable(docPath), /left untouched/);
    const doc = await vscode.workspace.openTextDocument(docUri);
    const editor = await vscode.window.showTextDocument(doc);
    editor.selection = new vscode.Selection(doc.positionAt(0), doc.positionAt(7));
    await vscode.commands.executeCommand('corpusLens.addClaim');
    assert.equal(readFileSync(sidecarUri.fsPath, 'utf8'), conflicted);

    await vscode.workspace.openTextDocument(sidecarUri); // code actions are asked of open documents
    const actions = await codeActions(sidecarUri, problem.range);
    await run(actions.find((a) => a.title === 'Keep Both Sides (merge the annotations by id)'));
    const merged = readFileSync(sidecarUri.fsPath, 'utf8');
    assert.ok(!merged.includes('<<<<<<<'), merged);
    const items = (parse(merged) as { annotations: Item[] }).annotations;
    assert.deepEqual(items.map((a) => [a.id, a.claim, a.conflict?.side]), [
      ['a-merge001', 'ours: China rejects sanctions', 'ours'],
      ['a-merge001.2', 'theirs: China condemns sanctions', 'theirs'],
      ['a-merge002', 'Russia wants talks', undefined],
    ]);
    await waitFor('the merge conflict problem to go', () => !vscode.languages.getDiagnostics(sidecarUri).some((d) => d.code === 'merge-conflict'));
    const version = await waitFor('the two versions on the document', () => {
      const d = vscode.languages.getDiagnostics(docUri).filter((x) => x.code === 'annotation-merge-conflict');
      return d.length === 2 ? d.find((x) => x.message.includes('a-merge001.2')) : undefined;
    });
    const versionActions = await codeActions(docUri, version.range);
    const keep = versionActions.find((a) => a.title === 'Keep This Version (a-merge001.2)');
    assert.ok(keep, JSON.stringify(versionActions.map((a) => a.title)));
    await run(keep);
    const resolved = (parse(readFileSync(sidecarUri.fsPath, 'utf8')) as { annotations: Item[] }).annotations;
    assert.deepEqual(resolved.map((a) => [a.id, a.claim, a.conflict]), [
      ['a-merge001.2', 'theirs: China condemns sanctions', undefined],
      ['a-merge002', 'Russia wants talks', undefined],
    ]);
    // One undo step brings both versions back.
    await vscode.commands.executeCommand('corpusLens.undoAnnotationChange');
    assert.equal((parse(readFileSync(sidecarUri.fsPath, 'utf8')) as { annotations: Item[] }).annotations.length, 3);
  });

  it('deleting the last annotation removes the sidecar (no annotations: [] file); undo writes it again', async () => {
    const text = 'The summit ended without a joint statement.\n';
    const docUri = vscode.Uri.joinPath(folder, 'review-empty.txt');
    const docPath = docUri.toString();
    writeFileSync(docUri.fsPath, text);
    const sidecar = docUri.fsPath + '.annotations.yaml';
    api.scriptPrompts(new ScriptedPrompter({}));
    await api.services.annotations.ensureLoaded(docPath);
    const m = await api.services.annotations.add(docPath, { start: 11, end: 42, claim: 'no statement', stance: { polarity: 'neutral' } });
    assert.ok(existsSync(sidecar));
    await vscode.commands.executeCommand('corpusLens.deleteAnnotation', { docPath, id: m.id });
    assert.equal(existsSync(sidecar), false, 'the empty sidecar is removed');
    await vscode.commands.executeCommand('corpusLens.undoAnnotationChange');
    assert.ok(existsSync(sidecar));
    assert.equal((parse(readFileSync(sidecar, 'utf8')) as { annotations: Item[] }).annotations[0]!.id, m.id);
  });
});

describe('Set Up Git Merge for Annotations', function () {
  this.timeout(60_000);

  it('writes the .gitattributes line and the git config driver of the extension’s CLI', async function () {
    const { execFileSync } = await import('node:child_process');
    const { rmSync } = await import('node:fs');
    const folder = vscode.workspace.workspaceFolders![0]!.uri.fsPath;
    try {
      execFileSync('git', ['init', '-q'], { cwd: folder });
    } catch {
      this.skip();
    }
    const attributes = `${folder}/.gitattributes`;
    try {
      const extension = vscode.extensions.getExtension<CorpusLensApi>(EXTENSION_ID)!;
      const api = await extension.activate();
      const prompter = new ScriptedPrompter({});
      api.scriptPrompts(prompter);
      await vscode.commands.executeCommand('corpusLens.setUpGitMerge');
      assert.match(readFileSync(attributes, 'utf8'), /^\*\.annotations\.yaml merge=corpus-lens$/m);
      const driver = execFileSync('git', ['config', 'merge.corpus-lens.driver'], { cwd: folder, encoding: 'utf8' }).trim();
      assert.match(driver, /^ELECTRON_RUN_AS_NODE=1 \S+ \S*dist\/cli\.js'? merge-file %O %A %B %P$/);
      assert.equal(prompter.notices[0]?.kind, 'info');
      assert.match(prompter.notices[0]!.text, /\.gitattributes updated \(commit it\)/);
      // The driver command runs (git starts it with sh).
      const help = execFileSync('sh', ['-c', driver.replace(/ merge-file .*$/, ' merge-file --help')], { encoding: 'utf8' });
      assert.match(help, /usage: corpus-lens merge-file/);
      // Coded segment files (*.codes.yaml) go through the same driver.
      assert.match(readFileSync(attributes, 'utf8'), /^\*\.codes\.yaml merge=corpus-lens$/m);
      // Twice: nothing added again (one line for sidecars, one for segment files).
      await vscode.commands.executeCommand('corpusLens.setUpGitMerge');
      assert.equal(readFileSync(attributes, 'utf8').match(/merge=corpus-lens/g)?.length, 2);
    } finally {
      rmSync(`${folder}/.git`, { recursive: true, force: true });
      rmSync(attributes, { force: true });
    }
  });
});
