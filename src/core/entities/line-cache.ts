/**
 * A bounded least-recently-used cache keyed by a line of text, for results that are a pure function of the line
 * (the taggers' spans, relative to the line's start). Bounded twice: by entries and by the UTF-16 units of the keys
 * it holds; lines longer than `maxLine` are not cached (a long paragraph seldom comes again). Keys are copied on
 * insertion, so a cached line never keeps the document it was sliced from alive (V8 keeps the parent of a sliced
 * string). A line is cached the second time it is offered (`set`) within a while, not the first: most lines of a
 * corpus come once, and copying and holding each would cost more than the lines that come again save (the cache
 * remembers the hashes of recent lines offered once, in a small table, to know).
 */
export class LineCache<V> {
  private readonly map = new Map<string, V>();
  private units = 0;
  /** Hashes of lines offered once (direct-mapped by the hash's low bits; 0: none). */
  private readonly seen = new Int32Array(DOORKEEPER);
  hits = 0;
  misses = 0;

  constructor(
    readonly maxEntries = 4096,
    readonly maxUnits = 1 << 20,
    readonly maxLine = 4096,
  ) {}

  get size(): number {
    return this.map.size;
  }

  /** Is a line of `length` units short enough to be cached (and is there a cache: `maxEntries` > 0)? */
  fits(length: number): boolean {
    return length <= this.maxLine && this.maxEntries > 0;
  }

  /** The value cached for `key` (made the most recently used), else undefined. */
  get(key: string): V | undefined {
    const v = this.map.get(key);
    if (v === undefined) {
      this.misses++;
      return undefined;
    }
    this.hits++;
    // Re-inserted: a Map iterates in insertion order, so the first key is the least recently used.
    this.map.delete(key);
    this.map.set(key, v);
    return v;
  }

  /**
   * Caches `value` for `key` if `key` was offered before (a key longer than `maxLine` is ignored), evicting the least
   * recently used.
   */
  set(key: string, value: V): void {
    if (!this.fits(key.length)) return;
    const old = this.map.get(key);
    if (old !== undefined) {
      this.map.delete(key);
      this.map.set(key, value);
      return;
    }
    // Offered for the first time (as far as the table of hashes knows: another line of the same hash in its slot
    // only lets this one in sooner): remembered, not cached.
    const h = lineHash(key);
    const slot = h & (DOORKEEPER - 1);
    if (this.seen[slot] !== h) {
      this.seen[slot] = h;
      return;
    }
    this.seen[slot] = 0;
    while (this.map.size > 0 && (this.map.size >= this.maxEntries || this.units + key.length > this.maxUnits)) {
      const first = this.map.keys().next().value as string;
      this.map.delete(first);
      this.units -= first.length;
    }
    this.map.set(flat(key), value);
    this.units += key.length;
  }

  clear(): void {
    this.map.clear();
    this.seen.fill(0);
    this.units = 0;
  }
}

const DOORKEEPER = 1 << 14;

/** A hash of `s`, never 0. */
function lineHash(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 0x01000193);
  return h === 0 ? 1 : h;
}

/** A copy of `s` that does not share its parent's characters (concatenation then flattening, as V8 does it). */
function flat(s: string): string {
  // A short string is copied by slice anyway; a longer one: the cons string of the concatenation is flattened into
  // fresh characters, and slicing that keeps only the fresh string.
  return s.length < 16 ? s : ('\u0000' + s).slice(1);
}
