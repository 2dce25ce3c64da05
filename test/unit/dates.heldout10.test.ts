/**
 * General forms the tenth held-out date set (test/eval/dates-heldout10.*.txt) found missing, each with what it must
 * not take: real output of findDates.
 */
import * as assert from 'node:assert/strict';
import { findDates } from '../../src/core/dates';

/** Mentions as "text=value[ MOD]" against a reference date. */
function dates(text: string, ref: string): string[] {
  return findDates(text, { defaultReference: { value: ref, how: 'test' } }).map((m) => `${m.text}=${m.value}${m.mod ? ' ' + m.mod : ''}`);
}

describe('dates: forms from heldout10 (Chinese)', () => {
  it('a relative day or weekday, its day in parentheses and a time on it are one mention', () => {
    assert.deepEqual(dates('大埔宏福苑今日（26日）下午2時51分發生火警', '2025-11-26'), ['今日（26日）下午2時51分=2025-11-26T14:51']);
    assert.deepEqual(dates('火勢於昨日（27日）晚上9時31分受到包圍', '2025-11-28'), ['昨日（27日）晚上9時31分=2025-11-27T21:31']);
    assert.deepEqual(dates('火警於本周三（26日）發生', '2025-11-28'), ['本周三（26日）=2025-11-26']);
    // A range after it is one range (joined as before); a written date and its weekday stay two mentions.
    assert.deepEqual(dates('展覽今日（7月31日）至8月11日舉行', '2025-07-31'), ['今日（7月31日）至8月11日=2025-07-31/2025-08-11']);
    assert.deepEqual(dates('會議於11月26日（星期三）舉行', '2025-11-20'), ['11月26日=2025-11-26', '星期三=2025-11-26']);
    assert.deepEqual(dates('明日（12月19日）舉行', '2024-12-18'), ['明日=2024-12-19', '12月19日=2024-12-19']);
    // English keeps "today (October 24)" as two mentions, as the sets have them.
    assert.deepEqual(dates('The Council announced today (November 26) that', '2025-11-26'), ['today=2025-11-26', 'November 26=2025-11-26']);
  });

  it('a weekday in parentheses picks the year of a date or festival whose year came from the reference', () => {
    // Said in June 2025: 16 February 2025 was a Sunday, 2026's a Monday; 端午節 2025 (31 May) a Saturday, 2026's (19 June) a Friday.
    assert.deepEqual(dates('時間為2月16日（星期一）', '2025-06-20'), ['2月16日=2026-02-16', '星期一=2026-02-16']);
    assert.deepEqual(dates('端午節（週五）可連休3天', '2025-06-20'), ['端午節=2026-06-19', '週五=2026-06-19', '3天=P3D']);
    // A weekday that fits is kept; a written year is never changed.
    assert.deepEqual(dates('會議於2月16日（星期日）舉行', '2025-02-10'), ['2月16日=2025-02-16', '星期日=2025-02-16']);
    assert.deepEqual(dates('2025年2月16日（星期一）', '2025-06-20'), ['2025年2月16日=2025-02-16', '星期一=2025-02-16']);
  });

  it('a festival takes the year written before it; after 将于 a past festival of the reference year is the next one', () => {
    assert.deepEqual(dates('公布2026年元旦、春节等节假日放假安排', '2025-11-04'), ['2026年元旦=2026-01-01', '春节=2026-02-17']);
    assert.deepEqual(dates('外交部長將於元旦率團出訪', '2025-12-30'), ['元旦=2026-01-01']);
    assert.deepEqual(dates('元旦当天，各地举行升旗仪式', '2025-12-30'), ['元旦=2025-01-01']);
  });

  it('a weekday after 適逢 / 恰逢 is the day of the date just before, when it falls on it', () => {
    assert.deepEqual(dates('今年國慶日適逢週五，民眾可連休', '2025-06-20'), ['今年國慶日=2025-10-10', '週五=2025-10-10']);
    // A weekday the date does not fall on is read as before (the latest Thursday here).
    assert.deepEqual(dates('今年國慶日適逢週四', '2025-06-20'), ['今年國慶日=2025-10-10', '週四=2025-06-19']);
  });

  it('a clock time without a period of the day: after a time-zone word, or with minutes next to a time of its sentence', () => {
    assert.deepEqual(dates('众议院选举从当地时间13时许开始', '2025-10-21'), ['13时=2025-10-21T13']);
    assert.deepEqual(dates('消防於下午3時02分將火警升為三級，3時34分升為四級', '2025-11-26'), ['下午3時02分=2025-11-26T15:02', '3時34分=2025-11-26T15:34']);
    assert.deepEqual(dates('上午9時開始，11時30分結束', '2025-11-26'), ['上午9時=2025-11-26T09', '11時30分=2025-11-26T11:30']);
    // No time word and no time before it: a count or a score stays unread.
    assert.deepEqual(dates('他用了3時34分跑完全程', '2025-11-26'), []);
    assert.deepEqual(dates('会议提出5点建议，13时许散会', '2025-11-26'), []);
  });

  it('an ordinal before a unit of time is no duration: 第88分钟, 第3天', () => {
    assert.deepEqual(dates('主队在第88分钟锁定胜局', '2025-05-15'), []);
    assert.deepEqual(dates('罢工进入第3天', '2025-05-15'), []);
    assert.deepEqual(dates('罢工持续了3天', '2025-05-15'), ['3天=P3D']);
  });
});

describe('dates: forms from heldout10 (English)', () => {
  it('Easter and the days set by it, Thanksgiving: the occurrence nearest the reference; names stay names', () => {
    assert.deepEqual(dates('Pope Francis died on Easter Monday, April 21, at the age of 88.', '2025-05-08'), ['Easter Monday=2025-04-21', 'April 21=2025-04-21']);
    assert.deepEqual(dates('Churches were full on Good Friday 2024.', '2025-05-08'), ['Good Friday 2024=2024-03-29']);
    assert.deepEqual(dates('Turnout fell after the Thanksgiving weekend.', '2025-12-10'), ['Thanksgiving=2025-11-27']);
    assert.deepEqual(dates('The Good Friday Agreement ended the Troubles; the Easter Rising failed; Easter Island.', '2025-05-08'), []);
  });

  it('a weekday before a day-first date without a comma joins it; before a count it does not', () => {
    assert.deepEqual(dates('Published: Wednesday 12 March 2025', '2025-03-12'), ['Wednesday 12 March 2025=2025-03-12']);
    assert.deepEqual(dates('On Monday 10 people were killed.', '2025-03-12'), ['Monday=2025-03-10']);
  });

  it('a season after in / by without "the", ending the phrase; "by" looks ahead, a participle before "in" looks back', () => {
    assert.deepEqual(dates('The government hopes to pass a tax reform by spring.', '2025-10-20'), ['spring=2026-21']);
    assert.deepEqual(dates('Growth will depend on the truce agreed in summer.', '2025-10-20'), ['summer=2025-22']);
    assert.deepEqual(dates('Children in summer camps; prices fell in fall.', '2025-10-20'), []);
  });
});

describe('dates: decades with two digits, a month after a range of years (heldout10)', () => {
  it("the '90s and the late ’80s are decades; '20s (1920s or 2020s) and a count are not", () => {
    assert.deepEqual(dates("Budgets grew in the '90s and stalled in the late ’80s.", '2025-10-20'), ["'90s=199X", 'late ’80s=198X END']);
    assert.deepEqual(dates("the '20s roared; he scored 90s in tests", '2025-10-20'), []);
  });

  it('after a range of years a past partial date takes its end year, a future one is the next such date', () => {
    assert.deepEqual(dates('The talks ran from 2003 to 2009, and the last round ended on December 8.', '2024-05-15'), ['from 2003 to 2009=2003/2009', 'December 8=2009-12-08']);
    assert.deepEqual(dates('Beijing will unveil its plan for 2026-30 at the congress in March.', '2025-10-20'), ['2026-30=2026/2030', 'March=2026-03']);
  });
});

describe('dates: reported futures and schedules in the present tense (heldout10)', () => {
  it('"would" after a day named before looks ahead from that day, not from the reference', () => {
    assert.deepEqual(dates('The Vatican announced on April 28 that the conclave would convene on May 7.', '2025-05-08'), ['April 28=2025-04-28', 'May 7=2025-05-07']);
    // Without the day it was said, the first such date after the reference.
    assert.deepEqual(dates('Officials said the conclave would convene on May 7.', '2025-05-08'), ['May 7=2026-05-07']);
  });

  it('a schedule in the present tense is still to come', () => {
    assert.deepEqual(dates('The envoy arrives in Riyadh on Thursday and leaves for Moscow a day later.', '2025-03-12'), ['Thursday=2025-03-13', 'a day later=2025-03-14']);
    assert.deepEqual(dates('The exercise began on Monday, which runs through March 20.', '2025-03-12'), ['Monday=2025-03-10', 'March 20=2025-03-20']);
    assert.deepEqual(dates('The envoy arrived in Riyadh on Thursday.', '2025-03-12'), ['Thursday=2025-03-06']);
  });
});
