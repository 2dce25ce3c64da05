// Entry of the @vscode/test-cli route (`npm run test:electron`, .vscode-test.mjs): the same suites as index.ts,
// imported at load time, since test-cli's own mocha has installed describe/it before it loads this file.
// Bundled into out/integration/all.js by scripts/build.mjs. test/unit/manifest.test.ts checks that this list and
// index.ts's list hold every test/integration/*.test.ts.
import './smoke.test';
import './hostile.test';
import './annotate.test';
import './review.test';
import './features.test';
import './storage.test';
import './protect.test';
import './team.test';
import './corpus.test';
import './codes.test';
import './autocode.test';
import './presets.test';
import './visualize.test';
import './l10n.test';
