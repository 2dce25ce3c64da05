#!/usr/bin/env bash
# The whole test route from a fresh clone (what .ci/run runs):
#   1. install: Debian packages, `npm ci` when node_modules is missing or stale, code-server + browser driver
#      into a cache outside the clone (scripts/setup.sh, scripts/install-vscode.sh);
#   2. `npm test`: typecheck, lint, unit tests (mocha), integration tests in a real VS Code + UI checks;
#   3. the extension-host suites again on the newest VS Code (`install-vscode.sh --newest`: the newest code-server in
#      the npm registry and its node, from the npm registry too; `run-integration.mjs --host-only --vscode newest`);
#      CORPUS_LENS_SKIP_NEWEST=1 leaves it out;
#   4. `npm run package` (the .vsix) and scripts/smoke-vsix.mjs: the .vsix installed into code-server with
#      --install-extension, smoke UI checks against the installed copy;
#   5. a closing line adding up unit + integration + UI + newest-VS-Code + installed-extension checks:
#      "N passed, N failed, N skipped".
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

routes=$(node --input-type=module -e '
  const { CODE_SERVER_ROUTES: r } = await import(process.argv[1]);
  console.log(r.minimum.vscode, r.newest.vscode, r.newest.codeServer, r.newest.node);' "$REPO/scripts/vscode-server.mjs")
read -r min_version new_version new_code_server new_node <<<"$routes"
echo "[test] routes: VS Code $min_version (the minimum, engines.vscode) for every suite; VS Code $new_version (code-server $new_code_server, node $new_node) for the extension-host suites"
if [[ ${CORPUS_LENS_VSCODE:-} == electron ]]; then
  echo "[test] route: extension-host suites in desktop VS Code (@vscode/test-electron, CORPUS_LENS_VSCODE=electron); UI checks in code-server"
else
  echo "[test] route: extension-host suites and UI checks in code-server (offline default; desktop VS Code: CORPUS_LENS_VSCODE=electron or npm run test:electron where VS Code can be downloaded)"
fi

set +e
npm test </dev/null 2>&1 | tee "$log"
rc=${PIPESTATUS[0]}
# The newest VS Code, on the build npm test made (before packaging rebuilds dist/).
newest_summary="$work/newest-summary.json"
newest_rc=0
if [[ -n ${CORPUS_LENS_SKIP_NEWEST:-} ]]; then
  echo "[test] newest VS Code: skipped (CORPUS_LENS_SKIP_NEWEST)"
elif ((rc != 0)) && ! grep -q -E '^\[integration\] extension host: [0-9]+ passed' "$log"; then
  echo "[test] newest VS Code: not run (npm test stopped before the extension-host suites)"
else
  newest_start=$SECONDS
  echo "[test] newest VS Code: bash scripts/install-vscode.sh --newest, then the extension-host suites on it"
  if bash scripts/install-vscode.sh --newest </dev/null; then
    node scripts/run-integration.mjs --host-only --vscode newest --summary-file "$newest_summary" </dev/null
    newest_rc=$?
  else
    newest_rc=1
    echo "[test] newest VS Code: install failed (see above)"
  fi
  echo "[test] newest VS Code: done in $((SECONDS - newest_start)) s (install and extension-host suites)"
fi
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

# summary FILE: "passed failed skipped" of a runner's --summary-file (zeros when it wrote none).
summary() {
  if [[ -s $1 ]]; then
    node -e 'const s = JSON.parse(require("fs").readFileSync(process.argv[1], "utf8")); console.log(s.passed, s.failed, s.skipped);' "$1"
  else
    echo 0 0 0
  fi
}
read -r it_passed it_failed it_skipped < <(summary "$CORPUS_LENS_SUMMARY_FILE")
read -r nw_passed nw_failed nw_skipped < <(summary "$newest_summary")
if ((newest_rc != 0 && nw_failed == 0)); then nw_failed=1; fi
read -r vs_passed vs_failed vs_skipped < <(summary "$vsix_summary")
if ((vsix_rc != 0 && vs_failed == 0)); then vs_failed=1; fi
if ((rc == 0 && vsix_rc != 0)); then rc=$vsix_rc; fi
if ((rc == 0 && newest_rc != 0)); then rc=$newest_rc; fi

passed=$((unit_passed + it_passed + nw_passed + vs_passed)); failed=$((unit_failed + it_failed + nw_failed + vs_failed)); skipped=$((unit_skipped + it_skipped + nw_skipped + vs_skipped))
if ((rc != 0 && failed == 0)); then  # (a failed .vsix or newest step is already counted above)
  # npm test stopped before any counted failure: typecheck, lint, build, or a runner that crashed.
  if ((unit_seen == 0)); then stage="typecheck, lint or the unit run"; else stage="the build or the integration run"; fi
  echo "[test] npm test exited with $rc in $stage (see above); counted as 1 failure"
  failed=1
fi
echo "[test] unit: $unit_passed passed, $unit_failed failed, $unit_skipped skipped; VS Code $min_version (extension host + UI): $it_passed passed, $it_failed failed, $it_skipped skipped; newest VS Code $new_version (extension host): $nw_passed passed, $nw_failed failed, $nw_skipped skipped; installed .vsix: $vs_passed passed, $vs_failed failed, $vs_skipped skipped; total time $((SECONDS - START)) s"
echo "$passed passed, $failed failed, $skipped skipped"
exit "$rc"
