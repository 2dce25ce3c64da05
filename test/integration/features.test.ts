// The corpus model, sidebar views and in-editor features end to end inside a real extension host, on a temp copy
// of samples/: index, highlights, hovers, outline, references, workspace symbols, navigation, trees, incremental
// updates, status bar and the workspace knowledge file. The tree providers and item builders are the extension's
// own classes, instantiated here on the running extension's services.
import * as assert from 'node:assert/strict';
import { existsSync, mkdirSync, readFileSync, rmSync, unlinkSync, writeFileSync } from 'node:fs';
import { parse } from 'yaml';
import * as vscode from 'vscode';
import type { CorpusLensApi } from '../../src/extension/extension';
import { readConfig } from '../../src/extension/config';
import { pathOf } from '../../src/extension/convert';
import { decorationsFor, highlightRanges } from '../../src/extension/features/highlight';
import { entityItems, topicItems } from '../../src/extension/features/navigate';
import { FuzzySearch } from '../../src/core/search/index';
import { withoutBoilerplate } from '../../src/core/analysis';
import { recordIndexAt } from '../../src/core/corpus/model';
import { statusSummary } from '../../src/extension/features/status';
import { DocumentsTree } from '../../src/extension/features/views/documents';
import { EntitiesTree } from '../../src/extension/features/views/entities';
import { TopicsTree } from '../../src/extension/features/views/topics';
import type { InputStep, PickOption } from '../../src/extension/prompter';
import type { Services } from '../../src/extension/services/index';
import { BACK, ScriptedPrompter, keep, option, value } from './prompter';
import { EXTENSION_ID, waitFor } from './util';

const PUTIN = 'person/vladimir-putin';

/** Markdown as shown: hover cards escape punctuation (`2021\-12\-07`). */
const plain = (contents: ReadonlyArray<vscode.MarkdownString | vscode.MarkedString>) =>
  contents
    .map((c) => (typeof c === 'string' ? c : 'value' in c ? c.value : ''))
    .join('\n')
    .replace(/\\([\\`*_{}[\]()#+\-.!|<>])/g, '$1');

describe('features', function () {
  this.timeout(60_000);
  let services: Services;
  let api: CorpusLensApi;
  let folder: vscode.Uri;
  const uris = new Map<string, vscode.Uri>();

  const sample = (prefix: string) => {
    const uri = uris.get(prefix);
    assert.ok(uri, `sample ${prefix}_* not in the workspace`);
    return uri;
  };
  const open = async (prefix: string) => {
    const document = await vscode.workspace.openTextDocument(sample(prefix));
    await vscode.window.showTextDocument(document);
    return document;
  };
  /** Position in the middle of the `nth` occurrence of `text`. */
  const at = (document: vscode.TextDocument, text: string, nth = 0) => {
    const content = document.getText();
    let offset = -1;
    for (let i = 0; i <= nth; i++) {
      offset = content.indexOf(text, offset + 1);
      assert.ok(offset >= 0, `"${text}" (#${nth}) not in ${document.uri.path}`);
    }
    return { offset, position: document.positionAt(offset + Math.floor(text.length / 2)) };
  };
  const samplesOnly = <T extends { path: string }>(list: T[]) =>
    list.filter((d) => /\/\d{3}_[0-9a-f]+\.txt$/.test(d.path)).sort((a, b) => a.path.localeCompare(b.path));

  before(async () => {
    const extension = vscode.extensions.getExtension<CorpusLensApi>(EXTENSION_ID);
    assert.ok(extension);
    api = await extension.activate();
    services = api.services;
    folder = vscode.workspace.workspaceFolders![0]!.uri;
    for (const uri of await vscode.workspace.findFiles('*.txt')) {
      const name = uri.path.replace(/^.*\//, '');
      if (/^\d{3}_/.test(name)) uris.set(name.slice(0, 3), uri);
    }
    await waitFor('the five samples in the index', async () => {
      await services.corpus.ready;
      return samplesOnly(services.corpus.index.documents()).length === 5;
    }, 30_000);
  });

  after(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
  });

  describe('index', () => {
    it('holds the five samples with their shapes and records', () => {
      const docs = samplesOnly(services.corpus.index.documents());
      assert.deepEqual(docs.map((d) => d.shape), ['listing', 'news', 'qa', 'summary', 'listing']);
      const [d000, d001, d002, d003, d004] = docs as [typeof docs[0], typeof docs[0], typeof docs[0], typeof docs[0], typeof docs[0]];
      assert.ok(d000.records.length >= 10, `000 has ${d000.records.length} records`);
      assert.ok(d004.records.length >= 10, `004 has ${d004.records.length} records`);
      assert.equal(d001.records.length, 1);
      assert.equal(d002.records.length, 1);
      assert.equal(d003.records.length, 1);
      // 000: the first record is cited (journal, year, author), the second has a title
      assert.equal(d000.records[0]!.source, '现代国际关系');
      assert.equal(d000.records[0]!.dateText, '2015');
      assert.deepEqual(d000.records[0]!.authors, ['蒋翊民']);
      assert.ok(d000.records.some((r) => r.title === '美俄关系“重启”前景分析'));
      // 001: news title, timestamp, source
      const news = d001.records[0]!;
      assert.equal(news.title, '俄美首脑紧急通话 能为俄乌边境“灭火”吗?');
      assert.equal(news.dateText, '2021-12-31 17:23:55');
      assert.equal(news.source, '看看新闻Knews');
      // 003: Source / Date lines
      assert.equal(d003.records[0]!.source, 'Foreign Affairs');
      assert.equal(d003.records[0]!.dateText, 'October 9, 2023');
      assert.ok(d000.entityCount > 0 && d001.dateCount > 0);
    });
  });

  describe('highlight', () => {
    after(async () => {
      await vscode.workspace.getConfiguration('corpusLens').update('highlight.types', undefined, vscode.ConfigurationTarget.Workspace);
    });

    it('has person ranges on 拜登/普京 and date ranges on the timestamp and 12月7日', async () => {
      const document = await open('001');
      const ranges = highlightRanges(document, services.documents.get(document));
      const texts = (kind: keyof typeof ranges) => ranges[kind].map((r) => document.getText(r));
      assert.ok(texts('person').includes('拜登'), `person: ${texts('person').join(', ')}`);
      assert.ok(texts('person').includes('普京'));
      assert.ok(texts('date').includes('2021-12-31 17:23:55'), `date: ${texts('date').join(', ')}`);
      assert.ok(texts('date').includes('12月7日'));
      assert.ok(texts('country').includes('俄罗斯'));
    });

    it('corpusLens.highlight.types.person=false removes the person decorations, and only them', async () => {
      const document = await open('001');
      const analysis = services.documents.get(document);
      const before = decorationsFor(document, analysis, readConfig(document.uri));
      assert.ok(before.person.length > 0);
      const changed = new Promise<void>((resolve) => {
        const sub = vscode.workspace.onDidChangeConfiguration((e) => {
          if (e.affectsConfiguration('corpusLens.highlight')) {
            sub.dispose();
            resolve();
          }
        });
      });
      await vscode.workspace.getConfiguration('corpusLens').update('highlight.types', { person: false }, vscode.ConfigurationTarget.Workspace);
      await changed;
      const config = readConfig(document.uri);
      assert.equal(config.highlightTypes.person, false);
      const after = decorationsFor(document, analysis, config);
      assert.deepEqual(after.person, []);
      assert.equal(after.date.length, before.date.length);
      assert.equal(after.country.length, before.country.length);
      await vscode.workspace.getConfiguration('corpusLens').update('highlight.enabled', false, vscode.ConfigurationTarget.Workspace);
      const none = decorationsFor(document, analysis, readConfig(document.uri));
      assert.ok(Object.values(none).every((r) => r.length === 0));
      await vscode.workspace.getConfiguration('corpusLens').update('highlight.enabled', undefined, vscode.ConfigurationTarget.Workspace);
    });

    it('Toggle Highlights writes the user settings, not the corpus folder, and toggling back removes the entry', async () => {
      const settingsFile = vscode.Uri.joinPath(folder, '.vscode', 'settings.json').fsPath;
      const hadSettings = existsSync(settingsFile);
      const read = () => vscode.workspace.getConfiguration('corpusLens').inspect<boolean>('highlight.enabled')!;
      assert.equal(read().workspaceValue, undefined);
      await vscode.commands.executeCommand('corpusLens.toggleHighlights');
      await waitFor('highlights off', () => readConfig().highlightEnabled === false);
      assert.equal(read().globalValue, false);
      assert.equal(read().workspaceValue, undefined);
      assert.equal(existsSync(settingsFile), hadSettings, '.vscode/settings.json created in the corpus folder');
      await vscode.commands.executeCommand('corpusLens.toggleHighlights');
      await waitFor('highlights on', () => readConfig().highlightEnabled === true);
      assert.equal(read().globalValue, undefined, 'the default is not written');
    });
  });

  describe('hover', () => {
    const hover = async (prefix: string, text: string, nth = 0) => {
      const document = await open(prefix);
      const { position } = at(document, text, nth);
      const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', document.uri, position);
      return plain(hovers.flatMap((h) => h.contents));
    };

    it('on 普丁 in 003 shows the Putin card with scripts, Wikidata and corpus count', async () => {
      const card = await hover('003', '普丁');
      assert.match(card, /Vladimir Putin/);
      assert.match(card, /普京/);
      assert.match(card, /普丁/);
      assert.match(card, /Q7747/);
      const mentions = services.corpus.index.mentionsOf(PUTIN);
      const docs = new Set(mentions.map((m) => m.path)).size;
      assert.ok(mentions.length > 10);
      assert.ok(card.includes(`**${mentions.length}** mentions in **${docs}** documents`), card);
    });

    it('on 12月7日 in 001 shows 2021-12-07 and how it was resolved', async () => {
      const card = await hover('001', '12月7日');
      assert.match(card, /2021-12-07/);
      assert.match(card, /article timestamp/);
      assert.match(card, /2021-12-31/);
    });

    it('on a duration (一个月 in 001) says it is a duration, not a date', async () => {
      const card = await hover('001', '一个月');
      assert.match(card, /\*\*P1M\*\* · DURATION/);
      assert.match(card, /A duration \(ISO 8601 `P1M`\), not a point in time\./);
      assert.doesNotMatch(card, /Explicit date/);
    });

    it("on 今年 in 000 shows the record's reference (none: unresolved) and in 001 the timestamp", async () => {
      const card = await hover('000', '今年');
      assert.match(card, /今年/);
      assert.match(card, /unresolved|no reference/i);
      assert.match(card, /record 3/i);
      assert.match(card, /Set Reference Date/);
      const resolved = await hover('001', '今年');
      // 今年以来 "since the start of this year": the open interval from 2021, explained in the card.
      assert.match(resolved, /\*\*2021\\?\/\\?\.\\?\.\*\*/);
      assert.match(resolved, /SINCE/);
      assert.match(resolved, /article timestamp \(line 31\)/);
    });
  });

  describe('outline', () => {
    it('lists the records of 000 and the commentator sections of 002', async () => {
      const d000 = await open('000');
      const symbols = await vscode.commands.executeCommand<vscode.DocumentSymbol[]>('vscode.executeDocumentSymbolProvider', d000.uri);
      assert.equal(symbols.length, services.corpus.index.document(pathOf(d000.uri))!.records.length);
      assert.ok(symbols.some((s) => s.name === '美俄关系“重启”前景分析'), symbols.map((s) => s.name).join(' | '));
      const d002 = await open('002');
      const qa = await vscode.commands.executeCommand<vscode.DocumentSymbol[]>('vscode.executeDocumentSymbolProvider', d002.uri);
      assert.equal(qa.length, 1);
      const sections = qa[0]!.children.map((c) => c.name);
      assert.ok(sections.includes('青年視紀'), sections.join(', '));
      assert.ok(sections.includes('毛開雲'));
      assert.ok(sections.length >= 5);
      const first = qa[0]!.children[0]!;
      assert.equal(d002.getText(first.selectionRange), first.name);
    });
  });

  describe('references', () => {
    it('普京 in 001 finds 001, 002 (traditional text) and 003 (普丁): across scripts', async () => {
      const document = await open('001');
      const { position } = at(document, '普京');
      const locations = await vscode.commands.executeCommand<vscode.Location[]>('vscode.executeReferenceProvider', document.uri, position);
      const byFile = new Map<string, string[]>();
      for (const l of locations) {
        const name = l.uri.path.replace(/^.*\//, '').slice(0, 3);
        const text = (await vscode.workspace.openTextDocument(l.uri)).getText(l.range);
        byFile.set(name, [...(byFile.get(name) ?? []), text]);
      }
      assert.ok(byFile.get('001')?.includes('普京'));
      assert.ok(byFile.get('002')?.includes('普京'));
      assert.ok(byFile.get('003')?.includes('普丁'), `003: ${byFile.get('003')?.join(', ')}`);
      assert.ok(byFile.get('003')?.includes('Putin'));
      assert.equal(locations.length, services.corpus.index.mentionsOf(PUTIN).length);
    });
  });

  describe('workspace symbols', () => {
    const symbols = (query: string) => vscode.commands.executeCommand<vscode.SymbolInformation[]>('vscode.executeWorkspaceSymbolProvider', query);

    it("'pujing' and 'Putin' find Putin (named so that Ctrl+T's own filter keeps it)", async () => {
      for (const [query, name] of [['pujing', 'Vladimir Putin · pujing'], ['Putin', 'Vladimir Putin'], ['普丁', 'Vladimir Putin · 普丁']] as const) {
        const found = await symbols(query);
        const putin = found.find((s) => s.name === name);
        assert.ok(putin, `${query}: ${found.map((s) => s.name).join(', ')}`);
        assert.equal(putin.kind, vscode.SymbolKind.Constant);
        assert.match(putin.containerName, /^\d+ mentions$/);
      }
    });

    it('a record title finds the record in 000', async () => {
      const found = await symbols('美俄关系“重启”前景分析');
      const record = found.find((s) => s.name === '美俄关系“重启”前景分析');
      assert.ok(record, found.slice(0, 5).map((s) => s.name).join(', '));
      assert.match(record.location.uri.path, /\/000_/);
      const document = await vscode.workspace.openTextDocument(record.location.uri);
      assert.equal(document.getText(record.location.range), '美俄关系“重启”前景分析');
    });
  });

  describe('navigation', () => {
    it('Go to Entity items: pujing, pj, 普丁 and Putin put Putin first', () => {
      const items = entityItems(services);
      const putin = items.find((i) => i.id === PUTIN);
      assert.ok(putin);
      assert.equal(putin.weight, services.corpus.index.mentionsOf(PUTIN).length);
      assert.ok(putin.names.includes('普京') && putin.names.includes('Vladimir Putin'));
      const search = new FuzzySearch(items);
      for (const query of ['pujing', '普丁', 'Putin']) {
        const hits = search.search(query, 10);
        assert.equal(hits[0]?.item.id, PUTIN, `${query}: ${hits.slice(0, 3).map((h) => h.item.id).join(', ')}`);
      }
      const pj = search.search('pj', 10).map((h) => h.item.id);
      assert.ok(pj.slice(0, 3).includes(PUTIN), `pj: ${pj.join(', ')}`);
    });

    it('Go to Topic items: eluosi and 俄羅斯 find the Russia topics through their entities, beiyue finds NATO enlargement', () => {
      const search = new FuzzySearch(topicItems(services));
      for (const query of ['eluosi', '俄羅斯']) {
        const hits = search.search(query, 20).map((h) => h.item.id);
        assert.ok(hits.includes('us-russia') && hits.includes('china-russia'), `${query}: ${hits.join(', ')}`);
      }
      assert.equal(search.search('beiyue dongkuo', 5)[0]?.item.id, 'nato-enlargement');
    });

    it('corpusLens.nextMention / previousMention move the cursor between mentions (to their start, nothing selected)', async () => {
      const document = await open('001');
      const editor = vscode.window.activeTextEditor!;
      const { offset } = at(document, '拜登');
      editor.selection = new vscode.Selection(document.positionAt(offset), document.positionAt(offset));
      const analysis = services.documents.get(document);
      const starts = [...analysis.entities, ...analysis.dates].sort((a, b) => a.start - b.start);
      const next = starts.find((m) => m.start > offset)!;
      await vscode.commands.executeCommand('corpusLens.nextMention');
      assert.equal(document.offsetAt(editor.selection.start), next.start);
      assert.ok(editor.selection.isEmpty, 'a revealed mention is not selected (one keystroke would replace it)');
      await vscode.commands.executeCommand('corpusLens.previousMention');
      assert.equal(document.offsetAt(editor.selection.active), offset);
      assert.ok(editor.selection.isEmpty);
    });
  });

  describe('trees', () => {
    it('Documents: files -> records', () => {
      const tree = new DocumentsTree(services);
      try {
        const files = tree.getChildren().filter((n) => /^\d{3}_/.test(String(tree.getTreeItem(n).label)));
        assert.deepEqual(files.map((n) => String(tree.getTreeItem(n).label).slice(0, 3)), ['000', '001', '002', '003', '004']);
        const item000 = tree.getTreeItem(files[0]!);
        assert.equal(item000.collapsibleState, vscode.TreeItemCollapsibleState.Collapsed);
        assert.match(String(item000.description), /18 records · abstract listing/);
        // The tooltip is made when the row is hovered (resolveTreeItem), not sent with every refresh.
        assert.equal(item000.tooltip, undefined);
        const tip = tree.resolveTreeItem(item000, files[0]!).tooltip as vscode.MarkdownString;
        assert.match(tip.value, /^\*\*000\\_be9cf2744d91cc80\\.txt\*\*\n\nabstract listing · 18 records · \d+ entity mentions · \d+ dates$/);
        const records = tree.getChildren(files[0]!);
        assert.equal(records.length, 18);
        const labels = records.map((n) => tree.getTreeItem(n).label);
        assert.ok(labels.includes('美俄关系“重启”前景分析'));
        const record = tree.getTreeItem(records[1]!);
        assert.equal(record.tooltip, undefined);
        assert.match((tree.resolveTreeItem(record, records[1]!).tooltip as vscode.MarkdownString).value, /\d+ entity mentions · \d+ dates?$/);
        const item001 = tree.getTreeItem(files[1]!);
        assert.equal(item001.collapsibleState, vscode.TreeItemCollapsibleState.None);
        assert.match(String(item001.description), /俄美首脑紧急通话/);
        const command = tree.getTreeItem(records[1]!).command!;
        assert.equal(command.command, 'corpusLens.revealMention');
        // the Q&A page (one record): its commentator sections right under the file, each opening at the name
        const item002 = tree.getTreeItem(files[2]!);
        assert.equal(item002.collapsibleState, vscode.TreeItemCollapsibleState.Collapsed);
        assert.match(String(item002.description), /\d+ commentators · Q&A page/);
        const sections = tree.getChildren(files[2]!).map((n) => tree.getTreeItem(n));
        assert.ok(sections.length >= 5);
        assert.ok(sections.some((i) => i.label === '毛開雲'), sections.map((i) => i.label).join(', '));
        assert.equal(sections[0]!.command!.command, 'corpusLens.revealMention');
      } finally {
        tree.dispose();
      }
    });

    it('a view is refreshed at most once a second while a full index runs, and once the index is done', async () => {
      const tree = new DocumentsTree(services);
      const refreshes: Array<{ at: number; indexing: boolean }> = [];
      const listener = tree.onDidChangeTreeData(() => refreshes.push({ at: Date.now(), indexing: services.corpus.progress !== undefined }));
      try {
        await vscode.commands.executeCommand('corpusLens.reindex');
        await services.corpus.ready;
        await new Promise((r) => setTimeout(r, 1500)); // the index's debounced change event, then the view's
        const during = refreshes.filter((r) => r.indexing);
        for (let i = 1; i < during.length; i++) assert.ok(during[i]!.at - during[i - 1]!.at >= 950, JSON.stringify(refreshes));
        const files = tree.getChildren().map((n) => String(tree.getTreeItem(n).label).slice(0, 3));
        assert.deepEqual(files.filter((f) => /^\d{3}$/.test(f)), ['000', '001', '002', '003', '004']);
      } finally {
        listener.dispose();
        tree.dispose();
      }
    });

    it('Topics: arms control lists records of 000 (INF treaty)', () => {
      const tree = new TopicsTree(services);
      try {
        const topics = tree.getChildren();
        const arms = topics.find((n) => n.kind === 'topic' && n.topic.id === 'arms-control');
        assert.ok(arms, topics.map((n) => (n.kind === 'topic' ? n.topic.id : '')).join(', '));
        const records = tree.getChildren(arms);
        const in000 = records.filter((n) => n.kind === 'record' && /\/000_/.test(n.path));
        assert.ok(in000.length >= 1);
        assert.ok(in000.some((n) => n.kind === 'record' && n.recordId === 'r1'), 'the 中导条约 record r1 of 000');
        assert.match(String(tree.getTreeItem(in000[0]!).description), /000_.*score/);
      } finally {
        tree.dispose();
      }
    });

    it('Entities: type -> entity -> mentions', () => {
      const tree = new EntitiesTree(services);
      try {
        const types = tree.getChildren();
        const people = types.find((n) => tree.getTreeItem(n).label === 'People');
        assert.ok(people);
        const entities = tree.getChildren(people);
        const putin = entities.find((n) => n.kind === 'entity' && n.id === PUTIN);
        assert.ok(putin);
        assert.match(String(tree.getTreeItem(putin).label), /Vladimir Putin/);
        const mentions = tree.getChildren(putin);
        assert.equal(mentions.length, services.corpus.index.mentionsOf(PUTIN).length);
        const labels = mentions.map((n) => String(tree.getTreeItem(n).label));
        assert.ok(labels.some((l) => /^003_.*:\d+$/.test(l)));
        assert.ok(mentions.some((n) => tree.getTreeItem(n).description === '普丁'));
      } finally {
        tree.dispose();
      }
    });
  });

  describe('incremental', () => {
    const created: vscode.Uri[] = [];
    after(async () => {
      await vscode.commands.executeCommand('workbench.action.closeAllEditors');
      for (const uri of created) if (existsSync(uri.fsPath)) unlinkSync(uri.fsPath);
    });

    it('a new .txt with 普京 is indexed; deleting it removes it', async () => {
      const uri = vscode.Uri.joinPath(folder, 'features-new.txt');
      created.push(uri);
      writeFileSync(uri.fsPath, '标题\n普京与拜登通话。\n');
      const path = pathOf(uri);
      await waitFor('the new file in the index', () => services.corpus.index.document(path), 20_000);
      assert.ok(services.corpus.index.mentionsOf(PUTIN).some((m) => m.path === path));
      unlinkSync(uri.fsPath);
      await waitFor('the deleted file out of the index', () => !services.corpus.index.document(path), 20_000);
      assert.ok(!services.corpus.index.mentionsOf(PUTIN).some((m) => m.path === path));
    });

    it('a dateline is the record reference date: the Documents view shows the date, the outlet is the source, the reporter an author (issue 12)', async () => {
      const uri = vscode.Uri.joinPath(folder, 'features-dateline.txt');
      created.push(uri);
      writeFileSync(uri.fsPath, '2021-12-07　眾新聞　記者 陳小明\n立法會選舉將於本月19日舉行，投票結果預計於20日凌晨公布。\n');
      const path = pathOf(uri);
      await waitFor('the dateline file in the index', () => services.corpus.index.document(path), 20_000);
      const record = services.corpus.index.document(path)!.records[0]!;
      assert.equal(record.dateText, '2021-12-07');
      assert.equal(record.dateSource, 'dateline');
      assert.equal(record.source, '眾新聞');
      assert.deepEqual(record.authors, ['陳小明']);
      const tree = new DocumentsTree(services);
      try {
        const file = tree.getChildren().find((n) => tree.getTreeItem(n).label === 'features-dateline.txt');
        assert.ok(file, 'the file in the Documents view');
        assert.match(String(tree.getTreeItem(file).description), /2021-12-07 · 眾新聞/);
        assert.doesNotMatch(String(tree.getTreeItem(file).description), /陳小明/);
      } finally {
        tree.dispose();
      }
      const document = await vscode.workspace.openTextDocument(uri);
      const dates = services.documents.get(document).dates.map((d) => [d.text, d.value]);
      assert.deepEqual(dates.filter(([t]) => t !== '2021-12-07'), [['本月19日', '2021-12-19'], ['20日凌晨', '2021-12-20TNI']]);
    });

    it('unsaved edits of an open document update the index after the debounce; revert restores it', async () => {
      const uri = vscode.Uri.joinPath(folder, 'features-edit.txt');
      created.push(uri);
      writeFileSync(uri.fsPath, '第一段：拜登。\n');
      const path = pathOf(uri);
      await waitFor('the file in the index', () => services.corpus.index.document(path), 20_000);
      const putins = () => services.corpus.index.mentionsOf(PUTIN).filter((m) => m.path === path).length;
      assert.equal(putins(), 0);
      const document = await vscode.workspace.openTextDocument(uri);
      await vscode.window.showTextDocument(document);
      // Corpus documents open read-only: the analyst makes this one editable on purpose.
      await vscode.commands.executeCommand('corpusLens.makeDocumentEditable');
      const edit = new vscode.WorkspaceEdit();
      edit.insert(uri, new vscode.Position(1, 0), '普丁与普京会面。\n');
      assert.ok(await vscode.workspace.applyEdit(edit));
      assert.ok(document.isDirty);
      await waitFor('the unsaved edit in the index', () => putins() === 2, 10_000);
      await vscode.commands.executeCommand('workbench.action.files.revert');
      await waitFor('the reverted text in the index', () => putins() === 0, 10_000);
    });
    it('unsaved edits in two documents at once both reach the index', async () => {
      const pair = ['features-a.txt', 'features-b.txt'].map((name) => vscode.Uri.joinPath(folder, name));
      for (const uri of pair) {
        created.push(uri);
        writeFileSync(uri.fsPath, '开头。\n');
      }
      await waitFor('both files in the index', () => pair.every((uri) => services.corpus.index.document(pathOf(uri))), 20_000);
      const edit = new vscode.WorkspaceEdit();
      for (const uri of pair) {
        await vscode.workspace.openTextDocument(uri);
        edit.insert(uri, new vscode.Position(1, 0), '普京。\n');
      }
      assert.ok(await vscode.workspace.applyEdit(edit));
      await waitFor('both edits in the index', () =>
        pair.every((uri) => services.corpus.index.mentionsOf(PUTIN).some((m) => m.path === pathOf(uri))), 10_000);
      for (const uri of pair) {
        await vscode.window.showTextDocument(uri);
        await vscode.commands.executeCommand('workbench.action.files.revert');
      }
    });
  });

  describe('status bar', () => {
    it('summarises the active corpus document', async () => {
      const d000 = await open('000');
      const summary = statusSummary(services, d000);
      assert.ok(summary);
      assert.match(summary.text, /^\$\(telescope\) 18 rec · \d+ entities · \d+ dates$/);
      assert.match(summary.tooltip, /listing/);
      const d001 = await open('001');
      assert.match(statusSummary(services, d001)!.text, /1 rec/);
      // singular counts: 003 has one date
      const d003 = await open('003');
      assert.match(statusSummary(services, d003)!.text, /^\$\(telescope\) 1 rec · \d+ entities · 1 date$/);
      assert.match(statusSummary(services, d003)!.tooltip, /1 record · \d+ entity mentions \(\d+ distinct, \d+ unconfirmed\) · 1 date\n/);
      const json = await vscode.workspace.openTextDocument({ language: 'json', content: '{}' });
      assert.equal(statusSummary(services, json), undefined);
    });
  });

  describe('claim targets', () => {
    /** Runs Add Claim on `text` (nth occurrence) up to the "about" step, cancels there; returns what it suggested. */
    const suggestedTargets = async (document: vscode.TextDocument, text: string, nth = 0) => {
      const editor = vscode.window.activeTextEditor!;
      const { offset } = at(document, text, nth);
      editor.selection = new vscode.Selection(document.positionAt(offset), document.positionAt(offset + text.length));
      const prompter = new ScriptedPrompter({ claim: [keep], stance: [value('support')], intensity: [value(null)], about: [value(undefined)] });
      const scripted = api.scriptPrompts(prompter);
      try {
        await vscode.commands.executeCommand('corpusLens.addClaim');
      } finally {
        scripted.dispose();
      }
      const suggested = prompter.offered.get('about')!.filter((o) => o.suggested) as PickOption<{ entity?: string }>[];
      return { offset, suggested: suggested.map((o) => ({ id: o.value.entity!, description: o.description ?? '' })) };
    };
    const confirmedIds = (mentions: Array<{ entityId: string; confirmed: boolean; start: number; end: number }>, span = { start: 0, end: Infinity }) =>
      new Set(mentions.filter((m) => m.confirmed && m.start >= span.start && m.end <= span.end).map((m) => m.entityId));

    it('"about" does not suggest entities found only in the page boilerplate (menus, video lists, footers of 001)', async () => {
      const d001 = await open('001');
      const analysis = services.documents.get(d001);
      const body = confirmedIds(withoutBoilerplate(analysis).entities);
      const boilerplateOnly = [...confirmedIds(analysis.entities)].filter((id) => !body.has(id));
      assert.ok(boilerplateOnly.length > 0, 'the sample has entities in its boilerplate only');
      const { suggested } = await suggestedTargets(d001, '普京');
      assert.ok(suggested.length > 0);
      const offending = suggested.filter((s) => boilerplateOnly.includes(s.id)).map((s) => s.id);
      assert.deepEqual(offending, [], 'suggested although only mentioned in boilerplate');
      assert.ok(suggested.some((s) => s.id === PUTIN));
    });

    it('"about" suggests the entities of the current record first (000, a listing of many records)', async () => {
      const d000 = await open('000');
      const analysis = withoutBoilerplate(services.documents.get(d000));
      const { offset, suggested } = await suggestedTargets(d000, '中导条约');
      const record = analysis.doc.records[recordIndexAt(analysis.doc.records, offset)]!;
      const inRecord = confirmedIds(analysis.entities, record.span);
      assert.ok(inRecord.size > 0 && inRecord.size < confirmedIds(analysis.entities).size, 'the record mentions some of the document\'s entities');
      const first = suggested.slice(0, inRecord.size);
      assert.deepEqual(new Set(first.map((s) => s.id)), inRecord);
      assert.ok(first.every((s) => s.description.endsWith('entity mentioned in this record')));
      assert.ok(suggested.slice(inRecord.size).every((s) => s.description.endsWith('entity mentioned in this document') && !inRecord.has(s.id)));
    });
  });

  describe('re-index', () => {
    it('Re-index Corpus says how many documents and records it indexed, or that no file matches the include glob', async () => {
      const text = await vscode.commands.executeCommand<string>('corpusLens.reindex');
      const documents = services.corpus.index.documents();
      const records = documents.reduce((n, d) => n + d.records.length, 0);
      assert.equal(text, `Indexed ${documents.length} documents (${records} records)`);
      const config = vscode.workspace.getConfiguration('corpusLens');
      await config.update('files.include', '**/*.nothing-matches', vscode.ConfigurationTarget.Workspace);
      try {
        assert.equal(await vscode.commands.executeCommand<string>('corpusLens.reindex'), 'No corpus files match corpusLens.files.include (**/*.nothing-matches).');
      } finally {
        await config.update('files.include', undefined, vscode.ConfigurationTarget.Workspace);
        await waitFor('the five samples back in the index', async () => {
          await services.corpus.ready;
          return samplesOnly(services.corpus.index.documents()).length === 5;
        }, 30_000);
      }
    });
  });

  describe('knowledge', () => {
    const dir = () => vscode.Uri.joinPath(folder, '.corpus-lens');
    const file = () => vscode.Uri.joinPath(dir(), 'knowledge.yaml');
    after(async () => {
      rmSync(dir().fsPath, { recursive: true, force: true });
      await waitFor('the bundled knowledge base only', () => !services.knowledge.kb.get('person/mao-kaiyun'), 20_000).catch(() => services.knowledge.reload());
      await services.corpus.ready;
    });

    it('a workspace entity (毛開雲 as person/mao-kaiyun) is confirmed after the file is written', async () => {
      const d002 = await open('002');
      const before = services.documents.get(d002).entities.find((e) => e.text === '毛開雲');
      assert.ok(!before?.confirmed, 'already known');
      mkdirSync(dir().fsPath, { recursive: true });
      writeFileSync(
        file().fsPath,
        'schema: corpus-lens/knowledge@1\nentities:\n  - id: person/mao-kaiyun\n    type: person\n    names:\n      zh-Hant: 毛開雲\n      zh-Hans: 毛开云\n    description: Commentator.\n',
      );
      await waitFor('the workspace entity to load', () => services.knowledge.kb.get('person/mao-kaiyun'), 20_000);
      const mention = services.documents.get(d002).entities.find((e) => e.text === '毛開雲');
      assert.ok(mention?.confirmed);
      assert.equal(mention.entityId, 'person/mao-kaiyun');
      await waitFor('the workspace entity in the corpus index', async () => {
        await services.corpus.ready;
        return services.corpus.index.mentionsOf('person/mao-kaiyun').length > 0;
      }, 20_000);
    });

    it('a broken file shows a diagnostic on its line and the bundled knowledge base still works', async () => {
      // line 8: a bad type (the entry is skipped, the rest of the file loads)
      writeFileSync(
        file().fsPath,
        'schema: corpus-lens/knowledge@1\nentities:\n  - id: person/mao-kaiyun\n    type: person\n    names:\n      zh-Hant: 毛開雲\n  - id: person/bad\n    type: persn\n    names:\n      en: Bad\n',
      );
      const diagnostics = await waitFor('a diagnostic on the knowledge file', () => {
        const list = vscode.languages.getDiagnostics(file());
        return list.length ? list : undefined;
      }, 20_000);
      assert.equal(diagnostics.length, 1);
      assert.equal(diagnostics[0]!.severity, vscode.DiagnosticSeverity.Error);
      assert.match(diagnostics[0]!.message, /person\/bad: type/);
      assert.equal(diagnostics[0]!.range.start.line, 7);
      assert.equal(diagnostics[0]!.range.start.character, 10);
      assert.ok(services.knowledge.kb.get('person/mao-kaiyun'));
      assert.ok(!services.knowledge.kb.get('person/bad'));
      // YAML syntax error: nothing of the file loads, the bundled knowledge base does
      writeFileSync(file().fsPath, 'schema: corpus-lens/knowledge@1\nentities:\n  - id: person/mao-kaiyun\n    names: [oops\n');
      await waitFor('the syntax error diagnostic', () => vscode.languages.getDiagnostics(file()).find((d) => /YAML syntax error/.test(d.message)), 20_000);
      assert.ok(!services.knowledge.kb.get('person/mao-kaiyun'));
      assert.ok(services.knowledge.kb.get(PUTIN));
      const d003 = await open('003');
      const { offset } = at(d003, '普丁');
      const mention = services.documents.get(d003).entities.find((e) => e.start === offset);
      assert.equal(mention?.entityId, PUTIN);
      rmSync(dir().fsPath, { recursive: true, force: true });
      await waitFor('the diagnostic to go', () => vscode.languages.getDiagnostics(file()).length === 0, 20_000);
    });

    it('Add to Knowledge Base on a selection (毛開雲 in 002): four steps with Back, written to the workspace file, then confirmed', async () => {
      await waitFor('the workspace entity gone', () => !services.knowledge.kb.get('person/mao-kaiyun'), 20_000);
      const d002 = await open('002');
      const editor = vscode.window.activeTextEditor!;
      const { offset: start } = at(d002, '毛開雲');
      editor.selection = new vscode.Selection(d002.positionAt(start), d002.positionAt(start + 3));
      const prompter = new ScriptedPrompter({
        kbName: [keep, keep],
        // Back once from the type step: the name is asked again, still prefilled
        kbType: [value(BACK), option((v) => v === 'person')],
        kbEnglish: [value('Mao Kaiyun')],
        kbWikidata: [value('')],
      });
      const scripted = api.scriptPrompts(prompter);
      try {
        await vscode.commands.executeCommand('corpusLens.addToKnowledgeBase');
      } finally {
        scripted.dispose();
      }
      assert.deepEqual(prompter.asked.map((a) => `${a.id} ${a.step}/${a.totalSteps}`), ['kbName 1/4', 'kbType 2/4', 'kbName 1/4', 'kbType 2/4', 'kbEnglish 3/4', 'kbWikidata 4/4']);
      assert.equal(prompter.asked[0]!.value, '毛開雲', 'prefilled with the selection');
      assert.equal(prompter.asked[2]!.value, '毛開雲', 'kept after Back');
      assert.deepEqual(prompter.offered.get('kbType')!.map((o) => o.value), ['person', 'country', 'organization', 'treaty', 'place', 'event', 'other']);
      // a name the knowledge base knows already (any script) is refused; a malformed Wikidata id too
      const validateName = (prompter.steps.get('kbName') as InputStep).validate!;
      assert.match(validateName('普丁') ?? '', /Already in the knowledge base: Vladimir Putin \(person\/vladimir-putin\)/);
      assert.match(validateName('  ') ?? '', /Enter the name/);
      // …and 毛開雲 itself, now that it was added (any script)
      assert.match(validateName('毛开云') ?? '', /Already in the knowledge base: Mao Kaiyun \(person\/mao-kaiyun\)/);
      const validateQid = (prompter.steps.get('kbWikidata') as InputStep).validate!;
      assert.equal(validateQid('Q7747'), undefined);
      assert.equal(validateQid(''), undefined);
      assert.match(validateQid('7747') ?? '', /Q followed by digits/);

      const written = parse(readFileSync(file().fsPath, 'utf8')) as { schema: string; entities: Array<Record<string, unknown>> };
      assert.equal(written.schema, 'corpus-lens/knowledge@1');
      assert.deepEqual(written.entities, [
        { id: 'person/mao-kaiyun', type: 'person', names: { en: 'Mao Kaiyun', 'zh-Hans': '毛开云', 'zh-Hant': '毛開雲' }, description: 'Added from the corpus by an analyst.' },
      ]);
      const mention = await waitFor('the mention confirmed', () => {
        const m = services.documents.get(d002).entities.find((e) => e.start === start);
        return m?.confirmed ? m : undefined;
      }, 20_000);
      assert.equal(mention.entityId, 'person/mao-kaiyun');
      assert.equal(mention.text, '毛開雲');
    });

    it('Correct This Recognition from the hover: not an entity here, link, change type; rules in the knowledge file, applied across the corpus', async function () {
      this.timeout(180_000); // three corrections, each a reload of the knowledge base and a re-index
      const d001 = await open('001');
      const putins = () => services.documents.get(d001).entities.filter((e) => e.text === '普京');
      const count = putins().length;
      assert.ok(count >= 3, `${count} mentions of 普京 in 001`);
      const { offset: first } = at(d001, '普京');
      // The hover card offers the correction with the mention's place.
      const hovers = await vscode.commands.executeCommand<vscode.Hover[]>('vscode.executeHoverProvider', d001.uri, d001.positionAt(first + 1));
      assert.match(plain(hovers.flatMap((h) => h.contents)), /Correct…\]\(command:corpusLens\.correctMention\?/);
      const scripted: vscode.Disposable[] = [];
      try {
        // 1. Not an entity here (Back once from the scope step: the action is asked again).
        let prompter = new ScriptedPrompter({
          correctAction: [option((v) => v === 'reject'), option((v) => v === 'reject')],
          correctScope: [value(BACK), option((v) => v === 'here')],
        });
        scripted.push(api.scriptPrompts(prompter));
        await vscode.commands.executeCommand('corpusLens.correctMention', { uri: d001.uri.toString(), start: first, end: first + 2 });
        assert.deepEqual(prompter.asked.map((a) => `${a.id} ${a.step}/${a.totalSteps}`), ['correctAction 1/3', 'correctScope 2/2', 'correctAction 1/3', 'correctScope 2/2']);
        let written = parse(readFileSync(file().fsPath, 'utf8')) as { rules: Array<Record<string, string>> };
        const text = d001.getText();
        assert.deepEqual(written.rules, [{ surface: '普京', before: text.slice(first - 3, first), after: text.slice(first + 2, first + 5), action: 'reject' }]);
        await waitFor('the rejected mention gone, the others kept', () => putins().length === count - 1 && !putins().some((m) => m.start === first), 20_000);
        assert.equal(services.knowledge.kb.rules.length, 1);

        // 2. Link the next 普京, everywhere, to another entity (picked by name from the knowledge base); the first
        //    stays rejected: a correction "here" is more specific than a later one "everywhere".
        const { offset: second } = at(d001, '普京', 1);
        prompter = new ScriptedPrompter({
          correctAction: [option((v) => v === 'link')],
          correctEntity: [option((v) => v === 'person/dmitry-medvedev')],
          correctScope: [option((v) => v === 'everywhere')],
        });
        scripted.push(api.scriptPrompts(prompter));
        const editor = vscode.window.activeTextEditor!;
        editor.selection = new vscode.Selection(d001.positionAt(second + 1), d001.positionAt(second + 1));
        await vscode.commands.executeCommand('corpusLens.correctMention'); // from the context menu: the mention at the cursor
        assert.ok(prompter.offered.get('correctEntity')!.some((o) => o.value === 'person/donald-trump'));
        assert.ok(!prompter.offered.get('correctEntity')!.some((o) => o.value === PUTIN), 'not the entity it already is');
        await waitFor('every other 普京 linked to Medvedev', () => {
          const ms = services.documents.get(d001).entities.filter((e) => e.text === '普京');
          return ms.length === count - 1 && ms.every((m) => m.entityId === 'person/dmitry-medvedev' && /knowledge\.yaml:\d+$/.test(m.rule ?? '')) ? ms : undefined;
        }, 20_000);
        await waitFor('the corpus index follows', async () => {
          await services.corpus.ready;
          return services.corpus.index.mentionsOf('person/dmitry-medvedev').length >= count - 1;
        }, 20_000);

        // 3. Change the type of 拜登, everywhere.
        const { offset: biden } = at(d001, '拜登');
        prompter = new ScriptedPrompter({ correctAction: [option((v) => v === 'retype')], correctType: [option((v) => v === 'organization')], correctScope: [option((v) => v === 'everywhere')] });
        scripted.push(api.scriptPrompts(prompter));
        await vscode.commands.executeCommand('corpusLens.correctMention', { uri: d001.uri.toString(), start: biden, end: biden + 2 });
        assert.ok(!prompter.offered.get('correctType')!.some((o) => o.value === 'person'), 'not its current type');
        await waitFor('拜登 typed organization', () => services.documents.get(d001).entities.find((e) => e.start === biden)?.type === 'organization', 20_000);
        written = parse(readFileSync(file().fsPath, 'utf8')) as { rules: Array<Record<string, string>> };
        assert.deepEqual(written.rules.slice(1), [
          { surface: '普京', action: 'link', entity: 'person/dmitry-medvedev' },
          { surface: '拜登', action: 'retype', type: 'organization' },
        ]);
        assert.ok(prompter.notices.some((n) => /「拜登」 typed organization everywhere/.test(n.text)), JSON.stringify(prompter.notices));
      } finally {
        for (const s of scripted.reverse()) s.dispose();
      }
    });
  });
});
