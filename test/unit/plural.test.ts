import * as assert from 'node:assert/strict';
import { count, noun } from '../../src/core/text/plural';

describe('count', () => {
  it('puts the noun in the right number', () => {
    assert.equal(count(1, 'record'), '1 record');
    assert.equal(count(0, 'record'), '0 records');
    assert.equal(count(18, 'entity mention'), '18 entity mentions');
    assert.equal(count(1, 'entity', 'entities'), '1 entity');
    assert.equal(count(2, 'entity', 'entities'), '2 entities');
    assert.equal(noun(1, 'document'), 'document');
    assert.equal(noun(4, 'document'), 'documents');
  });
});
