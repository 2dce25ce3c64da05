/**
 * Row groupings of the document × code matrix: a document (and the record an item is in) → the group its row
 * counts in. Built from the metadata the index has today (the record's source / outlet, the language of its text,
 * the year of its date); a document variable (outlet, country, genre … of the codes' variables file) is one more
 * grouping of the same shape (`variableGrouping`), so a matrix by any variable is a `GroupKey` away.
 */
import type { PassageDater } from './dating';
import { periodKey } from './periods';
import type { ViewCorpus } from './source';
import * as l10n from '@vscode/l10n';

/** The group of an item of `path` in the record `recordIndex` (-1: outside every record); undefined: no value. */
export type GroupKey = (path: string, recordIndex: number) => string | undefined;

export interface Grouping {
  id: string;
  label: string;
  key: GroupKey;
}

const HAN = /\p{Script=Han}/gu;
const LATIN = /\p{Script=Latin}/gu;

/**
 * The language of a text by its letters: Chinese when Han characters outnumber Latin letters by words (a Han
 * character counts as a word, five Latin letters as one), then simplified or traditional by which of the two forms
 * its characters take more often (`toSimplified` changes traditional-only characters); else English.
 */
export function languageOf(text: string, toSimplified: (s: string) => string): string | undefined {
  const sample = text.length > 20_000 ? text.slice(0, 20_000) : text;
  const han = sample.match(HAN)?.length ?? 0;
  const latin = sample.match(LATIN)?.length ?? 0;
  if (!han && !latin) return undefined;
  if (han < latin / 5) return 'English';
  const simplified = toSimplified(sample);
  let traditional = 0;
  for (let i = 0; i < sample.length; i++) if (simplified.charCodeAt(i) !== sample.charCodeAt(i)) traditional++;
  return traditional > han * 0.05 ? 'Chinese (traditional)' : 'Chinese (simplified)';
}

/** The groupings the index's metadata gives: source / outlet, language, year of the record's date. */
export function metadataGroupings(ctx: { corpus: ViewCorpus; dater: PassageDater; textOf(path: string): string | undefined; toSimplified(s: string): string }): Grouping[] {
  const languages = new Map<string, string | undefined>();
  return [
    {
      id: 'source',
      label: l10n.t('source / outlet'),
      key: (path, r) => (r >= 0 ? ctx.corpus.document(path)?.records[r]?.source?.trim() || undefined : undefined),
    },
    {
      id: 'language',
      label: l10n.t('language'),
      key: (path, r) => {
        const record = r >= 0 ? ctx.corpus.document(path)?.records[r] : undefined;
        const cacheKey = `${path}\u0000${r}`;
        if (languages.has(cacheKey)) return languages.get(cacheKey);
        const text = ctx.textOf(path);
        const v = text === undefined ? undefined : languageOf(record ? text.slice(record.span.start, record.span.end) : text, ctx.toSimplified);
        languages.set(cacheKey, v);
        return v;
      },
    },
    {
      id: 'year',
      label: l10n.t('year of the record date'),
      key: (path, r) => {
        const record = r >= 0 ? ctx.corpus.document(path)?.records[r] : undefined;
        if (!record) return undefined;
        const d = ctx.dater.recordDateOf(path, record.span.start, record.span.end);
        return d ? periodKey(d.point, 'year') : undefined;
      },
    },
  ];
}

/** A grouping by one document variable (`variablesOf` gives a document's variables). */
export function variableGrouping(name: string, variablesOf: (path: string) => Readonly<Record<string, string>>): Grouping {
  return { id: `variable:${name}`, label: name, key: (path) => variablesOf(path)[name]?.trim() || undefined };
}
