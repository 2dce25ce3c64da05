/**
 * The code system in the editor: the codebook (loaded, watched, problems in the Problems panel), coded segments of
 * every document (`*.codes.yaml`) and claims with codes, counts for the Codes view, applying codes, retrieval,
 * memos, the tags → codes migration and REFI-QDA export/import. Everything goes through the core (src/core/codes,
 * src/core/refiqda) and `WorkspaceFileStore`; nothing is written into an untrusted workspace.
 */
import * as l10n from '@vscode/l10n';
import { count } from '../../l10n';
import * as vscode from 'vscode';
import type { Services } from '../../services/index';
import { WorkspaceFileStore } from '../../fileStore';
import { pathOf, uriOf } from '../../convert';
import { Disposable } from '../../disposable';
import { defaultAuthor } from '../../author';
import {
  CODEBOOK_PATH,
  MEMOS_FOLDER,
  SEGMENTS_SUFFIX,
  SegmentStore,
  VARIABLES_PATH,
  codeLabel,
  codesForTags,
  countCodes,
  documentFilter,
  editCodebook,
  memoPath,
  memoTemplate,
  mergeVariables,
  metadataVariables,
  outletCountries,
  seedVariablesFile,
  newCodeId,
  parseCodebook,
  parseQuery,
  parseVariables,
  planTagMigration,
  resolveSegments,
  retrieve,
  segmentPathFor,
  type CodeCount,
  type CodebookEdit,
  type CodedItem,
  type Codebook,
  type Passage,
  type VariablesFile,
} from '../../../core/codes';
import { applyProject, collectProject, encodedRel, plainRel, exportQdc, exportQdpx, importQdc, importQdpx, type ImportedProject, type MemoSubject } from '../../../core/refiqda';
import { dirname, join, relative } from '../../../core/annotations/paths';
import type { Problem } from '../../../core/types';

export const RETRIEVAL_SCHEME = 'corpus-lens-retrieval';

function toDiagnostic(p: Problem): vscode.Diagnostic {
  const pos = new vscode.Position(Math.max(0, p.line - 1), Math.max(0, p.column - 1));
  const d = new vscode.Diagnostic(new vscode.Range(pos, pos.translate(0, 1)), p.message, p.severity === 'error' ? vscode.DiagnosticSeverity.Error : p.severity === 'warning' ? vscode.DiagnosticSeverity.Warning : vscode.DiagnosticSeverity.Information);
  d.source = 'Corpus Lens';
  return d;
}

export interface RetrievalResult {
  query: string;
  filter: string | undefined;
  passages: Passage[];
}

export class CodesController extends Disposable {
  readonly files = new WorkspaceFileStore();
  readonly segments = new SegmentStore(this.files, { author: defaultAuthor() });
  book: Codebook = parseCodebook('', 'codebook.yaml').value;
  private bookText: string | undefined;
  variables: VariablesFile = { documents: new Map(), sets: new Map() };
  /** Segment items per segment file path (UTF-16 spans in the document's current text). */
  private readonly segmentItems = new Map<string, CodedItem[]>();
  private readonly diagnostics = this._register(vscode.languages.createDiagnosticCollection('corpus-lens-codes'));
  private readonly changed = this._register(new vscode.EventEmitter<void>());
  readonly onDidChange = this.changed.event;
  /** Most recently applied codes first (this window, kept in workspace state). */
  recent: string[];
  private countsCache: Map<string, CodeCount> | undefined;
  readonly ready: Promise<void>;
  private readonly retrievals = new Map<string, RetrievalResult>();
  private readonly retrievalChanged = this._register(new vscode.EventEmitter<vscode.Uri>());

  constructor(readonly services: Services) {
    super();
    this.recent = services.context.workspaceState.get<string[]>('corpusLens.codes.recent', []);
    const watch = (glob: string, run: (uri: vscode.Uri) => void): void => {
      const w = this._register(vscode.workspace.createFileSystemWatcher(glob));
      this._register(w.onDidCreate(run));
      this._register(w.onDidChange(run));
      this._register(w.onDidDelete(run));
    };
    watch(`**/${CODEBOOK_PATH}`, () => void this.loadCodebook());
    watch(`**/${VARIABLES_PATH}`, () => void this.loadVariables());
    // A file written at once into a new .corpus-lens folder can come with the folder's event only (the recursive
    // watcher may not yet watch the folder when the file is created): the folder's events load both again.
    watch(`**/${dirname(CODEBOOK_PATH)}`, () => {
      void this.loadCodebook();
      void this.loadVariables();
    });
    watch(`**/*${SEGMENTS_SUFFIX}`, (uri) => void this.loadSegmentFile(pathOf(uri)));
    this._register(services.annotations.onDidChange(() => this.invalidate()));
    this._register(
      vscode.workspace.registerTextDocumentContentProvider(RETRIEVAL_SCHEME, {
        onDidChange: this.retrievalChanged.event,
        provideTextDocumentContent: (uri) => this.renderRetrieval(uri),
      }),
    );
    this._register(
      vscode.languages.registerDocumentLinkProvider({ scheme: RETRIEVAL_SCHEME }, {
        provideDocumentLinks: (doc) => this.retrievalLinks(doc),
      }),
    );
    this.ready = this.start();
  }

  private async start(): Promise<void> {
    await Promise.all([this.loadCodebook(), this.loadVariables()]);
    const found = await vscode.workspace.findFiles(`**/*${SEGMENTS_SUFFIX}`, '**/{node_modules,.git}/**');
    for (const uri of found) await this.loadSegmentFile(pathOf(uri));
  }

  root(): string | undefined {
    const folder = vscode.workspace.workspaceFolders?.[0];
    return folder ? pathOf(folder.uri) : undefined;
  }

  private invalidate(): void {
    this.countsCache = undefined;
    this.changed.fire();
  }

  async loadCodebook(): Promise<void> {
    const root = this.root();
    if (!root) return;
    const file = join(root, CODEBOOK_PATH);
    const text = await this.files.readText(file).catch(() => undefined);
    this.bookText = text;
    const parsed = parseCodebook(text ?? '', file);
    this.book = parsed.value;
    this.diagnostics.set(uriOf(file), parsed.problems.map(toDiagnostic));
    this.invalidate();
  }

  async loadVariables(): Promise<void> {
    const root = this.root();
    if (!root) return;
    const file = join(root, VARIABLES_PATH);
    const text = await this.files.readText(file).catch(() => undefined);
    const parsed = parseVariables(text ?? 'schema: corpus-lens/variables@1\n', file);
    this.variables = parsed.value;
    this.diagnostics.set(uriOf(file), parsed.problems.map(toDiagnostic));
  }

  async loadSegmentFile(segPath: string): Promise<void> {
    // Through the store: a file it has just written (same version stamp) is not read and parsed again.
    const read = await this.segments.read(segPath).catch(() => undefined);
    if (read === undefined) {
      this.segmentItems.delete(segPath);
      this.diagnostics.delete(uriOf(segPath));
      this.invalidate();
      return;
    }
    const parsed = { value: read.file, problems: read.problems };
    this.diagnostics.set(uriOf(segPath), parsed.problems.map(toDiagnostic));
    if (!parsed.value) {
      this.segmentItems.delete(segPath);
      this.invalidate();
      return;
    }
    const docPath = join(segPath, '..', parsed.value.document.path);
    const open = vscode.workspace.textDocuments.find((d) => pathOf(d.uri) === docPath);
    const text = open?.getText() ?? (await this.files.readText(docPath).catch(() => undefined));
    if (text === undefined) {
      this.segmentItems.delete(segPath);
      this.invalidate();
      return;
    }
    this.segmentItems.set(
      segPath,
      resolveSegments(text, parsed.value.segments)
        .filter((r) => !r.orphaned)
        .map((r) => ({ doc: docPath, id: r.segment.id, kind: 'segment' as const, start: r.start, end: r.end, codes: r.segment.codes, ...(r.segment.memo ? { memo: r.segment.memo } : {}), author: r.segment.author })),
    );
    this.invalidate();
  }

  /** The coded segments of one document (UTF-16 spans in its current text). */
  segmentsOf(doc: string): readonly CodedItem[] {
    return this.segmentItems.get(segmentPathFor(doc)) ?? [];
  }

  /** Every coded item: segments and claims with codes. */
  items(): CodedItem[] {
    const out: CodedItem[] = [];
    for (const list of this.segmentItems.values()) out.push(...list);
    for (const state of this.services.annotations.states()) {
      for (const r of state.annotations) {
        if (r.orphaned || !r.annotation.codes?.length) continue;
        out.push({ doc: state.docPath, id: r.annotation.id, kind: 'claim', start: r.start, end: r.end, codes: r.annotation.codes, ...(r.annotation.note ? { memo: r.annotation.note } : {}), author: r.annotation.author });
      }
    }
    return out;
  }

  counts(): Map<string, CodeCount> {
    this.countsCache ??= countCodes(this.book, this.items());
    return this.countsCache;
  }

  /** Apply edits to the codebook file (created when missing). Throws CodebookEditError with a clear message. */
  async editBook(edits: CodebookEdit[]): Promise<void> {
    const root = this.root();
    if (!root) throw new Error(l10n.t('open a folder first: the codebook is .corpus-lens/codebook.yaml in it'));
    const file = join(root, CODEBOOK_PATH);
    const current = await this.files.readText(file);
    const next = editCodebook(current, file, edits);
    await this.files.writeTextAtomic(file, next);
    await this.loadCodebook();
  }

  newId(label: string): string {
    return newCodeId(this.book, label);
  }

  remember(ids: readonly string[]): void {
    this.recent = [...ids, ...this.recent.filter((r) => !ids.includes(r))].slice(0, 50);
    void this.services.context.workspaceState.update('corpusLens.codes.recent', this.recent);
  }

  /** Code the range of a document (UTF-16) with codes; returns the segment id. */
  async apply(doc: vscode.TextDocument, start: number, end: number, codes: string[], memo?: string): Promise<string> {
    const docPath = pathOf(doc.uri);
    const segPath = segmentPathFor(docPath);
    const id = await this.segments.apply(segPath, docPath, doc.getText(), start, end, codes, memo);
    this.remember(codes);
    await this.loadSegmentFile(segPath);
    return id;
  }

  /** A document's variables: detected from the index metadata (metadata.ts), overridden by the variables file. */
  variablesOf(doc: string): Record<string, string> {
    const root = this.root();
    const rel = root ? plainRel(root, relative(root, doc)) : doc;
    return mergeVariables(this.detectedVariables(doc), this.variables.documents.get(rel));
  }

  private countries: { kb: unknown; map: Map<string, string> } | undefined;

  /** The variables the index's record metadata gives for a document (outlet, date, language, country). */
  detectedVariables(doc: string): Record<string, string> {
    const summary = this.services.corpus.index.document(doc);
    if (!summary) return {};
    const kb = this.services.knowledge.kb;
    if (this.countries?.kb !== kb) this.countries = { kb, map: outletCountries(kb.all()) };
    return metadataVariables(summary, this.countries.map);
  }

  /** The variables file seeded with the detected values of every indexed document in the folder. */
  seededVariables(): string {
    const root = this.root();
    const docs: Array<[string, Record<string, string>]> = [];
    for (const d of this.services.corpus.index.documents()) {
      if (!root || !d.path.startsWith(root + '/')) continue;
      docs.push([plainRel(root, relative(root, d.path)), this.detectedVariables(d.path)]);
    }
    return seedVariablesFile(docs);
  }

  /** Run a retrieval and open it as a read-only virtual document. Throws QueryError / FilterError. */
  async openRetrieval(query: string, filter?: string): Promise<vscode.TextDocument> {
    const q = parseQuery(query, this.book);
    const docs = filter ? documentFilter(filter, (d) => this.variablesOf(d), this.variables.sets) : undefined;
    const passages = retrieve(this.book, this.items(), q, docs ? { documents: docs } : {});
    await this.preload(passages);
    const title = `${query}${filter ? ` within ${filter}` : ''}`.replace(/[/\\]/g, '∕');
    const uri = vscode.Uri.from({ scheme: RETRIEVAL_SCHEME, path: `/Retrieval ${title}.txt` });
    this.retrievals.set(uri.toString(), { query, filter, passages });
    this.retrievalChanged.fire(uri);
    const doc = await vscode.workspace.openTextDocument(uri);
    await vscode.window.showTextDocument(doc, { preview: false });
    return doc;
  }

  private texts = new Map<string, string>();

  private renderRetrieval(uri: vscode.Uri): string {
    const r = this.retrievals.get(uri.toString());
    if (!r) return l10n.t('This retrieval is no longer available: run Retrieve Coded Segments again.') + '\n';
    const root = this.root();
    const docs = new Set(r.passages.map((p) => p.doc));
    const lines = [r.filter ? l10n.t('Retrieval: {0}   within: {1}', r.query, r.filter) : l10n.t('Retrieval: {0}', r.query), l10n.t('{0} in {1}', count(r.passages.length, 'passage'), count(docs.size, 'document')), ''];
    for (const p of r.passages) {
      const text = this.textOf(p.doc);
      const open = vscode.workspace.textDocuments.find((d) => pathOf(d.uri) === p.doc);
      const pos = open ? open.positionAt(p.start) : positionIn(text ?? '', p.start);
      const name = root ? plainRel(root, relative(root, p.doc)) : p.doc;
      const labels = p.codes.map((c) => {
        const code = this.book.byId.get(c);
        return code ? codeLabel(code) : c;
      });
      lines.push(`── ${name}:${pos.line + 1}:${pos.character + 1}  [${labels.join(', ')}]`);
      if (text !== undefined) {
        const before = text.slice(Math.max(0, p.start - 40), p.start).replace(/\s+/g, ' ');
        const after = text.slice(p.end, p.end + 40).replace(/\s+/g, ' ');
        lines.push(`   …${before}【${text.slice(p.start, p.end).replace(/\r?\n/g, ' ⏎ ')}】${after}…`);
      }
      for (const it of p.items) if (it.memo) lines.push(`   ${it.kind === 'claim' ? l10n.t('claim note') : l10n.t('memo')}: ${it.memo.replace(/\r?\n/g, ' ⏎ ')}`);
      lines.push('');
    }
    return lines.join('\n');
  }

  private textOf(doc: string): string | undefined {
    const open = vscode.workspace.textDocuments.find((d) => pathOf(d.uri) === doc);
    if (open) return open.getText();
    return this.texts.get(doc);
  }

  /** Texts of the documents of a retrieval, read before rendering (the provider is synchronous). */
  async preload(passages: readonly Passage[]): Promise<void> {
    for (const doc of new Set(passages.map((p) => p.doc))) {
      if (!this.texts.has(doc)) {
        const t = await this.files.readText(doc).catch(() => undefined);
        if (t !== undefined) this.texts.set(doc, t);
      }
    }
  }

  private retrievalLinks(doc: vscode.TextDocument): vscode.DocumentLink[] {
    const root = this.root();
    if (!root) return [];
    const out: vscode.DocumentLink[] = [];
    for (let i = 0; i < doc.lineCount; i++) {
      const line = doc.lineAt(i).text;
      const m = /^── (.+?):(\d+):(\d+) {2}\[/.exec(line);
      if (!m) continue;
      const target = uriOf(join(root, encodedRel(root, m[1]!))).with({ fragment: `L${m[2]},${m[3]}` });
      out.push(new vscode.DocumentLink(new vscode.Range(i, 3, i, 3 + m[1]!.length + m[2]!.length + m[3]!.length + 2), target));
    }
    return out;
  }

  /** Open (creating when missing) the memo of a subject. */
  async openMemo(subject: MemoSubject, title: string): Promise<vscode.TextEditor> {
    const root = this.root();
    if (!root) throw new Error(l10n.t('open a folder first: memos are Markdown files under .corpus-lens/memos/'));
    const file = join(root, MEMOS_FOLDER, encodedRel(root, memoPath(subject)));
    if ((await this.files.readText(file)) === undefined) await this.files.writeTextAtomic(file, memoTemplate(subject, title));
    const doc = await vscode.workspace.openTextDocument(uriOf(file));
    return vscode.window.showTextDocument(doc, { preview: false });
  }

  /** Tags of all annotations → codes (codebook) and `codes:` on the annotations. Returns [codes created, annotations]. */
  async migrateTags(): Promise<[number, number]> {
    await this.services.annotations.ready;
    const tags = new Set<string>();
    for (const s of this.services.annotations.states()) for (const r of s.annotations) for (const t of r.annotation.tags ?? []) tags.add(t);
    const plan = planTagMigration(this.book, tags);
    if (plan.edits.length) await this.editBook(plan.edits);
    let changed = 0;
    for (const s of this.services.annotations.states()) {
      for (const r of s.annotations) {
        const a = r.annotation;
        if (!a.tags?.length) continue;
        const codes = codesForTags(a.codes, a.tags, plan.codeOf);
        if (codes.length === (a.codes?.length ?? 0)) continue;
        await this.services.annotations.update(s.docPath, a.id, { codes });
        changed++;
      }
    }
    return [plan.edits.length, changed];
  }

  private async workspaceFiles(): Promise<{ root: string; sidecars: string[]; segmentFiles: string[]; memoFiles: string[] }> {
    const root = this.root()!;
    const find = async (glob: string): Promise<string[]> => (await vscode.workspace.findFiles(glob, '**/{node_modules,.git}/**')).map(pathOf).sort();
    await this.services.annotations.ready;
    const sidecars = [...new Set(this.services.annotations.states().map((s) => s.sidecarPath))];
    return { root, sidecars, segmentFiles: await find(`**/*${SEGMENTS_SUFFIX}`), memoFiles: await find(`${MEMOS_FOLDER}/**/*.md`) };
  }

  async exportProject(target: vscode.Uri, format: 'qdpx' | 'qdc'): Promise<{ problems: string[]; summary: string }> {
    if (format === 'qdc') {
      await vscode.workspace.fs.writeFile(target, new TextEncoder().encode(exportQdc(this.book)));
      return { problems: [], summary: count(this.book.codes.length, 'code') };
    }
    const files = await this.workspaceFiles();
    const name = vscode.workspace.workspaceFolders?.[0]?.name ?? 'project';
    const { data, problems } = await collectProject(this.files, files, name, new Date());
    await vscode.workspace.fs.writeFile(target, exportQdpx(data));
    const n = data.sources.reduce((k, s) => k + s.selections.length, 0);
    return { problems, summary: [count(data.sources.length, 'document'), count(data.codebook.codes.length, 'code'), count(n, 'coded segment'), count(data.memos.length, 'memo')].join(l10n.t(', ')) };
  }

  async importProject(source: vscode.Uri): Promise<{ problems: string[]; summary: string }> {
    const bytes = await vscode.workspace.fs.readFile(source);
    let project: ImportedProject;
    if (source.path.toLowerCase().endsWith('.qdc')) project = { name: 'codebook', codes: importQdc(new TextDecoder().decode(bytes), this.book), sources: [], memos: [], users: [], problems: [] };
    else project = importQdpx(bytes, this.book);
    const report = await applyProject(this.files, this.root()!, project, defaultAuthor(), async (docPath, id) => {
      const state = await this.services.annotations.ensureLoaded(docPath).catch(() => undefined);
      return state?.annotations.some((r) => r.annotation.id === id) ?? false;
    });
    await this.loadCodebook();
    for (const uri of await vscode.workspace.findFiles(`**/*${SEGMENTS_SUFFIX}`)) await this.loadSegmentFile(pathOf(uri));
    return { problems: report.problems, summary: l10n.t('{0} new codes, {1} new documents, {2} coded segments, {3} memos', report.codesAdded, report.documentsWritten, report.segmentsAdded, report.memosWritten) };
  }

  get codebookText(): string | undefined {
    return this.bookText;
  }
}

function positionIn(text: string, offset: number): { line: number; character: number } {
  let line = 0;
  let last = 0;
  for (let i = text.indexOf('\n'); i !== -1 && i < offset; i = text.indexOf('\n', i + 1)) {
    line++;
    last = i + 1;
  }
  return { line, character: offset - last };
}
