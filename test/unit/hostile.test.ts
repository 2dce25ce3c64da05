// Hostile workspace input: YAML alias bombs, cycles, deep nesting and huge files in every workspace YAML file
// (knowledge, topics, sidecars), and paths in workspace files that lead out of the workspace (validate, export).
import * as assert from 'node:assert/strict';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import bundledTopics from '../../data/topics.yaml';
import { parseSidecar } from '../../src/core/annotations/parse';
import { serializeSidecar } from '../../src/core/annotations/serialize';
import { confinedJoin } from '../../src/core/confine';
import { loadTopics } from '../../src/core/corpus/topics';
import { defaultKnowledgeSource, loadKnowledge } from '../../src/core/entities/knowledge';
import { addEntityToKnowledgeText } from '../../src/core/knowledgeEdit';
import { loadPlainYaml, parseYaml, toJS, YAML_LIMITS } from '../../src/core/yaml';
import { main } from '../../src/cli/main';
import { commandUri, escapeIcons, escapeMarkdown, noLinks } from '../../src/core/text/escape';

const HOSTILE = path.resolve(__dirname, '../fixtures/hostile');
const ANNOTATIONS = path.resolve(__dirname, '../fixtures/annotations');
const fixture = (name: string) => readFileSync(path.join(HOSTILE, name), 'utf8');
/** 1-based line of the first line of `text` that contains `needle`. */
const lineOf = (text: string, needle: string) => text.split('\n').findIndex((l) => l.includes(needle)) + 1;

async function cli(args: string[], cwd: string): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const code = await main(args, { stdout: (s) => (out += s.endsWith('\n') ? s : `${s}\n`), stderr: (s) => (err += s.endsWith('\n') ? s : `${s}\n`), cwd });
  return { code, out, err };
}

describe('hostile input: YAML limits', () => {
  it('the fixtures are real 1 KB bombs: 9 anchors of 9 aliases', () => {
    for (const name of ['knowledge-bomb.yaml', 'topics-bomb.yaml', 'sidecar-bomb.yaml']) {
      const text = fixture(name);
      assert.ok(Buffer.byteLength(text) <= 1100, `${name}: ${Buffer.byteLength(text)} bytes`);
      assert.equal((text.match(/\*[a-h]\b/g) ?? []).length, 72);
    }
  });

  it('an alias bomb is refused at the alias that crosses the limit, with its line and column', () => {
    const text = fixture('knowledge-bomb.yaml');
    const parsed = parseYaml(text, 'k.yaml');
    assert.equal(parsed.ok, false);
    assert.equal(parsed.doc, undefined);
    assert.equal(parsed.problems.length, 1);
    const p = parsed.problems[0]!;
    assert.equal(p.severity, 'error');
    assert.match(p.message, /aliases of this file expand to too much data .*alias \*[a-i] alone expands to \d+ nodes/);
    const line = text.split('\n')[p.line - 1]!;
    assert.equal(line[p.column - 1], '*', `column ${p.column} of "${line}" is an alias`);
  });

  it('ordinary aliases still work, and toJS resolves them', () => {
    const parsed = parseYaml('base: &b [x, y]\nuse: *b\nmore: {k: *b}\n', 'a.yaml');
    assert.ok(parsed.ok);
    assert.deepEqual(toJS(parsed.doc!), { base: ['x', 'y'], use: ['x', 'y'], more: { k: ['x', 'y'] } });
    // 500 aliases of one anchor: over yaml's own default heuristic (100), fine here
    const many = `a: &a v\nlist: [${Array(500).fill('*a').join(', ')}]\n`;
    const m = parseYaml(many, 'm.yaml');
    assert.ok(m.ok, JSON.stringify(m.problems));
    assert.equal((toJS(m.doc!) as { list: string[] }).list.length, 500);
  });

  it('cycles, deep nesting, too many aliases and oversized files are located errors', () => {
    const cycle = parseYaml('a: &a\n  - x\n  - *a\n', 'c.yaml');
    assert.equal(cycle.ok, false);
    assert.match(cycle.problems[0]!.message, /alias \*a refers to a node that contains it/);
    assert.deepEqual([cycle.problems[0]!.line, cycle.problems[0]!.column], [3, 5]);
    const deep = parseYaml(`${'['.repeat(600)}${']'.repeat(600)}`, 'd.yaml');
    assert.equal(deep.ok, false);
    assert.match(deep.problems[0]!.message, /nested more than 500 levels/);
    // deeper still, the parser's own stack gives out: also an error, not a throw
    const deeper = parseYaml(`${'['.repeat(20000)}${']'.repeat(20000)}`, 'd.yaml');
    assert.equal(deeper.ok, false);
    assert.equal(deeper.problems[0]!.severity, 'error');
    const aliases = parseYaml(`a: &a 1\nl: [${Array(20).fill('*a').join(',')}]\n`, 'n.yaml', {}, { ...YAML_LIMITS, maxAliases: 10 });
    assert.match(aliases.problems[0]!.message, /more than 10 aliases/);
    assert.equal(aliases.problems[0]!.line, 2);
    const big = parseYaml('x: 1\n'.repeat(100), 'big.yaml', {}, { ...YAML_LIMITS, maxChars: 100 });
    assert.match(big.problems[0]!.message, /too large/);
    assert.deepEqual([big.problems[0]!.file, big.problems[0]!.line], ['big.yaml', 1]);
    // The js-yaml fast path never sees anchors or oversized text.
    assert.equal(loadPlainYaml(fixture('sidecar-bomb.yaml')), undefined);
    assert.deepEqual(loadPlainYaml('a: "A & B"\n'), { a: 'A & B' });
  });

  it('knowledge: a bomb in the workspace file is one located error; the bundled knowledge base loads', function () {
    this.timeout(60_000);
    const text = fixture('knowledge-bomb.yaml');
    const loaded = loadKnowledge([defaultKnowledgeSource(), { file: '.corpus-lens/knowledge.yaml', text }]);
    const errors = loaded.problems.filter((p) => p.severity === 'error');
    assert.equal(errors.length, 1);
    assert.equal(errors[0]!.file, '.corpus-lens/knowledge.yaml');
    assert.ok(errors[0]!.line > 3 && errors[0]!.line <= lineOf(text, 'i: &i'));
    assert.ok(loaded.value.get('person/vladimir-putin'));
    assert.equal(loaded.value.get('person/lol'), undefined);
    // Add to Knowledge Base refuses to edit it, saying where it is wrong.
    const edit = addEntityToKnowledgeText(text, { id: 'person/x', type: 'person', names: { en: 'X' } });
    assert.ok('error' in edit && /line \d+, column \d+: the aliases/.test(edit.error), JSON.stringify(edit));
  });

  it('topics: a bomb in the workspace file is one located error; the bundled topics load', () => {
    const loaded = loadTopics([{ file: '<bundled>/topics.yaml', text: bundledTopics }, { file: '.corpus-lens/topics.yaml', text: fixture('topics-bomb.yaml') }]);
    const errors = loaded.problems.filter((p) => p.severity === 'error');
    assert.equal(errors.length, 1);
    assert.match(errors[0]!.message, /expand to too much data/);
    assert.equal(errors[0]!.file, '.corpus-lens/topics.yaml');
    assert.ok(loaded.value.get('nato-enlargement'));
    assert.equal(loaded.value.get('lol'), undefined);
  });

  it('sidecar: a bomb gives no value (never overwritten) and a located error; serializing over it does not expand it', () => {
    const text = fixture('sidecar-bomb.yaml');
    const parsed = parseSidecar(text, 'doc.txt.annotations.yaml');
    assert.equal(parsed.value, undefined);
    assert.equal(parsed.problems.length, 1);
    assert.match(parsed.problems[0]!.message, /expand to too much data/);
    assert.ok(parsed.problems[0]!.line > lineOf(text, 'x-bomb'));
    const out = serializeSidecar({ schema: 'corpus-lens/annotations@1', document: { path: 'doc.txt' }, annotations: [], invalid: [] }, text);
    assert.ok(out.length < 200, out);
  });
});

describe('hostile input: the CLI with bombs in the workspace', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'cl-hostile-'));
    cpSync(path.join(ANNOTATIONS, 'corpus'), dir, { recursive: true });
    mkdirSync(path.join(dir, '.corpus-lens'));
    writeFileSync(path.join(dir, '.corpus-lens/knowledge.yaml'), fixture('knowledge-bomb.yaml'));
    writeFileSync(path.join(dir, '.corpus-lens/topics.yaml'), fixture('topics-bomb.yaml'));
    writeFileSync(path.join(dir, 'doc.txt'), '普京说。\n');
    writeFileSync(path.join(dir, 'doc.txt.annotations.yaml'), fixture('sidecar-bomb.yaml'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('extract and index run and report both workspace files with file:line:col', async function () {
    this.timeout(120_000); // each command loads the whole knowledge base; slow on a loaded machine
    for (const args of [['extract', '--json', 'doc.txt'], ['index', '--json', '.']]) {
      const r = await cli(args, dir);
      assert.equal(r.code, 0, `${args[0]}: ${r.err}`);
      assert.match(r.err, /^\.corpus-lens\/knowledge\.yaml:\d+:\d+: error: the aliases of this file expand to too much data/m);
      assert.match(r.err, /^\.corpus-lens\/topics\.yaml:\d+:\d+: error: the aliases of this file expand to too much data/m);
      if (args[0] === 'extract') {
        const rows = r.out.trim().split('\n').map((l) => JSON.parse(l) as { entity?: string });
        assert.ok(rows.some((row) => row.entity === 'person/vladimir-putin'), 'the bundled knowledge base still recognises');
      }
    }
  });

  it('validate reports the bomb sidecar at its line and still validates the others', async () => {
    const r = await cli(['validate'], dir);
    assert.equal(r.code, 1);
    assert.match(r.out, /^doc\.txt\.annotations\.yaml:\d+:\d+: error: the aliases of this file expand to too much data/m);
    assert.match(r.out, /^news\/001_46c6a13c8aa750a3\.txt\.annotations\.yaml:\d+:5: warning: annotation a-orphan01/m);
    assert.match(r.err, /3 sidecar files: 1 error, 1 warning/);
  });

  it('export skips the bomb sidecar and exports the others', async () => {
    const r = await cli(['export', '--format', 'jsonl'], dir);
    assert.equal(r.code, 1);
    assert.match(r.err, /doc\.txt\.annotations\.yaml: skipped \(the file has errors\)/);
    const rows = r.out.trim().split('\n').map((l) => JSON.parse(l) as { id: string });
    assert.ok(rows.length >= 3 && rows.every((row) => row.id !== 'a-bomb0001'));
    assert.ok(rows.some((row) => row.id === 'a-xonkwwdc'));
  });
});

describe('hostile input: paths in workspace files stay inside the workspace', () => {
  let base: string;
  let dir: string;
  const SECRET = 'SECRET-7f3k2q9x 普京与特朗普之间的峰会现在能否举办还不好说';
  const sidecarFor = (docPath: string) =>
    `schema: corpus-lens/annotations@1\ndocument:\n  path: ${JSON.stringify(docPath)}\nannotations:\n  - id: a-leak0001\n    target:\n      selector:\n        - {type: TextQuoteSelector, exact: "普京与特朗普之间的峰会", prefix: "", suffix: ""}\n    claim: c\n    stance: {polarity: neutral}\n    author: x\n    created: "2026-11-22T07:30:00Z"\n    modified: "2026-11-22T07:30:00Z"\n`;
  beforeEach(() => {
    base = mkdtempSync(path.join(tmpdir(), 'cl-confine-'));
    dir = path.join(base, 'ws');
    cpSync(path.join(ANNOTATIONS, 'corpus'), dir, { recursive: true });
    writeFileSync(path.join(base, 'secret.txt'), SECRET);
    mkdirSync(path.join(dir, 'sub'));
    writeFileSync(path.join(dir, 'sub/up.txt.annotations.yaml'), sidecarFor('../../secret.txt'));
    writeFileSync(path.join(dir, 'abs.txt.annotations.yaml'), sidecarFor(path.join(base, 'secret.txt')));
    symlinkSync(path.join(base, 'secret.txt'), path.join(dir, 'link.txt'));
    writeFileSync(path.join(dir, 'link.txt.annotations.yaml'), sidecarFor('link.txt'));
    writeFileSync(path.join(dir, 'uri.txt.annotations.yaml'), sidecarFor(`file://${path.join(base, 'secret.txt')}`));
  });
  afterEach(() => rmSync(base, { recursive: true, force: true }));

  it('confinedJoin: relative paths inside the root only', () => {
    assert.deepEqual(confinedJoin('/w', '/w/a', '../b.txt'), { path: '/w/b.txt' });
    for (const p of ['../../etc/passwd', '/etc/passwd', 'C:\\x', 'file:///etc/passwd', '..', 'a/../../../b']) assert.ok('error' in confinedJoin('/w', '/w/a', p), p);
    assert.ok('error' in confinedJoin('/w', '/w', '.'));
    assert.deepEqual(confinedJoin('/w', '/w', '.', true), { path: '/w' });
    assert.deepEqual(confinedJoin('file:///w', 'file:///w/a', 'b/c.txt'), { path: 'file:///w/a/b/c.txt' });
    assert.ok('error' in confinedJoin('file:///w', 'file:///w/a', '../../x'));
  });

  it('validate: ../, absolute, URI and symlinked document paths are errors at the path line; nothing is read', async () => {
    const r = await cli(['validate'], dir);
    assert.equal(r.code, 1);
    for (const [file, why] of [
      ['sub/up.txt.annotations.yaml', /leads outside the workspace folder/],
      ['abs.txt.annotations.yaml', /an absolute path is not allowed/],
      ['uri.txt.annotations.yaml', /an absolute path is not allowed/],
      ['link.txt.annotations.yaml', /is a link to .*secret\.txt, outside the corpus root/],
    ] as const) {
      const line = r.out.split('\n').find((l) => l.startsWith(`${file}:3:3: error: document.path `));
      assert.ok(line, `${file} in\n${r.out}`);
      assert.match(line, why);
      assert.match(line, /nothing was read$/);
    }
    assert.ok(!r.out.includes('SECRET') && !r.err.includes('SECRET'));
    // the sidecars of the corpus still validate
    assert.match(r.out, /^news\/001_46c6a13c8aa750a3\.txt\.annotations\.yaml:\d+:5: warning: annotation a-orphan01/m);
  });

  it('export: such sidecars are skipped, no text of the outside file is copied, the others export', async () => {
    for (const format of ['csv', 'jsonl', 'jsonld']) {
      const r = await cli(['export', '--format', format], dir);
      assert.equal(r.code, 1);
      assert.ok(!r.out.includes('SECRET') && !r.out.includes('峰会现在'), `${format} output has no text of the outside file`);
      assert.match(r.err, /sub\/up\.txt\.annotations\.yaml: skipped \(its document is outside the corpus root\)/);
      assert.match(r.err, /link\.txt\.annotations\.yaml: skipped/);
      assert.ok(r.out.includes('a-xonkwwdc'));
      assert.ok(!r.out.includes('a-leak0001'));
    }
  });

  it('the corpus root is the folder given (or --root); a sidecar folder beside the corpus needs --root', async () => {
    const ok = await cli(['validate', 'news'], dir);
    assert.equal(ok.code, 0, ok.out + ok.err);
    writeFileSync(path.join(dir, 'news/rel.txt.annotations.yaml'), sidecarFor('../002_47dd4565d9125d5d.txt'));
    const outside = await cli(['validate', 'news'], dir);
    assert.match(outside.out, /^news\/rel\.txt\.annotations\.yaml:3:3: error: document\.path .*leads outside the workspace folder \(the corpus root is .*news; set another with --root\)/m);
    const rooted = await cli(['validate', '--root', '.', 'news'], dir);
    assert.ok(!/rel\.txt\.annotations\.yaml:3:3: error/.test(rooted.out), rooted.out);
  });

  it('a workspace knowledge file that links out of the workspace is not read', async function () {
    this.timeout(60_000);
    mkdirSync(path.join(dir, '.corpus-lens'));
    writeFileSync(path.join(base, 'k.yaml'), 'schema: corpus-lens/knowledge@1\nentities:\n  - {id: person/secret, type: person, names: {en: Zzyzx Secret}}\n');
    symlinkSync(path.join(base, 'k.yaml'), path.join(dir, '.corpus-lens/knowledge.yaml'));
    writeFileSync(path.join(dir, 'z.txt'), 'Zzyzx Secret');
    const r = await cli(['extract', '--json', 'z.txt'], dir);
    assert.match(r.err, /^\.corpus-lens\/knowledge\.yaml:1:1: error: a link to .*k\.yaml, outside the workspace folder; not read/m);
    assert.ok(!r.out.includes('person/secret'));
  });
});

describe('hostile input: text shown in markup', () => {
  const HOSTILE = '[x](command:workbench.action.terminal.new) <img src=x onerror=alert(1)> **bold** $(bug) &lt;b&gt; https://example.org www.example.org a@b.org';

  it('escapeMarkdown leaves no Markdown, HTML, entity, icon or autolink syntax', () => {
    const md = escapeMarkdown(HOSTILE);
    // every ASCII punctuation character is backslash-escaped, nothing else changes
    assert.equal(md.replace(/\\([!-/:-@[-`{-~])/g, '$1'), HOSTILE);
    assert.ok(!/(^|[^\\])[!-/:-@[-`{-~]/.test(md.replace(/\\[!-/:-@[-`{-~]/g, '')), md);
    // one line: line breaks and indentation cannot open blocks
    assert.equal(escapeMarkdown('a\n\n    # b\n---'), 'a \\# b \\-\\-\\-');
  });

  it('escapeMarkdown(multiline) keeps line breaks as hard breaks and paragraphs, never a code block or heading', () => {
    const md = escapeMarkdown('line 1\nline 2\n\n    indented\n# not a heading', true);
    assert.equal(md, 'line 1  \nline 2\n\n&nbsp;&nbsp;&nbsp;&nbsp;indented  \n\\# not a heading');
  });

  it('escapeIcons, noLinks and commandUri', () => {
    assert.equal(escapeIcons('$(bug) a $(x)'), '\\$(bug) a \\$(x)');
    const plain = noLinks('unknown key "[x](command:workbench.action.quit)"');
    assert.ok(!/\[[^\]]+\]\(command:/.test(plain));
    assert.equal(plain.replace(/\u2060/g, ''), 'unknown key "[x](command:workbench.action.quit)"');
    const uri = commandUri('corpusLens.editAnnotation', [{ docPath: 'file:///c/report (1).txt', id: "a-1'*!" }]);
    assert.ok(!/[()'*!]/.test(uri.slice('command:'.length)), uri);
    assert.deepEqual(JSON.parse(decodeURIComponent(uri.slice(uri.indexOf('?') + 1))), [{ docPath: 'file:///c/report (1).txt', id: "a-1'*!" }]);
  });
});
