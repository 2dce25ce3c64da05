/**
 * Reading and writing coded segments (`segments.ts`) through the FileStore: every write reads the file again under
 * the writer lock (the same lock the annotation store uses, on the segment file's own path), applies the change and
 * writes atomically, so another window or the CLI never loses a segment. Spans are UTF-16 in the current text.
 */
import type { FileStore, Problem } from '../types';
import { anchor, CodePointIndex, createSelectors, splitSelectors } from '../annotations/anchoring';
import { sha256Hex } from '../annotations/sha256';
import { basename, dirname, relative } from '../annotations/paths';
import { newSegmentId, parseSegments, type Segment, type SegmentFile } from './segments';
import { assembleSegments, type SegmentOrder } from './segmentLayout';
import * as l10n from '@vscode/l10n';

export interface ResolvedSegment {
  segment: Segment;
  /** UTF-16 span in the current text; an orphan (quote not found) has start = end = its last position, clamped. */
  start: number;
  end: number;
  orphaned: boolean;
}

export interface LoadedSegments {
  path: string;
  segments: ResolvedSegment[];
  problems: Problem[];
  writable: boolean;
}

export class SegmentWriteError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'SegmentWriteError';
  }
}

export function resolveSegments(text: string, segments: readonly Segment[]): ResolvedSegment[] {
  const index = new CodePointIndex(text);
  return segments
    .map((segment) => {
      const a = anchor(text, segment.target.selector, undefined, { index });
      if (a) return { segment, start: a.start, end: a.end, orphaned: false };
      const pos = splitSelectors(segment.target.selector).position;
      const at = pos ? index.toUtf16(Math.min(pos.start, index.length)) : 0;
      return { segment, start: at, end: at, orphaned: true };
    })
    .sort((a, b) => a.start - b.start || a.end - b.end || (a.segment.id < b.segment.id ? -1 : 1));
}

export interface SegmentStoreOptions {
  author: string;
  now?: () => Date;
  random?: () => number;
}

/**
 * Optional capability of a FileStore: a stamp that changes whenever the file is replaced or written (NodeFiles:
 * inode, size, mtime and ctime in ns). With it the store skips re-reading (and decoding) a large segment file it
 * wrote itself when the stamp is unchanged; without it (memory, web) every write re-reads the file.
 */
export interface FileVersions {
  version(path: string): Promise<string | undefined>;
}

function hasVersions(fs: FileStore): fs is FileStore & FileVersions {
  return typeof (fs as Partial<FileVersions>).version === 'function';
}

/** The position selector's span of a segment (the store always writes one). */
function positionKey(s: Segment): string | undefined {
  for (const sel of s.target.selector) if (sel.type === 'TextPositionSelector') return `${sel.start}:${sel.end}`;
  return undefined;
}

function exactOf(s: Segment): string | undefined {
  for (const sel of s.target.selector) if (sel.type === 'TextQuoteSelector') return sel.exact;
  return undefined;
}

interface CacheEntry {
  text: string;
  file: SegmentFile;
  order: SegmentOrder;
  /** FileVersions stamp of `text` on disk (undefined: unknown, read the file to compare). */
  version?: string | undefined;
}

export class SegmentStore {
  private readonly now: () => Date;
  private readonly random: () => number;
  /** The last text written or read per file and what it parsed to (segment lists are never mutated in place). */
  private readonly cache = new Map<string, CacheEntry>();
  /** Segment files whose crash leftovers were cleaned (once per path and store, as the annotation store). */
  private readonly recovered = new Set<string>();
  constructor(
    private readonly fs: FileStore,
    private readonly options: SegmentStoreOptions,
  ) {
    this.now = options.now ?? (() => new Date());
    this.random = options.random ?? Math.random;
  }

  async load(segmentPath: string, text: string): Promise<LoadedSegments> {
    const parsed = await this.read(segmentPath);
    if (!parsed) return { path: segmentPath, segments: [], problems: [], writable: true };
    return { path: segmentPath, segments: parsed.file ? resolveSegments(text, parsed.file.segments) : [], problems: parsed.problems, writable: parsed.writable };
  }

  /**
   * The segment file as on disk (undefined: there is none), from the cache when its stamp (or text) is unchanged.
   * The list is shared: never mutate it.
   */
  async read(segmentPath: string): Promise<{ file: SegmentFile | undefined; problems: Problem[]; writable: boolean } | undefined> {
    const cached = this.cache.get(segmentPath);
    // The stamp is taken before reading: a change after it makes the next comparison fail (and re-read), never the reverse.
    const stamp = hasVersions(this.fs) ? await this.fs.version(segmentPath).catch(() => undefined) : undefined;
    if (cached && stamp !== undefined && stamp === cached.version) return { file: cached.file, problems: [], writable: true };
    const raw = await this.fs.readText(segmentPath, { strictUtf8: true });
    if (raw === undefined) return undefined;
    if (cached?.text === raw) {
      cached.version = stamp;
      return { file: cached.file, problems: [], writable: true };
    }
    const parsed = parseSegments(raw, segmentPath);
    if (parsed.value && parsed.writable) this.cache.set(segmentPath, { text: raw, file: parsed.value, order: {}, version: stamp });
    return { file: parsed.value, problems: parsed.problems, writable: parsed.writable };
  }

  /**
   * The stamp of the file just written (taken under the lock, right after the rename: a writer that takes the lock
   * cannot come in between; one that does not, e.g. a text editor saving in place, changes the stamp later).
   */
  private async versionOf(segmentPath: string): Promise<string | undefined> {
    return hasVersions(this.fs) ? this.fs.version(segmentPath).catch(() => undefined) : undefined;
  }

  /** Read-modify-write under the lock. `change` returns the new segment list (or undefined: nothing to write). */
  private async modify<T>(segmentPath: string, docPath: string, text: string, change: (segments: Segment[]) => { segments: Segment[]; result: T } | undefined): Promise<T | undefined> {
    const work = async (): Promise<T | undefined> => {
      let file: SegmentFile = { document: { path: relative(dirname(segmentPath), docPath) || basename(docPath) }, segments: [] };
      const cached = this.cache.get(segmentPath);
      let order: SegmentOrder = {};
      let raw: string | undefined;
      const stamp = cached?.version !== undefined && hasVersions(this.fs) ? await this.fs.version(segmentPath) : undefined;
      if (cached && stamp !== undefined && stamp === cached.version) {
        // The file is as we wrote or read it: no need to read and decode it again.
        raw = cached.text;
        [file, order] = [cached.file, cached.order];
      } else {
        raw = await this.fs.readText(segmentPath, { strictUtf8: true });
        if (raw !== undefined && cached?.text === raw) [file, order] = [cached.file, cached.order];
        else if (raw !== undefined) {
          const parsed = parseSegments(raw, segmentPath);
          if (!parsed.value || !parsed.writable) {
            const first = parsed.problems.find((p) => p.severity === 'error');
            throw new SegmentWriteError(first ? l10n.t('{0} has errors and is not written until they are fixed (line {1}: {2})', segmentPath, first.line, first.message) : l10n.t('{0} has errors and is not written until they are fixed', segmentPath));
          }
          file = parsed.value;
        }
      }
      const changed = change(file.segments);
      if (!changed) return undefined;
      const next: SegmentFile = { document: { path: file.document.path, sha256: sha256Hex(text) }, segments: changed.segments };
      this.cache.delete(segmentPath);
      if (!next.segments.length) {
        if (raw !== undefined) await this.fs.delete(segmentPath);
      } else {
        const out = assembleSegments(next, order);
        await this.fs.writeTextAtomic(segmentPath, out);
        this.cache.set(segmentPath, { text: out, file: next, order, version: await this.versionOf(segmentPath) });
      }
      return changed.result;
    };
    if (this.fs.recover && !this.recovered.has(segmentPath)) {
      this.recovered.add(segmentPath);
      await this.fs.recover(segmentPath).catch(() => undefined);
    }
    return this.fs.withLock ? this.fs.withLock(segmentPath, work) : work();
  }

  /**
   * Code the UTF-16 range [start, end) of `text` with `codes`. A segment with exactly this span already there takes
   * the codes (no duplicate segment); otherwise a new segment. Returns the segment's id.
   */
  async apply(segmentPath: string, docPath: string, text: string, start: number, end: number, codes: readonly string[], memo?: string): Promise<string> {
    if (!(start >= 0 && end > start && end <= text.length)) throw new SegmentWriteError(l10n.t('nothing to code: the range {0}..{1} is empty or outside the document', start, end));
    if (!codes.length) throw new SegmentWriteError(l10n.t('no code given'));
    const selectors = createSelectors(text, start, end);
    const [quote, position] = selectors;
    const stamp = this.now().toISOString().replace(/\.\d{3}Z$/, 'Z');
    const id = await this.modify(segmentPath, docPath, text, (segments) => {
      const key = `${position.start}:${position.end}`;
      const same = segments.find((s) => positionKey(s) === key && exactOf(s) === quote.exact);
      if (same) {
        const added = codes.filter((c) => !same.codes.includes(c));
        if (!added.length && (memo === undefined || memo === same.memo)) return { segments, result: same.id };
        const updated: Segment = { ...same, codes: [...same.codes, ...added], modified: stamp, ...(memo !== undefined ? { memo } : {}) };
        return { segments: segments.map((s) => (s === same ? updated : s)), result: same.id };
      }
      const taken = new Set(segments.map((s) => s.id));
      const newId = newSegmentId((x) => taken.has(x), this.random);
      const seg: Segment = { id: newId, target: { selector: selectors }, codes: [...new Set(codes)], author: this.options.author, modified: stamp, created: stamp };
      if (memo !== undefined && memo !== '') seg.memo = memo;
      return { segments: [...segments, seg], result: newId };
    });
    return id!;
  }

  /** Change a segment's codes and/or memo (codes empty: the segment is removed). False when it is not there. */
  async update(segmentPath: string, docPath: string, text: string, id: string, patch: { codes?: string[]; memo?: string | undefined }): Promise<boolean> {
    const stamp = this.now().toISOString().replace(/\.\d{3}Z$/, 'Z');
    const done = await this.modify(segmentPath, docPath, text, (segments) => {
      const seg = segments.find((s) => s.id === id);
      if (!seg) return undefined;
      const codes = patch.codes ?? seg.codes;
      if (!codes.length) return { segments: segments.filter((s) => s !== seg), result: true };
      const next: Segment = { ...seg, codes: [...new Set(codes)], modified: stamp };
      if ('memo' in patch) {
        if (patch.memo === undefined || patch.memo === '') delete next.memo;
        else next.memo = patch.memo;
      }
      return { segments: segments.map((s) => (s === seg ? next : s)), result: true };
    });
    return done ?? false;
  }

  async remove(segmentPath: string, docPath: string, text: string, id: string): Promise<boolean> {
    return this.update(segmentPath, docPath, text, id, { codes: [] });
  }

  /** Add many segments at once (auto-coding, import): one read-modify-write. Returns the new ids. */
  async applyMany(segmentPath: string, docPath: string, text: string, items: ReadonlyArray<{ start: number; end: number; codes: string[]; memo?: string; author?: string; created?: string }>): Promise<string[]> {
    const index = new CodePointIndex(text);
    const stamp = this.now().toISOString().replace(/\.\d{3}Z$/, 'Z');
    const ids = await this.modify(segmentPath, docPath, text, (segments) => {
      const taken = new Set(segments.map((s) => s.id));
      const byPos = new Map<string, Segment>(segments.map((s) => [positionKey(s) ?? '', s] as const));
      const out = [...segments];
      const newIds: string[] = [];
      for (const it of items) {
        if (!(it.start >= 0 && it.end > it.start && it.end <= text.length)) throw new SegmentWriteError(l10n.t('the range {0}..{1} is empty or outside the document', it.start, it.end));
        const selectors = createSelectors(text, it.start, it.end, index);
        const key = `${selectors[1].start}:${selectors[1].end}`;
        const same = byPos.get(key);
        if (same) {
          const merged: Segment = { ...same, codes: [...new Set([...same.codes, ...it.codes])], modified: stamp };
          if (merged.codes.length !== same.codes.length) {
            out[out.indexOf(same)] = merged;
            byPos.set(key, merged);
          }
          newIds.push(same.id);
          continue;
        }
        const id = newSegmentId((x) => taken.has(x), this.random);
        taken.add(id);
        const seg: Segment = { id, target: { selector: selectors }, codes: [...new Set(it.codes)], author: it.author ?? this.options.author, modified: it.created ?? stamp, created: it.created ?? stamp };
        if (it.memo) seg.memo = it.memo;
        out.push(seg);
        byPos.set(key, seg);
        newIds.push(id);
      }
      return { segments: out, result: newIds };
    });
    return ids ?? [];
  }
}
