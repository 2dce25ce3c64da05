import * as assert from 'node:assert/strict';
import { concatBytes } from '../../src/core/text/bytes';

describe('concatBytes', () => {
  it('joins the parts in order, counting the size when it is not given', () => {
    const out = concatBytes([Uint8Array.of(1, 2), new Uint8Array(0), Uint8Array.of(3)]);
    assert.deepEqual([...out], [1, 2, 3]);
    assert.deepEqual([...concatBytes([Uint8Array.of(4), Uint8Array.of(5, 6)], 3)], [4, 5, 6]);
  });
  it('returns a single part as it is and nothing as an empty array', () => {
    const one = Uint8Array.of(7, 8);
    assert.equal(concatBytes([one]), one);
    assert.equal(concatBytes([]).byteLength, 0);
  });
});
