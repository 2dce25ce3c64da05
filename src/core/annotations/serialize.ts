/**
 * Writing sidecar files (the format is documented in schema.ts): deterministic, YAML 1.1-safe, one list item per
 * annotation sorted by id, comments and unchanged items of the previous text kept byte for byte.
 */
import { Document, Scalar, YAMLMap, YAMLSeq, isMap, isNode, isPair, isScalar, isSeq, type Node as YamlNode } from 'yaml';
import { hasConflictMarkers } from './markers';
import { parseYaml, toJS } from '../yaml';
import { ANNOTATION_KEYS, AnnotationSchema, compareIds, isKnownAnnotationKey, SCHEMA_ID, type Annotation, type Selector, type SidecarFile } from './schema';

/** Key order of an item: ANNOTATION_KEYS; extension keys go before `created`, which closes every item (it never changes). */
const KEYS_BEFORE_EXTENSIONS = ANNOTATION_KEYS.filter((k) => k !== 'created');
const SELECTOR_KEY_ORDER: Record<Selector['type'], string[]> = {
  TextQuoteSelector: ['type', 'exact', 'prefix', 'suffix'],
  TextPositionSelector: ['type', 'start', 'end'],
};

/** Canonical plain object (fixed key order, undefined removed, extension keys sorted after the known ones). */
export function canonicalAnnotation(a: Annotation): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  const src = a as Record<string, unknown>;
  for (const key of KEYS_BEFORE_EXTENSIONS) {
    const v = src[key];
    if (v === undefined) continue;
    if (key === 'target') {
      const selectors = [...a.target.selector].sort((x, y) => (x.type === y.type ? 0 : x.type === 'TextQuoteSelector' ? -1 : 1));
      out[key] = {
        selector: selectors.map((s) => {
          const o: Record<string, unknown> = {};
          for (const k of SELECTOR_KEY_ORDER[s.type]) if ((s as Record<string, unknown>)[k] !== undefined) o[k] = (s as Record<string, unknown>)[k];
          return o;
        }),
      };
    } else if (key === 'stance') {
      out[key] = a.stance.intensity === undefined ? { polarity: a.stance.polarity } : { polarity: a.stance.polarity, intensity: a.stance.intensity };
    } else if (key === 'curation' && a.curation) {
      const c = a.curation;
      out[key] = { decision: c.decision, sources: [...c.sources], ...(c.by !== undefined ? { by: c.by } : {}) };
    } else out[key] = v;
  }
  for (const key of Object.keys(src).filter((k) => !isKnownAnnotationKey(k)).sort()) if (src[key] !== undefined) out[key] = src[key];
  if (src['created'] !== undefined) out['created'] = src['created'];
  return out;
}

function stableJson(v: unknown): string {
  return JSON.stringify(v);
}

function buildAnnotationNode(doc: Document, a: Annotation): YamlNode {
  const node = doc.createNode(canonicalAnnotation(a)) as YAMLMap;
  const flow = (path: string[]) => {
    const n = node.getIn(path, true);
    if (isMap(n) || isSeq(n)) n.flow = true;
  };
  flow(['stance']);
  flow(['about']);
  flow(['holder']);
  flow(['tags']);
  flow(['codes']);
  flow(['reanchored']);
  flow(['conflict']);
  flow(['curation', 'sources']);
  const selectors = node.getIn(['target', 'selector'], true);
  if (isSeq(selectors)) for (const s of selectors.items) if (isMap(s)) s.flow = true;
  // Strings in flow collections with line breaks, tabs or edge spaces are double-quoted with escapes: plain
  // multi-line scalars inside flow collections are fragile (and unreadable).
  const quoteStrings = (n: unknown, inFlow: boolean): void => {
    if (isScalar(n)) {
      if (inFlow && typeof n.value === 'string' && /[\n\r\t]|^\s|\s$/.test(n.value)) n.type = Scalar.QUOTE_DOUBLE;
    } else if (isMap(n) || isSeq(n)) {
      for (const item of n.items) {
        if (isPair(item)) quoteStrings(item.value, inFlow || Boolean(n.flow));
        else quoteStrings(item, inFlow || Boolean(n.flow));
      }
    }
  };
  quoteStrings(node, false);
  return node;
}

/**
 * Serialize deterministically via the yaml Document API (YAML 1.1-safe quoting, no folding, trailing newline).
 * With `previousText`, comments are preserved: the document's leading comment, and each annotation item's
 * comments; an annotation whose content did not change is written back with its original node (byte-identical).
 * Invalid annotations (kept verbatim from parsing) are written back after the valid ones, in their stored order.

 */
export function serializeSidecar(file: SidecarFile, previousText?: string, otherTexts: readonly string[] = []): string {
  const doc = new Document(null, { version: '1.1' });
  // Items of the previous text (then of `otherTexts`, e.g. the other side of a merge) by id: reused when unchanged.
  const previous = new Map<string, Array<{ node: YAMLMap; json: string }>>();
  let prevDoc: Document | undefined;
  for (const [i, source] of [previousText, ...otherTexts].entries()) {
    if (source === undefined || hasConflictMarkers(source)) continue;
    const pd = parseYaml(source, '').doc;
    if (!pd || !isMap(pd.contents)) continue;
    if (i === 0) prevDoc = pd;
    const own = new Set<string>();
    const list = pd.contents.get('annotations', true);
    if (isSeq(list)) {
      for (const item of list.items) {
        if (!isMap(item)) continue;
        const id = item.get('id');
        if (typeof id !== 'string' || own.has(id)) continue;
        own.add(id);
        const r = AnnotationSchema.safeParse(toJS(pd, item));
        if (r.success) previous.set(id, [...(previous.get(id) ?? []), { node: item, json: stableJson(canonicalAnnotation(r.data)) }]);
      }
    }
  }
  const root = new YAMLMap();
  root.set(doc.createNode('schema'), doc.createNode(SCHEMA_ID));
  const docInfo: Record<string, unknown> = { path: file.document.path };
  if (file.document.sha256) docInfo['sha256'] = file.document.sha256;
  if (file.document.reference) docInfo['reference'] = file.document.reference;
  root.set(doc.createNode('document'), doc.createNode(docInfo));
  const seq = new YAMLSeq();
  const sorted = [...file.annotations].sort(compareIds);
  for (const a of sorted) {
    const json = stableJson(canonicalAnnotation(a));
    const candidates = previous.get(a.id) ?? [];
    // Unchanged: its node as written (with its comments; a merge takes the side that commented it).
    const matching = candidates.filter((c) => c.json === json);
    const same = matching.find((c) => c.node.commentBefore || c.node.comment) ?? matching[0];
    if (same) {
      seq.items.push(same.node);
      continue;
    }
    const prev = candidates[0];
    const node = buildAnnotationNode(doc, a);
    if (prev) {
      if (prev.node.commentBefore) node.commentBefore = prev.node.commentBefore;
      if (prev.node.comment) node.comment = prev.node.comment;
    }
    seq.items.push(node);
  }
  for (const bad of file.invalid) seq.items.push(bad.node);
  root.set(doc.createNode('annotations'), seq);
  if (prevDoc && isMap(prevDoc.contents)) {
    doc.commentBefore = prevDoc.commentBefore;
    const prevRoot = prevDoc.contents;
    if (prevRoot.commentBefore) root.commentBefore = prevRoot.commentBefore;
    for (const pair of prevRoot.items) {
      const key = isScalar(pair.key) ? pair.key.value : undefined;
      const target = root.items.find((p) => isScalar(p.key) && p.key.value === key);
      if (!target) continue;
      if (isNode(pair.key) && pair.key.commentBefore && isNode(target.key)) target.key.commentBefore = pair.key.commentBefore;
      if (key !== 'annotations' && isNode(pair.value) && pair.value.comment && isNode(target.value)) target.value.comment = pair.value.comment;
    }
    const prevList = prevDoc.contents.get('annotations', true);
    if (isNode(prevList) && prevList.commentBefore) seq.commentBefore = prevList.commentBefore;
    if (prevDoc.comment) doc.comment = prevDoc.comment;
  }
  doc.contents = root;
  let out = doc.toString({ lineWidth: 0, minContentWidth: 0, flowCollectionPadding: false, indentSeq: true, doubleQuotedMinMultiLineLength: Number.MAX_SAFE_INTEGER });
  if (!out.endsWith('\n')) out += '\n';
  return out;
}

