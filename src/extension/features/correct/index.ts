/**
 * Correct a Recognition: from a mention's hover or the editor context menu, "not an entity here", "link to another
 * entity" or "change type", in this context or everywhere. The correction is a rule in the workspace knowledge file
 * (`rules:`, see src/core/entities/corrections.ts), applied at once across the corpus and by the CLI.
 */
import * as l10n from '@vscode/l10n';
import * as vscode from 'vscode';
import { mentionAt } from '../../../core/analysis';
import { addRuleToKnowledgeText, ruleContext, type NewRule, type RuleAction } from '../../../core/entities/corrections';
import type { EntityMention, EntityType } from '../../../core/types';
import { ENTITY_TYPES, entityTypeInfo } from '../../../core/entities/types';
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
        id: 'correctAction', title, step, totalSteps: 3, placeholder: l10n.t('Now: {0}', describe(m, services)),
        options: [
          { label: l10n.t('$(circle-slash) Not an entity here'), description: l10n.t('no highlight, not in the index'), value: 'reject' },
          { label: l10n.t('$(link) Link to another entity…'), description: l10n.t('a person, state, organisation… of the knowledge base'), value: 'link' },
          { label: l10n.t('$(symbol-class) Change type…'), description: l10n.t('keep {0}, change its type', m.confirmed ? l10n.t('the entity') : l10n.t('the candidate')), value: 'retype' },
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
          .map((e) => ({ label: e.name, description: `${entityTypeInfo(e.type)?.label() ?? e.type} · ${e.id}`, detail: e.description, value: e.id, suggested: listed.has(e.id) }));
        answer = await prompter.pick<string>({
          id: 'correctEntity', title, step, totalSteps, placeholder: l10n.t('The entity this mention refers to (any script, pinyin)'), options,
          names: (o) => kb.get(o.value)?.allNames() ?? [o.label], active: entity,
        });
        if (typeof answer === 'string') entity = answer;
      } else {
        answer = await prompter.pick<EntityType>({
          id: 'correctType', title, step, totalSteps, placeholder: l10n.t('The type of 「{0}」 (now {1})', m.text, m.type),
          options: ENTITY_TYPES.filter((t) => t !== m.type).map((t) => ({ label: t, value: t })), active: type,
        });
        if (typeof answer === 'string') type = answer as EntityType;
      }
    } else {
      const shown = `${context.before ?? ''}【${m.text}】${context.after ?? ''}`.replace(/\s+/g, ' ');
      answer = await prompter.pick<Scope>({
        id: 'correctScope', title, step: action === 'reject' ? 2 : 3, totalSteps, placeholder: l10n.t('Where does the correction apply?'),
        options: [
          { label: l10n.t('Here: 「{0}」', shown), description: l10n.t('wherever the same words surround it'), value: 'here' },
          { label: l10n.t('Everywhere: every 「{0}」 in the corpus', m.text), value: 'everywhere' },
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
    void vscode.window.showErrorMessage(l10n.t('Corpus Lens: open a folder first: corrections are kept in .corpus-lens/knowledge.yaml of the folder.'));
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
    void services.knowledge.prompter.notify({ kind: 'status', text: l10n.t('Corpus Lens: no entity mention at the cursor to correct.') });
    return;
  }
  const rule = await askRule(services, document, mention);
  if (!rule) return;
  if (!(await editKnowledgeFile(services, file, (text) => addRuleToKnowledgeText(text, rule)))) return;
  const what = rule.action === 'reject' ? l10n.t('not an entity') : rule.action === 'link' ? l10n.t('linked to {0}', rule.entity ?? '') : l10n.t('typed {0}', rule.type ?? '');
  void services.knowledge.prompter.notify({
    kind: 'info',
    text: l10n.t('Corpus Lens: 「{0}」 {1}{2} (rule in {3}).', rule.surface, what, rule.before !== undefined || rule.after !== undefined ? l10n.t(' in this context') : l10n.t(' everywhere'), KNOWLEDGE_FILE),
    actions: [l10n.t('Open Knowledge File')],
  }).then((a) => {
    if (a) void vscode.window.showTextDocument(file);
  });
}

export const correctFeature: Feature = {
  id: 'correct',
  activate: (services) => registerCommand(services.log, 'corpusLens.correctMention', (arg?: CorrectArg) => correctMention(services, arg)),
};
