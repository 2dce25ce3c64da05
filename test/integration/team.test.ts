// Several analysts in a real extension host: the agreement report, the comparison and adjudication commands,
// and the analyst filter of the Annotations view, through the real commands with a scripted prompter.
import * as assert from 'node:assert/strict';
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { parse } from 'yaml';
import * as vscode from 'vscode';
import type { AgreementReport } from '../../src/core/agreement';
import type { CorpusLensApi } from '../../src/extension/extension';
import { AnnotationsTree } from '../../src/extension/features/annotate/tree';
import type { ComparisonTarget } from '../../src/extension/features/team/index';
import { ScriptedPrompter, option, value } from './prompter';
import { EXTENSION_ID, waitFor } from './util';
import type { Annotation } from '../../src/core/annotations/schema';

type Stored = Annotation;

describe('team: several analysts', function () {
  this.timeout(60_000);
  let api: CorpusLensApi;
  let docUri: vscode.Uri;
  let docPath: string;
  let sidecar: string;
  // Four sentences: alice and bob agree on 1 and 3, differ on 2, only alice annotates 4.
  const text = '第一句：俄方表示北约东扩是红线。\n第二句：美方称制裁有效。\n第三句：双方同意继续对话。\n第四句：欧盟呼吁停火。\n';
  const span = (needle: string) => {
    const start = text.indexOf(needle);
    return { start, end: start + needle.length };
  };

  before(async () => {
    const extension = vscode.extensions.getExtension<CorpusLensApi>(EXTENSION_ID);
    assert.ok(extension);
    api = await extension.activate();
    const folder = vscode.workspace.workspaceFolders![0]!.uri;
    docUri = vscode.Uri.joinPath(folder, 'team-two-analysts.txt');
    writeFileSync(docUri.fsPath, text);
    sidecar = docUri.fsPath + '.annotations.yaml';
    docPath = docUri.toString();
    await api.services.annotations.ready;
    const add = (author: string, needle: string, polarity: 'support' | 'oppose' | 'neutral', tags: string[]) =>
      api.services.annotations.add(docPath, { ...span(needle), claim: `${author}: ${needle}`, stance: { polarity }, tags, author });
    await add('alice', '北约东扩是红线', 'oppose', ['red-line']);
    await add('bob', '北约东扩是红线', 'oppose', ['red-line']);
    await add('alice', '制裁有效', 'support', ['sanctions']);
    await add('bob', '制裁有效', 'oppose', ['sanctions']);
    await add('alice', '同意继续对话', 'neutral', []);
    await add('bob', '同意继续对话', 'neutral', []);
    await add('alice', '呼吁停火', 'support', ['ceasefire']);
  });

  after(async () => {
    await api.services.analysts.setMode({ kind: 'all' });
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    rmSync(sidecar, { force: true });
    rmSync(docUri.fsPath, { force: true });
    await api.services.annotations.idle();
  });

  it('Agreement Report: stance over this document — percent 0.5, Cohen kappa by hand (p_e 3/16)', async () => {
    await vscode.window.showTextDocument(docUri);
    const prompter = new ScriptedPrompter({
      agreementBy: [value('stance')],
      agreementDocuments: [option((v) => Array.isArray(v) && v.length === 1 && (v[0] as { docPath: string }).docPath === docPath)],
      agreementAnalysts: [option(() => true)],
    });
    api.scriptPrompts(prompter);
    const report = (await vscode.commands.executeCommand('corpusLens.agreementReport')) as AgreementReport;
    assert.ok(report, 'the command returns the report');
    assert.deepEqual(report.coders, ['alice', 'bob']);
    assert.equal(report.overall.units, 4);
    assert.equal(report.overall.percentAgreement, 0.5);
    // alice: oppose 1, support 2, neutral 1; bob: oppose 2, neutral 1, none 1 -> p_e = (1*2 + 1*1) / 16
    assert.equal(report.overall.cohenKappa!.toFixed(4), ((0.5 - 3 / 16) / (1 - 3 / 16)).toFixed(4));
    assert.ok(report.overall.intervals.percentAgreement, 'a bootstrap interval');
    assert.deepEqual(report.categories.map((c) => c.category), ['neutral', 'oppose', 'support']);
  });

  it('Agreement Report: codes, one code', async () => {
    api.scriptPrompts(new ScriptedPrompter({
      agreementBy: [value('code')],
      agreementDocuments: [option((v) => Array.isArray(v) && v.length === 1 && (v[0] as { docPath: string }).docPath === docPath)],
      agreementAnalysts: [option(() => true)],
      agreementCodes: [option((v) => Array.isArray(v) && v[0] === 'sanctions')],
    }));
    const report = (await vscode.commands.executeCommand('corpusLens.agreementReport')) as AgreementReport;
    assert.deepEqual(report.categories.map((c) => [c.category, c.figures.percentAgreement]), [['sanctions', 1]]);
  });

  it('Compare Analysts + Adjudicate: a curation annotation is added, the originals stay byte-for-byte', async () => {
    const before = readFileSync(sidecar, 'utf8');
    const originals = (parse(before) as { annotations: Stored[] }).annotations;
    const target = (await vscode.commands.executeCommand('corpusLens.compareAnalysts', { docPath, a: 'alice', b: 'bob' })) as ComparisonTarget;
    assert.deepEqual(target, { docPath, a: 'alice', b: 'bob' });
    const id = (await vscode.commands.executeCommand('corpusLens.adjudicatePassage', { docPath, a: 'alice', b: 'bob', passage: 1, decision: 'accept-b' })) as string;
    assert.match(id, /^a-/);
    await api.services.annotations.idle();
    const after = (parse(readFileSync(sidecar, 'utf8')) as { annotations: Stored[] }).annotations;
    const curated = after.find((a) => a.id === id)!;
    assert.equal(curated.author, 'curation');
    assert.equal(curated.stance.polarity, 'oppose');
    assert.equal(curated.curation?.decision, 'accept-b');
    assert.equal(curated.curation?.sources.length, 2);
    for (const o of originals) assert.deepEqual(after.find((a) => a.id === o.id), o, `original ${o.id} unchanged`);
    // The curator is not an analyst of the agreement.
    await vscode.window.showTextDocument(docUri);
    api.scriptPrompts(new ScriptedPrompter({
      agreementBy: [value('stance')],
      agreementDocuments: [option((v) => Array.isArray(v) && v.length === 1 && (v[0] as { docPath: string }).docPath === docPath)],
      agreementAnalysts: [option(() => true)],
    }));
    const report = (await vscode.commands.executeCommand('corpusLens.agreementReport')) as AgreementReport;
    assert.deepEqual(report.coders, ['alice', 'bob']);
    // Disagreement on the passage only alice annotated.
    const disputed = (await vscode.commands.executeCommand('corpusLens.adjudicatePassage', { docPath, a: 'alice', b: 'bob', passage: 3, decision: 'disagreement' })) as string;
    await api.services.annotations.idle();
    const d = (parse(readFileSync(sidecar, 'utf8')) as { annotations: Array<Stored & { note?: string }> }).annotations.find((a) => a.id === disputed)!;
    assert.equal(d.curation?.decision, 'disagreement');
    assert.match(d.note ?? '', /^Disputed\.\nalice: support/);
  });

  it('Show Annotations Of: only one analyst, differences; the tree and the view description follow', async () => {
    const tree = new AnnotationsTree(api.services, api.services.annotations, { view: false });
    try {
      const ids = () => {
        tree.refresh();
        return tree
          .getChildren()
          .flatMap((g) => tree.getChildren(g))
          .filter((n): n is Extract<typeof n, { kind: 'annotation' }> => n.kind === 'annotation' && n.docPath === docPath)
          .map((n) => n.resolved.annotation.author);
      };
      api.scriptPrompts(new ScriptedPrompter({ analystMode: [option((v) => (v as { kind: string; author?: string }).author === 'bob')] }));
      await vscode.commands.executeCommand('corpusLens.showAnalysts');
      assert.deepEqual([...new Set(ids())], ['bob']);
      api.scriptPrompts(new ScriptedPrompter({ analystMode: [option((v) => (v as { kind: string }).kind === 'differences')] }));
      await vscode.commands.executeCommand('corpusLens.showAnalysts');
      // Passages 2 (support/oppose) and 4 (alice only) differ; the curator's annotations are not an analyst's.
      const shown = ids();
      assert.equal(shown.filter((a) => a === 'alice').length, 2);
      assert.equal(shown.filter((a) => a === 'bob').length, 1);
      await vscode.commands.executeCommand('corpusLens.annotations.clearFilter');
      await waitFor('mode reset by Clear Filter', () => api.services.analysts.mode.kind === 'all');
    } finally {
      tree.dispose();
    }
  });

  it('a document with one analyst only: the report says so and opens nothing', async () => {
    rmSync(sidecar, { force: true });
    await waitFor('sidecar removal seen', () => !api.services.annotations.get(docPath)?.annotations.length);
    await api.services.annotations.add(docPath, { ...span('北约东扩是红线'), claim: 'alice alone', stance: { polarity: 'oppose' }, author: 'alice' });
    await vscode.window.showTextDocument(docUri);
    const prompter = new ScriptedPrompter({
      agreementBy: [value('stance')],
      agreementDocuments: [option((v) => Array.isArray(v) && v.length === 1 && (v[0] as { docPath: string }).docPath === docPath)],
    });
    api.scriptPrompts(prompter);
    const report = await vscode.commands.executeCommand('corpusLens.agreementReport');
    assert.equal(report, undefined);
    assert.match(prompter.notices.at(-1)?.text ?? '', /at least two analysts; this document has only alice's/);
    assert.ok(!prompter.asked.some((a) => a.id === 'agreementAnalysts'), 'no analyst step');
  });
});
