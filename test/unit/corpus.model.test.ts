import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { parseDocument, type CorpusDocument } from '../../src/core/corpus/model';

const samples = path.join(__dirname, '..', '..', 'samples');
const read = (prefix: string) => {
  const file = fs.readdirSync(samples).find((f) => f.startsWith(prefix))!;
  return fs.readFileSync(path.join(samples, file), 'utf8');
};
const at = (text: string, s: { start: number; end: number }) => text.slice(s.start, s.end);
const inBoilerplate = (doc: CorpusDocument, offset: number) => doc.boilerplate.some((b) => offset >= b.start && offset < b.end);

function wellFormed(text: string, doc: CorpusDocument): void {
  doc.records.forEach((r, i) => {
    assert.equal(r.id, `r${i + 1}`);
    assert.ok(r.span.start < r.span.end && r.span.end <= text.length, `${r.id} span`);
    assert.equal(at(text, r.span).trim(), at(text, r.span), `${r.id} span is trimmed`);
    if (i > 0) assert.ok(doc.records[i - 1]!.span.end <= r.span.start, 'records are disjoint and ordered');
    if (r.titleSpan) assert.equal(at(text, r.titleSpan), r.title);
    for (const b of doc.boilerplate) assert.ok(b.end <= r.span.start || b.start >= r.span.end, `${r.id} overlaps boilerplate`);
  });
  for (let i = 1; i < doc.boilerplate.length; i++) assert.ok(doc.boilerplate[i - 1]!.end < doc.boilerplate[i]!.start);
}

describe('corpus model: parseDocument', () => {
  it('000: abstract listing split at 相似文献, with titles and citations', () => {
    const text = read('000');
    const doc = parseDocument(text);
    wellFormed(text, doc);
    assert.equal(doc.shape, 'listing');
    assert.equal(text.split('相似文献').length - 1, 18);
    assert.equal(doc.records.length, 18);
    for (const r of doc.records) assert.ok(!at(text, r.span).includes('相似文献'), 'separator excluded');
    const [r1, r2] = doc.records;
    // The first record begins with its citation line and has no title.
    assert.equal(r1!.title, undefined);
    assert.deepEqual(r1!.authors, ['蒋翊民']);
    assert.equal(r1!.source, '现代国际关系');
    assert.deepEqual({ ...r1!.citation, span: undefined }, { journal: '现代国际关系', year: 2015, issue: '2', pages: '25-31,60,63', span: undefined });
    assert.equal(r1!.dateText, '2015');
    assert.equal(r1!.dateSource, 'citation');
    assert.equal(at(text, r1!.dateSpan!), '2015');
    assert.equal(at(text, r1!.citation!.span), '蒋翊民 《现代国际关系》2015,(2):25-31,60,63');
    assert.ok(at(text, r1!.span).endsWith('美俄很有可能再度推动条约多边化。'));
    assert.equal(r2!.title, '美俄关系“重启”前景分析');
    assert.ok(at(text, r2!.metadataSpans[0]!).includes('总被引:1'));
    const r5 = doc.records[4]!;
    assert.equal(r5.title, '反恐:审视美俄关系的另一种视角');
    assert.equal(r5.citation?.journal, '国际观察');
    assert.equal(r5.citation?.year, 2006);
    assert.equal(r5.citation?.issue, '1');
    assert.equal(r5.citation?.pages, '69-76');
    assert.deepEqual(r5.authors, ['张耀']);
    assert.equal(r5.metadataSpans.length, 2);
    assert.ok(at(text, r5.span).startsWith('反恐:审视'));
    assert.equal(doc.records[11]!.title, '关于开创中俄经贸合作新局面的思考');
    assert.equal(doc.records.filter((r) => r.title).length, 3);
    assert.equal(doc.records[2]!.title, undefined, 'records without a title line get none');
    assert.deepEqual(doc.boilerplate, []);
  });

  it('004: listing of 20 records without titles', () => {
    const text = read('004');
    const doc = parseDocument(text);
    wellFormed(text, doc);
    assert.equal(doc.shape, 'listing');
    assert.equal(text.split('相似文献').length - 1, 20);
    assert.equal(doc.records.length, 20);
    assert.ok(at(text, doc.records[0]!.span).startsWith('2012年6月28日,乌兹别克斯坦'));
    assert.ok(at(text, doc.records[19]!.span).startsWith("NATO's entry"));
    assert.ok(doc.records.every((r) => !r.title && !r.citation));
  });

  it('001: news article with title, timestamp, source, reporter, keywords and page boilerplate', () => {
    const text = read('001');
    const doc = parseDocument(text);
    wellFormed(text, doc);
    assert.equal(doc.shape, 'news');
    assert.equal(doc.records.length, 1);
    const r = doc.records[0]!;
    assert.equal(r.title, '俄美首脑紧急通话 能为俄乌边境“灭火”吗?');
    assert.equal(r.dateText, '2021-12-31 17:23:55');
    assert.equal(r.dateSource, 'timestamp');
    assert.equal(at(text, r.dateSpan!), '2021-12-31 17:23:55');
    assert.equal(r.source, '看看新闻Knews');
    assert.deepEqual(r.authors, ['杨臻']);
    assert.deepEqual(r.keywords, ['俄罗斯乌克兰拜登普京']);
    assert.ok(at(text, r.span).startsWith('俄美首脑紧急通话'));
    assert.ok(at(text, r.span).endsWith('关键词: 俄罗斯乌克兰拜登普京'));
    // Boilerplate: nav menu, comments, recommended videos, footer; never the body.
    for (const s of ['下载APP', '退出登录', '用手机看', '全部评论', '推荐视频', '中方是否支持伊朗封锁海峡?外交部回应', '时讯2025/06/12', '01:49', '关于我们', '举报电话', '沪ICP备10207042号-1', 'Copyright ©', '沪公网安备']) {
      assert.ok(inBoilerplate(doc, text.indexOf(s)), `boilerplate: ${s}`);
    }
    for (const s of ['俄美首脑紧急通话', '2021-12-31', '俄乌边境局势持续紧张之际', '令人“满意”的通话', '彻底解决乌克兰危机', '(看看新闻Knews记者 杨臻)', '关键词']) {
      assert.ok(!inBoilerplate(doc, text.indexOf(s)), `not boilerplate: ${s}`);
    }
    const meta = r.metadataSpans.map((s) => at(text, s));
    assert.ok(meta.some((m) => m.startsWith('2021-12-31 17:23:55')));
    assert.ok(meta.some((m) => m.startsWith('关键词')));
  });

  it('002: Q&A page, one section per commentator', () => {
    const text = read('002');
    const doc = parseDocument(text);
    wellFormed(text, doc);
    assert.equal(doc.shape, 'qa');
    assert.equal(doc.records.length, 1);
    const r = doc.records[0]!;
    assert.equal(r.title, '03.03 “普特會”可能仍將舉行,俄美關係預計會取得哪些建設性突破?');
    const holders = r.sections!.map((s) => s.holder);
    assert.deepEqual(holders, ['青年視紀', '古姿', '適情雅趣', '建章君', '雲霄飛翼', '衝擊時評', '美國觀察室', '毛開雲', '今古達觀', '海之波濤3']);
    for (const s of r.sections!) {
      assert.equal(at(text, s.holderSpan), s.holder);
      assert.ok(s.span.start === s.holderSpan.start && s.span.end <= r.span.end);
    }
    // Sub-headings and captions inside answers are not commentators.
    assert.ok(!holders.includes('維也納會晤只會取得一些形式上的成果'));
    assert.ok(at(text, r.sections![9]!.span).endsWith('所以最後的結論,仍然是沒有可能和不會發生。'));
    assert.ok(inBoilerplate(doc, text.indexOf('分享到:')));
    assert.ok(inBoilerplate(doc, text.indexOf('相關文章:')));
    assert.ok(!at(text, r.span).includes('分享到'));
  });

  it('003: bilingual think-tank summary with Author/Source/Date/Keywords lines', () => {
    const text = read('003');
    const doc = parseDocument(text);
    wellFormed(text, doc);
    assert.equal(doc.shape, 'summary');
    assert.equal(doc.records.length, 1);
    const r = doc.records[0]!;
    assert.deepEqual(r.authors, ['Thomas Graham']);
    assert.equal(r.source, 'Foreign Affairs');
    assert.equal(r.dateText, 'October 9, 2023');
    assert.equal(r.dateSource, 'date-line');
    assert.equal(at(text, r.dateSpan!), 'October 9, 2023');
    assert.deepEqual(r.keywords, ['Russian Strategic Autonomy']);
    assert.equal(r.title, 'Then and');
    assert.equal(r.metadataSpans.length, 4);
    assert.ok(at(text, r.span).endsWith('to prevent future Russian aggression.'));
  });

  it('summary variants: simplified and English-only labels, several summaries in one file', () => {
    const text = [
      'First report', '作者：张三、李四', '来源：国际问题研究', '日期：2020年5月1日', '关键词：中亚；能源', '', '• 第一点。', '',
      'Second report', 'Author: Jane Doe and John Roe', 'Source: The Journal', 'Date: 2021-03-04', '', '• Point one.',
    ].join('\n');
    const doc = parseDocument(text);
    wellFormed(text, doc);
    assert.equal(doc.shape, 'summary');
    assert.equal(doc.records.length, 2);
    assert.deepEqual(doc.records[0]!.authors, ['张三', '李四']);
    assert.deepEqual(doc.records[0]!.keywords, ['中亚', '能源']);
    assert.equal(doc.records[0]!.dateText, '2020年5月1日');
    assert.equal(doc.records[1]!.title, 'Second report');
    assert.deepEqual(doc.records[1]!.authors, ['Jane Doe', 'John Roe']);
    assert.equal(doc.records[1]!.source, 'The Journal');
  });

  it('CRLF line endings give the same records', () => {
    const lf = read('000');
    const crlf = lf.replace(/\n/g, '\r\n');
    const a = parseDocument(lf);
    const b = parseDocument(crlf);
    assert.equal(b.records.length, a.records.length);
    b.records.forEach((r, i) => {
      assert.equal(r.title, a.records[i]!.title);
      assert.equal(at(crlf, r.span).replace(/\r\n/g, '\n'), at(lf, a.records[i]!.span));
    });
    const news = read('001').replace(/\n/g, '\r\n');
    const n = parseDocument(news);
    assert.equal(n.records[0]!.title, '俄美首脑紧急通话 能为俄乌边境“灭火”吗?');
    assert.ok(!n.records[0]!.title!.includes('\r'));
  });

  it('odd input never throws', () => {
    assert.deepEqual(parseDocument(''), { shape: 'plain', records: [], boilerplate: [] });
    assert.deepEqual(parseDocument('   \n\t\n\u3000  ').records, []);
    const one = parseDocument('Just one line.');
    assert.equal(one.shape, 'plain');
    assert.equal(one.records.length, 1);
    assert.equal(one.records[0]!.title, 'Just one line.');
    const plain = parseDocument('\n\n  A short title  \n\nA paragraph of text that goes on for a while, about nothing in particular.\n');
    assert.equal(plain.records[0]!.title, 'A short title');
    assert.equal(plain.records[0]!.span.start, 4);
    for (const odd of ['相似文献', '\r\n\r\n', '\n相似文献\n相似文献', '《》2015', '2021-12-31 17:23:55', '作者:\n来源:', '\uD800\uDC00x', 'a'.repeat(100000)]) {
      const doc = parseDocument(odd);
      wellFormed(odd, doc);
    }
  });

  // The time it takes is measured in bench/model.bench.ts (npm run bench -- model).
  it('splits a large listing (20 copies of 000 + 004) into every record', () => {
    const text = Array.from({ length: 20 }, () => read('000') + read('004')).join('\n');
    const doc = parseDocument(text);
    assert.equal(doc.shape, 'listing');
    assert.equal(doc.records.length, 20 * (18 + 20));
    wellFormed(text, doc);
  });
});
