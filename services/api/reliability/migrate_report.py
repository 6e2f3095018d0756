"""The table and the verdict of ``reliability.migrate_under_load``.

``Run`` holds what one run recorded (times in seconds of
``time.monotonic()``); ``report(run, args, label)`` prints the table and
returns the failures (empty when the run passed).
"""

from __future__ import annotations

import argparse
from dataclasses import dataclass, field

from reliability.lock_waits import LockWait
from reliability.soak_clients import Ledger, Record
from reliability.soak_verify import Verdict


@dataclass
class Run:
    ledger: Ledger
    began: float  # the migration started
    ended: float  # and ended
    status: int  # its exit status
    stuck: int = 0  # clients that did not stop
    waits: list[LockWait] = field(default_factory=list)
    verdict: Verdict = field(default_factory=Verdict)


def _latency(records: list[Record]) -> str:
    if not records:
        return "none"
    ms = sorted((r.ended - r.started) * 1000 for r in records)
    p50, p99 = ms[len(ms) // 2], ms[min(len(ms) - 1, int(len(ms) * 0.99))]
    return (
        f"{len(ms)} requests, p50 {p50:.0f} ms, p99 {p99:.0f} ms, max {ms[-1]:.0f} ms"
    )


def _waits(waits: list[LockWait]) -> str:
    if not waits:
        return "none"
    worst = max(waits, key=lambda w: w.ms)
    return f"{len(waits)}, longest {worst.ms:.0f} ms ({worst.lock} on {worst.on}, {worst.ended})"


def report(run: Run, args: argparse.Namespace, label: str) -> list[str]:
    failures: list[str] = []
    records = run.ledger.records
    during = [r for r in records if r.ended >= run.began and r.started <= run.ended]
    others = [r for r in records if r not in during]
    api = [w for w in run.waits if w.app == "jobs-api"]
    mine = [w for w in run.waits if w.app == "jobs-migrate"]
    outcomes: dict[str, int] = {}
    for record in records:
        ok = record.status is not None and record.status < 300
        name = "ok" if ok else f"FAIL {record.status or record.error}"
        outcomes[name] = outcomes.get(name, 0) + 1
    verdict = run.verdict
    print("\n| migrate under load | value |\n| --- | --- |")
    print(f"| jobs | {args.jobs:,} |")
    print(
        f"| migration | {label}: exit {run.status} in {run.ended - run.began:.1f} s |"
    )
    print(f"| during the migration | {_latency(during)} |")
    print(f"| before and after it | {_latency(others)} |")
    print(
        f"| outcomes | {', '.join(f'{k} {v}' for k, v in sorted(outcomes.items()))} |"
    )
    print(f"| API lock waits >= {args.log_waits_ms} ms | {_waits(api)} |")
    print(
        f"| the migration's own lock waits >= {args.log_waits_ms} ms | {_waits(mine)} |"
    )
    print(
        f"| writes acknowledged / lost / half-applied | {verdict.acked} / {verdict.lost} / {verdict.half_applied} |"
    )
    print(
        f"| read-model mismatches / counter drift | {verdict.read_model_mismatches} / {verdict.counter_drift} |"
    )
    if run.status:
        failures.append(f"the migration exited {run.status}")
    failures += [
        f"a request waited {w.ms:.0f} ms for {w.lock} on {w.on} (limit {args.limit_ms:.0f} ms)"
        for w in api
        if w.ms >= args.limit_ms
    ]
    failures += [
        f"{n} requests: {k}" for k, n in outcomes.items() if k.startswith("FAIL")
    ]
    if run.stuck:
        failures.append(f"{run.stuck} clients did not stop within 30 s")
    return failures + verdict.problems
