/**
 * The knowledge base: named entities (people, countries, organisations, treaties, places, events) with their
 * names in English, simplified and traditional Chinese, aliases in any script and one-character abbreviations.
 *
 * File format (`data/knowledge.yaml`, bundled; `.corpus-lens/knowledge.yaml` in a workspace):
 *
 *   schema: corpus-lens/knowledge@1          # optional; any other value rejects the whole file
 *   entities:
 *     # 1. Define (or, in a later file, REPLACE) an entity. The whole entry replaces an earlier one with this id.
 *     - id: country/RU                       # "<type>/<slug>"; the prefix must equal `type`; no spaces
 *       type: country                        # person | country | organization | treaty | place | event | other
 *       names: { en: Russia, zh-Hans: 俄罗斯, zh-Hant: 俄羅斯 }   # at least one of the three
 *       aliases: [俄罗斯联邦, Russian Federation]                # optional, any script
 *       abbr: [俄]                           # optional, single characters used in compounds (美俄关系, 俄方)
 *       wikidata: Q159                       # optional, Q-number
 *       description: Transcontinental country ...              # optional
 *       country: country/RU                  # optional, id of a country entity
 *       un: true                             # optional, UN member state
 *     # 2. Remove an entity defined by an earlier file (e.g. a bundled one you do not want highlighted).
 *     - id: person/someone
 *       remove: true
 *     # 3. Add aliases / abbreviations to an entity defined earlier, keeping everything else.
 *     - extend: country/RU
 *       aliases: [露西亚]
 *       abbr: [露]
 *
 * Sources are applied in order (bundled first, then each workspace folder's file), so later files win.
 * Every problem is reported with file and 1-based line:column and never stops the rest: a broken entry is skipped,
 * a file that does not parse as YAML contributes nothing. Warnings (not errors) for: unknown keys (ignored),
 * duplicate ids within one file (the later entry wins), `remove`/`extend` of an unknown id, the same surface form
 * or abbreviation on two entities (the later-loaded entity wins in the recogniser), `country` pointing nowhere.
 */
import { isMap, isSeq, type LineCounter, type Document, type Node as YamlNode } from 'yaml';
import { parseYaml, toJS } from '../yaml';
import * as z from 'zod';
import defaultKnowledgeText from '../../../data/knowledge.yaml';
import { fold } from '../text/fold';
import type { EntityType, Loaded, Problem, Severity } from '../types';

export const KNOWLEDGE_SCHEMA = 'corpus-lens/knowledge@1';
export const ENTITY_TYPES = ['person', 'country', 'organization', 'treaty', 'place', 'event', 'other'] as const satisfies readonly EntityType[];

export interface KnowledgeSource {
  /** Shown in problems: a path or URI, or `<bundled>/knowledge.yaml`. */
  file: string;
  text: string;
}

export interface EntityNames {
  en?: string;
  'zh-Hans'?: string;
  'zh-Hant'?: string;
}

/** One entity of the knowledge base. */
export class Entity {
  constructor(
    readonly id: string,
    readonly type: EntityType,
    readonly names: Readonly<EntityNames>,
    readonly aliases: readonly string[],
    readonly abbr: readonly string[],
    readonly wikidata?: string,
    readonly description?: string,
    readonly country?: string,
    readonly un?: boolean,
    /** Where it was defined (last definition or extension). */
    readonly source?: { file: string; line: number },
  ) {}

  /** Canonical display name: English, else simplified, else traditional Chinese, else the id. */
  get name(): string {
    return this.names.en || this.names['zh-Hans'] || this.names['zh-Hant'] || this.aliases[0] || this.id;
  }

  /** Every surface form: the names and aliases, in that order, without duplicates (abbreviations are in `abbr`). */
  allNames(): string[] {
    const out: string[] = [];
    for (const n of [this.names.en, this.names['zh-Hans'], this.names['zh-Hant'], ...this.aliases]) {
      if (n && !out.includes(n)) out.push(n);
    }
    return out;
  }
}

export class KnowledgeBase {
  private readonly byId = new Map<string, Entity>();
  private readonly types = new Map<EntityType, Entity[]>();

  constructor(entities: Iterable<Entity>) {
    for (const e of entities) this.byId.set(e.id, e);
    for (const e of this.byId.values()) {
      const list = this.types.get(e.type) ?? [];
      list.push(e);
      this.types.set(e.type, list);
    }
  }

  static empty(): KnowledgeBase {
    return new KnowledgeBase([]);
  }

  get size(): number {
    return this.byId.size;
  }

  get(id: string): Entity | undefined {
    return this.byId.get(id);
  }

  has(id: string): boolean {
    return this.byId.has(id);
  }

  /** All entities in load order (an overridden entity moves to the position of its latest definition). */
  all(): Entity[] {
    return [...this.byId.values()];
  }

  byType(type: EntityType): Entity[] {
    return [...(this.types.get(type) ?? [])];
  }
}

/** The bundled knowledge base as a source for `loadKnowledge`. */
export function defaultKnowledgeSource(): KnowledgeSource {
  return { file: '<bundled>/knowledge.yaml', text: defaultKnowledgeText };
}

// ---------------------------------------------------------------------------------------------------------------
// Schema

const nonEmpty = z.string().trim().min(1, 'must not be empty');

const entitySchema = z
  .object({
    id: z.string().regex(/^[a-z]+\/\S+$/, 'must look like "<type>/<slug>" (e.g. country/RU), without spaces'),
    type: z.enum(ENTITY_TYPES),
    names: z
      .object({ en: nonEmpty.optional(), 'zh-Hans': nonEmpty.optional(), 'zh-Hant': nonEmpty.optional() })
      .refine((n) => n.en !== undefined || n['zh-Hans'] !== undefined || n['zh-Hant'] !== undefined, 'needs at least one of en, zh-Hans, zh-Hant'),
    aliases: z.array(nonEmpty).optional(),
    abbr: z.array(z.string().refine((s) => [...s].length === 1, 'an abbreviation is exactly one character')).optional(),
    wikidata: z.string().regex(/^Q[1-9]\d*$/, 'must be a Wikidata item id like Q159').optional(),
    description: z.string().optional(),
    country: z.string().regex(/^country\/\S+$/, 'must be the id of a country entity, e.g. country/RU').optional(),
    un: z.boolean().optional(),
  })
  .superRefine((e, ctx) => {
    const prefix = e.id.slice(0, e.id.indexOf('/'));
    if (prefix !== e.type) ctx.addIssue({ code: 'custom', path: ['id'], message: `the id prefix "${prefix}" does not match type "${e.type}"` });
  });

const removeSchema = z.object({
  id: z.string().min(1),
  remove: z.literal(true, 'remove must be true (leave the entry out otherwise)'),
});

const extendSchema = z.object({
  extend: z.string().regex(/^[a-z]+\/\S+$/, 'must be the id of an entity defined earlier'),
  aliases: z.array(nonEmpty).optional(),
  abbr: z.array(z.string().refine((s) => [...s].length === 1, 'an abbreviation is exactly one character')).optional(),
});

const ENTITY_KEYS = new Set(['id', 'type', 'names', 'aliases', 'abbr', 'wikidata', 'description', 'country', 'un']);
const NAME_KEYS = new Set(['en', 'zh-Hans', 'zh-Hant']);
const EXTEND_KEYS = new Set(['extend', 'aliases', 'abbr']);
const TOP_KEYS = new Set(['schema', 'entities']);

// ---------------------------------------------------------------------------------------------------------------
// Loading

interface Located {
  file: string;
  doc: Document;
  lines: LineCounter;
}

function position(loc: Located, node: unknown): { line: number; column: number } {
  const range = (node as YamlNode | undefined)?.range;
  if (!range) return { line: 1, column: 1 };
  const p = loc.lines.linePos(range[0]);
  return { line: p.line, column: p.col };
}

/** The YAML node at `path`, or the deepest existing ancestor (for a missing key: the map that lacks it). */
function nodeAt(loc: Located, path: ReadonlyArray<PropertyKey>): unknown {
  let node: unknown = loc.doc.contents;
  for (const key of path) {
    if (isMap(node)) {
      const next = node.get(String(key), true);
      if (next === undefined) {
        // A key whose value is null still has a key node: point at the key.
        const pair = node.items.find((p) => (p.key as { value?: unknown } | null)?.value === String(key));
        return pair?.key ?? node;
      }
      node = next;
    } else if (isSeq(node) && typeof key === 'number') {
      const next = node.items[key];
      if (next === undefined || next === null) return node;
      node = next;
    } else {
      return node;
    }
  }
  return node;
}

function problemAt(loc: Located, path: ReadonlyArray<PropertyKey>, message: string, severity: Severity = 'error'): Problem {
  return { file: loc.file, ...position(loc, nodeAt(loc, path)), message, severity };
}

function describePath(path: ReadonlyArray<PropertyKey>): string {
  return path.map((k) => (typeof k === 'number' ? `[${k}]` : `.${String(k)}`)).join('').replace(/^\./, '');
}

function zodProblems(loc: Located, base: Array<string | number>, label: string, error: z.ZodError): Problem[] {
  return error.issues.map((issue) => {
    const path = [...base, ...(issue.path as Array<string | number>)];
    const where = issue.path.length ? `${describePath(issue.path as PropertyKey[])}: ` : '';
    return problemAt(loc, path, `${label}: ${where}${issue.message}; entry skipped`);
  });
}

function unknownKeys(loc: Located, path: Array<string | number>, value: unknown, known: Set<string>, label: string): Problem[] {
  if (!value || typeof value !== 'object' || Array.isArray(value)) return [];
  return Object.keys(value)
    .filter((k) => !known.has(k))
    .map((k) => problemAt(loc, [...path, k], `${label}: unknown key "${k}" (ignored); expected one of ${[...known].join(', ')}`, 'warning'));
}

type EntityInput = z.infer<typeof entitySchema>;

interface Pending {
  input: EntityInput;
  file: string;
  line: number;
  /** For collision warnings: where this entry's forms are. */
  loc: Located;
  path: Array<string | number>;
}

/**
 * Loads and merges knowledge sources in order (see the format at the top of this file). Never throws on bad
 * input: what can be used is returned, with a problem for everything that could not.
 */
export function loadKnowledge(sources: ReadonlyArray<KnowledgeSource>): Loaded<KnowledgeBase> {
  const problems: Problem[] = [];
  const entities = new Map<string, Pending>();

  for (const source of sources) {
    const parsed = parseYaml(source.text, source.file, { uniqueKeys: true });
    if (!parsed.doc) {
      for (const p of parsed.problems) problems.push(p.severity === 'error' && p.message.startsWith('YAML syntax error') ? { ...p, message: `${p.message}; nothing in this file was loaded` } : p);
      continue;
    }
    problems.push(...parsed.problems);
    const { doc, lines } = parsed;
    const loc: Located = { file: source.file, doc, lines };
    const root: unknown = toJS(doc);
    if (root === null || root === undefined) continue; // empty file
    if (typeof root !== 'object' || Array.isArray(root)) {
      problems.push(problemAt(loc, [], 'the knowledge file must be a mapping with `schema` and `entities`; nothing in this file was loaded'));
      continue;
    }
    const top = root as Record<string, unknown>;
    if (top.schema !== undefined && top.schema !== KNOWLEDGE_SCHEMA) {
      problems.push(problemAt(loc, ['schema'], `unsupported schema "${String(top.schema)}" (expected ${KNOWLEDGE_SCHEMA}); nothing in this file was loaded`));
      continue;
    }
    problems.push(...unknownKeys(loc, [], top, TOP_KEYS, 'knowledge file'));
    const list = top.entities;
    if (list === undefined || list === null) continue;
    if (!Array.isArray(list)) {
      problems.push(problemAt(loc, ['entities'], '`entities` must be a list; nothing in this file was loaded'));
      continue;
    }
    const seenHere = new Map<string, number>();
    list.forEach((raw: unknown, index) => {
      const path: Array<string | number> = ['entities', index];
      const at = position(loc, nodeAt(loc, path));
      if (!raw || typeof raw !== 'object' || Array.isArray(raw)) {
        problems.push(problemAt(loc, path, `entities[${index}]: an entry must be a mapping with an id (or extend); entry skipped`));
        return;
      }
      const entry = raw as Record<string, unknown>;
      if ('extend' in entry) {
        const label = `extend ${String(entry.extend)}`;
        const parsed = extendSchema.safeParse(entry);
        if (!parsed.success) {
          problems.push(...zodProblems(loc, path, label, parsed.error));
          return;
        }
        problems.push(...unknownKeys(loc, path, entry, EXTEND_KEYS, label));
        const target = entities.get(parsed.data.extend);
        if (!target) {
          problems.push(problemAt(loc, [...path, 'extend'], `${label}: no entity with this id is defined before this file entry; entry skipped`, 'warning'));
          return;
        }
        const merged: EntityInput = {
          ...target.input,
          aliases: dedupe([...(target.input.aliases ?? []), ...(parsed.data.aliases ?? [])]),
          abbr: dedupe([...(target.input.abbr ?? []), ...(parsed.data.abbr ?? [])]),
        };
        entities.set(parsed.data.extend, { input: merged, file: target.file, line: target.line, loc, path });
        return;
      }
      if ('remove' in entry) {
        const parsed = removeSchema.safeParse(entry);
        if (!parsed.success) {
          problems.push(...zodProblems(loc, path, `remove ${String(entry.id)}`, parsed.error));
          return;
        }
        problems.push(...unknownKeys(loc, path, entry, new Set(['id', 'remove']), `remove ${parsed.data.id}`));
        if (!entities.delete(parsed.data.id)) {
          problems.push(problemAt(loc, [...path, 'id'], `remove ${parsed.data.id}: no entity with this id is defined before this entry`, 'warning'));
        }
        return;
      }
      const label = typeof entry.id === 'string' ? entry.id : `entities[${index}]`;
      const parsed = entitySchema.safeParse(entry);
      if (!parsed.success) {
        problems.push(...zodProblems(loc, path, label, parsed.error));
        return;
      }
      problems.push(...unknownKeys(loc, path, entry, ENTITY_KEYS, label));
      problems.push(...unknownKeys(loc, [...path, 'names'], entry.names, NAME_KEYS, label));
      const id = parsed.data.id;
      const earlier = seenHere.get(id);
      if (earlier !== undefined) {
        problems.push(problemAt(loc, [...path, 'id'], `${id}: duplicate id in this file (first at line ${earlier}); this later entry wins`, 'warning'));
      }
      seenHere.set(id, at.line);
      const input = { ...parsed.data, aliases: dedupe(parsed.data.aliases ?? []), abbr: dedupe(parsed.data.abbr ?? []) };
      const previous = entities.get(id);
      if (previous) entities.delete(id); // re-inserted below: an override takes the later position (it wins collisions)
      entities.set(id, { input, file: source.file, line: at.line, loc, path });
    });
  }

  problems.push(...crossChecks(entities));
  const list = [...entities.values()].map(
    ({ input: e, file, line }) =>
      new Entity(e.id, e.type, e.names, e.aliases ?? [], e.abbr ?? [], e.wikidata, e.description, e.country, e.un, { file, line }),
  );
  return { value: new KnowledgeBase(list), problems };
}

function dedupe<T>(xs: T[]): T[] {
  return [...new Set(xs)];
}

/** Warnings that need the merged result: dangling `country`, shared surface forms, shared abbreviations. */
function crossChecks(entities: Map<string, Pending>): Problem[] {
  const problems: Problem[] = [];
  const formOwner = new Map<string, string>();
  const abbrOwner = new Map<string, string>();
  for (const [id, p] of entities) {
    const e = p.input;
    if (e.country !== undefined && !entities.has(e.country)) {
      problems.push(problemAt(p.loc, [...p.path, 'country'], `${id}: country ${e.country} is not in the knowledge base`, 'warning'));
    }
    const forms = new Set<string>();
    for (const n of [e.names.en, e.names['zh-Hans'], e.names['zh-Hant'], ...(e.aliases ?? [])]) if (n) forms.add(fold(n.trim()));
    for (const f of forms) {
      const other = formOwner.get(f);
      if (other !== undefined && other !== id) {
        problems.push(problemAt(p.loc, [...p.path, 'aliases'], `${id}: the name "${f}" is also a name of ${other}; ${id} wins in the recogniser`, 'warning'));
      }
      formOwner.set(f, id);
    }
    for (const a of e.abbr ?? []) {
      const f = fold(a);
      const other = abbrOwner.get(f);
      if (other !== undefined && other !== id) {
        problems.push(problemAt(p.loc, [...p.path, 'abbr'], `${id}: the abbreviation "${a}" is also used by ${other}; ${id} wins in the recogniser`, 'warning'));
      }
      abbrOwner.set(f, id);
    }
  }
  return problems;
}
