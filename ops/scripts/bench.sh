#!/usr/bin/env bash
# Benchmark the API against the naive design: make bench N=1000000
#
# Seeds jobs_bench_<N> once (reused while it holds N jobs), starts gunicorn
# as deployed on 127.0.0.1:${BENCH_PORT:-18100} and writes
# bench-results/bench-<N>.md and explain-<N>.md.  Extra arguments go to the
# harness (python -m benchmarks.run --help), e.g. ARGS="--only search".
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

step "benchmark: N=$n (results in bench-results/)"
cd "$API_DIR"
exec "$VENV_PY" -m benchmarks.run --n "$n" --port "${BENCH_PORT:-18100}" "$@"
