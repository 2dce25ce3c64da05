// Mechanisms that exist once (issue 10): the Disposable base of src/extension/disposable.ts, the EDTF date
// pattern of src/core/dates/edtf.ts and the binary searches of src/core/sorted.ts. A class that owns registrations
// extends the base (its `_register` disposes them in reverse order, and a registration after dispose is disposed at
// once); a date a user types is checked with isEdtfDate / EDTF_DATE, never with a copy of the pattern. Services and
// panels are ready when constructed (no `!` fields assigned later), and problems are told apart by a code, never by
// reading their message.
import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { EDTF_DATE } from '../../src/core/dates/edtf';
import { sources } from './helpers/sources';

const root = join(__dirname, '..', '..');

/** `file:line: text` of every line of the .ts files under `dir` matching `re` (files ending in `skip` left out). */
function linesMatching(dir: string, re: RegExp, skip: readonly string[] = []): string[] {
  const out: string[] = [];
  for (const file of sources(dir)) {
    if (skip.some((s) => file.endsWith(s))) continue;
    readFileSync(file, 'utf8')
      .split('\n')
      .forEach((line, i) => {
        if (re.test(line)) out.push(`${relative(root, file)}:${i + 1}: ${line.trim()}`);
      });
  }
  return out;
}

describe('architecture: one mechanism each', () => {
  it('every disposable class of src/extension extends the Disposable base instead of implementing vscode.Disposable', () => {
    const offenders: string[] = [];
    for (const file of sources(join(root, 'src', 'extension'))) {
      if (file.endsWith(join('extension', 'disposable.ts'))) continue;
      const lines = readFileSync(file, 'utf8').split('\n');
      lines.forEach((line, i) => {
        if (/\bclass\s+\w+.*\bimplements\b.*\bvscode\.Disposable\b/.test(line)) offenders.push(`${relative(root, file)}:${i + 1}: ${line.trim()}`);
      });
    }
    assert.deepEqual(offenders, []);
  });

  it('the EDTF date pattern is written once, in src/core/dates/edtf.ts', () => {
    const offenders: string[] = [];
    for (const file of sources(join(root, 'src'))) {
      if (file.endsWith(join('dates', 'edtf.ts'))) continue;
      const text = readFileSync(file, 'utf8');
      if (text.includes(EDTF_DATE.source)) offenders.push(relative(root, file));
    }
    assert.deepEqual(offenders, []);
  });
  it('a class of src/extension keeps no list of disposables of its own (it registers them with the base)', () => {
    assert.deepEqual(linesMatching(join(root, 'src', 'extension'), /\bdisposables\s*[:=]/, [join('extension', 'disposable.ts')]), []);
  });

  it('binary searches are the helpers of src/core/sorted.ts (the trie keeps its innermost loop inline)', () => {
    // A midpoint of two bounds: (lo + hi) >> 1, (a + b + 1) >>> 1, Math.floor((lo + hi) / 2).
    const midpoint = /\(\s*\w+\s*\+\s*\w+(\s*\+\s*1)?\s*\)\s*>>>?\s*1|Math\.floor\(\(\s*\w+\s*\+\s*\w+\s*\)\s*\/\s*2\)/;
    assert.deepEqual(linesMatching(join(root, 'src'), midpoint, [join('core', 'sorted.ts'), join('entities', 'trie.ts')]), []);
    assert.deepEqual(linesMatching(join(root, 'webview'), midpoint), []);
  });

  it('no field of src/extension or src/core is declared with ! (valid only once something else assigned it)', () => {
    const definite = /^\s+(?:(?:private|protected|public|readonly|static|override)\s+)*\w+!:/;
    assert.deepEqual([...linesMatching(join(root, 'src', 'extension'), definite), ...linesMatching(join(root, 'src', 'core'), definite)], []);
  });

  it('paths are split by the helpers of src/core/annotations/paths.ts (vscode-uri for URI strings), not by hand', () => {
    // A path's last '/' found by hand: a URI string's name stays percent-encoded (%E4%B8%AD.txt for 中.txt).
    assert.deepEqual(linesMatching(join(root, 'src'), /lastIndexOf\('\/'\)/, [join('annotations', 'paths.ts')]), []);
  });

  it('problems, diagnostics and errors are classified by their code, not by matching their message', () => {
    const byMessage = /\.(?:exec|test)\((?:[\w.]*\.)?message\)|\.message\.(?:startsWith|endsWith|includes|match|search|replace)\(|\.message\s*[!=]==\s*[A-Z][A-Z_]{2,}\b/;
    assert.deepEqual(linesMatching(join(root, 'src'), byMessage), []);
  });
});
