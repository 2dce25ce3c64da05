import * as fs from 'node:fs';
import * as path from 'node:path';
import { parseDocument } from 'yaml';
import { parseSidecar } from '../src/core/annotations/parse';
import { loadPlainYaml, parseYaml } from '../src/core/yaml';
import type { BenchRow } from './row';

/**
 * The capped YAML parse of workspace files (src/core/yaml.ts): how fast a 1 KB alias bomb is refused, and what the
 * limits cost on ordinary files (the bundled knowledge base; a 3,000-annotation sidecar with an anchor, which takes
 * the Document path) compared with the plain yaml Document parse.
 */
function time(f: () => unknown, runs: number): number {
  f();
  const started = performance.now();
  for (let i = 0; i < runs; i++) f();
  return (performance.now() - started) / runs;
}

export function run(): Promise<BenchRow[]> {
  const root = path.join(__dirname, '..');
  const bomb = fs.readFileSync(path.join(root, 'test/fixtures/hostile/sidecar-bomb.yaml'), 'utf8');
  const knowledge = fs.readFileSync(path.join(root, 'data/knowledge.yaml'), 'utf8');
  const item = (i: number) =>
    `  - id: a-${i.toString(36).padStart(8, '0')}\n    target:\n      selector:\n        - {type: TextQuoteSelector, exact: "普京与特朗普之间的峰会", prefix: "前文", suffix: "后文"}\n        - {type: TextPositionSelector, start: ${i * 10}, end: ${i * 10 + 5}}\n    claim: claim ${i}\n    stance: {polarity: neutral}\n    tags: &t${i} [x]\n    author: x\n    created: "2026-11-22T07:30:00Z"\n    modified: "2026-11-22T07:30:00Z"\n`;
  const sidecar = `schema: corpus-lens/annotations@1\ndocument:\n  path: d.txt\nannotations:\n${Array.from({ length: 3000 }, (_, i) => item(i)).join('')}`;
  const bombMs = time(() => parseSidecar(bomb, 'bomb.yaml'), 20);
  const kbPlain = time(() => parseDocument(knowledge), 3);
  const kbCapped = time(() => parseYaml(knowledge, 'k'), 3);
  const scPlain = time(() => parseDocument(sidecar), 2);
  const scCapped = time(() => parseSidecar(sidecar, 's'), 2);
  const plainText = sidecar.replace(/ &t\d+/g, '');
  const fast = time(() => loadPlainYaml(plainText), 2);
  return Promise.resolve([
    { name: 'refuse a 1 KB alias bomb sidecar (9^9 nodes expanded)', value: bombMs, unit: 'ms', target: '< 500 ms', ok: bombMs < 500 },
    { name: 'bundled knowledge.yaml: yaml parseDocument', value: kbPlain, unit: 'ms' },
    { name: 'bundled knowledge.yaml: parseYaml (with limits)', value: kbCapped, unit: 'ms', target: '< 1.3x parseDocument', ok: kbCapped < kbPlain * 1.3 },
    { name: '3,000-annotation sidecar with anchors: yaml parseDocument', value: scPlain, unit: 'ms' },
    { name: '... parseSidecar (limits + validation)', value: scCapped, unit: 'ms' },
    { name: '... without anchors: js-yaml fast path (loadPlainYaml)', value: fast, unit: 'ms' },
  ]);
}
