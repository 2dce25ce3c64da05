import * as assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { unzipSync, strFromU8 } from 'fflate';
import { main } from '../../src/cli/main';
import { NodeFileStore } from '../../src/cli/nodeFileStore';
import { AnnotationStore } from '../../src/core/annotations';
import { SegmentStore, parseCodebook, parseSegments, segmentPathFor } from '../../src/core/codes';

const SCHEMAS = path.join(__dirname, '..', '..', '..', '..', 'shared', 'data', 'refi-qda');

function io(cwd: string) {
  const out: string[] = [];
  const err: string[] = [];
  return { io: { stdout: (s: string) => void out.push(s), stderr: (s: string) => void err.push(s), cwd }, out, err };
}

const TEXT = '【2021年12月7日讯】😀 普京表示，北约东扩是红线。\n美国对俄罗斯实施制裁。\n';

async function workspace(dir: string): Promise<void> {
  mkdirSync(path.join(dir, '.corpus-lens', 'memos', 'code'), { recursive: true });
  mkdirSync(path.join(dir, 'news'), { recursive: true });
  writeFileSync(
    path.join(dir, '.corpus-lens', 'codebook.yaml'),
    `schema: corpus-lens/codebook@1
codes:
  - id: red-line
    labels: {en: red line, zh-Hans: 红线, zh-Hant: 紅線}
    color: "#d04040"
  - id: sanctions
    labels: {en: sanctions, zh-Hans: 制裁}
    parent: red-line
`,
  );
  writeFileSync(path.join(dir, '.corpus-lens', 'memos', 'project.md'), '# Project memo\n\nWhy.\n');
  writeFileSync(path.join(dir, '.corpus-lens', 'memos', 'code', 'red-line.md'), 'Red lines in 2021.\n');
  writeFileSync(path.join(dir, '.corpus-lens', 'variables.yaml'), 'schema: corpus-lens/variables@1\ndocuments:\n  news/001.txt: {country: CN, genre: news}\n');
  const doc = path.join(dir, 'news', '001.txt');
  writeFileSync(doc, TEXT);
  const fs = new NodeFileStore();
  const segments = new SegmentStore(fs, { author: 'ana' });
  const at = TEXT.indexOf('北约东扩');
  await segments.apply(segmentPathFor(doc + '.annotations.yaml'), doc, TEXT, at, at + 7, ['red-line'], 'memo of the segment');
  const store = new AnnotationStore(fs, { author: 'bo' });
  await store.load(doc, TEXT);
  const s = TEXT.indexOf('美国');
  store.add(doc, { start: s, end: s + 10, claim: 'The US sanctions Russia', stance: { polarity: 'support', intensity: 1 }, codes: ['sanctions'], note: 'see also 2014' });
  await store.save(doc);
}

describe('REFI-QDA: CLI export and import', () => {
  let dir: string;
  beforeEach(() => (dir = mkdtempSync(path.join(tmpdir(), 'cl-qdpx-'))));
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('export --format qdpx → import into an empty folder keeps codes, segments (positions), claims as segments, memos', async () => {
    const src = path.join(dir, 'src');
    const dst = path.join(dir, 'dst');
    mkdirSync(src);
    mkdirSync(dst);
    await workspace(src);
    const e = io(src);
    assert.equal(await main(['export', '--format', 'qdpx', '--out', path.join(dir, 'p.qdpx')], e.io), 0, e.err.join(''));
    assert.match(e.err.join(''), /1 document, 2 codes, 2 coded segments, 2 memos written/);
    const files = unzipSync(readFileSync(path.join(dir, 'p.qdpx')));
    if (spawnSync('xmllint', ['--version']).status === 0 && existsSync(SCHEMAS)) {
      writeFileSync(path.join(dir, 'project.qde'), strFromU8(files['project.qde']!));
      const r = spawnSync('xmllint', ['--noout', '--schema', path.join(SCHEMAS, 'Project-mrt2019.xsd'), path.join(dir, 'project.qde')], { encoding: 'utf8' });
      assert.equal(r.status, 0, r.stderr);
    }
    const i = io(dst);
    assert.equal(await main(['import', path.join(dir, 'p.qdpx'), '--author', 'imp'], i.io), 0, i.err.join(''));
    assert.equal(i.out.join(''), 'imported 2 new codes, 1 new document, 2 coded segments, 2 memos\n');
    assert.equal(readFileSync(path.join(dst, 'news', '001.txt'), 'utf8'), TEXT);
    const book = parseCodebook(readFileSync(path.join(dst, '.corpus-lens', 'codebook.yaml'), 'utf8'), 'cb').value;
    assert.deepEqual(book.byId.get('red-line')!.labels, { en: 'red line', 'zh-Hans': '红线', 'zh-Hant': '紅線' });
    assert.equal(book.byId.get('sanctions')!.parent, 'red-line');
    assert.equal(book.byId.get('red-line')!.color, '#d04040');
    const seg = parseSegments(readFileSync(path.join(dst, 'news', '001.txt.codes.yaml'), 'utf8'), 'x').value!;
    const spans = seg.segments.map((s) => [s.target.selector.find((x) => x.type === 'TextQuoteSelector')!, s] as const);
    const red = spans.find(([q]) => q.type === 'TextQuoteSelector' && q.exact === '北约东扩是红线')!;
    assert.deepEqual(red[1].codes, ['red-line']);
    assert.equal(red[1].memo, 'memo of the segment');
    assert.equal(red[1].author, 'ana');
    const claim = spans.find(([q]) => q.type === 'TextQuoteSelector' && q.exact === '美国对俄罗斯实施制裁')!;
    assert.deepEqual(claim[1].codes, ['sanctions']);
    assert.match(claim[1].memo!, /^claim: The US sanctions Russia\nstance: support 1\n\nsee also 2014$/);
    // Code points: the emoji before the passage counts as one.
    const pos = red[1].target.selector.find((x) => x.type === 'TextPositionSelector')!;
    assert.equal(pos.type === 'TextPositionSelector' && pos.start, [...TEXT.slice(0, TEXT.indexOf('北约'))].length);
    assert.equal(readFileSync(path.join(dst, '.corpus-lens', 'memos', 'project.md'), 'utf8'), '# Project memo\n\nWhy.\n');
    assert.equal(readFileSync(path.join(dst, '.corpus-lens', 'memos', 'code', 'red-line.md'), 'utf8'), 'Red lines in 2021.\n');
    // Importing again adds nothing.
    const again = io(dst);
    assert.equal(await main(['import', path.join(dir, 'p.qdpx')], again.io), 0, again.err.join(''));
    assert.equal(again.out.join(''), 'imported 0 new codes, 0 new documents, 0 coded segments, 0 memos\n');
  });

  it('export --format qdc writes the codebook; import of a document with other text skips its codings', async () => {
    await workspace(dir);
    const e = io(dir);
    assert.equal(await main(['export', '--format=qdc', '--out', 'cb.qdc'], e.io), 0, e.err.join(''));
    assert.match(readFileSync(path.join(dir, 'cb.qdc'), 'utf8'), /<CodeBook xmlns="urn:QDA-XML:codebook:1.0"/);
    assert.equal(await main(['export', '--format', 'qdpx', '--out', 'p.qdpx'], io(dir).io), 0);
    writeFileSync(path.join(dir, 'news', '001.txt'), TEXT + 'changed');
    const other = path.join(dir, 'other');
    mkdirSync(path.join(other, 'news'), { recursive: true });
    writeFileSync(path.join(other, 'news', '001.txt'), 'other text');
    const i = io(other);
    assert.equal(await main(['import', path.join(dir, 'p.qdpx')], i.io), 1);
    assert.match(i.err.join(''), /the workspace document has other text; its 2 coded segment\(s\) were not imported/);
    assert.equal(readFileSync(path.join(other, 'news', '001.txt'), 'utf8'), 'other text');
    assert.equal(await main(['export', '--format', 'qdpx'], io(dir).io), 2);
    const bad = io(dir);
    writeFileSync(path.join(dir, 'x.qdpx'), 'garbage');
    assert.equal(await main(['import', 'x.qdpx'], bad.io), 1);
    assert.match(bad.err.join(''), /not a \.qdpx archive.*nothing was imported/);
  });
});
