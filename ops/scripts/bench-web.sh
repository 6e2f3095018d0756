#!/usr/bin/env bash
# Frontend measurement (not a test): bash ops/scripts/bench-web.sh [N]
#
# Serves the built web app against jobs_bench_<N> (default 1,000,000 jobs;
# created and seeded by the benchmark harness when missing, then kept) and
# runs playwright/measure/measure-web.mjs: time to first rows painted, and
# while scrolling 5,000 rows the most row elements in the DOM and the
# longest main-thread task.  Prints a table; writes bench-results/web-<N>.md.
#
# The E2E helper's native-stack.sh is not used because it drops and recreates
# its database on every start; this keeps the seeded one.  Ports: gunicorn
# 127.0.0.1:${BENCH_WEB_API_PORT:-18110}, vite preview ${BENCH_WEB_PORT:-14180}.
# BENCH_WEB_SKIP_BUILD=1 reuses apps/web/dist; ROWS and RUNS pass through.
source "$(dirname "$0")/lib.sh"

n="${1:-1000000}"
case "$n" in
  *[!0-9]*) die "N must be a whole number, got '$n'" ;;
esac
api_port="${BENCH_WEB_API_PORT:-18110}"
web_port="${BENCH_WEB_PORT:-14180}"
run_dir="$REPO_ROOT/.run/bench-web"
results_dir="$REPO_ROOT/bench-results"
mkdir -p "$run_dir" "$results_dir"

ensure_postgres
[ -x "$VENV_PY" ] || bash "$REPO_ROOT/ops/scripts/bootstrap.sh"
[ -d "$WEB_DIR/node_modules" ] || die "apps/web has no node_modules (run: make bootstrap)"
[ -d "$E2E_DIR/node_modules/@playwright/test" ] || die "playwright/ has no node_modules (run: make bootstrap)"
chromium="$(chromium_path)"
[ -n "$chromium" ] || die "Chromium not found: apt-get install -y chromium, or set PLAYWRIGHT_CHROMIUM_EXECUTABLE"

export DATABASE_URL="postgres://postgres@127.0.0.1:5432/jobs_bench_$n"
export DJANGO_SECRET_KEY="bench-only-secret-key-not-for-production"
export DJANGO_DEBUG=false
export DJANGO_ALLOWED_HOSTS="127.0.0.1,localhost"
export LOG_LEVEL="${LOG_LEVEL:-WARNING}"

step "bench-web: database jobs_bench_$n"
(cd "$API_DIR" && "$VENV_PY" -m benchmarks.run --n "$n" --prepare-only)

if [ "${BENCH_WEB_SKIP_BUILD:-0}" = 1 ] && [ -f "$WEB_DIR/dist/index.html" ]; then
  step "bench-web: reusing apps/web/dist"
else
  step "bench-web: npm run build (apps/web)"
  (cd "$WEB_DIR" && npm run build) >"$run_dir/build.log" 2>&1 || {
    tail -n 40 "$run_dir/build.log" >&2
    die "npm run build failed"
  }
fi

api_pid=""
web_pid=""
stop_servers() {
  local pid
  for pid in "$web_pid" "$api_pid"; do
    if [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null; then
      kill -TERM -- "-$pid" 2>/dev/null || kill -TERM "$pid" 2>/dev/null || true
    fi
  done
  for pid in "$web_pid" "$api_pid"; do
    [ -n "$pid" ] || continue
    local tries=0
    while kill -0 "$pid" 2>/dev/null && [ "$tries" -lt 50 ]; do
      sleep 0.2
      tries=$((tries + 1))
    done
    kill -KILL -- "-$pid" 2>/dev/null || true
  done
}
trap stop_servers EXIT

wait_http() {
  local url="$1" pid="$2" tries=0
  until curl -fsS -o /dev/null --max-time 2 "$url" 2>/dev/null; do
    kill -0 "$pid" 2>/dev/null || die "server for $url exited (logs in $run_dir)"
    tries=$((tries + 1))
    [ "$tries" -lt 120 ] || die "$url did not answer within 60 s"
    sleep 0.5
  done
}

step "bench-web: gunicorn on 127.0.0.1:$api_port, vite preview on 127.0.0.1:$web_port"
set -m
(
  cd "$API_DIR"
  GUNICORN_BIND="127.0.0.1:$api_port" exec "$VENV_DIR/bin/gunicorn" -c gunicorn.conf.py config.wsgi
) >"$run_dir/api.log" 2>&1 </dev/null &
api_pid=$!
(
  cd "$WEB_DIR"
  API_PROXY_TARGET="http://127.0.0.1:$api_port" exec "$WEB_DIR/node_modules/.bin/vite" preview \
    --host 127.0.0.1 --port "$web_port" --strictPort
) >"$run_dir/web.log" 2>&1 </dev/null &
web_pid=$!
set +m
wait_http "http://127.0.0.1:$api_port/api/health/" "$api_pid"
wait_http "http://127.0.0.1:$web_port/api/health/" "$web_pid"

step "bench-web: measuring (Chromium $chromium)"
cd "$E2E_DIR"
BASE_URL="http://127.0.0.1:$web_port" PLAYWRIGHT_CHROMIUM_EXECUTABLE="$chromium" \
  OUT_MD="$results_dir/web-$n.md" OUT_JSON="$results_dir/web-$n.json" \
  node measure/measure-web.mjs
