"""SQL that proves the read model and the counters exact, for any ``query``.

``query(sql) -> list[tuple[str, ...]]`` is a function that runs one
statement and returns its rows as text (``reliability.soak`` passes psql,
natively or inside the Docker ``db`` container); the oracles are the ones
docs/architecture.md states.
"""

from __future__ import annotations

from collections.abc import Callable

from jobs.statuses import STATUS_COUNT_SHARDS

Query = Callable[[str], list[tuple[str, ...]]]

# Jobs whose read model differs from their latest status by (timestamp, id).
READ_MODEL_MISMATCHES_SQL = """
SELECT count(*) FROM jobs_job AS j
  LEFT JOIN (SELECT DISTINCT ON (job_id) job_id, id, status_type, "timestamp"
               FROM jobs_jobstatus ORDER BY job_id, "timestamp" DESC, id DESC) AS l
    ON l.job_id = j.id
 WHERE (j.current_status, j.status_changed_at, j.current_status_id)
       IS DISTINCT FROM (l.status_type, l."timestamp", l.id)
"""

# (status, shard) pairs whose stored counter differs from a recount.
COUNTER_DRIFT_SQL = f"""
SELECT count(*) FROM (
  SELECT current_status AS s, (id % {STATUS_COUNT_SHARDS})::smallint AS shard, count(*) AS n
    FROM jobs_job GROUP BY 1, 2) AS c
  FULL JOIN (SELECT status_type AS s, shard, sum(job_count) AS n
               FROM jobs_jobstatuscount GROUP BY 1, 2) AS t
    ON t.s IS NOT DISTINCT FROM c.s AND t.shard = c.shard
 WHERE coalesce(c.n, 0) <> coalesce(t.n, 0)
"""


def read_model_mismatches(query: Query) -> int:
    """Return how many jobs break the read-model invariant (0 when exact)."""
    return int(query(READ_MODEL_MISMATCHES_SQL)[0][0])


def counter_drift(query: Query) -> int:
    """Return how many (status, shard) counters differ from a recount."""
    return int(query(COUNTER_DRIFT_SQL)[0][0])


# A status appended inside a transaction that is rolled back: 1 when the
# triggers moved the job's read model to it and kept the counters exact.
# A script (psql runs it), not one statement; it leaves nothing behind.
TRIGGER_PROBE_SQL = f"""
BEGIN;
CREATE TEMP TABLE jobs_probe ON COMMIT DROP AS
  SELECT id FROM jobs_job WHERE current_status IS DISTINCT FROM 'FAILED'
   ORDER BY id LIMIT 1;
INSERT INTO jobs_jobstatus (job_id, status_type) SELECT id, 'FAILED' FROM jobs_probe;
SELECT (SELECT count(*) FROM jobs_job JOIN jobs_probe USING (id)
         WHERE current_status = 'FAILED')
       * (SELECT CASE WHEN count(*) = 0 THEN 1 ELSE 0 END
            FROM ({COUNTER_DRIFT_SQL}) AS d WHERE d.count > 0);
ROLLBACK;
"""


def triggers_move_read_model(query: Query) -> bool:
    """Return whether a status appended (then rolled back) moves the read model."""
    return query(TRIGGER_PROBE_SQL)[-1][0] == "1"
