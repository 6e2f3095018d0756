"""job_status_history: a job's statuses newest first by (timestamp, id)."""

from datetime import UTC, datetime, timedelta

import pytest

from jobs.exceptions import JobNotFoundError
from jobs.models import Job, JobStatus
from jobs.selectors import job_status_history
from jobs.tests.factories import JobFactory, JobStatusFactory


def test_job_status_history_is_newest_first_with_id_breaking_ties(job: Job) -> None:
    same = datetime(2026, 5, 1, 12, 0, tzinfo=UTC)
    tied = [
        JobStatusFactory(job=job, status_type=s, timestamp=same)
        for s in ("RUNNING", "FAILED", "PENDING")
    ]
    older = JobStatusFactory(
        job=job, status_type="COMPLETED", timestamp=same - timedelta(days=1)
    )
    other_job = JobFactory()

    history = list(job_status_history(job_id=job.id))

    assert all(status.job_id == job.id for status in history)
    expected = list(
        JobStatus.objects.filter(job=job)
        .order_by("-timestamp", "-id")
        .values_list("id", flat=True)
    )
    assert [status.id for status in history] == expected
    # Equal timestamps: the higher id is newer.
    positions = [expected.index(status.id) for status in tied]
    assert positions == sorted(positions, reverse=True)
    assert older.id in expected
    assert other_job.id not in {status.job_id for status in history}


def test_job_status_history_unknown_job_raises_not_found(db: None) -> None:
    with pytest.raises(JobNotFoundError):
        job_status_history(job_id=987654321)


def test_job_status_history_of_job_without_statuses_is_empty(job: Job) -> None:
    JobStatus.objects.filter(job=job).delete()
    assert list(job_status_history(job_id=job.id)) == []
