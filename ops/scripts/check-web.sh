#!/usr/bin/env bash
# Web app checks: lint, types, formatting, unit tests, production build, and
# the gzipped size of the initial JavaScript (fails above the budget).
source "$(dirname "$0")/lib.sh"

BUDGET_KB="${WEB_INITIAL_JS_BUDGET_KB:-150}"

npm_ci_if_stale "$WEB_DIR"
cd "$WEB_DIR"

step "web: eslint"
npm run --silent lint
step "web: typecheck"
npm run --silent typecheck
step "web: prettier --check"
npm run --silent format:check
step "web: vitest"
npx --no-install vitest run
step "web: vite build"
npx --no-install vite build

step "web: initial JS size (entry chunk + its static imports, gzipped)"
node "$REPO_ROOT/ops/scripts/initial-js-size.mjs" "$BUDGET_KB"
