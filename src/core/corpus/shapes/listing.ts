/** Listings (abstract databases): records end with 相似文献, or start at title (总被引) / citation lines. */
import { trimSpan } from '../../text/space';
import type { Span } from '../../types';
import type { Citation, CorpusRecord, ShapeDetector } from '../record';
import { blank, content, len, type Line, nextNonBlank, splitList } from './lines';

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

export const listingShape: ShapeDetector = {
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
};
