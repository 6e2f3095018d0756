"""The soak's verdict per request and its table.

``classify`` names the outcome of one request (``ok``, an allowed fault,
or ``FAIL ...``); ``report`` prints the table and returns the failures.
Times are seconds of ``time.monotonic()``.
"""

from __future__ import annotations

from dataclasses import dataclass

from reliability.soak_clients import Record
from reliability.soak_verify import Verdict

RECOVERY_LIMIT_S = 10.0


@dataclass
class Fault:
    kind: str  # "pg-restart" or "worker-kill"
    at: float  # monotonic time the fault was injected
    ready: float  # monotonic time PostgreSQL answered again (= at for a kill)


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
