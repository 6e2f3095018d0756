#!/usr/bin/env bash
# E2E stage of `make check`: type-check and lint the Playwright suite, start the real
# stack natively (ops/scripts/native-stack.sh: fresh database jobs_e2e,
# gunicorn, the built web app behind `vite preview`), run the suite in
# Chromium, and stop the stack whatever happens.  Exits with the tests' status.
#
#   bash ops/scripts/check-e2e.sh                   # the whole suite
#   bash ops/scripts/check-e2e.sh tests/job-page.spec.ts --grep "not-found"   # arguments go to `playwright test`
#
# Chromium: PLAYWRIGHT_CHROMIUM_EXECUTABLE, else /usr/bin/chromium; on Debian
# as root it is installed with apt when missing.  Playwright's own browser
# download is never used.
source "$(dirname "$0")/lib.sh"

SCRIPTS_DIR="$REPO_ROOT/ops/scripts"

ensure_chromium() {
  local path
  path="$(chromium_path)"
  if [ -z "$path" ]; then
    if [ "$(id -u)" = 0 ] && [ -f /etc/debian_version ] && command -v apt-get >/dev/null 2>&1; then
      step "installing Chromium (apt-get install chromium)" >&2
      DEBIAN_FRONTEND=noninteractive apt-get update -qq >&2
      DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >&2
      path="$(chromium_path)"
    fi
  fi
  [ -n "$path" ] || die "Chromium not found. Install it (Debian/Ubuntu: apt-get install chromium; macOS: brew install --cask chromium) or set PLAYWRIGHT_CHROMIUM_EXECUTABLE=/path/to/chromium"
  [ -x "$path" ] || die "PLAYWRIGHT_CHROMIUM_EXECUTABLE=$path is not an executable file"
  echo "$path"
}

step "e2e: Chromium"
CHROMIUM="$(ensure_chromium)"
echo "$CHROMIUM"

step "e2e: packages, type check, lint, format"
[ -x "$VENV_PY" ] || bash "$SCRIPTS_DIR/bootstrap.sh"
npm_ci_if_stale "$WEB_DIR"
PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 npm_ci_if_stale "$E2E_DIR"
(cd "$E2E_DIR" && npx --no-install tsc --noEmit && npx --no-install eslint --max-warnings 0 . && npx --no-install prettier --check . >/dev/null) || die "playwright/: type check, lint or format check failed (npm --prefix playwright run format fixes formatting)"

ensure_postgres

# Stop the stack on any exit: success, failure, or Ctrl-C.
trap 'bash "$SCRIPTS_DIR/native-stack.sh" stop' EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

bash "$SCRIPTS_DIR/native-stack.sh" start

step "e2e: playwright test"
status=0
(
  cd "$E2E_DIR"
  PLAYWRIGHT_CHROMIUM_EXECUTABLE="$CHROMIUM" \
    E2E_BASE_URL="http://127.0.0.1:${STACK_WEB_PORT:-14173}" \
    npx --no-install playwright test "$@"
) || status=$?

if [ "$status" -eq 0 ]; then
  echo "e2e: passed"
else
  echo "e2e: FAILED (exit $status); report: playwright/playwright-report/index.html, logs: .run/${STACK_NAME:-e2e}/" >&2
fi
exit "$status"
