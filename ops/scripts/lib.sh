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
  local python="${PYTHON:-}"
  if [ -z "$python" ] && command -v pyenv >/dev/null 2>&1; then
    python="$(PYENV_VERSION=3.13.0 pyenv which python 2>/dev/null || true)"
  fi
  [ -n "$python" ] || python="$(command -v python3.13 || command -v python3.12 || true)"
  [ -n "$python" ] || die "Python 3.12+ not found (set PYTHON=/path/to/python3.13)"
  echo "$python"
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
    [ "$((tries += 1))" -lt 30 ] || die "PostgreSQL on $host did not become ready"
    sleep 1
  done
}

# True when a TCP port on 127.0.0.1 accepts connections (curl gets a reply or
# an HTTP error, not "connection refused").
port_in_use() {
  local rc=0
  curl -s -o /dev/null --max-time 2 "http://127.0.0.1:$1/" 2>/dev/null || rc=$?
  [ "$rc" -ne 7 ]
}

# sha256 of a file, on Linux (sha256sum) and macOS (shasum).
file_sha() {
  { sha256sum "$1" 2>/dev/null || shasum -a 256 "$1"; } | cut -d' ' -f1
}

# Run `npm ci` in DIR unless node_modules already matches its package-lock.json.
npm_ci_if_stale() {
  local dir="$1" want
  local stamp="$dir/node_modules/.lock-sha"
  want="$(file_sha "$dir/package-lock.json")"
  [ "$(cat "$stamp" 2>/dev/null)" != "$want" ] || return 0
  (cd "$dir" && npm ci --no-audit --no-fund)
  echo "$want" >"$stamp"
}

# Chromium for Playwright (playwright/chromium.ts finds it the same way):
# PLAYWRIGHT_CHROMIUM_EXECUTABLE, else Debian's /usr/bin/chromium, installed
# with apt when missing on Debian as root.
ensure_chromium() {
  local path="${PLAYWRIGHT_CHROMIUM_EXECUTABLE:-/usr/bin/chromium}"
  if [ ! -x "$path" ] && [ -z "${PLAYWRIGHT_CHROMIUM_EXECUTABLE:-}" ] && [ "$(id -u)" = 0 ] &&
    command -v apt-get >/dev/null 2>&1; then
    DEBIAN_FRONTEND=noninteractive apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends chromium fonts-liberation
  fi
  [ -x "$path" ] || die "Chromium not found at $path. Install it (Debian/Ubuntu: apt-get install chromium; macOS: brew install --cask chromium) or set PLAYWRIGHT_CHROMIUM_EXECUTABLE=/path/to/chromium"
  echo "$path"
}
