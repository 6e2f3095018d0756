"""Migration 0013: one ``jobs_job_changes`` notification per statement.

A second connection LISTENs on the test database; the writes commit
(transactional tests).  Payloads: ``{"ids": [...]}`` up to 500 rows, else
``{"many": true}``; ``seed_jobs --bulk`` (triggers off) sends "many" itself.
"""

import json
from collections.abc import Callable, Iterator
from io import StringIO

import psycopg
import pytest
from django.core.management import call_command
from django.db import connection

from core.db.conninfo import conninfo

pytestmark = pytest.mark.django_db(transaction=True)

Received = Callable[[], list[dict]]


@pytest.fixture
def received() -> Iterator[Received]:
    """``received()``: the payloads delivered since the last call (waits 0.5 s)."""
    with psycopg.connect(
        **conninfo(application_name="test-listen"), autocommit=True
    ) as conn:
        conn.execute("LISTEN jobs_job_changes")

        def take() -> list[dict]:
            return [json.loads(n.payload) for n in conn.notifies(timeout=0.5)]

        yield take


def sql(statement: str) -> None:
    with connection.cursor() as cursor:
        cursor.execute(statement)


def test_notify_insert_update_delete_name_the_ids(received: Received) -> None:
    sql("INSERT INTO jobs_job (id, name) VALUES (101, 'a'), (102, 'b')")
    sql("UPDATE jobs_job SET name = 'c' WHERE id = 102")
    sql("DELETE FROM jobs_job WHERE id = 101")

    assert received() == [{"ids": [101, 102]}, {"ids": [102]}, {"ids": [101]}]


def test_notify_status_insert_reaches_the_job_through_the_read_model(
    received: Received,
) -> None:
    sql("INSERT INTO jobs_job (id, name) VALUES (7, 'a')")
    received()
    sql("INSERT INTO jobs_jobstatus (job_id, status_type) VALUES (7, 'RUNNING')")

    assert received() == [{"ids": [7]}]


def test_notify_statement_without_rows_sends_nothing(received: Received) -> None:
    sql("INSERT INTO jobs_job (id, name) VALUES (7, 'a')")
    received()
    sql("UPDATE jobs_job SET name = 'b' WHERE id = 8")
    sql("DELETE FROM jobs_job WHERE id = 8")

    assert received() == []


def test_notify_one_transaction_sends_one_payload_per_distinct_set(
    received: Received,
) -> None:
    sql(
        "BEGIN; INSERT INTO jobs_job (id, name) VALUES (7, 'a'); "
        "INSERT INTO jobs_jobstatus (job_id, status_type) VALUES (7, 'PENDING'); COMMIT"
    )

    assert received() == [{"ids": [7]}]


def test_notify_bound_500_rows_then_many(received: Received) -> None:
    sql("INSERT INTO jobs_job (name) SELECT 'x' FROM generate_series(1, 500)")
    sql("INSERT INTO jobs_job (name) SELECT 'y' FROM generate_series(1, 501)")
    sql("UPDATE jobs_job SET name = 'z'")
    sql("TRUNCATE jobs_job CASCADE")

    first, *rest = received()
    assert len(first["ids"]) == 500
    assert rest == [{"many": True}] * 3


def test_notify_seed_bulk_sends_many_itself(received: Received) -> None:
    call_command("seed_jobs", count=50, bulk=True, stdout=StringIO())

    assert received() == [{"many": True}]
