/** Think-tank summaries: 作者/Author(s):, 網站來源/Source:, 日期/Date:, 關鍵字/Keywords: lines. */
import type { Span } from '../../types';
import type { CorpusRecord, ShapeDetector } from '../record';
import { findTail, markItemLists } from './boilerplate';
import { blank, content, len, type Line, nextNonBlank, prevNonBlank, splitList } from './lines';

type Field = 'author' | 'source' | 'date' | 'keywords' | 'title';

const LABELS: Record<string, Field> = {
  作者: 'author', 作者们: 'author', 作者們: 'author', 撰文: 'author', 撰稿: 'author', author: 'author', authors: 'author', 'author(s)': 'author', by: 'author',
  网站来源: 'source', 網站來源: 'source', 来源: 'source', 來源: 'source', 出处: 'source', 出處: 'source', 媒体: 'source', 媒體: 'source',
  source: 'source', publication: 'source', publisher: 'source', website: 'source', 网站: 'source', 網站: 'source', 刊物: 'source',
  日期: 'date', 发布日期: 'date', 發布日期: 'date', 发表日期: 'date', 發表日期: 'date', 出版日期: 'date', 时间: 'date', 時間: 'date',
  date: 'date', published: 'date', 'publication date': 'date',
  关键字: 'keywords', 關鍵字: 'keywords', 关键词: 'keywords', 關鍵詞: 'keywords', 关键词语: 'keywords', 标签: 'keywords', 標籤: 'keywords',
  keywords: 'keywords', keyword: 'keywords', tags: 'keywords',
  标题: 'title', 標題: 'title', 题目: 'title', 題目: 'title', title: 'title',
};

interface LabelLine {
  field: Field;
  value: string;
  valueSpan: Span;
}

function labelLine(text: string, l: Line): LabelLine | undefined {
  const n = len(l);
  if (n < 3 || n > 400) return undefined;
  const c = content(text, l);
  let colon = -1;
  for (let k = 0; k < Math.min(c.length, 40); k++) {
    const ch = c.charCodeAt(k);
    if (ch === 0x3a || ch === 0xff1a) {
      colon = k;
      break;
    }
  }
  if (colon <= 0) return undefined;
  const parts = c.slice(0, colon).split('/').map((p) => p.trim().toLowerCase());
  let field: Field | undefined;
  for (const p of parts) {
    const f = LABELS[p];
    if (f) field ??= f;
    else if (p.length > 20) return undefined;
  }
  if (!field) return undefined;
  const raw = c.slice(colon + 1);
  const value = raw.trim();
  const vs = l.ts + colon + 1 + (raw.length - raw.trimStart().length);
  return { field, value, valueSpan: { start: vs, end: vs + value.length } };
}

interface MetaBlock {
  first: number;
  last: number;
  fields: Array<{ line: number; label: LabelLine }>;
}

function findMetaBlocks(text: string, lines: Line[]): MetaBlock[] {
  const blocks: MetaBlock[] = [];
  let cur: MetaBlock | undefined;
  let blanks = 0;
  for (let i = 0; i < lines.length; i++) {
    const l = lines[i]!;
    if (blank(l)) {
      blanks++;
      continue;
    }
    const label = labelLine(text, l);
    if (label) {
      if (cur && blanks <= 2) {
        cur.last = i;
        cur.fields.push({ line: i, label });
      } else {
        cur = { first: i, last: i, fields: [{ line: i, label }] };
        blocks.push(cur);
      }
    } else cur = undefined;
    blanks = 0;
  }
  return blocks.filter((b) => b.fields.length >= 2 && b.fields.some((f) => f.label.field === 'author' || f.label.field === 'source' || f.label.field === 'date'));
}

function parseSummary(text: string, lines: Line[], blocks: MetaBlock[], marks: Uint8Array): CorpusRecord[] {
  markItemLists(text, lines, 0, lines.length, marks);
  const tail = findTail(text, lines, blocks[blocks.length - 1]!.last + 1, marks);
  for (let i = tail; i < lines.length; i++) if (!blank(lines[i])) marks[i] = 1;
  // Each block starts a record; the short line just above it is the title.
  const starts: Array<{ line: number; title: number }> = [];
  let minLine = 0;
  for (const b of blocks) {
    const t = prevNonBlank(lines, b.first, minLine);
    const tl = t >= 0 ? lines[t]! : undefined;
    const isTitle = tl && len(tl) <= 150 && !/^[•·▪●\-*]/.test(content(text, tl)) && !labelLine(text, tl);
    starts.push({ line: isTitle ? t : b.first, title: isTitle ? t : -1 });
    minLine = b.last + 1;
  }
  if (starts.length) {
    const first = nextNonBlank(lines, -1);
    if (first >= 0 && first < starts[0]!.line) starts[0]!.line = first;
  }
  const records: CorpusRecord[] = [];
  for (let k = 0; k < starts.length; k++) {
    const b = blocks[k]!;
    const s = starts[k]!;
    const stop = Math.min(k + 1 < starts.length ? starts[k + 1]!.line : lines.length, tail);
    let last = -1;
    for (let i = stop - 1; i >= s.line; i--) {
      if (!blank(lines[i]) && !marks[i]) {
        last = i;
        break;
      }
    }
    if (last < 0) continue;
    const record: CorpusRecord = { id: '', span: { start: lines[s.line]!.ts, end: lines[last]!.te }, metadataSpans: [] };
    if (s.title >= 0) {
      const tl = lines[s.title]!;
      record.title = content(text, tl);
      record.titleSpan = { start: tl.ts, end: tl.te };
    }
    for (const { line, label } of b.fields) {
      const l = lines[line]!;
      record.metadataSpans.push({ start: l.ts, end: l.te });
      if (!label.value) continue;
      switch (label.field) {
        case 'author': {
          const authors = splitList(label.value, /\s*(?:[,，;；、&]|\band\b|和|與|与)\s*/);
          if (authors.length) record.authors = authors;
          break;
        }
        case 'source':
          record.source = label.value;
          break;
        case 'date':
          record.dateText = label.value;
          record.dateSpan = label.valueSpan;
          record.dateSource = 'date-line';
          break;
        case 'keywords': {
          const keywords = splitList(label.value, /[,，;；、|]+/);
          if (keywords.length) record.keywords = keywords;
          break;
        }
        case 'title':
          record.title = label.value;
          record.titleSpan = label.valueSpan;
          break;
      }
    }
    records.push(record);
  }
  return records;
}

export const summaryShape: ShapeDetector = {
  shape: 'summary',
  priority: 300,
  description: 'think-tank summary: blocks of labelled metadata lines (作者/Author, 網站來源/Source, 日期/Date, 關鍵字/Keywords)',
  detect({ text, lines, marks }) {
    const blocks = findMetaBlocks(text, lines);
    return blocks.length ? parseSummary(text, lines, blocks, marks) : undefined;
  },
};
