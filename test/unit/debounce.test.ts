import * as assert from 'node:assert/strict';
import { debounce, debounceEach } from '../../src/extension/disposable';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('debounceEach (several documents changing at once)', () => {
  it('runs once per key after its last call; a call for one key does not cancel another key', async () => {
    const calls: string[] = [];
    const run = debounceEach((key: string) => calls.push(key), 20);
    for (const key of ['a', 'b', 'a', 'c', 'b']) run(key);
    await sleep(60);
    assert.deepEqual(calls.sort(), ['a', 'b', 'c']);
  });

  it('cancel drops every pending key', async () => {
    const calls: string[] = [];
    const run = debounceEach((key: string) => calls.push(key), 20);
    run('a');
    run('b');
    run.cancel();
    await sleep(50);
    assert.deepEqual(calls, []);
  });

  it('(the plain debounce keeps only the last argument: what lost the highlights of all but one document)', async () => {
    const calls: string[] = [];
    const run = debounce((key: string) => calls.push(key), 20);
    for (const key of ['a', 'b', 'c']) run(key);
    await sleep(50);
    assert.deepEqual(calls, ['c']);
  });
});
