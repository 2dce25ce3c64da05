/**
 * Topics: named themes of the field (arms control, NATO enlargement, sanctions ...) defined by keywords in any
 * script and by knowledge-base entity ids. A record matches a topic when its score reaches the topic's minScore:
 *
 *   score = Σ over distinct keywords found: min(occurrences, 3)   (keywords inside a longer keyword of the same topic
 *                                                                   are not counted again: 伊朗 inside 伊朗核问题)
 *         + Σ over the topic's entities present in the record: 1
 *
 * Keywords are folded (traditional -> simplified, width, Latin case) and matched on folded text with one
 * Aho–Corasick automaton for all topics. Keywords that begin or end with a Latin letter or digit only match at word
 * boundaries (INF does not match "information").
 *
 * Bundled topics come from data/topics.yaml; a workspace `.corpus-lens/topics.yaml` (later sources) replaces
 * topics by id, adds new ones, or removes one with `enabled: false`.
 */
import { isMap, isSeq, type Document, type LineCounter, type Node as YamlNode } from 'yaml';
import { parseYaml, toJS } from '../yaml';
import * as l10n from '@vscode/l10n';
import * as z from 'zod';
import { fold } from '../text/fold';
import type { Loaded, Problem } from '../types';
import { interfaceScript, type LabelScript } from '../messages';

export interface TopicLabel {
  en: string;
  'zh-Hans'?: string;
  'zh-Hant'?: string;
}

/** A topic's name in the interface's script (Taiwan: traditional, else simplified, else English). */
export function topicName(label: TopicLabel, script: LabelScript = interfaceScript()): string {
  return (script === 'en' ? undefined : (script === 'zh-Hant' ? (label['zh-Hant'] ?? label['zh-Hans']) : (label['zh-Hans'] ?? label['zh-Hant']))) ?? label.en;
}

/** The name shown beside it: the Chinese one in English, the English one in Chinese (undefined: the same). */
export function topicOtherName(label: TopicLabel, script: LabelScript = interfaceScript()): string | undefined {
  const other = script === 'en' ? (label['zh-Hans'] ?? label['zh-Hant']) : label.en;
  return other === topicName(label, script) ? undefined : other;
}

export interface Topic {
  id: string;
  label: TopicLabel;
  description: string;
  keywords: string[];
  entities: string[];
  minScore: number;
  /** Where it was defined (file of the last source that set it). */
  file: string;
}

export interface TopicMatch {
  topicId: string;
  score: number;
  /** Matched keywords (as written in the topic, with ×count when more than once) and entity ids. */
  evidence: string[];
}

export const DEFAULT_MIN_SCORE = 2;
const MAX_COUNT_PER_KEYWORD = 3;

// ---------------------------------------------------------------------------------------------------------------
// Multi-pattern scan (Aho–Corasick over UTF-16 code units)
// ---------------------------------------------------------------------------------------------------------------

interface PatternRef {
  topic: number;
  keyword: number;
}

class Automaton {
  private readonly next: Array<Map<number, number>> = [new Map()];
  private readonly fail: number[] = [0];
  /** Pattern ids ending at a node (own outputs). */
  private readonly out: number[][] = [[]];
  /** Nearest node on the failure chain that has outputs (-1 if none). */
  private dict: number[] = [-1];
  private rootTable = new Int32Array(65536);
  private failTable = new Int32Array(1);
  private dictTable = new Int32Array(1).fill(-1);
  private hasOut = new Uint8Array(1);
  readonly patterns: string[] = [];
  readonly refs: PatternRef[][] = [];
  private readonly ids = new Map<string, number>();

  add(pattern: string, ref: PatternRef): void {
    if (!pattern) return;
    let id = this.ids.get(pattern);
    if (id === undefined) {
      id = this.patterns.length;
      this.ids.set(pattern, id);
      this.patterns.push(pattern);
      this.refs.push([]);
      let node = 0;
      for (let i = 0; i < pattern.length; i++) {
        const c = pattern.charCodeAt(i);
        let child = this.next[node]!.get(c);
        if (child === undefined) {
          child = this.next.length;
          this.next.push(new Map());
          this.fail.push(0);
          this.out.push([]);
          this.next[node]!.set(c, child);
        }
        node = child;
      }
      this.out[node]!.push(id);
    }
    this.refs[id]!.push(ref);
  }

  compile(): void {
    const queue: number[] = [];
    this.dict = new Array<number>(this.next.length).fill(-1);
    for (const child of this.next[0]!.values()) {
      this.fail[child] = 0;
      queue.push(child);
    }
    for (let q = 0; q < queue.length; q++) {
      const node = queue[q]!;
      for (const [c, child] of this.next[node]!) {
        let f = this.fail[node]!;
        while (f !== 0 && !this.next[f]!.has(c)) f = this.fail[f]!;
        const target = this.next[f]!.get(c);
        this.fail[child] = target !== undefined && target !== child ? target : 0;
        const fc = this.fail[child]!;
        this.dict[child] = this.out[fc]!.length ? fc : this.dict[fc]!;
        queue.push(child);
      }
    }
    // Flat tables for the scan: a direct root table (every position may start there), failure and output links.
    this.rootTable = new Int32Array(65536);
    for (const [c, child] of this.next[0]!) this.rootTable[c] = child;
    this.failTable = Int32Array.from(this.fail);
    this.dictTable = Int32Array.from(this.dict);
    this.hasOut = Uint8Array.from(this.out, (o) => (o.length ? 1 : 0));
  }

  /** Calls `hit(patternId, end)` for every occurrence (end exclusive). */
  scan(text: string, hit: (pattern: number, end: number) => void): void {
    const root = this.rootTable;
    const next = this.next;
    const fail = this.failTable;
    const dict = this.dictTable;
    const hasOut = this.hasOut;
    let node = 0;
    for (let i = 0; i < text.length; i++) {
      const c = text.charCodeAt(i);
      let child = -1;
      while (node !== 0) {
        const m = next[node]!;
        const t = m.size ? m.get(c) : undefined;
        if (t !== undefined) {
          child = t;
          break;
        }
        node = fail[node]!;
      }
      node = child >= 0 ? child : root[c]!;
      if (node === 0) continue;
      for (let n = hasOut[node] ? node : dict[node]!; n > 0; n = dict[n]!) {
        const outs = this.out[n]!;
        for (let k = 0; k < outs.length; k++) hit(outs[k]!, i + 1);
      }
    }
  }
}

function isWordChar(c: number): boolean {
  return (c >= 48 && c <= 57) || (c >= 97 && c <= 122) || (c >= 65 && c <= 90);
}

// ---------------------------------------------------------------------------------------------------------------
// TopicSet
// ---------------------------------------------------------------------------------------------------------------

export class TopicSet {
  private readonly topics: Topic[];
  private readonly byId = new Map<string, Topic>();
  private readonly automaton = new Automaton();
  private readonly boundaryStart: boolean[] = [];
  private readonly boundaryEnd: boolean[] = [];
  private readonly byEntity = new Map<string, number[]>();

  constructor(topics: readonly Topic[]) {
    this.topics = topics.slice();
    this.topics.forEach((topic, t) => {
      this.byId.set(topic.id, topic);
      topic.keywords.forEach((keyword, k) => this.automaton.add(fold(keyword.trim()), { topic: t, keyword: k }));
      for (const e of new Set(topic.entities)) {
        const list = this.byEntity.get(e) ?? [];
        list.push(t);
        this.byEntity.set(e, list);
      }
    });
    this.automaton.compile();
    for (const p of this.automaton.patterns) {
      this.boundaryStart.push(isWordChar(p.charCodeAt(0)));
      this.boundaryEnd.push(isWordChar(p.charCodeAt(p.length - 1)));
    }
  }

  static readonly empty = new TopicSet([]);

  all(): readonly Topic[] {
    return this.topics;
  }

  get(id: string): Topic | undefined {
    return this.byId.get(id);
  }

  get size(): number {
    return this.topics.length;
  }

  /**
   * Topics of one record's text, best first. `entityIds` are the entities mentioned in it. Pass `folded: true`
   * when the text is already folded (the index folds each document once).
   */
  match(recordText: string, entityIds: Iterable<string>, options: { folded?: boolean } = {}): TopicMatch[] {
    if (this.topics.length === 0) return [];
    const text = options.folded ? recordText : fold(recordText);
    // Occurrences per topic: [start, end, keyword] triples.
    const hits: Array<number[] | undefined> = new Array<number[] | undefined>(this.topics.length);
    const { patterns, refs } = this.automaton;
    this.automaton.scan(text, (p, end) => {
      const start = end - patterns[p]!.length;
      if (this.boundaryStart[p] && start > 0 && isWordChar(text.charCodeAt(start - 1))) return;
      if (this.boundaryEnd[p] && end < text.length && isWordChar(text.charCodeAt(end))) return;
      for (const ref of refs[p]!) {
        const list = hits[ref.topic] ?? (hits[ref.topic] = []);
        list.push(start, end, ref.keyword);
      }
    });
    const scores = new Map<number, { score: number; evidence: string[] }>();
    for (let t = 0; t < hits.length; t++) {
      const list = hits[t];
      if (!list) continue;
      // Longest first at each start; drop occurrences inside an accepted longer one.
      const order: number[] = [];
      for (let k = 0; k < list.length; k += 3) order.push(k);
      order.sort((a, b) => list[a]! - list[b]! || list[b + 1]! - list[a + 1]!);
      const counts = new Map<number, number>();
      let coveredTo = -1;
      for (const k of order) {
        const start = list[k]!;
        const end = list[k + 1]!;
        if (start < coveredTo && end <= coveredTo) continue;
        coveredTo = Math.max(coveredTo, end);
        const kw = list[k + 2]!;
        counts.set(kw, (counts.get(kw) ?? 0) + 1);
      }
      const topic = this.topics[t]!;
      let score = 0;
      const evidence: string[] = [];
      for (const [kw, n] of [...counts].sort((a, b) => b[1] - a[1] || a[0] - b[0])) {
        score += Math.min(n, MAX_COUNT_PER_KEYWORD);
        evidence.push(n > 1 ? `${topic.keywords[kw]} ×${n}` : topic.keywords[kw]!);
      }
      scores.set(t, { score, evidence });
    }
    for (const e of new Set(entityIds)) {
      for (const t of this.byEntity.get(e) ?? []) {
        let s = scores.get(t);
        if (!s) scores.set(t, (s = { score: 0, evidence: [] }));
        s.score += 1;
        s.evidence.push(e);
      }
    }
    const matches: TopicMatch[] = [];
    for (const [t, s] of scores) {
      const topic = this.topics[t]!;
      if (s.score >= topic.minScore) matches.push({ topicId: topic.id, score: s.score, evidence: s.evidence });
    }
    return matches.sort((a, b) => b.score - a.score || a.topicId.localeCompare(b.topicId));
  }
}

// ---------------------------------------------------------------------------------------------------------------
// Loading
// ---------------------------------------------------------------------------------------------------------------

const ID = /^[a-z0-9][a-z0-9._/-]*$/i;
const ENTITY_ID = /^[a-z]+\/[^\s/][^\s]*$/;

const LabelSchema = z.union([
  z.string().trim().min(1, { error: () => l10n.t('label must not be empty') }).transform((en) => ({ en }) as TopicLabel),
  z.object({
    en: z.string().trim().min(1, { error: () => l10n.t('label.en must not be empty') }),
    'zh-Hans': z.string().trim().min(1).optional(),
    'zh-Hant': z.string().trim().min(1).optional(),
  }),
]);

const TopicSchema = z.object({
  id: z.string().regex(ID, { error: () => l10n.t('id: letters, digits, ".", "_", "-" and "/" only') }),
  label: LabelSchema,
  description: z.string().default(''),
  keywords: z.array(z.union([z.string(), z.number()]).transform((k) => String(k).trim())).default([]),
  entities: z.array(z.string().regex(ENTITY_ID, { error: () => l10n.t('entity ids look like country/RU, organization/NATO, treaty/INF') })).default([]),
  minScore: z.number().positive({ error: () => l10n.t('minScore must be > 0') }).optional(),
  enabled: z.literal(true).optional(),
});

const KNOWN_KEYS = new Set(['id', 'label', 'description', 'keywords', 'entities', 'minScore', 'enabled']);

interface Source {
  file: string;
  text: string;
}

class Reporter {
  readonly problems: Problem[] = [];
  constructor(
    private readonly file: string,
    private readonly lines: LineCounter,
  ) {}
  at(node: YamlNode | null | undefined, message: string, severity: Problem['severity'] = 'error'): void {
    const offset = node?.range?.[0] ?? 0;
    const pos = this.lines.linePos(offset);
    this.problems.push({ file: this.file, line: pos.line, column: pos.col, message, severity });
  }
}

function nodeAt(doc: Document, path: ReadonlyArray<string | number | symbol | PropertyKey>, fallback: YamlNode | null | undefined): YamlNode | null | undefined {
  try {
    const clean = path.filter((p): p is string | number => typeof p === 'string' || typeof p === 'number');
    // A failing element's own node, else its parent's.
    for (let n = clean.length; n > 0; n--) {
      const node = doc.getIn(clean.slice(0, n), true) as YamlNode | undefined;
      if (node && typeof node === 'object' && 'range' in node) return node;
    }
  } catch {
    // fall through
  }
  return fallback;
}

function loadSource(source: Source, topics: Map<string, Topic>): Problem[] {
  const parsed = parseYaml(source.text, source.file, { uniqueKeys: true });
  const lines = parsed.lines;
  const report = new Reporter(source.file, lines);
  report.problems.push(...parsed.problems);
  if (!parsed.doc) return report.problems;
  const doc: Document = parsed.doc;
  const root = doc.contents;
  if (root === null || root === undefined) return report.problems; // empty file: nothing to add
  let seq: YamlNode | undefined;
  let base: Array<string | number> = [];
  if (isSeq(root)) seq = root;
  else if (isMap(root)) {
    const t = root.get('topics', true) as YamlNode | undefined;
    if (t === undefined || t === null) {
      report.at(root, l10n.t('expected a "topics:" list'));
      return report.problems;
    }
    if (!isSeq(t)) {
      report.at(t, l10n.t('"topics" must be a list of topics'));
      return report.problems;
    }
    seq = t;
    base = ['topics'];
    for (const pair of root.items) {
      const key = String((pair.key as { value?: unknown } | null)?.value ?? pair.key);
      if (key !== 'topics' && key !== 'schema') report.at(pair.key as YamlNode, l10n.t('unknown top-level key "{0}" (ignored)', key), 'warning');
    }
  } else {
    report.at(root, l10n.t('expected a "topics:" list'));
    return report.problems;
  }
  const items = (seq as { items: YamlNode[] }).items;
  const seen = new Set<string>();
  items.forEach((itemNode, i) => {
    const item: unknown = toJS(doc, itemNode);
    if (!item || typeof item !== 'object' || Array.isArray(item)) {
      report.at(itemNode, l10n.t('a topic must be a mapping with id, label, keywords and/or entities'));
      return;
    }
    const rec = item as Record<string, unknown>;
    for (const key of Object.keys(rec)) if (!KNOWN_KEYS.has(key)) report.at(nodeAt(doc, [...base, i, key], itemNode), l10n.t('unknown key "{0}" (ignored)', key), 'warning');
    // Removing a topic (bundled or from an earlier file).
    if (rec.enabled === false) {
      if (typeof rec.id !== 'string' || !rec.id) report.at(itemNode, l10n.t('"enabled: false" needs the id of the topic to remove'));
      else if (!topics.delete(rec.id)) report.at(nodeAt(doc, [...base, i, 'id'], itemNode), l10n.t('no topic "{0}" to disable', rec.id), 'warning');
      return;
    }
    const parsed = TopicSchema.safeParse(rec);
    if (!parsed.success) {
      for (const issue of parsed.error.issues) {
        const where = issue.path.map(String).join('.');
        report.at(nodeAt(doc, [...base, i, ...issue.path], itemNode), typeof rec.id === 'string'
            ? where ? l10n.t('{0}: {1} (topic "{2}", ignored)', where, issue.message, rec.id) : l10n.t('{0} (topic "{1}", ignored)', issue.message, rec.id)
            : where ? l10n.t('{0}: {1} (topic ignored)', where, issue.message) : l10n.t('{0} (topic ignored)', issue.message));
      }
      return;
    }
    const t = parsed.data;
    const keywords: string[] = [];
    t.keywords.forEach((k, n) => {
      if (!k) report.at(nodeAt(doc, [...base, i, 'keywords', n], itemNode), l10n.t('empty keyword (ignored)'), 'warning');
      else if (!keywords.includes(k)) keywords.push(k);
    });
    if (keywords.length === 0 && t.entities.length === 0) {
      report.at(itemNode, l10n.t('topic "{0}" has no keywords and no entities, so it can never match (ignored)', t.id));
      return;
    }
    if (seen.has(t.id)) report.at(nodeAt(doc, [...base, i, 'id'], itemNode), l10n.t('duplicate topic id "{0}" in this file (the later one wins)', t.id), 'warning');
    seen.add(t.id);
    topics.delete(t.id); // an override moves to the end of the list
    topics.set(t.id, {
      id: t.id,
      label: t.label,
      description: t.description,
      keywords,
      entities: [...new Set(t.entities)],
      minScore: t.minScore ?? DEFAULT_MIN_SCORE,
      file: source.file,
    });
  });
  return report.problems;
}

/**
 * Loads topic files in order (bundled first, then each workspace's .corpus-lens/topics.yaml); later topics replace
 * earlier ones with the same id. Never throws: broken topics are left out and reported with file:line.
 */
export function loadTopics(sources: ReadonlyArray<Source>): Loaded<TopicSet> {
  const topics = new Map<string, Topic>();
  const problems: Problem[] = [];
  for (const source of sources) {
    try {
      problems.push(...loadSource(source, topics));
    } catch (error) {
      problems.push({ file: source.file, line: 1, column: 1, message: l10n.t('cannot load topics: {0}', String(error)), severity: 'error' });
    }
  }
  return { value: new TopicSet([...topics.values()]), problems };
}
