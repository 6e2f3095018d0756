"""Soak under faults: 8 clients while PostgreSQL restarts twice and a worker dies.

Native mode (default) runs its own throwaway PostgreSQL cluster on a free
port (``reliability.cluster``; never the shared server), seeds it, starts
gunicorn as deployed (2 workers x 4 threads) and drives it with
``--clients`` keep-alive clients (``reliability.soak_clients``) for
``--seconds``.  Faults, at fixed fractions of the run: PostgreSQL restart
(20 %), SIGKILL of a gunicorn worker while requests are in flight (45 %),
PostgreSQL restart (65 %).  Docker mode (``--docker``) drives the running
compose stack through nginx (``http://127.0.0.1:$WEB_PORT``) and uses
``docker compose restart db`` and ``docker compose exec``.

Passes (exit 0) when: no 5xx other than a 503 carrying ``Retry-After``
(and, through nginx, a 502 of the killed worker's own requests); no
connection errors except requests in flight when the worker was killed;
clients recover within 10 s after PostgreSQL answers; no acknowledged
write lost; no unacknowledged write half-applied; the read model and the
counters exact.  Prints a table either way.

    python -m reliability.soak --seconds 30          # the make check mode
    python -m reliability.soak --seconds 300         # make soak
"""

from __future__ import annotations

import argparse
import sys
import threading
import time

from reliability.invariants import Query
from reliability.soak_clients import Ledger, SoakClient
from reliability.soak_report import Fault, classify, report
from reliability.soak_targets import DockerTarget, NativeTarget
from reliability.soak_verify import verify
from reliability.stack import log


def _inject_faults(
    target: NativeTarget | DockerTarget, started: float, seconds: float
) -> list[Fault]:
    """Restart PostgreSQL twice and kill a worker once, at fixed fractions."""
    faults: list[Fault] = []
    plan = [(0.20, "pg-restart"), (0.45, "worker-kill"), (0.65, "pg-restart")]
    for fraction, kind in plan:
        time.sleep(max(0.0, started + fraction * seconds - time.monotonic()))
        at = time.monotonic()
        log(f"fault: {kind}")
        if kind == "pg-restart":
            faults.append(Fault(kind, at, target.restart_db()))
        else:
            target.kill_worker()
            faults.append(Fault(kind, at, at))
    time.sleep(max(0.0, started + seconds - time.monotonic()))
    return faults


def _outcomes(ledger: Ledger, faults: list[Fault], via_nginx: bool) -> dict[str, int]:
    """Count the requests per outcome (ok, refused during a fault, ...)."""
    kills = [f.at for f in faults if f.kind == "worker-kill"]
    outcomes: dict[str, int] = {}
    for record in ledger.records:
        name = classify(record, kills, via_nginx)
        outcomes[name] = outcomes.get(name, 0) + 1
    return outcomes


def run(
    target: NativeTarget | DockerTarget,
    *,
    clients: int,
    seconds: float,
    max_requests: int,
    seed: int,
    via_nginx: bool,
) -> int:
    ledger = Ledger()
    stop = threading.Event()
    threads = [
        SoakClient(
            i,
            target.host,
            target.port,
            ledger,
            stop,
            max_requests=max_requests,
            seed=seed,
        )
        for i in range(clients)
    ]
    started = time.monotonic()
    for thread in threads:
        thread.start()
    try:
        faults = _inject_faults(target, started, seconds)
    finally:
        stop.set()
        for thread in threads:
            thread.join(timeout=30)
    elapsed = time.monotonic() - started
    query: Query = target.query
    verdict = verify(ledger, query)
    outcomes = _outcomes(ledger, faults, via_nginx)
    failures = report(
        sorted(ledger.records, key=lambda r: r.started),
        faults,
        verdict,
        outcomes,
        elapsed,
    )
    if any(thread.is_alive() for thread in threads):
        failures.append("a client did not stop within 30 s")
    for failure in failures[:30]:
        print(f"FAIL: {failure}")
    print("soak: " + ("FAILED" if failures else "passed"))
    return 1 if failures else 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--seconds",
        type=float,
        default=30.0,
        help="length of the run (faults at 20/45/65 %%)",
    )
    parser.add_argument("--clients", type=int, default=8)
    parser.add_argument(
        "--max-requests",
        type=int,
        default=20000,
        help="per client, a bound besides time",
    )
    parser.add_argument(
        "--seed-jobs",
        type=int,
        default=2000,
        help="jobs seeded before the run (native)",
    )
    parser.add_argument(
        "--seed", type=int, default=14, help="random seed of the request mix"
    )
    parser.add_argument(
        "--docker", action="store_true", help="drive the running compose stack instead"
    )
    args = parser.parse_args(argv)
    target: NativeTarget | DockerTarget = (
        DockerTarget() if args.docker else NativeTarget(args.seed_jobs)
    )
    try:
        return run(
            target,
            clients=args.clients,
            seconds=args.seconds,
            max_requests=args.max_requests,
            seed=args.seed,
            via_nginx=args.docker,
        )
    finally:
        target.close()


if __name__ == "__main__":
    sys.exit(main())
