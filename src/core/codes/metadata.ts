/**
 * Document variables taken from the corpus index's record metadata (the variables file overrides them):
 * - outlet: the records' source (journal, news source, 網站來源), the most frequent one in a document;
 * - date: the earliest record date (timestamp, citation year, Date line, dateline), normalised (YYYY, YYYY-MM or
 *   YYYY-MM-DD);
 * - language: the script detected in the records' titles and first words: zh-Hans, zh-Hant or en;
 * - country: the outlet's country when the knowledge base has the outlet with a `country` (country/CN → CN).
 * Pure: the host passes the summaries (core/corpus/index.ts) and the knowledge base's entities.
 */
import { fold, toSimplified } from '../text/fold';
import { parseStandaloneDate } from '../dates/index';
import type { Variables } from './variables';

/** What the metadata is read from: an indexed document's records (DocumentSummary's shape). */
export interface MetadataSource {
  records: ReadonlyArray<{ source?: string; dateText?: string; title?: string; label?: string }>;
}

export interface OutletEntity {
  type: string;
  country?: string;
  allNames(): string[];
}

/** Folded outlet names → country code, from the organisations of a knowledge base that have a country. */
export function outletCountries(entities: Iterable<OutletEntity>): Map<string, string> {
  const out = new Map<string, string>();
  for (const e of entities) {
    if (!e.country || e.type === 'country') continue;
    const code = e.country.replace(/^country\//, '');
    for (const n of e.allNames()) {
      const k = fold(n.trim());
      if (k && !out.has(k)) out.set(k, code);
    }
  }
  return out;
}

/** zh-Hans, zh-Hant or en, from a sample of the text (undefined: no letters at all). */
export function detectLanguage(sample: string): string | undefined {
  let han = 0;
  let latin = 0;
  let traditional = 0;
  for (const ch of sample) {
    const c = ch.codePointAt(0)!;
    if ((c >= 0x4e00 && c <= 0x9fff) || (c >= 0x3400 && c <= 0x4dbf) || (c >= 0xf900 && c <= 0xfaff) || (c >= 0x20000 && c <= 0x2ffff)) {
      han++;
      if (c <= 0xffff && toSimplified(ch) !== ch) traditional++;
    } else if ((c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a)) latin++;
  }
  if (!han && !latin) return undefined;
  // A Chinese character carries about as much as a few Latin letters: compare on that scale.
  if (han * 3 >= latin) return traditional * 20 >= han && traditional >= 1 ? 'zh-Hant' : 'zh-Hans';
  return 'en';
}

function mostFrequent(values: readonly string[]): string | undefined {
  const counts = new Map<string, number>();
  for (const v of values) counts.set(v, (counts.get(v) ?? 0) + 1);
  let best: string | undefined;
  let n = 0;
  for (const [v, k] of counts) if (k > n) [best, n] = [v, k];
  return best;
}

/** The variables a document's metadata gives (only those it has). */
export function metadataVariables(doc: MetadataSource, countries?: ReadonlyMap<string, string>): Variables {
  const out: Variables = {};
  const outlet = mostFrequent(doc.records.map((r) => r.source?.trim() ?? '').filter(Boolean));
  if (outlet) {
    out.outlet = outlet;
    const country = countries?.get(fold(outlet));
    if (country) out.country = country;
  }
  const dates = doc.records
    .map((r) => (r.dateText ? parseStandaloneDate(r.dateText) : undefined))
    .filter((d): d is string => d !== undefined)
    .map((d) => d.slice(0, 10))
    .sort();
  if (dates.length) out.date = dates[0]!;
  const language = detectLanguage(doc.records.map((r) => `${r.title ?? ''} ${r.label ?? ''}`).join(' '));
  if (language) out.language = language;
  return out;
}

function q(s: string): string {
  return JSON.stringify(s);
}

/**
 * A variables file seeded with detected values (documents by workspace-relative path, sorted), every string quoted
 * (YAML 1.1-safe: 2021-12-31 stays text). The values are then the file's: they override the metadata.
 */
export function seedVariablesFile(documents: ReadonlyArray<[string, Variables]>): string {
  const lines = [
    '# Document variables (outlet, country, language, genre, date, or any name) and named document sets.',
    '# Seeded with the values detected from the index metadata; a value here overrides the detected one,',
    '# delete a line to go back to the detected value. Filters: country=CN,TW genre=news date>=2020 set:name',
    'schema: corpus-lens/variables@1',
  ];
  const docs = [...documents].filter(([, v]) => Object.keys(v).length).sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
  if (!docs.length) lines.push('documents: {}');
  else {
    lines.push('documents:');
    for (const [path, vars] of docs) lines.push(`  ${q(path)}: {${Object.entries(vars).map(([k, v]) => `${k}: ${q(v)}`).join(', ')}}`);
  }
  lines.push('sets: {}');
  return lines.join('\n') + '\n';
}
