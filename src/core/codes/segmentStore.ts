/**
 * Reading and writing coded segments (`segments.ts`) through the FileStore: every write reads the file again under
 * the writer lock (the same lock the annotation store uses, on the segment file's own path), applies the change and
 * writes atomically, so another window or the CLI never loses a segment. Spans are UTF-16 in the current text.
 */
import type { FileStore, Problem } from '../types';
import { anchor, CodePointIndex, createSelectors, splitSelectors } from '../annotations/anchoring';
import { sha256Hex } from '../annotations/sha256';
import { basename, dirname, relative } from '../annotations/paths';
import { newSegmentId, parseSegments, serializeSegments, type Segment, type SegmentFile } from './segments';

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

export class SegmentStore {
  private readonly now: () => Date;
  private readonly random: () => number;
  /** The last text written or read per file and what it parsed to (segment lists are never mutated in place). */
  private readonly cache = new Map<string, { text: string; file: SegmentFile }>();
  constructor(
    private readonly fs: FileStore,
    private readonly options: SegmentStoreOptions,
  ) {
    this.now = options.now ?? (() => new Date());
    this.random = options.random ?? Math.random;
  }

  async load(segmentPath: string, text: string): Promise<LoadedSegments> {
    const raw = await this.fs.readText(segmentPath, { strictUtf8: true });
    if (raw === undefined) return { path: segmentPath, segments: [], problems: [], writable: true };
    const cached = this.cache.get(segmentPath);
    if (cached?.text === raw) return { path: segmentPath, segments: resolveSegments(text, cached.file.segments), problems: [], writable: true };
    const parsed = parseSegments(raw, segmentPath);
    if (parsed.value && parsed.writable) this.cache.set(segmentPath, { text: raw, file: parsed.value });
    return { path: segmentPath, segments: parsed.value ? resolveSegments(text, parsed.value.segments) : [], problems: parsed.problems, writable: parsed.writable };
  }

  /** Read-modify-write under the lock. `change` returns the new segment list (or undefined: nothing to write). */
  private async modify<T>(segmentPath: string, docPath: string, text: string, change: (segments: Segment[]) => { segments: Segment[]; result: T } | undefined): Promise<T | undefined> {
    const work = async (): Promise<T | undefined> => {
      const raw = await this.fs.readText(segmentPath, { strictUtf8: true });
      let file: SegmentFile = { document: { path: relative(dirname(segmentPath), docPath) || basename(docPath) }, segments: [] };
      const cached = this.cache.get(segmentPath);
      if (raw !== undefined && cached?.text === raw) file = cached.file;
      else if (raw !== undefined) {
        const parsed = parseSegments(raw, segmentPath);
        if (!parsed.value || !parsed.writable) {
          const first = parsed.problems.find((p) => p.severity === 'error');
          throw new SegmentWriteError(`${segmentPath} has errors and is not written until they are fixed${first ? ` (line ${first.line}: ${first.message})` : ''}`);
        }
        file = parsed.value;
      }
      const changed = change(file.segments);
      if (!changed) return undefined;
      const next: SegmentFile = { document: { path: file.document.path, sha256: sha256Hex(text) }, segments: changed.segments };
      this.cache.delete(segmentPath);
      if (!next.segments.length) {
        if (raw !== undefined) await this.fs.delete(segmentPath);
      } else {
        const out = serializeSegments(next);
        await this.fs.writeTextAtomic(segmentPath, out);
        this.cache.set(segmentPath, { text: out, file: next });
      }
      return changed.result;
    };
    if (this.fs.recover) await this.fs.recover(segmentPath).catch(() => undefined);
    return this.fs.withLock ? this.fs.withLock(segmentPath, work) : work();
  }

  /**
   * Code the UTF-16 range [start, end) of `text` with `codes`. A segment with exactly this span already there takes
   * the codes (no duplicate segment); otherwise a new segment. Returns the segment's id.
   */
  async apply(segmentPath: string, docPath: string, text: string, start: number, end: number, codes: readonly string[], memo?: string): Promise<string> {
    if (!(start >= 0 && end > start && end <= text.length)) throw new SegmentWriteError(`nothing to code: the range ${start}..${end} is empty or outside the document`);
    if (!codes.length) throw new SegmentWriteError('no code given');
    const selectors = createSelectors(text, start, end);
    const [quote, position] = selectors;
    const stamp = this.now().toISOString().replace(/\.\d{3}Z$/, 'Z');
    const id = await this.modify(segmentPath, docPath, text, (segments) => {
      const same = segments.find((s) => {
        const p = splitSelectors(s.target.selector);
        return p.position?.start === position.start && p.position.end === position.end && p.quote?.exact === quote.exact;
      });
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
      const byPos = new Map<string, Segment>(segments.map((s) => {
        const p = splitSelectors(s.target.selector).position;
        return [`${p?.start}:${p?.end}`, s] as const;
      }));
      const out = [...segments];
      const newIds: string[] = [];
      for (const it of items) {
        if (!(it.start >= 0 && it.end > it.start && it.end <= text.length)) throw new SegmentWriteError(`the range ${it.start}..${it.end} is empty or outside the document`);
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
