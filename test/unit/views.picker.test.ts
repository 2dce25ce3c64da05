// The concordance's entity picker (Show Concordance → An entity) on the bundled knowledge base: typing the pinyin
// 'pujing' ranks 普京 first although the unfiltered list (by mentions) has Russia, the United States and Putin in
// its first three rows, and 北京 (beijing) third after it. The rows are computed by core/prompt.ts for each typed
// value and replace the list; VS Code hands a selection to the extension host as an index into the list it set
// last, so a click on a row of the list shown before the re-ranked one arrived picked another entity (Putin, third
// unfiltered, became 北京, third for 'pujing'): what the draft UI check saw. test/ui/framework.ts pickQuickItem
// now waits until the rows have settled before it clicks.
import * as assert from 'node:assert/strict';
import { defaultKnowledgeSource, loadKnowledge } from '../../src/core/entities/knowledge';
import { PickRows, StalePickGuard, type PickOption, type PickRow } from '../../src/core/prompt';

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

  it('a selection made while the re-ranked list may not be drawn yet is taken only when its row is the same in both', () => {
    let now = 10_000;
    const same = (a: PickRow<string>, b: PickRow<string>) => ('option' in a ? a.option.value : a.text) === ('option' in b ? b.option.value : b.text);
    const guard = new StalePickGuard<PickRow<string>>(same, () => now, 1000);
    const unfiltered = rows.rows('');
    guard.replaced(unfiltered);
    now += 5000;
    const ranked = rows.rows('pujing');
    guard.replaced(ranked);
    now += 50;
    // The click on "Putin", third row of the list still shown, arrives as the index 2: whatever is third for 'pujing'.
    const third = ranked[2]!;
    assert.notEqual(same(third, unfiltered[2]!), true);
    assert.equal(guard.trusted(third), false, 'an index that means another item in the list shown before is not taken');
    // The first row of the new list (Putin; of the old one, Russia) is what Enter takes once the list is drawn, and
    // what the analyst typed for: Enter within the moment is taken.
    assert.notEqual(same(ranked[0]!, unfiltered[0]!), true);
    assert.equal(guard.trusted(ranked[0]!), true);
    assert.equal(guard.trusted(ranked[1]!), same(ranked[1]!, unfiltered[1]!), 'the second row only when it is the same in both');
    // A row that is the same in both lists is.
    const both = new StalePickGuard<PickRow<string>>(same, () => now, 1000);
    both.replaced(ranked);
    now += 5000;
    both.replaced([...ranked]);
    assert.equal(both.trusted(ranked[2]!), true);
    // Once the new list has been out for the settle time, its rows are taken.
    now += 1000;
    assert.equal(guard.trusted(third), true);
    assert.equal(guard.trusted(ranked[0]!), true);
    // Several lists within the moment: the row must agree with each of them.
    guard.replaced(rows.rows('pu'));
    now += 10;
    guard.replaced(rows.rows('puj'));
    now += 10;
    const last = rows.rows('puji');
    guard.replaced(last);
    assert.equal(guard.trusted(last[0]!), true, 'the row Enter takes');
    if (last[1]) {
      const agreeing = [ranked, rows.rows('pu'), rows.rows('puj'), last].every((l) => l[1] !== undefined && same(l[1], last[1]!));
      assert.equal(guard.trusted(last[1]), agreeing);
    }
    // The step's active row (not the first) is the one Enter takes when the extension made it active.
    const withActive = new StalePickGuard<PickRow<string>>(same, () => now, 1000);
    withActive.replaced(unfiltered);
    now += 5000;
    withActive.replaced(ranked, 2);
    now += 10;
    assert.equal(withActive.trusted(ranked[2]!), true);
  });
});
