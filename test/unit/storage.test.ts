// Sidecar storage under faults: the Node write path (fsync, permissions, symlinks, read-only files, ENOSPC),
// non-UTF-8 sidecars, crash leftovers, the cross-process lock, concurrent edits of one annotation, and two bounded
// multi-process loops (kill -9 during saves; two writers adding at once) that count lost annotations.
import * as assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { chmodSync, existsSync, lstatSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import * as fsp from 'node:fs/promises';
import * as os from 'node:os';
import * as path from 'node:path';
import { AnnotationStore, parseSidecar, serializeSidecar } from '../../src/core/annotations';
import { assemble, byIdOrder, learn } from '../../src/core/annotations/layout';
import type { Annotation } from '../../src/core/annotations';
import { decodeUtf8Strict, InvalidUtf8Error } from '../../src/core/text/utf8';
import type { FileStore } from '../../src/core/types';
import { NodeFileStore } from '../../src/cli/nodeFileStore';
import { run as annotate } from '../../src/cli/commands/annotate';
import { run as runValidate } from '../../src/cli/commands/validate';
import { NodeFiles, ReadOnlyFileError, WriteFailedError, type NodeApi } from '../../src/node/files';

const REPO = path.resolve(__dirname, '../..');
const DOC_TEXT = '第一段：普京表示，北约东扩是红线。\nSecond paragraph: the United States disagrees 😀.\n第三段：其他内容，更多的文字用于标注。\n'.repeat(20);

function api(overrides: Partial<typeof fsp> = {}): NodeApi {
  return { fsp: { ...fsp, ...overrides } as typeof fsp, os, path, pid: process.pid };
}

function cliIo(cwd: string) {
  const out: string[] = [];
  const err: string[] = [];
  return { io: { stdout: (s: string) => void out.push(s), stderr: (s: string) => void err.push(s), cwd }, out, err };
}

/** The ids in a sidecar (asserting that it parses). */
function idsIn(sidecar: string): Set<string> {
  const text = readFileSync(sidecar, 'utf8');
  const parsed = parseSidecar(text, sidecar);
  assert.ok(parsed.value, `the sidecar does not parse: ${parsed.problems.map((p) => `${p.line}:${p.column} ${p.message}`).join('; ')}`);
  return new Set(parsed.value.annotations.map((a) => a.id));
}

function writer(doc: string, count: number, label: string, delayMs = 0): ChildProcess {
  return spawn(process.execPath, ['-r', './test/register-text.cjs', '-r', 'tsx/cjs', 'test/unit/helpers/annotateWriter.ts', doc, String(count), label, String(delayMs)], {
    cwd: REPO,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
}

/** Ids the writer reported done (complete lines only). */
function collect(child: ChildProcess): { ids: string[]; stderr: string[] } {
  const ids: string[] = [];
  const stderr: string[] = [];
  let partial = '';
  child.stdout!.on('data', (d: Buffer) => {
    const lines = (partial + d.toString('utf8')).split('\n');
    partial = lines.pop() ?? '';
    for (const l of lines) if (l.startsWith('done ')) ids.push(l.slice(5).trim());
  });
  child.stderr!.on('data', (d: Buffer) => void stderr.push(d.toString('utf8')));
  return { ids, stderr };
}

function exited(child: ChildProcess): Promise<number | null> {
  return new Promise((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) resolve(child.exitCode);
    else child.once('exit', (code) => resolve(code));
  });
}

describe('storage: the Node write path', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'cl-store-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('fsyncs the temp file before the rename and the folder after it', async () => {
    const calls: string[] = [];
    const open = fsp.open;
    const files = new NodeFiles(
      api({
        open: (async (p: string, flags?: string, mode?: number) => {
          const h = await open(p, flags, mode);
          const name = path.basename(p).endsWith('.tmp') ? 'temp' : p === dir ? 'dir' : path.basename(p);
          const sync = h.sync.bind(h);
          const writeFile = h.writeFile.bind(h);
          h.sync = async () => {
            calls.push(`sync ${name}`);
            return sync();
          };
          h.writeFile = async (data: Parameters<typeof writeFile>[0], options?: Parameters<typeof writeFile>[1]) => {
            calls.push(`write ${name}`);
            return writeFile(data, options);
          };
          return h;
        }) as typeof fsp.open,
        rename: (async (a: string, b: string) => {
          calls.push('rename');
          return fsp.rename(a, b);
        }) as typeof fsp.rename,
      }),
    );
    await files.writeTextAtomic(path.join(dir, 'x.annotations.yaml'), 'one\n');
    assert.deepEqual(calls, ['write temp', 'sync temp', 'rename', 'sync dir']);
    assert.equal(readFileSync(path.join(dir, 'x.annotations.yaml'), 'utf8'), 'one\n');
    assert.deepEqual(readdirSync(dir), ['x.annotations.yaml']);
  });

  it('keeps the permission bits (0600, 0640 under umask 022) and refuses a read-only file with a clear message', async () => {
    const files = new NodeFiles(api());
    const file = path.join(dir, 'x.annotations.yaml');
    writeFileSync(file, 'old\n');
    chmodSync(file, 0o600);
    await files.writeTextAtomic(file, 'new\n');
    assert.equal(statSync(file).mode & 0o777, 0o600);
    chmodSync(file, 0o640);
    await files.writeTextAtomic(file, 'newer\n');
    assert.equal(statSync(file).mode & 0o777, 0o640);
    chmodSync(file, 0o444);
    await assert.rejects(files.writeTextAtomic(file, 'overwritten\n'), (e: unknown) => e instanceof ReadOnlyFileError && /is read-only \(mode 0444\); it was not changed/.test(e.message));
    assert.equal(readFileSync(file, 'utf8'), 'newer\n');
    assert.deepEqual(readdirSync(dir), ['x.annotations.yaml']);
  });

  it('writes through a symlinked sidecar to its target (the link stays a link), also a relative and a dangling one', async () => {
    const files = new NodeFiles(api());
    const real = path.join(dir, 'store', 'real.yaml');
    await fsp.mkdir(path.dirname(real));
    writeFileSync(real, 'old\n');
    chmodSync(real, 0o600);
    const link = path.join(dir, 'doc.txt.annotations.yaml');
    symlinkSync('store/real.yaml', link);
    await files.writeTextAtomic(link, 'new\n');
    assert.ok(lstatSync(link).isSymbolicLink());
    assert.equal(readFileSync(real, 'utf8'), 'new\n');
    assert.equal(statSync(real).mode & 0o777, 0o600);
    const dangling = path.join(dir, 'other.annotations.yaml');
    symlinkSync(path.join(dir, 'store', 'later.yaml'), dangling);
    await files.writeTextAtomic(dangling, 'created\n');
    assert.ok(lstatSync(dangling).isSymbolicLink());
    assert.equal(readFileSync(path.join(dir, 'store', 'later.yaml'), 'utf8'), 'created\n');
  });

  it('writeBytesAtomic of chunks: written as they come into the temp file, renamed at the end; a failing source leaves the old file', async () => {
    const files = new NodeFiles(api());
    const file = path.join(dir, 'index-cache.jsonl');
    writeFileSync(file, 'old\n');
    const seen: string[][] = [];
    async function* chunks(): AsyncGenerator<Uint8Array> {
      for (const part of ['héader\n', '文档 1\n', '', 'doc 2\n']) {
        yield Buffer.from(part);
        // The target is unchanged until the last chunk is written; the temp file is there meanwhile.
        seen.push(readdirSync(dir).sort());
        assert.equal(readFileSync(file, 'utf8'), 'old\n');
      }
    }
    await files.writeBytesAtomic(file, chunks());
    assert.equal(readFileSync(file, 'utf8'), 'héader\n文档 1\ndoc 2\n');
    assert.ok(seen.every((names) => names.length === 2 && names.some((n) => n.endsWith('.tmp'))), JSON.stringify(seen));
    assert.deepEqual(readdirSync(dir), ['index-cache.jsonl']);
    async function* failing(): AsyncGenerator<Uint8Array> {
      yield Buffer.from('partial');
      throw new Error('the index changed');
    }
    await assert.rejects(files.writeBytesAtomic(file, failing()), (e: unknown) => e instanceof WriteFailedError);
    assert.equal(readFileSync(file, 'utf8'), 'héader\n文档 1\ndoc 2\n');
    assert.deepEqual(readdirSync(dir), ['index-cache.jsonl']);
  });

  it('ENOSPC: the write fails with a clear message, the file on disk is unchanged and no temp file is left', async () => {
    const open = fsp.open;
    const files = new NodeFiles(
      api({
        open: (async (p: string, flags?: string, mode?: number) => {
          const h = await open(p, flags, mode);
          if (p.endsWith('.tmp')) {
            h.writeFile = async () => {
              await h.write(Buffer.from('partial'));
              throw Object.assign(new Error('ENOSPC: no space left on device, write'), { code: 'ENOSPC' });
            };
          }
          return h;
        }) as typeof fsp.open,
      }),
    );
    const file = path.join(dir, 'x.annotations.yaml');
    writeFileSync(file, 'old\n');
    await assert.rejects(files.writeTextAtomic(file, 'new\n'), (e: unknown) => e instanceof WriteFailedError && /no space left on device \(ENOSPC\); the file on disk is unchanged/.test(e.message));
    assert.equal(readFileSync(file, 'utf8'), 'old\n');
    assert.deepEqual(readdirSync(dir), ['x.annotations.yaml']);
  });

  it('recover: deletes the temp files of dead writers and broken-lock leftovers, keeps those of live ones', async () => {
    const files = new NodeFiles(api());
    const file = path.join(dir, 'x.annotations.yaml');
    writeFileSync(file, 'ok\n');
    const dead = 2 ** 22 + 12345; // above Linux's default pid_max: no such process
    const names = [`.x.annotations.yaml.${dead}.0abc.tmp`, `.x.annotations.yaml.lock.${dead}.1def.tmp`, `.x.annotations.yaml.lock.${dead}.aaaaaa.stale`, `.x.annotations.yaml.${process.pid}.2xyz.tmp`, '.y.annotations.yaml.1.0abc.tmp'];
    for (const n of names) writeFileSync(path.join(dir, n), 'partial');
    const removed = await files.recover(file);
    assert.deepEqual(removed.map((f) => path.basename(f)).sort(), names.slice(0, 3).sort());
    assert.deepEqual(readdirSync(dir).sort(), [names[3]!, names[4]!, 'x.annotations.yaml'].sort());
  });
});

describe('storage: the lock', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'cl-lock-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('serialises holders, breaks the lock of a dead process at once, and times out on a live one with its holder', async () => {
    const files = new NodeFiles(api(), { timeoutMs: 400, staleMs: 60_000 });
    const file = path.join(dir, 'x.annotations.yaml');
    let inside = 0;
    let max = 0;
    await Promise.all(
      Array.from({ length: 5 }, () =>
        files.withLock(file, async () => {
          inside++;
          max = Math.max(max, inside);
          await new Promise((r) => setTimeout(r, 10));
          inside--;
        }),
      ),
    );
    assert.equal(max, 1);
    const lock = path.join(dir, '.x.annotations.yaml.lock');
    assert.ok(!existsSync(lock), 'released');
    writeFileSync(lock, JSON.stringify({ pid: 2 ** 22 + 7, host: os.hostname(), token: 't', time: new Date().toISOString() }));
    assert.equal(await files.withLock(file, async () => 'taken over'), 'taken over');
    writeFileSync(lock, JSON.stringify({ pid: process.ppid, host: os.hostname(), token: 't', time: '2026-01-01T00:00:00Z' }));
    await assert.rejects(files.withLock(file, async () => 'never'), /held by process \d+ on .* since 2026-01-01T00:00:00Z; gave up waiting/);
    rmSync(lock);
    // A lock nobody refreshed for staleMs (another host, a frozen process) is stale.
    const quick = new NodeFiles(api(), { timeoutMs: 2000, staleMs: 100 });
    writeFileSync(lock, JSON.stringify({ pid: 1, host: 'elsewhere', token: 't', time: '2026-01-01T00:00:00Z' }));
    const past = new Date(Date.now() - 1000);
    await fsp.utimes(lock, past, past);
    assert.equal(await quick.withLock(file, async () => 'stale'), 'stale');
  });
});

describe('storage: the store under faults', () => {
  let dir: string;
  let doc: string;
  beforeEach(() => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'cl-faults-'));
    doc = path.join(dir, 'doc.txt');
    writeFileSync(doc, DOC_TEXT);
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('a sidecar with bytes that are not UTF-8 (GBK) is reported with its line and never rewritten', async () => {
    const store = new AnnotationStore(new NodeFileStore(), { author: 't' });
    await store.load(doc, DOC_TEXT);
    store.add(doc, { start: 4, end: 8, claim: 'c', stance: { polarity: 'oppose' }, note: 'PLACEHOLDER' });
    assert.ok((await store.save(doc)).ok);
    const sidecar = doc + '.annotations.yaml';
    const text = readFileSync(sidecar, 'utf8');
    const gbk = Buffer.from([0xc6, 0xd5, 0xbe, 0xa9]); // 普京 in GBK
    const bytes = Buffer.concat([Buffer.from(text.slice(0, text.indexOf('PLACEHOLDER'))), gbk, Buffer.from(text.slice(text.indexOf('PLACEHOLDER') + 11))]);
    writeFileSync(sidecar, bytes);
    const line = text.slice(0, text.indexOf('PLACEHOLDER')).split('\n').length;
    const fresh = new AnnotationStore(new NodeFileStore(), { author: 't' });
    const state = await fresh.load(doc, DOC_TEXT);
    assert.equal(state.readOnly, true);
    assert.equal(state.problems[0]!.line, line);
    assert.match(state.problems[0]!.message, /not valid UTF-8: byte 0xC6 at line \d+, column 11 .*never rewritten/);
    assert.throws(() => fresh.add(doc, { start: 1, end: 3, claim: 'x', stance: { polarity: 'neutral' } }), /read-only/);
    const result = await fresh.save(doc);
    assert.equal(result.ok, false);
    // The first store (loaded before the change) re-reads under the lock and refuses too.
    store.add(doc, { start: 10, end: 14, claim: 'd', stance: { polarity: 'neutral' } });
    const second = await store.save(doc);
    assert.equal(second.ok, false);
    assert.match(second.problems[0]!.message, /not saved: the sidecar changed on disk and is not valid UTF-8/);
    assert.deepEqual(readFileSync(sidecar), bytes);
    // The CLI says the same, with file:line.
    const t = cliIo(dir);
    assert.equal(await annotate(['add', 'doc.txt', '--start', '1', '--end', '3', '--claim', 'x', '--stance', 'neutral'], t.io), 1);
    assert.match(t.err.join(''), new RegExp(`^doc\\.txt\\.annotations\\.yaml:${line}:11: error: not valid UTF-8`));
    assert.deepEqual(readFileSync(sidecar), bytes);
    const v = cliIo(dir);
    assert.equal(await runValidate(['doc.txt.annotations.yaml'], v.io), 1);
    assert.match(v.out.join(''), new RegExp(`^doc\\.txt\\.annotations\\.yaml:${line}:11: error: not valid UTF-8: byte 0xC6`));
  });

  it('decodeUtf8Strict: line and column of the first bad byte; BOM removed; overlongs and surrogates refused', () => {
    assert.equal(decodeUtf8Strict(Buffer.from('\ufeffab\n普京')), 'ab\n普京');
    const at = (b: number[]) => {
      try {
        decodeUtf8Strict(Buffer.from(b));
        return 'ok';
      } catch (e) {
        assert.ok(e instanceof InvalidUtf8Error);
        return `${e.line}:${e.column}@${e.byteOffset}`;
      }
    };
    assert.equal(at([0x61, 0x0a, 0xe6, 0x99, 0xae, 0xc6, 0xd5]), '2:2@5');
    assert.equal(at([0xc0, 0xaf]), '1:1@0');
    assert.equal(at([0xed, 0xa0, 0x80]), '1:1@0');
    assert.equal(at([0xf0, 0x9f, 0x98, 0x80]), 'ok');
  });

  it('ENOSPC: the failed save is reported, and nothing of it lands with a later save after revert', async () => {
    let full = true;
    const real = new NodeFileStore();
    const faulty: FileStore = {
      readText: (p, o) => real.readText(p, o),
      exists: (p) => real.exists(p),
      delete: (p) => real.delete(p),
      withLock: (p, w) => real.withLock(p, w),
      writeTextAtomic: async (p, t) => {
        if (full) throw new WriteFailedError(p, Object.assign(new Error('ENOSPC'), { code: 'ENOSPC' }));
        return real.writeTextAtomic(p, t);
      },
    };
    const store = new AnnotationStore(faulty, { author: 't' });
    await store.load(doc, DOC_TEXT);
    const lost = store.add(doc, { start: 4, end: 8, claim: 'not saved', stance: { polarity: 'oppose' } });
    const failed = await store.save(doc);
    assert.equal(failed.ok, false);
    assert.match(failed.problems[0]!.message, /^not saved: could not write .*doc\.txt\.annotations\.yaml: no space left on device \(ENOSPC\); the file on disk is unchanged/);
    store.revert(doc);
    assert.equal(store.find(doc, lost.id!), undefined);
    full = false;
    const kept = store.add(doc, { start: 10, end: 14, claim: 'saved', stance: { polarity: 'neutral' } });
    assert.ok((await store.save(doc)).ok);
    assert.deepEqual([...idsIn(doc + '.annotations.yaml')], [kept.id]);
  });

  it('two stores editing one annotation: different fields are merged; the same field edited both ways keeps both, said so', async () => {
    const a = new AnnotationStore(new NodeFileStore(), { author: 'a' });
    const b = new AnnotationStore(new NodeFileStore(), { author: 'b' });
    await a.load(doc, DOC_TEXT);
    const id = a.add(doc, { start: 4, end: 8, claim: 'original', stance: { polarity: 'oppose' } }).id!;
    assert.ok((await a.save(doc)).ok);
    await b.load(doc, DOC_TEXT);
    a.update(doc, id, { note: 'a note from A' });
    b.update(doc, id, { tags: ['from-b'] });
    assert.ok((await a.save(doc)).ok);
    const merged = await b.save(doc);
    assert.ok(merged.ok && merged.merged);
    const both = b.find(doc, id)!.annotation;
    assert.equal(both.note, 'a note from A');
    assert.deepEqual(both.tags, ['from-b']);
    // Now both change the claim.
    await a.load(doc, DOC_TEXT);
    a.update(doc, id, { claim: 'claim by A' });
    b.update(doc, id, { claim: 'claim by B' });
    assert.ok((await a.save(doc)).ok);
    const r = await b.save(doc);
    assert.ok(r.ok);
    assert.match(r.problems.map((p) => p.message).join('\n'), new RegExp(`annotation ${id} was edited both on disk and here \\(claim\\): both versions are kept — ours as ${id}, the one on disk as ${id}\\.conflict`));
    const onDisk = parseSidecar(readFileSync(doc + '.annotations.yaml', 'utf8'), 'x').value!.annotations;
    assert.deepEqual(onDisk.map((x) => [x.id, x.claim]).sort(), [[id, 'claim by B'], [`${id}.conflict`, 'claim by A']].sort());
    assert.equal((onDisk.find((x) => x.id === `${id}.conflict`) as Record<string, unknown>)['x-conflict-of'], id);
  });

  it('load cleans up temp files left by a crashed writer', async () => {
    const leftover = path.join(dir, `.doc.txt.annotations.yaml.${2 ** 22 + 3}.0zz.tmp`);
    writeFileSync(leftover, 'schema: corpus-lens/annot');
    await new AnnotationStore(new NodeFileStore()).load(doc, DOC_TEXT);
    assert.ok(!existsSync(leftover));
  });
});

describe('storage: corpus-lens annotate', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'cl-annotate-'));
    writeFileSync(path.join(dir, 'doc.txt'), DOC_TEXT);
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('add, edit, list (table and --json), delete; UTF-16 offsets as in extract', async () => {
    const emoji = DOC_TEXT.indexOf('😀');
    const t = cliIo(dir);
    const code = await annotate(
      ['add', 'doc.txt', '--start', String(emoji - 10), '--end', String(emoji + 2), '--claim', 'US disagrees', '--stance', 'oppose', '--intensity', '-1', '--about', 'entity:country/US', '--holder', 'section:青年視紀', '--tag', 'a', '--tag', 'b', '--author', 'me', '--json'],
      t.io,
    );
    assert.equal(code, 0, t.err.join(''));
    const added = JSON.parse(t.out.join('')) as Record<string, unknown>;
    assert.deepEqual(
      [added['action'], added['quote'], added['start'], added['about'], added['holder'], added['author'], added['stance']],
      ['add', 'disagrees 😀', emoji - 10, { entity: 'country/US' }, { section: '青年視紀' }, 'me', { polarity: 'oppose', intensity: -1 }],
    );
    const id = String(added['id']);
    const e = cliIo(dir);
    assert.equal(await annotate(['edit', 'doc.txt', id, '--claim', 'changed', '--about', 'a free proposition', '--clear', 'tags'], e.io), 0, e.err.join(''));
    assert.equal(e.out.join(''), `${id}\n`);
    const l = cliIo(dir);
    assert.equal(await annotate(['list', '--json'], l.io), 0);
    const rows = l.out.join('').trim().split('\n').map((x) => JSON.parse(x) as Record<string, unknown>);
    assert.equal(rows.length, 1);
    assert.deepEqual([rows[0]!['claim'], rows[0]!['about'], rows[0]!['tags'], rows[0]!['file']], ['changed', { proposition: 'a free proposition' }, undefined, 'doc.txt']);
    const table = cliIo(dir);
    assert.equal(await annotate(['list', 'doc.txt'], table.io), 0);
    assert.match(table.out.join(''), new RegExp(`^file\\tid\\trange\\tstance\\tabout\\tclaim\\tquote\\ndoc\\.txt\\t${id}\\t${emoji - 10}-${emoji + 2}\\toppose -1\\tproposition:a free proposition\\tchanged\\tdisagrees 😀\\n$`));
    assert.equal(await annotate(['delete', 'doc.txt', id], cliIo(dir).io), 0);
    // The last annotation gone and no reference date: the sidecar is removed, not left as `annotations: []`.
    assert.equal(existsSync(path.join(dir, 'doc.txt.annotations.yaml')), false);
  });

  it('errors: file:line: error: messages, exit 1 with nothing written, usage errors exit 2', async () => {
    const cases: Array<[string[], number, RegExp]> = [
      [['add', 'doc.txt', '--start', '5', '--end', '999999', '--claim', 'x', '--stance', 'support'], 1, /^doc\.txt:1: error: range 5\.\.999999 is not a non-empty range/],
      [['add', 'doc.txt', '--start', '5', '--end', '9', '--claim', 'x', '--stance', 'support', '--intensity', '-2'], 1, /^doc\.txt:1: error: stance\.intensity: intensity -2 contradicts polarity support/],
      [['add', 'nope.txt', '--start', '5', '--end', '9', '--claim', 'x', '--stance', 'support'], 1, /^nope\.txt:1: error: no such document/],
      [['edit', 'doc.txt', 'a-nothere', '--claim', 'x'], 1, /^doc\.txt\.annotations\.yaml:1: error: no annotation with id "a-nothere"/],
      [['add', 'doc.txt', '--start', '5', '--end', '9', '--claim', 'x', '--stance', 'maybe'], 2, /--stance must be one of support, oppose, neutral, mixed/],
      [['add', 'doc.txt', '--start', '5', '--claim', 'x', '--stance', 'support'], 2, /add needs --start and --end/],
      [['frobnicate'], 2, /unknown subcommand 'frobnicate'/],
    ];
    for (const [args, code, message] of cases) {
      const t = cliIo(dir);
      assert.equal(await annotate(args, t.io), code, args.join(' '));
      assert.match(t.err.join(''), message);
    }
    assert.ok(!existsSync(path.join(dir, 'doc.txt.annotations.yaml')));
    writeFileSync(path.join(dir, 'doc.txt.annotations.yaml'), 'schema: corpus-lens/annotations@1\ndocument: {path: doc.txt\n');
    const broken = cliIo(dir);
    assert.equal(await annotate(['add', 'doc.txt', '--start', '5', '--end', '9', '--claim', 'x', '--stance', 'support'], broken.io), 1);
    assert.match(broken.err.join(''), /^doc\.txt\.annotations\.yaml:\d+:\d+: error: YAML syntax error.*\(nothing was written\)/);
  });

  it('a read-only (0444) sidecar is refused with a clear message and left as it is', async () => {
    assert.equal(await annotate(['add', 'doc.txt', '--start', '5', '--end', '9', '--claim', 'x', '--stance', 'support'], cliIo(dir).io), 0);
    const sidecar = path.join(dir, 'doc.txt.annotations.yaml');
    const before = readFileSync(sidecar, 'utf8');
    chmodSync(sidecar, 0o444);
    const t = cliIo(dir);
    assert.equal(await annotate(['add', 'doc.txt', '--start', '15', '--end', '19', '--claim', 'y', '--stance', 'support'], t.io), 1);
    assert.match(t.err.join(''), /^doc\.txt\.annotations\.yaml:1:1: error: not saved: .*doc\.txt\.annotations\.yaml is read-only \(mode 0444\); it was not changed — make it writable/);
    assert.equal(readFileSync(sidecar, 'utf8'), before);
    assert.equal(statSync(sidecar).mode & 0o777, 0o444);
  });
});

describe('storage: multi-process loops (bounded)', function () {
  this.timeout(180_000);
  let dir: string;
  let doc: string;
  beforeEach(() => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'cl-loops-'));
    doc = path.join(dir, 'doc.txt');
    writeFileSync(doc, DOC_TEXT);
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('kill -9 during saves (8 rounds): the sidecar always parses and holds every annotation reported done', async () => {
    const sidecar = doc + '.annotations.yaml';
    const reported = new Set<string>();
    let kills = 0;
    for (let round = 0; round < 8; round++) {
      const child = writer(doc, 1000, `r${round}`);
      const got = collect(child);
      // Wait for the first add (process start-up), then kill at a random moment during the following saves.
      const deadline = Date.now() + 60_000;
      while (got.ids.length === 0 && child.exitCode === null && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
      assert.ok(got.ids.length > 0, `round ${round}: the writer reported nothing: ${got.stderr.join('')}`);
      await new Promise((r) => setTimeout(r, Math.random() * 300));
      child.kill('SIGKILL');
      await exited(child);
      kills++;
      for (const id of got.ids) reported.add(id);
      const ids = idsIn(sidecar);
      const lost = [...reported].filter((id) => !ids.has(id));
      assert.deepEqual(lost, [], `round ${round}: annotations reported done but missing`);
    }
    assert.equal(kills, 8);
    assert.ok(reported.size >= 8);
    // The next start cleans what the killed writers left (temp files; a lock is broken when next taken).
    await new AnnotationStore(new NodeFileStore()).load(doc, DOC_TEXT);
    assert.deepEqual(readdirSync(dir).filter((n) => n.endsWith('.tmp')), []);
  });

  it('two writers adding 40 annotations each to one sidecar at once lose none', async () => {
    const a = writer(doc, 40, 'alpha');
    const b = writer(doc, 40, 'beta');
    const ga = collect(a);
    const gb = collect(b);
    const [ca, cb] = await Promise.all([exited(a), exited(b)]);
    assert.equal(ca, 0, ga.stderr.join(''));
    assert.equal(cb, 0, gb.stderr.join(''));
    const ids = idsIn(doc + '.annotations.yaml');
    const all = [...ga.ids, ...gb.ids];
    assert.equal(all.length, 80);
    const lost = all.filter((id) => !ids.has(id));
    assert.equal(lost.length, 0, `lost ${lost.length} of 80`);
    assert.equal(ids.size, 80);
    assert.deepEqual(readdirSync(dir).filter((n) => n.startsWith('.')), [], 'no temp or lock file left');
  });
});

describe('storage: incremental serialisation', function () {
  this.timeout(120_000);
  it('writes byte for byte what serializeSidecar(file, previous text) writes, over random adds, edits, deletes and reloads', async () => {
    const files = new Map<string, string>();
    const fs: FileStore = {
      readText: async (p) => files.get(p),
      writeTextAtomic: async (p, t) => void files.set(p, t),
      exists: async (p) => files.has(p),
      delete: async (p) => void files.delete(p),
    };
    let seed = 7;
    const random = () => (seed = (seed * 16807) % 2147483647) / 2147483647;
    let clock = Date.parse('2026-11-22T07:30:00Z');
    const options = { author: 'x', random, now: () => new Date((clock += 1000)) };
    const doc = '/c/doc.txt';
    let store = new AnnotationStore(fs, options);
    await store.load(doc, DOC_TEXT);
    let saves = 0;
    for (let step = 0; step < 40; step++) {
      const ids = store.get(doc)!.annotations.map((r) => r.annotation.id);
      const r = random();
      if (r < 0.5 || ids.length < 3) {
        const start = Math.floor(random() * (DOC_TEXT.length - 12));
        store.add(doc, { start, end: start + 1 + Math.floor(random() * 10), claim: `claim ${step}: "quoted", yes/no, 12:30`, stance: { polarity: 'support', intensity: 1 }, tags: ['t', `s${step}`], ...(step % 3 ? { note: 'line one\nline two' } : {}) });
      } else if (r < 0.8) store.update(doc, ids[Math.floor(random() * ids.length)]!, { claim: `edited ${step}`, confidence: 'low' });
      else if (r < 0.9) store.remove(doc, ids[Math.floor(random() * ids.length)]!);
      else {
        store = new AnnotationStore(fs, options);
        await store.load(doc, DOC_TEXT);
        continue;
      }
      const previous = files.get(doc + '.annotations.yaml');
      const expected = serializeSidecar(store.snapshot(doc), previous);
      assert.ok((await store.save(doc)).ok);
      saves++;
      assert.equal(files.get(doc + '.annotations.yaml'), expected, `step ${step}`);
    }
    assert.ok(saves > 20);
    const text = files.get(doc + '.annotations.yaml')!;
    const parsed = parseSidecar(text, 'x');
    assert.ok(learn(text, parsed.value!, parsed.locations), 'a sidecar written by the store is known item by item');
    assert.equal(assemble(parsed.value!), text);
    // A comment makes the store use the previous-text path (which keeps comments).
    assert.equal(learn(`# kept\n${text}`, parsed.value!, parsed.locations), false);
  });
});

describe('storage: the id order kept between saves', () => {
  it('byIdOrder equals a sort by id, whatever the previous order holds (kept, replaced, removed, added objects)', () => {
    let seed = 7;
    const random = () => ((seed = (seed * 16807) % 2147483647) / 2147483647);
    const make = (id: string, v: number) => ({ id, claim: `v${v}` }) as unknown as Annotation;
    const sorted = (xs: readonly Annotation[]) => [...xs].sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
    for (let round = 0; round < 200; round++) {
      const n = Math.floor(random() * 40);
      const previous = sorted(Array.from({ length: n }, (_, i) => make(`a-${Math.floor(random() * 1e6).toString(36)}-${i}`, 0)));
      const current: Annotation[] = [];
      for (const a of previous) {
        const r = random();
        if (r < 0.6) current.push(a); // unchanged: the same object
        else if (r < 0.8) current.push(make(a.id, 1)); // edited: a new object with the same id
        // else removed
      }
      for (let k = Math.floor(random() * 5); k > 0; k--) current.push(make(`b-${round}-${k}`, 2)); // added
      current.sort(() => random() - 0.5); // the store's order is by position, not by id
      const out = byIdOrder(current, round % 10 === 0 ? undefined : previous);
      assert.deepEqual(out.map((a) => a.id), sorted(current).map((a) => a.id), `round ${round}`);
      assert.equal(new Set(out).size, current.length);
      for (const a of out) assert.ok(current.includes(a), 'only the current objects are written');
    }
  });
});
