/**
 * Incremental sidecar serialisation: one added or edited annotation must not re-serialise the whole sidecar
 * (with the yaml Document API that is seconds at 10k annotations). The text of a sidecar is
 * `head + item(a1) + item(a2) + ... + tail`, where head/tail depend on the document block only and item(a) on one
 * annotation only. Everything here is derived from `serializeSidecar` itself, whatever its layout:
 *
 * - head and tail for a document block: from serializeSidecar of one-item files (the common prefix cut back to a
 *   line start, the common suffix), checked by serialising a two-item file and comparing it with the assembly;
 * - item(a) of a new or changed annotation: serializeSidecar of a one-item file without head and tail;
 * - item(a) of the annotations already on disk: the slices of the file between the list items' lines (from the
 *   parser's locations), accepted only if head + slices + tail gives the file back exactly.
 *
 * When anything does not hold (a layout that is not a concatenation of items, comments, invalid items, a file not
 * in sorted order), `assemble` returns undefined and the caller uses serializeSidecar as before. For files written
 * by Corpus Lens the output is byte-identical to serializeSidecar(file, previousText) (tested).
 */
import { sortReusing } from '../sorted';
import { compareIds, emptySidecar, type Annotation, type DocumentInfo, type SidecarFile, type SourcePosition } from './schema';
import { serializeSidecar } from './serialize';

/** The serialised list item of each annotation object (annotations are never mutated: keyed by object). */
const itemText = new WeakMap<Annotation, string>();

interface Frame {
  head: string;
  tail: string;
}
const frames = new Map<string, Frame | null>();

function fileOf(document: DocumentInfo, annotations: Annotation[]): SidecarFile {
  return { ...emptySidecar(document.path), document, annotations, invalid: [] };
}

/** Comments would be kept by serializeSidecar's previous-text path: such files take that path. */
export function mayHaveComments(text: string): boolean {
  return /(^|[ \t])#/m.test(text);
}

function commonPrefix(a: string, b: string): number {
  let i = 0;
  while (i < a.length && i < b.length && a.charCodeAt(i) === b.charCodeAt(i)) i++;
  return i;
}

/**
 * Head and tail of the files with this document block, derived from two different annotations (or null):
 * with pa = H + A + T, pb = H + B + T and pab = H + A + B + T (sorted), H is the common prefix of pa and pb cut
 * back to a line start, and |T| = |pa| + |pb| - |pab| - |H|; the assembly must give pab back exactly.
 */
function frameFor(document: DocumentInfo, a: Annotation, b: Annotation): Frame | null {
  const key = JSON.stringify(document);
  const cached = frames.get(key);
  if (cached !== undefined) return cached;
  const [first, second] = compareIds(a, b) <= 0 ? [a, b] : [b, a];
  const pa = serializeSidecar(fileOf(document, [first]));
  const pb = serializeSidecar(fileOf(document, [second]));
  const pab = serializeSidecar(fileOf(document, [first, second]));
  const h = pa.lastIndexOf('\n', commonPrefix(pa, pb) - 1) + 1; // items start on a line of their own
  const t = pa.length + pb.length - pab.length - h;
  let frame: Frame | null = null;
  if (t >= 0 && h + t <= Math.min(pa.length, pb.length)) {
    const head = pa.slice(0, h);
    const tail = pa.slice(pa.length - t);
    const ia = pa.slice(h, pa.length - t);
    const ib = pb.slice(h, pb.length - t);
    if (pb.startsWith(head) && pb.endsWith(tail) && pab === head + ia + ib + tail) {
      frame = { head, tail };
      if (!itemText.has(first)) itemText.set(first, ia);
      if (!itemText.has(second)) itemText.set(second, ib);
    }
  }
  if (frames.size > 32) frames.clear();
  frames.set(key, frame);
  return frame;
}

function itemOf(frame: Frame, document: DocumentInfo, a: Annotation): string | undefined {
  const known = itemText.get(a);
  if (known !== undefined) return known;
  const p = serializeSidecar(fileOf(document, [a]));
  if (!p.startsWith(frame.head) || !p.endsWith(frame.tail) || p.length < frame.head.length + frame.tail.length) return undefined;
  const text = p.slice(frame.head.length, p.length - frame.tail.length);
  itemText.set(a, text);
  return text;
}

/**
 * The id order of the items last assembled or learned for one sidecar, so that the next save does not sort 10k
 * annotations again: the store keeps one per document and passes it to `assemble` and `learn`.
 */
export interface ItemOrder {
  list?: readonly Annotation[] | undefined;
}

/**
 * `annotations` by id. With the previous order: the annotation objects found there keep their place (objects are
 * never mutated, so the same object has the same id), and only the others (new or changed) are sorted and merged
 * in. The result is the same as sorting by id.
 */
export function byIdOrder(annotations: readonly Annotation[], previous?: readonly Annotation[]): Annotation[] {
  return sortReusing(annotations, previous, compareIds);
}

/**
 * The sidecar text for `file` from the known item texts (computing those of new or changed annotations), or
 * undefined when the incremental form does not apply. Items go in the serializer's order (by id, compareIds).
 * `order`: the id order of the previous assembly of this sidecar (read, and updated on success).
 */
export function assemble(file: SidecarFile, order?: ItemOrder): string | undefined {
  const list = byIdOrder(file.annotations, order?.list);
  if (file.invalid.length || list.length < 2) return undefined;
  const frame = frameFor(file.document, list[0]!, list[1]!);
  if (!frame) return undefined;
  const parts: string[] = [frame.head];
  for (const a of list) {
    const t = itemOf(frame, file.document, a);
    if (t === undefined) return undefined;
    parts.push(t);
  }
  parts.push(frame.tail);
  if (order) order.list = list;
  return parts.join('');
}

/**
 * Learn the item texts of a sidecar's annotations from its text (as loaded or written). Returns whether the
 * text is exactly head + items + tail, i.e. whether `assemble` reproduces it.
 */
export function learn(text: string, file: SidecarFile, locations: Map<string, SourcePosition>, order?: ItemOrder): boolean {
  const list = [...file.annotations].sort(compareIds);
  if (file.invalid.length || list.length < 2 || mayHaveComments(text)) return false;
  for (let i = 1; i < list.length; i++) if (compareIds(list[i - 1]!, list[i]!) >= 0) return false;
  const frame = frameFor(file.document, list[0]!, list[1]!);
  if (!frame || !text.startsWith(frame.head) || !text.endsWith(frame.tail)) return false;
  // Start offset of each item's line.
  const lines: number[] = [];
  for (const a of list) {
    const loc = locations.get(a.id);
    if (!loc) return false;
    lines.push(loc.line);
  }
  for (let i = 1; i < lines.length; i++) if (lines[i]! <= lines[i - 1]!) return false;
  const starts: number[] = [];
  let line = 1;
  let at = 0;
  for (const want of lines) {
    while (line < want) {
      const nl = text.indexOf('\n', at);
      if (nl < 0) return false;
      at = nl + 1;
      line++;
    }
    starts.push(at);
  }
  const end = text.length - frame.tail.length;
  if (starts[0] !== frame.head.length || end < starts[starts.length - 1]!) return false;
  const slices = starts.map((s, i) => text.slice(s, i + 1 < starts.length ? starts[i + 1]! : end));
  for (let i = 0; i < list.length; i++) {
    const known = itemText.get(list[i]!);
    if (known !== undefined && known !== slices[i]) return false;
  }
  list.forEach((a, i) => itemText.set(a, slices[i]!));
  if (order) order.list = list;
  return true;
}
