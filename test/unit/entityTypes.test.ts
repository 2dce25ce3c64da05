// The entity-type table (src/core/entities/types.ts) is the one list: what the manifest and the schemas must agree with.
import * as assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ENTITY_TYPE_INFO, ENTITY_TYPES, entityTypeInfo, isEntityType } from '../../src/core/entities/types';
import { loadKnowledge } from '../../src/core/entities/knowledge';

interface Manifest {
  contributes: {
    colors: Array<{ id: string }>;
    configuration: { properties: Record<string, { default?: Record<string, boolean>; properties?: Record<string, unknown> }> };
  };
}
const manifest = JSON.parse(readFileSync(join(__dirname, '../../package.json'), 'utf8')) as Manifest;

describe('entity types: one table', () => {
  it('lists the seven types in order', () => {
    assert.deepEqual(ENTITY_TYPES, ['person', 'country', 'organization', 'treaty', 'place', 'event', 'other']);
  });

  it('every type has a theme colour corpusLens.<type> in package.json', () => {
    const colours = new Set(manifest.contributes.colors.map((c) => c.id));
    for (const t of ENTITY_TYPES) assert.ok(colours.has(`corpusLens.${t}`), `package.json contributes.colors lacks corpusLens.${t}`);
  });

  it('corpusLens.highlight.types has exactly the types, date and candidate, each on by default', () => {
    const setting = manifest.contributes.configuration.properties['corpusLens.highlight.types']!;
    const kinds = [...ENTITY_TYPES, 'date', 'candidate'];
    assert.deepEqual(Object.keys(setting.properties ?? {}), kinds);
    assert.deepEqual(setting.default, Object.fromEntries(kinds.map((k) => [k, true])));
  });

  it('isEntityType and entityTypeInfo accept the table and nothing else', () => {
    assert.equal(isEntityType('person'), true);
    assert.equal(isEntityType('toString'), false);
    assert.equal(isEntityType('Person'), false);
    assert.equal(entityTypeInfo('treaty'), ENTITY_TYPE_INFO.treaty);
    assert.equal(entityTypeInfo('constructor'), undefined);
  });

  it('the knowledge file accepts every type of the table and names them when it refuses one', () => {
    const entities = ENTITY_TYPES.map((t) => `  - {id: ${t}/x, type: ${t}, names: {en: X ${t}}}`).join('\n');
    const ok = loadKnowledge([{ file: 'k.yaml', text: `schema: corpus-lens/knowledge@1\nentities:\n${entities}\n` }]);
    assert.deepEqual(ok.problems, []);
    assert.deepEqual(ENTITY_TYPES.map((t) => ok.value.get(`${t}/x`)?.type), [...ENTITY_TYPES]);
    const bad = loadKnowledge([{ file: 'k.yaml', text: 'schema: corpus-lens/knowledge@1\nentities:\n  - {id: x/y, type: city, names: {en: Y}}\n' }]);
    assert.equal(bad.problems.length, 1);
    assert.equal(bad.problems[0]!.line, 3);
    assert.equal(bad.problems[0]!.message, `x/y: type: Invalid option: expected one of ${ENTITY_TYPES.map((t) => `"${t}"`).join('|')}; entry skipped`);
  });

  it('a retype rule accepts every type of the table and refuses another, on its line', () => {
    const rules = ENTITY_TYPES.map((t) => `  - {surface: 南海${t}, action: retype, type: ${t}}`).join('\n');
    const ok = loadKnowledge([{ file: 'k.yaml', text: `schema: corpus-lens/knowledge@1\nrules:\n${rules}\n` }]);
    assert.deepEqual(ok.problems, []);
    assert.deepEqual(ok.value.rules.map((r) => r.type), [...ENTITY_TYPES]);
    const bad = loadKnowledge([{ file: 'k.yaml', text: 'schema: corpus-lens/knowledge@1\nrules:\n  - {surface: 南海, action: retype, type: sea}\n' }]);
    assert.equal(bad.problems.length, 1);
    assert.equal(bad.problems[0]!.line, 3);
    assert.match(bad.problems[0]!.message, /^rule 1: type: Invalid option: expected one of "person"\|.*"other"; rule skipped$/);
    assert.deepEqual(bad.value.rules, []);
  });
});
