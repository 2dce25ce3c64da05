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
});
