"""Unit tests of the sharded per-status counters (migration 0004)."""

from datetime import UTC, datetime, timedelta

import pytest
from django.db import connection

from jobs.statuses import STATUS_COUNT_SHARDS
from jobs.tests.triggers.readmodel import (
    actual_counts,
    assert_read_model_exact,
    expected_counts,
    insert_job,
    insert_status,
    status_count,
)

T0 = datetime(2026, 1, 1, 12, 0, tzinfo=UTC)

pytestmark = pytest.mark.django_db


def test_status_count_job_insert_counts_under_null() -> None:
    with connection.cursor() as cur:
        job_id = insert_job(cur)
        assert actual_counts(cur) == {(None, job_id % 16): 1}


def test_status_count_trigger_shards_by_the_python_constant() -> None:
    # Migration 0004 spells the shard count as a literal; the Python
    # constant (jobs.statuses) must say the same.
    with connection.cursor() as cur:
        ids = [insert_job(cur) for _ in range(2 * STATUS_COUNT_SHARDS)]
        assert actual_counts(cur) == {
            (None, shard): 2 for shard in range(STATUS_COUNT_SHARDS)
        }
        assert {job_id % STATUS_COUNT_SHARDS for job_id in ids} == set(
            range(STATUS_COUNT_SHARDS)
        )


def test_status_count_status_change_moves_one_job() -> None:
    with connection.cursor() as cur:
        job_id = insert_job(cur)
        insert_status(cur, job_id, "PENDING", T0)
        assert actual_counts(cur) == {("PENDING", job_id % 16): 1}
        insert_status(cur, job_id, "RUNNING", T0 + timedelta(seconds=1))
        assert actual_counts(cur) == {("RUNNING", job_id % 16): 1}
        # Same status again: a new history entry, no counter movement.
        insert_status(cur, job_id, "RUNNING", T0 + timedelta(seconds=2))
        assert actual_counts(cur) == {("RUNNING", job_id % 16): 1}


def test_status_count_multirow_insert_spreads_over_shards() -> None:
    with connection.cursor() as cur:
        cur.execute(
            "INSERT INTO jobs_job (name) SELECT 'job ' || g FROM generate_series(1, 40) g"
        )
        cur.execute(
            "INSERT INTO jobs_jobstatus (job_id, status_type) "
            "SELECT id, CASE WHEN id % 2 = 0 THEN 'PENDING' ELSE 'FAILED' END "
            "FROM jobs_job"
        )
        counts = actual_counts(cur)
        assert len({shard for _, shard in counts}) == 16
        assert status_count(cur, "PENDING") + status_count(cur, "FAILED") == 40
        assert_read_model_exact(cur)


def test_status_count_job_delete_decrements_current_status() -> None:
    with connection.cursor() as cur:
        a, b = insert_job(cur, "a"), insert_job(cur, "b")
        insert_status(cur, a, "COMPLETED", T0)
        insert_status(cur, b, "COMPLETED", T0)
        cur.execute("DELETE FROM jobs_job WHERE id = %s", [a])
        assert status_count(cur, "COMPLETED") == 1
        cur.execute("DELETE FROM jobs_job")
        assert actual_counts(cur) == {}


def test_status_count_name_update_writes_no_counter() -> None:
    with connection.cursor() as cur:
        job_id = insert_job(cur)
        insert_status(cur, job_id, "RUNNING", T0)
        cur.execute("SELECT xmin::text FROM jobs_jobstatuscount WHERE job_count = 1")
        xmin_before = cur.fetchone()[0]
        cur.execute("UPDATE jobs_job SET name = 'renamed' WHERE id = %s", [job_id])
        cur.execute("SELECT xmin::text FROM jobs_jobstatuscount WHERE job_count = 1")
        assert cur.fetchone()[0] == xmin_before
        assert actual_counts(cur) == expected_counts(cur)


def test_status_count_truncate_zeroes_counters() -> None:
    with connection.cursor() as cur:
        job_id = insert_job(cur)
        insert_status(cur, job_id, "RUNNING", T0)
        cur.execute("SET CONSTRAINTS ALL IMMEDIATE")
        cur.execute("TRUNCATE jobs_job CASCADE")
        assert actual_counts(cur) == {}
        assert_read_model_exact(cur)


def test_status_count_total_matches_job_count() -> None:
    with connection.cursor() as cur:
        for i in range(20):
            job_id = insert_job(cur, f"job {i}")
            if i % 3:
                insert_status(cur, job_id, ["PENDING", "RUNNING", "CANCELLED"][i % 3])
        cur.execute("SELECT sum(job_count) FROM jobs_jobstatuscount")
        assert cur.fetchone()[0] == 20
        assert status_count(cur, None) == 7  # i % 3 == 0: no status
        assert_read_model_exact(cur)
