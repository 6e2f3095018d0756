"""Bulk writes of the jobs app: set a status on, or delete, many jobs.

An id list (at most ``jobs.statuses.BULK_IDS_MAX``) is one transaction
(:func:`job_bulk_apply`); a filter-wide action is a ``BulkOperation`` run
in batches by ``jobs.bulk_runs``.  Both go through :func:`apply_locked`:
the jobs' rows are locked in id order (so bulk statements cannot deadlock
one another, nor a single PATCH, which locks one row), then one set-based
statement writes them.  A status change is one ``INSERT ... SELECT`` into
``jobs_jobstatus``, stamped as ``job_status_change`` stamps one (the
database clock, never behind the job's latest status), so the triggers of
migrations 0003/0004 keep ``current_status`` and the counters exact; a
delete is one ``DELETE`` whose cascade takes the histories.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import NamedTuple

from django.db import connection

from core.db.retry import write_transaction
from jobs.models import BulkAction, Job, StatusType

_INSERT_STATUSES_SQL = """
INSERT INTO jobs_jobstatus (job_id, status_type, "timestamp")
SELECT j.id, %s, GREATEST(statement_timestamp(), j.status_changed_at)
  FROM jobs_job AS j
 WHERE j.id = ANY (%s)
"""
_DELETE_JOBS_SQL = "DELETE FROM jobs_job WHERE id = ANY (%s)"


class BulkResult(NamedTuple):
    """What an id-list bulk action did: jobs changed, and ids not found."""

    affected: int
    missing: list[int]


def apply_locked(
    *, action: BulkAction | str, status_type: StatusType | str | None, ids: list[int]
) -> int:
    """Apply ``action`` to jobs ``ids``, already locked by the caller.

    Inside the caller's transaction; returns the number of jobs written
    (statuses appended, or jobs deleted with their histories).
    """
    if not ids:
        return 0
    with connection.cursor() as cursor:
        if action == BulkAction.SET_STATUS:
            cursor.execute(_INSERT_STATUSES_SQL, [str(status_type), ids])
        else:
            cursor.execute(_DELETE_JOBS_SQL, [ids])
        return int(cursor.rowcount)


def lock_jobs(ids: Sequence[int], *, action: BulkAction | str) -> list[int]:
    """Lock the existing jobs of ``ids`` in id order; return their ids.

    ``FOR NO KEY UPDATE`` for a status change (as ``job_status_change``
    and the triggers lock), ``FOR UPDATE`` for a delete.
    """
    rows = Job.objects.filter(pk__in=list(ids)).order_by("pk")
    locked = rows.select_for_update(no_key=action == BulkAction.SET_STATUS)
    return list(locked.values_list("pk", flat=True))


@write_transaction
def job_bulk_apply(
    *,
    action: BulkAction | str,
    ids: Sequence[int],
    status_type: StatusType | str | None = None,
) -> BulkResult:
    """Set ``status_type`` on, or delete, the jobs ``ids`` in one transaction.

    ``ids`` (validated by the serializer: 1 to ``BULK_IDS_MAX``, positive)
    may repeat an id; each job is written once.  Ids of no job are
    returned in ``missing`` (ascending) and the others are written all the
    same; either every found job is written or, on an error, none.  The
    triggers append to each job's history, move ``current_status`` and the
    counters (a delete takes the jobs out of the counters).

    Raises:
        core.db.retry.WriteConflictError: kept deadlocking (nothing saved).
    """
    found = lock_jobs(ids, action=action)
    affected = apply_locked(action=action, status_type=status_type, ids=found)
    missing = sorted(set(ids) - set(found))
    return BulkResult(affected, missing)
