/** The fallback shape: the whole text is one record, titled by a short first line, dated by its dateline. */
import type { CorpusRecord } from '../record';
import { findTail, markItemLists } from './boilerplate';
import { applyDateline } from './dateline';
import { blank, content, len, type Line, nextNonBlank } from './lines';

export function plainRecords(text: string, lines: Line[], marks: Uint8Array): CorpusRecord[] {
  const first = nextNonBlank(lines, -1);
  if (first < 0) return [];
  markItemLists(text, lines, first + 1, lines.length, marks);
  const tail = findTail(text, lines, first + 1, marks);
  for (let i = tail; i < lines.length; i++) if (!blank(lines[i])) marks[i] = 1;
  let last = first;
  for (let i = tail - 1; i > first; i--) {
    if (!blank(lines[i]) && !marks[i]) {
      last = i;
      break;
    }
  }
  const fl = lines[first]!;
  const record: CorpusRecord = { id: '', span: { start: fl.ts, end: lines[last]!.te }, metadataSpans: [] };
  const titled = len(fl) <= 80 && (last > first || len(fl) <= 40);
  applyDateline(text, lines, record, first, last + 1, -1);
  const datelineFirst = record.metadataSpans[0]?.start === fl.ts;
  if (titled && !datelineFirst) {
    record.title = content(text, fl);
    record.titleSpan = { start: fl.ts, end: fl.te };
  }
  return [record];
}
