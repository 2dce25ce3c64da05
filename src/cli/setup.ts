/** Loads the knowledge base and topics for the CLI: bundled, the workspace's .corpus-lens/ files, and --knowledge/--topics. */
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
import { filesOf, type CliFiles, type CliIO } from './io';

export interface CliCore {
  kb: KnowledgeBase;
  topics: TopicSet;
  analyzer: Analyzer;
}

export async function readText(files: CliFiles, file: string): Promise<string> {
  return decodeText(await files.readBytes(file));
}

/** Default of --max-size-mb, the same as the extension's corpusLens.files.maxSizeMB. */
export const DEFAULT_MAX_SIZE_MB = 20;

/**
 * Reads a corpus file: the size limit is checked on the open file before reading (a 1 GB file is reported, not
 * read), then the bytes are decoded (BOM, UTF-8, GB18030/GBK, Big5; see core/text/decode.ts).
 */
export async function readCorpusFile(files: CliFiles, file: string, maxBytes: number): Promise<{ text: string; bytes: number; encoding: string } | { error: string }> {
  const stat = await files.stat(file);
  if (!stat) return { error: 'no such file' };
  if (stat.size > maxBytes) return { error: `not indexed: ${(stat.size / 1048576).toFixed(1)} MB is larger than --max-size-mb ${Math.round(maxBytes / 1048576)}` };
  const bytes = await files.readBytes(file);
  // (checked again on the bytes read: the file may have grown since)
  if (bytes.byteLength > maxBytes) return { error: `not indexed: ${(bytes.byteLength / 1048576).toFixed(1)} MB is larger than --max-size-mb ${Math.round(maxBytes / 1048576)}` };
  return decodeBytes(bytes);
}

/** Decodes corpus bytes (a file's, or standard input's). */
export function decodeBytes(bytes: Uint8Array): { text: string; bytes: number; encoding: string } | { error: string } {
  const decoded = decodeCorpus(bytes);
  return decoded.ok ? { text: decoded.text, bytes: bytes.byteLength, encoding: decoded.encoding } : { error: `not indexed: ${decoded.reason}` };
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
export async function insideReally(files: CliFiles, root: string, file: string): Promise<boolean> {
  try {
    const rel = path.relative(await files.realpath(root), await files.realpath(file));
    return rel !== '' && !rel.startsWith('..') && !path.isAbsolute(rel);
  } catch {
    return false;
  }
}

/** Problems in user files are printed to stderr; the rest still loads. */
export async function loadCore(io: CliIO, extraKnowledge: string[] = [], extraTopics: string[] = []): Promise<CliCore> {
  const workspace = path.join(io.cwd, '.corpus-lens');
  const fs = filesOf(io);
  const sources = async <S extends { file: string }>(bundled: S, name: string, extra: string[]): Promise<Array<S | { file: string; text: string }>> => {
    const list: Array<S | { file: string; text: string }> = [bundled];
    const files = [path.join(workspace, name), ...extra.map((f) => path.resolve(io.cwd, f))];
    for (const file of files) {
      if (!(await fs.stat(file))) {
        if (extra.includes(file) || !file.startsWith(workspace)) io.stderr(`corpus-lens: ${file}: no such file`);
        continue;
      }
      if (file.startsWith(workspace) && !(await insideReally(fs, io.cwd, file))) {
        // A workspace file that is a link out of the workspace is not read (files named with --knowledge/--topics are).
        io.stderr(`${path.relative(io.cwd, file)}:1:1: error: a link to ${await fs.realpath(file)}, outside the workspace folder; not read`);
        continue;
      }
      list.push({ file: path.relative(io.cwd, file) || file, text: await readText(fs, file) });
    }
    return list;
  };
  const knowledge = loadKnowledge(await sources(defaultKnowledgeSource(), 'knowledge.yaml', extraKnowledge));
  const topics = loadTopics(await sources({ file: '<bundled>/topics.yaml', text: defaultTopics }, 'topics.yaml', extraTopics));
  for (const p of [...knowledge.problems, ...topics.problems]) io.stderr(formatProblem(p));
  return { kb: knowledge.value, topics: topics.value, analyzer: new Analyzer(new EntityRecognizer(knowledge.value)) };
}

/**
 * Expands directories into the files below them matching a simple extension filter. The `exports/` folder at the
 * top of a folder given (where `export` writes by default, e.g. brat's .txt copies) is not corpus and is skipped.
 */
export async function collectFiles(files: CliFiles, inputs: string[], cwd: string, accept: (file: string) => boolean): Promise<string[]> {
  const out: string[] = [];
  const walk = async (p: string, top: boolean, shown: string) => {
    const stat = await files.stat(p);
    if (!stat) throw new Error(`${shown}: no such file or folder`);
    if (stat.kind === 'directory') {
      for (const { name } of await files.readdir(p)) {
        if (name === 'node_modules' || name.startsWith('.') || (top && name === DEFAULT_EXPORT_FOLDER)) continue;
        await walk(path.join(p, name), false, name);
      }
    } else if (accept(p)) out.push(p);
  };
  for (const input of inputs.length ? inputs : ['.']) await walk(path.resolve(cwd, input), true, input);
  return out;
}
