"""Filter-wide bulk actions: a ``BulkOperation`` run in bounded batches.

``bulk_operation_create`` records the action, the list filter and the
highest job id at that moment (jobs created later are left alone);
``bulk_operation_run`` (the ``jobs.tasks`` worker task) walks the matching
jobs by id in batches of ``batch_size``, each batch one short transaction
that locks its jobs, writes them (``jobs.bulk.apply_locked``) and moves the
operation's ``after_job_id`` and ``done`` with them, so a run stopped
anywhere resumes where its last commit left it, and no lock is held longer
than one batch.  docs/api.md ("Bulk actions") has the rules.
"""

from __future__ import annotations

import time
from collections.abc import Mapping
from typing import Any

from django.db import transaction
from django.db.models import Max
from django.db.models.functions import Now
from rest_framework.exceptions import ValidationError

from core.db.retry import write_transaction
from jobs.bulk import apply_locked
from jobs.exceptions import BulkOperationNotFoundError
from jobs.models import BulkAction, BulkOperation, BulkState, Job, StatusType
from jobs.selectors import job_list

ERROR_MAX_LENGTH = 500


def bulk_operation_create(
    *,
    action: BulkAction | str,
    filters: Mapping[str, Any],
    status_type: StatusType | str | None = None,
) -> BulkOperation:
    """Record a pending filter-wide action; return it (no job is written).

    ``filters`` is ``{"status"?: [status, ...], "search"?: term}`` with the
    list's rules (``jobs.filters.JobFilter``); ``{}`` is every job.  Runs
    in the caller's transaction (``jobs.tasks`` enqueues the run in it).

    Raises:
        rest_framework.exceptions.ValidationError: a bad filter, as
            ``{"filter": {"<param>": ["<message>"]}}``.
    """
    try:
        job_list(filters=filters)
    except ValidationError as exc:
        raise ValidationError({"filter": exc.detail}) from exc
    max_job_id = Job.objects.aggregate(top=Max("id"))["top"] or 0
    return BulkOperation.objects.create(
        action=action,
        status_type=status_type,
        filters=dict(filters),
        max_job_id=max_job_id,
    )


def bulk_operation_get(*, operation_id: int) -> BulkOperation:
    """Return the operation ``operation_id`` (one query).

    Raises:
        BulkOperationNotFoundError: no operation has that id.
    """
    try:
        return BulkOperation.objects.get(pk=operation_id)
    except BulkOperation.DoesNotExist:
        raise BulkOperationNotFoundError(operation_id) from None


def bulk_operation_run(
    *, operation_id: int, batch_size: int, pause_s: float = 0.0
) -> BulkOperation:
    """Run (or resume) operation ``operation_id`` to its end; return it.

    ``state`` goes pending -> running (``total`` counted once: the jobs
    matching the filter up to ``max_job_id``) -> done, or failed with
    ``error`` when a batch raises (the exception propagates; the batches
    committed before stay).  ``pause_s`` seconds pass between batches.  An
    operation already done or failed is returned as it is.

    Raises:
        BulkOperationNotFoundError: no operation has that id.
    """
    operation = _start(operation_id)
    if operation.state != BulkState.RUNNING:
        return operation
    try:
        while not _run_batch(operation_id, batch_size):
            if pause_s:
                time.sleep(pause_s)
    except Exception as exc:
        _finish(operation_id, BulkState.FAILED, f"{type(exc).__name__}: {exc}")
        raise
    return _finish(operation_id, BulkState.DONE, "")


def _matching(operation: BulkOperation) -> Any:
    return job_list(filters=operation.filters).order_by()


@transaction.atomic
def _start(operation_id: int) -> BulkOperation:
    operation = _locked(operation_id)
    if operation.state not in (BulkState.PENDING, BulkState.RUNNING):
        return operation
    if operation.total is None:
        matching = _matching(operation).filter(pk__lte=operation.max_job_id)
        operation.total = matching.count()
    operation.state = BulkState.RUNNING
    operation.started_at = operation.started_at or Now()
    operation.save(update_fields=["state", "total", "started_at"])
    return operation


def _locked(operation_id: int) -> BulkOperation:
    operation = BulkOperation.objects.select_for_update().filter(pk=operation_id)
    found = operation.first()
    if found is None:
        raise BulkOperationNotFoundError(operation_id)
    return found


@write_transaction
def _run_batch(operation_id: int, batch_size: int) -> bool:
    """Write the next batch of jobs; return True when none is left.

    The batch's id range comes from an unlocked keyset read (at most
    ``batch_size`` matching ids after ``after_job_id``); its jobs are then
    locked and re-checked against the filter in a second statement, so a
    job a concurrent write moved out of the filter is skipped and the end
    of the walk never depends on how many of them were.
    """
    operation = _locked(operation_id)
    after, top = operation.after_job_id, operation.max_job_id
    in_range = _matching(operation).filter(pk__gt=after, pk__lte=top)
    window = list(in_range.order_by("pk").values_list("pk", flat=True)[:batch_size])
    last = len(window) < batch_size
    upper = top if last else window[-1]
    ids: list[int] = []
    if window:
        locking = in_range.filter(pk__lte=upper).order_by("pk")
        locking = locking.select_for_update(
            no_key=operation.action == BulkAction.SET_STATUS
        )
        ids = list(locking.values_list("pk", flat=True))
    written = apply_locked(
        action=operation.action, status_type=operation.status_type, ids=ids
    )
    operation.after_job_id = upper
    operation.done += written
    operation.save(update_fields=["after_job_id", "done"])
    return last


@transaction.atomic
def _finish(operation_id: int, state: BulkState, error: str) -> BulkOperation:
    operation = _locked(operation_id)
    operation.state = state
    operation.error = error[:ERROR_MAX_LENGTH]
    operation.finished_at = Now()
    operation.save(update_fields=["state", "error", "finished_at"])
    operation.refresh_from_db()
    return operation
