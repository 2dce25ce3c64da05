import * as assert from 'node:assert/strict';
import { cpSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { run as runExport } from '../../src/cli/commands/export';
import { run as runValidate } from '../../src/cli/commands/validate';
import { NodeFileStore } from '../../src/cli/nodeFileStore';

const FIXTURES = path.resolve(__dirname, '../fixtures/annotations');

function io(cwd: string) {
  const out: string[] = [];
  const err: string[] = [];
  return { io: { stdout: (s: string) => void out.push(s), stderr: (s: string) => void err.push(s), cwd }, out, err };
}

describe('annotations: CLI', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'cl-cli-'));
    cpSync(FIXTURES, dir, { recursive: true });
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('validate: clean corpus exits 0 and reports the orphan as a warning with its line', async () => {
    const t = io(dir);
    const code = await runValidate(['corpus'], t.io);
    assert.equal(code, 0);
    const lines = t.out.join('').trimEnd().split('\n');
    assert.equal(lines.length, 1);
    const sidecar = readFileSync(path.join(dir, 'corpus/news/001_46c6a13c8aa750a3.txt.annotations.yaml'), 'utf8').split('\n');
    const line = sidecar.findIndex((l) => l.includes('id: a-orphan01')) + 1;
    assert.equal(lines[0], `corpus/news/001_46c6a13c8aa750a3.txt.annotations.yaml:${line}:5: warning: annotation a-orphan01: passage "俄方要求北约提供具有法律约束力的安全保障" not found in the document; kept as an orphan — re-attach it to a selection`);
    assert.match(t.err.join(''), /2 sidecar files: 0 errors, 1 warning/);
  });

  it('validate: broken sidecars exit 1 with file:line:col: error: lines; files are not modified', async () => {
    const before = readFileSync(path.join(dir, 'broken/syntax.txt.annotations.yaml'), 'utf8');
    const t = io(dir);
    assert.equal(await runValidate([], t.io), 1);
    const out = t.out.join('');
    assert.match(out, /^broken\/syntax\.txt\.annotations\.yaml:9:5: error: YAML syntax error: /m);
    assert.match(out, /^broken\/fields\.txt\.annotations\.yaml:21:43: error: annotation a-bad00001: stance\.intensity: /m);
    assert.match(out, /^broken\/fields\.txt\.annotations\.yaml:22:5: error: annotation a-bad00001: stence: unknown key "stence"/m);
    assert.equal(readFileSync(path.join(dir, 'broken/syntax.txt.annotations.yaml'), 'utf8'), before);
    // a document path maps to its sidecar
    const d = io(dir);
    assert.equal(await runValidate(['corpus/002_47dd4565d9125d5d.txt'], d.io), 0);
    assert.equal(await runValidate(['nope'], io(dir).io), 1);
  });

  it('validate: a missing document is an error at the path line', async () => {
    rmSync(path.join(dir, 'corpus/002_47dd4565d9125d5d.txt'));
    const t = io(dir);
    assert.equal(await runValidate(['corpus'], t.io), 1);
    assert.match(t.out.join(''), /^corpus\/002_47dd4565d9125d5d\.txt\.annotations\.yaml:3:3: error: document "002_47dd4565d9125d5d\.txt" not found/m);
  });

  it('export: csv to stdout with records, jsonld to a file, bad format rejected', async () => {
    const t = io(dir);
    assert.equal(await runExport(['--format', 'csv', 'corpus'], t.io), 0);
    const csv = t.out.join('');
    const rows = csv.split('\r\n').filter(Boolean);
    assert.equal(rows[0], 'document,record,record_title,record_date,record_source,id,quote,start,end,claim,stance,intensity,about,about_label,about_type,about_wikidata,holder,holder_label,holder_type,holder_wikidata,attribution,when,confidence,tags,note,author,created,modified,orphaned');
    // paths relative to the corpus root (the folder given), the record's title, date and source beside its id
    assert.ok(csv.includes('news/001_46c6a13c8aa750a3.txt,r1: 俄美首脑紧急通话 能为俄乌边境“灭火”吗?,俄美首脑紧急通话 能为俄乌边境“灭火”吗?,2021-12-31T17:23:55,看看新闻Knews,a-0xa7qjbr,北约东扩是红线,299,306,'), csv.slice(0, 1200));
    assert.ok(csv.includes(',section:青年視紀,'));
    assert.ok(csv.includes('a-orphan01') && /a-orphan01.*,true$/m.test(csv));

    const j = io(dir);
    assert.equal(await runExport(['--format=jsonld', '--out', 'out/annotations.jsonld', 'corpus'], j.io), 0);
    const doc = JSON.parse(readFileSync(path.join(dir, 'out/annotations.jsonld'), 'utf8')) as { '@context': unknown; total: number; first: { items: Array<{ target: { source: string } }> } };
    // relative source IRIs, resolved from out/ back to the corpus root
    assert.deepEqual(doc['@context'], ['http://www.w3.org/ns/anno.jsonld', { '@base': '../corpus/' }]);
    assert.equal(doc.total, 6);
    assert.equal(doc.first.items[0]!.target.source, '002_47dd4565d9125d5d.txt');
    assert.match(j.err.join(''), /6 annotations written to out\/annotations\.jsonld/);

    const jl = io(dir);
    assert.equal(await runExport(['--format', 'jsonl', '--bom', 'broken'], jl.io), 1); // syntax.txt sidecar skipped
    assert.equal(jl.out.join('').trimEnd().split('\n').length, 1);
    assert.match(jl.err.join(''), /broken\/syntax\.txt\.annotations\.yaml: skipped/);

    assert.equal(await runExport(['--format', 'xml'], io(dir).io), 2);
  });

  it('NodeFileStore writes atomically and reads with the BOM removed', async () => {
    const fs = new NodeFileStore();
    const file = path.join(dir, 'new/sub/x.yaml');
    assert.equal(await fs.readText(file), undefined);
    await fs.writeTextAtomic(file, '\uFEFFhello 😊');
    assert.equal(await fs.readText(file), 'hello 😊');
    await fs.writeTextAtomic(file, 'second');
    assert.equal(readFileSync(file, 'utf8'), 'second');
    assert.ok(await fs.exists(file));
    await fs.delete(file);
    assert.equal(await fs.exists(file), false);
  });
});
