"""Migrations under load: the newest migration applied while the soak's clients run.

On a throwaway cluster of its own (``reliability.cluster``, with
``log_lock_waits`` and ``deadlock_timeout = --log-waits-ms``), migrates a
database to the latest state, seeds ``--jobs`` jobs, migrates the jobs app
back to the migration before ``--first`` (default: the newest one), starts
gunicorn as deployed and ``--clients`` soak clients
(``reliability.soak_clients``), and after ``--before`` seconds runs
``manage.py migrate`` forward; the clients go on for ``--after`` seconds.

Passes (exit 0) when the migration succeeds, no API session waited on a
lock ``--limit-ms`` or longer (from the server log: sessions are told apart
by ``application_name``, ``jobs-api`` for gunicorn, ``jobs-migrate`` for
the migration), every request answered 2xx, no acknowledged write is lost
or half-applied and the read model and the counters are exact.

    python -m reliability.migrate_under_load --jobs 1000000   # make soak-migrate
    python -m reliability.migrate_under_load --jobs 100000    # make check
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import threading
import time

import psycopg

from reliability import lock_waits
from reliability.cluster import Cluster, free_port
from reliability.migrate_report import Run, report
from reliability.soak_clients import Ledger, SoakClient
from reliability.soak_targets import psql
from reliability.soak_verify import verify
from reliability.stack import API_DIR, RUN_DIR, Gunicorn, api_env, log, prepare

APP = "jobs"


def migrations(first: str | None) -> tuple[str, str, str]:
    """Return (the migration to roll back to, the first to apply, the newest)."""
    names = sorted(p.stem for p in (API_DIR / APP / "migrations").glob("[0-9]*.py"))
    start = (
        next((i for i, n in enumerate(names) if n.startswith(first)), -1)
        if first
        else len(names) - 1
    )
    if start < 1:
        raise SystemExit(f"no migration after the first one matches {first!r}")
    return names[start - 1], names[start], names[-1]


def migrate(url: str, target: str) -> tuple[int, float]:
    """Run ``manage.py migrate jobs target``; return its exit status and seconds."""
    env = api_env(
        url, DB_POOL_MAX_SIZE="0", DB_STATEMENT_TIMEOUT_MS="0", PGAPPNAME="jobs-migrate"
    )
    started = time.monotonic()
    done = subprocess.run(
        [sys.executable, "manage.py", "migrate", APP, target, "--no-input", "-v", "1"],
        cwd=API_DIR,
        env=env,
        check=False,
    )
    return done.returncode, time.monotonic() - started


def hold_lock(url: str, seconds: float) -> None:
    """Hold a read lock on jobs_job for ``seconds``, as a long report or pg_dump does."""
    log(f"a transaction holds a read lock on jobs_job for {seconds:g} s")
    with psycopg.connect(url, application_name="long-reader") as conn:
        conn.execute("SELECT 1 FROM jobs_job LIMIT 1")
        time.sleep(seconds)


def drive(url: str, args: argparse.Namespace, newest: str) -> Run:
    """Start gunicorn and the clients, migrate to ``newest`` in the middle."""
    server = Gunicorn(
        free_port(),
        api_env(url, PGAPPNAME="jobs-api"),
        RUN_DIR / "migrate-under-load" / "gunicorn.log",
    )
    server.start()
    ledger, stop = Ledger(), threading.Event()
    clients = [
        SoakClient(
            i,
            "127.0.0.1",
            server.port,
            ledger,
            stop,
            max_requests=10**6,
            seed=args.seed,
        )
        for i in range(args.clients)
    ]
    try:
        for client in clients:
            client.start()
        time.sleep(args.before)
        if args.hold_lock:
            threading.Thread(target=hold_lock, args=(url, args.hold_lock)).start()
        began = time.monotonic()
        log(f"migrating forward to {newest} under load")
        status, seconds = migrate(url, newest)
        time.sleep(args.after)
    finally:
        stop.set()
        for client in clients:
            client.join(timeout=30)
        server.stop()
    return Run(
        ledger, began, began + seconds, status, stuck=sum(c.is_alive() for c in clients)
    )


def _args(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--jobs", type=int, default=100000, help="jobs seeded first")
    parser.add_argument(
        "--first",
        help="first migration to apply (a name prefix, e.g. 0007); default the newest",
    )
    parser.add_argument("--clients", type=int, default=8)
    parser.add_argument(
        "--before", type=float, default=5.0, help="seconds of load before migrating"
    )
    parser.add_argument(
        "--after", type=float, default=5.0, help="seconds of load after it"
    )
    parser.add_argument(
        "--limit-ms",
        type=float,
        default=1000.0,
        help="longest lock wait allowed to a request",
    )
    parser.add_argument(
        "--log-waits-ms",
        type=int,
        default=100,
        help="deadlock_timeout: waits this long are logged",
    )
    parser.add_argument(
        "--hold-lock",
        type=float,
        default=0.0,
        help="seconds a transaction holds a read lock on jobs_job as the migration starts",
    )
    parser.add_argument(
        "--seed", type=int, default=14, help="random seed of the request mix"
    )
    return parser.parse_args(argv)


def main(argv: list[str] | None = None) -> int:
    args = _args(argv)
    previous, first, newest = migrations(args.first)
    cluster = Cluster(
        settings=lock_waits.SERVER_SETTINGS
        + f"deadlock_timeout = '{args.log_waits_ms}ms'\n"
    )
    cluster.start()
    try:
        url = cluster.url("jobs_migrate")
        log(f"seeding {args.jobs} jobs at the latest schema")
        prepare(url, seed=args.jobs)
        status, seconds = migrate(url, previous)
        if status:
            raise SystemExit(f"rolling back to {previous} failed")
        log(f"rolled back to {previous} in {seconds:.1f} s")
        run = drive(url, args, newest)
        query = psql(cluster.port, "jobs_migrate")
        run.waits = lock_waits.parse(cluster.logfile.read_text(errors="replace"))
        lock_waits.name_relations(run.waits, query)
        run.verdict = verify(run.ledger, query)
    finally:
        cluster.stop()
    applied = first if first == newest else f"{first} to {newest}"
    failures = report(run, args, f"{APP} {applied} (from {previous})")
    for failure in failures[:30]:
        print(f"FAIL: {failure}")
    print("migrate under load: " + ("FAILED" if failures else "passed"))
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
