/**
 * REFI-QDA codebook exchange (`.qdc`, namespace urn:QDA-XML:codebook:1.0) and the `<CodeBook>` of a project.
 * A code's name is its label in the preferred language (default en, else zh-Hans, zh-Hant); the other labels, the
 * definition and the synonyms go into `<Description>` (the definition first, then one `label@lang: …` / `synonyms: …`
 * line each), which the import reads back, so a round trip through Corpus Lens keeps every field. The GUID is the
 * code's `guid` when it has one (it came from another tool), else derived from the id (stable across exports).
 */
import { buildCodebook, codeLabel, LABEL_LANGUAGES, type Code, type Codebook, type LabelLanguage } from '../codes/codebook';
import { newCodeId } from '../codes/codebookEdits';
import { toSimplified } from '../text/fold';
import { attr, buildXml, child, children, isGuid, normalizeGuid, parseXml, stableGuid, text, type XmlNode } from './xml';

export const QDC_NAMESPACE = 'urn:QDA-XML:codebook:1.0';

export function codeGuid(code: Code): string {
  return code.guid ? normalizeGuid(code.guid) : stableGuid(`corpus-lens:code:${code.id}`);
}

/** The language a bare name is read as: Chinese (traditional when it differs from its simplified form), else en. */
export function guessLanguage(name: string): LabelLanguage {
  return /\p{Script=Han}/u.test(name) ? (toSimplified(name) !== name ? 'zh-Hant' : 'zh-Hans') : 'en';
}

function description(code: Code, nameLang: LabelLanguage | undefined): string | undefined {
  const lines: string[] = [];
  if (code.definition) lines.push(code.definition);
  const name = nameLang === undefined ? undefined : code.labels[nameLang];
  for (const l of LABEL_LANGUAGES) {
    if (code.labels[l] === undefined || (l === nameLang && guessLanguage(name!) === l)) continue;
    lines.push(`label@${l}: ${code.labels[l]}`);
  }
  if (code.synonyms?.length) lines.push(`synonyms: ${code.synonyms.join(' | ')}`);
  return lines.length ? lines.join('\n') : undefined;
}

function nameLanguage(code: Code, prefer: LabelLanguage): LabelLanguage | undefined {
  for (const l of [prefer, ...LABEL_LANGUAGES]) if (code.labels[l] !== undefined) return l;
  return undefined;
}

/** The `<Code>` elements of the codebook, nested by parent. `noteRefs` adds NoteRef children (project export only). */
export function codeElements(book: Codebook, prefer: LabelLanguage = 'en', noteRefs?: (code: Code) => string[]): XmlNode[] {
  const build = (code: Code, seen: Set<string>): XmlNode => {
    const lang = nameLanguage(code, prefer);
    const el: XmlNode = { '@_guid': codeGuid(code), '@_name': codeLabel(code, prefer), '@_isCodable': 'true' };
    if (code.color) el['@_color'] = code.color;
    const desc = description(code, lang);
    if (desc !== undefined) el['Description'] = desc;
    const refs = noteRefs?.(code) ?? [];
    if (refs.length) el['NoteRef'] = refs.map((g) => ({ '@_targetGUID': g }));
    const kids = (book.children.get(code.id) ?? []).filter((c) => !seen.has(c.id));
    if (kids.length) el['Code'] = kids.map((k) => build(k, new Set([...seen, k.id])));
    return el;
  };
  return (book.children.get(undefined) ?? []).map((c) => build(c, new Set([c.id])));
}

export function exportQdc(book: Codebook, options: { prefer?: LabelLanguage; origin?: string } = {}): string {
  const codes = codeElements(book, options.prefer);
  return buildXml({
    CodeBook: {
      '@_xmlns': QDC_NAMESPACE,
      '@_origin': options.origin ?? 'Corpus Lens',
      Codes: { Code: codes },
    },
  });
}

export interface ImportedCode extends Code {
  /** NoteRef targets of the code (project import). */
  noteRefs: string[];
}

/**
 * Codes of `<Codes>`: ids kept for codes whose GUID matches a code of `existing` (a round trip), else made from
 * the name; the description is split back into definition, labels and synonyms.
 */
export function readCodeElements(codesEl: XmlNode | undefined, existing: Codebook | undefined): ImportedCode[] {
  const byGuid = new Map<string, Code>();
  for (const c of existing?.codes ?? []) byGuid.set(codeGuid(c), c);
  const out: ImportedCode[] = [];
  const used = buildCodebook([...(existing?.codes ?? [])], new Map(existing?.merged ?? []));
  const walk = (el: XmlNode, parent: string | undefined): void => {
    const rawGuid = attr(el, 'guid') ?? '';
    const guid = isGuid(rawGuid) ? normalizeGuid(rawGuid) : stableGuid(`import:${attr(el, 'name') ?? ''}:${out.length}`);
    const name = (attr(el, 'name') ?? '').trim() || `code ${out.length + 1}`;
    const known = byGuid.get(guid);
    let id = known?.id;
    if (id === undefined || out.some((c) => c.id === id)) {
      id = newCodeId(used, name);
    }
    used.byId.set(id, { id, labels: { en: name } });
    const labels: Code['labels'] = {};
    let definition: string[] = [];
    let synonyms: string[] | undefined;
    for (const line of (text(child(el, 'Description')) ?? '').split('\n')) {
      const m = /^label@(en|zh-Hans|zh-Hant): (.*)$/.exec(line);
      const s = /^synonyms: (.*)$/.exec(line);
      if (m) labels[m[1] as LabelLanguage] = m[2]!;
      else if (s) synonyms = s[1]!.split(' | ').filter(Boolean);
      else definition.push(line);
    }
    while (definition.length && definition[definition.length - 1] === '') definition = definition.slice(0, -1);
    // The name is a label of its own language unless the description already gives it as a label.
    if (!Object.values(labels).includes(name)) {
      const lang = guessLanguage(name);
      if (labels[lang] === undefined) labels[lang] = name;
      else synonyms = [...(synonyms ?? []), name];
    }
    const code: ImportedCode = { id, labels, guid, noteRefs: children(el, 'NoteRef').map((r) => normalizeGuid(attr(r, 'targetGUID') ?? '')).filter(Boolean) };
    const color = attr(el, 'color');
    if (color && /^#([0-9A-Fa-f]{6}|[0-9A-Fa-f]{3})$/.test(color)) code.color = color;
    if (definition.length && definition.join('\n').trim()) code.definition = definition.join('\n');
    if (synonyms?.length) code.synonyms = synonyms;
    if (parent !== undefined) code.parent = parent;
    out.push(code);
    for (const kid of children(el, 'Code')) walk(kid, id);
  };
  for (const el of children(codesEl, 'Code')) walk(el, undefined);
  return out;
}

/** Read a `.qdc` file. Throws XmlError (line, column) when it is not well-formed, Error when it is not a codebook. */
export function importQdc(xml: string, existing?: Codebook): ImportedCode[] {
  const doc = parseXml(xml);
  const root = doc['CodeBook'] as XmlNode | undefined;
  if (!root) throw new Error('not a REFI-QDA codebook: the root element must be <CodeBook>');
  return readCodeElements(child(root, 'Codes'), existing);
}
