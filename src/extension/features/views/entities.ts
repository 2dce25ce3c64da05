import * as l10n from '@vscode/l10n';
import * as vscode from 'vscode';
import type { EntityType } from '../../../core/types';
import { ENTITY_TYPE_INFO, ENTITY_TYPES } from '../../../core/entities/types';
import { CorpusTree } from './tree';
import { fileLabel, revealCommand } from '../../ui/reveal';
import { count } from '../../l10n';

const TYPES = (): Array<{ type: EntityType | 'candidate'; label: string; icon: string }> => [
  ...ENTITY_TYPES.map((type) => ({ type, label: ENTITY_TYPE_INFO[type].plural(), icon: ENTITY_TYPE_INFO[type].icon })),
  { type: 'candidate', label: l10n.t('Unconfirmed candidates'), icon: 'question' },
];

const MENTION_LIMIT = 500;

type Node =
  | { kind: 'type'; type: EntityType | 'candidate'; label: string; icon: string; count: number }
  | { kind: 'entity'; id: string; count: number; documents: number }
  | { kind: 'mention'; id: string; path: string; start: number; end: number; text: string }
  | { kind: 'more'; count: number };

/** Entities view: type -> entity (mention count) -> mentions. */
export class EntitiesTree extends CorpusTree<Node> {

  private typeOf(id: string): EntityType | 'candidate' {
    if (id.startsWith('candidate:')) return 'candidate';
    return this.services.knowledge.kb.get(id)?.type ?? 'other';
  }

  getChildren(node?: Node): Node[] {
    const counts = this.services.corpus.index.entityCounts();
    if (!node) {
      const perType = new Map<string, number>();
      for (const [id] of counts) perType.set(this.typeOf(id), (perType.get(this.typeOf(id)) ?? 0) + 1);
      return TYPES().filter((t) => perType.get(t.type)).map((t) => ({ kind: 'type', ...t, count: perType.get(t.type)! }));
    }
    if (node.kind === 'type') {
      return [...counts]
        .filter(([id]) => this.typeOf(id) === node.type)
        .map(([id, c]) => ({ kind: 'entity' as const, id, count: c.count, documents: c.documents }))
        .sort((a, b) => b.count - a.count || a.id.localeCompare(b.id));
    }
    if (node.kind === 'entity') {
      const mentions = this.services.corpus.index.mentionsOf(node.id);
      const shown: Node[] = mentions.slice(0, MENTION_LIMIT).map((m) => ({ kind: 'mention', id: node.id, path: m.path, start: m.start, end: m.end, text: m.text }));
      if (mentions.length > MENTION_LIMIT) shown.push({ kind: 'more', count: mentions.length - MENTION_LIMIT });
      return shown;
    }
    return [];
  }

  getTreeItem(node: Node): vscode.TreeItem {
    switch (node.kind) {
      case 'type': {
        const item = new vscode.TreeItem(node.label, vscode.TreeItemCollapsibleState.Collapsed);
        item.id = `type:${node.type}`;
        item.description = String(node.count);
        item.iconPath = new vscode.ThemeIcon(node.icon);
        return item;
      }
      case 'entity': {
        const entity = this.services.knowledge.kb.get(node.id);
        const label = entity ? `${entity.name}${entity.names['zh-Hans'] ? ` ${entity.names['zh-Hans']}` : ''}` : node.id.replace(/^candidate:/, '');
        const item = new vscode.TreeItem(label, vscode.TreeItemCollapsibleState.Collapsed);
        item.id = `entity:${node.id}`;
        item.description = l10n.t('{0} in {1}', node.count, count(node.documents, 'document'));
        item.tooltip = entity?.description ?? l10n.t('Unconfirmed candidate: not in the knowledge base');
        item.contextValue = entity ? 'entity' : 'entity.candidate';
        return item;
      }
      case 'mention': {
        const location = this.services.corpus.location(node.path, node);
        const item = new vscode.TreeItem(`${fileLabel(node.path)}:${location.range.start.line + 1}`, vscode.TreeItemCollapsibleState.None);
        item.id = `mention:${node.id}:${node.path}:${node.start}`;
        item.description = node.text;
        item.command = revealCommand(node.path, node);
        return item;
      }
      case 'more':
        return new vscode.TreeItem(l10n.t('… {0} more (use Find All References)', node.count), vscode.TreeItemCollapsibleState.None);
    }
  }
}
