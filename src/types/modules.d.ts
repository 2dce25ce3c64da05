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
/** Model weights (base64) are bundled as text too. */
declare module '*.b64' {
  const text: string;
  export default text;
}
