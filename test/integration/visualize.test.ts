// The views in a real extension host: Show Concordance / Matrix / Timeline / Network through the real commands,
// the data they send to their page, a row / cell / mark leading to its passage, and the CSV export.
import * as assert from 'node:assert/strict';
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as vscode from 'vscode';
import type { CorpusLensApi } from '../../src/extension/extension';
import type { VisualizePanel } from '../../src/extension/features/visualize/panel';
import { parseRange, VisualizeSerializer, type VisualizeService } from '../../src/extension/features/visualize/index';
import { VIEW_TYPE } from '../../src/extension/features/visualize/panel';
import { ScriptedPrompter, value } from './prompter';
import { EXTENSION_ID, waitFor } from './util';

type Panel = VisualizePanel;

describe('views: concordance, matrix, timeline, network', function () {
  this.timeout(90_000);
  let api: CorpusLensApi;
  let docUri: vscode.Uri;
  let docPath: string;
  let sidecar: string;
  const text = '2014年3月，普京批评北约东扩。美国与俄罗斯关系紧张。\n2018年，俄罗斯与美国举行会谈，普京表示愿意对话。\n';
  const span = (needle: string) => {
    const start = text.indexOf(needle);
    return { start, end: start + needle.length };
  };
  const panels: VisualizePanel[] = [];
  const open = async (command: string, ...args: unknown[]) => {
    const panel = (await vscode.commands.executeCommand(command, ...args)) as Panel;
    assert.ok(panel, `${command} opens a panel`);
    panels.push(panel);
    const data = await waitFor('the page to receive the data', async () => (await Promise.race([panel.settled(), new Promise((r) => setTimeout(r, 500))])) as never, 30_000);
    return { panel, data: data as Record<string, unknown> };
  };

  before(async () => {
    const extension = vscode.extensions.getExtension<CorpusLensApi>(EXTENSION_ID);
    assert.ok(extension);
    api = await extension.activate();
    const folder = vscode.workspace.workspaceFolders![0]!.uri;
    docUri = vscode.Uri.joinPath(folder, 'views-sample.txt');
    writeFileSync(docUri.fsPath, text);
    sidecar = docUri.fsPath + '.annotations.yaml';
    docPath = docUri.toString();
    await api.services.knowledge.ready;
    await waitFor('the document indexed', () => api.services.corpus.index.has(docPath) && api.services.corpus.index.mentionsIn(docPath).length > 0, 30_000);
    await api.services.annotations.ready;
    await api.services.annotations.add(docPath, { ...span('普京批评北约东扩'), claim: 'Putin opposes NATO enlargement', stance: { polarity: 'oppose', intensity: -2 }, holder: { entity: 'person/vladimir-putin' }, about: { entity: 'organization/NATO' }, tags: ['vz-security', 'vz-red-line'], codes: ['vz-security', 'vz-red-line'] });
    await api.services.annotations.add(docPath, { ...span('普京表示愿意对话'), claim: 'Putin open to talks', stance: { polarity: 'support', intensity: 1 }, holder: { entity: 'person/vladimir-putin' }, about: { entity: 'country/US' }, tags: ['vz-security'], codes: ['vz-security'] });
  });

  after(async () => {
    for (const p of panels) p.panel.dispose();
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    await api.services.annotations.idle();
    rmSync(sidecar, { force: true });
    rmSync(docUri.fsPath, { force: true });
  });

  it('Show Concordance of an entity: one row per mention with context, date and holder; a row opens its passage', async () => {
    const { panel, data } = await open('corpusLens.showConcordance', { kind: 'entity', entityIds: ['country/RU'] });
    assert.equal(data.kind, 'concordance');
    // What the workbench receives when the command runs from the palette (the result as JSON): not the services.
    assert.deepEqual(JSON.parse(JSON.stringify(panel)), { kind: 'concordance', title: panel.panel.title });
    const rows = panel.concordanceRows.filter((r) => r.path === docPath);
    assert.equal(rows.length, 2);
    assert.equal(rows[0]!.hit, '俄罗斯');
    assert.ok(rows[0]!.left.endsWith('美国与'));
    assert.equal(rows[0]!.date, '2014-03');
    assert.equal(rows[1]!.date, '2018');
    const index = panel.concordanceRows.indexOf(rows[1]!);
    await panel.onMessage({ type: 'openRow', index });
    const editor = await waitFor('the passage in the editor', () => vscode.window.activeTextEditor?.document.uri.toString() === docPath && vscode.window.activeTextEditor);
    assert.equal(editor.document.offsetAt(editor.selection.active), rows[1]!.start);
  });

  it('Show Concordance asks for a code, sorts and filters, and exports CSV', async () => {
    const prompter = new ScriptedPrompter({ concordanceKind: [value('code')], concordanceCode: [value('vz-security')] });
    api.scriptPrompts(prompter);
    const { panel } = await open('corpusLens.showConcordance');
    assert.deepEqual(panel.concordanceRows.map((r) => r.hit), ['普京批评北约东扩', '普京表示愿意对话']);
    await panel.onMessage({ type: 'sort', key: 'date', descending: true });
    assert.equal(panel.concordanceRows[0]!.date, '2018');
    await panel.onMessage({ type: 'filter', text: '2014-03' });
    assert.equal(panel.concordanceRows.length, 1, 'the filter matches the date too');
    await panel.onMessage({ type: 'filter', text: '' });
    const out = join(tmpdir(), `corpus-lens-kwic-${process.pid}.csv`);
    prompter.saveTo = vscode.Uri.file(out);
    await panel.onMessage({ type: 'export', format: 'csv' });
    const csv = readFileSync(out, 'utf8');
    assert.match(csv, /^document,record,start,end,left,hit,right,date,date_source,holder,annotation\r\n/);
    assert.match(csv, /普京批评北约东扩,.*,2014-03,passage,/);
    assert.equal(csv.trim().split('\r\n').length, 3);
    rmSync(out, { force: true });
  });

  it('a regular expression that does not compile is refused when typed', async () => {
    const prompter = new ScriptedPrompter({ concordanceKind: [value('regex')], concordanceText: [() => undefined] });
    api.scriptPrompts(prompter);
    await vscode.commands.executeCommand('corpusLens.showConcordance');
    const step = prompter.steps.get('concordanceText') as { validate(v: string): string | undefined };
    assert.ok(step.validate('(unclosed'));
    assert.equal(step.validate('俄.斯'), undefined);
    assert.deepEqual(parseRange('2014–2018'), { from: '2014', to: '2018' });
    assert.deepEqual(parseRange('2014-03-'), { from: '2014-03' });
    assert.deepEqual(parseRange('2014'), { from: '2014', to: '2014' });
    assert.equal(parseRange('2018–2014'), undefined);
  });

  it('Show Matrix holder × target: count and mean stance; a cell opens its passage', async () => {
    const { panel, data } = await open('corpusLens.showMatrix', 'holder-target');
    const m = (data as { matrix: { rows: Array<{ key: string }>; cols: Array<{ key: string }>; cells: Array<{ row: number; col: number; count: number; mean?: number }> } }).matrix;
    const row = m.rows.findIndex((r) => r.key === 'entity:person/vladimir-putin');
    const col = m.cols.findIndex((c) => c.key === 'entity:organization/NATO');
    const cell = m.cells.find((c) => c.row === row && c.col === col)!;
    assert.deepEqual([cell.count, cell.mean], [1, -2]);
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    await panel.onMessage({ type: 'cell', row, col });
    const editor = await waitFor('the cell passage', () => vscode.window.activeTextEditor?.document.uri.toString() === docPath && vscode.window.activeTextEditor);
    assert.equal(editor.document.offsetAt(editor.selection.active), span('普京批评北约东扩').start);
  });

  it('Show Matrix document × code and code × code', async () => {
    const dc = (await open('corpusLens.showMatrix', 'document-code')).data as { matrix: { rows: Array<{ key: string }>; cols: Array<{ key: string; total: number }> } };
    assert.ok(dc.matrix.rows.some((r) => r.key === docPath));
    assert.equal(dc.matrix.cols.find((c) => c.key === 'vz-security')!.total >= 2, true);
    const cc = (await open('corpusLens.showMatrix', 'code-code')).data as { matrix: { rows: Array<{ key: string }>; cells: Array<{ row: number; col: number; count: number }> } };
    const r = cc.matrix.rows.findIndex((x) => x.key === 'vz-red-line');
    const s = cc.matrix.rows.findIndex((x) => x.key === 'vz-security');
    assert.ok(cc.matrix.cells.some((c) => c.row === r && c.col === s && c.count >= 1));
  });

  it('Show Timeline: mentions by the date the passage is about, claims by stance; a brush filters the other views', async () => {
    const { panel, data } = await open('corpusLens.showTimeline', { entityIds: ['country/RU'] });
    const t = (data as { timeline: { periods: string[]; series: Array<{ counts: number[] }>; claimMarks: Array<{ period: string; stance: number }> } }).timeline;
    const at = (p: string) => t.series[0]!.counts[t.periods.indexOf(p)]!;
    assert.ok(at('2014') >= 1 && at('2018') >= 1);
    assert.ok(t.claimMarks.some((c) => c.period === '2014' && c.stance === -2));
    const concordance = await open('corpusLens.showConcordance', { kind: 'code', codes: ['vz-security'] });
    assert.equal(concordance.panel.concordanceRows.length, 2);
    await panel.onMessage({ type: 'brush', from: t.periods.indexOf('2018'), to: t.periods.indexOf('2018') });
    await waitFor('the concordance filtered to 2018', async () => {
      await concordance.panel.settled();
      return concordance.panel.concordanceRows.length === 1 && concordance.panel.concordanceRows[0]!.date === '2018';
    });
    await panel.onMessage({ type: 'clearRange' });
    await waitFor('the filter cleared', async () => (await concordance.panel.settled()) && concordance.panel.concordanceRows.length === 2);
  });

  it('Show Network: co-occurrence within records and the stance network', async () => {
    const co = (await open('corpusLens.showNetwork', 'cooccurrence', { minWeight: 1 })).data as { network: { edges: Array<{ source: string; target: string; weight: number }> } };
    assert.ok(co.network.edges.some((e) => [e.source, e.target].includes('country/RU') && [e.source, e.target].includes('country/US')));
    const st = (await open('corpusLens.showNetwork', 'stance')).data as { network: { edges: Array<{ source: string; target: string; mean?: number }> } };
    const e = st.network.edges.find((x) => x.source === 'entity:person/vladimir-putin' && x.target === 'entity:organization/NATO')!;
    assert.equal(e.mean, -2);
  });

  it('each page has a strict CSP with its own script nonce, and reads only dist/webview and media', async () => {
    const a = (await open('corpusLens.showTimeline')).panel.panel.webview;
    const b = (await open('corpusLens.showNetwork', 'stance')).panel.panel.webview;
    const csp = (html: string) => /<meta http-equiv="Content-Security-Policy" content="([^"]+)">/.exec(html)?.[1] ?? '';
    for (const w of [a, b]) {
      const policy = csp(w.html);
      assert.match(policy, /^default-src 'none'; /);
      assert.match(policy, /script-src 'nonce-[A-Za-z0-9]{16,}';/);
      // Nothing inline, evaluated or remote beyond the webview's own resource origin (cspSource).
      assert.doesNotMatch(policy.split(w.cspSource).join(''), /unsafe-|https?:|\*/);
      const nonce = /'nonce-([A-Za-z0-9]+)'/.exec(policy)![1]!;
      assert.deepEqual([...w.html.matchAll(/<script ([^>]*)>/g)].map((m) => m[1]!.includes(`nonce="${nonce}"`)), [true], 'one script, with the nonce');
      const extension = vscode.extensions.getExtension(EXTENSION_ID)!.extensionUri;
      assert.deepEqual(w.options.localResourceRoots?.map((u) => u.toString()), [vscode.Uri.joinPath(extension, 'dist', 'webview').toString(), vscode.Uri.joinPath(extension, 'media').toString()]);
    }
    assert.notEqual(/'nonce-([A-Za-z0-9]+)'/.exec(csp(a.html))![1], /'nonce-([A-Za-z0-9]+)'/.exec(csp(b.html))![1], 'a nonce per page');
  });

  it('a matrix and a network export PNG and SVG as their page draws them', async () => {
    const prompter = new ScriptedPrompter({});
    const scripted = api.scriptPrompts(prompter);
    for (const [command, arg] of [['corpusLens.showMatrix', 'holder-target'], ['corpusLens.showNetwork', 'stance']] as const) {
      const { panel } = await open(command, arg);
      for (const format of ['png', 'svg'] as const) {
        const out = join(tmpdir(), `corpus-lens-view-${process.pid}-${arg}.${format}`);
        rmSync(out, { force: true });
        prompter.saveTo = vscode.Uri.file(out);
        panel.requestImage(format);
        const bytes = await waitFor(`the ${arg} ${format} written`, () => {
          try {
            const b = readFileSync(out);
            return b.length > 100 ? b : undefined;
          } catch {
            return undefined;
          }
        }, 30_000);
        if (format === 'png') assert.deepEqual([...bytes.subarray(0, 8)], [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a], 'a PNG file');
        else assert.match(bytes.toString('utf8'), /^(<\?xml[^>]*>\s*)?<svg[\s\S]*<\/svg>\s*$/);
        rmSync(out, { force: true });
      }
    }
    scripted.dispose();
  });

  it('a view is restored after a reload from the state its page kept (WebviewPanelSerializer)', async () => {
    const { panel, data } = await open('corpusLens.showMatrix', 'holder-target');
    const service = (panel as unknown as { host: VisualizeService }).host;
    const state = JSON.parse(JSON.stringify(panel.state)) as typeof panel.state;
    const webview = vscode.window.createWebviewPanel(VIEW_TYPE, 'restored', vscode.ViewColumn.Active, { enableScripts: true });
    await new VisualizeSerializer(service).deserializeWebviewPanel(webview, state);
    const restored = [...service.panels].find((p) => p.panel === webview)!;
    assert.ok(restored, 'the restored panel is one of the service\'s panels');
    panels.push(restored);
    const again = (await waitFor('the restored page to receive its data', async () => (await Promise.race([restored.settled(), new Promise((r) => setTimeout(r, 500))])) as never, 30_000)) as Record<string, unknown>;
    assert.deepEqual((again as { matrix: unknown }).matrix, (data as { matrix: unknown }).matrix);
    assert.equal(webview.title, panel.panel.title);
    // A panel saved without a state (an older version) is closed, not left empty.
    const empty = vscode.window.createWebviewPanel(VIEW_TYPE, 'empty', vscode.ViewColumn.Active, {});
    let disposed = false;
    empty.onDidDispose(() => (disposed = true));
    await new VisualizeSerializer(service).deserializeWebviewPanel(empty, undefined);
    assert.ok(disposed);
  });

  it('the views follow the index: a new document shows in an open concordance', async () => {
    const { panel } = await open('corpusLens.showConcordance', { kind: 'entity', entityIds: ['country/RU'] });
    const before = panel.concordanceRows.length;
    const extra = vscode.Uri.joinPath(vscode.workspace.workspaceFolders![0]!.uri, 'views-extra.txt');
    writeFileSync(extra.fsPath, '2019年，俄罗斯外交部发表声明。\n');
    try {
      await waitFor('the concordance refreshed with the new document', async () => {
        await panel.settled();
        return panel.concordanceRows.length === before + 1 && panel.concordanceRows.some((r) => r.path === extra.toString() && r.date === '2019');
      }, 60_000);
    } finally {
      rmSync(extra.fsPath, { force: true });
    }
    await waitFor('the concordance back without it', async () => (await panel.settled()) && panel.concordanceRows.length === before, 60_000);
  });

  it('the views follow the annotations: a new claim shows in an open matrix', async () => {
    const { panel } = await open('corpusLens.showMatrix', 'holder-target');
    await api.services.annotations.add(docPath, { ...span('美国与俄罗斯关系紧张'), claim: 'tension', stance: { polarity: 'neutral' }, holder: { text: '记者' }, about: { entity: 'country/RU' } });
    await waitFor('the matrix refreshed', async () => {
      const d = (await panel.settled()) as { matrix?: { rows: Array<{ key: string }> } } | undefined;
      return d?.matrix?.rows.some((r) => r.key === 'text:记者');
    });
  });
});
