/**
 * Add Claim presets: the stance, target, holder, confidence, tags and codes of the last claim added in a document
 * (kept in workspace state, per document), offered as the first answer of the next Add Claim in that document, so
 * a run of claims by the same holder about the same target takes two keys each (Enter on the claim text, Enter on
 * the preset). Choosing "Answer each question" runs the usual steps with the preset's values pre-selected.
 * No vscode import: the state is any Memento-like store (the tests use a Map).
 */
import * as l10n from '@vscode/l10n';
import type { About, Confidence, Holder, Stance } from '../../../core/annotations/index';
import type { ClaimAnswers } from './flow';

export interface ClaimPreset {
  stance: Stance;
  about?: About;
  holder?: Holder;
  confidence?: Confidence;
  tags?: string[];
  codes?: string[];
}

/** What the presets are kept in (vscode.Memento's shape). */
export interface PresetState {
  get<T>(key: string, fallback: T): T;
  update(key: string, value: unknown): Thenable<void> | Promise<void>;
}

export const PRESETS_KEY = 'corpusLens.annotations.claimPresets';
/** Documents remembered at most (the least recently used are dropped). */
export const MAX_PRESET_DOCUMENTS = 200;

export function presetOf(answers: ClaimAnswers): ClaimPreset {
  const p: ClaimPreset = { stance: answers.stance };
  if (answers.about) p.about = answers.about;
  if (answers.holder) p.holder = answers.holder;
  if (answers.confidence) p.confidence = answers.confidence;
  if (answers.tags?.length) p.tags = [...answers.tags];
  if (answers.codes?.length) p.codes = [...answers.codes];
  return p;
}

function isPreset(v: unknown): v is ClaimPreset {
  if (!v || typeof v !== 'object') return false;
  const s = (v as { stance?: unknown }).stance;
  return !!s && typeof s === 'object' && typeof (s as { polarity?: unknown }).polarity === 'string';
}

export class ClaimPresets {
  constructor(private readonly state: PresetState) {}

  private all(): Array<[string, ClaimPreset]> {
    const raw = this.state.get<unknown>(PRESETS_KEY, []);
    return Array.isArray(raw) ? raw.filter((e): e is [string, ClaimPreset] => Array.isArray(e) && typeof e[0] === 'string' && isPreset(e[1])) : [];
  }

  /** The preset of a document (the last claim added in it), if any. */
  get(docPath: string): ClaimPreset | undefined {
    return this.all().find(([d]) => d === docPath)?.[1];
  }

  /** Remember the answers of a claim just added in `docPath` (most recent document first). */
  async remember(docPath: string, answers: ClaimAnswers): Promise<void> {
    const rest = this.all().filter(([d]) => d !== docPath);
    await this.state.update(PRESETS_KEY, [[docPath, presetOf(answers)], ...rest].slice(0, MAX_PRESET_DOCUMENTS));
  }
}

/** One line describing a preset: "oppose · 普京 → NATO enlargement · red-line". */
export function describePreset(p: ClaimPreset, names: { entity(id: string): string; topic(id: string): string }): string {
  const parts: string[] = [p.stance.intensity !== undefined ? `${p.stance.polarity} ${p.stance.intensity > 0 ? '+' : ''}${p.stance.intensity}` : p.stance.polarity];
  const holder = p.holder ? ('entity' in p.holder ? names.entity(p.holder.entity) : 'text' in p.holder ? p.holder.text : p.holder.section) : undefined;
  const about = p.about ? ('entity' in p.about ? names.entity(p.about.entity) : 'topic' in p.about ? names.topic(p.about.topic) : `“${p.about.proposition}”`) : undefined;
  if (holder || about) parts.push(`${holder ?? l10n.t('no holder')} → ${about ?? l10n.t('no target')}`);
  if (p.codes?.length) parts.push(p.codes.join(', '));
  else if (p.tags?.length) parts.push(p.tags.join(', '));
  return parts.join(' · ');
}
