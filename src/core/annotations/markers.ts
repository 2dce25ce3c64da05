/**
 * Git conflict markers in a text file (what `git merge` leaves in a file it could not merge line by line):
 *
 *     <<<<<<< ours-label
 *     ...our lines...
 *     ||||||| base-label        (only with merge.conflictStyle = diff3 / zdiff3)
 *     ...base lines...
 *     =======
 *     ...their lines...
 *     >>>>>>> their-label
 *
 * Markers are 7 or more characters (`conflict-marker-size`), at the start of a line, all of one length in a region.
 */

export interface ConflictRegion {
  /** 1-based line numbers of the markers. */
  startLine: number;
  baseLine?: number;
  separatorLine?: number;
  endLine?: number;
  /** The labels after <<<<<<< and >>>>>>> (branch names, commits). */
  oursLabel: string;
  theirsLabel?: string;
}

export interface MarkerScan {
  regions: ConflictRegion[];
  /** Every region is complete (<<<<<<<, =======, >>>>>>> in that order, no stray marker): the sides can be split. */
  wellFormed: boolean;
}

const OPEN = /^(<{7,})(?:[ \t](.*))?$/;
const BASE = /^(\|{7,})(?:[ \t](.*))?$/;
const SEPARATOR = /^(={7,})[ \t]*$/;
const CLOSE = /^(>{7,})(?:[ \t](.*))?$/;

function lines(text: string): string[] {
  // Keep the line terminators: the sides are rebuilt byte for byte.
  return text.match(/[^\n]*\n|[^\n]+$/g) ?? [];
}

function bare(line: string): string {
  return line.replace(/\r?\n$/, '');
}

/** Quick check: does the text contain a line that opens a conflict region? */
export function hasConflictMarkers(text: string): boolean {
  return /^<{7,}(?:[ \t].*)?\r?$/m.test(text);
}

/** The conflict regions of a text, with their marker lines. */
export function scanConflictMarkers(text: string): MarkerScan {
  const regions: ConflictRegion[] = [];
  let wellFormed = true;
  let open: (ConflictRegion & { size: number; stage: 'ours' | 'base' | 'theirs' }) | undefined;
  const all = lines(text);
  for (let i = 0; i < all.length; i++) {
    const line = bare(all[i]!);
    const n = i + 1;
    let m: RegExpExecArray | null;
    if ((m = OPEN.exec(line))) {
      if (open) {
        wellFormed = false;
        regions.push(stripRegion(open));
      }
      open = { startLine: n, oursLabel: m[2] ?? '', size: m[1]!.length, stage: 'ours' };
    } else if (!open) {
      if (CLOSE.test(line)) wellFormed = false; // a closing marker without its opening one
      continue;
    } else if ((m = BASE.exec(line)) && m[1]!.length === open.size && open.stage === 'ours') {
      open.baseLine = n;
      open.stage = 'base';
    } else if ((m = SEPARATOR.exec(line)) && m[1]!.length === open.size && open.stage !== 'theirs') {
      open.separatorLine = n;
      open.stage = 'theirs';
    } else if ((m = CLOSE.exec(line)) && m[1]!.length === open.size) {
      if (open.stage !== 'theirs') wellFormed = false;
      open.endLine = n;
      if (m[2] !== undefined) open.theirsLabel = m[2];
      regions.push(stripRegion(open));
      open = undefined;
    }
  }
  if (open) {
    wellFormed = false;
    regions.push(stripRegion(open));
  }
  return { regions, wellFormed };
}

function stripRegion(r: ConflictRegion & { size: number; stage: string }): ConflictRegion {
  const { size: _s, stage: _t, ...rest } = r;
  return rest;
}

export interface ConflictSides {
  ours: string;
  theirs: string;
  /** Present when every region has a base section (diff3 style). */
  base?: string;
}

/**
 * Split a text with well-formed conflict regions into the two (three) whole texts it is made of: the common lines
 * plus each region's ours / theirs (/ base) lines. Undefined when the markers are not well formed.
 */
export function splitConflictSides(text: string): ConflictSides | undefined {
  const scan = scanConflictMarkers(text);
  if (!scan.wellFormed || !scan.regions.length) return undefined;
  let ours = '';
  let theirs = '';
  let base = '';
  let hasBase = true;
  const all = lines(text);
  let r = 0;
  for (let i = 0; i < all.length; i++) {
    const region = scan.regions[r];
    const n = i + 1;
    if (!region || n < region.startLine) {
      ours += all[i];
      theirs += all[i];
      base += all[i];
      continue;
    }
    // Inside region r: lines startLine..endLine.
    const end = region.endLine!;
    const baseStart = region.baseLine;
    const sep = region.separatorLine!;
    if (baseStart === undefined) hasBase = false;
    for (let k = region.startLine + 1; k < end; k++) {
      const l = all[k - 1]!;
      if (k === baseStart || k === sep) continue;
      if (k < (baseStart ?? sep)) ours += l;
      else if (baseStart !== undefined && k > baseStart && k < sep) base += l;
      else if (k > sep) theirs += l;
    }
    i = end - 1;
    r++;
  }
  return hasBase ? { ours, theirs, base } : { ours, theirs };
}
