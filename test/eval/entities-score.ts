/**
 * Scoring of recognised entity mentions against the gold marks of an entity evaluation set (format:
 * entities-format.ts). Pure: scripts/eval-entities.ts runs it with the recogniser, test/unit/entities-eval.test.ts
 * with hand-made mentions.
 *
 * Predicted mentions are the top-level mentions and their inner members. A prediction matches a gold mark when
 * their spans overlap (>= 1 code unit) at the same nesting level:
 *  - a prediction that covers the whole outer mark of a gold member is the outer level (美国国务院 does not find the
 *    member 美国);
 *  - one that lies inside a gold member of a gold mark is the member level (美国 alone does not find 美国国务院);
 *  - an inner member of a prediction never matches a gold mark that strictly contains it (a member 中 inside the
 *    gold 朝中社 is wrong, not a partial find of 朝中社).
 * Measures:
 *  - recall (overlap): gold marks matched by a prediction of any type; typed: by one of the gold type; exact: by
 *    one with exactly the gold span;
 *  - precision (overlap): predictions that match a gold mark; typed: one of their type;
 *  - link accuracy: gold marks with a knowledge-base id that a matching prediction links to that id, over all
 *    such marks and over those found; `unknown` marks: found, and wrongly linked (every matching prediction is a
 *    confirmed knowledge-base mention, while the entity is not in the knowledge base).
 * Rows: per gold type (recall) and predicted type (precision), and per kind of gold mark (demonym, abbr, member,
 * known, unknown: recall and links only).
 */
import type { EntityMention } from '../../src/core/types';
import { UNKNOWN_ID, type EntityEvalItem, type GoldEntity } from './entities-format';

export interface Counts {
  gold: number;
  found: number;
  typed: number;
  exact: number;
  /** Gold marks with a knowledge-base id, those found, those linked to that id. */
  known: number;
  knownFound: number;
  linked: number;
  /** Gold `unknown` marks, those found, those only a knowledge-base link found (a wrong link). */
  unknown: number;
  unknownFound: number;
  unknownLinked: number;
  predicted: number;
  right: number;
  rightTyped: number;
}

export const zeroCounts = (): Counts => ({ gold: 0, found: 0, typed: 0, exact: 0, known: 0, knownFound: 0, linked: 0, unknown: 0, unknownFound: 0, unknownLinked: 0, predicted: 0, right: 0, rightTyped: 0 });

export function addCounts(a: Counts, b: Counts): void {
  for (const k of Object.keys(a) as Array<keyof Counts>) a[k] += b[k];
}

export interface Predicted {
  m: EntityMention;
  /** An inner member of a predicted mention. */
  member: boolean;
}

export interface Scored {
  total: Counts;
  /** `type <t>` and `kind <k>` rows. */
  rows: Map<string, Counts>;
  /** One line per miss, wrong link, wrong type and false positive: `<where>:<line>: MISSED  {...}`. */
  problems: string[];
}

const overlaps = (a: { start: number; end: number }, b: { start: number; end: number }) => a.start < b.end && b.start < a.end;
const covers = (a: { start: number; end: number }, b: { start: number; end: number }) => a.start <= b.start && a.end >= b.end;

/** Whether prediction p can stand for gold mark g of `gold` (same nesting level; see the head of the file). */
export function matches(p: Predicted, g: GoldEntity, gold: readonly GoldEntity[]): boolean {
  if (!overlaps(p.m, g)) return false;
  if (g.parent !== undefined && covers(p.m, gold[g.parent]!)) return false;
  if (g.members.some((k) => covers(gold[k]!, p.m))) return false;
  if (p.member && covers(g, p.m) && (g.start !== p.m.start || g.end !== p.m.end)) return false;
  return true;
}

export function flattenMentions(found: readonly EntityMention[]): Predicted[] {
  const out: Predicted[] = [];
  for (const m of found) {
    out.push({ m, member: false });
    for (const x of m.members ?? []) out.push({ m: x, member: true });
  }
  return out;
}

/** The kinds a gold mark is counted under, besides its type. */
export function goldKinds(g: GoldEntity): string[] {
  const out: string[] = [...g.flags];
  if (g.parent !== undefined) out.push('member');
  out.push(g.id === UNKNOWN_ID ? 'unknown' : 'known');
  return out;
}

export const showGold = (g: GoldEntity) => `{${g.text}|${g.type}|${g.id}${g.flags.length ? `|${g.flags.join(',')}` : ''}}`;
const showPredicted = (p: Predicted) => `${p.m.text}=${p.m.type}:${p.m.entityId}${p.member ? ' (member)' : ''}`;

/**
 * The mentions of each item when the texts of one source (consecutive items under the same "# src:" comment) are
 * recognised as one document, joined by line breaks: what document context gives (a bare surname after the full
 * name, a shared abbreviation read as the country named before). Offsets are shifted back into each item's text; a
 * mention that runs over a line break is cut at it.
 */
export function findByDocument(items: readonly EntityEvalItem[], find: (text: string) => readonly EntityMention[]): Map<EntityEvalItem, EntityMention[]> {
  const out = new Map<EntityEvalItem, EntityMention[]>();
  for (let i = 0; i < items.length; ) {
    let j = i + 1;
    while (j < items.length && items[j]!.source === items[i]!.source) j++;
    const group = items.slice(i, j);
    const starts: number[] = [];
    let text = '';
    for (const item of group) {
      starts.push(text.length);
      text += `${item.text}\n`;
      out.set(item, []);
    }
    const shift = (m: EntityMention, k: number): EntityMention => {
      const base = starts[k]!;
      const end = Math.min(m.end, base + group[k]!.text.length);
      const moved: EntityMention = { ...m, start: m.start - base, end: end - base, text: m.text.slice(0, end - m.start) };
      if (m.members) moved.members = m.members.filter((x) => x.start < end).map((x) => shift(x, k));
      return moved;
    };
    for (const m of find(text)) {
      let k = starts.length - 1;
      while (k > 0 && starts[k]! > m.start) k--;
      out.get(group[k]!)!.push(shift(m, k));
    }
    i = j;
  }
  return out;
}

/** Scores the mentions `find` returns for each item. `where` names the file in problem lines. */
export function scoreEntities(items: readonly EntityEvalItem[], find: (item: EntityEvalItem) => readonly EntityMention[], where: string): Scored {
  const total = zeroCounts();
  const rows = new Map<string, Counts>();
  const problems: string[] = [];
  const row = (key: string) => {
    let c = rows.get(key);
    if (!c) rows.set(key, (c = zeroCounts()));
    return c;
  };
  for (const item of items) {
    const predicted = flattenMentions(find(item));
    const at = `${where}:${item.line}`;
    for (const g of item.gold) {
      const c = zeroCounts();
      const hits = predicted.filter((p) => matches(p, g, item.gold));
      c.gold = 1;
      if (hits.length) c.found = 1;
      if (hits.some((p) => p.m.type === g.type)) c.typed = 1;
      if (hits.some((p) => p.m.start === g.start && p.m.end === g.end)) c.exact = 1;
      if (g.id === UNKNOWN_ID) {
        c.unknown = 1;
        c.unknownFound = c.found;
        if (hits.length && hits.every((p) => p.m.confirmed)) c.unknownLinked = 1;
      } else {
        c.known = 1;
        c.knownFound = c.found;
        if (hits.some((p) => p.m.entityId === g.id)) c.linked = 1;
      }
      addCounts(total, c);
      addCounts(row(`type ${g.type}`), c);
      for (const k of goldKinds(g)) addCounts(row(`kind ${k}`), c);
      if (!hits.length) {
        const near = predicted.filter((p) => overlaps(p.m, g)).map(showPredicted);
        problems.push(`${at}: MISSED  ${showGold(g)}${near.length ? `  (other level: ${near.join(', ')})` : ''}`);
      } else if (g.id !== UNKNOWN_ID && !c.linked) problems.push(`${at}: LINK    ${showGold(g)}  got ${hits.map(showPredicted).join(', ')}`);
      else if (g.id === UNKNOWN_ID && c.unknownLinked) problems.push(`${at}: LINK    ${showGold(g)}  linked to ${hits.map(showPredicted).join(', ')}`);
      else if (!c.typed) problems.push(`${at}: TYPE    ${showGold(g)}  got ${hits.map(showPredicted).join(', ')}`);
    }
    for (const p of predicted) {
      const c = zeroCounts();
      const right = item.gold.filter((g) => matches(p, g, item.gold));
      c.predicted = 1;
      if (right.length) c.right = 1;
      if (right.some((g) => g.type === p.m.type)) c.rightTyped = 1;
      addCounts(total, c);
      addCounts(row(`type ${p.m.type}`), c);
      if (!right.length) problems.push(`${at}: FALSE   ${showPredicted(p)}${p.m.confirmed ? '' : ' (candidate)'}`);
    }
  }
  return { total, rows, problems };
}
