/** Edits of the workspace knowledge file that keep the analyst's comments and order (yaml Document API). */
import { isMap, isSeq, YAMLSeq, type Document } from 'yaml';
import { parseYaml } from './yaml';
import type { EntityType } from './types';
import * as l10n from '@vscode/l10n';

export interface NewEntity {
  id: string;
  type: EntityType;
  names: { en?: string; 'zh-Hans'?: string; 'zh-Hant'?: string };
  aliases?: string[];
  description?: string;
  wikidata?: string;
}

const HEADER = `# Corpus Lens workspace knowledge: entries here add to or override the bundled knowledge base by id.
# Schema: see README.md, "Knowledge base". Errors are shown in the Problems panel and never stop the rest.
schema: corpus-lens/knowledge@1
entities: []
`;

/** A slug for ids: ASCII letters/digits of the English name, else the text itself. */
export function slugFor(name: string): string {
  const ascii = name
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');
  return ascii || name.trim().replace(/[\s/]+/g, '-');
}

/**
 * The knowledge file text (or `header` for a new file) as a YAML document and its list under `key` (created when
 * absent), or an error to show when the file does not parse or is not of that shape: then nothing may be written.
 */
export function knowledgeListForEdit(text: string | undefined, header: string, key: 'entities' | 'rules', shape: string): { doc: Document; list: YAMLSeq } | { error: string } {
  const parsed = parseYaml(text ?? header, 'knowledge.yaml');
  const doc = parsed.doc;
  if (!doc) {
    const p = parsed.problems.find((q) => q.severity === 'error');
    return { error: l10n.t('The knowledge file does not parse (line {0}, column {1}: {2}); fix it first, nothing was written.', p?.line ?? 1, p?.column ?? 1, p?.message ?? l10n.t('unknown error')) };
  }
  if (!isMap(doc.contents)) return { error: l10n.t('The knowledge file must be a mapping {0}; nothing was written.', shape) };
  let list = doc.get(key);
  if (list === undefined || list === null) {
    list = new YAMLSeq();
    doc.set(key, list);
  }
  if (!isSeq(list)) return { error: l10n.t('`{0}` in the knowledge file is not a list; nothing was written.', key) };
  return { doc, list };
}

/**
 * Append an entity to the knowledge file text (or a new file when `text` is undefined). Returns the new text, or
 * an error when the existing file does not parse (it is then left untouched) or the id is already used.
 */
export function addEntityToKnowledgeText(text: string | undefined, entity: NewEntity): { text: string } | { error: string } {
  const opened = knowledgeListForEdit(text, HEADER, 'entities', l10n.t('with an `entities` list'));
  if ('error' in opened) return opened;
  const { doc, list: entities } = opened;
  for (const item of entities.items) {
    if (isMap(item) && item.get('id') === entity.id) return { error: l10n.t('The id {0} is already in the knowledge file.', entity.id) };
  }
  const entry: Record<string, unknown> = { id: entity.id, type: entity.type, names: Object.fromEntries(Object.entries(entity.names).filter(([, v]) => v)) };
  if (entity.aliases?.length) entry.aliases = entity.aliases;
  if (entity.wikidata) entry.wikidata = entity.wikidata;
  if (entity.description) entry.description = entity.description;
  const node = doc.createNode(entry);
  entities.flow = false;
  entities.items.push(node);
  return { text: doc.toString({ lineWidth: 0, flowCollectionPadding: false }) };
}

/**
 * Adds a name to an existing entity in the knowledge file text (or a new file when `text` is undefined): to the
 * aliases of the file's own entry for that id, or of its `extend:` entry, else in a new `{extend: id, aliases: [name]}`
 * entry (which extends a bundled entity). A name the entry already has is not added twice. Errors as
 * `addEntityToKnowledgeText`.
 */
export function addAliasToKnowledgeText(text: string | undefined, id: string, alias: string): { text: string; added: boolean } | { error: string } {
  const opened = knowledgeListForEdit(text, HEADER, 'entities', l10n.t('with an `entities` list'));
  if ('error' in opened) return opened;
  const { doc, list: entities } = opened;
  const render = () => doc.toString({ lineWidth: 0, flowCollectionPadding: false });
  // The last entry for the id wins when the knowledge base is loaded: extend that one.
  const entry = [...entities.items].reverse().find((item) => isMap(item) && (item.get('id') === id || item.get('extend') === id));
  if (isMap(entry) && entry.get('remove') !== true) {
    const aliases = entry.get('aliases');
    if (aliases === undefined || aliases === null) {
      entry.set('aliases', doc.createNode([alias]));
      return { text: render(), added: true };
    }
    if (!isSeq(aliases)) return { error: l10n.t('`aliases` of {0} in the knowledge file is not a list; nothing was written.', id) };
    if (aliases.items.some((a) => String(a && typeof a === 'object' && 'value' in a ? a.value : a) === alias)) return { text: text ?? render(), added: false };
    aliases.items.push(doc.createNode(alias));
    return { text: render(), added: true };
  }
  entities.flow = false;
  entities.items.push(doc.createNode({ extend: id, aliases: [alias] }));
  return { text: render(), added: true };
}
