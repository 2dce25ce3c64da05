/**
 * Export of annotations: CSV (RFC 4180), JSON Lines, and W3C Web Annotation JSON-LD.
 *
 * JSON-LD mapping (https://www.w3.org/TR/annotation-model/), lossless with the plain anno.jsonld context:
 * - the claim                     -> TextualBody, purpose "describing"
 * - stance polarity / intensity   -> TextualBody, purpose "classifying", value "stance:oppose" / "intensity:-2"
 * - about                         -> TextualBody, purpose "classifying", value "about:topic:<id>" | "about:entity:<id>";
 *                                    a free-text proposition -> TextualBody purpose "describing", value "about: <text>"
 * - holder                        -> TextualBody, purpose "classifying", value "holder:entity:<id>" | "holder:text:<name>" | "holder:section:<name>"
 * - attribution, when, confidence -> TextualBody, purpose "classifying", value "attribution:reported", "when:2021-12-07", "confidence:high"
 * - each tag                      -> TextualBody, purpose "tagging"
 * - note                          -> TextualBody, purpose "commenting"
 * - author/created/modified       -> creator {type: Person, name}, created, modified
 * - target                        -> {source: document, selector: [TextQuoteSelector, TextPositionSelector]}
 * - orphaned                      -> TextualBody, purpose "classifying", value "status:orphaned"
 * motivation is "classifying" (the analyst classifies the passage's stance).
 */
import { recordReference } from '../analysis';
import { parseDocument, recordIndexAt } from '../corpus/model';
import type { ExportLabels } from '../exports/types';
import { LineIndex } from '../text/offsets';
import { URI } from 'vscode-uri';
import type { Annotation, About, Holder } from './schema';
import { positionOf, quoteOf } from './schema';

/** One annotation to export, with where it comes from. */
export interface ExportItem {
  /** The document, as it should appear in the export (relative path, URI ...). */
  document: string;
  annotation: Annotation;
  /** Optional record (e.g. the article title or citation of a listing record) the passage belongs to. */
  record?: string;
  /** The record's id, title, date (EDTF, from its metadata) and source, when known (recordInfo). */
  recordInfo?: RecordInfo;
}

export interface RecordInfo {
  id: string;
  title?: string;
  date?: string;
  source?: string;
}

/**
 * The record (corpus model) a UTF-16 offset of `docText` falls in: id, title, date (the record's own metadata date,
 * normalised, when it has one) and source. Parses the document once; call the returned function per annotation.
 */
export function recordInfoOf(docText: string): (offset: number) => RecordInfo | undefined {
  const { records } = parseDocument(docText);
  let lines: LineIndex | undefined;
  return (offset) => {
    const r = records[recordIndexAt(records, offset)];
    if (!r) return undefined;
    lines ??= new LineIndex(docText);
    const date = r.dateText ? recordReference(r, lines, {}, docText, records)?.value : undefined;
    return { id: r.id, ...(r.title ? { title: r.title } : {}), ...(date ? { date } : {}), ...(r.source ? { source: r.source } : {}) };
  };
}

/**
 * Labels the record (corpus model) a UTF-16 offset of `docText` falls in: "r2: <title>" (or "r2"), undefined
 * outside any record. Parses the document once; call the returned function per annotation.
 */
export function recordLabeler(docText: string): (offset: number) => string | undefined {
  const { records } = parseDocument(docText);
  return (offset) => {
    const r = records[recordIndexAt(records, offset)];
    if (!r) return undefined;
    return r.title ? `${r.id}: ${r.title}` : r.id;
  };
}

/** Columns: ids with their labels beside them (about_label, holder_type ...), the record's title, date and source. */
export const CSV_COLUMNS = [
  'document', 'record', 'record_title', 'record_date', 'record_source', 'id', 'quote', 'start', 'end', 'claim', 'stance', 'intensity',
  'about', 'about_label', 'about_type', 'about_wikidata', 'holder', 'holder_label', 'holder_type', 'holder_wikidata',
  'attribution', 'when', 'confidence', 'tags', 'note', 'author', 'created', 'modified', 'orphaned',
] as const;

/** Label, type and Wikidata id of an about / holder target (type: topic, proposition, text, section or an entity type). */
export function targetLabel(target: About | Holder | undefined, labels?: ExportLabels): { label: string; type: string; wikidata: string } {
  if (!target) return { label: '', type: '', wikidata: '' };
  if ('entity' in target) {
    const e = labels?.entity(target.entity);
    return { label: e?.name ?? '', type: e?.type ?? 'entity', wikidata: e?.wikidata ?? '' };
  }
  if ('topic' in target) return { label: labels?.topic(target.topic)?.label ?? '', type: 'topic', wikidata: '' };
  if ('proposition' in target) return { label: target.proposition, type: 'proposition', wikidata: '' };
  if ('text' in target) return { label: target.text, type: 'text', wikidata: '' };
  return { label: target.section, type: 'section', wikidata: '' };
}

export function aboutText(about: About | undefined): string {
  if (!about) return '';
  if ('topic' in about) return `topic:${about.topic}`;
  if ('entity' in about) return `entity:${about.entity}`;
  return `proposition:${about.proposition}`;
}

export function holderText(holder: Holder | undefined): string {
  if (!holder) return '';
  if ('entity' in holder) return `entity:${holder.entity}`;
  if ('text' in holder) return `text:${holder.text}`;
  return `section:${holder.section}`;
}

/** Row values in CSV_COLUMNS order (start/end are code points, as stored). */
export function exportRow(item: ExportItem, labels?: ExportLabels): string[] {
  const a = item.annotation;
  const pos = positionOf(a);
  const about = targetLabel(a.about, labels);
  const holder = targetLabel(a.holder, labels);
  const info = item.recordInfo;
  return [
    item.document,
    item.record ?? info?.id ?? '',
    info?.title ?? '',
    info?.date ?? '',
    info?.source ?? '',
    a.id,
    quoteOf(a).exact,
    pos ? String(pos.start) : '',
    pos ? String(pos.end) : '',
    a.claim,
    a.stance.polarity,
    a.stance.intensity === undefined ? '' : String(a.stance.intensity),
    aboutText(a.about),
    about.label,
    about.type,
    about.wikidata,
    holderText(a.holder),
    holder.label,
    holder.type,
    holder.wikidata,
    a.attribution ?? '',
    a.when ?? '',
    a.confidence ?? '',
    (a.tags ?? []).join(';'),
    a.note ?? '',
    a.author,
    a.created,
    a.modified,
    a.orphaned ? 'true' : 'false',
  ];
}

function csvField(value: string, escapeFormulas: boolean): string {
  let v = value;
  if (escapeFormulas && /^[=+\-@\t\r]/.test(v) && !/^-?\d+$/.test(v)) v = `'${v}`;
  return /[",\r\n]/.test(v) || v !== v.trim() ? `"${v.replace(/"/g, '""')}"` : v;
}

export interface CsvOptions {
  /** Prepend a UTF-8 byte order mark so that Excel reads the file as UTF-8. */
  bom?: boolean;
  /** Prefix cells starting with = + - @ (other than integers) with ' so spreadsheets do not run them as formulas. */
  escapeFormulas?: boolean;
}

/** RFC 4180 CSV: header row, CRLF line ends, fields quoted when they contain a comma, quote or line break. */
export function toCsv(items: readonly ExportItem[], options: CsvOptions = {}, labels?: ExportLabels): string {
  const lines = [CSV_COLUMNS.join(',')];
  for (const item of items) lines.push(exportRow(item, labels).map((v) => csvField(v, options.escapeFormulas ?? false)).join(','));
  return (options.bom ? '\uFEFF' : '') + lines.join('\r\n') + '\r\n';
}

/**
 * One JSON object per line: the annotation as stored, plus `document`, `record` when known (and `recordInfo`:
 * id, title, date, source) and `labels` of its about / holder entity or topic when known.
 */
export function toJsonLines(items: readonly ExportItem[], labels?: ExportLabels): string {
  return items.map((i) => {
    const about = targetLabel(i.annotation.about, labels);
    const holder = targetLabel(i.annotation.holder, labels);
    const named = (t: typeof about) => (t.label ? { label: t.label, type: t.type, ...(t.wikidata ? { wikidata: t.wikidata } : {}) } : undefined);
    const l = { ...(named(about) && i.annotation.about && !('proposition' in i.annotation.about) ? { about: named(about) } : {}), ...(named(holder) && i.annotation.holder && 'entity' in i.annotation.holder ? { holder: named(holder) } : {}) };
    return JSON.stringify({
      document: i.document,
      ...(i.record !== undefined ? { record: i.record } : {}),
      ...(i.recordInfo ? { recordInfo: i.recordInfo } : {}),
      ...i.annotation,
      ...(Object.keys(l).length ? { labels: l } : {}),
    }) + '\n';
  }).join('');
}

export interface WebAnnotation {
  '@context'?: string;
  id: string;
  type: 'Annotation';
  motivation: 'classifying';
  created: string;
  modified: string;
  creator: { type: 'Person'; name: string };
  body: Array<{ type: 'TextualBody'; value: string; purpose: string; format?: string } | { type: 'SpecificResource'; source: string; purpose: string }>;
  target: { source: string; selector: Array<Record<string, unknown>> };
}

/** Wikidata entity IRI of an id such as Q7747. */
export function wikidataIri(id: string): string {
  return `http://www.wikidata.org/entity/${id}`;
}

/**
 * A corpus-relative path as a relative IRI reference, percent-encoded as VS Code encodes URI paths (vscode-uri):
 * 普京 1.txt -> %E6%99%AE%E4%BA%AC%201.txt, `/` kept between segments.
 */
export function relativeIri(path: string): string {
  const encoded = URI.from({ scheme: 'file', path: `/${path.replace(/^\/+/, '')}` }).toString();
  return encoded.slice('file:///'.length);
}

export interface JsonLdOptions {
  /** IRI prefix of annotation ids (default "urn:corpus-lens:annotation:"). */
  idBase?: string;
  /** Labels of entities and topics: an entity with a Wikidata id adds a SpecificResource body with its IRI. */
  labels?: ExportLabels;
  /** `@base` of the collection: what the documents' relative source IRIs resolve against. */
  base?: string;
}

/**
 * One annotation as a W3C Web Annotation (with its own @context). The target's source is the document's path as a
 * relative IRI (resolved against the collection's `@base`); a holder or about entity with a Wikidata id is also a
 * SpecificResource body whose source is its Wikidata IRI (purpose "identifying" for the holder, "classifying" for
 * what the claim is about).
 */
export function toWebAnnotation(item: ExportItem, options: JsonLdOptions = {}): WebAnnotation {
  const a = item.annotation;
  const body: WebAnnotation['body'] = [];
  const add = (purpose: string, value: string) => body.push({ type: 'TextualBody', value, purpose, format: 'text/plain' });
  add('describing', a.claim);
  add('classifying', `stance:${a.stance.polarity}`);
  if (a.stance.intensity !== undefined) add('classifying', `intensity:${a.stance.intensity}`);
  if (a.about) {
    if ('proposition' in a.about) add('describing', `about: ${a.about.proposition}`);
    else add('classifying', `about:${aboutText(a.about)}`);
  }
  if (a.holder) add('classifying', `holder:${holderText(a.holder)}`);
  if (a.attribution) add('classifying', `attribution:${a.attribution}`);
  if (a.when) add('classifying', `when:${a.when}`);
  if (a.confidence) add('classifying', `confidence:${a.confidence}`);
  for (const t of a.tags ?? []) add('tagging', t);
  if (a.note) add('commenting', a.note);
  if (a.orphaned) add('classifying', 'status:orphaned');
  const holder = targetLabel(a.holder, options.labels);
  if (holder.wikidata) body.push({ type: 'SpecificResource', source: wikidataIri(holder.wikidata), purpose: 'identifying' });
  const about = targetLabel(a.about, options.labels);
  if (about.wikidata) body.push({ type: 'SpecificResource', source: wikidataIri(about.wikidata), purpose: 'classifying' });
  return {
    '@context': 'http://www.w3.org/ns/anno.jsonld',
    id: (options.idBase ?? 'urn:corpus-lens:annotation:') + encodeURIComponent(a.id),
    type: 'Annotation',
    motivation: 'classifying',
    created: a.created,
    modified: a.modified,
    creator: { type: 'Person', name: a.author },
    body,
    target: { source: relativeIri(item.document), selector: a.target.selector.map((s) => ({ ...s })) },
  };
}

/**
 * All annotations as one JSON-LD document: an AnnotationCollection whose first AnnotationPage holds the
 * annotations (@context once, at the top).
 */
export function toJsonLd(items: readonly ExportItem[], options: JsonLdOptions & { label?: string } = {}): string {
  const annotations = items.map((i) => {
    const { '@context': _c, ...rest } = toWebAnnotation(i, options);
    return rest;
  });
  const doc = {
    '@context': options.base !== undefined ? ['http://www.w3.org/ns/anno.jsonld', { '@base': options.base }] : 'http://www.w3.org/ns/anno.jsonld',
    type: 'AnnotationCollection',
    label: options.label ?? 'Corpus Lens annotations',
    total: annotations.length,
    first: { type: 'AnnotationPage', startIndex: 0, items: annotations },
  };
  return JSON.stringify(doc, null, 2) + '\n';
}

