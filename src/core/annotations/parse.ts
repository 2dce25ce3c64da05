/**
 * Parsing sidecar files (the format is documented in schema.ts): a fast path for what Corpus Lens writes, and the
 * yaml Document API for everything else, with file:line:column for every problem and invalid items kept verbatim.
 */
import type * as z from 'zod';
import { LineCounter, isMap, isNode, isScalar, isSeq, type Node as YamlNode } from 'yaml';
import type { Problem } from '../types';
import { hasConflictMarkers, scanConflictMarkers } from './markers';
import { loadPlainYaml, parseYaml, toJS } from '../yaml';
import { EDTF_DATE } from '../dates/edtf';
import { AnnotationSchema, DocumentInfoSchema, SCHEMA_ID, UNKNOWN_KEY, type Annotation, type DocumentInfo, type InvalidAnnotation, type ParsedSidecar, type SourcePosition } from './schema';
import * as l10n from '@vscode/l10n';

function problemAt(file: string, lc: LineCounter, offset: number, message: string, severity: Problem['severity'] = 'error'): Problem {
  const { line, col } = lc.linePos(offset);
  return { file, line, column: col, message, severity };
}

/** The deepest existing node along a zod issue path (keys of maps, indices of sequences). */
function nodeAtPath(root: YamlNode, path: readonly PropertyKey[], pointAtKey = false): YamlNode {
  let node: YamlNode = root;
  for (let i = 0; i < path.length; i++) {
    const key = path[i];
    let next: unknown;
    if (isMap(node)) {
      const pair = node.items.find((p) => (isScalar(p.key) ? p.key.value : p.key) === key);
      // An unknown key: point at the key itself, not its value.
      next = pair ? (pointAtKey && i === path.length - 1 && isNode(pair.key) ? pair.key : pair.value) : undefined;
    } else if (isSeq(node) && typeof key === 'number') {
      next = node.items[key];
    }
    if (!isNode(next)) break;
    node = next;
  }
  return node;
}

function describeIssue(issue: z.core.$ZodIssue): string {
  let message = issue.message;
  if (issue.code === 'invalid_type' && issue.input === undefined) message = l10n.t('missing required field');
  else if (issue.code === 'invalid_union') message = l10n.t('must be exactly one of the documented forms (e.g. {entity: ...} | {text: ...} | {section: ...})');
  else if (issue.code === 'invalid_type' && issue.expected === 'string' && (typeof issue.input === 'number' || typeof issue.input === 'boolean')) {
    message = l10n.t('{0} (quote the value: YAML read it as a number/boolean)', message);
  }
  return issue.path.length ? l10n.t('{0}: {1}', issue.path.map(String).join('.'), message) : message;
}

/** `label`: the message with what it is about (the annotation), or a path prefix (document.). */
function zodProblems(file: string, lc: LineCounter, root: YamlNode, error: z.ZodError, label: string | ((message: string) => string) = ''): Problem[] {
  return error.issues.map((issue) => {
    const unknownKey = issue.code === 'unrecognized_keys' || (issue.code === 'custom' && issue.params?.[UNKNOWN_KEY] === true);
    const path = issue.code === 'unrecognized_keys' && issue.keys[0] !== undefined ? [...issue.path, issue.keys[0]] : issue.path;
    const node = nodeAtPath(root, path, unknownKey);
    const message = describeIssue(issue);
    return problemAt(file, lc, node.range?.[0] ?? 0, typeof label === 'string' ? label + message : label(message));
  });
}

/**
 * Parse a sidecar file. Every problem carries the file and the 1-based line:column of the offending node.
 * YAML syntax errors and a foreign `schema:` give value undefined: such a file must not be overwritten.
 */
export function parseSidecar(text: string, file: string): ParsedSidecar {
  if (hasConflictMarkers(text)) return { value: undefined, problems: conflictProblems(text, file), locations: new Map() };
  return parseSidecarFast(text) ?? parseSidecarDocument(text, file);
}

/** Problem message prefix of a sidecar with git conflict markers (the extension offers "Keep Both Sides" on it). */
export const MERGE_CONFLICT = 'merge conflict';

/** One error per conflict region, naming its marker lines. Such a file is not loaded, hence never overwritten. */
export function conflictProblems(text: string, file: string): Problem[] {
  const { regions, wellFormed } = scanConflictMarkers(text);
  const advice = wellFormed
    ? 'the file is left untouched until resolved: run "Keep Both Sides" (merges both sides by annotation id) or edit it by hand'
    : 'the markers are incomplete, so the sides cannot be told apart: resolve it by hand; the file is left untouched';
  return regions.map((r) => {
    const parts = [`<<<<<<< line ${r.startLine}`];
    if (r.baseLine !== undefined) parts.push(`||||||| line ${r.baseLine}`);
    if (r.separatorLine !== undefined) parts.push(`======= line ${r.separatorLine}`);
    if (r.endLine !== undefined) parts.push(`>>>>>>> line ${r.endLine}`);
    const span = r.endLine !== undefined ? `lines ${r.startLine}–${r.endLine}` : `from line ${r.startLine}, not closed`;
    const labels = r.oursLabel || r.theirsLabel ? ` between ${r.oursLabel || '?'} and ${r.theirsLabel || '?'}` : '';
    return { file, line: r.startLine, column: 1, severity: 'error' as const, code: 'merge-conflict' as const, message: `${MERGE_CONFLICT}${labels}, ${span} (${parts.join(', ')}); ${advice}` };
  });
}

/**
 * The fast path for a well-formed sidecar (what Corpus Lens writes): js-yaml (about 10x faster than the yaml
 * Document API on a 4 MB file), zod, and list-item positions from a line scan. Anything unusual — a syntax error,
 * an invalid or duplicate annotation, a foreign schema, an id not at the start of its list item — returns
 * undefined, and the Document parser reports it with exact line:column and keeps invalid items verbatim.
 */
function parseSidecarFast(text: string): ParsedSidecar | undefined {
  const raw = loadPlainYaml(text); // undefined when it may hold aliases (js-yaml has no alias limit) or does not parse
  if (raw === undefined || raw === null || typeof raw !== 'object' || Array.isArray(raw)) return undefined;
  const root = raw as Record<string, unknown>;
  if (root['schema'] !== SCHEMA_ID || Object.keys(root).some((k) => k !== 'schema' && k !== 'document' && k !== 'annotations')) return undefined;
  const document = DocumentInfoSchema.safeParse(root['document']);
  if (!document.success) return undefined;
  const list = root['annotations'] ?? [];
  if (!Array.isArray(list)) return undefined;
  const locations = new Map<string, SourcePosition>();
  // "  - id: a-xxxx" (block style, as written by serializeSidecar).
  const itemLine = /^(\s*)- id: *['"]?([A-Za-z0-9][A-Za-z0-9_.:-]*)['"]? *$/gm;
  let line = 1;
  let counted = 0;
  for (let m = itemLine.exec(text); m; m = itemLine.exec(text)) {
    for (let i = text.indexOf('\n', counted); i !== -1 && i < m.index; i = text.indexOf('\n', i + 1)) line++;
    counted = m.index;
    locations.set(m[2]!, { line, column: m[1]!.length + 3 }); // the item's mapping starts after "- "
  }
  const annotations: Annotation[] = [];
  for (const item of list) {
    const r = AnnotationSchema.safeParse(item);
    if (!r.success || !locations.has(r.data.id) || annotations.length >= locations.size) return undefined;
    annotations.push(r.data);
  }
  if (new Set(annotations.map((a) => a.id)).size !== annotations.length) return undefined;
  return { value: { schema: SCHEMA_ID, document: document.data, annotations, invalid: [] }, problems: [], locations };
}

/** The Document-API parser: exact line:column for every problem, invalid items kept verbatim (also used in tests). */
export function parseSidecarDocument(text: string, file: string): ParsedSidecar {
  const parsed = parseYaml(text, file, { keepSourceTokens: false });
  const lc = parsed.lines;
  const problems: Problem[] = [...parsed.problems];
  const locations = new Map<string, SourcePosition>();
  if (!parsed.doc) return { value: undefined, problems, locations };
  const doc = parsed.doc;
  const root = doc.contents;
  if (root === null || (isScalar(root) && (root.value === null || root.value === ''))) {
    problems.push({ file, line: 1, column: 1, message: l10n.t('empty sidecar file (expected schema, document and annotations)'), severity: 'error' });
    return { value: undefined, problems, locations };
  }
  if (!isMap(root)) {
    problems.push(problemAt(file, lc, root.range?.[0] ?? 0, l10n.t('a sidecar file must be a mapping with schema, document and annotations')));
    return { value: undefined, problems, locations };
  }
  const schemaNode = root.get('schema', true);
  const schema: unknown = isScalar(schemaNode) ? schemaNode.value : schemaNode === undefined ? undefined : '(not a string)';
  if (schema === undefined) {
    problems.push(problemAt(file, lc, root.range?.[0] ?? 0, l10n.t('missing "schema: {0}" (assumed)', SCHEMA_ID), 'warning'));
  } else if (schema !== SCHEMA_ID) {
    problems.push(problemAt(file, lc, schemaNode?.range?.[0] ?? 0, l10n.t('unsupported schema "{0}" (this version reads {1}); the file is left untouched', String(schema), SCHEMA_ID)));
    return { value: undefined, problems, locations };
  }
  for (const pair of root.items) {
    const key = isScalar(pair.key) ? pair.key.value : undefined;
    if (key !== 'schema' && key !== 'document' && key !== 'annotations') {
      problems.push(problemAt(file, lc, (pair.key as YamlNode | null)?.range?.[0] ?? 0, l10n.t('unknown top-level key "{0}"', String(key))));
    }
  }
  const docNode = root.get('document', true);
  let document: DocumentInfo;
  if (!isNode(docNode)) {
    problems.push(problemAt(file, lc, root.range?.[0] ?? 0, l10n.t('missing "document:" (with the path of the annotated text); the file is left untouched')));
    return { value: undefined, problems, locations };
  } else {
    const r = DocumentInfoSchema.safeParse(toJS(doc, docNode));
    if (!r.success) {
      problems.push(...zodProblems(file, lc, docNode, r.error, 'document.'));
      // Without a usable document block we cannot write the file back faithfully.
      if (!isMap(docNode) || typeof (toJS(doc, docNode) as { path?: unknown }).path !== 'string') return { value: undefined, problems, locations };
      const raw = toJS(doc, docNode) as Record<string, unknown>;
      document = { path: String(raw['path']) };
      if (typeof raw['sha256'] === 'string' && /^[0-9a-f]{64}$/.test(raw['sha256'])) document.sha256 = raw['sha256'];
      if (typeof raw['reference'] === 'string' && EDTF_DATE.test(raw['reference'])) document.reference = raw['reference'];
      else if (raw['reference'] !== undefined) {
        // Keep the analyst's value rather than drop it: refuse to write instead.
        return { value: undefined, problems, locations };
      }
    } else document = r.data;
  }
  const annotations: Annotation[] = [];
  const invalid: InvalidAnnotation[] = [];
  const listNode = root.get('annotations', true);
  if (listNode !== undefined && !(isScalar(listNode) && listNode.value === null) && !isSeq(listNode)) {
    problems.push(problemAt(file, lc, listNode.range?.[0] ?? 0, l10n.t('"annotations" must be a list; the file is left untouched')));
    return { value: undefined, problems, locations };
  }
  const seen = new Map<string, number>();
  if (isSeq(listNode)) {
    for (const item of listNode.items) {
      if (!isNode(item)) continue;
      const offset = item.range?.[0] ?? 0;
      const js = toJS(doc, item);
      const r = AnnotationSchema.safeParse(js);
      const rawId = isMap(item) ? (item.get('id') as unknown) : undefined;
      const id = typeof rawId === 'string' ? rawId : undefined;
      let itemProblems: Problem[] = [];
      if (!r.success) itemProblems = zodProblems(file, lc, item, r.error, (m) => (id ? l10n.t('annotation {0}: {1}', id, m) : l10n.t('annotation: {0}', m)));
      else if (seen.has(r.data.id)) {
        const { line } = lc.linePos(seen.get(r.data.id)!);
        itemProblems = [problemAt(file, lc, nodeAtPath(item, ['id']).range?.[0] ?? offset, l10n.t('duplicate id "{0}" (first used on line {1}); this copy is kept unchanged', r.data.id, line))];
      }
      if (r.success && !itemProblems.length) {
        seen.set(r.data.id, nodeAtPath(item, ['id']).range?.[0] ?? offset);
        const { line, col } = lc.linePos(offset);
        locations.set(r.data.id, { line, column: col });
        annotations.push(r.data);
      } else {
        problems.push(...itemProblems);
        const start = rawStart(js);
        invalid.push({ ...(id !== undefined ? { id } : {}), ...(start !== undefined ? { start } : {}), node: item, problems: itemProblems });
      }
    }
  }
  return { value: { schema: SCHEMA_ID, document, annotations, invalid }, problems, locations };
}

function rawStart(js: unknown): number | undefined {
  const sel = (js as { target?: { selector?: unknown } } | undefined)?.target?.selector;
  if (!Array.isArray(sel)) return undefined;
  for (const s of sel) {
    const start = (s as { type?: unknown; start?: unknown })?.type === 'TextPositionSelector' ? (s as { start?: unknown }).start : undefined;
    if (typeof start === 'number') return start;
  }
  return undefined;
}
