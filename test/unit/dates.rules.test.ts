import * as assert from 'node:assert/strict';
import { findDates } from '../../src/core/dates';
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
