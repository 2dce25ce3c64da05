import * as l10n from '@vscode/l10n';
import * as vscode from 'vscode';
import { escapeMarkdown } from '../../../core/text/escape';
import type { DocumentSummary, RecordSummary } from '../../../core/corpus/index';
import { uriOf } from '../../convert';
import { count } from '../../l10n';
import { CorpusTree } from './tree';
import { fileLabel, revealCommand } from '../../ui/reveal';

type Section = NonNullable<RecordSummary['sections']>[number];
type Node =
  | { kind: 'file'; doc: DocumentSummary }
  | { kind: 'record'; doc: DocumentSummary; record: RecordSummary }
  | { kind: 'section'; doc: DocumentSummary; section: Section };

const DATE_SOURCE = (): Record<string, string> => ({ timestamp: l10n.t('timestamp'), citation: l10n.t('citation year'), 'date-line': l10n.t('Date line'), dateline: l10n.t('dateline') });

/** The record's date and where it comes from (2006年3月22日 (dateline)). */
function dateLabel(record: RecordSummary): string | undefined {
  if (!record.dateText) return undefined;
  const from = record.dateSource ? DATE_SOURCE()[record.dateSource] : undefined;
  return from ? `${record.dateText} (${from})` : record.dateText;
}

const SHAPE_LABEL = (): Record<string, string> => ({ listing: l10n.t('abstract listing'), news: l10n.t('news article'), qa: l10n.t('Q&A page'), summary: l10n.t('think-tank summary'), plain: l10n.t('text') });

/**
 * Documents view: file -> records, with title, date, source and counts; the commentator sections of a Q&A page
 * under its record (or directly under the file when the page is one record).
 */
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
    const record = node.kind === 'file' ? node.doc.records[0] : node.kind === 'record' ? node.record : undefined;
    return (record?.sections ?? []).map((section) => ({ kind: 'section', doc: node.doc, section }));
  }

  getTreeItem(node: Node): vscode.TreeItem {
    if (node.kind === 'file') {
      const { doc } = node;
      const multi = doc.records.length > 1;
      const sections = multi ? 0 : (doc.records[0]?.sections?.length ?? 0);
      const item = new vscode.TreeItem(uriOf(doc.path), multi || sections ? vscode.TreeItemCollapsibleState.Collapsed : vscode.TreeItemCollapsibleState.None);
      item.label = fileLabel(doc.path);
      const single = doc.records[0];
      item.description = multi
        ? `${count(doc.records.length, 'record')} · ${SHAPE_LABEL()[doc.shape] ?? doc.shape}`
        : sections
          ? [single?.title, count(sections, 'commentator'), SHAPE_LABEL()[doc.shape]].filter(Boolean).join(' · ')
          : [single?.title, single?.dateText, single?.source].filter(Boolean).join(' · ') || SHAPE_LABEL()[doc.shape];
      item.contextValue = 'document';
      item.command = { command: 'vscode.open', title: l10n.t('Open'), arguments: [uriOf(doc.path)] };
      return item;
    }
    if (node.kind === 'section') {
      const { section, doc } = node;
      const item = new vscode.TreeItem(section.holder, vscode.TreeItemCollapsibleState.None);
      item.id = `${doc.path}@${section.span.start}`;
      item.description = l10n.t('commentator');
      item.tooltip = l10n.t('{0}: the answer of this commentator', section.holder);
      item.iconPath = new vscode.ThemeIcon('comment-discussion');
      item.contextValue = 'section';
      item.command = revealCommand(doc.path, section.holderSpan, l10n.t('Open section'));
      return item;
    }
    const { record, doc } = node;
    const item = new vscode.TreeItem(record.label, record.sections?.length ? vscode.TreeItemCollapsibleState.Collapsed : vscode.TreeItemCollapsibleState.None);
    item.id = `${doc.path}#${record.id}`;
    item.description = [record.dateText, record.source].filter(Boolean).join(' · ');
    item.iconPath = new vscode.ThemeIcon('note');
    item.contextValue = 'record';
    item.command = revealCommand(doc.path, record.titleSpan ?? { start: record.span.start, end: record.span.start }, l10n.t('Open record'));
    return item;
  }

  /**
   * The tooltip of a file or record, made when the row is hovered: every refresh of the view sends all its rows to
   * the window (4,000 files), and the tooltips were a good part of that.
   */
  resolveTreeItem(item: vscode.TreeItem, node: Node): vscode.TreeItem {
    item.tooltip ??= tooltipOf(node);
    return item;
  }
}

/** The tooltip of a row (undefined for a commentator section, whose tooltip is set with the row). */
function tooltipOf(node: Node): vscode.MarkdownString | string | undefined {
  if (node.kind === 'file') {
    const { doc } = node;
    return new vscode.MarkdownString(
      `**${escapeMarkdown(fileLabel(doc.path))}**\n\n${SHAPE_LABEL()[doc.shape] ?? doc.shape} · ${count(doc.records.length, 'record')} · ${count(doc.entityCount, 'entity mention')} · ${count(doc.dateCount, 'date')}`,
    );
  }
  if (node.kind === 'record') {
    const { record } = node;
    return new vscode.MarkdownString(
      `**${escapeMarkdown(record.label)}**\n\n${[dateLabel(record), record.source, record.authors?.join(', ')].filter((s): s is string => Boolean(s)).map((s) => escapeMarkdown(s)).join(' · ')}\n\n${count(record.entityCount, 'entity mention')} · ${count(record.dateCount, 'date')}`,
    );
  }
  return undefined;
}
