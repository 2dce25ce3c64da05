// Data files are bundled by esbuild's text loader (and by test/register-text.cjs in unit tests).
declare module '*.yaml' {
  const text: string;
  export default text;
}
declare module '*.b64' {
  const text: string;
  export default text;
}
