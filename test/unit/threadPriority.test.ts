import { strict as assert } from 'node:assert';
import { existsSync } from 'node:fs';
import { getPriority } from 'node:os';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { lowerThreadPriority, threadId } from '../../src/extension/services/threadPriority';

/** A fake of the two Node calls: `link` is what /proc/thread-self reads as (undefined: no such file). */
function fakeApi(link: string | undefined, nice = 0) {
  const calls: Array<[number, number]> = [];
  const priorities = new Map<number, number>();
  return {
    calls,
    api: {
      readlinkSync: () => {
        if (link === undefined) throw Object.assign(new Error('ENOENT'), { code: 'ENOENT' });
        return link;
      },
      getPriority: (pid: number) => priorities.get(pid) ?? nice,
      setPriority: (pid: number, n: number) => {
        calls.push([pid, n]);
        priorities.set(pid, n);
      },
    },
  };
}

describe('index worker thread priority (threadPriority)', () => {
  it('renices the thread named by /proc/thread-self, not the process', () => {
    const { api, calls } = fakeApi('4242/task/4250');
    assert.equal(threadId(api), 4250);
    assert.equal(lowerThreadPriority(19, api), 19);
    assert.deepEqual(calls, [[4250, 19]]);
  });

  it('changes nothing where a thread cannot be told apart from its process', () => {
    for (const link of [undefined, 'self', '4242']) {
      const { api, calls } = fakeApi(link);
      assert.equal(lowerThreadPriority(19, api), undefined);
      assert.deepEqual(calls, [], 'os.setPriority(pid) would renice the whole process');
    }
  });

  it('never raises a priority, and a refusal is silent', () => {
    const lowered = fakeApi('1/task/2', 19);
    assert.equal(lowerThreadPriority(10, lowered.api), 19);
    assert.deepEqual(lowered.calls, []);
    const refused = fakeApi('1/task/2');
    refused.api.setPriority = () => {
      throw Object.assign(new Error('EACCES'), { code: 'EACCES' });
    };
    assert.equal(lowerThreadPriority(19, refused.api), undefined);
  });

  it('on Linux, a real worker thread lowers its own priority and the main thread keeps its own', async function () {
    if (!existsSync('/proc/thread-self')) this.skip();
    const before = getPriority();
    const module = join(__dirname, '../../src/extension/services/threadPriority.ts');
    const code = `require('tsx/cjs'); const { lowerThreadPriority } = require(${JSON.stringify(module)}); const { parentPort } = require('node:worker_threads'); parentPort.postMessage({ set: lowerThreadPriority(19), now: require('node:os').getPriority() });`;
    const worker = new Worker(code, { eval: true });
    const reply = await new Promise<{ set: number; now: number }>((resolve, reject) => {
      worker.once('message', resolve);
      worker.once('error', reject);
    });
    await worker.terminate();
    assert.deepEqual(reply, { set: 19, now: 19 }, 'getpriority(0) in the worker is its own thread');
    assert.equal(getPriority(), before, 'the main thread is not reniced');
    assert.equal(getPriority(process.pid), before);
  });
});
