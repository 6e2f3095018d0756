"""Floor mode: ``python -m benchmarks.floor --n N`` (``make bench-floor N=``).

Serves the API and a bare WSGI app (``benchmarks.bare``) with the same
gunicorn settings, then, round by round, sends one request of every case
(both floors, every list case, search, stats, history, PATCH, POST) over
one keep-alive connection per server, so the noise of a shared machine
hits every case alike.  Prints p50/p95 and each case's ratio to both
floors, writes ``bench-results/floor-<N>.md``.  Exit status 1 when a case
errs (a non-2xx answer); timings never fail the run.
"""

from __future__ import annotations

import argparse
import os
import signal
import sys
import time
from pathlib import Path

from benchmarks.run import REPO_ROOT, bench_env


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    """The command line (defaults: 200 measured rounds)."""
    parser = argparse.ArgumentParser(
        prog="python -m benchmarks.floor", description=__doc__
    )
    parser.add_argument("--n", type=int, required=True, help="number of jobs")
    parser.add_argument("--port", type=int, default=18100, help="API; bare WSGI on +1")
    parser.add_argument("--rounds", type=int, default=200)
    parser.add_argument("--warmup-rounds", type=int, default=10)
    parser.add_argument(
        "--only", default="", help="comma-separated case-name substrings"
    )
    parser.add_argument("--results-dir", type=Path, default=REPO_ROOT / "bench-results")
    parser.add_argument("--label", default="", help="suffix of the result file name")
    return parser.parse_args(argv)


def run_rounds(cases: list, clients: dict, rounds: int, warmup: int) -> None:
    """Send one request of each case per round; keep the measured latencies."""
    from benchmarks.client import RequestFailedError

    for index in range(warmup + rounds):
        for case in cases:
            if case.errors:
                continue
            try:
                latency, _, _ = clients[case.server].request(case.source())
            except RequestFailedError as exc:
                case.errors.append(str(exc))
                continue
            if index >= warmup:
                case.latencies_ms.append(latency)


def main(argv: list[str] | None = None) -> int:
    """Run the floor benchmark; return the exit status."""
    args = parse_args(argv)
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))
    env = bench_env(args.n)
    os.environ.update(env)
    from benchmarks import floor_report
    from benchmarks.client import Client
    from benchmarks.dataset import (
        cleanup_posted_jobs,
        log,
        pick_inputs,
        prepare_database,
    )
    from benchmarks.floor_cases import floor_cases
    from benchmarks.server import Gunicorn

    database_url = env["DATABASE_URL"]
    load_before = os.getloadavg()
    prepare_database(database_url, args.n, env)
    import django

    django.setup()
    from django.conf import settings

    page_size = int(getattr(settings, "API_PAGE_SIZE_DEFAULT", 50))
    inputs = pick_inputs(database_url, page_size)
    cases = floor_cases(database_url, inputs, page_size)
    wanted = [w.strip() for w in args.only.split(",") if w.strip()]
    if wanted:
        cases = [
            c
            for c in cases
            if c.server == "bare"
            or c.name == "/api/health/"
            or any(w in c.name for w in wanted)
        ]
    results_dir: Path = args.results_dir
    suffix = f"{args.n}{'-' + args.label if args.label else ''}"
    api = Gunicorn(args.port, env, results_dir / f"gunicorn-floor-{suffix}.log")
    bare = Gunicorn(
        args.port + 1,
        env,
        results_dir / f"gunicorn-bare-{suffix}.log",
        app="benchmarks.bare",
        ready_path="/",
    )
    started = time.perf_counter()
    api.start()
    try:
        bare.start()
        clients = {
            "api": Client("127.0.0.1", args.port),
            "bare": Client("127.0.0.1", args.port + 1),
        }
        log(
            f"floor: {len(cases)} cases x {args.rounds} rounds (+{args.warmup_rounds} warm-up)"
        )
        run_rounds(cases, clients, args.rounds, args.warmup_rounds)
        for client in clients.values():
            client.close()
    finally:
        bare.stop()
        api.stop()
        log(f"removed {cleanup_posted_jobs(database_url)} jobs created by POST")
    header = {
        "n": args.n,
        "rounds": args.rounds,
        "seconds": round(time.perf_counter() - started, 1),
        "load_before": load_before,
        "load_after": os.getloadavg(),
        "commit": os.environ.get("BENCH_COMMIT", "?"),
    }
    text = floor_report.render(header, cases)
    print(text)
    results_dir.mkdir(parents=True, exist_ok=True)
    (results_dir / f"floor-{suffix}.md").write_text(text)
    failures = [f"{case.name}: {error}" for case in cases for error in case.errors]
    if failures:
        print(
            "\nFAILED cases:\n" + "\n".join(f"- {f}" for f in failures), file=sys.stderr
        )
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
