import * as assert from 'node:assert/strict';
import { findDates } from '../../src/core/dates';
import { explainValue } from '../../src/core/dates/explain';
import { RULES, buildDispatch, checkDispatch, type Rule } from '../../src/core/dates/rules/registry';

const REF = { value: '2006-03-22', how: 'test' };

describe('dates: the rule table', () => {
  it('every word and keyword of every rule reaches its rule through the first-character table', () => {
    assert.deepEqual(checkDispatch(RULES, buildDispatch(RULES)), []);
  });

  it('a keyword whose first character is missing from the table fails the check, naming it', () => {
    const lonely: Rule = { name: 'test/lonely', keywords: ['翌晨'], at: () => undefined };
    const problems = checkDispatch([...RULES, lonely], buildDispatch(RULES));
    assert.deepEqual(problems, ['test/lonely: keyword "翌晨": its first character 翌 is missing from the first-character table']);
    const word: Rule = { name: 'test/word', words: ['Xmas'], at: () => undefined };
    assert.match(checkDispatch([word], buildDispatch(RULES))[0]!, /word "Xmas" is missing from the word table/);
  });

  it('keywords must be written in the normalised (simplified) form the rules compare against', () => {
    const trad: Rule = { name: 'test/trad', keywords: ['週末'], at: () => undefined };
    const problems = checkDispatch([trad], buildDispatch([trad]));
    assert.ok(problems.some((p) => p.includes('keyword "週末" is not in normalised form (write "周末")')), problems.join('\n'));
  });

  it('a rule without a trigger is reported', () => {
    assert.deepEqual(checkDispatch([{ name: 'test/none', at: () => undefined }], buildDispatch([])), ['test/none: no trigger (digits, hanNumerals, words or keywords)']);
  });

  it('rule names are unique', () => {
    const names = RULES.map((r) => r.name);
    assert.equal(new Set(names).size, names.length);
  });

  describe('each rule reads its own examples (reference 2006-03-22, a Wednesday)', () => {
    for (const rule of RULES) {
      if (!rule.examples?.length) continue;
      it(rule.name, () => {
        for (const [text, value, span] of rule.examples!) {
          const found = findDates(text, { defaultReference: REF });
          const expected = span === '' ? [] : [[span ?? text, value]];
          assert.deepEqual(found.map((m) => [m.text, m.value]), expected, `${rule.name}: ${text}`);
        }
      });
    }
  });
});

describe('dates: explaining values and modifiers', () => {
  it('open intervals, weeks, weekends, parts of the day, sub-year codes, decades, centuries', () => {
    assert.equal(explainValue('2014/..', 'SINCE'), 'From 2014 on, with no end given (EDTF open interval). Modifier SINCE: since then: an interval open towards the future (以来, since).');
    assert.equal(explainValue('../2018', 'BEFORE'), 'Up to 2018, with no start given (EDTF open interval). Modifier BEFORE: before it: an interval open towards the past (以前, before).');
    assert.equal(explainValue('2006-W12'), 'ISO week 12 of 2006.');
    assert.equal(explainValue('2006-W12-WE'), 'The weekend of ISO week 12 of 2006.');
    assert.equal(explainValue('XXXX-WXX-3'), 'Wednesday (week unknown). X: a part the text and the reference date do not give.');
    assert.equal(explainValue('2006-03-21TNI'), 'The night of 2006-03-21.');
    assert.equal(explainValue('2019-33'), 'The first quarter of 2019.');
    assert.equal(explainValue('199X'), 'The 1990s.');
    assert.equal(explainValue('20XX', 'START'), 'The 21st century. Modifier START: the start of it (初, early).');
    assert.equal(explainValue('2008-05/2012-05'), 'From 2008-05 to 2012-05.');
    assert.equal(explainValue('P3Y'), 'A duration (ISO 8601 P3Y).');
    assert.equal(explainValue('2014-07-01'), '');
  });
});
