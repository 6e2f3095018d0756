"""``EXPLAIN (ANALYZE, BUFFERS)`` of our deep page and of the baseline's.

Our SQL is not re-typed here: the request runs in-process through
Django's test client and the exact statement the API sent is captured,
so the plan shown is the plan of the product's query.
"""

from __future__ import annotations

from urllib.parse import urlencode

import psycopg

from benchmarks.cursor import list_cursor
from benchmarks.dataset import deep_offset
from benchmarks.naive import PAGE_SIZE, naive_count_sql, naive_page_sql


def _captured_list_sql(path: str) -> str:
    """Run ``GET path`` in-process; return the SQL that read the page."""
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    client = Client(HTTP_HOST="127.0.0.1")
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(path)
    if response.status_code != 200:
        raise RuntimeError(f"GET {path} answered {response.status_code}")
    candidates = [
        q["sql"]
        for q in ctx.captured_queries
        if "jobs_job" in q["sql"] and "LIMIT" in q["sql"]
    ]
    if not candidates:
        raise RuntimeError(f"no list query captured for {path}")
    return candidates[-1]


def _explain(conn: psycopg.Connection, sql: str) -> str:
    rows = conn.execute("EXPLAIN (ANALYZE, BUFFERS) " + sql).fetchall()
    return "\n".join(row[0] for row in rows)


def _ours_deep_sql(inputs, page_size: int) -> tuple[str, str]:  # noqa: ANN001
    """Return the SQL of our 90%-deep page, unfiltered and one status."""
    created_at, job_id = inputs.deep_rows["list 90%"]
    s_created, s_id = inputs.deep_rows["status 90%"]
    deep = {"page_size": page_size, "cursor": list_cursor(created_at, job_id)}
    status = {
        "page_size": page_size,
        "status": inputs.filter_status,
        "cursor": list_cursor(s_created, s_id),
    }
    return (
        _captured_list_sql("/api/jobs/?" + urlencode(deep)),
        _captured_list_sql("/api/jobs/?" + urlencode(status)),
    )


def explain_cases(  # noqa: ANN001
    database_url: str, inputs, page_size: int, *, baseline: bool = True
) -> list[tuple[str, str, str]]:
    """Return (title, sql, plan) for our deep pages and the baseline's."""
    ours_deep, ours_status = _ours_deep_sql(inputs, page_size)
    offset = deep_offset(inputs.total, 0.9, page_size)
    params = {"status": None, "limit": PAGE_SIZE, "offset": offset}
    with psycopg.connect(database_url, autocommit=True) as conn:
        conn.execute("SET statement_timeout = 0")
        mog = psycopg.ClientCursor(conn)
        _explain(conn, ours_deep)  # warm, as the HTTP cases were
        titled = [
            ("Ours: list page 90% deep (keyset cursor)", ours_deep),
            (f"Ours: status={inputs.filter_status}, 90% deep", ours_status),
        ]
        if baseline:
            titled += [
                (
                    "Baseline: list page 90% deep (OFFSET)",
                    mog.mogrify(naive_page_sql(filtered=False), params),
                ),
                (
                    "Baseline: total count (every page)",
                    mog.mogrify(naive_count_sql(filtered=False), params),
                ),
            ]
        return [(title, sql, _explain(conn, sql)) for title, sql in titled]
