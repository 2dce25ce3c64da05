import * as assert from 'node:assert/strict';
import { debounce, debounceEach, throttle } from '../../src/extension/disposable';

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

describe('throttle (tree views while a full index runs)', () => {
  it('runs the first call at once, then at most once per interval with the last arguments, and the last call always', async () => {
    const calls: Array<[number, number]> = [];
    const started = Date.now();
    const run = throttle((n: number) => calls.push([n, Date.now() - started]), 200);
    for (let i = 1; i <= 5; i++) run(i);
    assert.deepEqual(calls.map(([n]) => n), [1]);
    await sleep(300);
    assert.deepEqual(calls.map(([n]) => n), [1, 5]);
    assert.ok(calls[1]![1] >= 190, `trailing run after the interval (${calls[1]![1]} ms)`);
    await sleep(250);
    run(6);
    assert.deepEqual(calls.map(([n]) => n), [1, 5, 6]);
  });

  it('cancel drops the pending trailing run', async () => {
    const calls: number[] = [];
    const run = throttle((n: number) => calls.push(n), 30);
    run(1);
    run(2);
    run.cancel();
    await sleep(60);
    assert.deepEqual(calls, [1]);
  });
});
