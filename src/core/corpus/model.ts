/**
 * Corpus model: splits one corpus file into records (an abstract listing's entries, a news article, a Q&A page,
 * a think-tank summary, or the whole text) and finds their metadata (title, authors, source, date, citation,
 * keywords) and the page boilerplate (navigation menus, recommended-video lists, share widgets, footers).
 *
 * Line-based and linear: every regular expression runs on one (length-capped) line, anchored. Never throws.
 * Offsets are UTF-16 code units into the original text, end exclusive; `\r\n` line endings are handled.
 */
import { lowerBoundBy } from '../sorted';
import type { Span } from '../types';
import { isSpace, trimSpan } from '../text/space';

export type DocumentShape = 'listing' | 'news' | 'qa' | 'summary' | 'plain';

export interface Citation {
  journal: string;
  year: number;
  issue?: string;
  pages?: string;
  span: Span;
}

export interface RecordSection {
  span: Span;
  holder: string;
  holderSpan: Span;
}

export interface CorpusRecord {
  /** Stable within the file: 'r1', 'r2'... in order. */
  id: string;
  /** The record's text (without separators and boilerplate at its edges). */
  span: Span;
  title?: string;
  titleSpan?: Span;
  /** Listing author line, Author(s) line, news reporter. */
  authors?: string[];
  /** Journal (现代国际关系), news source (看看新闻Knews), 網站來源/Source. */
  source?: string;
  /** Raw metadata date (parsed elsewhere). */
  dateText?: string;
  dateSpan?: Span;
  dateSource?: 'timestamp' | 'citation' | 'date-line' | 'dateline';
  citation?: Citation;
  keywords?: string[];
  /** Q&A: one per commentator. */
  sections?: RecordSection[];
  /** Lines that are metadata (title with 总被引, citation, 作者/日期 lines, 关键词, timestamp line). */
  metadataSpans: Span[];
}

export interface CorpusDocument {
  shape: DocumentShape;
  records: CorpusRecord[];
  /** Sorted, non-overlapping. */
  boilerplate: Span[];
}

// ---------------------------------------------------------------------------------------------------------------
// Lines
// ---------------------------------------------------------------------------------------------------------------

export interface Line {
  /** Start of the line. */
  start: number;
  /** End of the line, before `\r\n` / `\n`. */
  end: number;
  /** Trimmed content bounds (`ts === te` for a blank line). */
  ts: number;
  te: number;
}

function splitLines(text: string): Line[] {
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

const blank = (l: Line | undefined): boolean => !l || l.ts === l.te;
const len = (l: Line): number => l.te - l.ts;
const content = (text: string, l: Line): string => text.slice(l.ts, l.te);

function prevNonBlank(lines: Line[], i: number, min = 0): number {
  for (let k = i - 1; k >= min; k--) if (!blank(lines[k])) return k;
  return -1;
}

function nextNonBlank(lines: Line[], i: number, max = lines.length): number {
  for (let k = i + 1; k < max; k++) if (!blank(lines[k])) return k;
  return -1;
}

/** Splits a metadata value into items (authors, keywords). */
function splitList(value: string, separators: RegExp): string[] {
  return value
    .split(separators)
    .map((s) => s.trim())
    .filter((s) => s.length > 0);
}

// ---------------------------------------------------------------------------------------------------------------
// Boilerplate signals
// ---------------------------------------------------------------------------------------------------------------

/** Words of page chrome: menus, widgets, footers (simplified and traditional; Latin lower case). */
const CHROME_WORDS = [
  '关于我们', '關於我們', '联系我们', '聯繫我們', '聯絡我們', '广告服务', '廣告服務', '投诉建议', '投訴建議', '友情链接', '友情鏈接',
  '法律条款', '法律條款', '隐私政策', '隱私政策', '隐私条款', '產品服務', '产品服务', '网站地图', '網站地圖',
  '举报电话', '舉報電話', '举报邮箱', '舉報郵箱', '举报专区', '舉報專區', '举报中心', '舉報中心', '违法和不良信息', '違法和不良信息', '有害信息',
  '分享到', '相关文章', '相關文章', '相关阅读', '相關閱讀', '推荐阅读', '推薦閱讀', '推荐视频', '推薦視頻', '热门推荐', '熱門推薦',
  '全部评论', '全部評論', '发表评论', '發表評論', '暂无评论', '暫無評論', '查看评论', '網友評論', '网友评论',
  '请先登录', '請先登錄', '退出登录', '退出登錄', '个人中心', '個人中心', '下载app', '下載app', '扫描二维码', '掃描二維碼',
  '用手机看', '用手機看', '返回顶部', '返回頂部', '上一篇', '下一篇', '打印本页', '打印本頁', '关闭窗口', '關閉窗口',
  '征信', '徵信', '工商电子标识', '工商電子標識',
];
/** Words of legal footers, accepted on long lines too. */
const LEGAL_WORDS = ['icp备', 'icp證', 'icp证', '公网安备', '公網安備', '许可证', '許可證', '版权所有', '版權所有', 'copyright', '©', 'all rights reserved', '备案号', '備案號'];

function containsAny(s: string, words: readonly string[]): boolean {
  for (const w of words) if (s.includes(w)) return true;
  return false;
}

const SENTENCE_END = /[。．.!！?？;；…」』”"')）]$/;
const PUNCTUATION = /[,，。.、:：;；!！?？“”"'‘’()（）《》〈〉【】[\]…—·•|/\\<>]/;
const DURATION = /^\d{1,2}:\d{2}(?::\d{2})?$/;
/** Source + relative or absolute date of a list item: 时讯3天前, 看现场2025/06/11, 一眼看天下3天前. */
const LIST_DATE = /(?:\d+\s*(?:秒|分钟|分鐘|小时|小時|天|周|週|个月|個月|年)前|昨天|前天|\d{4}[/.-]\d{1,2}[/.-]\d{1,2}|\d{1,2}-\d{1,2})$/;

/** Lines that belong to lists of recommended videos/articles: durations every few lines (title, source+date, duration). */
function markItemLists(text: string, lines: Line[], from: number, to: number, out: Uint8Array): void {
  let runStart = -1;
  let runEnd = -1;
  let count = 0;
  let gap = 0;
  const flush = () => {
    if (count >= 3 && runStart >= 0) {
      // The heading just above (推荐视频) and the item lines after the last duration belong to the list.
      const head = prevNonBlank(lines, runStart, from);
      const first = head >= 0 && len(lines[head]!) <= 12 && !SENTENCE_END.test(content(text, lines[head]!)) ? head : runStart;
      let last = runEnd;
      for (let k = 0, j = runEnd; k < 2; k++) {
        j = nextNonBlank(lines, j, to);
        if (j < 0 || len(lines[j]!) > 60 || DURATION.test(content(text, lines[j]!))) break;
        last = j;
      }
      for (let k = first; k <= last; k++) out[k] = 1;
    }
    runStart = runEnd = -1;
    count = 0;
  };
  for (let i = from; i < to; i++) {
    const l = lines[i]!;
    if (blank(l)) continue;
    const c = len(l) <= 8 ? content(text, l) : '';
    if (c && DURATION.test(c)) {
      if (runStart < 0) runStart = i;
      runEnd = i;
      count++;
      gap = 0;
    } else if (runStart >= 0 && ++gap > 3) {
      flush();
      gap = 0;
    }
  }
  flush();
  // Lists of items without durations: "title / source+date" pairs, at least 4 in a row.
  let pairs = 0;
  let pairStart = -1;
  for (let i = from; i <= to; i++) {
    const l = lines[i];
    if (i < to && blank(l)) continue;
    const isDate = i < to && len(l!) <= 30 && LIST_DATE.test(content(text, l!));
    if (isDate) {
      const t = prevNonBlank(lines, i, from);
      if (t >= 0 && len(lines[t]!) <= 60 && !out[t]) {
        if (pairStart < 0) pairStart = t;
        pairs++;
        continue;
      }
    }
    if (i < to && pairs > 0 && !isDate && len(l!) <= 60) {
      const n = nextNonBlank(lines, i, to);
      if (n >= 0 && len(lines[n]!) <= 30 && LIST_DATE.test(content(text, lines[n]!))) continue; // a title; its date follows
    }
    if (pairs >= 4) for (let k = pairStart; k < i && k < to; k++) out[k] = 1;
    pairs = 0;
    pairStart = -1;
  }
}

type TailKind = 'strong' | 'weak' | 'stop';

function classifyTail(text: string, l: Line, inList: boolean): TailKind {
  if (inList) return 'strong';
  const n = len(l);
  if (n > 400) return 'stop';
  const c = content(text, l);
  const lower = n <= 400 ? c.toLowerCase() : '';
  if (containsAny(lower, LEGAL_WORDS)) return 'strong';
  if (n <= 60 && containsAny(lower, CHROME_WORDS)) return 'strong';
  if (isMetadataTail(c)) return 'stop';
  if (n <= 20 && /^[•·▪●○■□◆◇\-*]\s*\S/.test(c)) return 'strong'; // link bullets of a footer
  if (n <= 12 && /[:：]$/.test(c)) return 'strong'; // widget heading: 分享到: 相關文章:
  if (/^[(（].{0,30}(?:记者|記者|编辑|編輯|报道|報道|reporter|editor)/i.test(c)) return 'stop'; // byline
  if (n <= 20 && !SENTENCE_END.test(c)) return 'weak';
  return 'stop';
}

function isMetadataTail(c: string): boolean {
  return /^(?:关键词|關鍵詞|关键字|關鍵字|标签|標籤|tags|keywords|版权声明|版權聲明|责任编辑|責任編輯|编辑|編輯|来源|來源)\s*[:：]/i.test(c);
}

/**
 * Boilerplate at the end of a page: footers, comment and share widgets, recommended lists. Returns the index of
 * the first boilerplate line (lines.length when there is none). Weak lines (short, no sentence ending) only count
 * when a strong signal follows them.
 */
function findTail(text: string, lines: Line[], from: number, lists: Uint8Array): number {
  let cut = lines.length;
  let weakRun: number[] = [];
  for (let i = lines.length - 1; i >= from; i--) {
    const l = lines[i]!;
    if (blank(l)) continue;
    const kind = classifyTail(text, l, lists[i] === 1);
    if (kind === 'strong') {
      cut = i;
      weakRun = [];
    } else if (kind === 'weak') {
      weakRun.push(i);
      if (weakRun.length > 6) break;
    } else break;
  }
  return cut;
}

/** Boilerplate spans: merge consecutive boilerplate lines (blank lines between them included). */
function spansOfLines(lines: Line[], marks: Uint8Array): Span[] {
  const spans: Span[] = [];
  let cur: Span | undefined;
  let lastMarked = -1;
  for (let i = 0; i < lines.length; i++) {
    const l = lines[i]!;
    if (blank(l)) continue;
    if (marks[i]) {
      if (cur && lastMarked >= 0 && allBlankBetween(lines, lastMarked, i)) cur.end = l.te;
      else {
        cur = { start: l.ts, end: l.te };
        spans.push(cur);
      }
      lastMarked = i;
    } else {
      cur = undefined;
      lastMarked = -1;
    }
  }
  return spans;
}

function allBlankBetween(lines: Line[], a: number, b: number): boolean {
  for (let k = a + 1; k < b; k++) if (!blank(lines[k])) return false;
  return true;
}

// ---------------------------------------------------------------------------------------------------------------
// Listings (abstract databases): records end with 相似文献
// ---------------------------------------------------------------------------------------------------------------

const MARKERS = ['相似文献', '相似文獻'];
const CITED = /^(.*?)[\s]*(?:总被引|總被引)\s*[:：]\s*\d+/;
const CITATION =
  /^(?:(\S.{0,60}?)\s+)?《([^》]{1,60})》\s*((?:19|20)\d{2})\s*[,，]?\s*(?:[(（]\s*([^)）]{1,12}?)\s*[)）])?\s*(?:[:：]\s*([0-9][0-9A-Za-z\-–—~,，+ ]*?))?\s*$/d;

function endsWithMarker(text: string, l: Line): number {
  if (len(l) < 4) return -1;
  for (const m of MARKERS) if (text.startsWith(m, l.te - m.length)) return l.te - m.length;
  return -1;
}

interface ListingHead {
  title?: { text: string; span: Span };
  citation?: { citation: Citation; authors: string[]; yearSpan: Span };
}

function titleLine(text: string, l: Line): { text: string; span: Span } | undefined {
  if (len(l) > 300) return undefined;
  const c = content(text, l);
  if (!c.includes('被引')) return undefined;
  const m = CITED.exec(c);
  if (!m) return undefined;
  const title = m[1]!.trim();
  if (!title) return undefined;
  const start = l.ts + m[1]!.indexOf(title);
  return { text: title, span: { start, end: start + title.length } };
}

function citationLine(text: string, l: Line): ListingHead['citation'] {
  if (len(l) > 160) return undefined;
  const c = content(text, l);
  if (!c.includes('《')) return undefined;
  const m = CITATION.exec(c);
  if (!m) return undefined;
  const indices = m.indices!;
  const yearAt = indices[3]!;
  const citation: Citation = { journal: m[2]!.trim(), year: Number(m[3]), span: { start: l.ts, end: l.te } };
  if (m[4]) citation.issue = m[4].trim();
  const pages = m[5]?.replace(/[,，\s]+$/, '').trim();
  if (pages) citation.pages = pages;
  const authors = m[1] ? splitList(m[1], /[\s,，;；、]+/) : [];
  return { citation, authors, yearSpan: { start: l.ts + yearAt[0], end: l.ts + yearAt[1] } };
}

function listingRecord(text: string, lines: Line[], from: number, to: number, end: number): CorpusRecord | undefined {
  // Record = lines [from, to); `end` caps the last line (before its 相似文献 marker).
  let first = -1;
  for (let i = from; i < to; i++) if (!blank(lines[i])) { first = i; break; }
  if (first < 0) return undefined;
  const span = trimSpan(text, lines[first]!.ts, end);
  if (span.end <= span.start) return undefined;
  const record: CorpusRecord = { id: '', span, metadataSpans: [] };
  // Leading header lines: a title line with 总被引, a citation line, in either order.
  for (let i = first, seen = 0; i < to && seen < 3; i++) {
    const l = lines[i]!;
    if (blank(l)) continue;
    seen++;
    const title = !record.title ? titleLine(text, l) : undefined;
    if (title) {
      record.title = title.text;
      record.titleSpan = title.span;
      record.metadataSpans.push({ start: l.ts, end: l.te });
      continue;
    }
    const cit = !record.citation ? citationLine(text, l) : undefined;
    if (cit) {
      record.citation = cit.citation;
      record.source = cit.citation.journal;
      if (cit.authors.length) record.authors = cit.authors;
      record.dateText = String(cit.citation.year);
      record.dateSpan = cit.yearSpan;
      record.dateSource = 'citation';
      record.metadataSpans.push({ start: l.ts, end: l.te });
      continue;
    }
    break;
  }
  return record;
}

function parseListing(text: string, lines: Line[], markerLines: number[]): CorpusRecord[] {
  const records: CorpusRecord[] = [];
  let from = 0;
  for (const i of markerLines) {
    const at = endsWithMarker(text, lines[i]!);
    const r = listingRecord(text, lines, from, i + 1, at);
    if (r) records.push(r);
    from = i + 1;
  }
  const rest = listingRecord(text, lines, from, lines.length, lines[lines.length - 1]!.end);
  if (rest) records.push(rest);
  return records;
}

/** Listings without 相似文献 separators: a record starts at each title line (总被引) or free-standing citation line. */
function parseListingByHeads(text: string, lines: Line[], heads: number[]): CorpusRecord[] {
  const records: CorpusRecord[] = [];
  const starts: number[] = [];
  for (const h of heads) {
    const prev = starts[starts.length - 1];
    // A citation line right after a title line belongs to the same record.
    if (prev !== undefined && nextNonBlank(lines, prev) === h && titleLine(text, lines[prev]!) && !titleLine(text, lines[h]!)) continue;
    starts.push(h);
  }
  const leading = starts[0]! > 0 ? listingRecord(text, lines, 0, starts[0]!, lines[starts[0]! - 1]!.end) : undefined;
  if (leading) records.push(leading);
  for (let k = 0; k < starts.length; k++) {
    const to = starts[k + 1] ?? lines.length;
    const r = listingRecord(text, lines, starts[k]!, to, lines[to - 1]!.end);
    if (r) records.push(r);
  }
  return records;
}

// ---------------------------------------------------------------------------------------------------------------
// News: title, then a timestamp line with source and reporter
// ---------------------------------------------------------------------------------------------------------------

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

// ---------------------------------------------------------------------------------------------------------------
// Think-tank summaries: 作者/Author(s):, 網站來源/Source:, 日期/Date:, 關鍵字/Keywords: lines
// ---------------------------------------------------------------------------------------------------------------

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

// ---------------------------------------------------------------------------------------------------------------
// Q&A pages: a question, then answers each led by a commentator name standing alone between blank lines
// ---------------------------------------------------------------------------------------------------------------

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

// ---------------------------------------------------------------------------------------------------------------
// Datelines: the place, date and outlet at the head of a news story (【2006年3月22日讯】, 新华社北京3月22日电,
// "BEIJING, March 22 (Reuters) -", "2021-12-07\u3000眾新聞\u3000記者…", a date line alone at the top of a page)
// ---------------------------------------------------------------------------------------------------------------

interface Dateline {
  date: string;
  dateSpan: Span;
  source?: string;
  authors?: string[];
  line: Span;
}

const CN_DATE = String.raw`(?:(?:19|20)\d{2}\s*年\s*)?\d{1,2}\s*月\s*\d{1,2}\s*日`;
/** 【大纪元2006年3月22日讯】 / 【2006年3月22日讯】 */
const DATELINE_BRACKET = new RegExp(String.raw`^[【\[]\s*([^\d【】\[\]\s]{0,12}?)\s*(${CN_DATE})\s*(?:讯|訊|电|電)\s*[】\]]`);
/** （新华社北京3月22日电） / 新华社北京3月22日电（记者 张三） / 中新网3月22日电 / 本报北京3月22日讯 */
const DATELINE_AGENCY = new RegExp(String.raw`^[（(]?\s*([\u4e00-\u9fff]{2,16}?)\s*(${CN_DATE})\s*(?:电|電|讯|訊)(?:\s*[（(]\s*(?:记者|記者)\s*([^）)]{1,40})[）)])?`);
/** BEIJING, March 22 (Reuters) - / WASHINGTON, Sept. 16, 2007 (AP) — */
const DATELINE_EN = /^([A-Z][A-Z .'-]{1,40}),\s+((?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec)[a-z]*\.?\s+\d{1,2}(?:,\s+(?:19|20)\d{2})?)\s*\(([^)]{2,40})\)\s*[-–—]/;
/** 2021-12-07\u3000眾新聞\u3000記者 陳小明 */
const DATELINE_STAMP = /^((?:19|20)\d{2}[-/.]\d{1,2}[-/.]\d{1,2})[\s\u3000]+(\S{2,20})[\s\u3000]+(?:记者|記者)[\s\u3000:：]*(.{1,40})$/;
/** 時事脈搏 | 2021-08-23 16:30: a column label and the story's timestamp (the label is no outlet). */
const DATELINE_COLUMN = /^[^\s|｜\d]{2,12}\s*[|｜]\s*((?:19|20)\d{2}[-/.]\d{1,2}[-/.]\d{1,2})(?:\s+\d{1,2}:\d{2}(?::\d{2})?)?\s*$/;
/** A line holding only a date (and its weekday): 2006年3月22日 星期三, Wednesday, March 22, 2006, 2006-03-22. */
const DATE_ONLY_LINE = new RegExp(
  String.raw`^(?:(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday),?\s+)?((?:19|20)\d{2}\s*年\s*\d{1,2}\s*月\s*\d{1,2}\s*日|(?:January|February|March|April|May|June|July|August|September|October|November|December)\s+\d{1,2},\s+(?:19|20)\d{2}|\d{1,2}\s+(?:January|February|March|April|May|June|July|August|September|October|November|December)\s+(?:19|20)\d{2}|(?:19|20)\d{2}-\d{2}-\d{2})\s*(?:[（(]?\s*(?:星期|礼拜|禮拜|周|週)[一二三四五六日天]\s*[)）]?)?$`,
);
/** The outlet in a dateline prefix (新华社北京 -> 新华社, 本报北京 -> 本报); a prefix without one is a place. */
const OUTLET_END = /^(.*?(?:通讯社|通訊社|新闻社|新聞社|社|网|網|日报|日報|晚报|晚報|报|報|电视台|電視台|广播|廣播|台|臺|新闻|新聞))/;

function datelineAgencyParts(prefix: string): string | undefined {
  const m = OUTLET_END.exec(prefix);
  return m ? m[1] : undefined;
}

/** A dateline among the first lines of [from, to) (the title line excluded), or undefined. */
function findDateline(text: string, lines: Line[], from: number, to: number, skip: number): Dateline | undefined {
  for (let i = from, seen = 0; i < to && seen < 4; i++) {
    const l = lines[i]!;
    if (blank(l) || i === skip) continue;
    seen++;
    if (len(l) > 400) continue;
    const c = content(text, l);
    const line = { start: l.ts, end: l.te };
    const at = (whole: string, part: string) => {
      const k = whole.indexOf(part);
      return { start: l.ts + k, end: l.ts + k + part.length };
    };
    let m = DATELINE_BRACKET.exec(c);
    if (m) return { date: m[2]!, dateSpan: at(m[0], m[2]!), ...(m[1] ? { source: m[1] } : {}), line };
    m = DATELINE_AGENCY.exec(c);
    if (m) {
      const source = datelineAgencyParts(m[1]!);
      const authors = m[3] ? splitList(m[3], /[\s,，、;；\u3000]+/) : [];
      return { date: m[2]!, dateSpan: at(m[0], m[2]!), ...(source ? { source } : {}), ...(authors.length ? { authors } : {}), line };
    }
    m = DATELINE_EN.exec(c);
    if (m) {
      const k = c.indexOf(m[2]!, m[1]!.length);
      return { date: m[2]!, dateSpan: { start: l.ts + k, end: l.ts + k + m[2]!.length }, source: m[3]!.trim(), line };
    }
    m = DATELINE_STAMP.exec(c);
    if (m) {
      const authors = splitList(m[3]!, /[\s,，、;；\u3000]+/);
      return { date: m[1]!, dateSpan: { start: l.ts, end: l.ts + m[1]!.length }, source: m[2]!, ...(authors.length ? { authors } : {}), line };
    }
    m = DATE_ONLY_LINE.exec(c);
    if (m) return { date: m[1]!, dateSpan: at(c, m[1]!), line };
    m = DATELINE_COLUMN.exec(c);
    if (m) return { date: m[1]!, dateSpan: at(c, m[1]!), line };
  }
  return undefined;
}

/** Records without a date of their own take their dateline's: date, outlet (source) and reporter. */
function applyDateline(text: string, lines: Line[], record: CorpusRecord, from: number, to: number, titleLine: number): void {
  if (record.dateText) return;
  const d = findDateline(text, lines, from, to, titleLine);
  if (!d) return;
  record.dateText = d.date;
  record.dateSpan = d.dateSpan;
  record.dateSource = 'dateline';
  if (d.source && !record.source) record.source = d.source;
  if (d.authors && !record.authors) record.authors = d.authors;
  record.metadataSpans.push(d.line);
  record.metadataSpans.sort((a, b) => a.start - b.start);
}

// ---------------------------------------------------------------------------------------------------------------
// Entry point
// ---------------------------------------------------------------------------------------------------------------

function plainRecords(text: string, lines: Line[], marks: Uint8Array): CorpusRecord[] {
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

/** What a shape detector reads: the text, its lines, and the boilerplate marks (one per line) it may set. */
export interface ShapeInput {
  text: string;
  lines: Line[];
  /** 1 for a boilerplate line. A detector sets marks only when it takes the document. */
  marks: Uint8Array;
}

/**
 * One record shape. The detectors are tried in ascending `priority`; the first that returns records takes the
 * document (a detector that declines returns undefined and leaves `marks` untouched); none: one plain record.
 */
export interface ShapeDetector {
  shape: Exclude<DocumentShape, 'plain'>;
  /** Lower is tried first; unique (a unit test checks it). */
  priority: number;
  /** What it recognises, for CONTRIBUTING.md and test messages. */
  description: string;
  detect(input: ShapeInput): CorpusRecord[] | undefined;
}

/** The record shapes, in priority order. Adding a shape: a detector here (and its name in DocumentShape). */
export const SHAPE_DETECTORS: readonly ShapeDetector[] = [
  {
    shape: 'listing',
    priority: 100,
    description: 'abstract listing: records closed by 相似文献, or several title (总被引) / citation lines',
    detect({ text, lines }) {
      const markerLines: number[] = [];
      const heads: number[] = [];
      for (let i = 0; i < lines.length; i++) {
        const l = lines[i]!;
        if (blank(l)) continue;
        if (endsWithMarker(text, l) >= 0) markerLines.push(i);
        else if (len(l) <= 300 && (titleLine(text, l) || citationLine(text, l))) heads.push(i);
      }
      if (markerLines.length > 0) return parseListing(text, lines, markerLines);
      if (heads.length >= 2) return parseListingByHeads(text, lines, heads);
      return undefined;
    },
  },
  {
    shape: 'news',
    priority: 200,
    description: 'news article: a title with a timestamp (and source, reporter) near the top',
    detect({ text, lines, marks }) {
      const news = findNewsHead(text, lines);
      return news ? parseNews(text, lines, news, marks) : undefined;
    },
  },
  {
    shape: 'summary',
    priority: 300,
    description: 'think-tank summary: blocks of labelled metadata lines (作者/Author, 網站來源/Source, 日期/Date, 關鍵字/Keywords)',
    detect({ text, lines, marks }) {
      const blocks = findMetaBlocks(text, lines);
      return blocks.length ? parseSummary(text, lines, blocks, marks) : undefined;
    },
  },
  {
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
  },
];

const BY_PRIORITY = [...SHAPE_DETECTORS].sort((a, b) => a.priority - b.priority);

function detect(text: string, lines: Line[], marks: Uint8Array, detectors: readonly ShapeDetector[] = BY_PRIORITY): { shape: DocumentShape; records: CorpusRecord[] } {
  const input: ShapeInput = { text, lines, marks };
  for (const d of detectors) {
    const records = d.detect(input);
    if (records) return { shape: d.shape, records };
  }
  return { shape: 'plain', records: plainRecords(text, lines, marks) };
}

/**
 * Parses one corpus file into records and boilerplate. Never throws. `detectors`: the shapes to try (default
 * SHAPE_DETECTORS), in ascending priority whatever their order in the list.
 */
export function parseDocument(text: string, detectors?: readonly ShapeDetector[]): CorpusDocument {
  if (typeof text !== 'string' || text.length === 0) return { shape: 'plain', records: [], boilerplate: [] };
  const lines = splitLines(text);
  const marks = new Uint8Array(lines.length);
  let result: { shape: DocumentShape; records: CorpusRecord[] };
  try {
    result = detect(text, lines, marks, detectors ? [...detectors].sort((x, y) => x.priority - y.priority) : BY_PRIORITY);
  } catch {
    // A parser bug must not take the document down: fall back to one plain record.
    marks.fill(0);
    result = { shape: 'plain', records: plainRecords(text, lines, marks) };
  }
  result.records.forEach((r, k) => (r.id = `r${k + 1}`));
  return { shape: result.shape, records: result.records, boilerplate: spansOfLines(lines, marks) };
}

/** The record containing `offset` (records are sorted and disjoint), if any. */
export function recordIndexAt(records: ReadonlyArray<{ span: Span }>, offset: number): number {
  const i = lowerBoundBy(records, offset + 1, (r) => r.span.start) - 1;
  return i >= 0 && offset < records[i]!.span.end ? i : -1;
}
