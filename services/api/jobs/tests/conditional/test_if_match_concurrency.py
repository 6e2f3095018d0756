"""Two writers holding one version race: exactly one write happens.

Real threads on their own connections, released together at a barrier;
the version is checked under the job's row lock, so the second writer
reads the row the first one committed and answers 412.
"""

import threading

import pytest
from django.db import connection
from rest_framework.test import APIClient

from jobs.models import Job, JobStatus
from jobs.serializers import job_etag
from jobs.services import job_create

pytestmark = pytest.mark.django_db(transaction=True)

ROUNDS = 10


def _race(requests: list) -> list[int]:
    """Run each ``request(client)`` in its own thread at once; the statuses."""
    barrier = threading.Barrier(len(requests))
    statuses: list[int] = []

    def run(request) -> None:
        client = APIClient()
        try:
            barrier.wait()
            statuses.append(request(client).status_code)
        finally:
            connection.close()

    threads = [threading.Thread(target=run, args=(request,)) for request in requests]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=30)
    return sorted(statuses)


@pytest.mark.parametrize("bodies", [("RUNNING", "FAILED"), ("name:A", "name:B")])
def test_two_patches_with_one_if_match_make_one_write(bodies) -> None:
    for _ in range(ROUNDS):
        job = job_create(name="Raced")
        etag = job_etag(job)
        requests = [
            lambda client, body=body, job=job, etag=etag: client.patch(
                f"/api/jobs/{job.pk}/",
                {"name": body[5:]}
                if body.startswith("name:")
                else {"status_type": body},
                format="json",
                HTTP_IF_MATCH=etag,
            )
            for body in bodies
        ]

        assert _race(requests) == [200, 412]
        writes = JobStatus.objects.filter(job=job).count() - 1
        renamed = Job.objects.get(pk=job.pk).name != "Raced"
        assert writes + renamed == 1


def test_patch_and_delete_with_one_if_match_make_one_write() -> None:
    for _ in range(ROUNDS):
        job = job_create(name="Raced")
        etag = job_etag(job)
        url = f"/api/jobs/{job.pk}/"
        statuses = _race(
            [
                lambda client, url=url, etag=etag: client.patch(
                    url, {"status_type": "FAILED"}, format="json", HTTP_IF_MATCH=etag
                ),
                lambda client, url=url, etag=etag: client.delete(
                    url, HTTP_IF_MATCH=etag
                ),
            ]
        )

        # The PATCH first: the DELETE sees a new version (412).  The DELETE
        # first: the PATCH finds no job (404).
        assert statuses in ([200, 412], [204, 404])
        exists = Job.objects.filter(pk=job.pk).exists()
        assert exists == (statuses == [200, 412])
