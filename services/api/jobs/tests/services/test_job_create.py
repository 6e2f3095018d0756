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


# Outside a caller's transaction (as in a request), the statements travel
# as one query; the test's own transaction would add a savepoint.
@pytest.mark.django_db(transaction=True)
def test_job_create_is_one_round_trip(django_assert_num_queries) -> None:
    with django_assert_num_queries(1):
        job_create(name="One trip")


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


def test_job_create_reads_the_new_job_back_through_the_primary_key() -> None:
    """The read-back must be an index probe, not a scan of every job.

    A volatile call such as ``currval()`` compared row by row cannot use an
    index; at a million jobs that made every create take seconds.  With
    sequential scans priced out, only a statement that *can* use the
    primary key shows no Seq Scan.
    """
    from jobs import services

    job_create(name="Plan probe")  # draws from the sequence in this session
    read_back = [s for s in services._CREATE_SQL.split(";") if s.strip()][-1]
    with connection.cursor() as cursor:
        cursor.execute("SET LOCAL enable_seqscan = off")
        cursor.execute(f"EXPLAIN {read_back}")
        plan = "\n".join(row[0] for row in cursor.fetchall())

    assert "Seq Scan" not in plan, plan
    assert "jobs_job_pkey" in plan, plan
