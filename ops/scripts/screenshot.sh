#!/usr/bin/env bash
# `make screenshot`: take docs/img/dashboard.png (1280x800), dashboard-768.png and
# dashboard-390.png (768x1024, 390x844) of the dashboard
# on a seeded database.  Playwright starts a native stack of its own
# (playwright/scripts/screenshot.config.ts: database jobs_shot with
# SHOT_COUNT jobs, 5,000 by default), photographs the list page, stops it.
source "$(dirname "$0")/lib.sh"

ensure_chromium >/dev/null
ensure_postgres
[ -x "$VENV_PY" ] || bash "$REPO_ROOT/ops/scripts/bootstrap.sh"
npm_ci_if_stale "$WEB_DIR"
npm_ci_if_stale "$E2E_DIR"

step "screenshot: docs/img/dashboard.png, dashboard-768.png, dashboard-390.png"
mkdir -p "$REPO_ROOT/docs/img"
cd "$E2E_DIR"
SCREENSHOT_PATH="$REPO_ROOT/docs/img/dashboard.png" npx --no-install playwright test --config scripts/screenshot.config.ts
