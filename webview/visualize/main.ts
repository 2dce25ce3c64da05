/**
 * The page of a Corpus Lens view (concordance, matrix, timeline, network). It only draws what the extension
 * computed and sends back clicks, sort/filter changes, brushes and exports. No inline styles or scripts: the
 * stylesheet is media/visualize.css, colours come from the VS Code theme's CSS variables (re-read when the theme
 * changes), and charts are drawn by ECharts (canvas; SVG for export) and graphs by Cytoscape.js.
 */
import { Virtualizer, elementScroll, observeElementOffset, observeElementRect } from '@tanstack/virtual-core';
import cytoscape from 'cytoscape';
import { HeatmapChart, LineChart, ScatterChart } from 'echarts/charts';
import { AriaComponent, DataZoomComponent, GridComponent, LegendComponent, VisualMapComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import { CanvasRenderer, SVGRenderer } from 'echarts/renderers';
import * as l10n from '@vscode/l10n';

echarts.use([HeatmapChart, LineChart, ScatterChart, AriaComponent, DataZoomComponent, GridComponent, LegendComponent, VisualMapComponent, CanvasRenderer, SVGRenderer]);

interface VsCodeApi {
  postMessage(message: unknown): void;
  setState(state: unknown): void;
  getState(): unknown;
}
declare function acquireVsCodeApi(): VsCodeApi;

const vscode = acquireVsCodeApi();
const app = document.getElementById('app')!;
// Every visible string goes through @vscode/l10n, with the runtime bundle the extension uses (the panel writes it in
// data-l10n: l10n/bundle.l10n.<locale>.json contents, {} in English, where the keys are the text).
l10n.config({ contents: JSON.parse(document.body.dataset.l10n || '{}') as Record<string, string> });

/** A period granularity (year, month, decade) as a word. */
function granularityName(g: string): string {
  return g === 'month' ? l10n.t('month') : g === 'decade' ? l10n.t('decade') : g === 'year' ? l10n.t('year') : g;
}

const GRANULARITIES = (): Array<[string, string]> => [['year', l10n.t('year')], ['month', l10n.t('month')], ['decade', l10n.t('decade')]];

/** A claim's polarity (support, oppose, neutral, mixed) as a word. */
function polarityName(p: string): string {
  switch (p) {
    case 'support': return l10n.t('support');
    case 'oppose': return l10n.t('oppose');
    case 'neutral': return l10n.t('neutral');
    case 'mixed': return l10n.t('mixed');
    default: return p;
  }
}

/** Why the core left passages out of a matrix (its reasons are keys in English). */
function skipReason(reason: string, n: number): string {
  switch (reason) {
    case 'no code': return l10n.t('{0} without a code', n);
    case 'no value of the grouping': return l10n.t('{0} without a value of the grouping', n);
    case 'no holder': return l10n.t('{0} without a holder', n);
    case 'no target': return l10n.t('{0} without a target', n);
    case 'undated': return l10n.t('{0} undated', n);
    case 'dated less precisely than a year': return l10n.t('{0} dated less precisely than a year', n);
    case 'dated less precisely than a month': return l10n.t('{0} dated less precisely than a month', n);
    case 'dated less precisely than a decade': return l10n.t('{0} dated less precisely than a decade', n);
    default: return `${n} ${reason}`;
  }
}
const post = (m: unknown) => vscode.postMessage(m);

// -------------------------------------------------------------------------------------------------------------
// DOM helpers (text only: corpus text never becomes markup)
// -------------------------------------------------------------------------------------------------------------

function el<K extends keyof HTMLElementTagNameMap>(tag: K, attrs: Record<string, string> = {}, ...children: Array<Node | string>): HTMLElementTagNameMap[K] {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (k === 'class') e.className = v;
    else e.setAttribute(k, v);
  }
  for (const c of children) e.append(c);
  return e;
}

function button(label: string, onClick: () => void, attrs: Record<string, string> = {}): HTMLButtonElement {
  const b = el('button', { type: 'button', ...attrs }, label);
  b.addEventListener('click', onClick);
  return b;
}

function select(label: string, options: Array<[string, string]>, value: string, onChange: (v: string) => void): HTMLLabelElement {
  const s = el('select', { 'aria-label': label });
  for (const [v, text] of options) {
    const o = el('option', { value: v }, text);
    if (v === value) o.selected = true;
    s.append(o);
  }
  s.addEventListener('change', () => onChange(s.value));
  return el('label', {}, `${label} `, s);
}

function cssVar(name: string, fallback: string): string {
  return getComputedStyle(document.body).getPropertyValue(name).trim() || fallback;
}

function theme() {
  return {
    fg: cssVar('--vscode-foreground', '#333'),
    muted: cssVar('--vscode-descriptionForeground', '#777'),
    bg: cssVar('--vscode-editor-background', '#fff'),
    // High contrast themes define a contrast border (the others leave it unset).
    border: cssVar('--vscode-contrastBorder', cssVar('--vscode-editorWidget-border', cssVar('--vscode-panel-border', '#888'))),
    focus: cssVar('--vscode-focusBorder', '#0af'),
    font: cssVar('--vscode-font-family', 'sans-serif'),
    red: cssVar('--vscode-charts-red', '#e5534b'),
    green: cssVar('--vscode-charts-green', '#3fb950'),
    blue: cssVar('--vscode-charts-blue', '#4493f8'),
    yellow: cssVar('--vscode-charts-yellow', '#d29922'),
    orange: cssVar('--vscode-charts-orange', '#db6d28'),
    purple: cssVar('--vscode-charts-purple', '#ab7df8'),
    lines: cssVar('--vscode-charts-lines', '#888'),
  };
}

function palette(t = theme()): string[] {
  return [t.blue, t.orange, t.green, t.purple, t.red, t.yellow, t.lines];
}

function polarityColour(p: string, t = theme()): string {
  return p === 'support' ? t.green : p === 'oppose' ? t.red : p === 'mixed' ? t.yellow : t.lines;
}

/** Mean stance −2..+2 → red … grey … green. */
function stanceColour(mean: number, t = theme()): string {
  return mean <= -0.5 ? t.red : mean >= 0.5 ? t.green : t.lines;
}

let state: Record<string, unknown> = (vscode.getState() as Record<string, unknown> | undefined) ?? {};
function saveState(s: Record<string, unknown>): void {
  state = s;
  vscode.setState(s);
}

function header(title: string, range: string | undefined, ...tools: Node[]): HTMLElement {
  const h = el('header', { class: 'toolbar' }, el('h1', {}, title));
  if (range) h.append(el('span', { class: 'range', role: 'status' }, `${l10n.t('Filtered by the timeline to {0}', range)} `), button(l10n.t('Clear time filter'), () => post({ type: 'clearRange' })));
  h.append(...tools);
  return h;
}

function exportButtons(image: boolean): Node[] {
  const out: Node[] = [button(l10n.t('Export CSV'), () => post({ type: 'export', format: 'csv' }))];
  if (image) out.push(button(l10n.t('Export PNG'), () => exportImage('png')), button(l10n.t('Export SVG'), () => exportImage('svg')));
  return out;
}

let exportImage: (format: 'png' | 'svg') => void = () => undefined;
let onTheme: () => void = () => undefined;
let dispose: () => void = () => undefined;

new MutationObserver(() => onTheme()).observe(document.body, { attributes: true, attributeFilter: ['class'] });

// -------------------------------------------------------------------------------------------------------------
// Concordance: virtualised rows, fetched from the extension a page at a time
// -------------------------------------------------------------------------------------------------------------

interface Row {
  left: string;
  hit: string;
  right: string;
  doc: string;
  date?: string;
  holder?: string;
}

const ROW_HEIGHT = 24;

function concordance(m: { state: { title?: string; sort?: { key: string; descending: boolean }; filter?: string }; range?: string; total: number; shown: number; error?: string; unreadable: number; rows: Row[] }): void {
  const rows = new Map<number, Row>();
  let shown = m.shown;
  let active = 0;
  const pending = new Set<number>();
  m.rows.forEach((r, i) => rows.set(i, r));
  const count = el('span', { class: 'muted', role: 'status' });
  const setCount = () =>
    (count.textContent = m.unreadable
      ? l10n.t('{0} of {1} hits ({2} documents could not be read)', shown.toLocaleString(), m.total.toLocaleString(), m.unreadable)
      : l10n.t('{0} of {1} hits', shown.toLocaleString(), m.total.toLocaleString()));
  setCount();
  const filter = el('input', { type: 'search', placeholder: l10n.t('Filter rows (any script)'), 'aria-label': l10n.t('Filter rows'), value: m.state.filter ?? '' });
  let timer: ReturnType<typeof setTimeout> | undefined;
  filter.addEventListener('input', () => {
    if (timer) clearTimeout(timer);
    timer = setTimeout(() => post({ type: 'filter', text: filter.value }), 250);
  });
  const sort = m.state.sort ?? { key: 'document', descending: false };
  const sortKey = select(l10n.t('Sort by'), [['document', l10n.t('document')], ['left', l10n.t('left word')], ['right', l10n.t('right word')], ['hit', l10n.t('hit')], ['date', l10n.t('date')], ['holder', l10n.t('holder')]], sort.key, (v) => {
    sort.key = v;
    post({ type: 'sort', key: v, descending: sort.descending });
  });
  const desc = el('input', { type: 'checkbox', 'aria-label': l10n.t('Descending') });
  desc.checked = sort.descending;
  desc.addEventListener('change', () => {
    sort.descending = desc.checked;
    post({ type: 'sort', key: sort.key, descending: sort.descending });
  });
  const head = header(m.state.title ?? l10n.t('Concordance'), m.range, el('span', { class: 'tools' }, filter, sortKey, el('label', {}, desc, ` ${l10n.t('descending')}`), ...exportButtons(false)), count);
  const headings: Array<[string, string]> = [['document', l10n.t('Document')], ['date', l10n.t('Date')], ['holder', l10n.t('Holder')], ['left', l10n.t('Left')], ['hit', l10n.t('Hit')], ['right', l10n.t('Right')]];
  const columns = el('div', { class: 'kwic-row kwic-head', role: 'row' }, ...headings.map(([c, text]) => el('span', { role: 'columnheader', class: `c-${c}` }, text)));
  const scroller = el('div', { class: 'kwic', role: 'grid', tabindex: '0', 'aria-label': l10n.t('Concordance rows: arrow keys move, Enter opens the passage'), 'aria-rowcount': String(shown) });
  const inner = el('div', { class: 'kwic-inner' });
  scroller.append(inner);
  app.replaceChildren(head, ...(m.error ? [el('p', { class: 'error', role: 'alert' }, m.error)] : []), columns, scroller);

  const virtualizer = new Virtualizer<HTMLDivElement, HTMLDivElement>({
    count: shown,
    getScrollElement: () => scroller,
    estimateSize: () => ROW_HEIGHT,
    scrollToFn: elementScroll,
    observeElementRect,
    observeElementOffset,
    overscan: 12,
    onChange: () => render(),
  });
  const cleanup = virtualizer._didMount();
  virtualizer._willUpdate();

  function fetchMissing(from: number, to: number): void {
    let first = -1;
    for (let i = from; i < to; i++) if (!rows.has(i) && !pending.has(i)) first = first < 0 ? i : first;
    if (first < 0) return;
    const start = Math.max(0, first - 50);
    const end = Math.min(shown, to + 150);
    for (let i = start; i < end; i++) pending.add(i);
    post({ type: 'rows', from: start, to: end });
  }

  function render(): void {
    const items = virtualizer.getVirtualItems();
    inner.style.height = `${virtualizer.getTotalSize()}px`;
    const nodes: HTMLElement[] = [];
    for (const it of items) {
      const r = rows.get(it.index);
      const row = el('div', { class: `kwic-row${it.index === active ? ' active' : ''}`, role: 'row', id: `row-${it.index}`, 'aria-rowindex': String(it.index + 1) });
      row.style.transform = `translateY(${it.start}px)`;
      if (r) {
        row.setAttribute('aria-label', `${r.doc}${r.date ? `, ${r.date}` : ''}: ${r.left} [${r.hit}] ${r.right}`);
        row.append(
          el('span', { class: 'c-document', role: 'gridcell', title: r.doc }, r.doc),
          el('span', { class: 'c-date', role: 'gridcell' }, r.date ?? ''),
          el('span', { class: 'c-holder', role: 'gridcell', title: r.holder ?? '' }, r.holder ?? ''),
          el('span', { class: 'c-left', role: 'gridcell' }, el('span', {}, r.left)),
          el('span', { class: 'c-hit', role: 'gridcell' }, r.hit),
          el('span', { class: 'c-right', role: 'gridcell' }, r.right),
        );
        row.addEventListener('click', () => {
          active = it.index;
          post({ type: 'openRow', index: it.index });
          render();
        });
      } else row.append(el('span', { class: 'muted' }, '…'));
      nodes.push(row);
    }
    inner.replaceChildren(...nodes);
    if (items.length) fetchMissing(items[0]!.index, items[items.length - 1]!.index + 1);
    scroller.setAttribute('aria-activedescendant', `row-${active}`);
  }

  scroller.addEventListener('keydown', (e) => {
    const page = Math.max(1, Math.floor(scroller.clientHeight / ROW_HEIGHT) - 1);
    const moves: Record<string, number> = { ArrowDown: 1, ArrowUp: -1, PageDown: page, PageUp: -page, Home: -Infinity, End: Infinity };
    if (e.key in moves) {
      e.preventDefault();
      active = Math.max(0, Math.min(shown - 1, active + moves[e.key]!));
      virtualizer.scrollToIndex(active);
      render();
    } else if (e.key === 'Enter' && shown) {
      e.preventDefault();
      post({ type: 'openRow', index: active });
    }
  });

  const onMessage = (ev: MessageEvent) => {
    const d = ev.data as { type: string; from?: number; rows?: Row[]; shown?: number; state?: Record<string, unknown> };
    if (d.type === 'rows') {
      d.rows!.forEach((r, k) => {
        rows.set(d.from! + k, r);
        pending.delete(d.from! + k);
      });
      render();
    } else if (d.type === 'reset') {
      rows.clear();
      pending.clear();
      shown = d.shown!;
      d.rows!.forEach((r, i) => rows.set(i, r));
      active = 0;
      setCount();
      scroller.setAttribute('aria-rowcount', String(shown));
      virtualizer.setOptions({ ...virtualizer.options, count: shown });
      virtualizer.scrollToOffset(0);
      virtualizer._willUpdate();
      render();
      saveState({ ...state, ...d.state });
    }
  };
  window.addEventListener('message', onMessage);
  dispose = () => {
    window.removeEventListener('message', onMessage);
    cleanup();
  };
  render();
}

// -------------------------------------------------------------------------------------------------------------
// Charts (ECharts)
// -------------------------------------------------------------------------------------------------------------

function chartBox(label: string): HTMLDivElement {
  return el('div', { class: 'chart', role: 'img', 'aria-label': label });
}

/** Draws an option builder into a box, redraws on theme change and resize, and wires PNG/SVG export. */
function chart(box: HTMLDivElement, options: () => echarts.EChartsCoreOption, onClick: (p: { seriesIndex?: number; dataIndex: number; data: unknown; componentType: string }) => void, extra?: (c: echarts.ECharts) => void): echarts.ECharts {
  let c = echarts.init(box, undefined, { renderer: 'canvas' });
  // The chart's description for screen readers is the box's (localised) label, not ECharts' generated English one.
  const build = () => ({ ...options(), aria: { enabled: true, label: { description: box.getAttribute('aria-label') ?? '' } } });
  const draw = () => {
    c.on('finished', markSettled);
    c.setOption(build(), true);
  };
  draw();
  c.on('click', (p) => onClick(p as never));
  extra?.(c);
  const resize = () => c.resize();
  window.addEventListener('resize', resize);
  onTheme = () => {
    c.dispose();
    c = echarts.init(box, undefined, { renderer: 'canvas' });
    draw();
    c.on('click', (p) => onClick(p as never));
    extra?.(c);
  };
  exportImage = (format) => {
    if (format === 'png') {
      post({ type: 'export', format, data: c.getDataURL({ type: 'png', pixelRatio: 2, backgroundColor: theme().bg }) });
      return;
    }
    const off = el('div', { class: 'offscreen' });
    document.body.append(off);
    const svg = echarts.init(off, undefined, { renderer: 'svg', ssr: true, width: box.clientWidth || 900, height: box.clientHeight || 500 });
    svg.setOption({ ...build(), animation: false, backgroundColor: theme().bg });
    post({ type: 'export', format, data: svg.renderToSVGString() });
    svg.dispose();
    off.remove();
  };
  dispose = () => {
    window.removeEventListener('resize', resize);
    c.dispose();
  };
  return c;
}

function axisStyle(t = theme()) {
  return { axisLine: { lineStyle: { color: t.border } }, axisLabel: { color: t.fg, fontFamily: t.font }, splitLine: { lineStyle: { color: t.border, opacity: 0.3 } } };
}

interface MatrixData {
  kind: string;
  rows: Array<{ key: string; label: string; total: number }>;
  cols: Array<{ key: string; label: string; total: number }>;
  cells: Array<{ row: number; col: number; count: number; mean?: number; polarity?: Record<string, number> }>;
  skipped: Record<string, number>;
}

function matrix(m: { state: Record<string, string>; range?: string; matrix: MatrixData; groupings?: Array<[string, string]> }): void {
  const x = m.matrix;
  const tools: Node[] = [];
  const set = (options: Record<string, string>) => post({ type: 'options', options });
  if (x.kind === 'document-code') tools.push(select(l10n.t('Rows'), [['document', l10n.t('documents')], ['record', l10n.t('records')], ['folder', l10n.t('folders')], ...(m.groupings ?? [])], m.state.rowBy ?? 'document', (v) => set({ rowBy: v })));
  if (x.kind === 'code-code') tools.push(select(l10n.t('Together on'), [['segment', l10n.t('the same segment')], ['overlap', l10n.t('overlapping segments')], ['record', l10n.t('the same record')]], m.state.scope ?? 'segment', (v) => set({ scope: v })));
  if (x.kind === 'entity-period') tools.push(select(l10n.t('Period'), GRANULARITIES(), m.state.granularity ?? 'year', (v) => set({ granularity: v })));
  const skipped = Object.entries(x.skipped).map(([k, n]) => skipReason(k, n)).join(l10n.t(', '));
  const title = m.state.title ?? l10n.t('Matrix');
  const box = chartBox(l10n.t('{0}: {1} rows × {2} columns, {3} non-empty cells. The table below lists them.', title, x.rows.length, x.cols.length, x.cells.length));
  const rowsShown = Math.max(1, x.rows.length);
  box.classList.add(rowsShown > 30 ? 'tall' : 'normal');
  const note = (x.cells.length ? l10n.t('Click a cell for its passages.') : l10n.t('Nothing to show yet.')) + (skipped ? ` ${l10n.t('Left out: {0}.', skipped)}` : '');
  app.replaceChildren(header(title, m.range, el('span', { class: 'tools' }, ...tools, ...exportButtons(true))), el('p', { class: 'muted' }, note), box, cellTable(x));
  const holder = x.kind === 'holder-target';
  const max = Math.max(1, ...x.cells.map((c) => c.count));
  chart(
    box,
    () => {
      const t = theme();
      const ax = axisStyle(t);
      const base = {
        textStyle: { color: t.fg, fontFamily: t.font },
        grid: { left: 8, right: 40, top: 10, bottom: 60, containLabel: true },
        xAxis: { type: 'category', data: x.cols.map((c) => c.label), ...ax, axisLabel: { ...ax.axisLabel, rotate: 40, interval: 0, width: 120, overflow: 'truncate' }, splitArea: { show: false } },
        yAxis: { type: 'category', data: x.rows.map((r) => r.label), inverse: true, ...ax, axisLabel: { ...ax.axisLabel, width: 220, overflow: 'truncate', interval: 0 } },
        dataZoom: x.rows.length > 40 ? [{ type: 'slider', yAxisIndex: 0, right: 0, width: 14, startValue: 0, endValue: 39 }, { type: 'inside', yAxisIndex: 0 }] : [],
      };
      if (holder) {
        return {
          ...base,
          visualMap: { type: 'continuous', min: -2, max: 2, dimension: 3, orient: 'horizontal', left: 'center', bottom: 0, inRange: { color: [t.red, t.lines, t.green] }, text: [l10n.t('support'), l10n.t('oppose')], textStyle: { color: t.fg }, calculable: false },
          series: [{ type: 'scatter', data: x.cells.map((c) => [c.col, c.row, c.count, c.mean ?? 0]), symbolSize: (v: number[]) => 8 + 28 * Math.sqrt(v[2]! / max), label: { show: true, formatter: (p: { data: number[] }) => String(p.data[2]), color: t.bg, fontSize: 10 } }],
        };
      }
      return {
        ...base,
        visualMap: { type: 'continuous', min: 0, max, dimension: 2, orient: 'horizontal', left: 'center', bottom: 0, inRange: { color: [t.bg, t.blue] }, textStyle: { color: t.fg }, calculable: false },
        series: [{ type: 'heatmap', data: x.cells.map((c) => [c.col, c.row, c.count]), label: { show: x.cells.length <= 600, color: t.fg, fontSize: 10 }, itemStyle: { borderColor: t.bg, borderWidth: 1 }, emphasis: { itemStyle: { borderColor: t.focus, borderWidth: 2 } } }],
      };
    },
    (p) => {
      const d = p.data as number[];
      if (Array.isArray(d)) post({ type: 'cell', row: d[1], col: d[0] });
    },
  );
}

/** The matrix as an accessible table: every non-empty cell a button (keyboard and screen readers). */
function cellTable(x: MatrixData): HTMLElement {
  const details = el('details', { class: 'cells' }, el('summary', {}, l10n.t('Table of the {0} non-empty cells', x.cells.length)));
  const table = el('table', {}, el('thead', {}, el('tr', {}, el('th', {}, l10n.t('Row')), el('th', {}, l10n.t('Column')), el('th', {}, l10n.t('Count')), ...(x.kind === 'holder-target' ? [el('th', {}, l10n.t('Mean stance'))] : []))));
  const body = el('tbody');
  for (const c of x.cells.slice(0, 3000)) {
    const b = button(String(c.count), () => post({ type: 'cell', row: c.row, col: c.col }), { 'aria-label': l10n.t('{0} × {1}: {2}, open the passages', x.rows[c.row]!.label, x.cols[c.col]!.label, c.count) });
    body.append(el('tr', {}, el('td', {}, x.rows[c.row]!.label), el('td', {}, x.cols[c.col]!.label), el('td', { class: 'num' }, b), ...(c.mean !== undefined ? [el('td', { class: 'num' }, c.mean.toFixed(2))] : [])));
  }
  table.append(body);
  details.append(table);
  return details;
}

interface TimelineData {
  granularity: string;
  periods: string[];
  series: Array<{ key: string; label: string; counts: number[]; undated: number; vague: number }>;
  claims: Record<string, number[]>;
  claimMarks: Array<{ period: string; stance: number; polarity: string; claim: string }>;
  undatedClaims: number;
}

function timeline(m: { state: Record<string, string>; timeline: TimelineData }): void {
  const t0 = m.timeline;
  const set = (options: Record<string, string>) => post({ type: 'options', options });
  const period = granularityName(t0.granularity);
  const undated = t0.series.map((s) => (s.vague ? l10n.t('{0}: {1} undated, {2} vaguer than a {3}', s.label, s.undated, s.vague, period) : l10n.t('{0}: {1} undated', s.label, s.undated))).join(l10n.t('; '));
  const box = chartBox(l10n.t('Timeline of {0} by {1}, and {2} claims by stance. The table below lists the counts.', t0.series.map((s) => s.label).join(l10n.t(', ')), period, t0.claimMarks.length));
  box.classList.add('tall');
  const status = el('span', { class: 'muted', role: 'status' });
  app.replaceChildren(
    header(m.state.title ?? l10n.t('Timeline'), undefined, el('span', { class: 'tools' }, select(l10n.t('Period'), GRANULARITIES(), t0.granularity, (v) => set({ granularity: v })), button(l10n.t('Clear time filter'), () => post({ type: 'clearRange' })), ...exportButtons(true)), status),
    el(
      'p',
      { class: 'muted' },
      `${l10n.t('Mentions by the date the passage is about; claims by stance (−2 … +2). Drag the slider under the chart to filter the other views to a period; click a point for its passages.')} ${undated}${t0.undatedClaims ? `${l10n.t('; ')}${l10n.t('{0} claims undated', t0.undatedClaims)}` : ''}${l10n.t('.')}`,
    ),
    box,
    periodTable(t0),
  );
  const jitter = (i: number) => ((i * 2654435761) % 1000) / 1000 - 0.5;
  chart(
    box,
    () => {
      const t = theme();
      const ax = axisStyle(t);
      const colours = palette(t);
      return {
        textStyle: { color: t.fg, fontFamily: t.font },
        // One line that scrolls (many entities would wrap over the chart and its axis name).
        legend: { type: 'scroll', top: 0, textStyle: { color: t.fg }, pageTextStyle: { color: t.fg }, pageIconColor: t.fg, pageIconInactiveColor: t.muted },
        grid: [
          { left: 50, right: 20, top: 48, height: '42%' },
          { left: 50, right: 20, top: '62%', height: '22%' },
        ],
        xAxis: [
          { type: 'category', data: t0.periods, gridIndex: 0, ...ax },
          { type: 'category', data: t0.periods, gridIndex: 1, ...ax },
        ],
        yAxis: [
          { type: 'value', gridIndex: 0, name: l10n.t('mentions'), nameTextStyle: { color: t.muted }, minInterval: 1, ...ax },
          // Stance runs from -2 to +2 (the marks jittered a little around their value): whole numbers on the axis.
          { type: 'value', gridIndex: 1, name: l10n.t('stance'), nameTextStyle: { color: t.muted }, min: -2.5, max: 2.5, interval: 0.5, ...ax, axisLabel: { ...ax.axisLabel, formatter: (v: number) => (Number.isInteger(v) ? (v > 0 ? `+${v}` : String(v)) : '') } },
        ],
        dataZoom: [{ type: 'slider', xAxisIndex: [0, 1], bottom: 4, height: 18, textStyle: { color: t.fg }, borderColor: t.border }],
        series: [
          ...t0.series.map((s, i) => ({ name: s.label, type: 'line', xAxisIndex: 0, yAxisIndex: 0, data: s.counts, showSymbol: true, symbolSize: 6, color: colours[i % colours.length] })),
          {
            name: l10n.t('claims'),
            type: 'scatter',
            xAxisIndex: 1,
            yAxisIndex: 1,
            data: t0.claimMarks.map((c, i) => ({ value: [t0.periods.indexOf(c.period), c.stance + jitter(i) * 0.5], itemStyle: { color: polarityColour(c.polarity, t) } })),
            symbolSize: 8,
            color: t.lines,
          },
        ],
      };
    },
    (p) => {
      if (p.seriesIndex === undefined) return;
      if (p.seriesIndex < t0.series.length) post({ type: 'point', series: p.seriesIndex, period: p.dataIndex });
      else post({ type: 'claim', index: p.dataIndex });
    },
    (c) => {
      let timer: ReturnType<typeof setTimeout> | undefined;
      c.on('datazoom', () => {
        if (timer) clearTimeout(timer);
        timer = setTimeout(() => {
          const dz = (c.getOption() as { dataZoom?: Array<{ startValue?: number; endValue?: number }> }).dataZoom?.[0];
          if (!dz || dz.startValue === undefined || dz.endValue === undefined) return;
          const whole = dz.startValue <= 0 && dz.endValue >= t0.periods.length - 1;
          status.textContent = whole ? '' : l10n.t('Other views: {0} – {1}', t0.periods[dz.startValue]!, t0.periods[dz.endValue]!);
          post(whole ? { type: 'clearRange' } : { type: 'brush', from: dz.startValue, to: dz.endValue });
        }, 400);
      });
    },
  );
}

function periodTable(t0: TimelineData): HTMLElement {
  const details = el('details', { class: 'cells' }, el('summary', {}, l10n.t('Table of the {0} periods', t0.periods.length)));
  const table = el('table', {}, el('thead', {}, el('tr', {}, el('th', {}, l10n.t('Period')), ...t0.series.map((s) => el('th', {}, s.label)), ...Object.keys(t0.claims).map((p) => el('th', {}, l10n.t('claims {0}', polarityName(p)))))));
  const body = el('tbody');
  t0.periods.forEach((p, i) => {
    const cells = t0.series.map((s, k) => el('td', { class: 'num' }, s.counts[i] ? button(String(s.counts[i]), () => post({ type: 'point', series: k, period: i }), { 'aria-label': l10n.t('{0}, {1}: {2} mentions, open them', s.label, p, s.counts[i]!) }) : '0'));
    const claims = Object.entries(t0.claims).map(([pol, c]) => el('td', { class: 'num' }, c[i] ? button(String(c[i]), () => post({ type: 'claimsIn', period: i, polarity: pol }), { 'aria-label': l10n.t('{0}: {1} {2} claims, open them', p, c[i]!, polarityName(pol)) }) : '0'));
    body.append(el('tr', {}, el('th', { scope: 'row' }, p), ...cells, ...claims));
  });
  table.append(body);
  details.append(table);
  return details;
}

// -------------------------------------------------------------------------------------------------------------
// Networks (Cytoscape.js)
// -------------------------------------------------------------------------------------------------------------

interface NetworkData {
  kind: 'cooccurrence' | 'stance';
  nodes: Array<{ id: string; label: string; weight: number; community?: number; kind?: string }>;
  edges: Array<{ source: string; target: string; weight: number; mean?: number }>;
  communities: number;
  dropped: { nodes: number; edges: number };
}

function network(m: { state: Record<string, string | number>; range?: string; network: NetworkData }): void {
  const n = m.network;
  const minWeight = el('input', { type: 'number', min: '1', value: String(m.state.minWeight ?? (n.kind === 'stance' ? 1 : 2)), 'aria-label': n.kind === 'stance' ? l10n.t('Least claims per edge') : l10n.t('Least shared records per edge') });
  minWeight.addEventListener('change', () => post({ type: 'options', options: { minWeight: Math.max(1, Number(minWeight.value) || 1) } }));
  const box = el('div', { class: 'graph', role: 'img', 'aria-label': l10n.t('{0} nodes and {1} edges. The list beside it has every node.', n.nodes.length, n.edges.length) });
  const list = el('ul', { class: 'nodes', 'aria-label': l10n.t('Nodes (Enter opens the entity or its claims)') });
  for (const node of n.nodes.slice(0, 500)) {
    const label = node.community !== undefined ? l10n.t('{0}, {1}, community {2}', node.label, node.weight, node.community + 1) : `${node.label}, ${node.weight}`;
    list.append(el('li', {}, button(`${node.label} (${node.weight})`, () => post({ type: 'node', id: node.id }), { 'aria-label': label })));
  }
  const summary = `${n.communities ? l10n.t('{0} nodes, {1} edges, {2} communities (Louvain)', n.nodes.length, n.edges.length, n.communities) : l10n.t('{0} nodes, {1} edges', n.nodes.length, n.edges.length)}${l10n.t('; ')}${l10n.t('left out under the threshold: {0} edges. Click a node to go to the entity, an edge for its passages.', n.dropped.edges)}`;
  app.replaceChildren(
    header(String(m.state.title ?? l10n.t('Network')), m.range, el('span', { class: 'tools' }, el('label', {}, `${n.kind === 'stance' ? l10n.t('Least claims') : l10n.t('Least shared records')} `, minWeight), ...exportButtons(true))),
    el('p', { class: 'muted' }, summary),
    el('div', { class: 'graph-wrap' }, box, list),
  );
  const maxW = Math.max(1, ...n.nodes.map((x) => x.weight));
  const maxE = Math.max(1, ...n.edges.map((x) => x.weight));
  let cy: cytoscape.Core;
  const build = () => {
    const t = theme();
    const colours = palette(t);
    cy?.destroy();
    cy = cytoscape({
      container: box,
      elements: [
        ...n.nodes.map((x) => ({ data: { id: x.id, label: x.label, size: 14 + 36 * Math.sqrt(x.weight / maxW), colour: n.kind === 'stance' ? (x.kind === 'holder' ? t.blue : t.purple) : colours[(x.community ?? 0) % colours.length] } })),
        ...n.edges.map((e, i) => ({ data: { id: `e${i}`, index: i, source: e.source, target: e.target, width: 1 + 7 * (e.weight / maxE), colour: n.kind === 'stance' ? stanceColour(e.mean ?? 0, t) : t.lines } })),
      ],
      style: [
        { selector: 'node', style: { 'background-color': 'data(colour)', width: 'data(size)', height: 'data(size)', label: 'data(label)', color: t.fg, 'font-family': t.font, 'font-size': 11, 'text-valign': 'bottom', 'text-margin-y': 3 } },
        { selector: 'edge', style: { width: 'data(width)', 'line-color': 'data(colour)', opacity: 0.7, 'curve-style': 'bezier', 'target-arrow-shape': n.kind === 'stance' ? 'triangle' : 'none', 'target-arrow-color': 'data(colour)' } },
        { selector: ':selected', style: { 'border-width': 3, 'border-color': t.focus } },
      ],
      // l10n-ignore: the Cytoscape layout's id
      layout: { name: 'cose', animate: false, randomize: false, nodeRepulsion: () => 9000, idealEdgeLength: () => 90 } as cytoscape.LayoutOptions,
      wheelSensitivity: 0.3,
    });
    cy.on('tap', 'node', (e) => post({ type: 'node', id: e.target.id() }));
    cy.on('tap', 'edge', (e) => post({ type: 'edge', index: e.target.data('index') }));
    // The layout runs without animation: the graph is drawn in the next frame.
    requestAnimationFrame(() => setTimeout(markSettled, 0));
  };
  build();
  onTheme = build;
  exportImage = (format) => {
    const t = theme();
    if (format === 'png') post({ type: 'export', format, data: cy.png({ output: 'base64uri', bg: t.bg, full: true, scale: 2 }) });
    else post({ type: 'export', format, data: graphSvg(cy, t) });
  };
  dispose = () => cy.destroy();
}

function esc(s: string): string {
  return s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

/** The graph as it is laid out, as an SVG document (Cytoscape draws on canvas only). */
function graphSvg(cy: cytoscape.Core, t: ReturnType<typeof theme>): string {
  const bb = cy.elements().boundingBox({});
  const pad = 20;
  const parts: string[] = [];
  cy.edges().forEach((e) => {
    const s = e.source().position();
    const d = e.target().position();
    parts.push(`<line x1="${s.x}" y1="${s.y}" x2="${d.x}" y2="${d.y}" stroke="${esc(String(e.data('colour')))}" stroke-width="${e.data('width')}" stroke-opacity="0.7"/>`);
  });
  cy.nodes().forEach((nd) => {
    const p = nd.position();
    const r = Number(nd.data('size')) / 2;
    parts.push(`<circle cx="${p.x}" cy="${p.y}" r="${r}" fill="${esc(String(nd.data('colour')))}"/><text x="${p.x}" y="${p.y + r + 12}" text-anchor="middle" font-size="11" fill="${esc(t.fg)}">${esc(String(nd.data('label')))}</text>`);
  });
  return `<svg xmlns="http://www.w3.org/2000/svg" viewBox="${bb.x1 - pad} ${bb.y1 - pad} ${bb.w + 2 * pad} ${bb.h + 2 * pad + 14}" font-family="${esc(t.font)}"><rect x="${bb.x1 - pad}" y="${bb.y1 - pad}" width="${bb.w + 2 * pad}" height="${bb.h + 2 * pad + 14}" fill="${esc(t.bg)}"/>${parts.join('')}</svg>`;
}

// -------------------------------------------------------------------------------------------------------------

window.addEventListener('message', (ev: MessageEvent) => {
  const m = ev.data as { type: string; state?: Record<string, unknown>; format?: 'png' | 'svg' };
  if (m.type === 'image') return exportImage(m.format ?? 'png');
  if (!['concordance', 'matrix', 'timeline', 'network'].includes(m.type)) return;
  dispose();
  dispose = () => undefined;
  onTheme = () => undefined;
  saveState({ ...(m.state ?? {}) });
  document.body.dataset.view = m.type;
  const received = performance.now();
  if (m.type === 'concordance') concordance(m as never);
  else if (m.type === 'matrix') matrix(m as never);
  else if (m.type === 'timeline') timeline(m as never);
  else network(m as never);
  markRendered(m as { openedAt?: number }, received);
  reportDrawn();
  // Charts say when their drawing (and animation) is finished; a table is drawn in the next frame.
  if (m.type === 'concordance') requestAnimationFrame(() => setTimeout(markSettled, 0));
});

/**
 * Tells the extension what the view shows in words: its heading and the names of its controls (buttons, fields,
 * lists), as a screen reader reads them. The panel keeps it (`drawn`) for the log and the extension-host tests,
 * which cannot read the page itself.
 */
function reportDrawn(): void {
  const controls = [...app.querySelectorAll<HTMLElement>('button, input, select, [role="grid"], [role="img"], ul[aria-label]')].map((e) => e.getAttribute('aria-label') || e.textContent?.trim() || '').filter(Boolean);
  post({ type: 'drawn', heading: app.querySelector('h1')?.textContent ?? '', controls: [...new Set(controls)].slice(0, 200), lang: document.documentElement.lang });
}

let rendered = false;
let settled = 0;
/** When this script started (Date.now(): the extension's clock on the same machine), to split the first render. */
const scriptStart = Date.now();

/**
 * `data-settled` on the body: how many times a view finished drawing (the chart's animation included). UI checks
 * wait on it (the first render, a theme change, new data) instead of sleeping before a screenshot.
 */
function markSettled(): void {
  document.body.dataset.settled = String(++settled);
}

/**
 * After the first view is drawn (the frame after it), records how long it took: `data-first-render-ms` on the body
 * (from the panel's creation in the extension to the painted view, the same clock on one machine) and
 * `data-draw-ms` (from the data's arrival to the paint), a performance mark `corpus-lens-first-render`, and tells
 * the extension (which logs it). UI checks read the attributes.
 */
function markRendered(m: { openedAt?: number }, received: number): void {
  if (rendered) return;
  rendered = true;
  requestAnimationFrame(() =>
    setTimeout(() => {
      const draw = performance.now() - received;
      const total = m.openedAt ? Date.now() - m.openedAt : performance.now();
      // The parts: the webview made and this script loaded (the workbench's), waiting for the data (the extension
      // computes it meanwhile), drawing it (this page's).
      const load = m.openedAt ? Math.max(0, scriptStart - m.openedAt) : 0;
      const wait = Math.max(0, total - load - draw);
      performance.mark('corpus-lens-first-render');
      document.body.dataset.firstRenderMs = String(Math.round(total));
      document.body.dataset.loadMs = String(Math.round(load));
      document.body.dataset.waitMs = String(Math.round(wait));
      document.body.dataset.drawMs = String(Math.round(draw));
      post({ type: 'rendered', firstRenderMs: Math.round(total), loadMs: Math.round(load), waitMs: Math.round(wait), drawMs: Math.round(draw) });
    }, 0),
  );
}

post({ type: 'ready' });
