"""The status rule of PATCH: a status set through the API becomes current.

Its timestamp is taken after the job's row lock and never behind the job's
latest status, so the PATCH response shows the status that request wrote,
even with concurrent writers (threads with their own connections released
together at a barrier) and after a status stamped in the future by SQL.
"""

import threading
from datetime import timedelta

import pytest
from django.db import connection
from django.utils import timezone
from rest_framework.test import APIClient

from jobs.models import JobStatus, StatusType
from jobs.tests.triggers.readmodel import read_model_mismatches

THREADS = 6
ROUNDS = 8


def _patch(job_id: int, status_type: str) -> dict[str, object]:
    client = APIClient()
    response = client.patch(
        f"/api/jobs/{job_id}/", {"status_type": status_type}, format="json"
    )
    assert response.status_code == 200, response.content
    return response.json()


def test_patch_after_a_future_stamped_status_becomes_current(
    api_client: APIClient, job
) -> None:
    future = timezone.now() + timedelta(days=1)
    JobStatus.objects.create(job=job, status_type="FAILED", timestamp=future)

    body = api_client.patch(
        f"/api/jobs/{job.pk}/", {"status_type": "RUNNING"}, format="json"
    ).json()

    assert body["current_status"] == "RUNNING"
    latest = JobStatus.objects.filter(job=job).order_by("-timestamp", "-id")[0]
    assert latest.status_type == "RUNNING"
    assert latest.timestamp >= future


@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("future_first", [False, True])
def test_patch_response_shows_own_status_under_concurrent_writers(
    api_client: APIClient, future_first: bool
) -> None:
    job_id = api_client.post("/api/jobs/", {"name": "Contended"}).json()["id"]
    if future_first:
        # A status stamped a day ahead (SQL, an import): every concurrent
        # PATCH must still become current, in commit order.
        JobStatus.objects.create(
            job_id=job_id,
            status_type="FAILED",
            timestamp=timezone.now() + timedelta(days=1),
        )
    statuses = StatusType.values
    wrong: list[str] = []
    errors: list[BaseException] = []
    barrier = threading.Barrier(THREADS)

    def writer(index: int) -> None:
        try:
            for round_no in range(ROUNDS):
                sent = statuses[(index + round_no) % len(statuses)]
                barrier.wait(timeout=60)
                got = _patch(job_id, sent)["current_status"]
                if got != sent:
                    wrong.append(f"round {round_no}: sent {sent}, got {got}")
        except BaseException as exc:  # reported by the test thread
            errors.append(exc)
            barrier.abort()
        finally:
            connection.close()

    threads = [threading.Thread(target=writer, args=(i,)) for i in range(THREADS)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=120)

    assert errors == []
    assert wrong == []
    # The history is in commit order: each later id has a later-or-equal time.
    stamps = list(
        JobStatus.objects.filter(job_id=job_id)
        .order_by("id")
        .values_list("timestamp", flat=True)
    )
    assert stamps == sorted(stamps)
    with connection.cursor() as cursor:
        assert read_model_mismatches(cursor) == []
