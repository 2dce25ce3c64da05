/**
 * Indexing worker (Node worker_threads; bundled to dist/indexWorker.js). It holds its own knowledge base and topics,
 * built from the same sources as the extension's, and turns file bytes (or an open document's text) into a
 * PreparedDocument: decoding, corpus model, entities, dates, topics. The extension host's main thread only adds the
 * result to the index, so typing and hovers stay responsive while a corpus is indexed.
 *
 * Messages in:  {type: 'init', knowledge: Source[], topics: Source[]}
 *               {type: 'prepare', id, path, bytes?: Uint8Array, text?: string, encoding?: string, reference?: string}
 * Messages out: {id, prepared} | {id, error} (decoding problems: {id, undecodable: reason})
 */
import { Analyzer, withoutBoilerplate } from '../../core/analysis';
import { prepareDocument } from '../../core/corpus/index';
import { loadTopics, TopicSet } from '../../core/corpus/topics';
import { loadKnowledge } from '../../core/entities/knowledge';
import { EntityRecognizer } from '../../core/entities/recognizer';
import { decodeCorpus } from '../../core/text/decode';

interface Port {
  on(event: 'message', listener: (message: unknown) => void): void;
  postMessage(message: unknown): void;
}

export type WorkerRequest =
  | { type: 'init'; knowledge: Array<{ file: string; text: string }>; topics: Array<{ file: string; text: string }> }
  | { type: 'prepare'; id: number; path: string; bytes?: Uint8Array; text?: string; encoding?: string; reference?: string };

const port = (globalThis as { process?: { getBuiltinModule?: (id: string) => unknown } }).process?.getBuiltinModule?.('node:worker_threads') as { parentPort: Port | null } | undefined;

let analyzer: Analyzer | undefined;
let topics: TopicSet = TopicSet.empty;

port?.parentPort?.on('message', (message) => {
  const m = message as WorkerRequest;
  if (m.type === 'init') {
    analyzer = new Analyzer(new EntityRecognizer(loadKnowledge(m.knowledge).value));
    topics = loadTopics(m.topics).value;
    return;
  }
  try {
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
