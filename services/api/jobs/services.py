"""Write path of the jobs app: create, rename, re-status and delete jobs.

The read model (``Job.current_status``, ``status_changed_at``,
``current_status_id``, ``updated_at`` on a status change, and the
``JobStatusCount`` counters) is written by the PostgreSQL triggers of
migrations 0003/0004 when ``JobStatus`` rows change, never here: each
service reads the job back after its writes and returns what the triggers
made of them.  Every service is one transaction (``write_transaction``),
run again when PostgreSQL aborts it for a deadlock or a serialization
failure.  The rules are in docs/api.md ("Update").

``job_update`` and ``job_delete`` take an optional ``if_match``: the job's
row is then locked first and its version (``jobs.serializers.job_etag``)
checked under that lock, in the transaction that writes, so of two writers
holding the same version exactly one succeeds.
"""

from __future__ import annotations

from django.db import IntegrityError
from django.db.models import DateTimeField, Value
from django.db.models.functions import Greatest, Now
from psycopg import errors as pg_errors

from core.db.retry import write_transaction
from core.preconditions import IfMatch
from jobs.exceptions import JobInvalidError, JobNotFoundError, JobVersionMismatchError
from jobs.models import Job, JobStatus, StatusType
from jobs.serializers import job_etag


def _invalid(exc: IntegrityError) -> Exception:
    """Map a CHECK violation to ``JobInvalidError``; keep anything else."""
    cause = exc.__cause__
    if isinstance(cause, pg_errors.CheckViolation):
        constraint = getattr(cause.diag, "constraint_name", None) or "a check"
        return JobInvalidError(f"The job violates {constraint}.")
    return exc


def _job_read_back(job_id: int) -> Job:
    """Read the job as the triggers left it (one primary-key probe)."""
    return Job.objects.get(pk=job_id)


def _lock_if_match(job_id: int, if_match: IfMatch, *, for_delete: bool) -> None:
    """Lock the job's row, then check ``if_match`` against its version.

    ``FOR UPDATE`` before a delete, ``FOR NO KEY UPDATE`` before an update
    (what the write itself would take).  The lock waits for a concurrent
    writer to commit and then reads the row it left.

    Raises:
        JobNotFoundError: no job has ``job_id``.
        JobVersionMismatchError: the current version does not match.
    """
    job = Job.objects.select_for_update(no_key=not for_delete).filter(pk=job_id).first()
    if job is None:
        raise JobNotFoundError(job_id)
    if not if_match.matches(job_etag(job)):
        raise JobVersionMismatchError(job)


@write_transaction
def job_create(*, name: str) -> Job:
    """Create a job with its initial PENDING status; return the fresh job.

    ``name`` is stored as given (the serializer trims it); the database
    rejects a blank one.  Both rows take their times from the database
    clock (``statement_timestamp()``).  The triggers set ``current_status``
    to PENDING (with ``status_changed_at`` and ``current_status_id`` of the
    new status row), move ``updated_at`` and count the job.

    Raises:
        JobInvalidError: the name violates a database constraint.
    """
    try:
        job = Job.objects.create(name=name)
        JobStatus.objects.create(job_id=job.pk, status_type=StatusType.PENDING)
    except IntegrityError as exc:
        raise _invalid(exc) from exc
    return _job_read_back(job.pk)


@write_transaction
def job_rename(*, job_id: int, name: str) -> Job:
    """Give a job a new name (already trimmed); return the fresh job.

    ``updated_at`` moves to the database clock; the status is untouched.

    Raises:
        JobNotFoundError: no job has ``job_id``.
        JobInvalidError: the name violates a database constraint.
    """
    return _rename(job_id, name)


def _rename(job_id: int, name: str) -> Job:
    """Body of ``job_rename`` (also run by ``job_update``)."""
    try:
        renamed = Job.objects.filter(pk=job_id).update(name=name, updated_at=Now())
    except IntegrityError as exc:
        raise _invalid(exc) from exc
    if not renamed:
        raise JobNotFoundError(job_id)
    return _job_read_back(job_id)


@write_transaction
def job_status_change(*, job_id: int, status_type: StatusType | str) -> Job:
    """Append ``status_type`` to a job's history; return the fresh job.

    The job's row is locked first, then the new status is stamped with
    the database clock but never behind the job's latest status, so it
    becomes the current one even after a status stamped in the future, and
    concurrent changes of one job are stamped in commit order.  A status
    equal to the current one is appended too (the history records every
    change request).  The triggers set ``current_status``,
    ``status_changed_at``, ``current_status_id`` and ``updated_at`` and
    move the job between the status counters.

    Raises:
        JobNotFoundError: no job has ``job_id`` (also when it is deleted
            concurrently).
        JobInvalidError: ``status_type`` violates a database constraint.
    """
    return _status_change(job_id, status_type)


def _status_change(job_id: int, status_type: StatusType | str) -> Job:
    """Body of ``job_status_change`` (also run by ``job_update``)."""
    locked = (
        Job.objects.select_for_update(no_key=True)
        .filter(pk=job_id)
        .values_list("status_changed_at")
        .first()
    )
    if locked is None:
        raise JobNotFoundError(job_id)
    (latest,) = locked
    # GREATEST skips a NULL (a job whose statuses were all deleted).
    stamp = Greatest(Now(), Value(latest, output_field=DateTimeField()))
    try:
        JobStatus.objects.create(
            job_id=job_id, status_type=status_type, timestamp=stamp
        )
    except IntegrityError as exc:
        raise _invalid(exc) from exc
    return _job_read_back(job_id)


@write_transaction
def job_update(
    *,
    job_id: int,
    name: str | None = None,
    status_type: StatusType | str | None = None,
    if_match: IfMatch | None = None,
) -> Job:
    """Apply a PATCH: ``job_rename`` and/or ``job_status_change``, one transaction.

    With neither argument the job is returned unchanged.  With
    ``if_match`` nothing is written unless it matches the job's version,
    checked under the job's row lock.

    Raises:
        JobNotFoundError: no job has ``job_id``.
        JobVersionMismatchError: ``if_match`` does not match.
        JobInvalidError: the new name or status violates a constraint.
    """
    if if_match is not None:
        _lock_if_match(job_id, if_match, for_delete=False)
    job = None
    if name is not None:
        job = _rename(job_id, name)
    if status_type is not None:
        job = _status_change(job_id, status_type)
    if job is None:
        try:
            return _job_read_back(job_id)
        except Job.DoesNotExist:
            raise JobNotFoundError(job_id) from None
    return job


@write_transaction
def job_delete(*, job_id: int, if_match: IfMatch | None = None) -> None:
    """Delete a job and, by the database's ON DELETE CASCADE, its history.

    One ``DELETE`` statement whatever the size of the history; the
    triggers take the job out of the ``JobStatusCount`` counters.  With
    ``if_match`` the job is locked and its version checked first.

    Raises:
        JobNotFoundError: no job has ``job_id``.
        JobVersionMismatchError: ``if_match`` does not match.
    """
    if if_match is not None:
        _lock_if_match(job_id, if_match, for_delete=True)
    deleted, _ = Job.objects.filter(pk=job_id).delete()
    if not deleted:
        raise JobNotFoundError(job_id)
