// Extension-host benchmark (npm run bench:extension; scripts/bench-extension.mjs starts VS Code with this as the
// extensionTestsPath on a generated corpus folder). It measures, inside the real extension host:
//   activation, knowledge ready (first highlights), the extension's own first index (cold, empty storage),
//   a cold full index and a reload from the persistent cache with fresh CorpusService instances (the code a window
//   reload runs), the same cold index on the main thread (the web fallback), the longest main-thread stall and
//   hover latency while indexing, queries, and the extension host's memory with the corpus indexed.
// Results go to $CORPUS_LENS_BENCH_OUT as JSON.
import { writeFileSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as vscode from 'vscode';
import type { CorpusLensApi } from '../../src/extension/extension';
import { CorpusService } from '../../src/extension/services/corpus';

const EXTENSION_ID = 'corpus-lens.corpus-lens';
const MB = 1048576;

async function until(probe: () => boolean, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!probe()) {
    if (Date.now() > deadline) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 20));
  }
}

/** Longest gap between 1 ms timer ticks (how long the main thread was blocked) while `work` runs. */
async function withStallMeter<T>(work: () => Promise<T>): Promise<{ value: T; stall: number }> {
  let last = performance.now();
  let stall = 0;
  const timer = setInterval(() => {
    const now = performance.now();
    stall = Math.max(stall, now - last);
    last = now;
  }, 1);
  try {
    const value = await work();
    return { value, stall };
  } finally {
    clearInterval(timer);
  }
}

export async function run(): Promise<void> {
  const out = process.env.CORPUS_LENS_BENCH_OUT;
  const results: Record<string, number | string> = {};
  const extension = vscode.extensions.getExtension<CorpusLensApi>(EXTENSION_ID)!;
  const t0 = performance.now();
  const api = await extension.activate();
  const activated = performance.now();
  results.activationMs = activated - t0;
  const { services } = api;
  const uris = await vscode.workspace.findFiles('**/*.txt', '**/{node_modules,.git,dist,out}/**');
  results.files = uris.length;
  const doc = await vscode.workspace.openTextDocument(uris[0]!);
  await vscode.window.showTextDocument(doc);
  await services.knowledge.ready;
  results.knowledgeReadyMs = performance.now() - activated;
  const a = services.documents.get(doc);
  results.firstHighlightsMs = performance.now() - activated;
  results.firstDocumentEntities = a.entities.length;

  // The extension's own first index (started by the knowledge load; empty storage: nothing cached).
  await until(() => services.corpus.index.size >= uris.length * 0.99 && services.corpus.progress === undefined, 600_000);
  await services.corpus.ready;
  results.automaticFirstIndexMs = performance.now() - activated;
  (globalThis as { gc?: () => void }).gc?.();
  const mem = process.memoryUsage();
  results.hostRssMB = mem.rss / MB;
  results.hostHeapMB = mem.heapUsed / MB;

  const workerScript = join(extension.extensionPath, 'dist', 'indexWorker.js');
  const storage = vscode.Uri.file(mkdtempSync(join(tmpdir(), 'corpus-lens-bench-storage-')));
  const make = (worker: boolean, store = storage) => new CorpusService(services.knowledge, services.documents, services.log, { storage: store, workerScript: worker ? workerScript : undefined });

  // Cold full index on worker threads, with hovers asked for while it runs.
  let hoverMax = 0;
  let hovers = 0;
  const position = doc.positionAt(a.entities[0]?.start ?? 0);
  const cold = make(true);
  results.analyser = cold.analyserKind;
  let running = true;
  const hoverLoop = (async () => {
    while (running) {
      const t = performance.now();
      await vscode.commands.executeCommand('vscode.executeHoverProvider', doc.uri, position);
      hoverMax = Math.max(hoverMax, performance.now() - t);
      hovers++;
      await new Promise((r) => setTimeout(r, 100));
    }
  })();
  let t = performance.now();
  const coldRun = await withStallMeter(() => cold.reindex());
  results.coldIndexMs = performance.now() - t;
  running = false;
  await hoverLoop;
  results.coldIndexStallMs = coldRun.stall;
  results.hoverWhileIndexingMaxMs = hoverMax;
  results.hoversWhileIndexing = hovers;
  results.coldIndexed = cold.index.size;
  await cold.saveCache();
  cold.dispose();

  // Window reload: a new service, same storage: from the cache.
  const warm = make(true);
  t = performance.now();
  const warmRun = await withStallMeter(() => warm.reindex());
  results.reloadFromCacheMs = performance.now() - t;
  results.reloadStallMs = warmRun.stall;
  results.reloadIndexed = warm.index.size;

  // Queries on the indexed corpus.
  const counts = [...warm.index.entityCounts()].sort((x, y) => y[1].count - x[1].count);
  const top = counts[0]?.[0] ?? 'country/RU';
  const q = (name: string, f: () => unknown) => {
    const s = performance.now();
    f();
    results[`query ${name} ms`] = performance.now() - s;
  };
  q("symbols('普京')", () => warm.index.symbols('普京'));
  q('hover card counts (entityStats + cooccurring) of the top entity', () => {
    warm.index.entityStats(top);
    warm.index.cooccurring(top, 5);
  });
  q('references of the top entity (mentionsOf + locations)', () => warm.index.mentionsOf(top).map((m) => warm.location(m.path, m)));
  results.topEntity = top;
  results.topEntityMentions = counts[0]?.[1].count ?? 0;
  warm.dispose();

  // The main-thread fallback (the web build's path), cold.
  const inline = make(false, vscode.Uri.file(mkdtempSync(join(tmpdir(), 'corpus-lens-bench-storage-'))));
  t = performance.now();
  const inlineRun = await withStallMeter(() => inline.reindex());
  results.inlineColdIndexMs = performance.now() - t;
  results.inlineStallMs = inlineRun.stall;
  inline.dispose();

  if (out) writeFileSync(out, JSON.stringify(results, null, 2));
  console.log(JSON.stringify(results, null, 2));
}
