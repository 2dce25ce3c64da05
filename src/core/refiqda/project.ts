/**
 * REFI-QDA project exchange (`.qdpx`: a zip with `project.qde`, namespace urn:QDA-XML:project:1.0, and the sources
 * under `sources/`), for MAXQDA, NVivo, ATLAS.ti and QualCoder.
 *
 * Export: users (the annotation authors), the codebook, every document as a `<TextSource>` whose text is
 * `sources/<guid>.txt` (UTF-8, byte-exact; `plainTextPath="internal://<guid>.txt"`), each coded segment and each
 * claim as a `<PlainTextSelection>` (code-point positions, as the sidecars store them) with one `<Coding>` per code;
 * a segment's memo and a claim's frame (claim, stance, target, holder, note) as a `<Note>` linked by `<NoteRef>`;
 * memos (project, document, code, entity, topic) as `<Note>`s linked from the project, the source or the code;
 * document variables as `<Variables>` with `<VariableValue>`s on the sources.
 *
 * Import reads the same back (codes by GUID, so codes exported from here keep their ids), from this tool or another.
 */
import type * as Fflate from 'fflate';
import { lazy } from '../lazy';
import type { Code, Codebook, LabelLanguage } from '../codes/codebook';
import { codeElements, codeGuid, readCodeElements, type ImportedCode } from './codebook';
import { attr, buildXml, child, children, isGuid, normalizeGuid, parseXml, stableGuid, text, XmlError, type XmlNode } from './xml';
import * as l10n from '@vscode/l10n';

// fflate builds its Huffman tables when its module runs; only the REFI-QDA project export and import use it.
// eslint-disable-next-line @typescript-eslint/no-require-imports -- loaded on the first project read or written (core/lazy.ts)
const fflate = lazy(() => require('fflate') as typeof Fflate);

export const QDE_NAMESPACE = 'urn:QDA-XML:project:1.0';

export type MemoSubject = { kind: 'project' } | { kind: 'document'; path: string } | { kind: 'code'; id: string } | { kind: 'entity'; id: string } | { kind: 'topic'; id: string };

export interface ProjectMemo {
  /** Stable name (the memo file's name without .md). */
  name: string;
  subject: MemoSubject;
  text: string;
  author?: string;
  created?: string;
  modified?: string;
}

export interface ProjectSelection {
  id: string;
  /** Code points (as in the sidecars), end exclusive. */
  start: number;
  end: number;
  codes: string[];
  /** The segment's memo, or for a claim its frame and note (one note). */
  note?: string;
  /** A claim's one-line summary (exported as the selection's name). */
  claim?: string;
  author?: string;
  created?: string;
  kind: 'segment' | 'claim';
}

export interface ProjectSource {
  /** Workspace-relative path ('/' separators). */
  path: string;
  text: string;
  selections: ProjectSelection[];
  variables?: Record<string, string>;
}

export interface ProjectData {
  name: string;
  codebook: Codebook;
  sources: ProjectSource[];
  memos: ProjectMemo[];
  /** When the export was made (ISO 8601). */
  created: string;
  prefer?: LabelLanguage;
}

function userGuid(name: string): string {
  return stableGuid(`corpus-lens:user:${name}`);
}

function memoGuid(m: ProjectMemo): string {
  return stableGuid(`corpus-lens:memo:${m.name}`);
}

function dateTime(s: string | undefined): string | undefined {
  if (!s) return undefined;
  const d = new Date(s);
  return Number.isNaN(d.getTime()) ? undefined : d.toISOString().replace(/\.\d{3}Z$/, 'Z');
}

function noteElement(guid: string, name: string, body: string, author: string | undefined, created: string | undefined): XmlNode {
  const el: XmlNode = { '@_guid': guid, '@_name': name };
  if (author) el['@_creatingUser'] = userGuid(author);
  const when = dateTime(created);
  if (when) el['@_creationDateTime'] = when;
  el['PlainTextContent'] = body;
  return el;
}

function subjectLabel(s: MemoSubject): string {
  switch (s.kind) {
    case 'project':
      return 'project';
    case 'document':
      return `document:${s.path}`;
    case 'code':
      return `code:${s.id}`;
    case 'entity':
      return `entity:${s.id}`;
    case 'topic':
      return `topic:${s.id}`;
  }
}

export interface QdpxFiles {
  /** project.qde */
  qde: string;
  /** sources/<guid>.txt → text */
  sources: Map<string, string>;
}

/** The project.qde text and the source files (for validation and for the zip). */
export function buildProject(data: ProjectData): QdpxFiles {
  const users = new Set<string>();
  for (const s of data.sources) for (const sel of s.selections) if (sel.author) users.add(sel.author);
  for (const m of data.memos) if (m.author) users.add(m.author);
  const notes: XmlNode[] = [];
  const codeNotes = new Map<string, string[]>();
  const docNotes = new Map<string, string[]>();
  const projectNotes: string[] = [];
  for (const m of data.memos) {
    const guid = memoGuid(m);
    notes.push(noteElement(guid, `memo ${subjectLabel(m.subject)}: ${m.name}`, m.text, m.author, m.created));
    if (m.subject.kind === 'project' || m.subject.kind === 'entity' || m.subject.kind === 'topic') projectNotes.push(guid);
    else if (m.subject.kind === 'code') codeNotes.set(m.subject.id, [...(codeNotes.get(m.subject.id) ?? []), guid]);
    else docNotes.set(m.subject.path, [...(docNotes.get(m.subject.path) ?? []), guid]);
  }
  const variableNames = [...new Set(data.sources.flatMap((s) => Object.keys(s.variables ?? {})))].sort();
  const variableGuid = (name: string): string => stableGuid(`corpus-lens:variable:${name}`);
  const files = new Map<string, string>();
  const sources: XmlNode[] = data.sources.map((src) => {
    const guid = stableGuid(`corpus-lens:source:${src.path}`);
    files.set(`${guid}.txt`, src.text);
    const el: XmlNode = { '@_guid': guid, '@_name': src.path, '@_plainTextPath': `internal://${guid}.txt` };
    const selections: XmlNode[] = [];
    for (const sel of [...src.selections].sort((a, b) => a.start - b.start || a.end - b.end || (a.id < b.id ? -1 : 1))) {
      const sguid = stableGuid(`corpus-lens:selection:${src.path}:${sel.id}`);
      const s: XmlNode = { '@_guid': sguid, '@_name': sel.claim ?? sel.id, '@_startPosition': String(sel.start), '@_endPosition': String(sel.end) };
      if (sel.author) s['@_creatingUser'] = userGuid(sel.author);
      const when = dateTime(sel.created);
      if (when) s['@_creationDateTime'] = when;
      s['Description'] = `corpus-lens:${sel.kind}:${sel.id}`;
      const codings = sel.codes.map((c) => {
        const code = data.codebook.byId.get(data.codebook.merged.get(c) ?? c);
        const coding: XmlNode = { '@_guid': stableGuid(`corpus-lens:coding:${src.path}:${sel.id}:${c}`) };
        if (sel.author) coding['@_creatingUser'] = userGuid(sel.author);
        if (when) coding['@_creationDateTime'] = when;
        coding['CodeRef'] = { '@_targetGUID': code ? codeGuid(code) : stableGuid(`corpus-lens:code:${c}`) };
        return coding;
      });
      if (codings.length) s['Coding'] = codings;
      if (sel.note) {
        const nguid = stableGuid(`corpus-lens:note:${src.path}:${sel.id}`);
        notes.push(noteElement(nguid, `${sel.kind === 'claim' ? 'claim' : 'memo'} ${sel.id}`, sel.note, sel.author, sel.created));
        s['NoteRef'] = [{ '@_targetGUID': nguid }];
      }
      selections.push(s);
    }
    if (selections.length) el['PlainTextSelection'] = selections;
    const refs = docNotes.get(src.path) ?? [];
    if (refs.length) el['NoteRef'] = refs.map((g) => ({ '@_targetGUID': g }));
    const values = variableNames.filter((n) => src.variables?.[n] !== undefined && src.variables[n] !== '');
    if (values.length) el['VariableValue'] = values.map((n) => ({ VariableRef: { '@_targetGUID': variableGuid(n) }, TextValue: src.variables![n] }));
    return el;
  });
  // Codes that segments use but the codebook lacks are exported too (so no coding points nowhere).
  const missing = new Set<string>();
  for (const s of data.sources) for (const sel of s.selections) for (const c of sel.codes) if (!data.codebook.byId.has(data.codebook.merged.get(c) ?? c)) missing.add(c);
  const codes = codeElements(data.codebook, data.prefer, (c: Code) => codeNotes.get(c.id) ?? []);
  for (const id of [...missing].sort()) codes.push({ '@_guid': stableGuid(`corpus-lens:code:${id}`), '@_name': id, '@_isCodable': 'true', Description: 'not in the codebook' });
  const project: XmlNode = {
    '@_xmlns': QDE_NAMESPACE,
    '@_name': data.name,
    '@_origin': 'Corpus Lens',
    '@_creationDateTime': dateTime(data.created) ?? new Date(0).toISOString(),
  };
  if (users.size) project['Users'] = { User: [...users].sort().map((u) => ({ '@_guid': userGuid(u), '@_name': u })) };
  if (codes.length) project['CodeBook'] = { Codes: { Code: codes } };
  if (variableNames.length) project['Variables'] = { Variable: variableNames.map((n) => ({ '@_guid': variableGuid(n), '@_name': n, '@_typeOfVariable': 'Text' })) };
  if (sources.length) project['Sources'] = { TextSource: sources };
  if (notes.length) project['Notes'] = { Note: notes };
  if (projectNotes.length) project['NoteRef'] = projectNotes.map((g) => ({ '@_targetGUID': g }));
  return { qde: buildXml({ Project: project }), sources: files };
}

/** The .qdpx zip (project.qde + sources/). Deterministic: fixed file times. */
export function exportQdpx(data: ProjectData): Uint8Array {
  const built = buildProject(data);
  const entries: Record<string, [Uint8Array, { mtime: Date }]> = {};
  const mtime = new Date('2000-01-01T00:00:00Z');
  entries['project.qde'] = [fflate().strToU8(built.qde), { mtime }];
  for (const [name, t] of built.sources) entries[`sources/${name}`] = [fflate().strToU8(t), { mtime }];
  return fflate().zipSync(entries, { level: 6 });
}

// ---------------------------------------------------------------------------------------------------- import

export interface ImportedSelection {
  start: number;
  end: number;
  codes: string[];
  note?: string;
  name?: string;
  author?: string;
  created?: string;
  /** When exported by Corpus Lens: the original kind and id. */
  origin?: { kind: 'segment' | 'claim'; id: string };
}

export interface ImportedSource {
  name: string;
  /** undefined when the text could not be found in the archive (reported in problems). */
  text: string | undefined;
  selections: ImportedSelection[];
  variables: Record<string, string>;
  notes: string[];
}

export interface ImportedMemo {
  name: string;
  text: string;
  subject: MemoSubject;
  author?: string;
  created?: string;
}

export interface ImportedProject {
  name: string;
  codes: ImportedCode[];
  sources: ImportedSource[];
  memos: ImportedMemo[];
  users: string[];
  /** What could not be read (the rest was). */
  problems: string[];
}

/** Read a .qdpx (zip) archive. Throws an Error with a clear message when it is not one. */
export function importQdpx(bytes: Uint8Array, existing?: Codebook): ImportedProject {
  let files: Record<string, Uint8Array>;
  try {
    files = fflate().unzipSync(bytes);
  } catch (e) {
    throw new Error(`not a .qdpx archive (zip): ${e instanceof Error ? e.message : String(e)}`);
  }
  const qdeName = Object.keys(files).find((n) => n === 'project.qde') ?? Object.keys(files).find((n) => n.toLowerCase().endsWith('.qde'));
  if (!qdeName) throw new Error('the archive has no project.qde');
  const source = (path: string): string | undefined => {
    const m = /^internal:\/\/(.+)$/.exec(path);
    const name = m ? m[1]! : path.replace(/^relative:\/\//, '');
    const hit = files[`sources/${name}`] ?? files[`Sources/${name}`] ?? files[name];
    return hit ? fflate().strFromU8(hit) : undefined;
  };
  return importQde(fflate().strFromU8(files[qdeName]!), existing, source, qdeName);
}

/** Read project.qde (with a resolver for `plainTextPath`). Throws XmlError for XML that is not well-formed. */
export function importQde(xml: string, existing: Codebook | undefined, sourceText: (path: string) => string | undefined, file = 'project.qde'): ImportedProject {
  let doc: Record<string, unknown>;
  try {
    doc = parseXml(xml);
  } catch (e) {
    if (e instanceof XmlError) throw new Error(`${file}:${e.line}:${e.column}: not well-formed XML: ${e.message}`);
    throw e;
  }
  const root = doc['Project'] as XmlNode | undefined;
  if (!root || typeof root !== 'object') throw new Error(`${file}: not a REFI-QDA project (the root element must be <Project>)`);
  const problems: string[] = [];
  const users = new Map<string, string>();
  for (const u of children(child(root, 'Users'), 'User')) {
    const g = normalizeGuid(attr(u, 'guid') ?? '');
    users.set(g, attr(u, 'name') ?? attr(u, 'id') ?? g);
  }
  const userName = (g: string | undefined): string | undefined => (g === undefined ? undefined : users.get(normalizeGuid(g)));
  const codes = readCodeElements(child(child(root, 'CodeBook'), 'Codes'), existing);
  const codeByGuid = new Map(codes.map((c) => [c.guid!, c.id]));
  const notes = new Map<string, XmlNode>();
  for (const n of children(child(root, 'Notes'), 'Note')) notes.set(normalizeGuid(attr(n, 'guid') ?? ''), n);
  const noteText = (n: XmlNode): string => {
    const inline = text(child(n, 'PlainTextContent'));
    if (inline !== undefined) return inline;
    const p = attr(n, 'plainTextPath');
    return (p ? sourceText(p) : undefined) ?? '';
  };
  const usedNotes = new Set<string>();
  const refText = (el: XmlNode): string | undefined => {
    const parts: string[] = [];
    for (const r of children(el, 'NoteRef')) {
      const g = normalizeGuid(attr(r, 'targetGUID') ?? '');
      const n = notes.get(g);
      if (!n) {
        problems.push(l10n.t('a NoteRef points to a note that is not in the project ({0})', g));
        continue;
      }
      usedNotes.add(g);
      parts.push(noteText(n));
    }
    return parts.length ? parts.join('\n\n') : undefined;
  };
  const variables = new Map<string, string>();
  for (const v of children(child(root, 'Variables'), 'Variable')) variables.set(normalizeGuid(attr(v, 'guid') ?? ''), attr(v, 'name') ?? '');
  const memos: ImportedMemo[] = [];
  const sources: ImportedSource[] = [];
  const sourcesEl = child(root, 'Sources');
  for (const kind of ['PictureSource', 'PDFSource', 'AudioSource', 'VideoSource']) {
    const n = children(sourcesEl, kind).length;
    if (n) problems.push(l10n.t('{0} {1} element(s) not imported (only text sources are)', n, kind));
  }
  for (const s of children(sourcesEl, 'TextSource')) {
    const name = attr(s, 'name') ?? attr(s, 'guid') ?? `source ${sources.length + 1}`;
    const inline = text(child(s, 'PlainTextContent'));
    const path = attr(s, 'plainTextPath');
    const body = inline ?? (path ? sourceText(path) : undefined);
    if (body === undefined) problems.push(path === undefined ? l10n.t('{0}: it has no plainTextPath; its codings were not imported', name) : l10n.t('{0}: its text ({1}) is not in the archive; its codings were not imported', name, path));
    const selections: ImportedSelection[] = [];
    const length = body === undefined ? 0 : [...body].length;
    for (const sel of children(s, 'PlainTextSelection')) {
      const start = Number(attr(sel, 'startPosition'));
      const end = Number(attr(sel, 'endPosition'));
      if (!Number.isInteger(start) || !Number.isInteger(end) || start < 0 || end <= start || end > length) {
        problems.push(l10n.t('{0}: selection {1} {2}..{3} is outside the text ({4} characters); not imported', name, attr(sel, 'name') ?? attr(sel, 'guid') ?? '', attr(sel, 'startPosition') ?? '', attr(sel, 'endPosition') ?? '', length));
        continue;
      }
      const selCodes: string[] = [];
      for (const c of children(sel, 'Coding')) {
        const g = normalizeGuid(attr(child(c, 'CodeRef'), 'targetGUID') ?? '');
        const id = codeByGuid.get(g);
        if (id === undefined) problems.push(l10n.t('{0}: a coding refers to a code that is not in the codebook ({1}); left out', name, g));
        else if (!selCodes.includes(id)) selCodes.push(id);
      }
      const desc = text(child(sel, 'Description')) ?? '';
      const m = /^corpus-lens:(segment|claim):(.+)$/.exec(desc.trim());
      const item: ImportedSelection = { start, end, codes: selCodes };
      const note = refText(sel);
      if (note !== undefined) item.note = note;
      else if (desc && !m) item.note = desc;
      const selName = attr(sel, 'name');
      if (selName) item.name = selName;
      const author = userName(attr(sel, 'creatingUser'));
      if (author) item.author = author;
      const created = attr(sel, 'creationDateTime');
      if (created) item.created = created;
      if (m) item.origin = { kind: m[1] as 'segment', id: m[2]! };
      selections.push(item);
    }
    const vars: Record<string, string> = {};
    for (const vv of children(s, 'VariableValue')) {
      const vname = variables.get(normalizeGuid(attr(child(vv, 'VariableRef'), 'targetGUID') ?? ''));
      if (!vname) continue;
      for (const k of ['TextValue', 'BooleanValue', 'IntegerValue', 'FloatValue', 'DateValue', 'DateTimeValue']) {
        const v = text(child(vv, k));
        if (v !== undefined) vars[vname] = v;
      }
    }
    const docNotes: string[] = [];
    for (const r of children(s, 'NoteRef')) {
      const g = normalizeGuid(attr(r, 'targetGUID') ?? '');
      const n = notes.get(g);
      if (!n) continue;
      usedNotes.add(g);
      memos.push(memoFrom(n, { kind: 'document', path: name }, noteText(n), userName(attr(n, 'creatingUser'))));
      docNotes.push(g);
    }
    sources.push({ name, text: body, selections, variables: vars, notes: docNotes });
  }
  for (const c of codes) {
    for (const g of c.noteRefs) {
      const n = notes.get(g);
      if (!n) continue;
      usedNotes.add(g);
      memos.push(memoFrom(n, { kind: 'code', id: c.id }, noteText(n), userName(attr(n, 'creatingUser'))));
    }
  }
  // Project notes and notes nothing refers to are project memos (entity/topic memos exported from here keep theirs).
  for (const [g, n] of notes) {
    if (usedNotes.has(g)) continue;
    memos.push(memoFrom(n, { kind: 'project' }, noteText(n), userName(attr(n, 'creatingUser'))));
  }
  return { name: attr(root, 'name') ?? 'project', codes, sources, memos, users: [...users.values()], problems };
}

function memoFrom(n: XmlNode, fallback: MemoSubject, body: string, author: string | undefined): ImportedMemo {
  const name = attr(n, 'name') ?? '';
  const m = /^memo (project|document:(.+)|code:(.+)|entity:(.+)|topic:(.+)): (.+)$/.exec(name);
  let subject = fallback;
  let memoName = name || stableGuid(body).slice(0, 8);
  if (m) {
    memoName = m[6]!;
    // Where the note is linked from wins (a code imported under another id); the name tells the rest.
    if (fallback.kind === 'code' || fallback.kind === 'document') subject = fallback;
    else if (m[1] === 'project') subject = { kind: 'project' };
    else if (m[2] !== undefined) subject = { kind: 'document', path: m[2] };
    else if (m[3] !== undefined) subject = { kind: 'code', id: m[3] };
    else if (m[4] !== undefined) subject = { kind: 'entity', id: m[4] };
    else if (m[5] !== undefined) subject = { kind: 'topic', id: m[5] };
  }
  const out: ImportedMemo = { name: memoName, text: body, subject };
  if (author) out.author = author;
  const created = attr(n, 'creationDateTime');
  if (created) out.created = created;
  return out;
}

export { isGuid };
