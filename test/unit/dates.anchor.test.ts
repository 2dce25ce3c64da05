// The anchor of a resolved date (data: English in the CLI, the exports and the cache) read back as a phrase for the
// hover card: every reference the analysis writes is described, in English without a bundle and in Chinese with one.
import * as assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import * as l10n from '@vscode/l10n';
import { Analyzer } from '../../src/core/analysis';
import { INFERRED_HOW, SETTING_HOW, anchorOf, datelineYearHow, describeAnchor, metadataHow } from '../../src/core/dates/anchor';
import { explainValue } from '../../src/core/dates/explain';
import { EntityRecognizer } from '../../src/core/entities/recognizer';
import { KnowledgeBase } from '../../src/core/entities/knowledge';

const ROOT = join(__dirname, '..', '..');

describe('dates: anchors described in the interface language', () => {
  afterEach(() => l10n.config({ contents: {} }));

  it('each shape the analysis writes, in English', () => {
    assert.equal(describeAnchor(anchorOf(metadataHow('timestamp', 31), '2021-12-31')), 'the article timestamp (line 31) in the metadata: 2021-12-31');
    assert.equal(describeAnchor(anchorOf(metadataHow('citation'), '2015')), 'the citation year in the metadata: 2015');
    assert.equal(
      describeAnchor(anchorOf(datelineYearHow(metadataHow('dateline', 1), { how: INFERRED_HOW, value: '2005' }), '2005-03-22')),
      'the dateline (line 1) in the metadata: 2005-03-22, its year from the latest year the record mentions (2005)',
    );
    assert.equal(
      describeAnchor(anchorOf(datelineYearHow(metadataHow('dateline', 3), { how: 'the year of the setting (sidecar)', value: '2006' }), '2006-03-22')),
      'the dateline (line 3) in the metadata: 2006-03-22, its year from the reference date set for this document',
    );
    assert.equal(describeAnchor(anchorOf(SETTING_HOW, '2008')), 'the reference date set for this document (2008)');
    assert.equal(describeAnchor(anchorOf(INFERRED_HOW, '2006', true)), 'the latest explicit year before it in the text (2006), inferred');
    assert.equal(describeAnchor('explicit'), undefined);
    assert.equal(describeAnchor('my own reference 2001'), undefined);
  });

  it('every anchor of the sample corpus is described', () => {
    const analyzer = new Analyzer(new EntityRecognizer(new KnowledgeBase([])));
    const anchors = new Set<string>();
    for (const f of readdirSync(join(ROOT, 'samples')).filter((f) => f.endsWith('.txt'))) {
      for (const d of analyzer.analyse(readFileSync(join(ROOT, 'samples', f), 'utf8')).dates) anchors.add(d.anchor);
    }
    const resolved = [...anchors].filter((a) => a !== 'explicit' && !a.startsWith('unresolved'));
    assert.ok(resolved.length >= 3, `anchors: ${[...anchors].join(' | ')}`);
    assert.deepEqual(resolved.filter((a) => describeAnchor(a) === undefined), []);
  });

  for (const locale of ['zh-cn', 'zh-tw']) {
    it(`${locale}: the anchor and the value explanation come out in Chinese with the bundle`, () => {
      l10n.config({ contents: JSON.parse(readFileSync(join(ROOT, 'l10n', `bundle.l10n.${locale}.json`), 'utf8')) as Record<string, string> });
      const anchor = describeAnchor(anchorOf(metadataHow('timestamp', 31), '2021-12-31'))!;
      assert.match(anchor, locale === 'zh-cn' ? /时间戳/ : /時間戳/);
      assert.match(anchor, /2021-12-31/);
      assert.match(anchor, /31/);
      for (const value of ['2006-W12-WE', '2019-33', '199X', '20XX', '2006-03-21TNI', '2014/..']) {
        const text = explainValue(value, value === '2014/..' ? 'SINCE' : undefined);
        assert.match(text, /\p{Script=Han}/u, `${value}: ${text}`);
        assert.doesNotMatch(text.replace(/\(以来, since\)/, ''), /\b(the|of|week|from|quarter|century)\b/i, `${value}: ${text}`);
      }
    });
  }
});
