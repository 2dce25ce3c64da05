/**
 * Correction rules: the analyst's corrections of single recognitions, kept in the workspace knowledge file
 * (`.corpus-lens/knowledge.yaml`, key `rules`) and applied to every document, in the editor and the CLI alike.
 *
 *   rules:
 *     - surface: 中美              # the mention's text (compared folded: script, width, Latin case)
 *       before: 位于               # optional: the text just before the mention must end with this (folded)
 *       after: 洲                  # optional: the text just after the mention must start with this (folded)
 *       action: reject             # reject: not an entity here | link: another entity | retype: another type
 *     - surface: 克里
 *       action: link
 *       entity: person/john-kerry  # link: the id of the entity to link to (bundled or workspace)
 *     - surface: 南海
 *       after: 问题
 *       action: retype
 *       type: event                # retype: person | country | organization | treaty | place | event | other
 *
 * A rule without `before`/`after` applies to every mention with that surface; with them, only in that context.
 * When several rules match a mention, the most specific wins (both contexts, then one, then none: a correction
 * "here" stands against a later "everywhere"), and among those the last one in the file (the latest correction).
 */
import { isMap, type Scalar } from 'yaml';
import { knowledgeListForEdit } from '../knowledgeEdit';
import * as z from 'zod';
import { fold } from '../text/fold';
import type { EntityMention, EntityType, Problem, Severity } from '../types';
import type { KnowledgeBase } from './knowledge';
import { ENTITY_TYPES as TYPES } from './types';
import * as l10n from '@vscode/l10n';

export const RULE_ACTIONS = ['reject', 'link', 'retype'] as const;
export type RuleAction = (typeof RULE_ACTIONS)[number];

export interface CorrectionRule {
  surface: string;
  before?: string;
  after?: string;
  action: RuleAction;
  /** For `link`: the entity id. */
  entity?: string;
  /** For `retype`: the new type. */
  type?: EntityType;
  /** Where the rule is written (shown in the hover). */
  file: string;
  line: number;
}

export const RULE_KEYS = new Set(['surface', 'before', 'after', 'action', 'entity', 'type']);

const ruleSchema = z
  .object({
    surface: z.string().trim().min(1, { error: () => l10n.t('must not be empty') }),
    before: z.string().min(1, { error: () => l10n.t('must not be empty (leave it out)') }).optional(),
    after: z.string().min(1, { error: () => l10n.t('must not be empty (leave it out)') }).optional(),
    action: z.enum(RULE_ACTIONS, 'must be one of reject, link, retype'),
    entity: z.string().regex(/^[a-z]+\/\S+$/, { error: () => l10n.t('must be an entity id like country/RU') }).optional(),
    type: z.enum(TYPES).optional(),
  })
  .superRefine((r, ctx) => {
    if (r.action === 'link' && r.entity === undefined) ctx.addIssue({ code: 'custom', path: ['entity'], message: l10n.t('a link rule needs `entity`') });
    if (r.action === 'retype' && r.type === undefined) ctx.addIssue({ code: 'custom', path: ['type'], message: l10n.t('a retype rule needs `type`') });
  });

type Report = (path: Array<string | number>, message: string, severity?: Severity) => Problem;

/** Validates the `rules` list of one file; a bad rule is skipped with a problem at its line. */
export function parseRules(raw: unknown, file: string, report: Report, known: Set<string>): { rules: CorrectionRule[]; problems: Problem[] } {
  const rules: CorrectionRule[] = [];
  const problems: Problem[] = [];
  if (!Array.isArray(raw)) {
    problems.push(report([], '`rules` must be a list; no rule of this file was loaded'));
    return { rules, problems };
  }
  raw.forEach((entry: unknown, index) => {
    const parsed = ruleSchema.safeParse(entry);
    if (!parsed.success) {
      for (const issue of parsed.error.issues) {
        const where = issue.path.length ? `${issue.path.join('.')}: ` : '';
        problems.push(report([index, ...(issue.path as Array<string | number>)], `rule ${index + 1}: ${where}${issue.message}; rule skipped`));
      }
      return;
    }
    for (const k of Object.keys(entry as object)) {
      if (!known.has(k)) problems.push(report([index, k], `rule ${index + 1}: unknown key "${k}" (ignored); expected one of ${[...known].join(', ')}`, 'warning'));
    }
    const line = report([index], '').line;
    const r = parsed.data;
    rules.push({
      surface: r.surface.trim(),
      ...(r.before !== undefined && { before: r.before }),
      ...(r.after !== undefined && { after: r.after }),
      action: r.action,
      ...(r.action === 'link' && { entity: r.entity }),
      ...(r.action === 'retype' && { type: r.type }),
      file,
      line,
    });
  });
  return { rules, problems };
}

/** Warnings for link rules whose entity is not in the merged knowledge base (those rules are not applied). */
export function checkRules(rules: readonly CorrectionRule[], kb: KnowledgeBase): Problem[] {
  return rules
    .filter((r) => r.action === 'link' && !kb.has(r.entity!))
    .map((r) => ({ file: r.file, line: r.line, column: 1, severity: 'warning' as const, message: l10n.t('rule for "{0}": no entity {1} in the knowledge base; rule not applied', r.surface, r.entity ?? '') }));
}

/** Applies correction rules to the mentions of one text (sorted, non-overlapping; stays so). */
export class Corrections {
  /** Folded surface -> rules, the most specific first, then the latest first. */
  private readonly bySurface = new Map<string, Array<CorrectionRule & { foldedBefore?: string; foldedAfter?: string }>>();

  constructor(private readonly kb: KnowledgeBase) {
    for (const r of kb.rules) {
      if (r.action === 'link' && !kb.has(r.entity!)) continue;
      const key = fold(r.surface);
      const list = this.bySurface.get(key) ?? [];
      list.unshift({ ...r, ...(r.before !== undefined && { foldedBefore: fold(r.before) }), ...(r.after !== undefined && { foldedAfter: fold(r.after) }) });
      this.bySurface.set(key, list);
    }
    const specificity = (r: CorrectionRule) => (r.before !== undefined ? 1 : 0) + (r.after !== undefined ? 1 : 0);
    for (const list of this.bySurface.values()) list.sort((a, b) => specificity(b) - specificity(a)); // stable: latest first within a level
  }

  get size(): number {
    return this.bySurface.size;
  }

  /** The rule that applies to the mention at [start, end) of `text`, if any. */
  ruleFor(text: string, start: number, end: number): CorrectionRule | undefined {
    const rules = this.bySurface.get(fold(text.slice(start, end)));
    if (!rules) return undefined;
    // Contexts are compared on the folded text around the mention (fold keeps lengths, so offsets carry over).
    const offset = Math.max(0, start - 64);
    const folded = fold(text.slice(offset, Math.min(text.length, end + 64)));
    const s = start - offset;
    const e = end - offset;
    for (const r of rules) {
      if (r.foldedBefore !== undefined && !folded.slice(0, s).endsWith(r.foldedBefore)) continue;
      if (r.foldedAfter !== undefined && !folded.slice(e).startsWith(r.foldedAfter)) continue;
      return r;
    }
    return undefined;
  }

  apply(text: string, mentions: EntityMention[]): EntityMention[] {
    if (this.bySurface.size === 0) return mentions;
    const out: EntityMention[] = [];
    for (const m of mentions) {
      const r = this.ruleFor(text, m.start, m.end);
      if (!r) {
        out.push(m);
        continue;
      }
      const rule = `${r.file}:${r.line}`;
      if (r.action === 'reject') continue;
      if (r.action === 'link') {
        const e = this.kb.get(r.entity!)!;
        out.push({ ...m, entityId: e.id, type: e.type, confirmed: true, via: m.via === 'candidate' ? 'alias' : m.via, rule });
      } else {
        out.push({ ...m, type: r.type!, rule });
      }
    }
    return out;
  }
}

/** Up to `size` characters on each side of [start, end) on the same line: the context a rule made "here" keeps. */
export function ruleContext(text: string, start: number, end: number, size = 3): { before?: string; after?: string } {
  let b = start;
  while (b > 0 && start - b < size && !/[\r\n]/.test(text[b - 1]!)) b--;
  let a = end;
  while (a < text.length && a - end < size && !/[\r\n]/.test(text[a]!)) a++;
  const before = text.slice(b, start);
  const after = text.slice(end, a);
  return { ...(before.trim() && { before }), ...(after.trim() && { after }) };
}

export type NewRule = Pick<CorrectionRule, 'surface' | 'before' | 'after' | 'action' | 'entity' | 'type'>;

const RULES_HEADER = `# Corpus Lens workspace knowledge: entries here add to or override the bundled knowledge base by id.
# Schema: see README.md, "Knowledge base". Errors are shown in the Problems panel and never stop the rest.
schema: corpus-lens/knowledge@1
entities: []
`;

/**
 * Appends a correction rule to the knowledge file text (a new file when `text` is undefined), keeping comments
 * and order. An identical rule already there is not added twice. Errors (the file does not parse, `rules` is not
 * a list) leave the file untouched.
 */
export function addRuleToKnowledgeText(text: string | undefined, rule: NewRule): { text: string; added: boolean } | { error: string } {
  const opened = knowledgeListForEdit(text, RULES_HEADER, 'rules', l10n.t('(schema, entities, rules)'));
  if ('error' in opened) return opened;
  const { doc, list: rules } = opened;
  const entry: Record<string, string> = { surface: rule.surface };
  if (rule.before !== undefined) entry.before = rule.before;
  if (rule.after !== undefined) entry.after = rule.after;
  entry.action = rule.action;
  if (rule.action === 'link') entry.entity = rule.entity!;
  if (rule.action === 'retype') entry.type = rule.type!;
  const same = rules.items.some((item) => {
    if (!isMap(item)) return false;
    const js = item.toJSON() as Record<string, unknown>;
    return Object.keys(entry).length === Object.keys(js).length && Object.entries(entry).every(([k, v]) => js[k] === v);
  });
  if (same) return { text: text ?? doc.toString({ lineWidth: 0, flowCollectionPadding: false }), added: false };
  rules.flow = false;
  const node = doc.createNode(entry);
  // Text from the corpus is quoted: 2021, no, 12:30 or "- x" must come back as the same string.
  for (const pair of node.items) if (['surface', 'before', 'after'].includes(String((pair.key as Scalar).value))) (pair.value as Scalar).type = 'QUOTE_DOUBLE';
  rules.items.push(node);
  return { text: doc.toString({ lineWidth: 0, flowCollectionPadding: false }), added: true };
}
