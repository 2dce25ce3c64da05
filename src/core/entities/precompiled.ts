/**
 * The recogniser's tables of the bundled knowledge base as the build packed them (scripts/compile-knowledge.ts ->
 * dist/data/knowledge.tables.bin; see recognizer-tables.ts), or undefined.
 *
 * Run from source (unit tests, tsx scripts, the evaluations) there are none: the recogniser computes its tables from
 * the knowledge base, so an edited word list or rule is always in effect. The bundles replace this module
 * (scripts/build.mjs, plugin `precompiled-tables`): the Node ones read the file next to them, the web one has the
 * bytes inline.
 */
export function precompiledRecognizerTables(): Uint8Array | undefined {
  return undefined;
}
