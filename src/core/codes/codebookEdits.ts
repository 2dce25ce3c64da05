/**
 * Edits of `.corpus-lens/codebook.yaml` through the YAML Document API: comments, key order, quoting and codes that
 * did not validate are kept; only the edited code's item changes. Annotations and segments store code ids, so no
 * edit here rewrites a sidecar: rename changes labels, move changes `parent`, merge turns the merged code into
 * `{id, mergedInto}` (its segments then count and retrieve as the target).
 */
import { isMap, isScalar, isSeq, YAMLMap, YAMLSeq, type Document, type Node as YamlNode } from 'yaml';
import { CODE_ID, COLOR, LABEL_LANGUAGES, ancestors, codeNames, newCodebookText, parseCodebook, type Code, type Codebook, type Labels } from './codebook';
import * as l10n from '@vscode/l10n';

export class CodebookEditError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'CodebookEditError';
  }
}

export type CodebookEdit =
  | { kind: 'create'; code: Code }
  | { kind: 'rename'; id: string; labels: Labels }
  | { kind: 'color'; id: string; color: string | undefined }
  | { kind: 'define'; id: string; definition: string | undefined }
  | { kind: 'synonyms'; id: string; synonyms: string[] }
  | { kind: 'move'; id: string; parent: string | undefined }
  | { kind: 'merge'; from: string; into: string };

const YAML_OUT = { lineWidth: 0, flowCollectionPadding: false } as const;

function codeItem(doc: Document, id: string): YAMLMap | undefined {
  const seq = doc.get('codes', true);
  if (!isSeq(seq)) return undefined;
  return (seq.items as YamlNode[]).find((n): n is YAMLMap => isMap(n) && String(n.get('id') as unknown) === id);
}

function requireCode(book: Codebook, id: string): Code {
  const code = book.byId.get(id);
  if (!code) throw new CodebookEditError(book.merged.has(id) ? l10n.t('code "{0}" was merged into "{1}"', id, book.merged.get(id) ?? '') : l10n.t('no code "{0}" in the codebook', id));
  return code;
}

function flow(values: string[]): YAMLSeq {
  const seq = new YAMLSeq();
  seq.flow = true;
  for (const v of values) seq.items.push(v);
  return seq;
}

function labelsNode(labels: Labels): YAMLMap {
  const map = new YAMLMap();
  map.flow = true;
  for (const l of LABEL_LANGUAGES) if (labels[l] !== undefined && labels[l]!.trim() !== '') map.set(l, labels[l]);
  return map;
}

/** A new code id from a label: lower-case ASCII words, else `code-N`; never one in use. */
export function newCodeId(book: Codebook, label: string): string {
  const slug = label
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 48);
  const base = slug && CODE_ID.test(slug) ? slug : 'code';
  const taken = (id: string): boolean => book.byId.has(id) || book.merged.has(id);
  if (base !== 'code' && !taken(base)) return base;
  for (let n = 1; ; n++) if (!taken(`${base}-${n}`)) return `${base}-${n}`;
}

/**
 * Apply edits to the codebook text (undefined or empty: a new codebook). Returns the new text; throws a
 * CodebookEditError (nothing changed) when an edit is not possible or the file does not parse.
 */
export function editCodebook(text: string | undefined, file: string, edits: readonly CodebookEdit[]): string {
  const source = text === undefined || text.trim() === '' ? newCodebookText() : text;
  const parsed = parseCodebook(source, file);
  const doc = parsed.doc;
  if (!doc) {
    const first = parsed.problems.find((p) => p.severity === 'error');
    throw new CodebookEditError(first ? l10n.t('{0} cannot be edited until it is fixed (line {1}: {2})', file, first.line, first.message) : l10n.t('{0} cannot be edited until it is fixed', file));
  }
  let book = parsed.value;
  if (!isSeq(doc.get('codes', true))) doc.set('codes', new YAMLSeq());
  for (const edit of edits) {
    applyEdit(doc, book, edit);
    book = parseCodebook(doc.toString(YAML_OUT), file).value;
  }
  return doc.toString(YAML_OUT);
}

function applyEdit(doc: Document, book: Codebook, edit: CodebookEdit): void {
  switch (edit.kind) {
    case 'create': {
      const c = edit.code;
      if (!CODE_ID.test(c.id)) throw new CodebookEditError(l10n.t('"{0}" is not a valid code id ([A-Za-z0-9][A-Za-z0-9_.:-]*)', c.id));
      if (book.byId.has(c.id) || book.merged.has(c.id) || codeItem(doc, c.id)) throw new CodebookEditError(l10n.t('a code "{0}" already exists', c.id));
      if (!LABEL_LANGUAGES.some((l) => c.labels[l]?.trim())) throw new CodebookEditError(l10n.t('a code needs a label'));
      if (c.parent !== undefined) requireCode(book, c.parent);
      if (c.color !== undefined && !COLOR.test(c.color)) throw new CodebookEditError(l10n.t('"{0}" is not a colour (#rgb or #rrggbb)', c.color));
      const map = new YAMLMap();
      map.set('id', c.id);
      map.set('labels', labelsNode(c.labels));
      if (c.definition) map.set('definition', c.definition);
      if (c.color) map.set('color', c.color);
      if (c.synonyms?.length) map.set('synonyms', flow(c.synonyms));
      if (c.parent !== undefined) map.set('parent', c.parent);
      if (c.guid !== undefined) map.set('guid', c.guid);
      (doc.get('codes', true) as YAMLSeq).items.push(map);
      return;
    }
    case 'rename': {
      requireCode(book, edit.id);
      if (!LABEL_LANGUAGES.some((l) => edit.labels[l]?.trim())) throw new CodebookEditError(l10n.t('a code needs a label'));
      codeItem(doc, edit.id)!.set('labels', labelsNode(edit.labels));
      return;
    }
    case 'color': {
      requireCode(book, edit.id);
      const item = codeItem(doc, edit.id)!;
      if (edit.color === undefined) item.delete('color');
      else if (!COLOR.test(edit.color)) throw new CodebookEditError(l10n.t('"{0}" is not a colour (#rgb or #rrggbb)', edit.color));
      else item.set('color', edit.color);
      return;
    }
    case 'define': {
      requireCode(book, edit.id);
      const item = codeItem(doc, edit.id)!;
      if (edit.definition === undefined || edit.definition.trim() === '') item.delete('definition');
      else item.set('definition', edit.definition);
      return;
    }
    case 'synonyms': {
      requireCode(book, edit.id);
      const item = codeItem(doc, edit.id)!;
      const unique = [...new Set(edit.synonyms.map((s) => s.trim()).filter(Boolean))];
      if (unique.length) item.set('synonyms', flow(unique));
      else item.delete('synonyms');
      return;
    }
    case 'move': {
      requireCode(book, edit.id);
      const item = codeItem(doc, edit.id)!;
      if (edit.parent === undefined) {
        item.delete('parent');
        return;
      }
      requireCode(book, edit.parent);
      if (edit.parent === edit.id || ancestors(book, edit.parent).some((a) => a.id === edit.id)) {
        throw new CodebookEditError(l10n.t('cannot move "{0}" under "{1}": "{1}" is inside it', edit.id, edit.parent));
      }
      item.set('parent', edit.parent);
      return;
    }
    case 'merge': {
      const from = requireCode(book, edit.from);
      const into = requireCode(book, edit.into);
      if (from.id === into.id) throw new CodebookEditError(l10n.t('cannot merge a code into itself'));
      if (ancestors(book, into.id).some((a) => a.id === from.id)) throw new CodebookEditError(l10n.t('cannot merge "{0}" into "{1}", which is inside it (move it out first)', from.id, into.id));
      // The target takes the merged code's names as synonyms; the merged code's children move to the target.
      const names = codeNames(into);
      const extra = codeNames(from).filter((n) => !names.includes(n));
      if (extra.length) codeItem(doc, into.id)!.set('synonyms', flow([...(into.synonyms ?? []), ...extra.filter((n) => !(into.synonyms ?? []).includes(n))]));
      for (const kid of book.children.get(from.id) ?? []) codeItem(doc, kid.id)!.set('parent', into.id);
      const item = codeItem(doc, from.id)!;
      for (const pair of [...item.items]) {
        const key = isScalar(pair.key) ? pair.key.value : pair.key;
        if (key !== 'id') item.delete(key);
      }
      item.flow = false;
      item.set('mergedInto', into.id);
      return;
    }
  }
}
