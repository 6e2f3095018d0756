import pytest

from jobs.services import job_create, job_delete, job_update

pytestmark = pytest.mark.django_db

URL = "/api/jobs/stats/"


def test_job_stats_api_counts_jobs_per_current_status(api_client) -> None:
    before = api_client.get(URL).json()
    first = job_create(name="one")
    second = job_create(name="two")
    job_create(name="three")
    job_update(job_id=first.pk, status_type="RUNNING")
    job_update(job_id=second.pk, status_type="FAILED")
    job_delete(job_id=second.pk)

    response = api_client.get(URL)

    assert response.status_code == 200
    body = response.json()
    assert set(body["by_status"]) == {
        "PENDING",
        "RUNNING",
        "COMPLETED",
        "FAILED",
        "CANCELLED",
    }
    assert body["total"] == before["total"] + 2
    deltas = {
        status: count - before["by_status"][status]
        for status, count in body["by_status"].items()
    }
    assert deltas == {
        "PENDING": 1,
        "RUNNING": 1,
        "COMPLETED": 0,
        "FAILED": 0,
        "CANCELLED": 0,
    }


def test_job_stats_api_bytes_are_the_serializer_bytes(api_client) -> None:
    # The view sends job_stats() as it is; the schema documents
    # JobStatsSerializer: both must give the same bytes.
    from rest_framework.renderers import JSONRenderer

    from jobs.selectors import job_stats
    from jobs.serializers import JobStatsSerializer
    from jobs.services import job_create, job_status_change

    job_status_change(job_id=job_create(name="a").pk, status_type="FAILED")
    job_create(name="b")
    response = api_client.get("/api/jobs/stats/")
    expected = JSONRenderer().render(JobStatsSerializer(job_stats()).data)
    assert response.content == expected
    assert list(response.json()["by_status"]) == [
        "PENDING",
        "RUNNING",
        "COMPLETED",
        "FAILED",
        "CANCELLED",
    ]
