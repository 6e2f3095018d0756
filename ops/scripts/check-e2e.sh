#!/usr/bin/env bash
# E2E stage of `make check`: type-check, lint and format-check the Playwright
# suite, then run it in Chromium.  Playwright starts the real stack itself
# (playwright/native-stack.ts: a fresh database jobs_e2e, gunicorn, the built
# web app behind `vite preview`) and stops it whatever happens, Ctrl-C too.
#
#   bash ops/scripts/check-e2e.sh                   # the whole suite
#   bash ops/scripts/check-e2e.sh tests/job-page.spec.ts --grep "not-found"   # arguments go to `playwright test`
#
# Chromium: PLAYWRIGHT_CHROMIUM_EXECUTABLE, else /usr/bin/chromium (on Debian
# as root, installed with apt when missing); Playwright's own browser download
# is never used.
source "$(dirname "$0")/lib.sh"

step "e2e: Chromium"
ensure_chromium

step "e2e: packages, type check, lint, format"
[ -x "$VENV_PY" ] || bash "$REPO_ROOT/ops/scripts/bootstrap.sh"
npm_ci_if_stale "$WEB_DIR"
PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 npm_ci_if_stale "$E2E_DIR"
cd "$E2E_DIR"
if ! { npx --no-install tsc --noEmit && npx --no-install eslint --max-warnings 0 . &&
  npx --no-install prettier --check . >/dev/null; }; then
  die "playwright/: type check, lint or format check failed (npm --prefix playwright run format fixes formatting)"
fi

ensure_postgres
step "e2e: playwright test"
unset E2E_BASE_URL
npx --no-install playwright test "$@" ||
  die "e2e: FAILED (exit $?); report: playwright/playwright-report/index.html"
echo "e2e: passed"
