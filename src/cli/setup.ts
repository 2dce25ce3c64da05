/** Loads the knowledge base and topics for the CLI: bundled, the workspace's .corpus-lens/ files, and --knowledge/--topics. */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { Analyzer } from '../core/analysis';
import { loadTopics, type TopicSet } from '../core/corpus/topics';
import { defaultKnowledgeSource, loadKnowledge, type KnowledgeBase } from '../core/entities/knowledge';
import { EntityRecognizer } from '../core/entities/recognizer';
import type { Problem } from '../core/types';
import { decodeText } from '../core/text/offsets';
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

export function formatProblem(p: Problem): string {
  return `${p.file}:${p.line}:${p.column}: ${p.severity}: ${p.message}`;
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
      list.push({ file: path.relative(io.cwd, file) || file, text: readText(file) });
    }
    return list;
  };
  const knowledge = loadKnowledge(sources(defaultKnowledgeSource(), 'knowledge.yaml', extraKnowledge));
  const topics = loadTopics(sources({ file: '<bundled>/topics.yaml', text: defaultTopics }, 'topics.yaml', extraTopics));
  for (const p of [...knowledge.problems, ...topics.problems]) io.stderr(formatProblem(p));
  return { kb: knowledge.value, topics: topics.value, analyzer: new Analyzer(new EntityRecognizer(knowledge.value)) };
}

/** Expands directories into the files below them matching a simple extension filter. */
export function collectFiles(inputs: string[], cwd: string, accept: (file: string) => boolean): string[] {
  const out: string[] = [];
  const walk = (p: string) => {
    const stat = fs.statSync(p);
    if (stat.isDirectory()) {
      for (const name of fs.readdirSync(p).sort()) {
        if (name === 'node_modules' || name.startsWith('.')) continue;
        walk(path.join(p, name));
      }
    } else if (accept(p)) out.push(p);
  };
  for (const input of inputs.length ? inputs : ['.']) walk(path.resolve(cwd, input));
  return out;
}
