/**
 * The persistent index cache's format: one header line, then one line per document:
 *   JSON [path, content hash, reference date or null] TAB JSON prepared document
 * (JSON escapes tabs inside strings, so the first raw tab ends the key). The key part can be read without parsing
 * the document, so a reload parses only the documents whose content hash still matches. Pure core: the adapter
 * reads and writes the file (atomically: temp file + rename, so a crash mid-write leaves the previous cache).
 */
import { MENTION_FIELDS, type PreparedDocument } from './index';

export const CACHE_FORMAT = 'corpus-lens/index-cache@2';

export interface CacheHeader {
  format: string;
  /** Everything the analysis depends on besides the text: build, knowledge and topics versions. */
  key: string;
  written: string;
  files: number;
}

export interface CachedFile {
  hash: string;
  reference: string | null;
  /**
   * The document line, parsed on use (`parseCachedDocument`): text, or its UTF-8 bytes when the cache was read as
   * bytes (a view into the file's bytes: decode it, `cachedText`, before posting it to a worker, whose structured
   * clone of a view would copy the whole file).
   */
  json: string | Uint8Array;
}

export function cacheLine(path: string, hash: string, reference: string | undefined, p: PreparedDocument): string {
  const doc = { ...p, mentions: Array.from(p.mentions), lines: Array.from(p.lines) };
  return `${JSON.stringify([path, hash, reference ?? null])}\t${JSON.stringify(doc)}`;
}

export function cacheHeader(key: string, files: number): string {
  const header: CacheHeader = { format: CACHE_FORMAT, key, written: new Date().toISOString(), files };
  return JSON.stringify(header);
}

/**
 * Splits a cache file (its text, or its UTF-8 bytes) into its documents, keyed by path, when its header has the
 * expected format and key; otherwise (another version, another knowledge base, a damaged file) an empty map and why.
 */
export function readCache(text: string | Uint8Array, key: string): { files: Map<string, CachedFile>; reason?: string } {
  const reader = cacheReader(text, key);
  for (let step = reader.next(); ; step = reader.next()) if (step.done) return step.value;
}

/**
 * readCache in steps: yields every `linesPerStep` documents, so the caller can give the event loop a turn
 * (a cache of a large corpus is tens of MB).
 *
 * From bytes, only the header and each line's key are decoded: a document's line stays bytes (a view of `text`)
 * until it is used. Decoding the whole file first made a string twice its size (UTF-16) and, with the join of its
 * parts, was most of the main thread's part of a reload.
 */
export function* cacheReader(text: string | Uint8Array, key: string, linesPerStep = 500): Generator<void, { files: Map<string, CachedFile>; reason?: string }> {
  if (typeof text !== 'string') return yield* bytesReader(text, key, linesPerStep);
  const files = new Map<string, CachedFile>();
  const firstBreak = text.indexOf('\n');
  const checked = checkHeader(firstBreak < 0 ? text : text.slice(0, firstBreak), key);
  if (checked) return { files, reason: checked };
  let at = firstBreak + 1;
  let n = 0;
  while (firstBreak >= 0 && at < text.length) {
    if (++n % linesPerStep === 0) yield;
    let end = text.indexOf('\n', at);
    if (end < 0) end = text.length;
    const tab = text.indexOf('\t', at);
    if (tab > at && tab < end) {
      try {
        const [path, hash, reference] = JSON.parse(text.slice(at, tab)) as [unknown, unknown, unknown];
        if (typeof path === 'string' && typeof hash === 'string') files.set(path, { hash, reference: typeof reference === 'string' ? reference : null, json: text.slice(tab + 1, end) });
      } catch {
        // A damaged line: that document is analysed again.
      }
    }
    at = end + 1;
  }
  return { files };
}

const utf8 = new TextDecoder();

function* bytesReader(bytes: Uint8Array, key: string, linesPerStep: number): Generator<void, { files: Map<string, CachedFile>; reason?: string }> {
  const files = new Map<string, CachedFile>();
  const firstBreak = bytes.indexOf(NEWLINE);
  const checked = checkHeader(utf8.decode(firstBreak < 0 ? bytes : bytes.subarray(0, firstBreak)), key);
  if (checked) return { files, reason: checked };
  let at = firstBreak + 1;
  let n = 0;
  while (firstBreak >= 0 && at < bytes.length) {
    if (++n % linesPerStep === 0) yield;
    let end = bytes.indexOf(NEWLINE, at);
    if (end < 0) end = bytes.length;
    // (A tab or line break inside a JSON string is escaped, and every byte of a multi-byte UTF-8 character is >= 0x80.)
    const tab = bytes.indexOf(TAB, at);
    if (tab > at && tab < end) {
      try {
        const [path, hash, reference] = JSON.parse(utf8.decode(bytes.subarray(at, tab))) as [unknown, unknown, unknown];
        if (typeof path === 'string' && typeof hash === 'string') files.set(path, { hash, reference: typeof reference === 'string' ? reference : null, json: bytes.subarray(tab + 1, end) });
      } catch {
        // A damaged line: that document is analysed again.
      }
    }
    at = end + 1;
  }
  return { files };
}

const NEWLINE = 10;
const TAB = 9;

/** Why a cache header is not usable (undefined: it is). */
function checkHeader(line: string, key: string): string | undefined {
  let header: Partial<CacheHeader>;
  try {
    header = JSON.parse(line) as Partial<CacheHeader>;
  } catch {
    return 'the cache header does not parse';
  }
  if (header.format !== CACHE_FORMAT) return `cache format ${String(header.format)}`;
  if (header.key !== key) return 'the knowledge base, topics or extension changed';
  return undefined;
}

/** A cached document's line as text (decoded when it was read as bytes). */
export function cachedText(json: string | Uint8Array): string {
  return typeof json === 'string' ? json : utf8.decode(json);
}

/** A cached document back as a PreparedDocument; throws when the line is not one (the document is re-analysed). */
export function parseCachedDocument(json: string | Uint8Array): PreparedDocument {
  const d = JSON.parse(cachedText(json)) as Record<string, unknown>;
  const arrays = ['records', 'labelKeys', 'entityIds', 'surfaces', 'mentions', 'dates', 'topics', 'lines'];
  for (const a of arrays) if (!Array.isArray(d[a])) throw new Error(`cached document without ${a}`);
  if (typeof d.shape !== 'string' || typeof d.length !== 'number') throw new Error('cached document without shape or length');
  const mentions = Uint32Array.from(d.mentions as number[]);
  if (mentions.length % MENTION_FIELDS !== 0) throw new Error(`cached mentions are not in groups of ${MENTION_FIELDS}`);
  return { ...(d as unknown as PreparedDocument), mentions, lines: Uint32Array.from(d.lines as number[]) };
}
