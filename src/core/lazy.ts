/**
 * A value computed on first use. For a package whose module init costs start-up time and that activation does not
 * need (pinyin-pro's dictionaries, fflate's tables, graphology): `lazy(() => require('pkg') as typeof Pkg)`. esbuild
 * wraps a package reached only through `require` and runs it on that call instead of when the bundle loads; a static
 * `import` anywhere else brings the cost back to load time.
 */
export function lazy<T>(load: () => T): () => T {
  let loaded = false;
  let value: T;
  return () => {
    if (!loaded) {
      value = load();
      loaded = true;
    }
    return value;
  };
}
