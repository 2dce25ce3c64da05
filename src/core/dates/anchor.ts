/**
 * How a relative or partial date was resolved: the reference a mention's `anchor` names. The anchor is data (English,
 * the same in the CLI, the exports and the index cache): `<how> <value>`, or `<how> (<value>)` for an inferred
 * reference. The `how` texts are built here only (recordReference in core/analysis.ts, the inferred year in
 * core/dates/index.ts), and `describeAnchor` reads them back into a sentence in the interface language for the
 * hover card.
 */
import * as l10n from '@vscode/l10n';
import type { CorpusRecord } from '../corpus/model';

export type ReferenceSource = NonNullable<CorpusRecord['dateSource']>;

const SOURCE_LABEL: Record<ReferenceSource, string> = {
  timestamp: 'article timestamp',
  citation: 'citation year',
  'date-line': 'Date line',
  dateline: 'dateline',
};

/** A reference the date rules inferred: the latest explicit year before the mention. */
export const INFERRED_HOW = 'inferred: latest explicit year';
/** The analyst's reference date for the document (in its sidecar). */
export const SETTING_HOW = 'setting (sidecar)';
/** A dateline's year taken from the analyst's reference date. */
export const SETTING_YEAR_HOW = 'the year of the setting (sidecar)';

/** An open interval from an event whose date the text does not give (after the war, 冷战结束以来). */
export const EVENT_ANCHOR = 'event: the date of the event is not in the text';

/** A partial date (3月22日) that takes its year (and month) from the date written just before it. */
export function contextAnchor(value: string): string {
  return `context: previous date ${value}`;
}

/** The record's own date in its metadata: `metadata: article timestamp (line 31)`. */
export function metadataHow(source: ReferenceSource, line?: number): string {
  return `metadata: ${SOURCE_LABEL[source]}${line ? ` (line ${line})` : ''}`;
}

/** A dateline's year taken from the publication date written before it (a page's timestamp) or on a record beside it. */
export function publicationYearHow(date: string): string {
  return `the publication date (${date})`;
}

/** A dateline without a year, its year from elsewhere: `<metadata how>, year from <year how>`. */
export function datelineYearHow(where: string, year: { how: string; value: string }): string {
  const from = year.how === INFERRED_HOW ? `the latest year the record mentions (${year.value})` : year.how;
  return `${where}, year from ${from}`;
}

/** The anchor written on mentions resolved against a reference (see the file comment). */
export function anchorOf(how: string, value: string, inferred = false): string {
  return inferred ? `${how} (${value})` : `${how} ${value}`;
}

function sourceName(label: string): string {
  switch (label) {
    case 'article timestamp': return l10n.t('the article timestamp');
    case 'citation year': return l10n.t('the citation year');
    case 'Date line': return l10n.t('the Date line');
    default: return l10n.t('the dateline');
  }
}

const METADATA = /^metadata: (article timestamp|citation year|Date line|dateline)(?: \(line (\d+)\))?(?:, year from (?:the latest year the record mentions \((\d+)\)|(the year of the setting \(sidecar\))|the publication date \((\S+)\)))? (\S+)$/;

/**
 * The reference of an anchor as a phrase in the interface language ("the article timestamp (line 31) in the
 * metadata: 2021-12-31"); undefined for an anchor this module did not write ('explicit', 'unresolved', or a
 * reference a caller passed in its own words).
 */
export function describeAnchor(anchor: string): string | undefined {
  if (anchor === EVENT_ANCHOR) return l10n.t('the date of an event, which the text does not give');
  let m = /^context: previous date (\S+)$/.exec(anchor);
  if (m) return l10n.t('the date written just before it ({0})', m[1]!);
  m = /^inferred: latest explicit year \((\S+)\)$/.exec(anchor);
  if (m) return l10n.t('the latest explicit year before it in the text ({0}), inferred', m[1]!);
  m = /^setting \(sidecar\) (\S+)$/.exec(anchor);
  if (m) return l10n.t('the reference date set for this document ({0})', m[1]!);
  m = METADATA.exec(anchor);
  if (!m) return undefined;
  const [, label, line, latest, setting, published, value] = m;
  const source = sourceName(label!);
  const where = line ? l10n.t('{0} (line {1}) in the metadata: {2}', source, line, value!) : l10n.t('{0} in the metadata: {1}', source, value!);
  if (latest) return l10n.t('{0}, its year from the latest year the record mentions ({1})', where, latest);
  if (setting) return l10n.t('{0}, its year from the reference date set for this document', where);
  if (published) return l10n.t('{0}, its year from the publication date ({1})', where, published);
  return where;
}
