"""Keep ``jobs_job``'s read model equal to the job's latest ``JobStatus``.

The invariant, for every job at every moment (every committed state)::

    (current_status, status_changed_at, current_status_id)
        = (status_type, "timestamp", id) of the job's latest jobs_jobstatus
          row by ("timestamp" DESC, id DESC)
        = (NULL, NULL, NULL) when the job has no status rows at all

``updated_at`` moves to ``statement_timestamp()`` (the clock the columns'
``DEFAULT`` uses, so a status the API appends has ``updated_at =
status_changed_at``) whenever the read model of a job changes, and only then.

What fires, and what it writes:

* ``jobs_jobstatus_read_model_ins`` / ``_upd`` / ``_del``: AFTER INSERT /
  UPDATE / DELETE on ``jobs_jobstatus``, FOR EACH STATEMENT, with transition
  tables (a trigger with transition tables may have only one event, hence
  three triggers sharing ``jobs_jobstatus_read_model()``).  Multi-row
  statements are handled set-based: one lock query, one UPDATE.
  - INSERT: the newest new row per job replaces the pointer when it is newer
    than the pointer by ``(timestamp, id)``: one UPDATE with that row-value
    comparison in its WHERE.  A back-dated insert changes nothing.
  - DELETE: jobs whose pointed-to status was deleted are re-derived from the
    index ``jobs_status_job_ts_idx (job_id, timestamp DESC, id DESC)`` (falls
    back to the previous status, or to NULLs when none is left).  Jobs that
    no longer exist (``ON DELETE CASCADE`` from ``DELETE FROM jobs_job``) are
    skipped by the join to ``jobs_job``: a job with 100,000 statuses costs
    one hash of its job ids, no per-row work.
  - UPDATE (of ``status_type``, ``timestamp``, ``job_id`` or even ``id``):
    every job on either side (old and new ``job_id``) is re-derived.
* ``jobs_jobstatus_read_model_truncate``: AFTER TRUNCATE on
  ``jobs_jobstatus`` sets every job's read model to NULLs.
* ``jobs_job_read_model_guard_ins`` / ``_upd``: BEFORE INSERT / UPDATE on
  ``jobs_job`` FOR EACH ROW, only when a statement outside these triggers
  tries to write the three read-model columns (the WHEN clause makes every
  other write free).  The guard silently keeps the trigger-maintained values
  (NULLs on insert), so an ORM ``save()`` with stale in-memory values or a
  hand-written UPDATE cannot break the invariant.  The triggers announce
  their own writes with the transaction-local setting
  ``jobs.read_model_write = on``.

``jobs_job_refresh_read_model(bigint[])`` re-derives the given jobs (lock,
then re-check) and returns how many rows changed; the DELETE/UPDATE paths
use it, and a DBA can call it to repair a job in doubt.

Why lock and re-check (READ COMMITTED, concurrent writers of one job)
-------------------------------------------------------------------
A trigger that computed "the latest status" from its own statement's
snapshot would miss statuses inserted by transactions that commit while it
runs, and the job would end with whichever transaction committed last, not
with the latest ``(timestamp, id)``.  So every path first locks the
affected job rows (``SELECT ... ORDER BY id FOR NO KEY UPDATE``; in id
order so that multi-job statements cannot deadlock one another; NO KEY so
that it does not conflict with the KEY SHARE locks that the foreign-key
checks of concurrent status inserts hold on the same job), and only then
reads the pointer and the statuses, in a *new* statement.  In READ
COMMITTED each statement of a PL/pgSQL function takes a fresh snapshot, and
the lock is granted only after the previous holder committed or aborted, so
the re-check sees every status of every transaction that updated the job
before us.  Every transaction that touches a job's statuses passes through
this lock after writing its rows, so the last one to get the lock sees all
rows and writes the true latest; the earlier ones are overwritten or
confirmed.  (A statement-level AFTER trigger runs after all its rows are
written, which is what makes "write, then lock, then look" airtight.)

Applying this to a live table: ``lock_timeout`` makes the migration fail
fast instead of queueing behind traffic; the backfill (set-based, only rows
that differ) runs after the triggers are in place, under their table locks,
so no concurrent status write can slip between the two.

Requires PostgreSQL 15+ (``CREATE OR REPLACE`` functions, transition tables).
"""

from django.db import migrations

FORWARD_SQL = r"""
-- jobs_jobstatus -> jobs_job read model (see the migration docstring).
-- Fires: AFTER INSERT/UPDATE/DELETE (per statement) and AFTER TRUNCATE on
--        jobs_jobstatus; BEFORE INSERT/UPDATE (per row, guarded) on jobs_job.
-- Writes: jobs_job.current_status, status_changed_at, current_status_id,
--         updated_at.
-- Invariant: the three columns = the job's latest status by
--            ("timestamp", id), or NULLs when it has none.
SET LOCAL lock_timeout = '5s';
SET LOCAL statement_timeout = 0;

CREATE OR REPLACE FUNCTION jobs_job_refresh_read_model(p_job_ids bigint[])
RETURNS integer
LANGUAGE plpgsql
VOLATILE
AS $fn$
DECLARE
    changed integer;
BEGIN
    -- 1. Lock the jobs that still exist, in id order (no deadlocks between
    --    multi-job statements).  Deleted jobs simply do not match.
    PERFORM 1
      FROM jobs_job
     WHERE id = ANY (p_job_ids)
     ORDER BY id
       FOR NO KEY UPDATE;

    -- 2. A new statement: a fresh READ COMMITTED snapshot taken after the
    --    locks were granted, so it sees every committed status.
    PERFORM set_config('jobs.read_model_write', 'on', true);
    UPDATE jobs_job AS j
       SET current_status = l.status_type,
           status_changed_at = l."timestamp",
           current_status_id = l.status_id,
           updated_at = statement_timestamp()
      FROM (
            SELECT u.job_id, s.status_type, s."timestamp", s.id AS status_id
              FROM (SELECT DISTINCT x AS job_id FROM unnest(p_job_ids) AS x) AS u
              LEFT JOIN LATERAL (
                    SELECT st.status_type, st."timestamp", st.id
                      FROM jobs_jobstatus AS st
                     WHERE st.job_id = u.job_id
                     ORDER BY st."timestamp" DESC, st.id DESC
                     LIMIT 1
                   ) AS s ON true
           ) AS l
     WHERE j.id = ANY (p_job_ids)
       AND j.id = l.job_id
       AND (j.current_status, j.status_changed_at, j.current_status_id)
           IS DISTINCT FROM (l.status_type, l."timestamp", l.status_id);
    GET DIAGNOSTICS changed = ROW_COUNT;
    PERFORM set_config('jobs.read_model_write', 'off', true);
    RETURN changed;
END
$fn$;

COMMENT ON FUNCTION jobs_job_refresh_read_model(bigint[]) IS
  'Lock the given jobs, then re-derive current_status/status_changed_at/'
  'current_status_id from their latest jobs_jobstatus by (timestamp, id). '
  'Returns the number of jobs whose read model changed.';

CREATE OR REPLACE FUNCTION jobs_jobstatus_read_model()
RETURNS trigger
LANGUAGE plpgsql
VOLATILE
AS $fn$
DECLARE
    ids bigint[];
BEGIN
    -- Affected job ids as an array: "id = ANY (ids)" keeps every lookup on
    -- the primary key, whatever the planner thinks of the transition table.
    IF TG_OP = 'INSERT' THEN
        SELECT array_agg(DISTINCT job_id ORDER BY job_id) INTO ids FROM new_rows;
    ELSIF TG_OP = 'DELETE' THEN
        SELECT array_agg(DISTINCT job_id ORDER BY job_id) INTO ids FROM old_rows;
    ELSE
        SELECT array_agg(DISTINCT job_id ORDER BY job_id)
          INTO ids
          FROM (SELECT job_id FROM old_rows
                UNION ALL
                SELECT job_id FROM new_rows) AS a;
    END IF;

    -- 1. Lock the jobs that still exist, in id order.  Jobs deleted by the
    --    statement that cascaded here do not match: no further work for them.
    SELECT array_agg(id)
      INTO ids
      FROM (SELECT id
              FROM jobs_job
             WHERE id = ANY (ids)
             ORDER BY id
               FOR NO KEY UPDATE) AS locked;
    IF ids IS NULL THEN
        RETURN NULL;
    END IF;

    -- 2. New statements from here on: fresh snapshots that see every status
    --    committed by the transactions that held these locks before us.
    IF TG_OP = 'INSERT' THEN
        -- Fast path: the newest new row per job wins if it is newer than
        -- the pointer; a back-dated insert matches nothing.
        PERFORM set_config('jobs.read_model_write', 'on', true);
        UPDATE jobs_job AS j
           SET current_status = n.status_type,
               status_changed_at = n."timestamp",
               current_status_id = n.id,
               updated_at = statement_timestamp()
          FROM (
                SELECT DISTINCT ON (job_id) job_id, id, status_type, "timestamp"
                  FROM new_rows
                 ORDER BY job_id, "timestamp" DESC, id DESC
               ) AS n
         WHERE j.id = ANY (ids)
           AND j.id = n.job_id
           AND (j.status_changed_at IS NULL
                OR (j.status_changed_at, j.current_status_id)
                   < (n."timestamp", n.id));
        PERFORM set_config('jobs.read_model_write', 'off', true);

    ELSIF TG_OP = 'DELETE' THEN
        -- Only jobs that lost the very status they point to need a lookup.
        SELECT array_agg(j.id ORDER BY j.id)
          INTO ids
          FROM jobs_job AS j
         WHERE j.id = ANY (ids)
           AND EXISTS (SELECT 1 FROM old_rows AS o WHERE o.id = j.current_status_id);
        IF ids IS NOT NULL THEN
            PERFORM jobs_job_refresh_read_model(ids);
        END IF;

    ELSE
        -- UPDATE of status_type, timestamp, job_id or id: re-derive both sides.
        PERFORM jobs_job_refresh_read_model(ids);
    END IF;
    RETURN NULL;
END
$fn$;

CREATE OR REPLACE FUNCTION jobs_jobstatus_read_model_truncate()
RETURNS trigger
LANGUAGE plpgsql
VOLATILE
AS $fn$
BEGIN
    PERFORM set_config('jobs.read_model_write', 'on', true);
    UPDATE jobs_job
       SET current_status = NULL,
           status_changed_at = NULL,
           current_status_id = NULL,
           updated_at = statement_timestamp()
     WHERE current_status_id IS NOT NULL
        OR current_status IS NOT NULL
        OR status_changed_at IS NOT NULL;
    PERFORM set_config('jobs.read_model_write', 'off', true);
    RETURN NULL;
END
$fn$;

CREATE OR REPLACE FUNCTION jobs_job_read_model_guard()
RETURNS trigger
LANGUAGE plpgsql
AS $fn$
BEGIN
    IF TG_OP = 'INSERT' THEN
        -- A new job has no statuses yet.
        NEW.current_status := NULL;
        NEW.status_changed_at := NULL;
        NEW.current_status_id := NULL;
    ELSE
        NEW.current_status := OLD.current_status;
        NEW.status_changed_at := OLD.status_changed_at;
        NEW.current_status_id := OLD.current_status_id;
    END IF;
    RETURN NEW;
END
$fn$;

DROP TRIGGER IF EXISTS jobs_jobstatus_read_model_ins ON jobs_jobstatus;
CREATE TRIGGER jobs_jobstatus_read_model_ins
    AFTER INSERT ON jobs_jobstatus
    REFERENCING NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION jobs_jobstatus_read_model();

DROP TRIGGER IF EXISTS jobs_jobstatus_read_model_upd ON jobs_jobstatus;
CREATE TRIGGER jobs_jobstatus_read_model_upd
    AFTER UPDATE ON jobs_jobstatus
    REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION jobs_jobstatus_read_model();

DROP TRIGGER IF EXISTS jobs_jobstatus_read_model_del ON jobs_jobstatus;
CREATE TRIGGER jobs_jobstatus_read_model_del
    AFTER DELETE ON jobs_jobstatus
    REFERENCING OLD TABLE AS old_rows
    FOR EACH STATEMENT EXECUTE FUNCTION jobs_jobstatus_read_model();

DROP TRIGGER IF EXISTS jobs_jobstatus_read_model_truncate ON jobs_jobstatus;
CREATE TRIGGER jobs_jobstatus_read_model_truncate
    AFTER TRUNCATE ON jobs_jobstatus
    FOR EACH STATEMENT EXECUTE FUNCTION jobs_jobstatus_read_model_truncate();

DROP TRIGGER IF EXISTS jobs_job_read_model_guard_ins ON jobs_job;
CREATE TRIGGER jobs_job_read_model_guard_ins
    BEFORE INSERT ON jobs_job
    FOR EACH ROW
    WHEN (current_setting('jobs.read_model_write', true) IS DISTINCT FROM 'on'
          AND (NEW.current_status IS NOT NULL
               OR NEW.status_changed_at IS NOT NULL
               OR NEW.current_status_id IS NOT NULL))
    EXECUTE FUNCTION jobs_job_read_model_guard();

DROP TRIGGER IF EXISTS jobs_job_read_model_guard_upd ON jobs_job;
CREATE TRIGGER jobs_job_read_model_guard_upd
    BEFORE UPDATE ON jobs_job
    FOR EACH ROW
    WHEN (current_setting('jobs.read_model_write', true) IS DISTINCT FROM 'on'
          AND (NEW.current_status, NEW.status_changed_at, NEW.current_status_id)
              IS DISTINCT FROM
              (OLD.current_status, OLD.status_changed_at, OLD.current_status_id))
    EXECUTE FUNCTION jobs_job_read_model_guard();

-- Backfill (set-based, only rows that differ).  The triggers above already
-- hold SHARE ROW EXCLUSIVE on both tables, so no write slips in between.
SELECT set_config('jobs.read_model_write', 'on', true);
UPDATE jobs_job AS j
   SET current_status = l.status_type,
       status_changed_at = l."timestamp",
       current_status_id = l.id,
       updated_at = statement_timestamp()
  FROM (
        SELECT DISTINCT ON (job_id) job_id, id, status_type, "timestamp"
          FROM jobs_jobstatus
         ORDER BY job_id, "timestamp" DESC, id DESC
       ) AS l
 WHERE j.id = l.job_id
   AND (j.current_status, j.status_changed_at, j.current_status_id)
       IS DISTINCT FROM (l.status_type, l."timestamp", l.id);
UPDATE jobs_job AS j
   SET current_status = NULL,
       status_changed_at = NULL,
       current_status_id = NULL,
       updated_at = statement_timestamp()
 WHERE (j.current_status IS NOT NULL
        OR j.status_changed_at IS NOT NULL
        OR j.current_status_id IS NOT NULL)
   AND NOT EXISTS (SELECT 1 FROM jobs_jobstatus AS s WHERE s.job_id = j.id);
SELECT set_config('jobs.read_model_write', 'off', true);
"""

REVERSE_SQL = r"""
SET LOCAL lock_timeout = '5s';
DROP TRIGGER IF EXISTS jobs_job_read_model_guard_upd ON jobs_job;
DROP TRIGGER IF EXISTS jobs_job_read_model_guard_ins ON jobs_job;
DROP TRIGGER IF EXISTS jobs_jobstatus_read_model_truncate ON jobs_jobstatus;
DROP TRIGGER IF EXISTS jobs_jobstatus_read_model_del ON jobs_jobstatus;
DROP TRIGGER IF EXISTS jobs_jobstatus_read_model_upd ON jobs_jobstatus;
DROP TRIGGER IF EXISTS jobs_jobstatus_read_model_ins ON jobs_jobstatus;
DROP FUNCTION IF EXISTS jobs_job_read_model_guard();
DROP FUNCTION IF EXISTS jobs_jobstatus_read_model_truncate();
DROP FUNCTION IF EXISTS jobs_jobstatus_read_model();
DROP FUNCTION IF EXISTS jobs_job_refresh_read_model(bigint[]);
"""


class Migration(migrations.Migration):
    dependencies = [
        ("jobs", "0002_jobs_list_indexes"),
    ]

    operations = [
        migrations.RunSQL(sql=FORWARD_SQL, reverse_sql=REVERSE_SQL),
    ]
