/**
 * Sidecar annotation files: `<document>.annotations.yaml`, schema `corpus-lens/annotations@1`.
 *
 * ```yaml
 * schema: corpus-lens/annotations@1
 * document:
 *   path: 001_46c6a13c8aa750a3.txt     # the annotated text, relative to this sidecar ('/' separators)
 *   sha256: 3f1c...                     # SHA-256 (hex) of the document's UTF-8 text when the sidecar was last saved
 *   reference: "2021-12-31"             # optional: analyst-set reference date (EDTF YYYY, YYYY-MM, YYYY-MM-DD) for relative dates
 * annotations:                           # sorted by id (random, so new items spread over the list); one self-contained list item per annotation
 *   - id: a-7f3k2q9x                     # stable unique id ([A-Za-z0-9][A-Za-z0-9_.:-]*), never changes, never reused
 *     target:
 *       selector:                        # W3C Web Annotation selectors; the quote is required, the position is a hint
 *         - {type: TextQuoteSelector, exact: "北约东扩是红线", prefix: "<= 32 code points>", suffix: "<= 32 code points>"}
 *         - {type: TextPositionSelector, start: 120, end: 127}   # CODE POINT offsets (W3C), end exclusive
 *     claim: "Putin says NATO expansion is a red line"          # the proposition the passage asserts, in the analyst's words
 *     stance: {polarity: oppose, intensity: -2}  # polarity: support | oppose | neutral | mixed
 *                                                # intensity: integer -2..+2, optional; its sign must agree with the polarity
 *                                                # (support > 0, oppose < 0, neutral = 0, mixed: any)
 *     about: {topic: nato-enlargement}           # exactly one of {topic: id} | {entity: kb id} | {proposition: free text}
 *     holder: {entity: person/putin}             # exactly one of {entity: kb id} | {text: "赵隆"} | {section: "青年視紀"}
 *     attribution: reported                      # optional: direct (the holder speaks in the passage) | reported
 *                                                # (someone reports the holder's view) | inferred (the analyst infers it)
 *     when: "2021-12-07"                         # optional: EDTF date (YYYY, YYYY-MM, YYYY-MM-DD) when the holder made the claim
 *     confidence: high                           # high | medium | low (the analyst's confidence in this reading)
 *     tags: [red-line, security-guarantees]      # optional, unique, non-empty strings
 *     codes: [red-line, nato]                    # optional: code ids of .corpus-lens/codebook.yaml (core/codes), unique
 *     note: "..."                                # optional, may span lines
 *     author: analyst name
 *     modified: "2026-11-22T07:30:00Z"           # ISO 8601 date-time strings, quoted (YAML 1.1 readers would make dates);
 *                                                # must not be earlier than created
 *     orphaned: true                             # present only when re-anchoring failed; orphans are never deleted
 *     reanchored: {exact: "…可能性", start: 130, end: 136}
 *                                                # present only while a re-anchoring awaits the analyst's review: the
 *                                                # document changed outside the editor and the passage was found only
 *                                                # approximately. `target` still holds the ORIGINAL quote (the evidence as
 *                                                # annotated); `exact` and the code-point `start`/`end` are the passage it
 *                                                # was matched to. Accepting the new passage moves it into `target`;
 *                                                # re-attaching to a selection replaces both. Never cleared silently.
 *     conflict: {with: a-7f3k2q9x.2, side: ours} # present only after a merge where two branches changed this annotation
 *                                                # differently: both versions are kept, each naming the other (`with`) and
 *                                                # its branch (`side`: ours = the branch merged into, theirs = the other).
 *                                                # Resolved by keeping one version (the other is deleted).
 *     curation:                                  # only on an adjudicated annotation (author: curation), see core/agreement
 *       decision: accept-a                       # accept-a | accept-b | merge | disagreement
 *       sources: [a-1, a-2]                      # ids of the analysts' annotations it settles (never changed by it)
 *       by: adjudicator name
 *     x-other-tool: ...                          # extension keys (kept, written back unchanged)
 *     created: "2026-11-22T07:30:00Z"            # last line of the item: it never changes
 * ```
 *
 * Required per annotation: id, target (with a TextQuoteSelector), claim, stance.polarity, author, created, modified.
 * Unknown keys are errors (they are usually typos: `stence:`), except keys starting with `x-`, which are kept
 * and written back unchanged (extension data of other tools).
 *
 * Policy for broken files (never lose user data):
 * - YAML syntax error, or a `schema:` other than `corpus-lens/annotations@1`: the file is not loaded (value undefined)
 *   and must never be overwritten; the store refuses to save it.
 * - An individual annotation that fails validation (or repeats an id) is reported with its line and KEPT VERBATIM:
 *   its YAML node is written back unchanged (comments included) by `serializeSidecar`, after the valid ones.
 *
 * Output is deterministic: annotations sorted by id, fixed key order, strings quoted wherever a YAML 1.1 reader
 * would misread them (yes/no/on/off, dates, 12:30, 03.03 ...), no line folding, trailing newline. The layout is
 * made for git's line-based merge: each annotation is one list item that starts with its (immutable) `- id:` line
 * and ends with its (immutable) `created:` line, so an edit of one annotation and an addition next to it never touch
 * the same lines; ids are random, so two analysts' additions usually land in different places of the list (the
 * list order does not follow the document, which the re-anchoring would otherwise reshuffle). Additions that land
 * in the same place still conflict in a plain `git merge`: the merge driver (`corpus-lens merge-file`, see
 * merge.ts) merges by id.
 *
 * A file with git conflict markers (<<<<<<< ======= >>>>>>>) is reported as "merge conflict" with the marker lines
 * and is never overwritten (see merge.ts: `resolveConflictMarkers` keeps both sides).
 */
import * as z from 'zod';
import { Document, LineCounter, Scalar, YAMLMap, YAMLSeq, isMap, isNode, isPair, isScalar, isSeq, type Node as YamlNode } from 'yaml';
import type { Loaded, Problem } from '../types';
import { hasConflictMarkers, scanConflictMarkers } from './markers';
import { loadPlainYaml, parseYaml, toJS } from '../yaml';
import { EDTF_DATE } from '../dates/edtf';

export const SCHEMA_ID = 'corpus-lens/annotations@1';

const nonEmpty = z.string().trim().min(1, 'must not be empty');
const edtfDate = z.string().regex(EDTF_DATE, 'must be an EDTF date: YYYY, YYYY-MM or YYYY-MM-DD');
const dateTime = z.iso.datetime({ offset: true, message: 'must be an ISO 8601 date-time, e.g. "2026-11-22T07:30:00Z"' });
const ID_PATTERN = /^[A-Za-z0-9][A-Za-z0-9_.:-]*$/;
const extensionKey = /^x-/;

export const TextQuoteSelectorSchema = z.strictObject({
  type: z.literal('TextQuoteSelector'),
  exact: z.string().min(1, 'the quoted text must not be empty'),
  prefix: z.string().optional(),
  suffix: z.string().optional(),
});
export const TextPositionSelectorSchema = z
  .strictObject({
    type: z.literal('TextPositionSelector'),
    start: z.int().nonnegative(),
    end: z.int().nonnegative(),
  })
  .refine((s) => s.start <= s.end, { message: 'start must not be after end', path: ['end'] });
export const SelectorSchema = z.discriminatedUnion('type', [TextQuoteSelectorSchema, TextPositionSelectorSchema]);

export const POLARITIES = ['support', 'oppose', 'neutral', 'mixed'] as const;
export const CONFIDENCES = ['high', 'medium', 'low'] as const;
export const ATTRIBUTIONS = ['direct', 'reported', 'inferred'] as const;

export const StanceSchema = z
  .strictObject({
    polarity: z.enum(POLARITIES),
    intensity: z.int().min(-2).max(2).optional(),
  })
  .superRefine((s, ctx) => {
    if (s.intensity === undefined || Math.abs(s.intensity) > 2) return;
    const bad =
      (s.polarity === 'support' && s.intensity <= 0) ||
      (s.polarity === 'oppose' && s.intensity >= 0) ||
      (s.polarity === 'neutral' && s.intensity !== 0);
    if (bad) {
      const expected = s.polarity === 'support' ? '1 or 2' : s.polarity === 'oppose' ? '-1 or -2' : '0';
      ctx.addIssue({ code: 'custom', path: ['intensity'], message: `intensity ${s.intensity} contradicts polarity ${s.polarity} (expected ${expected})` });
    }
  });

export const AboutSchema = z.union([
  z.strictObject({ topic: nonEmpty }),
  z.strictObject({ entity: nonEmpty }),
  z.strictObject({ proposition: nonEmpty }),
]);
export const HolderSchema = z.union([
  z.strictObject({ entity: nonEmpty }),
  z.strictObject({ text: nonEmpty }),
  z.strictObject({ section: nonEmpty }),
]);

export const DECISIONS = ['accept-a', 'accept-b', 'merge', 'disagreement'] as const;
export const CurationSchema = z.strictObject({
  decision: z.enum(DECISIONS),
  sources: z.array(z.string().regex(ID_PATTERN, 'must be an annotation id')).min(1, 'must name at least one annotation'),
  by: nonEmpty.optional(),
});

/** Where a re-anchoring found the passage, awaiting the analyst's review (code points, like TextPositionSelector). */
export const ReanchoredSchema = z
  .strictObject({
    exact: z.string().min(1, 'the re-anchored passage must not be empty'),
    start: z.int().nonnegative(),
    end: z.int().nonnegative(),
  })
  .refine((s) => s.end - s.start === [...s.exact].length, { message: 'start..end must span the code points of exact', path: ['end'] });

export const CONFLICT_SIDES = ['ours', 'theirs'] as const;
/** One of two versions of an annotation changed differently on two branches (kept by the merge). */
export const ConflictSchema = z.strictObject({
  with: z.string().regex(ID_PATTERN, 'must be the id of the other version'),
  side: z.enum(CONFLICT_SIDES),
});

export const AnnotationSchema = z
  .object({
    id: z.string().regex(ID_PATTERN, 'must match [A-Za-z0-9][A-Za-z0-9_.:-]*'),
    target: z.strictObject({ selector: z.array(SelectorSchema).min(1) }),
    claim: nonEmpty,
    stance: StanceSchema,
    about: AboutSchema.optional(),
    holder: HolderSchema.optional(),
    attribution: z.enum(ATTRIBUTIONS).optional(),
    when: edtfDate.optional(),
    confidence: z.enum(CONFIDENCES).optional(),
    tags: z.array(nonEmpty).optional(),
    codes: z.array(z.string().regex(ID_PATTERN, 'must be a code id')).optional(),
    note: z.string().optional(),
    author: nonEmpty,
    created: dateTime,
    modified: dateTime,
    orphaned: z.literal(true).optional(),
    reanchored: ReanchoredSchema.optional(),
    conflict: ConflictSchema.optional(),
    curation: CurationSchema.optional(),
  })
  .catchall(z.unknown())
  .superRefine((a, ctx) => {
    for (const key of Object.keys(a)) {
      if (!KNOWN_KEYS.has(key) && !extensionKey.test(key)) {
        ctx.addIssue({ code: 'custom', path: [key], message: `unknown key "${key}" (extension keys must start with "x-")` });
      }
    }
    const quotes = a.target.selector.filter((s) => s.type === 'TextQuoteSelector');
    const positions = a.target.selector.filter((s) => s.type === 'TextPositionSelector');
    if (quotes.length !== 1) ctx.addIssue({ code: 'custom', path: ['target', 'selector'], message: 'needs exactly one TextQuoteSelector' });
    if (positions.length > 1) ctx.addIssue({ code: 'custom', path: ['target', 'selector'], message: 'at most one TextPositionSelector' });
    const quote = quotes[0];
    const position = positions[0];
    if (quote && position && position.end - position.start !== [...quote.exact].length) {
      ctx.addIssue({
        code: 'custom',
        path: ['target', 'selector', a.target.selector.indexOf(position), 'end'],
        message: `TextPositionSelector spans ${position.end - position.start} code points but the quote has ${[...quote.exact].length}`,
      });
    }
    if (a.tags) {
      const seen = new Set<string>();
      a.tags.forEach((t, i) => {
        if (seen.has(t)) ctx.addIssue({ code: 'custom', path: ['tags', i], message: `duplicate tag "${t}"` });
        seen.add(t);
      });
    }
    if (a.codes && new Set(a.codes).size !== a.codes.length) ctx.addIssue({ code: 'custom', path: ['codes'], message: 'a code is listed twice' });
    if (a.orphaned && a.reanchored) ctx.addIssue({ code: 'custom', path: ['reanchored'], message: 'an orphan cannot be re-anchored (remove one of orphaned / reanchored)' });
    if (a.conflict && a.conflict.with === a.id) ctx.addIssue({ code: 'custom', path: ['conflict', 'with'], message: 'must name the other version, not this one' });
    if (Date.parse(a.modified) < Date.parse(a.created)) {
      ctx.addIssue({ code: 'custom', path: ['modified'], message: 'modified is earlier than created' });
    }
  });

const KNOWN_KEYS = new Set([
  'id', 'target', 'claim', 'stance', 'about', 'holder', 'attribution', 'when', 'confidence', 'tags', 'codes', 'note', 'author', 'created', 'modified', 'orphaned', 'reanchored', 'conflict', 'curation',
]);

export const DocumentInfoSchema = z.strictObject({
  path: nonEmpty,
  sha256: z.string().regex(/^[0-9a-f]{64}$/, 'must be 64 lower-case hex digits').optional(),
  reference: edtfDate.optional(),
});

export type TextQuoteSelector = z.infer<typeof TextQuoteSelectorSchema>;
export type TextPositionSelector = z.infer<typeof TextPositionSelectorSchema>;
export type Selector = z.infer<typeof SelectorSchema>;
export type Polarity = (typeof POLARITIES)[number];
export type Confidence = (typeof CONFIDENCES)[number];
export type Attribution = (typeof ATTRIBUTIONS)[number];
export type Stance = z.infer<typeof StanceSchema>;
export type About = z.infer<typeof AboutSchema>;
export type Holder = z.infer<typeof HolderSchema>;
export type Curation = z.infer<typeof CurationSchema>;
/** One annotation as stored. Extension keys (`x-...`) are kept as extra properties. */
export type Annotation = z.infer<typeof AnnotationSchema>;
export type Reanchored = z.infer<typeof ReanchoredSchema>;
export type Conflict = z.infer<typeof ConflictSchema>;
export type DocumentInfo = z.infer<typeof DocumentInfoSchema>;

/** An annotation that failed validation: kept verbatim and written back unchanged. */
export interface InvalidAnnotation {
  /** Its id, when it has a readable one (used to keep its place in the sort order and to report). */
  id?: string;
  /** Start code point, when readable (sort order). */
  start?: number;
  /** The original YAML node (with its comments), written back as is. */
  node: YamlNode;
  problems: Problem[];
}

export interface SidecarFile {
  schema: typeof SCHEMA_ID;
  document: DocumentInfo;
  annotations: Annotation[];
  /** Items of `annotations:` that failed validation, kept verbatim. */
  invalid: InvalidAnnotation[];
}

export interface SourcePosition {
  line: number;
  column: number;
}

export interface ParsedSidecar extends Loaded<SidecarFile | undefined> {
  /** 1-based position of each valid annotation's list item, by id (for problem reports about it). */
  locations: Map<string, SourcePosition>;
}

/** Quote selector of an annotation (validation guarantees exactly one). */
export function quoteOf(a: Annotation): TextQuoteSelector {
  const q = a.target.selector.find((s): s is TextQuoteSelector => s.type === 'TextQuoteSelector');
  if (!q) throw new Error(`annotation ${a.id} has no TextQuoteSelector`);
  return q;
}

export function positionOf(a: Annotation): TextPositionSelector | undefined {
  return a.target.selector.find((s): s is TextPositionSelector => s.type === 'TextPositionSelector');
}

function problemAt(file: string, lc: LineCounter, offset: number, message: string, severity: Problem['severity'] = 'error'): Problem {
  const { line, col } = lc.linePos(offset);
  return { file, line, column: col, message, severity };
}

/** The deepest existing node along a zod issue path (keys of maps, indices of sequences). */
function nodeAtPath(root: YamlNode, path: readonly PropertyKey[], pointAtKey = false): YamlNode {
  let node: YamlNode = root;
  for (let i = 0; i < path.length; i++) {
    const key = path[i];
    let next: unknown;
    if (isMap(node)) {
      const pair = node.items.find((p) => (isScalar(p.key) ? p.key.value : p.key) === key);
      // An unknown key: point at the key itself, not its value.
      next = pair ? (pointAtKey && i === path.length - 1 && isNode(pair.key) ? pair.key : pair.value) : undefined;
    } else if (isSeq(node) && typeof key === 'number') {
      next = node.items[key];
    }
    if (!isNode(next)) break;
    node = next;
  }
  return node;
}

function describeIssue(issue: z.core.$ZodIssue): string {
  const where = issue.path.length ? `${issue.path.map(String).join('.')}: ` : '';
  if (issue.code === 'invalid_type' && issue.input === undefined) return `${where}missing required field`;
  if (issue.code === 'invalid_union') return `${where}must be exactly one of the documented forms (e.g. {entity: ...} | {text: ...} | {section: ...})`;
  let message = issue.message;
  if (issue.code === 'invalid_type' && issue.expected === 'string' && (typeof issue.input === 'number' || typeof issue.input === 'boolean')) {
    message += ' (quote the value: YAML read it as a number/boolean)';
  }
  return `${where}${message}`;
}

function zodProblems(file: string, lc: LineCounter, root: YamlNode, error: z.ZodError, prefix = ''): Problem[] {
  return error.issues.map((issue) => {
    const unknownKey = issue.code === 'unrecognized_keys' || (issue.code === 'custom' && issue.message.startsWith('unknown key'));
    const path = issue.code === 'unrecognized_keys' && issue.keys[0] !== undefined ? [...issue.path, issue.keys[0]] : issue.path;
    const node = nodeAtPath(root, path, unknownKey);
    return problemAt(file, lc, node.range?.[0] ?? 0, prefix + describeIssue(issue));
  });
}

/**
 * Parse a sidecar file. Every problem carries the file and the 1-based line:column of the offending node.
 * YAML syntax errors and a foreign `schema:` give value undefined: such a file must not be overwritten.
 */
export function parseSidecar(text: string, file: string): ParsedSidecar {
  if (hasConflictMarkers(text)) return { value: undefined, problems: conflictProblems(text, file), locations: new Map() };
  return parseSidecarFast(text) ?? parseSidecarDocument(text, file);
}

/** Problem message prefix of a sidecar with git conflict markers (the extension offers "Keep Both Sides" on it). */
export const MERGE_CONFLICT = 'merge conflict';

/** One error per conflict region, naming its marker lines. Such a file is not loaded, hence never overwritten. */
export function conflictProblems(text: string, file: string): Problem[] {
  const { regions, wellFormed } = scanConflictMarkers(text);
  const advice = wellFormed
    ? 'the file is left untouched until resolved: run "Keep Both Sides" (merges both sides by annotation id) or edit it by hand'
    : 'the markers are incomplete, so the sides cannot be told apart: resolve it by hand; the file is left untouched';
  return regions.map((r) => {
    const parts = [`<<<<<<< line ${r.startLine}`];
    if (r.baseLine !== undefined) parts.push(`||||||| line ${r.baseLine}`);
    if (r.separatorLine !== undefined) parts.push(`======= line ${r.separatorLine}`);
    if (r.endLine !== undefined) parts.push(`>>>>>>> line ${r.endLine}`);
    const span = r.endLine !== undefined ? `lines ${r.startLine}–${r.endLine}` : `from line ${r.startLine}, not closed`;
    const labels = r.oursLabel || r.theirsLabel ? ` between ${r.oursLabel || '?'} and ${r.theirsLabel || '?'}` : '';
    return { file, line: r.startLine, column: 1, severity: 'error' as const, code: 'merge-conflict' as const, message: `${MERGE_CONFLICT}${labels}, ${span} (${parts.join(', ')}); ${advice}` };
  });
}

/**
 * The fast path for a well-formed sidecar (what Corpus Lens writes): js-yaml (about 10x faster than the yaml
 * Document API on a 4 MB file), zod, and list-item positions from a line scan. Anything unusual — a syntax error,
 * an invalid or duplicate annotation, a foreign schema, an id not at the start of its list item — returns
 * undefined, and the Document parser reports it with exact line:column and keeps invalid items verbatim.
 */
function parseSidecarFast(text: string): ParsedSidecar | undefined {
  const raw = loadPlainYaml(text); // undefined when it may hold aliases (js-yaml has no alias limit) or does not parse
  if (raw === undefined || raw === null || typeof raw !== 'object' || Array.isArray(raw)) return undefined;
  const root = raw as Record<string, unknown>;
  if (root['schema'] !== SCHEMA_ID || Object.keys(root).some((k) => k !== 'schema' && k !== 'document' && k !== 'annotations')) return undefined;
  const document = DocumentInfoSchema.safeParse(root['document']);
  if (!document.success) return undefined;
  const list = root['annotations'] ?? [];
  if (!Array.isArray(list)) return undefined;
  const locations = new Map<string, SourcePosition>();
  // "  - id: a-xxxx" (block style, as written by serializeSidecar).
  const itemLine = /^(\s*)- id: *['"]?([A-Za-z0-9][A-Za-z0-9_.:-]*)['"]? *$/gm;
  let line = 1;
  let counted = 0;
  for (let m = itemLine.exec(text); m; m = itemLine.exec(text)) {
    for (let i = text.indexOf('\n', counted); i !== -1 && i < m.index; i = text.indexOf('\n', i + 1)) line++;
    counted = m.index;
    locations.set(m[2]!, { line, column: m[1]!.length + 3 }); // the item's mapping starts after "- "
  }
  const annotations: Annotation[] = [];
  for (const item of list) {
    const r = AnnotationSchema.safeParse(item);
    if (!r.success || !locations.has(r.data.id) || annotations.length >= locations.size) return undefined;
    annotations.push(r.data);
  }
  if (new Set(annotations.map((a) => a.id)).size !== annotations.length) return undefined;
  return { value: { schema: SCHEMA_ID, document: document.data, annotations, invalid: [] }, problems: [], locations };
}

/** The Document-API parser: exact line:column for every problem, invalid items kept verbatim (also used in tests). */
export function parseSidecarDocument(text: string, file: string): ParsedSidecar {
  const parsed = parseYaml(text, file, { keepSourceTokens: false });
  const lc = parsed.lines;
  const problems: Problem[] = [...parsed.problems];
  const locations = new Map<string, SourcePosition>();
  if (!parsed.doc) return { value: undefined, problems, locations };
  const doc = parsed.doc;
  const root = doc.contents;
  if (root === null || (isScalar(root) && (root.value === null || root.value === ''))) {
    problems.push({ file, line: 1, column: 1, message: 'empty sidecar file (expected schema, document and annotations)', severity: 'error' });
    return { value: undefined, problems, locations };
  }
  if (!isMap(root)) {
    problems.push(problemAt(file, lc, root.range?.[0] ?? 0, 'a sidecar file must be a mapping with schema, document and annotations'));
    return { value: undefined, problems, locations };
  }
  const schemaNode = root.get('schema', true);
  const schema: unknown = isScalar(schemaNode) ? schemaNode.value : schemaNode === undefined ? undefined : '(not a string)';
  if (schema === undefined) {
    problems.push(problemAt(file, lc, root.range?.[0] ?? 0, `missing "schema: ${SCHEMA_ID}" (assumed)`, 'warning'));
  } else if (schema !== SCHEMA_ID) {
    problems.push(problemAt(file, lc, schemaNode?.range?.[0] ?? 0, `unsupported schema "${String(schema)}" (this version reads ${SCHEMA_ID}); the file is left untouched`));
    return { value: undefined, problems, locations };
  }
  for (const pair of root.items) {
    const key = isScalar(pair.key) ? pair.key.value : undefined;
    if (key !== 'schema' && key !== 'document' && key !== 'annotations') {
      problems.push(problemAt(file, lc, (pair.key as YamlNode | null)?.range?.[0] ?? 0, `unknown top-level key "${String(key)}"`));
    }
  }
  const docNode = root.get('document', true);
  let document: DocumentInfo;
  if (!isNode(docNode)) {
    problems.push(problemAt(file, lc, root.range?.[0] ?? 0, 'missing "document:" (with the path of the annotated text); the file is left untouched'));
    return { value: undefined, problems, locations };
  } else {
    const r = DocumentInfoSchema.safeParse(toJS(doc, docNode));
    if (!r.success) {
      problems.push(...zodProblems(file, lc, docNode, r.error, 'document.'));
      // Without a usable document block we cannot write the file back faithfully.
      if (!isMap(docNode) || typeof (toJS(doc, docNode) as { path?: unknown }).path !== 'string') return { value: undefined, problems, locations };
      const raw = toJS(doc, docNode) as Record<string, unknown>;
      document = { path: String(raw['path']) };
      if (typeof raw['sha256'] === 'string' && /^[0-9a-f]{64}$/.test(raw['sha256'])) document.sha256 = raw['sha256'];
      if (typeof raw['reference'] === 'string' && EDTF_DATE.test(raw['reference'])) document.reference = raw['reference'];
      else if (raw['reference'] !== undefined) {
        // Keep the analyst's value rather than drop it: refuse to write instead.
        return { value: undefined, problems, locations };
      }
    } else document = r.data;
  }
  const annotations: Annotation[] = [];
  const invalid: InvalidAnnotation[] = [];
  const listNode = root.get('annotations', true);
  if (listNode !== undefined && !(isScalar(listNode) && listNode.value === null) && !isSeq(listNode)) {
    problems.push(problemAt(file, lc, listNode.range?.[0] ?? 0, '"annotations" must be a list; the file is left untouched'));
    return { value: undefined, problems, locations };
  }
  const seen = new Map<string, number>();
  if (isSeq(listNode)) {
    for (const item of listNode.items) {
      if (!isNode(item)) continue;
      const offset = item.range?.[0] ?? 0;
      const js = toJS(doc, item);
      const r = AnnotationSchema.safeParse(js);
      const rawId = isMap(item) ? (item.get('id') as unknown) : undefined;
      const id = typeof rawId === 'string' ? rawId : undefined;
      let itemProblems: Problem[] = [];
      if (!r.success) itemProblems = zodProblems(file, lc, item, r.error, id ? `annotation ${id}: ` : 'annotation: ');
      else if (seen.has(r.data.id)) {
        const { line } = lc.linePos(seen.get(r.data.id)!);
        itemProblems = [problemAt(file, lc, nodeAtPath(item, ['id']).range?.[0] ?? offset, `duplicate id "${r.data.id}" (first used on line ${line}); this copy is kept unchanged`)];
      }
      if (r.success && !itemProblems.length) {
        seen.set(r.data.id, nodeAtPath(item, ['id']).range?.[0] ?? offset);
        const { line, col } = lc.linePos(offset);
        locations.set(r.data.id, { line, column: col });
        annotations.push(r.data);
      } else {
        problems.push(...itemProblems);
        const start = rawStart(js);
        invalid.push({ ...(id !== undefined ? { id } : {}), ...(start !== undefined ? { start } : {}), node: item, problems: itemProblems });
      }
    }
  }
  return { value: { schema: SCHEMA_ID, document, annotations, invalid }, problems, locations };
}

function rawStart(js: unknown): number | undefined {
  const sel = (js as { target?: { selector?: unknown } } | undefined)?.target?.selector;
  if (!Array.isArray(sel)) return undefined;
  for (const s of sel) {
    const start = (s as { type?: unknown; start?: unknown })?.type === 'TextPositionSelector' ? (s as { start?: unknown }).start : undefined;
    if (typeof start === 'number') return start;
  }
  return undefined;
}

/** Sort key of an annotation: its stored start code point (annotations without a position go last), then id. */
export function annotationStart(a: Annotation): number {
  return positionOf(a)?.start ?? Number.MAX_SAFE_INTEGER;
}

export function compareAnnotations(a: Annotation, b: Annotation): number {
  return annotationStart(a) - annotationStart(b) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
}

/** Sort order of the file: by id (see the layout note at the top). */
export function compareIds(a: { id: string }, b: { id: string }): number {
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

/** Key order of an item; extension keys go before `created`, which closes every item (it never changes). */
const ANNOTATION_KEY_ORDER = [
  'id', 'target', 'claim', 'stance', 'about', 'holder', 'attribution', 'when', 'confidence', 'tags', 'codes', 'note', 'author', 'modified', 'orphaned', 'reanchored', 'conflict', 'curation',
];
const SELECTOR_KEY_ORDER: Record<Selector['type'], string[]> = {
  TextQuoteSelector: ['type', 'exact', 'prefix', 'suffix'],
  TextPositionSelector: ['type', 'start', 'end'],
};

/** Canonical plain object (fixed key order, undefined removed, extension keys sorted after the known ones). */
export function canonicalAnnotation(a: Annotation): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  const src = a as Record<string, unknown>;
  for (const key of ANNOTATION_KEY_ORDER) {
    const v = src[key];
    if (v === undefined) continue;
    if (key === 'target') {
      const selectors = [...a.target.selector].sort((x, y) => (x.type === y.type ? 0 : x.type === 'TextQuoteSelector' ? -1 : 1));
      out[key] = {
        selector: selectors.map((s) => {
          const o: Record<string, unknown> = {};
          for (const k of SELECTOR_KEY_ORDER[s.type]) if ((s as Record<string, unknown>)[k] !== undefined) o[k] = (s as Record<string, unknown>)[k];
          return o;
        }),
      };
    } else if (key === 'stance') {
      out[key] = a.stance.intensity === undefined ? { polarity: a.stance.polarity } : { polarity: a.stance.polarity, intensity: a.stance.intensity };
    } else if (key === 'curation' && a.curation) {
      const c = a.curation;
      out[key] = { decision: c.decision, sources: [...c.sources], ...(c.by !== undefined ? { by: c.by } : {}) };
    } else out[key] = v;
  }
  for (const key of Object.keys(src).filter((k) => !KNOWN_KEYS.has(k)).sort()) if (src[key] !== undefined) out[key] = src[key];
  if (src['created'] !== undefined) out['created'] = src['created'];
  return out;
}

function stableJson(v: unknown): string {
  return JSON.stringify(v);
}

function buildAnnotationNode(doc: Document, a: Annotation): YamlNode {
  const node = doc.createNode(canonicalAnnotation(a)) as YAMLMap;
  const flow = (path: string[]) => {
    const n = node.getIn(path, true);
    if (isMap(n) || isSeq(n)) n.flow = true;
  };
  flow(['stance']);
  flow(['about']);
  flow(['holder']);
  flow(['tags']);
  flow(['codes']);
  flow(['reanchored']);
  flow(['conflict']);
  flow(['curation', 'sources']);
  const selectors = node.getIn(['target', 'selector'], true);
  if (isSeq(selectors)) for (const s of selectors.items) if (isMap(s)) s.flow = true;
  // Strings in flow collections with line breaks, tabs or edge spaces are double-quoted with escapes: plain
  // multi-line scalars inside flow collections are fragile (and unreadable).
  const quoteStrings = (n: unknown, inFlow: boolean): void => {
    if (isScalar(n)) {
      if (inFlow && typeof n.value === 'string' && /[\n\r\t]|^\s|\s$/.test(n.value)) n.type = Scalar.QUOTE_DOUBLE;
    } else if (isMap(n) || isSeq(n)) {
      for (const item of n.items) {
        if (isPair(item)) quoteStrings(item.value, inFlow || Boolean(n.flow));
        else quoteStrings(item, inFlow || Boolean(n.flow));
      }
    }
  };
  quoteStrings(node, false);
  return node;
}

/**
 * Serialize deterministically via the yaml Document API (YAML 1.1-safe quoting, no folding, trailing newline).
 * With `previousText`, comments are preserved: the document's leading comment, and each annotation item's
 * comments; an annotation whose content did not change is written back with its original node (byte-identical).
 * Invalid annotations (kept verbatim from parsing) are written back after the valid ones, in their stored order.
 */
export function serializeSidecar(file: SidecarFile, previousText?: string, otherTexts: readonly string[] = []): string {
  const doc = new Document(null, { version: '1.1' });
  // Items of the previous text (then of `otherTexts`, e.g. the other side of a merge) by id: reused when unchanged.
  const previous = new Map<string, Array<{ node: YAMLMap; json: string }>>();
  let prevDoc: Document | undefined;
  for (const [i, source] of [previousText, ...otherTexts].entries()) {
    if (source === undefined || hasConflictMarkers(source)) continue;
    const pd = parseYaml(source, '').doc;
    if (!pd || !isMap(pd.contents)) continue;
    if (i === 0) prevDoc = pd;
    const own = new Set<string>();
    const list = pd.contents.get('annotations', true);
    if (isSeq(list)) {
      for (const item of list.items) {
        if (!isMap(item)) continue;
        const id = item.get('id');
        if (typeof id !== 'string' || own.has(id)) continue;
        own.add(id);
        const r = AnnotationSchema.safeParse(toJS(pd, item));
        if (r.success) previous.set(id, [...(previous.get(id) ?? []), { node: item, json: stableJson(canonicalAnnotation(r.data)) }]);
      }
    }
  }
  const root = new YAMLMap();
  root.set(doc.createNode('schema'), doc.createNode(SCHEMA_ID));
  const docInfo: Record<string, unknown> = { path: file.document.path };
  if (file.document.sha256) docInfo['sha256'] = file.document.sha256;
  if (file.document.reference) docInfo['reference'] = file.document.reference;
  root.set(doc.createNode('document'), doc.createNode(docInfo));
  const seq = new YAMLSeq();
  const sorted = [...file.annotations].sort(compareIds);
  for (const a of sorted) {
    const json = stableJson(canonicalAnnotation(a));
    const candidates = previous.get(a.id) ?? [];
    // Unchanged: its node as written (with its comments; a merge takes the side that commented it).
    const matching = candidates.filter((c) => c.json === json);
    const same = matching.find((c) => c.node.commentBefore || c.node.comment) ?? matching[0];
    if (same) {
      seq.items.push(same.node);
      continue;
    }
    const prev = candidates[0];
    const node = buildAnnotationNode(doc, a);
    if (prev) {
      if (prev.node.commentBefore) node.commentBefore = prev.node.commentBefore;
      if (prev.node.comment) node.comment = prev.node.comment;
    }
    seq.items.push(node);
  }
  for (const bad of file.invalid) seq.items.push(bad.node);
  root.set(doc.createNode('annotations'), seq);
  if (prevDoc && isMap(prevDoc.contents)) {
    doc.commentBefore = prevDoc.commentBefore;
    const prevRoot = prevDoc.contents;
    if (prevRoot.commentBefore) root.commentBefore = prevRoot.commentBefore;
    for (const pair of prevRoot.items) {
      const key = isScalar(pair.key) ? pair.key.value : undefined;
      const target = root.items.find((p) => isScalar(p.key) && p.key.value === key);
      if (!target) continue;
      if (isNode(pair.key) && pair.key.commentBefore && isNode(target.key)) target.key.commentBefore = pair.key.commentBefore;
      if (key !== 'annotations' && isNode(pair.value) && pair.value.comment && isNode(target.value)) target.value.comment = pair.value.comment;
    }
    const prevList = prevDoc.contents.get('annotations', true);
    if (isNode(prevList) && prevList.commentBefore) seq.commentBefore = prevList.commentBefore;
    if (prevDoc.comment) doc.comment = prevDoc.comment;
  }
  doc.contents = root;
  let out = doc.toString({ lineWidth: 0, minContentWidth: 0, flowCollectionPadding: false, indentSeq: true, doubleQuotedMinMultiLineLength: Number.MAX_SAFE_INTEGER });
  if (!out.endsWith('\n')) out += '\n';
  return out;
}

/** A fresh, empty sidecar for a document. */
export function emptySidecar(documentPath: string): SidecarFile {
  return { schema: SCHEMA_ID, document: { path: documentPath }, annotations: [], invalid: [] };
}
