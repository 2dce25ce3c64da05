import * as vscode from 'vscode';
import { features } from './features';
import { createLogger } from './logger';
import { AnnotationService } from './services/annotations';
import { CorpusService } from './services/corpus';
import { DocumentService } from './services/documents';
import type { Services } from './services/index';
import { KnowledgeService } from './services/knowledge';
import { DocumentProtection } from './features/protect/protection';

/** Public API returned by activate(): used by the integration tests. */
export interface CorpusLensApi {
  services: Services;
}

export async function activate(context: vscode.ExtensionContext): Promise<CorpusLensApi> {
  const channel = vscode.window.createOutputChannel('Corpus Lens', { log: true });
  context.subscriptions.push(channel);
  const log = createLogger(channel);

  const knowledge = new KnowledgeService(log);
  const documents = new DocumentService(knowledge, log);
  // Corpus documents restored in editors become read-only first, before the knowledge base loads (the seconds
  // until then are the only time they are editable after a reload).
  const protection = new DocumentProtection(documents);
  context.subscriptions.push(knowledge, documents, protection);
  await knowledge.reload();
  const corpus = new CorpusService(knowledge, documents, log);
  const annotations = new AnnotationService(documents, log);
  context.subscriptions.push(corpus, annotations);

  const services: Services = { context, channel, log, knowledge, documents, corpus, annotations, protection };
  for (const feature of features) {
    try {
      const registered = feature.activate(services);
      context.subscriptions.push(...(Array.isArray(registered) ? registered : [registered]));
    } catch (error) {
      log.error(`Feature ${feature.id} failed to start: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
    }
  }
  void corpus.reindex();
  return { services };
}

export function deactivate(): void {}
