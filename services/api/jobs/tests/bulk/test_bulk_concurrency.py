"""A single status change racing a filter-wide bulk run on the same jobs.

Another connection changes two matching jobs and holds their row locks;
the bulk batch waits for them, then re-checks its filter: the job moved
out of the filter is skipped, the one still matching gets its new status
stamped after the concurrent one.  The read model stays exact.
"""

import threading
import time

import psycopg
import pytest
from django.db import connection

from jobs.bulk_runs import bulk_operation_create, bulk_operation_run
from jobs.models import Job
from jobs.selectors import job_list
from jobs.tests.triggers.readmodel import assert_read_model_exact

pytestmark = pytest.mark.django_db(transaction=True)


def _other_connection() -> psycopg.Connection:
    dsn = connection.get_connection_params()
    return psycopg.connect(
        **{k: v for k, v in dsn.items() if k not in {"cursor_factory", "context"}}
    )


def _wait_until_blocked(other: psycopg.Connection, pid: int) -> None:
    for _ in range(500):
        row = other.execute(
            "SELECT wait_event_type FROM pg_stat_activity WHERE pid = %s", [pid]
        ).fetchone()
        if row and row[0] == "Lock":
            return
        time.sleep(0.01)
    raise AssertionError("the bulk batch never waited for the locked jobs")


def test_bulk_run_waits_for_and_respects_a_concurrent_patch(make_jobs) -> None:
    make_jobs(60)
    filters = {"status": ["RUNNING"]}
    targets = sorted(job_list(filters=filters).values_list("pk", flat=True))
    moved_out, still_in = targets[3], targets[5]
    operation = bulk_operation_create(
        action="set_status", status_type="FAILED", filters=filters
    )
    other = _other_connection()
    other.execute(
        "INSERT INTO jobs_jobstatus (job_id, status_type) VALUES (%s, %s), (%s, %s)",
        [moved_out, "COMPLETED", still_in, "RUNNING"],
    )
    pid: list[int] = []
    errors: list[BaseException] = []

    def bulk() -> None:
        try:
            with connection.cursor() as cursor:
                cursor.execute("SELECT pg_backend_pid()")
                pid.append(cursor.fetchone()[0])
            bulk_operation_run(operation_id=operation.pk, batch_size=1000)
        except BaseException as exc:  # noqa: BLE001 (reported below)
            errors.append(exc)
        finally:
            connection.close()

    worker = threading.Thread(target=bulk)
    worker.start()
    while not pid:
        time.sleep(0.01)
    _wait_until_blocked(other, pid[0])
    other.commit()
    worker.join(timeout=30)
    other.close()

    assert errors == []
    operation.refresh_from_db()
    assert (operation.total, operation.done) == (len(targets), len(targets) - 1)
    assert Job.objects.get(pk=moved_out).current_status == "COMPLETED"
    assert Job.objects.get(pk=still_in).current_status == "FAILED"
    with connection.cursor() as cursor:
        assert_read_model_exact(cursor)
