import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { defaultKnowledgeSource, loadKnowledge } from '../../src/core/entities/knowledge';
import { LineCache } from '../../src/core/entities/line-cache';
import { EntityRecognizer, packSpans, unpackSpans } from '../../src/core/entities/recognizer';

/** Offers `value` twice: the cache takes a line the second time. */
function put<V>(c: LineCache<V>, key: string, value: V): void {
  c.set(key, value);
  c.set(key, value);
}

describe('entities: line cache', () => {
  it('takes a line the second time it is offered', () => {
    const c = new LineCache<number>();
    c.set('a line', 1);
    assert.deepEqual([c.get('a line'), c.size], [undefined, 0]);
    c.set('a line', 1);
    assert.deepEqual([c.get('a line'), c.size], [1, 1]);
    c.set('a line', 2); // cached already: replaced at once
    assert.equal(c.get('a line'), 2);
    c.set('another line', 3);
    c.clear(); // forgets the lines offered once too
    c.set('another line', 3);
    assert.equal(c.get('another line'), undefined);
  });

  it('evicts the least recently used entry when full', () => {
    const c = new LineCache<number>(3);
    put(c, 'a', 1);
    put(c, 'b', 2);
    put(c, 'c', 3);
    assert.equal(c.get('a'), 1); // a is now the most recent
    put(c, 'd', 4); // evicts b
    assert.equal(c.get('b'), undefined);
    assert.deepEqual([c.get('a'), c.get('c'), c.get('d')], [1, 3, 4]);
    assert.equal(c.size, 3);
    assert.deepEqual([c.hits, c.misses], [4, 1]);
  });

  it('bounds the units of its keys and skips long lines', () => {
    const c = new LineCache<number>(100, 10, 6);
    put(c, 'aaaa', 1);
    put(c, 'bbbb', 2);
    put(c, 'cccc', 3); // 12 units > 10: aaaa goes
    assert.equal(c.get('aaaa'), undefined);
    assert.deepEqual([c.get('bbbb'), c.get('cccc')], [2, 3]);
    put(c, '1234567', 4); // longer than maxLine: not cached, nothing evicted
    assert.equal(c.get('1234567'), undefined);
    assert.equal(c.size, 2);
    put(c, 'bbbb', 5); // replacing keeps the count
    assert.deepEqual([c.get('bbbb'), c.size], [5, 2]);
    c.clear();
    assert.equal(c.size, 0);
    put(c, '012345', 6);
    put(c, '6789', 7); // 6 + 4 units: exactly the bound
    assert.deepEqual([c.get('012345'), c.get('6789'), c.size], [6, 7, 2]);
  });

  it('caches nothing with no entries', () => {
    const c = new LineCache<number>(0);
    put(c, 'a', 1);
    assert.deepEqual([c.get('a'), c.size, c.fits(1)], [undefined, 0, false]);
  });

  it('keeps a copy of a key sliced from a longer text', () => {
    const text = 'x'.repeat(100) + '普京和特朗普在北京会面，双方讨论了乌克兰问题。' + 'y'.repeat(100);
    const c = new LineCache<number>();
    put(c, text.slice(100, 123), 1);
    assert.equal(c.get('普京和特朗普在北京会面，双方讨论了乌克兰问题。'), 1);
  });

  it('packs spans relative to the line and unpacks them at another offset', () => {
    const packed = packSpans([{ start: 12, end: 15, type: 'PER' }, { start: 20, end: 22, type: 'ORG' }, { start: 30, end: 31, type: 'LOC' }], 10);
    assert.deepEqual([...packed], [2, 5, 0, 10, 12, 2, 20, 21, 1]);
    assert.deepEqual(unpackSpans(packed, 100), [{ start: 102, end: 105, type: 'PER' }, { start: 110, end: 112, type: 'ORG' }, { start: 120, end: 121, type: 'LOC' }]);
  });

  describe('in the recogniser', () => {
    const kb = loadKnowledge([defaultKnowledgeSource()]).value;
    const spans = (r: EntityRecognizer, text: string) => r.find(text).map((m) => [m.start, m.end, m.entityId, m.type, m.confirmed]);

    it('gives what a fresh recogniser gives, line after line seen before', () => {
      const shared = new EntityRecognizer(kb);
      const dir = path.join(__dirname, '../../samples');
      const docs = fs.readdirSync(dir).filter((f) => f.endsWith('.txt')).sort().map((f) => fs.readFileSync(path.join(dir, f), 'utf8'));
      // Each document twice, then all of them joined (the same lines at other offsets).
      const texts = [...docs, ...docs, docs.join('\n')];
      for (const t of texts) assert.deepEqual(spans(shared, t), spans(new EntityRecognizer(kb, { lineCache: 0 }), t));
    });

    it('keys an English line by the names the knowledge base found on it too', () => {
      // The second line of `named` has Kim as the person named before; alone, Kim is no known name.
      const named = 'Kim Jong Un arrived in Beijing on Monday.\nKim met Chinese officials in Beijing.';
      const alone = 'Kim met Chinese officials in Beijing.';
      const shared = new EntityRecognizer(kb);
      for (const t of [alone, named, alone, named, alone, named]) assert.deepEqual(spans(shared, t), spans(new EntityRecognizer(kb), t));
      assert.deepEqual(spans(shared, alone)[0], [0, 3, 'candidate:kim', 'person', false]);
      assert.deepEqual(spans(shared, named)[2], [42, 45, 'person/kim-jong-un', 'person', true]);
    });
  });
});
