import * as l10n from '@vscode/l10n';
import * as vscode from 'vscode';
import type { Topic } from '../../../core/corpus/topics';
import { CorpusTree } from './tree';
import { fileLabel, revealCommand } from '../../ui/reveal';
import { topicName, topicOtherName } from '../../../core/corpus/topics';

type Node = { kind: 'topic'; topic: Topic; count: number } | { kind: 'record'; topic: Topic; path: string; recordId: string; score: number };

/** Topics view: topic -> the records that match it (by keywords and entities). */
export class TopicsTree extends CorpusTree<Node> {

  getChildren(node?: Node): Node[] {
    const index = this.services.corpus.index;
    if (!node) {
      return this.services.knowledge.topics
        .all()
        .map((topic) => ({ kind: 'topic' as const, topic, count: index.recordsForTopic(topic.id).length }))
        .filter((n) => n.count > 0)
        .sort((a, b) => b.count - a.count || a.topic.id.localeCompare(b.topic.id));
    }
    if (node.kind === 'topic') {
      return index
        .recordsForTopic(node.topic.id)
        .map((r) => ({ kind: 'record' as const, topic: node.topic, path: r.path, recordId: r.recordId, score: r.score }));
    }
    return [];
  }

  getTreeItem(node: Node): vscode.TreeItem {
    if (node.kind === 'topic') {
      const item = new vscode.TreeItem(topicName(node.topic.label), vscode.TreeItemCollapsibleState.Collapsed);
      item.id = `topic:${node.topic.id}`;
      const other = topicOtherName(node.topic.label);
      item.description = other ? `${other} · ${node.count}` : String(node.count);
      item.tooltip = node.topic.description;
      item.iconPath = new vscode.ThemeIcon('tag');
      item.contextValue = 'topic';
      return item;
    }
    const record = this.services.corpus.index.record(node.path, node.recordId);
    const item = new vscode.TreeItem(record?.label ?? node.recordId, vscode.TreeItemCollapsibleState.None);
    item.id = `topic:${node.topic.id}:${node.path}#${node.recordId}`;
    item.description = l10n.t('{0} · score {1}', fileLabel(node.path), node.score.toFixed(1));
    item.iconPath = new vscode.ThemeIcon('note');
    if (record) item.command = revealCommand(node.path, record.titleSpan ?? { start: record.span.start, end: record.span.start }, l10n.t('Open record'));
    return item;
  }
}
