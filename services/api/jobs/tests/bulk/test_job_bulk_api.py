"""``POST /api/jobs/bulk/`` and ``GET /api/jobs/bulk/<id>/``."""

import pytest

from jobs.models import BulkOperation, Job, JobStatus
from jobs.tests.bulk.conftest import run_worker

pytestmark = pytest.mark.django_db

URL = "/api/jobs/bulk/"


def test_job_bulk_api_set_status_by_ids(
    api_client, make_jobs, read_model_exact
) -> None:
    ids = make_jobs(5)

    response = api_client.post(
        URL,
        {
            "action": "set_status",
            "status_type": "FAILED",
            "ids": [ids[1], ids[2], 77777],
        },
    )

    assert response.status_code == 200, response.content
    assert response.json() == {
        "action": "set_status",
        "status_type": "FAILED",
        "affected": 2,
        "missing": [77777],
    }
    assert api_client.get(f"/api/jobs/{ids[1]}/").json()["current_status"] == "FAILED"
    read_model_exact()


def test_job_bulk_api_delete_by_ids(api_client, make_jobs, read_model_exact) -> None:
    ids = make_jobs(5)

    response = api_client.post(URL, {"action": "delete", "ids": ids[:3]})

    assert response.status_code == 200
    assert response.json() == {
        "action": "delete",
        "status_type": None,
        "affected": 3,
        "missing": [],
    }
    assert api_client.get("/api/jobs/stats/").json()["total"] == 2
    read_model_exact()


# The worker closes its connection between tasks (close_old_connections),
# which ends a test's wrapping transaction: this one commits for real.
@pytest.mark.django_db(transaction=True)
def test_job_bulk_api_filter_answers_202_then_progress(
    api_client, make_jobs, read_model_exact
) -> None:
    make_jobs(100)
    body = {
        "action": "set_status",
        "status_type": "FAILED",
        "filter": {"status": ["RUNNING"], "search": "simulation"},
    }

    response = api_client.post(URL, body)

    assert response.status_code == 202, response.content
    operation = response.json()
    assert response["Location"] == f"/api/jobs/bulk/{operation['id']}/"
    assert operation | {"id": 0, "created_at": ""} == {
        "id": 0,
        "action": "set_status",
        "status_type": "FAILED",
        "filter": {"status": ["RUNNING"], "search": "simulation"},
        "state": "pending",
        "total": None,
        "done": 0,
        "error": None,
        "created_at": "",
        "started_at": None,
        "finished_at": None,
    }
    run_worker()
    progress = api_client.get(response["Location"]).json()
    assert (progress["state"], progress["total"], progress["done"]) == ("done", 12, 12)
    stats = api_client.get("/api/jobs/stats/").json()
    assert stats["by_status"]["RUNNING"] == 20 - 12
    assert stats["by_status"]["FAILED"] == 20 + 12
    read_model_exact()


def test_job_bulk_api_unknown_operation_is_404(api_client, db) -> None:
    response = api_client.get(f"{URL}424242/")

    assert response.status_code == 404
    assert response.json() == {"detail": "Bulk operation 424242 not found."}


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"action": "archive", "ids": [1]}, "action"),
        ({"action": "set_status", "ids": [1]}, "status_type"),
        ({"action": "set_status", "status_type": "DONE", "ids": [1]}, "status_type"),
        ({"action": "delete", "status_type": "FAILED", "ids": [1]}, "status_type"),
        ({"action": "delete", "ids": list(range(1, 1002))}, "ids"),
        ({"action": "delete", "ids": []}, "ids"),
        ({"action": "delete", "ids": [0]}, "ids.0"),
        ({"action": "delete", "ids": ["x"]}, "ids.0"),
        ({"action": "delete", "ids": [2**63]}, "ids.0"),
        ({"action": "delete", "ids": 5}, "ids"),
        ({"action": "delete"}, "non_field_errors"),
        ({"action": "delete", "ids": [1], "filter": {}}, "non_field_errors"),
        ({"action": "delete", "filter": {"status": ["DONE"]}}, "filter.status.0"),
        ({"action": "delete", "filter": {"status": []}}, "filter.status"),
        ({"action": "delete", "filter": {"search": "ab"}}, "filter.search"),
        ({"action": "delete", "filter": {"search": "  ab  "}}, "filter.search"),
        ({"action": "delete", "filter": {"search": "%%%"}}, "filter.search"),
        ({"action": "delete", "filter": {"search": 12345}}, "filter.search"),
        ({"action": "delete", "filter": {"ordering": "name"}}, "filter.ordering"),
        ({"action": "delete", "filter": []}, "filter.non_field_errors"),
        ({"action": "delete", "ids": [1], "extra": 1}, "extra"),
    ],
)
def test_job_bulk_api_bad_body_is_400_and_writes_nothing(
    api_client, make_jobs, body, field
) -> None:
    ids = make_jobs(3)
    statuses = JobStatus.objects.count()

    response = api_client.post(URL, body)

    assert response.status_code == 400, response.content
    assert field in response.json()["errors"], response.json()
    assert sorted(Job.objects.values_list("pk", flat=True)) == ids
    assert JobStatus.objects.count() == statuses
    assert not BulkOperation.objects.exists()


def test_job_bulk_api_not_json_is_415(api_client, db) -> None:
    response = api_client.post(URL, "action=delete", content_type="text/plain")

    assert response.status_code == 415
    assert "detail" in response.json()
