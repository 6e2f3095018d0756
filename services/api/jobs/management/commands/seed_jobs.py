"""Seed the jobs tables with N realistic jobs, set-based (no ORM per row).

Every job gets a name like ``Protein Folding #417`` (32 workloads x 1024
numbers, so at scale many jobs share a name), a ``created_at`` spread over
the 180 days before yesterday (whole seconds, so many jobs share one), and
1-4 statuses in time order along a realistic path (PENDING -> RUNNING ->
COMPLETED/FAILED/CANCELLED, retries...).  Gaps between statuses are seconds
to hours and one in sixteen is zero, so equal timestamps (ordered by id)
occur too.  Every value is a hash of the row number or the job id, so the
job row and its statuses are generated independently and agree.

Two ways, both leaving the read model and the counters exactly as the
triggers define them (the latest status by (timestamp, id); ``updated_at``
is the time of that latest status, as if the API had appended it then):

* **Bulk** (both tables empty): one transaction locks the tables, drops
  the secondary indexes, the keys and the status foreign key, disables the
  jobs_* triggers, inserts jobs (read model written directly from the
  generated statuses) and statuses with explicit ids, re-adds jobs_job's
  key and the foreign key (NOT VALID: enforced for new rows), re-enables
  the triggers, writes the counters from the generator and moves the
  identity sequences past the new ids.  Interrupted, it rolls back to empty
  tables.  After the commit two connections build the rest side by side:
  the status history index, the status key, the foreign key's validation,
  and the list indexes (trigram first, the longest).  Writes to a table
  wait while one of its indexes is built; reads go on.  Interrupted there,
  the data is complete and consistent, and ``seed_jobs --count 0`` finishes
  whatever index or constraint step is left.
* **Append** (tables already hold data): batches of ``--batch-size`` jobs,
  one transaction each, with every trigger on; an interrupted run keeps the
  committed batches, each of them consistent.

Not idempotent by design: every run adds ``--count`` more jobs.
"""

import threading
import time
from concurrent.futures import ThreadPoolExecutor
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import connection, transaction

from jobs.models import Job, JobStatus

WORKLOADS = [
    "Fluid Dynamics Simulation", "ML Model Training", "Protein Folding",
    "Climate Model Run", "Genome Alignment", "Render Farm Batch",
    "Seismic Imaging", "Monte Carlo Risk Analysis", "Molecular Dynamics",
    "Weather Forecast Ensemble", "Particle Track Reconstruction",
    "Drug Candidate Screening", "Crash Test Simulation", "Traffic Flow Model",
    "Telescope Image Stacking", "Video Transcoding", "Log Aggregation",
    "Data Warehouse ETL", "Hyperparameter Sweep", "Recommender Training",
    "Speech Model Fine-tuning", "Quantum Chemistry Calculation",
    "Finite Element Analysis", "Ocean Circulation Model", "Wind Turbine CFD",
    "Satellite Imagery Mosaic", "Portfolio Backtest", "Lattice QCD Run",
    "Supply Chain Optimization", "Backup Verification",
    "Galaxy Merger N-Body", "Battery Chemistry Screening",
]  # fmt: skip
assert len(WORKLOADS) == 32  # noqa: S101 (indexed by 5 hash bits)

# Status paths, repeated by weight (20 rows); NULL-padded to 4 columns.
PATHS = [
    ("PENDING",), ("PENDING",),
    ("PENDING", "RUNNING"), ("PENDING", "RUNNING"), ("PENDING", "RUNNING"),
    ("PENDING", "CANCELLED"),
    *[("PENDING", "RUNNING", "COMPLETED")] * 7,
    *[("PENDING", "RUNNING", "FAILED")] * 3,
    ("PENDING", "RUNNING", "CANCELLED"),
    ("PENDING", "RUNNING", "FAILED", "RUNNING"),  # retried, running again
    ("PENDING", "RUNNING", "FAILED", "RUNNING"),
    ("PENDING", "RUNNING", "RUNNING", "COMPLETED"),  # resumed after a restart
]  # fmt: skip
assert len(PATHS) == 20  # noqa: S101

SPREAD_SECONDS = 180 * 86400
MAX_STATUSES = 4  # explicit status ids leave room for 4 per job

# Per-row attributes.  %(seed)s, %(anchor)s, %(workloads)s, %(paths)s and
# %(lens)s are query parameters; hn hashes the row number (name, created_at),
# hp hashes the job id (path, gaps between statuses).
NAME_SQL = "(%(workloads)s::text[])[1 + (hn & 31)] || ' #' || (1 + ((hn >> 5) & 1023))"
CREATED_SQL = (
    "%(anchor)s::timestamptz"
    f" - make_interval(secs => (((hn >> 20) & 16777215) %% {SPREAD_SECONDS}))"
)
PATH_SQL = "1 + ((hp & 1023) %% 20)"
GAP2_SQL = "CASE WHEN ((hp >> 10) & 15) = 0 THEN 0 ELSE (hp >> 14) & 4095 END"
GAP3_SQL = "((hp >> 26) & 32767)"
GAP4_SQL = "((hp >> 41) & 4095)"


def _offset_sql(step: str) -> str:
    """Seconds from created_at to status number ``step`` (1-based)."""
    return (
        f"CASE WHEN {step} = 1 THEN 0 WHEN {step} = 2 THEN gap2 "
        f"WHEN {step} = 3 THEN gap2 + gap3 ELSE gap2 + gap3 + gap4 END"
    )


# Bulk: rows g in [lo, hi] get job id jbase + g and status ids
# sbase + (g - 1) * 4 + step, so the read model is known without a join.
BULK_ROWS_SQL = f"""
SELECT g, jid, name, created_at, p, (%(lens)s::int[])[p] AS k, gap2, gap3, gap4
  FROM (SELECT g, jid,
               {NAME_SQL} AS name,
               {CREATED_SQL} AS created_at,
               {PATH_SQL} AS p,
               {GAP2_SQL} AS gap2, {GAP3_SQL} AS gap3, {GAP4_SQL} AS gap4
          FROM (SELECT g, %(jbase)s::bigint + g AS jid,
                       hashint8extended(g, %(seed)s) AS hn,
                       hashint8extended(%(jbase)s::bigint + g, %(seed)s + 1) AS hp
                  FROM generate_series(%(lo)s::bigint, %(hi)s::bigint) AS g) AS h
        OFFSET 0) AS a
"""

BULK_JOBS_SQL = f"""
INSERT INTO jobs_job (id, name, created_at, updated_at,
                      current_status, status_changed_at, current_status_id)
OVERRIDING SYSTEM VALUE
SELECT jid, name, created_at, last_at, (%(paths)s::text[])[p][k], last_at,
       %(sbase)s::bigint + (g - 1) * {MAX_STATUSES} + k
  FROM (SELECT r.*, r.created_at + make_interval(secs => {_offset_sql("r.k")})
                    AS last_at
          FROM ({BULK_ROWS_SQL}) AS r OFFSET 0) AS x
"""

BULK_STATUSES_SQL = f"""
INSERT INTO jobs_jobstatus (id, job_id, status_type, "timestamp")
OVERRIDING SYSTEM VALUE
SELECT %(sbase)s::bigint + (r.g - 1) * {MAX_STATUSES} + s.step, r.jid,
       (%(paths)s::text[])[r.p][s.step],
       r.created_at + make_interval(secs => {_offset_sql("s.step")})
  FROM ({BULK_ROWS_SQL}) AS r
 CROSS JOIN LATERAL generate_series(1, r.k) AS s(step)
"""

# Append: identity ids, every trigger on; one statement per batch.
APPEND_SQL = f"""
WITH new_jobs AS (
    INSERT INTO jobs_job (name, created_at, updated_at)
    SELECT name, created_at, created_at
      FROM (SELECT {NAME_SQL} AS name, {CREATED_SQL} AS created_at
              FROM (SELECT hashint8extended(g, %(seed)s) AS hn
                      FROM generate_series(%(lo)s::bigint, %(hi)s::bigint) AS g) AS h
           ) AS a
    RETURNING id, created_at
), new_statuses AS (
    INSERT INTO jobs_jobstatus (job_id, status_type, "timestamp")
    SELECT r.id, (%(paths)s::text[])[r.p][s.step],
           r.created_at + make_interval(secs => {_offset_sql("s.step")})
      FROM (SELECT id, created_at, p, (%(lens)s::int[])[p] AS k, gap2, gap3, gap4
              FROM (SELECT id, created_at, {PATH_SQL} AS p,
                           {GAP2_SQL} AS gap2, {GAP3_SQL} AS gap3, {GAP4_SQL} AS gap4
                      FROM (SELECT id, created_at,
                                   hashint8extended(id, %(seed)s + 1) AS hp
                              FROM new_jobs) AS h
                    OFFSET 0) AS a) AS r
     CROSS JOIN LATERAL generate_series(1, r.k) AS s(step)
     ORDER BY r.id, s.step
    RETURNING job_id
)
SELECT min(job_id), max(job_id), count(*) FROM new_statuses
"""

# updated_at = time of the latest status, as if the API had appended it then.
APPEND_UPDATED_AT_SQL = """
UPDATE jobs_job SET updated_at = status_changed_at
 WHERE id BETWEEN %s AND %s AND updated_at IS DISTINCT FROM status_changed_at
"""

# The counters of the bulk load, from the generator (no table scan).
BULK_COUNTS_SQL = f"""
INSERT INTO jobs_jobstatuscount (status_type, shard, job_count)
SELECT (%(paths)s::text[])[p][k], (jid %% 16)::smallint, count(*)
  FROM ({BULK_ROWS_SQL}) AS r
 GROUP BY 1, 2
 ORDER BY 1, 2
"""

SECONDARY_INDEXES_SQL = """
SELECT c.relname, pg_get_indexdef(i.indexrelid)
  FROM pg_index AS i
  JOIN pg_class AS c ON c.oid = i.indexrelid
 WHERE i.indrelid = %s::regclass
   AND NOT EXISTS (SELECT 1 FROM pg_constraint AS k WHERE k.conindid = i.indexrelid)
 ORDER BY c.relname
"""

# Keys and the foreign key, in the order to re-add them (drop: reversed).
CONSTRAINTS_SQL = """
SELECT conrelid::regclass::text, conname, pg_get_constraintdef(oid)
  FROM pg_constraint
 WHERE conrelid IN ('jobs_job'::regclass, 'jobs_jobstatus'::regclass)
   AND contype IN ('p', 'f')
 ORDER BY contype DESC, conrelid::regclass::text
"""


class Command(BaseCommand):
    help = "Add N realistic jobs with 1-4 statuses each (set-based SQL)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--count",
            type=int,
            required=True,
            help="jobs to add (0: only rebuild missing indexes)",
        )
        parser.add_argument(
            "--batch-size",
            type=int,
            default=None,
            help="jobs per statement (default 1,000,000 bulk, 50,000 append)",
        )
        parser.add_argument(
            "--seed", type=int, default=0, help="hash seed (same seed, same data)"
        )

    def handle(self, *args: Any, **options: Any) -> None:
        count: int = options["count"]
        if count < 0:
            raise CommandError("--count must be zero or a positive integer.")
        batch = options["batch_size"]
        if batch is not None and batch < 1:
            raise CommandError("--batch-size must be a positive integer.")
        self.started = time.monotonic()
        # A previous run interrupted while building indexes left some out.
        self._ensure_schema()
        if count == 0:
            return
        params = self._common_params(options["seed"])
        if self._tables_empty():
            self._bulk(count, batch or 1_000_000, params)
        else:
            self._append(count, batch or 50_000, params)
        self._step("ANALYZE")
        with connection.cursor() as cur:
            cur.execute("ANALYZE jobs_job, jobs_jobstatus, jobs_jobstatuscount")
        self._step(f"done: {count:,} jobs")

    # -- helpers -------------------------------------------------------------

    def _step(self, what: str) -> None:
        elapsed = time.monotonic() - self.started
        self.stdout.write(f"[{elapsed:7.1f}s] {what}")
        self.stdout.flush()

    def _common_params(self, seed: int) -> dict[str, Any]:
        with connection.cursor() as cur:
            # Whole seconds, a day back: every seeded time is in the past, so
            # a status the API appends now is always the latest.
            cur.execute("SELECT date_trunc('second', now()) - interval '1 day'")
            anchor = cur.fetchone()[0]
        paths = [list(p) + [None] * (MAX_STATUSES - len(p)) for p in PATHS]
        return {
            "seed": seed,
            "anchor": anchor,
            "workloads": WORKLOADS,
            "paths": paths,
            "lens": [len(p) for p in PATHS],
        }

    def _tables_empty(self) -> bool:
        with connection.cursor() as cur:
            cur.execute(
                "SELECT NOT EXISTS (SELECT 1 FROM jobs_job) "
                "AND NOT EXISTS (SELECT 1 FROM jobs_jobstatus)"
            )
            return bool(cur.fetchone()[0])

    def _bulk(self, count: int, batch: int, params: dict[str, Any]) -> None:
        """Load into empty tables fast; see the module docstring."""
        qn = connection.ops.quote_name
        with transaction.atomic(), connection.cursor() as cur:
            cur.execute("SET LOCAL statement_timeout = 0")
            cur.execute("SET LOCAL lock_timeout = '10s'")
            cur.execute("SET LOCAL maintenance_work_mem = '1GB'")
            cur.execute("SET LOCAL work_mem = '256MB'")
            cur.execute("SET LOCAL synchronous_commit = off")
            cur.execute(
                "LOCK TABLE jobs_job, jobs_jobstatus, jobs_jobstatuscount "
                "IN ACCESS EXCLUSIVE MODE"
            )
            if not self._tables_empty():
                raise CommandError("Rows appeared while seeding began; run again.")
            self._step(f"bulk mode: {count:,} jobs into empty tables")

            indexes: list[tuple[str, str, str]] = []
            for table in ("jobs_job", "jobs_jobstatus"):
                cur.execute(SECONDARY_INDEXES_SQL, [table])
                indexes += [(table, name, sql) for name, sql in cur.fetchall()]
            # Foreign key first (it depends on jobs_job's key), then the keys.
            cur.execute(CONSTRAINTS_SQL)
            constraints = cur.fetchall()
            for table, name, _ in reversed(constraints):
                cur.execute(f"ALTER TABLE {table} DROP CONSTRAINT {qn(name)}")
            for _, name, _ in indexes:
                cur.execute(f"DROP INDEX {qn(name)}")
            cur.execute("ALTER TABLE jobs_job DISABLE TRIGGER USER")
            cur.execute("ALTER TABLE jobs_jobstatus DISABLE TRIGGER USER")

            cur.execute("SELECT nextval(pg_get_serial_sequence('jobs_job', 'id'))")
            jbase = cur.fetchone()[0] - 1
            cur.execute(
                "SELECT nextval(pg_get_serial_sequence('jobs_jobstatus', 'id'))"
            )
            sbase = cur.fetchone()[0] - 1
            params = {**params, "jbase": jbase, "sbase": sbase}

            for what, sql in (("jobs", BULK_JOBS_SQL), ("statuses", BULK_STATUSES_SQL)):
                inserted = 0
                for lo in range(1, count + 1, batch):
                    hi = min(lo + batch - 1, count)
                    cur.execute(sql, {**params, "lo": lo, "hi": hi})
                    inserted += cur.rowcount
                    self._step(
                        f"{what}: {inserted:,} rows (jobs {hi:,}/{count:,}, "
                        f"{100 * hi // count}%)"
                    )

            # Before commit: jobs_job's key (the foreign key needs it) and the
            # foreign key itself, NOT VALID (new rows are checked; the seeded
            # ones are validated below, on another connection).  The rest is
            # built after the commit, two at a time.
            later: list[str] = []
            for table, name, definition in constraints:
                if table == "jobs_job":
                    cur.execute(
                        f"ALTER TABLE {table} ADD CONSTRAINT {qn(name)} {definition}"
                    )
                    self._step(f"{table}: constraint {name} re-added")
                elif definition.startswith("FOREIGN KEY"):
                    cur.execute(
                        f"ALTER TABLE {table} ADD CONSTRAINT {qn(name)} "
                        f"{definition} NOT VALID"
                    )
                    later.append(f"ALTER TABLE {table} VALIDATE CONSTRAINT {qn(name)}")
                else:
                    later.insert(
                        0, f"ALTER TABLE {table} ADD CONSTRAINT {qn(name)} {definition}"
                    )
            # Status-table work first (one at a time: they lock that table),
            # the trigram index (the longest) beside it, then the rest.
            status_indexes = [d for t, _, d in indexes if t == "jobs_jobstatus"]
            job_indexes = sorted(
                (d for t, _, d in indexes if t == "jobs_job"),
                key=lambda d: "gin" not in d,
            )
            later = status_indexes + later

            cur.execute("ALTER TABLE jobs_job ENABLE TRIGGER USER")
            cur.execute("ALTER TABLE jobs_jobstatus ENABLE TRIGGER USER")
            cur.execute("DELETE FROM jobs_jobstatuscount")
            cur.execute(BULK_COUNTS_SQL, {**params, "lo": 1, "hi": count})
            cur.execute(
                "SELECT setval(pg_get_serial_sequence('jobs_job', 'id'), %s), "
                "setval(pg_get_serial_sequence('jobs_jobstatus', 'id'), %s)",
                [jbase + count, sbase + count * MAX_STATUSES],
            )
            self._step("triggers re-enabled, counters written; committing")
        self._run_two_at_a_time(later, job_indexes)

    def _run_two_at_a_time(self, first: list[str], second: list[str]) -> None:
        """Run two queues of DDL side by side, each on its own connection.

        ``first`` and ``second`` each run in order (statements on one table
        would only queue on each other's locks); whichever queue finishes
        first takes over the tail of the other.  CREATE INDEX takes a SHARE
        lock: reads go on, writes wait.  If the run dies here the data is
        complete and consistent; ``seed_jobs --count 0`` finishes the job.
        """
        pending = [list(first), list(second)]
        lock = threading.Lock()

        def take(mine: int) -> str | None:
            with lock:
                for queue in (pending[mine], pending[1 - mine]):
                    if queue:
                        return queue.pop(0) if queue is pending[mine] else queue.pop()
            return None

        def work(mine: int) -> None:
            try:
                with connection.cursor() as cur:
                    cur.execute("SET statement_timeout = 0")
                    cur.execute("SET maintenance_work_mem = '1GB'")
                    while (statement := take(mine)) is not None:
                        cur.execute(statement)
                        self._step(" ".join(statement.split()[:6]) + " ... done")
            finally:
                connection.close()  # this thread's own connection

        with ThreadPoolExecutor(max_workers=2) as pool:
            for future in [pool.submit(work, 0), pool.submit(work, 1)]:
                future.result()

    def _ensure_schema(self) -> None:
        """Finish what an interrupted bulk run left undone.

        Creates every index the models declare but the database lacks, the
        status table's primary key if missing, and validates a NOT VALID
        foreign key.
        """
        with connection.cursor() as cur:
            cur.execute(
                "SELECT indexname FROM pg_indexes "
                "WHERE tablename IN ('jobs_job', 'jobs_jobstatus')"
            )
            present = {row[0] for row in cur.fetchall()}
            cur.execute(
                "SELECT conname, contype, convalidated FROM pg_constraint "
                "WHERE conrelid = 'jobs_jobstatus'::regclass AND contype IN ('p', 'f')"
            )
            constraints = cur.fetchall()
        todo: list[str] = []
        with connection.schema_editor(collect_sql=True) as editor:
            for model in (JobStatus, Job):
                for index in model._meta.indexes:
                    if index.name not in present:
                        todo.append(str(index.create_sql(model, editor)))
        if not any(contype == "p" for _, contype, _ in constraints):
            todo.append(
                "ALTER TABLE jobs_jobstatus ADD CONSTRAINT jobs_jobstatus_pkey "
                "PRIMARY KEY (id)"
            )
        for name, contype, validated in constraints:
            if contype == "f" and not validated:
                todo.append(
                    "ALTER TABLE jobs_jobstatus VALIDATE CONSTRAINT "
                    + connection.ops.quote_name(name)
                )
        if todo:
            self._step(f"finishing {len(todo)} index/constraint step(s) left undone")
            status_work = [t for t in todo if "jobs_jobstatus" in t]
            self._run_two_at_a_time(
                status_work, [t for t in todo if t not in status_work]
            )

    def _append(self, count: int, batch: int, params: dict[str, Any]) -> None:
        self._step(f"append mode: {count:,} jobs in batches of {batch:,}")
        with connection.cursor() as cur:
            cur.execute("SELECT coalesce(max(id), 0) FROM jobs_job")
            offset = cur.fetchone()[0]  # row numbers continue: fresh names
        done = 0
        for lo in range(1, count + 1, batch):
            hi = min(lo + batch - 1, count)
            with transaction.atomic(), connection.cursor() as cur:
                cur.execute("SET LOCAL statement_timeout = 0")
                cur.execute(
                    APPEND_SQL, {**params, "lo": offset + lo, "hi": offset + hi}
                )
                first_id, last_id, _ = cur.fetchone()
                cur.execute(APPEND_UPDATED_AT_SQL, [first_id, last_id])
            done = hi
            self._step(f"jobs: {done:,}/{count:,} ({100 * done // count}%)")
