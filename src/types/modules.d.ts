// Data files are bundled by esbuild's text loader (and by test/register-text.cjs in unit tests).
declare module '*.yaml' {
  const text: string;
  export default text;
}
/** data/*.jsonl files are bundled as text (esbuild `text` loader; test/register-text.cjs for the unit tests). */
declare module '*.jsonl' {
  const text: string;
  export default text;
}
/**
 * Model weights: base64 text (the web build and the unit tests), or, in the Node builds, the dense binary form read
 * from dist/data/*.bin on first use (scripts/build.mjs, scripts/compile-models.ts).
 */
declare module '*.b64' {
  const model: string | Uint8Array;
  export default model;
}
