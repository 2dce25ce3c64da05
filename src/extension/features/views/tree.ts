import * as vscode from 'vscode';
import { Disposable } from '../../disposable';
import type { Services } from '../../services/index';

/** A tree view over the corpus index: refreshed whenever the index changes. */
export abstract class CorpusTree<Node> extends Disposable implements vscode.TreeDataProvider<Node> {
  private readonly emitter = this._register(new vscode.EventEmitter<Node | undefined>());
  readonly onDidChangeTreeData = this.emitter.event;

  constructor(protected readonly services: Services) {
    super();
    this._register(services.corpus.onDidChange(() => this.emitter.fire(undefined)));
  }

  abstract getChildren(node?: Node): Node[];
  abstract getTreeItem(node: Node): vscode.TreeItem;

}
