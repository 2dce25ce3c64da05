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
 *       tagged: [利马]                        # optional, names linked only where the name tagger finds exactly
 *                                            # that name (short names that are also ordinary text: 胜利马上)
 *     # 2. Remove an entity defined by an earlier file (e.g. a bundled one you do not want highlighted).
 *     - id: person/someone
 *       remove: true
 *     # 3. Add aliases / abbreviations to an entity defined earlier, keeping everything else.
 *     - extend: country/RU
 *       aliases: [露西亚]
 *       abbr: [露]
 *       tagged: [...]                        # optional, as for an entity
 *
 * Sources are applied in order (bundled first, then each workspace folder's file), so later files win.
 * Every problem is reported with file and 1-based line:column and never stops the rest: a broken entry is skipped,
 * a file that does not parse as YAML contributes nothing. Warnings (not errors) for: unknown keys (ignored),
 * duplicate ids within one file (the later entry wins), `remove`/`extend` of an unknown id, the same surface form
 * or abbreviation on two entities (the later-loaded entity wins in the recogniser), `country` pointing nowhere.
 */
import { isMap, isSeq, type LineCounter, type Document, type Node as YamlNode } from 'yaml';
import { parseYaml, toJS } from '../yaml';
import * as l10n from '@vscode/l10n';
import * as z from 'zod';
import compiledKnowledgeText from '../../../data/knowledge.compiled.jsonl';
import { fold } from '../text/fold';
import { RENAMED_IDS } from './renamed';
import type { EntityType, Loaded, Problem, Severity } from '../types';
import { checkRules, parseRules, RULE_KEYS, type CorrectionRule } from './corrections';
import { buildFormTable, findForm, mergeFormTables, type FormTable } from './forms';
import { precompiledKnowledgeBytes, precompiledRecognizerTables } from './precompiled';
import { packedTablesMeta, unpackRecognizerTables } from './recognizer-tables';
import { ENTITY_TYPES } from './types';

export const KNOWLEDGE_SCHEMA = 'corpus-lens/knowledge@1';
export { ENTITY_TYPES };

export interface KnowledgeSource {
  /** Shown in problems: a path or URI, or `<bundled>/...`. */
  file: string;
  /** YAML text in the format above. */
  text?: string;
  /** Or: a knowledge base compiled at build time (see `compileKnowledge`), loaded without YAML parsing. */
  compiled?: CompiledKnowledge;
}

/** The bundled knowledge base as compiled at build time: entities and their precomputed form table. */
export interface CompiledKnowledge {
  format: typeof COMPILED_FORMAT;
  /** sha256 of the source files (and compiler version) it was compiled from: the build recompiles when it differs. */
  hash: string;
  /** Source files, referenced by index from each entity. */
  files: string[];
  /** Attribution and licence notices of the sources (CC-CEDICT is CC BY-SA 4.0). */
  attribution: string[];
  entities: CompiledEntity[];
  table: FormTable;
  /**
   * The recogniser's tables of exactly these entities, packed by the build (recognizer-tables.ts); absent when run
   * from source. Not part of the JSON Lines text.
   */
  recognizer?: Uint8Array;
}

/** [id, type, en, zh-Hans, zh-Hant, aliases, abbr, wikidata, description, country, un (0/1), file index, line, tagged?]; "" = absent. */
export type CompiledEntity = [string, EntityType, string, string, string, string[], string[], string, string, string, 0 | 1, number, number, string[]?];

export const COMPILED_FORMAT = 'corpus-lens/knowledge-compiled@1';

/** Bundled source files generated from dictionaries (see scripts/generate-knowledge.ts). */
export const GENERATED_SOURCES = ['/knowledge-cedict.yaml', '/knowledge-divisions.yaml', '/knowledge-cities.yaml', '/knowledge-cedict-names.yaml', '/knowledge-taiwan.yaml'];

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
    /** Names linked only where the name tagger proposes exactly that name (`tagged:`); also in `allNames()`. */
    readonly tagged: readonly string[] = [],
  ) {}

  /** Canonical display name: English, else simplified, else traditional Chinese, else the id. */
  get name(): string {
    return this.names.en || this.names['zh-Hans'] || this.names['zh-Hant'] || this.aliases[0] || this.id;
  }

  /**
   * Every surface form: the names, aliases and tagged names, in that order, without duplicates (abbreviations are
   * in `abbr`).
   */
  allNames(): string[] {
    const out: string[] = [];
    for (const n of [this.names.en, this.names['zh-Hans'], this.names['zh-Hant'], ...this.aliases, ...this.tagged]) {
      if (n && !out.includes(n)) out.push(n);
    }
    return out;
  }
}

/** A precompiled form table and the entities its indices refer to (the bundled knowledge base). */
export interface Precompiled {
  entities: readonly Entity[];
  table: FormTable;
  /** The recogniser's tables of these entities (`CompiledKnowledge.recognizer`). */
  recognizer?: Uint8Array;
}

/**
 * The entities of a compiled knowledge base, made when first asked for (one per `get`, all for `all`) and kept:
 * loading the bundled knowledge base makes none (the recogniser reads its packed tables). One per compiled
 * knowledge base (`compiledEntities`), shared by every knowledge base loaded from it (entities are immutable).
 */
class CompiledEntities {
  private readonly made: Array<Entity | undefined> = [];
  private madeAll = false;
  private index: ReadonlyMap<string, number> | undefined;
  private idList: readonly string[] | undefined;

  constructor(readonly compiled: CompiledKnowledge) {}

  /**
   * The ids in order: from the packed recogniser tables when there are (nothing else is read), else from the entity
   * rows. Not needed for `all()`, which reads every row anyway (a workspace file with entities: the tables unused).
   */
  get ids(): readonly string[] {
    if (!this.idList) {
      const packed = this.compiled.recognizer && unpackRecognizerTables(this.compiled.recognizer);
      this.idList = packed ? packed.entityIds : this.compiled.entities.map((e) => e[0]);
      if (packed) this.index = packed.entityIndex;
    }
    return this.idList;
  }

  get size(): number {
    return this.ids.length;
  }

  at(i: number): Entity {
    let e = this.made[i];
    if (e === undefined) {
      const c = this.compiled;
      const row = c instanceof CompiledText ? c.row(i) : c.entities[i]!;
      if (row[0] !== this.ids[i]) throw new Error(`compiled knowledge base: entity ${i} is ${row[0]}, the recogniser's tables say ${this.ids[i]} (rebuild)`);
      e = this.made[i] = entityFromCompiled(row, c.files);
    }
    return e;
  }

  indexOf(id: string): number {
    const ids = this.ids;
    if (!this.index) {
      const index = new Map<string, number>();
      ids.forEach((x, i) => index.set(x, i));
      this.index = index;
    }
    return this.index.get(id) ?? -1;
  }

  all(): Entity[] {
    // Every line at once (one JSON.parse of the whole text is faster than one per line).
    const rows = this.compiled.entities;
    const files = this.compiled.files;
    if (this.idList && rows.length !== this.idList.length) throw new Error(`compiled knowledge base: ${rows.length} entities, the recogniser's tables say ${this.idList.length} (rebuild)`);
    const out = new Array<Entity>(rows.length);
    for (let i = 0; i < out.length; i++) {
      let e = this.made[i];
      if (e === undefined) {
        const row = rows[i]!;
        if (this.idList && row[0] !== this.idList[i]) throw new Error(`compiled knowledge base: entity ${i} is ${row[0]}, the recogniser's tables say ${this.idList[i]} (rebuild)`);
        e = this.made[i] = entityFromCompiled(row, files);
      }
      out[i] = e;
    }
    if (!this.madeAll) {
      this.madeAll = true;
      if (this.compiled instanceof CompiledText) this.compiled.release();
    }
    return out;
  }
}

const compiledEntityCache = new WeakMap<CompiledKnowledge, CompiledEntities>();

function compiledEntities(c: CompiledKnowledge): CompiledEntities {
  let x = compiledEntityCache.get(c);
  if (!x) compiledEntityCache.set(c, (x = new CompiledEntities(c)));
  return x;
}

export class KnowledgeBase {
  private readonly byId = new Map<string, Entity>();
  private types: Map<EntityType, Entity[]> | undefined;
  private table: FormTable | undefined;
  /** Correction rules of the workspace knowledge files, in load order (later rules win). */
  readonly rules: readonly CorrectionRule[];
  private readonly precompiled: Precompiled | undefined;
  /** When this knowledge base is one compiled knowledge base as it is: its entities, made when asked for. */
  private readonly base: CompiledEntities | undefined;

  /**
   * `entities` in load order; or, with `compiled` (and no `entities`), exactly the entities of that compiled knowledge
   * base, which are made only when asked for.
   */
  constructor(entities: Iterable<Entity>, options: { precompiled?: Precompiled; rules?: readonly CorrectionRule[]; compiled?: CompiledKnowledge } = {}) {
    this.rules = options.rules ?? [];
    this.precompiled = options.precompiled;
    this.base = options.compiled && compiledEntities(options.compiled);
    for (const e of entities) this.byId.set(e.id, e);
    if (this.base && this.byId.size) throw new Error('KnowledgeBase: entities and a compiled base are exclusive');
  }

  static empty(): KnowledgeBase {
    return new KnowledgeBase([]);
  }

  get size(): number {
    return this.base ? this.base.size : this.byId.size;
  }

  private lookup(id: string): Entity | undefined {
    if (!this.base) return this.byId.get(id);
    const i = this.base.indexOf(id);
    return i < 0 ? undefined : this.base.at(i);
  }

  /** The entity of an id, or of the id a shipped id was renamed to (RENAMED_IDS: annotations keep old ids). */
  get(id: string): Entity | undefined {
    const e = this.lookup(id);
    if (e !== undefined) return e;
    const now = RENAMED_IDS[id];
    return now === undefined ? undefined : this.lookup(now);
  }

  has(id: string): boolean {
    return this.get(id) !== undefined;
  }

  /** All entities in load order (an overridden entity moves to the position of its latest definition). */
  all(): Entity[] {
    return this.base ? this.base.all() : [...this.byId.values()];
  }

  byType(type: EntityType): Entity[] {
    if (!this.types) {
      this.types = new Map();
      for (const e of this.all()) {
        const list = this.types.get(e.type) ?? [];
        list.push(e);
        this.types.set(e.type, list);
      }
    }
    return [...(this.types.get(type) ?? [])];
  }

  /**
   * The entities worth listing in full in a picker (Add Claim's target and holder, Correct's link): curated and
   * workspace entities, not the thousands generated from dictionaries (data/knowledge-cedict.yaml), which a picker
   * offers when the corpus mentions them. Building fuzzy keys for every generated entity costs seconds.
   */
  pickable(): Entity[] {
    return this.all().filter((e) => !GENERATED_SOURCES.some((g) => e.source?.file.endsWith(g)));
  }

  /**
   * The recogniser's tables packed by the build (`CompiledKnowledge.recognizer`) when this knowledge base holds
   * exactly the entities they were made of (the bundled one, without workspace entities), else undefined (the
   * recogniser then computes its tables).
   */
  recognizerTables(): Uint8Array | undefined {
    if (this.base) return this.base.compiled.recognizer;
    const pre = this.precompiled;
    return pre?.recognizer && this.isPrecompiledAlone(pre) ? pre.recognizer : undefined;
  }

  private isPrecompiledAlone(pre: Precompiled): boolean {
    if (this.byId.size !== pre.entities.length) return false;
    let i = 0;
    for (const e of this.byId.values()) if (e !== pre.entities[i++]) return false;
    return true;
  }

  /**
   * Every surface form, folded, sorted, with the index (in `all()`) of the entity it belongs to and its flags.
   * Reuses the precompiled table of the bundled entities and folds only what the workspace added or changed
   * (workspace forms win). Computed once.
   */
  formTable(): FormTable {
    if (this.table) return this.table;
    if (this.base) return (this.table = this.base.compiled.table);
    const all = this.all();
    const pre = this.precompiled;
    if (!pre) return (this.table = buildFormTable(all));
    // The bundled knowledge base alone (nothing added or overridden): its table as it is, without mapping entities.
    if (this.isPrecompiledAlone(pre)) return (this.table = pre.table);
    const position = new Map<Entity, number>();
    for (const e of pre.entities) position.set(e, -1);
    const overlay: Entity[] = [];
    const overlayIndex: number[] = [];
    all.forEach((e, i) => {
      if (position.has(e)) position.set(e, i);
      else {
        overlay.push(e);
        overlayIndex.push(i);
      }
    });
    const remap = new Int32Array(pre.entities.length);
    let identity = true;
    pre.entities.forEach((e, j) => {
      remap[j] = position.get(e)!;
      if (remap[j] !== j) identity = false;
    });
    if (identity && overlay.length === 0) return (this.table = pre.table);
    return (this.table = mergeFormTables(pre.table, remap, buildFormTable(overlay, (k) => overlayIndex[k]!)));
  }
}

let bundled: CompiledKnowledge | undefined;

/** Parses the compiled JSON Lines text: a header line, one line per entity, then one line per form. */
export function parseCompiledKnowledge(text: string): CompiledKnowledge {
  const rows = JSON.parse(`[${text.trimEnd().replace(/\n/g, ',')}]`) as unknown[];
  const header = rows[0] as { format?: string; hash: string; files: string[]; attribution: string[]; entities: number; forms: number };
  if (header?.format !== COMPILED_FORMAT) throw new Error(`not a compiled knowledge base (${COMPILED_FORMAT})`);
  const entities = rows.slice(1, 1 + header.entities) as CompiledEntity[];
  const formRows = rows.slice(1 + header.entities) as Array<[string, number, number]>;
  if (entities.length !== header.entities || formRows.length !== header.forms) throw new Error('compiled knowledge base truncated');
  const forms = new Array<string>(formRows.length);
  const entity = new Int32Array(formRows.length);
  const flags = new Uint8Array(formRows.length);
  formRows.forEach((r, k) => {
    forms[k] = r[0];
    entity[k] = r[1];
    flags[k] = r[2];
  });
  return { format: COMPILED_FORMAT, hash: header.hash, files: header.files, attribution: header.attribution, entities, table: { forms, entity, flags } };
}

/** The JSON Lines text of a compiled knowledge base (what `parseCompiledKnowledge` reads). One entity per line. */
export function serializeCompiledKnowledge(c: CompiledKnowledge): string {
  const lines = [JSON.stringify({ format: c.format, hash: c.hash, files: c.files, attribution: c.attribution, entities: c.entities.length, forms: c.table.forms.length })];
  for (const e of c.entities) lines.push(JSON.stringify(e));
  for (let k = 0; k < c.table.forms.length; k++) lines.push(JSON.stringify([c.table.forms[k], c.table.entity[k], c.table.flags[k]]));
  return lines.join('\n') + '\n';
}

/**
 * Compiles knowledge sources (YAML) into the form loaded at run time: the merged entities in load order and their
 * form table. Problems are those of `loadKnowledge`; the caller decides whether they stop the build.
 */
export function compileKnowledge(sources: ReadonlyArray<KnowledgeSource>, hash: string, attribution: string[] = []): Loaded<CompiledKnowledge> {
  const loaded = loadKnowledge(sources);
  const files: string[] = [];
  const fileIndex = new Map<string, number>();
  const all = loaded.value.all();
  const entities = all.map((e): CompiledEntity => {
    const file = e.source?.file ?? '';
    let fi = fileIndex.get(file);
    if (fi === undefined) {
      fi = files.length;
      files.push(file);
      fileIndex.set(file, fi);
    }
    const row: CompiledEntity = [e.id, e.type, e.names.en ?? '', e.names['zh-Hans'] ?? '', e.names['zh-Hant'] ?? '', [...e.aliases], [...e.abbr], e.wikidata ?? '', e.description ?? '', e.country ?? '', e.un ? 1 : 0, fi, e.source?.line ?? 0];
    if (e.tagged.length) row.push([...e.tagged]);
    return row;
  });
  const table = buildFormTable(all);
  return { value: { format: COMPILED_FORMAT, hash, files, attribution, entities, table: { forms: table.forms, entity: Array.from(table.entity), flags: Array.from(table.flags) } }, problems: loaded.problems };
}

function entityFromCompiled(c: CompiledEntity, files: readonly string[]): Entity {
  const [id, type, en, hans, hant, aliases, abbr, wikidata, description, country, un, file, line, tagged] = c;
  const names: EntityNames = {};
  if (en) names.en = en;
  if (hans) names['zh-Hans'] = hans;
  if (hant) names['zh-Hant'] = hant;
  return new Entity(
    id,
    type,
    names,
    aliases,
    abbr,
    wikidata || undefined,
    description || undefined,
    country || undefined,
    un === 1 ? true : undefined,
    { file: files[file] ?? '', line },
    tagged ?? [],
  );
}

/** The first line of the JSON Lines text. */
interface CompiledHeader {
  hash: string;
  files: string[];
  attribution: string[];
  entities: number;
  forms: number;
}

/**
 * A compiled knowledge base read from its JSON Lines text when first needed, and then only as far as needed: one
 * entity's line for `row(i)`, everything for `entities` and `table`. The bundled one: loading it with its packed
 * recogniser tables reads neither the text nor the entities (a hover reads one line, the index all of them).
 */
class CompiledText implements CompiledKnowledge {
  readonly format = COMPILED_FORMAT;
  private source: string | undefined;
  private header: CompiledHeader | undefined;
  /** Offsets of the lines in `source` (or in `bytes`): line i starts at lineStart[i] (the header is line 0). */
  private lineStart: Int32Array | undefined;
  private parsed: CompiledKnowledge | undefined;
  /** The UTF-8 bytes of the text, when `readBytes` gives them: lines are then decoded one by one. */
  private bytes: Uint8Array | undefined;

  constructor(
    private readonly read: () => string,
    readonly recognizer?: Uint8Array,
    private readonly readBytes?: () => Uint8Array | undefined,
  ) {}

  private checkHeader(line: string): void {
    const header = JSON.parse(line) as CompiledHeader & { format?: string };
    if (header?.format !== COMPILED_FORMAT) throw new Error(`not a compiled knowledge base (${COMPILED_FORMAT})`);
    const packed = this.recognizer && packedTablesMeta(this.recognizer);
    if (packed && packed.hash !== header.hash) throw new Error('the recogniser tables were packed from another compiled knowledge base (rebuild)');
    this.header = header;
  }

  private text(): string {
    if (this.source === undefined) {
      const text = this.read();
      const end = text.indexOf('\n');
      this.checkHeader(end < 0 ? text : text.slice(0, end));
      this.source = text;
      this.lineStart = undefined;
    }
    return this.source;
  }

  private head(): CompiledHeader {
    if (!this.header) this.text();
    return this.header!;
  }

  /** Entity i's line from the bytes (the first time: their line starts), or undefined when there are no bytes. */
  private rowFromBytes(i: number): CompiledEntity | undefined {
    if (!this.bytes) {
      const bytes = this.readBytes?.();
      if (!bytes) return undefined;
      const end = bytes.indexOf(10);
      this.checkHeader(new TextDecoder().decode(bytes.subarray(0, end < 0 ? bytes.length : end)));
      const n = this.header!.entities;
      const starts = new Int32Array(n + 2);
      let at = 0;
      for (let k = 0; k <= n; k++) {
        at = bytes.indexOf(10, at);
        if (at < 0) throw new Error('compiled knowledge base truncated');
        starts[k + 1] = ++at;
      }
      this.bytes = bytes;
      this.lineStart = starts;
    }
    if (!(i >= 0 && i < this.header!.entities)) throw new RangeError(`compiled knowledge base: no entity ${i}`);
    return JSON.parse(new TextDecoder().decode(this.bytes.subarray(this.lineStart![i + 1], this.lineStart![i + 2]! - 1))) as CompiledEntity;
  }

  get hash(): string {
    return this.head().hash;
  }

  get files(): string[] {
    return this.head().files;
  }

  get attribution(): string[] {
    return this.head().attribution;
  }

  private full(): CompiledKnowledge {
    if (!this.parsed) {
      this.parsed = parseCompiledKnowledge(this.text());
      this.source = undefined; // all of it is in `parsed` now
      this.lineStart = undefined;
    }
    return this.parsed;
  }

  get entities(): CompiledEntity[] {
    return this.full().entities;
  }

  get table(): FormTable {
    return this.full().table;
  }

  /** Entity i, parsed from its line (from the parsed whole once there is one). */
  row(i: number): CompiledEntity {
    if (this.parsed) return this.parsed.entities[i]!;
    if (this.source === undefined && this.readBytes) {
      const row = this.rowFromBytes(i);
      if (row) return row;
    }
    const text = this.text();
    const n = this.header!.entities;
    if (!this.lineStart) {
      const starts = new Int32Array(n + 2);
      let at = 0;
      for (let k = 0; k <= n; k++) {
        at = text.indexOf('\n', at);
        if (at < 0) throw new Error('compiled knowledge base truncated');
        starts[k + 1] = ++at;
      }
      this.lineStart = starts;
    }
    if (!(i >= 0 && i < n)) throw new RangeError(`compiled knowledge base: no entity ${i}`);
    return JSON.parse(text.slice(this.lineStart[i + 1], this.lineStart[i + 2]! - 1)) as CompiledEntity;
  }

  /** Every entity was made (`CompiledEntities.all`): the text is let go (read again if the form table is asked for). */
  release(): void {
    this.source = undefined;
    this.bytes = undefined;
    this.lineStart = undefined;
  }
}

/**
 * A compiled knowledge base over its JSON Lines text (`serializeCompiledKnowledge`), read when first needed and then
 * only as far as needed (see `CompiledText`), with the recogniser's tables packed from it, if any.
 */
export function lazyCompiledKnowledge(read: () => string, recognizer?: Uint8Array, readBytes?: () => Uint8Array | undefined): CompiledKnowledge {
  return new CompiledText(read, recognizer, readBytes);
}

/**
 * The bundled knowledge base as a source for `loadKnowledge`: data/knowledge*.yaml compiled at build time into
 * data/knowledge.compiled.jsonl (scripts/compile-knowledge.ts), read when its entities are first needed, with the
 * recogniser's tables the build packed from it (none when run from source).
 */
export function defaultKnowledgeSource(): KnowledgeSource {
  bundled ??= lazyCompiledKnowledge(() => compiledKnowledgeText, precompiledRecognizerTables(), precompiledKnowledgeBytes);
  return { file: BUNDLED_KNOWLEDGE_FILE, compiled: bundled };
}

/** The `file` of `defaultKnowledgeSource()` (without parsing it). */
export const BUNDLED_KNOWLEDGE_FILE = '<bundled>/knowledge.compiled.jsonl';

// ---------------------------------------------------------------------------------------------------------------
// Schema

const nonEmpty = z.string().trim().min(1, { error: () => l10n.t('must not be empty') });

const entitySchema = z
  .object({
    id: z.string().regex(/^[a-z]+\/\S+$/, { error: () => l10n.t('must look like "<type>/<slug>" (e.g. country/RU), without spaces') }),
    type: z.enum(ENTITY_TYPES),
    names: z
      .object({ en: nonEmpty.optional(), 'zh-Hans': nonEmpty.optional(), 'zh-Hant': nonEmpty.optional() })
      .refine((n) => n.en !== undefined || n['zh-Hans'] !== undefined || n['zh-Hant'] !== undefined, { error: () => l10n.t('needs at least one of en, zh-Hans, zh-Hant') }),
    aliases: z.array(nonEmpty).optional(),
    abbr: z.array(z.string().refine((s) => [...s].length === 1, { error: () => l10n.t('an abbreviation is exactly one character') })).optional(),
    wikidata: z.string().regex(/^Q[1-9]\d*$/, { error: () => l10n.t('must be a Wikidata item id like Q159') }).optional(),
    description: z.string().optional(),
    country: z.string().regex(/^country\/\S+$/, { error: () => l10n.t('must be the id of a country entity, e.g. country/RU') }).optional(),
    un: z.boolean().optional(),
    tagged: z.array(nonEmpty).optional(),
  })
  .superRefine((e, ctx) => {
    const prefix = e.id.slice(0, e.id.indexOf('/'));
    if (prefix !== e.type) ctx.addIssue({ code: 'custom', path: ['id'], message: l10n.t('the id prefix "{0}" does not match type "{1}"', prefix, e.type) });
  });

const removeSchema = z.object({
  id: z.string().min(1),
  remove: z.literal(true, 'remove must be true (leave the entry out otherwise)'),
});

const extendSchema = z.object({
  extend: z.string().regex(/^[a-z]+\/\S+$/, { error: () => l10n.t('must be the id of an entity defined earlier') }),
  aliases: z.array(nonEmpty).optional(),
  abbr: z.array(z.string().refine((s) => [...s].length === 1, { error: () => l10n.t('an abbreviation is exactly one character') })).optional(),
  tagged: z.array(nonEmpty).optional(),
});

/** The keys of an entity entry, of its names and of an `extend` entry: read from the schemas, never a second list. */
export const ENTITY_KEYS: ReadonlySet<string> = new Set(Object.keys(entitySchema.shape));
const NAME_KEYS: ReadonlySet<string> = new Set(Object.keys(entitySchema.shape.names.shape));
const EXTEND_KEYS: ReadonlySet<string> = new Set(Object.keys(extendSchema.shape));
const TOP_KEYS = new Set(['schema', 'entities', 'rules']);

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
    const message = issue.path.length ? l10n.t('{0}: {1}: {2}; entry skipped', label, describePath(issue.path as PropertyKey[]), issue.message) : l10n.t('{0}: {1}; entry skipped', label, issue.message);
    return problemAt(loc, path, message);
  });
}

function unknownKeys(loc: Located, path: Array<string | number>, value: unknown, known: ReadonlySet<string>, label: string): Problem[] {
  if (!value || typeof value !== 'object' || Array.isArray(value)) return [];
  return Object.keys(value)
    .filter((k) => !known.has(k))
    .map((k) => problemAt(loc, [...path, k], l10n.t('{0}: unknown key "{1}" (ignored); expected one of {2}', label, k, [...known].join(', ')), 'warning'));
}

type EntityInput = z.infer<typeof entitySchema>;

/** The `path` of every compiled entity (never written: a YAML entry gets its own). */
const NO_PATH: Array<string | number> = [];

interface Pending {
  input: EntityInput;
  file: string;
  line: number;
  /** For collision warnings: where this entry's forms are (absent for a compiled entity: checked when compiled). */
  loc?: Located;
  path: Array<string | number>;
  /** The entity as compiled, kept as the same object so that its precomputed forms are reused. */
  compiled?: Entity;
}

function inputOf(e: Entity): EntityInput {
  return {
    id: e.id,
    type: e.type,
    names: { ...e.names },
    aliases: [...e.aliases],
    abbr: [...e.abbr],
    ...(e.wikidata !== undefined && { wikidata: e.wikidata }),
    ...(e.description !== undefined && { description: e.description }),
    ...(e.country !== undefined && { country: e.country }),
    ...(e.un !== undefined && { un: e.un }),
    ...(e.tagged.length > 0 && { tagged: [...e.tagged] }),
  };
}

/**
 * Loads and merges knowledge sources in order (see the format at the top of this file). Never throws on bad
 * input: what can be used is returned, with a problem for everything that could not.
 */
export function loadKnowledge(sources: ReadonlyArray<KnowledgeSource>): Loaded<KnowledgeBase> {
  const problems: Problem[] = [];
  const entities = new Map<string, Pending>();
  const rules: CorrectionRule[] = [];
  let precompiled: Precompiled | undefined;
  // A compiled knowledge base loaded first stays as it is (its entities made only when asked for) until a later
  // file has entities of its own: then its entities are made and merged as any others.
  let lazy: CompiledKnowledge | undefined;
  let lazyFile = '';
  const materialise = () => {
    if (!lazy) return;
    const c = lazy;
    lazy = undefined;
    const list = compiledEntities(c).all();
    precompiled = { entities: list, table: c.table, ...(c.recognizer && { recognizer: c.recognizer }) };
    for (const e of list) entities.set(e.id, { input: undefined as unknown as EntityInput, file: e.source?.file ?? lazyFile, line: e.source?.line ?? 0, path: NO_PATH, compiled: e });
  };

  for (const source of sources) {
    if (source.compiled) {
      const c = source.compiled;
      if (entities.size === 0 && !precompiled && !lazy) {
        lazy = c;
        lazyFile = source.file;
        continue;
      }
      materialise();
      const list = compiledEntities(c).all();
      // Its table is reused only as the base: entity indices are positions in this list.
      if (entities.size === 0 && !precompiled) precompiled = { entities: list, table: c.table };
      // Ids are distinct within a compiled base: only entities of earlier sources need moving to the end.
      const hadEarlier = entities.size > 0;
      for (const e of list) {
        if (hadEarlier) entities.delete(e.id);
        entities.set(e.id, { input: undefined as unknown as EntityInput, file: e.source?.file ?? source.file, line: e.source?.line ?? 0, path: NO_PATH, compiled: e });
      }
      continue;
    }
    const parsed = parseYaml(source.text ?? '', source.file, { uniqueKeys: true });
    if (!parsed.doc) {
      for (const p of parsed.problems) problems.push(p.code === 'yaml-syntax' ? { ...p, message: l10n.t('{0}; nothing in this file was loaded', p.message) } : p);
      continue;
    }
    problems.push(...parsed.problems);
    const { doc, lines } = parsed;
    const loc: Located = { file: source.file, doc, lines };
    const root: unknown = toJS(doc);
    if (root === null || root === undefined) continue; // empty file
    if (typeof root !== 'object' || Array.isArray(root)) {
      problems.push(problemAt(loc, [], l10n.t('the knowledge file must be a mapping with `schema` and `entities`; nothing in this file was loaded')));
      continue;
    }
    const top = root as Record<string, unknown>;
    if (top.schema !== undefined && top.schema !== KNOWLEDGE_SCHEMA) {
      problems.push(problemAt(loc, ['schema'], l10n.t('unsupported schema "{0}" (expected {1}); nothing in this file was loaded', String(top.schema), KNOWLEDGE_SCHEMA)));
      continue;
    }
    problems.push(...unknownKeys(loc, [], top, TOP_KEYS, l10n.t('knowledge file')));
    if (top.rules !== undefined && top.rules !== null) {
      const parsed = parseRules(top.rules, source.file, (path, message, severity) => problemAt(loc, ['rules', ...path], message, severity), RULE_KEYS);
      rules.push(...parsed.rules);
      problems.push(...parsed.problems);
    }
    const list = top.entities;
    if (list === undefined || list === null) continue;
    if (!Array.isArray(list)) {
      problems.push(problemAt(loc, ['entities'], l10n.t('`entities` must be a list; nothing in this file was loaded')));
      continue;
    }
    if (list.length > 0) materialise();
    const seenHere = new Map<string, number>();
    list.forEach((raw: unknown, index) => {
      const path: Array<string | number> = ['entities', index];
      const at = position(loc, nodeAt(loc, path));
      if (!raw || typeof raw !== 'object' || Array.isArray(raw)) {
        problems.push(problemAt(loc, path, l10n.t('entities[{0}]: an entry must be a mapping with an id (or extend); entry skipped', index)));
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
          problems.push(problemAt(loc, [...path, 'extend'], l10n.t('{0}: no entity with this id is defined before this file entry; entry skipped', label), 'warning'));
          return;
        }
        const base = target.compiled ? inputOf(target.compiled) : target.input;
        const merged: EntityInput = {
          ...base,
          aliases: dedupe([...(base.aliases ?? []), ...(parsed.data.aliases ?? [])]),
          abbr: dedupe([...(base.abbr ?? []), ...(parsed.data.abbr ?? [])]),
          ...((base.tagged?.length || parsed.data.tagged?.length) && { tagged: dedupe([...(base.tagged ?? []), ...(parsed.data.tagged ?? [])]) }),
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
          problems.push(problemAt(loc, [...path, 'id'], l10n.t('remove {0}: no entity with this id is defined before this entry', parsed.data.id), 'warning'));
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
        problems.push(problemAt(loc, [...path, 'id'], l10n.t('{0}: duplicate id in this file (first at line {1}); this later entry wins', id, earlier), 'warning'));
      }
      seenHere.set(id, at.line);
      const input = { ...parsed.data, aliases: dedupe(parsed.data.aliases ?? []), abbr: dedupe(parsed.data.abbr ?? []), ...(parsed.data.tagged && { tagged: dedupe(parsed.data.tagged) }) };
      const previous = entities.get(id);
      if (previous) entities.delete(id); // re-inserted below: an override takes the later position (it wins collisions)
      entities.set(id, { input, file: source.file, line: at.line, loc, path });
    });
  }

  problems.push(...crossChecks(entities, precompiled));
  const list = [...entities.values()].map(
    ({ input: e, file, line, compiled }) =>
      compiled ?? new Entity(e.id, e.type, e.names, e.aliases ?? [], e.abbr ?? [], e.wikidata, e.description, e.country, e.un, { file, line }, e.tagged ?? []),
  );
  const kb = lazy ? new KnowledgeBase([], { compiled: lazy, rules }) : new KnowledgeBase(list, { ...(precompiled && { precompiled }), rules });
  problems.push(...checkRules(rules, kb));
  return { value: kb, problems };
}

function dedupe<T>(xs: T[]): T[] {
  return [...new Set(xs)];
}

/**
 * Warnings that need the merged result: dangling `country`, shared surface forms, shared abbreviations. Compiled
 * entities were checked when compiled: only the others are, against the precompiled forms too (binary search).
 */
function crossChecks(entities: Map<string, Pending>, precompiled: Precompiled | undefined): Problem[] {
  const problems: Problem[] = [];
  const formOwner = new Map<string, string>();
  const abbrOwner = new Map<string, string>();
  for (const [id, p] of entities) {
    if (p.compiled) {
      for (const a of p.compiled.abbr) abbrOwner.set(fold(a), id);
      continue;
    }
    const e = p.input;
    const loc = p.loc!;
    if (e.country !== undefined && !entities.has(e.country)) {
      problems.push(problemAt(loc, [...p.path, 'country'], l10n.t('{0}: country {1} is not in the knowledge base', id, e.country), 'warning'));
    }
    const forms = new Set<string>();
    for (const n of [e.names.en, e.names['zh-Hans'], e.names['zh-Hant'], ...(e.aliases ?? []), ...(e.tagged ?? [])]) if (n) forms.add(fold(n.trim()));
    for (const f of forms) {
      let other = formOwner.get(f);
      if (other === undefined && precompiled) {
        const k = findForm(precompiled.table.forms, f);
        const owner = k >= 0 ? precompiled.entities[precompiled.table.entity[k]!] : undefined;
        if (owner && entities.get(owner.id)?.compiled === owner) other = owner.id;
      }
      if (other !== undefined && other !== id) {
        problems.push(problemAt(loc, [...p.path, 'aliases'], l10n.t('{0}: the name "{1}" is also a name of {2}; {0} wins in the recogniser', id, f, other), 'warning'));
      }
      formOwner.set(f, id);
    }
    for (const a of e.abbr ?? []) {
      const f = fold(a);
      const other = abbrOwner.get(f);
      if (other !== undefined && other !== id) {
        problems.push(problemAt(loc, [...p.path, 'abbr'], l10n.t('{0}: the abbreviation "{1}" is also used by {2}; {0} wins in the recogniser', id, a, other), 'warning'));
      }
      abbrOwner.set(f, id);
    }
  }
  return problems;
}
