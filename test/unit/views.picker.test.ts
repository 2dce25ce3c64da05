// The concordance's entity picker (Show Concordance → An entity) on the bundled knowledge base: typing the pinyin
// 'pujing' ranks 普京 first although the unfiltered list (by mentions) has Russia, the United States and Putin in
// its first three rows, and 北京 (beijing) third after it. The rows are computed by core/prompt.ts for each typed
// value and replace the list; VS Code hands a selection to the extension host as an index into the list it set
// last, so a click on a row of the list shown before the re-ranked one arrived picked another entity (Putin, third
// unfiltered, became 北京, third for 'pujing'): what the draft UI check saw. test/ui/framework.ts pickQuickItem
// now waits until the rows have settled before it clicks.
import * as assert from 'node:assert/strict';
import { defaultKnowledgeSource, loadKnowledge } from '../../src/core/entities/knowledge';
import { PickRows, type PickOption } from '../../src/core/prompt';

const kb = loadKnowledge([defaultKnowledgeSource()]).value;

/** The picker's options as VisualizeService.askQuery builds them: by mentions, the name and its zh-Hans name. */
function options(ids: string[]): Array<PickOption<string>> {
  return ids.map((id) => {
    const e = kb.get(id)!;
    assert.ok(e, id);
    return { label: e.names['zh-Hans'] && e.names['zh-Hans'] !== e.name ? `${e.name} ${e.names['zh-Hans']}` : e.name, value: id };
  });
}

describe('views: the entity picker of the concordance', () => {
  // The samples' most mentioned entities, in that order, with Beijing further down.
  const ids = ['country/RU', 'country/US', 'person/vladimir-putin', 'person/donald-trump', 'country/CN', 'country/UA', 'place/beijing', 'place/kyoto'];
  const rows = new PickRows({ id: 'concordanceEntity', title: 'Entity', options: options(ids), names: (o) => kb.get(o.value)?.allNames() ?? [o.label] });
  const values = (q: string) => rows.rows(q).map((r) => ('option' in r ? r.option.value : `text:${r.text}`));

  it('pinyin, initials and English name rank Putin first; 北京 comes after it for pujing', () => {
    assert.equal(values('pujing')[0], 'person/vladimir-putin');
    assert.equal(values('pj')[0], 'person/vladimir-putin');
    assert.equal(values('putin')[0], 'person/vladimir-putin');
    assert.equal(values('普京')[0], 'person/vladimir-putin');
    assert.equal(values('普丁')[0], 'person/vladimir-putin');
    const ranked = values('pujing');
    if (ranked.includes('place/beijing')) assert.ok(ranked.indexOf('place/beijing') > 0);
    assert.equal(values('beijing')[0], 'place/beijing');
  });

  it('the row Enter takes for pujing is Putin', () => {
    const active = rows.activeRow('pujing');
    assert.ok(active && 'option' in active && active.option.value === 'person/vladimir-putin');
  });
});
