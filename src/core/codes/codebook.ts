/**
 * The code system: `.corpus-lens/codebook.yaml`, schema `corpus-lens/codebook@1`.
 *
 * ```yaml
 * schema: corpus-lens/codebook@1
 * codes:
 *   - id: red-line                 # stable id ([A-Za-z0-9][A-Za-z0-9_.:-]*): annotations and segments store it, never the label
 *     labels: {en: red line, zh-Hans: 红线, zh-Hant: 紅線}   # at least one label
 *     definition: "A limit a state says it will not let another cross."
 *     color: "#d04040"             # optional, #rgb or #rrggbb
 *     synonyms: [底线, bottom line] # optional: other names, any script (found by the picker, the migration, the import)
 *     parent: security             # optional: id of the parent code
 *     guid: 6f1c…                  # optional: REFI-QDA GUID (kept so that an export → import round trip keeps identity)
 *   - id: old-code
 *     mergedInto: red-line         # a merged code: its segments count and retrieve as red-line; no sidecar is rewritten
 * ```
 *
 * Loading never stops at a bad code: each problem is reported with file:line:col and the code is left out (or, for
 * an unknown parent or a parent cycle, kept at the top level), the rest loads. The file is edited through the YAML
 * Document API (`codebookEdits.ts`), so comments, key order and codes that did not validate are kept.
 */
import * as z from 'zod';
import { isMap, isSeq, isScalar, type Document, type LineCounter, type Node as YamlNode } from 'yaml';
import type { Loaded, Problem } from '../types';
import { parseYaml, toJS } from '../yaml';
import * as l10n from '@vscode/l10n';

export const CODEBOOK_SCHEMA = 'corpus-lens/codebook@1';
export const CODEBOOK_PATH = '.corpus-lens/codebook.yaml';
export const CODE_ID = /^[A-Za-z0-9][A-Za-z0-9_.:-]*$/;
export const COLOR = /^#([0-9A-Fa-f]{6}|[0-9A-Fa-f]{3})$/;
export const GUID = /^\{?[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}\}?$/;
export const LABEL_LANGUAGES = ['en', 'zh-Hans', 'zh-Hant'] as const;
export type LabelLanguage = (typeof LABEL_LANGUAGES)[number];

const nonEmpty = z.string().trim().min(1, { error: () => l10n.t('must not be empty') });
const codeId = z.string().regex(CODE_ID, { error: () => l10n.t('must match [A-Za-z0-9][A-Za-z0-9_.:-]*') });

const LabelsSchema = z
  .strictObject({ en: nonEmpty.optional(), 'zh-Hans': nonEmpty.optional(), 'zh-Hant': nonEmpty.optional() })
  .refine((l) => l.en !== undefined || l['zh-Hans'] !== undefined || l['zh-Hant'] !== undefined, { error: () => l10n.t('needs at least one label (en, zh-Hans or zh-Hant)') });

const CodeSchema = z.strictObject({
  id: codeId,
  labels: LabelsSchema,
  definition: z.string().optional(),
  color: z.string().regex(COLOR, { error: () => l10n.t('must be a colour #rgb or #rrggbb') }).optional(),
  synonyms: z.array(nonEmpty).optional(),
  parent: codeId.optional(),
  guid: z.string().regex(GUID, { error: () => l10n.t('must be a GUID (8-4-4-4-12 hex digits)') }).optional(),
});
const MergedSchema = z.strictObject({ id: codeId, mergedInto: codeId });

export type Labels = Partial<Record<LabelLanguage, string>>;

export interface Code {
  id: string;
  labels: Labels;
  definition?: string;
  color?: string;
  synonyms?: string[];
  parent?: string;
  guid?: string;
}

export interface Codebook {
  /** Codes in file order (parents are not necessarily before their children). */
  codes: Code[];
  /** Merged ids → the id they were merged into (resolved: always a live code). */
  merged: Map<string, string>;
  byId: Map<string, Code>;
  children: Map<string | undefined, Code[]>;
}

export function emptyCodebook(): Codebook {
  return buildCodebook([], new Map());
}

export function buildCodebook(codes: Code[], merged: Map<string, string>): Codebook {
  const byId = new Map(codes.map((c) => [c.id, c]));
  const children = new Map<string | undefined, Code[]>();
  for (const c of codes) {
    const parent = c.parent !== undefined && byId.has(c.parent) ? c.parent : undefined;
    let list = children.get(parent);
    if (!list) children.set(parent, (list = []));
    list.push(c);
  }
  return { codes, merged, byId, children };
}

/** The live code an id stands for (following merges), or undefined. */
export function resolveCode(book: Codebook, id: string): Code | undefined {
  return book.byId.get(book.merged.get(id) ?? id);
}

/** The id a stored id counts as (merged ids resolve to their target); unknown ids stay themselves. */
export function canonicalId(book: Codebook, id: string): string {
  return book.merged.get(id) ?? id;
}

/** Display label: the preferred language first, then en, zh-Hans, zh-Hant, then the id. */
export function codeLabel(code: Code, prefer: LabelLanguage = 'en'): string {
  return code.labels[prefer] ?? code.labels.en ?? code.labels['zh-Hans'] ?? code.labels['zh-Hant'] ?? code.id;
}

/** Every name of a code: its labels and synonyms. */
export function codeNames(code: Code): string[] {
  return [...new Set([...LABEL_LANGUAGES.map((l) => code.labels[l]).filter((s): s is string => s !== undefined), ...(code.synonyms ?? [])])];
}

/** Ancestors of a code, nearest first (stops at a cycle). */
export function ancestors(book: Codebook, id: string): Code[] {
  const out: Code[] = [];
  const seen = new Set([id]);
  let cur = book.byId.get(id)?.parent;
  while (cur !== undefined && !seen.has(cur)) {
    const c = book.byId.get(cur);
    if (!c) break;
    out.push(c);
    seen.add(cur);
    cur = c.parent;
  }
  return out;
}

/** The code and all codes below it. */
export function descendants(book: Codebook, id: string): Code[] {
  const out: Code[] = [];
  const stack = [...(book.children.get(id) ?? [])];
  const seen = new Set([id]);
  while (stack.length) {
    const c = stack.pop()!;
    if (seen.has(c.id)) continue;
    seen.add(c.id);
    out.push(c);
    stack.push(...(book.children.get(c.id) ?? []));
  }
  return out;
}

/** "security / red line": the path of labels from the top. */
export function codePath(book: Codebook, id: string, prefer: LabelLanguage = 'en'): string {
  const code = book.byId.get(id);
  if (!code) return id;
  return [...ancestors(book, id).reverse(), code].map((c) => codeLabel(c, prefer)).join(' / ');
}

function problemAt(file: string, lines: LineCounter, node: YamlNode | undefined, message: string, severity: Problem['severity'] = 'error'): Problem {
  const pos = lines.linePos(node?.range?.[0] ?? 0);
  return { file, line: Math.max(1, pos.line), column: Math.max(1, pos.col), message, severity };
}

function child(node: YamlNode | undefined, key: string): YamlNode | undefined {
  if (!isMap(node)) return undefined;
  const pair = node.items.find((p) => (isScalar(p.key) ? p.key.value : p.key) === key);
  return (pair?.value as YamlNode | undefined) ?? (pair?.key as YamlNode | undefined);
}

function nodeAt(node: YamlNode, path: readonly PropertyKey[]): YamlNode {
  let cur = node;
  for (const key of path) {
    let next: YamlNode | undefined;
    if (isMap(cur)) next = child(cur, String(key));
    else if (isSeq(cur) && typeof key === 'number') next = cur.items[key] as YamlNode | undefined;
    if (!next) break;
    cur = next;
  }
  return cur;
}

export interface ParsedCodebook extends Loaded<Codebook> {
  /** The parsed YAML document (undefined when the file does not parse: it must then not be edited). */
  doc: Document | undefined;
  /** Line of each code's list item, by id. */
  lines: Map<string, number>;
}

/** Parse a codebook file. Never throws; a file that does not parse gives an empty codebook and the error. */
export function parseCodebook(text: string, file: string): ParsedCodebook {
  const parsed = parseYaml(text, file);
  const problems = [...parsed.problems];
  const lineOf = new Map<string, number>();
  if (!parsed.ok || !parsed.doc) return { value: emptyCodebook(), problems, doc: undefined, lines: lineOf };
  const doc = parsed.doc;
  const root = doc.contents as YamlNode | null;
  if (root === null || (isScalar(root) && (root.value === null || root.value === ''))) return { value: emptyCodebook(), problems, doc, lines: lineOf };
  if (!isMap(root)) {
    problems.push(problemAt(file, parsed.lines, root, l10n.t('a codebook must be a mapping with `schema:` and `codes:`')));
    return { value: emptyCodebook(), problems, doc: undefined, lines: lineOf };
  }
  const data = toJS(doc) as Record<string, unknown>;
  if (data['schema'] !== CODEBOOK_SCHEMA) {
    problems.push(problemAt(file, parsed.lines, child(root, 'schema') ?? root, data['schema'] === undefined ? l10n.t('schema must be {0}; nothing of this file was loaded', CODEBOOK_SCHEMA) : l10n.t('schema must be {0} (found {1}); nothing of this file was loaded', CODEBOOK_SCHEMA, JSON.stringify(data['schema']))));
    return { value: emptyCodebook(), problems, doc: undefined, lines: lineOf };
  }
  for (const key of Object.keys(data)) {
    if (key !== 'schema' && key !== 'codes') problems.push(problemAt(file, parsed.lines, child(root, key), l10n.t('unknown key "{0}"', key), 'warning'));
  }
  const codesNode = child(root, 'codes');
  const codes: Code[] = [];
  const mergedRaw = new Map<string, { into: string; node: YamlNode }>();
  const seen = new Map<string, number>();
  if (codesNode && !isSeq(codesNode) && !(isScalar(codesNode) && codesNode.value === null)) {
    problems.push(problemAt(file, parsed.lines, codesNode, l10n.t('`codes:` must be a list')));
  } else if (isSeq(codesNode)) {
    // One conversion of the whole document (a per-item toJS walks the document's anchors each time).
    const values = Array.isArray(data['codes']) ? (data['codes'] as unknown[]) : [];
    codesNode.items.forEach((item, i) => {
      const node = item as YamlNode;
      const value = values[i];
      const isMerged = typeof value === 'object' && value !== null && 'mergedInto' in value;
      const result = (isMerged ? MergedSchema : CodeSchema).safeParse(value);
      if (!result.success) {
        for (const issue of result.error.issues) {
          const path = issue.code === 'unrecognized_keys' && issue.keys[0] !== undefined ? [...issue.path, issue.keys[0]] : issue.path;
          const message = issue.code === 'invalid_type' && issue.input === undefined ? l10n.t('missing required field') : issue.message;
          const text = path.length ? l10n.t('code {0}: {1}: {2}; this code was not loaded', i + 1, path.map(String).join('.'), message) : l10n.t('code {0}: {1}; this code was not loaded', i + 1, message);
          problems.push(problemAt(file, parsed.lines, nodeAt(node, path), text));
        }
        return;
      }
      const id = result.data.id;
      const line = parsed.lines.linePos(node.range?.[0] ?? 0).line;
      if (seen.has(id)) {
        problems.push(problemAt(file, parsed.lines, child(node, 'id'), l10n.t('duplicate code id "{0}" (first on line {1}); this one was not loaded', id, seen.get(id) ?? '?')));
        return;
      }
      seen.set(id, line);
      lineOf.set(id, line);
      if ('mergedInto' in result.data) {
        mergedRaw.set(id, { into: result.data.mergedInto, node });
        return;
      }
      const c = result.data as z.infer<typeof CodeSchema>;
      const code: Code = { id, labels: c.labels };
      if (c.definition !== undefined) code.definition = c.definition;
      if (c.color !== undefined) code.color = c.color;
      if (c.synonyms !== undefined) code.synonyms = c.synonyms;
      if (c.parent !== undefined) code.parent = c.parent;
      if (c.guid !== undefined) code.guid = c.guid;
      codes.push(code);
    });
  }
  const byId = new Map(codes.map((c) => [c.id, c]));
  const itemNode = (id: string): YamlNode | undefined => (isSeq(codesNode) ? (codesNode.items as YamlNode[]).find((n) => isMap(n) && String(n.get('id') as unknown) === id) : undefined);
  for (const c of codes) {
    if (c.parent === undefined) continue;
    if (c.parent === c.id || !byId.has(c.parent)) {
      const why = c.parent === c.id ? 'a code cannot be its own parent' : mergedRaw.has(c.parent) ? `parent "${c.parent}" was merged into "${mergedRaw.get(c.parent)!.into}"` : `unknown parent "${c.parent}"`;
      problems.push(problemAt(file, parsed.lines, child(itemNode(c.id), 'parent'), l10n.t('{0}; the code is shown at the top level', why), 'warning'));
      delete c.parent;
    }
  }
  // Parent cycles: break each at the code found closing it.
  for (const c of codes) {
    const seenIds = new Set<string>([c.id]);
    let cur = c.parent;
    while (cur !== undefined) {
      if (seenIds.has(cur)) {
        const closing = byId.get(cur)!;
        problems.push(problemAt(file, parsed.lines, child(itemNode(closing.id), 'parent'), l10n.t('the parents of "{0}" form a cycle; the code is shown at the top level', closing.id), 'warning'));
        delete closing.parent;
        break;
      }
      seenIds.add(cur);
      cur = byId.get(cur)?.parent;
    }
  }
  // Merged ids resolve to a live code (chains followed; a dangling or cyclic merge is reported and ignored).
  const merged = new Map<string, string>();
  for (const [id, { node }] of mergedRaw) {
    let target = id;
    const chain = new Set<string>();
    while (mergedRaw.has(target) && !chain.has(target)) {
      chain.add(target);
      target = mergedRaw.get(target)!.into;
    }
    if (!byId.has(target)) {
      problems.push(problemAt(file, parsed.lines, child(node, 'mergedInto'), l10n.t('"{0}" is merged into "{1}", which is not a code; its segments count as "{0}"', id, target), 'warning'));
      continue;
    }
    merged.set(id, target);
  }
  // The same name on two codes is allowed (a code system may reuse words) but is likely a mistake: warn.
  const names = new Map<string, string>();
  for (const c of codes) {
    for (const n of codeNames(c)) {
      const key = n.normalize('NFKC').toLowerCase();
      const other = names.get(key);
      if (other !== undefined && other !== c.id) problems.push(problemAt(file, parsed.lines, itemNode(c.id), l10n.t('"{0}" also names code "{1}"', n, other), 'warning'));
      else names.set(key, c.id);
    }
  }
  return { value: buildCodebook(codes, merged), problems, doc, lines: lineOf };
}

/** The canonical YAML text of a new codebook (for a file that does not exist yet). */
export function newCodebookText(): string {
  return `schema: ${CODEBOOK_SCHEMA}\ncodes: []\n`;
}
