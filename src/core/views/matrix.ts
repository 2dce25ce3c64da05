/**
 * Matrices: document (record, folder or any variable of the document) × code; holder × target (count of claims,
 * mean stance); code × code co-occurrence; entity × period. Every cell keeps what it counts or can list it again
 * (`cellSegments`), so a click retrieves its passages.
 */
import { dirname } from '../annotations/paths';
import type { Granularity } from './periods';
import { periodKey, periodRange } from './periods';
import type { PassageDater } from './dating';
import { unitsOf, type CodedUnit } from './coded';
import type { GroupKey } from './groups';
import { holderKey, recordIndexOf, stanceValue, targetKey, type CodesOf, type EntityName, type Segment, type ViewAnnotation, type ViewCorpus } from './source';

export interface MatrixCell {
  row: number;
  col: number;
  count: number;
  /** Mean signed stance (−2..+2) of the cell's claims (holder × target). */
  mean?: number;
  /** Claims by polarity (holder × target). */
  polarity?: Record<string, number>;
}

export interface Matrix {
  kind: MatrixKind;
  rows: Array<{ key: string; label: string; total: number }>;
  cols: Array<{ key: string; label: string; total: number }>;
  /** Non-empty cells only. */
  cells: MatrixCell[];
  /** Passages behind each cell, by `${row},${col}` (entity × period lists them on demand instead). */
  segments: Map<string, Segment[]>;
  /** Items left out of the matrix, with the reason (no code, no holder, undated...). */
  skipped: Record<string, number>;
}

export type MatrixKind = 'document-code' | 'holder-target' | 'code-code' | 'entity-period';

/** How documents are grouped into rows: by document, record, folder or a grouping (groups.ts: metadata, a variable). */
export type RowBy = 'document' | 'record' | 'folder' | GroupKey;

class Builder {
  private readonly rowIndex = new Map<string, number>();
  private readonly colIndex = new Map<string, number>();
  readonly rows: Matrix['rows'] = [];
  readonly cols: Matrix['cols'] = [];
  private readonly cells = new Map<string, MatrixCell & { sum: number }>();
  readonly segments = new Map<string, Segment[]>();
  readonly skipped: Record<string, number> = {};

  skip(reason: string, n = 1): void {
    if (n > 0) this.skipped[reason] = (this.skipped[reason] ?? 0) + n;
  }

  private index(map: Map<string, number>, list: Matrix['rows'], key: string, label: string): number {
    let i = map.get(key);
    if (i === undefined) {
      i = list.length;
      map.set(key, i);
      list.push({ key, label, total: 0 });
    }
    return i;
  }

  add(row: { key: string; label: string }, col: { key: string; label: string }, segment?: Segment, value?: number, polarity?: string, n = 1): void {
    const r = this.index(this.rowIndex, this.rows, row.key, row.label);
    const c = this.index(this.colIndex, this.cols, col.key, col.label);
    const id = `${r},${c}`;
    let cell = this.cells.get(id);
    if (!cell) this.cells.set(id, (cell = { row: r, col: c, count: 0, sum: 0 }));
    cell.count += n;
    this.rows[r]!.total += n;
    this.cols[c]!.total += n;
    if (value !== undefined) cell.sum += value;
    if (polarity) (cell.polarity ??= {})[polarity] = (cell.polarity[polarity] ?? 0) + 1;
    if (segment) {
      let list = this.segments.get(id);
      if (!list) this.segments.set(id, (list = []));
      list.push(segment);
    }
  }

  /** Adds passages to a cell already added. */
  addSegments(rowKey: string, colKey: string, segments: readonly Segment[]): void {
    const id = `${this.rowIndex.get(rowKey)},${this.colIndex.get(colKey)}`;
    let list = this.segments.get(id);
    if (!list) this.segments.set(id, (list = []));
    for (const s of segments) list.push(s);
  }

  /** A column without cells (a continuous period axis). */
  addColumn(key: string, label = key): void {
    this.index(this.colIndex, this.cols, key, label);
  }

  /** Sorts rows and columns (by `order`, default: total descending then label) and renumbers the cells. */
  build(kind: MatrixKind, withMean: boolean, order?: { rows?: (a: string, b: string) => number; cols?: (a: string, b: string) => number }): Matrix {
    const byTotal = (list: Matrix['rows'], cmp?: (a: string, b: string) => number) =>
      list.map((x, i) => ({ ...x, i })).sort((a, b) => (cmp ? cmp(a.key, b.key) : b.total - a.total || a.label.localeCompare(b.label)));
    const rows = byTotal(this.rows, order?.rows);
    const cols = byTotal(this.cols, order?.cols);
    const rowMap = new Map(rows.map((x, k) => [x.i, k]));
    const colMap = new Map(cols.map((x, k) => [x.i, k]));
    const cells: MatrixCell[] = [];
    const segments = new Map<string, Segment[]>();
    for (const [id, c] of this.cells) {
      const cell: MatrixCell = { row: rowMap.get(c.row)!, col: colMap.get(c.col)!, count: c.count };
      if (withMean) cell.mean = c.sum / c.count;
      if (c.polarity) cell.polarity = c.polarity;
      cells.push(cell);
      const seg = this.segments.get(id);
      if (seg) segments.set(`${cell.row},${cell.col}`, seg);
    }
    cells.sort((a, b) => a.row - b.row || a.col - b.col);
    return { kind, rows: rows.map(({ key, label, total }) => ({ key, label, total })), cols: cols.map(({ key, label, total }) => ({ key, label, total })), cells, segments, skipped: this.skipped };
  }
}

function segmentOf(a: ViewAnnotation): Segment {
  return { path: a.path, start: a.start, end: a.end, annotationId: a.annotation.id };
}

function segmentOfUnit(u: CodedUnit): Segment {
  return { path: u.path, start: u.start, end: u.end, ...(u.annotationId ? { annotationId: u.annotationId } : {}) };
}

function rowOf(rowBy: RowBy, corpus: ViewCorpus | undefined, a: { path: string; start: number }, label: (path: string) => string): { key: string; label: string } | undefined {
  if (rowBy === 'document') return { key: a.path, label: label(a.path) };
  if (rowBy === 'folder') {
    const f = dirname(a.path);
    return { key: f, label: label(f) };
  }
  const doc = corpus?.document(a.path);
  const r = recordIndexOf(doc, a.start);
  const record = r >= 0 ? doc!.records[r] : undefined;
  if (rowBy === 'record') {
    if (!record) return { key: a.path, label: label(a.path) };
    return { key: `${a.path}#${record.id}`, label: `${label(a.path)} · ${record.label}` };
  }
  const v = rowBy(a.path, r);
  return v === undefined ? undefined : { key: v, label: v };
}

export interface MatrixContext {
  annotations: readonly ViewAnnotation[];
  codesOf: CodesOf;
  /** The coded passages (a codebook's segments and claims); when absent, the annotations with `codesOf`. */
  coded?: readonly CodedUnit[];
  /** Label of a code id (a codebook's label); default: the id. */
  codeLabel?: (id: string) => string;
  name: EntityName;
  /** Label of a path (relative to the workspace). */
  label?: (path: string) => string;
  topicName?: (id: string) => string;
  corpus?: ViewCorpus;
}

/** Document (or record, folder, variable) × code: how many coded passages of each row carry each code. */
export function documentCodeMatrix(ctx: MatrixContext, rowBy: RowBy = 'document'): Matrix {
  const b = new Builder();
  const label = ctx.label ?? ((p: string) => p);
  const codeLabel = ctx.codeLabel ?? ((id: string) => id);
  if (!ctx.coded) for (const a of ctx.annotations) if (!ctx.codesOf(a.annotation).length) b.skip('no code');
  for (const u of ctx.coded ?? unitsOf(ctx.annotations, ctx.codesOf)) {
    if (!u.codes.length) {
      b.skip('no code');
      continue;
    }
    const row = rowOf(rowBy, ctx.corpus, u, label);
    if (!row) {
      b.skip('no value of the grouping');
      continue;
    }
    for (const code of new Set(u.codes)) b.add(row, { key: code, label: codeLabel(code) }, segmentOfUnit(u));
  }
  return b.build('document-code', false);
}

/** Holder × target: number of claims and their mean signed stance (cells coloured by mean, sized by count). */
export function holderTargetMatrix(ctx: MatrixContext): Matrix {
  const b = new Builder();
  for (const a of ctx.annotations) {
    const holder = holderKey(a.annotation.holder, ctx.name);
    const target = targetKey(a.annotation.about, ctx.name, ctx.topicName);
    if (!holder) b.skip('no holder');
    if (!target) b.skip('no target');
    if (!holder || !target) continue;
    b.add(holder, target, segmentOf(a), stanceValue(a.annotation), a.annotation.stance.polarity);
  }
  return b.build('holder-target', true);
}

export type CooccurrenceScope = 'segment' | 'overlap' | 'record';

/**
 * Code × code co-occurrence (symmetric; the diagonal counts the segments of each code): codes on the same segment,
 * on overlapping segments of a document, or in the same record.
 */
export function codeCooccurrence(ctx: MatrixContext, scope: CooccurrenceScope = 'segment'): Matrix {
  const b = new Builder();
  const codeLabel = ctx.codeLabel ?? ((id: string) => id);
  const units = new Map<string, { codes: Set<string>; segments: Segment[] }>();
  const unit = (key: string) => {
    let u = units.get(key);
    if (!u) units.set(key, (u = { codes: new Set(), segments: [] }));
    return u;
  };
  const coded = ctx.coded ?? unitsOf(ctx.annotations, ctx.codesOf);
  if (scope === 'overlap') {
    // Overlapping passages of one document form one unit (a sweep over passages sorted by start).
    const byDoc = new Map<string, CodedUnit[]>();
    for (const a of coded) if (a.codes.length) (byDoc.get(a.path) ?? byDoc.set(a.path, []).get(a.path)!).push(a);
    let n = 0;
    for (const list of byDoc.values()) {
      list.sort((x, y) => x.start - y.start);
      let end = -1;
      let current = '';
      for (const a of list) {
        if (a.start >= end) current = `u${n++}`;
        end = Math.max(end, a.end);
        const u = unit(current);
        for (const c of a.codes) u.codes.add(c);
        u.segments.push(segmentOfUnit(a));
      }
    }
  } else {
    coded.forEach((a, k) => {
      if (!a.codes.length) return;
      let key = `${a.path}\u0000${a.annotationId ?? a.segmentId ?? k}`;
      if (scope === 'record') {
        const doc = ctx.corpus?.document(a.path);
        const r = recordIndexOf(doc, a.start);
        key = `${a.path}\u0000${r}`;
      }
      const u = unit(key);
      for (const c of a.codes) u.codes.add(c);
      u.segments.push(segmentOfUnit(a));
    });
  }
  for (const u of units.values()) {
    const codes = [...u.codes].sort();
    for (const x of codes) for (const y of codes) b.add({ key: x, label: codeLabel(x) }, { key: y, label: codeLabel(y) }, undefined);
    // The passages of a cell are the unit's segments; stored once per pair.
    for (const x of codes) for (const y of codes) b.addSegments(x, y, u.segments);
  }
  const alpha = (x: string, y: string) => x.localeCompare(y);
  return b.build('code-code', false, { rows: alpha, cols: alpha });
}

export interface EntityPeriodOptions {
  entityIds?: string[];
  /** When no entities are given: the most mentioned ones (default 20). */
  top?: number;
  granularity?: Granularity;
}

/** Entity × period: mentions of each entity by the date the passage is about (dating.ts). */
export function entityPeriodMatrix(corpus: ViewCorpus, dater: PassageDater, name: EntityName, options: EntityPeriodOptions = {}): Matrix {
  const granularity = options.granularity ?? 'year';
  const ids = [...new Set(options.entityIds ?? topEntities(corpus, options.top ?? 20))];
  const b = new Builder();
  // Periods as small numbers (their position in `periods`); counts per entity in an array indexed by them.
  const periods: string[] = [];
  const column = new Map<string, number>();
  const counts = ids.map((): number[] => []);
  let undated = 0;
  let vague = 0;
  dater.eachMentionDatedOfAny(corpus, ids, (which, _path, _start, _end, d) => {
    if (!d) return void undated++;
    const key = periodKey(d.point, granularity);
    if (!key) return void vague++;
    let c = column.get(key);
    if (c === undefined) column.set(key, (c = periods.push(key) - 1));
    const row = counts[which]!;
    row[c] = (row[c] ?? 0) + 1;
  });
  b.skip('undated', undated);
  b.skip(`dated less precisely than a ${granularity}`, vague);
  ids.forEach((id, which) => {
    const row = counts[which]!;
    for (let c = 0; c < row.length; c++) {
      const n = row[c];
      if (n) b.add({ key: id, label: name(id) }, { key: periods[c]!, label: periods[c]! }, undefined, undefined, undefined, n);
    }
  });
  const sorted = [...periods].sort();
  // A continuous axis: the periods between the first and the last, empty ones included.
  if (sorted.length) for (const key of periodRange(sorted[0]!, sorted[sorted.length - 1]!, granularity)) b.addColumn(key);
  const order = new Map(ids.map((id, i) => [id, i]));
  return b.build('entity-period', false, { rows: (x, y) => order.get(x)! - order.get(y)!, cols: (x, y) => (x < y ? -1 : x > y ? 1 : 0) });
}

/** The passages of one cell of an entity × period matrix (listed again rather than kept for 1M mentions). */
export function entityPeriodSegments(corpus: ViewCorpus, dater: PassageDater, entityId: string, period: string, granularity: Granularity): Segment[] {
  const out: Segment[] = [];
  dater.eachMentionDated(corpus, entityId, (path, start, end, d) => {
    if (d && periodKey(d.point, granularity) === period) out.push({ path, start, end });
  });
  return out;
}

export function topEntities(corpus: ViewCorpus, n: number): string[] {
  return [...corpus.entityCounts()]
    .sort((a, b) => b[1].count - a[1].count || (a[0] < b[0] ? -1 : 1))
    .slice(0, n)
    .map(([id]) => id);
}

/** The matrix as CSV: a header of column labels, one line per row, the counts (and means) in the cells. */
export function matrixCsv(m: Matrix): string {
  const field = (s: string) => (/[",\n\r]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s);
  const lines = [[m.kind === 'holder-target' ? 'holder \\ target' : '', ...m.cols.map((c) => field(c.label))].join(',')];
  const grid = new Map(m.cells.map((c) => [`${c.row},${c.col}`, c]));
  m.rows.forEach((r, i) => {
    const values = m.cols.map((_, j) => {
      const c = grid.get(`${i},${j}`);
      if (!c) return '';
      return c.mean !== undefined ? `${c.count} (mean ${c.mean.toFixed(2)})` : String(c.count);
    });
    lines.push([field(r.label), ...values].join(','));
  });
  return `${lines.join('\r\n')}\r\n`;
}
