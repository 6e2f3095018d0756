"""Exact per-status job counters, kept by triggers on ``jobs_job``.

``jobs_jobstatuscount(status_type, shard, job_count)`` holds, for every
``(current_status, id % 16)``, the number of jobs in it; ``status_type``
NULL counts jobs without any status.  The count of a status is the sum over
its sixteen shards and the total is the sum of all rows, so
``GET /api/jobs/stats/`` reads at most 96 rows whatever the table size.

What fires, and what it writes (``jobs_jobstatuscount.job_count`` only):

* ``jobs_job_status_count_ins``: AFTER INSERT FOR EACH STATEMENT (transition
  table): +n per ``(current_status, shard)`` of the new rows (NULL for a new
  job; whatever the row holds otherwise).
* ``jobs_job_status_count_del``: AFTER DELETE FOR EACH STATEMENT: -n per
  ``(current_status, shard)`` of the deleted rows.
* ``jobs_job_status_count_upd``: AFTER UPDATE FOR EACH STATEMENT: -1 under
  the old and +1 under the new ``(current_status, shard)`` of every row, the
  deltas summed per counter row and zero sums dropped, so a name change
  writes nothing and the read-model trigger's UPDATE moves one job.
* ``jobs_job_status_count_truncate``: AFTER TRUNCATE: zeroes every counter.

Invariants: for every ``(s, k)``, ``job_count = count(*) FROM jobs_job WHERE
current_status IS NOT DISTINCT FROM s AND id % 16 = k``; counters are
never read-modify-written outside a row lock, so they stay exact under
concurrent writers.

Each statement aggregates its transition table first, so it touches each
counter row once, and upserts (``INSERT ... ON CONFLICT DO UPDATE``) the rows
in ``(status_type, shard)`` order, so two statements lock shared counter rows
in the same order and cannot deadlock on them.  Sharding by ``id % 16``
spreads concurrent job creations (all under NULL, then PENDING) over
sixteen rows instead of one hot row that every writer would queue on.

The backfill recounts from ``jobs_job`` after the triggers exist, under
their SHARE ROW EXCLUSIVE lock (no concurrent job write slips in between);
``lock_timeout`` makes the migration fail fast on a busy table.  A DBA in
doubt runs ``manage.py recount_job_stats`` (``--fix`` to repair).
"""

from django.db import migrations

FORWARD_SQL = r"""
-- jobs_job -> jobs_jobstatuscount (sharded exact counters).
-- Fires: AFTER INSERT/UPDATE/DELETE (per statement) and AFTER TRUNCATE on jobs_job.
-- Writes: jobs_jobstatuscount.job_count (upsert per (status_type, shard)).
-- Invariant: job_count = number of jobs with that current_status and id % 16.
SET LOCAL lock_timeout = '5s';
SET LOCAL statement_timeout = 0;

CREATE OR REPLACE FUNCTION jobs_job_status_count()
RETURNS trigger
LANGUAGE plpgsql
VOLATILE
AS $fn$
BEGIN
    IF TG_OP = 'INSERT' THEN
        INSERT INTO jobs_jobstatuscount AS c (status_type, shard, job_count)
        SELECT current_status, (id % 16)::smallint, count(*)
          FROM new_rows
         GROUP BY 1, 2
         ORDER BY 1, 2
        ON CONFLICT (status_type, shard)
        DO UPDATE SET job_count = c.job_count + EXCLUDED.job_count;
    ELSIF TG_OP = 'DELETE' THEN
        INSERT INTO jobs_jobstatuscount AS c (status_type, shard, job_count)
        SELECT current_status, (id % 16)::smallint, -count(*)
          FROM old_rows
         GROUP BY 1, 2
         ORDER BY 1, 2
        ON CONFLICT (status_type, shard)
        DO UPDATE SET job_count = c.job_count + EXCLUDED.job_count;
    ELSE
        INSERT INTO jobs_jobstatuscount AS c (status_type, shard, job_count)
        SELECT status_type, shard, sum(delta)
          FROM (SELECT current_status AS status_type,
                       (id % 16)::smallint AS shard,
                       -1 AS delta
                  FROM old_rows
                UNION ALL
                SELECT current_status, (id % 16)::smallint, 1
                  FROM new_rows) AS d
         GROUP BY 1, 2
        HAVING sum(delta) <> 0
         ORDER BY 1, 2
        ON CONFLICT (status_type, shard)
        DO UPDATE SET job_count = c.job_count + EXCLUDED.job_count;
    END IF;
    RETURN NULL;
END
$fn$;

CREATE OR REPLACE FUNCTION jobs_job_status_count_truncate()
RETURNS trigger
LANGUAGE plpgsql
VOLATILE
AS $fn$
BEGIN
    UPDATE jobs_jobstatuscount SET job_count = 0 WHERE job_count <> 0;
    RETURN NULL;
END
$fn$;

DROP TRIGGER IF EXISTS jobs_job_status_count_ins ON jobs_job;
CREATE TRIGGER jobs_job_status_count_ins
    AFTER INSERT ON jobs_job
    REFERENCING NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION jobs_job_status_count();

DROP TRIGGER IF EXISTS jobs_job_status_count_upd ON jobs_job;
CREATE TRIGGER jobs_job_status_count_upd
    AFTER UPDATE ON jobs_job
    REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION jobs_job_status_count();

DROP TRIGGER IF EXISTS jobs_job_status_count_del ON jobs_job;
CREATE TRIGGER jobs_job_status_count_del
    AFTER DELETE ON jobs_job
    REFERENCING OLD TABLE AS old_rows
    FOR EACH STATEMENT EXECUTE FUNCTION jobs_job_status_count();

DROP TRIGGER IF EXISTS jobs_job_status_count_truncate ON jobs_job;
CREATE TRIGGER jobs_job_status_count_truncate
    AFTER TRUNCATE ON jobs_job
    FOR EACH STATEMENT EXECUTE FUNCTION jobs_job_status_count_truncate();

-- Backfill: recount from jobs_job (the triggers above hold its lock).
DELETE FROM jobs_jobstatuscount;
INSERT INTO jobs_jobstatuscount (status_type, shard, job_count)
SELECT current_status, (id % 16)::smallint, count(*)
  FROM jobs_job
 GROUP BY 1, 2
 ORDER BY 1, 2;
"""

REVERSE_SQL = r"""
SET LOCAL lock_timeout = '5s';
DROP TRIGGER IF EXISTS jobs_job_status_count_truncate ON jobs_job;
DROP TRIGGER IF EXISTS jobs_job_status_count_del ON jobs_job;
DROP TRIGGER IF EXISTS jobs_job_status_count_upd ON jobs_job;
DROP TRIGGER IF EXISTS jobs_job_status_count_ins ON jobs_job;
DROP FUNCTION IF EXISTS jobs_job_status_count_truncate();
DROP FUNCTION IF EXISTS jobs_job_status_count();
"""


class Migration(migrations.Migration):
    dependencies = [
        ("jobs", "0003_jobs_current_status_trigger"),
    ]

    operations = [
        migrations.RunSQL(sql=FORWARD_SQL, reverse_sql=REVERSE_SQL),
    ]
