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
import os
import signal
import subprocess
import sys
import threading
import time
from dataclasses import dataclass

from reliability.cluster import Cluster, free_port
from reliability.invariants import Query
from reliability.soak_clients import Ledger, Record, SoakClient
from reliability.soak_verify import Verdict, verify
from reliability.stack import RUN_DIR, Gunicorn, api_env, log, prepare

RECOVERY_LIMIT_S = 10.0


@dataclass
class Fault:
    kind: str  # "pg-restart" or "worker-kill"
    at: float  # monotonic time the fault was injected
    ready: float  # monotonic time PostgreSQL answered again (= at for a kill)


class NativeTarget:
    """Own cluster + gunicorn; faults through pg_ctl and os.kill."""

    def __init__(self, seed_jobs: int) -> None:
        self.cluster = Cluster()
        self.cluster.start()
        self.url = self.cluster.url("jobs_soak")
        prepare(self.url, seed=seed_jobs)
        self.port = free_port()
        self.host = "127.0.0.1"
        self.server = Gunicorn(
            self.port, api_env(self.url), RUN_DIR / "soak" / "gunicorn.log"
        )
        self.server.start()

    def restart_db(self) -> float:
        self.cluster.restart()
        return time.monotonic()

    def kill_worker(self) -> None:
        if self.server.process is None:
            raise RuntimeError("gunicorn is not running")
        master = self.server.process.pid
        out = subprocess.run(
            ["pgrep", "-P", str(master)], capture_output=True, text=True, check=False
        )
        workers = [int(pid) for pid in out.stdout.split()]
        if not workers:
            raise RuntimeError("no gunicorn worker to kill")
        os.kill(workers[0], signal.SIGKILL)

    def query(self, sql: str) -> list[tuple[str, ...]]:
        return _psql(
            [
                "psql",
                "-h",
                "127.0.0.1",
                "-p",
                str(self.cluster.port),
                "-U",
                "postgres",
                "-d",
                "jobs_soak",
            ],
            sql,
        )

    def close(self) -> None:
        self.server.stop()
        self.cluster.stop()


class DockerTarget:
    """The running compose stack (``make up``): through nginx, faults by compose."""

    def __init__(self) -> None:
        self.host = "127.0.0.1"
        self.port = int(os.environ.get("WEB_PORT", "8080"))
        self.compose = ["docker", "compose"]
        self.user = os.environ.get("POSTGRES_USER", "jobs")
        self.db = os.environ.get("POSTGRES_DB", "jobs")

    def restart_db(self) -> float:
        subprocess.run([*self.compose, "restart", "db"], check=True)
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            probe = [
                *self.compose,
                "exec",
                "-T",
                "db",
                "pg_isready",
                "-q",
                "-U",
                self.user,
            ]
            if subprocess.run(probe, check=False).returncode == 0:
                return time.monotonic()
            time.sleep(0.1)
        raise RuntimeError("db did not answer within 60 s of docker compose restart db")

    def kill_worker(self) -> None:
        # gunicorn is PID 1 of the api container (exec); kill its first child.
        script = (
            "import os, signal\n"
            "kids = [int(p) for p in os.listdir('/proc') if p.isdigit() and "
            "open(f'/proc/{p}/stat').read().split(') ')[1].split()[1] == '1']\n"
            "os.kill(sorted(kids)[0], signal.SIGKILL)\n"
        )
        subprocess.run(
            [*self.compose, "exec", "-T", "api", "python", "-c", script], check=True
        )

    def query(self, sql: str) -> list[tuple[str, ...]]:
        return _psql(
            [*self.compose, "exec", "-T", "db", "psql", "-U", self.user, "-d", self.db],
            sql,
        )

    def close(self) -> None:
        pass


def _psql(base: list[str], sql: str) -> list[tuple[str, ...]]:
    out = subprocess.run(
        [*base, "-X", "-qAt", "-F", "\t", "-v", "ON_ERROR_STOP=1", "-c", sql],
        capture_output=True,
        text=True,
        check=True,
    )
    return [tuple(line.split("\t")) for line in out.stdout.splitlines() if line]


def classify(record: Record, kills: list[float], via_nginx: bool) -> str:
    """Name the outcome of one request: ``ok``, an allowed fault, or a failure (``FAIL ...``)."""
    # In flight when the worker died, or sent on a keep-alive connection
    # that the killed worker had accepted before it died.
    in_kill = any(record.connected <= at <= record.ended for at in kills)
    if record.status is None:
        return (
            "reset by the killed worker"
            if in_kill
            else f"FAIL no answer ({record.error})"
        )
    if record.status < 300:
        return "ok"
    if record.status == 503:
        return (
            "503 with Retry-After"
            if record.retry_after
            else "FAIL 503 without Retry-After"
        )
    if record.status == 502 and via_nginx and in_kill:
        return "502 of the killed worker"
    return f"FAIL {record.status}"


def longest_outage(records: list[Record]) -> float:
    """Longest time a client went from its first failed request to its next success."""
    longest = 0.0
    by_client: dict[int, list[Record]] = {}
    for record in records:
        by_client.setdefault(record.client, []).append(record)
    for mine in by_client.values():
        mine.sort(key=lambda r: r.started)
        first_bad: float | None = None
        for record in mine:
            good = record.status is not None and record.status < 500
            if not good and first_bad is None:
                first_bad = record.started
            elif good and first_bad is not None:
                longest = max(longest, record.ended - first_bad)
                first_bad = None
    return longest


def recovery(records: list[Record], fault: Fault, until: float) -> float:
    """Seconds after PostgreSQL answered until the last 5xx that started before ``until`` ended."""
    late = [
        r.ended
        for r in records
        if fault.ready <= r.started < until and r.status is not None and r.status >= 500
    ]
    return max(late, default=fault.ready) - fault.ready


def report(
    records: list[Record],
    faults: list[Fault],
    verdict: Verdict,
    outcomes: dict[str, int],
    seconds: float,
) -> list[str]:
    failures: list[str] = []
    ops: dict[str, int] = {}
    for record in records:
        ops[record.op] = ops.get(record.op, 0) + 1
    print("\n| soak | value |\n| --- | --- |")
    print(
        f"| requests | {len(records)} in {seconds:.0f} s ({', '.join(f'{k} {v}' for k, v in sorted(ops.items()))}) |"
    )
    for name, count in sorted(outcomes.items()):
        print(f"| {name} | {count} |")
        if name.startswith("FAIL"):
            failures.append(f"{count} requests: {name}")
    for index, fault in enumerate(faults):
        if fault.kind == "pg-restart":
            until = faults[index + 1].at if index + 1 < len(faults) else float("inf")
            rec = recovery(records, fault, until)
            print(
                f"| {fault.kind} at {fault.at - records[0].started:.1f} s | down {fault.ready - fault.at:.2f} s, clients recovered {rec:.2f} s after it answered |"
            )
            if rec > RECOVERY_LIMIT_S:
                failures.append(
                    f"recovery took {rec:.1f} s after PostgreSQL answered (limit {RECOVERY_LIMIT_S:.0f} s)"
                )
        else:
            print(
                f"| {fault.kind} at {fault.at - records[0].started:.1f} s | SIGKILL while requests were in flight |"
            )
    print(f"| longest outage seen by a client | {longest_outage(records):.2f} s |")
    print(f"| writes acknowledged / lost | {verdict.acked} / {verdict.lost} |")
    print(
        f"| unacknowledged writes applied / not applied / half-applied | {verdict.unacked_applied} / {verdict.unacked_not_applied} / {verdict.half_applied} |"
    )
    print(
        f"| read-model mismatches / counter drift | {verdict.read_model_mismatches} / {verdict.counter_drift} |"
    )
    return failures + verdict.problems


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
    faults: list[Fault] = []
    plan = [(0.20, "pg-restart"), (0.45, "worker-kill"), (0.65, "pg-restart")]
    try:
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
    finally:
        stop.set()
        for thread in threads:
            thread.join(timeout=30)
    elapsed = time.monotonic() - started
    query: Query = target.query
    verdict = verify(ledger, query)
    kills = [f.at for f in faults if f.kind == "worker-kill"]
    outcomes: dict[str, int] = {}
    for record in ledger.records:
        name = classify(record, kills, via_nginx)
        outcomes[name] = outcomes.get(name, 0) + 1
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
