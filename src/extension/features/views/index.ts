import * as l10n from '@vscode/l10n';
import * as vscode from 'vscode';
import { noLinks } from '../../../core/text/escape';
import { count } from '../../l10n';
import { readConfig } from '../../config';
import { revealSpan } from '../../ui/reveal';
import type { Feature, Services } from '../../services/index';
import { DocumentsTree } from './documents';
import { EntitiesTree } from './entities';
import { TopicsTree } from './topics';
import { registerCommand } from '../../commands';

// The reveal helpers live in ui/reveal.ts (the trees import them from there: no cycle through this module).
export { fileLabel, revealCommand, revealSpan } from '../../ui/reveal';

/**
 * Re-index Corpus (the command): indexes, then says what it found, in the status bar, or in a message when no
 * file matches the include glob. Returns the text shown (tests read it).
 */
export async function reindexWithFeedback(services: Services): Promise<string> {
  await services.corpus.reindex();
  const documents = services.corpus.index.documents();
  if (!documents.length) {
    const text = l10n.t('No corpus files match corpusLens.files.include ({0}).', String(readConfig().include));
    void vscode.window.showInformationMessage(noLinks(l10n.t('Corpus Lens: {0}', text)), l10n.t('Change the File Pattern')).then((choice) => {
      if (choice) void vscode.commands.executeCommand('workbench.action.openSettings', 'corpusLens.files.include');
    });
    return text;
  }
  const records = documents.reduce((n, d) => n + d.records.length, 0);
  const text = `Indexed ${count(documents.length, 'document')} (${count(records, 'record')})`;
  vscode.window.setStatusBarMessage(l10n.t('$(check) Corpus Lens: {0}', text), 5000);
  return text;
}

export const viewsFeature: Feature = {
  id: 'views',
  activate: (services) => {
    const documents = new DocumentsTree(services);
    const topics = new TopicsTree(services);
    const entities = new EntitiesTree(services);
    return [
      documents,
      topics,
      entities,
      vscode.window.registerTreeDataProvider('corpusLens.documents', documents),
      vscode.window.registerTreeDataProvider('corpusLens.topics', topics),
      vscode.window.registerTreeDataProvider('corpusLens.entities', entities),
      registerCommand(services.log, 'corpusLens.revealMention', (path: string, start: number, end: number) => revealSpan(services, path, { start, end })),
      registerCommand(services.log, 'corpusLens.reindex', () => reindexWithFeedback(services)),
    ];
  },
};
