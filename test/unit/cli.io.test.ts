// The CLI's one I/O interface (src/cli/io.ts): every command reads and writes through io.files, standard input
// through io.stdin and the environment through io.env, so a test can script all of it without touching the disk.
import * as assert from 'node:assert/strict';
import { main } from '../../src/cli/main';
import { MemoryCliFiles, scriptedIO } from '../helpers/memoryCliFiles';

const DOC = '2022年2月24日，普京宣布对乌克兰采取特别军事行动。北约秘书长斯托尔滕贝格表示谴责。\n';

describe('CLI: one scripted I/O interface', () => {
  it('extract - reads the text from standard input (GB18030 decoded like a file)', async () => {
    const files = new MemoryCliFiles();
    const gb = new Uint8Array(Buffer.from('d5e2cac7c6d5bea9a3ac32303232c4ea32d4c2', 'hex')); // 这是普京，2022年2月 in GB18030
    const t = scriptedIO('/w', files, { stdin: gb });
    assert.equal(await main(['extract', '-', '--json'], t.io), 0, t.err());
    const rows = t.out().trim().split('\n').map((l) => JSON.parse(l) as { file: string; kind: string; text: string; value?: string });
    assert.ok(rows.some((r) => r.kind === 'entity' && r.text === '普京' && r.file === '<stdin>'), t.out());
    assert.ok(rows.some((r) => r.kind === 'date' && r.value === '2022-02'), t.out());
    assert.equal(files.writes, 0);
  });

  it('extract: a missing file is reported with its name, the other files still run', async () => {
    const files = new MemoryCliFiles({ '/w/a.txt': DOC });
    const t = scriptedIO('/w', files);
    assert.equal(await main(['extract', 'missing.txt', 'a.txt'], t.io), 1);
    assert.match(t.err(), /missing\.txt: not a file/);
    assert.match(t.out(), /^a\.txt:1:\d+\tentity\t普京/m);
  });

  it('index, annotate, validate and export run on a scripted file system (nothing on disk)', async () => {
    const files = new MemoryCliFiles({ '/w/corpus/a.txt': DOC });
    const t = scriptedIO('/w', files, { env: { CORPUS_LENS_AUTHOR: 'analyst-a' } });
    assert.equal(await main(['index', 'corpus', '--json'], t.io), 0, t.err());
    assert.match(t.out(), /"documents":1/);
    const start = DOC.indexOf('普京宣布');
    assert.equal(await main(['annotate', 'add', 'corpus/a.txt', '--start', String(start), '--end', String(start + 4), '--claim', 'Putin announces the operation', '--stance', 'support', '--about', 'topic:ukraine'], t.io), 0, t.err());
    const sidecar = files.text('/w/corpus/a.txt.annotations.yaml');
    assert.ok(sidecar, 'sidecar written through io.files');
    assert.match(sidecar, /author: analyst-a/);
    assert.equal(await main(['validate', 'corpus'], t.io), 0, t.err());
    const before = files.writes;
    assert.equal(await main(['export', '--format', 'csv', '--out', 'exports/a.csv', 'corpus'], t.io), 0, t.err());
    const csv = files.text('/w/exports/a.csv');
    assert.ok(csv, 'export written through io.files');
    assert.match(csv.split('\n')[1]!, /^a\.txt,/);
    assert.match(csv, /Putin announces the operation/);
    assert.equal(files.writes, before + 1);
    assert.equal(await main(['export', '--format', 'brat', 'corpus'], t.io), 0, t.err());
    assert.ok(files.text('/w/corpus/exports/annotations-brat/a.ann')?.includes('Claim'), [...files.files.keys()].join(', '));
  });
});
