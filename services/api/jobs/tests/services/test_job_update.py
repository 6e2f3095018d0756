import threading
from collections.abc import Callable

import psycopg
import pytest
from django.db import connection

from jobs.exceptions import JobInvalidError, JobNotFoundError
from jobs.models import Job, JobStatus, StatusType
from jobs.services import job_create, job_rename, job_status_change, job_update

pytestmark = pytest.mark.django_db


def test_job_update_status_appends_history_and_returns_fresh_job(
    job: Job, latest_status_of: Callable[[int], str | None]
) -> None:
    updated = job_update(job_id=job.pk, status_type=StatusType.RUNNING)

    history = list(
        JobStatus.objects.filter(job=job)
        .order_by("timestamp", "id")
        .values_list("status_type", flat=True)
    )
    assert history == [StatusType.PENDING, StatusType.RUNNING]
    assert updated.current_status == StatusType.RUNNING == latest_status_of(job.pk)
    assert updated.updated_at >= job.updated_at


def test_job_update_same_status_still_appends_history(job: Job) -> None:
    job_update(job_id=job.pk, status_type=StatusType.PENDING)

    assert JobStatus.objects.filter(job=job).count() == 2


def test_job_update_name_renames_and_moves_updated_at(job: Job) -> None:
    updated = job_update(job_id=job.pk, name="Renamed")

    assert updated.name == "Renamed"
    assert updated.updated_at >= job.updated_at
    assert updated.current_status == job.current_status
    assert JobStatus.objects.filter(job=job).count() == 1


def test_job_update_name_and_status_together(job: Job) -> None:
    updated = job_update(job_id=job.pk, name="Both", status_type=StatusType.FAILED)

    assert updated.name == "Both"
    assert updated.current_status == StatusType.FAILED


@pytest.mark.django_db(transaction=True)
def test_job_status_change_locks_then_stamps_then_reads_back(
    job: Job, django_assert_num_queries
) -> None:
    with django_assert_num_queries(5) as captured:
        job_status_change(job_id=job.pk, status_type=StatusType.COMPLETED)
    sqls = [q["sql"] for q in captured.captured_queries]
    assert sqls[1].endswith("FOR NO KEY UPDATE")
    assert sqls[2].startswith('INSERT INTO "jobs_jobstatus"')
    assert "GREATEST(STATEMENT_TIMESTAMP()" in sqls[2]


def test_job_rename_unknown_id_raises_not_found() -> None:
    with pytest.raises(JobNotFoundError):
        job_rename(job_id=987654321, name="Nobody")


def test_job_update_unknown_id_raises_not_found() -> None:
    with pytest.raises(JobNotFoundError):
        job_update(job_id=987654321, status_type=StatusType.RUNNING)
    assert not JobStatus.objects.exists()


def test_job_update_invalid_status_rejected_by_database(job: Job) -> None:
    with pytest.raises(JobInvalidError, match="jobs_jobstatus_status_type_valid"):
        job_update(job_id=job.pk, status_type="running")


def test_job_update_nothing_to_change_returns_job(job: Job) -> None:
    assert job_update(job_id=job.pk).name == job.name


@pytest.mark.django_db(transaction=True)
def test_job_update_job_deleted_concurrently_raises_not_found() -> None:
    """A delete that commits while the status insert waits is a 404, not a 500."""
    job = job_create(name="Racing")
    dsn = connection.get_connection_params()
    other = psycopg.connect(
        **{k: v for k, v in dsn.items() if k not in {"cursor_factory", "context"}}
    )
    try:
        other.execute("DELETE FROM jobs_job WHERE id = %s", [job.pk])  # uncommitted
        timer = threading.Timer(0.5, other.commit)
        timer.start()
        with pytest.raises(JobNotFoundError):
            job_update(job_id=job.pk, status_type=StatusType.RUNNING)
        timer.join()
    finally:
        other.close()
    assert not JobStatus.objects.filter(job_id=job.pk).exists()
