"""What a load into empty tables drops and rebuilds, and how it rebuilds it."""

import threading
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor

from django.core.management.base import CommandError
from django.db import connection

from jobs.models import Job, JobStatus

TABLES = ("jobs_job", "jobs_jobstatus")
FOREIGN_KEY_SQL = """
SELECT conname, pg_get_constraintdef(oid) FROM pg_constraint
 WHERE conrelid = 'jobs_jobstatus'::regclass AND contype = 'f'
"""


def tables_empty() -> bool:
    with connection.cursor() as cur:
        cur.execute(
            "SELECT NOT EXISTS (SELECT 1 FROM jobs_job) "
            "AND NOT EXISTS (SELECT 1 FROM jobs_jobstatus)"
        )
        return bool(cur.fetchone()[0])


def present_indexes() -> set[str]:
    with connection.cursor() as cur:
        cur.execute(
            "SELECT indexname FROM pg_indexes WHERE tablename = ANY (%s)",
            [list(TABLES)],
        )
        return {row[0] for row in cur.fetchall()}


def run_two_at_a_time(
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


def drop_indexes_and_foreign_key() -> tuple[str, str]:
    """Lock, drop the models' indexes and the status foreign key.

    Returns the foreign key's ``(name, definition)``.  Keys, checks and
    triggers stay.
    """
    qn = connection.ops.quote_name
    present = present_indexes()
    with connection.cursor() as cur:
        cur.execute("SET LOCAL lock_timeout = '10s'")
        cur.execute(f"LOCK TABLE {', '.join(TABLES)} IN ACCESS EXCLUSIVE MODE")
        if not tables_empty():
            raise CommandError("Rows appeared while seeding began; run again.")
        for model in (Job, JobStatus):
            for index in model._meta.indexes:
                if index.name in present:
                    cur.execute(f"DROP INDEX {qn(index.name)}")
        cur.execute(FOREIGN_KEY_SQL)
        name, definition = cur.fetchone()
        cur.execute(f"ALTER TABLE jobs_jobstatus DROP CONSTRAINT {qn(name)}")
    return name, definition


def add_foreign_key_not_valid(foreign_key: tuple[str, str]) -> None:
    """Put the dropped foreign key back, checked for new rows only."""
    name, definition = foreign_key
    with connection.cursor() as cur:
        cur.execute(
            f"ALTER TABLE jobs_jobstatus ADD CONSTRAINT "
            f"{connection.ops.quote_name(name)} {definition} NOT VALID"
        )


def compact() -> None:
    """Rewrite jobs_job without the row versions the triggers left.

    Each seeded job was written three times (insert, read model,
    ``updated_at``); the rewrite gives the table and the indexes built
    next the size of a table of live rows.
    """
    with connection.cursor() as cur:
        cur.execute("SET statement_timeout = 0")
        cur.execute("VACUUM (FULL) jobs_job")
        cur.execute("RESET statement_timeout")


def missing_schema_steps() -> dict[str, list[str]]:
    """Return, per table, the DDL a load still owes.

    A NOT VALID foreign key's validation, then the models' missing indexes,
    the trigram index (the longest) first.
    """
    present = present_indexes()
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
    todo["jobs_job"].sort(key=lambda sql: "gin" not in sql.lower())
    return todo
