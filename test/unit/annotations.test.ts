import * as assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { parseDocument as parseYaml } from 'yaml';
import {
  AnnotationInputError,
  AnnotationStore,
  CodePointIndex,
  anchor,
  applyEdit,
  applyEdits,
  createSelectors,
  mergeSidecars,
  parseSidecar,
  parseSidecarDocument,
  positionOf,
  quoteOf,
  serializeSidecar,
  sha256Hex,
  toCsv,
  toJsonLd,
  toJsonLines,
  toWebAnnotation,
  type Annotation,
  type ExportItem,
  type NewAnnotation,
} from '../../src/core/annotations';
import { codePointToUtf16, utf16ToCodePoint } from '../../src/core/text/offsets';
import type { FileStore } from '../../src/core/types';
import { MemoryFileStore } from '../helpers/memoryFileStore';

const ROOT = path.resolve(__dirname, '../..');
const NEWS = readFileSync(path.join(ROOT, 'samples/001_46c6a13c8aa750a3.txt'), 'utf8');
const QA = readFileSync(path.join(ROOT, 'samples/002_47dd4565d9125d5d.txt'), 'utf8');
const FIXTURES = path.join(ROOT, 'test/fixtures/annotations');

function seeded(seed: number): () => number {
  let r = seed;
  return () => {
    r = (r * 16807) % 2147483647;
    return r / 2147483647;
  };
}

function makeStore(fs: FileStore, seed = 1, author = 'Analyst A'): AnnotationStore {
  let t = Date.parse('2026-11-22T07:30:00Z');
  return new AnnotationStore(fs, { author, random: seeded(seed), now: () => new Date((t += 1000)) });
}

function claimOn(text: string, quote: string, extra: Partial<NewAnnotation> = {}): NewAnnotation {
  const start = text.indexOf(quote);
  assert.ok(start >= 0, `quote not in text: ${quote}`);
  return { start, end: start + quote.length, claim: `claim about ${quote}`, stance: { polarity: 'oppose', intensity: -2 }, ...extra };
}

const DOC = '/ws/news/001.txt';
const SIDECAR = DOC + '.annotations.yaml';

describe('annotations: schema', () => {
  it('round-trips the fixture byte for byte (parse -> serialize -> parse), comments included', () => {
    const file = path.join(FIXTURES, 'corpus/news/001_46c6a13c8aa750a3.txt.annotations.yaml');
    const text = readFileSync(file, 'utf8');
    const parsed = parseSidecar(text, 'x.yaml');
    assert.deepEqual(parsed.problems, []);
    assert.equal(parsed.value!.annotations.length, 4);
    const out = serializeSidecar(parsed.value!, text);
    assert.equal(out, text);
    const again = parseSidecar(out, 'x.yaml');
    assert.deepEqual(again.value, parsed.value);
    // Without the previous text: canonical output, still stable on a second pass.
    const canonical = serializeSidecar(parsed.value!);
    assert.equal(serializeSidecar(parseSidecar(canonical, 'x').value!), canonical);
    assert.ok(canonical.endsWith('\n'));
  });

  it('quotes values YAML 1.1 readers would misread and keeps strings strings', async () => {
    const fs = new MemoryFileStore();
    const store = makeStore(fs);
    await store.load(DOC, NEWS);
    store.add(DOC, claimOn(NEWS, '北约东扩是红线', { claim: 'yes', note: '12:30', tags: ['on', 'no', '03.03', '2021-12-31', '1e3', 'null'], when: '2021-12' }));
    store.setReference(DOC, '2021-12-31');
    await store.save(DOC, NEWS);
    const out = fs.files.get(SIDECAR)!;
    for (const v of ['"yes"', '"12:30"', '"on"', '"no"', '"03.03"', '"2021-12-31"', '"1e3"', '"null"']) assert.ok(out.includes(v), `${v} quoted in\n${out}`);
    // A YAML 1.1 reader sees the same strings.
    const v11 = parseYaml(out, { version: '1.1' }).toJS() as { annotations: Annotation[]; document: { reference: unknown } };
    assert.equal(v11.document.reference, '2021-12-31');
    const a = v11.annotations[0]!;
    assert.equal(a.claim, 'yes');
    assert.equal(a.note, '12:30');
    assert.deepEqual(a.tags, ['on', 'no', '03.03', '2021-12-31', '1e3', 'null']);
    assert.equal(typeof a.created, 'string');
  });

  it('reports a YAML syntax error with its line and gives no value', () => {
    const text = readFileSync(path.join(FIXTURES, 'broken/syntax.txt.annotations.yaml'), 'utf8');
    const r = parseSidecar(text, 'syntax.yaml');
    assert.equal(r.value, undefined);
    assert.equal(r.problems.length, 1);
    const p = r.problems[0]!;
    assert.equal(p.severity, 'error');
    assert.equal(p.code, 'yaml-syntax');
    assert.equal(p.file, 'syntax.yaml');
    assert.ok(p.line >= 8 && p.line <= 9, `line ${p.line}`);
    assert.match(p.message, /YAML syntax error: Flow map/);
  });

  it('reports bad fields at their node and keeps the invalid annotation verbatim', () => {
    const text = readFileSync(path.join(FIXTURES, 'broken/fields.txt.annotations.yaml'), 'utf8');
    const r = parseSidecar(text, 'fields.yaml');
    assert.ok(r.value);
    assert.deepEqual(r.value.annotations.map((a) => a.id), ['a-good0001']);
    assert.equal(r.value.invalid.length, 1);
    assert.equal(r.value.invalid[0]!.id, 'a-bad00001');
    const lines = text.split('\n');
    const intensity = r.problems.find((p) => p.message.includes('stance.intensity'))!;
    assert.equal(intensity.line, lines.findIndex((l) => l.includes('intensity: 5')) + 1);
    assert.equal(intensity.column, lines[intensity.line - 1]!.indexOf('5') + 1);
    const typo = r.problems.find((p) => p.message.includes('unknown key "stence"'))!;
    assert.deepEqual([typo.line, typo.column], [lines.findIndex((l) => l.includes('stence:')) + 1, 5]);
    // Written back unchanged (with its comment), after the valid ones.
    const out = serializeSidecar(r.value, text);
    assert.ok(out.includes('  # kept verbatim although invalid\n  - id: a-bad00001'), out);
    assert.ok(out.includes('stence: typo') && out.includes('intensity: 5'));
    assert.equal(out, text);
  });

  it('flags duplicate ids, foreign schema versions, missing fields and contradictory intensity', () => {
    const base = readFileSync(path.join(FIXTURES, 'broken/fields.txt.annotations.yaml'), 'utf8');
    const dup = base.replace('a-bad00001', 'a-good0001').replace(', intensity: 5', '').replace('    stence: typo\n', '');
    const r = parseSidecar(dup, 'd.yaml');
    assert.equal(r.value!.annotations.length, 1);
    assert.equal(r.value!.invalid.length, 1);
    assert.match(r.problems[0]!.message, /duplicate id "a-good0001" \(first used on line 5\)/);

    const future = parseSidecar(base.replace('annotations@1', 'annotations@2'), 'f.yaml');
    assert.equal(future.value, undefined);
    assert.deepEqual([future.problems[0]!.line, future.problems[0]!.column], [1, 9]);

    const missing = parseSidecar(base.replace('    claim: China opposes unilateral sanctions\n', '').replace('{polarity: oppose}', '{polarity: support, intensity: -1}'), 'm.yaml');
    const msgs = missing.problems.map((p) => `${p.line}: ${p.message}`);
    assert.ok(msgs.some((m) => /^5: annotation a-good0001: claim: missing required field/.test(m)), msgs.join('\n'));
    assert.ok(msgs.some((m) => /^9: .*intensity -1 contradicts polarity support/.test(m)), msgs.join('\n'));
  });

  it('preserves comments of the previous text when an annotation changes', () => {
    const file = path.join(FIXTURES, 'corpus/news/001_46c6a13c8aa750a3.txt.annotations.yaml');
    const text = readFileSync(file, 'utf8');
    const parsed = parseSidecar(text, 'x').value!;
    const orphan = parsed.annotations.find((a) => a.id === 'a-orphan01')!;
    const changed = { ...parsed, annotations: parsed.annotations.map((a) => (a === orphan ? { ...a, claim: 'changed claim', modified: '2026-11-23T00:00:00Z' } : a)) };
    const out = serializeSidecar(changed, text);
    assert.ok(out.startsWith("# Analyst A's reading"));
    assert.ok(out.includes('  # This passage was cut from a later version of the article.\n  - id: a-orphan01'));
    assert.ok(out.includes('claim: changed claim'));
  });
});

describe('annotations: anchoring', () => {
  const astral = 'Intro 😊 text. The minister said 😊 NATO must stop 🇺🇦 expanding now. End 😊.';

  it('stores code-point positions and 32-code-point contexts; astral characters round-trip', () => {
    const q = 'NATO must stop 🇺🇦 expanding';
    const s = astral.indexOf('😊 NATO');
    const [quote, pos] = createSelectors(astral, s, s + 2 + 1 + q.length);
    assert.equal(quote.exact, '😊 ' + q);
    assert.equal(pos.start, utf16ToCodePoint(astral, s));
    assert.equal(pos.start, s - 1); // one astral character before it
    assert.equal(pos.end - pos.start, [...quote.exact].length);
    assert.notEqual(pos.end, s + quote.exact.length);
    assert.ok([...quote.prefix!].length <= 32 && [...quote.suffix!].length <= 32);
    const found = anchor(astral, [quote, pos]);
    assert.deepEqual(found, { start: s, end: s + quote.exact.length, method: 'position', score: 1 });
    // A range ending inside a surrogate pair is widened to whole characters.
    const [q2] = createSelectors(astral, s, s + 1);
    assert.equal(q2.exact, '😊');
  });

  it('CodePointIndex agrees with offsets.ts', () => {
    const idx = new CodePointIndex(astral);
    for (let i = 0; i <= astral.length; i++) assert.equal(idx.toCodePoint(i), utf16ToCodePoint(astral, i), `utf16 ${i}`);
    for (let c = 0; c <= [...astral].length + 2; c++) assert.equal(idx.toUtf16(c), codePointToUtf16(astral, c), `cp ${c}`);
  });

  it('anchors by position, by exact quote (moved, disambiguated by context), fuzzily, or not at all', () => {
    const q = '普京则重申,北约东扩是红线';
    const s = NEWS.indexOf(q);
    const selectors = createSelectors(NEWS, s, s + q.length);
    assert.equal(anchor(NEWS, selectors)!.method, 'position');

    const moved = '前言。\n'.repeat(50) + NEWS;
    const m = anchor(moved, selectors)!;
    assert.deepEqual([m.start, m.method], [s + 200, 'exact']);

    // Two occurrences: the one with the right context wins even if the other is nearer the old position.
    const decoy = NEWS.slice(0, 10) + q + NEWS.slice(10);
    const d = anchor(decoy, [selectors[0]], 10)!;
    assert.equal(d.start, s + q.length);

    const edited = NEWS.slice(0, s) + '普京则再次重申,北约东扩是红线' + NEWS.slice(s + q.length);
    const f = anchor(edited, selectors)!;
    assert.equal(f.method, 'fuzzy');
    assert.equal(edited.slice(f.start, f.end), '普京则再次重申,北约东扩是红线');
    assert.ok(f.score >= 0.75 && f.score < 1);

    const gone = NEWS.slice(0, s) + '双方同意继续对话' + NEWS.slice(s + q.length);
    assert.equal(anchor(gone, selectors), undefined);
  });

  it('finds a fuzzy match far away in a large text without scanning it quadratically', () => {
    const filler = NEWS.repeat(150); // ~1M UTF-16 units of other text
    const q = '美國國會參議院重量級鷹派人物邁凱恩就表達了反對之聲';
    const s = QA.indexOf(q);
    const selectors = createSelectors(QA, s, s + q.length);
    const big = filler + QA.slice(0, s) + '美國國會參議院重量級鷹派人物麥凱恩就表達了強烈反對之聲' + QA.slice(s + q.length);
    // (Its time is measured in bench/model.bench.ts: npm run bench -- model.)
    const f = anchor(big, selectors, 0)!;
    assert.equal(f.method, 'fuzzy');
    assert.equal(big.slice(f.start, f.end), '美國國會參議院重量級鷹派人物麥凱恩就表達了強烈反對之聲');
  });

  it('applyEdit: before shifts, inside grows/shrinks, after is ignored, covering collapses', () => {
    const span = { start: 10, end: 20 };
    assert.deepEqual(applyEdit(span, { start: 2, end: 2, text: 'abc' }), { start: 13, end: 23, collapsed: false });
    assert.deepEqual(applyEdit(span, { start: 10, end: 10, text: 'abc' }), { start: 13, end: 23, collapsed: false });
    assert.deepEqual(applyEdit(span, { start: 0, end: 5, text: '' }), { start: 5, end: 15, collapsed: false });
    assert.deepEqual(applyEdit(span, { start: 12, end: 14, text: 'wxyz' }), { start: 10, end: 22, collapsed: false });
    assert.deepEqual(applyEdit(span, { start: 12, end: 18, text: '' }), { start: 10, end: 14, collapsed: false });
    assert.deepEqual(applyEdit(span, { start: 20, end: 20, text: 'abc' }), { start: 10, end: 20, collapsed: false });
    assert.deepEqual(applyEdit(span, { start: 25, end: 30, text: '' }), { start: 10, end: 20, collapsed: false });
    assert.deepEqual(applyEdit(span, { start: 5, end: 15, text: 'x' }), { start: 6, end: 11, collapsed: false });
    assert.deepEqual(applyEdit(span, { start: 15, end: 25, text: 'x' }), { start: 10, end: 15, collapsed: false });
    assert.deepEqual(applyEdit(span, { start: 8, end: 22, text: 'new' }), { start: 8, end: 8, collapsed: true });
    assert.deepEqual(applyEdit(span, { start: 10, end: 20, text: '' }), { start: 10, end: 10, collapsed: true });
    assert.deepEqual(applyEdits(span, [{ start: 0, end: 0, text: 'ab' }, { start: 14, end: 16, text: '' }]), { start: 12, end: 20, collapsed: false });
  });
});

describe('annotations: store', () => {
  /** A store over 001 with two annotations: a (holder, topic, tag) and b (support +1). */
  const twoClaims = async () => {
    const fs = new MemoryFileStore();
    const store = makeStore(fs);
    await store.load(DOC, NEWS);
    const a = store.add(DOC, claimOn(NEWS, '北约东扩是红线', { holder: { entity: 'person/putin' }, about: { topic: 'nato-enlargement' }, tags: ['red-line'] }));
    const b = store.add(DOC, claimOn(NEWS, '美国不打算在乌克兰部署进攻性武器', { stance: { polarity: 'support', intensity: 1 } }));
    return { fs, store, a, b };
  };

  it('add gives a new random id; update sets fields, removes a field given as undefined and moves modified on', async () => {
    const { store, a } = await twoClaims();
    assert.match(a.id!, /^a-[0-9a-z]{8}$/);
    store.update(DOC, a.id!, { claim: 'Putin: NATO enlargement is a red line', confidence: 'high', tags: undefined });
    const ann = store.find(DOC, a.id!)!.annotation;
    assert.equal(ann.claim, 'Putin: NATO enlargement is a red line');
    assert.equal(ann.confidence, 'high');
    assert.equal(ann.tags, undefined);
    assert.ok(ann.modified > ann.created);
  });

  it('the inverse of an update, a removal or an addition undoes it; the inverse of that redoes it', async () => {
    const { store, a, b } = await twoClaims();
    const u = store.update(DOC, a.id!, { claim: 'Putin: NATO enlargement is a red line', confidence: 'high', tags: undefined });
    const redo = store.apply(DOC, u.inverse).inverse;
    assert.deepEqual(store.find(DOC, a.id!)!.annotation.tags, ['red-line']);
    store.apply(DOC, redo);
    assert.equal(store.find(DOC, a.id!)!.annotation.confidence, 'high');
    const r = store.remove(DOC, b.id!);
    assert.equal(store.find(DOC, b.id!), undefined);
    store.apply(DOC, r.inverse);
    const back = store.find(DOC, b.id!)!;
    assert.equal(NEWS.slice(back.start, back.end), '美国不打算在乌克兰部署进攻性武器');
    const c = store.add(DOC, claimOn(NEWS, '核战争不能开始'));
    store.apply(DOC, c.inverse);
    assert.equal(store.find(DOC, c.id!), undefined);
  });

  it('an annotation that breaks the schema is refused (AnnotationInputError), nothing is added', async () => {
    const { store } = await twoClaims();
    assert.throws(() => store.add(DOC, { ...claimOn(NEWS, '核战争'), stance: { polarity: 'support', intensity: -2 } }), AnnotationInputError);
    assert.throws(() => store.add(DOC, { ...claimOn(NEWS, '核战争'), claim: ' ' }), /claim/);
    assert.equal(store.get(DOC)!.annotations.length, 2);
  });

  it('save writes the sidecar (document path, SHA-256, annotations by id) once: saving again unchanged writes nothing', async () => {
    const { fs, store, a, b } = await twoClaims();
    const res = await store.save(DOC, NEWS);
    assert.ok(res.ok && res.written);
    const text = fs.files.get(SIDECAR)!;
    const parsed = parseSidecar(text, SIDECAR);
    assert.deepEqual(parsed.problems, []);
    assert.equal(parsed.value!.document.path, '001.txt');
    assert.equal(parsed.value!.document.sha256, sha256Hex(NEWS));
    assert.deepEqual(parsed.value!.annotations.map((x) => x.id), [a.id, b.id].sort());
    const again = await store.save(DOC, NEWS);
    assert.equal(again.written, false);
    assert.equal(fs.writes, 1);
  });

  it('does not create a sidecar for a document without annotations', async () => {
    const fs = new MemoryFileStore();
    const store = makeStore(fs);
    await store.load(DOC, NEWS);
    const r = await store.save(DOC, NEWS);
    assert.ok(r.ok && !r.written);
    assert.equal(fs.files.size, 0);
  });

  it('tracks live edits before, inside and after annotations; a replaced passage is re-found or orphaned', async () => {
    const fs = new MemoryFileStore();
    const store = makeStore(fs);
    await store.load(DOC, NEWS);
    const q = '北约东扩是红线';
    const a = store.add(DOC, claimOn(NEWS, q)).id!;
    const s = NEWS.indexOf(q);
    // insert before
    let text = '【快讯】' + NEWS;
    store.applyEdits(DOC, [{ start: 0, end: 0, text: '【快讯】' }], text);
    let r = store.find(DOC, a)!;
    assert.equal(text.slice(r.start, r.end), q);
    // insert inside
    const inside = r.start + 2;
    text = text.slice(0, inside) + '继续' + text.slice(inside);
    store.applyEdits(DOC, [{ start: inside, end: inside, text: '继续' }], text);
    r = store.find(DOC, a)!;
    assert.equal(text.slice(r.start, r.end), '北约继续东扩是红线');
    // insert after: unchanged
    text = text.slice(0, r.end) + '!' + text.slice(r.end);
    store.applyEdits(DOC, [{ start: r.end, end: r.end, text: '!' }], text);
    assert.equal(text.slice(store.find(DOC, a)!.start, store.find(DOC, a)!.end), '北约继续东扩是红线');
    // save refreshes the stored quote and positions
    await store.save(DOC, text);
    const saved = parseSidecar(fs.files.get(SIDECAR)!, 'x').value!.annotations[0]!;
    assert.equal(quoteOf(saved).exact, '北约继续东扩是红线');
    assert.equal(positionOf(saved)!.start, s + 4);
    // cut the paragraph and paste it elsewhere: re-found by quote
    r = store.find(DOC, a)!;
    const para = text.slice(r.start - 6, r.end + 1);
    const cut = text.slice(0, r.start - 6) + text.slice(r.end + 1);
    store.applyEdits(DOC, [{ start: r.start - 6, end: r.end + 1, text: '' }], cut);
    assert.equal(store.find(DOC, a)!.orphaned, true);
    const pasted = cut + '\n' + para;
    store.applyEdits(DOC, [{ start: cut.length, end: cut.length, text: '\n' + para }], pasted);
    // an orphan stays an orphan until re-attached...
    assert.equal(store.orphans(DOC).length, 1);
    const at = pasted.lastIndexOf('北约继续东扩是红线');
    const undo = store.reattach(DOC, a, at, at + 9);
    assert.equal(store.find(DOC, a)!.orphaned, false);
    store.apply(DOC, undo.inverse);
    assert.equal(store.find(DOC, a)!.orphaned, true);
    // ...and is saved with orphaned: true, never deleted
    await store.save(DOC, pasted);
    const out = fs.files.get(SIDECAR)!;
    assert.match(out, /orphaned: true/);
    // replaced in one change while the quote exists elsewhere -> re-anchored immediately
    const store2 = makeStore(fs, 5);
    const twice = pasted + '\n美国不打算在乌克兰部署进攻性武器。\n';
    await store2.load(DOC, twice);
    const id2 = store2.add(DOC, claimOn(twice, '美国不打算在乌克兰部署进攻性武器')).id!;
    const p = store2.find(DOC, id2)!;
    const dup = twice.slice(0, p.start) + '——' + twice.slice(p.end);
    store2.applyEdits(DOC, [{ start: p.start, end: p.end, text: '——' }], dup);
    const p2 = store2.find(DOC, id2)!;
    assert.equal(p2.orphaned, false);
    assert.equal(p2.start, dup.lastIndexOf('美国不打算在乌克兰部署进攻性武器'));
  });

  it('re-anchors after an external change: position, exact (moved), fuzzy, orphan', async () => {
    const fs = new MemoryFileStore();
    const store = makeStore(fs);
    await store.load(DOC, NEWS);
    const ids = {
      early: store.add(DOC, claimOn(NEWS, '俄乌边境局势持续紧张之际')).id!,
      moved: store.add(DOC, claimOn(NEWS, '美国不打算在乌克兰部署进攻性武器')).id!,
      fuzzy: store.add(DOC, claimOn(NEWS, '拜登不止一次地强调,核战争不能开始')).id!,
      gone: store.add(DOC, claimOn(NEWS, '普京对这次对话感到“满意”')).id!,
    };
    await store.save(DOC, NEWS);
    const before = fs.files.get(SIDECAR)!;
    const changed = NEWS.replace('普京对这次对话感到“满意”', '')
      .replace('比如,拜登在通话中', '比如,据白宫消息,拜登在通话中')
      .replace('拜登不止一次地强调,核战争不能开始', '拜登多次地强调,核战争不能开始');
    const state = await makeStore(fs).load(DOC, changed);
    const byId = (id: string) => state.annotations.find((x) => x.annotation.id === id)!;
    assert.equal(byId(ids.early).anchor!.method, 'position');
    assert.equal(byId(ids.moved).anchor!.method, 'exact');
    assert.equal(changed.slice(byId(ids.moved).start, byId(ids.moved).end), '美国不打算在乌克兰部署进攻性武器');
    assert.equal(byId(ids.fuzzy).anchor!.method, 'fuzzy');
    assert.equal(changed.slice(byId(ids.fuzzy).start, byId(ids.fuzzy).end), '拜登多次地强调,核战争不能开始');
    assert.equal(byId(ids.gone).orphaned, true);
    const warn = state.problems.find((p) => p.severity === 'warning')!;
    assert.match(warn.message, /not found in the document \(the document changed since the sidecar was saved\)/);
    assert.equal(warn.code, 'passage-not-found');
    assert.equal(warn.line, before.split('\n').findIndex((l) => l.includes(`id: ${ids.gone}`)) + 1);
    assert.ok(state.dirty);
  });

  it('refuses to save over a sidecar that does not parse, and leaves it untouched', async () => {
    const fs = new MemoryFileStore();
    const broken = readFileSync(path.join(FIXTURES, 'broken/syntax.txt.annotations.yaml'), 'utf8');
    fs.files.set(SIDECAR, broken);
    const store = makeStore(fs);
    const state = await store.load(DOC, NEWS);
    assert.ok(state.readOnly);
    assert.equal(state.problems[0]!.severity, 'error');
    assert.throws(() => store.add(DOC, claimOn(NEWS, '北约东扩是红线')), /read-only/);
    const r = await store.save(DOC, NEWS);
    assert.equal(r.ok, false);
    assert.match(r.problems[0]!.message, /not saved/);
    assert.equal(fs.files.get(SIDECAR), broken);
    assert.equal(fs.writes, 0);
  });

  it('keeps invalid annotations when saving a partly invalid sidecar', async () => {
    const fs = new MemoryFileStore();
    const docPath = '/ws/fields.txt';
    const text = readFileSync(path.join(FIXTURES, 'broken/fields.txt'), 'utf8');
    fs.files.set(docPath + '.annotations.yaml', readFileSync(path.join(FIXTURES, 'broken/fields.txt.annotations.yaml'), 'utf8'));
    const store = makeStore(fs);
    const state = await store.load(docPath, text);
    assert.equal(state.invalid.length, 1);
    store.add(docPath, claimOn(text, 'Foreign Minister Wang Yi', { stance: { polarity: 'neutral' } }));
    assert.ok((await store.save(docPath, text)).ok);
    const out = fs.files.get(docPath + '.annotations.yaml')!;
    assert.ok(out.includes('  # kept verbatim although invalid\n  - id: a-bad00001'));
    assert.ok(out.includes('stence: typo'));
    assert.equal(parseSidecar(out, 'x').value!.annotations.length, 2);
  });

  it('merges a concurrent change on disk by id: nothing is lost', async () => {
    const fs = new MemoryFileStore();
    const first = makeStore(fs, 1, 'Analyst A');
    await first.load(DOC, NEWS);
    const shared = first.add(DOC, claimOn(NEWS, '北约东扩是红线')).id!;
    const doomed = first.add(DOC, claimOn(NEWS, '核战争不能开始')).id!;
    const contested = first.add(DOC, claimOn(NEWS, '俄乌边境局势持续紧张之际')).id!;
    await first.save(DOC, NEWS);

    const a = makeStore(fs, 2, 'Analyst A');
    const b = makeStore(fs, 3, 'Analyst B');
    await a.load(DOC, NEWS);
    await b.load(DOC, NEWS);
    const bNew = b.add(DOC, claimOn(NEWS, '美国不打算在乌克兰部署进攻性武器', { stance: { polarity: 'support' } })).id!;
    b.update(DOC, shared, { note: 'B was here' });
    b.update(DOC, contested, { confidence: 'low' });
    assert.ok((await b.save(DOC, NEWS)).ok);

    const aNew = a.add(DOC, claimOn(NEWS, '这为未来的谈判创造了良好的基础', { stance: { polarity: 'support', intensity: 2 } })).id!;
    a.remove(DOC, doomed);
    a.remove(DOC, contested); // B modified it meanwhile: the deletion yields
    a.setReference(DOC, '2021-12-31');
    const res = await a.save(DOC, NEWS);
    assert.ok(res.ok && res.merged);
    assert.ok(res.problems.some((p) => p.message.includes(`${contested} was modified on disk`)));
    const final = parseSidecar(fs.files.get(SIDECAR)!, 'x').value!;
    const ids = final.annotations.map((x) => x.id).sort();
    assert.deepEqual(ids, [shared, contested, bNew, aNew].sort());
    assert.equal(final.annotations.find((x) => x.id === shared)!.note, 'B was here');
    assert.equal(final.annotations.find((x) => x.id === contested)!.confidence, 'low');
    assert.equal(final.document.reference, '2021-12-31');
    // B, saving again after A, merges too
    b.update(DOC, bNew, { confidence: 'high' });
    const rb = await b.save(DOC, NEWS);
    assert.ok(rb.merged);
    const final2 = parseSidecar(fs.files.get(SIDECAR)!, 'x').value!;
    assert.equal(final2.annotations.length, 4);
    assert.equal(final2.annotations.find((x) => x.id === bNew)!.confidence, 'high');
    assert.equal(final2.document.reference, '2021-12-31');
  });

  it('stores code-point positions for astral text and anchors them back by position', async () => {
    const fs = new MemoryFileStore();
    const text = '😊 Prelude 😊😊\n' + NEWS.slice(0, 400).replace('北约东扩', '北约😊东扩');
    const store = makeStore(fs);
    await store.load(DOC, text);
    const q = '北约😊东扩是红线';
    const s = text.indexOf(q);
    const id = store.add(DOC, { start: s, end: s + q.length, claim: 'c', stance: { polarity: 'oppose' } }).id!;
    await store.save(DOC, text);
    const saved = parseSidecar(fs.files.get(SIDECAR)!, 'x').value!.annotations[0]!;
    const pos = positionOf(saved)!;
    assert.equal(pos.start, s - 3);
    assert.equal(pos.end, s - 3 + 8);
    assert.equal(quoteOf(saved).exact, q);
    const state = await makeStore(fs).load(DOC, text);
    const r = state.annotations.find((x) => x.annotation.id === id)!;
    assert.deepEqual([r.start, r.end, r.anchor!.method], [s, s + q.length, 'position']);
    assert.equal(serializeSidecar(parseSidecar(fs.files.get(SIDECAR)!, 'x').value!, fs.files.get(SIDECAR)), fs.files.get(SIDECAR));
  });

  it('puts sidecars beside the document or in a folder mirroring its path', () => {
    const store = new AnnotationStore(new MemoryFileStore());
    assert.equal(store.sidecarPathFor('/ws/corpus/a.txt'), '/ws/corpus/a.txt.annotations.yaml');
    assert.equal(store.sidecarPathFor('/ws/corpus/a.txt', { folder: '.corpus-lens/annotations', root: '/ws' }), '/ws/.corpus-lens/annotations/corpus/a.txt.annotations.yaml');
    assert.equal(store.sidecarPathFor('file:///ws/corpus/a.txt', { folder: 'ann', root: 'file:///ws' }), 'file:///ws/ann/corpus/a.txt.annotations.yaml');
  });

  it('records the document path relative to a sidecar kept in a folder', async () => {
    const fs = new MemoryFileStore();
    const store = new AnnotationStore(fs, { folder: 'notes', root: '/ws', author: 'A' });
    await store.load('/ws/corpus/sub/a.txt', NEWS);
    store.add('/ws/corpus/sub/a.txt', claimOn(NEWS, '北约东扩是红线'));
    await store.save('/ws/corpus/sub/a.txt', NEWS);
    const out = fs.files.get('/ws/notes/corpus/sub/a.txt.annotations.yaml')!;
    assert.equal(parseSidecar(out, 'x').value!.document.path, '../../../corpus/sub/a.txt');
  });
});

describe('annotations: git merge', () => {
  it('two analysts adding different annotations to copies of one sidecar: merged by id; git merge-file is clean when the additions land apart', async function () {
    const dir = mkdtempSync(path.join(tmpdir(), 'cl-merge-'));
    try {
      const fs = new MemoryFileStore();
      const base = makeStore(fs, 11);
      await base.load(DOC, NEWS);
      base.add(DOC, claimOn(NEWS, '俄乌边境局势持续紧张之际'));
      base.add(DOC, claimOn(NEWS, '普京对这次对话感到“满意”'));
      base.add(DOC, claimOn(NEWS, '核战争不能开始'));
      await base.save(DOC, NEWS);
      const baseText = fs.files.get(SIDECAR)!;
      const ids = parseSidecar(baseText, 'x').value!.annotations.map((a) => a.id);
      const branch = async (seed: number, author: string, quote: string, between: [string, string]) => {
        const copy = new MemoryFileStore();
        copy.files.set(SIDECAR, baseText);
        const store = makeStore(copy, seed, author);
        await store.load(DOC, NEWS);
        // An id that sorts between two given base ids (random ids spread additions over the list).
        let id = '';
        while (!(id > between[0] && id < between[1])) {
          const m = store.add(DOC, claimOn(NEWS, quote));
          store.apply(DOC, m.inverse);
          id = m.id!;
        }
        store.apply(DOC, { kind: 'put', annotation: { ...parseSidecar(baseText, 'x').value!.annotations[0]!, id, target: { selector: createSelectors(NEWS, NEWS.indexOf(quote), NEWS.indexOf(quote) + quote.length) }, claim: `${author} on ${quote}`, author } });
        await store.save(DOC, NEWS);
        return copy.files.get(SIDECAR)!;
      };
      const a = await branch(12, 'Analyst A', '北约东扩是红线', ['a-', ids[0]!]);
      const b = await branch(13, 'Analyst B', '美国不打算在乌克兰部署进攻性武器', [ids[1]!, ids[2]!]);
      writeFileSync(path.join(dir, 'base.yaml'), baseText);
      writeFileSync(path.join(dir, 'a.yaml'), a);
      writeFileSync(path.join(dir, 'b.yaml'), b);
      const r = spawnSync('git', ['merge-file', '-p', 'a.yaml', 'base.yaml', 'b.yaml'], { cwd: dir, encoding: 'utf8' });
      if (r.error) this.skip();
      assert.equal(r.status, 0, r.stdout);
      const merged = parseSidecar(r.stdout, 'merged.yaml');
      assert.deepEqual(merged.problems, []);
      assert.equal(merged.value!.annotations.length, 5);
      // The merged file is canonical: re-serializing it changes nothing; the merge by id gives the same file.
      assert.equal(serializeSidecar(merged.value!), r.stdout);
      assert.equal(mergeSidecars({ base: baseText, ours: a, theirs: b, file: 'x' }).text, r.stdout);
      assert.ok(execFileSync('git', ['--version'], { encoding: 'utf8' }).startsWith('git'));
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('annotations: export', () => {
  const items = (): ExportItem[] => {
    const parsed = parseSidecar(readFileSync(path.join(FIXTURES, 'corpus/news/001_46c6a13c8aa750a3.txt.annotations.yaml'), 'utf8'), 'x').value!;
    return parsed.annotations.map((annotation) => ({ document: 'news/001.txt', annotation, record: 'r1: 俄美首脑紧急通话' }));
  };

  it('CSV: RFC 4180 quoting of commas, quotes and newlines; BOM option; tags joined by ;', () => {
    const csv = toCsv(items());
    assert.ok(csv.startsWith('document,record,record_title,record_date,record_source,id,quote,start,end,claim,stance,intensity,about,about_label,about_type,about_wikidata,holder,holder_label,holder_type,holder_wikidata,attribution,when,confidence,tags,note,author,created,modified,orphaned\r\n'));
    assert.ok(csv.includes('"Quote, with ""commas"", and\nline breaks"'));
    assert.ok(csv.includes('"The call created a good basis for future talks, says Ushakov"'));
    assert.ok(csv.includes(',red-line;security-guarantees,'));
    assert.ok(csv.includes('news/001.txt,r1: 俄美首脑紧急通话,,,,a-0xa7qjbr,北约东扩是红线,299,306,'));
    assert.ok(csv.split('\r\n').find((row) => row.includes(',a-orphan01,'))!.endsWith(',true'));
    assert.ok(csv.endsWith('\r\n'));
    assert.equal(toCsv(items(), { bom: true }).charCodeAt(0), 0xfeff);
    const risky = items().slice(0, 1).map((i) => ({ ...i, annotation: { ...i.annotation, claim: '=HYPERLINK("x")' } }));
    assert.ok(toCsv(risky, { escapeFormulas: true }).includes(`"'=HYPERLINK(""x"")"`));
    assert.ok(toCsv(risky, { escapeFormulas: true }).includes(',-2,'));
  });

  it('JSON Lines: one stored annotation per line with its document', () => {
    const lines = toJsonLines(items()).trimEnd().split('\n');
    assert.equal(lines.length, 4);
    const first = JSON.parse(lines[0]!) as Annotation & { document: string };
    assert.equal(first.document, 'news/001.txt');
    assert.equal(first.claim, 'Putin: NATO enlargement is a red line');
  });

  it('JSON-LD: W3C Web Annotation shape', () => {
    const w = toWebAnnotation(items()[0]!);
    assert.equal(w['@context'], 'http://www.w3.org/ns/anno.jsonld');
    assert.equal(w.type, 'Annotation');
    assert.equal(w.id, 'urn:corpus-lens:annotation:a-0xa7qjbr');
    assert.deepEqual(w.body[0], { type: 'TextualBody', value: 'Putin: NATO enlargement is a red line', purpose: 'describing', format: 'text/plain' });
    const values = w.body.map((b) => `${b.purpose}|${'value' in b ? b.value : b.source}`);
    for (const v of ['classifying|stance:oppose', 'classifying|intensity:-2', 'classifying|about:topic:nato-enlargement', 'classifying|holder:entity:person/putin', 'classifying|when:2021-12-07', 'tagging|red-line', 'commenting|Reported by Knews, quoting the Dec 7 call.']) {
      assert.ok(values.includes(v), v);
    }
    assert.equal(w.target.source, 'news/001.txt');
    assert.deepEqual(w.target.selector.map((s) => s['type']), ['TextQuoteSelector', 'TextPositionSelector']);
    const all = JSON.parse(toJsonLd(items())) as { '@context': string; type: string; total: number; first: { items: Array<Record<string, unknown>> } };
    assert.equal(all['@context'], 'http://www.w3.org/ns/anno.jsonld');
    assert.equal(all.type, 'AnnotationCollection');
    assert.equal(all.total, 4);
    assert.equal(all.first.items[0]!['type'], 'Annotation');
    const orphan = all.first.items.find((i) => i['id'] === 'urn:corpus-lens:annotation:a-orphan01')!;
    assert.ok(orphan['body'] && JSON.stringify(orphan).includes('status:orphaned'));
  });
});

describe('annotations: sidecar fast path', () => {
  it('parses a well-formed sidecar to exactly what the Document parser gives (value and locations)', () => {
    const dir = path.join(__dirname, '..', 'fixtures', 'annotations');
    const files: string[] = [];
    const walk = (d: string) => {
      for (const e of readdirSync(d, { withFileTypes: true })) {
        if (e.isDirectory()) walk(path.join(d, e.name));
        else if (e.name.endsWith('.annotations.yaml')) files.push(path.join(d, e.name));
      }
    };
    walk(dir);
    let compared = 0;
    for (const file of files) {
      const text = readFileSync(file, 'utf8');
      const slow = parseSidecarDocument(text, file);
      const fast = parseSidecar(text, file);
      assert.deepEqual(fast.value?.annotations, slow.value?.annotations, file);
      assert.deepEqual(fast.value?.document, slow.value?.document, file);
      assert.deepEqual(fast.problems, slow.problems, file);
      assert.deepEqual([...fast.locations], [...slow.locations], file);
      compared++;
    }
    assert.ok(compared >= 2, `fixtures compared: ${compared}`);
  });

  it('falls back to the Document parser for anything unusual, keeping its exact problem positions', () => {
    const good = 'schema: corpus-lens/annotations@1\ndocument:\n  path: a.txt\nannotations: []\n';
    assert.deepEqual(parseSidecar(good, 'a.yaml').value?.annotations, []);
    const dup = 'schema: corpus-lens/annotations@1\ndocument:\n  path: a.txt\n  path: b.txt\nannotations: []\n';
    const parsed = parseSidecar(dup, 'a.yaml');
    assert.equal(parsed.value, undefined);
    assert.equal(parsed.problems[0]?.line, 4);
  });
});
