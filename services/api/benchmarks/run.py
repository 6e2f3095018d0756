"""Run the benchmark: ``python -m benchmarks.run --n 1000000``.

Steps: prepare ``jobs_bench_<N>`` (seed once, migrate, VACUUM ANALYZE),
wait for gunicorn as deployed with ``benchmarks.settings`` (started beside
this process by honcho: ops/Procfile.bench, ops/scripts/bench.sh), measure every case
at concurrency 1 over keep-alive HTTP for our API and the naive baseline,
measure list throughput with concurrent clients, take ``EXPLAIN (ANALYZE,
BUFFERS)`` of the deep pages, measure the triggers' write cost, and write
``bench-results/bench-<N>.md`` (plus ``explain-<N>.md`` and ``.json``).

The exit status is 1 when any case failed (a non-2xx answer), whatever the
timings: CI relies on that and nothing else.
"""

from __future__ import annotations

import argparse
import os
import signal
import sys
import time
from pathlib import Path
from typing import Any

from benchmarks import run_steps as steps
from benchmarks.environment import (
    REPO_ROOT,
    bench_env,
    git_commit,
    machine,
    pg_settings,
)
from benchmarks.run_cases import build_cases, select_cases


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    """Parse the command line (defaults: a full run)."""
    parser = argparse.ArgumentParser(
        prog="python -m benchmarks.run", description=__doc__
    )
    parser.add_argument("--n", type=int, required=True, help="number of jobs")
    parser.add_argument("--port", type=int, default=18100)
    parser.add_argument("--warmup", type=int, default=20)
    parser.add_argument("--iterations", type=int, default=300)
    parser.add_argument("--min-iterations", type=int, default=5)
    parser.add_argument(
        "--case-budget", type=float, default=20.0, help="seconds per case"
    )
    parser.add_argument("--baseline-warmup", type=int, default=2)
    parser.add_argument("--baseline-iterations", type=int, default=30)
    parser.add_argument("--baseline-min", type=int, default=3)
    parser.add_argument("--baseline-budget", type=float, default=20.0)
    parser.add_argument("--clients", type=int, default=16)
    parser.add_argument("--throughput-seconds", type=float, default=15.0)
    parser.add_argument("--trigger-rows", type=int, default=100_000)
    parser.add_argument("--trigger-single-rows", type=int, default=20_000)
    parser.add_argument("--trigger-repeats", type=int, default=3)
    parser.add_argument("--results-dir", type=Path, default=REPO_ROOT / "bench-results")
    parser.add_argument(
        "--only", default="", help="comma-separated case-name substrings"
    )
    parser.add_argument(
        "--skip", default="", help="comma-separated case-name substrings"
    )
    parser.add_argument(
        "--baseline-cases",
        default="",
        help="run the baseline only for these case-name substrings (default: all)",
    )
    parser.add_argument(
        "--no-baseline-explain",
        action="store_true",
        help="skip EXPLAIN ANALYZE of the baseline (minutes at 10M rows)",
    )
    parser.add_argument("--label", default="", help="suffix of the result file names")
    parser.add_argument(
        "--prepare-only",
        action="store_true",
        help="only create/migrate/seed jobs_bench_<N> (used by bench-web.sh)",
    )
    return parser.parse_args(argv)


def _serve_and_measure(
    args: argparse.Namespace,
    env: dict[str, str],
    inputs: Any,
    cases: list,
    page_size: int,
) -> dict[str, Any]:
    """Wait for gunicorn, run every step; return what they measured.

    gunicorn runs beside this process under honcho (ops/Procfile.bench),
    which stops it when this process exits.
    """
    from benchmarks.dataset import cleanup_posted_jobs, log
    from benchmarks.serve import gunicorn_settings, wait_ready

    args.results_dir.mkdir(parents=True, exist_ok=True)
    failures: list[str] = []
    wait_ready(args.port)
    try:
        steps.measure_step(args, cases, failures)
        throughput_rows = steps.throughput_step(args, cases, failures)
        explains = steps.explains_step(args, inputs, page_size, failures)
    finally:
        removed = cleanup_posted_jobs(env["DATABASE_URL"])
        log(f"removed {removed} jobs created by POST cases")
    return {
        "inputs": inputs,
        "cases": cases,
        "throughput": throughput_rows,
        "triggers": steps.trigger_rows_step(args, failures),
        "failures": failures,
        "explains": explains,
        "gunicorn": gunicorn_settings(env),
    }


def main(argv: list[str] | None = None) -> int:
    """Run the whole benchmark; return the process exit status."""
    args = parse_args(argv)
    # SIGTERM (honcho on Ctrl-C) unwinds like Ctrl-C, so the jobs the run
    # created are removed.
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))
    env = bench_env(args.n)
    os.environ.update(env)
    from benchmarks.dataset import log, pick_inputs, prepare_database

    started, machine_before = time.perf_counter(), machine()
    db_action = prepare_database(env["DATABASE_URL"], args.n, env)
    if args.prepare_only:
        return 0
    import django

    django.setup()
    from django.conf import settings

    page_size = int(getattr(settings, "API_PAGE_SIZE_DEFAULT", 50))
    inputs = pick_inputs(env["DATABASE_URL"], page_size)
    log(
        f"total={inputs.total} filter={inputs.filter_status} ({inputs.filter_total}) "
        f"terms={[(t.term, t.matches) for t in inputs.search_terms]}"
    )
    cases = select_cases(
        build_cases(inputs, page_size), args.only, args.skip, args.baseline_cases
    )
    parts = _serve_and_measure(args, env, inputs, cases, page_size)
    header = {
        "N": args.n,
        "database": f"{env['DATABASE_URL'].rsplit('/', 1)[1]} ({db_action})",
        "postgres": pg_settings(env["DATABASE_URL"]),
        "gunicorn": parts.pop("gunicorn"),
        "db_pool": f"min {env.get('DB_POOL_MIN_SIZE', '1')} / max {env.get('DB_POOL_MAX_SIZE', '4')} per worker",
        "machine": machine(),
        "loadavg_before": machine_before["loadavg"],
        "commit": git_commit(),
        "date_utc": time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime()),
        "duration_s": round(time.perf_counter() - started, 1),
        "settings": vars(args) | {"results_dir": str(args.results_dir)},
    }
    steps.write_run(args, header, parts)
    return steps.print_failures(parts["failures"])


if __name__ == "__main__":
    sys.exit(main())
