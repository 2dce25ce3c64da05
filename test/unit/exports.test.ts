// The export-format registry (src/core/exports): every format runs, the CLI offers exactly the registry's formats,
// and the brat standoff output is read back with a port of brat's own reader rules (helpers/bratReader.ts):
// every span's text equals the .txt slice by code points, across emoji, CRLF line ends and passages over a line break.
import * as assert from 'node:assert/strict';
import { cpSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { createSelectors, type Annotation, type ExportItem } from '../../src/core/annotations';
import { Analyzer } from '../../src/core/analysis';
import { defaultKnowledgeSource, loadKnowledge } from '../../src/core/entities/knowledge';
import { EntityRecognizer } from '../../src/core/entities/recognizer';
import {
  EXPORT_FORMATS, EXPORT_FORMAT_IDS, bratText, defaultExportName, exportFormat, isExportFormat, runExport, toBratAnn, type ExportLabels,
} from '../../src/core/exports';
import { main } from '../../src/cli/main';
import { readBrat } from './helpers/bratReader';

const FIXTURES = path.join(__dirname, '..', 'fixtures', 'annotations');
const kb = loadKnowledge([defaultKnowledgeSource()]).value;
const analyzer = new Analyzer(new EntityRecognizer(kb));
const labels: ExportLabels = { entity: (id) => kb.get(id), topic: (id) => (id === 'nato-enlargement' ? { label: 'NATO enlargement' } : undefined) };

function annotation(text: string, quote: string, extra: Partial<Annotation> = {}, occurrence = 0): Annotation {
  let start = -1;
  for (let i = 0; i <= occurrence; i++) start = text.indexOf(quote, start + 1);
  assert.ok(start >= 0, quote);
  return {
    id: `a-${Math.random().toString(36).slice(2, 10)}`,
    target: { selector: createSelectors(text, start, start + quote.length) },
    claim: `claim about ${quote.slice(0, 4)}`,
    stance: { polarity: 'oppose', intensity: -2 },
    author: 'tester',
    created: '2026-01-01T00:00:00Z',
    modified: '2026-01-01T00:00:00Z',
    ...extra,
  } as Annotation;
}

async function cli(args: string[], cwd: string): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const code = await main(args, { stdout: (s) => (out += s), stderr: (s) => (err += s.endsWith('\n') ? s : `${s}\n`), cwd });
  return { code, out, err };
}

describe('export formats: the registry', () => {
  it('every format has a unique id, a label, a default name and a writer that runs', () => {
    const text = '普京表示，北约东扩是红线。\n';
    const items: ExportItem[] = [{ document: 'a.txt', annotation: annotation(text, '北约东扩是红线') }];
    const documents = new Map([['a.txt', { path: 'a.txt', text, mentions: analyzer.analyse(text).entities }]]);
    assert.equal(new Set(EXPORT_FORMAT_IDS).size, EXPORT_FORMATS.length);
    for (const format of EXPORT_FORMATS) {
      assert.ok(isExportFormat(format.id) && exportFormat(format.id) === format);
      assert.ok(format.label && format.description && format.extension);
      assert.match(defaultExportName(format), new RegExp(`${format.extension}$`));
      const result = runExport(format, { items, documents, labels });
      assert.ok(result.files.length >= 1, format.id);
      for (const file of result.files) assert.ok(file.path && !file.path.startsWith('/') && !file.path.includes('..'), `${format.id}: ${file.path}`);
      if (format.output === 'file') assert.equal(result.files.length, 1);
    }
  });

  it('the CLI usage and --format accept exactly the registry formats', async () => {
    const help = await cli(['export', '--help'], FIXTURES);
    for (const id of EXPORT_FORMAT_IDS) assert.match(help.out, new RegExp(`\\b${id}\\b`));
    const bad = await cli(['export', '--format', 'xml'], FIXTURES);
    assert.equal(bad.code, 2);
    assert.match(bad.err, new RegExp(EXPORT_FORMAT_IDS.join(', ')));
  });

  it('CSV puts labels beside ids: topic label, entity name, type and Wikidata id', () => {
    const text = '普京表示，北约东扩是红线。';
    const a = annotation(text, '北约东扩是红线', { about: { topic: 'nato-enlargement' }, holder: { entity: 'person/vladimir-putin' } });
    const csv = runExport('csv', { items: [{ document: 'a.txt', annotation: a }], labels }).files[0]!.data as string;
    const [header, row] = csv.split('\r\n');
    const cols = header!.split(',');
    const cells = row!.split(',');
    const cell = (name: string) => cells[cols.indexOf(name)];
    assert.equal(cell('about'), 'topic:nato-enlargement');
    assert.equal(cell('about_label'), 'NATO enlargement');
    assert.equal(cell('holder'), 'entity:person/vladimir-putin');
    assert.equal(cell('holder_label'), 'Vladimir Putin');
    assert.equal(cell('holder_type'), 'person');
    assert.equal(cell('holder_wikidata'), 'Q7747');
  });

  it('JSON-LD: Wikidata IRIs for entities, percent-encoded relative sources, @base when given', () => {
    const text = '普京表示，北约东扩是红线。';
    const a = annotation(text, '北约东扩是红线', { holder: { entity: 'person/vladimir-putin' } });
    const json = JSON.parse(runExport('jsonld', { items: [{ document: 'news/普京 1.txt', annotation: a }], labels }, { base: '../' }).files[0]!.data as string) as {
      '@context': unknown; first: { items: Array<{ body: Array<Record<string, string>>; target: { source: string } }> };
    };
    assert.deepEqual(json['@context'], ['http://www.w3.org/ns/anno.jsonld', { '@base': '../' }]);
    const item = json.first.items[0]!;
    assert.equal(item.target.source, 'news/%E6%99%AE%E4%BA%AC%201.txt');
    assert.ok(item.body.some((b) => b['type'] === 'SpecificResource' && b['source'] === 'http://www.wikidata.org/entity/Q7747' && b['purpose'] === 'identifying'));
  });
});

describe('export formats: brat standoff', () => {
  it('brat text: CRLF and lone CR become \\n; code points counted past emoji', () => {
    const bt = bratText('😀a\r\nb\rc');
    assert.equal(bt.text, '😀a\nb\nc');
    assert.equal(bt.codePointAt(bt.utf16(2)), 1); // 'a' after the emoji (2 UTF-16 units, 1 code point)
    assert.equal(bt.codePointAt(bt.utf16(5)), 3); // 'b'
    assert.equal(bt.codePointAt(bt.utf16(7)), 5); // 'c'
  });

  it('brat reads the .ann back: entities, normalizations, claims as events with attributes and notes; spans equal the .txt by code points', () => {
    const text = '😀😀 2021年12月7日，俄罗斯总统普京表示：\r\n北约东扩是红线，\r\n美国必须提供法律保障。拜登回应说美方重视。\n𠀋字 普京再次强调。';
    const items: ExportItem[] = [
      { document: 'doc.txt', annotation: annotation(text, '北约东扩是红线', { holder: { entity: 'person/vladimir-putin' }, about: { topic: 'nato-enlargement' }, confidence: 'high', tags: ['red-line'], note: 'line one\nline two' }) },
      // a passage across a CRLF line break: discontinuous fragments
      { document: 'doc.txt', annotation: annotation(text, '红线，\r\n美国必须', { about: { entity: 'country/US' } }) },
      // after an astral character (𠀋, U+2000B) and with the holder mentioned inside the passage
      { document: 'doc.txt', annotation: annotation(text, '普京再次强调', { holder: { entity: 'person/vladimir-putin' }, stance: { polarity: 'support' } }) },
      { document: 'doc.txt', annotation: { ...annotation(text, '拜登'), orphaned: true } },
    ];
    const mentions = analyzer.analyse(text).entities;
    const { ann, text: txt, skipped } = toBratAnn({ path: 'doc.txt', text, mentions }, items, labels);
    assert.equal(skipped, 1);
    const read = readBrat(ann, txt);
    const chars = Array.from(txt);
    for (const t of read.textbounds.values()) {
      assert.equal(t.text, t.spans.map(([a, b]) => chars.slice(a, b).join('')).join(' '));
    }
    const types = new Set([...read.textbounds.values()].map((t) => t.type));
    for (const type of ['Person', 'Country', 'Claim']) assert.ok(types.has(type), `${type} in ${[...types].join(', ')}`);
    assert.equal(read.events.size, 3);
    const claims = [...read.textbounds.values()].filter((t) => t.type === 'Claim');
    assert.deepEqual(claims.map((t) => t.text), ['北约东扩是红线', '红线， 美国必须', '普京再次强调']);
    assert.equal(claims[1]!.spans.length, 2);
    const putin = [...read.textbounds.values()].find((t) => t.type === 'Person' && t.text === '普京' && read.normalizations.some((n) => n.target === t.id && n.ref === 'Q7747'));
    assert.ok(putin, 'Putin normalised to Wikidata Q7747');
    const third = [...read.events.values()][2]!;
    assert.ok(third.args.some(([role, id]) => role === 'Holder' && read.textbounds.get(id)?.text === '普京'), JSON.stringify(third));
    assert.ok(read.attributes.some((a) => a.type === 'Stance' && a.value === 'oppose'));
    assert.ok(read.attributes.some((a) => a.type === 'Intensity' && a.value === '-2'));
    assert.ok(read.comments.some((c) => c.type === 'AnnotatorNotes' && /holder: Vladimir Putin/.test(c.text) && /note: line one line two/.test(c.text)));
    assert.ok(!ann.includes('\r'));
  });

  it('the CLI writes exports/annotations-brat/ under the corpus root: annotation.conf, .txt + .ann per document, all readable by brat', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'corpus-lens-brat-'));
    try {
      cpSync(path.join(FIXTURES, 'corpus'), path.join(dir, 'corpus'), { recursive: true });
      const r = await cli(['export', '--format', 'brat', 'corpus'], dir);
      assert.equal(r.code, 0, r.err);
      const out = path.join(dir, 'corpus', 'exports', 'annotations-brat');
      assert.match(r.err, /written to corpus\/exports\/annotations-brat\//);
      assert.ok(statSync(path.join(out, 'annotation.conf')).isFile());
      const anns: string[] = [];
      const walk = (d: string) => {
        for (const name of readdirSync(d)) {
          const p = path.join(d, name);
          if (statSync(p).isDirectory()) walk(p);
          else if (name.endsWith('.ann')) anns.push(p);
        }
      };
      walk(out);
      assert.ok(anns.length >= 2, anns.join(', '));
      let claims = 0;
      for (const file of anns) {
        const txt = readFileSync(file.replace(/\.ann$/, '.txt'), 'utf8');
        const read = readBrat(readFileSync(file, 'utf8'), txt);
        const chars = Array.from(txt);
        for (const t of read.textbounds.values()) assert.equal(t.text, t.spans.map(([a, b]) => chars.slice(a, b).join('')).join(' '), `${file} ${t.id}`);
        claims += read.events.size;
      }
      assert.ok(claims >= 4, `${claims} claims`);
      // the exported copy of the text is the document's (line ends as \n), the corpus document is untouched
      const original = readFileSync(path.join(dir, 'corpus', '002_47dd4565d9125d5d.txt'), 'utf8');
      assert.equal(readFileSync(path.join(out, '002_47dd4565d9125d5d.txt'), 'utf8'), original.replace(/^\uFEFF/, '').replace(/\r\n?/g, '\n'));
      assert.equal(original, readFileSync(path.join(FIXTURES, 'corpus', '002_47dd4565d9125d5d.txt'), 'utf8'));
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
