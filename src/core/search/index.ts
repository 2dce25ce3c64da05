import Fuse from 'fuse.js';
import { ASCII_PAIR_BASE, eachGramCode, foldForSearch, nameKeys, gramCodes, hasIdeographic, isIdeographic, queryPinyin, words, type KeyKind } from './keys';

export { clearPinyinCache, compact, foldForSearch, nameKeys, searchKeys, type KeyKind, type NameKey } from './keys';

/** One searchable thing (entity, document, record, topic, annotation, date). */
export interface SearchItem<T> {
  /** Unique within one FuzzySearch. */
  id: string;
  /** Every surface form: all scripts, aliases, abbreviations. The first is the display name. */
  names: string[];
  detail?: string;
  payload: T;
  /** Popularity, e.g. mention count: higher ranks first among equally good matches. */
  weight?: number;
}

/** How a result matched: 0 exact, 1 prefix, 2 word/syllable prefix, 3 substring, 4 all words, 5 fuzzy. */
export type MatchTier = 0 | 1 | 2 | 3 | 4 | 5;

export interface SearchResult<T> {
  item: SearchItem<T>;
  /** Lower is better. The integer part is the tier (0 exact .. 5 fuzzy), the fraction ranks within the tier. */
  score: number;
  /** The name (surface form, as given in `names`) that matched. */
  matched: string;
  /** The search key of that name that matched (`pujing`, `pj`, `俄罗斯`, `vladimirputin` ...). */
  key: string;
  kind: KeyKind;
  tier: MatchTier;
}

export interface FuzzySearchOptions {
  /** Default number of results of `search` (50). */
  limit?: number;
}

const KIND_CODE: Record<KeyKind, number> = { name: 0, pinyin: 1, initials: 2 };
const KINDS: KeyKind[] = ['name', 'pinyin', 'initials'];
const KIND_PENALTY = [0, 0.5, 1];
/** Fuse.js threshold: 0 exact .. 1 anything. 0.4 lets `puttin`/`obamma` through, not unrelated names. */
const FUSE_THRESHOLD = 0.4;
/** Keys handed to Fuse per query, best gram overlap first. */
const MAX_FUZZY_CANDIDATES = 400;
/** Longest query (UTF-16 units after compaction) and most words considered. */
const MAX_QUERY = 100;
const MAX_QUERY_WORDS = 8;
/** Fuse's bitap matcher handles patterns up to 32 characters. */
const MAX_FUSE_PATTERN = 32;

interface Rec<T> {
  item: SearchItem<T>;
  slot: number;
  keys: number[];
  weightPenalty: number;
}

/** Best hit per item slot during one search (typed arrays reused across searches). */
class BestHits {
  score = new Float64Array(0);
  key = new Int32Array(0);
  tier = new Uint8Array(0);
  /** Slots with a hit, in order of first hit. */
  slots: number[] = [];

  reset(slotCount: number): void {
    for (const s of this.slots) this.score[s] = Infinity;
    this.slots = [];
    if (this.score.length < slotCount) {
      const n = Math.max(slotCount, this.score.length * 2);
      this.score = new Float64Array(n).fill(Infinity);
      this.key = new Int32Array(n);
      this.tier = new Uint8Array(n);
    }
  }

  has(slot: number): boolean {
    return this.score[slot] !== Infinity;
  }

  get size(): number {
    return this.slots.length;
  }
}

function weightPenalty(weight: number | undefined): number {
  const w = weight !== undefined && Number.isFinite(weight) && weight > 0 ? weight : 0;
  return 1 - Math.min(1, Math.log10(1 + w) / 6);
}

/** Posting lists (key numbers, ascending) by gram code: a dense table for ASCII bigrams, a map for the rest. */
class Postings {
  private readonly ascii: Array<number[] | undefined> = new Array<number[] | undefined>(128 * 128);
  private readonly other = new Map<number, number[]>();

  get(gram: number): number[] | undefined {
    const a = gram - ASCII_PAIR_BASE;
    return a >= 0 && a < 16384 ? this.ascii[a] : this.other.get(gram);
  }

  /** Adds key k (keys are added in ascending order, so a repeated gram of the same key is skipped). */
  push(gram: number, k: number): void {
    const a = gram - ASCII_PAIR_BASE;
    if (a >= 0 && a < 16384) {
      const list = this.ascii[a];
      if (!list) this.ascii[a] = [k];
      else if (list[list.length - 1] !== k) list.push(k);
      return;
    }
    const list = this.other.get(gram);
    if (!list) this.other.set(gram, [k]);
    else if (list[list.length - 1] !== k) list.push(k);
  }
}

/**
 * Fuzzy search over items with names in several scripts. Each name is turned once into search keys (compact
 * folded name, pinyin without tones, initials, Latin acronyms: see `nameKeys`), and an inverted index maps each
 * key gram (Latin bigram, single CJK character) and each word-start character to the keys containing it.
 *
 * A query is folded the same way (俄羅斯 -> 俄罗斯, `Pu Jing` -> `pujing`) and ranked:
 * exact > prefix > word/syllable prefix > substring (on any key) > all words of a multi-word query > fuzzy,
 * where "fuzzy" is Fuse.js run only over the few hundred keys sharing the most grams with the query.
 * Within a tier, keys the query covers more of, higher `weight`, then real names before pinyin before initials
 * win; equal scores go to the shorter name, then to insertion order. One result per item (its best key).
 */
export class FuzzySearch<T> {
  private readonly defaultLimit: number;
  private readonly byId = new Map<string, Rec<T>>();
  private slots: Array<Rec<T> | undefined> = [];
  // Keys, by key number.
  private keyText: string[] = [];
  private keyName: string[] = [];
  private keyKind: number[] = [];
  /** Word/syllable starts beyond 0; undefined when the key only starts at 0. */
  private keyStarts: Array<number[] | undefined> = [];
  /** Slot of the key's item, -1 once removed. */
  private keySlot: number[] = [];
  private deadKeys = 0;
  private postings = new Postings();
  /** Keys by the code point starting one of their words / syllables. */
  private startPostings = new Postings();
  private counts = new Uint8Array(0);
  private readonly best = new BestHits();

  constructor(items: Iterable<SearchItem<T>> = [], options: FuzzySearchOptions = {}) {
    const limit = options.limit ?? 50;
    if (!Number.isInteger(limit) || limit < 1) throw new Error(`FuzzySearch: options.limit must be a positive integer, got ${String(options.limit)}`);
    this.defaultLimit = limit;
    for (const item of items) this.add(item);
  }

  /** Number of items. */
  get size(): number {
    return this.byId.size;
  }

  has(id: string): boolean {
    return this.byId.has(id);
  }

  get(id: string): SearchItem<T> | undefined {
    return this.byId.get(id)?.item;
  }

  /** All items, in insertion order. */
  *items(): IterableIterator<SearchItem<T>> {
    for (const rec of this.slots) if (rec) yield rec.item;
  }

  /** Adds an item. Throws if an item with the same id is already present (use `update` to replace it). */
  add(item: SearchItem<T>): void {
    if (typeof item?.id !== 'string') throw new Error(`FuzzySearch.add: item without a string id: ${JSON.stringify(item)?.slice(0, 200)}`);
    if (!Array.isArray(item.names)) throw new Error(`FuzzySearch.add: item "${item.id}" has no names array`);
    for (const name of item.names) {
      if (typeof name !== 'string') throw new Error(`FuzzySearch.add: item "${item.id}" has a name that is not a string: ${JSON.stringify(name)}`);
    }
    if (this.byId.has(item.id)) throw new Error(`FuzzySearch.add: duplicate item id "${item.id}" (use update() to replace an item)`);
    const rec: Rec<T> = { item, slot: this.slots.length, keys: [], weightPenalty: weightPenalty(item.weight) };
    this.slots.push(rec);
    this.byId.set(item.id, rec);
    this.indexKeys(rec);
  }

  /** Removes the item with this id; false if there was none. */
  remove(id: string): boolean {
    const rec = this.byId.get(id);
    if (!rec) return false;
    this.byId.delete(id);
    this.slots[rec.slot] = undefined;
    for (const k of rec.keys) this.keySlot[k] = -1;
    this.deadKeys += rec.keys.length;
    if (this.deadKeys > 1024 && this.deadKeys > this.keySlot.length / 2) this.compact();
    return true;
  }

  /** Replaces the item with the same id (names, weight, payload), or adds it if there is none. */
  update(item: SearchItem<T>): void {
    this.remove(item.id);
    this.add(item);
  }

  /**
   * The best `limit` items for the query (default: the constructor's limit), best first. An empty or
   * punctuation-only query gives no results.
   */
  search(query: string, limit: number = this.defaultLimit): SearchResult<T>[] {
    if (typeof query !== 'string') throw new Error(`FuzzySearch.search: query must be a string, got ${typeof query}`);
    if (limit <= 0) return [];
    // A pasted paragraph is not a name: only its first MAX_QUERY characters / MAX_QUERY_WORDS words count.
    const qWords = words(foldForSearch(query.length > MAX_QUERY * 4 ? query.slice(0, MAX_QUERY * 4) : query)).slice(0, MAX_QUERY_WORDS);
    const q = qWords.join('').slice(0, MAX_QUERY);
    if (!q) return [];
    const best = this.best;
    best.reset(this.slots.length);
    const keyName = this.keyName;
    const consider = (k: number, score: number, tier: MatchTier) => {
      const slot = this.keySlot[k]!;
      const prev = best.score[slot]!;
      if (prev === Infinity) best.slots.push(slot);
      else if (score > prev || (score === prev && keyName[k]!.length >= keyName[best.key[slot]!]!.length)) return;
      best.score[slot] = score;
      best.key[slot] = k;
      best.tier[slot] = tier;
    };
    const qLen = [...q].length;
    const fuzzy: number[] = [];
    this.matchKeys(q, (k, tier) => consider(k, this.score(k, tier, q.length), tier), qLen >= 3 ? fuzzy : undefined);

    const ideo = hasIdeographic(q);
    if (ideo) {
      const qp = queryPinyin(q);
      const mixed = [...q].some((ch) => !isIdeographic(ch.codePointAt(0)!));
      if (mixed) {
        // 普jing, g20峰会: the pinyin reading of the query is as good as the query itself.
        this.matchKeys(qp, (k, tier) => consider(k, this.score(k, tier, qp.length), tier));
      } else if (qp !== q && qLen >= 2) {
        // A CJK query of two or more characters also finds homophones (another transliteration of the same
        // name), ranked as fuzzy.
        this.matchKeys(qp, (k, tier) => {
          if (tier <= 1 && this.keyKind[k] === KIND_CODE.pinyin) consider(k, this.score(k, 5, qp.length, tier === 0 ? 0 : 0.2), 5);
        });
      }
    }

    if (qWords.length >= 2 && best.size < limit) this.matchAllWords(qWords, best, consider);

    if (fuzzy.length > 0 && best.size < limit) this.fuse(q, fuzzy, best, consider);

    // Only the best `limit` are sorted: a cut-off score from a typed-array sort first when there are many.
    let hits = best.slots;
    if (hits.length > limit * 4) {
      const scores = Float64Array.from(hits, (slot) => best.score[slot]!).sort();
      const cut = scores[limit - 1]!;
      hits = hits.filter((slot) => best.score[slot]! <= cut);
    }
    hits.sort((a, b) => best.score[a]! - best.score[b]! || keyName[best.key[a]!]!.length - keyName[best.key[b]!]!.length || a - b);
    return hits.slice(0, limit).map((slot) => {
      const k = best.key[slot]!;
      return { item: this.slots[slot]!.item, score: best.score[slot]!, matched: keyName[k]!, key: this.keyText[k]!, kind: KINDS[this.keyKind[k]!]!, tier: best.tier[slot] as MatchTier };
    });
  }

  // ---------------------------------------------------------------------------------------------------------------

  private indexKeys(rec: Rec<T>): void {
    // The same key can come from several names (普京 / 普京, SCO / Shanghai Cooperation Organisation): keep it once,
    // from the name where it is the name itself rather than pinyin or initials, else from the earlier name.
    const keys = new Map<string, { name: string; kind: number; starts: number[] }>();
    for (const name of rec.item.names) {
      // 俄羅斯 after 俄罗斯 gives the same keys: the earlier name keeps them.
      for (const nk of nameKeys(name)) {
        const prev = keys.get(nk.key);
        const kind = KIND_CODE[nk.kind];
        if (!prev || kind < prev.kind) keys.set(nk.key, { name, kind, starts: kind === KIND_CODE.initials ? [0] : nk.starts });
      }
    }
    for (const [key, { name, kind, starts }] of keys) {
      const k = this.keyText.length;
      this.keyText.push(key);
      this.keyName.push(name);
      this.keyKind.push(kind);
      this.keySlot.push(rec.slot);
      this.keyStarts.push(starts.length > 1 ? starts : undefined);
      rec.keys.push(k);
      eachGramCode(key, (g) => this.postings.push(g, k));
      for (const s of starts) this.startPostings.push(key.codePointAt(s)!, k);
    }
  }

  /** Rebuilds the key arrays and postings without removed items. */
  private compact(): void {
    const live = this.slots.filter((r): r is Rec<T> => r !== undefined);
    this.slots = [];
    this.keyText = [];
    this.keyName = [];
    this.keyKind = [];
    this.keyStarts = [];
    this.keySlot = [];
    this.deadKeys = 0;
    this.postings = new Postings();
    this.startPostings = new Postings();
    for (const rec of live) {
      rec.slot = this.slots.length;
      rec.keys = [];
      this.slots.push(rec);
      this.indexKeys(rec);
    }
  }

  private score(k: number, tier: number, qLen: number, quality?: number): number {
    const keyLen = this.keyText[k]!.length;
    const cover = quality ?? (tier === 0 ? 0 : 1 - Math.min(1, qLen / keyLen));
    return tier + 0.55 * cover + 0.3 * this.slots[this.keySlot[k]!]!.weightPenalty + 0.1 * KIND_PENALTY[this.keyKind[k]!]!;
  }

  /**
   * Calls `emit` for every live key containing `q` (with its tier 0-3). With `fuzzy`, also collects the keys that
   * do not contain `q` but share at least half of its grams, best overlap first.
   */
  private matchKeys(q: string, emit: (k: number, tier: MatchTier) => void, fuzzy?: number[]): void {
    const qGrams = gramCodes(q);
    if (qGrams.length === 0) {
      // A single Latin letter or digit: keys with a word/syllable starting with it.
      for (const k of this.startPostings.get(q.codePointAt(0)!) ?? []) {
        if (this.keySlot[k]! < 0) continue;
        const key = this.keyText[k]!;
        emit(k, key === q ? 0 : key.startsWith(q) ? 1 : 2);
      }
      return;
    }
    const cps = [...q];
    if (qGrams.length === 1 && (cps.length === 1 || (cps.length === 2 && !isIdeographic(cps[0]!.codePointAt(0)!) && !isIdeographic(cps[1]!.codePointAt(0)!)))) {
      // The query is its own single gram (俄, an): every key in the posting list contains it.
      for (const k of this.postings.get(qGrams[0]!) ?? []) {
        if (this.keySlot[k]! < 0) continue;
        this.emitContaining(k, q, this.keyText[k]!.indexOf(q), emit);
      }
      return;
    }
    if (this.counts.length < this.keyText.length) this.counts = new Uint8Array(Math.max(this.keyText.length, this.counts.length * 2));
    const counts = this.counts;
    const touched: number[] = [];
    for (const g of qGrams) {
      const list = this.postings.get(g);
      if (!list) continue;
      for (const k of list) {
        if (this.keySlot[k]! < 0) continue;
        const c = counts[k]!;
        if (c === 0) touched.push(k);
        if (c < 255) counts[k] = c + 1;
      }
    }
    const all = Math.min(255, qGrams.length);
    const minShared = qGrams.length <= 2 ? 1 : Math.ceil(qGrams.length / 2);
    const near: number[] = [];
    for (const k of touched) {
      const c = counts[k]!;
      counts[k] = 0;
      if (c >= all) {
        const key = this.keyText[k]!;
        const pos = key.indexOf(q);
        if (pos >= 0) {
          this.emitContaining(k, q, pos, emit);
          continue;
        }
      }
      if (fuzzy && c >= minShared) near.push(k * 256 + c);
    }
    if (!fuzzy || near.length === 0) return;
    // Keep the MAX_FUZZY_CANDIDATES keys with the most shared grams (count in the low byte): a counting pass
    // finds the smallest count that still fits, so a common query does not sort tens of thousands of keys.
    let floor = 0;
    if (near.length > MAX_FUZZY_CANDIDATES) {
      const histogram = new Uint32Array(256);
      for (const x of near) histogram[x & 255]!++;
      let kept = 0;
      for (floor = 255; floor > 0 && kept + histogram[floor]! <= MAX_FUZZY_CANDIDATES; floor--) kept += histogram[floor]!;
      floor++;
    }
    for (const x of near) if ((x & 255) >= floor) fuzzy.push(Math.floor(x / 256));
    // Fill up from the next bucket (earlier keys first) when it does not fit whole.
    for (let i = 0; i < near.length && fuzzy.length < MAX_FUZZY_CANDIDATES; i++) if ((near[i]! & 255) === floor - 1) fuzzy.push(Math.floor(near[i]! / 256));
  }

  /** Emits key k, which contains q first at pos, with its tier (exact, prefix, word prefix or substring). */
  private emitContaining(k: number, q: string, pos: number, emit: (k: number, tier: MatchTier) => void): void {
    const key = this.keyText[k]!;
    if (pos === 0) {
      emit(k, key.length === q.length ? 0 : 1);
      return;
    }
    const starts = this.keyStarts[k];
    if (starts) {
      for (const st of starts) {
        if (st >= pos && key.startsWith(q, st)) {
          emit(k, 2);
          return;
        }
      }
    }
    emit(k, 3);
  }

  /** Items where every word of the query is a substring of some key (`putin vladimir`, `普京 putin`). */
  private matchAllWords(qWords: string[], best: BestHits, consider: (k: number, score: number, tier: MatchTier) => void): void {
    // slot -> [key of the first word's best match, sum of the words' best tiers]
    let common: Map<number, [number, number]> | undefined;
    for (const w of qWords) {
      const found = new Map<number, [number, number]>();
      this.matchKeys(w, (k, tier) => {
        const slot = this.keySlot[k]!;
        if (common && !common.has(slot)) return;
        const prev = found.get(slot);
        if (!prev || tier < prev[1]) found.set(slot, [k, tier]);
      });
      if (common) {
        for (const [slot, hit] of found) {
          const [k0, sum] = common.get(slot)!;
          found.set(slot, [k0, sum + hit[1]]);
        }
      }
      common = found;
      if (common.size === 0) return;
    }
    for (const [slot, [k, sum]] of common ?? []) {
      if (!best.has(slot)) consider(k, this.score(k, 4, 0, sum / (3 * qWords.length)), 4);
    }
  }

  /** Fuse.js over the candidate keys (not already matched) for typos: `puttin`, `obamma`. */
  private fuse(q: string, candidates: number[], best: BestHits, consider: (k: number, score: number, tier: MatchTier) => void): void {
    const keys = candidates.filter((k) => !best.has(this.keySlot[k]!));
    if (keys.length === 0) return;
    const fuse = new Fuse(
      keys.map((k) => this.keyText[k]!),
      { includeScore: true, ignoreLocation: true, threshold: FUSE_THRESHOLD, isCaseSensitive: true, shouldSort: false, ignoreFieldNorm: true },
    );
    for (const r of fuse.search(q.slice(0, MAX_FUSE_PATTERN))) {
      const k = keys[r.refIndex]!;
      const s = Math.min(1, (r.score ?? FUSE_THRESHOLD) / FUSE_THRESHOLD);
      consider(k, this.score(k, 5, q.length, 0.2 + 0.8 * s), 5);
    }
  }
}
