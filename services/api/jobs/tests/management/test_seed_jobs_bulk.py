"""Tests of ``seed_jobs --bulk``: what the triggers would have written.

The oracle is the one the trigger tests use (``assert_read_model_exact``,
``expected_counts``), and the data must equal the default path's for the
same seed, so the bulk path cannot drift from the triggers unnoticed.
"""

from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from django.db import connection

from jobs.tests.triggers.readmodel import (
    actual_counts,
    assert_read_model_exact,
    expected_counts,
    insert_job,
    insert_status,
)

pytestmark = pytest.mark.django_db(transaction=True)

JOBS_SQL = (
    "SELECT id, name, current_status, status_changed_at - created_at, "
    "updated_at = status_changed_at FROM jobs_job ORDER BY id"
)
HISTORIES_SQL = (
    'SELECT job_id, array_agg(s.status_type ORDER BY s."timestamp", s.id), '
    'array_agg(s."timestamp" - j.created_at ORDER BY s."timestamp", s.id) '
    "FROM jobs_jobstatus AS s JOIN jobs_job AS j ON j.id = s.job_id "
    "GROUP BY job_id ORDER BY job_id"
)


def _seed(**options: object) -> str:
    out = StringIO()
    call_command("seed_jobs", stdout=out, **options)
    return out.getvalue()


def _restart() -> None:
    with connection.cursor() as cur:
        cur.execute("TRUNCATE jobs_job, jobs_jobstatus RESTART IDENTITY")


def _snapshot() -> tuple[list[tuple[object, ...]], list[tuple[object, ...]]]:
    with connection.cursor() as cur:
        cur.execute(JOBS_SQL)
        jobs = cur.fetchall()
        cur.execute(HISTORIES_SQL)
        return jobs, cur.fetchall()


def test_bulk_leaves_read_model_counters_and_triggers_exact() -> None:
    output = _seed(count=3000, batch_size=1100, bulk=True)
    assert "triggers off" in output
    assert "No drift." in output  # recount_job_stats checked the load
    with connection.cursor() as cur:
        assert_read_model_exact(cur)
        assert actual_counts(cur) == expected_counts(cur)
        assert sum(actual_counts(cur).values()) == 3000
        cur.execute(
            "SELECT count(*) FROM pg_trigger WHERE NOT tgisinternal "
            "AND tgrelid IN ('jobs_job'::regclass, 'jobs_jobstatus'::regclass) "
            "AND tgenabled <> 'O'"
        )
        assert cur.fetchone()[0] == 0
        # New rows take ids past the explicit ones, through the triggers.
        job_id = insert_job(cur, "after the bulk seed")
        insert_status(cur, job_id, "FAILED")
        cur.execute("SELECT max(id), count(*) FROM jobs_job")
        assert cur.fetchone() == (job_id, 3001)
        assert_read_model_exact(cur)
        assert actual_counts(cur) == expected_counts(cur)


def test_bulk_writes_the_same_data_as_the_triggers() -> None:
    _restart()
    _seed(count=1500, seed=3, batch_size=400)
    through_triggers = _snapshot()
    _restart()
    _seed(count=1500, seed=3, batch_size=700, bulk=True)
    assert _snapshot() == through_triggers


def test_bulk_refuses_tables_that_hold_jobs_and_writes_nothing() -> None:
    _seed(count=10)
    with pytest.raises(CommandError, match="empty tables only"):
        _seed(count=100, bulk=True)
    with connection.cursor() as cur:
        cur.execute("SELECT count(*) FROM jobs_job")
        assert cur.fetchone()[0] == 10
