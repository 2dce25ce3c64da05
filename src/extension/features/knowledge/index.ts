import * as l10n from '@vscode/l10n';
import * as vscode from 'vscode';
import { isTrusted, showRestricted } from '../../trust';
import { noLinks } from '../../../core/text/escape';
import { addAliasToKnowledgeText, addEntityToKnowledgeText, slugFor } from '../../../core/knowledgeEdit';
import type { Entity } from '../../../core/entities/knowledge';
import { fold, toSimplified } from '../../../core/text/fold';
import type { EntityType } from '../../../core/types';
import { askEntity, type KnowledgeAnswers } from './ask';
import { WorkspaceFileStore } from '../../fileStore';
import type { Feature, Services } from '../../services/index';
import { BACK } from '../../prompter';
import { KNOWLEDGE_FILE, TOPICS_FILE } from '../../services/knowledge';
import { registerCommand } from '../../commands';

/**
 * One edit of the workspace knowledge file (Add to Knowledge Base, add a name, Correct…): nothing is written into an
 * untrusted workspace; an edit that cannot be made (the file does not parse...) is shown with a button to open the
 * file; a change is written atomically and the knowledge base, documents and index follow. Returns whether the
 * edit went through (written, or already there).
 */
export async function editKnowledgeFile(
  services: Services,
  file: vscode.Uri,
  edit: (text: string | undefined) => { text: string; added?: boolean } | { error: string },
): Promise<boolean> {
  if (!isTrusted()) {
    showRestricted();
    return false;
  }
  const store = new WorkspaceFileStore();
  const result = edit(await store.readText(file.toString()));
  if ('error' in result) {
    void vscode.window.showErrorMessage(noLinks(l10n.t('Corpus Lens: {0}', result.error)), l10n.t('Open Knowledge File')).then((a) => (a ? vscode.window.showTextDocument(file) : undefined));
    return false;
  }
  if (result.added === false) return true;
  await vscode.workspace.fs.createDirectory(vscode.Uri.joinPath(file, '..'));
  await store.writeTextAtomic(file.toString(), result.text);
  await services.knowledge.reload();
  services.documents.invalidateAll();
  void services.corpus.reindex();
  return true;
}


/** Argument shapes: from a hover link ({text, type}) or from an Entities tree item ({id: 'candidate:...'}). */
type CandidateArg = { text?: string; type?: EntityType; id?: string } | undefined;


/** A new id `type/slug`, suffixed -2, -3... when the knowledge base already has it (never overrides an entry). */
function freshId(services: Services, type: EntityType, name: string): string {
  const base = `${type}/${slugFor(name)}`;
  let id = base;
  for (let n = 2; services.knowledge.kb.has(id); n++) id = `${base}-${n}`;
  return id;
}

/**
 * Existing entities the new one is likely to be (its name would only be another name of theirs): the same id
 * (type + slug of the English name: a new entry would become `…-2`), the same Wikidata id, or an English name
 * equal, folded, to one of their names. Most likely first.
 */
function sameEntityCandidates(services: Services, answers: KnowledgeAnswers): Array<{ entity: Entity; why: string }> {
  const { kb } = services.knowledge;
  const out: Array<{ entity: Entity; why: string }> = [];
  const add = (entity: Entity | undefined, why: string) => {
    if (entity && !out.some((o) => o.entity.id === entity.id)) out.push({ entity, why });
  };
  if (answers.wikidata) for (const e of kb.all()) if (e.wikidata === answers.wikidata) add(e, l10n.t('same Wikidata id {0}', answers.wikidata));
  add(kb.get(`${answers.type}/${slugFor(answers.en || answers.text)}`), l10n.t('same id'));
  const en = answers.en && fold(answers.en);
  if (en) for (const e of kb.all()) if (e.allNames().some((n) => fold(n) === en)) add(e, l10n.t('has the name {0}', answers.en));
  return out;
}

async function addToKnowledgeBase(services: Services, arg: CandidateArg): Promise<void> {
  const file = services.knowledge.workspaceFile(KNOWLEDGE_FILE);
  if (!file) {
    void vscode.window.showErrorMessage(l10n.t('Corpus Lens: open a folder first: the workspace knowledge file lives in .corpus-lens/ of the folder.'));
    return;
  }
  if (!isTrusted()) {
    showRestricted();
    return;
  }
  const editor = vscode.window.activeTextEditor;
  const fromSelection = editor && !editor.selection.isEmpty ? editor.document.getText(editor.selection) : undefined;
  const surface = (arg?.text ?? arg?.id?.replace(/^candidate:/, '') ?? fromSelection ?? '').replace(/^《|》$/g, '').trim();
  let answers = await askEntity(services.knowledge.prompter, services.knowledge, { text: surface, type: arg?.type });
  // Another name of an entity the knowledge base has (楊潔箎 written with a variant, a transliteration...): offer to
  // add it to that entity rather than create a second one (person/yang-jiechi-2).
  let sameAs: Entity | undefined;
  for (;;) {
    if (!answers) return;
    const candidates = sameEntityCandidates(services, answers);
    if (!candidates.length) break;
    const newId = freshId(services, answers.type, answers.en || answers.text);
    const choice = await services.knowledge.prompter.pick<string | null>({
      id: 'kbExisting',
      title: l10n.t('Add to Knowledge Base'),
      step: 5,
      totalSteps: 5,
      placeholder: l10n.t('“{0}” looks like another name of an entity the knowledge base has', answers.text),
      options: [
        ...candidates.map(({ entity, why }) => ({ label: l10n.t('$(symbol-class) Add “{0}” as a name of {1}', answers!.text, entity.name), description: `${entity.id} · ${why}`, detail: entity.description, value: entity.id })),
        { label: l10n.t('$(add) Create a new entity'), description: newId, value: null },
      ],
    });
    if (choice === undefined) return;
    if (choice === BACK) {
      answers = await askEntity(services.knowledge.prompter, services.knowledge, answers, 4);
      continue;
    }
    sameAs = choice === null ? undefined : services.knowledge.kb.get(choice);
    break;
  }
  if (sameAs) {
    await addName(services, file, sameAs, answers.text);
    return;
  }
  const { text, type, en, wikidata } = answers;
  const cjk = /[\u3400-\u9fff]/.test(text);
  const simplified = cjk ? toSimplified(text) : undefined;
  const entity = {
    id: freshId(services, type, en || text),
    type,
    names: { en: en || undefined, 'zh-Hans': simplified, 'zh-Hant': cjk && simplified !== text ? text : undefined },
    aliases: cjk || !en || en === text ? [] : [text],
    wikidata: wikidata || undefined,
    description: l10n.t('Added from the corpus by an analyst.'),
  };
  if (!(await editKnowledgeFile(services, file, (text) => addEntityToKnowledgeText(text, entity)))) return;
  void vscode.window.showInformationMessage(l10n.t('Corpus Lens: added {0} to {1}.', entity.id, KNOWLEDGE_FILE), l10n.t('Open Knowledge File')).then((a) => (a ? vscode.window.showTextDocument(file) : undefined));
}

/** Writes `name` as an alias of an existing entity into the workspace knowledge file. */
async function addName(services: Services, file: vscode.Uri, entity: Entity, name: string): Promise<void> {
  if (!(await editKnowledgeFile(services, file, (text) => addAliasToKnowledgeText(text, entity.id, name)))) return;
  void vscode.window.showInformationMessage(l10n.t('Corpus Lens: “{0}” is now a name of {1} ({2}) in {3}.', name, entity.name, entity.id, KNOWLEDGE_FILE), l10n.t('Open Knowledge File')).then((a) => (a ? vscode.window.showTextDocument(file) : undefined));
}

async function openWorkspaceFile(services: Services, name: string, template: string): Promise<void> {
  const file = services.knowledge.workspaceFile(name);
  if (!file) {
    void vscode.window.showErrorMessage(l10n.t('Corpus Lens: open a folder first.'));
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
  void vscode.window.showInformationMessage(l10n.t('Corpus Lens: .txt files in this workspace now open as Corpus Text (record structure highlighted).'));
}

export const knowledgeFeature: Feature = {
  id: 'knowledge',
  activate: (services) => [
    registerCommand(services.log, 'corpusLens.addToKnowledgeBase', (arg?: CandidateArg) => addToKnowledgeBase(services, arg)),
    registerCommand(services.log, 'corpusLens.openKnowledgeFile', () =>
      openWorkspaceFile(services, KNOWLEDGE_FILE, '# Corpus Lens workspace knowledge: adds to or overrides the bundled knowledge base by id.\nschema: corpus-lens/knowledge@1\nentities: []\n'),
    ),
    registerCommand(services.log, 'corpusLens.openTopicsFile', () =>
      openWorkspaceFile(services, TOPICS_FILE, '# Corpus Lens workspace topics: add topics or override bundled ones by id.\nschema: corpus-lens/topics@1\ntopics: []\n'),
    ),
    registerCommand(services.log, 'corpusLens.useForTxtFiles', useForTxtFiles),
  ],
};
