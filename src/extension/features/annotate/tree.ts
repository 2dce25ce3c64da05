import * as l10n from '@vscode/l10n';
import * as vscode from 'vscode';
import { holderText, POLARITIES, quoteOf, type Polarity, type ResolvedAnnotation } from '../../../core/annotations/index';
import { uriOf } from '../../convert';
import { debounce, Disposable } from '../../disposable';
import type { AnnotationService } from '../../services/annotations';
import type { Services } from '../../services/index';
import { CURATION_AUTHOR } from '../../../core/agreement/study';
import { describeMode } from '../../services/analysts';
import { fileLabel } from '../../ui/reveal';
import { aboutLabel, claimCard, holderLabel, STANCE_ICON, stanceText, type AnnotationRef } from './display';

export type GroupBy = 'document' | 'target' | 'holder' | 'stance' | 'analyst';
export const GROUPS: readonly GroupBy[] = ['document', 'target', 'holder', 'stance', 'analyst'];

export interface AnnotationFilter {
  stance?: Polarity;
  holder?: string;
  tag?: string;
  text?: string;
}

const GROUP_KEY = 'corpusLens.annotations.groupBy';
const FILTER_KEY = 'corpusLens.annotations.filter';

interface GroupNode {
  kind: 'group';
  key: string;
  label: string;
  icon: string;
  items: AnnotationNode[];
}

export interface AnnotationNode extends AnnotationRef {
  kind: 'annotation';
  resolved: ResolvedAnnotation;
}

/** The only item when a filter hides every annotation (instead of the "No annotations yet" welcome). */
interface NoMatchNode {
  kind: 'noMatch';
}

type Node = GroupNode | AnnotationNode | NoMatchNode;

const NO_MATCH: NoMatchNode = { kind: 'noMatch' };

/** The Annotations view: grouped by document / target / holder / stance, filtered, each item revealing its place. */
export class AnnotationsTree extends Disposable implements vscode.TreeDataProvider<Node> {
  private readonly emitter = this._register(new vscode.EventEmitter<Node | undefined>());
  readonly onDidChangeTreeData = this.emitter.event;
  private groups: GroupNode[] = [];
  private byRef = new Map<string, AnnotationNode>();
  private parents = new Map<AnnotationNode, GroupNode>();
  readonly view: vscode.TreeView<Node> | undefined;

  /** `options.view: false`: the provider alone, without the view (tests read its items). */
  constructor(
    private readonly services: Services,
    private readonly annotations: AnnotationService,
    options: { view?: boolean } = {},
  ) {
    super();
    this.view = options.view === false ? undefined : vscode.window.createTreeView('corpusLens.annotations', { treeDataProvider: this, showCollapseAll: true });
    const refresh = debounce(() => this.refresh(), 200);
    if (this.view) this._register(this.view);
    this._register({ dispose: () => refresh.cancel() });
    this._register(annotations.onDidChange(() => refresh()));
    this._register(services.knowledge.onDidChange(() => refresh()));
    this._register(
      services.analysts.onDidChange(() => {
        void this.updateContext();
        refresh();
      }),
    );
    this.rebuild();
    void this.updateContext();
  }

  get groupBy(): GroupBy {
    const value = this.services.context.workspaceState.get<GroupBy>(GROUP_KEY, 'document');
    return GROUPS.includes(value) ? value : 'document';
  }

  async setGroupBy(value: GroupBy): Promise<void> {
    await this.services.context.workspaceState.update(GROUP_KEY, value);
    this.refresh();
  }

  get filter(): AnnotationFilter {
    return this.services.context.workspaceState.get<AnnotationFilter>(FILTER_KEY, {});
  }

  async setFilter(filter: AnnotationFilter): Promise<void> {
    await this.services.context.workspaceState.update(FILTER_KEY, Object.keys(filter).length ? filter : undefined);
    await this.updateContext();
    this.refresh();
  }

  private async updateContext(): Promise<void> {
    const f = this.filter;
    const active = Object.keys(f).length > 0;
    const mode = this.services.analysts.mode;
    const parts = [active ? `filtered: ${describeFilter(f)}` : undefined, mode.kind !== 'all' ? describeMode(mode, this.services.analysts.me) : undefined].filter(Boolean);
    if (this.view) this.view.description = parts.length ? parts.join(' · ') : undefined;
    await vscode.commands.executeCommand('setContext', 'corpusLens.annotationFilterActive', active);
  }

  refresh(): void {
    this.rebuild();
    this.emitter.fire(undefined);
  }

  /** Tree item of an annotation (for TreeView.reveal). */
  node(ref: AnnotationRef): AnnotationNode | undefined {
    return this.byRef.get(`${ref.docPath}#${ref.id}`);
  }

  private matches(r: ResolvedAnnotation): boolean {
    const f = this.filter;
    const a = r.annotation;
    if (f.stance && a.stance.polarity !== f.stance) return false;
    if (f.holder && holderText(a.holder) !== f.holder) return false;
    if (f.tag && !a.tags?.includes(f.tag)) return false;
    if (f.text) {
      const needle = f.text.toLowerCase();
      const hay = [a.claim, quoteOf(a).exact, a.note ?? '', holderLabel(this.services, a) ?? '', aboutLabel(this.services, a) ?? '', ...(a.tags ?? [])].join('\n').toLowerCase();
      if (!hay.includes(needle)) return false;
    }
    return true;
  }

  private rebuild(): void {
    const groupBy = this.groupBy;
    const groups = new Map<string, GroupNode>();
    this.byRef = new Map();
    this.parents = new Map();
    for (const state of this.annotations.states()) {
      for (const r of state.annotations) {
        if (!this.matches(r) || !this.services.analysts.shows(state, r)) continue;
        const a = r.annotation;
        let key: string;
        let label: string;
        let icon: string;
        if (groupBy === 'document') [key, label, icon] = [state.docPath, fileLabel(state.docPath), 'file'];
        else if (groupBy === 'stance') [key, label, icon] = [a.stance.polarity, a.stance.polarity, STANCE_ICON[a.stance.polarity]];
        else if (groupBy === 'analyst') [key, label, icon] = [a.author, a.author, a.author === CURATION_AUTHOR ? 'law' : 'account'];
        else if (groupBy === 'holder') [key, label, icon] = [holderText(a.holder) || '-', holderLabel(this.services, a) ?? l10n.t('(no holder)'), 'person'];
        else [key, label, icon] = [JSON.stringify(a.about ?? null), aboutLabel(this.services, a) ?? l10n.t('(no target)'), 'tag'];
        let group = groups.get(key);
        if (!group) groups.set(key, (group = { kind: 'group', key, label, icon, items: [] }));
        const node: AnnotationNode = { kind: 'annotation', docPath: state.docPath, id: a.id, resolved: r };
        group.items.push(node);
        this.byRef.set(`${state.docPath}#${a.id}`, node);
        this.parents.set(node, group);
      }
    }
    const order = (g: GroupNode) => (groupBy === 'stance' ? POLARITIES.indexOf(g.key as Polarity) : 0);
    this.groups = [...groups.values()].sort((a, b) => order(a) - order(b) || a.label.localeCompare(b.label));
  }

  getChildren(node?: Node): Node[] {
    if (!node) return this.groups.length || (!Object.keys(this.filter).length && this.services.analysts.mode.kind === 'all') ? this.groups : [NO_MATCH];
    return node.kind === 'group' ? node.items : [];
  }

  getParent(node: Node): Node | undefined {
    return node.kind === 'annotation' ? this.parents.get(node) : undefined;
  }

  getTreeItem(node: Node): vscode.TreeItem {
    if (node.kind === 'noMatch') {
      const item = new vscode.TreeItem(l10n.t('No annotation matches the filter — click to clear'), vscode.TreeItemCollapsibleState.None);
      item.id = 'noMatch';
      item.iconPath = new vscode.ThemeIcon('clear-all');
      item.tooltip = l10n.t('Filter: {0}. Click to clear it.', describeFilter(this.filter));
      item.contextValue = 'annotationNoMatch';
      item.command = { command: 'corpusLens.annotations.clearFilter', title: l10n.t('Clear Annotation Filter') };
      return item;
    }
    if (node.kind === 'group') {
      const item = new vscode.TreeItem(node.label, vscode.TreeItemCollapsibleState.Expanded);
      item.id = `group:${this.groupBy}:${node.key}`;
      item.iconPath = new vscode.ThemeIcon(node.icon);
      item.description = `${node.items.length}`;
      if (this.groupBy === 'document') item.resourceUri = uriOf(node.key);
      item.contextValue = 'annotationGroup';
      return item;
    }
    const { resolved: r, docPath } = node;
    const a = r.annotation;
    const item = new vscode.TreeItem(a.claim, vscode.TreeItemCollapsibleState.None);
    item.id = `${docPath}#${a.id}`;
    const quote = quoteOf(a).exact.replace(/\s+/g, ' ');
    item.description = `${stanceText(a)} · “${quote.length > 40 ? quote.slice(0, 40) + '…' : quote}”${this.groupBy === 'document' ? '' : ` · ${fileLabel(docPath)}`}`;
    item.tooltip = claimCard(this.services, docPath, r);
    const review = !r.orphaned && a.reanchored !== undefined;
    const orphanColour = new vscode.ThemeColor('corpusLens.orphan');
    item.iconPath = r.orphaned
      ? new vscode.ThemeIcon('warning', orphanColour)
      : a.conflict
        ? new vscode.ThemeIcon('git-merge', orphanColour)
        : review
          ? new vscode.ThemeIcon('diff', orphanColour)
          : new vscode.ThemeIcon(STANCE_ICON[a.stance.polarity], new vscode.ThemeColor(`corpusLens.stance.${a.stance.polarity}`));
    // One review state per item, in the order the menus expect: orphan, merge conflict, re-anchored.
    item.contextValue = r.orphaned ? 'annotation.orphan' : a.conflict ? 'annotation.conflict' : review ? 'annotation.reanchored' : 'annotation';
    if (a.conflict) item.description = l10n.t('merge conflict ({0}; other: {1}) · {2}', a.conflict.side === 'ours' ? l10n.t('this branch') : l10n.t('merged branch'), a.conflict.with, String(item.description));
    else if (review) {
      const state = this.annotations.get(docPath);
      const now = (state?.text.slice(r.start, r.end) ?? a.reanchored!.exact).replace(/\s+/g, ' ');
      item.description = l10n.t('re-anchored, to review: now “{0}” · {1}', now.length > 40 ? now.slice(0, 40) + '…' : now, String(item.description));
    }
    item.command = { command: 'corpusLens.annotations.reveal', title: l10n.t('Reveal'), arguments: [{ docPath, id: a.id } satisfies AnnotationRef] };
    return item;
  }
}

export function describeFilter(f: AnnotationFilter): string {
  return [f.stance && `stance ${f.stance}`, f.holder && `holder ${f.holder}`, f.tag && `tag ${f.tag}`, f.text && `“${f.text}”`].filter(Boolean).join(', ');
}
