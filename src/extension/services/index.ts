import type * as vscode from 'vscode';
import type { Logger } from '../../core/types';
import type { AnalystService } from './analysts';
import type { AnnotationService } from './annotations';
import type { CorpusService } from './corpus';
import type { DocumentService } from './documents';
import type { KnowledgeService } from './knowledge';
import type { DocumentProtection } from '../features/protect/protection';

/** What every feature gets: the core services, wired once in extension.ts. */
export interface Services {
  context: vscode.ExtensionContext;
  channel: vscode.LogOutputChannel;
  log: Logger;
  knowledge: KnowledgeService;
  documents: DocumentService;
  corpus: CorpusService;
  annotations: AnnotationService;
  /** Read-only corpus documents and reveal without selection (features/protect). */
  protection: DocumentProtection;
  analysts: AnalystService;
}

export interface Feature {
  readonly id: string;
  activate(services: Services): vscode.Disposable | vscode.Disposable[];
}
