// The record-shape detectors of src/core/corpus/model.ts: an ordered table with explicit priority.
import * as assert from 'node:assert/strict';
import { parseDocument, SHAPE_DETECTORS, type DocumentShape, type ShapeDetector } from '../../src/core/corpus/model';

// Every shape but plain (the fallback) has exactly one detector: adding a shape to DocumentShape without one fails here.
const SHAPES: Record<Exclude<DocumentShape, 'plain'>, true> = { listing: true, news: true, summary: true, qa: true };

describe('corpus model: shape detectors', () => {
  it('one detector per shape, unique priorities, listed in priority order', () => {
    assert.deepEqual(SHAPE_DETECTORS.map((d) => d.shape).sort(), Object.keys(SHAPES).sort());
    const priorities = SHAPE_DETECTORS.map((d) => d.priority);
    assert.equal(new Set(priorities).size, priorities.length, 'priorities are unique');
    assert.deepEqual(priorities, [...priorities].sort((a, b) => a - b), 'the table is written in priority order');
    assert.deepEqual(SHAPE_DETECTORS.map((d) => d.shape), ['listing', 'news', 'summary', 'qa']);
  });

  it('a text no detector takes is one plain record', () => {
    const doc = parseDocument('第一行\n\n正文一段。');
    assert.equal(doc.shape, 'plain');
    assert.equal(doc.records.length, 1);
  });

  // A page with a news head and labelled summary metadata: news has the higher priority.
  const both = ['俄外长谈乌克兰局势', '2021-12-31 17:23:55　来源：新华网', '', '作者：张三', '日期：2021-12-30', '', '正文。'].join('\n');

  it('the detector with the lower priority number wins when two would take a text', () => {
    assert.equal(parseDocument(both).shape, 'news');
    const summaryOnly = SHAPE_DETECTORS.filter((d) => d.shape !== 'news');
    assert.equal(parseDocument(both, summaryOnly).shape, 'summary');
  });

  it('priority decides, not the order of the list passed in', () => {
    const reversed = [...SHAPE_DETECTORS].reverse();
    assert.deepEqual(parseDocument(both, reversed), parseDocument(both));
    const summaryFirst = SHAPE_DETECTORS.map((d): ShapeDetector => (d.shape === 'summary' ? { ...d, priority: 1 } : d));
    assert.equal(parseDocument(both, summaryFirst).shape, 'summary');
  });

  it('a new detector plugs in by priority and its records are numbered like the others', () => {
    const memo: ShapeDetector = {
      shape: 'qa',
      priority: 50,
      description: 'test: a file whose first line is MEMO is one record per paragraph',
      detect: ({ text, lines }) => {
        if (text.slice(lines[0]!.ts, lines[0]!.te) !== 'MEMO') return undefined;
        return lines.filter((l, i) => i > 0 && l.ts < l.te).map((l) => ({ id: '', span: { start: l.ts, end: l.te }, metadataSpans: [] }));
      },
    };
    const doc = parseDocument('MEMO\n甲段。\n\n乙段。', [...SHAPE_DETECTORS, memo]);
    assert.equal(doc.shape, 'qa');
    assert.deepEqual(doc.records.map((r) => [r.id, r.span]), [['r1', { start: 5, end: 8 }], ['r2', { start: 10, end: 13 }]]);
    assert.equal(parseDocument('备忘\n甲段。', [...SHAPE_DETECTORS, memo]).shape, 'plain');
  });

  it('a detector that throws leaves the document one plain record, without boilerplate marks', () => {
    const broken: ShapeDetector = { shape: 'news', priority: 0, description: 'test: throws', detect: () => { throw new Error('bug'); } };
    const doc = parseDocument('标题\n\n正文。', [broken]);
    assert.equal(doc.shape, 'plain');
    assert.equal(doc.records.length, 1);
    assert.deepEqual(doc.boilerplate, []);
  });
});
