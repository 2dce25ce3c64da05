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
 * When several rules match a mention, the last one in the file (the most recent correction) wins.
 */
import * as z from 'zod';
import { fold } from '../text/fold';
import type { EntityMention, EntityType, Problem, Severity } from '../types';
import type { KnowledgeBase } from './knowledge';

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
const TYPES = ['person', 'country', 'organization', 'treaty', 'place', 'event', 'other'] as const;

const ruleSchema = z
  .object({
    surface: z.string().trim().min(1, 'must not be empty'),
    before: z.string().min(1, 'must not be empty (leave it out)').optional(),
    after: z.string().min(1, 'must not be empty (leave it out)').optional(),
    action: z.enum(RULE_ACTIONS, 'must be one of reject, link, retype'),
    entity: z.string().regex(/^[a-z]+\/\S+$/, 'must be an entity id like country/RU').optional(),
    type: z.enum(TYPES).optional(),
  })
  .superRefine((r, ctx) => {
    if (r.action === 'link' && r.entity === undefined) ctx.addIssue({ code: 'custom', path: ['entity'], message: 'a link rule needs `entity`' });
    if (r.action === 'retype' && r.type === undefined) ctx.addIssue({ code: 'custom', path: ['type'], message: 'a retype rule needs `type`' });
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
    .map((r) => ({ file: r.file, line: r.line, column: 1, severity: 'warning' as const, message: `rule for "${r.surface}": no entity ${r.entity} in the knowledge base; rule not applied` }));
}

/** Applies correction rules to the mentions of one text (sorted, non-overlapping; stays so). */
export class Corrections {
  /** Folded surface -> rules, the latest first. */
  private readonly bySurface = new Map<string, Array<CorrectionRule & { foldedBefore?: string; foldedAfter?: string }>>();

  constructor(private readonly kb: KnowledgeBase) {
    for (const r of kb.rules) {
      if (r.action === 'link' && !kb.has(r.entity!)) continue;
      const key = fold(r.surface);
      const list = this.bySurface.get(key) ?? [];
      list.unshift({ ...r, ...(r.before !== undefined && { foldedBefore: fold(r.before) }), ...(r.after !== undefined && { foldedAfter: fold(r.after) }) });
      this.bySurface.set(key, list);
    }
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
