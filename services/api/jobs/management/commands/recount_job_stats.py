"""Check the read model and the per-status counters; report (and fix) drift.

The read model of ``jobs_job`` (migration 0003) and the counters in
``jobs_jobstatuscount`` (migration 0004) are kept by triggers and should
never drift; this command is how a DBA makes sure.  It checks both:

* the read model: every job whose ``(current_status, status_changed_at,
  current_status_id)`` differs from its latest status by ``(timestamp,
  id)`` (NULLs without statuses); one index probe per job, so a full pass
  over the table (about a second per million jobs);
* the counters: jobs counted per ``(current_status, id % STATUS_COUNT_SHARDS)`` against the
  stored shards.

* Without ``--fix`` it reads the jobs and the counters in one REPEATABLE
  READ, READ ONLY transaction: one snapshot, so the comparison is exact even
  while the API writes (counters change in the same transaction as the
  jobs), and it blocks nobody.  Prints counted vs stored per status and
  exits with status 1 when anything drifted.
* With ``--fix`` it locks ``jobs_job`` in SHARE mode (reads go on; job and
  status writes wait for the few seconds it takes), recounts, and rewrites
  only the counter rows that differ, so the result is exact when it commits.
  Drifted read models are repaired first, through the triggers' own
  ``jobs_job_refresh_read_model()``, whose UPDATE moves the counters too.
"""

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import connection, transaction

from jobs.statuses import STATUS_COUNT_SHARDS, StatusType

# Jobs whose read model differs from their latest status (ids, ascending).
READ_MODEL_DRIFT_SQL = """
SELECT j.id
  FROM jobs_job AS j
  LEFT JOIN LATERAL (
        SELECT s.status_type, s."timestamp", s.id
          FROM jobs_jobstatus AS s
         WHERE s.job_id = j.id
         ORDER BY s."timestamp" DESC, s.id DESC
         LIMIT 1
       ) AS l ON true
 WHERE (j.current_status, j.status_changed_at, j.current_status_id)
       IS DISTINCT FROM (l.status_type, l."timestamp", l.id)
 ORDER BY j.id
"""

# Job ids printed when the read model drifted (the count is always exact).
SHOWN_JOB_IDS = 20

DRIFT_SQL = f"""
WITH counted AS (
    SELECT current_status AS status_type, (id % {STATUS_COUNT_SHARDS})::smallint AS shard,
           count(*) AS job_count
      FROM jobs_job
     GROUP BY 1, 2
), stored AS (
    SELECT status_type, shard, sum(job_count) AS job_count
      FROM jobs_jobstatuscount
     GROUP BY 1, 2
)
SELECT coalesce(c.status_type, s.status_type) AS status_type,
       coalesce(c.shard, s.shard) AS shard,
       coalesce(c.job_count, 0) AS counted,
       coalesce(s.job_count, 0) AS stored
  FROM counted AS c
  FULL JOIN stored AS s
    ON s.status_type IS NOT DISTINCT FROM c.status_type AND s.shard = c.shard
"""

FIX_SQL = f"""
WITH counted AS (
    SELECT current_status AS status_type, (id % {STATUS_COUNT_SHARDS})::smallint AS shard,
           count(*) AS job_count
      FROM jobs_job
     GROUP BY 1, 2
), target AS (
    SELECT k.status_type, k.shard, coalesce(c.job_count, 0) AS job_count
      FROM (SELECT status_type, shard FROM jobs_jobstatuscount
            UNION
            SELECT status_type, shard FROM counted) AS k
      LEFT JOIN counted AS c
        ON c.status_type IS NOT DISTINCT FROM k.status_type AND c.shard = k.shard
)
INSERT INTO jobs_jobstatuscount AS t (status_type, shard, job_count)
SELECT status_type, shard, job_count FROM target ORDER BY 1, 2
ON CONFLICT (status_type, shard) DO UPDATE SET job_count = EXCLUDED.job_count
 WHERE t.job_count IS DISTINCT FROM EXCLUDED.job_count
"""

STATUS_ORDER = [*StatusType.values, None]


class Command(BaseCommand):
    help = (
        "Check the read model and per-status job counters against the "
        "history; report (and --fix) drift."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--fix",
            action="store_true",
            help="repair drifted read models and counters (locks jobs_job against writes briefly)",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        if options["fix"]:
            with transaction.atomic(), connection.cursor() as cur:
                cur.execute("SET LOCAL statement_timeout = 0")
                cur.execute("SET LOCAL lock_timeout = '10s'")
                # SHARE: conflicts with every writer of jobs_job (status
                # writes reach it through the read-model trigger), not readers.
                cur.execute("LOCK TABLE jobs_job IN SHARE MODE")
                cur.execute(READ_MODEL_DRIFT_SQL)
                stale = [row[0] for row in cur.fetchall()]
                if stale:
                    cur.execute("SELECT jobs_job_refresh_read_model(%s)", [stale])
                cur.execute(DRIFT_SQL)
                rows = cur.fetchall()
                cur.execute(FIX_SQL)
                fixed = cur.rowcount
            drifted = self._report_read_model(stale)
            drifted = self._report(rows) or drifted
            if drifted:
                self.stdout.write(
                    f"Fixed: {len(stale)} read model(s) re-derived, "
                    f"{fixed} counter row(s) rewritten."
                )
            return

        if connection.in_atomic_block:
            raise CommandError("Run outside a transaction: it needs its own snapshot.")
        with connection.cursor() as cur:
            cur.execute(
                "BEGIN ISOLATION LEVEL REPEATABLE READ, READ ONLY; "
                "SET LOCAL statement_timeout = 0"
            )
            try:
                cur.execute(READ_MODEL_DRIFT_SQL)
                stale = [row[0] for row in cur.fetchall()]
                cur.execute(DRIFT_SQL)
                rows = cur.fetchall()
            finally:
                cur.execute("COMMIT")
        drifted = self._report_read_model(stale)
        if self._report(rows) or drifted:
            raise CommandError(
                "Read model or counters drifted; rerun with --fix to repair them."
            )

    def _report_read_model(self, stale: list[int]) -> bool:
        """Print how many jobs' read model drifted; return True if any did."""
        if not stale:
            self.stdout.write("Read model: every job matches its latest status.")
            return False
        shown = ", ".join(str(job_id) for job_id in stale[:SHOWN_JOB_IDS])
        more = (
            f" (and {len(stale) - SHOWN_JOB_IDS} more)"
            if len(stale) > SHOWN_JOB_IDS
            else ""
        )
        self.stdout.write(
            f"Read model: {len(stale)} job(s) differ from their latest status: "
            f"{shown}{more}."
        )
        return True

    def _report(self, rows: list[tuple[Any, ...]]) -> bool:
        """Print counted vs stored per status; return True if any shard drifted."""
        per_status: dict[str | None, list[int]] = {s: [0, 0, 0] for s in STATUS_ORDER}
        for status, _shard, counted, stored in rows:
            totals = per_status.setdefault(status, [0, 0, 0])
            totals[0] += counted
            totals[1] += stored
            totals[2] += int(counted != stored)
        self.stdout.write(
            f"{'status':<12}{'counted':>14}{'stored':>14}{'drift':>10}  shards off"
        )
        for status, (counted, stored, shards_off) in per_status.items():
            label = status or "(no status)"
            self.stdout.write(
                f"{label:<12}{counted:>14,}{stored:>14,}{stored - counted:>+10,}"
                f"  {shards_off}"
            )
        total_counted = sum(v[0] for v in per_status.values())
        total_stored = sum(v[1] for v in per_status.values())
        self.stdout.write(
            f"{'total':<12}{total_counted:>14,}{total_stored:>14,}"
            f"{total_stored - total_counted:>+10,}"
        )
        drifted = any(v[2] for v in per_status.values())
        self.stdout.write("Drift found." if drifted else "No drift.")
        return drifted
