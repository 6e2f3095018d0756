from collections.abc import Callable

import pytest
from django.db import connection

from jobs.exceptions import JobInvalidError
from jobs.models import Job, JobStatus, StatusType
from jobs.services import job_create

pytestmark = pytest.mark.django_db


def test_job_create_inserts_job_and_initial_pending_status() -> None:
    job = job_create(name="Fluid Dynamics Simulation")

    assert Job.objects.filter(pk=job.pk, name="Fluid Dynamics Simulation").exists()
    statuses = list(JobStatus.objects.filter(job=job))
    assert [s.status_type for s in statuses] == [StatusType.PENDING]
    assert statuses[0].timestamp >= job.created_at


def test_job_create_returns_read_model_written_by_trigger(
    latest_status_of: Callable[[int], str | None],
) -> None:
    job = job_create(name="ML Model Training")

    status = JobStatus.objects.get(job=job)
    assert job.current_status == StatusType.PENDING == latest_status_of(job.pk)
    assert job.current_status_id == status.pk
    assert job.status_changed_at == status.timestamp


# Outside a caller's transaction (as in a request): one transaction of
# three statements, the read-back a primary-key probe.
@pytest.mark.django_db(transaction=True)
def test_job_create_statements(django_assert_num_queries) -> None:
    with django_assert_num_queries(5) as captured:
        job = job_create(name="Shape")
    sqls = [q["sql"] for q in captured.captured_queries]
    assert sqls[0] == "BEGIN"
    assert sqls[-1] == "COMMIT"
    assert sqls[1].startswith('INSERT INTO "jobs_job"')
    assert sqls[2].startswith('INSERT INTO "jobs_jobstatus"')
    assert sqls[3].endswith(f'WHERE "jobs_job"."id" = {job.pk} LIMIT 21')


def test_job_create_blank_name_rejected_and_nothing_written() -> None:
    with pytest.raises(JobInvalidError, match="jobs_job_name_not_blank"):
        job_create(name="  ")
    # The failed statement group rolled back: nothing left behind, and the
    # connection is still usable.
    assert not Job.objects.exists()
    assert not JobStatus.objects.exists()
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1")


@pytest.mark.parametrize(
    "name", ["\t", "\n\r", "\u00a0", "\u3000", " \u2003 ", "\u200b", "\ufeff", ""]
)
def test_job_create_database_refuses_every_blank_name(name: str) -> None:
    # The CHECK constraint, not only the serializer, refuses what the API
    # calls blank (PostgreSQL's trim() strips only the ASCII space).
    with pytest.raises(JobInvalidError, match="jobs_job_name_not_blank"):
        job_create(name=name)
    assert not Job.objects.exists()


def test_job_create_database_accepts_name_with_inner_spaces() -> None:
    job = job_create(name="\u00a0a\u3000b")
    assert job.name == "\u00a0a\u3000b"
