import { strict as assert } from 'node:assert';
import { WorkerAnalyser } from '../../src/extension/services/indexAnalysers';
import type { Logger } from '../../src/core/types';

/** A stand-in for a worker_threads Worker: answers every `file` job as missing, a tick later. */
class FakeWorker {
  readonly received: Array<{ type: string; id?: number }> = [];
  terminated = false;
  private readonly listeners: Record<string, Array<(x: unknown) => void>> = {};
  postMessage(message: { type: string; id?: number }): void {
    this.received.push(message);
    if (message.type === 'file') setTimeout(() => this.emit('message', { id: message.id, missing: true }), 1);
  }
  on(event: string, listener: (x: never) => void): void {
    (this.listeners[event] ??= []).push(listener as (x: unknown) => void);
  }
  emit(event: string, value: unknown): void {
    for (const l of this.listeners[event] ?? []) l(value);
  }
  terminate(): Promise<number> {
    this.terminated = true;
    // Like worker_threads: the exit event follows termination.
    setTimeout(() => this.emit('exit', 1), 1);
    return Promise.resolve(1);
  }
  unref(): void {}
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

function setup(idleMs: number) {
  const made: FakeWorker[] = [];
  const logged: string[] = [];
  const log: Logger = { info: (m: string) => logged.push(m), warn: (m: string) => logged.push(m), error: (m: string) => logged.push(m) } as unknown as Logger;
  const knowledge = { sources: { knowledge: [], topics: [{ file: 't.yaml', text: 'topics: []' }] }, version: 'v1' };
  const analyser = new WorkerAnalyser(() => {
    const w = new FakeWorker();
    made.push(w);
    return w;
  }, 1, knowledge, log, idleMs);
  return { analyser, made, logged, knowledge };
}

const job = { path: 'a.txt', file: '/nowhere/a.txt', maxBytes: 1000 };

describe('index workers (WorkerAnalyser)', () => {
  it('starts its workers with the first job, releases them once idle, and starts them again for the next job', async () => {
    const { analyser, made, logged, knowledge } = setup(30);
    assert.equal(analyser.running, 0);
    assert.deepEqual(await analyser.prepareFile(job), { missing: true });
    assert.equal(made.length, 1);
    assert.deepEqual(made[0]!.received.map((m) => m.type), ['init', 'file']);
    assert.equal(analyser.running, 1);
    await sleep(80);
    assert.equal(made[0]!.terminated, true);
    assert.equal(analyser.running, 0);
    assert.equal(analyser.alive, true, 'a released worker is no failure: no fallback to the main thread');
    assert.deepEqual(logged, ['Index worker released after 0 s without a job']);
    knowledge.version = 'v2';
    assert.equal(analyser.version, 'v2', 'what the next workers will be given');
    assert.deepEqual(await analyser.prepareFile(job), { missing: true });
    assert.equal(made.length, 2);
    assert.deepEqual(made[1]!.received.map((m) => m.type), ['init', 'file']);
    assert.equal(analyser.version, 'v2');
    analyser.dispose();
    assert.equal(made[1]!.terminated, true);
  });

  it('keeps its workers while jobs follow each other within the idle time', async () => {
    const { analyser, made } = setup(60);
    for (let i = 0; i < 4; i++) {
      await analyser.prepareFile(job);
      await sleep(20);
    }
    assert.equal(made.length, 1);
    assert.equal(made[0]!.terminated, false);
    analyser.dispose();
  });

  it('asks each worker to lower its thread priority (nice 19 unless told otherwise) and records what it reports', async () => {
    const { analyser, made } = setup(1000);
    await analyser.prepareFile(job);
    assert.equal((made[0]!.received[0] as { nice?: number }).nice, 19);
    assert.deepEqual(analyser.priorities, [undefined]);
    made[0]!.emit('message', { priority: 19 });
    assert.deepEqual(analyser.priorities, [19]);
    assert.deepEqual(await analyser.prepareFile(job), { missing: true }, 'the report is no job reply');
    analyser.dispose();
    const log = { info() {}, warn() {}, error() {} } as unknown as Logger;
    const workers: FakeWorker[] = [];
    const normal = new WorkerAnalyser(() => (workers[workers.length] = new FakeWorker()), 1, { sources: { knowledge: [], topics: [] }, version: 'v' } as never, log, 1000, { nice: 0 });
    await normal.prepareFile(job);
    assert.equal((workers[0]!.received[0] as { nice?: number }).nice, 0);
    normal.dispose();
  });

  it('a worker that exits by itself still fails its jobs', async () => {
    const { analyser, made } = setup(1000);
    await analyser.prepareFile(job);
    const w = made[0]!;
    w.postMessage = (m) => void w.received.push(m);
    const pending = analyser.prepareFile(job);
    w.emit('exit', 1);
    await assert.rejects(pending, /index worker exited \(1\)/);
    assert.equal(analyser.alive, false);
    analyser.dispose();
  });
});
