/**
 * Datelines: the place, date and outlet at the head of a news story (【2006年3月22日讯】, 新华社北京3月22日电,
 * "BEIJING, March 22 (Reuters) -", "2021-12-07\u3000眾新聞\u3000記者…", a date line alone at the top of a page).
 */
import type { Span } from '../../types';
import type { CorpusRecord } from '../record';
import { blank, content, len, type Line, splitList } from './lines';

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
export function findDateline(text: string, lines: Line[], from: number, to: number, skip: number): Dateline | undefined {
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
export function applyDateline(text: string, lines: Line[], record: CorpusRecord, from: number, to: number, titleLine: number): void {
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
