import * as l10n from '@vscode/l10n';
import * as vscode from 'vscode';
import { commandUri, escapeMarkdown } from '../../../core/text/escape';
import { aboutText, holderText, POLARITIES, quoteOf, type Annotation, type Polarity, type ResolvedAnnotation } from '../../../core/annotations/index';
import { pathOf, toRange } from '../../convert';
import { debounceEach, Disposable } from '../../disposable';
import type { AnnotationService } from '../../services/annotations';
import { ANALYST_SLOTS } from '../../services/analysts';
import { DOCUMENT_SELECTOR } from '../../services/documents';
import type { Services } from '../../services/index';
import { topicName } from '../../../core/corpus/topics';

/** Identifies an annotation in command arguments (hover links, tree items). */
export interface AnnotationRef {
  docPath: string;
  id: string;
}

export const STANCE_ICON: Record<Polarity, string> = { support: 'thumbsup', oppose: 'thumbsdown', neutral: 'circle-outline', mixed: 'split-horizontal' };

/** Claims, notes, quotes, names: shown literally (no Markdown, HTML, icons or links). */
export const esc = (text: string): string => escapeMarkdown(text);

function commandLink(title: string, command: string, ref: AnnotationRef): string {
  return `[${title}](${commandUri(command, [ref])})`;
}

/** A stance polarity in the display language (support → 支持). */
export function polarityText(p: Polarity): string {
  switch (p) {
    case 'support': return l10n.t('support');
    case 'oppose': return l10n.t('oppose');
    case 'neutral': return l10n.t('neutral');
    case 'mixed': return l10n.t('mixed');
  }
}

export function stanceText(a: Annotation): string {
  const i = a.stance.intensity;
  const p = polarityText(a.stance.polarity);
  return i === undefined ? p : `${p} ${i > 0 ? '+' : ''}${i}`;
}

/** Display form of about / holder: knowledge-base and topic names instead of ids. */
export function aboutLabel(services: Services, a: Annotation): string | undefined {
  const about = a.about;
  if (!about) return undefined;
  if ('topic' in about) {
    const t = services.knowledge.topics.get(about.topic);
    return t ? topicName(t.label) : about.topic;
  }
  if ('entity' in about) return services.knowledge.kb.get(about.entity)?.name ?? about.entity;
  return about.proposition;
}

export function holderLabel(services: Services, a: Annotation): string | undefined {
  const holder = a.holder;
  if (!holder) return undefined;
  if ('entity' in holder) return services.knowledge.kb.get(holder.entity)?.name ?? holder.entity;
  return 'text' in holder ? holder.text : holder.section;
}

/** The claim card (hover, tree tooltip), with Edit / Delete / Go to in tree links. */
export function claimCard(services: Services, docPath: string, r: ResolvedAnnotation): vscode.MarkdownString {
  const a = r.annotation;
  const ref: AnnotationRef = { docPath, id: a.id };
  const md = new vscode.MarkdownString(undefined, true);
  md.isTrusted = { enabledCommands: ['corpusLens.editAnnotation', 'corpusLens.deleteAnnotation', 'corpusLens.annotations.revealInTree', 'corpusLens.reattachAnnotation'] };
  md.appendMarkdown(`$(${STANCE_ICON[a.stance.polarity]}) **${esc(a.claim)}**\n\n`);
  const rows: Array<[string, string | undefined]> = [
    [l10n.t('Stance'), stanceText(a)],
    [l10n.t('About'), aboutLabel(services, a) && `${aboutLabel(services, a)} (${aboutText(a.about)})`],
    [l10n.t('Holder'), holderLabel(services, a) && `${holderLabel(services, a)} (${holderText(a.holder)})`],
    [l10n.t('Attribution'), a.attribution],
    [l10n.t('When'), a.when],
    [l10n.t('Confidence'), a.confidence],
    [l10n.t('Tags'), a.tags?.join(', ')],
  ];
  for (const [k, v] of rows) if (v) md.appendMarkdown(l10n.t('{0}: {1}', k, esc(v)) + '  \n');
  if (a.note) md.appendMarkdown(`\n\n${escapeMarkdown(a.note, true)}\n`);
  const quote = quoteOf(a).exact;
  if (r.orphaned) md.appendMarkdown(l10n.t('\n$(warning) _Orphaned: the passage “{0}” is no longer in the text._\n', esc(quote.slice(0, 120))));
  md.appendMarkdown(l10n.t('\n_{0} · created {1}{2} · {3}_\n\n', esc(a.author), esc(a.created), a.modified !== a.created ? l10n.t(' · modified {0}', esc(a.modified)) : '', esc(a.id)));
  const links = [commandLink(l10n.t('$(edit) Edit'), 'corpusLens.editAnnotation', ref), commandLink(l10n.t('$(trash) Delete'), 'corpusLens.deleteAnnotation', ref), commandLink(l10n.t('$(list-tree) Go to in tree'), 'corpusLens.annotations.revealInTree', ref)];
  if (r.orphaned) links.unshift(commandLink(l10n.t('$(pin) Re-attach to selection'), 'corpusLens.reattachAnnotation', ref));
  md.appendMarkdown(links.join(' · '));
  return md;
}

/** Stance-coloured highlights with an overview-ruler mark; orphans get a marker at their last place. */
export class AnnotationDecorations extends Disposable {
  private readonly types: Record<Polarity, vscode.TextEditorDecorationType>;
  private readonly orphan: vscode.TextEditorDecorationType;
  /** Highlights by analyst colour slot (corpusLens.annotations.colorBy: analyst). */
  private readonly analystTypes: vscode.TextEditorDecorationType[];

  constructor(
    private readonly services: Services,
    private readonly annotations: AnnotationService,
  ) {
    super();
    this.types = Object.fromEntries(
      POLARITIES.map((p) => [
        p,
        vscode.window.createTextEditorDecorationType({
          backgroundColor: new vscode.ThemeColor(`corpusLens.stance.${p}`),
          overviewRulerColor: new vscode.ThemeColor(`corpusLens.stance.${p}`),
          overviewRulerLane: vscode.OverviewRulerLane.Right,
          borderRadius: '2px',
          rangeBehavior: vscode.DecorationRangeBehavior.ClosedClosed,
        }),
      ]),
    ) as Record<Polarity, vscode.TextEditorDecorationType>;
    this.analystTypes = Array.from({ length: ANALYST_SLOTS }, (_, i) =>
      vscode.window.createTextEditorDecorationType({
        backgroundColor: new vscode.ThemeColor(`corpusLens.analyst${i + 1}`),
        overviewRulerColor: new vscode.ThemeColor(`corpusLens.analyst${i + 1}`),
        overviewRulerLane: vscode.OverviewRulerLane.Right,
        borderRadius: '2px',
        rangeBehavior: vscode.DecorationRangeBehavior.ClosedClosed,
      }),
    );
    this.orphan = vscode.window.createTextEditorDecorationType({
      after: { contentText: l10n.t(' ⚑ orphaned annotation'), color: new vscode.ThemeColor('corpusLens.orphan'), fontStyle: 'italic' },
      overviewRulerColor: new vscode.ThemeColor('corpusLens.orphan'),
      overviewRulerLane: vscode.OverviewRulerLane.Left,
    });
    // Per document: several sidecars or documents changing at once (a git pull) each get their refresh.
    const refresh = debounceEach((docPath: string) => vscode.window.visibleTextEditors.filter((e) => pathOf(e.document.uri) === docPath).forEach((e) => this.refresh(e)), 50);
    for (const t of [...Object.values(this.types), ...this.analystTypes, this.orphan]) this._register(t);
    this._register({ dispose: () => refresh.cancel() });
    this._register(annotations.onDidChange(refresh));
    this._register(services.analysts.onDidChange(() => vscode.window.visibleTextEditors.forEach((e) => this.refresh(e))));
    this._register(vscode.window.onDidChangeVisibleTextEditors((editors) => editors.forEach((e) => this.refresh(e))));
    vscode.window.visibleTextEditors.forEach((e) => this.refresh(e));
  }

  refresh(editor: vscode.TextEditor): void {
    const state = this.annotations.get(pathOf(editor.document.uri));
    const byStance = Object.fromEntries(POLARITIES.map((p) => [p, [] as vscode.DecorationOptions[]])) as Record<Polarity, vscode.DecorationOptions[]>;
    const orphans: vscode.DecorationOptions[] = [];
    const byAnalyst = this.analystTypes.map(() => [] as vscode.DecorationOptions[]);
    const analysts = this.services.analysts;
    const colorByAnalyst = analysts.colorByAnalyst;
    // Only when the store tracks this exact text (a load in progress may lag behind by a keystroke).
    if (state && state.text.length === editor.document.getText().length) {
      for (const r of state.annotations) {
        if (!analysts.shows(state, r)) continue;
        if (!r.orphaned && colorByAnalyst) byAnalyst[analysts.slot(r.annotation.author)]!.push({ range: toRange(editor.document, r) });
        else if (r.orphaned) orphans.push({ range: editor.document.lineAt(editor.document.positionAt(r.start).line).range, hoverMessage: claimCard(this.services, state.docPath, r) });
        else byStance[r.annotation.stance.polarity].push({ range: toRange(editor.document, r) });
      }
    }
    for (const p of POLARITIES) editor.setDecorations(this.types[p], byStance[p]);
    this.analystTypes.forEach((t, i) => editor.setDecorations(t, byAnalyst[i]!));
    editor.setDecorations(this.orphan, orphans.map((o) => ({ ...o, range: new vscode.Range(o.range.end, o.range.end) })));
  }

}

export class ClaimHoverProvider implements vscode.HoverProvider {
  constructor(
    private readonly services: Services,
    private readonly annotations: AnnotationService,
  ) {}

  provideHover(document: vscode.TextDocument, position: vscode.Position): vscode.Hover | undefined {
    const docPath = pathOf(document.uri);
    const state = this.annotations.get(docPath);
    if (!state || state.text.length !== document.getText().length) return undefined;
    const found = this.annotations.store.at(docPath, document.offsetAt(position));
    if (!found.length) return undefined;
    const range = found.map((r) => toRange(document, r)).reduce((a, b) => a.union(b));
    return new vscode.Hover(found.map((r) => claimCard(this.services, docPath, r)), range);
  }
}

export function registerHover(services: Services, annotations: AnnotationService): vscode.Disposable {
  return vscode.languages.registerHoverProvider(DOCUMENT_SELECTOR, new ClaimHoverProvider(services, annotations));
}
