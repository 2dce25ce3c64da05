/** Q&A pages: a question, then answers each led by a commentator name standing alone between blank lines. */
import type { CorpusRecord, ShapeDetector } from '../record';
import { CHROME_WORDS, containsAny, findTail, markItemLists, PUNCTUATION } from './boilerplate';
import { blank, content, len, type Line, nextNonBlank } from './lines';

function isQuestion(c: string): boolean {
  return /[?？]/.test(c) || /[吗嗎呢么麼]$/.test(c);
}

function findHolders(text: string, lines: Line[], from: number): number[] {
  const holders: number[] = [];
  for (let i = from; i < lines.length; i++) {
    const l = lines[i]!;
    const n = len(l);
    if (n === 0 || n > 12 || !blank(lines[i - 1]) || !blank(lines[i + 1])) continue;
    const c = content(text, l);
    if (PUNCTUATION.test(c) || /^\d+$/.test(c) || c.includes('  ')) continue;
    if (containsAny(c.toLowerCase(), CHROME_WORDS)) continue;
    const next = nextNonBlank(lines, i);
    if (next < 0 || len(lines[next]!) < 15) continue;
    holders.push(i);
  }
  return holders;
}

function parseQA(text: string, lines: Line[], titleLine: number, holders: number[], marks: Uint8Array): CorpusRecord[] {
  markItemLists(text, lines, titleLine + 1, lines.length, marks);
  const tail = findTail(text, lines, holders[holders.length - 1]! + 1, marks);
  for (let i = tail; i < lines.length; i++) if (!blank(lines[i])) marks[i] = 1;
  const lastContent = (from: number, to: number): number => {
    for (let i = to - 1; i >= from; i--) if (!blank(lines[i]) && !marks[i]) return i;
    return -1;
  };
  const tl = lines[titleLine]!;
  const endLine = lastContent(titleLine, tail);
  const record: CorpusRecord = {
    id: '',
    span: { start: tl.ts, end: lines[endLine]!.te },
    title: content(text, tl),
    titleSpan: { start: tl.ts, end: tl.te },
    sections: [],
    metadataSpans: [],
  };
  for (let k = 0; k < holders.length; k++) {
    const h = holders[k]!;
    const to = Math.min(holders[k + 1] ?? tail, tail);
    const last = lastContent(h, to);
    const hl = lines[h]!;
    record.sections!.push({ span: { start: hl.ts, end: lines[last]!.te }, holder: content(text, hl), holderSpan: { start: hl.ts, end: hl.te } });
  }
  return [record];
}

export const qaShape: ShapeDetector = {
  shape: 'qa',
  priority: 400,
  description: 'Q&A page: a short (question) title, then sections opened by commentator lines',
  detect({ text, lines, marks }) {
    const first = nextNonBlank(lines, -1);
    if (first < 0 || len(lines[first]!) > 200) return undefined;
    const holders = findHolders(text, lines, first + 1);
    if (holders.length >= 3 || (holders.length >= 2 && isQuestion(content(text, lines[first]!)))) return parseQA(text, lines, first, holders, marks);
    return undefined;
  },
};
