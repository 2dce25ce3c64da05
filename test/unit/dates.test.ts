import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { findDates, inferReference, parseStandaloneDate, type DateSegment } from '../../src/core/dates';
import type { DateMention, Reference } from '../../src/core/types';

const REF: Reference = { value: '2021-12-31', how: 'setting (test)' };
const REF_ANCHOR = 'setting (test) 2021-12-31';

function one(text: string, reference: Reference | undefined): DateMention {
  const found = findDates(text, reference ? { defaultReference: reference } : {});
  assert.equal(found.length, 1, `${text}: expected one mention, got ${JSON.stringify(found.map((d) => d.text))}`);
  return found[0]!;
}

function check(text: string, value: string, opts: { span?: string; type?: string; mod?: string; anchor?: string; ref?: Reference | null } = {}): void {
  const d = one(text, opts.ref === null ? undefined : (opts.ref ?? REF));
  assert.equal(d.value, value, `${text}: value`);
  assert.equal(d.text, opts.span ?? text, `${text}: span`);
  assert.equal(d.type, opts.type ?? 'DATE', `${text}: type`);
  assert.equal(d.mod, opts.mod, `${text}: mod`);
  if (opts.anchor !== undefined) assert.equal(d.anchor, opts.anchor, `${text}: anchor`);
}

function none(text: string): void {
  assert.deepEqual(findDates(text, { defaultReference: REF }).map((d) => d.text), [], text);
}

const samples = path.join(__dirname, '..', '..', 'samples');
function sample(prefix: string): string {
  const name = fs.readdirSync(samples).find((f) => f.startsWith(prefix))!;
  return fs.readFileSync(path.join(samples, name), 'utf8');
}

/** The mention starting at the nth occurrence of needle (which must be the mention's text). */
function at(text: string, found: DateMention[], needle: string, nth = 0): DateMention {
  let pos = -1;
  for (let k = 0; k <= nth; k++) pos = text.indexOf(needle, pos + 1);
  assert.ok(pos >= 0, `needle ${needle} not in text`);
  const d = found.find((m) => m.start === pos);
  assert.ok(d, `no mention at ${pos} (${needle}); near: ${JSON.stringify(found.filter((m) => Math.abs(m.start - pos) < 40))}`);
  assert.equal(d.text, needle);
  assert.equal(text.slice(d.start, d.end), d.text);
  return d;
}

function wellFormed(text: string, found: DateMention[]): void {
  let last = -1;
  for (const d of found) {
    assert.ok(d.start >= last, `sorted, non-overlapping at ${d.start}`);
    assert.equal(text.slice(d.start, d.end), d.text);
    assert.equal(d.kind, 'date');
    last = d.end;
  }
}

/** Records of an abstract listing: split after each 相似文献. */
function records(text: string): DateSegment[] {
  const segs: DateSegment[] = [];
  let start = 0;
  for (;;) {
    const k = text.indexOf('相似文献', start);
    if (k < 0) break;
    segs.push({ start, end: k + 4 });
    start = k + 4;
  }
  if (start < text.length) segs.push({ start, end: text.length });
  return segs;
}

describe('dates: explicit Chinese dates', () => {
  it('full and partial dates', () => {
    check('2014年7月', '2014-07', { anchor: 'explicit' });
    check('2022年1月10日', '2022-01-10');
    check('1987年', '1987');
    check('2001年6月', '2001-06');
    check('2012年6月28日', '2012-06-28');
  });
  it('Chinese numerals and full-width digits', () => {
    check('二〇一四年七月', '2014-07');
    check('二〇〇二年五月十日', '2002-05-10');
    check('二〇二〇年十二月三十一日', '2020-12-31');
    // 廿 (20) and 卅 (30), as Taiwanese and Hong Kong newspapers write the days.
    check('二〇二〇年十二月廿五日', '2020-12-25');
    check('2019年三月卅日', '2019-03-30');
    check('2019年三月廿日', '2019-03-20');
    check('２０１４年', '2014');
    check('２０１４年７月', '2014-07');
  });
  it('PDF spacing artefacts', () => {
    check('20 0 2年 5月', '2002-05');
    check('2 0 0 8 年', '2008');
    check('21 世纪', '20XX');
  });
  it('traditional characters', () => {
    check('二十一世紀', '20XX');
    check('20世紀60年代', '196X');
    check('下個月中旬', '2022-01', { mod: 'MID' });
    check('今年1月30日', '2021-01-30');
  });
  it('time of day after a date (北京时间 is left out of the span)', () => {
    const d = one('北京时间12月31日4点35分,两国元首又通话了', REF);
    assert.equal(d.text, '12月31日4点35分');
    assert.equal(d.value, '2021-12-31T04:35');
    assert.equal(d.type, 'TIME');
    check('2019年12月31日下午3点半', '2019-12-31T15:30', { type: 'TIME' });
  });
});

describe('dates: centuries and decades', () => {
  it('centuries with parts', () => {
    check('21世纪', '20XX');
    check('20世纪', '19XX');
    check('21世纪初', '20XX', { mod: 'START' });
    check('20世纪末', '19XX', { mod: 'END' });
    check('20世纪60年代', '196X');
    check('20世纪90年代初', '199X', { mod: 'START' });
    check('二十世纪八十年代后期', '198X', { mod: 'END' });
    check('19世纪中叶', '18XX', { mod: 'MID' });
  });
  it('decades without century', () => {
    check('90年代', '199X', { anchor: 'explicit' });
    check('80年代末', '198X', { mod: 'END' });
    check('九十年代初', '199X', { mod: 'START' });
    check('1990年代', '199X');
    check('20年代', '202X', { ref: { value: '2022', how: 'setting' }, anchor: 'setting 2022' });
    check('20年代', '192X', { ref: { value: '2015', how: 'setting' } });
    check('20年代', 'XX2X', { ref: null, anchor: 'unresolved' });
  });
  it('上世纪 / 本世纪 against the reference', () => {
    check('上世纪90年代', '199X', { anchor: REF_ANCHOR });
    check('本世纪初', '20XX', { mod: 'START' });
  });
  it('中 followed by a word is not "middle"', () => {
    assert.deepEqual(findDates('21世纪中国外交').map((d) => [d.text, d.value, d.mod]), [['21世纪', '20XX', undefined]]);
    assert.deepEqual(findDates('2019年中国经济').map((d) => [d.text, d.value]), [['2019年', '2019']]);
  });
});

describe('dates: relative expressions', () => {
  it('years', () => {
    check('今年', '2021', { anchor: REF_ANCHOR });
    check('去年', '2020');
    check('明年', '2022');
    check('前年', '2019');
    check('后年', '2023');
    check('今年以来', '2021/..', { mod: 'SINCE' });
  });
  it('months', () => {
    check('本月', '2021-12');
    check('上个月', '2021-11');
    check('下个月', '2022-01');
    check('下个月中旬', '2022-01', { mod: 'MID' });
    check('12月上旬', '2021-12', { mod: 'START' });
    check('12月下旬', '2021-12', { mod: 'END' });
    check('本月', '2021-XX', { ref: { value: '2021', how: 'setting' } });
  });
  it('parts of the year, seasons, halves, quarters', () => {
    check('年初', '2021', { mod: 'START' });
    check('年底', '2021', { mod: 'END' });
    check('年末', '2021', { mod: 'END' });
    check('年中,', '2021', { mod: 'MID', span: '年中' });
    check('今年夏天', '2021-22');
    check('明年春季', '2022-21');
    check('去年秋天', '2020-23');
    check('今年冬季', '2021-24');
    check('上半年', '2021-40');
    check('下半年', '2021-41');
    check('今年第三季度', '2021-35');
    check('去年年底', '2020', { mod: 'END' });
    check('2018年底', '2018', { mod: 'END', anchor: 'explicit' });
    check('2018年年底', '2018', { mod: 'END' });
  });
  it('近年 is an unspecified span of years; 日前/近日 are the reference date, approximately', () => {
    check('近年来', 'PXY', { type: 'DURATION', mod: 'APPROX' });
    check('近些年来', 'PXY', { type: 'DURATION', mod: 'APPROX' });
    check('这几年', 'PXY', { type: 'DURATION', mod: 'APPROX' });
    check('日前,', '2021-12-31', { span: '日前', mod: 'APPROX', anchor: REF_ANCHOR });
    check('近日', '2021-12-31', { mod: 'APPROX' });
    check('外交部日前表示', '2021-12-31', { span: '日前', mod: 'APPROX' });
  });
  it('days and counts relative to the reference', () => {
    check('昨天', '2021-12-30');
    check('明天', '2022-01-01');
    check('3天前', '2021-12-28');
    check('10年前', '2011');
    check('last year', '2020');
    check('next month', '2022-01');
  });
  it('without a reference the X stay and the anchor says unresolved', () => {
    check('12月31日', 'XXXX-12-31', { ref: null, anchor: 'unresolved' });
    check('今年', 'XXXX', { ref: null, anchor: 'unresolved' });
    check('下个月', 'XXXX-XX', { ref: null });
  });
  it('not dates', () => {
    none('当时拜登警告');
    none('当年');
    none('战后年代');
    none('节日前夕');
    none('接近日本');
    none('每年年底');
    none('第一年');
  });
});

describe('dates: ranges and month-only dates', () => {
  it('ranges', () => {
    check('2008年5月至2012年5月', '2008-05/2012-05');
    check('2009年2月4—5日', '2009-02-04/2009-02-05');
    check('2014—2016年', '2014/2016');
    check('1月12日至13日', '2022-01-12/2022-01-13');
  });
  it('month-only and month-day: nearest to the reference', () => {
    check('10月', '2021-10');
    check('3月份', '2022-03');
    check('1月', '2022-01');
    check('12月7日', '2021-12-07');
    check('10月', '2021-10', { ref: { value: '2021', how: 'setting' } });
  });
  it('anaphora: a bare month-day right after an explicit date takes its year', () => {
    const text = '此前特朗普2017年8月2日签署了制裁法案,10月末美国国会公布了名单。1月29日起美国对8月2日后向俄罗斯购买武器的公司实施制裁。';
    const found = findDates(text, { defaultReference: { value: '2018-06-15', how: 'setting' } });
    assert.equal(at(text, found, '2017年8月2日').anchor, 'explicit');
    const later = at(text, found, '8月2日', 1);
    assert.equal(later.value, '2017-08-02');
    assert.equal(later.anchor, 'context: previous date 2017-08-02');
    assert.equal(at(text, found, '10月末').value, '2017-10');
    assert.equal(at(text, found, '10月末').mod, 'END');
    // Far away (or across a blank line) the reference decides again.
    const far = `2017年8月2日。\n\n8月2日`;
    const f2 = findDates(far, { defaultReference: { value: '2018-06-15', how: 'setting' } });
    assert.equal(f2[1]!.value, '2018-08-02');
    assert.equal(f2[1]!.anchor, 'setting 2018-06-15');
  });
});

describe('dates: English', () => {
  it('dates and years', () => {
    check('October 9, 2023', '2023-10-09', { anchor: 'explicit' });
    check('9 May 2022', '2022-05-09');
    check('May 2022', '2022-05');
    check('Sept. 11, 2001', '2001-09-11');
    check('in 1995', '1995', { span: '1995' });
    check('In 1995, the EU', '1995', { span: '1995' });
    check('The year 1995 marked', '1995', { span: '1995' });
    check('the 2004 tsunami', '2004', { span: '2004' });
    check('the 1990s', '199X', { span: '1990s' });
    check('early 2000s', '200X', { mod: 'START' });
    check('the mid-1990s', '199X', { span: 'mid-1990s', mod: 'MID' });
    check('the 21st century', '20XX', { span: '21st century' });
    check('the early twenty-first century', '20XX', { span: 'early twenty-first century', mod: 'START' });
    check('the attacks of September 11', 'XXXX-09-11', { span: 'September 11', ref: null });
  });
  it('a month name alone after a preposition or early/mid/late, resolved like 10月', () => {
    check('the talks resumed in October', '2021-10', { span: 'October', anchor: REF_ANCHOR });
    check('sanctions in place since March', '2021-03/..', { span: 'since March', mod: 'SINCE', anchor: REF_ANCHOR });
    check('talks in March', '2022-03', { span: 'March' }); // nearest to 2021-12-31, like 3月
    check('in early May', '2022-05', { span: 'early May', mod: 'START' });
    check('by mid-October', '2021-10', { span: 'mid-October', mod: 'MID' });
    check('In late Dec. the council met', '2021-12', { span: 'late Dec', mod: 'END' });
    const text = 'On 9 May 2022 Putin spoke; in June he met Lukashenko.';
    assert.deepEqual(findDates(text).map((d) => [d.text, d.value, d.anchor]), [
      ['9 May 2022', '2022-05-09', 'explicit'],
      ['June', '2022-06', 'context: previous date 2022-05-09'],
    ]);
    none('May I ask whether Theresa May agreed');
    none('Theresa May told the 1922 Committee that she would stay.'); // heldout8: a date in an organisation's name
    none('The March 23 Movement, known as M23, controls parts of North Kivu.');
    none('the March on Rome');
    none('October was cold');
  });
  it('numeric dates', () => {
    check('2021-12-31 17:23:55', '2021-12-31T17:23:55', { type: 'TIME' });
    check('2021-12-31T17:23', '2021-12-31T17:23', { type: 'TIME' });
    check('2025/06/12', '2025-06-12');
    check('2025-06-12', '2025-06-12');
    check('12/31/2021', '2021-12-31');
    check('31/12/2021', '2021-12-31');
    none('05/06/2021');
    none('1.46 trillion, 1500 soldiers, 3 may');
  });
});

describe('dates: rules found on held-out 3 (general forms, with what they must not take)', () => {
  it('days in Chinese numerals only where a day is dated', () => {
    check('總統蔡英文一日上午接見訪問團', '2021-12-01TMO', { span: '一日上午', type: 'TIME' });
    check('陸委會一日發出聲明', '2021-12-01', { span: '一日' });
    check('教育部長十二日為代表團授旗', '2021-12-12', { span: '十二日' });
    none('一日三餐');
    none('三日游');
    none('较前一日');
    none('一日千里');
  });
  it('day and month ranges, 首N个月, 首季, 年内, 昨 alone', () => {
    check('連假8日至10日', '2021-12-08/2021-12-10', { span: '8日至10日' });
    check('1至2月，工业增加值增长', '2022-01/2022-02', { span: '1至2月' });
    check('今年首5個月，訪港旅客下跌', '2021-01/2021-05', { span: '今年首5個月' });
    check('失業率較首季回落', '2021-33', { span: '首季' });
    check('美联储预计年内还将加息', '2021', { span: '年内' });
    check('中華隊昨對上捷克', '2021-12-30', { span: '昨' });
    check('两年内完成', 'P2Y', { span: '两年', type: 'DURATION' }); // a count, not 年内
    none('今是昨非');
    none('较前一年减少');
  });
  it('a clock time or part of the day on the day its sentence gave; weekdays with a part of the day', () => {
    const found = findDates('專機於昨日清晨六時出發，於當地時間上午九時三十分抵達。', { defaultReference: REF });
    assert.deepEqual(found.map((d) => [d.text, d.value]), [['昨日清晨六時', '2021-12-30T06'], ['上午九時三十分', '2021-12-30T09:30']]);
    check('川普週一晚間舉行集會', '2021-12-27TEV', { span: '週一晚間', type: 'TIME' });
    check('商务部周三表示，将出台更多措施', '2021-12-29', { span: '周三' }); // 将 is in the next clause
  });
  it('open dates: 起 / 以来 after a time, a lunar day or a weekday; since / 以来 look back', () => {
    check('宣布自4月10日12时01分起加征关税', '2022-04-10T12:01/..', { span: '自4月10日12时01分起', mod: 'SINCE', type: 'TIME' });
    check('國軍下週一起實施射擊訓練', '2022-01-03/..', { span: '下週一起', mod: 'SINCE' });
    check('自11月以来，病例增加', '2021-11/..', { span: '自11月以来', mod: 'SINCE' });
    check('Retail sales have fallen every month since February', '2021-02/..', { span: 'since February', mod: 'SINCE' });
    check('Republicans won after Tuesday\'s midterm elections', '2021-12-28', { span: 'Tuesday' });
    check('總統上任以來持續推動改革', 'XXXX/..', { span: '上任以來', mod: 'SINCE' });
    none('他走上台后鞠躬');
  });
  it('holidays: 国庆 by region, 农历 in the span, 元宵 after a year, 五一 before 黄金周', () => {
    check('111年國慶日慶祝大會在總統府前舉行', '2022-10-10', { span: '111年國慶日' });
    check('香港特區政府舉行國慶升旗儀式', '2021-10-01', { span: '國慶' });
    check('国庆节期间', '2021-10-01', { span: '国庆节' });
    check('農曆春節前夕', '2021-02-12', { span: '農曆春節' });
    check('燈光將點亮至明年元宵', '2022-02-15', { span: '明年元宵' });
    check('五一黄金周期间', '2021-05-01', { span: '五一' });
    none('吃元宵');
    none('五一广场');
  });
  it('English: a past sentence names the latest such period, a future one looks ahead', () => {
    const ref = { value: '2018-09-26', how: 'setting (test)' };
    check('Powell took over as chair in February.', '2018-02', { span: 'February', ref });
    check('Trump said tariffs could come as early as February.', '2019-02', { span: 'February', ref });
    check('Growth reached 4.2% in the fourth quarter.', '2017-36', { span: 'fourth quarter', ref });
    check('Peace talks made little progress over the weekend.', '2018-W38-WE', { span: 'weekend', ref });
    check('The ministry reported a rise in first-quarter profit.', '2018-33', { span: 'first-quarter', ref });
    check('a recession in the second half of the year', '2018-41', { span: 'second half of the year', ref });
    assert.deepEqual(findDates('Lai took office on May 20, and China staged drills three days later.', { defaultReference: ref }).map((d) => d.value), ['2018-05-20', '2018-05-23']);
    check('the tenth city to fall in a week', 'P1W', { span: 'a week', type: 'DURATION', ref });
    none('It costs $5 billion a year.');
    none('in a year of crisis');
    none('the start of the Year of the Monkey');
    none('联系电话（0571）8502 2088。');
  });
});

describe('dates: citation years, durations and numbers that are not dates', () => {
  it('citation years', () => {
    check('《国际观察》2006,(1):69-76', '2006', { span: '2006' });
    check('2015,(2):25-31,60,63', '2015', { span: '2015' });
  });
  it('durations', () => {
    check('4年多', 'P4Y', { type: 'DURATION', mod: 'APPROX' });
    check('180天', 'P180D', { type: 'DURATION' });
    check('10年', 'P10Y', { type: 'DURATION' });
    check('未来10年', 'P10Y', { type: 'DURATION', span: '10年' });
    check('50分钟', 'PT50M', { type: 'DURATION' });
    check('一个月内', 'P1M', { type: 'DURATION', span: '一个月' });
    check('近一个小时', 'PT1H', { type: 'DURATION', mod: 'APPROX' });
    check('十年左右', 'P10Y', { type: 'DURATION', mod: 'APPROX' });
    check('3个月', 'P3M', { type: 'DURATION' });
    check('暂停履约180天', 'P180D', { type: 'DURATION', span: '180天' });
  });
  it('numbers without a time unit produce nothing', () => {
    none('俄罗斯与北约建立“2 0国机制”');
    none('沪ICP备10207042号-1');
    none('互联网新闻信息服务许可证:31120240001');
    none('举报电话:021-62870000');
    none('7.5亿美元');
    none('2000萬平民');
    none('G20峰会');
    none('(沪)字第510号');
    none('沪公网安备 31010602001114号');
  });
  it('十月革命 / 二月革命 are named events, not a month of the context year', () => {
    const text = '1917年的十月革命与二月革命改变了世界。他在十月访问了莫斯科。';
    const found = findDates(text);
    assert.deepEqual(found.map((d) => [d.text, d.value]), [['1917年', '1917'], ['十月', '1917-10']]);
    assert.equal(found[1]!.start, text.indexOf('在十月') + 1);
  });
  it('astral characters before a date do not shift offsets', () => {
    const text = '😊😊 2014年7月,😊 October 9, 2023';
    const found = findDates(text);
    assert.deepEqual(found.map((d) => d.value), ['2014-07', '2023-10-09']);
    wellFormed(text, found);
    assert.equal(found[0]!.start, 5);
  });
});

describe('dates: references, segments and standalone parsing', () => {
  it('inferReference: the latest explicit full year', () => {
    assert.deepEqual(inferReference('2014年7月, 1987年, 《现代国际关系》2015,(2)'), { value: '2015', how: 'inferred: latest explicit year' });
    assert.equal(inferReference('10年, 近年来, 90年代'), undefined);
    const t = 'xx 2014年 yy 2019年';
    assert.equal(inferReference(t, { start: 0, end: 9 })!.value, '2014');
  });
  it('segment reference > defaultReference > inferred > unresolved', () => {
    const text = '2014年,今年。|今年。|今年。';
    const segs: DateSegment[] = [
      { start: 0, end: 8 },
      { start: 8, end: 12, reference: { value: '2008', how: 'metadata: record year' } },
      { start: 12, end: text.length },
    ];
    const found = findDates(text, { segments: segs });
    assert.deepEqual(
      found.map((d) => [d.value, d.anchor]),
      [
        ['2014', 'explicit'],
        ['2014', 'inferred: latest explicit year (2014)'],
        ['2008', 'metadata: record year 2008'],
        ['XXXX', 'unresolved'],
      ],
    );
    const withDefault = findDates(text, { segments: segs, defaultReference: { value: '2020', how: 'setting' } });
    assert.deepEqual(withDefault.map((d) => d.value), ['2014', '2020', '2008', '2020']);
  });
  it('bad segments and references are clear errors', () => {
    assert.throws(() => findDates('abc', { segments: [{ start: 0, end: 9 }] }), /segment 0: invalid span \[0, 9\)/);
    assert.throws(() => findDates('abcdef', { segments: [{ start: 0, end: 4 }, { start: 2, end: 6 }] }), /segments overlap/);
    assert.throws(() => findDates('今年', { defaultReference: { value: '2021/12', how: 'setting' } }), /invalid reference date "2021\/12" \(setting\)/);
    assert.throws(() => findDates('今年', { defaultReference: { value: '2021-13', how: 'x' } }), /invalid month/);
  });
  it('parseStandaloneDate', () => {
    assert.equal(parseStandaloneDate('2021-12-31 17:23:55'), '2021-12-31T17:23:55');
    assert.equal(parseStandaloneDate('October 9, 2023'), '2023-10-09');
    assert.equal(parseStandaloneDate(' October 9, 2023 '), '2023-10-09');
    assert.equal(parseStandaloneDate('2006'), '2006');
    assert.equal(parseStandaloneDate('2015,(2)'), '2015');
    assert.equal(parseStandaloneDate('2015,(2):25-31,60,63'), '2015');
    assert.equal(parseStandaloneDate('2014年7月'), '2014-07');
    assert.equal(parseStandaloneDate('二〇〇二年五月十日'), '2002-05-10');
    assert.equal(parseStandaloneDate('今年'), undefined);
    assert.equal(parseStandaloneDate('03.03'), undefined);
    assert.equal(parseStandaloneDate('Foreign Affairs'), undefined);
    assert.equal(parseStandaloneDate('2014年7月,美国国务院'), undefined);
    assert.equal(parseStandaloneDate(''), undefined);
  });
});

describe('dates: samples at their real positions', () => {
  it('000 journal-abstract listing, per record', () => {
    const text = sample('000');
    const segs = records(text);
    // The analyst gave the 今年 record (about the 2008 Russia-Georgia war) its year in the sidecar.
    const jin = text.indexOf('今年俄格');
    const k = segs.findIndex((s) => s.start <= jin && jin < s.end);
    segs[k] = { ...segs[k]!, reference: { value: '2008', how: 'setting (sidecar)' } };
    const found = findDates(text, { segments: segs });
    wellFormed(text, found);
    assert.equal(at(text, found, '2015').value, '2015');
    assert.equal(at(text, found, '2014年7月').value, '2014-07');
    assert.equal(at(text, found, '1987年').value, '1987');
    assert.equal(at(text, found, '2006').value, '2006');
    const y = at(text, found, '今年');
    assert.deepEqual([y.value, y.anchor], ['2008', 'setting (sidecar) 2008']);
    assert.equal(at(text, found, '20世纪60年代').value, '196X');
    assert.equal(at(text, found, '2019年2月').value, '2019-02');
    assert.equal(at(text, found, '180天').value, 'P180D');
    assert.equal(at(text, found, '20 0 2年 5月').value, '2002-05');
    const c = at(text, found, '20世纪90年代初');
    assert.deepEqual([c.value, c.mod], ['199X', 'START']);
    assert.equal(at(text, found, '21世纪').value, '20XX');
    assert.equal(at(text, found, '2008年5月至2012年5月').value, '2008-05/2012-05');
    assert.equal(at(text, found, '1995').value, '1995');
    assert.equal(at(text, found, '1995', 1).value, '1995');
    assert.ok(!found.some((d) => d.text.includes('2 0国') || text.slice(d.start, d.end + 1).endsWith('国')));
    // Without a sidecar reference the 今年 record has no year of its own: it stays unresolved.
    const plain = findDates(text, { segments: records(text) });
    const y2 = at(text, plain, '今年');
    assert.deepEqual([y2.value, y2.anchor], ['XXXX', 'unresolved']);
  });
  it('000: a record resolves relative dates against its own citation year', () => {
    const text = sample('000');
    const rec = text.indexOf('张耀 《国际观察》2006');
    const withRel = text.slice(0, rec) + '张耀 《国际观察》2006,(1):69-76\n今年,明年。  相似文献';
    const found = findDates(withRel, { segments: records(withRel) });
    // (the first 今年 of the file is the earlier 今年俄格 record)
    assert.equal(at(withRel, found, '今年', 1).value, '2006');
    assert.equal(at(withRel, found, '今年', 1).anchor, 'inferred: latest explicit year (2006)');
    assert.equal(at(withRel, found, '明年').value, '2007');
  });
  it('001 news article (reference: its timestamp)', () => {
    const text = sample('001');
    const found = findDates(text, { defaultReference: { value: '2021-12-31T17:23:55', how: 'metadata: timestamp' } });
    wellFormed(text, found);
    const ts = at(text, found, '2021-12-31 17:23:55');
    assert.deepEqual([ts.value, ts.type], ['2021-12-31T17:23:55', 'TIME']);
    const bj = at(text, found, '12月31日4点35分');
    assert.deepEqual([bj.value, bj.type], ['2021-12-31T04:35', 'TIME']);
    assert.equal(at(text, found, '12月7日').value, '2021-12-07');
    const jan = at(text, found, '1月');
    assert.deepEqual([jan.value, jan.anchor], ['2022-01', 'metadata: timestamp 2021-12-31T17:23:55']);
    assert.equal(at(text, found, '明年').value, '2022');
    const mid = at(text, found, '下个月中旬');
    assert.deepEqual([mid.value, mid.mod], ['2022-01', 'MID']);
    assert.equal(at(text, found, '2022年1月10日').value, '2022-01-10');
    assert.equal(at(text, found, '1月12日').value, '2022-01-12');
    assert.equal(at(text, found, '1月13日').value, '2022-01-13');
    assert.equal(at(text, found, '今年以来').value, '2021/..');
    assert.equal(at(text, found, '日前').value, '2021-12-31');
    assert.equal(at(text, found, '2022财年').value, '2022');
    assert.equal(at(text, found, '12月17日').value, '2021-12-17');
    assert.equal(at(text, found, '50分钟').value, 'PT50M');
    assert.equal(at(text, found, '2025/06/12').value, '2025-06-12');
    // Footer numbers are not dates.
    const footer = text.indexOf('举报电话');
    const inFooter = found.filter((d) => d.start > footer).map((d) => d.text);
    assert.deepEqual(inFooter, ['2016']); // Copyright © 2016
    assert.ok(!found.some((d) => d.text.includes('7.5')));
  });
  it('001 with no reference infers none from the segment only when it names a year', () => {
    const text = sample('001');
    const head = text.indexOf('俄乌边境局势持续紧张');
    const end = text.indexOf('(看看新闻Knews记者 杨臻)');
    const found = findDates(text, {
      segments: [{ start: head, end, reference: { value: '2021-12-31', how: 'metadata: timestamp' } }],
    });
    const bj = at(text, found, '12月31日4点35分');
    assert.equal(bj.value, '2021-12-31T04:35');
    assert.equal(bj.anchor, 'metadata: timestamp 2021-12-31');
  });
  it('002 traditional Q&A page, one segment per commentator', () => {
    const text = sample('002');
    const found = findDates(text);
    wellFormed(text, found);
    // 03.03 (the page's date stamp, year unknown) is deliberately not taken.
    assert.ok(!found.some((d) => d.start === 0));
    assert.equal(at(text, found, '2017年8月2日').value, '2017-08-02');
    const anaphor = at(text, found, '8月2日', 1);
    assert.deepEqual([anaphor.value, anaphor.anchor], ['2017-08-02', 'context: previous date 2017-08-02']);
    assert.equal(at(text, found, '4年多').value, 'P4Y');
    const summer = at(text, found, '今年夏天');
    assert.equal(summer.value, '2018-22');
    assert.equal(summer.anchor, 'inferred: latest explicit year (2018)');
    assert.equal(at(text, found, '今年年初').mod, 'START');
    assert.equal(at(text, found, '3月份').value, '2018-03');
    const withRef = findDates(text, { defaultReference: { value: '2018-06-20', how: 'setting' } });
    assert.equal(at(text, withRef, '今年1月30日').value, '2018-01-30');
    assert.equal(at(text, withRef, '6月8日').value, '2018-06-08');
  });
  it('003 think-tank summary', () => {
    const text = sample('003');
    const found = findDates(text);
    wellFormed(text, found);
    assert.equal(at(text, found, 'October 9, 2023').value, '2023-10-09');
    const dateLine = text.split('\n').find((l) => l.startsWith('日期/Date'))!;
    assert.equal(parseStandaloneDate(dateLine.slice(dateLine.indexOf(':') + 1)), '2023-10-09');
  });
  it('004 abstract listing', () => {
    const text = sample('004');
    const found = findDates(text, { segments: records(text) });
    wellFormed(text, found);
    assert.equal(at(text, found, '2012年6月28日').value, '2012-06-28');
    // 自2001年6月成立以来: 自 DATE + the event of that date + 以来 is one open interval.
    const since = at(text, found, '自2001年6月成立以来');
    assert.deepEqual([since.value, since.mod], ['2001-06/..', 'SINCE']);
    assert.equal(at(text, found, '21 世纪').value, '20XX');
    const future = at(text, found, '10年');
    assert.deepEqual([future.value, future.type], ['P10Y', 'DURATION']);
    assert.equal(text.slice(future.start - 2, future.start), '未来');
    assert.equal(at(text, found, '10年', 1).value, 'P10Y');
    assert.equal(at(text, found, '2009年2月4—5日').value, '2009-02-04/2009-02-05');
    const early = at(text, found, '21世纪初');
    assert.deepEqual([early.value, early.mod], ['20XX', 'START']);
    assert.equal(at(text, found, '近年来').value, 'PXY');
    assert.equal(at(text, found, '2004').value, '2004');
    assert.equal(at(text, found, '2021年').value, '2021');
  });
});

describe('dates: robustness', () => {
  it('random mixtures of date characters: no throw, sorted, non-overlapping, spans match', () => {
    const alphabet = [...'0123456789２０〇一二十年月日号世纪紀代初中末旬上下今去明前后本近个天分钟小时点至到—-~/.,( )\n😊MayOctober in the early s'];
    let seed = 7;
    const rnd = () => (seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648;
    for (let n = 0; n < 300; n++) {
      let text = '';
      const len = 5 + Math.floor(rnd() * 60);
      for (let k = 0; k < len; k++) text += alphabet[Math.floor(rnd() * alphabet.length)];
      const found = findDates(text, { defaultReference: REF });
      wellFormed(text, found);
      for (const d of found) assert.ok(d.value.length > 0 && d.anchor.length > 0, JSON.stringify(d));
    }
  });
  it('long runs of spaced digits and numerals are read in linear time', () => {
    const text = '1 '.repeat(50_000) + '一'.repeat(50_000) + '2'.repeat(50_000) + 'a'.repeat(50_000) + ' 2014年7月';
    const found = findDates(text);
    assert.deepEqual(found.map((d) => d.value), ['2014-07']);
  });
});

describe('dates: rules found on held-out 5 (general forms, with what they must not take)', () => {
  const texts = (text: string, ref: Reference = REF) => findDates(text, { defaultReference: ref }).map((d) => [d.text, d.value]);
  it('a year bounded by 前 / 后 before a verb; 前后 / 前夕 / 后来 are other words', () => {
    check('中国力争于2030年前达到峰值', '../2030', { span: '2030年前', mod: 'BEFORE' });
    check('2012年后逐步放开', '2012/..', { span: '2012年后', mod: 'AFTER' });
    assert.deepEqual(texts('2030年前后将迎来人口高峰'), [['2030年', '2030']]);
    assert.deepEqual(texts('2020年前夕的局势'), [['2020年', '2020']]);
    // A day keeps 前 out before a verb, as the evaluation sets have it.
    assert.deepEqual(texts('美軍預計在8月31日前完成撤軍'), [['8月31日', '2022-08-31']]);
  });
  it('a period of the day alone is that part of the reference day; not a habit, a stretch or a word it begins', () => {
    check('警方下午施放催淚彈', '2021-12-31TAF', { span: '下午', type: 'TIME' });
    check('凌晨，警方在灣仔設置鐵馬', '2021-12-31TNI', { span: '凌晨', type: 'TIME' });
    check('開票結果預計於晚間公布', '2021-12-31TEV', { span: '晚間', type: 'TIME' });
    check('政務司司長今午呼籲示威者離開', '2021-12-31TAF', { span: '今午', type: 'TIME' });
    assert.deepEqual(texts('他每天下午都去图书馆，整个上午都在开会'), []);
    assert.deepEqual(texts('下午茶和晚上好都不是日期，台鐵加開夜間列車'), []);
    assert.deepEqual(texts('他每周三下午都会去图书馆'), []);
    // After a date the period is that date's, one mention.
    assert.deepEqual(texts('中秋晚上，維園舉行綵燈會'), [['中秋', '2021-09-21']]);
  });
  it('晚 alone after a day is its night; 晚些时候 / 晚宴 are other words', () => {
    check('示威者3日晚在旺角聚集', '2021-12-03TNI', { span: '3日晚', type: 'TIME' });
    check('11月16日晚，补给船闯入仁爱礁', '2021-11-16TNI', { span: '11月16日晚', type: 'TIME' });
    check('农历正月十五晚，央视直播元宵晚会', '2021-02-26TNI', { span: '农历正月十五晚', type: 'TIME' });
    assert.deepEqual(texts('他3日晚些时候抵达'), [['3日', '2021-12-03']]);
    assert.deepEqual(texts('总统10日晚宴款待来宾'), [['10日', '2021-12-10']]);
  });
  it('N日 after a verb of lasting counts days, in both scripts', () => {
    check('反修例運動至今已持續79日', 'P79D', { span: '79日', type: 'DURATION' });
    check('会议为期3日', 'P3D', { span: '3日', type: 'DURATION' });
    check('罢工长达十日', 'P10D', { span: '十日', type: 'DURATION' });
  });
  it('without a reference, a dateline at the head of the text is its reference date; a first sentence is not', () => {
    const got = (text: string) => findDates(text).map((d) => [d.text, d.value, d.anchor]);
    assert.deepEqual(got('【2011年3月11日讯】日本东北部海域今天下午发生强烈地震，2012年重建'), [
      ['2011年3月11日', '2011-03-11', 'explicit'],
      ['今天下午', '2011-03-11TAF', 'inferred: dateline (2011-03-11)'],
      ['2012年', '2012', 'explicit'],
    ]);
    assert.deepEqual(got('（中央社記者東京2022年7月8日電）安倍晉三今天上午遭槍擊')[1], ['今天上午', '2022-07-08TMO', 'inferred: dateline (2022-07-08)']);
    assert.deepEqual(got('2021-12-07　眾新聞　記者報道：今日凌晨警方拘捕三人')[1], ['今日凌晨', '2021-12-07TNI', 'inferred: dateline (2021-12-07)']);
    // A date opening a sentence is not a dateline: the latest year stands in, as before.
    assert.deepEqual(got('2003年3月20日，美国入侵伊拉克。今天')[1], ['今天', '2003-XX-XX', 'inferred: latest explicit year (2003)']);
  });
  it('English: bill numbers and counts are not years; this decade; the day before yesterday; day-first day ranges', () => {
    assert.deepEqual(texts('House Bill 2023 would restrict the purchase of farmland; Bill HB 2023 too.'), []);
    assert.deepEqual(texts('The transcript runs to 2023 words and lists 2019 signatures.'), []);
    assert.deepEqual(texts('The 2023 bill was passed.'), [['2023', '2023']]);
    check('Defence spending has kept rising this decade.', '202X', { span: 'this decade' });
    assert.deepEqual(texts('Over the next decade, spending will rise.'), []);
    check('A delegation arrived the day before yesterday.', '2021-12-29', { span: 'the day before yesterday' });
    check('They return the day after tomorrow.', '2022-01-02', { span: 'the day after tomorrow' });
    check('The talks were held from 6 to 10 March 2021.', '2021-03-06/2021-03-10', { span: '6 to 10 March 2021' });
    check('The talks were held between 6 and 10 March 2021.', '2021-03-06/2021-03-10', { span: 'between 6 and 10 March 2021' });
    // Without "between", "6 and 10 March" is no range: 10 March alone.
    assert.deepEqual(texts('Talks are planned on 6 and 10 March'), [['10 March', '2022-03-10']]);
  });
  it('English: an event put on a date ("election for", "scheduled for", "to hold ... on") is still to come', () => {
    const jun: Reference = { value: '2024-06-10', how: 'test' };
    assert.deepEqual(texts('Macron dissolved parliament and called a snap election for June 30.', jun), [['June 30', '2024-06-30']]);
    const jul: Reference = { value: '2025-07-09', how: 'test' };
    assert.deepEqual(texts('Parliament voted to hold a snap election on March 1.', jul), [['March 1', '2026-03-01']]);
    // A visit planned for a date and then postponed is said after the fact.
    const feb: Reference = { value: '2023-02-16', how: 'test' };
    assert.deepEqual(texts('Blinken postponed a visit to Beijing planned for February 5-6.', feb), [['February 5-6', '2023-02-05/2023-02-06']]);
  });
  it("a person's years in a relative clause set off by commas are no context for the main clause", () => {
    const oct: Reference = { value: '2022-10-30', how: 'test' };
    assert.deepEqual(texts('Lula, who governed Brazil from 2003 to 2010, won the first round on October 2.', oct), [
      ['from 2003 to 2010', '2003/2010'],
      ['October 2', '2022-10-02'],
    ]);
    // Inside the clause, after a coordinated range, and in an aside about a thing, the years stay the context.
    assert.deepEqual(texts('Lula, who governed from 2003 to 2010 and left office on December 31, is back.', oct)[1], ['December 31', '2010-12-31']);
    assert.deepEqual(texts('The talks ran from 2003 to 2009, and the last round ended on December 8.', oct)[1], ['December 8', '2009-12-08']);
    assert.deepEqual(texts('The dispute, which lasted 2010-2012, was settled in September.', oct)[1], ['September', '2012-09']);
  });
  it('an event dated by the text is no event of unknown date', () => {
    assert.deepEqual(texts('The protests were the largest since the handover in 1997.'), [['1997', '1997']]);
    assert.deepEqual(texts('The protests were the largest since the handover.'), [['since the handover', 'XXXX/..']]);
    assert.deepEqual(texts('2008年国际金融危机之后，东亚合作提速'), [['2008年', '2008']]);
    assert.deepEqual(texts('国际金融危机之后，东亚合作提速'), [['金融危机之后', 'XXXX/..']]);
  });
  it("兒童節 in traditional script is 4 April (Taiwan, Hong Kong); 儿童节 and 六一兒童節 are 1 June", () => {
    assert.deepEqual(texts('兒童節與清明節連假共5天'), [['兒童節', '2021-04-04'], ['清明節', '2021-04-04'], ['5天', 'P5D']]);
    assert.deepEqual(texts('儿童节快乐，六一兒童節'), [['儿童节', '2021-06-01'], ['六一兒童節', '2021-06-01']]);
  });
  it('"the next day" / "the following day" is the day after the day named before it; without one nothing', () => {
    assert.deepEqual(texts('On June 2 the talks stalled; they resumed the next day.'), [['June 2', '2022-06-02'], ['the next day', '2022-06-03']]);
    assert.deepEqual(texts('He arrived on December 20, 2021 and left the following day.')[1], ['the following day', '2021-12-21']);
    assert.deepEqual(texts('Talks resumed the following day; the next day\'s session was short.'), []);
  });
  it('前日 is the day before yesterday; 前日本首相 and 目前日益 are not', () => {
    check('行政長官林鄭月娥前日表示，將建立對話平台', '2021-12-29', { span: '前日' });
    assert.deepEqual(texts('前日本首相安倍晋三表示，目前日益严峻，提前日期'), []);
  });
  it('a range of months within a year is the one whose end is nearest to the reference', () => {
    const sep: Reference = { value: '2020-09-23', how: 'test' };
    assert.deepEqual(texts('1—8月，中国货物贸易进出口总值同比下降0.6%', sep), [['1—8月', '2020-01/2020-08']]);
    assert.deepEqual(texts('11月至2月，北方地区普遍供暖', { value: '2006-03-22', how: 'test' }), [['11月至2月', '2005-11/2006-02']]);
  });
});

describe('dates: ROC years without 民國 (dates6)', () => {
  const ref2025: Reference = { value: '2025-08-15', how: 'setting (test)' };
  it('a three-digit year up to 30 years before the reference in traditional text, 來 before a place is "come to"', () => {
    check('中央社報導，111年來台的外國旅客約90萬人次。', '2022', { span: '111年', ref: ref2025 });
    check('國發會指出，105年經濟成長率為1.5%。', '2016', { span: '105年', ref: ref2025 });
  });
  it('stays a duration: 來 without a place, a count of years far from the ROC year, simplified text', () => {
    check('建校111年來，臺灣大學培育人才無數。', 'P111Y', { span: '111年', type: 'DURATION', ref: ref2025 });
    check('該公司創立150年來首度虧損。', 'P150Y', { span: '150年', type: 'DURATION', ref: ref2025 });
    check('这座古桥已有111年历史。', 'P111Y', { span: '111年', type: 'DURATION', ref: ref2025 });
  });
});

describe('dates: a bare lunar day after a lunar date or festival (dates6)', () => {
  const ref: Reference = { value: '2024-02-14', how: 'setting (test)' };
  const values = (text: string) => findDates(text, { defaultReference: ref }).map((d) => `${d.text}=${d.value}`);
  it('初二 / 初六 take the lunar month and year of the lunar date or festival before them', () => {
    assert.deepEqual(values('今天是农历正月初五，俗称破五。初六返程高峰开始。'), ['今天=2024-02-14', '农历正月初五=2024-02-14', '初六=2024-02-15']);
    assert.deepEqual(values('春节假期，初二回娘家的人最多。'), ['春节=2024-02-10', '初二=2024-02-11']);
    assert.deepEqual(values('中秋节前后，八月初三的潮水最大，初五退潮。').slice(-1), ['初五=2024-09-07']);
  });
  it('without a lunar date before them 初一..初三 are school grades, and stay unmarked', () => {
    none('初三学生共有1200名，初一新生800名。');
  });
});

describe('dates: fiscal and season year ranges (dates6)', () => {
  const ref: Reference = { value: '2025-04-10', how: 'setting (test)' };
  it('2024-25 / 2025-26 in running text, FY25 / FY2024-25, 2024至25年度 are years and ranges of years', () => {
    check('Hero MotoCorp led sales in 2024-25 with a 28.84% share.', '2024/2025', { span: '2024-25', ref });
    check('The 2025-26 Union Budget was presented.', '2025/2026', { span: '2025-26', ref });
    check('Exports fell 17% in FY25.', '2025', { span: 'FY25', ref });
    check('Revenue for FY2024-25 rose.', '2024/2025', { span: 'FY2024-25', ref });
    check('2024至25年度財政預算案已發表。', '2024/2025', { span: '2024至25年', ref });
  });
  it('no dates: a lower-case fy, FYI, counts and phone numbers with dashes', () => {
    none('The FYI page lists 2000 people.');
    none('Call 010-6596-2500 for details.');
    none('共有2000名学生，2000万元投资。');
  });
});

describe('dates: quarters written 第N季 and the first N quarters (dates6)', () => {
  const ref: Reference = { value: '2025-10-20', how: 'setting (test)' };
  it('民國114年第三季, 2024年第三季, 今年第一季; 前三季度, 首三季', () => {
    check('主計總處預估民國114年第三季經濟成長率為3.1%。', '2025-35', { span: '民國114年第三季', ref });
    check('香港2024年第三季本地生產總值增長1.8%。', '2024-35', { span: '2024年第三季', ref });
    check('行政院將於今年第一季提出修正案。', '2025-33', { span: '今年第一季', ref });
    check('前三季度国内生产总值同比增长5.2%。', '2025-01/2025-09', { span: '前三季度', ref });
    check('首三季整體經濟增長2.6%。', '2025-01/2025-09', { span: '首三季', ref });
  });
  it('no date: the first three seasons of a league (前三季 without 度)', () => {
    none('他在前三季的比赛中场均得到20分。');
  });
});

describe('dates: ROC years before a part of the year or 度 (dates6)', () => {
  const ref: Reference = { value: '2025-08-15', how: 'setting (test)' };
  it('114年上半年 is a half of 2025 in either script; 115年度 the fiscal year 2026 (度 outside, as the sets have it)', () => {
    check('114年上半年出口年增逾20%。', '2025-40', { span: '114年上半年', ref });
    check('行政院通過115年度中央政府總預算案。', '2026', { span: '115年', ref });
  });
  it('a count of years before 初 / 中 stays a count', () => {
    check('已有150年初具规模', 'P150Y', { span: '150年', type: 'DURATION', ref });
  });
});

describe('dates: compounds read by two rules, joined (dates8)', () => {
  const texts = (text: string, value: string) => findDates(text, { defaultReference: { value, how: 'setting (test)' } }).map((m) => `${m.text}=${m.value}`);
  it('a range whose ends are read by different rules: 上月15日至本月7日, 下週四至11月2日, 今日（7月31日）至8月11日', () => {
    assert.deepEqual(texts('上月15日至本月7日，隧道每日平均車流逾8萬架次。', '2023-01-28'), ['上月15日至本月7日=2022-12-15/2023-01-07']);
    assert.deepEqual(texts('綠置居屋項目下週四至11月2日接受申請。', '2016-10-13'), ['下週四至11月2日=2016-10-20/2016-11-02']);
    assert.deepEqual(texts('例行記者會將於今日（7月31日）至8月11日休會。', '2023-07-31'), ['今日（7月31日）至8月11日=2023-07-31/2023-08-11']);
  });
  it('two consecutive days joined by 和 are one range: 上周五和周六', () => {
    assert.deepEqual(texts('令上周五和周六的財委會會議無法進行。', '2017-07-18'), ['上周五和周六=2017-07-14/2017-07-15']);
  });
  it('stays apart: days that do not follow each other, a range that would end before it starts, a day and its weekday', () => {
    assert.deepEqual(texts('会议于上周一和周三举行。', '2017-07-18'), ['上周一=2017-07-10', '周三=2017-07-12']);
    assert.deepEqual(texts('本月7日到上月15日的数据', '2023-01-28'), ['本月7日=2023-01-07', '上月15日=2022-12-15']);
    assert.deepEqual(texts('訂於本（10）月18日（星期三）舉行', '2023-10-16'), ['本（10）月18日=2023-10-18', '星期三=2023-10-18']);
  });
});

describe('dates: English fiscal years written out (dates8)', () => {
  const ref: Reference = { value: '2025-04-10', how: 'setting (test)' };
  it('fiscal 2025, fiscal year 2000, fiscal 2024-25, the fourth quarter of Fiscal 2024', () => {
    check('The company expects growth in fiscal 2025.', '2025', { span: 'fiscal 2025', ref });
    check('Our fiscal year 2000 budget request', '2000', { span: 'fiscal year 2000', ref });
    check('Operating ratio improved for fiscal 2024-25.', '2024/2025', { span: 'fiscal 2024-25', ref });
    check('The exit completes in the fourth quarter of Fiscal 2024.', '2024-36', { span: 'fourth quarter of Fiscal 2024', ref });
  });
  it('no date: fiscal policy, a fiscal year without its year, a fiscal range that goes backwards', () => {
    none('Fiscal policy stayed tight; the fiscal year ends soon.');
    assert.deepEqual(findDates('for fiscal 2024-22 results', { defaultReference: ref }).map((m) => m.text), []);
  });
});

describe('dates: schedules, 上年, 中華民國 and 民國元年 (dates8)', () => {
  const texts = (text: string, value: string) => findDates(text, { defaultReference: { value, how: 'setting (test)' } }).map((m) => `${m.text}=${m.value}`);
  it('a recurring schedule after 服务时间 / 辦公時間 is no date; a dated day there and a meeting time stay', () => {
    assert.deepEqual(texts('諮詢專線0800-066-666，服務時間為週一至週五上午9時至下午5時。', '2024-03-08'), []);
    assert.deepEqual(texts('运输署热线，办公时间为上午8时至晚上8时。', '2023-01-28'), []);
    assert.deepEqual(texts('展览开放时间为3月1日至5日。', '2024-02-20'), ['3月1日至5日=2024-03-01/2024-03-05']);
    assert.deepEqual(texts('会议时间为周一上午9时。', '2024-03-08'), ['周一上午9时=2024-03-04T09']);
    // The clause ends at a comma: a weekday after it is a date again.
    assert.deepEqual(texts('服务时间为工作日，周一将举行发布会。', '2024-03-08'), ['周一=2024-03-11']);
  });
  it('上年 is the year before the one the text speaks of, else before the reference year; 马上 / 上年纪 are words', () => {
    assert.deepEqual(texts('2022年国内生产总值比上年增长3.0%。', '2023-01-17'), ['2022年=2022', '上年=2021']);
    assert.deepEqual(texts('全国人口比上年末减少85万人。', '2023-01-17'), ['上年末=2022']);
    assert.deepEqual(texts('他马上年底就要退休了，上了年纪的人。', '2023-01-17'), []);
  });
  it('中華民國 before an ROC date is part of it; 民國元年 is 1912; the state name alone is nothing', () => {
    assert.deepEqual(texts('行政院函 中華民國109年12月14日', '2020-12-14'), ['中華民國109年12月14日=2020-12-14']);
    assert.deepEqual(texts('文告日期為中華民國一一三年十月十日。', '2024-10-10'), ['中華民國一一三年十月十日=2024-10-10']);
    assert.deepEqual(texts('中華民國於民國元年建立。', '2024-10-10'), ['民國元年=1912']);
    assert.deepEqual(texts('中華民國憲法第一條', '2024-10-10'), []);
  });
});

describe('dates: English weekdays, runs of units, events counted from (dates8)', () => {
  const texts = (text: string, value: string) => findDates(text, { defaultReference: { value, how: 'setting (test)' } }).map((m) => `${m.text}=${m.value}`);
  it('"last Tuesday" is the Tuesday of last week, like 上周二 (and "next Tuesday" of next week)', () => {
    assert.deepEqual(texts('Last Tuesday, the Fed left rates unchanged.', '2024-05-15'), ['Last Tuesday=2024-05-07']);
    assert.deepEqual(texts('The ministers met last Friday.', '2006-03-22'), ['last Friday=2006-03-17']);
  });
  it('a plan reported further back in the clause looks ahead; a comma ends the clause', () => {
    assert.deepEqual(texts('Cavusoglu said President Tayyip Erdogan would speak with Russian President Vladimir Putin about Syria on Monday.', '2018-09-14'), ['Monday=2018-09-17']);
    assert.deepEqual(texts('Iran will stop observing limits on enrichment, the government said on Sunday.', '2020-01-08'), ['Sunday=2020-01-05']);
  });
  it('a newspaper named after a weekday is no date', () => {
    assert.deepEqual(texts('The Sunday Times reported the visit on Monday.', '2023-06-20'), ['Monday=2023-06-19']);
  });
  it('13 consecutive years, five straight days: durations', () => {
    check('China has remained its largest trading partner for 13 consecutive years.', 'P13Y', { span: '13 consecutive years', type: 'DURATION' });
    check('Temperatures topped 110 degrees for five straight days.', 'P5D', { span: 'five straight days', type: 'DURATION' });
  });
  it('"53 days after the war began" is counted from the event, not the open interval after it; "days after the invasion" is', () => {
    assert.deepEqual(texts('The meeting came 53 days after the war began.', '2023-11-29'), ['53 days=P53D']);
    assert.deepEqual(texts('Ukraine applied for membership days after the invasion.', '2023-10-27'), ['after the invasion=XXXX/..']);
  });
});

describe('dates: English clock times with a dot, year ranges written like months (dates8)', () => {
  const texts = (text: string, value: string) => findDates(text, { defaultReference: { value, how: 'setting (test)' } }).map((m) => `${m.text}=${m.value}`);
  it('3.30pm, 10.30am: a dotted time only with am / pm; a decimal stays a number', () => {
    assert.deepEqual(texts('A press conference will be held at 3.30pm today.', '2024-12-18'), ['3.30pm=2024-12-18T15:30', 'today=2024-12-18']);
    assert.deepEqual(texts('The meeting starts at 10.30am.', '2024-12-18'), ['10.30am=2024-12-18T10:30']);
    assert.deepEqual(texts('Growth was 3.30 percent.', '2024-12-18'), []);
  });
  it('"the 2008-09 financial crisis" is a range of years; 2008-09 alone is September 2008', () => {
    assert.deepEqual(texts('The 2008-09 financial crisis pushed banks abroad.', '2021-06-15'), ['2008-09=2008/2009']);
    assert.deepEqual(texts('Data released 2008-09 show the trend.', '2021-06-15'), ['2008-09=2008-09']);
  });
});

describe('dates: a Chinese clause that reports what was done takes the past date (dates8)', () => {
  const texts = (text: string, value: string) => findDates(text, { defaultReference: { value, how: 'setting (test)' } }).map((m) => `${m.text}=${m.value}`);
  it('于1月2日抓扣了 said in July is last January; 将于1月2日 and a clause without 了 keep the nearest', () => {
    assert.deepEqual(texts('缅甸军方于1月2日在克钦邦抓扣了这批伐木工人。', '2015-07-22'), ['1月2日=2015-01-02']);
    assert.deepEqual(texts('双方将于1月2日举行会谈。', '2015-07-22'), ['1月2日=2016-01-02']);
    assert.deepEqual(texts('1月2日，为了解决问题，双方举行会谈。', '2015-07-22'), ['1月2日=2016-01-02']);
  });
});

describe('dates: a season written after a year alone, and the school recesses (dates8)', () => {
  const texts = (text: string, value: string) => findDates(text, { defaultReference: { value, how: 'setting (test)' } }).map((m) => `${m.text}=${m.value}`);
  it('2013年秋， / 2023年暑期 / 去年暑期 / 2024年寒假; 2022年冬奥会 keeps the year only', () => {
    assert.deepEqual(texts('2013年秋，习近平主席提出共建倡议。', '2017-03-08'), ['2013年秋=2013-23']);
    assert.deepEqual(texts('2023年暑期，外交部例行記者會將休會。', '2023-07-31'), ['2023年暑期=2023-22']);
    assert.deepEqual(texts('去年暑期休會兩周。', '2023-07-31'), ['去年暑期=2022-22', '兩周=P2W']);
    assert.deepEqual(texts('2024年寒假期间', '2023-12-01'), ['2024年寒假=2024-24']);
    assert.deepEqual(texts('2022年冬奥会在北京举行。', '2023-12-01'), ['2022年=2022']);
  });
});

describe('dates: solar terms (dates8)', () => {
  const texts = (text: string, value: string) => findDates(text, { defaultReference: { value, how: 'setting (test)' } }).map((m) => `${m.text}=${m.value}`);
  it('冬至 / 夏至 / 立春 on their day of the year (the 21st-century formula and its known misses)', () => {
    assert.deepEqual(texts('天文台預測，冬至當日氣溫將降至12度。', '2024-12-18'), ['冬至=2024-12-21']);
    assert.deepEqual(texts('2021年冬至', '2021-12-01'), ['2021年冬至=2021-12-21']);
    assert.deepEqual(texts('2024年夏至，日照最长。', '2024-06-01'), ['2024年夏至=2024-06-21']);
    assert.deepEqual(texts('2025年立春', '2025-01-10'), ['2025年立春=2025-02-03']);
  });
});

describe('dates: the end / middle / start of a month in English (dates8)', () => {
  const texts = (text: string, value: string) => findDates(text, { defaultReference: { value, how: 'setting (test)' } }).map((m) => `${m.text}=${m.value}${m.mod ? ' ' + m.mod : ''}`);
  it('the end of June (the June just past in a past sentence), the middle of March 2019, by the end of March 2019', () => {
    assert.deepEqual(texts('The population rose to 7.53 million at the end of June, the department said.', '2024-12-18'), ['end of June=2024-06 END']);
    assert.deepEqual(texts('Talks resume in the middle of March 2019.', '2018-12-01'), ['middle of March 2019=2019-03 MID']);
    assert.deepEqual(texts('The deal must be signed by the end of March 2019.', '2018-12-01'), ['by the end of March 2019=../2019-03']);
  });
});

describe('dates: the first quarters after a year without 度 (dates8)', () => {
  const texts = (text: string, value: string) => findDates(text, { defaultReference: { value, how: 'setting (test)' } }).map((m) => `${m.text}=${m.value}`);
  it('今年前三季 / 2024年前兩季 are quarters of that year; 前三季 alone stays the seasons of a league', () => {
    assert.deepEqual(texts('主計總處公布，今年前三季經濟成長率逾4%。', '2024-10-10'), ['今年前三季=2024-01/2024-09']);
    assert.deepEqual(texts('2024年前兩季出口成長。', '2024-10-10'), ['2024年前兩季=2024-01/2024-06']);
    none('他在前三季的比赛中场均得到20分。');
  });
});

describe('dates: 年初一 .. 年初十, the first days of the lunar new year (dates8)', () => {
  const texts = (text: string, value: string) => findDates(text, { defaultReference: { value, how: 'setting (test)' } }).map((m) => `${m.text}=${m.value}`);
  it('年初一至年初三 (Hong Kong) is a range of lunar days; 年初一些 / 年初一直 are early in the year', () => {
    assert.deepEqual(texts('年初一至年初三，隧道車流較平日減少約三成。', '2023-01-28'), ['年初一至年初三=2023-01-22/2023-01-24']);
    assert.deepEqual(texts('運輸署提醒，年初二晚將實施特別交通安排。', '2023-01-20'), ['年初二晚=2023-01-23TNI']);
    assert.deepEqual(texts('年初一些国家已经放宽限制。', '2023-06-01'), ['年初=2023']);
    assert.deepEqual(texts('年初一直在谈判。', '2023-06-01'), ['年初=2023']);
  });
});

describe('dates: a day before "and" and a day-first date (dates8)', () => {
  const texts = (text: string, value: string) => findDates(text, { defaultReference: { value, how: 'setting (test)' } }).map((m) => `${m.text}=${m.value}`);
  it('22 and 23 September, 3 or 4 May 2019: two mentions, the first of the second one\'s month and year', () => {
    assert.deepEqual(texts('The Summit was held on 22 and 23 September at Headquarters.', '2024-09-26'), ['22=2024-09-22', '23 September=2024-09-23']);
    assert.deepEqual(texts('The vote falls on 3 or 4 May 2019.', '2018-12-01'), ['3=2019-05-03', '4 May 2019=2019-05-04']);
  });
  it('no day: counts before "and" a count of days, a later day first, days that do not follow each other', () => {
    assert.deepEqual(texts('It took 10 and 20 days respectively.', '2024-09-26'), ['20 days=P20D']);
    assert.deepEqual(texts('Rates of 25 and 23 September figures', '2024-09-26'), ['23 September=2024-09-23']);
    assert.deepEqual(texts('Talks are planned on 6 and 10 March.', '2022-01-01'), ['10 March=2022-03-10']);
  });
});

describe('dates: 上一个 / 下一个 / 这一个 and 个 + 周 before a weekday', () => {
  const ref: Reference = { value: '2016-11-07', how: 'setting (test)' };
  it('上一个星期三, 下一个周五, 下个周一 are days of the previous / next week; 上一个礼拜 the previous week', () => {
    check('上一个星期三', '2016-11-02', { ref });
    check('下一个周五', '2016-11-18', { ref });
    check('下个周一', '2016-11-14', { ref });
    check('上一个礼拜', '2016-W44', { ref });
    check('这个周末', '2016-W45-WE', { ref });
  });
  it('这个周期, 上一个周期, 上个周日报 hold no date', () => {
    none('这个周期的经济数据');
    none('上一个周期结束时');
    none('上个周日报刊登');
  });
});

describe('dates: Macao parenthesised days (heldout8)', () => {
  const MACAO: Reference = { value: '2022-11-14', how: 'setting (test)' };
  it('今(十四)日 / 明(十五)日 in Chinese numerals, with the time after them', () => {
    check('特首將於今(十四)日下午三時發表施政報告', '2022-11-14T15', { span: '今(十四)日下午三時', type: 'TIME', ref: MACAO });
    check('明(十五)日再到立法會', '2022-11-15', { span: '明(十五)日', ref: MACAO });
  });
  it('翌(N)日 is the day after the date named before it', () => {
    const text = '行政長官將於明(15)日下午3時發表報告，並於翌(16)日下午3時列席全體會議。';
    const found = findDates(text, { defaultReference: MACAO });
    assert.equal(at(text, found, '明(15)日下午3時').value, '2022-11-15T15');
    assert.equal(at(text, found, '翌(16)日下午3時').value, '2022-11-16T15');
  });
  it('a numbered heading in parentheses is not a day', () => {
    none('今(一)年度報告'); // not followed by 日 / 天
  });
});

describe('dates: 次日 after a day resolved against the reference (heldout8)', () => {
  const R: Reference = { value: '2022-08-25', how: 'setting (test)' };
  it('the day after the last day named in the same sentence, not across a sentence end', () => {
    const text = '演习将于8月30日开幕，次日进入实兵演练阶段。';
    const found = findDates(text, { defaultReference: R });
    assert.equal(at(text, found, '次日').value, '2022-08-31');
    assert.deepEqual(findDates('演习8月30日开幕。次日进入实兵演练阶段。', { defaultReference: R }).map((d) => d.text), ['8月30日']);
  });
});

describe('dates: a series of days before a day-first date (heldout8)', () => {
  const R: Reference = { value: '2022-11-14', how: 'setting (test)' };
  const texts = (t: string): string[] => findDates(t, { defaultReference: R }).map((d) => `${d.text}=${d.value}`);
  it('21, 23, 25, 28 and 30 November: one mention a day, in the date\'s month and year', () => {
    assert.deepEqual(texts('Debates will be held on 21, 23, 25, 28 and 30 November.'), ['21=2022-11-21', '23=2022-11-23', '25=2022-11-25', '28=2022-11-28', '30 November=2022-11-30']);
    assert.deepEqual(texts('on 2, 3, and 4 May 2019'), ['2=2019-05-02', '3=2019-05-03', '4 May 2019=2019-05-04']);
  });
  it('no series: numbers that do not rise, two numbers alone, counts before another noun', () => {
    assert.deepEqual(texts('Votes of 12, 5 and 20 March'), ['20 March=2023-03-20']);
    assert.deepEqual(texts('Talks are planned on 6 and 10 March.'), ['10 March=2023-03-10']);
    assert.deepEqual(texts('It cost 5, 10 and 15 dollars.'), []);
  });
});

describe('dates: 规划在 / 規劃在 marks a plan (heldout8)', () => {
  it('a month range after 规划在 is the next one, in both scripts', () => {
    const R: Reference = { value: '2026-02-06', how: 'setting (test)' };
    check('國軍規劃在4月至11月間依序執行演訓。', '2026-04/2026-11', { span: '4月至11月', ref: R });
    check('国军规划在4月至11月间执行演训。', '2026-04/2026-11', { span: '4月至11月', ref: R });
    none('十二五規劃綱要草案提交大會審議。');
  });
});

describe('dates: a date in parentheses after a relative day (heldout8)', () => {
  const R: Reference = { value: '2022-11-14', how: 'setting (test)' };
  const texts = (t: string): string[] => findDates(t, { defaultReference: R }).map((d) => `${d.text}=${d.value}`);
  it('takes the day\'s year, not the year named before, and a time after the parenthesis is on that day', () => {
    assert.deepEqual(texts('The address for the 2023 financial year is due tomorrow (15 November) at 3 p.m.'), ['2023=2023', 'tomorrow=2022-11-15', '15 November=2022-11-15', '3 p.m.=2022-11-15T15:00']);
    assert.deepEqual(texts('特首于2023年度报告中说明日（11月15日）'), ['2023年=2023', '明日=2022-11-15', '11月15日=2022-11-15']);
  });
});

describe('dates: a partial date after 去年 / 前年 takes that year (heldout8)', () => {
  it('前年…7月20日至23日 is that year\'s, unless the date is future (比照去年，將於5月舉行)', () => {
    const texts = (t: string, ref: string): string[] => findDates(t, { defaultReference: { value: ref, how: 'setting (test)' } }).map((d) => `${d.text}=${d.value}`);
    assert.deepEqual(texts('前年的演習於7月20日至23日在日本海舉行。', '2025-07-31'), ['前年=2023', '7月20日至23日=2023-07-20/2023-07-23']);
    assert.deepEqual(texts('去年的会议于3月举行', '2025-07-31'), ['去年=2024', '3月=2024-03']);
    assert.deepEqual(texts('演習比照去年，將於5月舉行。', '2018-03-06'), ['去年=2017', '5月=2018-05']);
  });
});

describe('dates: "will" far back in the clause of a weekday (heldout8)', () => {
  it('a long future clause names the next weekday; a "will" before a comma and "said" does not', () => {
    const R: Reference = { value: '2022-11-14', how: 'setting (test)' };
    check('The Chief Executive will attend a plenary session of the Legislative Assembly on Wednesday to answer questions.', '2022-11-16', { span: 'Wednesday', ref: R });
    check('Iran will stop observing limits on enrichment, the government of the republic said on Sunday.', '2022-11-13', { span: 'Sunday', ref: R });
  });
});

describe('dates: 每 + a count of time in Chinese numerals (heldout8)', () => {
  it('每四年 / 每两个月 are durations as 每5年 is; 每一年 stays "each year"', () => {
    check('东方系列演习每四年举行一次', 'P4Y', { span: '四年', type: 'DURATION' });
    check('每两个月通报一次', 'P2M', { span: '两个月', type: 'DURATION' });
    none('每一年举行');
  });
});

describe('dates: noon and midday as clock times (heldout8)', () => {
  const R: Reference = { value: '2025-10-30', how: 'setting (test)' };
  const texts = (t: string): string[] => findDates(t, { defaultReference: R }).map((d) => `${d.text}=${d.value}`);
  it('at noon tomorrow, on Friday at noon; not the noon briefing or High Noon', () => {
    assert.deepEqual(texts('The Deputy Spokesperson will brief again at noon tomorrow.'), ['noon=2025-10-31T12:00', 'tomorrow=2025-10-31']);
    assert.deepEqual(texts('The vote is due on 31 October at noon.'), ['31 October=2025-10-31', 'noon=2025-10-31T12:00']);
    assert.deepEqual(texts('The noon briefing was cancelled; he watched High Noon.'), []);
  });
});

describe('dates: a two-year range after another in a list (heldout8)', () => {
  it('1997-98 and 2008-09 are two ranges; 2008-09 alone stays September 2008', () => {
    const texts = (t: string): string[] => findDates(t, { defaultReference: { value: '2024-01-01', how: 'setting (test)' } }).map((d) => `${d.text}=${d.value}`);
    assert.deepEqual(texts('It compares the crises of 1997-98 and 2008-09.'), ['1997-98=1997/1998', '2008-09=2008/2009']);
    assert.deepEqual(texts('Data for 2008-09 were released.'), ['2008-09=2008-09']);
  });
});

describe('dates: 同年 / 同月, a dateline month, open weeks and festivals (heldout9)', () => {
  const R: Reference = { value: '2023-11-05', how: 'setting (test)' };
  const texts = (t: string, ref: Reference = R): string[] => findDates(t, { defaultReference: ref }).map((d) => `${d.text}=${d.value}`);
  it('同年9月5日 / 同月10日 take the year / month of the date before, in the span', () => {
    assert.deepEqual(texts('2003年7月1日，市民上街反对草案，政府于同年9月5日宣布撤回。'), ['2003年7月1日=2003-07-01', '同年9月5日=2003-09-05']);
    assert.deepEqual(texts('会议于10月2日开幕，同月10日闭幕。'), ['10月2日=2023-10-02', '同月10日=2023-10-10']);
    // Without a date before, 同年 is left alone and the month-day resolves as usual.
    assert.deepEqual(texts('同年9月5日宣布撤回。'), ['9月5日=2023-09-05']);
  });
  it('a bare day after a dateline month-day takes that month, not the reference month', () => {
    assert.deepEqual(texts('新华社喀土穆11月3日电 苏丹军方3日说，战斗仍在继续。'), ['11月3日=2023-11-03', '3日=2023-11-03']);
    assert.deepEqual(texts('新华社加沙10月10日电 以色列国防军10日说，停火协议已生效。'), ['10月10日=2023-10-10', '10日=2023-10-10']);
    // A relative month-day (上月28日) is no such host: the reference month stays.
    assert.deepEqual(texts('上月28日，双方会谈；3日，代表团离开。'), ['上月28日=2023-10-28', '3日=2023-11-03']);
  });
  it('a week or a festival opened by 起 / 以来 / 以后; a single 前 after a festival stays out', () => {
    assert.deepEqual(texts('发布会自下周起改为每周一次。'), ['自下周起=2023-W45/..']);
    assert.deepEqual(texts('本周以来，油价持续上涨。'), ['本周以来=2023-W44/..']);
    assert.deepEqual(texts('立春以后，北方气温回升。', { value: '2025-01-28', how: 'setting (test)' }), ['立春以后=2025-02-03/..']);
    assert.deepEqual(texts('春节前完成报名。', { value: '2025-01-10', how: 'setting (test)' }), ['春节=2025-01-29']);
    assert.deepEqual(texts('陸委會自疫情之後每週舉行記者會。'), ['自疫情之後=XXXX/..']);
  });
  it('1—9月份 takes 份 in, as 9月份', () => {
    assert.deepEqual(texts('1—9月份，全国固定资产投资增长3.4%。'), ['1—9月份=2023-01/2023-09']);
  });
});

describe('dates: the nth weekday of a month (heldout9)', () => {
  const R: Reference = { value: '2024-07-24', how: 'setting (test)' };
  const texts = (t: string): string[] => findDates(t, { defaultReference: R }).map((d) => `${d.text}=${d.value}`);
  it('上月最后一个周五 / the last Wednesday of November replace the month by the day', () => {
    assert.deepEqual(texts('菲律宾外交部上月最后一个周五召见中国驻菲使馆官员。'), ['上月最后一个周五=2024-06-28']);
    assert.deepEqual(texts('Ministers meet on the last Wednesday of November 2024.'), ['last Wednesday of November 2024=2024-11-27']);
    assert.deepEqual(texts('The board meets on the first Monday of next month.'), ['first Monday of next month=2024-08-05']);
  });
  it('a schedule (每月最后一个周三) or a weekday without a month is no such day', () => {
    assert.deepEqual(texts('理事会每月最后一个周三举行例会。'), []);
    assert.deepEqual(texts('He left last Wednesday of all days.'), ['last Wednesday=2024-07-17']);
  });
});

describe('dates: 大后天 and words around 大 / 后, company names, 同日 + a time, 去年本月 (heldout9)', () => {
  const R: Reference = { value: '2024-07-24', how: 'setting (test)' };
  const texts = (t: string): string[] => findDates(t, { defaultReference: R }).map((d) => `${d.text}=${d.value}`);
  it('大后天 / 大前天 are three days on / back; 扩大后天津港 and 扩大后天然气 are no day; 明天集团 is a company', () => {
    assert.deepEqual(texts('东盟外长会将于大后天举行，代表团大前天已抵达。'), ['大后天=2024-07-27', '大前天=2024-07-21']);
    assert.deepEqual(texts('这次扩大后天津港的吞吐能力将提高三成，扩大后天然气产量也将增加。'), []);
    assert.deepEqual(texts('春秋航空和明天集团都不在名单上。'), []);
  });
  it('a clock time after 同日 / 当天 takes the day named before, in an earlier sentence too', () => {
    assert.deepEqual(texts('行政長官在3月19日簽署條例。同日晚上8時，他會見傳媒。'), ['3月19日=2024-03-19', '晚上8時=2024-03-19T20']);
    // No day before: the reference day, as for any bare time.
    assert.deepEqual(texts('当天下午3时，记者会开始。'), ['下午3时=2024-07-24T15']);
  });
  it('去年本月十日 / 明年首季 are one mention', () => {
    assert.deepEqual(texts('去年本月十日，双方签署协议；新政府将于明年首季公布施政报告。'), ['去年本月十日=2023-07-10', '明年首季=2025-33']);
  });
});

describe('dates: a time or a part of a year whose day or year is in the sentence before (heldout9)', () => {
  const R: Reference = { value: '2024-06-10', how: 'setting (test)' };
  const texts = (t: string): string[] => findDates(t, { defaultReference: R }).map((d) => `${d.text}=${d.value}`);
  it('a clock time takes the day of the sentence before; a day after the time still wins', () => {
    assert.deepEqual(texts('The Council will meet on June 27. The session opens at 10 a.m., and a press conference follows at 1 p.m.'), [
      'June 27=2024-06-27', '10 a.m.=2024-06-27T10:00', '1 p.m.=2024-06-27T13:00',
    ]);
    assert.deepEqual(texts('The statement was released at 9:30 p.m. on Tuesday.'), ['9:30 p.m.=2024-06-10T21:30', 'Tuesday=2024-06-04']);
    // Two sentences back is too far: the reference day.
    assert.deepEqual(texts('Voting ended on June 9. Turnout was high. Results came at 11 p.m.'), ['June 9=2024-06-09', '11 p.m.=2024-06-10T23:00']);
  });
  it('a bare quarter or half takes a year named before it, not a dateline day or another quarter', () => {
    assert.deepEqual(texts('Exports fell in 2023 for the first time in seven years. In the fourth quarter, however, they rose.'), [
      '2023=2023', 'seven years=P7Y', 'fourth quarter=2023-36',
    ]);
    assert.deepEqual(texts('The ministry reported growth for Q4 2023 and a forecast for the first half.'), ['Q4 2023=2023-36', 'first half=2024-40']);
    assert.deepEqual(texts('2023年GDP增长5.2%，一季度增长4.5%，上半年增长5.5%。'), ['2023年=2023', '一季度=2023-33', '上半年=2023-40']);
    assert.deepEqual(texts('一季度增长5.3%，二季度增长4.7%。'), ['一季度=2024-33', '二季度=2024-34']);
  });
});

describe('dates: a month before an event noun, before the summer (heldout8 gaps)', () => {
  const R: Reference = { value: '2025-03-05', how: 'setting (test)' };
  const texts = (t: string): string[] => findDates(t, { defaultReference: R }).map((d) => `${d.text}=${d.value}`);
  it('the February election is that month; the March on Rome and Theresa May are not', () => {
    assert.deepEqual(texts('Turnout in the February election was the highest since 1987.'), ['February=2025-02', 'since 1987=1987/..']);
    assert.deepEqual(texts('He spoke of the March on Rome; Theresa May election posters were removed.'), []);
  });
  it('before the summer is open, with its words in the span; since the summer stays unmarked', () => {
    assert.deepEqual(texts('Negotiators hope to conclude a deal before the summer.'), ['before the summer=../2025-22']);
    assert.deepEqual(texts('The company has been in trouble since the summer.'), []);
  });
});

describe('dates: an ordinal day after a date of the same sentence (heldout9)', () => {
  const R: Reference = { value: '2024-06-10', how: 'setting (test)' };
  const texts = (t: string): string[] => findDates(t, { defaultReference: R }).map((d) => `${d.text}=${d.value}`);
  it('closed on the 4th is the 4th of the month named before; the 4th round is no day', () => {
    assert.deepEqual(texts('Talks in Geneva opened on May 2 and closed on the 4th.'), ['May 2=2024-05-02', '4th=2024-05-04']);
    assert.deepEqual(texts('On May 2 the 4th round began.'), ['May 2=2024-05-02']);
    assert.deepEqual(texts('Talks closed on the 4th.'), []);
  });
});
