/**
 * A hand-written trie over UTF-16 code units, compiled into typed arrays for fast matching.
 *
 * Patterns are added with an integer payload (`value >= 0`), then `compile()`d once. Matching never allocates:
 * `matchAt` walks the trie from one position and reports every pattern that ends along the way, so callers can
 * apply their own acceptance rules (word boundaries) and still pick the longest acceptable match.
 * `findAll` is the plain leftmost-longest scan.
 *
 * Layout after compile: the root's children are a direct 65536-entry table (every text position starts there, and
 * the root of a CJK name trie has thousands of children); every other node keeps its children as a sorted run of
 * (code unit, child) pairs in two flat arrays, searched linearly when short and by bisection when long.
 * Patterns are matched exactly as given: fold both sides first (see `fold` in src/core/text/fold.ts).
 */

interface BuildNode {
  children: Map<number, BuildNode> | undefined;
  value: number;
  id: number;
}

export interface TrieMatch {
  start: number;
  end: number;
  value: number;
}

/** A compiled trie's arrays (`Trie.toArrays`, `Trie.fromArrays`). */
export interface TrieArrays {
  /** Pairs (code unit, node) of the root's children. */
  rootStarts: Int32Array;
  firstEdge: Int32Array;
  edgeCount: Int32Array;
  edgeChar: Uint16Array;
  edgeTarget: Int32Array;
  nodeValue: Int32Array;
  /** Length of the longest pattern. */
  longest: number;
  /** Number of patterns. */
  size: number;
}

const LINEAR_LIMIT = 8;

export class Trie {
  private root: BuildNode = { children: undefined, value: -1, id: 0 };
  private nodeCount = 1;
  private patternCount = 0;
  private compiled = false;

  // Compiled form.
  private rootTable: Int32Array = new Int32Array(0);
  private firstEdge: Int32Array = new Int32Array(0);
  private edgeCount: Int32Array = new Int32Array(0);
  private edgeChar: Uint16Array = new Uint16Array(0);
  private edgeTarget: Int32Array = new Int32Array(0);
  private nodeValue: Int32Array = new Int32Array(0);
  private maxDepth = 0;

  /** Number of distinct patterns. */
  get size(): number {
    return this.patternCount;
  }

  /** Length of the longest pattern (UTF-16 code units). */
  get longest(): number {
    return this.maxDepth;
  }

  /**
   * Adds a pattern (empty patterns are ignored). Returns the value it replaced, or -1 when the pattern is new.
   * Must be called before `compile()`.
   */
  add(pattern: string, value: number): number {
    if (this.compiled) throw new Error('Trie.add after compile()');
    if (!Number.isInteger(value) || value < 0) throw new RangeError(`Trie value must be a non-negative integer, got ${value}`);
    if (pattern.length === 0) return -1;
    let node = this.root;
    for (let i = 0; i < pattern.length; i++) {
      const c = pattern.charCodeAt(i);
      node.children ??= new Map();
      let next = node.children.get(c);
      if (next === undefined) {
        next = { children: undefined, value: -1, id: this.nodeCount++ };
        node.children.set(c, next);
      }
      node = next;
    }
    const previous = node.value;
    if (previous < 0) this.patternCount++;
    node.value = value;
    if (pattern.length > this.maxDepth) this.maxDepth = pattern.length;
    return previous;
  }

  /** The value stored for exactly this pattern, or -1. Works before and after compile. */
  get(pattern: string): number {
    if (!this.compiled) {
      let node: BuildNode | undefined = this.root;
      for (let i = 0; i < pattern.length && node; i++) node = node.children?.get(pattern.charCodeAt(i));
      return node && pattern.length > 0 ? node.value : -1;
    }
    if (pattern.length === 0) return -1;
    let node = this.rootTable[pattern.charCodeAt(0)]!;
    for (let i = 1; i < pattern.length && node > 0; i++) node = this.child(node, pattern.charCodeAt(i));
    return node > 0 ? this.nodeValue[node]! : -1;
  }

  /** Freezes the trie into its typed-array form. Idempotent. */
  compile(): this {
    if (this.compiled) return this;
    const n = this.nodeCount;
    this.rootTable = new Int32Array(65536);
    this.firstEdge = new Int32Array(n);
    this.edgeCount = new Int32Array(n);
    this.nodeValue = new Int32Array(n).fill(-1);
    const edges = n - 1;
    this.edgeChar = new Uint16Array(edges);
    this.edgeTarget = new Int32Array(edges);
    let e = 0;
    // Breadth-first so siblings' edge runs are laid out together.
    const queue: BuildNode[] = [this.root];
    for (let q = 0; q < queue.length; q++) {
      const node = queue[q]!;
      this.nodeValue[node.id] = node.value;
      if (!node.children) continue;
      const keys = [...node.children.keys()].sort((a, b) => a - b);
      if (node === this.root) {
        for (const k of keys) {
          const child = node.children.get(k)!;
          this.rootTable[k] = child.id;
          queue.push(child);
        }
        continue;
      }
      this.firstEdge[node.id] = e;
      this.edgeCount[node.id] = keys.length;
      for (const k of keys) {
        const child = node.children.get(k)!;
        this.edgeChar[e] = k;
        this.edgeTarget[e] = child.id;
        e++;
        queue.push(child);
      }
    }
    this.root = { children: undefined, value: -1, id: 0 }; // release the build graph
    this.compiled = true;
    return this;
  }

  /**
   * Builds a compiled trie directly from patterns sorted in code-unit order (`Array.prototype.sort()` order) and
   * distinct, with their values: no build graph, one pass over the characters. This is how the recogniser is made
   * ready from the precompiled knowledge base in a few milliseconds. Throws on unsorted or duplicate patterns.
   */
  static fromSorted(patterns: readonly string[], values: ArrayLike<number>): Trie {
    const t = new Trie();
    const n = patterns.length;
    let chars = 0;
    for (let i = 0; i < n; i++) {
      const p = patterns[i]!;
      if (p.length === 0) throw new RangeError('Trie.fromSorted: empty pattern');
      if (i > 0 && !(patterns[i - 1]! < p)) throw new RangeError(`Trie.fromSorted: patterns not sorted and distinct at ${i} (${JSON.stringify(p)})`);
      const v = values[i]!;
      if (!Number.isInteger(v) || v < 0) throw new RangeError(`Trie value must be a non-negative integer, got ${v}`);
      chars += p.length;
      if (p.length > t.maxDepth) t.maxDepth = p.length;
    }
    const cap = chars + 1;
    const firstEdge = new Int32Array(cap);
    const edgeCount = new Int32Array(cap);
    const nodeValue = new Int32Array(cap).fill(-1);
    const edgeChar = new Uint16Array(cap);
    const edgeTarget = new Int32Array(cap);
    const rootTable = new Int32Array(65536);
    // Breadth-first over ranges of patterns sharing a prefix: node q covers patterns [qLo[q], qHi[q]) at depth qDepth[q].
    const qLo = new Int32Array(cap);
    const qHi = new Int32Array(cap);
    const qDepth = new Int32Array(cap);
    let nodes = 1;
    let edges = 0;
    qLo[0] = 0;
    qHi[0] = n;
    qDepth[0] = 0;
    for (let q = 0; q < nodes; q++) {
      let lo = qLo[q]!;
      const hi = qHi[q]!;
      const d = qDepth[q]!;
      if (lo < hi && patterns[lo]!.length === d) {
        nodeValue[q] = values[lo]!;
        lo++;
      }
      if (lo >= hi) continue;
      if (q !== 0) firstEdge[q] = edges;
      let count = 0;
      for (let i = lo; i < hi; ) {
        const c = patterns[i]!.charCodeAt(d);
        let j = i + 1;
        while (j < hi && patterns[j]!.charCodeAt(d) === c) j++;
        const child = nodes++;
        qLo[child] = i;
        qHi[child] = j;
        qDepth[child] = d + 1;
        if (q === 0) rootTable[c] = child;
        else {
          edgeChar[edges] = c;
          edgeTarget[edges] = child;
          edges++;
          count++;
        }
        i = j;
      }
      if (q !== 0) edgeCount[q] = count;
    }
    t.rootTable = rootTable;
    t.firstEdge = firstEdge.subarray(0, nodes);
    t.edgeCount = edgeCount.subarray(0, nodes);
    t.nodeValue = nodeValue.subarray(0, nodes);
    t.edgeChar = edgeChar.subarray(0, edges);
    t.edgeTarget = edgeTarget.subarray(0, edges);
    t.nodeCount = nodes;
    t.patternCount = n;
    t.compiled = true;
    return t;
  }

  /**
   * The compiled trie as typed arrays (see `fromArrays`): what the build stores of the recogniser's name trie, so
   * that a process makes it ready without building it. The root table is given sparse (the code units that start a
   * pattern and their nodes).
   */
  toArrays(): TrieArrays {
    if (!this.compiled) throw new Error('Trie.toArrays before compile()');
    const starts: number[] = [];
    for (let c = 0; c < 65536; c++) if (this.rootTable[c] !== 0) starts.push(c, this.rootTable[c]!);
    return {
      rootStarts: Int32Array.from(starts),
      firstEdge: this.firstEdge,
      edgeCount: this.edgeCount,
      edgeChar: this.edgeChar,
      edgeTarget: this.edgeTarget,
      nodeValue: this.nodeValue,
      longest: this.maxDepth,
      size: this.patternCount,
    };
  }

  /** A compiled trie over the arrays of `toArrays` (used in place, not copied; only the root table is made). */
  static fromArrays(a: TrieArrays): Trie {
    const t = new Trie();
    const nodes = a.nodeValue.length;
    if (a.firstEdge.length !== nodes || a.edgeCount.length !== nodes || a.edgeChar.length !== a.edgeTarget.length || a.rootStarts.length % 2 !== 0) {
      throw new RangeError('Trie.fromArrays: inconsistent arrays');
    }
    const rootTable = new Int32Array(65536);
    for (let k = 0; k < a.rootStarts.length; k += 2) rootTable[a.rootStarts[k]!] = a.rootStarts[k + 1]!;
    t.rootTable = rootTable;
    t.firstEdge = a.firstEdge;
    t.edgeCount = a.edgeCount;
    t.edgeChar = a.edgeChar;
    t.edgeTarget = a.edgeTarget;
    t.nodeValue = a.nodeValue;
    t.maxDepth = a.longest;
    t.nodeCount = nodes;
    t.patternCount = a.size;
    t.root = { children: undefined, value: -1, id: 0 };
    t.compiled = true;
    return t;
  }

  /** The child of `node` on code unit `c`, or 0. */
  private child(node: number, c: number): number {
    const count = this.edgeCount[node]!;
    if (count === 0) return 0;
    const first = this.firstEdge[node]!;
    const chars = this.edgeChar;
    if (count <= LINEAR_LIMIT) {
      for (let k = first, end = first + count; k < end; k++) {
        const x = chars[k]!;
        if (x === c) return this.edgeTarget[k]!;
        if (x > c) return 0;
      }
      return 0;
    }
    // Kept inline rather than through src/core/sorted.ts: this is the recogniser's innermost loop (the root node is
    // searched at every character), and the shared, polymorphic helper measured half the throughput here.
    let lo = first;
    let hi = first + count - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      const x = chars[mid]!;
      if (x < c) lo = mid + 1;
      else if (x > c) hi = mid - 1;
      else return this.edgeTarget[mid]!;
    }
    return 0;
  }

  /** True when some pattern starts with code unit `c` (cheap pre-check). */
  startsWith(c: number): boolean {
    return this.rootTable[c]! !== 0;
  }

  /**
   * Every pattern that matches `text` at position `start`, shortest first: their end offsets go to `ends`, their
   * values to `values` (both at least `longest` long). Returns how many were found.
   */
  matchAt(text: string, start: number, ends: Int32Array, values: Int32Array): number {
    if (!this.compiled) throw new Error('Trie.matchAt before compile()');
    const n = text.length;
    if (start >= n) return 0;
    let node = this.rootTable[text.charCodeAt(start)]!;
    let found = 0;
    let i = start + 1;
    while (node !== 0) {
      const v = this.nodeValue[node]!;
      if (v >= 0) {
        ends[found] = i;
        values[found] = v;
        found++;
      }
      if (i >= n || this.edgeCount[node] === 0) break;
      node = this.child(node, text.charCodeAt(i));
      i++;
    }
    return found;
  }

  /**
   * Leftmost-longest scan of `text`: at each position the longest pattern accepted by `accept` (default: all) is
   * taken and the scan resumes after it.
   */
  findAll(text: string, accept?: (start: number, end: number, value: number) => boolean): TrieMatch[] {
    const out: TrieMatch[] = [];
    const ends = new Int32Array(Math.max(1, this.maxDepth));
    const values = new Int32Array(Math.max(1, this.maxDepth));
    const n = text.length;
    for (let i = 0; i < n; ) {
      if (this.rootTable[text.charCodeAt(i)] === 0) {
        i++;
        continue;
      }
      const k = this.matchAt(text, i, ends, values);
      let taken = false;
      for (let j = k - 1; j >= 0; j--) {
        if (!accept || accept(i, ends[j]!, values[j]!)) {
          out.push({ start: i, end: ends[j]!, value: values[j]! });
          i = ends[j]!;
          taken = true;
          break;
        }
      }
      if (!taken) i++;
    }
    return out;
  }
}
