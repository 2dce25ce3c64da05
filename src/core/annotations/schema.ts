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
import type { Node as YamlNode } from 'yaml';
import type { Loaded, Problem } from '../types';
import { EDTF_DATE } from '../dates/edtf';
import * as l10n from '@vscode/l10n';

export const SCHEMA_ID = 'corpus-lens/annotations@1';


const nonEmpty = z.string().trim().min(1, { error: () => l10n.t('must not be empty') });
const edtfDate = z.string().regex(EDTF_DATE, { error: () => l10n.t('must be an EDTF date: YYYY, YYYY-MM or YYYY-MM-DD') });
const dateTime = z.iso.datetime({ offset: true, error: () => l10n.t('must be an ISO 8601 date-time, e.g. "2026-11-22T07:30:00Z"') });
const ID_PATTERN = /^[A-Za-z0-9][A-Za-z0-9_.:-]*$/;
const extensionKey = /^x-/;

export const TextQuoteSelectorSchema = z.strictObject({
  type: z.literal('TextQuoteSelector'),
  exact: z.string().min(1, { error: () => l10n.t('the quoted text must not be empty') }),
  prefix: z.string().optional(),
  suffix: z.string().optional(),
});
export const TextPositionSelectorSchema = z
  .strictObject({
    type: z.literal('TextPositionSelector'),
    start: z.int().nonnegative(),
    end: z.int().nonnegative(),
  })
  .refine((s) => s.start <= s.end, { error: () => l10n.t('start must not be after end'), path: ['end'] });
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
      ctx.addIssue({ code: 'custom', path: ['intensity'], message: l10n.t('intensity {0} contradicts polarity {1} (expected {2})', s.intensity, s.polarity, expected) });
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
  sources: z.array(z.string().regex(ID_PATTERN, { error: () => l10n.t('must be an annotation id') })).min(1, { error: () => l10n.t('must name at least one annotation') }),
  by: nonEmpty.optional(),
});

/** Where a re-anchoring found the passage, awaiting the analyst's review (code points, like TextPositionSelector). */
export const ReanchoredSchema = z
  .strictObject({
    exact: z.string().min(1, { error: () => l10n.t('the re-anchored passage must not be empty') }),
    start: z.int().nonnegative(),
    end: z.int().nonnegative(),
  })
  .refine((s) => s.end - s.start === [...s.exact].length, { error: () => l10n.t('start..end must span the code points of exact'), path: ['end'] });

export const CONFLICT_SIDES = ['ours', 'theirs'] as const;
/** One of two versions of an annotation changed differently on two branches (kept by the merge). */
export const ConflictSchema = z.strictObject({
  with: z.string().regex(ID_PATTERN, { error: () => l10n.t('must be the id of the other version') }),
  side: z.enum(CONFLICT_SIDES),
});

/** The fields of an annotation (ANNOTATION_KEYS is derived from them). */
const ANNOTATION_FIELDS = {
  id: z.string().regex(ID_PATTERN, { error: () => l10n.t('must match [A-Za-z0-9][A-Za-z0-9_.:-]*') }),
  target: z.strictObject({ selector: z.array(SelectorSchema).min(1) }),
  claim: nonEmpty,
  stance: StanceSchema,
  about: AboutSchema.optional(),
  holder: HolderSchema.optional(),
  attribution: z.enum(ATTRIBUTIONS).optional(),
  when: edtfDate.optional(),
  confidence: z.enum(CONFIDENCES).optional(),
  tags: z.array(nonEmpty).optional(),
  codes: z.array(z.string().regex(ID_PATTERN, { error: () => l10n.t('must be a code id') })).optional(),
  note: z.string().optional(),
  author: nonEmpty,
  created: dateTime,
  modified: dateTime,
  orphaned: z.literal(true).optional(),
  reanchored: ReanchoredSchema.optional(),
  conflict: ConflictSchema.optional(),
  curation: CurationSchema.optional(),
};

/** `params` flag of the custom issue for an unknown key (the parser then points at the key, not its value). */
export const UNKNOWN_KEY = 'unknownKey';

export const AnnotationSchema = z
  .object(ANNOTATION_FIELDS)
  .catchall(z.unknown())
  .superRefine((a, ctx) => {
    for (const key of Object.keys(a)) {
      if (!KNOWN_KEYS.has(key) && !extensionKey.test(key)) {
        ctx.addIssue({ code: 'custom', path: [key], params: { [UNKNOWN_KEY]: true }, message: l10n.t('unknown key "{0}" (extension keys must start with "x-")', key) });
      }
    }
    const quotes = a.target.selector.filter((s) => s.type === 'TextQuoteSelector');
    const positions = a.target.selector.filter((s) => s.type === 'TextPositionSelector');
    if (quotes.length !== 1) ctx.addIssue({ code: 'custom', path: ['target', 'selector'], message: l10n.t('needs exactly one TextQuoteSelector') });
    if (positions.length > 1) ctx.addIssue({ code: 'custom', path: ['target', 'selector'], message: l10n.t('at most one TextPositionSelector') });
    const quote = quotes[0];
    const position = positions[0];
    if (quote && position && position.end - position.start !== [...quote.exact].length) {
      ctx.addIssue({
        code: 'custom',
        path: ['target', 'selector', a.target.selector.indexOf(position), 'end'],
        message: l10n.t('TextPositionSelector spans {0} code points but the quote has {1}', position.end - position.start, [...quote.exact].length),
      });
    }
    if (a.tags) {
      const seen = new Set<string>();
      a.tags.forEach((t, i) => {
        if (seen.has(t)) ctx.addIssue({ code: 'custom', path: ['tags', i], message: l10n.t('duplicate tag "{0}"', t) });
        seen.add(t);
      });
    }
    if (a.codes && new Set(a.codes).size !== a.codes.length) ctx.addIssue({ code: 'custom', path: ['codes'], message: l10n.t('a code is listed twice') });
    if (a.orphaned && a.reanchored) ctx.addIssue({ code: 'custom', path: ['reanchored'], message: l10n.t('an orphan cannot be re-anchored (remove one of orphaned / reanchored)') });
    if (a.conflict && a.conflict.with === a.id) ctx.addIssue({ code: 'custom', path: ['conflict', 'with'], message: l10n.t('must name the other version, not this one') });
    if (Date.parse(a.modified) < Date.parse(a.created)) {
      ctx.addIssue({ code: 'custom', path: ['modified'], message: l10n.t('modified is earlier than created') });
    }
  });

/**
 * The annotation keys, in the order an item is written: the schema's fields, with `created` last (it closes every
 * item and never changes; extension keys `x-...` are written just before it, see serialize.ts). The one list of
 * keys: validation (unknown keys are errors) and the serialiser read it.
 */
export const ANNOTATION_KEYS: readonly string[] = [...Object.keys(ANNOTATION_FIELDS).filter((k) => k !== 'created'), 'created'];
const KNOWN_KEYS: ReadonlySet<string> = new Set(ANNOTATION_KEYS);

/** A key that is neither an annotation field nor an extension key (`x-...`) is an error. */
export function isKnownAnnotationKey(key: string): boolean {
  return KNOWN_KEYS.has(key);
}

export const DocumentInfoSchema = z.strictObject({
  path: nonEmpty,
  sha256: z.string().regex(/^[0-9a-f]{64}$/, { error: () => l10n.t('must be 64 lower-case hex digits') }).optional(),
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

/** A fresh, empty sidecar for a document. */
export function emptySidecar(documentPath: string): SidecarFile {
  return { schema: SCHEMA_ID, document: { path: documentPath }, annotations: [], invalid: [] };
}
