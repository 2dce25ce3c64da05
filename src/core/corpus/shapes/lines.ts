/** The lines of a corpus file with their trimmed bounds, and the helpers the shape detectors read them with. */
import { isSpace } from '../../text/space';

export interface Line {
  /** Start of the line. */
  start: number;
  /** End of the line, before `\r\n` / `\n`. */
  end: number;
  /** Trimmed content bounds (`ts === te` for a blank line). */
  ts: number;
  te: number;
}

export function splitLines(text: string): Line[] {
  const lines: Line[] = [];
  let start = 0;
  const n = text.length;
  while (start <= n) {
    let nl = text.indexOf('\n', start);
    if (nl < 0) nl = n;
    let end = nl;
    if (end > start && text.charCodeAt(end - 1) === 13) end--;
    let ts = start;
    while (ts < end && isSpace(text.charCodeAt(ts))) ts++;
    let te = end;
    while (te > ts && isSpace(text.charCodeAt(te - 1))) te--;
    lines.push({ start, end, ts, te });
    if (nl >= n) break;
    start = nl + 1;
  }
  return lines;
}

export const blank = (l: Line | undefined): boolean => !l || l.ts === l.te;
export const len = (l: Line): number => l.te - l.ts;
export const content = (text: string, l: Line): string => text.slice(l.ts, l.te);

export function prevNonBlank(lines: Line[], i: number, min = 0): number {
  for (let k = i - 1; k >= min; k--) if (!blank(lines[k])) return k;
  return -1;
}

export function nextNonBlank(lines: Line[], i: number, max = lines.length): number {
  for (let k = i + 1; k < max; k++) if (!blank(lines[k])) return k;
  return -1;
}

/** Splits a metadata value into items (authors, keywords). */
export function splitList(value: string, separators: RegExp): string[] {
  return value
    .split(separators)
    .map((s) => s.trim())
    .filter((s) => s.length > 0);
}
