/**
 * Coded segments without the claim frame (code + optional memo, as in QDA tools): `<document>.codes.yaml`, schema
 * `corpus-lens/segments@1`, beside the document's annotation sidecar (same folder, same name with `.codes.yaml`).
 *
 * ```yaml
 * schema: corpus-lens/segments@1
 * document: {path: 001.txt, sha256: 3f1c…}       # relative to this file; sha256 of the text when last saved
 * segments:                                      # sorted by id; each item starts with its id and ends with created
 *   - id: s-7f3k2q9x
 *     target:
 *       selector:                                # the same W3C selectors as annotations (code points)
 *         - {type: TextQuoteSelector, exact: "北约东扩是红线", prefix: "…", suffix: "…"}
 *         - {type: TextPositionSelector, start: 1203, end: 1210}
 *     codes: [red-line, nato]                    # code ids of .corpus-lens/codebook.yaml (never labels)
 *     memo: "..."                                # optional
 *     author: analyst
 *     modified: "2026-11-22T07:30:00Z"
 *     created: "2026-11-22T07:30:00Z"
 * ```
 *
 * Claims carry codes too (`codes:` of an annotation in `*.annotations.yaml`). A separate file keeps the claim
 * sidecar's schema, store and merge untouched: a segment file with any invalid item is reported (file:line) and
 * is never overwritten.
 */
import * as z from 'zod';
import { isMap, isSeq, isScalar, type Node as YamlNode } from 'yaml';
import type { Loaded, Problem } from '../types';
import { loadPlainYaml, parseYaml, toJS } from '../yaml';
import { SelectorSchema, type Selector } from '../annotations/schema';
import { CODE_ID } from './codebook';
import * as l10n from '@vscode/l10n';

export const SEGMENTS_SCHEMA = 'corpus-lens/segments@1';
export const SEGMENTS_SUFFIX = '.codes.yaml';

const dateTime = z.iso.datetime({ offset: true, error: () => l10n.t('must be an ISO 8601 date-time, e.g. "2026-11-22T07:30:00Z"') });
const SegmentSchema = z
  .strictObject({
    id: z.string().regex(CODE_ID, { error: () => l10n.t('must match [A-Za-z0-9][A-Za-z0-9_.:-]*') }),
    target: z.strictObject({ selector: z.array(SelectorSchema).min(1) }),
    codes: z.array(z.string().regex(CODE_ID, { error: () => l10n.t('must be a code id') })).min(1, { error: () => l10n.t('a segment needs at least one code') }),
    memo: z.string().optional(),
    author: z.string().trim().min(1, { error: () => l10n.t('must not be empty') }),
    modified: dateTime,
    created: dateTime,
  })
  .superRefine((s, ctx) => {
    const quotes = s.target.selector.filter((x) => x.type === 'TextQuoteSelector');
    if (quotes.length !== 1) ctx.addIssue({ code: 'custom', path: ['target', 'selector'], message: l10n.t('needs exactly one TextQuoteSelector') });
    if (new Set(s.codes).size !== s.codes.length) ctx.addIssue({ code: 'custom', path: ['codes'], message: l10n.t('a code is listed twice') });
  });
const FileSchema = z.strictObject({
  schema: z.literal(SEGMENTS_SCHEMA),
  document: z.strictObject({ path: z.string().min(1), sha256: z.string().regex(/^[0-9a-f]{64}$/).optional() }),
  segments: z.array(z.unknown()).nullable().optional(),
});

export interface Segment {
  id: string;
  target: { selector: Selector[] };
  codes: string[];
  memo?: string;
  author: string;
  modified: string;
  created: string;
}

export interface SegmentFile {
  document: { path: string; sha256?: string };
  segments: Segment[];
}

export interface ParsedSegments extends Loaded<SegmentFile | undefined> {
  /** False when the file must not be written (it does not parse, or an item is invalid: fix it on disk first). */
  writable: boolean;
}

/** The segment file of an annotation sidecar path (`x.txt.annotations.yaml` → `x.txt.codes.yaml`) or of a document. */
export function segmentPathFor(sidecarOrDocument: string): string {
  return sidecarOrDocument.endsWith('.annotations.yaml') ? sidecarOrDocument.slice(0, -'.annotations.yaml'.length) + SEGMENTS_SUFFIX : sidecarOrDocument + SEGMENTS_SUFFIX;
}

function nodeAt(node: YamlNode | null | undefined, path: readonly PropertyKey[]): YamlNode | undefined {
  let cur: YamlNode | null | undefined = node;
  for (const key of path) {
    let next: unknown;
    if (isMap(cur)) next = cur.items.find((p) => (isScalar(p.key) ? p.key.value : p.key) === key)?.value;
    else if (isSeq(cur) && typeof key === 'number') next = cur.items[key];
    if (!next) break;
    cur = next as YamlNode;
  }
  return cur ?? undefined;
}

/** Parse a segment file. Never throws. */
export function parseSegments(text: string, file: string): ParsedSegments {
  const fast = loadPlainYaml(text);
  if (fast !== undefined) {
    const top = FileSchema.safeParse(fast);
    if (top.success) {
      const segments: Segment[] = [];
      let ok = true;
      for (const item of top.data.segments ?? []) {
        const r = SegmentSchema.safeParse(item);
        if (!r.success) {
          ok = false;
          break;
        }
        segments.push(r.data as Segment);
      }
      if (ok && new Set(segments.map((s) => s.id)).size === segments.length) return { value: { document: top.data.document, segments }, problems: [], writable: true };
    }
  }
  // Slow path with line numbers.
  const parsed = parseYaml(text, file);
  const problems: Problem[] = [...parsed.problems];
  if (!parsed.ok || !parsed.doc) return { value: undefined, problems, writable: false };
  const doc = parsed.doc;
  const at = (node: YamlNode | undefined, message: string): Problem => {
    const pos = parsed.lines.linePos(node?.range?.[0] ?? 0);
    return { file, line: Math.max(1, pos.line), column: Math.max(1, pos.col), message, severity: 'error' };
  };
  const root = doc.contents as YamlNode | null;
  const top = FileSchema.safeParse(toJS(doc));
  if (!top.success) {
    for (const issue of top.error.issues) problems.push(at(nodeAt(root, issue.path), l10n.t('{0}: {1}; nothing of this file was loaded', issue.path.map(String).join('.') || 'file', issue.message)));
    return { value: undefined, problems, writable: false };
  }
  const list = nodeAt(root, ['segments']);
  const segments: Segment[] = [];
  const seen = new Set<string>();
  (top.data.segments ?? []).forEach((item, i) => {
    const node = isSeq(list) ? (list.items[i] as YamlNode) : undefined;
    const r = SegmentSchema.safeParse(item);
    if (!r.success) {
      for (const issue of r.error.issues) problems.push(at(nodeAt(node, issue.path), issue.path.length ? l10n.t('segment {0}: {1}: {2}', i + 1, issue.path.map(String).join('.'), issue.message) : l10n.t('segment {0}: {1}', i + 1, issue.message)));
      return;
    }
    if (seen.has(r.data.id)) {
      problems.push(at(nodeAt(node, ['id']), l10n.t('duplicate segment id "{0}"', r.data.id)));
      return;
    }
    seen.add(r.data.id);
    segments.push(r.data as Segment);
  });
  const writable = !problems.some((p) => p.severity === 'error');
  if (!writable) problems.push({ ...problems.find((p) => p.severity === 'error')!, message: l10n.t('this segment file has errors: it is not written until they are fixed'), severity: 'warning' });
  return { value: { document: top.data.document, segments }, problems, writable };
}

function quote(s: string): string {
  return JSON.stringify(s);
}

/** The text before the first item of a segment file (the schema and document block, then `segments:`). */
export function segmentHead(document: SegmentFile['document'], empty = false): string {
  const out: string[] = [`schema: ${SEGMENTS_SCHEMA}`, 'document:', `  path: ${quote(document.path)}`];
  if (document.sha256) out.push(`  sha256: ${document.sha256}`);
  out.push(empty ? 'segments: []' : 'segments:');
  return out.join('\n') + '\n';
}

/** The text of one list item (its lines, each ending with a line break); depends on the segment only. */
export function segmentItem(s: Segment): string {
  const out: string[] = [`  - id: ${quote(s.id)}`, '    target:', '      selector:'];
  for (const sel of s.target.selector) {
    if (sel.type === 'TextQuoteSelector') {
      const parts = [`type: TextQuoteSelector`, `exact: ${quote(sel.exact)}`];
      if (sel.prefix !== undefined) parts.push(`prefix: ${quote(sel.prefix)}`);
      if (sel.suffix !== undefined) parts.push(`suffix: ${quote(sel.suffix)}`);
      out.push(`        - {${parts.join(', ')}}`);
    } else out.push(`        - {type: TextPositionSelector, start: ${sel.start}, end: ${sel.end}}`);
  }
  out.push(`    codes: [${s.codes.map(quote).join(', ')}]`);
  if (s.memo !== undefined) out.push(`    memo: ${quote(s.memo)}`);
  out.push(`    author: ${quote(s.author)}`, `    modified: ${quote(s.modified)}`, `    created: ${quote(s.created)}`);
  return out.join('\n') + '\n';
}

export function compareSegmentIds(a: { id: string }, b: { id: string }): number {
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

/** Deterministic text of a segment file: sorted by id, fixed key order, every string quoted (YAML 1.1-safe). */
export function serializeSegments(file: SegmentFile): string {
  if (!file.segments.length) return segmentHead(file.document, true);
  return segmentHead(file.document) + [...file.segments].sort(compareSegmentIds).map(segmentItem).join('');
}

const ID_ALPHABET = '0123456789abcdefghijklmnopqrstuvwxyz';

export function newSegmentId(taken: (id: string) => boolean, random: () => number = Math.random): string {
  for (;;) {
    let id = 's-';
    for (let i = 0; i < 8; i++) id += ID_ALPHABET[Math.floor(random() * ID_ALPHABET.length)];
    if (!taken(id)) return id;
  }
}
