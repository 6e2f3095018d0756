import pytest

from jobs.models import Job, JobStatus

pytestmark = pytest.mark.django_db


def url(job_id: int) -> str:
    return f"/api/jobs/{job_id}/"


def test_job_detail_api_get_returns_job(api_client, job: Job) -> None:
    response = api_client.get(url(job.pk))

    assert response.status_code == 200
    assert response.json() == {
        "id": job.pk,
        "name": job.name,
        "current_status": "PENDING",
        "status_changed_at": job.status_changed_at.isoformat().replace("+00:00", "Z"),
        "created_at": job.created_at.isoformat().replace("+00:00", "Z"),
        "updated_at": job.updated_at.isoformat().replace("+00:00", "Z"),
    }


def test_job_detail_api_get_unknown_id_is_404(api_client) -> None:
    response = api_client.get(url(99999))

    assert response.status_code == 404
    assert response.json() == {"detail": "Job 99999 not found."}


def test_job_detail_api_patch_status_appends_and_returns_new_status(
    api_client, job: Job
) -> None:
    response = api_client.patch(url(job.pk), {"status_type": "RUNNING"})

    assert response.status_code == 200, response.content
    assert response.json()["current_status"] == "RUNNING"
    assert JobStatus.objects.filter(job=job).count() == 2
    # Still RUNNING when read again.
    assert api_client.get(url(job.pk)).json()["current_status"] == "RUNNING"


def test_job_detail_api_patch_same_status_records_history(api_client, job: Job) -> None:
    api_client.patch(url(job.pk), {"status_type": "PENDING"})

    assert JobStatus.objects.filter(job=job, status_type="PENDING").count() == 2


def test_job_detail_api_patch_name_renames(api_client, job: Job) -> None:
    response = api_client.patch(url(job.pk), {"name": "  New name "})

    assert response.status_code == 200
    assert response.json()["name"] == "New name"
    assert response.json()["current_status"] == "PENDING"


@pytest.mark.parametrize(
    ("payload", "field", "message"),
    [
        ({}, "non_field_errors", "Provide at least one of: name, status_type."),
        ({"status_type": "running"}, "status_type", '"running" is not a valid choice.'),
        ({"status_type": "DONE"}, "status_type", '"DONE" is not a valid choice.'),
        ({"status_type": None}, "status_type", "This field may not be null."),
        ({"name": " "}, "name", "This field may not be blank."),
        ({"name": "x" * 201}, "name", "no more than 200 characters"),
        ({"status": "RUNNING"}, "status", "Unknown field."),
        ({"current_status": "RUNNING"}, "current_status", "This field is read-only."),
        ({"id": 5, "status_type": "RUNNING"}, "id", "This field is read-only."),
    ],
)
def test_job_detail_api_patch_bad_body_is_400(
    api_client, job: Job, payload: dict, field: str, message: str
) -> None:
    response = api_client.patch(url(job.pk), payload)

    assert response.status_code == 400
    body = response.json()
    assert message in body["errors"][field][0]
    assert body["detail"]
    assert JobStatus.objects.filter(job=job).count() == 1


def test_job_detail_api_patch_unknown_id_is_404(api_client) -> None:
    response = api_client.patch(url(99999), {"status_type": "RUNNING"})

    assert response.status_code == 404
    assert response.json()["detail"] == "Job 99999 not found."


def test_job_detail_api_delete_removes_job_and_history(api_client, job: Job) -> None:
    api_client.patch(url(job.pk), {"status_type": "RUNNING"})

    response = api_client.delete(url(job.pk))

    assert response.status_code == 204
    assert response.content == b""
    assert not Job.objects.filter(pk=job.pk).exists()
    assert not JobStatus.objects.filter(job_id=job.pk).exists()
    assert api_client.get(url(job.pk)).status_code == 404


def test_job_detail_api_delete_unknown_id_is_404(api_client) -> None:
    response = api_client.delete(url(99999))

    assert response.status_code == 404
    assert response.json() == {"detail": "Job 99999 not found."}
