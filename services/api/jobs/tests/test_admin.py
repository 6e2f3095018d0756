"""The admin stays cheap on big tables and writes through the services."""

import re

import pytest
from django.contrib.auth.models import User
from django.test import Client

from jobs.models import Job, JobStatus
from jobs.services import job_create, job_update
from jobs.tests.factories import JobFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin_client_logged_in(admin_user: User) -> Client:
    client = Client()
    client.force_login(admin_user)
    return client


def _counts(queries: list[dict]) -> list[str]:
    return [q["sql"] for q in queries if "COUNT(" in q["sql"].upper()]


def test_job_admin_changelist_counts_only_a_capped_subquery(
    admin_client_logged_in: Client, django_assert_max_num_queries
) -> None:
    JobFactory.create_batch(3)

    with django_assert_max_num_queries(10) as captured:
        response = admin_client_logged_in.get("/api/admin/jobs/job/")

    assert response.status_code == 200
    counts = _counts(captured.captured_queries)
    assert counts, "expected the capped count"
    assert all(re.search(r"LIMIT \d+", sql) for sql in counts), counts


def test_job_admin_changelist_filters_by_status_and_searches(
    admin_client_logged_in: Client,
) -> None:
    running = job_create(name="Turbine run")
    job_update(job_id=running.pk, status_type="RUNNING")
    job_create(name="Idle turbine")

    by_status = admin_client_logged_in.get(
        "/api/admin/jobs/job/", {"current_status__exact": "RUNNING"}
    )
    by_name = admin_client_logged_in.get("/api/admin/jobs/job/", {"q": "idle"})

    assert b"Turbine run" in by_status.content
    assert b"Idle turbine" not in by_status.content
    assert b"Idle turbine" in by_name.content
    assert b"Turbine run" not in by_name.content


def test_job_admin_change_renames_without_touching_read_model(
    admin_client_logged_in: Client,
) -> None:
    job = job_create(name="Before")
    job_update(job_id=job.pk, status_type="FAILED")
    page = admin_client_logged_in.get(f"/api/admin/jobs/job/{job.pk}/change/")
    assert b"All statuses of this job" in page.content

    response = admin_client_logged_in.post(
        f"/api/admin/jobs/job/{job.pk}/change/", {"name": "After"}
    )

    assert response.status_code == 302
    job.refresh_from_db()
    assert job.name == "After"
    assert job.current_status == "FAILED"


def test_job_admin_add_creates_pending_job(admin_client_logged_in: Client) -> None:
    response = admin_client_logged_in.post("/api/admin/jobs/job/add/", {"name": "New"})

    assert response.status_code == 302
    job = Job.objects.get(name="New")
    assert job.current_status == "PENDING"
    assert JobStatus.objects.filter(job=job).count() == 1


@pytest.mark.parametrize(
    "name", ["\u2800", "\u3164", "\u200e\u200f", "\u00ad", " \u200b "]
)
def test_job_admin_add_refuses_a_name_that_renders_blank(
    admin_client_logged_in: Client, name: str
) -> None:
    # Issue 17, point 11: the admin's form trims the API's blank set too.
    response = admin_client_logged_in.post("/api/admin/jobs/job/add/", {"name": name})

    assert response.status_code == 200
    assert b"The name may not be blank." in response.content
    assert not Job.objects.exists()


def test_job_admin_delete_removes_job_and_statuses(
    admin_client_logged_in: Client,
) -> None:
    job = job_create(name="Doomed")

    response = admin_client_logged_in.post(
        f"/api/admin/jobs/job/{job.pk}/delete/", {"post": "yes"}
    )

    assert response.status_code == 302
    assert not Job.objects.filter(pk=job.pk).exists()
    assert not JobStatus.objects.filter(job_id=job.pk).exists()


def test_jobstatus_admin_lists_one_jobs_history(admin_client_logged_in: Client) -> None:
    job = job_create(name="Tracked")
    job_update(job_id=job.pk, status_type="RUNNING")
    other = job_create(name="Other")

    response = admin_client_logged_in.get(
        "/api/admin/jobs/jobstatus/", {"job__id__exact": job.pk}
    )

    assert response.status_code == 200
    assert response.content.count(b"Tracked (#") == 2
    assert f"Other (#{other.pk})".encode() not in response.content


def test_jobstatus_admin_add_moves_current_status(
    admin_client_logged_in: Client,
) -> None:
    job = job_create(name="Via admin")

    response = admin_client_logged_in.post(
        "/api/admin/jobs/jobstatus/add/", {"job": job.pk, "status_type": "COMPLETED"}
    )

    assert response.status_code == 302
    job.refresh_from_db()
    assert job.current_status == "COMPLETED"


def test_job_admin_delete_confirmation_does_not_load_history(
    admin_client_logged_in: Client, django_assert_max_num_queries
) -> None:
    job = job_create(name="Long history")
    for status in ["RUNNING", "FAILED", "RUNNING", "COMPLETED"] * 5:
        job_update(job_id=job.pk, status_type=status)

    with django_assert_max_num_queries(10) as captured:
        response = admin_client_logged_in.get(f"/api/admin/jobs/job/{job.pk}/delete/")

    assert response.status_code == 200
    assert not any(
        'FROM "jobs_jobstatus"' in q["sql"] for q in captured.captured_queries
    )
