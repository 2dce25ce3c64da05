import * as vscode from 'vscode';
import { ENTITY_TYPES, type EntityType } from '../core/entities/types';

/** What can be highlighted: the entity types (core/entities/types.ts), dates and unconfirmed candidates. */
export type HighlightKind = EntityType | 'date' | 'candidate';
export const HIGHLIGHT_KINDS: readonly HighlightKind[] = [...ENTITY_TYPES, 'date', 'candidate'];

/** Typed view of the `corpusLens.*` settings. */
export interface CorpusLensConfig {
  include: string;
  exclude: string;
  maxSizeBytes: number;
  highlightEnabled: boolean;
  highlightTypes: Record<HighlightKind, boolean>;
  annotationsFolder: string;
  author: string;
  askIntensity: boolean;
}

export function readConfig(scope?: vscode.ConfigurationScope): CorpusLensConfig {
  const c = vscode.workspace.getConfiguration('corpusLens', scope);
  const types = c.get<Partial<Record<HighlightKind, boolean>>>('highlight.types', {});
  return {
    include: c.get('files.include', '**/*.txt'),
    exclude: c.get('files.exclude', '{**/node_modules/**,**/.git/**,**/dist/**,**/out/**,exports/**}'),
    maxSizeBytes: c.get('files.maxSizeMB', 20) * 1024 * 1024,
    highlightEnabled: c.get('highlight.enabled', true),
    highlightTypes: Object.fromEntries(HIGHLIGHT_KINDS.map((k) => [k, types[k] !== false])) as Record<HighlightKind, boolean>,
    annotationsFolder: c.get('annotations.folder', ''),
    author: c.get('annotations.author', ''),
    askIntensity: c.get('annotations.intensity', true),
  };
}
