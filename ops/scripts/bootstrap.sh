#!/usr/bin/env bash
# Create services/api/.venv from the lock file and install the JS packages
# from their lock files.  Idempotent: does nothing when already up to date.
source "$(dirname "$0")/lib.sh"

step "Python venv ($VENV_DIR)"
if [ ! -x "$VENV_PY" ]; then
  "$(find_python)" -m venv "$VENV_DIR"
fi
lock="$API_DIR/requirements-dev.lock"
stamp="$VENV_DIR/.lock-sha"
want="$(file_sha "$lock")"
if [ ! -f "$stamp" ] || [ "$(cat "$stamp")" != "$want" ]; then
  "$VENV_PY" -m pip install --quiet --disable-pip-version-check -r "$lock"
  echo "$want" >"$stamp"
fi
"$VENV_PY" --version

step "npm ci (apps/web, playwright)"
npm_ci_if_stale "$WEB_DIR"
npm_ci_if_stale "$E2E_DIR"
