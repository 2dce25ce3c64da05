/** News: a title, then a timestamp line with source and reporter. */
import type { Span } from '../../types';
import type { CorpusRecord, ShapeDetector } from '../record';
import { findTail, isMetadataTail, markItemLists } from './boilerplate';
import { findDateline } from './dateline';
import { blank, content, len, type Line, nextNonBlank, prevNonBlank, splitList } from './lines';

const TIMESTAMP =
  /^((?:19|20)\d{2}[-/.]\d{1,2}[-/.]\d{1,2}(?:[ T\u00a0]+\d{1,2}:\d{2}(?::\d{2})?)?|(?:19|20)\d{2}年\d{1,2}月\d{1,2}日(?:\s*\d{1,2}[:：]\d{2}(?:[:：]\d{2})?)?)(?:[\s\u00a0\u202f\u3000]+(.*))?$/;

interface NewsHead {
  title: number;
  stamp: number;
  date: string;
  dateSpan: Span;
  rest: string;
}

function findNewsHead(text: string, lines: Line[]): NewsHead | undefined {
  const limit = Math.min(lines.length, 150);
  for (let i = 0; i < limit; i++) {
    const l = lines[i]!;
    if (blank(l) || len(l) > 120) continue;
    const c = content(text, l);
    const c0 = c.charCodeAt(0);
    if (c0 !== 0x31 && c0 !== 0x32) continue; // 1xxx / 2xxx
    const m = TIMESTAMP.exec(c);
    if (!m) continue;
    const t = prevNonBlank(lines, i, Math.max(0, i - 5));
    if (t < 0) continue;
    const tl = lines[t]!;
    const tc = content(text, tl);
    if (len(tl) < 4 || len(tl) > 120 || /[:：]$/.test(tc) || TIMESTAMP.test(tc)) continue;
    return { title: t, stamp: i, date: m[1]!, dateSpan: { start: l.ts, end: l.ts + m[1]!.length }, rest: (m[2] ?? '').trim() };
  }
  return undefined;
}

const REPORTER = /记者|記者|reporter/i;

function newsSourceAndAuthors(rest: string): { source?: string; authors?: string[] } {
  if (!rest) return {};
  const labelled = [...rest.matchAll(/(来源|來源|作者|记者|記者|编辑|編輯|责任编辑|責任編輯|source|author|by)\s*[:：]\s*([^\s:：]+)/gi)];
  if (labelled.length) {
    const out: { source?: string; authors?: string[] } = {};
    for (const m of labelled) {
      if (/来源|來源|source/i.test(m[1]!)) out.source = m[2];
      else (out.authors ??= []).push(m[2]!);
    }
    return out;
  }
  const r = REPORTER.exec(rest);
  if (r) {
    const source = rest.slice(0, r.index).trim();
    const authors = splitList(rest.slice(r.index + r[0].length), /[\s,，、;；\u00a0\u202f\u3000]+/);
    return { ...(source ? { source } : {}), ...(authors.length ? { authors } : {}) };
  }
  return { source: rest };
}

function parseNews(text: string, lines: Line[], head: NewsHead, marks: Uint8Array): CorpusRecord[] {
  // Header above the title: a menu if its lines are mostly short.
  let headerLines = 0;
  let shortLines = 0;
  for (let i = 0; i < head.title; i++) {
    if (blank(lines[i])) continue;
    headerLines++;
    if (len(lines[i]!) <= 20) shortLines++;
  }
  const menu = headerLines > 0 && shortLines / headerLines >= 0.7;
  if (menu) for (let i = 0; i < head.title; i++) if (!blank(lines[i])) marks[i] = 1;

  markItemLists(text, lines, head.stamp + 1, lines.length, marks);
  const tail = findTail(text, lines, head.stamp + 1, marks);
  for (let i = tail; i < lines.length; i++) if (!blank(lines[i])) marks[i] = 1;
  // Item lists in the middle of the page (between body and tail) are boilerplate; the body ends before the first one.
  let last = -1;
  for (let i = tail - 1; i > head.stamp; i--) {
    if (blank(lines[i]) || marks[i]) continue;
    last = i;
    break;
  }
  const firstLine = menu ? head.title : Math.max(0, Math.min(head.title, nextNonBlank(lines, -1)));
  const endLine = last >= 0 ? last : head.stamp;
  const tl = lines[head.title]!;
  const sl = lines[head.stamp]!;
  const record: CorpusRecord = {
    id: '',
    span: { start: lines[firstLine]!.ts, end: lines[endLine]!.te },
    title: content(text, tl),
    titleSpan: { start: tl.ts, end: tl.te },
    dateText: head.date,
    dateSpan: head.dateSpan,
    dateSource: 'timestamp',
    metadataSpans: [{ start: sl.ts, end: sl.te }],
    ...newsSourceAndAuthors(head.rest),
  };
  // Metadata lines at the end of the article: 关键词, 版权声明, 责任编辑.
  for (let i = endLine, seen = 0; i > head.stamp && seen < 6; i--) {
    const l = lines[i]!;
    if (blank(l) || marks[i]) continue;
    seen++;
    const c = content(text, l);
    if (!isMetadataTail(c)) continue;
    record.metadataSpans.push({ start: l.ts, end: l.te });
    const kw = /^(?:关键词|關鍵詞|关键字|關鍵字|标签|標籤|tags|keywords)\s*[:：]\s*(.*)$/i.exec(c);
    if (kw) {
      const keywords = splitList(kw[1]!, /[\s,，、;；|]+/);
      if (keywords.length) record.keywords = keywords;
    }
    const ed = /^(?:责任编辑|責任編輯|编辑|編輯)\s*[:：]\s*(.*)$/.exec(c);
    if (ed && !record.authors) {
      const names = splitList(ed[1]!, /[\s,，、;；]+/);
      if (names.length) record.authors = names;
    }
  }
  record.metadataSpans.sort((a, b) => a.start - b.start);
  if (!record.source) {
    const d = findDateline(text, lines, head.stamp + 1, endLine + 1, -1);
    if (d?.source) record.source = d.source;
    if (d?.authors && !record.authors) record.authors = d.authors;
  }
  return [record];
}

export const newsShape: ShapeDetector = {
  shape: 'news',
  priority: 200,
  description: 'news article: a title with a timestamp (and source, reporter) near the top',
  detect({ text, lines, marks }) {
    const news = findNewsHead(text, lines);
    return news ? parseNews(text, lines, news, marks) : undefined;
  },
};
