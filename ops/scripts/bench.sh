#!/usr/bin/env bash
# Benchmark the API against the naive design: make bench N=1000000
#
# Seeds jobs_bench_<N> once (reused while it holds N jobs), then honcho
# (Procfile.bench) runs gunicorn as deployed on 127.0.0.1:${BENCH_PORT:-18100}
# beside the harness, which writes bench-results/bench-<N>.md and
# explain-<N>.md.  Extra arguments go to the harness, split on spaces
# (python -m benchmarks.run --help), e.g. ARGS="--only search".
# BENCH_MODE=floor runs the floor mode instead (python -m benchmarks.floor:
# bare WSGI on BENCH_PORT+1, /api/health/ and every case interleaved); =streams benchmarks.streams.
source "$(dirname "$0")/lib.sh"

n="${1:-}"
[ -n "$n" ] || die "usage: make bench N=1000000   (or: bash ops/scripts/bench.sh 1000000 [harness args])"
case "$n" in *[!0-9]*) die "N must be a whole number, got '$n'" ;; esac
shift
mode="${BENCH_MODE:-run}"
case "$mode" in
  run) processes="api run" ;; streams) processes="api events streams" ;;
  floor) processes="api bare floor" ;;
  *) die "BENCH_MODE must be run, floor or streams, got '$mode'" ;;
esac

ensure_postgres
[ -x "$VENV_PY" ] || bash "$REPO_ROOT/ops/scripts/bootstrap.sh"

# Measure the committed code: services/api at HEAD is exported to a scratch
# directory, so edits in progress in the working tree cannot change (or break)
# a run halfway.  BENCH_LIVE_TREE=1 measures the working tree instead.
run_dir="$API_DIR"
commit="$(git -C "$REPO_ROOT" rev-parse --short HEAD 2>/dev/null || echo '?')"
if [ "${BENCH_LIVE_TREE:-0}" != 1 ] && git -C "$REPO_ROOT" rev-parse HEAD >/dev/null 2>&1; then
  snapshot="$(mktemp -d "${TMPDIR:-/tmp}/jobs-bench.XXXXXX")"
  trap 'rm -rf "$snapshot"' EXIT
  git -C "$REPO_ROOT" archive HEAD services/api | tar -x -C "$snapshot"
  run_dir="$snapshot/services/api"
else
  commit="$commit+working-tree"
fi

step "benchmark ($mode): N=$n at $commit (results in bench-results/)"
cd "$run_dir"
"$VENV_PY" -m benchmarks.run --n "$n" --prepare-only
export BENCH_N="$n" BENCH_PORT="${BENCH_PORT:-18100}" BENCH_RESULTS_DIR="$REPO_ROOT/bench-results"
export BENCH_ARGS="$*" BENCH_COMMIT="$commit" VENV_PY
export GUNICORN_BIND="127.0.0.1:$BENCH_PORT"
# shellcheck disable=SC2086  # the process names are words
"$VENV_DIR/bin/honcho" --env /dev/null --procfile "$REPO_ROOT/Procfile.bench" start $processes
