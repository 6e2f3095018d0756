"""The cases of the floor mode: both floors, every list case, the rest.

Each case is a name, which server answers it (``"api"`` or ``"bare"``),
its requests (cycled round by round) and the target it is read against.
"""

from __future__ import annotations

import itertools
import time
import uuid
from dataclasses import dataclass, field
from urllib.parse import urlencode

import psycopg

from benchmarks.client import RequestSource, cycle
from benchmarks.dataset import POST_NAME_PREFIX, Inputs, deep_offset
from jobs.statuses import StatusType

# Targets of issue 10, as (ratio to health p50, ratio to bare p50, ratio of
# p95 to health p50); None where the issue sets none.
LIST_TARGET = (2.0, 4.0, 2.5)
TARGETS = {
    "health": (None, 2.0, None),
    "stats": (1.3, None, None),
    "write": (2.5, None, None),
}
SEARCH_P50_MAX_MS = 20.0


@dataclass
class FloorCase:
    """One measured case of the floor table."""

    name: str
    server: str
    source: RequestSource
    target: tuple[float | None, float | None, float | None] | None = None
    search: bool = False
    latencies_ms: list[float] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)


def _deep_key(
    conn: psycopg.Connection, fields: tuple[str, ...], status: str | None, offset: int
) -> tuple:
    """The sort key of the row at ``offset`` in ``fields`` order (setup only)."""
    columns = ", ".join(f.lstrip("-") for f in fields)
    order = ", ".join(
        f"{f.lstrip('-')} {'DESC' if f.startswith('-') else 'ASC'}" for f in fields
    )
    where = "WHERE current_status = %(status)s " if status else ""
    row = conn.execute(
        f"SELECT {columns} FROM jobs_job {where}ORDER BY {order} OFFSET %(offset)s LIMIT 1",
        {"status": status, "offset": offset},
    ).fetchone()
    if row is None:
        raise RuntimeError(f"no row at offset {offset} for {fields} (status={status})")
    return tuple(row)


def _list(server_query: dict[str, object]) -> RequestSource:
    return cycle([("GET", "/api/jobs/?" + urlencode(server_query), None)])


def list_cases(database_url: str, inputs: Inputs, page_size: int) -> list[FloorCase]:
    """First and 90%-deep pages of every ordering, unfiltered and by status."""
    from core.pagination.cursor import Cursor, encode_cursor
    from jobs.pagination import JOB_ORDERINGS

    status = inputs.filter_status
    cases = []
    with psycopg.connect(database_url, autocommit=True) as conn:
        conn.execute("SET statement_timeout = 0")
        for ordering, fields in JOB_ORDERINGS.items():
            for label, filt, total in (
                ("", None, inputs.total),
                (f" status={status}", status, inputs.filter_total),
            ):
                query: dict[str, object] = {
                    "page_size": page_size,
                    "ordering": ordering,
                }
                if filt:
                    query["status"] = filt
                cases.append(
                    FloorCase(
                        f"list {ordering}{label} first",
                        "api",
                        _list(query),
                        LIST_TARGET,
                    )
                )
                key = _deep_key(
                    conn, fields, filt, deep_offset(total, 0.9, page_size) - 1
                )
                deep = {**query, "cursor": encode_cursor(Cursor(ordering, "next", key))}
                cases.append(
                    FloorCase(
                        f"list {ordering}{label} 90% deep",
                        "api",
                        _list(deep),
                        LIST_TARGET,
                    )
                )
    two = {"page_size": page_size, "status": f"{status},RUNNING"}
    cases.append(
        FloorCase(f"list status={status},RUNNING first", "api", _list(two), LIST_TARGET)
    )
    return cases


def _keyed_post_case(tag: str) -> FloorCase:
    """``POST job`` with a fresh ``Idempotency-Key`` each time: the cost of
    the key's row, its prune probe and the stored response."""
    counter = itertools.count()
    return FloorCase(
        "POST job, Idempotency-Key",
        "api",
        lambda: (
            "POST",
            "/api/jobs/",
            {"name": f"{POST_NAME_PREFIX}{tag}-k{next(counter)}"},
            {"Idempotency-Key": f'"{uuid.uuid4()}"'},
        ),
        TARGETS["write"],
    )


def other_cases(inputs: Inputs, page_size: int) -> list[FloorCase]:
    """Search terms, stats, history, PATCH and POST."""
    cases = [
        FloorCase(
            f"search {term.label} '{term.term}' ({term.matches})",
            "api",
            _list({"page_size": page_size, "search": term.term}),
            search=True,
        )
        for term in inputs.search_terms
    ]
    cases.append(
        FloorCase(
            "stats", "api", cycle([("GET", "/api/jobs/stats/", None)]), TARGETS["stats"]
        )
    )
    history = [
        ("GET", f"/api/jobs/{job_id}/statuses/", None) for job_id in inputs.job_ids
    ]
    cases.append(FloorCase("GET history", "api", cycle(history)))
    # Seeded jobs start PENDING: the first change moves each one.
    statuses = [*StatusType.values[1:], StatusType.values[0]]
    patches = [
        ("PATCH", f"/api/jobs/{job_id}/", {"status_type": statuses[i % len(statuses)]})
        for i, job_id in enumerate(inputs.job_ids)
    ]
    cases.append(FloorCase("PATCH status", "api", cycle(patches), TARGETS["write"]))
    counter, tag = itertools.count(), time.strftime("%H%M%S")
    cases.append(
        FloorCase(
            "POST job",
            "api",
            lambda: (
                "POST",
                "/api/jobs/",
                {"name": f"{POST_NAME_PREFIX}{tag}-{next(counter)}"},
            ),
            TARGETS["write"],
        )
    )
    cases.append(_keyed_post_case(tag))
    return cases


def floor_cases(database_url: str, inputs: Inputs, page_size: int) -> list[FloorCase]:
    """Every case, the two floors first."""
    return [
        FloorCase("bare WSGI", "bare", cycle([("GET", "/", None)])),
        FloorCase(
            "/api/health/",
            "api",
            cycle([("GET", "/api/health/", None)]),
            TARGETS["health"],
        ),
        *list_cases(database_url, inputs, page_size),
        *other_cases(inputs, page_size),
    ]
