"""List and PATCH throughput: direct, through PgBouncer, with a read replica.

One throwaway primary (``reliability.cluster``) seeded with ``--jobs`` jobs,
a streaming replica of it and a transaction-mode PgBouncer in front of it;
gunicorn as deployed (gunicorn.conf.py's workers and threads) is started
once per topology, and each case runs ``--seconds`` with 16 and 64
keep-alive clients (``benchmarks.client.throughput``).  Prints one table:
req/s, p50/p95 ms and errors per topology, case and client count.

    python -m reliability.topologies --jobs 100000   # make bench-scaled

On one machine the replica and the pooler share the API's cores, so the
table shows their cost per request, not the capacity they add on hosts of
their own (docs/performance.md, "Pooler and replicas").
"""

from __future__ import annotations

import argparse
import os
import random
from collections.abc import Callable
from pathlib import Path

from benchmarks.client import RequestSource, RequestSpec, throughput
from benchmarks.report import throughput_row
from reliability.cluster import Cluster, Replica, free_port
from reliability.pooler import PgBouncer
from reliability.server import Gunicorn
from reliability.stack import RUN_DIR, api_env, log, prepare

DB = "topologies"
CASES: dict[str, Callable[[int, random.Random], RequestSpec]] = {
    "list": lambda _jobs, _rng: ("GET", "/api/jobs/?page_size=50", None),
    "PATCH": lambda jobs, rng: (
        "PATCH",
        f"/api/jobs/{rng.randint(1, jobs)}/",
        {"status_type": rng.choice(["RUNNING", "COMPLETED", "FAILED"])},
    ),
}


def _source(case: str, jobs: int, seed: int) -> RequestSource:
    rng = random.Random(seed)  # noqa: S311 - a request mix, not crypto
    make = CASES[case]
    return lambda: make(jobs, rng)


def _measure(
    name: str, env: dict[str, str], args: argparse.Namespace, out: Path
) -> list[dict]:
    port = free_port()
    server = Gunicorn(port, env, out / f"gunicorn-{name}.log")
    server.start()
    rows = []
    try:
        for case in CASES:
            for clients in args.clients:
                log(f"{name}: {case} x{clients}")
                result = throughput(
                    "127.0.0.1",
                    port,
                    lambda index, c=case: _source(c, args.jobs, index),
                    clients=clients,
                    duration_s=args.seconds,
                )
                rows.append({"topology": name, **throughput_row(case, result)})
    finally:
        server.stop()
    return rows


def _print(rows: list[dict]) -> None:
    print("\n| topology | case | clients | req/s | p50 ms | p95 ms | errors |")
    print("| --- | --- | ---: | ---: | ---: | ---: | ---: |")
    for row in rows:
        print(
            f"| {row['topology']} | {row['label']} | {row['clients']} | {row['rps']:.0f}"
            f" | {row['p50'] or 0:.1f} | {row['p95'] or 0:.1f} | {row['errors']} |"
        )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--jobs", type=int, default=100_000)
    parser.add_argument("--seconds", type=float, default=10.0)
    parser.add_argument("--clients", type=int, nargs="+", default=[16, 64])
    args = parser.parse_args(argv)
    out = RUN_DIR / "topologies"
    out.mkdir(parents=True, exist_ok=True)
    rows: list[dict] = []
    with Cluster(settings="max_connections = 200\n") as primary:
        log(f"seeding {args.jobs} jobs")
        prepare(primary.url(DB), seed=args.jobs, bulk=True)
        env = api_env(primary.url(DB))
        del env["GUNICORN_THREADS"], env["WEB_CONCURRENCY"]  # gunicorn.conf.py decides
        rows += _measure("direct", env, args, out)
        with PgBouncer(pg_port=primary.port, pool_size=8) as pooler:
            pooled = {
                **env,
                "DATABASE_URL": pooler.url(DB),
                "DB_TRANSACTION_POOLER": "true",
            }
            rows += _measure("PgBouncer", pooled, args, out)
        with Replica(primary) as replica:
            replicated = {**env, "DATABASE_REPLICA_URLS": replica.url(DB)}
            rows += _measure("replica", replicated, args, out)
    _print(rows)
    print(f"\nload average at the end: {os.getloadavg()[0]:.1f}")
    return 1 if any(row["errors"] for row in rows) else 0


if __name__ == "__main__":
    raise SystemExit(main())
