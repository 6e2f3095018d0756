"""Write cost of the read model: status inserts with and without triggers.

Each variant runs inside a transaction that is rolled back, so the
benchmark database is left as it was (the dead tuples go to the next
``VACUUM``).  "Without" disables the user triggers of ``jobs_jobstatus``
and ``jobs_job`` with ``ALTER TABLE ... DISABLE TRIGGER USER`` inside that
transaction (foreign-key checks stay on), which is the naive design's
write path: a plain insert and nothing else.
"""

from __future__ import annotations

import statistics
import time
from dataclasses import dataclass

import psycopg

_DISABLE = (
    "ALTER TABLE jobs_jobstatus DISABLE TRIGGER USER",
    "ALTER TABLE jobs_job DISABLE TRIGGER USER",
)

# One statement inserting many rows, each a new latest status of its job.
_BULK_SQL = """
INSERT INTO jobs_jobstatus (job_id, status_type, timestamp)
SELECT b.id,
       (ARRAY['PENDING','RUNNING','COMPLETED','FAILED','CANCELLED'])[1 + g %% 5],
       clock_timestamp() + g * interval '1 microsecond'
FROM generate_series(0, %(rows)s - 1) AS g
JOIN bench_ids b ON b.rn = g %% %(jobs)s
"""

# Many single-row statements: the API's write pattern (one status per call).
_SINGLE_SQL = """
DO $$
DECLARE r record;
BEGIN
  FOR r IN SELECT g, b.id FROM generate_series(0, {rows} - 1) AS g
           JOIN bench_ids b ON b.rn = g % {jobs} LOOP
    INSERT INTO jobs_jobstatus (job_id, status_type, timestamp)
    VALUES (r.id, (ARRAY['PENDING','RUNNING','COMPLETED','FAILED','CANCELLED'])[1 + r.g % 5],
            clock_timestamp());
  END LOOP;
END $$
"""


@dataclass
class TriggerCost:
    """Rows per second of each insert pattern, with and without triggers."""

    label: str
    rows: int
    jobs: int
    with_triggers_rps: float
    without_triggers_rps: float

    @property
    def slowdown(self) -> float:
        """How many times slower the insert is with the triggers."""
        return self.without_triggers_rps / self.with_triggers_rps


def _timed(
    conn: psycopg.Connection, sql: str, params: dict | None, *, triggers: bool
) -> float:
    """Run ``sql`` in a rolled-back transaction; return seconds."""
    conn.execute("BEGIN")
    try:
        if not triggers:
            for statement in _DISABLE:
                conn.execute(statement)
        started = time.perf_counter()
        conn.execute(sql, params)
        return time.perf_counter() - started
    finally:
        conn.execute("ROLLBACK")


def measure_trigger_cost(
    database_url: str, *, bulk_rows: int, single_rows: int, repeats: int
) -> list[TriggerCost]:
    """Measure bulk and single-row status inserts, triggers on and off.

    Rows are spread over ``min(rows / 2, jobs in table)`` of the oldest
    jobs, each new row being the latest status of its job (the trigger's
    common path: it updates the job and moves one count).  Variants are
    interleaved ``repeats`` times and the median is reported.
    """
    results: list[TriggerCost] = []
    with psycopg.connect(database_url, autocommit=True) as conn:
        conn.execute("SET statement_timeout = 0")
        total = conn.execute("SELECT count(*) FROM jobs_job").fetchone()[0]
        for label, rows, sql_for in (
            ("bulk INSERT ... SELECT (1 statement)", bulk_rows, "bulk"),
            ("single-row INSERTs (1 per statement)", single_rows, "single"),
        ):
            jobs = max(1, min(rows // 2, total))
            conn.execute("DROP TABLE IF EXISTS bench_ids")
            conn.execute(
                "CREATE TEMP TABLE bench_ids AS SELECT id, "
                "(row_number() OVER (ORDER BY id) - 1) AS rn "
                "FROM (SELECT id FROM jobs_job ORDER BY id LIMIT %s) AS t",
                (jobs,),
            )
            conn.execute("CREATE INDEX ON bench_ids (rn)")
            conn.execute("ANALYZE bench_ids")
            if sql_for == "bulk":
                sql, params = _BULK_SQL, {"rows": rows, "jobs": jobs}
            else:
                sql, params = _SINGLE_SQL.format(rows=int(rows), jobs=int(jobs)), None
            on: list[float] = []
            off: list[float] = []
            for _ in range(repeats):
                on.append(_timed(conn, sql, params, triggers=True))
                off.append(_timed(conn, sql, params, triggers=False))
            results.append(
                TriggerCost(
                    label=label,
                    rows=rows,
                    jobs=jobs,
                    with_triggers_rps=rows / statistics.median(on),
                    without_triggers_rps=rows / statistics.median(off),
                )
            )
    return results
