#!/usr/bin/env bash
# The whole test route from a fresh clone (what .ci/run runs):
#   1. install: Debian packages, `npm ci` when node_modules is missing or stale, code-server + browser driver
#      into a cache outside the clone (scripts/setup.sh, scripts/install-vscode.sh);
#   2. `npm test`: typecheck, lint, unit tests (mocha), integration tests in a real VS Code + UI checks;
#   3. `npm run package` (the .vsix) and scripts/smoke-vsix.mjs: the .vsix installed into code-server with
#      --install-extension, smoke UI checks against the installed copy;
#   4. a closing line adding up unit + integration + UI + installed-extension checks: "N passed, N failed, N skipped".
# It prints which route ran the extension-host suites: code-server (offline, the default) or desktop VS Code
# through @vscode/test-electron (CORPUS_LENS_VSCODE=electron, where VS Code can be downloaded).
# Exit code: 0 only when every step passed.
set -euo pipefail

REPO=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$REPO"
START=$SECONDS

bash scripts/setup.sh all
echo "[test] install done in $((SECONDS - START)) s"

work=$(mktemp -d "${TMPDIR:-/tmp}/corpus-lens-test.XXXXXX")
trap 'rm -rf "$work"' EXIT
log="$work/npm-test.log"
export CORPUS_LENS_SUMMARY_FILE="$work/integration-summary.json"

if [[ ${CORPUS_LENS_VSCODE:-} == electron ]]; then
  echo "[test] route: extension-host suites in desktop VS Code (@vscode/test-electron, CORPUS_LENS_VSCODE=electron); UI checks in code-server"
else
  echo "[test] route: extension-host suites and UI checks in code-server (offline default; desktop VS Code: CORPUS_LENS_VSCODE=electron or npm run test:electron where VS Code can be downloaded)"
fi

set +e
npm test </dev/null 2>&1 | tee "$log"
rc=${PIPESTATUS[0]}
echo "[test] packaging: npm run package, then the installed .vsix in code-server (scripts/smoke-vsix.mjs)"
vsix_summary="$work/vsix-summary.json"
npm run package </dev/null >"$work/package.log" 2>&1
package_rc=$?
if ((package_rc == 0)); then
  grep -E 'DONE|WARNING' "$work/package.log"
  node scripts/smoke-vsix.mjs --summary-file "$vsix_summary" </dev/null
  vsix_rc=$?
else
  tail -n 30 "$work/package.log"
  echo "[test] npm run package failed ($package_rc)"
  vsix_rc=$package_rc
fi
set -e

# Unit tests: the epilogue of mocha's spec reporter ("  N passing (2s)", "  N pending", "  N failing").
# The integration runner never prints these words, so the first of each belongs to the unit run.
count() { grep -m1 -E "^ +[0-9]+ $1( |\$)" "$log" | grep -oE '[0-9]+' | head -n1 || true; }
unit_seen=$(grep -c -E '^ +[0-9]+ passing' "$log" || true)
unit_passed=$(count passing); unit_failed=$(count failing); unit_skipped=$(count pending)
unit_passed=${unit_passed:-0}; unit_failed=${unit_failed:-0}; unit_skipped=${unit_skipped:-0}

it_passed=0; it_failed=0; it_skipped=0
if [[ -s $CORPUS_LENS_SUMMARY_FILE ]]; then
  read -r it_passed it_failed it_skipped < <(node -e '
    const s = JSON.parse(require("fs").readFileSync(process.argv[1], "utf8"));
    console.log(s.passed, s.failed, s.skipped);' "$CORPUS_LENS_SUMMARY_FILE")
fi

vs_passed=0; vs_failed=0; vs_skipped=0
if [[ -s $vsix_summary ]]; then
  read -r vs_passed vs_failed vs_skipped < <(node -e '
    const s = JSON.parse(require("fs").readFileSync(process.argv[1], "utf8"));
    console.log(s.passed, s.failed, s.skipped);' "$vsix_summary")
fi
if ((vsix_rc != 0 && vs_failed == 0)); then vs_failed=1; fi
if ((rc == 0 && vsix_rc != 0)); then rc=$vsix_rc; fi

passed=$((unit_passed + it_passed + vs_passed)); failed=$((unit_failed + it_failed + vs_failed)); skipped=$((unit_skipped + it_skipped + vs_skipped))
if ((rc != 0 && failed == 0)); then  # (a failed .vsix step is already counted above)
  # npm test stopped before any counted failure: typecheck, lint, build, or a runner that crashed.
  if ((unit_seen == 0)); then stage="typecheck, lint or the unit run"; else stage="the build or the integration run"; fi
  echo "[test] npm test exited with $rc in $stage (see above); counted as 1 failure"
  failed=1
fi
echo "[test] unit: $unit_passed passed, $unit_failed failed, $unit_skipped skipped; VS Code (extension host + UI): $it_passed passed, $it_failed failed, $it_skipped skipped; installed .vsix: $vs_passed passed, $vs_failed failed, $vs_skipped skipped; total time $((SECONDS - START)) s"
echo "$passed passed, $failed failed, $skipped skipped"
exit "$rc"
