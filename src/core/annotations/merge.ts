/**
 * Three-way merge of sidecar files by annotation id: what the git merge driver (`corpus-lens merge-file %O %A %B`)
 * and "Keep Both Sides" (a sidecar with conflict markers) run.
 *
 * - An annotation added on one side is kept; deleted on one side and unchanged on the other: deleted.
 * - Changed on one side only: that side's version. Changed on both sides: merged field by field (fields changed on
 *   one side only are taken from it; `modified` is the later of the two). When a field (the passage — target,
 *   orphaned and reanchored together — counts as one field) was changed differently on both sides, BOTH versions
 *   are kept: ours keeps the id, theirs gets `<id>.2` (or the next free suffix), and each carries
 *   `conflict: {with: <the other id>, side: ours|theirs}` until the analyst keeps one of them.
 * - Deleted on one side and changed on the other: the changed version is kept (a note says so).
 * - Without a base (two files created independently, or conflict markers without a diff3 base section), every
 *   annotation of either side is kept; the same id with different content is kept in both versions as above.
 * - document.path / sha256 / reference: three-way; a reference date set differently on both sides keeps ours and
 *   is reported as a conflict (the driver then exits non-zero so that git asks the analyst); differing sha256
 *   values are dropped (the next save computes it again).
 * - Items that failed validation (kept verbatim by the parser) are kept from both sides.
 * Nothing of either side is ever dropped silently: every decision that is not a plain one-sided change is a note.
 */
import type { Problem } from '../types';
import { splitConflictSides } from './markers';
import { AnnotationSchema, emptySidecar, type Annotation, type DocumentInfo, type InvalidAnnotation, type SidecarFile } from './schema';
import { parseSidecar } from './parse';
import { canonicalAnnotation, serializeSidecar } from './serialize';
import * as l10n from '@vscode/l10n';

export interface MergeNote {
  /** `conflict`: both versions kept (or, for the reference date, ours kept); `kept`: a deletion was not applied. */
  kind: 'conflict' | 'kept' | 'reference';
  id?: string;
  message: string;
}

export interface MergeResult {
  /** The merged file, when both sides could be read. */
  text?: string;
  file?: SidecarFile;
  notes: MergeNote[];
  /** Why there is no merged text (a side does not parse), with file:line. */
  problems: Problem[];
  /** Something needs the analyst: annotations kept in two versions or a reference date set differently. */
  conflicted: boolean;
}

export interface MergeInput {
  /** The common ancestor; undefined or empty: no base (everything of both sides is kept). */
  base?: string;
  ours: string;
  theirs: string;
  /** File name used in problems. */
  file: string;
  labels?: { ours?: string; theirs?: string };
}

type Canon = string;

function canon(a: Annotation): Canon {
  return JSON.stringify(canonicalAnnotation(a));
}

/** The parts of an annotation merged as one unit (they must agree with each other). */
const FIELD_GROUPS: Record<string, string> = { target: 'anchor', orphaned: 'anchor', reanchored: 'anchor' };

function fieldGroups(a: Annotation | undefined): Map<string, string> {
  const out = new Map<string, Record<string, unknown>>();
  if (a) {
    for (const [k, v] of Object.entries(canonicalAnnotation(a))) {
      const g = FIELD_GROUPS[k] ?? k;
      const rec = out.get(g) ?? {};
      rec[k] = v;
      out.set(g, rec);
    }
  }
  return new Map([...out].map(([g, rec]) => [g, JSON.stringify(rec)]));
}

/** Field-level three-way merge; undefined when some field was changed differently on both sides. */
function mergeFields(base: Annotation, ours: Annotation, theirs: Annotation): Annotation | undefined {
  const b = fieldGroups(base);
  const o = fieldGroups(ours);
  const t = fieldGroups(theirs);
  const pick: Record<string, 'ours' | 'theirs'> = {};
  for (const g of new Set([...b.keys(), ...o.keys(), ...t.keys()])) {
    const vb = b.get(g);
    const vo = o.get(g);
    const vt = t.get(g);
    if (vo === vt || vt === vb) pick[g] = 'ours';
    else if (vo === vb) pick[g] = 'theirs';
    else if (g === 'modified') pick[g] = Date.parse(theirs.modified) > Date.parse(ours.modified) ? 'theirs' : 'ours';
    else return undefined;
  }
  const out: Record<string, unknown> = {};
  const from = { ours: ours as Record<string, unknown>, theirs: theirs as Record<string, unknown> };
  for (const key of new Set([...Object.keys(ours), ...Object.keys(theirs)])) {
    const side = pick[FIELD_GROUPS[key] ?? key] ?? 'ours';
    const v = from[side][key];
    if (v !== undefined) out[key] = v;
  }
  const r = AnnotationSchema.safeParse(out);
  return r.success ? r.data : undefined;
}

function parseSide(text: string | undefined, file: string, label: string): { file?: SidecarFile; problems: Problem[] } {
  if (text === undefined || !text.trim()) return { problems: [] };
  const parsed = parseSidecar(text, file);
  if (!parsed.value) return { problems: parsed.problems.map((p) => ({ ...p, message: `${label}: ${p.message}` })) };
  return { file: parsed.value, problems: [] };
}

function merge3<T>(base: T | undefined, ours: T | undefined, theirs: T | undefined): { value: T | undefined; conflict: boolean } {
  if (ours === theirs) return { value: ours, conflict: false };
  if (theirs === base) return { value: ours, conflict: false };
  if (ours === base) return { value: theirs, conflict: false };
  return { value: ours, conflict: true };
}

function freeId(id: string, taken: Set<string>): string {
  for (let n = 2; ; n++) {
    const candidate = `${id}.${n}`;
    if (!taken.has(candidate)) {
      taken.add(candidate);
      return candidate;
    }
  }
}

function invalidKey(bad: InvalidAnnotation): string {
  return bad.node.toString();
}

/** Merge three sidecar texts (see the top of this file). */
export function mergeSidecars(input: MergeInput): MergeResult {
  const { file } = input;
  const oursLabel = input.labels?.ours ?? 'ours';
  const theirsLabel = input.labels?.theirs ?? 'theirs';
  const o = parseSide(input.ours, file, oursLabel);
  const t = parseSide(input.theirs, file, theirsLabel);
  const problems = [...o.problems, ...t.problems];
  if (problems.length) return { notes: [], problems, conflicted: true };
  // An unreadable base is treated as no base: nothing can then be taken for a deletion, so nothing is lost.
  const b = parseSide(input.base, file, 'base');
  const base = b.file;
  const ours = o.file ?? t.file ?? emptySidecar('');
  const theirs = t.file ?? o.file ?? emptySidecar('');
  const notes: MergeNote[] = [];

  const document: DocumentInfo = { path: '' };
  const path = merge3(base?.document.path, ours.document.path, theirs.document.path).value ?? ours.document.path;
  document.path = path || theirs.document.path;
  const sha = merge3(base?.document.sha256, ours.document.sha256, theirs.document.sha256);
  if (sha.value !== undefined && !sha.conflict) document.sha256 = sha.value;
  const reference = merge3(base?.document.reference, ours.document.reference, theirs.document.reference);
  if (reference.value !== undefined) document.reference = reference.value;
  if (reference.conflict) {
    notes.push({
      kind: 'reference',
      message: l10n.t('the reference date was set differently on both sides: kept {0} ({1}), not {2} ({3})', ours.document.reference ?? l10n.t('(none)'), oursLabel, theirs.document.reference ?? l10n.t('(none)'), theirsLabel),
    });
  }

  const byId = (f: SidecarFile | undefined) => new Map((f?.annotations ?? []).map((a) => [a.id, a]));
  const bm = byId(base);
  const om = byId(ours);
  const tm = byId(theirs);
  const taken = new Set<string>([...bm.keys(), ...om.keys(), ...tm.keys()]);
  for (const f of [base, ours, theirs]) for (const bad of f?.invalid ?? []) if (bad.id) taken.add(bad.id);
  const out: Annotation[] = [];
  const ids = [...new Set([...om.keys(), ...tm.keys(), ...bm.keys()])].sort();
  for (const id of ids) {
    const a = bm.get(id);
    const mine = om.get(id);
    const their = tm.get(id);
    if (mine && their) {
      const cm = canon(mine);
      const ct = canon(their);
      if (cm === ct) out.push(mine);
      else if (a && canon(a) === ct) out.push(mine);
      else if (a && canon(a) === cm) out.push(their);
      else {
        const merged = a ? mergeFields(a, mine, their) : undefined;
        if (merged) out.push(merged);
        else {
          const other = freeId(id, taken);
          out.push({ ...mine, conflict: { with: other, side: 'ours' } });
          out.push({ ...their, id: other, conflict: { with: id, side: 'theirs' } });
          notes.push({
            kind: 'conflict',
            id,
            message: a
              ? l10n.t('annotation {0} was changed differently on both sides: both versions kept ({0}: {1}, {2}: {3}) — keep one', id, oursLabel, other, theirsLabel)
              : l10n.t('annotation {0} was changed differently on both sides (no common version): both versions kept ({0}: {1}, {2}: {3}) — keep one', id, oursLabel, other, theirsLabel),
          });
        }
      }
    } else if (mine || their) {
      const present = (mine ?? their)!;
      if (a && canon(a) === canon(present)) continue; // deleted on the other side, unchanged here
      out.push(present);
      if (a) {
        notes.push({ kind: 'kept', id, message: l10n.t('annotation {0} was deleted on {1} but changed on {2}: the changed version is kept', id, mine ? theirsLabel : oursLabel, mine ? oursLabel : theirsLabel) });
      }
    }
  }
  const invalid: InvalidAnnotation[] = [...ours.invalid];
  const seen = new Set(invalid.map(invalidKey));
  for (const bad of theirs === ours ? [] : theirs.invalid) if (!seen.has(invalidKey(bad))) invalid.push(bad);
  const merged: SidecarFile = { schema: ours.schema, document, annotations: out, invalid };
  const text = serializeSidecar(merged, input.ours.trim() ? input.ours : input.theirs, [input.theirs]);
  return { text, file: merged, notes, problems: [], conflicted: notes.some((n) => n.kind !== 'kept') };
}

/**
 * "Keep Both Sides" for a sidecar that git left with conflict markers: the two sides are rebuilt from the markers
 * (with the diff3 base section as the base when present) and merged by id. Undefined text: the markers are not
 * well formed or a side does not parse (see problems).
 */
export function resolveConflictMarkers(text: string, file: string): MergeResult {
  const sides = splitConflictSides(text);
  if (!sides) {
    return { notes: [], conflicted: true, problems: [{ file, line: 1, column: 1, severity: 'error', message: l10n.t('the conflict markers are incomplete (<<<<<<<, ======= and >>>>>>> are needed): resolve the file by hand') }] };
  }
  return mergeSidecars({ ...(sides.base !== undefined ? { base: sides.base } : {}), ours: sides.ours, theirs: sides.theirs, file });
}

/** The versions of an annotation kept by a merge, by the id of the other version. */
export function conflictPartner(annotations: readonly Annotation[], a: Annotation): Annotation | undefined {
  if (!a.conflict) return undefined;
  return annotations.find((x) => x.id === a.conflict!.with);
}

/** Name of the git merge driver (`merge.<name>.driver` in git config, `merge=<name>` in .gitattributes). */
export const MERGE_DRIVER = 'corpus-lens';
export const GITATTRIBUTES_LINE = `*.annotations.yaml merge=${MERGE_DRIVER}`;

/**
 * `.gitattributes` with the line that routes sidecars to the driver. Unchanged when a line for the same pattern
 * already sets `merge=corpus-lens`; a line for that pattern setting another merge driver is left alone and
 * reported (the analyst decides).
 */
export function gitattributesWithDriver(text: string | undefined): { text: string; changed: boolean; other?: string } {
  const current = text ?? '';
  const lines = current.split(/\r?\n/);
  const pattern = '*.annotations.yaml';
  for (const line of lines) {
    const [pat, ...attrs] = line.trim().split(/\s+/);
    if (pat !== pattern) continue;
    const merge = attrs.find((a) => a === 'merge' || a === '-merge' || a.startsWith('merge='));
    if (merge === `merge=${MERGE_DRIVER}`) return { text: current, changed: false };
    if (merge) return { text: current, changed: false, other: line.trim() };
  }
  const sep = current === '' || current.endsWith('\n') ? '' : '\n';
  return { text: `${current}${sep}# Corpus Lens: merge annotation sidecars by annotation id (corpus-lens merge-file)\n${GITATTRIBUTES_LINE}\n`, changed: true };
}

/** The `merge.corpus-lens.driver` command line for a way of starting the CLI (already shell-quoted). */
export function driverCommand(cli: string): string {
  return `${cli} merge-file %O %A %B %P`;
}

/** Quote an argument for the POSIX shell git runs drivers with. */
export function shellQuote(arg: string): string {
  return /^[A-Za-z0-9_@%+=:,./-]+$/.test(arg) ? arg : `'${arg.replace(/'/g, `'\\''`)}'`;
}
