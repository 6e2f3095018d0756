"""job_get: one job by id."""

import pytest

from jobs.exceptions import JobNotFoundError
from jobs.models import Job
from jobs.selectors import job_get


def test_job_get_returns_the_job_with_its_read_model(job: Job) -> None:
    found = job_get(job_id=job.id)
    assert found == job
    assert found.current_status == "PENDING"


def test_job_get_unknown_id_raises_not_found(db: None) -> None:
    with pytest.raises(JobNotFoundError) as raised:
        job_get(job_id=987654321)
    assert raised.value.job_id == 987654321
