// Mechanisms that exist once (issue 10): the Disposable base of src/extension/disposable.ts, and the EDTF date
// pattern of src/core/dates/edtf.ts. A class that owns registrations extends the base (its `_register` disposes them
// in reverse order, and a registration after dispose is disposed at once); a date a user types is checked with
// isEdtfDate / EDTF_DATE, never with a copy of the pattern.
import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { EDTF_DATE } from '../../src/core/dates/edtf';
import { sources } from './helpers/sources';

const root = join(__dirname, '..', '..');


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
});
