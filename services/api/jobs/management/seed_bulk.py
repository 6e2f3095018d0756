"""``seed_jobs --bulk``: load empty tables with the triggers off.

The default load writes through the triggers and takes about 40 s per
million jobs here; this path meets the 30 s a developer waits for a 1M
demo database (docs/performance.md, "Seeding").  It writes what the
triggers would have written (each job's read model is its last generated
status, ``updated_at`` its time, the counters the ``GROUP BY`` of
``recount_job_stats``), and ``seed_jobs`` then checks the result with
``recount_job_stats``' drift queries, so a mistake here fails the load
instead of leaving a wrong read model.  Job ids are the row numbers and a
status id is ``(job id - 1) * 4 + step``: both known before the insert, so
each row is written once.
"""

from collections.abc import Callable
from typing import Any

from jobs.management.seed_data import (
    CREATED_SQL,
    GAP2_SQL,
    GAP3_SQL,
    GAP4_SQL,
    MAX_STATUSES,
    NAME_SQL,
    PATH_SQL,
    offset_sql,
)
from jobs.management.seed_schema import TABLES

BULK_SQL = f"""
WITH src AS MATERIALIZED (
    SELECT id, name, created_at, p, (%(lens)s::int[])[p] AS k, gap2, gap3, gap4
      FROM (SELECT g AS id, {NAME_SQL} AS name, {CREATED_SQL} AS created_at,
                   {PATH_SQL} AS p, {GAP2_SQL} AS gap2, {GAP3_SQL} AS gap3,
                   {GAP4_SQL} AS gap4
              FROM (SELECT g, hashint8extended(g, %(seed)s) AS hn,
                           hashint8extended(g, %(seed)s + 1) AS hp
                      FROM generate_series(%(lo)s::bigint, %(hi)s::bigint) AS g) AS h
           ) AS a
), new_jobs AS (
    INSERT INTO jobs_job (id, name, created_at, updated_at, current_status,
                          status_changed_at, current_status_id)
    SELECT id, name, created_at, changed_at, (%(paths)s::text[])[p][k], changed_at,
           (id - 1) * {MAX_STATUSES} + k
      FROM (SELECT *, created_at + make_interval(secs => {offset_sql("k")}) AS changed_at
              FROM src) AS last_status
), new_statuses AS (
    INSERT INTO jobs_jobstatus (id, job_id, status_type, "timestamp")
    SELECT (src.id - 1) * {MAX_STATUSES} + s.step, src.id,
           (%(paths)s::text[])[src.p][s.step],
           src.created_at + make_interval(secs => {offset_sql("s.step")})
      FROM src
     CROSS JOIN LATERAL generate_series(1, src.k) AS s(step)
     ORDER BY src.id, s.step
)
SELECT count(*) FROM src
"""

SEQUENCES_SQL = """
SELECT setval(pg_get_serial_sequence('jobs_job', 'id'),
              (SELECT coalesce(max(id), 0) + 1 FROM jobs_job), false),
       setval(pg_get_serial_sequence('jobs_jobstatus', 'id'),
              (SELECT coalesce(max(id), 0) + 1 FROM jobs_jobstatus), false)
"""


def insert_bulk(
    cur: Any,
    count: int,
    batch: int,
    params: dict[str, Any],
    step: Callable[[str], None],
) -> None:
    """Insert jobs 1..``count`` and their statuses with user triggers off.

    Call inside the load's transaction, with the tables locked and empty;
    the triggers are on again when it returns, and one "many" notification
    is queued for the commit (the live updates).  Counters come from
    ``recount_job_stats``' ``FIX_SQL`` (imported late: a command module).
    """
    from jobs.management.commands.recount_job_stats import FIX_SQL

    for table in TABLES:
        cur.execute(f"ALTER TABLE {table} DISABLE TRIGGER USER")
    for lo in range(1, count + 1, batch):
        hi = min(lo + batch - 1, count)
        cur.execute(BULK_SQL, {**params, "lo": lo, "hi": hi})
        step(f"jobs: {hi:,}/{count:,} ({100 * hi // count}%), triggers off")
    cur.execute(SEQUENCES_SQL)
    for table in TABLES:
        cur.execute(f"ALTER TABLE {table} ENABLE TRIGGER USER")
    cur.execute(FIX_SQL)
    # What the live-update trigger (migration 0013) would have said, sent at
    # commit: open event streams resync.
    cur.execute("""SELECT pg_notify('jobs_job_changes', '{"many":true}')""")
    step("triggers back on, counters written, live updates told")
