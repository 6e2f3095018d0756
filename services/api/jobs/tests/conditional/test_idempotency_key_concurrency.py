"""Concurrent POSTs with one Idempotency-Key create exactly one job.

The deterministic case holds the first request inside its transaction (a
second connection locks the counters table the creation's trigger writes),
starts the second, waits until both wait on a lock, then lets them go.
"""

import threading
import time

import psycopg
import pytest
from django.db import connection
from rest_framework.test import APIClient

from jobs.models import Job

pytestmark = pytest.mark.django_db(transaction=True)


def _other_connection() -> psycopg.Connection:
    dsn = connection.get_connection_params()
    return psycopg.connect(
        **{k: v for k, v in dsn.items() if k not in {"cursor_factory", "context"}}
    )


def _post(key: str, name: str, results: list, barrier: threading.Barrier | None = None):
    def run() -> None:
        try:
            if barrier is not None:
                barrier.wait()
            response = APIClient().post(
                "/api/jobs/", {"name": name}, format="json", HTTP_IDEMPOTENCY_KEY=key
            )
            results.append((response.status_code, response.json()))
        finally:
            connection.close()

    thread = threading.Thread(target=run)
    thread.start()
    return thread


def _lock_waiters(other: psycopg.Connection) -> int:
    # pg_stat_activity is a snapshot per transaction: take a fresh one.
    other.execute("SELECT pg_stat_clear_snapshot()")
    row = other.execute(
        "SELECT count(*) FROM pg_stat_activity "
        "WHERE wait_event_type = 'Lock' AND datname = current_database()"
    ).fetchone()
    return row[0]


def test_second_post_waits_for_the_first_then_replays_it() -> None:
    other = _other_connection()
    other.execute("LOCK TABLE jobs_jobstatuscount IN EXCLUSIVE MODE")
    results: list = []
    try:
        first = _post('"held"', "Held", results)
        for _ in range(500):
            if _lock_waiters(other) == 1:
                break
            time.sleep(0.01)
        second = _post('"held"', "Held", results)
        for _ in range(500):
            if _lock_waiters(other) == 2:
                break
            time.sleep(0.01)
        assert _lock_waiters(other) == 2
    finally:
        other.rollback()  # releases the table lock
        other.close()
    first.join(timeout=30)
    second.join(timeout=30)

    assert [status for status, _ in results] == [201, 201]
    assert results[0][1] == results[1][1]
    assert Job.objects.filter(name="Held").count() == 1


def test_concurrent_posts_with_one_key_create_one_job() -> None:
    for round_number in range(10):
        barrier = threading.Barrier(4)
        results: list = []
        key = f'"race-{round_number}"'
        threads = [
            _post(key, f"Race {round_number}", results, barrier) for _ in range(4)
        ]
        for thread in threads:
            thread.join(timeout=30)

        assert [status for status, _ in results] == [201] * 4
        assert len({body["id"] for _, body in results}) == 1
        assert Job.objects.filter(name=f"Race {round_number}").count() == 1
