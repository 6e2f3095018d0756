#!/usr/bin/env bash
# Benchmark the API against the naive design: make bench N=1000000
#
# Seeds jobs_bench_<N> once (reused while it holds N jobs), starts gunicorn
# as deployed on 127.0.0.1:${BENCH_PORT:-18100} and writes
# bench-results/bench-<N>.md and explain-<N>.md.  Extra arguments go to the
# harness (python -m benchmarks.run --help), e.g. ARGS="--only search".
# BENCH_MODE=floor runs the floor mode instead (python -m benchmarks.floor:
# bare WSGI, /api/health/ and every case interleaved; make bench-floor).
source "$(dirname "$0")/lib.sh"

n="${1:-}"
[ -n "$n" ] || die "usage: make bench N=1000000   (or: bash ops/scripts/bench.sh 1000000 [harness args])"
case "$n" in
  *[!0-9]*) die "N must be a whole number, got '$n'" ;;
esac
shift

ensure_postgres
if [ ! -x "$VENV_PY" ]; then
  bash "$REPO_ROOT/ops/scripts/bootstrap.sh"
fi

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

step "benchmark: N=$n at $commit (results in bench-results/)"
cd "$run_dir"
case "${BENCH_MODE:-run}" in
  run | floor) ;;
  *) die "BENCH_MODE must be run or floor, got '${BENCH_MODE}'" ;;
esac
BENCH_COMMIT="$commit" "$VENV_PY" -m "benchmarks.${BENCH_MODE:-run}" --n "$n" --port "${BENCH_PORT:-18100}" \
  --results-dir "$REPO_ROOT/bench-results" "$@"
