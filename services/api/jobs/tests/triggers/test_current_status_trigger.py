"""Unit tests of the read-model triggers (migration 0003), in raw SQL.

Every test ends with the full oracle check (``assert_read_model_exact``):
the read model of every job against ``DISTINCT ON`` and the counters
against a ``GROUP BY``.
"""

from datetime import UTC, datetime, timedelta

import pytest
from django.db import connection

from jobs.tests.triggers.readmodel import (
    assert_read_model_exact,
    insert_job,
    insert_status,
    read_model,
    status_count,
)

T0 = datetime(2026, 1, 1, 12, 0, tzinfo=UTC)

pytestmark = pytest.mark.django_db


def test_jobstatus_insert_sets_read_model_to_new_status() -> None:
    with connection.cursor() as cur:
        job_id = insert_job(cur)
        assert read_model(cur, job_id)[:3] == (None, None, None)
        status_id = insert_status(cur, job_id, "PENDING", T0)
        status, changed_at, pointer, _ = read_model(cur, job_id)
        assert (status, changed_at, pointer) == ("PENDING", T0, status_id)
        insert_status(cur, job_id, "RUNNING", T0 + timedelta(seconds=1))
        assert read_model(cur, job_id)[0] == "RUNNING"
        assert_read_model_exact(cur)


def test_jobstatus_insert_moves_updated_at_to_statement_time() -> None:
    with connection.cursor() as cur:
        job_id = insert_job(cur)
        cur.execute("UPDATE jobs_job SET updated_at = %s WHERE id = %s", [T0, job_id])
        insert_status(cur, job_id, "PENDING")
        _, changed_at, _, updated_at = read_model(cur, job_id)
        # The default timestamp and updated_at share the statement's clock.
        assert updated_at == changed_at
        assert updated_at > T0


def test_jobstatus_backdated_insert_leaves_read_model_alone() -> None:
    with connection.cursor() as cur:
        job_id = insert_job(cur)
        latest_id = insert_status(cur, job_id, "RUNNING", T0)
        before = read_model(cur, job_id)
        insert_status(cur, job_id, "FAILED", T0 - timedelta(minutes=5))
        assert read_model(cur, job_id) == before  # updated_at untouched too
        assert before[2] == latest_id
        assert_read_model_exact(cur)


def test_jobstatus_equal_timestamps_break_ties_by_id() -> None:
    with connection.cursor() as cur:
        job_id = insert_job(cur)
        insert_status(cur, job_id, "PENDING", T0)
        second = insert_status(cur, job_id, "CANCELLED", T0)
        assert read_model(cur, job_id)[:3] == ("CANCELLED", T0, second)
        # Deleting the tie winner falls back to the other row at the same time.
        cur.execute("DELETE FROM jobs_jobstatus WHERE id = %s", [second])
        assert read_model(cur, job_id)[0] == "PENDING"
        assert_read_model_exact(cur)


def test_jobstatus_multirow_insert_picks_latest_per_job() -> None:
    with connection.cursor() as cur:
        a, b = insert_job(cur, "a"), insert_job(cur, "b")
        insert_status(cur, b, "COMPLETED", T0 + timedelta(hours=1))
        cur.execute(
            'INSERT INTO jobs_jobstatus (job_id, status_type, "timestamp") VALUES '
            "(%s, 'RUNNING', %s), (%s, 'PENDING', %s), (%s, 'FAILED', %s), "
            "(%s, 'RUNNING', %s), (%s, 'CANCELLED', %s)",
            [
                a, T0 + timedelta(seconds=2),
                a, T0,
                a, T0 + timedelta(seconds=2),  # same time, higher id: wins
                b, T0,  # back-dated for b
                b, T0 - timedelta(days=1),
            ],
        )  # fmt: skip
        assert read_model(cur, a)[0] == "FAILED"
        assert read_model(cur, b)[0] == "COMPLETED"
        assert_read_model_exact(cur)


def test_jobstatus_update_status_type_of_latest_rewrites_read_model() -> None:
    with connection.cursor() as cur:
        job_id = insert_job(cur)
        insert_status(cur, job_id, "PENDING", T0)
        latest = insert_status(cur, job_id, "RUNNING", T0 + timedelta(seconds=1))
        cur.execute(
            "UPDATE jobs_jobstatus SET status_type = 'FAILED' WHERE id = %s", [latest]
        )
        assert read_model(cur, job_id)[:3] == (
            "FAILED",
            T0 + timedelta(seconds=1),
            latest,
        )
        assert status_count(cur, "FAILED") == 1
        assert status_count(cur, "RUNNING") == 0
        assert_read_model_exact(cur)


def test_jobstatus_update_status_type_of_older_row_changes_nothing() -> None:
    with connection.cursor() as cur:
        job_id = insert_job(cur)
        older = insert_status(cur, job_id, "PENDING", T0)
        insert_status(cur, job_id, "RUNNING", T0 + timedelta(seconds=1))
        before = read_model(cur, job_id)
        cur.execute(
            "UPDATE jobs_jobstatus SET status_type = 'FAILED' WHERE id = %s", [older]
        )
        assert read_model(cur, job_id) == before
        assert_read_model_exact(cur)


def test_jobstatus_update_timestamp_reorders_history() -> None:
    with connection.cursor() as cur:
        job_id = insert_job(cur)
        older = insert_status(cur, job_id, "PENDING", T0)
        newer = insert_status(cur, job_id, "RUNNING", T0 + timedelta(seconds=1))
        # Move the older row past the newer one: it becomes the latest.
        cur.execute(
            'UPDATE jobs_jobstatus SET "timestamp" = %s WHERE id = %s',
            [T0 + timedelta(seconds=5), older],
        )
        assert read_model(cur, job_id)[:3] == (
            "PENDING",
            T0 + timedelta(seconds=5),
            older,
        )
        # Move it back before the other: the other is the latest again.
        cur.execute(
            'UPDATE jobs_jobstatus SET "timestamp" = %s WHERE id = %s',
            [T0 - timedelta(seconds=5), older],
        )
        assert read_model(cur, job_id)[2] == newer
        assert_read_model_exact(cur)


def test_jobstatus_update_job_id_fixes_old_and_new_job() -> None:
    with connection.cursor() as cur:
        a, b = insert_job(cur, "a"), insert_job(cur, "b")
        insert_status(cur, a, "PENDING", T0)
        moved = insert_status(cur, a, "RUNNING", T0 + timedelta(seconds=1))
        insert_status(cur, b, "COMPLETED", T0)
        cur.execute("UPDATE jobs_jobstatus SET job_id = %s WHERE id = %s", [b, moved])
        assert read_model(cur, a)[0] == "PENDING"
        assert read_model(cur, b)[:3] == ("RUNNING", T0 + timedelta(seconds=1), moved)
        # Moving a job's only status away leaves it with NULLs.
        cur.execute("UPDATE jobs_jobstatus SET job_id = %s WHERE job_id = %s", [b, a])
        assert read_model(cur, a)[:3] == (None, None, None)
        assert status_count(cur, None) == 1
        assert_read_model_exact(cur)


def test_jobstatus_delete_latest_falls_back_to_previous() -> None:
    with connection.cursor() as cur:
        job_id = insert_job(cur)
        first = insert_status(cur, job_id, "PENDING", T0)
        latest = insert_status(cur, job_id, "RUNNING", T0 + timedelta(seconds=1))
        cur.execute("DELETE FROM jobs_jobstatus WHERE id = %s", [latest])
        assert read_model(cur, job_id)[:3] == ("PENDING", T0, first)
        assert_read_model_exact(cur)


def test_jobstatus_delete_older_row_changes_nothing() -> None:
    with connection.cursor() as cur:
        job_id = insert_job(cur)
        first = insert_status(cur, job_id, "PENDING", T0)
        insert_status(cur, job_id, "RUNNING", T0 + timedelta(seconds=1))
        before = read_model(cur, job_id)
        cur.execute("DELETE FROM jobs_jobstatus WHERE id = %s", [first])
        assert read_model(cur, job_id) == before
        assert_read_model_exact(cur)


def test_jobstatus_delete_all_leaves_nulls_and_null_counter() -> None:
    with connection.cursor() as cur:
        job_id = insert_job(cur)
        insert_status(cur, job_id, "PENDING", T0)
        insert_status(cur, job_id, "RUNNING", T0 + timedelta(seconds=1))
        cur.execute("DELETE FROM jobs_jobstatus WHERE job_id = %s", [job_id])
        assert read_model(cur, job_id)[:3] == (None, None, None)
        assert status_count(cur, None) == 1
        assert status_count(cur, "RUNNING") == 0
        assert_read_model_exact(cur)


def test_jobstatus_multirow_delete_across_jobs() -> None:
    with connection.cursor() as cur:
        jobs = [insert_job(cur, f"job {i}") for i in range(5)]
        for i, job_id in enumerate(jobs):
            for k in range(i + 1):
                insert_status(
                    cur, job_id, ["PENDING", "RUNNING", "FAILED"][k % 3],
                    T0 + timedelta(seconds=k),
                )  # fmt: skip
        # Delete every status after the first second: latest of most jobs.
        cur.execute(
            'DELETE FROM jobs_jobstatus WHERE "timestamp" > %s OR job_id = %s',
            [T0, jobs[0]],
        )
        assert read_model(cur, jobs[0])[:3] == (None, None, None)
        for job_id in jobs[1:]:
            assert read_model(cur, job_id)[0] == "PENDING"
        assert_read_model_exact(cur)


def test_jobstatus_truncate_leaves_every_job_without_status() -> None:
    with connection.cursor() as cur:
        job_id = insert_job(cur)
        insert_status(cur, job_id, "RUNNING", T0)
        # Fire the deferred FK checks first: TRUNCATE refuses pending events.
        cur.execute("SET CONSTRAINTS ALL IMMEDIATE")
        cur.execute("TRUNCATE jobs_jobstatus")
        assert read_model(cur, job_id)[:3] == (None, None, None)
        assert_read_model_exact(cur)


def test_job_delete_cascades_statuses_and_counters() -> None:
    with connection.cursor() as cur:
        keep, gone = insert_job(cur, "keep"), insert_job(cur, "gone")
        insert_status(cur, keep, "RUNNING", T0)
        insert_status(cur, gone, "PENDING", T0)
        insert_status(cur, gone, "FAILED", T0 + timedelta(seconds=1))
        cur.execute("DELETE FROM jobs_job WHERE id = %s", [gone])
        cur.execute("SELECT count(*) FROM jobs_jobstatus WHERE job_id = %s", [gone])
        assert cur.fetchone()[0] == 0
        assert status_count(cur, "FAILED") == 0
        assert status_count(cur, "RUNNING") == 1
        assert_read_model_exact(cur)


def test_job_delete_with_100k_statuses_is_one_statement() -> None:
    """The cascade brings 100,000 rows of a deleted job: no per-row work."""
    with connection.cursor() as cur:
        cur.execute("SET LOCAL statement_timeout = 0")
        big, other = insert_job(cur, "big"), insert_job(cur, "other")
        cur.execute(
            'INSERT INTO jobs_jobstatus (job_id, status_type, "timestamp") '
            "SELECT %s, (ARRAY['PENDING','RUNNING','FAILED'])[1 + g %% 3], "
            "%s + g * interval '1 second' FROM generate_series(1, 100000) AS g",
            [big, T0],
        )
        insert_status(cur, other, "COMPLETED", T0)
        assert read_model(cur, big)[0] == "RUNNING"  # g = 100000: 1 + 1
        cur.execute("DELETE FROM jobs_job WHERE id = %s", [big])
        assert cur.rowcount == 1
        cur.execute("SELECT count(*) FROM jobs_jobstatus")
        assert cur.fetchone()[0] == 1
        assert status_count(cur, "RUNNING") == 0
        assert status_count(cur, "COMPLETED") == 1
        assert_read_model_exact(cur)


def test_job_direct_write_of_read_model_is_ignored() -> None:
    """A stale ORM save() or a hand-written UPDATE cannot break the invariant."""
    with connection.cursor() as cur:
        job_id = insert_job(cur)
        status_id = insert_status(cur, job_id, "RUNNING", T0)
        cur.execute(
            "UPDATE jobs_job SET current_status = 'PENDING', current_status_id = NULL, "
            "status_changed_at = NULL, name = 'renamed' WHERE id = %s",
            [job_id],
        )
        assert read_model(cur, job_id)[:3] == ("RUNNING", T0, status_id)
        cur.execute("SELECT name FROM jobs_job WHERE id = %s", [job_id])
        assert cur.fetchone()[0] == "renamed"
        cur.execute(
            "INSERT INTO jobs_job (name, current_status, current_status_id) "
            "VALUES ('forged', 'COMPLETED', 1) RETURNING id"
        )
        forged = cur.fetchone()[0]
        assert read_model(cur, forged)[:3] == (None, None, None)
        assert_read_model_exact(cur)


def test_job_refresh_read_model_repairs_drift() -> None:
    with connection.cursor() as cur:
        job_id = insert_job(cur)
        status_id = insert_status(cur, job_id, "RUNNING", T0)
        # Simulate drift the only way possible: with the triggers' own flag.
        cur.execute("SELECT set_config('jobs.read_model_write', 'on', true)")
        cur.execute(
            "UPDATE jobs_job SET current_status = 'FAILED' WHERE id = %s", [job_id]
        )
        cur.execute("SELECT set_config('jobs.read_model_write', 'off', true)")
        assert read_model(cur, job_id)[0] == "FAILED"
        cur.execute("SELECT jobs_job_refresh_read_model(ARRAY[%s]::bigint[])", [job_id])
        assert cur.fetchone()[0] == 1
        assert read_model(cur, job_id)[:3] == ("RUNNING", T0, status_id)
        assert_read_model_exact(cur)
