"""SQL oracles for the read model, shared by the trigger and command tests.

The oracles recompute from scratch what the triggers maintain
incrementally: the latest status of every job with a plain ``SELECT
DISTINCT ON`` and the per-status counters with a ``GROUP BY``.  They take
any DB-API cursor (Django's or a raw psycopg one), so the concurrency test
can use them on its own connections.
"""

from typing import Any

# Every job whose read model differs from its latest status by
# (timestamp, id); a job without statuses must show NULLs.
READ_MODEL_MISMATCHES_SQL = """
SELECT j.id,
       j.current_status, j.status_changed_at, j.current_status_id,
       l.status_type, l."timestamp", l.id
  FROM jobs_job AS j
  LEFT JOIN (
        SELECT DISTINCT ON (job_id) job_id, id, status_type, "timestamp"
          FROM jobs_jobstatus
         ORDER BY job_id, "timestamp" DESC, id DESC
       ) AS l ON l.job_id = j.id
 WHERE (j.current_status, j.status_changed_at, j.current_status_id)
       IS DISTINCT FROM (l.status_type, l."timestamp", l.id)
 ORDER BY j.id
"""

EXPECTED_COUNTS_SQL = """
SELECT current_status, (id % 16)::smallint, count(*)
  FROM jobs_job
 GROUP BY 1, 2
"""

ACTUAL_COUNTS_SQL = """
SELECT status_type, shard, job_count
  FROM jobs_jobstatuscount
 WHERE job_count <> 0
"""

Counts = dict[tuple[str | None, int], int]


def read_model_mismatches(cursor: Any) -> list[tuple[Any, ...]]:
    """Return ``(job id, read model..., latest status...)`` rows that differ."""
    cursor.execute(READ_MODEL_MISMATCHES_SQL)
    return list(cursor.fetchall())


def expected_counts(cursor: Any) -> Counts:
    """Return jobs per ``(current_status, shard)``, counted from jobs_job."""
    cursor.execute(EXPECTED_COUNTS_SQL)
    return {(status, shard): n for status, shard, n in cursor.fetchall()}


def actual_counts(cursor: Any) -> Counts:
    """Return the non-zero trigger-maintained counters."""
    cursor.execute(ACTUAL_COUNTS_SQL)
    return {(status, shard): n for status, shard, n in cursor.fetchall()}


def assert_read_model_exact(cursor: Any) -> None:
    """Assert the invariant for every job and the counters for every shard."""
    assert read_model_mismatches(cursor) == []
    assert actual_counts(cursor) == expected_counts(cursor)


def insert_job(cursor: Any, name: str = "Fluid Dynamics Simulation #1") -> int:
    """Insert a job with raw SQL and return its id."""
    cursor.execute("INSERT INTO jobs_job (name) VALUES (%s) RETURNING id", [name])
    return int(cursor.fetchone()[0])


def insert_status(
    cursor: Any, job_id: int, status_type: str, timestamp: Any = None
) -> int:
    """Insert one status (``timestamp`` None = the column default) and return its id."""
    if timestamp is None:
        cursor.execute(
            "INSERT INTO jobs_jobstatus (job_id, status_type) VALUES (%s, %s) "
            "RETURNING id",
            [job_id, status_type],
        )
    else:
        cursor.execute(
            'INSERT INTO jobs_jobstatus (job_id, status_type, "timestamp") '
            "VALUES (%s, %s, %s) RETURNING id",
            [job_id, status_type, timestamp],
        )
    return int(cursor.fetchone()[0])


def read_model(cursor: Any, job_id: int) -> tuple[Any, ...]:
    """Return ``(current_status, status_changed_at, current_status_id, updated_at)``."""
    cursor.execute(
        "SELECT current_status, status_changed_at, current_status_id, updated_at "
        "FROM jobs_job WHERE id = %s",
        [job_id],
    )
    return tuple(cursor.fetchone())


def status_count(cursor: Any, status_type: str | None) -> int:
    """Return the counter total of one status (None = jobs without status)."""
    cursor.execute(
        "SELECT coalesce(sum(job_count), 0) FROM jobs_jobstatuscount "
        "WHERE status_type IS NOT DISTINCT FROM %s",
        [status_type],
    )
    return int(cursor.fetchone()[0])
