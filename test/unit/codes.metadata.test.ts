import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { detectLanguage, documentFilter, mergeVariables, metadataVariables, outletCountries, parseVariables, seedVariablesFile } from '../../src/core/codes';
import { CorpusIndex } from '../../src/core/corpus/index';
import { parseDocument } from '../../src/core/corpus/model';

describe('codes: document variables from the index metadata', () => {
  const countries = outletCountries([
    { type: 'organization', country: 'country/CN', allNames: () => ['环球时报', 'Global Times', '環球時報'] },
    { type: 'organization', allNames: () => ['无国家'] },
    { type: 'country', country: 'country/CN', allNames: () => ['中国'] },
  ]);

  it('outlet (most frequent source), its country from the knowledge base, earliest normalised date, language', () => {
    const v = metadataVariables(
      { records: [{ source: '環球時報', dateText: '2021-12-31 17:23:55', title: '美國對俄制裁' }, { source: '環球時報', dateText: '2021年3月5日' }, { source: '新华社' }] },
      countries,
    );
    assert.deepEqual(v, { outlet: '環球時報', country: 'CN', date: '2021-03-05', language: 'zh-Hant' });
    assert.deepEqual(metadataVariables({ records: [{ label: 'The Kremlin said NATO enlargement is a red line' }] }, countries), { language: 'en' });
    assert.deepEqual(metadataVariables({ records: [] }), {});
    assert.equal(detectLanguage('美国对俄制裁有效 sanctions'), 'zh-Hans');
    assert.equal(detectLanguage('2021'), undefined);
  });

  it('the variables file overrides the detected values; filters see both', () => {
    const detected = { outlet: '环球时报', country: 'CN', language: 'zh-Hans' };
    const file = parseVariables('schema: corpus-lens/variables@1\ndocuments:\n  a.txt: {country: TW, genre: news}\n', 'v.yaml').value;
    const merged = mergeVariables(detected, file.documents.get('a.txt'));
    assert.deepEqual(merged, { outlet: '环球时报', country: 'TW', language: 'zh-Hans', genre: 'news' });
    const keep = documentFilter('country=TW language=zh-Hans', (d) => (d === 'a.txt' ? merged : detected));
    assert.deepEqual(['a.txt', 'b.txt'].filter(keep), ['a.txt']);
  });

  it('from a real index: a news document with a source and a timestamp; the seeded file parses back', () => {
    const text = fs.readFileSync(path.join(__dirname, '../../samples/001_46c6a13c8aa750a3.txt'), 'utf8');
    const index = new CorpusIndex((_p, t) => ({ doc: parseDocument(t), entities: [], dates: [] }));
    index.set('/w/news-001.txt', text);
    const summary = index.document('/w/news-001.txt')!;
    const v = metadataVariables(summary, countries);
    assert.deepEqual(v, { outlet: '看看新闻Knews', date: '2021-12-31', language: 'zh-Hans' });
    const seeded = seedVariablesFile([['news-001.txt', v], ['empty.txt', {}], ['x: y.txt', { date: '2021-12-31', outlet: 'yes' }]]);
    const back = parseVariables(seeded, 'v.yaml');
    assert.deepEqual(back.problems, []);
    assert.deepEqual(back.value.documents.get('news-001.txt'), v);
    assert.deepEqual(back.value.documents.get('x: y.txt'), { date: '2021-12-31', outlet: 'yes' }, 'YAML 1.1 look-alikes stay text');
    assert.equal(back.value.documents.has('empty.txt'), false);
  });
});
