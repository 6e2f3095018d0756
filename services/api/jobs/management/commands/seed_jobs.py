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

``--bulk`` (empty tables only) writes the same data with the triggers off
and checks it with ``recount_job_stats`` (``jobs.management.seed_bulk``).

Not idempotent by design: every run adds ``--count`` more jobs.
"""

import time
from typing import Any

from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import connection, transaction

from jobs.management.seed_bulk import insert_bulk
from jobs.management.seed_data import BATCH_SQL, UPDATED_AT_SQL, batch_params
from jobs.management.seed_schema import (
    add_foreign_key_not_valid,
    compact,
    drop_indexes_and_foreign_key,
    missing_schema_steps,
    run_two_at_a_time,
    tables_empty,
)


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
        parser.add_argument(
            "--bulk",
            action="store_true",
            help="into empty tables only: triggers off, read model written "
            "directly, then checked by recount_job_stats (about 2x faster)",
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
        if tables_empty():
            self._load_empty(count, batch, options["seed"], bulk=options["bulk"])
        elif options["bulk"]:
            raise CommandError("--bulk loads empty tables only; these hold jobs.")
        else:
            self._step(f"{count:,} jobs in batches of {batch:,}, one transaction each")
            self._insert(count, batch, options["seed"])
        self._step("ANALYZE")
        with connection.cursor() as cur:
            cur.execute("ANALYZE jobs_job, jobs_jobstatus, jobs_jobstatuscount")
        self._step(f"done: {count:,} jobs")

    def _load_empty(self, count: int, batch: int, seed: int, *, bulk: bool) -> None:
        with transaction.atomic():
            self._step(f"empty tables: {count:,} jobs in one transaction")
            foreign_key = drop_indexes_and_foreign_key()
            if bulk:
                with connection.cursor() as cur:
                    cur.execute("SET LOCAL statement_timeout = 0")
                    insert_bulk(cur, count, batch, self._params(cur, seed), self._step)
            else:
                self._insert(count, batch, seed)
            add_foreign_key_not_valid(foreign_key)
            self._step("foreign key back (NOT VALID until checked); committing")
        if not bulk:
            compact()  # the bulk path writes each row once
            self._step("jobs_job compacted (VACUUM FULL)")
        self._finish_schema()
        if bulk:
            self._step("checking read model and counters (recount_job_stats)")
            call_command("recount_job_stats", stdout=self.stdout)

    def _step(self, what: str) -> None:
        elapsed = time.monotonic() - self.started
        self.stdout.write(f"[{elapsed:7.1f}s] {what}")
        self.stdout.flush()

    def _insert(self, count: int, batch: int, seed: int) -> None:
        """Insert ``count`` jobs, ``batch`` per transaction, triggers on."""
        with connection.cursor() as cur:
            params = self._params(cur, seed)
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

    @staticmethod
    def _params(cur: Any, seed: int) -> dict[str, Any]:
        # Whole seconds, a day back: every seeded time is in the past, so
        # a status the API appends now is always the latest.
        cur.execute("SELECT date_trunc('second', now()) - interval '1 day'")
        return batch_params(seed, cur.fetchone()[0])

    def _finish_schema(self) -> None:
        """Validate a NOT VALID foreign key; build the models' missing indexes."""
        todo = missing_schema_steps()
        if not any(todo.values()):
            return
        self._step(f"finishing {sum(map(len, todo.values()))} index/constraint step(s)")
        run_two_at_a_time(todo["jobs_jobstatus"], todo["jobs_job"], self._step)
