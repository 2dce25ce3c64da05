// Hostile workspace content in the extension host: an alias bomb in the workspace knowledge file when the extension
// activates (scripts/run-integration.mjs puts test/fixtures/hostile/knowledge-bomb.yaml into the workspace before
// VS Code starts), Markdown/HTML/command links in knowledge and annotation text, sidecar document paths that lead
// out of the workspace.
import * as assert from 'node:assert/strict';
import { existsSync, mkdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import * as vscode from 'vscode';
import type { CorpusLensApi } from '../../src/extension/extension';
import { claimCard } from '../../src/extension/features/annotate/display';
import { pathOf } from '../../src/extension/convert';
import type { Services } from '../../src/extension/services/index';
import { EXTENSION_ID, waitFor } from './util';

const PUTIN = 'person/vladimir-putin';
const HOSTILE_TEXT = '[x](command:corpusLens.deleteAnnotation) <img src=x onerror=alert(1)> **bold** $(bug)';

/** The rendered-to-be Markdown shows HOSTILE_TEXT literally: every markup character escaped. */
function assertLiteral(markdown: string): void {
  assert.ok(!markdown.includes('[x](command:'), `a live command link in\n${markdown}`);
  assert.ok(!/(^|[^\\])<img/m.test(markdown), `raw HTML in\n${markdown}`);
  assert.ok(!markdown.includes('**bold**'), `bold markup in\n${markdown}`);
  assert.ok(!markdown.includes(' $(bug)'), `a theme icon in\n${markdown}`);
  assert.ok(markdown.includes('\\[x\\]\\(command\\:corpusLens\\.deleteAnnotation\\) \\<img src\\=x onerror\\=alert\\(1\\)\\> \\*\\*bold\\*\\* \\$\\(bug\\)'), markdown);
}

function markdownOf(hovers: vscode.Hover[]): string {
  return hovers.flatMap((h) => h.contents.map((c) => (typeof c === 'string' ? c : 'value' in c ? c.value : ''))).join('\n---\n');
}

describe('hostile workspace content', () => {
  let services: Services;
  let folder: vscode.Uri;
  const knowledgeFile = () => vscode.Uri.joinPath(folder, '.corpus-lens', 'knowledge.yaml');

  before(async () => {
    const extension = vscode.extensions.getExtension<CorpusLensApi>(EXTENSION_ID);
    assert.ok(extension);
    services = (await extension.activate()).services; // rejects if activate() threw
    folder = vscode.workspace.workspaceFolders![0]!.uri;
  });

  it('activates with an alias bomb in the workspace knowledge file, shows the problem on its line, and recognises with the bundled knowledge base', async function () {
    this.timeout(60_000);
    assert.ok(existsSync(knowledgeFile().fsPath), 'the runner puts the bomb into the workspace before VS Code starts');
    assert.ok(vscode.extensions.getExtension(EXTENSION_ID)?.isActive);
    const diagnostics = await waitFor('the diagnostic on the knowledge file', () => {
      const list = vscode.languages.getDiagnostics(knowledgeFile());
      return list.length ? list : undefined;
    }, 30_000);
    assert.equal(diagnostics.length, 1);
    assert.equal(diagnostics[0]!.severity, vscode.DiagnosticSeverity.Error);
    assert.match(diagnostics[0]!.message, /the aliases of this file expand to too much data/);
    const line = (await vscode.workspace.openTextDocument(knowledgeFile())).lineAt(diagnostics[0]!.range.start.line).text;
    assert.equal(line[diagnostics[0]!.range.start.character], '*', `the diagnostic points at an alias: ${line}`);
    assert.ok(services.knowledge.kb.get(PUTIN));
    assert.equal(services.knowledge.kb.get('person/lol'), undefined);
    rmSync(dirname(knowledgeFile().fsPath), { recursive: true, force: true });
    await waitFor('the diagnostic to go', () => vscode.languages.getDiagnostics(knowledgeFile()).length === 0, 20_000);
  });

  it('hover: a workspace entity description with a command link, HTML, bold and an icon shows literally', async function () {
    this.timeout(60_000);
    mkdirSync(dirname(knowledgeFile().fsPath), { recursive: true });
    writeFileSync(knowledgeFile().fsPath, `schema: corpus-lens/knowledge@1\nentities:\n  - id: person/zzyzx\n    type: person\n    names: {en: Zzyzx Quux}\n    description: ${JSON.stringify(HOSTILE_TEXT)}\n`);
    try {
      await waitFor('the workspace entity', () => services.knowledge.kb.get('person/zzyzx'), 20_000);
      const uri = vscode.Uri.joinPath(folder, 'hostile-hover.txt');
      writeFileSync(uri.fsPath, 'Zzyzx Quux met the press.\n');
      const document = await vscode.workspace.openTextDocument(uri);
      await vscode.window.showTextDocument(document);
      const hovers = await waitFor('the entity hover', async () => {
        const list = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', uri, new vscode.Position(0, 2));
        return list.some((h) => markdownOf([h]).includes('Zzyzx')) ? list : undefined;
      }, 20_000);
      const ours = hovers.filter((h) => markdownOf([h]).includes('Zzyzx'));
      assertLiteral(markdownOf(ours));
      // Our own links are the only trusted commands.
      for (const h of ours) for (const c of h.contents) if (typeof c !== 'string' && 'isTrusted' in c) assert.ok(typeof c.isTrusted !== 'boolean', 'trusted for an explicit command list only');
      await vscode.commands.executeCommand('workbench.action.closeActiveEditor');
      rmSync(uri.fsPath, { force: true });
    } finally {
      rmSync(dirname(knowledgeFile().fsPath), { recursive: true, force: true });
    }
    await waitFor('the workspace entity gone', () => !services.knowledge.kb.get('person/zzyzx'), 20_000);
  });

  it('a workspace knowledge file that is a link out of the workspace is not read', async function () {
    this.timeout(60_000);
    const outside = join(dirname(folder.fsPath), 'outside-knowledge.yaml');
    writeFileSync(outside, 'schema: corpus-lens/knowledge@1\nentities:\n  - {id: person/outside, type: person, names: {en: Outside Person}}\n');
    mkdirSync(dirname(knowledgeFile().fsPath), { recursive: true });
    rmSync(knowledgeFile().fsPath, { force: true }); // a test before may have left one
    symlinkSync(outside, knowledgeFile().fsPath);
    try {
      const diagnostic = await waitFor('the diagnostic on the linked knowledge file', () => vscode.languages.getDiagnostics(knowledgeFile())[0], 30_000);
      assert.match(diagnostic.message, /is a link to .*outside-knowledge\.yaml, outside the workspace folder; not read/);
      assert.equal(services.knowledge.kb.get('person/outside'), undefined);
    } finally {
      rmSync(dirname(knowledgeFile().fsPath), { recursive: true, force: true });
      rmSync(outside, { force: true });
    }
    await waitFor('the diagnostic to go', () => vscode.languages.getDiagnostics(knowledgeFile()).length === 0, 20_000);
  });

  it('claim card: claim, note, holder and quote from a sidecar show literally; its own links stay live', () => {
    const card = claimCard(services, pathOf(vscode.Uri.joinPath(folder, 'x (1).txt')), {
      annotation: {
        id: 'a-hostile1',
        target: { selector: [{ type: 'TextQuoteSelector', exact: HOSTILE_TEXT }] },
        claim: HOSTILE_TEXT,
        stance: { polarity: 'oppose' },
        holder: { text: HOSTILE_TEXT },
        note: `${HOSTILE_TEXT}\n\n    indented\n# heading`,
        author: HOSTILE_TEXT,
        created: '2026-11-22T07:30:00Z',
        modified: '2026-11-22T07:30:00Z',
      },
      start: 0,
      end: 0,
      orphaned: true,
    });
    const body = card.value.slice(0, card.value.lastIndexOf('\n\n'));
    assertLiteral(body);
    assert.ok(!/^#/m.test(card.value), 'no heading');
    assert.ok(!/^ {4}/m.test(card.value), 'no code block');
    // the Edit link of a document whose name has parentheses is one link
    const links = card.value.slice(card.value.lastIndexOf('\n\n')).match(/\]\(command:[^)]*\)/g) ?? [];
    assert.equal(links.length, 4, card.value);
    assert.ok(links.every((l) => /^\]\(command:corpusLens\.[A-Za-z.]+\?%5B/.test(l)), links.join(' '));
    assert.deepEqual(card.isTrusted, { enabledCommands: ['corpusLens.editAnnotation', 'corpusLens.deleteAnnotation', 'corpusLens.annotations.revealInTree', 'corpusLens.reattachAnnotation'] });
  });

  it('a sidecar whose document.path leads out of the workspace (../, absolute, a link) is an error on the path line; nothing is read', async function () {
    this.timeout(60_000);
    const outside = join(dirname(folder.fsPath), 'outside-secret.txt');
    writeFileSync(outside, 'SECRET 普京与特朗普之间的峰会现在能否举办还不好说\n');
    symlinkSync(outside, join(folder.fsPath, 'linked-secret.dat'));
    const sidecar = (docPath: string) =>
      `schema: corpus-lens/annotations@1\ndocument:\n  path: ${JSON.stringify(docPath)}\nannotations:\n  - id: a-leak0001\n    target:\n      selector:\n        - {type: TextQuoteSelector, exact: "普京与特朗普之间的峰会"}\n    claim: c\n    stance: {polarity: neutral}\n    author: x\n    created: "2026-11-22T07:30:00Z"\n    modified: "2026-11-22T07:30:00Z"\n`;
    const cases: Array<[string, string, RegExp]> = [
      ['up.txt.annotations.yaml', '../outside-secret.txt', /leads outside the workspace folder/],
      ['abs.txt.annotations.yaml', outside, /absolute path is not allowed/],
      ['link.txt.annotations.yaml', 'linked-secret.dat', /is a link to .*outside-secret\.txt, outside the workspace folder/],
    ];
    const files = cases.map(([name]) => vscode.Uri.joinPath(folder, name));
    try {
      cases.forEach(([, docPath], i) => writeFileSync(files[i]!.fsPath, sidecar(docPath)));
      for (const [i, [name, , why]] of cases.entries()) {
        const diagnostic = await waitFor(`the diagnostic on ${name}`, () => vscode.languages.getDiagnostics(files[i]!)[0], 30_000);
        assert.equal(diagnostic.severity, vscode.DiagnosticSeverity.Error);
        assert.match(diagnostic.message, why);
        assert.match(diagnostic.message, /nothing was read$/);
        assert.equal(diagnostic.range.start.line, 2, 'on the path: line');
      }
      await services.annotations.idle();
      for (const s of services.annotations.states()) assert.ok(!s.text.includes('SECRET'), `${s.docPath} holds text of the outside file`);
    } finally {
      for (const f of files) rmSync(f.fsPath, { force: true });
      rmSync(join(folder.fsPath, 'linked-secret.dat'), { force: true });
      rmSync(outside, { force: true });
    }
    await waitFor('the diagnostics to go', () => files.every((f) => vscode.languages.getDiagnostics(f).length === 0), 20_000);
  });
});
