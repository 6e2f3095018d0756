"""Fixtures of the bulk tests: jobs in known statuses, a worker run."""

from collections.abc import Callable

import pytest
from django.db import connection
from django_tasks_db.management.commands.db_worker import Worker

from jobs.tests.triggers.readmodel import assert_read_model_exact

# (name, status) seeded by make_jobs; search "simulation" matches 3 of 5
# kinds, and every kind is seeded in every status.
KINDS = [
    "Fluid Dynamics Simulation",
    "Climate Simulation",
    "ML Model Training",
    "Protein Folding Simulation",
    "Genome Assembly",
]
STATUSES = ["PENDING", "RUNNING", "COMPLETED", "FAILED", "CANCELLED"]


@pytest.fixture
def make_jobs(db: None) -> Callable[[int], list[int]]:
    """Insert ``n`` jobs set-based (each with PENDING, then a status).

    Job ``i`` is named ``KINDS[i % 5] #i`` and ends in ``STATUSES[(i // 5)
    % 5]``; returns the ids in creation order.
    """

    def make(n: int) -> list[int]:
        with connection.cursor() as cursor:
            cursor.execute(
                "INSERT INTO jobs_job (name) SELECT (%s::text[])[i %% 5 + 1] || ' #' || i "
                "FROM generate_series(0, %s - 1) AS i ORDER BY i RETURNING id",
                [KINDS, n],
            )
            ids = sorted(row[0] for row in cursor.fetchall())
            cursor.execute(
                'INSERT INTO jobs_jobstatus (job_id, status_type, "timestamp") '
                "SELECT id, 'PENDING', now() - interval '1 hour' FROM unnest(%s::bigint[]) AS id",
                [ids],
            )
            cursor.execute(
                'INSERT INTO jobs_jobstatus (job_id, status_type, "timestamp") '
                "SELECT id, (%s::text[])[(i / 5) %% 5 + 1], "
                "now() - interval '30 minutes' FROM ("
                "SELECT id, row_number() OVER (ORDER BY id) - 1 AS i "
                "FROM unnest(%s::bigint[]) AS id) AS t",
                [STATUSES, ids],
            )
        return ids

    return make


@pytest.fixture
def read_model_exact() -> Callable[[], None]:
    """Assert the read model and the counters against their SQL oracles."""

    def check() -> None:
        with connection.cursor() as cursor:
            assert_read_model_exact(cursor)

    return check


def run_worker() -> None:
    """Run every queued task in this process (db_worker --batch)."""
    Worker(
        queue_names=["default"],
        interval=0,
        batch=True,
        backend_name="default",
        startup_delay=False,
        max_tasks=None,
        worker_id="pytest",
        excluded_queue_names=[],
    ).run()
