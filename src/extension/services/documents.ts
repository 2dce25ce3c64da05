import * as vscode from 'vscode';
import type { DocumentAnalysis } from '../../core/corpus/index';
import type { Logger } from '../../core/types';
import { readConfig } from '../config';
import { pathOf } from '../convert';
import { debounceEach, Disposable } from '../disposable';
import type { KnowledgeService } from './knowledge';

/**
 * Analyses of the documents open in editors, cached per document version. `onDidUpdate` fires (debounced while
 * typing) when a document's analysis changed, for highlights, outline and status bar.
 */
export class DocumentService extends Disposable {
  private readonly cache = new Map<string, { version: number; analysis: DocumentAnalysis }>();
  private readonly updated = this._register(new vscode.EventEmitter<vscode.TextDocument>());
  readonly onDidUpdate = this.updated.event;
  constructor(
    private readonly knowledge: KnowledgeService,
    private readonly log: Logger,
    /** Analyst-set reference dates (from the sidecars), by document path. */
    private readonly references: (path: string) => string | undefined,
  ) {
    super();
    // Per document: several documents changing at once (a git pull) each get their update.
    const fire = debounceEach((doc: vscode.TextDocument) => {
      if (!doc.isClosed) this.updated.fire(doc);
    }, 200);
    this._register(vscode.workspace.onDidChangeTextDocument((e) => this.isCorpusDocument(e.document) && e.contentChanges.length && fire(e.document)));
    this._register(vscode.workspace.onDidCloseTextDocument((d) => this.cache.delete(pathOf(d.uri))));
    this._register(knowledge.onDidChangeRecognizer(() => this.invalidateAll()));
    this._register({ dispose: () => fire.cancel() });
    this._register({ dispose: () => this.fullSoon.forEach((timer) => clearTimeout(timer)) });
  }

  /** Is this a corpus document: language `corpus-text`, or a file matching `corpusLens.files.include`. */
  isCorpusDocument(document: vscode.TextDocument): boolean {
    if (document.languageId === 'corpus-text') return true;
    if (document.uri.scheme === 'output' || document.uri.path.endsWith('.annotations.yaml')) return false;
    const folder = vscode.workspace.getWorkspaceFolder(document.uri);
    if (!folder) {
      // A file opened on its own (no folder): a plain-text file matching the include glob, or a new untitled text.
      if (document.languageId !== 'plaintext') return false;
      return document.uri.scheme === 'untitled' || vscode.languages.match({ pattern: readConfig().include }, document) > 0;
    }
    const config = readConfig(document.uri);
    if (vscode.languages.match({ pattern: new vscode.RelativePattern(folder, config.exclude) }, document) > 0) return false;
    return vscode.languages.match({ pattern: new vscode.RelativePattern(folder, config.include) }, document) > 0;
  }

  /** The analyst-set reference date of a document (its sidecar's `document.reference`), if any. */
  referenceFor(path: string): string | undefined {
    return this.references(path);
  }

  get(document: vscode.TextDocument): DocumentAnalysis {
    const key = pathOf(document.uri);
    const cached = this.cache.get(key);
    if (cached && cached.version === document.version) return cached.analysis;
    const started = Date.now();
    const reference = this.referenceFor(key);
    const analysis = this.knowledge.analyzer.analyse(document.getText(), reference ? { reference } : {});
    const ms = Date.now() - started;
    if (ms > 200) this.log.info(`Analysed ${document.uri.fsPath || key} in ${ms} ms`);
    // Before the knowledge base has loaded (just after activation) the analysis has dates only: not kept, since
    // the load invalidates every document and listeners render again.
    if (this.knowledge.loaded) this.cache.set(key, { version: document.version, analysis });
    return analysis;
  }

  /** Documents shown with a quick analysis (highlightAnalysis), to be analysed in full a task later. */
  private readonly fullSoon = new Map<string, ReturnType<typeof setTimeout>>();

  /**
   * The analysis to highlight a document with. The first one after activation, while the tagger models are not
   * decoded yet, is quick: the knowledge base's names, the rules' candidates and the dates, without the tagger's
   * names (decoding the models and tagging was ~100 ms of the first highlights). The full analysis follows a task
   * later (onDidUpdate then fires). Everything else (hovers, outline, index) asks `get`: always the full analysis.
   */
  highlightAnalysis(document: vscode.TextDocument): DocumentAnalysis {
    const key = pathOf(document.uri);
    const cached = this.cache.get(key);
    if (cached && cached.version === document.version) return cached.analysis;
    const quick = this.knowledge.quickAnalyzer;
    if (!quick) return this.get(document);
    if (!this.fullSoon.has(key)) {
      this.fullSoon.set(
        key,
        setTimeout(() => {
          this.fullSoon.delete(key);
          if (document.isClosed) return;
          this.get(document); // decodes the models: highlightAnalysis then has it cached
          this.updated.fire(document);
        }, 0),
      );
    }
    const reference = this.referenceFor(key);
    return quick.analyse(document.getText(), reference ? { reference } : {});
  }

  /** Forget cached analyses (knowledge or reference changed) and tell listeners. */
  invalidateAll(): void {
    this.cache.clear();
    for (const doc of vscode.workspace.textDocuments) if (this.isCorpusDocument(doc)) this.updated.fire(doc);
  }

  invalidate(path: string): void {
    this.cache.delete(path);
    const doc = vscode.workspace.textDocuments.find((d) => pathOf(d.uri) === path);
    if (doc) this.updated.fire(doc);
  }
}

/** Languages corpus documents come in; providers check `isCorpusDocument` on top of this. */
export const DOCUMENT_SELECTOR: vscode.DocumentSelector = [{ language: 'plaintext' }, { language: 'corpus-text' }];
