import * as l10n from '@vscode/l10n';
import * as vscode from 'vscode';
import type { DocumentAnalysis } from '../../../core/corpus/index';
import { ENTITY_TYPE_INFO, ENTITY_TYPES, type EntityType } from '../../../core/entities/types';
import { HIGHLIGHT_KINDS, readConfig, type CorpusLensConfig, type HighlightKind } from '../../config';
import { toRange } from '../../convert';
import { registerCommand } from '../../commands';
import { Disposable } from '../../disposable';
import type { Feature, Services } from '../../services/index';

const KIND_LABELS = (): Record<HighlightKind, string> => ({
  ...(Object.fromEntries(ENTITY_TYPES.map((t) => [t, ENTITY_TYPE_INFO[t].highlightLabel()])) as Record<EntityType, string>),
  date: l10n.t('Dates'),
  candidate: l10n.t('Unconfirmed candidates (not in the knowledge base)'),
});

/**
 * Writes a corpusLens setting where the user keeps it: in the workspace (or folder) settings when they already hold
 * it, else in the user settings, so that a toggle does not create .vscode/settings.json in the corpus folder. A value
 * equal to the default removes the entry instead.
 */
async function updateSetting(key: string, value: unknown, defaultValue: unknown): Promise<void> {
  const c = vscode.workspace.getConfiguration('corpusLens');
  const where = c.inspect(key);
  const target =
    where?.workspaceFolderValue !== undefined
      ? vscode.ConfigurationTarget.WorkspaceFolder
      : where?.workspaceValue !== undefined
        ? vscode.ConfigurationTarget.Workspace
        : vscode.ConfigurationTarget.Global;
  const isDefault = JSON.stringify(value) === JSON.stringify(defaultValue);
  await c.update(key, isDefault && target === vscode.ConfigurationTarget.Global ? undefined : value, target);
}

/** Decoration type per kind of mention, coloured from `contributes.colors` so themes can restyle them. */
function createDecorationTypes(): Record<HighlightKind, vscode.TextEditorDecorationType> {
  const entity = (kind: HighlightKind) =>
    vscode.window.createTextEditorDecorationType({
      backgroundColor: new vscode.ThemeColor(`corpusLens.${kind}`),
      borderRadius: '2px',
      rangeBehavior: vscode.DecorationRangeBehavior.ClosedClosed,
    });
  return {
    ...(Object.fromEntries(ENTITY_TYPES.map((t) => [t, entity(t)])) as Record<EntityType, vscode.TextEditorDecorationType>),
    date: vscode.window.createTextEditorDecorationType({
      textDecoration: 'underline dotted',
      color: new vscode.ThemeColor('corpusLens.date'),
      rangeBehavior: vscode.DecorationRangeBehavior.ClosedClosed,
    }),
    candidate: vscode.window.createTextEditorDecorationType({
      border: '1px dashed',
      borderColor: new vscode.ThemeColor('corpusLens.candidate'),
      borderRadius: '2px',
      rangeBehavior: vscode.DecorationRangeBehavior.ClosedClosed,
    }),
  };
}

/**
 * Ranges per highlight kind for one analysed document. The inner members of a nested mention (美国 in 美国国务院)
 * are highlighted too, as underlines of their own kind's colour inside the outer mention's background.
 */
export function highlightRanges(document: vscode.TextDocument, analysis: DocumentAnalysis): Record<HighlightKind, vscode.Range[]> {
  const out = Object.fromEntries(HIGHLIGHT_KINDS.map((k) => [k, [] as vscode.Range[]])) as Record<HighlightKind, vscode.Range[]>;
  for (const m of analysis.entities) out[m.confirmed ? m.type : 'candidate'].push(toRange(document, m));
  for (const d of analysis.dates) out.date.push(toRange(document, d));
  return out;
}

/** Inner members of nested mentions, per kind (underlined). */
export function memberRanges(document: vscode.TextDocument, analysis: DocumentAnalysis): Record<HighlightKind, vscode.Range[]> {
  const out = Object.fromEntries(HIGHLIGHT_KINDS.map((k) => [k, [] as vscode.Range[]])) as Record<HighlightKind, vscode.Range[]>;
  for (const m of analysis.entities) for (const x of m.members ?? []) out[x.confirmed ? x.type : 'candidate'].push(toRange(document, x));
  return out;
}

/** What the editor shows: the ranges of the kinds `corpusLens.highlight.*` enables (none when disabled). */
export function decorationsFor(document: vscode.TextDocument, analysis: DocumentAnalysis, config: CorpusLensConfig): Record<HighlightKind, vscode.Range[]> {
  const ranges = config.highlightEnabled ? highlightRanges(document, analysis) : undefined;
  return Object.fromEntries(HIGHLIGHT_KINDS.map((k) => [k, ranges && config.highlightTypes[k] ? ranges[k] : []])) as Record<HighlightKind, vscode.Range[]>;
}

/** Member underlines the editor shows (same settings as the top level). */
export function memberDecorationsFor(document: vscode.TextDocument, analysis: DocumentAnalysis, config: CorpusLensConfig): Record<HighlightKind, vscode.Range[]> {
  const ranges = config.highlightEnabled ? memberRanges(document, analysis) : undefined;
  return Object.fromEntries(HIGHLIGHT_KINDS.map((k) => [k, ranges && config.highlightTypes[k] ? ranges[k] : []])) as Record<HighlightKind, vscode.Range[]>;
}

/** Underline decorations for inner members, one per kind, in the kind's theme colour. */
function createMemberDecorationTypes(): Record<HighlightKind, vscode.TextEditorDecorationType> {
  const underline = (color: string) =>
    vscode.window.createTextEditorDecorationType({
      borderStyle: 'none none solid none',
      borderWidth: '0 0 2px 0',
      borderColor: new vscode.ThemeColor(color),
      rangeBehavior: vscode.DecorationRangeBehavior.ClosedClosed,
    });
  return Object.fromEntries(HIGHLIGHT_KINDS.map((k) => [k, underline(k === 'candidate' ? 'corpusLens.candidate' : `corpusLens.${k}`)])) as Record<
    HighlightKind,
    vscode.TextEditorDecorationType
  >;
}

class Highlighter extends Disposable {
  private readonly types = createDecorationTypes();
  private readonly memberTypes = createMemberDecorationTypes();
  constructor(private readonly services: Services) {
    super();
    const refreshVisible = () => this.refreshAll();
    for (const t of [...Object.values(this.types), ...Object.values(this.memberTypes)]) this._register(t);
    this._register(vscode.window.onDidChangeVisibleTextEditors(refreshVisible));
    this._register(services.documents.onDidUpdate((doc) => vscode.window.visibleTextEditors.filter((e) => e.document === doc).forEach((e) => this.refresh(e))));
    this._register(vscode.workspace.onDidChangeConfiguration((e) => e.affectsConfiguration('corpusLens.highlight') && refreshVisible()));
    this._register(registerCommand(services.log, 'corpusLens.toggleHighlights', () => this.toggle()));
    this._register(registerCommand(services.log, 'corpusLens.toggleHighlightType', () => this.pickTypes()));
    this.refreshAll();
  }

  refreshAll(): void {
    for (const editor of vscode.window.visibleTextEditors) this.refresh(editor);
  }

  refresh(editor: vscode.TextEditor): void {
    const config = readConfig(editor.document.uri);
    const isCorpus = this.services.documents.isCorpusDocument(editor.document);
    const analysis = isCorpus && config.highlightEnabled ? this.services.documents.highlightAnalysis(editor.document) : undefined;
    const ranges = analysis ? decorationsFor(editor.document, analysis, config) : undefined;
    for (const kind of HIGHLIGHT_KINDS) editor.setDecorations(this.types[kind], ranges ? ranges[kind] : []);
    const members = analysis ? memberDecorationsFor(editor.document, analysis, config) : undefined;
    for (const kind of HIGHLIGHT_KINDS) editor.setDecorations(this.memberTypes[kind], members ? members[kind] : []);
  }

  private async toggle(): Promise<void> {
    await updateSetting('highlight.enabled', !readConfig().highlightEnabled, true);
  }

  private async pickTypes(): Promise<void> {
    const config = readConfig();
    const items = HIGHLIGHT_KINDS.map((kind) => ({ label: KIND_LABELS()[kind], description: kind, highlight: kind, picked: config.highlightTypes[kind] }));
    const picked = await vscode.window.showQuickPick(items, { canPickMany: true, title: l10n.t('Corpus Lens: kinds of mention to highlight') });
    if (!picked) return;
    const chosen = new Set(picked.map((p) => p.highlight));
    const value = Object.fromEntries(HIGHLIGHT_KINDS.map((k) => [k, chosen.has(k)]));
    await updateSetting('highlight.types', value, Object.fromEntries(HIGHLIGHT_KINDS.map((k) => [k, true])));
  }

}

export const highlightFeature: Feature = {
  id: 'highlight',
  activate: (services) => new Highlighter(services),
};
