"""The id-list bulk action: one transaction, missing ids, exact counters."""

import pytest
from django.db import IntegrityError, connection

from jobs.bulk import job_bulk_apply
from jobs.models import Job, JobStatus
from jobs.selectors import job_stats

pytestmark = pytest.mark.django_db


def test_job_bulk_apply_set_status_writes_each_job_once(
    make_jobs, read_model_exact
) -> None:
    ids = make_jobs(10)
    before = JobStatus.objects.count()

    result = job_bulk_apply(
        action="set_status", status_type="FAILED", ids=[ids[0], ids[3], ids[3], 999_999]
    )

    assert result.affected == 2
    assert result.missing == [999_999]
    assert JobStatus.objects.count() == before + 2
    assert set(
        Job.objects.filter(current_status="FAILED").values_list("pk", flat=True)
    ) >= {
        ids[0],
        ids[3],
    }
    read_model_exact()


def test_job_bulk_apply_set_status_is_never_behind_a_future_status(make_jobs) -> None:
    (job_id,) = make_jobs(1)
    with connection.cursor() as cursor:
        cursor.execute(
            'INSERT INTO jobs_jobstatus (job_id, status_type, "timestamp") '
            "VALUES (%s, 'RUNNING', now() + interval '1 day')",
            [job_id],
        )

    job_bulk_apply(action="set_status", status_type="CANCELLED", ids=[job_id])

    assert Job.objects.get(pk=job_id).current_status == "CANCELLED"


def test_job_bulk_apply_delete_takes_jobs_histories_and_counts(
    make_jobs, read_model_exact
) -> None:
    ids = make_jobs(10)

    result = job_bulk_apply(action="delete", ids=[*ids[:4], 5_000_000])

    assert result.affected == 4
    assert result.missing == [5_000_000]
    assert not Job.objects.filter(pk__in=ids[:4]).exists()
    assert not JobStatus.objects.filter(job_id__in=ids[:4]).exists()
    assert job_stats()["total"] == 6
    read_model_exact()


def test_job_bulk_apply_writes_nothing_when_the_statement_fails(make_jobs) -> None:
    ids = make_jobs(5)
    before = list(JobStatus.objects.order_by("pk").values_list("pk", "status_type"))

    with pytest.raises(IntegrityError):
        job_bulk_apply(action="set_status", status_type="BOGUS", ids=ids)

    after = list(JobStatus.objects.order_by("pk").values_list("pk", "status_type"))
    assert after == before


def test_job_bulk_apply_all_missing_writes_nothing(make_jobs) -> None:
    make_jobs(3)

    result = job_bulk_apply(action="delete", ids=[10**12, 10**12 + 1])

    assert result == (0, [10**12, 10**12 + 1])
    assert Job.objects.count() == 3
