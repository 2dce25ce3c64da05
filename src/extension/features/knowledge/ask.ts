/**
 * The questions of Add to Knowledge Base (name as written, type, English name, Wikidata id, with Back between
 * them), on the vscode-free prompter of core/prompt.ts: unit-tested with the scripted prompter.
 */
import * as l10n from '@vscode/l10n';
import { ENTITY_TYPE_INFO, ENTITY_TYPES, type EntityType } from '../../../core/entities/types';
import type { Entity, KnowledgeBase } from '../../../core/entities/knowledge';
import { BACK, type Answer, type Questions } from '../../../core/prompt';
import { fold } from '../../../core/text/fold';

/**
 * "Name (id)" of the bundled or workspace entity one of whose names is the given text, compared as the recogniser
 * compares them (folded: script, width, case). The folded names are indexed once, on the first lookup, not at
 * every keystroke of the name box.
 */
export function knownNames(knowledge: { readonly kb: KnowledgeBase }): (text: string) => string | undefined {
  let index: Map<string, Entity> | undefined;
  return (text) => {
    if (!index) {
      index = new Map();
      for (const e of knowledge.kb.all()) for (const n of e.allNames()) if (!index.has(fold(n))) index.set(fold(n), e);
    }
    const entity = index.get(fold(text.trim()));
    return entity && `${entity.name} (${entity.id})`;
  };
}

export interface KnowledgeAnswers {
  text: string;
  type: EntityType;
  en: string;
  wikidata: string;
}

/**
 * The four questions (name as written, type, English name, Wikidata id), with Back between them. `knowledge.kb` is read at the first name check, not when the questions start: the knowledge base a check sees is
 * the current one (after a reload too).
 */
export async function askEntity(prompter: Questions, knowledge: { readonly kb: KnowledgeBase }, answers: Partial<KnowledgeAnswers>, from = 1): Promise<KnowledgeAnswers | undefined> {
  const title = l10n.t('Add to Knowledge Base');
  const steps = 4;
  const knownAs = knownNames(knowledge);
  for (let step = from; step <= steps; ) {
    let answer: Answer<string>;
    if (step === 1) {
      answer = await prompter.input({
        id: 'kbName', title, step, totalSteps: steps, value: answers.text,
        prompt: l10n.t('The name as it appears in the corpus (traditional or simplified: both are matched).'),
        validate: (v) => {
          if (!v.trim()) return l10n.t('Enter the name as written in the text.');
          const known = knownAs(v);
          return known ? l10n.t('Already in the knowledge base: {0}. Edit that entry in the knowledge file instead.', known) : undefined;
        },
      });
      if (typeof answer === 'string') answer = answer.trim();
    } else if (step === 2) {
      const picked = await prompter.pick<EntityType>({
        id: 'kbType', title, step, totalSteps: steps, placeholder: l10n.t('What kind of entity is it?'),
        options: ENTITY_TYPES.map((t) => ({ label: t, description: l10n.t('{0}: {1}', ENTITY_TYPE_INFO[t].label(), ENTITY_TYPE_INFO[t].hint()), value: t })),
        active: answers.type,
      });
      if (picked !== undefined && picked !== BACK) answers.type = picked;
      answer = picked === BACK ? BACK : picked;
    } else if (step === 3) {
      answer = await prompter.input({
        id: 'kbEnglish', title, step, totalSteps: steps,
        value: answers.en ?? (/^[\x20-\x7e]+$/.test(answers.text ?? '') ? answers.text : ''),
        prompt: l10n.t('Canonical English name (shown on hovers and in exports; leave empty if unknown).'),
      });
      if (typeof answer === 'string') answer = answer.trim();
    } else {
      answer = await prompter.input({
        id: 'kbWikidata', title, step, totalSteps: steps, value: answers.wikidata ?? '',
        prompt: l10n.t('Wikidata id such as Q7747 (optional).'),
        validate: (v) => (v.trim() === '' || /^Q[1-9]\d*$/.test(v.trim()) ? undefined : l10n.t('A Wikidata id is Q followed by digits (e.g. Q7747), or leave it empty.')),
      });
      if (typeof answer === 'string') answer = answer.trim();
    }
    if (answer === undefined) return undefined;
    if (answer === BACK) {
      step = Math.max(1, step - 1);
      continue;
    }
    if (step === 1) answers.text = answer;
    else if (step === 3) answers.en = answer;
    else if (step === 4) answers.wikidata = answer;
    step++;
  }
  return answers as KnowledgeAnswers;
}

