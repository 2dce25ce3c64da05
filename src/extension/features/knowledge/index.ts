import * as vscode from 'vscode';
import { addEntityToKnowledgeText, slugFor } from '../../../core/knowledgeEdit';
import { toSimplified } from '../../../core/text/fold';
import type { EntityType } from '../../../core/types';
import { WorkspaceFileStore } from '../../fileStore';
import type { Feature, Services } from '../../services/index';
import { KNOWLEDGE_FILE, TOPICS_FILE } from '../../services/knowledge';

const TYPES: EntityType[] = ['person', 'country', 'organization', 'treaty', 'place', 'event', 'other'];

/** Argument shapes: from a hover link ({text, type}) or from an Entities tree item ({id: 'candidate:...'}). */
type CandidateArg = { text?: string; type?: EntityType; id?: string } | undefined;

async function addToKnowledgeBase(services: Services, arg: CandidateArg): Promise<void> {
  const file = services.knowledge.workspaceFile(KNOWLEDGE_FILE);
  if (!file) {
    void vscode.window.showErrorMessage('Corpus Lens: open a folder first: the workspace knowledge file lives in .corpus-lens/ of the folder.');
    return;
  }
  const editor = vscode.window.activeTextEditor;
  const fromSelection = editor && !editor.selection.isEmpty ? editor.document.getText(editor.selection) : undefined;
  const surface = (arg?.text ?? arg?.id?.replace(/^candidate:/, '') ?? fromSelection ?? '').replace(/^《|》$/g, '').trim();
  const text = await vscode.window.showInputBox({ title: 'Add to knowledge base (1/3): name as written', value: surface, prompt: 'The name as it appears in the corpus; it becomes an alias.' });
  if (!text) return;
  const type = await vscode.window.showQuickPick(
    TYPES.map((t) => ({ label: t, picked: t === arg?.type })),
    { title: 'Add to knowledge base (2/3): type' },
  );
  if (!type) return;
  const en = await vscode.window.showInputBox({ title: 'Add to knowledge base (3/3): English name', prompt: 'Canonical English name (leave empty if unknown)', value: /^[\x20-\x7e]+$/.test(text) ? text : '' });
  if (en === undefined) return;
  const cjk = /[\u3400-\u9fff]/.test(text);
  const simplified = cjk ? toSimplified(text) : undefined;
  const entity = {
    id: `${type.label}/${slugFor(en || text)}`,
    type: type.label as EntityType,
    names: { en: en || undefined, 'zh-Hans': simplified, 'zh-Hant': cjk && simplified !== text ? text : undefined },
    aliases: cjk || !en || en === text ? [] : [text],
    description: 'Added from the corpus by an analyst.',
  };
  const store = new WorkspaceFileStore();
  const existing = await store.readText(file.toString());
  const result = addEntityToKnowledgeText(existing, entity);
  if ('error' in result) {
    void vscode.window.showErrorMessage(`Corpus Lens: ${result.error}`, 'Open Knowledge File').then((a) => a && vscode.window.showTextDocument(file));
    return;
  }
  await vscode.workspace.fs.createDirectory(vscode.Uri.joinPath(file, '..'));
  await store.writeTextAtomic(file.toString(), result.text);
  await services.knowledge.reload();
  services.documents.invalidateAll();
  void services.corpus.reindex();
  void vscode.window.showInformationMessage(`Corpus Lens: added ${entity.id} to ${KNOWLEDGE_FILE}.`, 'Open Knowledge File').then((a) => a && vscode.window.showTextDocument(file));
}

async function openWorkspaceFile(services: Services, name: string, template: string): Promise<void> {
  const file = services.knowledge.workspaceFile(name);
  if (!file) {
    void vscode.window.showErrorMessage('Corpus Lens: open a folder first.');
    return;
  }
  const store = new WorkspaceFileStore();
  if (!(await store.exists(file.toString()))) {
    await vscode.workspace.fs.createDirectory(vscode.Uri.joinPath(file, '..'));
    await store.writeTextAtomic(file.toString(), template);
  }
  await vscode.window.showTextDocument(file);
}

async function useForTxtFiles(): Promise<void> {
  const files = vscode.workspace.getConfiguration('files');
  const associations = { ...(files.get<Record<string, string>>('associations') ?? {}), '*.txt': 'corpus-text' };
  await files.update('associations', associations, vscode.ConfigurationTarget.Workspace);
  void vscode.window.showInformationMessage('Corpus Lens: .txt files in this workspace now open as Corpus Text (record structure highlighted).');
}

export const knowledgeFeature: Feature = {
  id: 'knowledge',
  activate: (services) => [
    vscode.commands.registerCommand('corpusLens.addToKnowledgeBase', (arg?: CandidateArg) => addToKnowledgeBase(services, arg)),
    vscode.commands.registerCommand('corpusLens.openKnowledgeFile', () =>
      openWorkspaceFile(services, KNOWLEDGE_FILE, '# Corpus Lens workspace knowledge: adds to or overrides the bundled knowledge base by id.\nschema: corpus-lens/knowledge@1\nentities: []\n'),
    ),
    vscode.commands.registerCommand('corpusLens.openTopicsFile', () =>
      openWorkspaceFile(services, TOPICS_FILE, '# Corpus Lens workspace topics: add topics or override bundled ones by id.\nschema: corpus-lens/topics@1\ntopics: []\n'),
    ),
    vscode.commands.registerCommand('corpusLens.useForTxtFiles', useForTxtFiles),
  ],
};
