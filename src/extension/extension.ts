import * as vscode from 'vscode';
import { features } from './features';
import { createLogger } from './logger';
import { AnalystService } from './services/analysts';
import { AnnotationService } from './services/annotations';
import { CorpusService } from './services/corpus';
import { DocumentService } from './services/documents';
import type { Services } from './services/index';
import { KnowledgeService } from './services/knowledge';
import { localize as setBundle } from './l10n';
import { DocumentProtection } from './features/protect/protection';
import { Prompts, type Prompter } from './prompter';

/** Public API returned by activate(): used by the integration tests. */
export interface CorpusLensApi {
  services: Services;
  /** Answer the commands' questions through `prompter` (a test's script) until the disposable is disposed. */
  scriptPrompts(prompter: Prompter): vscode.Disposable;
  /**
   * Replaces the runtime bundle (l10n/bundle.l10n.<locale>.json contents; undefined: VS Code's own for its display
   * language again; `language`: the locale of zod's messages, VS Code's display language unless given). For the extension-host test that runs the interface in Chinese in a workbench whose display
   * language cannot be switched (see README, Chinese interface).
   */
  localize(bundle: Record<string, string> | undefined, language?: string): void;
}

export function activate(context: vscode.ExtensionContext): CorpusLensApi {
  const channel = vscode.window.createOutputChannel('Corpus Lens', { log: true });
  context.subscriptions.push(channel);
  const log = createLogger(channel);
  // Every runtime string goes through @vscode/l10n (vscode-free, so the core-side flows share it): give it VS Code's
  // bundle for the display language (undefined in English: the keys are the English strings).
  const localize = (bundle: Record<string, string> | undefined, language = vscode.env.language) => setBundle(bundle ?? vscode.l10n.bundle ?? {}, bundle ? language : vscode.env.language);
  localize(undefined);

  // Nothing heavy before the commands and providers are registered: the knowledge base loads after activation
  // (features await `knowledge.ready` where they need it), and its first load starts the index.
  // One prompter for every command (quick inputs; a test scripts it through the API).
  const prompts = new Prompts();
  const knowledge = new KnowledgeService(log, prompts);
  // Analyst-set reference dates come from the sidecars, whose service is created after the documents' (it uses them).
  const sidecars: { annotations?: AnnotationService } = {};
  const documents = new DocumentService(knowledge, log, (path) => sidecars.annotations?.get(path)?.document.reference);
  // Corpus documents restored in editors become read-only first, before anything else runs (the moments until then
  // are the only time they are editable after a reload).
  const protection = new DocumentProtection(documents);
  const corpus = new CorpusService(knowledge, documents, log, {
    storage: context.storageUri ?? vscode.Uri.joinPath(context.globalStorageUri, 'no-workspace'),
    workerScript: context.extensionUri.scheme === 'file' ? vscode.Uri.joinPath(context.extensionUri, 'dist', 'indexWorker.js').fsPath : undefined,
  });
  const annotations = (sidecars.annotations = new AnnotationService(documents, log, prompts));
  const analysts = new AnalystService(context, annotations);
  context.subscriptions.push(knowledge, documents, protection, corpus, annotations, analysts);

  const services: Services = { context, channel, log, knowledge, documents, corpus, annotations, protection, analysts };
  for (const feature of features) {
    try {
      const registered = feature.activate(services);
      context.subscriptions.push(...(Array.isArray(registered) ? registered : [registered]));
    } catch (error) {
      log.error(`Feature ${feature.id} failed to start: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
    }
  }
  setTimeout(() => void knowledge.start(), 0);
  return { services, scriptPrompts: (prompter) => prompts.script(prompter), localize };
}

export function deactivate(): void {}
