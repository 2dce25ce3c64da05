/**
 * Surface forms of the knowledge base as the recogniser matches them: the folded text of each name and alias, its
 * boundary and case flags, and the entity it belongs to, in one table sorted in code-unit order (so a trie is built
 * from it in one pass, see `Trie.fromSorted`). The bundled knowledge base ships this table precompiled
 * (data/knowledge.compiled.json); a workspace's additions are folded at load and merged into it.
 */
import { indexOfSorted } from '../sorted';
import { fold } from '../text/fold';
import type { Entity } from './knowledge';

/** The form starts with a Latin letter or digit: it needs a word boundary before it. */
export const FLAG_LEFT = 1;
/** The form ends with a Latin letter or digit: it needs a word boundary after it. */
export const FLAG_RIGHT = 2;
/** An acronym (US, UN, WHO, SCO): its letters must be upper case in the text too ("us", "who" are words). */
export const FLAG_UPPER = 4;
/** A capitalised Latin name (Trump, Congress, Putin): the text must start with a capital ("trump card"). */
export const FLAG_CAPITAL = 8;
/**
 * A tagged name (`tagged:` in the knowledge base): linked only where the name tagger proposes exactly this span,
 * never matched on its own (利马 is Lima where the tagger finds a place 利马, not in 胜利马上).
 */
export const FLAG_TAGGED = 64;
/** The recogniser's: a single word of a person's English name (Biden, Xi), only after the full name in the same text. */
export const FLAG_PART = 16;
/** The recogniser's: an English demonym or adjective of a country (Russian, Iraqi). */
export const FLAG_DEMONYM = 32;

/** Latin letters and digits (after folding: lower case); Latin-1/Extended letters too. */
export function isWordChar(c: number): boolean {
  return (c >= 97 && c <= 122) || (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 0xc0 && c <= 0x24f && c !== 0xd7 && c !== 0xf7);
}

/**
 * Case of the letters of Latin Extended-A and -B (U+0100-U+024F: Šefčovič, Łukasz, Erdoğan, Ţară): 1 upper, -1
 * lower, 0 neither; from the platform's case mapping.
 */
const EXTENDED_CASE = (() => {
  const t = new Int8Array(0x250 - 0x100);
  for (let c = 0x100; c < 0x250; c++) {
    const s = String.fromCharCode(c);
    const upper = s.toUpperCase();
    const lower = s.toLowerCase();
    t[c - 0x100] = s !== lower && s === upper ? 1 : s !== upper && s === lower ? -1 : 0;
  }
  return t;
})();

/** Upper-case Latin letter: ASCII, full-width, Latin-1 or Latin Extended-A/B. */
export function isUpper(c: number): boolean {
  return (c >= 65 && c <= 90) || (c >= 0xff21 && c <= 0xff3a) || (c >= 0xc0 && c <= 0xde && c !== 0xd7) || (c >= 0x100 && c < 0x250 && EXTENDED_CASE[c - 0x100] === 1);
}

export function isLower(c: number): boolean {
  return (c >= 97 && c <= 122) || (c >= 0xff41 && c <= 0xff5a) || (c >= 0xdf && c <= 0xff && c !== 0xf7) || (c >= 0x100 && c < 0x250 && EXTENDED_CASE[c - 0x100] === -1);
}

/** Case flags of a surface form as written in the knowledge base. */
export function caseFlags(name: string): number {
  let upper = 0;
  let lower = 0;
  for (let i = 0; i < name.length; i++) {
    const c = name.charCodeAt(i);
    if (isUpper(c)) upper++;
    else if (isLower(c)) lower++;
  }
  if (upper >= 2 && lower === 0) return FLAG_UPPER;
  if (upper > 0 && isUpper(name.charCodeAt(0))) return FLAG_CAPITAL;
  return 0;
}

/** The folded form of a name and its flags, or undefined for an empty name. */
export function surfaceForm(name: string): { form: string; flags: number } | undefined {
  const trimmed = name.trim();
  const form = fold(trimmed);
  if (form.length === 0) return undefined;
  let flags = 0;
  if (isWordChar(form.charCodeAt(0))) flags |= FLAG_LEFT;
  if (isWordChar(form.charCodeAt(form.length - 1))) flags |= FLAG_RIGHT;
  return { form, flags: flags | caseFlags(trimmed) };
}

/**
 * The flags of one entity's form written two ways: the weaker case rule (none < capital < upper) and tagged only when
 * both are; the boundary flags depend on the folded form alone and are equal.
 */
export function combineFlags(a: number, b: number): number {
  const caseOf = (f: number): number => (f & FLAG_UPPER ? 2 : f & FLAG_CAPITAL ? 1 : 0);
  const weaker = Math.min(caseOf(a), caseOf(b));
  const rest = (a | b) & ~(FLAG_UPPER | FLAG_CAPITAL | FLAG_TAGGED);
  return rest | (weaker === 2 ? FLAG_UPPER : weaker === 1 ? FLAG_CAPITAL : 0) | (a & b & FLAG_TAGGED);
}

/** Sorted, distinct folded forms with the index of their entity and their flags. */
export interface FormTable {
  forms: readonly string[];
  entity: ArrayLike<number>;
  flags: ArrayLike<number>;
}

/**
 * The form table of `entities` (entity i gets index `indexOf(i)`): when two entities share a form, the later one
 * wins, as a workspace file loaded after the bundled one overrides it.
 */
export function buildFormTable(entities: readonly Entity[], indexOf: (i: number) => number = (i) => i): FormTable {
  const winner = new Map<string, { entity: number; flags: number }>();
  entities.forEach((e, i) => {
    const index = indexOf(i);
    for (const name of e.allNames()) {
      const s = surfaceForm(name);
      if (!s) continue;
      const flags = e.tagged.includes(name) ? s.flags | FLAG_TAGGED : s.flags;
      const same = winner.get(s.form);
      if (same && same.entity === index) {
        // Two names of one entity that fold alike (al-Shabaab, Al-Shabaab): either way of writing it is the name.
        same.flags = combineFlags(same.flags, flags);
        continue;
      }
      winner.delete(s.form); // re-insert: the later entity wins
      winner.set(s.form, { entity: index, flags });
    }
  });
  const forms = [...winner.keys()].sort();
  const entity = new Int32Array(forms.length);
  const flags = new Uint8Array(forms.length);
  forms.forEach((f, k) => {
    const w = winner.get(f)!;
    entity[k] = w.entity;
    flags[k] = w.flags;
  });
  return { forms, entity, flags };
}

/**
 * Merges a precompiled table (whose entity indices are remapped by `remap`; -1 drops the form) with a table of
 * later additions that win on equal forms. Both inputs sorted; the result too. Linear.
 */
export function mergeFormTables(base: FormTable, remap: ArrayLike<number>, overlay: FormTable): FormTable {
  const forms: string[] = [];
  const entity: number[] = [];
  const flags: number[] = [];
  let a = 0;
  let b = 0;
  const na = base.forms.length;
  const nb = overlay.forms.length;
  while (a < na || b < nb) {
    const fa = a < na ? base.forms[a]! : undefined;
    const fb = b < nb ? overlay.forms[b]! : undefined;
    if (fb !== undefined && (fa === undefined || fb <= fa)) {
      forms.push(fb);
      entity.push(overlay.entity[b]!);
      flags.push(overlay.flags[b]!);
      b++;
      if (fa === fb) a++;
      continue;
    }
    const e = remap[base.entity[a]!]!;
    if (e >= 0) {
      forms.push(fa!);
      entity.push(e);
      flags.push(base.flags[a]!);
    }
    a++;
  }
  return { forms, entity, flags };
}

/** Index of `form` in a sorted form list, or -1 (binary search). */
export function findForm(forms: readonly string[], form: string): number {
  return indexOfSorted(forms, form);
}
