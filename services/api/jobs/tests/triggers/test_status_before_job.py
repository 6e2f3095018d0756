"""Statuses written before their job exists (issue 17, point 1).

With a deferred foreign key, a status could be inserted for a job id that
does not exist yet, moved to such an id, or left behind by a renumbered
job; the job then committed with a read model that disagrees with its
history.  Every sequence below must leave the read model exact: either the
database refuses the statement, or the trigger gets it right.
"""

from collections.abc import Iterable
from datetime import UTC, datetime, timedelta

import pytest
from django.db import IntegrityError, connection, transaction

from jobs.tests.triggers.readmodel import (
    assert_read_model_exact,
    insert_job,
    insert_status,
)

T0 = datetime(2026, 1, 1, 12, 0, tzinfo=UTC)
NEW_ID = 900001

pytestmark = pytest.mark.django_db


def _attempt(statements: Iterable[tuple[str, list[object]]]) -> bool:
    """Run the statements in a savepoint; return False if the DB refused one."""
    try:
        with transaction.atomic(), connection.cursor() as cur:
            for sql, params in statements:
                cur.execute(sql, params)
            cur.execute("SET CONSTRAINTS ALL IMMEDIATE")
    except IntegrityError:
        return False
    return True


def test_status_inserted_before_its_job_is_refused_or_counted() -> None:
    _attempt(
        [
            (
                "INSERT INTO jobs_jobstatus (job_id, status_type) VALUES (%s, %s)",
                [NEW_ID, "RUNNING"],
            ),
            ("INSERT INTO jobs_job (id, name) VALUES (%s, 'x')", [NEW_ID]),
        ]
    )
    with connection.cursor() as cur:
        assert_read_model_exact(cur)


def test_status_moved_to_a_job_created_later_is_refused_or_counted() -> None:
    with connection.cursor() as cur:
        job_id = insert_job(cur)
        status_id = insert_status(cur, job_id, "RUNNING", T0)
    _attempt(
        [
            (
                "UPDATE jobs_jobstatus SET job_id = %s WHERE id = %s",
                [NEW_ID, status_id],
            ),
            ("INSERT INTO jobs_job (id, name) VALUES (%s, 'x')", [NEW_ID]),
        ]
    )
    with connection.cursor() as cur:
        assert_read_model_exact(cur)


def test_renumbered_job_is_refused_or_counted() -> None:
    with connection.cursor() as cur:
        job_id = insert_job(cur)
        insert_status(cur, job_id, "PENDING", T0)
        insert_status(cur, job_id, "FAILED", T0 + timedelta(seconds=1))
    _attempt(
        [
            (
                "UPDATE jobs_jobstatus SET job_id = %s WHERE job_id = %s",
                [NEW_ID, job_id],
            ),
            ("UPDATE jobs_job SET id = %s WHERE id = %s", [NEW_ID, job_id]),
        ]
    )
    with connection.cursor() as cur:
        assert_read_model_exact(cur)


def test_foreign_key_of_statuses_is_checked_at_once() -> None:
    with connection.cursor() as cur:
        cur.execute(
            "SELECT condeferrable FROM pg_constraint "
            "WHERE conrelid = 'jobs_jobstatus'::regclass AND contype = 'f'"
        )
        assert cur.fetchall() == [(False,)]
