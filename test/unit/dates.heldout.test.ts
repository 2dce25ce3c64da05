/**
 * The date families added after the held-out evaluation (src/core/dates/rules/heldout.ts and the year choice,
 * open-interval and range changes in the scanner and calendar rules): real output of findDates.
 */
import * as assert from 'node:assert/strict';
import { findDates } from '../../src/core/dates';
import { explainValue } from '../../src/core/dates/explain';

/** Mentions as "text=value[ MOD]" against a reference date. */
function dates(text: string, ref: string): string[] {
  return findDates(text, { defaultReference: { value: ref, how: 'test' } }).map((m) => `${m.text}=${m.value}${m.mod ? ' ' + m.mod : ''}`);
}

describe('dates: families from the held-out sets', () => {
  it('Taiwan parenthesised dates: 本(2)月18日, 今(16)天下午4時, 昨(15)日, 今（14日）, 上(7)月', () => {
    assert.deepEqual(dates('外交部訂於本(2)月18日舉行茶敘', '2023-02-16'), ['本(2)月18日=2023-02-18']);
    assert.deepEqual(dates('請於今(16)天下午4時前報名', '2023-02-16'), ['今(16)天下午4時=2023-02-16T16']);
    assert.deepEqual(dates('截至昨(15)日下午5時止', '2023-02-16'), ['昨(15)日下午5時=2023-02-15T17']);
    assert.deepEqual(dates('發言人今（14日）表示', '2025-10-14'), ['今（14日）=2025-10-14']);
    assert.deepEqual(dates('上(7)月組團赴美', '2024-08-06'), ['上(7)月=2024-07']);
    // 今日俄羅斯 (RT) stays a name in traditional script too.
    assert.deepEqual(dates('今日俄羅斯電視台報道', '2022-03-08'), []);
  });

  it('a weekday in parentheses names the day just written; a time after it is on that day', () => {
    assert.deepEqual(dates('訂於本(2)月18日（週六）上午11時舉行', '2023-02-16'), ['本(2)月18日=2023-02-18', '週六=2023-02-18', '上午11時=2023-02-18T11']);
    assert.deepEqual(dates('The ministry will hold a press conference on Saturday at 4 p.m.', '2023-02-16'), ['Saturday=2023-02-18', '4 p.m.=2023-02-18T16:00']);
  });

  it('ROC years without 民國 in traditional text; three digits before a month always; simplified text keeps 97年 = 1997', () => {
    assert.deepEqual(dates('時間：111年3月8日（星期二）上午11時', '2022-03-08'), ['111年3月8日=2022-03-08', '星期二=2022-03-08', '上午11時=2022-03-08T11']);
    assert.deepEqual(dates('時間：98年11月18日，地點：本部', '2009-11-18'), ['98年11月18日=2009-11-18']);
    assert.deepEqual(dates('吳部長111年接受專訪76次', '2023-02-16'), ['111年=2022']);
    assert.deepEqual(dates('97年7月香港回归', '2009-11-18'), ['97年7月=1997-07']);
    assert.deepEqual(dates('这棵树已有111年的历史', '2023-02-16'), ['111年=P111Y']);
  });

  it('year choice: a future sentence takes the next such date, 将 + verb + date does not', () => {
    assert.deepEqual(dates('美国大选将于11月5日举行', '2024-02-10'), ['11月5日=2024-11-05']);
    assert.deepEqual(dates('统计局将公布9月份的数据', '2019-10-15'), ['9月份=2019-09']);
    assert.deepEqual(dates('Leaders will meet in The Hague in June.', '2024-07-11'), ['June=2025-06']);
    assert.deepEqual(dates('The talks ended in June.', '2024-07-11'), ['June=2024-06']);
  });

  it('next <weekday> is the day of next week; a bare weekend is the nearer one', () => {
    assert.deepEqual(dates('Ministers will meet again next Tuesday.', '2018-06-04'), ['next Tuesday=2018-06-12']);
    assert.deepEqual(dates('示威者周末在多区聚集', '2021-08-23'), ['周末=2021-W33-WE']);
    assert.deepEqual(dates('Fighting intensified over the weekend.', '2022-03-08'), ['weekend=2022-W09-WE']);
    assert.deepEqual(dates('周末期间客流增加', '2006-03-22'), ['周末=2006-W12-WE']);
  });

  it('event-anchored open intervals: after the war, since the end of the Cold War, 冷战结束以来, 二战后', () => {
    assert.deepEqual(dates('After the war, Kyiv will need a plan.', '2022-03-08'), ['After the war=XXXX/.. AFTER']);
    assert.deepEqual(dates('NATO has grown since the end of the Cold War.', '2022-03-08'), ['since the end of the Cold War=XXXX/.. SINCE']);
    assert.deepEqual(dates('冷战结束以来，北约多次东扩', '2022-03-08'), ['冷战结束以来=XXXX/.. SINCE']);
    assert.equal(
      explainValue('XXXX/..', 'AFTER'),
      'From an event whose date the text does not give (after the war, 冷战结束以来) on, with no end given (EDTF open interval). Modifier AFTER: after it: an interval open towards the future (以后, after).',
    );
    assert.deepEqual(dates('二战后期', '2022-03-08'), []);
    assert.deepEqual(dates('after the war on terror', '2022-03-08'), []);
    // An event dated by the date before it is not re-anchored: 08年金融危机以后.
    assert.deepEqual(dates('08年金融危机以后', '2024-02-10'), ['08年=2008']);
  });

  it('open dates: 自 DATE + clause + 以来, 起 before a verb, 起义 is no opening', () => {
    assert.deepEqual(dates('自2月24日俄羅斯入侵烏克蘭以來，推文增加', '2022-03-08'), ['自2月24日俄羅斯入侵烏克蘭以來=2022-02-24/.. SINCE']);
    assert.deepEqual(dates('《南海行為準則》自2002年起談判至今', '2025-10-14'), ['自2002年起=2002/.. SINCE']);
    assert.deepEqual(dates('1911年起义推翻了清朝', '2025-10-14'), ['1911年=1911']);
  });

  it('ranges: relative years on both ends, English months and quarters', () => {
    assert.deepEqual(dates('去年8月至今年2月，人民币贬值', '2024-02-10'), ['去年8月至今年2月=2023-08/2024-02']);
    assert.deepEqual(dates('去年8月至今，人民币贬值', '2024-02-10'), ['去年8月=2023-08']);
    assert.deepEqual(dates('Talks lasted from September 1985 to December 1987.', '2019-01-01'), ['from September 1985 to December 1987=1985-09/1987-12']);
    assert.deepEqual(dates('items from Q3 2018 to Q2 2020', '2021-01-01'), ['from Q3 2018 to Q2 2020=2018-35/2020-34']);
    assert.deepEqual(dates('The White House will host them on October 10 and 11.', '2019-09-26'), ['October 10=2019-10-10', '11=2019-10-11']);
  });

  it('first months of a year, month parts, holidays, seasons with the article', () => {
    assert.deepEqual(dates('前8个月利润下降1.7%', '2019-09-26'), ['前8个月=2019-01/2019-08']);
    assert.deepEqual(dates('2019年前8个月利润下降', '2020-01-01'), ['2019年前8个月=2019-01/2019-08']);
    assert.deepEqual(dates('Profits fell in the first eight months of 2019.', '2019-09-26'), ['first eight months of 2019=2019-01/2019-08']);
    assert.deepEqual(dates('撤僑行動將持續到月底', '2021-08-23'), ['月底=2021-08 END']);
    assert.deepEqual(dates("The embassy was attacked on New Year's Eve.", '2020-01-08'), ["New Year's Eve=2019-12-31"]);
    assert.deepEqual(dates('Ukraine expects an offensive in the spring.', '2023-02-16'), ['spring=2023-21']);
    assert.deepEqual(dates('The spring of diplomacy has not arrived.', '2023-02-16'), []);
  });

  it('English: as early as <month>, a year before a business noun; May and March stay words', () => {
    assert.deepEqual(dates('It could be signed as early as November.', '2019-09-26'), ['November=2019-11']);
    assert.deepEqual(dates('The company reported 2017 profits of 3 billion.', '2018-05-29'), ['2017=2017']);
    assert.deepEqual(dates('May the talks succeed, he said; Theresa May agreed.', '2018-05-29'), []);
    assert.deepEqual(dates('Sales of F-16 jets and S-400 systems under Section 301.', '2019-09-26'), []);
  });
});
