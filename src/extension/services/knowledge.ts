import * as l10n from '@vscode/l10n';
import * as vscode from 'vscode';
import { Analyzer } from '../../core/analysis';
import { loadTopics, TopicSet } from '../../core/corpus/topics';
import { hashString } from '../../core/text/hash';
import { defaultKnowledgeSource, KnowledgeBase, loadKnowledge, type KnowledgeSource } from '../../core/entities/knowledge';
import { EntityRecognizer } from '../../core/entities/recognizer';
import type { Logger, Problem } from '../../core/types';
import defaultTopics from '../../../data/topics.yaml';
import { toDiagnostic } from '../convert';
import { confineToFolder } from '../confine';
import { Disposable } from '../disposable';
import { withResolvers } from '../../core/async';
import { WorkspaceFileStore } from '../fileStore';
import type { Prompter } from '../prompter';

export const KNOWLEDGE_FILE = '.corpus-lens/knowledge.yaml';
export const TOPICS_FILE = '.corpus-lens/topics.yaml';

/**
 * The knowledge base and topic list: bundled defaults plus each workspace folder's `.corpus-lens/*.yaml`.
 * Problems in the workspace files go to the Problems panel; the rest keeps working.
 */
export class KnowledgeService extends Disposable {
  // Empty until the first load (activation does not wait for it): `ready` resolves when it is done.
  kb: KnowledgeBase = new KnowledgeBase([]);
  // Before the first load: no names and no tagger (an editor restored at activation gets its dates only, and the
  // tagger models are not decoded for an analysis the load replaces at once).
  recognizer: EntityRecognizer = new EntityRecognizer(this.kb, { taggers: false });
  analyzer: Analyzer = new Analyzer(this.recognizer);
  /** The sources of the current knowledge base and topics (index workers build theirs from them). */
  sources: { knowledge: KnowledgeSource[]; topics: Array<{ file: string; text: string }> } = { knowledge: [], topics: [] };
  /** Hash of `sources`: what the persistent index cache is keyed by. */
  version = '';
  /** False until the first load is over. */
  loaded = false;
  private readonly firstLoad = withResolvers<void>();
  /** Resolves after the first load (whatever its problems). */
  readonly ready = this.firstLoad.promise;
  private readonly diagnostics = this._register(vscode.languages.createDiagnosticCollection('corpus-lens-knowledge'));
  private readonly changed = this._register(new vscode.EventEmitter<void>());
  /** After a load, once the highlights of open editors had their turn (see `announce`): index, views, status. */
  readonly onDidChange = this.changed.event;
  private readonly recognizerChanged = this._register(new vscode.EventEmitter<void>());
  /** After a load, first: the open documents' analyses (their highlights). */
  readonly onDidChangeRecognizer = this.recognizerChanged.event;
  private readonly files = new WorkspaceFileStore();
  private queue: Promise<void> = Promise.resolve();
  /** The topics of `sources`, parsed when first asked (not before the first highlights: they do not need them). */
  private parsedTopics: TopicSet | undefined = TopicSet.empty;
  /** The problems of the knowledge files of the current load (the topics' are added when they are parsed). */
  private problems: Problem[] = [];

  constructor(
    private readonly log: Logger,
    /** How Add to Knowledge Base and Correct This Recognition ask (the extension's one Prompts). */
    readonly prompter: Prompter,
  ) {
    super();
    // Bursts of events (a save fires change, an editor may write twice, deleting .corpus-lens/ fires for the folder
    // only) become one reload; reloads never overlap, so the last state on disk always wins.
    let timer: ReturnType<typeof setTimeout> | undefined;
    const reload = () => {
      if (timer) clearTimeout(timer);
      timer = setTimeout(() => {
        timer = undefined;
        this.queue = this.queue
          .then(() => this.reload())
          .then(() => this.announce())
          .catch((error: unknown) => this.log.error(`Reloading the knowledge base failed: ${String(error)}`));
      }, 100);
    };
    this._register({ dispose: () => timer && clearTimeout(timer) });
    for (const pattern of [`**/${KNOWLEDGE_FILE}`, `**/${TOPICS_FILE}`, '**/.corpus-lens']) {
      const watcher = this._register(vscode.workspace.createFileSystemWatcher(pattern));
      this._register(watcher.onDidChange(reload));
      this._register(watcher.onDidCreate(reload));
      this._register(watcher.onDidDelete(reload));
    }
  }

  /** The first load, after activation: then `ready` resolves and onDidChange fires (highlights, index). */
  async start(): Promise<void> {
    try {
      await this.reload();
    } catch (error) {
      this.log.error(`Loading the knowledge base failed: ${String(error)}`);
    }
    this.loaded = true;
    await this.announce();
    this.firstLoad.resolve();
  }

  /**
   * Tells the open documents first (their highlights are set in this task, and reach the window when it ends), then,
   * a task later, everything else (the index starts, views and status refresh): the first highlights after
   * activation do not wait for the rest.
   */
  private async announce(): Promise<void> {
    this.recognizerChanged.fire();
    await new Promise<void>((resolve) => setTimeout(resolve, 0));
    this.changed.fire();
  }

  /**
   * For the highlights of a document while the tagger models are not decoded yet (the first analysis after
   * activation): the same recogniser without the taggers; undefined once they are (or when there are none).
   */
  get quickAnalyzer(): Analyzer | undefined {
    if (!this.loaded || this.recognizer.taggersReady) return undefined;
    if (this.quick?.recognizer !== this.recognizer) this.quick = { recognizer: this.recognizer, analyzer: new Analyzer(this.recognizer.withoutTaggers()) };
    return this.quick.analyzer;
  }
  private quick: { recognizer: EntityRecognizer; analyzer: Analyzer } | undefined;

  /** The topic list (bundled plus the workspace's `.corpus-lens/topics.yaml`). */
  get topics(): TopicSet {
    if (this.parsedTopics) return this.parsedTopics;
    const started = Date.now();
    const topics = loadTopics(this.sources.topics);
    this.parsedTopics = topics.value;
    if (topics.problems.length) this.report([...this.problems, ...topics.problems]);
    this.log.info(`Topics: ${topics.value.all().length} (${Date.now() - started} ms)`);
    return topics.value;
  }

  /** The workspace knowledge file of the first folder (where "Add to Knowledge Base" writes). */
  workspaceFile(name: string): vscode.Uri | undefined {
    const folder = vscode.workspace.workspaceFolders?.[0];
    return folder ? vscode.Uri.joinPath(folder.uri, name) : undefined;
  }

  async reload(): Promise<void> {
    const started = Date.now();
    const knowledgeSources = [defaultKnowledgeSource()];
    const topicSources = [{ file: '<bundled>/topics.yaml', text: defaultTopics }];
    const refused: Problem[] = [];
    for (const folder of vscode.workspace.workspaceFolders ?? []) {
      for (const [name, sources] of [
        [KNOWLEDGE_FILE, knowledgeSources],
        [TOPICS_FILE, topicSources],
      ] as const) {
        const uri = vscode.Uri.joinPath(folder.uri, name);
        try {
          // A link out of the workspace folder is not read.
          const confined = await confineToFolder(folder.uri.toString(), folder.uri.toString(), name);
          if ('error' in confined) {
            refused.push({ file: uri.toString(), line: 1, column: 1, severity: 'error', message: l10n.t('{0}: {1}; not read', name, confined.error) });
            continue;
          }
          const text = await this.files.readText(uri.toString());
          if (text !== undefined) sources.push({ file: uri.toString(), text });
        } catch (error) {
          this.log.error(`Cannot read ${uri.toString()}: ${String(error)}`);
        }
      }
    }
    const knowledge = loadKnowledge(knowledgeSources);
    this.kb = knowledge.value;
    this.sources = { knowledge: knowledgeSources, topics: topicSources };
    this.parsedTopics = undefined;
    this.version = hashString([...knowledgeSources, ...topicSources].map((s) => `${s.file}\u0000${s.text}`).join('\u0001'));
    this.recognizer = new EntityRecognizer(this.kb);
    this.analyzer = new Analyzer(this.recognizer);
    this.problems = [...refused, ...knowledge.problems];
    this.report(this.problems);
    this.log.info(`Knowledge base: ${this.kb.size} entities (${Date.now() - started} ms)`);
    // Parsed soon in any case (their problems go to the Problems panel), after what is waiting for the load.
    setTimeout(() => void this.topics, 0);
  }

  private report(problems: Problem[]): void {
    this.diagnostics.clear();
    const byFile = new Map<string, vscode.Diagnostic[]>();
    for (const p of problems) {
      if (p.file.startsWith('<bundled>')) {
        this.log.error(`Bundled data problem ${p.file}:${p.line}:${p.column}: ${p.message}`);
        continue;
      }
      const list = byFile.get(p.file) ?? [];
      list.push(toDiagnostic(p));
      byFile.set(p.file, list);
      this.log.warn(`${p.file}:${p.line}:${p.column}: ${p.message}`);
    }
    for (const [file, list] of byFile) this.diagnostics.set(vscode.Uri.parse(file), list);
  }
}
