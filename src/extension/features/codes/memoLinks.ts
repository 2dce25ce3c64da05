/**
 * Memos linked from hovers and views: a "Memo" link (command URI of Open Memo for that subject, creating the memo
 * when missing) on an entity's hover card and on a code's tooltip in the Codes view, a Memo action on documents,
 * topics and entities in the side bar views, and a mark when the memo exists (✎ in the hover and the Codes view, a
 * ✎ badge on documents with a memo wherever the file is shown: Documents view, Explorer, tabs).
 */
import * as l10n from '@vscode/l10n';
import * as vscode from 'vscode';
import { Disposable } from '../../disposable';
import type { Services } from '../../services/index';
import { pathOf, uriOf } from '../../convert';
import { MEMOS_FOLDER, memoPath } from '../../../core/codes';
import { encodedRel, plainRel, type MemoSubject } from '../../../core/refiqda';
import { join } from '../../../core/annotations/paths';
import { mentionAt } from '../../../core/analysis';
import { escapeMarkdown } from '../../../core/text/escape';
import { DOCUMENT_SELECTOR } from '../../services/documents';
import type { CodesController } from './controller';

export const MEMO_COMMAND = 'corpusLens.codes.openMemoFor';

/** The memo file of a subject in the workspace (undefined without a folder). */
export function memoFile(root: string | undefined, subject: MemoSubject): string | undefined {
  return root ? join(root, MEMOS_FOLDER, encodedRel(root, memoPath(subject))) : undefined;
}

export async function memoExists(root: string | undefined, subject: MemoSubject): Promise<boolean> {
  const file = memoFile(root, subject);
  if (!file) return false;
  try {
    await vscode.workspace.fs.stat(uriOf(file));
    return true;
  } catch {
    return false;
  }
}

/** The command URI opening (or creating) the memo of a subject. */
export function memoCommandUri(subject: MemoSubject, title: string): string {
  return `command:${MEMO_COMMAND}?${encodeURIComponent(JSON.stringify([subject, title]))}`;
}

/** Markdown of the link: "✎ Memo" when the memo exists, "Memo" (new) when not. */
export function memoLinkMarkdown(subject: MemoSubject, title: string, exists: boolean): string {
  const text = exists ? l10n.t('$(note) Memo ✎') : l10n.t('$(note) Memo');
  const tip = exists ? l10n.t('Open the memo') : l10n.t('Write a memo (a Markdown file under .corpus-lens/memos/)');
  return `[${text}](${memoCommandUri(subject, title)} "${tip}")`;
}

/** The workspace-relative document path of a file in the folder (memo subjects name documents by it). */
export function documentSubject(root: string | undefined, docPath: string): MemoSubject | undefined {
  return root && docPath.startsWith(root + '/') ? { kind: 'document', path: plainRel(root, docPath.slice(root.length + 1)) } : undefined;
}

/**
 * The memo subject of a command argument: [subject, title] from a command URI, a code of the Codes view, or a
 * document, topic or entity node of the side bar views.
 */
export function subjectOf(arg: unknown, root: string | undefined, names: { code(id: string): string; entity(id: string): string }): { subject: MemoSubject; title: string } | undefined {
  if (Array.isArray(arg) && arg[0] && typeof arg[0] === 'object' && typeof (arg[0] as { kind?: unknown }).kind === 'string') {
    const subject = arg[0] as MemoSubject;
    return { subject, title: typeof arg[1] === 'string' ? arg[1] : memoPath(subject) };
  }
  if (!arg || typeof arg !== 'object') return undefined;
  const node = arg as { kind?: string; id?: string; doc?: { path?: string }; topic?: { id?: string; label?: { en?: string } } };
  if (node.kind === 'file' && typeof node.doc?.path === 'string') {
    const subject = documentSubject(root, node.doc.path);
    return subject && subject.kind === 'document' ? { subject, title: subject.path } : undefined;
  }
  if (node.kind === 'topic' && typeof node.topic?.id === 'string') return { subject: { kind: 'topic', id: node.topic.id }, title: node.topic.label?.en ?? node.topic.id };
  if (node.kind === 'entity' && typeof node.id === 'string') return { subject: { kind: 'entity', id: node.id }, title: names.entity(node.id) };
  if (node.kind === undefined && typeof node.id === 'string') return { subject: { kind: 'code', id: node.id }, title: names.code(node.id) };
  return undefined;
}

/** The Memo link under an entity's hover card (a provider of its own: VS Code shows it with the entity card). */
class MemoHoverProvider implements vscode.HoverProvider {
  constructor(
    private readonly services: Services,
    private readonly root: () => string | undefined,
  ) {}

  async provideHover(document: vscode.TextDocument, position: vscode.Position): Promise<vscode.Hover | undefined> {
    if (!this.services.documents.isCorpusDocument(document)) return undefined;
    const analysis = this.services.documents.get(document);
    const offset = document.offsetAt(position);
    const outer = mentionAt(analysis.entities, offset);
    if (!outer) return undefined;
    const inner = mentionAt(outer.members ?? [], offset);
    const mentions = [outer, ...(inner ? [inner] : [])].filter((m) => m.confirmed && this.services.knowledge.kb.get(m.entityId));
    if (!mentions.length) return undefined;
    const md = new vscode.MarkdownString(undefined, true);
    md.isTrusted = { enabledCommands: [MEMO_COMMAND] };
    const links: string[] = [];
    for (const m of mentions) {
      const e = this.services.knowledge.kb.get(m.entityId)!;
      const subject: MemoSubject = { kind: 'entity', id: e.id };
      const exists = await memoExists(this.root(), subject);
      links.push(`${mentions.length > 1 ? `${escapeMarkdown(e.name)}: ` : ''}${memoLinkMarkdown(subject, e.name, exists)}`);
    }
    md.appendMarkdown(links.join(' · '));
    return new vscode.Hover(md, new vscode.Range(document.positionAt(outer.start), document.positionAt(outer.end)));
  }
}

/** ✎ on documents that have a memo (Documents view, Explorer, editor tabs), kept current by a memo watcher. */
class MemoDecorations extends Disposable implements vscode.FileDecorationProvider {
  private readonly emitter = this._register(new vscode.EventEmitter<vscode.Uri | vscode.Uri[] | undefined>());
  readonly onDidChangeFileDecorations = this.emitter.event;

  constructor(private readonly root: () => string | undefined) {
    super();
    const watcher = this._register(vscode.workspace.createFileSystemWatcher(`**/${MEMOS_FOLDER}/document/**/*.md`));
    const changed = (memo: vscode.Uri): void => this.emitter.fire(this.documentOf(memo));
    this._register(watcher.onDidCreate(changed));
    this._register(watcher.onDidDelete(changed));
  }

  /** The document a document memo belongs to. */
  private documentOf(memo: vscode.Uri): vscode.Uri | undefined {
    const root = this.root();
    const prefix = root ? `${join(root, MEMOS_FOLDER)}/document/` : undefined;
    const p = pathOf(memo);
    return prefix && p.startsWith(prefix) && p.endsWith('.md') ? uriOf(join(root!, p.slice(prefix.length, -3))) : undefined;
  }

  async provideFileDecoration(uri: vscode.Uri): Promise<vscode.FileDecoration | undefined> {
    const root = this.root();
    const p = pathOf(uri);
    if (!root || p.includes(`/${MEMOS_FOLDER}/`)) return undefined;
    const subject = documentSubject(root, p);
    if (!subject || !(await memoExists(root, subject))) return undefined;
    return new vscode.FileDecoration('✎', l10n.t('This document has a memo'));
  }

}

export function registerMemoLinks(services: Services, codes: CodesController): vscode.Disposable[] {
  const root = (): string | undefined => codes.root();
  const decorations = new MemoDecorations(root);
  return [vscode.languages.registerHoverProvider(DOCUMENT_SELECTOR, new MemoHoverProvider(services, root)), decorations, vscode.window.registerFileDecorationProvider(decorations)];
}
