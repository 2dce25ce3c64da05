// The one list of annotation keys (ANNOTATION_KEYS in core/annotations/schema.ts): validation and the serialiser
// both read it.
import * as assert from 'node:assert/strict';
import { ANNOTATION_KEYS, AnnotationSchema, type Annotation } from '../../src/core/annotations/schema';
import { canonicalAnnotation } from '../../src/core/annotations/serialize';

const BASE = {
  id: 'a-1',
  target: { selector: [{ type: 'TextQuoteSelector', exact: '红线' }] },
  claim: 'a red line',
  stance: { polarity: 'oppose' },
  author: 'A',
  created: '2026-01-01T00:00:00Z',
  modified: '2026-01-02T00:00:00Z',
};

describe('annotations: the one list of keys', () => {
  it('is the schema fields in the written order, created last', () => {
    assert.deepEqual(ANNOTATION_KEYS, [
      'id', 'target', 'claim', 'stance', 'about', 'holder', 'attribution', 'when', 'confidence', 'tags', 'codes', 'note', 'author', 'modified', 'orphaned', 'reanchored', 'conflict', 'curation', 'created',
    ]);
  });

  it('an item is written in that order, extension keys (sorted) just before created', () => {
    const a = AnnotationSchema.parse({ 'x-tool': 1, note: 'n', ...BASE, 'x-another': 2, tags: ['t'] }) as Annotation;
    assert.deepEqual(Object.keys(canonicalAnnotation(a)), ['id', 'target', 'claim', 'stance', 'tags', 'note', 'author', 'modified', 'x-another', 'x-tool', 'created']);
  });

  it('a key that is neither in the list nor an extension key is refused with its name', () => {
    const r = AnnotationSchema.safeParse({ ...BASE, stence: 'oppose' });
    assert.equal(r.success, false);
    assert.deepEqual(r.error!.issues.map((i) => `${i.path.join('.')}: ${i.message}`), ['stence: unknown key "stence" (extension keys must start with "x-")']);
  });
});
