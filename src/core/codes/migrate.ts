/**
 * Tags → codes. Every distinct tag of the annotations becomes a code, unless a code already has it as its id, a
 * label or a synonym (compared folded: script, variants, width, Latin case), so 红线 and 紅線 become one code with
 * both labels. Tags in different languages (红线, red-line) stay two codes: merge them in the Codes view. The tags
 * stay on the annotations (nothing is removed); the annotations get `codes:` with the ids.
 */
import { fold, toSimplified } from '../text/fold';
import { codeNames, type Code, type Codebook } from './codebook';
import { newCodeId, type CodebookEdit } from './codebookEdits';

export interface MigrationPlan {
  /** Codes to create. */
  edits: CodebookEdit[];
  /** Tag → code id, for every tag seen. */
  codeOf: Map<string, string>;
}

const HAN = /\p{Script=Han}/u;

function key(s: string): string {
  return fold(s.normalize('NFKC')).trim().toLowerCase().replace(/[\s_]+/g, '-');
}

export function planTagMigration(book: Codebook, tags: Iterable<string>): MigrationPlan {
  const byName = new Map<string, string>();
  for (const c of book.codes) {
    byName.set(key(c.id), c.id);
    for (const n of codeNames(c)) byName.set(key(n), c.id);
  }
  for (const [merged, into] of book.merged) byName.set(key(merged), into);
  const created = new Map<string, Code>();
  const taken = { ...book, byId: new Map(book.byId) };
  const codeOf = new Map<string, string>();
  for (const tag of [...new Set(tags)].sort()) {
    const k = key(tag);
    const existing = byName.get(k);
    if (existing !== undefined) {
      codeOf.set(tag, existing);
      const fresh = created.get(existing);
      if (fresh && HAN.test(tag)) {
        // Another script of a new code's label: traditional when it differs from its simplified form.
        const lang = toSimplified(tag) !== tag ? 'zh-Hant' : 'zh-Hans';
        if (fresh.labels[lang] === undefined) fresh.labels[lang] = tag;
        else if (!codeNames(fresh).includes(tag)) fresh.synonyms = [...(fresh.synonyms ?? []), tag];
      }
      continue;
    }
    const isHan = HAN.test(tag);
    const id = newCodeId(taken as Codebook, isHan ? '' : tag);
    const labels: Code['labels'] = isHan ? (toSimplified(tag) !== tag ? { 'zh-Hant': tag } : { 'zh-Hans': tag }) : { en: tag };
    const code: Code = { id, labels };
    created.set(id, code);
    taken.byId.set(id, code);
    byName.set(k, id);
    byName.set(key(id), id);
    codeOf.set(tag, id);
  }
  return { edits: [...created.values()].map((code) => ({ kind: 'create' as const, code })), codeOf };
}

/** The codes an annotation gets from its tags (its existing codes first, no duplicates). */
export function codesForTags(existing: readonly string[] | undefined, tags: readonly string[] | undefined, codeOf: ReadonlyMap<string, string>): string[] {
  const out = [...(existing ?? [])];
  for (const t of tags ?? []) {
    const id = codeOf.get(t);
    if (id !== undefined && !out.includes(id)) out.push(id);
  }
  return out;
}
