#!/usr/bin/env bash
# CI smoke test of the benchmark harness: 20,000 jobs, few iterations, well
# under a minute.  Asserts nothing about milliseconds; fails only when a case
# errors (a non-2xx answer) or the harness itself breaks.  Prints the tables:
# the floor mode (every case interleaved with bare WSGI and /api/health/),
# then the comparison with the naive design.
source "$(dirname "$0")/lib.sh"

n="${BENCH_SMOKE_N:-20000}"
BENCH_MODE=floor bash "$REPO_ROOT/ops/scripts/bench.sh" "$n" \
  --rounds 5 --warmup-rounds 1 --label smoke
bash "$REPO_ROOT/ops/scripts/bench.sh" "$n" \
  --warmup 2 --iterations 10 --case-budget 2 \
  --baseline-warmup 1 --baseline-iterations 3 --baseline-min 1 --baseline-budget 2 \
  --clients 4 --throughput-seconds 1 \
  --trigger-rows 5000 --trigger-single-rows 1000 --trigger-repeats 1 \
  --label smoke
