/**
 * Correct a Recognition: from a mention's hover or the editor context menu, "not an entity here", "link to another
 * entity" or "change type", in this context or everywhere. The correction is a rule in the workspace knowledge file
 * (`rules:`, see src/core/entities/corrections.ts), applied at once across the corpus and by the CLI.
 */
import * as vscode from 'vscode';
import { mentionAt } from '../../../core/analysis';
import { addRuleToKnowledgeText, ruleContext, type NewRule, type RuleAction } from '../../../core/entities/corrections';
import type { EntityMention, EntityType } from '../../../core/types';
import { ENTITY_TYPES } from '../../../core/entities/types';
import { editKnowledgeFile } from '../knowledge/index';
import { BACK, type Answer, type PickOption } from '../../prompter';
import type { Feature, Services } from '../../services/index';
import { KNOWLEDGE_FILE } from '../../services/knowledge';
import { registerCommand } from '../../commands';


/** From a hover link: the document and the mention's UTF-16 offsets. */
type CorrectArg = { uri?: string; start?: number; end?: number } | undefined;

type Scope = 'here' | 'everywhere';

function describe(m: EntityMention, services: Services): string {
  const e = services.knowledge.kb.get(m.entityId);
  return e ? `${e.name} (${e.id}, ${m.type})` : `unconfirmed ${m.type} candidate`;
}

/** The rule's questions: action, then the entity or type, then the scope; Back between them. */
async function askRule(services: Services, document: vscode.TextDocument, m: EntityMention): Promise<NewRule | undefined> {
  const prompter = services.knowledge.prompter;
  const title = `Correct 「${m.text}」`;
  const text = document.getText();
  const context = ruleContext(text, m.start, m.end);
  const kb = services.knowledge.kb;
  let action: RuleAction | undefined;
  let entity: string | undefined;
  let type: EntityType | undefined;
  for (let step = 1; step <= 3; ) {
    const totalSteps = action === 'reject' ? 2 : 3;
    let answer: Answer<unknown>;
    if (step === 1) {
      answer = await prompter.pick<RuleAction>({
        id: 'correctAction', title, step, totalSteps: 3, placeholder: `Now: ${describe(m, services)}`,
        options: [
          { label: '$(circle-slash) Not an entity here', description: 'no highlight, not in the index', value: 'reject' },
          { label: '$(link) Link to another entity…', description: 'a person, state, organisation… of the knowledge base', value: 'link' },
          { label: '$(symbol-class) Change type…', description: `keep ${m.confirmed ? 'the entity' : 'the candidate'}, change its type`, value: 'retype' },
        ],
        active: action,
      });
      if (answer !== undefined && answer !== BACK) action = answer as RuleAction;
    } else if (step === 2 && action !== 'reject') {
      if (action === 'link') {
        // Entities of the corpus first, then the curated and workspace ones (see KnowledgeBase.pickable).
        const counts = services.corpus.index.entityCounts();
        const inCorpus = [...counts.keys()].map((id) => kb.get(id)).filter((e): e is NonNullable<typeof e> => e !== undefined);
        const listed = new Set(inCorpus.map((e) => e.id));
        const options: PickOption<string>[] = [...inCorpus, ...kb.pickable().filter((e) => !listed.has(e.id))]
          .filter((e) => e.id !== m.entityId)
          .map((e) => ({ label: e.name, description: `${e.type} · ${e.id}`, detail: e.description, value: e.id, suggested: listed.has(e.id) }));
        answer = await prompter.pick<string>({
          id: 'correctEntity', title, step, totalSteps, placeholder: 'The entity this mention refers to (any script, pinyin)', options,
          names: (o) => kb.get(o.value)?.allNames() ?? [o.label], active: entity,
        });
        if (typeof answer === 'string') entity = answer;
      } else {
        answer = await prompter.pick<EntityType>({
          id: 'correctType', title, step, totalSteps, placeholder: `The type of 「${m.text}」 (now ${m.type})`,
          options: ENTITY_TYPES.filter((t) => t !== m.type).map((t) => ({ label: t, value: t })), active: type,
        });
        if (typeof answer === 'string') type = answer as EntityType;
      }
    } else {
      const shown = `${context.before ?? ''}【${m.text}】${context.after ?? ''}`.replace(/\s+/g, ' ');
      answer = await prompter.pick<Scope>({
        id: 'correctScope', title, step: action === 'reject' ? 2 : 3, totalSteps, placeholder: 'Where does the correction apply?',
        options: [
          { label: `Here: 「${shown}」`, description: 'wherever the same words surround it', value: 'here' },
          { label: `Everywhere: every 「${m.text}」 in the corpus`, value: 'everywhere' },
        ],
      });
      if (answer === 'here' || answer === 'everywhere') {
        return {
          surface: m.text,
          ...(answer === 'here' && context),
          action: action!,
          ...(action === 'link' && { entity: entity! }),
          ...(action === 'retype' && { type: type! }),
        };
      }
    }
    if (answer === undefined) return undefined;
    if (answer === BACK) {
      step = step === 3 && action === 'reject' ? 1 : Math.max(1, step - 1);
      continue;
    }
    step = step === 1 && action === 'reject' ? 3 : step + 1;
  }
  return undefined;
}

async function correctMention(services: Services, arg: CorrectArg): Promise<void> {
  const file = services.knowledge.workspaceFile(KNOWLEDGE_FILE);
  if (!file) {
    void vscode.window.showErrorMessage('Corpus Lens: open a folder first: corrections are kept in .corpus-lens/knowledge.yaml of the folder.');
    return;
  }
  let document: vscode.TextDocument | undefined;
  let offset: number | undefined;
  if (arg?.uri && arg.start !== undefined) {
    document = await vscode.workspace.openTextDocument(vscode.Uri.parse(arg.uri));
    offset = arg.start;
  } else {
    const editor = vscode.window.activeTextEditor;
    document = editor?.document;
    offset = editor && document ? document.offsetAt(editor.selection.active) : undefined;
  }
  const mention = document && offset !== undefined ? mentionAt(services.documents.get(document).entities, offset) : undefined;
  if (!document || !mention) {
    void services.knowledge.prompter.notify({ kind: 'status', text: 'Corpus Lens: no entity mention at the cursor to correct.' });
    return;
  }
  const rule = await askRule(services, document, mention);
  if (!rule) return;
  if (!(await editKnowledgeFile(services, file, (text) => addRuleToKnowledgeText(text, rule)))) return;
  const what = rule.action === 'reject' ? 'not an entity' : rule.action === 'link' ? `linked to ${rule.entity}` : `typed ${rule.type}`;
  void services.knowledge.prompter.notify({
    kind: 'info',
    text: `Corpus Lens: 「${rule.surface}」 ${what}${rule.before !== undefined || rule.after !== undefined ? ' in this context' : ' everywhere'} (rule in ${KNOWLEDGE_FILE}).`,
    actions: ['Open Knowledge File'],
  }).then((a) => {
    if (a) void vscode.window.showTextDocument(file);
  });
}

export const correctFeature: Feature = {
  id: 'correct',
  activate: (services) => registerCommand(services.log, 'corpusLens.correctMention', (arg?: CorrectArg) => correctMention(services, arg)),
};
