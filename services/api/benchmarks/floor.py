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

from benchmarks.environment import REPO_ROOT, bench_env


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


def _pick_cases(args: argparse.Namespace, database_url: str) -> list:
    """Derive the inputs from the data and build the (selected) cases."""
    import django

    django.setup()
    from django.conf import settings

    from benchmarks.dataset import pick_inputs
    from benchmarks.floor_cases import floor_cases

    page_size = int(getattr(settings, "API_PAGE_SIZE_DEFAULT", 50))
    cases = floor_cases(database_url, pick_inputs(database_url, page_size), page_size)
    wanted = [w.strip() for w in args.only.split(",") if w.strip()]
    floors = ("bare WSGI", "/api/health/")
    return [
        case
        for case in cases
        if not wanted or case.name in floors or any(w in case.name for w in wanted)
    ]


def _serve_and_measure(args: argparse.Namespace, env: dict, cases: list) -> None:
    """Wait for both servers (honcho runs them), run the rounds, clean up."""
    from benchmarks.client import Client
    from benchmarks.dataset import cleanup_posted_jobs, log
    from benchmarks.serve import wait_ready

    wait_ready(args.port)
    wait_ready(args.port + 1, path="/")
    try:
        clients = {
            "api": Client("127.0.0.1", args.port),
            "bare": Client("127.0.0.1", args.port + 1),
        }
        log(f"floor: {len(cases)} cases x {args.rounds} rounds (+{args.warmup_rounds})")
        run_rounds(cases, clients, args.rounds, args.warmup_rounds)
        for client in clients.values():
            client.close()
    finally:
        log(f"removed {cleanup_posted_jobs(env['DATABASE_URL'])} jobs created by POST")


def main(argv: list[str] | None = None) -> int:
    """Run the floor benchmark; return the exit status."""
    args = parse_args(argv)
    args.suffix = f"{args.n}{'-' + args.label if args.label else ''}"
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))
    env = bench_env(args.n)
    os.environ.update(env)
    from benchmarks import floor_report
    from benchmarks.dataset import prepare_database

    load_before = os.getloadavg()
    prepare_database(env["DATABASE_URL"], args.n, env)
    cases = _pick_cases(args, env["DATABASE_URL"])
    started = time.perf_counter()
    _serve_and_measure(args, env, cases)
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
    args.results_dir.mkdir(parents=True, exist_ok=True)
    (args.results_dir / f"floor-{args.suffix}.md").write_text(text)
    failures = [f"{case.name}: {error}" for case in cases for error in case.errors]
    if failures:
        print(
            "\nFAILED cases:\n" + "\n".join(f"- {f}" for f in failures), file=sys.stderr
        )
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
