/**
 * Auto-coding in the editor: Auto-code Search Hits asks for a search (text, regular expression, an entity's
 * mentions, a date range), a document set (a variables filter) and a code, finds the hits through the core
 * (core/codes/autocode.ts) over the corpus index, and shows them in the **Auto-coding Review** view: one checkbox
 * per hit (accepted by default), grouped by document, the hit in its context, a click opening the passage, Accept
 * All / Reject All, then **Write Accepted Hits** writes one locked batch per document. Nothing is written before.
 */
import * as l10n from '@vscode/l10n';
import { count } from '../../l10n';
import * as vscode from 'vscode';
import { Disposable } from '../../disposable';
import type { Services } from '../../services/index';
import { pathOf, uriOf } from '../../convert';
import type { CodesController } from './controller';
import { AutoCodeError, FilterError, batchByDocument, checkBatch, codeLabel, documentFilter, findAutoCodeHits, parseDateRange, segmentPathFor, type AutoCodeCorpus, type AutoCodeHit, type AutoCodeQuery } from '../../../core/codes';
import { plainRel } from '../../../core/refiqda';
import { relative } from '../../../core/annotations/paths';
import type { Prompter } from '../../prompter';
import type { PickOption } from '../../../core/prompt';

export type ReviewNode = { kind: 'doc'; doc: string } | { kind: 'hit'; key: string };

export interface ReviewState {
  title: string;
  codes: string[];
  hits: AutoCodeHit[];
  /** Keys of the rejected hits (every other hit is accepted). */
  rejected: Set<string>;
  skipped: number;
  truncated: number;
}

export interface AutoCodeSummary {
  hits: number;
  /** The hits' keys in list order (for the review commands' callers and tests). */
  keys: string[];
  skipped: number;
  truncated: number;
  unreadable: string[];
}

export interface WriteSummary {
  written: number;
  documents: number;
  /** Hits whose text changed since the search (not written). */
  stale: number;
  rejected: number;
}

/** The review list: a tree of documents and hits with checkboxes. */
export class AutoCodeReview extends Disposable implements vscode.TreeDataProvider<ReviewNode> {
  private readonly emitter = this._register(new vscode.EventEmitter<ReviewNode | undefined | void>());
  readonly onDidChangeTreeData = this.emitter.event;
  state: ReviewState | undefined;
  private byKey = new Map<string, AutoCodeHit>();
  private byDoc = new Map<string, AutoCodeHit[]>();

  constructor(private readonly root: () => string | undefined) {
    super();
  }

  show(state: ReviewState | undefined): void {
    this.state = state;
    this.byKey = new Map((state?.hits ?? []).map((h) => [h.key, h]));
    this.byDoc = new Map();
    for (const h of state?.hits ?? []) {
      let list = this.byDoc.get(h.doc);
      if (!list) this.byDoc.set(h.doc, (list = []));
      list.push(h);
    }
    void vscode.commands.executeCommand('setContext', 'corpusLens.autoCodeReview', state !== undefined);
    this.emitter.fire();
  }

  hit(key: string): AutoCodeHit | undefined {
    return this.byKey.get(key);
  }

  accepted(): AutoCodeHit[] {
    const s = this.state;
    return s ? s.hits.filter((h) => !s.rejected.has(h.key)) : [];
  }

  /** Accept (or reject) the hits of the nodes given; none: every hit. */
  set(nodes: readonly ReviewNode[] | undefined, accept: boolean): void {
    const s = this.state;
    if (!s) return;
    const keys = nodes?.length ? nodes.flatMap((n) => (n.kind === 'hit' ? [n.key] : (this.byDoc.get(n.doc) ?? []).map((h) => h.key))) : s.hits.map((h) => h.key);
    for (const k of keys) {
      if (accept) s.rejected.delete(k);
      else if (this.byKey.has(k)) s.rejected.add(k);
    }
    this.emitter.fire();
  }

  private label(doc: string): string {
    const root = this.root();
    return root && doc.startsWith(root + '/') ? plainRel(root, relative(root, doc)) : doc;
  }

  getChildren(node?: ReviewNode): ReviewNode[] {
    if (!this.state) return [];
    if (!node) return [...this.byDoc.keys()].map((doc) => ({ kind: 'doc', doc }));
    if (node.kind === 'doc') return (this.byDoc.get(node.doc) ?? []).map((h) => ({ kind: 'hit', key: h.key }));
    return [];
  }

  getParent(node: ReviewNode): ReviewNode | undefined {
    if (node.kind === 'doc') return undefined;
    const h = this.byKey.get(node.key);
    return h ? { kind: 'doc', doc: h.doc } : undefined;
  }

  getTreeItem(node: ReviewNode): vscode.TreeItem {
    const s = this.state!;
    if (node.kind === 'doc') {
      const list = this.byDoc.get(node.doc) ?? [];
      const n = list.filter((h) => !s.rejected.has(h.key)).length;
      const item = new vscode.TreeItem(this.label(node.doc), vscode.TreeItemCollapsibleState.Expanded);
      item.id = `autocode-doc:${node.doc}`;
      item.description = l10n.t('{0} of {1} accepted', n, list.length);
      item.resourceUri = uriOf(node.doc);
      item.contextValue = 'corpusLens.autoCodeDocument';
      item.checkboxState = n === list.length ? vscode.TreeItemCheckboxState.Checked : vscode.TreeItemCheckboxState.Unchecked;
      return item;
    }
    const h = this.byKey.get(node.key)!;
    const text = h.text.replace(/[\r\n\t\u2028\u2029]+/g, ' ');
    // A narrow side bar: a few characters before the hit, then the hit (highlighted) and what follows; the tooltip
    // has the whole context.
    const left = [...h.left].slice(-6).join('');
    const item = new vscode.TreeItem({ label: `…${left}${text}${h.right}…`, highlights: [[left.length + 1, left.length + 1 + text.length]] }, vscode.TreeItemCollapsibleState.None);
    item.id = `autocode-hit:${h.key}`;
    item.description = `${h.line}:${h.column}${h.value ? `  ${h.value}` : ''}`;
    item.tooltip = `${this.label(h.doc)}:${h.line}:${h.column}\n${h.left}【${text}】${h.right}`;
    item.checkboxState = s.rejected.has(h.key) ? vscode.TreeItemCheckboxState.Unchecked : vscode.TreeItemCheckboxState.Checked;
    item.contextValue = s.rejected.has(h.key) ? 'corpusLens.autoCodeHit.rejected' : 'corpusLens.autoCodeHit.accepted';
    item.command = { command: 'corpusLens.codes.autoCodeOpen', title: l10n.t('Open the passage'), arguments: [node] };
    return item;
  }
}

export interface AutoCodeDeps {
  services: Services;
  codes: CodesController;
  review: AutoCodeReview;
  prompter: () => Prompter;
  pickCode: (id: string, title: string) => Promise<string | undefined>;
}

type Kind = 'text' | 'regex' | 'entity' | 'date';

/** The questions: search kind, what to search, the document set and the code. Undefined when cancelled. */
/**
 * The corpus's entities as pick options, most mentioned first ("3 mentions in 2 documents"), found by any of their
 * names; `knownOnly` leaves out unconfirmed candidates. For the auto-coding and memo pickers.
 */
export function corpusEntityOptions(services: Services, knownOnly = false): { options: Array<PickOption<string>>; names: (o: PickOption<string>) => string[]; name: (id: string) => string } {
  const name = (id: string): string => services.knowledge.kb.get(id)?.name ?? id.replace(/^candidate:/, '');
  const counts = [...services.corpus.index.entityCounts()].filter(([id]) => !knownOnly || !id.startsWith('candidate:')).sort((a, b) => b[1].count - a[1].count);
  return {
    options: counts.map(([id, c]) => ({ label: name(id), description: l10n.t('{0} in {1}', count(c.count, 'mention'), count(c.documents, 'document')), detail: id, value: id })),
    names: (o) => services.knowledge.kb.get(o.value)?.allNames() ?? [o.label],
    name,
  };
}

export async function askAutoCode(deps: AutoCodeDeps): Promise<{ query: AutoCodeQuery; filter?: string; code: string; title: string } | undefined> {
  const { services, codes } = deps;
  const prompter = deps.prompter();
  const kind = await prompter.pick<Kind>({
    id: 'autocodeKind',
    title: l10n.t('Auto-code: the hits of'),
    step: 1,
    totalSteps: 4,
    options: [
      { label: l10n.t('A text'), description: l10n.t('simplified and traditional, full-width and case folded'), value: 'text' },
      { label: l10n.t('A regular expression'), value: 'regex' },
      { label: l10n.t("An entity's mentions"), description: l10n.t('from the corpus index'), value: 'entity' },
      { label: l10n.t('A date range'), description: l10n.t('the normalised dates in the texts'), value: 'date' },
    ],
  });
  if (kind !== 'text' && kind !== 'regex' && kind !== 'entity' && kind !== 'date') return undefined;
  let query: AutoCodeQuery;
  let title: string;
  if (kind === 'entity') {
    await services.corpus.ready;
    const { options, names, name } = corpusEntityOptions(services);
    const id = await prompter.pick<string>({ id: 'autocodeEntity', title: l10n.t('Auto-code: entity'), step: 2, totalSteps: 4, options, names });
    if (typeof id !== 'string') return undefined;
    query = { kind: 'entity', entityIds: [id] };
    title = name(id);
  } else if (kind === 'date') {
    const v = await prompter.input({
      id: 'autocodeDates',
      title: l10n.t('Auto-code: date range (FROM..TO, YYYY, YYYY-MM or YYYY-MM-DD; either end may be open)'),
      step: 2,
      totalSteps: 4,
      placeholder: '2014..2016-06',
      validate: (x) => {
        try {
          parseDateRange(x);
          return undefined;
        } catch (e) {
          return e instanceof Error ? e.message : String(e);
        }
      },
    });
    if (typeof v !== 'string') return undefined;
    query = { kind: 'date', ...parseDateRange(v) };
    title = v.trim();
  } else {
    const v = await prompter.input({ id: 'autocodeText', title: kind === 'regex' ? l10n.t('Auto-code: regular expression') : l10n.t('Auto-code: text'), step: 2, totalSteps: 4, validate: (x) => (x ? undefined : l10n.t('Type something to search for')) });
    if (typeof v !== 'string' || !v) return undefined;
    query = kind === 'regex' ? { kind: 'regex', pattern: v } : { kind: 'text', pattern: v };
    title = kind === 'regex' ? `/${v}/` : `“${v}”`;
  }
  const sets = [...codes.variables.sets.keys()];
  // l10n-ignore: a filter expression (variable names and values), not words
  const f = await prompter.input({ id: 'autocodeFilter', title: l10n.t('Auto-code: within documents (a variables filter; empty: the whole corpus)'), step: 3, totalSteps: 4, placeholder: sets.length ? `set:${sets[0]}` : 'language=zh-Hans date>=2020', value: '' });
  if (typeof f !== 'string') return undefined;
  const code = await deps.pickCode('code', l10n.t('Auto-code: the code to apply'));
  if (!code) return undefined;
  return { query, ...(f.trim() ? { filter: f.trim() } : {}), code, title };
}

/** Find the hits and show them in the review view (nothing written). */
export async function runAutoCode(deps: AutoCodeDeps, query: AutoCodeQuery, code: string, filter: string | undefined, title: string): Promise<AutoCodeSummary> {
  const { services, codes } = deps;
  await services.corpus.ready;
  let docs = services.corpus.index.documents().map((d) => d.path);
  if (filter) {
    const keep = documentFilter(filter, (d) => codes.variablesOf(d), codes.variables.sets);
    docs = docs.filter(keep);
  }
  const open = new Map(vscode.workspace.textDocuments.map((d) => [pathOf(d.uri), d]));
  const host: AutoCodeCorpus = {
    documents: docs,
    textOf: async (doc) => open.get(doc)?.getText() ?? (await codes.files.readText(doc).catch(() => undefined)),
    mentionsOf: (id) => services.corpus.index.mentionsOf(id),
    datesOf: (doc) => services.corpus.index.datesOf(doc),
    existing: (doc) => codes.segmentsOf(doc),
  };
  const result = await findAutoCodeHits(query, host, { codes: [code] });
  const label = codes.book.byId.get(code) ? codeLabel(codes.book.byId.get(code)!) : code;
  deps.review.show({ title: `${title} → ${label}`, codes: [code], hits: result.hits, rejected: new Set(), skipped: result.skipped, truncated: result.truncated });
  return { hits: result.hits.length, keys: result.hits.map((h) => h.key), skipped: result.skipped, truncated: result.truncated, unreadable: result.unreadable };
}

/** Write the accepted hits: one locked read-modify-write of each document's segment file. */
export async function writeAccepted(deps: AutoCodeDeps): Promise<WriteSummary | undefined> {
  const { codes, review } = deps;
  const state = review.state;
  if (!state) return undefined;
  const accepted = review.accepted();
  const summary: WriteSummary = { written: 0, documents: 0, stale: 0, rejected: state.hits.length - accepted.length };
  const open = new Map(vscode.workspace.textDocuments.map((d) => [pathOf(d.uri), d]));
  for (const batch of accepted.length ? batchByDocument(accepted, state.codes) : []) {
    const text = open.get(batch.doc)?.getText() ?? (await codes.files.readText(batch.doc));
    if (text === undefined) {
      summary.stale += batch.hits.length;
      continue;
    }
    const checked = checkBatch(batch, text);
    summary.stale += checked.stale.length;
    if (!checked.batch.items.length) continue;
    const segPath = segmentPathFor(batch.doc);
    await codes.segments.applyMany(segPath, batch.doc, text, checked.batch.items);
    await codes.loadSegmentFile(segPath);
    summary.written += checked.batch.items.length;
    summary.documents++;
  }
  codes.remember(state.codes);
  review.show(undefined);
  return summary;
}

/** Open the passage of a hit (its document, the hit selected). */
export async function openHit(review: AutoCodeReview, node: ReviewNode | undefined): Promise<vscode.TextEditor | undefined> {
  if (!node || node.kind !== 'hit') return undefined;
  const h = review.hit(node.key);
  if (!h) return undefined;
  const doc = await vscode.workspace.openTextDocument(uriOf(h.doc));
  const range = new vscode.Range(doc.positionAt(h.start), doc.positionAt(h.end));
  return vscode.window.showTextDocument(doc, { selection: range, preview: true, preserveFocus: false });
}

export function isAutoCodeInputError(e: unknown): boolean {
  return e instanceof AutoCodeError || e instanceof FilterError;
}
