import type * as PinyinPro from 'pinyin-pro';
import { lazy } from '../lazy';
import { fold } from '../text/fold';

/**
 * Search keys for one surface form of a name. Every key is "compact": folded (traditional -> simplified,
 * full-width -> half-width, lower case), diacritics stripped, and only letters and digits kept, so that
 * `U.S.`, `u s` and `US` all give `us`, and `Vladimir Putin` gives `vladimirputin`. `starts` lists the offsets
 * (UTF-16) in the key where a word or a pinyin syllable begins, so that `putin` can rank as a word-prefix match.
 */
export type KeyKind = 'name' | 'pinyin' | 'initials';

export interface NameKey {
  key: string;
  kind: KeyKind;
  /** Word / syllable starts in `key` (always includes 0). */
  starts: number[];
}

// pinyin-pro's module init builds its dictionaries (~7 ms in Node, ~20 ms of the extension host's start-up).
// eslint-disable-next-line @typescript-eslint/no-require-imports -- loaded on the first key computed (core/lazy.ts)
const lib = lazy(() => require('pinyin-pro') as typeof PinyinPro);

const ASCII = /^[\x20-\x7e]*$/;
const MARKS = /\p{M}+/gu;
const LETTER_OR_DIGIT = /[\p{L}\p{N}]/u;

/** Han ideographs (BMP blocks; astral Han is handled by `isIdeographic` on code points). */
export function isIdeographic(cp: number): boolean {
  return (
    (cp >= 0x4e00 && cp <= 0x9fff) ||
    (cp >= 0x3400 && cp <= 0x4dbf) ||
    (cp >= 0xf900 && cp <= 0xfaff) ||
    (cp >= 0x20000 && cp <= 0x3ffff) ||
    cp === 0x3007 ||
    (cp >= 0x3040 && cp <= 0x30ff) || // kana
    (cp >= 0xac00 && cp <= 0xd7af) || // Hangul syllables
    (cp >= 0x1100 && cp <= 0x11ff) ||
    (cp >= 0x3130 && cp <= 0x318f)
  );
}

function isHan(cp: number): boolean {
  return (cp >= 0x4e00 && cp <= 0x9fff) || (cp >= 0x3400 && cp <= 0x4dbf) || (cp >= 0xf900 && cp <= 0xfaff) || (cp >= 0x20000 && cp <= 0x3ffff) || cp === 0x3007;
}

/** True if the text contains a Han/kana/Hangul character. */
export function hasIdeographic(text: string): boolean {
  for (const ch of text) if (isIdeographic(ch.codePointAt(0)!)) return true;
  return false;
}

/** fold() plus diacritic stripping (Ō -> o, ğ -> g); ASCII takes a fast path. Not length-preserving. */
export function foldForSearch(text: string): string {
  if (ASCII.test(text)) return text.toLowerCase();
  const folded = fold(text);
  // NFD + strip marks for Latin diacritics; NFC afterwards recomposes Hangul syllables.
  return folded.normalize('NFD').replace(MARKS, '').normalize('NFC').toLowerCase();
}

/**
 * Split folded text into words of letters/digits. A run of ideographs is one word of its own (a Latin/CJK change
 * is a word break), apostrophes are dropped, every other character (space, punctuation, `·`, `.`) separates words.
 */
export function words(folded: string): string[] {
  const out: string[] = [];
  let cur = '';
  let curIdeo = false;
  for (const ch of folded) {
    const cp = ch.codePointAt(0)!;
    if (cp < 0x80) {
      // ASCII fast path (folded text is lower case already).
      if ((cp >= 0x61 && cp <= 0x7a) || (cp >= 0x30 && cp <= 0x39) || (cp >= 0x41 && cp <= 0x5a)) {
        if (cur && curIdeo) {
          out.push(cur);
          cur = '';
        }
        cur += ch;
        curIdeo = false;
      } else if (cp !== 0x27 && cur) {
        out.push(cur);
        cur = '';
      }
      continue;
    }
    if (cp === 0x27 || cp === 0x2019 || cp === 0x2bc) continue; // apostrophes join: People's -> peoples
    const ideo = isIdeographic(cp);
    if (ideo || LETTER_OR_DIGIT.test(ch)) {
      if (cur && ideo !== curIdeo) {
        out.push(cur);
        cur = '';
      }
      cur += ch;
      curIdeo = ideo;
    } else if (cur) {
      out.push(cur);
      cur = '';
    }
  }
  if (cur) out.push(cur);
  return out;
}

/** Compact form of a (query or name) string: folded, diacritics stripped, letters and digits only. */
export function compact(text: string): string {
  return words(foldForSearch(text)).join('');
}

function joinWithStarts(parts: string[]): { key: string; starts: number[] } {
  const starts: number[] = [];
  let key = '';
  for (const p of parts) {
    if (!p) continue;
    starts.push(key.length);
    key += p;
  }
  return { key, starts };
}

/** Common polyphonic surnames whose reading differs from the default (曾 zeng not ceng, 单 shan not dan ...). */
const SURNAME_POLYPHONES = new Set('曾单解区仇朴查盖尉乐覃翟缪召华种折纪员朝繁'.split(''));
const STOP_WORDS = new Set(['of', 'the', 'and', 'for', 'de', 'la', 'le', 'du', 'des', 'del', 'und', 'on', 'in', 'to', 'a', 'an']);

interface Syllable {
  text: string;
  /** True for a pinyin syllable, false for a non-Han run kept as is (`g20`, kana). */
  han: boolean;
}

/** Reading of a character that has only one (without tones), null for polyphonic characters. Module-level cache. */
const monoReadings = new Map<string, string | null>();
function monoReading(ch: string): string | null {
  let r = monoReadings.get(ch);
  if (r === undefined) {
    const readings = lib().polyphonic(ch, { toneType: 'none', type: 'array', v: true })[0] ?? [];
    r = readings.length === 1 ? readings[0]!.toLowerCase() : null;
    monoReadings.set(ch, r);
  }
  return r;
}

/**
 * Pinyin of runs of ideographs, shared by all indexes so that a rebuilt index (every corpus change, every quick
 * pick) does not recompute the names it has seen before. Strings only; cleared wholesale when full.
 */
const pinyinCache = new Map<string, string[]>();
const PINYIN_CACHE_LIMIT = 100_000;

/** Pinyin of a run of ideographs: per character when none is polyphonic, else pinyin-pro with word context. */
function runSyllables(run: string, surname: boolean): string[] {
  const cacheKey = surname ? `S${run}` : run;
  const cached = pinyinCache.get(cacheKey);
  if (cached) return cached;
  const out = computeRunSyllables(run, surname);
  if (pinyinCache.size >= PINYIN_CACHE_LIMIT) pinyinCache.clear();
  pinyinCache.set(cacheKey, out);
  return out;
}

function computeRunSyllables(run: string, surname: boolean): string[] {
  if (!surname) {
    const out: string[] = [];
    for (const ch of run) {
      const r = monoReading(ch);
      if (r === null) break;
      out.push(r);
    }
    if (out.length === [...run].length) return out;
  }
  // segmentit 1 = reverse maximum matching: same readings as the default on every name of the bundled knowledge
  // base, at about half the cost.
  return lib().pinyin(run, { toneType: 'none', type: 'array', v: true, nonZh: 'consecutive', segmentit: 1, ...(surname ? { surname: 'head' as const } : {}) });
}

/** Pinyin syllables of a compact word sequence: Han runs become syllables (lower case, ü as v), others stay. */
function pinyinSyllables(ws: string[], surname: boolean): Syllable[] {
  const out: Syllable[] = [];
  for (const w of ws) {
    if (!isHan(w.codePointAt(0)!)) {
      out.push({ text: w, han: false });
      continue;
    }
    for (const s of runSyllables(w, surname)) {
      if (isLowerAscii(s)) out.push({ text: s, han: true });
      else {
        const c = s.toLowerCase().replace(/[^\p{L}\p{N}]/gu, '');
        if (c) out.push({ text: c, han: isLowerAscii(c) });
      }
    }
  }
  return out;
}

function isLowerAscii(s: string): boolean {
  if (s.length === 0) return false;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 0x61 || c > 0x7a) return false;
  }
  return true;
}

const everyOffset = (s: string): number[] => Array.from({ length: s.length }, (_, i) => i);
const firstChar = (w: string): string => String.fromCodePoint(w.codePointAt(0)!);

/**
 * All search keys of one name (deduplicated): the compact folded name; for names with Chinese characters the
 * full pinyin without tones (`pujing`, with a `u` variant for `ü`/`v`, and the surname reading for 2-4 character
 * names starting with a polyphonic surname) and its initials (`pj`); for multi-word Latin names the acronym
 * (`Shanghai Cooperation Organisation` -> `sco`, also without stop words: `People's Republic of China` -> `prc`).
 */
export function nameKeys(name: string): NameKey[] {
  return foldedNameKeys(foldForSearch(name), name);
}

/** Empties the shared pinyin cache (benchmarks use it to time a build from scratch). */
export function clearPinyinCache(): void {
  pinyinCache.clear();
}

function pushKey(out: NameKey[], key: string, kind: KeyKind, starts: number[]): void {
  if (!key) return;
  for (const o of out) if (o.key === key) return;
  out.push({ key, kind, starts });
}

/**
 * `nameKeys` of a name already passed through `foldForSearch`. With the original name, an all-capitals word
 * stays whole in the acronym (`US Senate` -> `uss`, not `us`).
 */
export function foldedNameKeys(folded: string, original?: string): NameKey[] {
  const ws = words(folded);
  if (ws.length === 0) return [];
  const out: NameKey[] = [];
  // Ideographic words: every character is a "start" only at the word start (CJK substring is plain substring).
  const whole = joinWithStarts(ws);
  pushKey(out, whole.key, 'name', whole.starts);
  const hanWords = ws.filter((w) => isHan(w.codePointAt(0)!));
  if (hanWords.length > 0) {
    const variants: Syllable[][] = [pinyinSyllables(ws, false)];
    const hanChars = [...hanWords.join('')].length;
    if (ws.length === 1 && hanChars >= 2 && hanChars <= 4 && SURNAME_POLYPHONES.has(String.fromCodePoint(ws[0]!.codePointAt(0)!))) {
      variants.push(pinyinSyllables(ws, true));
    }
    for (const syl of variants) {
      const py = joinWithStarts(syl.map((s) => s.text));
      pushKey(out, py.key, 'pinyin', py.starts);
      if (syl.some((s) => s.han && s.text.includes('v'))) {
        const u = joinWithStarts(syl.map((s) => (s.han ? s.text.replace(/v/g, 'u') : s.text)));
        pushKey(out, u.key, 'pinyin', u.starts);
      }
      // Initials: first letter of each syllable; a non-Han run (`g20`) contributes whole.
      const ini = syl.map((s) => (s.han ? s.text[0]! : s.text)).join('');
      pushKey(out, ini, 'initials', everyOffset(ini));
    }
  } else if (ws.length >= 2) {
    const originalWords = original === undefined ? [] : words(original.normalize('NFD').replace(MARKS, '').normalize('NFC'));
    const part = (w: string, i: number) => (originalWords.length === ws.length && /^[A-Z][A-Z0-9]+$/.test(originalWords[i]!) ? w : firstChar(w));
    const acronym = ws.map(part).join('');
    pushKey(out, acronym, 'initials', everyOffset(acronym));
    const content = ws.map((w, i) => [w, i] as const).filter(([w]) => !STOP_WORDS.has(w));
    if (content.length >= 2 && content.length < ws.length) {
      const a2 = content.map(([w, i]) => part(w, i)).join('');
      pushKey(out, a2, 'initials', everyOffset(a2));
    }
  }
  return out;
}

/** The search keys of a name, as plain strings: e.g. 普京 -> ['普京', 'pujing', 'pj']. */
export function searchKeys(name: string): string[] {
  return nameKeys(name).map((k) => k.key);
}

/** Pinyin of the Han characters in a query, other characters kept (for mixed queries such as `普jing`). */
export function queryPinyin(compactQuery: string): string {
  return pinyinSyllables(words(compactQuery), false)
    .map((s) => s.text)
    .join('');
}

/**
 * Calls `emit` for each index gram of a compact string: each ideograph on its own (a CJK character is a
 * morpheme), and each pair of adjacent non-ideographic characters (Latin bigrams). A gram may be emitted twice.
 * Grams are numbers (no string allocation): an ideograph is its code point (< 0x110000); a pair of ASCII
 * characters a, b is 0x110000 + a * 128 + b; any other pair is 0x200000 + a * 0x110000 + b.
 */
export function eachGramCode(key: string, emit: (gram: number) => void): void {
  let prev = -1; // previous non-ideographic code point, -1 if none
  for (let i = 0; i < key.length; ) {
    const cp = key.codePointAt(i)!;
    i += cp > 0xffff ? 2 : 1;
    if (isIdeographic(cp)) {
      emit(cp);
      prev = -1;
    } else {
      if (prev >= 0) emit(prev < 128 && cp < 128 ? ASCII_PAIR_BASE + prev * 128 + cp : OTHER_PAIR_BASE + prev * 0x110000 + cp);
      prev = cp;
    }
  }
}

export const ASCII_PAIR_BASE = 0x110000;
const OTHER_PAIR_BASE = 0x200000;

/** The distinct gram codes of a compact string (see `eachGramCode`). */
export function gramCodes(key: string): number[] {
  const out = new Set<number>();
  eachGramCode(key, (g) => out.add(g));
  return [...out];
}

/** The distinct index grams of a compact string as text (for inspection; the index uses `gramCodes`). */
export function grams(key: string): string[] {
  return gramCodes(key).map((g) => {
    if (g < ASCII_PAIR_BASE) return String.fromCodePoint(g);
    if (g < OTHER_PAIR_BASE) return String.fromCharCode((g - ASCII_PAIR_BASE) >> 7, (g - ASCII_PAIR_BASE) & 127);
    const x = g - OTHER_PAIR_BASE;
    return String.fromCodePoint(Math.floor(x / 0x110000), x % 0x110000);
  });
}
