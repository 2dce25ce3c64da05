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
import { Session } from 'node:inspector';
import { setFlagsFromString, writeHeapSnapshot } from 'node:v8';
import { runInNewContext } from 'node:vm';
import * as zlib from 'node:zlib';
import * as vscode from 'vscode';
import type { CorpusLensApi } from '../../src/extension/extension';
import { CorpusService } from '../../src/extension/services/corpus';

const EXTENSION_ID = 'corpus-lens.corpus-lens';
const MB = 1048576;

/**
 * A full garbage collection: the extension host runs without --expose-gc, so `globalThis.gc` is not there and the
 * memory figures counted garbage (the persistent cache's bytes just written, the workers' results); the flag can be
 * set at run time and the function taken from a new context.
 */
setFlagsFromString('--expose-gc');
const collect = runInNewContext('gc') as () => void;

/** process.memoryUsage() after a full collection, in MB, under `prefix` (rss, heap used / total, external, array buffers). */
function memory(results: Record<string, number | string>, prefix: string): void {
  collect();
  const m = process.memoryUsage();
  results[`${prefix}RssMB`] = m.rss / MB;
  results[`${prefix}HeapMB`] = m.heapUsed / MB;
  results[`${prefix}HeapTotalMB`] = m.heapTotal / MB;
  results[`${prefix}ExternalMB`] = m.external / MB;
  results[`${prefix}ArrayBuffersMB`] = m.arrayBuffers / MB;
}

async function until(probe: () => boolean, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!probe()) {
    if (Date.now() > deadline) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 20));
  }
}

/**
 * What the extension host sends to (and receives from) the window while `work` runs. In code-server the extension
 * host speaks to the browser over a WebSocket whose permessage-deflate runs in this process: every frame goes
 * through a zlib DeflateRaw (out, plain frames) or InflateRaw (in, compressed frames) stream, so counting their
 * writes counts the traffic. An outgoing frame is attributed to the first RPC method name in it (`$setDecorations`,
 * `$refresh`, ...; replies carry none), which the protocol writes as plain text.
 */
async function withSocketMeter<T>(work: () => Promise<T>): Promise<{ value: T; out: Traffic; in: Traffic }> {
  const traffic = (): Traffic => ({ frames: 0, bytes: 0, largest: 0, byMethod: new Map() });
  const out = traffic();
  const inn = traffic();
  const count = (t: Traffic, chunk: unknown, plain: boolean) => {
    if (!Buffer.isBuffer(chunk)) return;
    t.frames++;
    t.bytes += chunk.length;
    t.largest = Math.max(t.largest, chunk.length);
    if (!plain) return;
    const method = /\$[A-Za-z]{3,60}/.exec(chunk.toString('latin1', 0, Math.min(chunk.length, 512)))?.[0] ?? '(reply or ack)';
    const m = t.byMethod.get(method) ?? { frames: 0, bytes: 0 };
    m.frames++;
    m.bytes += chunk.length;
    t.byMethod.set(method, m);
  };
  const patch = (proto: { write: (...args: unknown[]) => boolean }, t: Traffic, plain: boolean) => {
    const original = proto.write;
    proto.write = function (this: unknown, ...args: unknown[]) {
      count(t, args[0], plain);
      return original.apply(this, args);
    };
    return () => (proto.write = original);
  };
  const restore = [patch(zlib.DeflateRaw.prototype as never, out, true), patch(zlib.InflateRaw.prototype as never, inn, false)];
  try {
    return { value: await work(), out, in: inn };
  } finally {
    restore.forEach((r) => r());
  }
}
interface Traffic {
  frames: number;
  bytes: number;
  largest: number;
  byMethod: Map<string, { frames: number; bytes: number }>;
}
/** "frames, KB, largest" and the five methods with the most bytes. */
function describeTraffic(t: Traffic): string {
  const top = [...t.byMethod].sort((a, b) => b[1].bytes - a[1].bytes).slice(0, 5);
  return `${t.frames} frames, ${(t.bytes / 1024).toFixed(0)} KB, largest ${(t.largest / 1024).toFixed(1)} KB${top.length ? '; ' : ''}${top.map(([m, x]) => `${m} ${x.frames}/${(x.bytes / 1024).toFixed(0)} KB`).join(', ')}`;
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

/**
 * CORPUS_LENS_BENCH_PROFILE=DIR: a V8 CPU profile of each phase (activation to knowledge ready, the cold index, the
 * reload from the cache, the queries) written to DIR/<phase>.cpuprofile, taken in the extension host itself.
 */
const profileDir = process.env.CORPUS_LENS_BENCH_PROFILE;
const session = profileDir ? new Session() : undefined;
function post(method: string, params?: object): Promise<unknown> {
  return new Promise((resolve, reject) => session!.post(method, params, (error, result) => (error ? reject(error) : resolve(result))));
}
async function profile<T>(phase: string, work: () => Promise<T>): Promise<T> {
  if (!session) return work();
  await post('Profiler.start');
  try {
    return await work();
  } finally {
    const { profile: data } = (await post('Profiler.stop')) as { profile: unknown };
    writeFileSync(join(profileDir!, `${phase}.cpuprofile`), JSON.stringify(data));
  }
}

export async function run(): Promise<void> {
  if (session) {
    session.connect();
    await post('Profiler.enable');
    await post('Profiler.setSamplingInterval', { interval: 200 });
  }
  const out = process.env.CORPUS_LENS_BENCH_OUT;
  const results: Record<string, number | string> = {};
  const extension = vscode.extensions.getExtension<CorpusLensApi>(EXTENSION_ID)!;
  // Times are taken inside the profiled work (stopping a profile takes a while and must not count).
  let activated = 0;
  const api = await profile('activation', async () => {
    const t0 = performance.now();
    const value = await extension.activate();
    activated = performance.now();
    results.activationMs = activated - t0;
    return value;
  });
  const { services } = api;
  // CORPUS_LENS_BENCH_VIEWS=1: the Corpus Lens views open (Documents, Topics, Entities) through the extension's own
  // first index, as an analyst has them; by default the window shows the Explorer.
  if (process.env.CORPUS_LENS_BENCH_VIEWS) await vscode.commands.executeCommand('workbench.view.extension.corpusLens');
  // When the highlights of a document set with the loaded knowledge base reached the window: the highlighter
  // refreshes a visible editor on onDidUpdate (its listener was registered at activation, so it runs before this
  // one), and its decorations are sent when the task that set them ends (the timer below runs then). The first
  // (which may lack the tagger's names: DocumentService.highlightAnalysis) and the first with them.
  const highlighted = new Map<string, number>();
  const fullyHighlighted = new Map<string, number>();
  let readyAt = 0;
  void services.knowledge.ready.then(() => (readyAt = performance.now()));
  const onUpdate = services.documents.onDidUpdate((d) => {
    if (!services.knowledge.loaded || !vscode.window.visibleTextEditors.some((e) => e.document === d)) return;
    const key = d.uri.toString();
    const full = services.knowledge.recognizer.taggersReady;
    setTimeout(() => {
      if (!highlighted.has(key)) highlighted.set(key, performance.now());
      if (full && !fullyHighlighted.has(key)) fullyHighlighted.set(key, performance.now());
    }, 0);
  });
  // From activation to the first highlights (the knowledge load starts right after activate() returns).
  const { uris, doc, a } = await profile('knowledge', async () => {
    const found = await vscode.workspace.findFiles('**/*.txt', '**/{node_modules,.git,dist,out}/**');
    const opened = await vscode.workspace.openTextDocument(found[0]!);
    await vscode.window.showTextDocument(opened);
    results.documentShownMs = performance.now() - activated;
    await services.knowledge.ready;
    results.knowledgeReadyMs = readyAt - activated;
    const analysis = services.documents.get(opened);
    // Shown before the load: highlighted when the load refreshed it; shown after: when shown (the get above).
    results.firstHighlightsMs = (highlighted.get(opened.uri.toString()) ?? performance.now()) - activated;
    results.afterLoadListenersMs = performance.now() - activated;
    await until(() => fullyHighlighted.has(opened.uri.toString()) || !highlighted.has(opened.uri.toString()), 10_000);
    results.fullHighlightsMs = (fullyHighlighted.get(opened.uri.toString()) ?? performance.now()) - activated;
    // The extension's own part: from activation, or from when the window had shown the document if that was later
    // (on a loaded machine the workbench takes seconds to open it, and the load is over by then).
    results.firstHighlightsOwnMs = results.firstHighlightsMs - Math.max(0, results.documentShownMs);
    return { uris: found, doc: opened, a: analysis };
  });
  onUpdate.dispose();
  results.files = uris.length;
  results.firstDocumentEntities = a.entities.length;
  // The host before the corpus (the extension's knowledge base and the window's one document; the index just begun).
  memory(results, 'hostBeforeIndex');

  // The extension's own first index (started by the knowledge load; empty storage: nothing cached).
  // (What it sends to the window from here on: the views and highlights follow the real index, unlike the fresh
  // services below.)
  const firstIndex = await withSocketMeter(async () => {
    await until(() => services.corpus.index.size >= uris.length * 0.99 && services.corpus.progress === undefined, 600_000);
    await services.corpus.ready;
  });
  results.firstIndexSent = describeTraffic(firstIndex.out);
  results.automaticFirstIndexMs = performance.now() - activated;
  memory(results, 'host');
  // At rest: the index workers are released once idle (WORKER_IDLE_MS after their last job).
  const idleStart = performance.now();
  await until(() => services.corpus.workersRunning === 0, 60_000);
  results.workersReleasedAfterMs = performance.now() - idleStart;
  await new Promise((r) => setTimeout(r, 1000)); // the threads' memory goes back to the system as they exit
  memory(results, 'hostRest');
  // CORPUS_LENS_BENCH_SNAPSHOT=FILE: a heap snapshot of the host at rest with the corpus indexed.
  if (process.env.CORPUS_LENS_BENCH_SNAPSHOT) results.heapSnapshot = writeHeapSnapshot(process.env.CORPUS_LENS_BENCH_SNAPSHOT);

  const workerScript = join(extension.extensionPath, 'dist', 'indexWorker.js');
  const storage = vscode.Uri.file(mkdtempSync(join(tmpdir(), 'corpus-lens-bench-storage-')));
  const make = (worker: boolean, store = storage) => new CorpusService(services.knowledge, services.documents, services.log, { storage: store, workerScript: worker ? workerScript : undefined });
  let t = 0;

  // Cold full index on worker threads, with hovers asked for while it runs: first with the workers at the process's
  // priority (nice 0, as before the workers lowered theirs), then as the extension runs them (INDEX_WORKER_NICE), in
  // this same run. Each hover's time is split at the moment the request reached this extension host (a second hover
  // provider of the bench's own on the document records it): the part before is the window's and the round trip's.
  const position = doc.positionAt(a.entities[0]?.start ?? 0);
  let reached = 0;
  const probe = vscode.languages.registerHoverProvider({ pattern: doc.uri.fsPath }, { provideHover: () => void (reached ||= performance.now()) });
  const quantile = (xs: number[], q: number) => (xs.length ? [...xs].sort((x, y) => x - y)[Math.min(xs.length - 1, Math.floor(q * xs.length))]! : 0);
  const coldWithHovers = async (label: string, store: vscode.Uri, workers: { nice?: number }, profiled: boolean) => {
    const hoverTimes: number[] = [];
    const toHost: number[] = [];
    const service = new CorpusService(services.knowledge, services.documents, services.log, { storage: store, workerScript, workers });
    let running = true;
    const hoverLoop = (async () => {
      while (running) {
        reached = 0;
        const t = performance.now();
        await vscode.commands.executeCommand('vscode.executeHoverProvider', doc.uri, position);
        hoverTimes.push(performance.now() - t);
        if (reached) toHost.push(reached - t);
        await new Promise((r) => setTimeout(r, 100));
      }
    })();
    let ms = 0;
    let priorities = '';
    const work = () => withStallMeter(async () => {
      const started = performance.now();
      const run = service.reindex();
      await until(() => service.workersRunning > 0 || service.index.size > 0, 60_000).catch(() => undefined);
      await run;
      ms = performance.now() - started;
      priorities = service.workerPriorities.map((p) => (p === null || p === undefined ? 'unchanged' : `nice ${p}`)).join(', ');
    });
    const { value, out: sentOut, in: receivedIn } = await withSocketMeter(() => (profiled ? profile('cold-index', work) : work()));
    running = false;
    await hoverLoop;
    results[`${label}Ms`] = ms;
    results[`${label}StallMs`] = value.stall;
    results[`${label}Hovers`] = hoverTimes.length;
    results[`${label}HoverMaxMs`] = Math.max(0, ...hoverTimes);
    results[`${label}HoverP50Ms`] = quantile(hoverTimes, 0.5);
    results[`${label}HoverP95Ms`] = quantile(hoverTimes, 0.95);
    results[`${label}HoverToHostMaxMs`] = Math.max(0, ...toHost);
    results[`${label}HoverToHostP95Ms`] = quantile(toHost, 0.95);
    results[`${label}Workers`] = `${service.analyserKind}${priorities ? ` (${priorities})` : ''}`;
    results[`${label}Indexed`] = service.index.size;
    return { service, sent: sentOut, received: receivedIn };
  };
  const fresh = () => vscode.Uri.file(mkdtempSync(join(tmpdir(), 'corpus-lens-bench-storage-')));
  // CORPUS_LENS_BENCH_NICE_FIRST=1: the workers' own priority first, then nice 0 (the order, on a shared machine).
  const niceFirst = Boolean(process.env.CORPUS_LENS_BENCH_NICE_FIRST);
  const normalRun = () => coldWithHovers('coldNormalPriority', fresh(), { nice: 0 }, false).then(({ service }) => service.dispose());
  if (!niceFirst) await normalRun();
  const { service: cold, sent, received } = await coldWithHovers('coldIndex', storage, {}, true);
  if (niceFirst) await normalRun();
  probe.dispose();
  results.analyser = cold.analyserKind;
  results.coldIndexSent = describeTraffic(sent);
  results.coldIndexReceived = describeTraffic(received);
  results.hoverWhileIndexingMaxMs = results.coldIndexHoverMaxMs!;
  results.hoversWhileIndexing = results.coldIndexHovers!;
  results.coldIndexed = cold.index.size;
  await cold.saveCache();
  cold.dispose();

  // Window reload: a new service, same storage: from the cache.
  const warm = make(true);
  const warmRun = await profile('reload', () => withStallMeter(async () => {
    const started = performance.now();
    await warm.reindex();
    results.reloadFromCacheMs = performance.now() - started;
  }));
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
  q('the same hover card again (cached co-occurrences)', () => {
    warm.index.entityStats(top);
    warm.index.cooccurring(top, 5);
  });
  q('references of the top entity (mentionsOf + locations)', () => warm.locations(warm.index.mentionsOf(top)));
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
