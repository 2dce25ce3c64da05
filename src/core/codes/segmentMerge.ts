/**
 * Three-way merge of a segment file (`*.codes.yaml`) by segment id, for the git merge driver
 * (`corpus-lens merge-file %O %A %B %P`, set up by `corpus-lens git-setup` / Set Up Git Merge for Annotations):
 * - a segment changed (or added, or deleted) on one side only takes that side;
 * - changed the same way on both sides: once;
 * - changed differently on both sides (or added under the same id with other content): **both are kept**, ours
 *   under its id and theirs under `<id>.theirs` (a note says which), so no analyst's coding is lost;
 * - deleted on one side and changed on the other: the changed version is kept (a note says so).
 * A side that does not parse (or has invalid items) cannot be merged by id: `text` is undefined and the caller falls
 * back to git's line merge with conflict markers. The output is written by `serializeSegments` (sorted by id).
 */
import type { Problem } from '../types';
import { parseSegments, serializeSegments, type Segment, type SegmentFile } from './segments';
import * as l10n from '@vscode/l10n';

export interface SegmentMergeNote {
  kind: 'both-kept' | 'kept-changed';
  id: string;
  message: string;
}

export interface SegmentMergeResult {
  text: string | undefined;
  problems: Problem[];
  notes: SegmentMergeNote[];
}

function stable(s: Segment | undefined): string | undefined {
  return s === undefined ? undefined : JSON.stringify(sortKeys(s));
}

function sortKeys(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(sortKeys);
  if (v && typeof v === 'object') return Object.fromEntries(Object.entries(v as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([k, x]) => [k, sortKeys(x)]));
  return v;
}

function parseSide(text: string, file: string, side: string): { file?: SegmentFile; problems: Problem[] } {
  if (!text.trim()) return { problems: [] };
  const parsed = parseSegments(text, `${file} (${side})`);
  if (!parsed.value || !parsed.writable) return { problems: parsed.problems.length ? parsed.problems : [{ file: `${file} (${side})`, line: 1, column: 1, message: l10n.t('not a segment file'), severity: 'error' }] };
  return { file: parsed.value, problems: [] };
}

export function mergeSegmentFiles(input: { base: string; ours: string; theirs: string; file: string }): SegmentMergeResult {
  const base = parseSide(input.base, input.file, 'base');
  const ours = parseSide(input.ours, input.file, 'ours');
  const theirs = parseSide(input.theirs, input.file, 'theirs');
  const problems = [...ours.problems, ...theirs.problems];
  if (problems.length) return { text: undefined, problems, notes: [] };
  // An unreadable base: every difference counts as changed on both sides (both kept).
  const baseById = new Map((base.file?.segments ?? []).map((s) => [s.id, s]));
  const oursById = new Map((ours.file?.segments ?? []).map((s) => [s.id, s]));
  const theirsById = new Map((theirs.file?.segments ?? []).map((s) => [s.id, s]));
  const ids = [...new Set([...oursById.keys(), ...theirsById.keys(), ...baseById.keys()])].sort();
  const out: Segment[] = [];
  const notes: SegmentMergeNote[] = [];
  const taken = new Set([...oursById.keys(), ...theirsById.keys(), ...baseById.keys()]);
  for (const id of ids) {
    const b = baseById.get(id);
    const o = oursById.get(id);
    const t = theirsById.get(id);
    const [jb, jo, jt] = [stable(b), stable(o), stable(t)];
    if (jo === jt) {
      if (o) out.push(o);
    } else if (jo === jb) {
      if (t) out.push(t);
    } else if (jt === jb) {
      if (o) out.push(o);
    } else if (!o || !t) {
      const kept = (o ?? t)!;
      out.push(kept);
      notes.push({ kind: 'kept-changed', id, message: o ? l10n.t('segment {0} was deleted on their side and changed on ours: the changed version is kept', id) : l10n.t('segment {0} was deleted on our side and changed on theirs: the changed version is kept', id) });
    } else {
      out.push(o);
      let copy = `${id}.theirs`;
      for (let n = 2; taken.has(copy); n++) copy = `${id}.theirs-${n}`;
      taken.add(copy);
      out.push({ ...t, id: copy });
      notes.push({ kind: 'both-kept', id, message: l10n.t('segment {0} was changed on both sides: both kept (theirs as {1})', id, copy) });
    }
  }
  const doc = (ours.file ?? theirs.file ?? base.file)!.document;
  const document = ours.file && theirs.file && JSON.stringify(ours.file.document) === JSON.stringify(base.file?.document) ? theirs.file.document : doc;
  return { text: serializeSegments({ document, segments: out }), problems: [], notes };
}

/** The `.gitattributes` line routing segment files to the driver. */
export const SEGMENTS_GITATTRIBUTES_LINE = '*.codes.yaml merge=corpus-lens';

/**
 * `.gitattributes` with the segment files' line added (as gitattributesWithDriver does for sidecars): unchanged
 * when a line for `*.codes.yaml` already sets `merge=corpus-lens`; a line setting another merge is left alone and
 * reported.
 */
export function gitattributesWithSegmentDriver(text: string | undefined): { text: string; changed: boolean; other?: string } {
  const current = text ?? '';
  for (const line of current.split(/\r?\n/)) {
    const [pat, ...attrs] = line.trim().split(/\s+/);
    if (pat !== '*.codes.yaml') continue;
    const merge = attrs.find((a) => a === 'merge' || a === '-merge' || a.startsWith('merge='));
    if (merge === 'merge=corpus-lens') return { text: current, changed: false };
    if (merge) return { text: current, changed: false, other: line.trim() };
  }
  const sep = current === '' || current.endsWith('\n') ? '' : '\n';
  return { text: `${current}${sep}# Corpus Lens: merge coded segment files by segment id (corpus-lens merge-file)\n${SEGMENTS_GITATTRIBUTES_LINE}\n`, changed: true };
}
