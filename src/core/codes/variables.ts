/**
 * Document variables (outlet, country, language, genre, date, and any other name) and document sets.
 *
 * Values come from the documents' metadata (the caller passes them: source → outlet, the record date → date, the
 * detected script → language) and are overridden by `.corpus-lens/variables.yaml`:
 * ```yaml
 * schema: corpus-lens/variables@1
 * documents:
 *   news/001.txt: {outlet: 环球时报, country: CN, genre: news, date: "2021-12-31"}
 * sets:                                   # named document sets, usable as set:chinese-press in a filter
 *   chinese-press: "language=zh-Hans,zh-Hant genre=news"
 * ```
 * A filter is a list of terms, all of which must hold: `key=v1,v2` (one of), `key!=v`, `key>=x` / `key<=x` /
 * `key>x` / `key<x` (compared as text on the length of x, so `date>=2020` and `date<2021-07` work on EDTF dates),
 * `key?` (has a value), `set:name`, and `-term` for its negation.
 */
import * as z from 'zod';
import type { Loaded, Problem } from '../types';
import { parseYaml, toJS } from '../yaml';
import { isMap, isScalar, type Node as YamlNode } from 'yaml';
import * as l10n from '@vscode/l10n';

export const VARIABLES_SCHEMA = 'corpus-lens/variables@1';
export const VARIABLES_PATH = '.corpus-lens/variables.yaml';
export const STANDARD_VARIABLES = ['outlet', 'country', 'language', 'genre', 'date'] as const;

export type Variables = Record<string, string>;

export interface VariablesFile {
  documents: Map<string, Variables>;
  sets: Map<string, string>;
}

const NAME = /^[A-Za-z_][A-Za-z0-9_-]*$/;
const FileSchema = z.strictObject({
  schema: z.literal(VARIABLES_SCHEMA),
  documents: z.record(z.string(), z.unknown()).nullable().optional(),
  sets: z.record(z.string(), z.unknown()).nullable().optional(),
});

function valueNode(root: YamlNode | null | undefined, ...keys: string[]): YamlNode | undefined {
  let cur: YamlNode | null | undefined = root;
  for (const k of keys) {
    if (!isMap(cur)) return cur ?? undefined;
    const pair = cur.items.find((p) => (isScalar(p.key) ? String(p.key.value) : undefined) === k);
    if (!pair) return cur;
    cur = (pair.value as YamlNode | null) ?? (pair.key as YamlNode);
  }
  return cur ?? undefined;
}

export function parseVariables(text: string, file: string): Loaded<VariablesFile> {
  const empty: VariablesFile = { documents: new Map(), sets: new Map() };
  const parsed = parseYaml(text, file);
  const problems: Problem[] = [...parsed.problems];
  if (!parsed.ok || !parsed.doc) return { value: empty, problems };
  const doc = parsed.doc;
  const at = (node: YamlNode | undefined, message: string, severity: Problem['severity'] = 'error'): Problem => {
    const pos = parsed.lines.linePos(node?.range?.[0] ?? 0);
    return { file, line: Math.max(1, pos.line), column: Math.max(1, pos.col), message, severity };
  };
  const root = doc.contents as YamlNode | null;
  const top = FileSchema.safeParse(toJS(doc));
  if (!top.success) {
    for (const issue of top.error.issues) problems.push(at(valueNode(root, ...issue.path.map(String)), l10n.t('{0}: {1}; nothing of this file was loaded', issue.path.map(String).join('.') || 'file', issue.message)));
    return { value: empty, problems };
  }
  const out: VariablesFile = { documents: new Map(), sets: new Map() };
  for (const [path, raw] of Object.entries(top.data.documents ?? {})) {
    if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
      problems.push(at(valueNode(root, 'documents', path), l10n.t('documents.{0}: must be a mapping of variable names to values', path)));
      continue;
    }
    const vars: Variables = {};
    for (const [k, v] of Object.entries(raw)) {
      if (!NAME.test(k)) problems.push(at(valueNode(root, 'documents', path, k), l10n.t('"{0}" is not a variable name (letters, digits, _ and -)', k)));
      else if (typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean') vars[k] = String(v);
      else if (v !== null) problems.push(at(valueNode(root, 'documents', path, k), l10n.t('documents.{0}.{1}: a variable is one value (text, number or yes/no)', path, k)));
    }
    out.documents.set(path.replace(/\\/g, '/'), vars);
  }
  for (const [name, raw] of Object.entries(top.data.sets ?? {})) {
    if (typeof raw !== 'string') {
      problems.push(at(valueNode(root, 'sets', name), l10n.t('sets.{0}: must be a filter text, e.g. "language=zh-Hans genre=news"', name)));
      continue;
    }
    try {
      parseFilter(raw);
      out.sets.set(name, raw);
    } catch (e) {
      problems.push(at(valueNode(root, 'sets', name), l10n.t('sets.{0}: the filter cannot be read: {1}', name, e instanceof Error ? e.message : String(e))));
    }
  }
  return { value: out, problems };
}

type Term =
  | { kind: 'in'; key: string; values: string[]; negate: boolean }
  | { kind: 'cmp'; key: string; op: '<' | '<=' | '>' | '>='; value: string; negate: boolean }
  | { kind: 'has'; key: string; negate: boolean }
  | { kind: 'set'; name: string; negate: boolean };

export class FilterError extends Error {}

export function parseFilter(src: string): Term[] {
  const terms: Term[] = [];
  for (let word of src.trim().split(/\s+/).filter(Boolean)) {
    let negate = false;
    if (word.startsWith('-')) {
      negate = true;
      word = word.slice(1);
    }
    let m: RegExpMatchArray | null;
    if ((m = /^set:(.+)$/.exec(word))) terms.push({ kind: 'set', name: m[1]!, negate });
    else if ((m = /^([A-Za-z_][A-Za-z0-9_-]*)(<=|>=|<|>)(.+)$/.exec(word))) terms.push({ kind: 'cmp', key: m[1]!, op: m[2] as '<', value: m[3]!, negate });
    else if ((m = /^([A-Za-z_][A-Za-z0-9_-]*)!=(.*)$/.exec(word))) terms.push({ kind: 'in', key: m[1]!, values: m[2]!.split(','), negate: !negate });
    else if ((m = /^([A-Za-z_][A-Za-z0-9_-]*)=(.*)$/.exec(word))) terms.push({ kind: 'in', key: m[1]!, values: m[2]!.split(','), negate });
    else if ((m = /^([A-Za-z_][A-Za-z0-9_-]*)\?$/.exec(word))) terms.push({ kind: 'has', key: m[1]!, negate });
    else throw new FilterError(l10n.t('"{0}" is not a filter term (key=value, key!=value, key>=value, key?, set:name)', word));
  }
  return terms;
}

/**
 * A predicate over document paths from a filter text; `variablesOf` gives a document's merged variables.
 * Throws FilterError for a bad term or an unknown (or recursive) set.
 */
export function documentFilter(src: string, variablesOf: (doc: string) => Variables, sets: ReadonlyMap<string, string> = new Map(), depth = 0): (doc: string) => boolean {
  if (depth > 16) throw new FilterError(l10n.t('document sets refer to each other in a cycle'));
  const terms = parseFilter(src);
  const preds = terms.map((t): ((doc: string) => boolean) => {
    let p: (doc: string) => boolean;
    if (t.kind === 'set') {
      const def = sets.get(t.name);
      if (def === undefined) throw new FilterError(sets.size ? l10n.t('no document set "{0}" (known: {1})', t.name, [...sets.keys()].join(', ')) : l10n.t('no document set "{0}"', t.name));
      p = documentFilter(def, variablesOf, sets, depth + 1);
    } else if (t.kind === 'has') p = (d) => (variablesOf(d)[t.key] ?? '') !== '';
    else if (t.kind === 'in') {
      const wanted = new Set(t.values.map((v) => v.toLowerCase()));
      p = (d) => wanted.has((variablesOf(d)[t.key] ?? '').toLowerCase());
    } else {
      p = (d) => {
        const v = variablesOf(d)[t.key];
        if (v === undefined || v === '') return false;
        const a = v.slice(0, t.value.length);
        return t.op === '<' ? a < t.value : t.op === '<=' ? a <= t.value : t.op === '>' ? a > t.value : a >= t.value;
      };
    }
    return t.negate ? (d) => !p(d) : p;
  });
  return (doc) => preds.every((p) => p(doc));
}

/** Merged variables: metadata first, the file's values win; the file is keyed by workspace-relative path. */
export function mergeVariables(fromMetadata: Variables, fromFile: Variables | undefined): Variables {
  return { ...fromMetadata, ...(fromFile ?? {}) };
}
