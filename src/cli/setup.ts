/** Loads the knowledge base and topics for the CLI: bundled, the workspace's .corpus-lens/ files, and --knowledge/--topics. */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { Analyzer } from '../core/analysis';
import { DEFAULT_EXPORT_FOLDER } from '../core/exports/registry';
import { loadTopics, type TopicSet } from '../core/corpus/topics';
import { defaultKnowledgeSource, loadKnowledge, type KnowledgeBase } from '../core/entities/knowledge';
import { EntityRecognizer } from '../core/entities/recognizer';
import type { Problem } from '../core/types';
import { decodeText } from '../core/text/offsets';
import { decodeCorpus } from '../core/text/decode';
import defaultTopics from '../../data/topics.yaml';
import type { CliIO } from './io';

export interface CliCore {
  kb: KnowledgeBase;
  topics: TopicSet;
  analyzer: Analyzer;
}

export function readText(file: string): string {
  return decodeText(fs.readFileSync(file));
}

/** Default of --max-size-mb, the same as the extension's corpusLens.files.maxSizeMB. */
export const DEFAULT_MAX_SIZE_MB = 20;

/**
 * Reads a corpus file: the size limit is checked on the open file before reading (a 1 GB file is reported, not
 * read), then the bytes are decoded (BOM, UTF-8, GB18030/GBK, Big5; see core/text/decode.ts).
 */
export async function readCorpusFile(file: string, maxBytes: number): Promise<{ text: string; bytes: number; encoding: string } | { error: string }> {
  const handle = await fs.promises.open(file, 'r');
  try {
    const { size } = await handle.stat();
    if (size > maxBytes) return { error: `not indexed: ${(size / 1048576).toFixed(1)} MB is larger than --max-size-mb ${Math.round(maxBytes / 1048576)}` };
    const bytes = await handle.readFile();
    const decoded = decodeCorpus(bytes);
    return decoded.ok ? { text: decoded.text, bytes: bytes.byteLength, encoding: decoded.encoding } : { error: `not indexed: ${decoded.reason}` };
  } finally {
    await handle.close();
  }
}

/** --max-size-mb as bytes, or an error message. */
export function maxSizeBytes(values: string[] | undefined): number | string {
  const mb = Number(values?.[0] ?? DEFAULT_MAX_SIZE_MB);
  return Number.isFinite(mb) && mb > 0 ? mb * 1048576 : '--max-size-mb takes a positive number';
}

export function formatProblem(p: Problem): string {
  return `${p.file}:${p.line}:${p.column}: ${p.severity}: ${p.message}`;
}

/** Is `file`, links resolved, inside `root` (links resolved)? */
export function insideReally(root: string, file: string): boolean {
  try {
    const rel = path.relative(fs.realpathSync(root), fs.realpathSync(file));
    return rel !== '' && !rel.startsWith('..') && !path.isAbsolute(rel);
  } catch {
    return false;
  }
}

/** Problems in user files are printed to stderr; the rest still loads. */
export function loadCore(io: CliIO, extraKnowledge: string[] = [], extraTopics: string[] = []): CliCore {
  const workspace = path.join(io.cwd, '.corpus-lens');
  const sources = <S extends { file: string }>(bundled: S, name: string, extra: string[]): Array<S | { file: string; text: string }> => {
    const list: Array<S | { file: string; text: string }> = [bundled];
    const files = [path.join(workspace, name), ...extra.map((f) => path.resolve(io.cwd, f))];
    for (const file of files) {
      if (!fs.existsSync(file)) {
        if (extra.includes(file) || !file.startsWith(workspace)) io.stderr(`corpus-lens: ${file}: no such file`);
        continue;
      }
      if (file.startsWith(workspace) && !insideReally(io.cwd, file)) {
        // A workspace file that is a link out of the workspace is not read (files named with --knowledge/--topics are).
        io.stderr(`${path.relative(io.cwd, file)}:1:1: error: a link to ${fs.realpathSync(file)}, outside the workspace folder; not read`);
        continue;
      }
      list.push({ file: path.relative(io.cwd, file) || file, text: readText(file) });
    }
    return list;
  };
  const knowledge = loadKnowledge(sources(defaultKnowledgeSource(), 'knowledge.yaml', extraKnowledge));
  const topics = loadTopics(sources({ file: '<bundled>/topics.yaml', text: defaultTopics }, 'topics.yaml', extraTopics));
  for (const p of [...knowledge.problems, ...topics.problems]) io.stderr(formatProblem(p));
  return { kb: knowledge.value, topics: topics.value, analyzer: new Analyzer(new EntityRecognizer(knowledge.value)) };
}

/**
 * Expands directories into the files below them matching a simple extension filter. The `exports/` folder at the
 * top of a folder given (where `export` writes by default, e.g. brat's .txt copies) is not corpus and is skipped.
 */
export function collectFiles(inputs: string[], cwd: string, accept: (file: string) => boolean): string[] {
  const out: string[] = [];
  const walk = (p: string, top: boolean) => {
    const stat = fs.statSync(p);
    if (stat.isDirectory()) {
      for (const name of fs.readdirSync(p).sort()) {
        if (name === 'node_modules' || name.startsWith('.') || (top && name === DEFAULT_EXPORT_FOLDER)) continue;
        walk(path.join(p, name), false);
      }
    } else if (accept(p)) out.push(p);
  };
  for (const input of inputs.length ? inputs : ['.']) walk(path.resolve(cwd, input), true);
  return out;
}
