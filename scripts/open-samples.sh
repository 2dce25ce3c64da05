#!/usr/bin/env bash
# The README's first command: installs what is missing (Debian packages, npm ci, VS Code for the web when there is
# no desktop `code`), builds the extension and opens samples/ in VS Code with the extension loaded.
# Options are passed to scripts/open-samples.mjs (e.g. --screenshot out.png, --port 8080).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
if command -v code >/dev/null 2>&1 && [[ ${CORPUS_LENS_WEB:-0} != 1 ]]; then
  bash scripts/setup.sh npm
else
  bash scripts/setup.sh
fi
npm run build
exec node scripts/open-samples.mjs "$@"
