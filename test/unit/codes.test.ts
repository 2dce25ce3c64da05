import * as assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import {
  CodebookEditError,
  QueryError,
  SegmentStore,
  codePath,
  codesForTags,
  countCodes,
  documentFilter,
  editCodebook,
  findCode,
  memoPath,
  memoSubject,
  parseCodebook,
  parseQuery,
  parseSegments,
  parseVariables,
  planTagMigration,
  retrieve,
  segmentPathFor,
  serializeSegments,
  type CodedItem,
} from '../../src/core/codes';
import { parseSidecar, serializeSidecar } from '../../src/core/annotations';
import { NodeFileStore } from '../../src/cli/nodeFileStore';

const BOOK = `schema: corpus-lens/codebook@1
# the analyst's comment stays
codes:
  - id: security
    labels: {en: security, zh-Hans: 安全}
  - id: red-line
    labels: {en: red line, zh-Hans: 红线, zh-Hant: 紅線}
    definition: A limit a state says it will not let another cross.
    color: "#d04040"
    synonyms: [底线]
    parent: security
  - id: nato
    labels: {en: NATO enlargement, zh-Hans: 北约东扩}
    parent: security
  - id: energy
    labels: {en: energy}
`;

describe('codes: codebook', () => {
  it('parses labels, hierarchy, colours and synonyms', () => {
    const { value: book, problems } = parseCodebook(BOOK, 'codebook.yaml');
    assert.deepEqual(problems, []);
    assert.equal(book.codes.length, 4);
    assert.deepEqual(book.byId.get('red-line')!.labels, { en: 'red line', 'zh-Hans': '红线', 'zh-Hant': '紅線' });
    assert.deepEqual(book.children.get('security')!.map((c) => c.id), ['red-line', 'nato']);
    assert.equal(codePath(book, 'red-line'), 'security / red line');
    assert.equal(findCode(book, '紅線'), 'red-line');
    assert.equal(findCode(book, '底线'), 'red-line');
    assert.equal(findCode(book, 'RED LINE'), 'red-line');
  });

  it('reports bad codes with file:line and loads the rest', () => {
    const text = `schema: corpus-lens/codebook@1
codes:
  - id: ok
    labels: {en: fine}
  - id: "bad id"
    labels: {en: x}
  - id: nolabel
    labels: {}
  - id: ok
    labels: {en: again}
  - id: colour
    labels: {en: c}
    color: red
  - id: orphan
    labels: {en: o}
    parent: missing
  - id: a
    labels: {en: a}
    parent: b
  - id: b
    labels: {en: b}
    parent: a
  - id: typo
    lables: {en: t}
`;
    const { value: book, problems } = parseCodebook(text, 'cb.yaml');
    const errors = problems.filter((p) => p.severity === 'error').map((p) => `${p.line}: ${p.message}`);
    assert.ok(errors.some((e) => e.startsWith('5: ') && e.includes('must match')), errors.join('\n'));
    assert.ok(errors.some((e) => e.startsWith('8: ') && e.includes('at least one label')), errors.join('\n'));
    assert.ok(errors.some((e) => e.startsWith('9: ') && e.includes('duplicate code id "ok"')), errors.join('\n'));
    assert.ok(errors.some((e) => e.startsWith('13: ') && e.includes('colour')), errors.join('\n'));
    assert.ok(errors.some((e) => e.includes('lables')), errors.join('\n'));
    const warnings = problems.filter((p) => p.severity === 'warning').map((p) => `${p.line}: ${p.message}`);
    assert.ok(warnings.some((w) => w.startsWith('16: ') && w.includes('unknown parent "missing"')), warnings.join('\n'));
    assert.ok(warnings.some((w) => w.includes('cycle')), warnings.join('\n'));
    assert.deepEqual(book.codes.map((c) => c.id).sort(), ['a', 'b', 'ok', 'orphan']);
    assert.equal(book.byId.get('orphan')!.parent, undefined);
    // The cycle is broken: one of a / b is at the top.
    assert.ok(book.byId.get('a')!.parent === undefined || book.byId.get('b')!.parent === undefined);
    for (const p of problems) assert.equal(p.file, 'cb.yaml');
  });

  it('refuses a foreign schema and a YAML syntax error without loading anything', () => {
    assert.equal(parseCodebook('schema: other@1\ncodes: []\n', 'x').value.codes.length, 0);
    const broken = parseCodebook('schema: corpus-lens/codebook@1\ncodes: [\n', 'x');
    assert.equal(broken.doc, undefined);
    assert.ok(broken.problems[0]!.message.startsWith('YAML syntax error'));
    assert.throws(() => editCodebook('schema: corpus-lens/codebook@1\ncodes: [\n', 'x', [{ kind: 'color', id: 'a', color: '#fff' }]), CodebookEditError);
  });

  it('edits keep comments and other codes; rename and move change one item', () => {
    let text = editCodebook(BOOK, 'cb', [{ kind: 'rename', id: 'energy', labels: { en: 'energy security', 'zh-Hans': '能源安全' } }]);
    assert.ok(text.includes("# the analyst's comment stays"));
    assert.ok(text.includes('definition: A limit a state says it will not let another cross.'));
    text = editCodebook(text, 'cb', [{ kind: 'move', id: 'energy', parent: 'security' }]);
    const book = parseCodebook(text, 'cb').value;
    assert.equal(book.byId.get('energy')!.parent, 'security');
    assert.equal(book.byId.get('energy')!.labels['zh-Hans'], '能源安全');
    assert.throws(() => editCodebook(text, 'cb', [{ kind: 'move', id: 'security', parent: 'red-line' }]), /is inside it/);
    assert.throws(() => editCodebook(text, 'cb', [{ kind: 'move', id: 'nope', parent: undefined }]), /no code "nope"/);
    text = editCodebook(text, 'cb', [{ kind: 'color', id: 'energy', color: '#00aa00' }]);
    assert.equal(parseCodebook(text, 'cb').value.byId.get('energy')!.color, '#00aa00');
    assert.throws(() => editCodebook(text, 'cb', [{ kind: 'color', id: 'energy', color: 'green' }]), /not a colour/);
  });

  it('create and merge: the merged id resolves to the target, its names become synonyms, children move', () => {
    let text = editCodebook(undefined, 'cb', [
      { kind: 'create', code: { id: 'red-line', labels: { en: 'red line' } } },
      { kind: 'create', code: { id: 'hongxian', labels: { 'zh-Hans': '红线' } } },
      { kind: 'create', code: { id: 'kid', labels: { en: 'kid' }, parent: 'hongxian' } },
    ]);
    assert.throws(() => editCodebook(text, 'cb', [{ kind: 'create', code: { id: 'kid', labels: { en: 'x' } } }]), /already exists/);
    text = editCodebook(text, 'cb', [{ kind: 'merge', from: 'hongxian', into: 'red-line' }]);
    const book = parseCodebook(text, 'cb').value;
    assert.equal(book.byId.has('hongxian'), false);
    assert.equal(book.merged.get('hongxian'), 'red-line');
    assert.deepEqual(book.byId.get('red-line')!.synonyms, ['红线']);
    assert.equal(book.byId.get('kid')!.parent, 'red-line');
    const counts = countCodes(book, [{ doc: 'd', id: 's1', kind: 'segment', start: 0, end: 1, codes: ['hongxian'] }]);
    assert.equal(counts.get('red-line')!.segments, 1);
  });
});

function item(doc: string, id: string, start: number, end: number, codes: string[]): CodedItem {
  return { doc, id, kind: 'segment', start, end, codes };
}

describe('codes: counts and retrieval', () => {
  const book = parseCodebook(BOOK, 'cb').value;
  const items = [
    item('a.txt', '1', 0, 10, ['red-line']),
    item('a.txt', '2', 5, 15, ['nato']),
    item('a.txt', '3', 30, 40, ['energy']),
    item('b.txt', '4', 0, 5, ['red-line', 'energy']),
    item('c.txt', '5', 0, 5, ['nato']),
  ];

  it('counts segments and documents, own and with the codes below', () => {
    const c = countCodes(book, items);
    assert.deepEqual(c.get('red-line'), { segments: 2, documents: 2, totalSegments: 2, totalDocuments: 2 });
    assert.deepEqual(c.get('security'), { segments: 0, documents: 0, totalSegments: 4, totalDocuments: 3 });
    assert.deepEqual(c.get('energy'), { segments: 2, documents: 2, totalSegments: 2, totalDocuments: 2 });
  });

  it('AND over overlapping passages, OR, NOT, parents include children, document sets', () => {
    const ids = (q: string, docs?: (d: string) => boolean): string[][] => retrieve(book, items, parseQuery(q, book), docs ? { documents: docs } : {}).map((p) => p.items.map((i) => i.id));
    assert.deepEqual(ids('red-line AND nato'), [['1', '2']]);
    assert.deepEqual(ids('红线 & energy'), [['4']]);
    assert.deepEqual(ids('nato OR energy'), [['1', '2'], ['3'], ['4'], ['5']]);
    assert.deepEqual(ids('security AND NOT energy'), [['1', '2'], ['5']]);
    assert.deepEqual(ids('(red-line OR nato) AND NOT "red line"'), [['5']]);
    assert.deepEqual(ids('nato', (d) => d !== 'c.txt'), [['1', '2']]);
    const noKids = retrieve(book, items, parseQuery('security', book), { includeChildren: false });
    assert.equal(noKids.length, 0);
  });

  it('query errors name the column', () => {
    assert.throws(() => parseQuery('red-line AND', book), (e: unknown) => e instanceof QueryError && /ends too early/.test(e.message));
    assert.throws(() => parseQuery('red-line nato', book), (e: unknown) => e instanceof QueryError && e.column === 10);
    assert.throws(() => parseQuery('nothing', book), /no code "nothing"/);
    assert.throws(() => parseQuery('(nato', book), /missing \)/);
  });
});

describe('codes: document variables', () => {
  it('parses the variables file and filters documents, with sets', () => {
    const { value, problems } = parseVariables(
      `schema: corpus-lens/variables@1
documents:
  a.txt: {outlet: 环球时报, country: CN, language: zh-Hans, genre: news, date: "2021-12-31"}
  b.txt: {country: RU, language: en, date: "2019-05"}
  c.txt: [bad]
sets:
  chinese: "language=zh-Hans,zh-Hant"
  broken: "what"
`,
      'variables.yaml',
    );
    assert.deepEqual(problems.map((p) => p.line), [5, 8]);
    const vars = (d: string): Record<string, string> => value.documents.get(d) ?? {};
    const pick = (f: string): string[] => ['a.txt', 'b.txt'].filter(documentFilter(f, vars, value.sets));
    assert.deepEqual(pick('country=CN'), ['a.txt']);
    assert.deepEqual(pick('date>=2020'), ['a.txt']);
    assert.deepEqual(pick('date<=2019'), ['b.txt']);
    assert.deepEqual(pick('set:chinese'), ['a.txt']);
    assert.deepEqual(pick('-set:chinese'), ['b.txt']);
    assert.deepEqual(pick('outlet?'), ['a.txt']);
    assert.deepEqual(pick('country!=CN'), ['b.txt']);
    assert.throws(() => pick('set:nope'), /no document set "nope"/);
    assert.throws(() => pick('=x'), /not a filter term/);
  });
});

describe('codes: coded segments', () => {
  let dir: string;
  beforeEach(() => (dir = mkdtempSync(path.join(tmpdir(), 'codes-'))));
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('applies a code (emoji before the passage: code points stored), reuses a same-span segment, re-anchors after an edit', async () => {
    const docPath = path.join(dir, 'doc.txt');
    const text = '😀 普京说北约东扩是红线。Другое.';
    writeFileSync(docPath, text);
    const store = new SegmentStore(new NodeFileStore(), { author: 'ana', now: () => new Date('2026-11-22T07:30:00Z') });
    const segPath = segmentPathFor(docPath);
    const start = text.indexOf('北约东扩');
    const id = await store.apply(segPath, docPath, text, start, start + 7, ['red-line'], 'the key passage');
    const again = await store.apply(segPath, docPath, text, start, start + 7, ['nato']);
    assert.equal(again, id);
    const raw = readFileSync(segPath, 'utf8');
    const parsed = parseSegments(raw, segPath);
    assert.equal(parsed.writable, true);
    const seg = parsed.value!.segments[0]!;
    assert.deepEqual(seg.codes, ['red-line', 'nato']);
    assert.equal(seg.memo, 'the key passage');
    const pos = seg.target.selector.find((s) => s.type === 'TextPositionSelector')!;
    assert.deepEqual([pos.start, pos.end], [[...text.slice(0, start)].length, [...text.slice(0, start)].length + 7]);
    assert.equal(serializeSegments(parsed.value!), raw);
    const edited = '新的开头。' + text;
    const loaded = await store.load(segPath, edited);
    assert.equal(edited.slice(loaded.segments[0]!.start, loaded.segments[0]!.end), '北约东扩是红线');
    assert.equal(await store.remove(segPath, docPath, text, id), true);
    assert.throws(() => readFileSync(segPath), /ENOENT/);
  });

  it('a segment file with an invalid item is reported with its line and never overwritten', async () => {
    const docPath = path.join(dir, 'doc.txt');
    writeFileSync(docPath, 'abc');
    const segPath = segmentPathFor(docPath);
    const bad = `schema: corpus-lens/segments@1
document: {path: doc.txt}
segments:
  - id: s-1
    target: {selector: [{type: TextQuoteSelector, exact: a}]}
    codes: []
    author: x
    modified: "2026-01-01T00:00:00Z"
    created: "2026-01-01T00:00:00Z"
`;
    writeFileSync(segPath, bad);
    const parsed = parseSegments(bad, segPath);
    assert.equal(parsed.writable, false);
    assert.equal(parsed.problems[0]!.line, 6);
    const store = new SegmentStore(new NodeFileStore(), { author: 'a' });
    await assert.rejects(store.apply(segPath, docPath, 'abc', 0, 1, ['x']), /not written until they are fixed/);
    assert.equal(readFileSync(segPath, 'utf8'), bad);
  });
});

describe('codes: annotations carry codes; tags migrate', () => {
  it('an @1 sidecar with codes round-trips; one without keeps loading', () => {
    const text = `schema: corpus-lens/annotations@1
document:
  path: d.txt
annotations:
  - id: a-1
    target:
      selector:
        - {type: TextQuoteSelector, exact: 红线}
    claim: c
    stance: {polarity: oppose}
    tags: [红线, 紅線, red-line]
    codes: [red-line]
    author: x
    modified: "2026-01-01T00:00:00Z"
    created: "2026-01-01T00:00:00Z"
`;
    const parsed = parseSidecar(text, 'd.txt.annotations.yaml');
    assert.deepEqual(parsed.problems, []);
    assert.deepEqual(parsed.value!.annotations[0]!.codes, ['red-line']);
    assert.equal(serializeSidecar(parsed.value!), text);
    const dup = parseSidecar(text.replace('codes: [red-line]', 'codes: [red-line, red-line]'), 'x');
    assert.ok(dup.problems.some((p) => p.message.includes('listed twice')));
  });

  it('tags in two scripts become one code; an existing code is reused by name', () => {
    const book = parseCodebook(BOOK, 'cb').value;
    const plan = planTagMigration(book, ['紅線', '制裁', '製裁', 'Energy', 'new tag']);
    assert.equal(plan.codeOf.get('紅線'), 'red-line');
    assert.equal(plan.codeOf.get('Energy'), 'energy');
    assert.equal(plan.codeOf.get('制裁'), plan.codeOf.get('製裁'));
    assert.equal(plan.codeOf.get('new tag'), 'new-tag');
    const created = plan.edits.map((e) => (e.kind === 'create' ? e.code : undefined));
    const sanction = created.find((c) => c?.id === plan.codeOf.get('制裁'))!;
    assert.deepEqual(sanction.labels, { 'zh-Hans': '制裁', 'zh-Hant': '製裁' });
    const text = editCodebook(BOOK, 'cb', plan.edits);
    assert.equal(parseCodebook(text, 'cb').value.codes.length, 6);
    assert.deepEqual(codesForTags(['nato'], ['紅線', 'new tag'], plan.codeOf), ['nato', 'red-line', 'new-tag']);
  });
});

describe('codes: memos', () => {
  it('memo paths name their subject and come back', () => {
    for (const s of [{ kind: 'project' }, { kind: 'document', path: 'news/001.txt' }, { kind: 'code', id: 'red-line' }, { kind: 'entity', id: 'person/vladimir-putin' }, { kind: 'topic', id: 'nato-enlargement' }] as const) {
      assert.deepEqual(memoSubject(memoPath(s))!.subject, s);
    }
    assert.deepEqual(memoSubject('ideas/draft.md')!.subject, { kind: 'project' });
    assert.equal(memoSubject('../x.md'), undefined);
  });
});
