"""Filter-wide bulk operations: batches, progress, resume, exact counters."""

import pytest

from jobs.bulk_runs import _run_batch, bulk_operation_create, bulk_operation_run
from jobs.exceptions import BulkOperationNotFoundError
from jobs.models import BulkOperation, Job
from jobs.selectors import job_list, job_stats
from jobs.tasks import bulk_operation_submit
from jobs.tests.bulk.conftest import run_worker

pytestmark = pytest.mark.django_db

RUNNING_SIMULATIONS = {"status": ["RUNNING"], "search": "simulation"}


def _matching(filters: dict) -> set[int]:
    return set(job_list(filters=filters).values_list("pk", flat=True))


def test_bulk_operation_run_fails_every_match_in_batches(
    make_jobs, read_model_exact
) -> None:
    make_jobs(200)
    targets = _matching(RUNNING_SIMULATIONS)
    others = dict(
        Job.objects.exclude(pk__in=targets).values_list("pk", "current_status")
    )
    operation = bulk_operation_create(
        action="set_status", status_type="FAILED", filters=RUNNING_SIMULATIONS
    )

    done = bulk_operation_run(operation_id=operation.pk, batch_size=7)

    assert (done.state, done.total, done.done) == ("done", len(targets), len(targets))
    assert len(targets) == 24
    assert done.error == ""
    assert done.started_at
    assert done.finished_at
    assert set(
        Job.objects.filter(pk__in=targets).values_list("current_status", flat=True)
    ) == {"FAILED"}
    assert (
        dict(Job.objects.exclude(pk__in=targets).values_list("pk", "current_status"))
        == others
    )
    assert _matching(RUNNING_SIMULATIONS) == set()
    read_model_exact()


def test_bulk_operation_run_delete_leaves_jobs_created_after(
    make_jobs, read_model_exact
) -> None:
    make_jobs(30)
    operation = bulk_operation_create(action="delete", filters={})
    later = make_jobs(4)

    done = bulk_operation_run(operation_id=operation.pk, batch_size=4)

    assert (done.total, done.done) == (30, 30)
    assert sorted(Job.objects.values_list("pk", flat=True)) == later
    assert job_stats()["total"] == 4
    read_model_exact()


def test_bulk_operation_run_resumes_after_the_last_committed_batch(make_jobs) -> None:
    make_jobs(50)
    operation = bulk_operation_create(
        action="set_status", status_type="CANCELLED", filters={"search": "simulation"}
    )
    BulkOperation.objects.filter(pk=operation.pk).update(state="running", total=30)
    assert _run_batch(operation.pk, 10) is False

    done = bulk_operation_run(operation_id=operation.pk, batch_size=10)

    assert (done.state, done.done) == ("done", 30)
    assert Job.objects.filter(current_status="CANCELLED").count() == 30 + 4


def test_bulk_operation_run_of_a_finished_operation_changes_nothing(make_jobs) -> None:
    make_jobs(10)
    operation = bulk_operation_create(action="delete", filters={})
    bulk_operation_run(operation_id=operation.pk, batch_size=100)
    make_jobs(3)

    again = bulk_operation_run(operation_id=operation.pk, batch_size=100)

    assert (again.state, again.done) == ("done", 10)
    assert Job.objects.count() == 3


def test_bulk_operation_run_unknown_id_raises(db) -> None:
    with pytest.raises(BulkOperationNotFoundError):
        bulk_operation_run(operation_id=12345, batch_size=10)


# The worker closes its connection between tasks (close_old_connections),
# which ends a test's wrapping transaction: this one commits for real.
@pytest.mark.django_db(transaction=True)
def test_bulk_operation_submit_runs_in_the_db_worker(
    make_jobs, read_model_exact
) -> None:
    make_jobs(40)
    operation = bulk_operation_submit(
        action="set_status",
        status_type="COMPLETED",
        filters={"status": ["PENDING", "FAILED"]},
    )
    assert operation.state == "pending"

    run_worker()

    operation.refresh_from_db()
    assert (operation.state, operation.total, operation.done) == ("done", 15, 15)
    assert job_stats()["by_status"] == {
        "PENDING": 0,
        "RUNNING": 10,
        "COMPLETED": 25,
        "FAILED": 0,
        "CANCELLED": 5,
    }
    read_model_exact()
