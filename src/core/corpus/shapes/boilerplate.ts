/**
 * Boilerplate signals: page chrome (menus, share widgets, footers), lists of recommended videos or articles, and the
 * tail of a page after its text. Lines are marked in a Uint8Array (1: boilerplate), merged into spans at the end.
 */
import type { Span } from '../../types';
import { blank, content, len, type Line, nextNonBlank, prevNonBlank } from './lines';

/** Words of page chrome: menus, widgets, footers (simplified and traditional; Latin lower case). */
export const CHROME_WORDS = [
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

export function containsAny(s: string, words: readonly string[]): boolean {
  for (const w of words) if (s.includes(w)) return true;
  return false;
}

const SENTENCE_END = /[。．.!！?？;；…」』”"')）]$/;
export const PUNCTUATION = /[,，。.、:：;；!！?？“”"'‘’()（）《》〈〉【】[\]…—·•|/\\<>]/;
const DURATION = /^\d{1,2}:\d{2}(?::\d{2})?$/;
/** Source + relative or absolute date of a list item: 时讯3天前, 看现场2025/06/11, 一眼看天下3天前. */
const LIST_DATE = /(?:\d+\s*(?:秒|分钟|分鐘|小时|小時|天|周|週|个月|個月|年)前|昨天|前天|\d{4}[/.-]\d{1,2}[/.-]\d{1,2}|\d{1,2}-\d{1,2})$/;

/** Lines that belong to lists of recommended videos/articles: durations every few lines (title, source+date, duration). */
export function markItemLists(text: string, lines: Line[], from: number, to: number, out: Uint8Array): void {
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

export function isMetadataTail(c: string): boolean {
  return /^(?:关键词|關鍵詞|关键字|關鍵字|标签|標籤|tags|keywords|版权声明|版權聲明|责任编辑|責任編輯|编辑|編輯|来源|來源)\s*[:：]/i.test(c);
}

/**
 * Boilerplate at the end of a page: footers, comment and share widgets, recommended lists. Returns the index of
 * the first boilerplate line (lines.length when there is none). Weak lines (short, no sentence ending) only count
 * when a strong signal follows them.
 */
export function findTail(text: string, lines: Line[], from: number, lists: Uint8Array): number {
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
export function spansOfLines(lines: Line[], marks: Uint8Array): Span[] {
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
