"""Seed the jobs tables with N realistic jobs, set-based (no ORM per row).

The data is described in ``jobs.management.seed_data``.  Every batch is one
``INSERT`` of jobs and their statuses with every trigger on, so the read
model and the counters are written by the triggers of migrations 0003/0004
exactly as for the API, then one ``UPDATE`` puts ``updated_at`` at the time
of each job's latest status (as if the API had appended it then).  Each
batch is its own transaction: an interrupted run keeps the committed
batches, each of them consistent.

Into empty tables the whole load is one transaction that first drops the
models' indexes and the status foreign key (per-row checks are a third of
the insert time).  It commits with the foreign key back as NOT VALID
(checked for new rows); then PostgreSQL validates it in one pass and the
indexes are built from the models' definitions, two at a time (writes
wait, reads go on).  Interrupted before the commit, the tables are empty
again; after it, the data is complete and consistent and ``seed_jobs
--count 0`` finishes whatever validation or index is left.  The numbers
are in docs/performance.md ("Seeding").

Not idempotent by design: every run adds ``--count`` more jobs.
"""

import threading
import time
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import connection, transaction

from jobs.management.seed_data import BATCH_SQL, UPDATED_AT_SQL, batch_params
from jobs.models import Job, JobStatus

TABLES = ("jobs_job", "jobs_jobstatus")
FOREIGN_KEY_SQL = """
SELECT conname, pg_get_constraintdef(oid) FROM pg_constraint
 WHERE conrelid = 'jobs_jobstatus'::regclass AND contype = 'f'
"""


def _tables_empty() -> bool:
    with connection.cursor() as cur:
        cur.execute(
            "SELECT NOT EXISTS (SELECT 1 FROM jobs_job) "
            "AND NOT EXISTS (SELECT 1 FROM jobs_jobstatus)"
        )
        return bool(cur.fetchone()[0])


def _present_indexes() -> set[str]:
    with connection.cursor() as cur:
        cur.execute(
            "SELECT indexname FROM pg_indexes WHERE tablename = ANY (%s)",
            [list(TABLES)],
        )
        return {row[0] for row in cur.fetchall()}


def _run_two_at_a_time(
    first: list[str], second: list[str], step: Callable[[str], None]
) -> None:
    """Run two queues of DDL side by side, each on its own connection.

    Each queue runs in order; whichever finishes first takes over the
    tail of the other.
    """
    pending = [list(first), list(second)]
    lock = threading.Lock()

    def take(mine: int) -> str | None:
        with lock:
            if pending[mine]:
                return pending[mine].pop(0)
            return pending[1 - mine].pop() if pending[1 - mine] else None

    def work(mine: int) -> None:
        try:
            with connection.cursor() as cur:
                cur.execute("SET statement_timeout = 0")
                cur.execute("SET maintenance_work_mem = '512MB'")
                while (statement := take(mine)) is not None:
                    cur.execute(statement)
                    step(" ".join(statement.split()[:4]) + " ... done")
        finally:
            connection.close()  # this thread's own connection

    with ThreadPoolExecutor(max_workers=2) as pool:
        for future in [pool.submit(work, 0), pool.submit(work, 1)]:
            future.result()


class Command(BaseCommand):
    help = "Add N realistic jobs with 1-4 statuses each (set-based, triggers on)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--count",
            type=int,
            required=True,
            help="jobs to add (0: only finish an interrupted load)",
        )
        parser.add_argument(
            "--batch-size",
            type=int,
            default=100_000,
            help="jobs per transaction (default 100,000)",
        )
        parser.add_argument(
            "--seed", type=int, default=0, help="hash seed (same seed, same data)"
        )

    def handle(self, *args: Any, **options: Any) -> None:
        count: int = options["count"]
        batch: int = options["batch_size"]
        if count < 0:
            raise CommandError("--count must be zero or a positive integer.")
        if batch < 1:
            raise CommandError("--batch-size must be a positive integer.")
        self.started = time.monotonic()
        self._finish_schema()  # what an interrupted load left undone
        if not count:
            return
        if _tables_empty():
            with transaction.atomic():
                self._step(f"empty tables: {count:,} jobs in one transaction")
                foreign_key = self._drop_indexes_and_foreign_key()
                self._insert(count, batch, options["seed"])
                self._add_foreign_key_not_valid(foreign_key)
            self._compact()
            self._finish_schema()
        else:
            self._step(f"{count:,} jobs in batches of {batch:,}, one transaction each")
            self._insert(count, batch, options["seed"])
        self._step("ANALYZE")
        with connection.cursor() as cur:
            cur.execute("ANALYZE jobs_job, jobs_jobstatus, jobs_jobstatuscount")
        self._step(f"done: {count:,} jobs")

    def _step(self, what: str) -> None:
        elapsed = time.monotonic() - self.started
        self.stdout.write(f"[{elapsed:7.1f}s] {what}")
        self.stdout.flush()

    def _drop_indexes_and_foreign_key(self) -> tuple[str, str]:
        """Lock, drop the models' indexes and the status foreign key.

        Returns the foreign key's ``(name, definition)``.  Keys, checks and
        triggers stay.
        """
        qn = connection.ops.quote_name
        present = _present_indexes()
        with connection.cursor() as cur:
            cur.execute("SET LOCAL lock_timeout = '10s'")
            cur.execute(f"LOCK TABLE {', '.join(TABLES)} IN ACCESS EXCLUSIVE MODE")
            if not _tables_empty():
                raise CommandError("Rows appeared while seeding began; run again.")
            for model in (Job, JobStatus):
                for index in model._meta.indexes:
                    if index.name in present:
                        cur.execute(f"DROP INDEX {qn(index.name)}")
            cur.execute(FOREIGN_KEY_SQL)
            name, definition = cur.fetchone()
            cur.execute(f"ALTER TABLE jobs_jobstatus DROP CONSTRAINT {qn(name)}")
        return name, definition

    def _add_foreign_key_not_valid(self, foreign_key: tuple[str, str]) -> None:
        name, definition = foreign_key
        with connection.cursor() as cur:
            cur.execute(
                f"ALTER TABLE jobs_jobstatus ADD CONSTRAINT "
                f"{connection.ops.quote_name(name)} {definition} NOT VALID"
            )
        self._step("foreign key back (NOT VALID until checked); committing")

    def _insert(self, count: int, batch: int, seed: int) -> None:
        """Insert ``count`` jobs, ``batch`` per transaction, triggers on."""
        with connection.cursor() as cur:
            # Whole seconds, a day back: every seeded time is in the past, so
            # a status the API appends now is always the latest.
            cur.execute("SELECT date_trunc('second', now()) - interval '1 day'")
            params = batch_params(seed, cur.fetchone()[0])
            cur.execute("SELECT coalesce(max(id), 0) FROM jobs_job")
            offset = cur.fetchone()[0]  # row numbers continue: fresh names
        for lo in range(1, count + 1, batch):
            hi = min(lo + batch - 1, count)
            with transaction.atomic(), connection.cursor() as cur:
                cur.execute("SET LOCAL statement_timeout = 0")
                cur.execute("SET LOCAL synchronous_commit = off")
                cur.execute("SET LOCAL jit = off")
                cur.execute(BATCH_SQL, {**params, "lo": offset + lo, "hi": offset + hi})
                first_id, last_id, _ = cur.fetchone()
                cur.execute(UPDATED_AT_SQL, [first_id, last_id])
            self._step(f"jobs: {hi:,}/{count:,} ({100 * hi // count}%)")

    def _compact(self) -> None:
        """Rewrite jobs_job without the row versions the triggers left.

        Each seeded job was written three times (insert, read model,
        ``updated_at``); the rewrite gives the table and the indexes built
        next the size of a table of live rows.
        """
        with connection.cursor() as cur:
            cur.execute("SET statement_timeout = 0")
            cur.execute("VACUUM (FULL) jobs_job")
            cur.execute("RESET statement_timeout")
        self._step("jobs_job compacted (VACUUM FULL)")

    def _finish_schema(self) -> None:
        """Validate a NOT VALID foreign key; build the models' missing indexes."""
        present = _present_indexes()
        todo: dict[str, list[str]] = {table: [] for table in TABLES}
        with connection.cursor() as cur:
            cur.execute(FOREIGN_KEY_SQL + " AND NOT convalidated")
            for name, _ in cur.fetchall():
                todo["jobs_jobstatus"].append(
                    "ALTER TABLE jobs_jobstatus VALIDATE CONSTRAINT "
                    + connection.ops.quote_name(name)
                )
        with connection.schema_editor(collect_sql=True) as editor:
            for model in (JobStatus, Job):
                for index in model._meta.indexes:
                    if index.name not in present:
                        sql = str(index.create_sql(model, editor))
                        todo[model._meta.db_table].append(sql)
        if not any(todo.values()):
            return
        self._step(f"finishing {sum(map(len, todo.values()))} index/constraint step(s)")
        # The trigram index (the longest) first, beside the status table's work.
        todo["jobs_job"].sort(key=lambda sql: "gin" not in sql.lower())
        _run_two_at_a_time(todo["jobs_jobstatus"], todo["jobs_job"], self._step)
