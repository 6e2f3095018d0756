#!/usr/bin/env bash
# Shared helpers for ops/scripts/*.sh.  Source it; do not run it.
# Written for bash 3.2 (macOS default): no associative arrays, no ${var,,}.
# shellcheck disable=SC2034  # the paths are for the scripts that source this

set -euo pipefail

REPO_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
API_DIR="$REPO_ROOT/services/api"
WEB_DIR="$REPO_ROOT/apps/web"
E2E_DIR="$REPO_ROOT/playwright"
VENV_DIR="${VENV_DIR:-$API_DIR/.venv}"
VENV_PY="$VENV_DIR/bin/python"

# Print a visible step header.
step() {
  printf '\n\033[1;34m==> %s\033[0m\n' "$*"
}

die() {
  printf '\033[1;31merror:\033[0m %s\n' "$*" >&2
  exit 1
}

# Find a Python >= 3.12 (Django 6 needs it).  PYTHON wins; then pyenv's 3.13.0;
# then python3.13 / python3.12 on PATH.
find_python() {
  if [ -n "${PYTHON:-}" ]; then
    echo "$PYTHON"
    return
  fi
  if command -v pyenv >/dev/null 2>&1 && PYENV_VERSION=3.13.0 pyenv which python >/dev/null 2>&1; then
    PYENV_VERSION=3.13.0 pyenv which python
    return
  fi
  local candidate
  for candidate in python3.13 python3.12; do
    if command -v "$candidate" >/dev/null 2>&1; then
      command -v "$candidate"
      return
    fi
  done
  die "Python 3.12+ not found (set PYTHON=/path/to/python3.13)"
}

# Start the local PostgreSQL cluster when nothing answers on 127.0.0.1:5432.
ensure_postgres() {
  local host="${PGHOST:-127.0.0.1}"
  if pg_isready -q -h "$host" 2>/dev/null; then
    return
  fi
  if command -v pg_ctlcluster >/dev/null 2>&1; then
    local version
    version="$(find /etc/postgresql -mindepth 1 -maxdepth 1 -printf '%f\n' 2>/dev/null | sort -n | tail -n 1)"
    [ -n "$version" ] || die "PostgreSQL is not running and no cluster is installed"
    pg_ctlcluster --skip-systemctl-redirect "$version" main start
  fi
  local tries=0
  until pg_isready -q -h "$host"; do
    tries=$((tries + 1))
    [ "$tries" -lt 30 ] || die "PostgreSQL on $host did not become ready"
    sleep 1
  done
}

# sha256 of a file, on Linux and macOS.
file_sha() {
  if command -v sha256sum >/dev/null 2>&1; then
    sha256sum "$1" | cut -d' ' -f1
  else
    shasum -a 256 "$1" | cut -d' ' -f1
  fi
}

# Run `npm ci` in DIR unless node_modules already matches its package-lock.json.
npm_ci_if_stale() {
  local dir="$1"
  local stamp="$dir/node_modules/.lock-sha"
  local want
  want="$(file_sha "$dir/package-lock.json")"
  if [ -f "$stamp" ] && [ "$(cat "$stamp")" = "$want" ]; then
    return
  fi
  (cd "$dir" && npm ci --no-audit --no-fund)
  echo "$want" >"$stamp"
}

# Chromium for Playwright: the env var wins, then Debian's package.
chromium_path() {
  if [ -n "${PLAYWRIGHT_CHROMIUM_EXECUTABLE:-}" ]; then
    echo "$PLAYWRIGHT_CHROMIUM_EXECUTABLE"
    return
  fi
  local candidate
  for candidate in /usr/bin/chromium /usr/bin/chromium-browser; do
    if [ -x "$candidate" ]; then
      echo "$candidate"
      return
    fi
  done
  echo ""
}
