import * as assert from 'node:assert/strict';
import { decodeLineBreaks, encodeLineBreaks } from '../../src/core/text/lineBreaks';

describe('line breaks in a single-line input (encodeLineBreaks / decodeLineBreaks)', () => {
  it('shows a line break as \\n and turns it back', () => {
    assert.equal(encodeLineBreaks('multi\nline note'), 'multi\\nline note');
    assert.equal(decodeLineBreaks('multi\\nline note'), 'multi\nline note');
    assert.equal(encodeLineBreaks('a\r\nb\rc'), 'a\\nb\\nc');
  });

  it('leaves text without line breaks or backslashes as it is', () => {
    for (const s of ['', 'plain note', '中方反对单边制裁。', 'C:\\path', 'ends with \\']) {
      assert.equal(encodeLineBreaks(s), s);
      assert.equal(decodeLineBreaks(s), s);
    }
  });

  it('is reversible, backslashes included', () => {
    const cases = ['multi\nline note', 'literal \\n here', 'two \\\\ slashes', 'slash before break \\\nnext', '\\\\\\n', '\n\n', 'x\\', 'a\\b\nc\\nd'];
    for (const s of cases) assert.equal(decodeLineBreaks(encodeLineBreaks(s)), s, JSON.stringify(s));
  });

  it('reads \\n typed by the user as a line break, other backslashes as typed', () => {
    assert.equal(decodeLineBreaks('first\\nsecond'), 'first\nsecond');
    assert.equal(decodeLineBreaks('C:\\temp'), 'C:\\temp');
  });
});
