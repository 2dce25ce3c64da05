/** The Codes view (hierarchy with counts, drag and drop to reparent) and the Memos view. */
import * as l10n from '@vscode/l10n';
import * as vscode from 'vscode';
import { Disposable } from '../../disposable';
import { count } from '../../l10n';
import { pathOf, uriOf } from '../../convert';
import { codeLabel, codePath, memoSubject, MEMOS_FOLDER, type Code } from '../../../core/codes';
import { escapeMarkdown } from '../../../core/text/escape';
import type { CodesController } from './controller';
import { isInside, join, relative } from '../../../core/annotations/paths';
import { MEMO_COMMAND, memoExists, memoLinkMarkdown } from './memoLinks';

export interface CodeNode {
  id: string;
}

const MIME = 'application/vnd.code.tree.corpuslens.codes';

function colourIcon(color: string): vscode.Uri {
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="16" height="16"><circle cx="8" cy="8" r="5" fill="${color}"/></svg>`;
  return vscode.Uri.parse(`data:image/svg+xml;utf8,${encodeURIComponent(svg)}`);
}

export class CodesTree extends Disposable implements vscode.TreeDataProvider<CodeNode>, vscode.TreeDragAndDropController<CodeNode> {
  readonly dropMimeTypes = [MIME];
  readonly dragMimeTypes = [MIME];
  private readonly emitter = this._register(new vscode.EventEmitter<CodeNode | undefined | void>());
  readonly onDidChangeTreeData = this.emitter.event;

  /** `move` writes a code dropped onto another (the feature's: checks trust, reports errors). */
  constructor(
    private readonly codes: CodesController,
    private readonly move: (id: string, parent: string | undefined) => Promise<void>,
  ) {
    super();
    this._register(codes.onDidChange(() => this.emitter.fire()));
  }

  getChildren(node?: CodeNode): CodeNode[] {
    return (this.codes.book.children.get(node?.id) ?? []).map((c) => ({ id: c.id }));
  }

  getParent(node: CodeNode): CodeNode | undefined {
    const parent = this.codes.book.byId.get(node.id)?.parent;
    return parent !== undefined && this.codes.book.byId.has(parent) ? { id: parent } : undefined;
  }

  /** Re-render the items (a memo was written: its mark). */
  refresh(): void {
    this.emitter.fire();
  }

  async getTreeItem(node: CodeNode): Promise<vscode.TreeItem> {
    const code: Code = this.codes.book.byId.get(node.id) ?? { id: node.id, labels: {} };
    const kids = this.codes.book.children.get(node.id)?.length ?? 0;
    const item = new vscode.TreeItem(codeLabel(code), kids ? vscode.TreeItemCollapsibleState.Expanded : vscode.TreeItemCollapsibleState.None);
    item.id = `code:${code.id}`;
    const c = this.codes.counts().get(code.id);
    const seg = c?.segments ?? 0;
    const docs = c?.documents ?? 0;
    item.description = kids && c && c.totalSegments !== seg ? l10n.t('{0} ({1} with sub-codes) · {2}', seg, c.totalSegments, count(c.totalDocuments, 'document')) : l10n.t('{0} · {1}', seg, count(docs, 'document'));
    const md = new vscode.MarkdownString();
    md.appendMarkdown(`**${escapeMarkdown(codePath(this.codes.book, code.id))}** \`${escapeMarkdown(code.id)}\`\n\n`);
    const other = (['en', 'zh-Hans', 'zh-Hant'] as const).filter((l) => code.labels[l]).map((l) => `${l}: ${escapeMarkdown(code.labels[l]!)}`);
    if (other.length) md.appendMarkdown(`${other.join(' · ')}\n\n`);
    if (code.definition) md.appendMarkdown(`${escapeMarkdown(code.definition)}\n\n`);
    if (code.synonyms?.length) md.appendMarkdown(l10n.t('synonyms: {0}\n\n', code.synonyms.map((s) => escapeMarkdown(s)).join(', ')));
    md.appendMarkdown(l10n.t('{0} in {1}{2}', count(seg, 'segment'), count(docs, 'document'), c && c.totalSegments !== seg ? l10n.t('; with the codes below: {0} in {1}', c.totalSegments, c.totalDocuments) : ''));
    const memo = await memoExists(this.codes.root(), { kind: 'code', id: code.id });
    if (memo) item.description = `${item.description as string} · ✎`;
    md.isTrusted = { enabledCommands: [MEMO_COMMAND] };
    md.supportThemeIcons = true;
    md.appendMarkdown(`\n\n${memoLinkMarkdown({ kind: 'code', id: code.id }, codeLabel(code), memo)}`);
    item.tooltip = md;
    item.iconPath = code.color ? colourIcon(code.color) : new vscode.ThemeIcon('tag');
    item.contextValue = 'corpusLens.code';
    item.command = { command: 'corpusLens.codes.retrieve', title: l10n.t('Retrieve Coded Segments'), arguments: [{ id: code.id }] };
    return item;
  }

  handleDrag(source: readonly CodeNode[], data: vscode.DataTransfer): void {
    data.set(MIME, new vscode.DataTransferItem(source.map((s) => s.id)));
  }

  async handleDrop(target: CodeNode | undefined, data: vscode.DataTransfer): Promise<void> {
    const item = data.get(MIME);
    if (!item) return;
    const ids = item.value as string[];
    for (const id of ids) if (id !== target?.id) await this.move(id, target?.id);
  }
}

export interface MemoNode {
  uri: string;
  label: string;
  kind: string;
}

export class MemosTree extends Disposable implements vscode.TreeDataProvider<MemoNode> {
  private readonly emitter = this._register(new vscode.EventEmitter<void>());
  readonly onDidChangeTreeData = this.emitter.event;

  constructor(private readonly codes: CodesController) {
    super();
    const watcher = this._register(vscode.workspace.createFileSystemWatcher(`**/${MEMOS_FOLDER}/**/*.md`));
    this._register(watcher.onDidCreate(() => this.refresh()));
    this._register(watcher.onDidDelete(() => this.refresh()));
  }

  refresh(): void {
    this.emitter.fire();
  }


  async getChildren(): Promise<MemoNode[]> {
    const root = this.codes.root();
    if (!root) return [];
    const files = await vscode.workspace.findFiles(`${MEMOS_FOLDER}/**/*.md`);
    const base = join(root, MEMOS_FOLDER);
    return files
      .map((u) => pathOf(u))
      .filter((p) => isInside(base, p))
      .map((p) => {
        const info = memoSubject(relative(base, p));
        const s = info?.subject;
        const label = !s || s.kind === 'project' ? (info?.name === 'project' ? l10n.t('Project memo') : (info?.name ?? p)) : s.kind === 'document' ? s.path : s.kind === 'code' ? codeLabel(this.codes.book.byId.get(s.id) ?? { id: s.id, labels: {} }) : s.id;
        return { uri: p, label, kind: s?.kind ?? 'project' };
      })
      .sort((a, b) => (a.kind === b.kind ? (a.label < b.label ? -1 : 1) : a.kind === 'project' ? -1 : b.kind === 'project' ? 1 : a.kind < b.kind ? -1 : 1));
  }

  getTreeItem(node: MemoNode): vscode.TreeItem {
    const item = new vscode.TreeItem(node.label);
    item.description = node.kind;
    item.resourceUri = uriOf(node.uri);
    item.iconPath = new vscode.ThemeIcon(node.kind === 'code' ? 'tag' : node.kind === 'document' ? 'file-text' : node.kind === 'entity' ? 'person' : node.kind === 'topic' ? 'symbol-namespace' : 'notebook');
    item.command = { command: 'vscode.open', title: l10n.t('Open Memo'), arguments: [uriOf(node.uri)] };
    return item;
  }
}
