"""Fixtures shared by the jobs tests (real PostgreSQL, real migrations)."""

from collections.abc import Callable

import pytest
from django.db import connection
from rest_framework.test import APIClient

from jobs.models import Job
from jobs.tests.factories import JobFactory


@pytest.fixture
def api_client() -> APIClient:
    """A DRF test client that sends JSON by default."""
    client = APIClient()
    client.default_format = "json"
    return client


@pytest.fixture
def job(db: None) -> Job:
    """A job with its initial PENDING status, as read back from the table."""
    created = JobFactory()
    created.refresh_from_db()
    return created


@pytest.fixture
def latest_status_of() -> Callable[[int], str | None]:
    """Return a job's latest status by (timestamp, id), straight from SQL."""

    def latest(job_id: int) -> str | None:
        with connection.cursor() as cursor:
            cursor.execute(
                "SELECT status_type FROM jobs_jobstatus WHERE job_id = %s "
                "ORDER BY timestamp DESC, id DESC LIMIT 1",
                [job_id],
            )
            row = cursor.fetchone()
        return row[0] if row else None

    return latest
