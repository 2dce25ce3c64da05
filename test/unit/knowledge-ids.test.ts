import * as assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { defaultKnowledgeSource, loadKnowledge } from '../../src/core/entities/knowledge';
import { RENAMED_IDS, RETIRED_IDS } from '../../src/core/entities/renamed';

const kb = loadKnowledge([defaultKnowledgeSource()]).value;
const released = fs
  .readFileSync(path.join(__dirname, '..', 'fixtures', 'released-entity-ids.txt'), 'utf8')
  .split('\n')
  .filter((l) => l && !l.startsWith('#'));

describe('knowledge: shipped entity ids keep resolving (annotations hold them)', () => {
  it('every id ever shipped is an entity, renamed to one, or retired with a reason', () => {
    assert.ok(released.length > 11000, `${released.length} released ids`);
    const lost = released.filter((id) => !kb.has(id) && RETIRED_IDS[id] === undefined);
    assert.deepEqual(lost, [], 'shipped ids that no longer resolve: add them to RENAMED_IDS (or RETIRED_IDS, with a reason)');
  });

  it('a renamed id leads to an entity of the knowledge base, under its new id; no renamed or retired id is still an entity', () => {
    for (const [old, now] of Object.entries(RENAMED_IDS)) {
      assert.equal(kb.get(old)?.id, now, old);
      assert.ok(!kb.all().some((e) => e.id === old), `${old} is still an entity: drop it from RENAMED_IDS`);
    }
    for (const old of Object.keys(RETIRED_IDS)) assert.equal(kb.get(old), undefined, old);
  });

  it('the merged maritime features resolve by every old id (Scarborough Shoal, Senkaku, Takeshima)', () => {
    assert.equal(kb.get('place/scarborough-shoal')?.id, 'place/huangyan-island');
    assert.equal(kb.get('place/senkaku-islands')?.id, 'place/diaoyu-islands');
    assert.equal(kb.get('place/takeshima')?.id, 'place/dokdo');
  });
});
