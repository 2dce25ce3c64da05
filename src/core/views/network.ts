/**
 * Networks: entity co-occurrence within records (edge weight = records both are mentioned in; a minimum weight;
 * Louvain communities, seeded so the same corpus gives the same partition), and the holder → target stance network
 * (edges coloured by the mean signed stance of the claims, weighted by their number).
 */
import type Graph from 'graphology';
import type louvainFn from 'graphology-communities-louvain';
import { lazy } from '../lazy';
import { holderKey, recordIndexOf, stanceValue, targetKey, type EntityName, type ViewAnnotation, type ViewCorpus } from './source';
import { seededRandom } from '../random';

// graphology and its Louvain package run their module init at load otherwise; only the network view needs them.
const graphology = lazy(() => ({
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- loaded on the first network (core/lazy.ts)
  Graph: require('graphology') as typeof Graph,
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- loaded on the first network (core/lazy.ts)
  louvain: require('graphology-communities-louvain') as typeof louvainFn,
}));

export interface NetworkNode {
  id: string;
  label: string;
  /** Mentions (co-occurrence) or claims (stance network) of the node. */
  weight: number;
  community?: number;
  kind?: string;
}

export interface NetworkEdge {
  source: string;
  target: string;
  weight: number;
  /** Mean signed stance (stance network). */
  mean?: number;
  polarity?: Record<string, number>;
}

export interface Network {
  kind: 'cooccurrence' | 'stance';
  nodes: NetworkNode[];
  edges: NetworkEdge[];
  communities: number;
  /** Nodes and edges left out by the limits (threshold, maximum nodes). */
  dropped: { nodes: number; edges: number };
}

export interface CooccurrenceOptions {
  /** Least number of shared records for an edge (default 2). */
  minWeight?: number;
  /** Most-mentioned entities kept (default 150). */
  maxNodes?: number;
  /** Only these entities (and their co-occurrences among themselves). */
  entityIds?: string[];
  /** Only records whose documents pass (a time filter, a folder). */
  include?: (path: string, recordIndex: number) => boolean;
  /** Count inner members of nested mentions too (default true, as the index does: 美国国务院 also mentions the United States). */
  members?: boolean;
  communities?: boolean;
}


function communitiesOf(nodes: NetworkNode[], edges: NetworkEdge[]): number {
  if (!edges.length) return 0;
  const { Graph: GraphClass, louvain } = graphology();
  const g = new GraphClass({ type: 'undirected', multi: false });
  for (const n of nodes) g.addNode(n.id);
  for (const e of edges) g.mergeEdge(e.source, e.target, { weight: e.weight });
  const parts = louvain(g, { getEdgeWeight: 'weight', rng: seededRandom(42) });
  // Renumber by size (largest first), so colours stay stable across small changes.
  const sizes = new Map<number, number>();
  for (const c of Object.values(parts)) sizes.set(c, (sizes.get(c) ?? 0) + 1);
  const order = [...sizes.entries()].sort((a, b) => b[1] - a[1] || a[0] - b[0]).map(([c]) => c);
  const renumber = new Map(order.map((c, i) => [c, i]));
  for (const n of nodes) {
    const c = parts[n.id];
    if (c !== undefined) n.community = renumber.get(c);
  }
  return order.length;
}

/** Adds one to the weight of every pair among the `n` distinct node positions of `list` (weights: k × k, a < b). */
function countPairs(weights: Uint32Array, k: number, list: ArrayLike<number>, n: number): void {
  for (let i = 0; i < n; i++) {
    const x = list[i]!;
    for (let j = i + 1; j < n; j++) {
      const y = list[j]!;
      if (x < y) weights[x * k + y]!++;
      else weights[y * k + x]!++;
    }
  }
}

const byCount = (a: [string, number], b: [string, number]) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1);

export function cooccurrenceNetwork(corpus: ViewCorpus, name: EntityName, options: CooccurrenceOptions = {}): Network {
  const minWeight = options.minWeight ?? 2;
  const maxNodes = options.maxNodes ?? 150;
  const only = options.entityIds ? new Set(options.entityIds) : undefined;
  const mentions = new Map<string, number>();
  let ranked: Array<[string, number]>;
  let keptIds: string[];
  let weights: Uint32Array;
  if (!options.include && options.members !== false && corpus.eachRecordOf !== undefined) {
    // Fastest: no record filter, so the corpus totals pick the kept entities, and the index hands each record's
    // distinct kept entities as small numbers (no string, no object per mention).
    for (const [id, c] of corpus.entityCounts()) if (!only || only.has(id)) mentions.set(id, c.count);
    ranked = [...mentions.entries()].sort(byCount);
    keptIds = ranked.slice(0, maxNodes).map(([id]) => id);
    const k = keptIds.length;
    weights = new Uint32Array(k * k);
    corpus.eachRecordOf(keptIds, (_path, _record, members, n) => countPairs(weights, k, members, n));
  } else {
    // Entities as small integers; records as lists of entity numbers; pairs are counted among the kept entities
    // only (a dense matrix of maxNodes², not a map over every pair of the corpus).
    const ids: string[] = [];
    const idOf = new Map<string, number>();
    const intern = (id: string) => {
      let k = idOf.get(id);
      if (k === undefined) idOf.set(id, (k = ids.push(id) - 1));
      return k;
    };
    const records: number[][] = [];
    const addRecord = (set: number[]) => {
      if (set.length >= 2) records.push(set);
    };
    const fast = options.members !== false && corpus.recordEntities !== undefined;
    for (const doc of corpus.documents()) {
      if (fast) {
        corpus.recordEntities!(doc.path).forEach((rec, r) => {
          if (options.include && !options.include(doc.path, r)) return;
          const set: number[] = [];
          rec.entityIds.forEach((id, k) => {
            if (only && !only.has(id)) return;
            mentions.set(id, (mentions.get(id) ?? 0) + rec.counts[k]!);
            set.push(intern(id));
          });
          addRecord(set);
        });
        continue;
      }
      // Distinct entities per record of the document.
      const perRecord = new Map<number, Set<number>>();
      for (const m of corpus.mentionsIn(doc.path)) {
        if (m.member && options.members === false) continue;
        if (only && !only.has(m.entityId)) continue;
        const r = recordIndexOf(doc, m.start);
        if (options.include && !options.include(doc.path, r)) continue;
        mentions.set(m.entityId, (mentions.get(m.entityId) ?? 0) + 1);
        let set = perRecord.get(r);
        if (!set) perRecord.set(r, (set = new Set()));
        set.add(intern(m.entityId));
      }
      for (const set of perRecord.values()) addRecord([...set]);
    }
    ranked = [...mentions.entries()].sort(byCount);
    keptIds = ranked.slice(0, maxNodes).map(([id]) => id);
    // Entity number -> position among the kept (-1: not kept).
    const slot = new Int32Array(ids.length).fill(-1);
    keptIds.forEach((id, i) => (slot[idOf.get(id)!] = i));
    const k = keptIds.length;
    weights = new Uint32Array(k * k);
    const local: number[] = [];
    for (const rec of records) {
      local.length = 0;
      for (const e of rec) if (slot[e]! >= 0) local.push(slot[e]!);
      countPairs(weights, k, local, local.length);
    }
  }
  const k = keptIds.length;
  const edges: NetworkEdge[] = [];
  let droppedEdges = 0;
  for (let a = 0; a < k; a++) for (let b = a + 1; b < k; b++) {
    const weight = weights[a * k + b]!;
    if (!weight) continue;
    if (weight < minWeight) {
      droppedEdges++;
      continue;
    }
    const [source, target] = keptIds[a]! < keptIds[b]! ? [keptIds[a]!, keptIds[b]!] : [keptIds[b]!, keptIds[a]!];
    edges.push({ source, target, weight });
  }
  edges.sort((a, b) => b.weight - a.weight || (a.source < b.source ? -1 : a.source > b.source ? 1 : a.target < b.target ? -1 : 1));
  // Nodes: the kept entities that have at least one edge (isolated ones say nothing in a network).
  const linked = new Set(edges.flatMap((e) => [e.source, e.target]));
  const nodes: NetworkNode[] = ranked.filter(([id]) => linked.has(id)).map(([id, weight]) => ({ id, label: name(id), weight, kind: id.slice(0, id.indexOf('/')) || undefined }));
  const communities = options.communities === false ? 0 : communitiesOf(nodes, edges);
  return { kind: 'cooccurrence', nodes, edges, communities, dropped: { nodes: mentions.size - nodes.length, edges: droppedEdges } };
}

export interface StanceNetworkOptions {
  minWeight?: number;
  topicName?: (id: string) => string;
}

/** Holder → target: one directed edge per pair, with the number of claims and their mean signed stance. */
export function stanceNetwork(annotations: readonly ViewAnnotation[], name: EntityName, options: StanceNetworkOptions = {}): Network {
  const nodes = new Map<string, NetworkNode>();
  const edges = new Map<string, NetworkEdge & { sum: number }>();
  const node = (k: { key: string; label: string }, kind: string) => {
    let n = nodes.get(k.key);
    if (!n) nodes.set(k.key, (n = { id: k.key, label: k.label, weight: 0, kind }));
    n.weight++;
    return n;
  };
  for (const a of annotations) {
    const h = holderKey(a.annotation.holder, name);
    const t = targetKey(a.annotation.about, name, options.topicName);
    if (!h || !t) continue;
    node(h, 'holder');
    node(t, 'target');
    const key = `${h.key}\u0000${t.key}`;
    let e = edges.get(key);
    if (!e) edges.set(key, (e = { source: h.key, target: t.key, weight: 0, sum: 0, polarity: {} }));
    e.weight++;
    e.sum += stanceValue(a.annotation);
    e.polarity![a.annotation.stance.polarity] = (e.polarity![a.annotation.stance.polarity] ?? 0) + 1;
  }
  const minWeight = options.minWeight ?? 1;
  const out: NetworkEdge[] = [];
  let dropped = 0;
  for (const e of edges.values()) {
    if (e.weight < minWeight) {
      dropped++;
      continue;
    }
    out.push({ source: e.source, target: e.target, weight: e.weight, mean: e.sum / e.weight, polarity: e.polarity });
  }
  out.sort((a, b) => b.weight - a.weight || (a.source < b.source ? -1 : 1));
  const linked = new Set(out.flatMap((e) => [e.source, e.target]));
  const list = [...nodes.values()].filter((n) => linked.has(n.id)).sort((a, b) => b.weight - a.weight || a.label.localeCompare(b.label));
  return { kind: 'stance', nodes: list, edges: out, communities: 0, dropped: { nodes: nodes.size - list.length, edges: dropped } };
}
