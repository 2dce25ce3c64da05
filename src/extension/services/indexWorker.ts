/**
 * Indexing worker (Node worker_threads; bundled to dist/indexWorker.js). It holds its own knowledge base and topics,
 * built from the same sources as the extension's, and turns file bytes (or an open document's text) into a
 * PreparedDocument: decoding, corpus model, entities, dates, topics. The extension host's main thread only adds the
 * result to the index, so typing and hovers stay responsive while a corpus is indexed.
 *
 * Local files are read here too (`file` jobs), so that the main thread neither reads, hashes nor parses cached
 * entries: it is told the file is unchanged, or gets its PreparedDocument from the persistent cache or analysed.
 *
 * The worker lowers its own thread's scheduling priority at its first init (`nice`, see threadPriority.ts), so
 * that on a machine with few cores the extension host's main thread (hovers, typing) wins the CPU over indexing.
 *
 * Messages in:  {type: 'init', knowledge: Source[] ({file, bundled: true} for the bundled one), topics: Source[], nice?}
 *               {type: 'prepare', id, path, bytes?: Uint8Array, text?: string, encoding?: string, reference?: string}
 *               {type: 'file', id, path, file, maxBytes, known?: hash, cached?: {hash, json}, encoding?, reference?}
 * Messages out: {priority: nice | null} (after the first init: the thread's nice value, null if unchanged)
 *               {id, prepared, hash?, fromCache?, bytes?} | {id, error} | {id, undecodable: reason, hash?}
 *               | {id, tooLarge: size} | {id, missing: true} | {id, unchanged: true, bytes}
 */
import { Analyzer, withoutBoilerplate } from '../../core/analysis';
import { parseCachedDocument } from '../../core/corpus/cache';
import { prepareDocument } from '../../core/corpus/index';
import { loadTopics, TopicSet } from '../../core/corpus/topics';
import { defaultKnowledgeSource, loadKnowledge, type KnowledgeSource } from '../../core/entities/knowledge';
import { EntityRecognizer } from '../../core/entities/recognizer';
import { decodeCorpus } from '../../core/text/decode';
import { hashBytes } from '../../core/text/hash';
import { lowerThreadPriority } from './threadPriority';

interface Port {
  on(event: 'message', listener: (message: unknown) => void): void;
  postMessage(message: unknown): void;
}

export type WorkerRequest =
  | { type: 'init'; knowledge: Array<KnowledgeSource | { file: string; bundled: true }>; topics: Array<{ file: string; text: string }>; nice?: number }
  | { type: 'prepare'; id: number; path: string; bytes?: Uint8Array; text?: string; encoding?: string; reference?: string }
  | { type: 'file'; id: number; path: string; file: string; maxBytes: number; known?: string; cached?: { hash: string; json: string }; encoding?: string; reference?: string };

const builtin = (globalThis as { process?: { getBuiltinModule?: (id: string) => unknown } }).process?.getBuiltinModule;
const port = builtin?.('node:worker_threads') as { parentPort: Port | null } | undefined;
const fs = builtin?.('node:fs') as { statSync(p: string): { size: number }; readFileSync(p: string): Uint8Array } | undefined;

/** A `file` job: read, size limit, hash; unchanged, from the cache, or analysed. */
function prepareFile(m: Extract<WorkerRequest, { type: 'file' }>): unknown {
  let bytes: Uint8Array;
  try {
    const { size } = fs!.statSync(m.file);
    if (size > m.maxBytes) return { id: m.id, tooLarge: size };
    bytes = fs!.readFileSync(m.file);
  } catch (error) {
    if ((error as { code?: string }).code === 'ENOENT' || (error as { code?: string }).code === 'ENOTDIR') return { id: m.id, missing: true };
    throw error;
  }
  // The file may have grown between stat and read.
  if (bytes.byteLength > m.maxBytes) return { id: m.id, tooLarge: bytes.byteLength };
  const hash = hashBytes(bytes);
  if (m.known === hash) return { id: m.id, unchanged: true, bytes: bytes.byteLength };
  let cacheError: string | undefined;
  if (m.cached?.hash === hash) {
    try {
      return { id: m.id, prepared: parseCachedDocument(m.cached.json), hash, fromCache: true, bytes: bytes.byteLength };
    } catch (error) {
      cacheError = error instanceof Error ? error.message : String(error);
    }
  }
  const decoded = decodeCorpus(bytes, m.encoding);
  if (!decoded.ok) return { id: m.id, undecodable: decoded.reason, hash, bytes: bytes.byteLength };
  if (!analyzer) throw new Error('worker not initialised');
  const analysis = withoutBoilerplate(analyzer.analyse(decoded.text, m.reference ? { reference: m.reference } : {}));
  return { id: m.id, prepared: prepareDocument(decoded.text, analysis, topics), hash, bytes: bytes.byteLength, ...(cacheError ? { cacheError } : {}) };
}

let analyzer: Analyzer | undefined;
let topics: TopicSet = TopicSet.empty;
let prioritySet = false;

port?.parentPort?.on('message', (message) => {
  const m = message as WorkerRequest;
  if (m.type === 'init') {
    if (!prioritySet) {
      prioritySet = true;
      port.parentPort!.postMessage({ priority: m.nice ? (lowerThreadPriority(m.nice) ?? null) : null });
    }
    // The bundled knowledge base comes by name ({bundled: true}): this worker reads its own copy.
    const sources = m.knowledge.map((k) => ('bundled' in k ? defaultKnowledgeSource() : k));
    analyzer = new Analyzer(new EntityRecognizer(loadKnowledge(sources).value));
    topics = loadTopics(m.topics).value;
    return;
  }
  try {
    if (m.type === 'file') {
      port.parentPort!.postMessage(prepareFile(m));
      return;
    }
    let text = m.text;
    if (text === undefined) {
      const decoded = decodeCorpus(m.bytes ?? new Uint8Array(0), m.encoding);
      if (!decoded.ok) {
        port.parentPort!.postMessage({ id: m.id, undecodable: decoded.reason });
        return;
      }
      text = decoded.text;
    }
    if (!analyzer) throw new Error('worker not initialised');
    const analysis = withoutBoilerplate(analyzer.analyse(text, m.reference ? { reference: m.reference } : {}));
    port.parentPort!.postMessage({ id: m.id, prepared: prepareDocument(text, analysis, topics) });
  } catch (error) {
    port.parentPort!.postMessage({ id: m.id, error: error instanceof Error ? error.message : String(error) });
  }
});
