// One fresh process making the bundled knowledge base ready as the extension's first load does, bundled the way
// scripts/build.mjs bundles (bench/load.bench.ts: the data read from data/ next to the bundle, the recogniser's
// tables packed by the build). Prints the CPU time (process.cpuUsage, user + system) and wall time of each step as
// JSON: the bundled source (its text or tables read), loadKnowledge (with the workspace file WORKSPACE, if set), the
// recogniser, the quick analysis (no taggers: the first highlights) of DOC, then the first entity looked up by id (a
// hover) and all entities (the index).
import * as fs from 'node:fs';
import { Analyzer } from '../../src/core/analysis';
import { defaultKnowledgeSource, loadKnowledge } from '../../src/core/entities/knowledge';
import { EntityRecognizer } from '../../src/core/entities/recognizer';

const doc = fs.readFileSync(process.env.DOC!, 'utf8');
const steps: Record<string, { cpu: number; wall: number }> = {};
let c = process.cpuUsage();
let t = performance.now();
const step = (name: string) => {
  const d = process.cpuUsage(c);
  const now = performance.now();
  steps[name] = { cpu: (d.user + d.system) / 1000, wall: now - t };
  c = process.cpuUsage();
  t = now;
};
const source = defaultKnowledgeSource();
step('source');
// WORKSPACE: a workspace knowledge file loaded after the bundled one (with entities: the tables are computed).
const workspace = process.env.WORKSPACE ? [{ file: process.env.WORKSPACE, text: fs.readFileSync(process.env.WORKSPACE, 'utf8') }] : [];
const kb = loadKnowledge([source, ...workspace]).value;
step('load');
const recognizer = new EntityRecognizer(kb);
step('recognizer');
const analysis = new Analyzer(recognizer.withoutTaggers()).analyse(doc);
step('quick');
const first = analysis.entities.find((m) => m.confirmed);
const entity = first && kb.get(first.entityId);
step('hover');
const all = kb.all().length;
step('all');
process.stdout.write(JSON.stringify({ steps, entities: kb.size, all, mentions: analysis.entities.length, hovered: entity?.id ?? null }));
