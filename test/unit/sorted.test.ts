// The one binary search of the code base (src/core/sorted.ts), against a linear scan.
import * as assert from 'node:assert/strict';
import { equalRange, indexOfSorted, lowerBound, lowerBoundBy, overlapsAny, partitionPoint, spanIndexAt, upperBound } from '../../src/core/sorted';

/** Deterministic pseudo-random sorted lists with runs of equal values. */
function lists(): number[][] {
  let seed = 7;
  const next = () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
  const out: number[][] = [[], [5], [5, 5, 5]];
  for (let n = 1; n < 40; n += 3) out.push(Array.from({ length: n }, () => Math.floor(next() * 20)).sort((a, b) => a - b));
  return out;
}

describe('sorted: binary search helpers', () => {
  it('lowerBound, upperBound, indexOfSorted and equalRange agree with a linear scan (arrays and typed arrays)', () => {
    for (const list of lists()) {
      for (const array of [list, Uint32Array.from(list)]) {
        for (let v = -1; v <= 21; v++) {
          const lower = list.findIndex((x) => x >= v);
          const upper = list.findIndex((x) => x > v);
          assert.equal(lowerBound(array, v), lower < 0 ? list.length : lower, `lowerBound ${v} in [${list}]`);
          assert.equal(upperBound(array, v), upper < 0 ? list.length : upper, `upperBound ${v} in [${list}]`);
          assert.equal(indexOfSorted(array, v), list.indexOf(v), `indexOfSorted ${v} in [${list}]`);
          assert.deepEqual(equalRange(array, v), [lowerBound(array, v), upperBound(array, v)]);
        }
      }
    }
  });

  it('sub-ranges [lo, hi) are respected', () => {
    const list = [1, 3, 3, 5, 7, 9];
    assert.equal(lowerBound(list, 3, 2), 2);
    assert.equal(lowerBound(list, 9, 0, 4), 4);
    assert.equal(indexOfSorted(list, 9, 0, 5), -1);
    assert.equal(indexOfSorted(list, 9, 5, 6), 5);
    assert.equal(indexOfSorted(list, 1, 1), -1);
  });

  it('strings compare by code unit', () => {
    const forms = ['abc', 'abd', 'b', '中', '中国'];
    assert.equal(indexOfSorted(forms, '中'), 3);
    assert.equal(indexOfSorted(forms, 'ab'), -1);
    assert.equal(lowerBound(forms, 'ab'), 0);
    assert.equal(lowerBound(forms, 'c'), 3);
  });

  it('partitionPoint takes an index predicate (the code-point table: astral[i] - i < c)', () => {
    const astral = [2, 5, 6, 10];
    for (let c = 0; c < 12; c++) {
      const linear = astral.findIndex((x, i) => !(x - i < c));
      assert.equal(partitionPoint(0, astral.length, (i) => astral[i]! - i < c), linear < 0 ? astral.length : linear);
    }
    assert.equal(partitionPoint(3, 3, () => true), 3);
  });

  const spans = [{ start: 2, end: 4 }, { start: 4, end: 6 }, { start: 9, end: 12 }];

  it('lowerBoundBy searches by a key', () => {
    assert.deepEqual([0, 2, 3, 4, 5, 9, 13].map((o) => lowerBoundBy(spans, o, (s) => s.start)), [0, 0, 1, 1, 2, 2, 3]);
  });

  it('spanIndexAt: the span holding an offset, -1 in gaps and at ends', () => {
    assert.deepEqual([0, 1, 2, 3, 4, 5, 6, 8, 9, 11, 12, 20].map((o) => spanIndexAt(spans, o)), [-1, -1, 0, 0, 1, 1, -1, -1, 2, 2, -1, -1]);
    assert.equal(spanIndexAt([], 0), -1);
  });

  it('overlapsAny: a range overlapping a span, touching is not overlapping', () => {
    const cases: Array<[number, number, boolean]> = [[0, 2, false], [0, 3, true], [6, 9, false], [5, 10, true], [12, 15, false], [11, 12, true], [3, 3, true], [4, 4, false], [7, 7, false], [2, 2, false]];
    for (const [start, end, expected] of cases) {
      const linear = spans.some((s) => (start === end ? s.start < start && start < s.end : start < s.end && s.start < end));
      assert.equal(linear, expected, `linear ${start}-${end}`);
      assert.equal(overlapsAny(spans, start, end), expected, `${start}-${end}`);
    }
  });
});
