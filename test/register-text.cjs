// Lets unit tests, the bench and scripts (run through tsx) import bundled data files the way esbuild's text loader
// does: `import text from '../../data/knowledge.yaml'` yields the file's contents as a string.
const fs = require('node:fs');
for (const ext of ['.yaml', '.jsonl', '.b64']) {
  require.extensions[ext] = (module, filename) => {
    module.exports = { __esModule: true, default: fs.readFileSync(filename, 'utf8') };
  };
}
