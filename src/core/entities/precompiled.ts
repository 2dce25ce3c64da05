/**
 * The recogniser's tables of the bundled knowledge base as the build packed them (scripts/compile-knowledge.ts ->
 * dist/data/knowledge.tables.bin; see recognizer-tables.ts), or undefined.
 *
 * Run from source (unit tests, tsx scripts, the evaluations) there are none: the recogniser computes its tables from
 * the knowledge base, so an edited word list or rule is always in effect. The bundles replace this module
 * (scripts/bundle-data.mjs, plugin `precompiled-tables`): the Node ones read the file next to them, the web one has
 * the bytes inline.
 */
export function precompiledRecognizerTables(): Uint8Array | undefined {
  return undefined;
}

/**
 * The bytes of the bundled data/knowledge.compiled.jsonl, where a bundle can read them as bytes (the Node ones: one
 * entity's line is then decoded without decoding the whole file), else undefined (its text is imported).
 */
export function precompiledKnowledgeBytes(): Uint8Array | undefined {
  return undefined;
}
