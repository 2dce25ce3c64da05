/**
 * A workspace as a REFI-QDA project and back, through the FileStore (shared by the CLI and the extension).
 *
 * Export (`collectProject`): the documents that have a claim sidecar, a segment file or a memo; claims and
 * segments at their current (re-anchored) places, converted to code points; orphans are left out and reported.
 * Import (`applyProject`): new codes are added to the codebook (codes that came from here, matched by GUID, are
 * left as they are), every source is matched to the workspace document of the same relative path (its text must be
 * identical, else its codings are not imported: their positions would point elsewhere) or written as a new
 * document, selections become coded segments (an import repeated adds nothing twice), memos become memo files
 * (an existing memo with other content is kept and the imported one written beside it).
 */
import type { FileStore } from '../types';
import { AnnotationStore } from '../annotations/store';
import type { Annotation } from '../annotations/schema';
import { parseSidecar } from '../annotations/parse';
import { CodePointIndex } from '../annotations/anchoring';
import { basename, dirname, isInside, join, relative } from '../annotations/paths';
import { confinedJoin } from '../confine';
import { CODEBOOK_PATH, parseCodebook, type Codebook } from '../codes/codebook';
import { editCodebook, type CodebookEdit } from '../codes/codebookEdits';
import { parseSegments, segmentPathFor } from '../codes/segments';
import { SegmentStore, resolveSegments } from '../codes/segmentStore';
import { MEMOS_FOLDER, memoPath, memoSubject } from '../codes/memos';
import { VARIABLES_PATH, parseVariables } from '../codes/variables';
import type { ImportedProject, ProjectData, ProjectMemo, ProjectSelection, ProjectSource } from './project';
import * as l10n from '@vscode/l10n';

export interface WorkspaceFiles {
  /** Workspace root ('/' separators or the platform's; paths below are absolute, under it). */
  root: string;
  sidecars: string[];
  segmentFiles: string[];
  /** Memo files (absolute), under `<root>/.corpus-lens/memos/`. */
  memoFiles: string[];
}

export function claimNote(a: Annotation): string {
  const lines = [`claim: ${a.claim}`, `stance: ${a.stance.polarity}${a.stance.intensity !== undefined ? ` ${a.stance.intensity}` : ''}`];
  if (a.about) lines.push(`about: ${Object.entries(a.about).map(([k, v]) => `${k} ${v}`).join('')}`);
  if (a.holder) lines.push(`holder: ${Object.entries(a.holder).map(([k, v]) => `${k} ${v}`).join('')}`);
  if (a.attribution) lines.push(`attribution: ${a.attribution}`);
  if (a.when) lines.push(`when: ${a.when}`);
  if (a.confidence) lines.push(`confidence: ${a.confidence}`);
  if (a.tags?.length) lines.push(`tags: ${a.tags.join(', ')}`);
  if (a.note) lines.push('', a.note);
  return lines.join('\n');
}

/**
 * Paths of the extension are URI strings (percent-encoded: 新闻.txt is %E6%96%B0%E9%97%BB.txt); names in a project
 * are plain relative paths. These convert between the two when the root is a URI, and do nothing for file paths.
 */
function isUriRoot(root: string): boolean {
  return /^[a-zA-Z][a-zA-Z0-9+.-]*:\/\//.test(root);
}
export function plainRel(root: string, rel: string): string {
  if (!isUriRoot(root)) return rel;
  return rel
    .split('/')
    .map((s) => {
      try {
        return decodeURIComponent(s);
      } catch {
        return s;
      }
    })
    .join('/');
}
export function encodedRel(root: string, rel: string): string {
  return isUriRoot(root) ? rel.split('/').map((s) => (s === '..' || s === '.' ? s : encodeURIComponent(s))).join('/') : rel;
}

export async function loadCodebook(fs: FileStore, root: string): Promise<{ book: Codebook; text: string | undefined; problems: ReturnType<typeof parseCodebook>['problems'] }> {
  const file = join(root, CODEBOOK_PATH);
  const text = await fs.readText(file);
  if (text === undefined) return { book: parseCodebook('', file).value, text, problems: [] };
  const parsed = parseCodebook(text, file);
  return { book: parsed.value, text, problems: parsed.problems };
}

export async function collectProject(fs: FileStore, files: WorkspaceFiles, name: string, now: Date): Promise<{ data: ProjectData; problems: string[] }> {
  const problems: string[] = [];
  const root = files.root;
  const rel = (p: string): string => plainRel(root, relative(root, p));
  const { book, problems: bookProblems } = await loadCodebook(fs, root);
  for (const p of bookProblems) problems.push(`${p.file}:${p.line}:${p.column}: ${p.severity}: ${p.message}`);
  const sources = new Map<string, ProjectSource>();
  const texts = new Map<string, string | undefined>();
  const readDoc = async (docPath: string): Promise<string | undefined> => {
    if (!texts.has(docPath)) texts.set(docPath, await fs.readText(docPath));
    return texts.get(docPath);
  };
  const sourceOf = (docPath: string, text: string): ProjectSource => {
    let s = sources.get(docPath);
    if (!s) sources.set(docPath, (s = { path: rel(docPath), text, selections: [] }));
    return s;
  };
  const store = new AnnotationStore(fs);
  for (const sidecar of files.sidecars) {
    const raw = await fs.readText(sidecar).catch(() => undefined);
    if (raw === undefined) continue;
    const declared = parseSidecar(raw, sidecar).value?.document.path;
    const confined = declared === undefined ? { error: l10n.t('no document.path') } : confinedJoin(root, dirname(sidecar), declared);
    if ('error' in confined) {
      problems.push(l10n.t('{0}: {1}; skipped', rel(sidecar), confined.error));
      continue;
    }
    const docText = await readDoc(confined.path);
    if (docText === undefined) {
      problems.push(l10n.t('{0}: its document {1} is not there; skipped', rel(sidecar), declared ?? ''));
      continue;
    }
    const state = await store.load(confined.path, docText, { sidecarPath: sidecar });
    for (const p of state.problems) if (p.severity === 'error') problems.push(l10n.t('{0}:{1}:{2}: error: {3}', p.file, p.line, p.column, p.message));
    const index = new CodePointIndex(docText);
    const src = sourceOf(confined.path, docText);
    for (const r of state.annotations) {
      if (r.orphaned) {
        problems.push(l10n.t('{0}: claim {1} is an orphan (its passage was not found); not exported', rel(sidecar), r.annotation.id));
        continue;
      }
      const a = r.annotation;
      const sel: ProjectSelection = { id: a.id, kind: 'claim', start: index.toCodePoint(r.start), end: index.toCodePoint(r.end), codes: [...(a.codes ?? [])], claim: a.claim, note: claimNote(a), author: a.author, created: a.created };
      src.selections.push(sel);
    }
  }
  for (const segFile of files.segmentFiles) {
    const raw = await fs.readText(segFile).catch(() => undefined);
    if (raw === undefined) continue;
    const parsed = parseSegments(raw, segFile);
    for (const p of parsed.problems) problems.push(`${p.file}:${p.line}:${p.column}: ${p.severity}: ${p.message}`);
    if (!parsed.value) continue;
    const confined = confinedJoin(root, dirname(segFile), parsed.value.document.path);
    if ('error' in confined) {
      problems.push(l10n.t('{0}: {1}; skipped', rel(segFile), confined.error));
      continue;
    }
    const docText = await readDoc(confined.path);
    if (docText === undefined) {
      problems.push(l10n.t('{0}: its document {1} is not there; skipped', rel(segFile), parsed.value.document.path));
      continue;
    }
    const index = new CodePointIndex(docText);
    const src = sourceOf(confined.path, docText);
    for (const r of resolveSegments(docText, parsed.value.segments)) {
      if (r.orphaned) {
        problems.push(l10n.t('{0}: segment {1} is an orphan (its passage was not found); not exported', rel(segFile), r.segment.id));
        continue;
      }
      const s = r.segment;
      const sel: ProjectSelection = { id: s.id, kind: 'segment', start: index.toCodePoint(r.start), end: index.toCodePoint(r.end), codes: [...s.codes], author: s.author, created: s.created };
      if (s.memo) sel.note = s.memo;
      src.selections.push(sel);
    }
  }
  const memos: ProjectMemo[] = [];
  const memoRoot = join(root, MEMOS_FOLDER);
  for (const file of files.memoFiles) {
    if (!isInside(memoRoot, file)) continue;
    const info = memoSubject(plainRel(root, relative(memoRoot, file)));
    if (!info) continue;
    const text = await fs.readText(file);
    if (text === undefined) continue;
    memos.push({ name: info.name, subject: info.subject, text });
    if (info.subject.kind === 'document') {
      const docPath = join(root, encodedRel(root, info.subject.path));
      const docText = await readDoc(docPath);
      if (docText !== undefined) sourceOf(docPath, docText);
      else problems.push(l10n.t('{0}: memo on {1}, which is not in the workspace', rel(file), info.subject.path));
    }
  }
  const varsFile = join(root, VARIABLES_PATH);
  const varsText = await fs.readText(varsFile);
  if (varsText !== undefined) {
    const vars = parseVariables(varsText, varsFile);
    for (const p of vars.problems) problems.push(`${p.file}:${p.line}:${p.column}: ${p.severity}: ${p.message}`);
    for (const s of sources.values()) {
      const v = vars.value.documents.get(s.path);
      if (v) s.variables = v;
    }
  }
  const list = [...sources.values()].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  return { data: { name, codebook: book, sources: list, memos, created: now.toISOString() }, problems };
}

export interface ImportReport {
  codesAdded: number;
  documentsWritten: number;
  segmentsAdded: number;
  memosWritten: number;
  problems: string[];
}

/** Write an imported project into the workspace (see the top of this file). */
/**
 * `hasClaim(docPath, id)`: is a claim with this id already in the document's sidecar? A selection that was a claim
 * exported from here, imported back into a workspace that still has the claim, is not added as a segment too.
 * Default: the sidecar beside the document.
 */
export async function applyProject(fs: FileStore, root: string, project: ImportedProject, author: string, hasClaim?: (docPath: string, id: string) => Promise<boolean>): Promise<ImportReport> {
  const claimCheck =
    hasClaim ??
    (async (docPath: string, id: string): Promise<boolean> => {
      const raw = await fs.readText(`${docPath}.annotations.yaml`).catch(() => undefined);
      return raw !== undefined && (parseSidecar(raw, docPath).value?.annotations.some((a) => a.id === id) ?? false);
    });
  const report: ImportReport = { codesAdded: 0, documentsWritten: 0, segmentsAdded: 0, memosWritten: 0, problems: [...project.problems] };
  const { book, text: bookText } = await loadCodebook(fs, root);
  const edits: CodebookEdit[] = [];
  const guids = new Map(book.codes.filter((c) => c.guid).map((c) => [c.guid!.toLowerCase(), c.id]));
  const idMap = new Map<string, string>();
  for (const c of project.codes) {
    const known = book.byId.get(c.id);
    if (known) {
      idMap.set(c.id, c.id);
      continue;
    }
    const byGuid = c.guid ? guids.get(c.guid) : undefined;
    if (byGuid) {
      idMap.set(c.id, byGuid);
      continue;
    }
    const { noteRefs: _n, ...code } = c;
    edits.push({ kind: 'create', code: code.parent !== undefined ? { ...code, parent: code.parent } : code });
    idMap.set(c.id, c.id);
  }
  if (edits.length) {
    // Parents first: a child's create needs its parent to exist.
    const order = new Map(project.codes.map((c, i) => [c.id, i]));
    edits.sort((a, b) => (order.get((a as { code: { id: string } }).code.id) ?? 0) - (order.get((b as { code: { id: string } }).code.id) ?? 0));
    const file = join(root, CODEBOOK_PATH);
    await fs.writeTextAtomic(file, editCodebook(bookText, file, edits));
    report.codesAdded = edits.length;
  }
  const segments = new SegmentStore(fs, { author });
  for (const src of project.sources) {
    if (src.text === undefined) continue;
    const confined = confinedJoin(root, root, encodedRel(root, src.name));
    if ('error' in confined) {
      report.problems.push(`source "${src.name}": ${confined.error}; not imported`);
      continue;
    }
    const docPath = confined.path;
    const existing = await fs.readText(docPath);
    if (existing === undefined) {
      await fs.writeTextAtomic(docPath, src.text);
      report.documentsWritten++;
    } else if (existing !== src.text) {
      report.problems.push(`source "${src.name}": the workspace document has other text; its ${src.selections.length} coded segment(s) were not imported (their positions would point elsewhere)`);
      continue;
    }
    const index = new CodePointIndex(src.text);
    const known = new Set<string>();
    for (const s of src.selections) if (s.origin?.kind === 'claim' && (await claimCheck(docPath, s.origin.id))) known.add(s.origin.id);
    const items = src.selections
      .filter((s) => s.codes.length && !(s.origin?.kind === 'claim' && known.has(s.origin.id)))
      .map((s) => {
        const it: { start: number; end: number; codes: string[]; memo?: string; author?: string; created?: string } = {
          start: index.toUtf16(s.start),
          end: index.toUtf16(s.end),
          codes: s.codes.map((c) => idMap.get(c) ?? c),
        };
        if (s.note) it.memo = s.note;
        if (s.author) it.author = s.author;
        if (s.created && !Number.isNaN(Date.parse(s.created))) it.created = new Date(s.created).toISOString().replace(/\.\d{3}Z$/, 'Z');
        return it;
      });
    const uncoded = src.selections.length - items.length - known.size;
    if (uncoded) report.problems.push(`source "${src.name}": ${uncoded} selection(s) without a code were not imported`);
    if (!items.length) continue;
    const segPath = segmentPathFor(docPath);
    const before = (await segments.load(segPath, src.text)).segments.length;
    await segments.applyMany(segPath, docPath, src.text, items);
    report.segmentsAdded += (await segments.load(segPath, src.text)).segments.length - before;
  }
  for (const m of project.memos) {
    const subject = m.subject.kind === 'code' ? { kind: 'code' as const, id: idMap.get(m.subject.id) ?? m.subject.id } : m.subject;
    let rel = memoPath(subject);
    if (subject.kind === 'project' && m.name !== 'project') rel = `${m.name.replace(/[^\p{L}\p{N}_ .-]+/gu, '-').replace(/^[.-]+/, '') || 'memo'}.md`;
    const confined = confinedJoin(join(root, MEMOS_FOLDER), join(root, MEMOS_FOLDER), encodedRel(root, rel));
    if ('error' in confined) {
      report.problems.push(`memo "${m.name}": ${confined.error}; not imported`);
      continue;
    }
    let target = confined.path;
    const existing = await fs.readText(target);
    if (existing === m.text) continue;
    if (existing !== undefined) {
      const stem = target.slice(0, -3);
      let n = 1;
      let prior: string | undefined;
      while ((prior = await fs.readText(`${stem}.imported-${n}.md`)) !== undefined && prior !== m.text) n++;
      if (prior === m.text) continue;
      target = `${stem}.imported-${n}.md`;
      report.problems.push(`memo ${basename(confined.path)} exists with other text: the imported one is ${relative(root, target)}`);
    }
    await fs.writeTextAtomic(target, m.text);
    report.memosWritten++;
  }
  return report;
}
