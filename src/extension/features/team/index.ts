/**
 * Working as a team: whose annotations are shown (all / mine / others' / one analyst / differences), colour by
 * analyst, the agreement report (a webview over core/agreement), and the side-by-side comparison of two analysts
 * with adjudication into curation annotations.
 */
import * as l10n from '@vscode/l10n';
import * as vscode from 'vscode';
import { adjudicate, agreementReport, codedAnnotations, compareAnalysts, CURATION_AUTHOR, type AgreementReport, type Decision, type Located } from '../../../core/agreement';
import type { AnnotationState } from '../../../core/annotations/index';
import { count } from '../../l10n';
import { pathOf } from '../../convert';
import { BACK, type Answer, type PickOption } from '../../prompter';
import { describeMode, type AnalystMode } from '../../services/analysts';
import type { Feature, Services } from '../../services/index';
import { fileLabel } from '../../ui/reveal';
import { renderComparison, renderReport } from './render';
import { commandRegistrar, guarded } from '../../commands';
import { dirname } from '../../../core/annotations/paths';

export interface ComparisonTarget {
  docPath: string;
  a: string;
  b: string;
}

export interface AdjudicationRequest extends ComparisonTarget {
  /** Index of the passage in the comparison (as rendered). */
  passage: number;
  decision: Decision;
}

const DECISIONS: readonly Decision[] = ['accept-a', 'accept-b', 'merge', 'disagreement'];

function done<T>(answer: Answer<T>): answer is T {
  return answer !== undefined && answer !== BACK;
}

/** Authors of a document's annotations other than the curator, most annotations first. */
function analystsOf(state: AnnotationState): string[] {
  const counts = new Map<string, number>();
  for (const r of state.annotations) if (r.annotation.author !== CURATION_AUTHOR) counts.set(r.annotation.author, (counts.get(r.annotation.author) ?? 0) + 1);
  return [...counts.entries()].sort((x, y) => y[1] - x[1] || x[0].localeCompare(y[0])).map(([a]) => a);
}

function located(state: AnnotationState): Located[] {
  return state.annotations.filter((r) => !r.orphaned);
}

class TeamCommands {
  private reportPanel: vscode.WebviewPanel | undefined;
  private lastReport: AgreementReport | undefined;
  private readonly comparePanels = new Map<string, { panel: vscode.WebviewPanel; target: ComparisonTarget }>();

  constructor(private readonly services: Services) {}

  private get prompter() {
    return this.services.annotations.prompter;
  }

  private annotatedStates(): AnnotationState[] {
    return this.services.annotations.states().filter((s) => s.annotations.length);
  }

  async showAnalysts(): Promise<AnalystMode | undefined> {
    await this.services.annotations.ready;
    await this.services.analysts.ready;
    const analysts = this.services.analysts;
    const me = analysts.me;
    const current = analysts.mode;
    const options: Array<PickOption<AnalystMode>> = [
      { label: l10n.t('$(organization) All analysts'), value: { kind: 'all' } },
      { label: l10n.t('$(account) Only mine'), description: me, value: { kind: 'mine' } },
      { label: l10n.t('$(person) Only others\''), description: l10n.t('everyone but {0}', me), value: { kind: 'others' } },
      { label: l10n.t('$(diff) Differences between analysts'), description: l10n.t('passages not every analyst annotated alike'), value: { kind: 'differences' } },
      ...analysts.authors().map((author) => ({ label: l10n.t('$(account) Only {0}', author), value: { kind: 'only', author } as AnalystMode })),
    ];
    const mode = await this.prompter.pick<AnalystMode>({ id: 'analystMode', title: l10n.t('Show the annotations of'), options, active: current, placeholder: l10n.t('Now: {0}', describeMode(current, me)) });
    if (!done(mode)) return undefined;
    await analysts.setMode(mode);
    void this.prompter.notify({ kind: 'status', text: l10n.t('Corpus Lens: showing {0}', describeMode(mode, me)) });
    return mode;
  }

  async toggleColorBy(): Promise<void> {
    const config = vscode.workspace.getConfiguration('corpusLens');
    const next = this.services.analysts.colorByAnalyst ? 'stance' : 'analyst';
    const inspect = config.inspect<string>('annotations.colorBy');
    const target = inspect?.workspaceValue !== undefined ? vscode.ConfigurationTarget.Workspace : vscode.ConfigurationTarget.Global;
    await config.update('annotations.colorBy', next === 'stance' ? undefined : next, target);
    void this.prompter.notify({ kind: 'status', text: l10n.t('Corpus Lens: annotations coloured by {0}', next) });
  }

  /** Asks what to measure, computes the report and shows it; returns it (undefined when cancelled). */
  async agreementReport(): Promise<AgreementReport | undefined> {
    await this.services.annotations.ready;
    const states = this.annotatedStates();
    const authors = [...new Set(states.flatMap((s) => analystsOf(s)))].sort();
    if (authors.length < 2) {
      void this.prompter.notify({ kind: 'info', text: l10n.t('agreement needs the annotations of at least two analysts; the workspace has {0}.', authors.length ? l10n.t("only {0}'s", authors.join(', ')) : l10n.t('none')) });
      return undefined;
    }
    const by = await this.prompter.pick<'stance' | 'code'>({
      id: 'agreementBy',
      title: l10n.t('Agreement on'),
      step: 1,
      totalSteps: 3,
      options: [
        { label: l10n.t('$(thumbsup) Stance'), description: l10n.t('polarity of each passage; intensity as ordinal/interval'), value: 'stance' },
        { label: l10n.t('$(tag) Codes'), description: l10n.t('the codes (tags) applied to each passage'), value: 'code' },
      ],
    });
    if (!done(by)) return undefined;
    const active = vscode.window.activeTextEditor && pathOf(vscode.window.activeTextEditor.document.uri);
    const folders = new Map<string, AnnotationState[]>();
    for (const s of states) {
      const folder = dirname(s.docPath);
      folders.set(folder, [...(folders.get(folder) ?? []), s]);
    }
    const docOptions: Array<PickOption<AnnotationState[]>> = [{ label: l10n.t('$(files) All annotated documents'), description: count(states.length, 'document'), value: states }];
    const activeState = states.find((s) => s.docPath === active);
    if (activeState) docOptions.push({ label: l10n.t('$(file) This document'), description: fileLabel(activeState.docPath), value: [activeState] });
    if (folders.size > 1) for (const [folder, list] of [...folders.entries()].sort()) docOptions.push({ label: `$(folder) ${fileLabel(folder)}`, description: count(list.length, 'document'), value: list });
    const docs = await this.prompter.pick<AnnotationState[]>({ id: 'agreementDocuments', title: l10n.t('Documents'), step: 2, totalSteps: 3, options: docOptions });
    if (!done(docs)) return undefined;
    const inDocs = [...new Set(docs.flatMap((s) => analystsOf(s)))].sort();
    if (inDocs.length < 2) {
      void this.prompter.notify({ kind: 'info', text: l10n.t('agreement needs the annotations of at least two analysts; {0} {1}.', docs.length === 1 ? l10n.t('this document has') : l10n.t('these documents have'), inDocs.length ? l10n.t("only {0}'s", inDocs.join(', ')) : l10n.t('none')) });
      return undefined;
    }
    const pairOptions: Array<PickOption<string[]>> = [{ label: l10n.t('$(organization) All analysts'), description: inDocs.join(', '), value: inDocs }];
    for (let i = 0; i < inDocs.length && inDocs.length > 2; i++) for (let j = i + 1; j < inDocs.length; j++) pairOptions.push({ label: l10n.t('$(account) {0} and {1}', inDocs[i], inDocs[j]), value: [inDocs[i]!, inDocs[j]!] });
    const coders = await this.prompter.pick<string[]>({ id: 'agreementAnalysts', title: l10n.t('Analysts'), step: 3, totalSteps: 3, options: pairOptions });
    if (!done(coders)) return undefined;
    let categories: string[] | undefined;
    if (by === 'code') {
      const codes = [...new Set(docs.flatMap((s) => s.annotations.flatMap((r) => r.annotation.tags ?? [])))].sort();
      if (!codes.length) {
        void this.prompter.notify({ kind: 'info', text: l10n.t('none of these annotations has a code (tag): choose Stance, or code the passages first.') });
        return undefined;
      }
      const picked = await this.prompter.pick<string[] | undefined>({
        id: 'agreementCodes',
        title: l10n.t('Codes'),
        options: [{ label: l10n.t('$(tag) All codes'), description: codes.join(', '), value: undefined }, ...codes.map((c) => ({ label: c, value: [c] }))],
      });
      if (picked === BACK) return undefined;
      categories = picked;
    }
    const report = agreementReport(
      docs.flatMap((s) => codedAnnotations(fileLabel(s.docPath), s.annotations)),
      docs.map((s) => ({ path: fileLabel(s.docPath), length: s.text.length })),
      { by, coders, ...(categories ? { categories } : {}) },
    );
    this.showReport(report);
    return report;
  }

  private showReport(report: AgreementReport): void {
    this.lastReport = report;
    if (!this.reportPanel) {
      this.reportPanel = vscode.window.createWebviewPanel('corpusLens.agreement', l10n.t('Agreement'), vscode.ViewColumn.Active, { enableScripts: true, localResourceRoots: [] });
      this.reportPanel.onDidDispose(() => (this.reportPanel = undefined));
      this.reportPanel.webview.onDidReceiveMessage((m: { type?: string }) => {
        if (m.type === 'saveJson') void guarded(this.services.log, 'Save Agreement Report', () => this.saveReport())();
        else if (m.type === 'again') void vscode.commands.executeCommand('corpusLens.agreementReport');
        else if (m.type === 'compare') void vscode.commands.executeCommand('corpusLens.compareAnalysts');
      });
    }
    this.reportPanel.title = l10n.t('Agreement ({0})', report.by);
    this.reportPanel.webview.html = renderReport(this.reportPanel.webview, report);
    this.reportPanel.reveal(undefined, false);
  }

  private async saveReport(): Promise<void> {
    if (!this.lastReport) return;
    const uri = await this.prompter.saveUri({ filters: { JSON: ['json'] }, saveLabel: l10n.t('Save Agreement Report'), title: l10n.t('Save the agreement report as JSON') });
    if (!uri) return;
    await vscode.workspace.fs.writeFile(uri, new TextEncoder().encode(JSON.stringify(this.lastReport, null, 2) + '\n'));
    void this.prompter.notify({ kind: 'status', text: l10n.t('Corpus Lens: agreement report saved to {0}', fileLabel(pathOf(uri))) });
  }

  /** Which document and which two analysts (the active document when two analysts annotated it). */
  private async chooseComparison(): Promise<ComparisonTarget | undefined> {
    await this.services.annotations.ready;
    const candidates = this.annotatedStates().filter((s) => analystsOf(s).length >= 2);
    if (!candidates.length) {
      void this.prompter.notify({ kind: 'info', text: l10n.t('no document has the annotations of two analysts yet: there is nothing to compare.') });
      return undefined;
    }
    const active = vscode.window.activeTextEditor && pathOf(vscode.window.activeTextEditor.document.uri);
    let state = candidates.find((s) => s.docPath === active);
    if (!state) {
      const picked = await this.prompter.pick<AnnotationState>({
        id: 'compareDocument',
        title: l10n.t('Compare analysts in'),
        options: candidates.map((s) => ({ label: `$(file) ${fileLabel(s.docPath)}`, description: analystsOf(s).join(', '), value: s })),
      });
      if (!done(picked)) return undefined;
      state = picked;
    }
    const names = analystsOf(state);
    let pair: [string, string] = [names[0]!, names[1]!];
    if (names.length > 2) {
      const options: Array<PickOption<[string, string]>> = [];
      for (let i = 0; i < names.length; i++) for (let j = i + 1; j < names.length; j++) options.push({ label: `${names[i]} / ${names[j]}`, value: [names[i]!, names[j]!] });
      const picked = await this.prompter.pick<[string, string]>({ id: 'comparePair', title: l10n.t('Compare which two analysts'), options });
      if (!done(picked)) return undefined;
      pair = picked;
    }
    return { docPath: state.docPath, a: pair[0], b: pair[1] };
  }

  async compare(arg?: unknown): Promise<ComparisonTarget | undefined> {
    const target = isTarget(arg) ? arg : await this.chooseComparison();
    if (!target) return undefined;
    await this.services.annotations.ensureLoaded(target.docPath);
    const key = `${target.docPath}\n${target.a}\n${target.b}`;
    let entry = this.comparePanels.get(key);
    if (!entry) {
      const panel = vscode.window.createWebviewPanel('corpusLens.compare', l10n.t('Compare: {0} / {1} — {2}', target.a, target.b, fileLabel(target.docPath)), vscode.ViewColumn.Beside, {
        enableScripts: true,
        localResourceRoots: [],
        retainContextWhenHidden: true,
      });
      entry = { panel, target };
      this.comparePanels.set(key, entry);
      panel.onDidDispose(() => this.comparePanels.delete(key));
      panel.webview.onDidReceiveMessage((m: { type?: string; passage?: number; side?: 'a' | 'b'; decision?: Decision }) => {
        if (m.type === 'open' && typeof m.passage === 'number') void guarded(this.services.log, 'Open Passage', () => this.openPassage(target, m.passage!, m.side ?? 'a'))();
        else if (m.type === 'decide' && typeof m.passage === 'number' && m.decision && DECISIONS.includes(m.decision)) {
          void vscode.commands.executeCommand('corpusLens.adjudicatePassage', { ...target, passage: m.passage, decision: m.decision } satisfies AdjudicationRequest);
        }
      });
    }
    this.renderComparison(entry);
    entry.panel.reveal(undefined, false);
    return target;
  }

  comparison(target: ComparisonTarget) {
    const state = this.services.annotations.get(target.docPath);
    return state ? compareAnalysts(located(state), target.a, target.b) : undefined;
  }

  private renderComparison(entry: { panel: vscode.WebviewPanel; target: ComparisonTarget }): void {
    const state = this.services.annotations.get(entry.target.docPath);
    const comparison = this.comparison(entry.target);
    if (!state || !comparison) return;
    entry.panel.webview.html = renderComparison(entry.panel.webview, comparison, state.text, fileLabel(entry.target.docPath));
  }

  /** Re-renders the open comparisons of a document (after any annotation change). */
  refreshComparisons(docPath: string): void {
    for (const entry of this.comparePanels.values()) if (entry.target.docPath === docPath) this.renderComparison(entry);
  }

  private async openPassage(target: ComparisonTarget, index: number, side: 'a' | 'b'): Promise<void> {
    const p = this.comparison(target)?.passages[index];
    const l = (side === 'a' ? p?.a[0] : p?.b[0]) ?? p?.a[0] ?? p?.b[0];
    if (l) await vscode.commands.executeCommand('corpusLens.annotations.reveal', { docPath: target.docPath, id: l.annotation.id });
  }

  /** Writes the curation annotation of a passage; the analysts' annotations stay as they are. */
  async adjudicate(arg: unknown): Promise<string | undefined> {
    if (!isTarget(arg)) return undefined;
    const req = arg as AdjudicationRequest;
    if (typeof req.passage !== 'number' || !DECISIONS.includes(req.decision)) return undefined;
    const passage = this.comparison(req)?.passages[req.passage];
    if (!passage) {
      void this.prompter.notify({ kind: 'warning', text: l10n.t('that passage is no longer in the comparison (the annotations changed): look at the refreshed view.') });
      this.refreshComparisons(req.docPath);
      return undefined;
    }
    const input = adjudicate(passage, req.decision, this.services.analysts.me);
    const mutation = await this.services.annotations.add(req.docPath, input);
    void this.prompter.notify({ kind: 'status', text: l10n.t('Corpus Lens: passage {0} (curation {1})', req.decision === 'disagreement' ? l10n.t('marked as a disagreement') : l10n.t('adjudicated'), mutation.id ?? '') });
    this.refreshComparisons(req.docPath);
    return mutation.id;
  }
}

function isTarget(v: unknown): v is ComparisonTarget {
  const t = v as ComparisonTarget | undefined;
  return typeof t === 'object' && t !== null && typeof t.docPath === 'string' && typeof t.a === 'string' && typeof t.b === 'string';
}

/** Errors of a command reach the user here (logged with context); the command's value is passed through. */
export const teamFeature: Feature = {
  id: 'team',
  activate(services) {
    const commands = new TeamCommands(services);
    const register = commandRegistrar(services.log);
    void vscode.commands.executeCommand('setContext', 'corpusLens.analystFilterActive', services.analysts.mode.kind !== 'all');
    return [
      services.annotations.onDidChange((docPath) => commands.refreshComparisons(docPath)),
      register('corpusLens.showAnalysts', () => commands.showAnalysts()),
      register('corpusLens.toggleColorByAnalyst', () => commands.toggleColorBy()),
      register('corpusLens.agreementReport', () => commands.agreementReport()),
      register('corpusLens.compareAnalysts', (arg) => commands.compare(arg)),
      register('corpusLens.adjudicatePassage', (arg) => commands.adjudicate(arg)),
    ];
  },
};
