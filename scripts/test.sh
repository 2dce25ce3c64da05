#!/usr/bin/env bash
# The whole test route from a fresh clone (what .ci/run runs):
#   1. install: Debian packages, `npm ci` when node_modules is missing or stale, code-server + browser driver
#      into a cache outside the clone (scripts/setup.sh, scripts/install-vscode.sh);
#   2. `npm test`: typecheck, lint, unit tests (mocha), integration tests in a real VS Code + UI checks;
#   3. a closing line adding up unit + integration + UI tests: "N passed, N failed, N skipped".
# Exit code: npm test's (0 only when every step passed).
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

set +e
npm test </dev/null 2>&1 | tee "$log"
rc=${PIPESTATUS[0]}
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

passed=$((unit_passed + it_passed)); failed=$((unit_failed + it_failed)); skipped=$((unit_skipped + it_skipped))
if ((rc != 0 && failed == 0)); then
  # npm test stopped before any counted failure: typecheck, lint, build, or a runner that crashed.
  if ((unit_seen == 0)); then stage="typecheck, lint or the unit run"; else stage="the build or the integration run"; fi
  echo "[test] npm test exited with $rc in $stage (see above); counted as 1 failure"
  failed=1
fi
echo "[test] unit: $unit_passed passed, $unit_failed failed, $unit_skipped skipped; VS Code (extension host + UI): $it_passed passed, $it_failed failed, $it_skipped skipped; total time $((SECONDS - START)) s"
echo "$passed passed, $failed failed, $skipped skipped"
exit "$rc"
