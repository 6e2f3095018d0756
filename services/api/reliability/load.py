"""Bounded load test: Locust headless against gunicorn as deployed.

Seeds ``<CHECK_DB>_load`` on the shared server with ``--jobs`` jobs,
starts gunicorn (2 workers x 4 threads), runs ``locust --headless`` with
``--users`` users paced to ``--user-rps`` each for ``--seconds``, prints
Locust's table plus p50/p99 and the error rate per request kind, and
exits 1 on any failed request.  CSVs go to ``.run/load/``.

    python -m reliability.load --seconds 300      # make load
"""

from __future__ import annotations

import argparse
import csv
import os
import subprocess
import sys
from pathlib import Path

from reliability.cluster import free_port
from reliability.stack import API_DIR, RUN_DIR, Gunicorn, api_env, drop, log, prepare


def _locust(port: int, args: argparse.Namespace, out: Path) -> None:
    env = {
        **os.environ,
        "LOAD_USER_RPS": str(args.user_rps),
        "LOAD_MAX_JOB_ID": str(args.jobs),
    }
    cmd = [
        str(Path(sys.executable).parent / "locust"),
        "-f",
        str(API_DIR / "reliability" / "locustfile.py"),
        "--headless",
        "--host",
        f"http://127.0.0.1:{port}",
        "--users",
        str(args.users),
        "--spawn-rate",
        str(args.users),
        "--run-time",
        f"{args.seconds}s",
        "--stop-timeout",
        "10",
        "--csv",
        str(out / "locust"),
        "--only-summary",
    ]
    offered = args.users * args.user_rps
    log(
        f"offered load: {args.users} users x {args.user_rps:g} req/s = {offered:g} req/s for {args.seconds} s"
    )
    subprocess.run(cmd, env=env, check=False)


def _table(stats: Path) -> int:
    """Print the per-request table from Locust's stats CSV; return the failures."""
    failures = 0
    print(
        "\n| request | count | req/s | p50 ms | p99 ms | errors |\n| --- | --- | --- | --- | --- | --- |"
    )
    with stats.open() as handle:
        for row in csv.DictReader(handle):
            print(
                f"| {row['Name']} | {row['Request Count']} | {float(row['Requests/s']):.1f} | {row['50%']} | {row['99%']} | {row['Failure Count']} |"
            )
            if row["Name"] == "Aggregated":
                failures = int(row["Failure Count"])
    return failures


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--seconds", type=int, default=300)
    parser.add_argument("--users", type=int, default=16)
    parser.add_argument(
        "--user-rps", type=float, default=20.0, help="requests per second per user"
    )
    parser.add_argument("--jobs", type=int, default=100000, help="jobs seeded first")
    args = parser.parse_args(argv)
    url = f"postgres://postgres@127.0.0.1:{os.environ.get('PGPORT', '5432')}/{os.environ.get('CHECK_DB', 'jobs_check')}_load"
    log(f"seeding {args.jobs} jobs")
    prepare(url, seed=args.jobs)
    port = free_port()
    out = RUN_DIR / "load"
    server = Gunicorn(port, api_env(url), out / "gunicorn.log")
    server.start()
    try:
        _locust(port, args, out)
    finally:
        server.stop()
        drop(url)
    failures = _table(out / "locust_stats.csv")
    print("load: " + ("FAILED (requests failed)" if failures else "passed (0 errors)"))
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
