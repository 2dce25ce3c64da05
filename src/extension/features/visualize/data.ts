/**
 * The views' data from the running services: the index, the located annotations, document texts (open editors
 * first, else read from the workspace file system, decoded like the index does), entity and topic names, and the
 * codes of an annotation (`codesOf`: tags today; point it at a codebook when there is one).
 */
import * as vscode from 'vscode';
import { decodeCorpus } from '../../../core/text/decode';
import {
  codeCooccurrence, cooccurrenceNetwork, documentCodeMatrix, entityPeriodMatrix, entityPeriodSegments, holderTargetMatrix, PassageDater, periodKey,
  seriesSegments, stanceNetwork, tagCodes, timeline, KwicTable, type CodesOf, type ConcordanceQuery, type CooccurrenceScope, type Granularity, type Matrix,
  holderKey, targetKey, metadataGroupings, unitsOf, variableGrouping, type CodedUnit, type Grouping, type MatrixKind, type Network, type RowBy, type Segment, type Timeline, type ViewAnnotation, type ViewCorpus,
} from '../../../core/views/index';
import { canonicalId, codeLabel, resolveCode, subtreeIds } from '../../../core/codes/index';
import { toSimplified } from '../../../core/text/fold';
import { pathOf, uriOf } from '../../convert';
import { activeCodes } from '../codes/index';
import type { Services } from '../../services/index';
import { fileLabel } from '../views/index';
import { topicName } from '../../../core/corpus/topics';

/** A period range chosen by brushing the timeline: the other views keep only what is dated inside it. */
export interface TimeRange {
  from: string;
  to: string;
  granularity: Granularity;
}

/**
 * Where the code views read codes: the codes service (the codebook's coded segments and the claims' codes, merged
 * codes counted as their target) when it runs, else the annotations' tags.
 */
export interface CodeSource {
  coded: CodedUnit[];
  label(id: string): string;
  /** A code and the codes below it (a concordance of a code lists its sub-codes' passages too). */
  expand(id: string): readonly string[];
  /** Whether the codes come from a codebook (else from tags). */
  codebook: boolean;
}

export class VisualizeData {
  /** The codes of an annotation when there is no codes service (its tags). */
  codesOf: CodesOf = tagCodes;
  private dater: PassageDater | undefined;
  private readonly texts = new Map<string, string>();

  constructor(private readonly services: Services) {}

  get corpus(): ViewCorpus {
    return this.services.corpus.index;
  }

  /** Forget cached texts and dates (after the index or the files changed). */
  invalidate(paths?: readonly string[]): void {
    this.dater = undefined;
    if (!paths) this.texts.clear();
    else for (const p of paths) this.texts.delete(p);
  }

  get passageDater(): PassageDater {
    return (this.dater ??= new PassageDater(this.corpus));
  }

  name = (id: string): string => {
    const e = this.services.knowledge.kb.get(id);
    if (e) return e.names['zh-Hans'] && e.names['zh-Hans'] !== e.name ? `${e.name} ${e.names['zh-Hans']}` : e.name;
    return id.replace(/^candidate:/, '');
  };

  topicName = (id: string): string => {
    const t = this.services.knowledge.topics.all().find((x) => x.id === id);
    return t ? topicName(t.label) : id;
  };

  label = (path: string): string => fileLabel(path);

  /** The coded passages and code labels the code views count (see CodeSource). */
  codes(range?: TimeRange): CodeSource {
    const c = activeCodes;
    const annotations = this.annotations();
    const inRange = (u: CodedUnit, when?: string) => !range || this.inRange(u.path, u.start, u.end, range, when);
    if (c && (c.book.codes.length || c.items().length)) {
      const book = c.book;
      const when = new Map(annotations.map((a) => [`${a.path}\u0000${a.annotation.id}`, a.annotation.when]));
      const coded: CodedUnit[] = [];
      for (const item of c.items()) {
        const u: CodedUnit = { path: item.doc, start: item.start, end: item.end, codes: [...new Set(item.codes.map((id) => canonicalId(book, id)))], ...(item.kind === 'claim' ? { annotationId: item.id } : { segmentId: item.id }) };
        if (inRange(u, item.kind === 'claim' ? when.get(`${item.doc}\u0000${item.id}`) : undefined)) coded.push(u);
      }
      return {
        coded,
        label: (id) => {
          const code = resolveCode(book, id);
          return code ? codeLabel(code) : id;
        },
        expand: (id) => subtreeIds(book, canonicalId(book, id)),
        codebook: true,
      };
    }
    return { coded: unitsOf(annotations, this.codesOf).filter((u) => inRange(u, annotations.find((a) => a.annotation.id === u.annotationId)?.annotation.when)), label: (id) => id, expand: (id) => [id], codebook: false };
  }

  /** Row groupings of the document × code matrix: the index's metadata, then each document variable. */
  groupings(): Grouping[] {
    const out = metadataGroupings({ corpus: this.corpus, dater: this.passageDater, textOf: this.textOf, toSimplified });
    const c = activeCodes;
    if (c) {
      const names = new Set<string>();
      for (const vars of c.variables.documents.values()) for (const k of Object.keys(vars)) names.add(k);
      for (const name of [...names].sort()) out.push(variableGrouping(name, (path) => c.variablesOf(path)));
    }
    return out;
  }

  /** Located (not orphaned) annotations of the workspace, optionally only those dated inside `range`. */
  annotations(range?: TimeRange): ViewAnnotation[] {
    const out: ViewAnnotation[] = [];
    for (const s of this.services.annotations.states()) {
      for (const r of s.annotations) {
        if (r.orphaned) continue;
        const a = { path: s.docPath, start: r.start, end: r.end, annotation: r.annotation };
        if (range && !this.inRange(a.path, a.start, a.end, range, r.annotation.when)) continue;
        out.push(a);
      }
      // The annotation service knows the current text of every annotated document.
      if (!this.texts.has(s.docPath)) this.texts.set(s.docPath, s.text);
    }
    return out;
  }

  inRange(path: string, start: number, end: number, range: TimeRange, when?: string): boolean {
    const d = this.passageDater.dateOf(path, start, end, when);
    const key = d ? periodKey(d.point, range.granularity) : undefined;
    return key !== undefined && key >= range.from && key <= range.to;
  }

  /**
   * Reads the texts of these documents (open editors first), for the concordance. Returns them too: an index change
   * while the files are read clears the cache (invalidate), and the computation that asked must still have them (it
   * is followed by a refresh with the new ones).
   */
  async loadTexts(paths: Iterable<string>): Promise<Map<string, string>> {
    const got = new Map<string, string>();
    const wanted: string[] = [];
    for (const p of new Set(paths)) {
      const known = this.texts.get(p);
      if (known !== undefined) got.set(p, known);
      else wanted.push(p);
    }
    const open = new Map(vscode.workspace.textDocuments.map((d) => [pathOf(d.uri), d]));
    const keep = (path: string, text: string) => {
      got.set(path, text);
      this.texts.set(path, text);
    };
    let next = 0;
    const worker = async () => {
      while (next < wanted.length) {
        const path = wanted[next++]!;
        const doc = open.get(path);
        if (doc) {
          keep(path, doc.getText());
          continue;
        }
        try {
          const decoded = decodeCorpus(await vscode.workspace.fs.readFile(uriOf(path)));
          if (decoded.ok) keep(path, decoded.text);
        } catch (error) {
          this.services.log.warn(`Views: cannot read ${path}: ${error instanceof Error ? error.message : String(error)}`);
        }
      }
    };
    await Promise.all(Array.from({ length: 4 }, worker));
    return got;
  }

  textOf = (path: string): string | undefined => this.texts.get(path);

  /** Paths a query needs the text of. */
  private pathsFor(query: ConcordanceQuery, annotations: readonly ViewAnnotation[]): string[] {
    switch (query.kind) {
      case 'entity':
        return query.entityIds.flatMap((id) => [...new Set(this.corpus.mentionsOf(id).map((m) => m.path))]);
      case 'code':
        return [...annotations.map((a) => a.path), ...this.codes().coded.map((u) => u.path)];
      case 'segments':
        return query.segments.map((s) => s.path);
      case 'date':
      case 'text':
        return this.corpus.documents().map((d) => d.path);
    }
  }

  /** The concordance's table of hits (rows made when shown) and, with a time range, the hits dated inside it. */
  async concordance(query: ConcordanceQuery, range?: TimeRange): Promise<{ table: KwicTable; rows: Uint32Array }> {
    const annotations = this.annotations();
    const texts = await this.loadTexts(this.pathsFor(query, annotations));
    const codes = query.kind === 'code' ? this.codes() : undefined;
    const textOf = (path: string) => texts.get(path) ?? this.textOf(path);
    const table = new KwicTable(query, { corpus: this.corpus, annotations, textOf, codesOf: this.codesOf, ...(codes ? { coded: codes.coded, expandCode: codes.expand } : {}), dater: this.passageDater, name: this.name });
    return { table, rows: range ? table.inPeriods(range.from, range.to, range.granularity) : table.all() };
  }

  async matrix(kind: MatrixKind, options: { rowBy?: string; scope?: CooccurrenceScope; granularity?: Granularity; entityIds?: string[] } = {}, range?: TimeRange): Promise<Matrix> {
    const codes = kind === 'document-code' || kind === 'code-code' ? this.codes(range) : undefined;
    const ctx = { annotations: this.annotations(range), codesOf: this.codesOf, ...(codes ? { coded: codes.coded, codeLabel: codes.label } : {}), name: this.name, label: this.label, topicName: this.topicName, corpus: this.corpus };
    switch (kind) {
      case 'document-code': {
        const by = options.rowBy ?? 'document';
        let rowBy: RowBy;
        if (by === 'document' || by === 'record' || by === 'folder') rowBy = by;
        else {
          // A grouping by the record's language needs the texts.
          if (by === 'language') await this.loadTexts(codes!.coded.map((u) => u.path));
          const g = this.groupings().find((x) => x.id === by);
          rowBy = g ? g.key : 'document';
        }
        return documentCodeMatrix(ctx, rowBy);
      }
      case 'holder-target':
        return holderTargetMatrix(ctx);
      case 'code-code':
        return codeCooccurrence(ctx, options.scope ?? 'segment');
      case 'entity-period':
        return entityPeriodMatrix(this.corpus, this.passageDater, this.name, { granularity: options.granularity ?? 'year', ...(options.entityIds ? { entityIds: options.entityIds } : {}) });
    }
  }

  entityPeriodSegments(entityId: string, period: string, granularity: Granularity): Segment[] {
    return entityPeriodSegments(this.corpus, this.passageDater, entityId, period, granularity);
  }

  private timelineContext() {
    return {
      corpus: this.corpus,
      dater: this.passageDater,
      annotations: this.annotations(),
      name: this.name,
      topicName: this.topicName,
      recordsForTopic: (id: string) => this.services.corpus.index.recordsForTopic(id),
    };
  }

  timeline(options: { entityIds?: string[]; topicIds?: string[]; granularity?: Granularity }): Timeline {
    return timeline(this.timelineContext(), options);
  }

  seriesSegments(seriesKey: string, period: string, granularity: Granularity): Segment[] {
    return seriesSegments(this.timelineContext(), seriesKey, period, granularity);
  }

  network(kind: 'cooccurrence' | 'stance', options: { minWeight?: number; maxNodes?: number }, range?: TimeRange): Network {
    if (kind === 'stance') return stanceNetwork(this.annotations(range), this.name, { ...(options.minWeight ? { minWeight: options.minWeight } : {}), topicName: this.topicName });
    const include = range
      ? (path: string, r: number) => {
          const record = this.corpus.document(path)?.records[r];
          if (!record) return false;
          const d = this.passageDater.recordDateOf(path, record.span.start, record.span.end);
          const key = d ? periodKey(d.point, range.granularity) : undefined;
          return key !== undefined && key >= range.from && key <= range.to;
        }
      : undefined;
    return cooccurrenceNetwork(this.corpus, this.name, { ...options, ...(include ? { include } : {}) });
  }

  /** Claims whose holder / target keys (as the stance network names them) match. */
  stanceSegments(match: (a: { holderKey?: string; targetKey?: string }) => boolean, range?: TimeRange): Segment[] {
    const out: Segment[] = [];
    for (const a of this.annotations(range)) {
      const holder = holderKey(a.annotation.holder, this.name)?.key;
      const target = targetKey(a.annotation.about, this.name, this.topicName)?.key;
      if (match({ ...(holder ? { holderKey: holder } : {}), ...(target ? { targetKey: target } : {}) })) out.push({ path: a.path, start: a.start, end: a.end, annotationId: a.annotation.id });
    }
    return out;
  }

  /** The records in which both entities are mentioned (a co-occurrence edge), as the whole records. */
  cooccurrenceSegments(a: string, b: string, range?: TimeRange): Segment[] {
    const recordsOf = (id: string) => new Set(this.corpus.mentionsOf(id).map((m) => `${m.path}\u0000${m.recordId ?? ''}`));
    const inB = recordsOf(b);
    const out: Segment[] = [];
    for (const key of recordsOf(a)) {
      if (!inB.has(key)) continue;
      const [path, recordId] = key.split('\u0000') as [string, string];
      const record = this.corpus.document(path)?.records.find((r) => r.id === recordId);
      if (!record) continue;
      if (range && !this.inRange(path, record.span.start, record.span.start, range)) continue;
      out.push({ path, start: record.span.start, end: record.span.end });
    }
    return out;
  }

  /** Passage of an entity's first mention (Go to Entity from a network node). */
  firstMention(entityId: string): Segment | undefined {
    const m = this.services.corpus.index.firstMention(entityId);
    return m ? { path: m.path, start: m.start, end: m.end } : undefined;
  }
}
