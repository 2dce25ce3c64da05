/**
 * The one way workspace YAML is parsed (knowledge, topics, sidecars; extension and CLI): with limits, so that a
 * hostile or broken file is a located error and never a frozen extension host or a crashed command.
 *
 * Limits (YAML_LIMITS):
 * - size: a file longer than `maxChars` is not parsed at all;
 * - aliases: at most `maxAliases` alias nodes (`*name`), and what they expand to may add at most
 *   max(`maxAliasExpansion`, the file's own node count) nodes — an "alias bomb" (billion laughs: 9 anchors of 9
 *   aliases each, 1 KB, 387 million nodes once expanded) is refused at the alias that crosses the limit;
 * - an alias inside the node it refers to (a cycle, which would make every consumer loop) is refused;
 * - nesting deeper than `maxDepth` is refused (consumers recurse);
 * - anything the parser throws is caught and reported.
 * The expansion is counted on the parsed Document in one pass (anchors memoised), never by expanding.
 * After a successful parse, `toJS` is safe: aliases become shared references of a bounded total size.
 */
import { load as loadJsYaml, CORE_SCHEMA } from 'js-yaml';
import { isAlias, isMap, isPair, isScalar, isSeq, LineCounter, parseDocument, type Document, type Node as YamlNode, type ParseOptions, type DocumentOptions, type SchemaOptions } from 'yaml';
import type { Problem } from './types';
import * as l10n from '@vscode/l10n';

export const YAML_LIMITS = {
  /** 32 Mi UTF-16 code units (about 64 MB of Chinese text as UTF-8; a 10,000-annotation sidecar is ~5 MB). */
  maxChars: 32 * 1024 * 1024,
  maxAliases: 10_000,
  maxAliasExpansion: 100_000,
  maxDepth: 500,
};

export type YamlLimits = typeof YAML_LIMITS;

export interface ParsedYaml {
  /** The document, or undefined when it is over a limit or could not be parsed (see `problems`). */
  doc: Document | undefined;
  lines: LineCounter;
  /** Syntax errors and limit violations (severity error), parser warnings (severity warning), each with file:line:col. */
  problems: Problem[];
  /** True when there is no error: `doc` is set and safe to convert with `toJS`. */
  ok: boolean;
}

type Options = ParseOptions & DocumentOptions & SchemaOptions;

function firstLine(message: string): string {
  return (message.split('\n')[0] ?? message).replace(/ at line \d+, column \d+:?$/, '');
}

/** Parse workspace YAML with the limits above. Never throws. */
export function parseYaml(text: string, file: string, options: Omit<Options, 'lineCounter' | 'prettyErrors'> = {}, limits: YamlLimits = YAML_LIMITS): ParsedYaml {
  const lines = new LineCounter();
  const problems: Problem[] = [];
  const error = (offset: number, message: string): ParsedYaml => {
    const pos = lines.linePos(offset);
    problems.push({ file, line: Math.max(1, pos.line), column: Math.max(1, pos.col), message, severity: 'error' });
    return { doc: undefined, lines, problems, ok: false };
  };
  if (text.length > limits.maxChars) {
    return error(0, l10n.t('the file is too large to read as YAML ({0} M characters; the limit is {1} M); nothing in it was loaded', (text.length / 1048576).toFixed(1), limits.maxChars / 1048576));
  }
  let doc: Document;
  try {
    doc = parseDocument(text, { ...options, lineCounter: lines, prettyErrors: true });
  } catch (e) {
    return error(0, l10n.t('cannot parse the YAML: {0}', e instanceof Error ? e.message : String(e)));
  }
  if (doc.errors.length) {
    for (const e of doc.errors) {
      const pos = e.linePos?.[0] ?? lines.linePos(e.pos[0]);
      problems.push({ file, line: pos.line, column: pos.col, message: l10n.t('YAML syntax error: {0}', firstLine(e.message)), severity: 'error', code: 'yaml-syntax' });
    }
    return { doc: undefined, lines, problems, ok: false };
  }
  const limit = checkLimits(doc, limits);
  if (limit) return error(limit.offset, limit.message);
  for (const w of doc.warnings) {
    const pos = w.linePos?.[0] ?? lines.linePos(w.pos[0]);
    problems.push({ file, line: pos.line, column: pos.col, message: firstLine(w.message), severity: 'warning' });
  }
  return { doc, lines, problems, ok: true };
}

/** Plain JavaScript value of a node (or the whole document) that passed `parseYaml`. */
export function toJS(doc: Document, node: YamlNode | null | undefined = doc.contents): unknown {
  if (node === null || node === undefined) return null;
  // The expansion was bounded by parseYaml; yaml's own heuristic (count x anchor size) would refuse some valid files.
  return node.toJS(doc, { maxAliasCount: -1 });
}

/** Where and why a document is over a limit, or undefined. One pass; anchors memoised. */
function checkLimits(doc: Document, limits: YamlLimits): { offset: number; message: string } | undefined {
  const anchors = new Map<string, YamlNode>();
  const size = new Map<YamlNode, number>();
  const open = new Set<YamlNode>();
  let literal = 0;
  let added = 0;
  let aliases = 0;
  let failure: { offset: number; message: string } | undefined;
  const walk = (node: unknown, depth: number): number => {
    if (failure || node === null || node === undefined) return 0;
    if (isPair(node)) return walk(node.key, depth) + walk(node.value, depth);
    if (!isAlias(node) && !isScalar(node) && !isMap(node) && !isSeq(node)) return 1;
    const n = node as YamlNode;
    const offset = n.range?.[0] ?? 0;
    literal++;
    if (depth > limits.maxDepth) {
      failure = { offset, message: l10n.t('the YAML is nested more than {0} levels deep; nothing in this file was loaded', limits.maxDepth) };
      return 0;
    }
    if (isAlias(node)) {
      aliases++;
      if (aliases > limits.maxAliases) {
        failure = { offset, message: l10n.t('more than {0} aliases (*name) in one file; nothing in this file was loaded', limits.maxAliases) };
        return 0;
      }
      const target = anchors.get(node.source);
      if (!target) return 1; // reported by the parser
      if (open.has(target)) {
        failure = { offset, message: l10n.t('the alias *{0} refers to a node that contains it (a cycle); nothing in this file was loaded', node.source) };
        return 0;
      }
      const expanded = size.get(target) ?? 1;
      added += expanded - 1;
      if (added > Math.max(limits.maxAliasExpansion, literal)) {
        failure = {
          offset,
          message: l10n.t('the aliases of this file expand to too much data (the alias *{0} alone expands to {1} nodes; an "alias bomb"?); nothing in this file was loaded', node.source, expanded),
        };
        return 0;
      }
      return expanded;
    }
    if (n.anchor) anchors.set(n.anchor, n);
    if (isScalar(node)) {
      size.set(n, 1);
      return 1;
    }
    open.add(n);
    let total = 1;
    for (const item of (node as { items: unknown[] }).items) total += walk(item, depth + 1);
    open.delete(n);
    size.set(n, total);
    return total;
  };
  walk(doc.contents, 0);
  // `added` is checked against the final literal count too (the limit grows with the file while walking).
  if (!failure && added > Math.max(limits.maxAliasExpansion, literal)) failure = { offset: 0, message: l10n.t('the aliases of this file expand to too much data; nothing in this file was loaded') };
  return failure;
}

/**
 * Could the text contain an anchor (`&name`)? Without one, no alias can resolve. An anchor property starts a line or
 * follows white space, `[`, `{`, `,` or `:` (a JSON-like key); `AT&T` or `?a=1&b=2` cannot be one. Conservative:
 * ` &amp;` inside a quoted string says yes (the Document parser then decides).
 */
export function mayHaveAnchors(text: string): boolean {
  return /(^|[\s[{,:])&[^\s,[\]{}]/m.test(text);
}

/**
 * The fast path for well-formed files (js-yaml, about 10x faster than the Document API): the value, or undefined
 * when the text is over the size limit, may contain anchors (js-yaml has no alias limit) or does not parse. Callers
 * fall back to `parseYaml`, which reports the problem with its line.
 */
export function loadPlainYaml(text: string, limits: YamlLimits = YAML_LIMITS): unknown {
  if (text.length > limits.maxChars || mayHaveAnchors(text)) return undefined;
  try {
    return loadJsYaml(text, { schema: CORE_SCHEMA });
  } catch {
    return undefined;
  }
}
