// The core's interface text with the Chinese bundles (configureMessages, as the extension does at activation): the
// problems of a knowledge file, a topics file, an annotation sidecar and a codebook, zod's messages among them, and
// the entity type names. Without a bundle the same calls give English (the CLI).
import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseSidecar } from '../../src/core/annotations/parse';
import { parseCodebook } from '../../src/core/codes/codebook';
import { loadTopics, topicName, topicOtherName } from '../../src/core/corpus/topics';
import { loadKnowledge } from '../../src/core/entities/knowledge';
import { ENTITY_TYPE_INFO } from '../../src/core/entities/types';
import { configureMessages } from '../../src/core/messages';

const ROOT = join(__dirname, '..', '..');
const bundle = (locale: string) => JSON.parse(readFileSync(join(ROOT, 'l10n', `bundle.l10n.${locale}.json`), 'utf8')) as Record<string, string>;

const KNOWLEDGE = 'schema: corpus-lens/knowledge@1\nentities:\n  - id: person/bad\n    type: persn\n    names:\n      en: Bad\n  - id: person/good\n    wikidata: P12\n    type: person\n    names:\n      en: Good\n';
const TOPICS = 'topics:\n  - id: empty\n    label: Empty\n    colour: red\n';
const SIDECAR = 'schema: corpus-lens/annotations@1\ndocument:\n  path: a.txt\nannotations: {}\n';
const CODEBOOK = 'schema: corpus-lens/codebook@1\ncodes:\n  - id: stance\n    color: red\n';

function problems() {
  return {
    knowledge: loadKnowledge([{ file: 'k.yaml', text: KNOWLEDGE }]).problems.map((p) => `${p.line}: ${p.message}`),
    topics: loadTopics([{ file: 't.yaml', text: TOPICS }]).problems.map((p) => `${p.line}: ${p.message}`),
    sidecar: parseSidecar(SIDECAR, 'a.txt.annotations.yaml').problems.map((p) => `${p.line}: ${p.message}`),
    codebook: parseCodebook(CODEBOOK, 'codebook.yaml').problems.map((p) => `${p.line}: ${p.message}`),
  };
}

describe("l10n: the core's interface text in Chinese", () => {
  afterEach(() => configureMessages({}, 'en'));

  it('English without a bundle (the CLI), zod included', () => {
    const p = problems();
    assert.deepEqual(p.knowledge, [
      '4: person/bad: type: Invalid option: expected one of "person"|"country"|"organization"|"treaty"|"place"|"event"|"other"; entry skipped',
      '8: person/good: wikidata: must be a Wikidata item id like Q159; entry skipped',
    ]);
    assert.deepEqual(p.topics, ['4: unknown key "colour" (ignored)', '2: topic "empty" has no keywords and no entities, so it can never match (ignored)']);
    assert.deepEqual(p.sidecar, ['4: "annotations" must be a list; the file is left untouched']);
    assert.deepEqual(p.codebook, ['3: code 1: labels: missing required field; this code was not loaded', '4: code 1: color: must be a colour #rgb or #rrggbb; this code was not loaded']);
    assert.equal(ENTITY_TYPE_INFO.treaty.label(), 'Treaty / agreement');
  });

  it('zh-cn: our messages and zod\'s in simplified Chinese', () => {
    configureMessages(bundle('zh-cn'), 'zh-cn');
    const p = problems();
    assert.deepEqual(p.knowledge, [
      '4: person/bad：type：无效选项：期望以下之一 "person"|"country"|"organization"|"treaty"|"place"|"event"|"other"；已跳过该条目',
      '8: person/good：wikidata：必须是 Wikidata 条目 ID，如 Q159；已跳过该条目',
    ]);
    assert.deepEqual(p.topics, ['4: 未知的键“colour”（已忽略）', '2: 主题“empty”既无关键词也无实体，永远无法匹配（已忽略）']);
    assert.deepEqual(p.sidecar, ['4: “annotations”必须是列表；该文件保持原样']);
    assert.deepEqual(p.codebook, ['3: 编码 1：labels：缺少必填字段；未加载此编码', '4: 编码 1：color：必须是颜色值 #rgb 或 #rrggbb；未加载此编码']);
    assert.equal(ENTITY_TYPE_INFO.treaty.label(), '条约 / 协定');
  });

  it('zh-tw: traditional characters, zod\'s zh-TW messages', () => {
    configureMessages(bundle('zh-tw'), 'zh-tw');
    const p = problems();
    assert.match(p.knowledge[0]!, /^4: person\/bad：type：.*無效.*；已跳過該條目$/);
    assert.equal(p.knowledge[1], '8: person/good：wikidata：必須是 Wikidata 條目 ID，如 Q159；已跳過該條目');
    assert.equal(ENTITY_TYPE_INFO.person.plural(), '人物');
  });

  it('topic names in the interface script: English, simplified or traditional, the other one beside it', () => {
    const label = { en: 'Arms control', 'zh-Hans': '军备控制', 'zh-Hant': '軍備控制' };
    const onlySimplified = { en: 'Sanctions', 'zh-Hans': '制裁' };
    assert.deepEqual([topicName(label), topicOtherName(label)], ['Arms control', '军备控制']);
    configureMessages(bundle('zh-cn'), 'zh-cn');
    assert.deepEqual([topicName(label), topicOtherName(label)], ['军备控制', 'Arms control']);
    configureMessages(bundle('zh-tw'), 'zh-tw');
    assert.deepEqual([topicName(label), topicOtherName(label), topicName(onlySimplified), topicName({ en: 'NATO' }), topicOtherName({ en: 'NATO' })], ['軍備控制', 'Arms control', '制裁', 'NATO', undefined]);
    configureMessages({}, 'zh-tw'); // no bundle: English, whatever the display language
    assert.equal(topicName(label), 'Arms control');
  });
});
