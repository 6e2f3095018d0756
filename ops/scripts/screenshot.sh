#!/usr/bin/env bash
# `make screenshot`: take docs/img/dashboard.png (1280x800) of the dashboard
# on a seeded database.  Starts the native stack on its own database
# (jobs_shot, 5,000 seeded jobs) and ports, photographs the list page with
# Playwright (playwright/scripts/dashboard.screenshot.ts), stops the stack.
#
# Settings: SHOT_COUNT (jobs to seed, 5000), PLAYWRIGHT_CHROMIUM_EXECUTABLE.
source "$(dirname "$0")/lib.sh"

SCRIPTS_DIR="$REPO_ROOT/ops/scripts"
OUTPUT="$REPO_ROOT/docs/img/dashboard.png"

export STACK_NAME=shot
export STACK_DB=jobs_shot
export STACK_SEED_COUNT="${SHOT_COUNT:-5000}"
export STACK_API_PORT="${STACK_API_PORT:-18001}"
export STACK_WEB_PORT="${STACK_WEB_PORT:-14174}"

CHROMIUM="$(chromium_path)"
[ -n "$CHROMIUM" ] || die "Chromium not found: install it (apt-get install chromium) or set PLAYWRIGHT_CHROMIUM_EXECUTABLE"

ensure_postgres
[ -x "$VENV_PY" ] || bash "$SCRIPTS_DIR/bootstrap.sh"
npm_ci_if_stale "$WEB_DIR"
npm_ci_if_stale "$E2E_DIR"

trap 'bash "$SCRIPTS_DIR/native-stack.sh" stop' EXIT
trap 'exit 130' INT
trap 'exit 143' TERM
bash "$SCRIPTS_DIR/native-stack.sh" start

step "screenshot: $OUTPUT"
mkdir -p "$(dirname "$OUTPUT")"
(
  cd "$E2E_DIR"
  PLAYWRIGHT_CHROMIUM_EXECUTABLE="$CHROMIUM" \
    E2E_BASE_URL="http://127.0.0.1:$STACK_WEB_PORT" \
    SCREENSHOT_PATH="$OUTPUT" \
    npx --no-install playwright test --config scripts/screenshot.config.ts
)
