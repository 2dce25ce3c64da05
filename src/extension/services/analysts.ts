import * as l10n from '@vscode/l10n';
import * as vscode from 'vscode';
import { differences, type Located } from '../../core/agreement/compare';
import { CURATION_AUTHOR } from '../../core/agreement/study';
import type { AnnotationState, ResolvedAnnotation } from '../../core/annotations/index';
import { defaultAuthor, lookUpGitAuthor } from '../author';
import { Disposable } from '../disposable';
import type { AnnotationService } from './annotations';

/** Whose annotations the editor and the Annotations view show. */
export type AnalystMode = { kind: 'all' } | { kind: 'mine' } | { kind: 'others' } | { kind: 'differences' } | { kind: 'only'; author: string };

/** Colour slots for analysts (contributes.colors corpusLens.analyst1..N). */
export const ANALYST_SLOTS = 6;
const MODE_KEY = 'corpusLens.analysts.mode';

export function describeMode(mode: AnalystMode, me: string): string {
  switch (mode.kind) {
    case 'all':
      return l10n.t('all analysts');
    case 'mine':
      return l10n.t('only mine ({0})', me);
    case 'others':
      return l10n.t("only others' (not {0})", me);
    case 'differences':
      return l10n.t('differences between analysts');
    case 'only':
      return l10n.t('only {0}', mode.author);
  }
}

/**
 * The analysts of the workspace (annotation authors) and which of them are shown: all, mine, others', only one,
 * or only the passages on which the analysts differ; and the colour of each analyst when highlights are
 * coloured by analyst (`corpusLens.annotations.colorBy`).
 */
export class AnalystService extends Disposable {
  private readonly changed = this._register(new vscode.EventEmitter<void>());
  readonly onDidChange = this.changed.event;
  /** Resolves when git's user.name has been looked up (the default author may change then). */
  readonly ready: Promise<void>;
  private differing = new Map<string, { text: string; version: AnnotationState['annotations']; ids: Set<string> }>();

  constructor(
    private readonly context: vscode.ExtensionContext,
    private readonly annotations: AnnotationService,
  ) {
    super();
    this.ready = lookUpGitAuthor().then(() => this.changed.fire());
    this._register(annotations.onDidChange((docPath) => this.differing.delete(docPath)));
    this._register(
      vscode.workspace.onDidChangeConfiguration((e) => {
        if (e.affectsConfiguration('corpusLens.annotations.colorBy') || e.affectsConfiguration('corpusLens.annotations.author')) this.changed.fire();
      }),
    );
  }

  /** The current analyst. */
  get me(): string {
    return defaultAuthor();
  }

  get mode(): AnalystMode {
    const m = this.context.workspaceState.get<AnalystMode>(MODE_KEY);
    return m && ['all', 'mine', 'others', 'differences', 'only'].includes(m.kind) ? m : { kind: 'all' };
  }

  async setMode(mode: AnalystMode): Promise<void> {
    await this.context.workspaceState.update(MODE_KEY, mode.kind === 'all' ? undefined : mode);
    await vscode.commands.executeCommand('setContext', 'corpusLens.analystFilterActive', mode.kind !== 'all');
    this.changed.fire();
  }

  get colorByAnalyst(): boolean {
    return vscode.workspace.getConfiguration('corpusLens').get<string>('annotations.colorBy', 'stance') === 'analyst';
  }

  /** Every author of the loaded annotations, sorted (the curator last). */
  authors(): string[] {
    const set = new Set<string>();
    for (const s of this.annotations.states()) for (const r of s.annotations) set.add(r.annotation.author);
    return [...set].sort((a, b) => Number(a === CURATION_AUTHOR) - Number(b === CURATION_AUTHOR) || a.localeCompare(b));
  }

  /** The colour slot (0-based) of an author: stable for a given set of authors. */
  slot(author: string): number {
    const i = this.authors().indexOf(author);
    return (i < 0 ? 0 : i) % ANALYST_SLOTS;
  }

  /** Whether an annotation is shown under the current mode. */
  shows(state: AnnotationState, r: ResolvedAnnotation): boolean {
    const mode = this.mode;
    const author = r.annotation.author;
    switch (mode.kind) {
      case 'all':
        return true;
      case 'mine':
        return author === this.me;
      case 'others':
        return author !== this.me;
      case 'only':
        return author === mode.author;
      case 'differences':
        return this.differingIds(state).has(r.annotation.id);
    }
  }

  /**
   * Annotations in passages where the analysts differ: a passage (overlapping annotations) that not every
   * analyst of the document annotated, or whose readings differ in span, stance, codes, about or holder.
   */
  private differingIds(state: AnnotationState): Set<string> {
    const cached = this.differing.get(state.docPath);
    if (cached && cached.version === state.annotations) return cached.ids;
    const list: Located[] = state.annotations.filter((r) => !r.orphaned && r.annotation.author !== CURATION_AUTHOR);
    const authors = new Set(list.map((l) => l.annotation.author));
    const sorted = [...list].sort((a, b) => a.start - b.start || a.end - b.end);
    const ids = new Set<string>();
    let group: Located[] = [];
    let end = -1;
    const close = (): void => {
      if (!group.length) return;
      const byAuthor = new Map<string, Located>();
      for (const l of group) {
        const cur = byAuthor.get(l.annotation.author);
        if (!cur || l.end - l.start > cur.end - cur.start) byAuthor.set(l.annotation.author, l);
      }
      const mains = [...byAuthor.values()];
      const differ = byAuthor.size < authors.size || mains.some((m) => differences(mains[0]!, m).length > 0);
      if (differ) for (const l of group) ids.add(l.annotation.id);
      group = [];
    };
    for (const l of sorted) {
      if (l.start >= end) {
        close();
        end = l.end;
      } else end = Math.max(end, l.end);
      group.push(l);
    }
    close();
    this.differing.set(state.docPath, { text: state.text, version: state.annotations, ids });
    return ids;
  }
}
