/**
 * One view in a webview panel: concordance, matrix, timeline or network. The data is computed in core (through
 * VisualizeData) on the extension side; the page (dist/webview/visualize.js, bundled from webview/visualize) only
 * draws it and asks for rows, passages and exports. Strict CSP with a nonce, scripts and styles from the
 * extension's dist/webview and media folders only, no inline styles.
 */
import * as l10n from '@vscode/l10n';
import * as vscode from 'vscode';
import { matrixCsv, type KwicTable, type ConcordanceQuery, type CooccurrenceScope, type Granularity, type KwicRow, type Matrix, type MatrixKind, type Network, type SortKey, type Timeline } from '../../../core/views/index';
import { basename } from '../../../core/annotations/paths';
import { withResolvers } from '../../../core/async';
import { Disposable } from '../../disposable';
import { html, nonce } from '../team/html';
import { currentBundle, currentLanguage } from '../../l10n';
import type { TimeRange, VisualizeData } from './data';

export const VIEW_TYPE = 'corpusLens.visualize';

export type ViewKind = 'concordance' | 'matrix' | 'timeline' | 'network';

/** What a panel shows: kept by the webview (setState) and restored by the serializer after a reload. */
export interface PanelState {
  kind: ViewKind;
  title?: string;
  query?: ConcordanceQuery;
  sort?: { key: SortKey; descending: boolean };
  filter?: string;
  matrix?: MatrixKind;
  /** document, record, folder, or a grouping id (source, language, year, variable:NAME). */
  rowBy?: string;
  scope?: CooccurrenceScope;
  granularity?: Granularity;
  entityIds?: string[];
  topicIds?: string[];
  network?: 'cooccurrence' | 'stance';
  minWeight?: number;
  maxNodes?: number;
}

/** What the host does for a panel (implemented by the feature). */
export interface PanelHost {
  readonly data: VisualizeData;
  readonly range: TimeRange | undefined;
  setRange(range: TimeRange | undefined): void;
  reveal(path: string, start: number, end: number): Promise<void>;
  showSegments(title: string, segments: Array<{ path: string; start: number; end: number; annotationId?: string }>): Promise<void>;
  goToEntity(entityId: string): Promise<void>;
  save(defaultName: string, content: string | Uint8Array, filters: Record<string, string[]>): Promise<vscode.Uri | undefined>;
  closed(panel: VisualizePanel): void;
  /** Resolves once the knowledge base, the first index and the annotations are loaded. */
  whenReady(): Promise<void>;
  /** Writes a line to the extension's log. */
  log?(line: string): void;
}

/** The data last sent to the page (tests read it). */
export type ViewData =
  | { kind: 'concordance'; total: number; shown: number; error?: string; unreadable: number }
  | { kind: 'matrix'; matrix: Matrix; groupings: Array<[string, string]> }
  | { kind: 'timeline'; timeline: Timeline }
  | { kind: 'network'; network: Network };

const PAGE = 200;

function csvField(s: string): string {
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

export function rowsCsv(rows: readonly KwicRow[], label: (p: string) => string): string {
  const lines = ['document,record,start,end,left,hit,right,date,date_source,holder,annotation'];
  for (const r of rows) lines.push([label(r.path), r.recordId ?? '', String(r.start), String(r.end), r.left, r.hit, r.right, r.date ?? '', r.dateSource ?? '', r.holder ?? '', r.annotationId ?? ''].map(csvField).join(','));
  return `${lines.join('\r\n')}\r\n`;
}

export function timelineCsv(t: Timeline): string {
  const lines = [['period', ...t.series.map((s) => s.label), ...Object.keys(t.claims).map((p) => `claims ${p}`)].map(csvField).join(',')];
  t.periods.forEach((p, i) => lines.push([p, ...t.series.map((s) => String(s.counts[i])), ...Object.values(t.claims).map((c) => String(c[i]))].map(csvField).join(',')));
  return `${lines.join('\r\n')}\r\n`;
}

export function networkCsv(n: Network, label: (id: string) => string): string {
  const names = new Map(n.nodes.map((x) => [x.id, x.label]));
  const lines = [n.kind === 'stance' ? 'holder,target,claims,mean_stance,support,oppose,neutral,mixed' : 'source,target,shared_records,source_community,target_community'];
  const community = new Map(n.nodes.map((x) => [x.id, x.community]));
  for (const e of n.edges) {
    const row = [names.get(e.source) ?? label(e.source), names.get(e.target) ?? label(e.target), String(e.weight)];
    if (n.kind === 'stance') row.push((e.mean ?? 0).toFixed(2), ...['support', 'oppose', 'neutral', 'mixed'].map((p) => String(e.polarity?.[p] ?? 0)));
    else row.push(String(community.get(e.source) ?? ''), String(community.get(e.target) ?? ''));
    lines.push(row.map(csvField).join(','));
  }
  return `${lines.join('\r\n')}\r\n`;
}

const TITLES = (): Record<ViewKind, string> => ({ concordance: l10n.t('Concordance'), matrix: l10n.t('Matrix'), timeline: l10n.t('Timeline'), network: l10n.t('Network') });

/** A claim's polarity as a word (the timeline's claims by polarity). */
const POLARITY = (): Record<string, string> => ({ support: l10n.t('support'), oppose: l10n.t('oppose'), neutral: l10n.t('neutral'), mixed: l10n.t('mixed') });

export class VisualizePanel extends Disposable {
  /** The concordance: its hits, those inside the time range, and the view (filtered and sorted) as row numbers. */
  private table: KwicTable | undefined;
  private base: Uint32Array = new Uint32Array(0);
  private view: Uint32Array = new Uint32Array(0);
  private viewRows: KwicRow[] | undefined;
  private matrix: Matrix | undefined;
  private timelineData: Timeline | undefined;
  private networkData: Network | undefined;
  private lastData: ViewData | undefined;
  /** Resolved when the page says it is ready (its first `ready` message). */
  private readonly pageReady = withResolvers<void>();
  /** Resolves after each refresh has been sent (tests wait on it). */
  private refreshing: Promise<void> = Promise.resolve();
  /** When the panel was created (Date.now()), sent to the page, which measures its first render from it. */
  private readonly openedAt = Date.now();
  /** Pages loaded in this panel (ready messages): after the first, the page measures from its own start. */
  private pageLoads = 0;
  /** What the page last drew, in words: its heading and the names of its controls (see `drawn` in the page). */
  drawn: { heading: string; controls: string[]; lang: string } | undefined;
  /** How long the first data took to compute here (ms). */
  private computeMs: number | undefined;

  constructor(
    readonly panel: vscode.WebviewPanel,
    public state: PanelState,
    private readonly host: PanelHost,
    private readonly extensionUri: vscode.Uri,
  ) {
    super();
    panel.webview.options = { enableScripts: true, localResourceRoots: [vscode.Uri.joinPath(extensionUri, 'dist', 'webview'), vscode.Uri.joinPath(extensionUri, 'media')] };
    panel.title = state.title ?? TITLES()[state.kind];
    panel.webview.html = this.page();
    this._register(panel.webview.onDidReceiveMessage((m: Message) => void this.onMessage(m).catch((error: unknown) => this.host.data && void vscode.window.showErrorMessage(l10n.t('Corpus Lens: {0}', error instanceof Error ? error.message : String(error))))));
    this._register(panel.onDidDispose(() => this.dispose()));
    // The data is computed at once; it is sent when the page says it is ready.
    void this.refresh();
  }

  /** Waits until the page is loaded and the latest data was sent. */
  async settled(): Promise<ViewData | undefined> {
    await this.refreshing;
    return this.lastData;
  }

  get ready(): Promise<void> {
    return this.pageReady.promise;
  }

  private page(): string {
    const webview = this.panel.webview;
    const n = nonce();
    const script = webview.asWebviewUri(vscode.Uri.joinPath(this.extensionUri, 'dist', 'webview', 'visualize.js'));
    const style = webview.asWebviewUri(vscode.Uri.joinPath(this.extensionUri, 'media', 'visualize.css'));
    // The page localises itself with @vscode/l10n and the bundle the extension uses (its keys are the English text).
    const bundle = currentBundle();
    const lang = currentLanguage();
    return `<!DOCTYPE html>
<html lang="${html(lang)}">
<head>
<meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; img-src ${webview.cspSource} data: blob:; style-src ${webview.cspSource}; script-src 'nonce-${n}';">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<link rel="stylesheet" href="${style.toString()}">
<title>${html(this.panel.title)}</title>
</head>
<body data-kind="${this.state.kind}" data-l10n="${html(JSON.stringify(bundle))}">
<main id="app" aria-live="polite"><p class="muted">${html(l10n.t('Loading…'))}</p></main>
<script nonce="${n}" src="${script.toString()}"></script>
</body>
</html>`;
  }

  private post(message: unknown): void {
    void this.panel.webview.postMessage(message);
  }

  /** Recomputes the data (index or annotations changed, a brush elsewhere) and sends it once the page is ready. */
  refresh(): Promise<void> {
    this.refreshing = this.refreshing.then(async () => {
      await this.host.whenReady();
      const t0 = performance.now();
      const data = await this.compute();
      this.computeMs ??= Math.round(performance.now() - t0);
      this.lastData = data;
      await this.pageReady.promise;
      this.send(data);
    });
    return this.refreshing;
  }

  private rangeLabel(): string | undefined {
    const r = this.host.range;
    return r ? (r.from === r.to ? r.from : `${r.from} – ${r.to}`) : undefined;
  }

  private async compute(): Promise<ViewData> {
    const s = this.state;
    const data = this.host.data;
    const range = s.kind === 'timeline' ? undefined : this.host.range;
    switch (s.kind) {
      case 'concordance': {
        const { table, rows } = await data.concordance(s.query ?? { kind: 'text', pattern: '' }, range);
        this.table = table;
        this.base = rows;
        this.applyView();
        return { kind: 'concordance', total: range ? rows.length : table.total, shown: this.view.length, ...(table.error ? { error: table.error } : {}), unreadable: table.unreadable.length };
      }
      case 'matrix':
        this.matrix = await data.matrix(s.matrix ?? 'document-code', { ...(s.rowBy ? { rowBy: s.rowBy } : {}), ...(s.scope ? { scope: s.scope } : {}), ...(s.granularity ? { granularity: s.granularity } : {}), ...(s.entityIds ? { entityIds: s.entityIds } : {}) }, range);
        return { kind: 'matrix', matrix: this.matrix, groupings: s.matrix === 'document-code' ? data.groupings().map((g) => [g.id, g.label] as [string, string]) : [] };
      case 'timeline':
        this.timelineData = data.timeline({ ...(s.entityIds ? { entityIds: s.entityIds } : {}), ...(s.topicIds ? { topicIds: s.topicIds } : {}), granularity: s.granularity ?? 'year' });
        return { kind: 'timeline', timeline: this.timelineData };
      case 'network':
        this.networkData = data.network(s.network ?? 'cooccurrence', { ...(s.minWeight ? { minWeight: s.minWeight } : {}), ...(s.maxNodes ? { maxNodes: s.maxNodes } : {}) }, range);
        return { kind: 'network', network: this.networkData };
    }
  }

  private applyView(): void {
    const t = this.table;
    this.viewRows = undefined;
    if (!t) {
      this.view = new Uint32Array(0);
      return;
    }
    // Rows made for the previous view are dropped (the page asks again for what it shows).
    t.forgetRows();
    const filtered = this.state.filter ? t.filter(this.state.filter, this.base) : this.base;
    this.view = this.state.sort ? t.sort(this.state.sort.key, this.state.sort.descending, filtered) : filtered;
  }

  /** Rows `from`..`to` of the view, as the page shows them. */
  private pageRows(from: number, to: number) {
    return this.table ? this.table.rows(this.view, from, to).map(slim) : [];
  }

  /** Every concordance row in view order (filtered and sorted), made on demand: for tests and CSV. */
  get concordanceRows(): readonly KwicRow[] {
    this.viewRows ??= this.table ? this.table.rows(this.view) : [];
    return this.viewRows;
  }

  private send(data: ViewData): void {
    const common = { state: this.state, range: this.rangeLabel(), ...(this.pageLoads <= 1 ? { openedAt: this.openedAt } : {}) };
    switch (data.kind) {
      case 'concordance':
        this.post({ type: 'concordance', ...common, ...data, rows: this.pageRows(0, PAGE) });
        break;
      case 'matrix': {
        const { segments: _s, ...m } = data.matrix;
        this.post({ type: 'matrix', ...common, matrix: m, groupings: data.groupings });
        break;
      }
      case 'timeline':
        this.post({ type: 'timeline', ...common, timeline: { ...data.timeline, claimMarks: data.timeline.claimMarks.map((c) => ({ period: c.period, stance: c.stance, polarity: c.polarity, claim: c.claim })) } });
        break;
      case 'network':
        this.post({ type: 'network', ...common, network: data.network });
        break;
    }
  }

  /** A message from the page (tests send them too). */
  async onMessage(m: Message): Promise<void> {
    switch (m.type) {
      case 'ready':
        if (this.pageLoads++ > 0) {
          // The page was made anew (a hidden panel's page is dropped, and made again when it is shown): send it the
          // data again, or it stays "Loading…".
          void this.refreshing.then(() => this.lastData && this.send(this.lastData));
        }
        this.pageReady.resolve();
        return;
      case 'rendered':
        this.host.log?.(`${this.state.kind}${this.state.matrix ? ` ${this.state.matrix}` : ''}${this.state.network ? ` ${this.state.network}` : ''}: first render ${m.firstRenderMs} ms (webview and page loaded in ${m.loadMs ?? '?'} ms, data computed in ${this.computeMs ?? '?'} ms, drawn in ${m.drawMs} ms)`);
        return;
      case 'drawn':
        this.drawn = { heading: m.heading, controls: m.controls, lang: m.lang };
        return;
      case 'state':
        // What the page changed itself (sort, filter, threshold): kept for the serializer.
        return;
      case 'rows':
        this.post({ type: 'rows', from: m.from, rows: this.pageRows(m.from, Math.min(m.to, m.from + 2000)), shown: this.view.length });
        return;
      case 'sort':
        this.state = { ...this.state, sort: { key: m.key, descending: m.descending } };
        this.applyView();
        this.post({ type: 'reset', shown: this.view.length, state: this.state, rows: this.pageRows(0, PAGE) });
        return;
      case 'filter':
        this.state = { ...this.state, filter: m.text };
        this.applyView();
        this.post({ type: 'reset', shown: this.view.length, state: this.state, rows: this.pageRows(0, PAGE) });
        return;
      case 'openRow': {
        const i = this.view[m.index];
        if (i === undefined || !this.table) return;
        const r = this.table.spanOf(i);
        await this.host.reveal(r.path, r.start, r.end);
        return;
      }
      case 'cell':
        return this.openCell(m.row, m.col);
      case 'claim': {
        const c = this.timelineData?.claimMarks[m.index];
        if (c) await this.host.reveal(c.segment.path, c.segment.start, c.segment.end);
        return;
      }
      case 'point': {
        const t = this.timelineData;
        const series = t?.series[m.series];
        const period = t?.periods[m.period];
        if (!t || !series || !period) return;
        await this.host.showSegments(`${series.label} · ${period}`, this.host.data.seriesSegments(series.key, period, t.granularity));
        return;
      }
      case 'claimsIn': {
        const t = this.timelineData;
        const period = t?.periods[m.period];
        if (!t || !period) return;
        const marks = t.claimMarks.filter((c) => c.period === period && (!m.polarity || c.polarity === m.polarity));
        if (marks.length === 1) await this.host.reveal(marks[0]!.segment.path, marks[0]!.segment.start, marks[0]!.segment.end);
        else await this.host.showSegments(m.polarity ? l10n.t('Claims · {0} · {1}', period, POLARITY()[m.polarity] ?? m.polarity) : l10n.t('Claims · {0}', period), marks.map((c) => c.segment));
        return;
      }
      case 'brush': {
        const t = this.timelineData;
        if (!t) return;
        const from = t.periods[Math.max(0, m.from)];
        const to = t.periods[Math.min(t.periods.length - 1, m.to)];
        this.host.setRange(from && to ? { from, to, granularity: t.granularity } : undefined);
        return;
      }
      case 'clearRange':
        this.host.setRange(undefined);
        return;
      case 'node': {
        const n = this.networkData?.nodes.find((x) => x.id === m.id);
        if (!n) return;
        const entityId = this.networkData!.kind === 'cooccurrence' ? n.id : n.id.startsWith('entity:') ? n.id.slice(7) : undefined;
        if (entityId) await this.host.goToEntity(entityId);
        else await this.host.showSegments(n.label, this.stanceSegments((a) => `${a.holderKey}` === n.id || `${a.targetKey}` === n.id));
        return;
      }
      case 'edge': {
        const net = this.networkData;
        const e = net?.edges[m.index];
        if (!net || !e) return;
        const label = (id: string) => net.nodes.find((x) => x.id === id)?.label ?? id;
        if (net.kind === 'stance') await this.host.showSegments(`${label(e.source)} → ${label(e.target)}`, this.stanceSegments((a) => a.holderKey === e.source && a.targetKey === e.target));
        else await this.host.showSegments(`${label(e.source)} + ${label(e.target)}`, this.host.data.cooccurrenceSegments(e.source, e.target, this.host.range));
        return;
      }
      case 'export':
        return this.export(m.format, m.data);
      case 'options':
        this.state = { ...this.state, ...m.options };
        this.panel.title = this.state.title ?? TITLES()[this.state.kind];
        await this.refresh();
        return;
    }
  }

  private stanceSegments(match: (a: { holderKey?: string; targetKey?: string }) => boolean) {
    return this.host.data.stanceSegments(match, this.host.range);
  }

  private async openCell(row: number, col: number): Promise<void> {
    const m = this.matrix;
    if (!m) return;
    const r = m.rows[row];
    const c = m.cols[col];
    if (!r || !c) return;
    const segments = m.kind === 'entity-period' ? this.host.data.entityPeriodSegments(r.key, c.key, this.state.granularity ?? 'year') : (m.segments.get(`${row},${col}`) ?? []);
    if (!segments.length) return;
    if (segments.length === 1) await this.host.reveal(segments[0]!.path, segments[0]!.start, segments[0]!.end);
    else await this.host.showSegments(`${r.label} × ${c.label}`, segments);
  }

  private async export(format: 'csv' | 'png' | 'svg', data?: string): Promise<void> {
    const base = (this.panel.title || 'view').replace(/[^\p{L}\p{N}._-]+/gu, '-').replace(/^-|-$/g, '') || 'view';
    if (format === 'csv') {
      const d = this.host.data;
      const content =
        this.state.kind === 'concordance' ? rowsCsv(this.concordanceRows, d.label) : this.state.kind === 'matrix' && this.matrix ? matrixCsv(this.matrix) : this.state.kind === 'timeline' && this.timelineData ? timelineCsv(this.timelineData) : this.networkData ? networkCsv(this.networkData, d.name) : '';
      await this.host.save(`${base}.csv`, content, { CSV: ['csv'] });
      return;
    }
    if (!data) return;
    if (format === 'svg') await this.host.save(`${base}.svg`, data, { SVG: ['svg'] });
    else {
      const comma = data.indexOf(',');
      const bytes = Uint8Array.from(atob(data.slice(comma + 1)), (ch) => ch.charCodeAt(0));
      await this.host.save(`${base}.png`, bytes, { PNG: ['png'] });
    }
  }

  /** Asks the page for an image of the picture and saves it (the command and tests use it). */
  requestImage(format: 'png' | 'svg'): void {
    this.post({ type: 'image', format });
  }

  /**
   * What the Show … commands return, as the workbench receives it: a command run from the palette sends its result to
   * the window as JSON, and the panel itself holds the services (the index, the knowledge base…): serialised whole it
   * was 1.5 GB and stalled the extension host for tens of seconds per view opened. Tests in the extension host get
   * the panel object itself.
   */
  toJSON(): { kind: string; title: string } {
    return { kind: this.state.kind, title: this.panel.title };
  }

  reveal(): void {
    this.panel.reveal();
  }

  override dispose(): void {
    super.dispose();
    this.host.closed(this);
  }
}

/** The row fields the page shows. */
function slim(r: KwicRow): { left: string; hit: string; right: string; doc: string; date?: string; holder?: string } {
  // The file name, decoded (a path is a URI string: 中文.txt, not %E4%B8%AD%E6%96%87.txt).
  return { left: r.left, hit: r.hit, right: r.right, doc: basename(r.path), ...(r.date ? { date: r.date } : {}), ...(r.holder ? { holder: r.holder } : {}) };
}

export type Message =
  | { type: 'ready' }
  | { type: 'state' }
  | { type: 'drawn'; heading: string; controls: string[]; lang: string }
  | { type: 'rendered'; firstRenderMs: number; loadMs?: number; waitMs?: number; drawMs: number }
  | { type: 'rows'; from: number; to: number }
  | { type: 'sort'; key: SortKey; descending: boolean }
  | { type: 'filter'; text: string }
  | { type: 'openRow'; index: number }
  | { type: 'cell'; row: number; col: number }
  | { type: 'claim'; index: number }
  | { type: 'point'; series: number; period: number }
  | { type: 'claimsIn'; period: number; polarity?: string }
  | { type: 'brush'; from: number; to: number }
  | { type: 'clearRange' }
  | { type: 'node'; id: string }
  | { type: 'edge'; index: number }
  | { type: 'export'; format: 'csv' | 'png' | 'svg'; data?: string }
  | { type: 'options'; options: Partial<PanelState> };
