"""Deadlocked or serialization-failed writes are retried, then a 409.

The deadlock is real: a second connection holds the counter row the status
change will need, waits until the service's transaction waits for it, then
asks for the job row the service holds.  The service's connection has the
shorter ``deadlock_timeout``, so PostgreSQL aborts the service's
transaction, which ``write_transaction`` runs again.
"""

import threading
import time

import psycopg
import pytest
from django.db import connection
from rest_framework.test import APIClient

from core.db.retry import WRITE_ATTEMPTS, WriteConflictError, write_transaction
from jobs.models import JobStatus
from jobs.services import job_create, job_status_change
from jobs.tests.factories import JobFactory

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
    raise AssertionError("the service never waited for the counter row")


def test_deadlocked_status_change_is_retried_and_succeeds(caplog) -> None:
    job = job_create(name="Deadlocked")
    with connection.cursor() as cursor:
        cursor.execute("SET deadlock_timeout = '50ms'")
        cursor.execute("SELECT pg_backend_pid()")
        service_pid = cursor.fetchone()[0]
    other = _other_connection()
    other.execute("SET deadlock_timeout = '10s'")
    # The RUNNING counter shard of this job, locked by the other connection.
    other.execute(
        "INSERT INTO jobs_jobstatuscount AS c (status_type, shard, job_count) "
        "VALUES ('RUNNING', %s, 0) ON CONFLICT (status_type, shard) "
        "DO UPDATE SET job_count = c.job_count",
        [job.pk % 16],
    )

    def close_the_cycle() -> None:
        _wait_until_blocked(other, service_pid)
        other.execute("SELECT 1 FROM jobs_job WHERE id = %s FOR UPDATE", [job.pk])
        other.commit()

    closer = threading.Thread(target=close_the_cycle)
    closer.start()
    try:
        changed = job_status_change(job_id=job.pk, status_type="RUNNING")
    finally:
        closer.join(timeout=30)
        other.close()
        with connection.cursor() as cursor:
            cursor.execute("RESET deadlock_timeout")

    assert changed.current_status == "RUNNING"
    assert JobStatus.objects.filter(job=job, status_type="RUNNING").count() == 1
    conflicts = [r.getMessage() for r in caplog.records if "write conflict" in r.msg]
    assert len(conflicts) == 1
    assert "deadlock detected" in conflicts[0]


def _raise_deadlock() -> None:
    # A real PostgreSQL error with the deadlock SQLSTATE, every time.
    with connection.cursor() as cursor:
        cursor.execute(
            "DO $$ BEGIN RAISE EXCEPTION 'simulated' USING ERRCODE = '40P01'; END $$"
        )


def test_write_conflict_after_every_attempt_is_a_write_conflict_error() -> None:
    attempts: list[int] = []

    @write_transaction
    def always_deadlocks() -> None:
        attempts.append(1)
        JobFactory()  # rolled back with each attempt
        _raise_deadlock()

    with pytest.raises(WriteConflictError, match="conflicted with concurrent"):
        always_deadlocks()
    assert len(attempts) == WRITE_ATTEMPTS
    assert not JobStatus.objects.exists()


def test_write_conflict_answers_409_with_its_own_message(monkeypatch) -> None:
    job = job_create(name="Conflicted")

    def deadlocking(job_id: int, status_type: str) -> None:
        _raise_deadlock()

    monkeypatch.setattr("jobs.services._status_change", deadlocking)
    response = APIClient().patch(
        f"/api/jobs/{job.pk}/", {"status_type": "RUNNING"}, format="json"
    )

    assert response.status_code == 409
    assert "conflicted with concurrent changes" in response.json()["detail"]
    assert "Database unavailable" not in response.json()["detail"]
