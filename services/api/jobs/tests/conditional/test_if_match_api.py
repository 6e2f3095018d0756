"""ETag on every job answer; If-Match on PATCH and DELETE (docs/api.md,
"Versions and If-Match")."""

import pytest

from jobs.models import Job, JobStatus
from jobs.serializers import job_etag

pytestmark = pytest.mark.django_db


def url(job_id: int) -> str:
    return f"/api/jobs/{job_id}/"


def test_job_detail_get_has_the_updated_at_etag(api_client, job: Job) -> None:
    response = api_client.get(url(job.pk))

    assert response["ETag"] == f'"{response.json()["updated_at"]}"'
    assert response["ETag"] == job_etag(job)


def test_job_create_and_patch_answer_the_new_etag(api_client) -> None:
    created = api_client.post("/api/jobs/", {"name": "Tagged"})
    patched = api_client.patch(url(created.json()["id"]), {"status_type": "RUNNING"})

    assert created.status_code == 201
    assert created["ETag"] == f'"{created.json()["updated_at"]}"'
    assert patched["ETag"] == f'"{patched.json()["updated_at"]}"'
    assert patched["ETag"] != created["ETag"]


@pytest.mark.parametrize("body", [{"status_type": "RUNNING"}, {"name": "Renamed"}])
def test_job_patch_with_current_etag_writes(api_client, job: Job, body) -> None:
    response = api_client.patch(url(job.pk), body, HTTP_IF_MATCH=job_etag(job))

    assert response.status_code == 200, response.content
    assert response["ETag"] != job_etag(job)


@pytest.mark.parametrize(
    "if_match",
    ["*", '"x", {etag}', '  {etag} ,"y"', '"a", "b", {etag}'],
)
def test_job_patch_matching_lists_and_star_write(
    api_client, job: Job, if_match
) -> None:
    header = if_match.format(etag=job_etag(job))

    response = api_client.patch(
        url(job.pk), {"status_type": "FAILED"}, HTTP_IF_MATCH=header
    )

    assert response.status_code == 200, response.content


def test_job_patch_with_stale_etag_is_412_with_the_current_job(
    api_client, job: Job
) -> None:
    stale = job_etag(job)
    changed = api_client.patch(url(job.pk), {"status_type": "RUNNING"}).json()

    response = api_client.patch(
        url(job.pk), {"status_type": "FAILED"}, HTTP_IF_MATCH=stale
    )

    assert response.status_code == 412
    assert response.json() == {
        "detail": (
            "The job changed since the version in If-Match; nothing was changed. "
            "The current job is in `job`."
        ),
        "job": changed,
    }
    assert response["ETag"] == f'"{changed["updated_at"]}"'
    assert JobStatus.objects.filter(job=job).count() == 2
    assert Job.objects.get(pk=job.pk).current_status == "RUNNING"


def test_job_patch_rename_with_stale_etag_keeps_the_name(api_client, job: Job) -> None:
    stale = job_etag(job)
    api_client.patch(url(job.pk), {"name": "First"})

    response = api_client.patch(url(job.pk), {"name": "Second"}, HTTP_IF_MATCH=stale)

    assert response.status_code == 412
    assert response.json()["job"]["name"] == "First"
    assert Job.objects.get(pk=job.pk).name == "First"


def test_job_patch_weak_etag_never_matches(api_client, job: Job) -> None:
    response = api_client.patch(
        url(job.pk), {"status_type": "RUNNING"}, HTTP_IF_MATCH=f"W/{job_etag(job)}"
    )

    assert response.status_code == 412
    assert JobStatus.objects.filter(job=job).count() == 1


@pytest.mark.parametrize(
    "if_match",
    [
        "",
        " ",
        "2026-11-29T09:15:49.757999Z",
        '"a", b',
        '*, "a"',
        '"unterminated',
        ",",
        '"a",,"b"',
        '"a,b"',
    ],
)
def test_job_patch_malformed_if_match_is_400(api_client, job: Job, if_match) -> None:
    response = api_client.patch(
        url(job.pk), {"status_type": "RUNNING"}, HTTP_IF_MATCH=if_match
    )

    assert response.status_code == 400
    assert response.json()["detail"].startswith('If-Match must be "*" or a list')
    assert JobStatus.objects.filter(job=job).count() == 1


def test_job_patch_without_if_match_overwrites_as_before(api_client, job: Job) -> None:
    api_client.patch(url(job.pk), {"status_type": "RUNNING"})

    response = api_client.patch(url(job.pk), {"status_type": "FAILED"})

    assert response.status_code == 200
    assert response.json()["current_status"] == "FAILED"


def test_job_unknown_id_with_if_match_is_404(api_client) -> None:
    patched = api_client.patch(
        url(99999), {"status_type": "RUNNING"}, HTTP_IF_MATCH="*"
    )
    deleted = api_client.delete(url(99999), HTTP_IF_MATCH='"x"')

    assert (patched.status_code, deleted.status_code) == (404, 404)


def test_job_delete_with_stale_etag_is_412_and_leaves_the_job(
    api_client, job: Job
) -> None:
    stale = job_etag(job)
    changed = api_client.patch(url(job.pk), {"status_type": "RUNNING"}).json()

    response = api_client.delete(url(job.pk), HTTP_IF_MATCH=stale)

    assert response.status_code == 412
    assert response.json()["job"] == changed
    assert Job.objects.filter(pk=job.pk).exists()
    assert JobStatus.objects.filter(job=job).count() == 2


def test_job_delete_with_current_etag_deletes(api_client, job: Job) -> None:
    response = api_client.delete(url(job.pk), HTTP_IF_MATCH=job_etag(job))

    assert response.status_code == 204
    assert not Job.objects.filter(pk=job.pk).exists()


def test_job_delete_malformed_if_match_is_400(api_client, job: Job) -> None:
    response = api_client.delete(url(job.pk), HTTP_IF_MATCH="no-quotes")

    assert response.status_code == 400
    assert Job.objects.filter(pk=job.pk).exists()
