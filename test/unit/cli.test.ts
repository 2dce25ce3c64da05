import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { main } from '../../src/cli/main';

const SAMPLES = path.join(__dirname, '..', '..', 'samples');

async function cli(args: string[], cwd = SAMPLES): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const code = await main(args, { stdout: (s) => (out += s.endsWith('\n') ? s : `${s}\n`), stderr: (s) => (err += `${s}\n`), cwd });
  return { code, out, err };
}

function jsonLines(out: string): Array<Record<string, unknown>> {
  return out
    .split('\n')
    .filter(Boolean)
    .map((l) => JSON.parse(l) as Record<string, unknown>);
}

describe('cli extract', () => {
  it('prints one JSON object per mention with UTF-16 offsets into the file as read', async () => {
    const { code, out } = await cli(['extract', '--json', '001_46c6a13c8aa750a3.txt']);
    assert.equal(code, 0);
    const rows = jsonLines(out);
    const text = fs.readFileSync(path.join(SAMPLES, '001_46c6a13c8aa750a3.txt'), 'utf8');
    for (const r of rows) assert.equal(text.slice(r.start as number, r.end as number), r.text);
    const putin = rows.find((r) => r.kind === 'entity' && r.text === '普京');
    assert.deepEqual(
      { entity: putin?.entity, type: putin?.type, name: putin?.name, confirmed: putin?.confirmed, wikidata: putin?.wikidata },
      { entity: 'person/vladimir-putin', type: 'person', name: 'Vladimir Putin', confirmed: true, wikidata: 'Q7747' },
    );
    const timestamp = rows.find((r) => r.kind === 'date' && r.text === '2021-12-31 17:23:55');
    assert.equal(timestamp?.value, '2021-12-31T17:23:55');
    const dec7 = rows.find((r) => r.kind === 'date' && r.text === '12月7日');
    assert.equal(dec7?.value, '2021-12-07');
    assert.match(String(dec7?.anchor), /article timestamp/);
    // Sorted by start.
    const starts = rows.map((r) => r.start as number);
    assert.deepEqual(starts, [...starts].sort((a, b) => a - b));
  });

  it('resolves compounds and traditional names to the same entities', async () => {
    const { out } = await cli(['extract', '--json', '002_47dd4565d9125d5d.txt', '003_f235fc45aa42949a.txt']);
    const rows = jsonLines(out);
    const ids = (file: string, text: string) => rows.filter((r) => String(r.file).startsWith(file) && r.text === text).map((r) => r.entity);
    assert.ok(ids('003', '普丁').every((id) => id === 'person/vladimir-putin') && ids('003', '普丁').length > 0);
    assert.ok(ids('002', '普京').length > 0);
    const us = rows.filter((r) => String(r.file).startsWith('002') && r.entity === 'country/US').length;
    assert.ok(us > 5, `US mentions in 002 (美俄關係 ...): ${us}`);
  });

  it('lists the inner members of a nested mention after it, and marks demonyms', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cl-cli-'));
    fs.writeFileSync(path.join(dir, 'a.txt'), '美国国防部表示。Iraqi officials said.');
    const rows = jsonLines((await cli(['extract', '--json', '--no-dates', 'a.txt'], dir)).out);
    assert.deepEqual(
      rows.map((r) => [r.text, r.entity, r.member ?? false, r.in ?? null, r.demonym ?? false]),
      [
        ['美国国防部', 'organization/pentagon', false, null, false],
        ['美国', 'country/US', true, 0, false],
        ['Iraqi', 'country/IQ', false, null, true],
      ],
    );
  });

  it('removes a BOM and keeps offsets right after astral characters', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cl-cli-'));
    fs.writeFileSync(path.join(dir, 'a.txt'), '\ufeff😊😊 2014年7月,美俄关系与普京');
    const { out } = await cli(['extract', '--json', 'a.txt'], dir);
    const rows = jsonLines(out);
    const text = '😊😊 2014年7月,美俄关系与普京';
    for (const r of rows) assert.equal(text.slice(r.start as number, r.end as number), r.text);
    assert.deepEqual(
      rows.map((r) => [r.text, r.kind === 'date' ? r.value : r.entity]),
      [
        ['2014年7月', '2014-07'],
        ['美', 'country/US'],
        ['俄', 'country/RU'],
        ['普京', 'person/vladimir-putin'],
      ],
    );
  });

  it('reports usage errors and missing files with a non-zero exit', async () => {
    assert.equal((await cli(['extract'])).code, 2);
    assert.equal((await cli(['extract', '--bogus', 'x.txt'])).code, 2);
    const missing = await cli(['extract', 'nope.txt']);
    assert.equal(missing.code, 1);
    assert.match(missing.err, /nope\.txt: not a file/);
    assert.equal((await cli(['frobnicate'])).code, 2);
  });

  it('loads a workspace knowledge file and reports its errors with file:line', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cl-cli-'));
    fs.mkdirSync(path.join(dir, '.corpus-lens'));
    fs.writeFileSync(
      path.join(dir, '.corpus-lens', 'knowledge.yaml'),
      'schema: corpus-lens/knowledge@1\nentities:\n  - id: person/zhao-long-test\n    type: person\n    names: {en: Zhao Long, zh-Hans: 赵隆测试}\n  - id: person/broken\n    type: 42\n',
    );
    fs.writeFileSync(path.join(dir, 'a.txt'), '研究员赵隆测试认为');
    const { out, err } = await cli(['extract', '--json', 'a.txt'], dir);
    assert.ok(jsonLines(out).some((r) => r.entity === 'person/zhao-long-test' && r.confirmed === true));
    assert.match(err, /knowledge\.yaml:7:\d+: error/);
  });
});

describe('cli index', () => {
  it('indexes the samples: shapes, records, topics and entities as JSON', async () => {
    const { code, out } = await cli(['index', '--json', '.']);
    assert.equal(code, 0);
    const result = JSON.parse(out) as {
      documents: Array<{ path: string; shape: string; records: Array<{ title?: string; topics: string[]; date?: string }> }>;
      topics: Record<string, number>;
      entities: Array<{ entity: string; count: number }>;
    };
    assert.deepEqual(
      result.documents.map((d) => [d.path, d.shape]),
      [
        ['000_be9cf2744d91cc80.txt', 'listing'],
        ['001_46c6a13c8aa750a3.txt', 'news'],
        ['002_47dd4565d9125d5d.txt', 'qa'],
        ['003_f235fc45aa42949a.txt', 'summary'],
        ['004_65dbff42fb54b3c7.txt', 'listing'],
      ],
    );
    const news = result.documents[1]!.records[0]!;
    assert.equal(news.date, '2021-12-31 17:23:55');
    assert.ok(result.documents[0]!.records.some((r) => r.title === '美俄关系“重启”前景分析' && r.topics.includes('us-russia')));
    assert.ok((result.topics['sco-central-asia'] ?? 0) > 5);
    assert.ok(result.entities.slice(0, 3).some((e) => e.entity === 'country/RU'));
  });
});

describe('cli corpus reading: size limit, encodings, streaming', () => {
  let dir: string;
  before(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'corpus-lens-read-'));
    fs.copyFileSync(path.join(SAMPLES, fs.readdirSync(SAMPLES).find((f) => f.startsWith('001'))!), path.join(dir, 'a.txt'));
    // 1 GB, sparse: no disk space, and never read (the size is checked on the open file first).
    const big = fs.openSync(path.join(dir, 'huge.txt'), 'w');
    fs.ftruncateSync(big, 1024 * 1024 * 1024);
    fs.closeSync(big);
    // GBK bytes of a sentence, made with the runtime's decoder run backwards.
    const sentence = '俄罗斯总统普京表示，北约东扩是红线。';
    const decoder = new TextDecoder('gbk', { fatal: true });
    const bytes: number[] = [];
    for (const ch of sentence) {
      search: for (let lead = 0x81; lead <= 0xfe; lead++) {
        for (let trail = 0x40; trail <= 0xfe; trail++) {
          try {
            if (decoder.decode(new Uint8Array([lead, trail])) === ch) {
              bytes.push(lead, trail);
              break search;
            }
          } catch {
            // not a character
          }
        }
      }
    }
    fs.writeFileSync(path.join(dir, 'gbk.txt'), new Uint8Array(bytes));
    fs.writeFileSync(path.join(dir, 'binary.txt'), new Uint8Array(2048).map((_, i) => (i * 37 + 11) & 0xff));
  });
  after(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('index reports a 1 GB file and files it cannot decode, and indexes the rest (GBK included)', async () => {
    const { code, out, err } = await cli(['index', '--json', '.'], dir);
    assert.equal(code, 0, err);
    assert.match(err, /huge\.txt: not indexed: 1024\.0 MB is larger than --max-size-mb 20/);
    assert.match(err, /binary\.txt: not indexed: not valid UTF-8/);
    const result = JSON.parse(out) as { documents: Array<{ path: string; entityCount: number }>; entities: Array<{ entity: string }> };
    assert.deepEqual(result.documents.map((d) => d.path).sort(), ['a.txt', 'gbk.txt']);
    assert.ok(result.documents.find((d) => d.path === 'gbk.txt')!.entityCount >= 3);
  });

  it('extract decodes GBK with offsets into the decoded text, and reports the 1 GB file with exit 1', async () => {
    const ok = await cli(['extract', '--json', 'gbk.txt'], dir);
    assert.equal(ok.code, 0, ok.err);
    const rows = jsonLines(ok.out);
    const putin = rows.find((r) => r.entity === 'person/vladimir-putin');
    assert.deepEqual([putin?.text, putin?.start], ['普京', 5]);
    const big = await cli(['extract', 'huge.txt', 'a.txt'], dir);
    assert.equal(big.code, 1);
    assert.match(big.err, /huge\.txt: not indexed: 1024\.0 MB is larger/);
    assert.match(big.out, /a\.txt:\d+:\d+\tentity/);
    const larger = await cli(['extract', '--max-size-mb', '2000', '--no-dates', 'gbk.txt'], dir);
    assert.equal(larger.code, 0);
    assert.equal((await cli(['extract', '--max-size-mb', 'x', 'gbk.txt'], dir)).code, 2);
  });
});
