import * as assert from 'node:assert/strict';
import { recordReference } from '../../src/core/analysis';
import { parseDocument } from '../../src/core/corpus/model';
import { findDates } from '../../src/core/dates';
import { LineIndex } from '../../src/core/text/offsets';

/** The single record of a text, its reference, and the dates resolved against it (as the Analyzer does). */
function analyse(text: string, reference?: string) {
  const doc = parseDocument(text);
  assert.equal(doc.records.length, 1);
  const record = doc.records[0]!;
  const ref = recordReference(record, new LineIndex(text), reference ? { reference } : {}, text);
  const dates = findDates(text, { segments: [{ start: record.span.start, end: record.span.end, ...(ref ? { reference: ref } : {}) }] });
  return { record, ref, dates };
}

describe('datelines: the record reference date of news without a timestamp', () => {
  it('【2006年3月22日讯】: a partial date later in the article takes 2006, not the latest year mentioned', () => {
    const text = '【大纪元2006年3月22日讯】伊朗外长表示，伊朗不会在2011年之前放弃铀浓缩。3月22日，各方在维也纳举行会谈。';
    const { record, ref, dates } = analyse(text);
    assert.equal(record.dateSource, 'dateline');
    assert.equal(record.dateText, '2006年3月22日');
    assert.equal(record.source, '大纪元');
    assert.deepEqual(ref, { value: '2006-03-22', how: 'metadata: dateline (line 1)' });
    const partial = dates.find((d) => d.text === '3月22日' && d.start > 20)!;
    assert.equal(partial.value, '2006-03-22');
    assert.match(partial.anchor, /2006-03-22/);
  });

  it('（新华社北京3月22日电）: the outlet is the source, the reporter an author, the year from the setting', () => {
    const text = '中俄签署能源合作协议\n\n新华社北京3月22日电（记者 张三 李四）中俄两国今天签署了能源合作协议。2011年以前，双方将完成管道建设。';
    const { record, ref, dates } = analyse(text, '2006');
    assert.equal(record.title, '中俄签署能源合作协议');
    assert.equal(record.source, '新华社');
    assert.deepEqual(record.authors, ['张三', '李四']);
    assert.equal(ref!.value, '2006-03-22');
    assert.match(ref!.how, /^metadata: dateline \(line 3\), year from the year of the setting/);
    assert.equal(dates.find((d) => d.text === '今天')!.value, '2006-03-22');
  });

  it('中新网3月22日电 without a setting: the year is the latest the record mentions, and the reference says so', () => {
    const text = '中新网3月22日电 据报道，2005年以来，两国贸易额持续增长。';
    const { record, ref } = analyse(text);
    assert.equal(record.source, '中新网');
    assert.deepEqual(ref, { value: '2005-03-22', how: 'metadata: dateline (line 1), year from the latest year the record mentions (2005)' });
  });

  it('"BEIJING, March 22, 2006 (Reuters) -": the agency is the source', () => {
    const text = 'BEIJING, March 22, 2006 (Reuters) - China urged the United States on Wednesday not to politicize trade.';
    const { record, ref, dates } = analyse(text);
    assert.equal(record.source, 'Reuters');
    assert.equal(ref!.value, '2006-03-22');
    assert.equal(dates.find((d) => d.text === 'Wednesday')!.value, '2006-03-22');
  });

  it('"2021-12-07　眾新聞　記者…": the outlet and the reporter are kept apart', () => {
    const text = '2021-12-07　眾新聞　記者 陳小明\n立法會選舉將於本月19日舉行。';
    const { record, ref, dates } = analyse(text);
    assert.equal(record.source, '眾新聞');
    assert.deepEqual(record.authors, ['陳小明']);
    assert.equal(ref!.value, '2021-12-07');
    assert.equal(dates.find((d) => d.text === '本月19日')!.value, '2021-12-19');
  });

  it('a date line alone at the top of a page (wiki news)', () => {
    const text = 'Wednesday, March 22, 2006\n\nTalks on the Iranian nuclear programme resumed on Monday in Vienna.';
    const { record, ref, dates } = analyse(text);
    assert.equal(record.dateText, 'March 22, 2006');
    assert.equal(record.title, undefined);
    assert.equal(ref!.value, '2006-03-22');
    assert.equal(dates.find((d) => d.text === 'Monday')!.value, '2006-03-20');
  });

  it('"時事脈搏 | 2021-08-23 16:30": a column label and the timestamp (the label is no outlet)', () => {
    const text = '時事脈搏 | 2021-08-23 16:30\n\n外交部冀新任美駐華大使促進中美友好合作\n\n美國總統拜登上周五提名伯恩斯為新任美國駐華大使。';
    const { record, ref, dates } = analyse(text);
    assert.equal(record.dateSource, 'dateline');
    assert.equal(record.dateText, '2021-08-23');
    assert.equal(record.source, undefined);
    assert.equal(ref!.value, '2021-08-23');
    assert.equal(dates.find((d) => d.text === '上周五')!.value, '2021-08-20');
  });

  it('no dateline: nothing is invented', () => {
    const { record, ref } = analyse('两国关系在2011年取得了新进展。');
    assert.equal(record.dateText, undefined);
    assert.equal(ref, undefined);
  });
});

describe('datelines without a year: the publication date before them (dates6)', () => {
  it('新华社北京3月8日电 under a page header dated 2017 takes 2017, not the latest year the record mentions', () => {
    const text = '外长答记者问\n\n您所在的位置：东南网 > 国内 > 时政 > 正文（2017年3月9日更新）\n\n新华社北京3月8日电 王毅表示，中方愿在2030年前完成有关工作，今天的记者会持续两小时。';
    const { ref, dates } = analyse(text);
    assert.deepEqual(ref, { value: '2017-03-08', how: 'metadata: dateline (line 5), year from the publication date (2017-03-09)' });
    assert.equal(dates.find((d) => d.text === '今天')!.value, '2017-03-08');
  });
  it('a dateline is never after its publication: 12月31日电 published 2017-01-02 is 2016-12-31', () => {
    const text = '年终报道\n\n您所在的位置：中新网 > 国内（2017年1月2日更新）\n\n中新网12月31日电 据统计，2018年起新规将实施。';
    const { ref } = analyse(text);
    assert.equal(ref!.value, '2016-12-31');
  });
  it('without a publication date the latest year the record mentions stays the fallback', () => {
    const { ref } = analyse('中新网3月22日电 据报道，2005年以来，两国贸易额持续增长。');
    assert.equal(ref!.value, '2005-03-22');
  });
});
