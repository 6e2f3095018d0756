#!/usr/bin/env bash
# Frontend measurement (not a test): bash ops/scripts/bench-web.sh [N]
#
# Serves the built web app against jobs_bench_<N> (default 1,000,000 jobs;
# created and seeded by the benchmark harness when missing, then kept) and
# runs playwright/measure/measure-web.mjs: time to first rows painted, and
# while scrolling 5,000 rows the most row elements in the DOM and the
# longest main-thread task.  Prints a table; writes bench-results/web-<N>.md.
# honcho (Procfile.bench) runs gunicorn on 127.0.0.1:${BENCH_WEB_API_PORT:-18110},
# vite preview on ${BENCH_WEB_PORT:-14180} and the measurement, and stops the
# servers when it ends.  BENCH_WEB_SKIP_BUILD=1 reuses apps/web/dist; ROWS
# and RUNS pass through.
source "$(dirname "$0")/lib.sh"

n="${1:-1000000}"
case "$n" in *[!0-9]*) die "N must be a whole number, got '$n'" ;; esac
ensure_postgres
[ -x "$VENV_PY" ] || bash "$REPO_ROOT/ops/scripts/bootstrap.sh"
npm_ci_if_stale "$WEB_DIR"
npm_ci_if_stale "$E2E_DIR"
ensure_chromium >/dev/null

step "bench-web: database jobs_bench_$n"
(cd "$API_DIR" && "$VENV_PY" -m benchmarks.run --n "$n" --prepare-only)
if [ "${BENCH_WEB_SKIP_BUILD:-0}" != 1 ] || [ ! -f "$WEB_DIR/dist/index.html" ]; then
  step "bench-web: npm run build (apps/web)"
  (cd "$WEB_DIR" && npm run build >/dev/null)
fi

step "bench-web: measuring"
export BENCH_N="$n" BENCH_PORT="${BENCH_WEB_API_PORT:-18110}" BENCH_WEB_PORT="${BENCH_WEB_PORT:-14180}"
export BENCH_RESULTS_DIR="$REPO_ROOT/bench-results" VENV_PY WEB_DIR E2E_DIR
export GUNICORN_BIND="127.0.0.1:$BENCH_PORT" LOG_LEVEL="${LOG_LEVEL:-WARNING}"
export OUT_MD="$BENCH_RESULTS_DIR/web-$n.md" OUT_JSON="$BENCH_RESULTS_DIR/web-$n.json"
cd "$API_DIR"
exec "$VENV_DIR/bin/honcho" --env /dev/null --procfile "$REPO_ROOT/Procfile.bench" start api web measure
