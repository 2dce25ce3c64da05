import * as vscode from 'vscode';
import { Disposable, throttle } from '../../disposable';
import type { Services } from '../../services/index';

/**
 * While a full index runs, a view is refreshed at most once in this many milliseconds (the index changes every
 * 150 ms then; each refresh of a visible view sends its expanded rows to the window again: thousands of documents).
 */
export const REFRESH_WHILE_INDEXING_MS = 1000;

/** A tree view over the corpus index: refreshed whenever the index changes (throttled while a full index runs). */
export abstract class CorpusTree<Node> extends Disposable implements vscode.TreeDataProvider<Node> {
  private readonly emitter = this._register(new vscode.EventEmitter<Node | undefined>());
  readonly onDidChangeTreeData = this.emitter.event;

  constructor(protected readonly services: Services) {
    super();
    const refresh = () => this.emitter.fire(undefined);
    const whileIndexing = throttle(refresh, REFRESH_WHILE_INDEXING_MS);
    this._register({ dispose: () => whileIndexing.cancel() });
    this._register(
      services.corpus.onDidChange(() => {
        if (services.corpus.progress) return whileIndexing();
        whileIndexing.cancel();
        refresh();
      }),
    );
  }

  abstract getChildren(node?: Node): Node[];
  abstract getTreeItem(node: Node): vscode.TreeItem;

}
