import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { chineseScore, decodeCorpus, encodingLabel } from '../../src/core/text/decode';
import { hashBytes, hashString } from '../../src/core/text/hash';

const SAMPLES = path.join(__dirname, '..', '..', 'samples');
const sample = (prefix: string) => fs.readFileSync(path.join(SAMPLES, fs.readdirSync(SAMPLES).find((f) => f.startsWith(prefix))!), 'utf8');

/**
 * An encoder for a legacy double-byte encoding, built from the runtime's own decoder (Node has no TextEncoder for
 * GBK or Big5): every lead/trail byte pair is decoded once and the character mapped back.
 */
function encoderFor(label: 'gbk' | 'big5'): (text: string) => Uint8Array {
  const map = new Map<string, number[]>();
  const decoder = new TextDecoder(label, { fatal: true });
  for (let lead = 0x81; lead <= 0xfe; lead++) {
    for (let trail = 0x40; trail <= 0xfe; trail++) {
      try {
        const ch = decoder.decode(new Uint8Array([lead, trail]));
        if (ch.length === 1 && !map.has(ch)) map.set(ch, [lead, trail]);
      } catch {
        // not a character of this encoding
      }
    }
  }
  return (text) => {
    const out: number[] = [];
    for (const ch of text) {
      const code = ch.codePointAt(0)!;
      if (code < 0x80) out.push(code);
      else {
        const bytes = map.get(ch);
        if (bytes) out.push(...bytes);
      }
    }
    return new Uint8Array(out);
  };
}

/** Text of a sample restricted to what the encoding can represent (so the round trip is exact). */
function representable(text: string, encode: (t: string) => Uint8Array, label: string): string {
  const back = new TextDecoder(label).decode(encode(text));
  return back;
}

describe('decodeCorpus', () => {
  it('reads UTF-8 with and without a BOM', () => {
    const text = sample('001');
    const utf8 = new TextEncoder().encode(text);
    assert.deepEqual(decodeCorpus(utf8), { ok: true, text, encoding: 'utf-8' });
    assert.deepEqual(decodeCorpus(new Uint8Array([0xef, 0xbb, 0xbf, ...utf8])), { ok: true, text, encoding: 'utf-8' });
  });

  it('reads UTF-16 LE and BE after their BOM', () => {
    const text = '俄罗斯总统普京 said on 2021-12-31 😀 that…';
    const le = new Uint8Array(2 + text.length * 2);
    const be = new Uint8Array(2 + text.length * 2);
    le.set([0xff, 0xfe]);
    be.set([0xfe, 0xff]);
    for (let i = 0; i < text.length; i++) {
      const c = text.charCodeAt(i);
      le[2 + i * 2] = c & 0xff;
      le[3 + i * 2] = c >> 8;
      be[2 + i * 2] = c >> 8;
      be[3 + i * 2] = c & 0xff;
    }
    assert.deepEqual(decodeCorpus(le), { ok: true, text, encoding: 'utf-16le' });
    assert.deepEqual(decodeCorpus(be), { ok: true, text, encoding: 'utf-16be' });
  });

  it('sniffs GBK / GB18030 (simplified) and Big5 (traditional) text', () => {
    const gbk = encoderFor('gbk');
    const big5 = encoderFor('big5');
    for (const prefix of ['000', '001', '004']) {
      const text = representable(sample(prefix), gbk, 'gbk');
      const decoded = decodeCorpus(gbk(text));
      assert.ok(decoded.ok, `sample ${prefix} as GBK`);
      assert.equal(decoded.encoding, 'gb18030');
      assert.equal(decoded.text, text);
    }
    for (const prefix of ['002']) {
      const text = representable(sample(prefix), big5, 'big5');
      const decoded = decodeCorpus(big5(text));
      assert.ok(decoded.ok, `sample ${prefix} as Big5`);
      assert.equal(decoded.encoding, 'big5');
      assert.equal(decoded.text, text);
    }
    const short = '俄羅斯總統普丁表示，北約東擴是紅線。美國和中國的關係在2021年發生了變化。';
    const decoded = decodeCorpus(big5(short));
    assert.deepEqual(decoded, { ok: true, text: short, encoding: 'big5' });
  });

  it('uses the encoding the user set (files.encoding) before sniffing', () => {
    const gbk = encoderFor('gbk');
    const text = '普京表示北约东扩是红线';
    assert.deepEqual(decodeCorpus(gbk(text), encodingLabel('gbk')), { ok: true, text, encoding: 'gbk' });
    assert.equal(encodingLabel('big5hkscs'), 'big5');
    assert.equal(encodingLabel('utf16le'), 'utf-16le');
    assert.equal(encodingLabel('windows1252'), 'windows-1252');
    assert.equal(encodingLabel('iso88591'), 'iso-8859-1');
  });

  it('reports binary data and undecodable bytes instead of returning garbage', () => {
    const binary = new Uint8Array(4096).map((_, i) => (i * 37 + 11) & 0xff);
    const r = decodeCorpus(binary);
    assert.equal(r.ok, false);
    assert.match((r as { reason: string }).reason, /not valid UTF-8|binary/);
    const nul = decodeCorpus(new TextEncoder().encode('abc\u0000\u0000def'));
    assert.deepEqual(nul, { ok: false, reason: 'binary data (NUL or control characters), not text' });
    const badBom = decodeCorpus(new Uint8Array([0xef, 0xbb, 0xbf, 0xff, 0xfe, 0x80]));
    assert.equal(badBom.ok, false);
  });

  it('scores Chinese prose above a wrong decoding', () => {
    const text = sample('001');
    const gbkBytes = encoderFor('gbk')(text);
    const asBig5 = new TextDecoder('big5').decode(gbkBytes);
    assert.ok(chineseScore(text) > 0.5, String(chineseScore(text)));
    assert.ok(chineseScore(asBig5) < chineseScore(text) / 2, `${chineseScore(asBig5)} vs ${chineseScore(text)}`);
  });
});

describe('content hash', () => {
  it('differs when one byte changes and is stable otherwise', () => {
    const a = new TextEncoder().encode(sample('000'));
    const b = a.slice();
    b[b.length >> 1] ^= 1;
    assert.equal(hashBytes(a), hashBytes(a.slice()));
    assert.notEqual(hashBytes(a), hashBytes(b));
    assert.notEqual(hashBytes(a), hashBytes(a.subarray(0, a.length - 1)));
    assert.match(hashBytes(a), /^[0-9a-f]{16}$/);
    assert.notEqual(hashString('knowledge a'), hashString('knowledge b'));
  });
});
