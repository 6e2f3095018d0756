#!/usr/bin/env bash
# make fmt: format and auto-fix the Python sources (ruff), then the web app's
# sources when it exists (its own `format` npm script).  Lint errors that
# ruff cannot fix are listed, and make the command fail, after everything
# has been formatted.
source "$(dirname "$0")/lib.sh"

[ -x "$VENV_DIR/bin/ruff" ] || die "no venv at $VENV_DIR: run bash ops/scripts/bootstrap.sh"

status=0
step "ruff format + ruff check --fix (services/api)"
(cd "$API_DIR" && "$VENV_DIR/bin/ruff" format .)
(cd "$API_DIR" && "$VENV_DIR/bin/ruff" check --fix .) || status=$?

if [ -f "$WEB_DIR/package.json" ]; then
  step "npm run format (apps/web)"
  npm --prefix "$WEB_DIR" run format
fi
exit "$status"
