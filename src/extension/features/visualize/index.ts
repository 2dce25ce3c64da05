/**
 * See the corpus: Show Concordance / Matrix / Timeline / Network. Each opens a webview panel (panel.ts) over the
 * core aggregates (src/core/views) and leads back to the passages (revealSpan). Panels are restored after a reload
 * (WebviewPanelSerializer), refreshed when the index or the annotations change, and a brush on a timeline filters
 * the other open views by period.
 */
import * as l10n from '@vscode/l10n';
import * as vscode from 'vscode';
import { Disposable } from '../../disposable';
import { isEdtfDate } from '../../../core/dates/edtf';
import { count } from '../../l10n';
import type { ConcordanceQuery, MatrixKind, Segment } from '../../../core/views/index';
import { BACK, type Answer, type PickOption } from '../../prompter';
import type { Feature, Services } from '../../services/index';
import { revealSpan } from '../views/index';
import { VisualizeData, type TimeRange } from './data';
import { VIEW_TYPE, VisualizePanel, type PanelHost, type PanelState, type ViewData } from './panel';
import { registerCommand } from '../../commands';
import { activeCodes } from '../codes/index';

function done<T>(a: Answer<T>): a is T {
  return a !== undefined && a !== BACK;
}

export class VisualizeService extends Disposable implements PanelHost {
  readonly data: VisualizeData;
  readonly panels = new Set<VisualizePanel>();
  range: TimeRange | undefined;
  private timer: ReturnType<typeof setTimeout> | undefined;

  constructor(private readonly services: Services) {
    super();
    this.data = new VisualizeData(services);
    const changed = () => {
      this.data.invalidate();
      this.scheduleRefresh();
    };
    this._register(services.corpus.onDidChange(changed));
    this._register(services.annotations.onDidChange(changed));
    // The codes service (codebook, coded segments, variables) is activated after this feature: listen once it is.
    queueMicrotask(() => {
      if (activeCodes) this._register(activeCodes.onDidChange(changed));
    });
    this._register({
      dispose: () => {
        if (this.timer) clearTimeout(this.timer);
        for (const p of [...this.panels]) p.panel.dispose();
      },
    });
  }

  private get prompter() {
    return this.services.annotations.prompter;
  }

  private scheduleRefresh(): void {
    if (!this.panels.size) return;
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.timer = undefined;
      for (const p of this.panels) void p.refresh();
    }, 400);
  }

  setRange(range: TimeRange | undefined): void {
    this.range = range;
    for (const p of this.panels) if (p.state.kind !== 'timeline') void p.refresh();
    void this.prompter.notify({ kind: 'status', text: range ? l10n.t('Corpus Lens: views filtered to {0}', range.from === range.to ? range.from : `${range.from} – ${range.to}`) : l10n.t('Corpus Lens: time filter cleared') });
  }

  async reveal(path: string, start: number, end: number): Promise<void> {
    await revealSpan(this.services, path, { start, end });
  }

  async showSegments(title: string, segments: Segment[]): Promise<void> {
    if (!segments.length) return;
    await this.open({ kind: 'concordance', title: l10n.t('Passages: {0}', title), query: { kind: 'segments', segments, label: title } });
  }

  async goToEntity(entityId: string): Promise<void> {
    const m = this.data.firstMention(entityId);
    if (!m) return;
    await this.reveal(m.path, m.start, m.end);
    // The entity's hover card at its first mention (Find All References and Go to Entity start from there).
    await vscode.commands.executeCommand('editor.action.showHover');
  }

  async save(defaultName: string, content: string | Uint8Array, filters: Record<string, string[]>): Promise<vscode.Uri | undefined> {
    const folder = vscode.workspace.workspaceFolders?.[0]?.uri;
    const uri = await this.prompter.saveUri({ filters, ...(folder ? { defaultUri: vscode.Uri.joinPath(folder, defaultName) } : {}) });
    if (!uri) return undefined;
    await vscode.workspace.fs.writeFile(uri, typeof content === 'string' ? new TextEncoder().encode(content) : content);
    void this.prompter.notify({ kind: 'status', text: l10n.t('Corpus Lens: saved {0}', vscode.workspace.asRelativePath(uri)) });
    return uri;
  }

  async whenReady(): Promise<void> {
    await this.services.knowledge.ready;
    await this.services.corpus.ready;
    await this.services.annotations.ready;
  }

  log(line: string): void {
    this.services.log.info(`Views: ${line}`);
  }

  closed(panel: VisualizePanel): void {
    this.panels.delete(panel);
  }

  /** Opens a panel for a state (or restores one into an existing webview panel after a reload). */
  async open(state: PanelState, existing?: vscode.WebviewPanel): Promise<VisualizePanel> {
    // The panel shows at once ("Loading…"); its data waits for the first index (whenReady).
    const panel = existing ?? vscode.window.createWebviewPanel(VIEW_TYPE, state.title ?? state.kind, vscode.ViewColumn.Active, { enableScripts: true, retainContextWhenHidden: false });
    const p = new VisualizePanel(panel, state, this, this.services.context.extensionUri);
    this.panels.add(p);
    return p;
  }

  /** Show Concordance: entity, code, text or regular expression, or a date range. */
  async concordance(query?: ConcordanceQuery): Promise<VisualizePanel | undefined> {
    await this.services.knowledge.ready;
    // The entity and code pickers list what the index and the annotations hold: wait for the first index.
    await this.services.corpus.ready;
    await this.services.annotations.ready;
    const q = query ?? (await this.askQuery());
    if (!q) return undefined;
    const title =
      q.kind === 'entity'
        ? l10n.t('Concordance: {0}', q.entityIds.map(this.data.name).join(', '))
        : q.kind === 'code'
          ? l10n.t('Concordance: code {0}', q.codes.map((c) => this.data.codes().label(c)).join(', '))
          : q.kind === 'text'
            ? l10n.t('Concordance: {0}', q.regex ? `/${q.pattern}/` : `“${q.pattern}”`)
            : q.kind === 'date'
              ? l10n.t('Concordance: dates {0} – {1}', q.from ?? '…', q.to ?? '…')
              : l10n.t('Passages: {0}', q.label ?? '');
    return this.open({ kind: 'concordance', title, query: q });
  }

  private async askQuery(): Promise<ConcordanceQuery | undefined> {
    const kind = await this.prompter.pick<'entity' | 'code' | 'text' | 'regex' | 'date'>({
      id: 'concordanceKind',
      title: l10n.t('Concordance of'),
      step: 1,
      totalSteps: 2,
      options: [
        { label: l10n.t('$(symbol-class) An entity'), value: 'entity' },
        { label: l10n.t('$(tag) A code'), description: l10n.t('coded segments and claims (with the codes below it)'), value: 'code' },
        { label: l10n.t('$(search) A text'), value: 'text' },
        { label: l10n.t('$(regex) A regular expression'), value: 'regex' },
        { label: l10n.t('$(calendar) A date range'), description: l10n.t('the normalised dates'), value: 'date' },
      ],
    });
    if (!done(kind)) return undefined;
    if (kind === 'entity') {
      const counts = [...this.services.corpus.index.entityCounts()].sort((a, b) => b[1].count - a[1].count);
      const options: Array<PickOption<string>> = counts.map(([id, c]) => ({ label: this.data.name(id), description: l10n.t('{0} in {1}', c.count, count(c.documents, 'document')), detail: id, value: id }));
      const id = await this.prompter.pick<string>({ id: 'concordanceEntity', title: l10n.t('Entity'), step: 2, totalSteps: 2, options, names: (o) => this.services.knowledge.kb.get(o.value)?.allNames() ?? [o.label] });
      return done(id) ? { kind: 'entity', entityIds: [id] } : undefined;
    }
    if (kind === 'code') {
      const source = this.data.codes();
      const counts = new Map<string, number>();
      for (const u of source.coded) for (const c of u.codes) counts.set(c, (counts.get(c) ?? 0) + 1);
      if (!counts.size) {
        void this.prompter.notify({ kind: 'info', text: source.codebook ? l10n.t('no passage is coded yet.') : l10n.t('no annotation has a code (tag) yet.') });
        return undefined;
      }
      const code = await this.prompter.pick<string>({
        id: 'concordanceCode',
        title: l10n.t('Code'),
        step: 2,
        totalSteps: 2,
        options: [...counts].sort((a, b) => b[1] - a[1]).map(([c, n]) => ({ label: source.label(c), description: `${n === 1 ? l10n.t('1 passage') : l10n.t('{0} passages', n)}${source.label(c) !== c ? ` · ${c}` : ''}`, value: c })),
      });
      return done(code) ? { kind: 'code', codes: [code] } : undefined;
    }
    if (kind === 'date') {
      const v = await this.prompter.input({ id: 'concordanceDates', title: l10n.t('Date range (YYYY, YYYY-MM or YYYY-MM-DD; from–to, either may be empty)'), step: 2, totalSteps: 2, placeholder: '2014–2018', validate: (x) => (parseRange(x) ? undefined : l10n.t('Write from–to, e.g. 2014–2018, 2014-03–, –2018-06')) });
      if (!done(v)) return undefined;
      const r = parseRange(v)!;
      return { kind: 'date', ...r };
    }
    const pattern = await this.prompter.input({
      id: 'concordanceText',
      title: kind === 'regex' ? l10n.t('Regular expression') : l10n.t('Text'),
      step: 2,
      totalSteps: 2,
      validate: (x) => (!x ? l10n.t('Type something to search for') : kind === 'regex' ? validRegex(x) : undefined),
    });
    return done(pattern) ? { kind: 'text', pattern, regex: kind === 'regex' } : undefined;
  }

  async matrix(kind?: MatrixKind, options: Partial<PanelState> = {}): Promise<VisualizePanel | undefined> {
    const k =
      kind ??
      (await this.prompter.pick<MatrixKind>({
        id: 'matrixKind',
        title: l10n.t('Matrix'),
        options: [
          { label: l10n.t('$(table) Document × code'), description: l10n.t('segments per document and code'), value: 'document-code' },
          { label: l10n.t('$(person) Holder × target'), description: l10n.t('claims, coloured by mean stance'), value: 'holder-target' },
          { label: l10n.t('$(tag) Code × code'), description: l10n.t('codes applied to the same segment'), value: 'code-code' },
          { label: l10n.t('$(calendar) Entity × period'), description: l10n.t('mentions by the date a passage is about'), value: 'entity-period' },
        ],
      }));
    if (!done(k)) return undefined;
    const titles: Record<MatrixKind, string> = { 'document-code': l10n.t('Document × Code'), 'holder-target': l10n.t('Holder × Target'), 'code-code': l10n.t('Code × Code'), 'entity-period': l10n.t('Entity × Period') };
    return this.open({ kind: 'matrix', matrix: k, title: titles[k], ...options });
  }

  async timeline(options: Partial<PanelState> = {}): Promise<VisualizePanel | undefined> {
    return this.open({ kind: 'timeline', title: l10n.t('Timeline'), granularity: 'year', ...options });
  }

  async network(kind?: 'cooccurrence' | 'stance', options: Partial<PanelState> = {}): Promise<VisualizePanel | undefined> {
    const k =
      kind ??
      (await this.prompter.pick<'cooccurrence' | 'stance'>({
        id: 'networkKind',
        title: l10n.t('Network'),
        options: [
          { label: l10n.t('$(type-hierarchy) Entity co-occurrence'), description: l10n.t('entities mentioned in the same record'), value: 'cooccurrence' },
          { label: l10n.t('$(arrow-right) Stance: holder → target'), description: l10n.t('claims, edges coloured by stance'), value: 'stance' },
        ],
      }));
    if (!done(k)) return undefined;
    return this.open({ kind: 'network', network: k, title: k === 'stance' ? l10n.t('Stance Network') : l10n.t('Co-occurrence Network'), minWeight: k === 'stance' ? 1 : 2, ...options });
  }

}


/** "2014–2018", "2014-03-", "-2018", "2014": a range of EDTF bounds, either side may be open. */
export function parseRange(text: string): { from?: string; to?: string } | undefined {
  const t = text.trim().replace(/\s+to\s+/i, '–');
  if (!t) return undefined;
  if (isEdtfDate(t)) return { from: t, to: t };
  const m = /^(\d{4}(?:-\d{2}){0,2})?\s*(?:–|—|~|\.\.|\/|-)\s*(\d{4}(?:-\d{2}){0,2})?$/.exec(t);
  if (!m || (!m[1] && !m[2])) return undefined;
  const [, from, to] = m;
  if ((from && !isEdtfDate(from)) || (to && !isEdtfDate(to))) return undefined;
  if (from && to && from > to) return undefined;
  return { ...(from ? { from } : {}), ...(to ? { to } : {}) };
}

function validRegex(x: string): string | undefined {
  try {
    new RegExp(x, 'u');
    return undefined;
  } catch (error) {
    return error instanceof Error ? error.message : String(error);
  }
}

/** Restores a view panel after a window reload from the state its page saved (registered for VIEW_TYPE). */
export class VisualizeSerializer implements vscode.WebviewPanelSerializer<PanelState> {
  constructor(private readonly service: VisualizeService) {}

  async deserializeWebviewPanel(panel: vscode.WebviewPanel, state: PanelState | undefined): Promise<void> {
    if (!state?.kind) {
      panel.dispose();
      return;
    }
    await this.service.open(state, panel);
  }
}

/** The service of the running extension (tests use it through the command results). */
export let visualizeService: VisualizeService | undefined;

/** What a Show … command returns: the panel's data once it was sent to the page. */
export async function panelData(panel: VisualizePanel | undefined): Promise<ViewData | undefined> {
  return panel?.settled();
}

export const visualizeFeature: Feature = {
  id: 'visualize',
  activate: (services: Services) => {
    const service = new VisualizeService(services);
    visualizeService = service;
    return [
      service,
      vscode.window.registerWebviewPanelSerializer(VIEW_TYPE, new VisualizeSerializer(service)),
      registerCommand(services.log, 'corpusLens.showConcordance', (query?: ConcordanceQuery) => service.concordance(query)),
      registerCommand(services.log, 'corpusLens.showMatrix', (kind?: MatrixKind, options?: Partial<PanelState>) => service.matrix(kind, options)),
      registerCommand(services.log, 'corpusLens.showTimeline', (options?: Partial<PanelState>) => service.timeline(options)),
      registerCommand(services.log, 'corpusLens.showNetwork', (kind?: 'cooccurrence' | 'stance', options?: Partial<PanelState>) => service.network(kind, options)),
      registerCommand(services.log, 'corpusLens.exportViewImage', async (format?: 'png' | 'svg') => {
        const active = [...service.panels].find((p) => p.panel.active);
        active?.requestImage(format ?? 'png');
      }),
    ];
  },
};
