import * as vscode from 'vscode';
import type { Services } from '../../services/index';

/** A tree view over the corpus index: refreshed whenever the index changes. */
export abstract class CorpusTree<Node> implements vscode.TreeDataProvider<Node>, vscode.Disposable {
  private readonly emitter = new vscode.EventEmitter<Node | undefined>();
  readonly onDidChangeTreeData = this.emitter.event;
  private readonly subscription: vscode.Disposable;

  constructor(protected readonly services: Services) {
    this.subscription = services.corpus.onDidChange(() => this.emitter.fire(undefined));
  }

  abstract getChildren(node?: Node): Node[];
  abstract getTreeItem(node: Node): vscode.TreeItem;

  dispose(): void {
    this.subscription.dispose();
    this.emitter.dispose();
  }
}
