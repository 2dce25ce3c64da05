import * as l10n from '@vscode/l10n';
import * as vscode from 'vscode';
import { commandUri, escapeMarkdown } from '../../../core/text/escape';
import { mentionAt } from '../../../core/analysis';
import type { DateMention, EntityMention } from '../../../core/types';
import { recordIndexAt, type CorpusDocument } from '../../../core/corpus/model';
import { toRange } from '../../convert';
import { recordLabel } from '../../../core/corpus/index';
import { DOCUMENT_SELECTOR } from '../../services/documents';
import type { Feature, Services } from '../../services/index';
import { explainValue } from '../../../core/dates/explain';
import { describeAnchor } from '../../../core/dates/anchor';
import { entityTypeInfo } from '../../../core/entities/types';

/** The entity type's name in the interface language (the type table in core/entities/types.ts). */
const typeLabel = (type: string): string => entityTypeInfo(type)?.label() ?? type;

/** Corpus and knowledge-base text, shown literally (no Markdown, HTML, icons or links). */
const esc = (text: string): string => escapeMarkdown(text);

/** "Correct…" link of a card: not an entity here, link to another entity, change type (rules, see features/correct). */
function correctLink(mention: EntityMention, uri: vscode.Uri | undefined): string {
  if (!uri) return '';
  const rule = mention.rule ? l10n.t(' · _corrected by the rule at {0}_', esc(mention.rule.replace(/^.*[\\/]/, ''))) : '';
  return `\n\n[${l10n.t('$(edit) Correct…')}](${commandUri('corpusLens.correctMention', [{ uri: uri.toString(), start: mention.start, end: mention.end }])} "${l10n.t('Not an entity here, link to another entity, change type')}")${rule}`;
}

export function entityCard(services: Services, mention: EntityMention, uri?: vscode.Uri): vscode.MarkdownString {
  const md = new vscode.MarkdownString(undefined, true);
  md.isTrusted = { enabledCommands: ['corpusLens.addToKnowledgeBase', 'corpusLens.correctMention', 'corpusLens.goToEntity', 'editor.action.goToReferences', 'corpusLens.revealMention'] };
  const entity = mention.confirmed ? services.knowledge.kb.get(mention.entityId) : undefined;
  if (!entity) {
    md.appendMarkdown(`**${esc(mention.text)}** · _${l10n.t('unconfirmed {0} candidate', esc(typeLabel(mention.type)))}_\n\n`);
    md.appendMarkdown(l10n.t('Not in the knowledge base.') + ' ');
    md.appendMarkdown(`[$(add) ${l10n.t('Add to knowledge base')}](${commandUri('corpusLens.addToKnowledgeBase', [{ text: mention.text, type: mention.type }])})`);
    md.appendMarkdown(correctLink(mention, uri));
    return md;
  }
  const names = entity.names;
  md.appendMarkdown(`**${esc(entity.name)}** · ${esc(typeLabel(entity.type))}`);
  if (mention.via === 'abbreviation') md.appendMarkdown(` · _${l10n.t('abbreviation「{0}」', esc(mention.text))}_`);
  md.appendMarkdown('\n\n');
  const scripts = [names['zh-Hans'] && `简 ${names['zh-Hans']}`, names['zh-Hant'] && `繁 ${names['zh-Hant']}`, names.en && `EN ${names.en}`].filter(Boolean);
  md.appendMarkdown(`${scripts.map((s) => esc(String(s))).join(' · ')}\n\n`);
  if (entity.description) md.appendMarkdown(`${esc(entity.description)}\n\n`);
  const aliases = entity.aliases.slice(0, 12);
  if (aliases.length) md.appendMarkdown(`${l10n.t('Also:')} ${aliases.map(esc).join(', ')}${entity.aliases.length > 12 ? ', …' : ''}\n\n`);
  if (entity.wikidata) md.appendMarkdown(l10n.t('Wikidata: [{0}](https://www.wikidata.org/wiki/{1})\n\n', entity.wikidata, entity.wikidata));
  const index = services.corpus.index;
  const stats = index.entityStats(entity.id);
  const docs = stats.documents;
  const progress = services.corpus.progressNote;
  md.appendMarkdown(
    (stats.count === 1
      ? docs === 1 ? l10n.t('**{0}** mention in **{1}** document of the corpus', stats.count, docs) : l10n.t('**{0}** mention in **{1}** documents of the corpus', stats.count, docs)
      : docs === 1 ? l10n.t('**{0}** mentions in **{1}** document of the corpus', stats.count, docs) : l10n.t('**{0}** mentions in **{1}** documents of the corpus', stats.count, docs)) +
      (progress ? ` (${esc(progress)})` : ''),
  );
  const co = index.cooccurring(entity.id, 5);
  if (co.length) {
    const label = (id: string) => services.knowledge.kb.get(id)?.name ?? id.replace(/^candidate:/, '');
    md.appendMarkdown(`\n\n${l10n.t('Often with:')} ${co.map((c) => `${esc(label(c.entityId))} (${c.count})`).join(', ')}`);
  }
  md.appendMarkdown(correctLink(mention, uri));
  return md;
}

/**
 * Date card: the normalised value, the text, and how a relative or partial date was resolved: against which
 * reference (article timestamp, citation year, Date line, the analyst's setting, the latest explicit year), or why
 * it could not be, naming the record it sits in.
 */
export function dateCard(mention: DateMention, doc?: CorpusDocument, text?: () => string): vscode.MarkdownString {
  const md = new vscode.MarkdownString();
  md.appendMarkdown(`**${esc(mention.value)}** · ${esc(mention.type)}${mention.mod ? ` · ${esc(mention.mod)}` : ''}\n\n`);
  md.appendMarkdown(`「${esc(mention.text)}」\n\n`);
  const meaning = mention.type === 'DURATION' ? '' : explainValue(mention.value, mention.mod);
  if (meaning) md.appendMarkdown(`${esc(meaning)}\n\n`);
  const i = doc ? recordIndexAt(doc.records, mention.start) : -1;
  const record = doc && i >= 0 ? doc.records[i] : undefined;
  const where = record && doc!.records.length > 1 ? `${l10n.t('record {0}', i + 1)}${text ? ` (${esc(recordLabel(record, record.title ? '' : text()))})` : ''}` : l10n.t('this document');
  if (mention.type === 'DURATION') {
    const vague = /X/.test(mention.value);
    md.appendMarkdown(
      l10n.t('A duration (ISO 8601 `{0}`{1}{2}), not a point in time.', esc(mention.value), vague ? l10n.t(': a number of years or months the text leaves open') : '', mention.mod === 'APPROX' ? l10n.t(', approximate') : ''),
    );
  } else if (mention.anchor === 'explicit') md.appendMarkdown(l10n.t('Explicit date.'));
  else if (mention.anchor === 'unresolved') {
    md.appendMarkdown(
      l10n.t('Unresolved: {0} has no reference date (no article timestamp, citation year or Date line, and none set for the document). ', where) +
        l10n.t('Set one with **Corpus Lens: Set Reference Date for This Document**.'),
    );
  } else {
    md.appendMarkdown(l10n.t('Resolved against {0}', esc(describeAnchor(mention.anchor) ?? mention.anchor)));
    if (record && doc!.records.length > 1) md.appendMarkdown(l10n.t(' · in {0}', where));
  }
  return md;
}

class MentionHoverProvider implements vscode.HoverProvider {
  constructor(private readonly services: Services) {}

  provideHover(document: vscode.TextDocument, position: vscode.Position): vscode.Hover | undefined {
    if (!this.services.documents.isCorpusDocument(document)) return undefined;
    const analysis = this.services.documents.get(document);
    const offset = document.offsetAt(position);
    const date = mentionAt(analysis.dates, offset);
    const entity = mentionAt(analysis.entities, offset);
    // Prefer the innermost: a date and an entity rarely overlap, but when they do show both.
    const parts: vscode.MarkdownString[] = [];
    let range: vscode.Range | undefined;
    if (entity) {
      // Both levels of a nested mention: the outer (美国国务院) and the member under the cursor (美国), then the
      // other members by name.
      parts.push(entityCard(this.services, entity, document.uri));
      range = toRange(document, entity);
      const members = entity.members ?? [];
      const inner = mentionAt(members, offset);
      if (inner) parts.push(entityCard(this.services, inner, document.uri));
      const others = members.filter((m) => m !== inner);
      if (others.length) {
        const label = (m: EntityMention) => (m.confirmed ? (this.services.knowledge.kb.get(m.entityId)?.name ?? m.text) : m.text);
        const md = new vscode.MarkdownString();
        md.appendMarkdown(`${inner ? l10n.t('Also inside') : l10n.t('Inside')}: ${[...new Set(others.map((m) => `${esc(label(m))}「${esc(m.text)}」`))].join(', ')}`);
        parts.push(md);
      }
    }
    if (date) {
      parts.push(dateCard(date, analysis.doc, () => document.getText()));
      range = range ? range.union(toRange(document, date)) : toRange(document, date);
    }
    return parts.length ? new vscode.Hover(parts, range) : undefined;
  }
}

export const hoverFeature: Feature = {
  id: 'hover',
  activate: (services) => vscode.languages.registerHoverProvider(DOCUMENT_SELECTOR, new MentionHoverProvider(services)),
};
