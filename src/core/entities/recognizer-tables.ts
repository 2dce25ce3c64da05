/**
 * What the entity recogniser derives from a knowledge base before it can scan a text: entity ids and types, the
 * name trie over the folded surface forms, the form flags and entities, abbreviation characters, bare surnames,
 * context compounds and shared abbreviations (see recognizer.ts for what each is used for).
 *
 * `buildRecognizerTables` computes them (for the bundled knowledge base that is ~150 ms of CPU: the entity loop,
 * the name-part filtering, the form lookups, the trie). The build does it once (scripts/compile-knowledge.ts) and
 * ships the result packed (`packRecognizerTables`, see packed.ts); a process then gets them from the bytes
 * (`unpackRecognizerTables`: views of the buffer, the strings decoded once) when its knowledge base is exactly the
 * bundled one (`KnowledgeBase.recognizerTables`), and computes them when a workspace file adds or changes entities.
 * Both paths give the same tables: the packed ones are the computed ones, written by the build from the same code.
 */
import { fold } from '../text/fold';
import type { EntityType } from '../types';
import { DEMONYMS } from './demonyms';
import { FLAG_CAPITAL, FLAG_DEMONYM, FLAG_LEFT, FLAG_PART, FLAG_RIGHT, findForm, mergeFormTables, type FormTable } from './forms';
import type { KnowledgeBase } from './knowledge';
import { pack, unpack, type Unpacked } from './packed';
import { Trie, type TrieArrays } from './trie';
import { ENTITY_TYPES } from './types';
import { CONTEXT_COMPOUNDS, SHARED_ABBREVIATIONS, SURNAME_STOP } from './words';

export interface RecognizerTables {
  /** Per entity index (the position in `kb.all()`). */
  entityIds: readonly string[];
  entityTypes: readonly EntityType[];
  /** The country an organisation belongs to (`country:` in the knowledge base), else undefined. */
  entityCountry: ReadonlyArray<string | undefined>;
  entityIndex: ReadonlyMap<string, number>;
  /** Entity index of each abbreviation character (UTF-16 unit, folded), -1 for none. */
  abbrEntity: Int32Array;
  /** The surface forms: trie value k is form k, with its entity and flags (FLAG_* of forms.ts). */
  names: Trie;
  formEntity: Int32Array;
  formFlags: Uint8Array;
  /** Whether any entity has tagged names. */
  hasTagged: boolean;
  /** Bare surnames (FLAG_PART forms): form -> the persons of that surname. */
  formParts: ReadonlyMap<number, readonly number[]>;
  /** CONTEXT_COMPOUNDS whose members are known (value: index into ctxMembers) and their [offset, length, entity]. */
  ctx: Trie;
  ctxMembers: ReadonlyArray<ReadonlyArray<readonly [number, number, number]>>;
  /** Abbreviation character -> candidate entity indices (SHARED_ABBREVIATIONS). */
  shared: ReadonlyMap<number, readonly number[]>;
}

/**
 * The form table without the one-word Latin aliases that are words of their person's English name (Xi for Xi
 * Jinping), each handed to `part` instead (they count only after the full name), in table order. Looks up each
 * person's words in the sorted table (a few thousand binary searches) rather than testing every form.
 */
function withoutNameParts(table: FormTable, nameWords: ReadonlyMap<number, ReadonlySet<string>>, part: (form: string, entity: number) => void): FormTable {
  const dropped: number[] = [];
  for (const [entity, words] of nameWords) {
    for (const word of words) {
      const k = findForm(table.forms, word);
      if (k >= 0 && table.entity[k] === entity && /^[a-z\u00c0-\u024f'-]+$/.test(word)) dropped.push(k);
    }
  }
  if (dropped.length === 0) return table;
  dropped.sort((a, b) => a - b);
  for (const k of dropped) part(table.forms[k]!, table.entity[k]!);
  const n = table.forms.length - dropped.length;
  const forms = new Array<string>(n);
  const entity = new Int32Array(n);
  const flags = new Uint8Array(n);
  let out = 0;
  let d = 0;
  for (let k = 0; k < table.forms.length; k++) {
    if (d < dropped.length && dropped[d] === k) {
      d++;
      continue;
    }
    forms[out] = table.forms[k]!;
    entity[out] = table.entity[k]!;
    flags[out] = table.flags[k]!;
    out++;
  }
  return { forms, entity, flags };
}

/** The tables of `kb`: packed by the build for the bundled knowledge base, else computed. */
export function recognizerTables(kb: KnowledgeBase): RecognizerTables {
  const packed = kb.recognizerTables();
  return (packed && unpackRecognizerTables(packed)) ?? buildRecognizerTables(kb);
}

/** Computes the tables of `kb`. */
export function buildRecognizerTables(kb: KnowledgeBase): RecognizerTables {
  const entities = kb.all();
  const entityIds: string[] = [];
  const entityTypes: EntityType[] = [];
  const entityCountry: Array<string | undefined> = [];
  const entityIndex = new Map<string, number>();
  const abbrEntity = new Int32Array(65536).fill(-1);
  /** Bare surnames: folded form -> persons. */
  const partLists = new Map<string, number[]>();
  const addPart = (form: string, entity: number) => {
    const list = partLists.get(form) ?? [];
    if (!list.includes(entity)) list.push(entity);
    partLists.set(form, list);
  };
  const countryByName = new Map<string, number>();
  /** Persons with an English name of several words: the folded words of that name. */
  const nameWords = new Map<number, Set<string>>();
  entities.forEach((e, index) => {
    entityIds.push(e.id);
    entityTypes.push(e.type);
    entityCountry.push(e.type === 'organization' ? e.country : undefined);
    entityIndex.set(e.id, index);
    if (e.type === 'country' && e.names.en) countryByName.set(e.names.en.toLowerCase(), index);
    const enWords = e.type === 'person' && e.names.en ? e.names.en.split(/\s+/).filter((w) => w.length > 0) : [];
    // The bare surname of a person named in English (Biden; Kim and Xi, written first, for East Asian names).
    if (enWords.length >= 2) {
      // Surname first only for Chinese and Korean names: Japanese names are written given name first in English
      // (Taro Kono), and so are those of Chinese-named Westerners (Kevin Rudd, 陆克文; Penny Wong, 黄英贤).
      const surnameFirstCountry = !e.country || /^country\/(CN|TW|HK|MO|KP|KR)$/.test(e.country);
      const eastAsian = surnameFirstCountry && Boolean(e.names['zh-Hans'] || e.names['zh-Hant']) && /^[A-Z][a-z]{1,4}$/.test(enWords[0]!) && !/[·・]/.test(e.names['zh-Hans'] ?? '');
      const surname = eastAsian ? enWords[0]! : enWords[enWords.length - 1]!;
      if (/^[A-Z][a-z\u00e0-\u024f'-]+$/.test(surname) && !SURNAME_STOP.has(surname.toLowerCase())) addPart(fold(surname), index);
      nameWords.set(index, new Set(enWords.map((w) => fold(w))));
    }
    for (const a of e.abbr) {
      const f = fold(a);
      if (f.length === 1) abbrEntity[f.charCodeAt(0)] = index;
    }
  });
  // The folded, sorted forms (precompiled for the bundled knowledge base; later entities win a shared form),
  // except one-word aliases that are part of a person's English name (Xi for Xi Jinping: only after the full
  // name), plus the bare surnames and the English demonyms where no name has their form. Trie value k is form k.
  const table = kb.formTable();
  const base: FormTable = nameWords.size ? withoutNameParts(table, nameWords, addPart) : table;
  const known = (form: string) => findForm(base.forms, form) >= 0;
  const extra = new Map<string, { entity: number; flags: number; parts?: number[] }>();
  for (const [form, list] of partLists) {
    if (!known(form)) extra.set(form, { entity: list[0]!, flags: FLAG_LEFT | FLAG_RIGHT | FLAG_CAPITAL | FLAG_PART, parts: list });
  }
  // English demonyms and adjectives (Russian, Chinese, Iraqi) link to their country, typed as demonyms (also
  // where the knowledge base lists the demonym as an alias of that country).
  let baseFlags: ArrayLike<number> = base.flags;
  for (const [demonym, country] of DEMONYMS) {
    const index = countryByName.get(country.toLowerCase());
    const form = fold(demonym);
    if (index === undefined || extra.has(form)) continue;
    const at = findForm(base.forms, form);
    if (at < 0) extra.set(form, { entity: index, flags: FLAG_LEFT | FLAG_RIGHT | FLAG_CAPITAL | FLAG_DEMONYM });
    else if (base.entity[at] === index) {
      if (baseFlags === base.flags) baseFlags = Uint8Array.from(base.flags);
      (baseFlags as Uint8Array)[at] = base.flags[at]! | FLAG_DEMONYM;
    }
  }
  let merged: FormTable = baseFlags === base.flags ? base : { ...base, flags: baseFlags };
  const formParts = new Map<number, number[]>();
  if (extra.size) {
    const forms = [...extra.keys()].sort();
    const overlay: FormTable = { forms, entity: Int32Array.from(forms, (f) => extra.get(f)!.entity), flags: Uint8Array.from(forms, (f) => extra.get(f)!.flags) };
    merged = mergeFormTables(merged, Int32Array.from({ length: entities.length }, (_, i) => i), overlay);
    for (const [form, x] of extra) if (x.parts) formParts.set(findForm(merged.forms, form), x.parts);
  }
  const values = new Int32Array(merged.forms.length);
  for (let k = 0; k < values.length; k++) values[k] = k;
  const names = Trie.fromSorted(merged.forms, values);
  const byEn = new Map<string, number>();
  entities.forEach((e, index) => {
    if (e.names.en && (e.type === 'country' || e.type === 'organization') && !byEn.has(e.names.en)) byEn.set(e.names.en, index);
  });
  const ctx = new Trie();
  const ctxMembers: Array<Array<[number, number, number]>> = [];
  for (const [pattern, parts] of CONTEXT_COMPOUNDS) {
    const resolved = parts.map(([o, l, name]): [number, number, number] => [o, l, byEn.get(name) ?? -1]);
    if (resolved.some((r) => r[2] < 0)) continue;
    ctx.add(fold(pattern), ctxMembers.length);
    ctxMembers.push(resolved);
  }
  ctx.compile();
  const shared = new Map<number, number[]>();
  // Every country whose Chinese name begins with a shared abbreviation may be meant by it (巴 after 巴拉圭 is
  // Paraguay, after 巴林 Bahrain), besides the ones listed.
  const byFirst = new Map<number, number[]>();
  entities.forEach((e, index) => {
    const zh = e.type === 'country' ? e.names['zh-Hans'] : undefined;
    if (!zh || zh.length < 2) return;
    const c = fold(zh).charCodeAt(0);
    byFirst.set(c, [...(byFirst.get(c) ?? []), index]);
  });
  for (const [ch, names] of SHARED_ABBREVIATIONS) {
    const c = fold(ch).charCodeAt(0);
    const ids = [...new Set([...names.map((n) => byEn.get(n)).filter((x): x is number => x !== undefined), ...(byFirst.get(c) ?? [])])];
    if (ids.length > 1 || (ids.length === 1 && abbrEntity[c]! < 0)) shared.set(c, ids);
  }
  return {
    entityIds,
    entityTypes,
    entityCountry,
    entityIndex,
    abbrEntity,
    names,
    // Typed arrays on both paths (the packed tables are views): the scan reads the same kind of array either way.
    formEntity: merged.entity instanceof Int32Array ? merged.entity : Int32Array.from(merged.entity),
    formFlags: merged.flags instanceof Uint8Array ? merged.flags : Uint8Array.from(merged.flags),
    hasTagged: entities.some((e) => e.tagged.length > 0),
    formParts,
    ctx,
    ctxMembers,
    shared,
  };
}

// ---------------------------------------------------------------------------------------------------------------
// Packed form

/** Bump when the packed layout changes (a buffer of another version is not read: the tables are computed). */
const PACKED_VERSION = 1;

/** Integer lists of a map to lists: [key, count, ...values] per entry. */
function flattenLists(map: ReadonlyMap<number, readonly number[]>): Int32Array {
  const out: number[] = [];
  for (const [k, list] of map) out.push(k, list.length, ...list);
  return Int32Array.from(out);
}

function listsOf(flat: Int32Array): Map<number, number[]> {
  const map = new Map<number, number[]>();
  for (let i = 0; i < flat.length; ) {
    const k = flat[i]!;
    const n = flat[i + 1]!;
    map.set(k, Array.from(flat.subarray(i + 2, i + 2 + n)));
    i += 2 + n;
  }
  return map;
}

/**
 * A trie's arrays as stored. A trie laid out breadth first with its nodes in edge order (`Trie.fromSorted`: node
 * e + 1 + roots is the target of edge e, and a node's edges follow those of the nodes before it) is stored without
 * the arrays that layout implies (edge targets, first edges) and with its values sparse: a third of the bytes, made
 * whole again in a few linear passes (`trieOf`). Any other layout is stored as it is.
 */
function trieSections(prefix: string, trie: Trie): Record<string, Int32Array | Uint16Array | Uint8Array> {
  const a = trie.toArrays();
  const common = { [`${prefix}.rootStarts`]: a.rootStarts, [`${prefix}.edgeChar`]: a.edgeChar, [`${prefix}.scalars`]: Int32Array.of(a.longest, a.size) };
  const valued: number[] = [];
  const values: number[] = [];
  let maxCount = 0;
  a.nodeValue.forEach((v, node) => {
    if (v >= 0) {
      valued.push(node);
      values.push(v);
    }
  });
  for (const c of a.edgeCount) if (c > maxCount) maxCount = c;
  const compact = {
    edgeCount: maxCount < 256 ? Uint8Array.from(a.edgeCount) : maxCount < 65536 ? Uint16Array.from(a.edgeCount) : a.edgeCount,
    valued: Int32Array.from(valued),
    values: Int32Array.from(values),
  };
  const whole = expandTrie(a.rootStarts, a.edgeChar, compact.edgeCount, compact.valued, compact.values, a.longest, a.size);
  const same = (x: ArrayLike<number>, y: ArrayLike<number>) => x.length === y.length && Array.prototype.every.call(x, (v: number, i: number) => v === y[i]);
  if (same(whole.firstEdge, a.firstEdge) && same(whole.edgeTarget, a.edgeTarget) && same(whole.nodeValue, a.nodeValue) && same(whole.edgeCount, a.edgeCount)) {
    return { ...common, [`${prefix}.edgeCount`]: compact.edgeCount, [`${prefix}.valued`]: compact.valued, [`${prefix}.values`]: compact.values };
  }
  return { ...common, [`${prefix}.edgeCount`]: a.edgeCount, [`${prefix}.firstEdge`]: a.firstEdge, [`${prefix}.edgeTarget`]: a.edgeTarget, [`${prefix}.nodeValue`]: a.nodeValue };
}

/** The arrays of a breadth-first trie from its compact form (see `trieSections`). */
function expandTrie(rootStarts: Int32Array, edgeChar: Uint16Array, edgeCount: ArrayLike<number>, valued: Int32Array, values: Int32Array, longest: number, size: number): TrieArrays {
  const nodes = edgeCount.length;
  const roots = rootStarts.length / 2;
  const firstEdge = new Int32Array(nodes);
  const counts = new Int32Array(nodes);
  let e = 0;
  for (let q = 0; q < nodes; q++) {
    const c = edgeCount[q]!;
    counts[q] = c;
    if (c > 0) {
      firstEdge[q] = e;
      e += c;
    }
  }
  const edgeTarget = new Int32Array(edgeChar.length);
  for (let k = 0; k < edgeTarget.length; k++) edgeTarget[k] = k + roots + 1;
  const nodeValue = new Int32Array(nodes).fill(-1);
  for (let k = 0; k < valued.length; k++) nodeValue[valued[k]!] = values[k]!;
  return { rootStarts, firstEdge, edgeCount: counts, edgeChar, edgeTarget, nodeValue, longest, size };
}

/** The trie of `trieSections(prefix)` in unpacked tables. */
function trieOf(p: Unpacked, prefix: string): Trie {
  const [longest, size] = p.i32(`${prefix}.scalars`);
  const rootStarts = p.i32(`${prefix}.rootStarts`);
  const edgeChar = p.u16(`${prefix}.edgeChar`);
  if (!p.has(`${prefix}.valued`)) {
    return Trie.fromArrays({ rootStarts, firstEdge: p.i32(`${prefix}.firstEdge`), edgeCount: p.i32(`${prefix}.edgeCount`), edgeChar, edgeTarget: p.i32(`${prefix}.edgeTarget`), nodeValue: p.i32(`${prefix}.nodeValue`), longest: longest!, size: size! });
  }
  return Trie.fromArrays(expandTrie(rootStarts, edgeChar, p.numbers(`${prefix}.edgeCount`), p.i32(`${prefix}.valued`), p.i32(`${prefix}.values`), longest!, size!));
}

/**
 * The tables as bytes (see packed.ts), with what they were computed from: `hash`, the compiled knowledge base's
 * (checked when its entities are read), and `key`, the build's key of the code and data they came from.
 */
export function packRecognizerTables(t: RecognizerTables, meta: { hash: string; key?: string }): Uint8Array {
  const abbr: number[] = [];
  t.abbrEntity.forEach((e, c) => {
    if (e >= 0) abbr.push(c, e);
  });
  const countries: number[] = [];
  const countryIds: string[] = [];
  t.entityCountry.forEach((c, i) => {
    if (c !== undefined) {
      countries.push(i);
      countryIds.push(c);
    }
  });
  const ctxFlat: number[] = [];
  for (const parts of t.ctxMembers) {
    ctxFlat.push(parts.length);
    for (const p of parts) ctxFlat.push(...p);
  }
  return pack(
    { version: PACKED_VERSION, hash: meta.hash, ...(meta.key !== undefined && { key: meta.key }), hasTagged: t.hasTagged },
    {
      entityIds: t.entityIds,
      entityTypes: Uint8Array.from(t.entityTypes, (type) => ENTITY_TYPES.indexOf(type)),
      countryOf: Int32Array.from(countries),
      countryIds,
      abbr: Int32Array.from(abbr),
      formEntity: t.formEntity,
      formFlags: t.formFlags,
      formParts: flattenLists(t.formParts),
      shared: flattenLists(t.shared),
      ctxMembers: Int32Array.from(ctxFlat),
      ...trieSections('names', t.names),
      ...trieSections('ctx', t.ctx),
    },
  );
}

const unpacked = new WeakMap<Uint8Array, RecognizerTables | null>();

/** The meta of packed tables (`packRecognizerTables`), or undefined when the bytes are not of this version. */
export function packedTablesMeta(bytes: Uint8Array): { version: number; hash: string; hasTagged: boolean } | undefined {
  const meta = unpack(bytes)?.meta as { version?: number; hash: string; hasTagged: boolean } | undefined;
  return meta?.version === PACKED_VERSION ? (meta as { version: number; hash: string; hasTagged: boolean }) : undefined;
}

/**
 * The tables of `packRecognizerTables` bytes (read once per buffer and shared: the scan never changes them), or
 * undefined when they are of another version or byte order.
 */
export function unpackRecognizerTables(bytes: Uint8Array): RecognizerTables | undefined {
  const known = unpacked.get(bytes);
  if (known !== undefined) return known ?? undefined;
  const meta = packedTablesMeta(bytes);
  const p = meta && unpack(bytes);
  if (!meta || !p) {
    unpacked.set(bytes, null);
    return undefined;
  }
  const entityIds = p.strings('entityIds');
  const n = entityIds.length;
  const typeCodes = p.u8('entityTypes');
  const entityTypes = new Array<EntityType>(n);
  for (let i = 0; i < n; i++) entityTypes[i] = ENTITY_TYPES[typeCodes[i]!]!;
  const entityCountry = new Array<string | undefined>(n).fill(undefined);
  const countryOf = p.i32('countryOf');
  const countryIds = p.strings('countryIds');
  for (let k = 0; k < countryOf.length; k++) entityCountry[countryOf[k]!] = countryIds[k];
  const entityIndex = new Map<string, number>();
  for (let i = 0; i < n; i++) entityIndex.set(entityIds[i]!, i);
  const abbrEntity = new Int32Array(65536).fill(-1);
  const abbr = p.i32('abbr');
  for (let k = 0; k < abbr.length; k += 2) abbrEntity[abbr[k]!] = abbr[k + 1]!;
  const ctxFlat = p.i32('ctxMembers');
  const ctxMembers: Array<Array<[number, number, number]>> = [];
  for (let i = 0; i < ctxFlat.length; ) {
    const count = ctxFlat[i++]!;
    const parts: Array<[number, number, number]> = [];
    for (let j = 0; j < count; j++, i += 3) parts.push([ctxFlat[i]!, ctxFlat[i + 1]!, ctxFlat[i + 2]!]);
    ctxMembers.push(parts);
  }
  const tables: RecognizerTables = {
    entityIds,
    entityTypes,
    entityCountry,
    entityIndex,
    abbrEntity,
    names: trieOf(p, 'names'),
    formEntity: p.i32('formEntity'),
    formFlags: p.u8('formFlags'),
    hasTagged: meta.hasTagged,
    formParts: listsOf(p.i32('formParts')),
    ctx: trieOf(p, 'ctx'),
    ctxMembers,
    shared: listsOf(p.i32('shared')),
  };
  unpacked.set(bytes, tables);
  return tables;
}
