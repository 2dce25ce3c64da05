import * as l10n from '@vscode/l10n';
import * as vscode from 'vscode';
import { Disposable } from '../../disposable';
import { escapeIcons } from '../../../core/text/escape';
import { firstAtOrAfter, mentionAt } from '../../../core/analysis';
import { FuzzySearch, type SearchItem } from '../../../core/search/index';
import type { Span } from '../../../core/types';
import { entityTypeInfo } from '../../../core/entities/types';
import { toRange } from '../../convert';
import { DOCUMENT_SELECTOR } from '../../services/documents';
import type { Feature, Services } from '../../services/index';
import { fileLabel, revealSpan } from '../../ui/reveal';
import { fuzzyPick } from '../../ui/fuzzyPick';
import { count } from '../../l10n';
import { registerCommand } from '../../commands';

interface Target {
  path: string;
  span: Span;
}


export function entityItems(services: Services): SearchItem<string>[] {
  const { kb } = services.knowledge;
  const items: SearchItem<string>[] = [];
  for (const [id, c] of services.corpus.index.entityCounts()) {
    const entity = kb.get(id);
    const names = entity ? entity.allNames() : [id.replace(/^candidate:/, '')];
    items.push({ id, names, payload: id, weight: c.count, detail: entity?.description ?? l10n.t('unconfirmed candidate') });
  }
  return items.sort((a, b) => (b.weight ?? 0) - (a.weight ?? 0));
}

async function pickMention(services: Services, entityId: string): Promise<Target | undefined> {
  const mentions = services.corpus.index.mentionsOf(entityId);
  if (mentions.length === 0) {
    void vscode.window.showInformationMessage(l10n.t('Corpus Lens: no mention of this entity in the corpus.'));
    return undefined;
  }
  if (mentions.length === 1) return { path: mentions[0]!.path, span: mentions[0]! };
  const items = mentions.map((m) => {
    const location = services.corpus.location(m.path, m);
    return { label: escapeIcons(`${fileLabel(m.path)}:${location.range.start.line + 1}`), description: escapeIcons(m.text), target: { path: m.path, span: { start: m.start, end: m.end } } };
  });
  const name = services.knowledge.kb.get(entityId)?.name ?? entityId.replace(/^candidate:/, '');
  const chosen = await vscode.window.showQuickPick(items, { title: `${name}: ${count(mentions.length, 'mention')}`, placeHolder: l10n.t('Pick a mention to go to'), matchOnDescription: true });
  return chosen?.target;
}

async function goToEntity(services: Services): Promise<void> {
  await services.knowledge.ready;
  const { kb } = services.knowledge;
  const id = await fuzzyPick<string>({
    note: () => services.corpus.progressNote,
    title: l10n.t('Corpus Lens: Go to Entity'),
    placeholder: l10n.t('Name in any script, pinyin (pujing, pj) or English'),
    items: () => entityItems(services),
    render: (item, matched) => {
      const entity = kb.get(item.id);
      const zh = entity?.names['zh-Hans'];
      return {
        // l10n-ignore: codicon names
        label: `$(${entityTypeInfo(entity?.type ?? 'other')?.icon ?? 'symbol-misc'}) ${escapeIcons(`${entity?.name ?? item.names[0]}${zh ? ` ${zh}` : ''}`)}`,
        description: escapeIcons(`${count(item.weight ?? 0, 'mention')}${matched && matched !== entity?.name && matched !== zh ? ` · ${matched}` : ''}`),
        detail: item.detail === undefined ? undefined : escapeIcons(item.detail),
      };
    },
  });
  if (!id) return;
  const target = await pickMention(services, id);
  if (target) await revealSpan(services, target.path, target.span);
}

function recordItems(services: Services): SearchItem<Target>[] {
  const items: SearchItem<Target>[] = [];
  for (const doc of services.corpus.index.documents()) {
    const file = fileLabel(doc.path);
    items.push({ id: doc.path, names: [file, ...doc.records.slice(0, 1).map((r) => r.label)], payload: { path: doc.path, span: { start: 0, end: 0 } }, detail: count(doc.records.length, 'record') });
    if (doc.records.length < 2) continue;
    for (const r of doc.records) {
      const names = [r.label, r.source, ...(r.authors ?? [])].filter((n): n is string => Boolean(n));
      items.push({ id: `${doc.path}#${r.id}`, names, payload: { path: doc.path, span: r.titleSpan ?? { start: r.span.start, end: r.span.start } }, detail: [file, r.dateText, r.source].filter(Boolean).join(' · ') });
    }
  }
  return items;
}

async function goToDocument(services: Services): Promise<void> {
  await services.knowledge.ready;
  const target = await fuzzyPick<Target>({
    note: () => services.corpus.progressNote,
    title: l10n.t('Corpus Lens: Go to Document or Record'),
    placeholder: l10n.t('File name, record title, journal, author (any script or pinyin)'),
    items: () => recordItems(services),
    // l10n-ignore: codicon names
    render: (item) => ({ label: `$(${item.id.includes('#') ? 'note' : 'file'}) ${escapeIcons(item.names[0] ?? '')}`, description: item.detail === undefined ? undefined : escapeIcons(item.detail) }),
  });
  if (target) await revealSpan(services, target.path, target.span);
}

/** Canonical names (English, simplified, traditional) of a topic's entities. */
function topicEntityNames(services: Services, ids: readonly string[]): string[] {
  return ids.flatMap((id) => {
    const names = services.knowledge.kb.get(id)?.names;
    return names ? [names.en, names['zh-Hans'], names['zh-Hant']].filter((n): n is string => Boolean(n)) : [];
  });
}

/** Go to Topic's items: labels, id, keywords and the topic's entities' names (eluosi finds US–Russia relations). */
export function topicItems(services: Services): SearchItem<string>[] {
  const index = services.corpus.index;
  return services.knowledge.topics.all().map((t) => ({
    id: t.id,
    names: [t.label.en, t.label['zh-Hans'] ?? '', t.id, ...t.keywords, ...topicEntityNames(services, t.entities)].filter(Boolean),
    payload: t.id,
    weight: index.recordsForTopic(t.id).length,
    detail: t.description,
  }));
}

async function goToTopic(services: Services): Promise<void> {
  await services.knowledge.ready;
  const index = services.corpus.index;
  const topicId = await fuzzyPick<string>({
    note: () => services.corpus.progressNote,
    title: l10n.t('Corpus Lens: Go to Topic'),
    placeholder: l10n.t('Topic (English, Chinese, pinyin)'),
    items: () => topicItems(services),
    render: (item) => ({ label: `$(tag) ${escapeIcons(item.names[0] ?? '')}`, description: escapeIcons(`${item.names[1] ?? ''} · ${count(item.weight ?? 0, 'record')}`), detail: item.detail === undefined ? undefined : escapeIcons(item.detail) }),
  });
  if (!topicId) return;
  const records = index.recordsForTopic(topicId);
  if (records.length === 0) {
    void vscode.window.showInformationMessage(l10n.t('Corpus Lens: no record of the corpus matches this topic.'));
    return;
  }
  const chosen = await vscode.window.showQuickPick(
    records.map((r) => {
      const record = index.record(r.path, r.recordId);
      return { label: escapeIcons(record?.label ?? r.recordId), description: escapeIcons(l10n.t('{0} · score {1}', fileLabel(r.path), r.score.toFixed(1))), target: { path: r.path, span: record?.titleSpan ?? { start: record?.span.start ?? 0, end: record?.span.start ?? 0 } } };
    }),
    { title: l10n.t('Records on this topic'), matchOnDescription: true },
  );
  if (chosen) await revealSpan(services, chosen.target.path, chosen.target.span);
}

async function goToDate(services: Services): Promise<void> {
  await services.knowledge.ready;
  const target = await fuzzyPick<Target>({
    note: () => services.corpus.progressNote,
    title: l10n.t('Corpus Lens: Go to Date'),
    placeholder: l10n.t('Normalised value (2014-07, 196X) or the text (2014年7月, 今年)'),
    items: () => {
      const items: SearchItem<Target>[] = [];
      for (const doc of services.corpus.index.documents()) {
        for (const d of services.corpus.index.datesOf(doc.path)) {
          items.push({ id: `${doc.path}@${d.start}`, names: [d.value, d.text], payload: { path: doc.path, span: d }, detail: `${fileLabel(doc.path)} · ${d.anchor}` });
        }
      }
      return items.sort((a, b) => a.names[0]!.localeCompare(b.names[0]!));
    },
    render: (item) => ({ label: `$(calendar) ${escapeIcons(item.names[0] ?? '')}`, description: item.names[1] === undefined ? undefined : escapeIcons(item.names[1]), detail: item.detail === undefined ? undefined : escapeIcons(item.detail) }),
    limit: 500,
  });
  if (target) await revealSpan(services, target.path, target.span);
}

/** Next/previous entity or date mention in the active editor, wrapping around. */
async function stepMention(services: Services, direction: 1 | -1): Promise<void> {
  const editor = vscode.window.activeTextEditor;
  if (!editor || !services.documents.isCorpusDocument(editor.document)) return;
  const analysis = services.documents.get(editor.document);
  const mentions: Span[] = [...analysis.entities, ...analysis.dates].sort((a, b) => a.start - b.start);
  if (mentions.length === 0) return;
  // From the cursor (a revealed mention puts it at the mention's start, nothing selected), or the start of a
  // selection: the next mention starts after it, the previous one before it, so the current mention is never
  // picked again and adjacent mentions are not skipped.
  const offset = editor.document.offsetAt(editor.selection.start);
  let i: number;
  if (direction === 1) {
    i = firstAtOrAfter(mentions, offset + 1);
    if (i >= mentions.length) i = 0;
  } else {
    i = firstAtOrAfter(mentions, offset) - 1;
    if (i < 0) i = mentions.length - 1;
  }
  await services.protection.showPassage(editor, toRange(editor.document, mentions[i]!));
}

class EntityReferences implements vscode.ReferenceProvider {
  constructor(private readonly services: Services) {}
  async provideReferences(document: vscode.TextDocument, position: vscode.Position): Promise<vscode.Location[] | undefined> {
    if (!this.services.documents.isCorpusDocument(document)) return undefined;
    const mention = mentionAt(this.services.documents.get(document).entities, document.offsetAt(position));
    if (!mention) return undefined;
    // From what is indexed so far: a full index in progress does not hold the answer back.
    return this.services.corpus.locations(this.services.corpus.index.mentionsOf(mention.entityId));
  }
}

/**
 * Go to Symbol in Workspace (Ctrl+T) drops every symbol whose name does not fuzzy-match the query (characters in
 * order, case-insensitive). Matches by pinyin (pujing), initials (pj) or another script (普丁 for 普京) would all be
 * dropped, so the query is shown after such a name: "Vladimir Putin · pujing".
 */
export function symbolName(name: string, query: string): string {
  const q = query.replace(/\s+/g, '').toLowerCase();
  const n = name.toLowerCase();
  let k = 0;
  for (let i = 0; i < n.length && k < q.length; i++) if (n[i] === q[k]) k++;
  return k === q.length ? name : `${name} · ${query.trim()}`;
}

class CorpusSymbols extends Disposable implements vscode.WorkspaceSymbolProvider {
  private cache: { entities: FuzzySearch<string>; records: FuzzySearch<Target> } | undefined;
  constructor(private readonly services: Services) {
    super();
    this._register(services.corpus.onDidChange(() => (this.cache = undefined)));
  }
  async provideWorkspaceSymbols(query: string): Promise<vscode.SymbolInformation[]> {
    await this.services.knowledge.ready;
    this.cache ??= { entities: new FuzzySearch(entityItems(this.services)), records: new FuzzySearch(recordItems(this.services)) };
    const { entities, records } = this.cache;
    const symbols: vscode.SymbolInformation[] = [];
    const index = this.services.corpus.index;
    for (const { item } of query ? entities.search(query, 50) : []) {
      const first = index.firstMention(item.id);
      if (!first) continue;
      const entity = this.services.knowledge.kb.get(item.id);
      symbols.push(new vscode.SymbolInformation(symbolName(entity?.name ?? item.names[0]!, query), vscode.SymbolKind[entityTypeInfo(entity?.type ?? '')?.symbol ?? 'Variable'], count(item.weight ?? 0, 'mention'), this.services.corpus.location(first.path, first)));
    }
    for (const { item } of query ? records.search(query, 50) : []) {
      symbols.push(new vscode.SymbolInformation(symbolName(item.names[0]!, query), item.id.includes('#') ? vscode.SymbolKind.Module : vscode.SymbolKind.File, item.detail ?? '', this.services.corpus.location(item.payload.path, item.payload.span)));
    }
    // While a full index runs, every row says so (a row of its own would need a location to open).
    const note = this.services.corpus.progressNote;
    if (note) for (const s of symbols) s.containerName = `${s.containerName} · ${note}`;
    return symbols;
  }
}

export const navigateFeature: Feature = {
  id: 'navigate',
  activate: (services) => [
    registerCommand(services.log, 'corpusLens.goToEntity', () => goToEntity(services)),
    registerCommand(services.log, 'corpusLens.goToDocument', () => goToDocument(services)),
    registerCommand(services.log, 'corpusLens.goToTopic', () => goToTopic(services)),
    registerCommand(services.log, 'corpusLens.goToDate', () => goToDate(services)),
    registerCommand(services.log, 'corpusLens.nextMention', () => stepMention(services, 1)),
    registerCommand(services.log, 'corpusLens.previousMention', () => stepMention(services, -1)),
    vscode.languages.registerReferenceProvider(DOCUMENT_SELECTOR, new EntityReferences(services)),
    ...(() => {
      const symbols = new CorpusSymbols(services);
      return [symbols, vscode.languages.registerWorkspaceSymbolProvider(symbols)];
    })(),
  ],
};
