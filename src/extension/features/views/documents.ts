import * as vscode from 'vscode';
import type { DocumentSummary, RecordSummary } from '../../../core/corpus/index';
import { uriOf } from '../../convert';
import { CorpusTree } from './tree';
import { fileLabel, revealCommand } from './index';

type Node = { kind: 'file'; doc: DocumentSummary } | { kind: 'record'; doc: DocumentSummary; record: RecordSummary };

const SHAPE_LABEL: Record<string, string> = { listing: 'abstract listing', news: 'news article', qa: 'Q&A page', summary: 'think-tank summary', plain: 'text' };

/** Documents view: file -> records, with title, date, source and counts. */
export class DocumentsTree extends CorpusTree<Node> {

  getChildren(node?: Node): Node[] {
    if (!node) {
      return this.services.corpus.index
        .documents()
        .slice()
        .sort((a, b) => fileLabel(a.path).localeCompare(fileLabel(b.path)))
        .map((doc) => ({ kind: 'file', doc }));
    }
    if (node.kind === 'file' && node.doc.records.length > 1) return node.doc.records.map((record) => ({ kind: 'record', doc: node.doc, record }));
    return [];
  }

  getTreeItem(node: Node): vscode.TreeItem {
    if (node.kind === 'file') {
      const { doc } = node;
      const multi = doc.records.length > 1;
      const item = new vscode.TreeItem(uriOf(doc.path), multi ? vscode.TreeItemCollapsibleState.Collapsed : vscode.TreeItemCollapsibleState.None);
      item.label = fileLabel(doc.path);
      const single = doc.records[0];
      item.description = multi
        ? `${doc.records.length} records · ${SHAPE_LABEL[doc.shape] ?? doc.shape}`
        : [single?.title, single?.dateText, single?.source].filter(Boolean).join(' · ') || SHAPE_LABEL[doc.shape];
      item.tooltip = new vscode.MarkdownString(
        `**${fileLabel(doc.path)}**\n\n${SHAPE_LABEL[doc.shape] ?? doc.shape} · ${doc.records.length} records · ${doc.entityCount} entity mentions · ${doc.dateCount} dates`,
      );
      item.contextValue = 'document';
      item.command = { command: 'vscode.open', title: 'Open', arguments: [uriOf(doc.path)] };
      return item;
    }
    const { record, doc } = node;
    const item = new vscode.TreeItem(record.label, vscode.TreeItemCollapsibleState.None);
    item.id = `${doc.path}#${record.id}`;
    item.description = [record.dateText, record.source].filter(Boolean).join(' · ');
    item.tooltip = new vscode.MarkdownString(
      `**${record.label}**\n\n${[record.dateText, record.source, record.authors?.join(', ')].filter(Boolean).join(' · ')}\n\n${record.entityCount} entity mentions · ${record.dateCount} dates`,
    );
    item.iconPath = new vscode.ThemeIcon('note');
    item.contextValue = 'record';
    item.command = revealCommand(doc.path, record.titleSpan ?? { start: record.span.start, end: record.span.start }, 'Open record');
    return item;
  }
}
