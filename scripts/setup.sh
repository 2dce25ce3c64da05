#!/usr/bin/env bash
# Shared install logic for developers and CI (Debian, root or sudo; npm registry + Debian packages only).
#
#   bash scripts/setup.sh            # apt packages, npm ci (when needed), the VS Code cache
#   bash scripts/setup.sh apt        # only the Debian packages (ripgrep libkrb5-dev chromium)
#   bash scripts/setup.sh npm        # only `npm ci`, when node_modules is missing or older than package-lock.json
#   bash scripts/setup.sh vscode     # only scripts/install-vscode.sh
#
# Sourced (`. scripts/setup.sh`), it only defines the functions below. Every step is idempotent and prints one line.
set -euo pipefail

SETUP_REPO=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
SETUP_APT_PACKAGES=(ripgrep libkrb5-dev chromium fonts-wqy-microhei libxml2-utils)  # libxml2-utils: xmllint validates REFI-QDA exports
SETUP_APT_UPDATED=0

setup_log() { printf '[setup] %s\n' "$*"; }

# setup_apt PKG...: installs the Debian packages that are not installed yet (apt-get update once, only if needed).
setup_apt() {
  local missing=() pkg
  (($# > 0)) || set -- "${SETUP_APT_PACKAGES[@]}"
  for pkg in "$@"; do
    if ! dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q 'install ok installed'; then missing+=("$pkg"); fi
  done
  if ((${#missing[@]} == 0)); then
    setup_log "apt: $* already installed"
    return 0
  fi
  local sudo=()
  if [[ $(id -u) != 0 ]]; then
    command -v sudo >/dev/null || { setup_log "apt: need root or sudo to install: ${missing[*]}"; return 1; }
    sudo=(sudo -n)
  fi
  export DEBIAN_FRONTEND=noninteractive
  local log
  log=$(mktemp "${TMPDIR:-/tmp}/corpus-lens-apt.XXXXXX")
  if ((SETUP_APT_UPDATED == 0)); then
    setup_log "apt: apt-get update"
    "${sudo[@]}" apt-get update </dev/null >"$log" 2>&1 || { tail -n 20 "$log" >&2; setup_log "apt: apt-get update failed"; return 1; }
    SETUP_APT_UPDATED=1
  fi
  setup_log "apt: installing ${missing[*]}"
  "${sudo[@]}" apt-get install -y --no-install-recommends "${missing[@]}" </dev/null >"$log" 2>&1 ||
    { tail -n 20 "$log" >&2; setup_log "apt: installing ${missing[*]} failed"; return 1; }
  rm -f "$log"
}

# setup_npm: `npm ci` when node_modules is missing, or older than package-lock.json / package.json.
setup_npm() {
  local marker="$SETUP_REPO/node_modules/.package-lock.json"
  if [[ -f $marker && $marker -nt "$SETUP_REPO/package-lock.json" && $marker -nt "$SETUP_REPO/package.json" ]]; then
    setup_log "npm: node_modules up to date"
    return 0
  fi
  setup_log "npm: npm ci"
  # Same variables as the VS Code install: no prompts (CI has no stdin), scripts allowed, no audit/fund chatter.
  (cd "$SETUP_REPO" && npm_config_yes=true npm_config_dangerously_allow_all_scripts=true \
    npm ci --no-audit --no-fund --loglevel=error </dev/null)
  touch "$marker"
}

setup_vscode() { bash "$SETUP_REPO/scripts/install-vscode.sh"; }

if [[ ${BASH_SOURCE[0]} == "$0" ]]; then
  case "${1:-all}" in
    apt) shift; setup_apt "$@" ;;
    npm) setup_npm ;;
    vscode) setup_vscode ;;
    all) setup_apt; setup_npm; setup_vscode ;;
    *) echo "usage: bash scripts/setup.sh [all|apt [PKG...]|npm|vscode]" >&2; exit 2 ;;
  esac
fi
