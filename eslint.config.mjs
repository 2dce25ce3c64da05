import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import { importX, createNodeResolver } from 'eslint-plugin-import-x';

const CORE_PATHS = [
  { name: 'vscode', message: 'src/core must not depend on vscode: define an interface in core and implement it in src/extension.' },
  { name: 'fs', message: 'src/core gets file access through the FileStore interface.' },
  { name: 'node:fs', message: 'src/core gets file access through the FileStore interface.' },
  { name: 'fs/promises', message: 'src/core gets file access through the FileStore interface.' },
  { name: 'node:fs/promises', message: 'src/core gets file access through the FileStore interface.' },
];
const CORE_PATTERNS = [{ group: ['**/extension/**', '**/cli/**'], message: 'src/core must not import the adapter or the CLI.' }];
const YAML_PATHS = [
  { name: 'js-yaml', message: 'parse workspace YAML with parseYaml / loadPlainYaml of src/core/yaml.ts (alias and size limits).' },
  { name: 'yaml', importNames: ['parse', 'parseDocument', 'parseAllDocuments'], message: 'parse workspace YAML with parseYaml of src/core/yaml.ts (alias and size limits).' },
];

export default tseslint.config(
  { ignores: ['dist/**', 'out/**', 'node_modules/**', '.vscode-test/**', 'test-artifacts/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['**/*.ts'],
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      eqeqeq: ['error', 'smart'],
    },
  },
  {
    // No import cycles: a cycle makes module initialisation order matter (undefined bindings at load time) and
    // ties features together. Type-only imports are erased at compile time and do not count.
    files: ['src/**/*.ts', 'test/**/*.ts', 'bench/**/*.ts', 'scripts/**/*.ts'],
    plugins: { 'import-x': importX },
    settings: {
      'import-x/extensions': ['.ts', '.js', '.mjs', '.cjs'],
      'import-x/parsers': { '@typescript-eslint/parser': ['.ts'] },
      'import-x/resolver-next': [createNodeResolver({ extensions: ['.ts', '.js', '.mjs', '.cjs', '.json'] })],
    },
    rules: { 'import-x/no-cycle': ['error', { ignoreExternal: true, allowUnsafeDynamicCyclicDependency: false }] },
  },
  {
    // Workspace YAML is parsed only through src/core/yaml.ts (size and alias limits, located errors).
    files: ['src/**/*.ts'],
    rules: { 'no-restricted-imports': ['error', { paths: YAML_PATHS }] },
  },
  {
    // The core is pure: it runs in Node, in the CLI, in tests and in a web worker.
    files: ['src/core/**/*.ts'],
    rules: { 'no-restricted-imports': ['error', { paths: [...CORE_PATHS, ...YAML_PATHS], patterns: CORE_PATTERNS }] },
  },
  {
    files: ['src/core/yaml.ts'],
    rules: { 'no-restricted-imports': ['error', { paths: CORE_PATHS, patterns: CORE_PATTERNS }] },
  },
  {
    files: ['scripts/**/*.mjs', 'test/**/*.cjs'],
    languageOptions: {
      globals: { process: 'readonly', console: 'readonly', require: 'readonly', module: 'writable', __dirname: 'readonly', URL: 'readonly', setTimeout: 'readonly', clearTimeout: 'readonly', Buffer: 'readonly', fetch: 'readonly', window: 'readonly', document: 'readonly' },
    },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
);
