/**
 * The entity evaluation sets (test/eval/entities-<set>.<script>.txt): their format (test/eval/entities-format.ts),
 * the scoring of npm run eval:entities (test/eval/entities-score.ts) on hand-made mentions, and the held-out files
 * themselves (they parse, hold >= 150 gold mentions per script, and every id is in the bundled knowledge base).
 */
import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { defaultKnowledgeSource, loadKnowledge } from '../../src/core/entities/knowledge';
import type { EntityType } from '../../src/core/entities/types';
import type { EntityMention } from '../../src/core/types';
import { parseEntitySet, UNKNOWN_ID } from '../eval/entities-format';
import { findByDocument, scoreEntities } from '../eval/entities-score';

function mention(text: string, whole: string, type: EntityType, entityId: string, members: EntityMention[] = [], from = 0): EntityMention {
  const start = whole.indexOf(text, from);
  assert.ok(start >= 0, `${text} in ${whole}`);
  const m: EntityMention = { kind: 'entity', start, end: start + text.length, text, entityId, type, confirmed: !entityId.startsWith('candidate:'), via: 'alias' };
  if (members.length) m.members = members;
  return m;
}

describe('entity evaluation sets: format', () => {
  it('reads marks, nested members, flags and the source comment, with UTF-16 offsets into the plain text', () => {
    const items = parseEntitySet(
      '# head\n# src: https://example.org/a\n{{美国|country|country/US}国务院|organization|unknown}称{美|country|country/US|abbr}{俄|country|country/RU|abbr}关系紧张。\n\n{Russian|country|country/RU|demonym} 𠀀 {X|other|unknown}\n',
      'set.txt',
    );
    assert.equal(items.length, 2);
    const [a, b] = items;
    assert.equal(a!.line, 3);
    assert.equal(a!.source, 'https://example.org/a');
    assert.equal(a!.text, '美国国务院称美俄关系紧张。');
    assert.deepEqual(
      a!.gold.map((g) => [g.text, g.start, g.end, g.type, g.id, g.flags, g.parent, g.members]),
      [
        ['美国国务院', 0, 5, 'organization', 'unknown', [], undefined, [1]],
        ['美国', 0, 2, 'country', 'country/US', [], 0, []],
        ['美', 6, 7, 'country', 'country/US', ['abbr'], undefined, []],
        ['俄', 7, 8, 'country', 'country/RU', ['abbr'], undefined, []],
      ],
    );
    assert.equal(b!.text, 'Russian 𠀀 X');
    assert.deepEqual(
      b!.gold.map((g) => [g.text, g.start, g.end, g.flags]),
      [
        ['Russian', 0, 7, ['demonym']],
        ['X', 11, 12, []],
      ],
    );
  });

  it('refuses malformed marks, naming file and line', () => {
    assert.throws(() => parseEntitySet('\n{美国|nation|country/US}', 'f.txt'), /^Error: f\.txt:2: unknown type "nation" for "美国"$/);
    assert.throws(() => parseEntitySet('{美国|country}', 'f.txt'), /^Error: f\.txt:1: no id for "美国"/);
    assert.throws(() => parseEntitySet('{美国|country|country/US|abbrev}', 'f.txt'), /^Error: f\.txt:1: unknown flag "abbrev" for "美国" \(demonym, abbr\)$/);
    assert.throws(() => parseEntitySet('{美国|country|country/US|abbr|x}', 'f.txt'), /^Error: f\.txt:1: too many fields in the mark of "美国"$/);
    assert.throws(() => parseEntitySet('{{美国|country|country/US}国务院', 'f.txt'), /^Error: f\.txt:1: unclosed mark "\{美国国务院"$/);
    assert.throws(() => parseEntitySet('美国}', 'f.txt'), /^Error: f\.txt:1: "\}" outside a mark \(column 3\)$/);
    assert.throws(() => parseEntitySet('{|country|country/US}', 'f.txt'), /^Error: f\.txt:1: empty mention \(column 21\)$/);
    assert.throws(() => parseEntitySet('{美国|coun{try|x}', 'f.txt'), /^Error: f\.txt:1: "\{" inside the label of a mark \(column 9\)$/);
  });
});

describe('entity evaluation sets: scoring', () => {
  const [item] = parseEntitySet('{{美国|country|country/US}国务院|organization|organization/state-dept}与{{朝|country|country/KP|abbr}中社|organization|organization/kcna}及{格伦德伯格|person|unknown}', 's.txt');
  const text = item!.text;

  it('matches at the same nesting level: an outer mention does not find a gold member, nor a member the outer mark', () => {
    const outerOnly = scoreEntities([item!], () => [mention('美国国务院', text, 'organization', 'organization/state-dept')], 's.txt');
    // 美国国务院 found and linked; its member 美国 not; 朝中社, 朝 and 格伦德伯格 missed.
    assert.deepEqual([outerOnly.total.gold, outerOnly.total.found, outerOnly.total.linked, outerOnly.total.predicted, outerOnly.total.right], [5, 1, 1, 1, 1]);
    const memberOnly = scoreEntities([item!], () => [mention('美国', text, 'country', 'country/US')], 's.txt');
    assert.deepEqual([memberOnly.total.found, memberOnly.total.linked, memberOnly.total.right], [1, 1, 1]);
    assert.deepEqual(memberOnly.problems.slice(0, 2), ['s.txt:1: MISSED  {美国国务院|organization|organization/state-dept}  (other level: 美国=country:country/US)', 's.txt:1: MISSED  {朝中社|organization|organization/kcna}']);
  });

  it('an inner member strictly inside a gold mark that does not hold it is a false positive; links, types and unknown names are counted', () => {
    const members = [mention('朝', text, 'country', 'country/KP'), mention('中', text, 'country', 'country/CN', [], text.indexOf('朝'))];
    const found = [
      mention('美国国务院', text, 'organization', 'organization/state-dept', [mention('美国', text, 'country', 'country/US')]),
      mention('朝中社', text, 'organization', 'organization/kcna', members),
      mention('格伦德伯格', text, 'place', 'place/somewhere'),
    ];
    const s = scoreEntities([item!], () => found, 's.txt');
    assert.deepEqual(
      [s.total.gold, s.total.found, s.total.typed, s.total.exact, s.total.known, s.total.linked, s.total.unknown, s.total.unknownFound, s.total.unknownLinked],
      [5, 5, 4, 5, 4, 4, 1, 1, 1],
    );
    assert.deepEqual([s.total.predicted, s.total.right, s.total.rightTyped], [6, 5, 4]);
    assert.deepEqual(s.problems, ['s.txt:1: LINK    {格伦德伯格|person|unknown}  linked to 格伦德伯格=place:place/somewhere', 's.txt:1: FALSE   中=country:country/CN (member)']);
    const kinds = s.rows.get('kind member')!;
    assert.deepEqual([kinds.gold, kinds.found, kinds.linked], [2, 2, 2]);
    assert.equal(s.rows.get('type place')!.predicted, 1);
    assert.equal(s.rows.get('type place')!.rightTyped, 0);
  });
});

describe('entity evaluation sets: document context', () => {
  it('recognises the lines of one source as one document and shifts the mentions back into each line', () => {
    const items = parseEntitySet('# src: a\n{巴拉圭|country|country/PY}总统发表讲话。\n{巴|country|country/PY|abbr}方表示支持。\n# src: b\n{巴|country|country/PK|abbr}方回应。', 'd.txt');
    const seen: string[] = [];
    const found = findByDocument(items, (text) => {
      seen.push(text);
      const at = text.indexOf('巴方');
      return at < 0 ? [] : [{ kind: 'entity', start: at, end: at + 2, text: '巴方', entityId: 'country/PY', type: 'country', confirmed: true, via: 'alias' }];
    });
    assert.deepEqual(seen, ['巴拉圭总统发表讲话。\n巴方表示支持。\n', '巴方回应。\n']);
    assert.deepEqual(
      items.map((i) => found.get(i)!.map((m) => [m.text, m.start, m.end])),
      [[], [['巴方', 0, 2]], [['巴方', 0, 2]]],
    );
  });
});

describe('entity evaluation sets: the held-out files', () => {
  const dir = path.join(__dirname, '..', 'eval');
  const files = fs.readdirSync(dir).filter((f) => /^entities-[a-z0-9]+\.(zh-hans|zh-hant|en)\.txt$/.test(f));

  it('exist in the three scripts, hold >= 150 gold mentions each, and link only to entities of the bundled knowledge base', () => {
    for (const set of ['heldout1', 'heldout2', 'heldout3']) {
      assert.deepEqual(
        files.filter((f) => f.startsWith(`entities-${set}.`)).sort(),
        [`entities-${set}.en.txt`, `entities-${set}.zh-hans.txt`, `entities-${set}.zh-hant.txt`],
      );
    }
    const kb = loadKnowledge([defaultKnowledgeSource()]).value;
    for (const f of files) {
      const items = parseEntitySet(fs.readFileSync(path.join(dir, f), 'utf8'), f);
      const gold = items.flatMap((i) => i.gold.map((g) => ({ g, line: i.line })));
      assert.ok(gold.length >= 150, `${f}: ${gold.length} gold mentions`);
      const missing = gold.filter(({ g }) => g.id !== UNKNOWN_ID && !kb.has(g.id)).map(({ g, line }) => `${f}:${line} ${g.text} ${g.id}`);
      assert.deepEqual(missing, []);
    }
  });
});
