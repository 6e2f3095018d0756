"""The tables enforce the contract themselves: constraints, defaults,
cascade and indexes hold for any SQL, not only for the API's writes."""

import pytest
from django.db import DataError, IntegrityError, connection, transaction

from jobs.models import Job, JobStatus, JobStatusCount, StatusType
from jobs.tests.factories import JobFactory, JobStatusFactory

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("name", ["", "   "])
def test_job_blank_name_rejected_by_database(name: str) -> None:
    with pytest.raises(IntegrityError), transaction.atomic():
        Job.objects.create(name=name)


def test_job_name_over_200_chars_rejected_by_database() -> None:
    with (
        pytest.raises(DataError, match="too long"),
        transaction.atomic(),
        connection.cursor() as cursor,
    ):
        cursor.execute("INSERT INTO jobs_job (name) VALUES (%s)", ["x" * 201])


@pytest.mark.parametrize("status_type", ["running", "UNKNOWN", ""])
def test_jobstatus_invalid_status_rejected_by_database(status_type: str) -> None:
    job = JobFactory()
    with pytest.raises(IntegrityError), transaction.atomic():
        JobStatus.objects.create(job=job, status_type=status_type)


def test_job_times_default_to_database_clock() -> None:
    with connection.cursor() as cursor:
        cursor.execute("SELECT statement_timestamp()")
        before = cursor.fetchone()[0]
    job = Job.objects.create(name="Clock")
    assert job.created_at is not None
    assert job.created_at == job.updated_at
    assert job.created_at >= before
    status = JobStatus.objects.create(job=job, status_type=StatusType.PENDING)
    assert status.timestamp >= job.created_at


def test_jobstatus_foreign_key_cascades_in_database() -> None:
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT confdeltype FROM pg_constraint "
            "WHERE conrelid = 'jobs_jobstatus'::regclass AND contype = 'f'"
        )
        assert cursor.fetchall() == [("c",)]
    status = JobStatusFactory()
    with connection.cursor() as cursor:
        cursor.execute("DELETE FROM jobs_job WHERE id = %s", [status.job_id])
    assert not JobStatus.objects.filter(pk=status.pk).exists()


def test_jobstatuscount_status_and_shard_unique_nulls_not_distinct() -> None:
    JobStatusCount.objects.filter(shard=99).delete()
    JobStatusCount.objects.create(status_type=None, shard=99)
    with pytest.raises(IntegrityError), transaction.atomic():
        JobStatusCount.objects.create(status_type=None, shard=99)


def test_job_indexes_match_contract() -> None:
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT indexname, indexdef FROM pg_indexes "
            "WHERE tablename IN ('jobs_job', 'jobs_jobstatus')"
        )
        indexes = dict(cursor.fetchall())
    expected = {
        "jobs_job_created_idx": "(created_at DESC, id DESC)",
        "jobs_job_status_created_idx": "(current_status, created_at DESC, id DESC)",
        "jobs_job_name_idx": "(name, id)",
        "jobs_job_status_name_idx": "(current_status, name, id)",
        "jobs_job_updated_idx": "(updated_at DESC, id DESC)",
        "jobs_job_status_updated_idx": "(current_status, updated_at DESC, id DESC)",
        "jobs_job_name_search_idx": (
            "gin (translate(upper((name)::text), ' -_./#'::text, 'qxzjkv'::text) "
            "gin_trgm_ops)"
        ),
        "jobs_status_job_ts_idx": '(job_id, "timestamp" DESC, id DESC)',
    }
    for name, columns in expected.items():
        assert name in indexes, name
        assert indexes[name].endswith(columns), indexes[name]
    # The composite index serves the FK cascade: no separate job_id index.
    status_indexes = [i for i in indexes if "jobstatus" in i or "status_job" in i]
    assert sorted(status_indexes) == ["jobs_jobstatus_pkey", "jobs_status_job_ts_idx"]


def test_job_str_names_the_job() -> None:
    job = JobFactory(name="Render")
    assert str(job) == f"Render (#{job.pk})"
