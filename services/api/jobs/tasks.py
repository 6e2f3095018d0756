"""Background tasks of the jobs app (Django's ``django.tasks``).

The backend is ``django_tasks_db.DatabaseBackend`` (settings ``TASKS``):
a task is a row of ``django_tasks_database_dbtaskresult``, written in the
transaction that asks for it, and run by ``manage.py db_worker``
(docs/operations.md, "Bulk worker").
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django.conf import settings
from django.db import transaction
from django.tasks import task

from jobs.bulk_runs import bulk_operation_create, bulk_operation_run
from jobs.models import BulkAction, BulkOperation, StatusType


@task()
def run_bulk_operation(operation_id: int) -> str:
    """Run (or resume) bulk operation ``operation_id``; return its state."""
    operation = bulk_operation_run(
        operation_id=operation_id,
        batch_size=settings.BULK_BATCH_SIZE,
        pause_s=settings.BULK_BATCH_PAUSE_MS / 1000,
    )
    return str(operation.state)


def bulk_operation_submit(
    *,
    action: BulkAction | str,
    filters: Mapping[str, Any],
    status_type: StatusType | str | None = None,
) -> BulkOperation:
    """Record a filter-wide operation and enqueue its run, one transaction.

    Either both the operation and its task row are committed or neither.

    Raises:
        rest_framework.exceptions.ValidationError: a bad filter
            (``{"filter": {...}}``).
    """
    with transaction.atomic():
        operation = bulk_operation_create(
            action=action, filters=filters, status_type=status_type
        )
        run_bulk_operation.enqueue(operation.id)
    return operation
