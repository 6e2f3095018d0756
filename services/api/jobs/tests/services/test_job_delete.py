import pytest
from django.db import connection

from jobs.exceptions import JobNotFoundError
from jobs.models import Job, JobStatus
from jobs.services import job_delete
from jobs.tests.factories import JobFactory

pytestmark = pytest.mark.django_db

HISTORY_ROWS = 10_000


def _add_statuses(job_id: int, count: int) -> None:
    statuses = ["RUNNING", "COMPLETED", "FAILED", "CANCELLED", "PENDING"]
    with connection.cursor() as cursor:
        cursor.execute(
            "INSERT INTO jobs_jobstatus (job_id, status_type, timestamp) "
            "SELECT %s, (%s::text[])[1 + g %% 5], "
            "       statement_timestamp() + g * interval '1 millisecond' "
            "FROM generate_series(1, %s) AS g",
            [job_id, statuses, count],
        )


def test_job_delete_large_history_is_one_statement(
    django_assert_num_queries,
) -> None:
    job = JobFactory()
    other = JobFactory()
    _add_statuses(job.pk, HISTORY_ROWS - 1)
    assert JobStatus.objects.filter(job=job).count() == HISTORY_ROWS

    # Inside the test's transaction: a savepoint around one DELETE.
    with django_assert_num_queries(3) as captured:
        job_delete(job_id=job.pk)

    deletes = [q["sql"] for q in captured.captured_queries if "DELETE" in q["sql"]]
    assert len(deletes) == 1
    assert deletes[0].startswith('DELETE FROM "jobs_job"')
    assert not Job.objects.filter(pk=job.pk).exists()
    assert not JobStatus.objects.filter(job_id=job.pk).exists()
    assert JobStatus.objects.filter(job=other).count() == 1


def test_job_delete_unknown_id_raises_not_found() -> None:
    with pytest.raises(JobNotFoundError, match="Job 424242 not found"):
        job_delete(job_id=424242)
