"""Fixtures for the keyset pagination tests: data full of equal sort keys.

The read-model columns (``current_status``, ``updated_at``) are written
directly, with triggers off for the seeding statement only
(``session_replication_role = replica``), so that these tests control every
sort key exactly; the triggers that normally write them are tested in
``jobs/tests/triggers``.
"""

from collections.abc import Callable
from typing import Any

import pytest
from django.db import connection
from rest_framework.test import APIClient

from jobs.models import Job

# Few distinct values, so that thousands of rows share each sort key.
DUP_JOB_COUNT = 3000
DUP_CREATED_VALUES = 3
DUP_UPDATED_VALUES = 4
DUP_NAME_VALUES = 10


def insert_jobs(
    count: int,
    *,
    created_values: int = DUP_CREATED_VALUES,
    updated_values: int = DUP_UPDATED_VALUES,
    name_values: int = DUP_NAME_VALUES,
) -> None:
    """Insert ``count`` jobs with few distinct sort keys, triggers off.

    Keys are spread by multiplying the row number, so ids do not follow
    any sort key; one job in six has no status (NULL).
    """
    sql = """
        INSERT INTO jobs_job (name, created_at, updated_at, current_status)
        SELECT
            'job ' || chr(65 + (g * 7) %% %(names)s),
            timestamptz '2026-03-01 12:00:00+00'
                + ((g * 13) %% %(created)s) * interval '1 microsecond',
            timestamptz '2026-03-02 12:00:00+00'
                + ((g * 5) %% %(updated)s) * interval '1 hour',
            (ARRAY['PENDING', 'RUNNING', 'COMPLETED', 'FAILED', 'CANCELLED',
                   NULL])[1 + (g * 11) %% 6]
        FROM generate_series(1, %(count)s) AS g
    """
    params = {
        "names": name_values,
        "created": created_values,
        "updated": updated_values,
        "count": count,
    }
    with connection.cursor() as cursor:
        cursor.execute("SET LOCAL session_replication_role = replica")
        cursor.execute(sql, params)
        cursor.execute("SET LOCAL session_replication_role = origin")


@pytest.fixture
def dup_jobs(db: None) -> int:
    """Insert DUP_JOB_COUNT jobs sharing few created_at/updated_at/names."""
    insert_jobs(DUP_JOB_COUNT)
    return Job.objects.count()


@pytest.fixture
def get_json(api_client: APIClient) -> Callable[[str], tuple[int, Any]]:
    """GET a path or absolute URL; return ``(status_code, json body)``."""

    def get(url: str) -> tuple[int, Any]:
        response = api_client.get(url)
        return response.status_code, response.json()

    return get
