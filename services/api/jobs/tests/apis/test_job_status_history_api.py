import pytest

from jobs.models import Job
from jobs.services import job_update

pytestmark = pytest.mark.django_db


def url(job_id: int) -> str:
    return f"/api/jobs/{job_id}/statuses/"


def test_job_status_history_api_lists_newest_first(api_client, job: Job) -> None:
    job_update(job_id=job.pk, status_type="RUNNING")
    job_update(job_id=job.pk, status_type="COMPLETED")

    response = api_client.get(url(job.pk))

    assert response.status_code == 200
    body = response.json()
    assert set(body) == {"next", "previous", "results"}
    assert [s["status_type"] for s in body["results"]] == [
        "COMPLETED",
        "RUNNING",
        "PENDING",
    ]
    assert set(body["results"][0]) == {"id", "status_type", "timestamp"}


def test_job_status_history_api_pages_by_cursor(api_client, job: Job) -> None:
    for status in ["RUNNING", "FAILED", "PENDING", "RUNNING"]:
        job_update(job_id=job.pk, status_type=status)

    seen: list[int] = []
    next_url: str | None = f"{url(job.pk)}?page_size=2"
    while next_url:
        body = api_client.get(next_url).json()
        seen += [s["id"] for s in body["results"]]
        next_url = body["next"]

    assert len(seen) == 5
    assert seen == sorted(seen, reverse=True)


def test_job_status_history_api_unknown_id_is_404(api_client) -> None:
    response = api_client.get(url(99999))

    assert response.status_code == 404
    assert response.json() == {"detail": "Job 99999 not found."}


def test_job_status_history_api_unknown_param_is_400_naming_it(
    api_client, job: Job
) -> None:
    response = api_client.get(url(job.pk), {"ordering": "timestamp"})

    assert response.status_code == 400
    assert response.json()["errors"] == {
        "ordering": ["Unknown query parameter. Allowed: page_size, cursor."]
    }


def test_job_status_history_api_repeated_page_size_is_400(api_client, job: Job) -> None:
    response = api_client.get(f"{url(job.pk)}?page_size=1&page_size=50")

    assert response.status_code == 400
    assert response.json()["errors"] == {
        "page_size": ["Give page_size once; got 2 values."]
    }
