"""Write path of the jobs app: create, update and delete jobs.

The read model (``Job.current_status``, ``status_changed_at``,
``current_status_id`` and the ``JobStatusCount`` counters) is written by
PostgreSQL triggers when a ``JobStatus`` row is inserted, never here; each
service re-reads the job after its writes so that it returns what the
triggers made of them.

``job_create`` and ``job_update`` send their statements as *one* query
string: Django's psycopg 3 cursor binds parameters client-side, so the
string travels in one round trip over the simple query protocol, and
PostgreSQL runs a multi-statement query as one implicit transaction (inside
a caller's transaction, a savepoint takes its place).  That replaces the four
or five round trips of ``BEGIN`` / ORM statements / ``COMMIT`` with one.
The statements are plain SQL over the model's own table and column names.
"""

from __future__ import annotations

from collections.abc import Sequence
from contextlib import AbstractContextManager, nullcontext
from typing import Any

from django.db import DEFAULT_DB_ALIAS, IntegrityError, connection, transaction
from psycopg import errors as pg_errors

from jobs.exceptions import JobInvalidError, JobNotFoundError
from jobs.models import Job, JobStatus, StatusType

_JOB = Job._meta.db_table
_STATUS = JobStatus._meta.db_table
_JOB_FIELDS = [field.attname for field in Job._meta.concrete_fields]
_JOB_COLUMNS = ", ".join(
    connection.ops.quote_name(str(field.column)) for field in Job._meta.concrete_fields
)
# The id just drawn from jobs_job's identity sequence in this session.  As a
# scalar subquery it is evaluated once (an InitPlan), so `id = (...)` is a
# primary-key probe; a bare currval() is volatile and would be compared row
# by row in a scan of every job.
_NEW_JOB_ID = f"(SELECT currval(pg_get_serial_sequence('{_JOB}', 'id')))"

_CREATE_SQL = f"""
INSERT INTO {_JOB} (name) VALUES (%s);
INSERT INTO {_STATUS} (job_id, status_type) VALUES ({_NEW_JOB_ID}, %s);
SELECT {_JOB_COLUMNS} FROM {_JOB} WHERE id = {_NEW_JOB_ID};
"""

_RENAME_SQL = f"""
UPDATE {_JOB} SET name = %s, updated_at = statement_timestamp() WHERE id = %s;
"""

# INSERT ... SELECT: no row (and no error) when the job does not exist.
_APPEND_STATUS_SQL = f"""
INSERT INTO {_STATUS} (job_id, status_type) SELECT id, %s FROM {_JOB} WHERE id = %s;
"""

_SELECT_JOB_SQL = f"""
SELECT {_JOB_COLUMNS} FROM {_JOB} WHERE id = %s;
"""

_DELETE_SQL = f"DELETE FROM {_JOB} WHERE id = %s"


def _statement_group() -> AbstractContextManager[object]:
    """Make a multi-statement query all-or-nothing without extra round trips.

    In autocommit mode PostgreSQL already runs the query as one implicit
    transaction.  Inside a caller's transaction, a savepoint keeps a failing
    statement from aborting the caller's whole transaction.
    """
    if connection.in_atomic_block:
        return transaction.atomic()
    return nullcontext()


def _run_then_fetch_job(sql: str, params: Sequence[Any]) -> Job | None:
    """Run a multi-statement query whose last statement selects one job."""
    with _statement_group(), connection.cursor() as cursor:
        cursor.execute(sql, params)
        while cursor.nextset():
            pass  # skip to the last statement's result: the SELECT
        row = cursor.fetchone()
    if row is None:
        return None
    return Job.from_db(DEFAULT_DB_ALIAS, _JOB_FIELDS, row)


def _translate_integrity_error(exc: IntegrityError, job_id: int | None) -> Exception:
    """Map a constraint violation to the domain error it stands for."""
    cause = exc.__cause__
    if isinstance(cause, pg_errors.ForeignKeyViolation):
        # The job was deleted by a concurrent transaction before ours
        # committed (the FK to jobs_job is checked at commit).
        return JobNotFoundError(job_id)
    if isinstance(cause, pg_errors.CheckViolation):
        constraint = getattr(cause.diag, "constraint_name", None) or "a check"
        return JobInvalidError(f"The job violates {constraint}.")
    return exc


def job_create(*, name: str) -> Job:
    """Create a job with its initial PENDING status; return the fresh job.

    ``name`` is stored as given (the serializer trims it); the database
    rejects a blank one.  Both rows take their times from the database
    clock.  The ``jobs_*`` triggers set the returned job's
    ``current_status`` to PENDING (with ``status_changed_at`` and
    ``current_status_id`` of the new status row), move ``updated_at`` and
    count the job in ``JobStatusCount``.

    One round trip, atomic: insert the job, insert its status, read it back.

    Raises:
        JobInvalidError: the name violates a database constraint.
    """
    try:
        job = _run_then_fetch_job(_CREATE_SQL, [name, StatusType.PENDING.value])
    except IntegrityError as exc:
        raise _translate_integrity_error(exc, None) from exc
    if job is None:  # pragma: no cover - the insert either worked or raised
        raise RuntimeError("the created job could not be read back")
    return job


def job_update(
    *,
    job_id: int,
    name: str | None = None,
    status_type: StatusType | str | None = None,
) -> Job:
    """Rename a job and/or append a status to its history; return it fresh.

    ``name`` (already trimmed) replaces the job's name and moves
    ``updated_at`` to the database clock.  ``status_type`` appends a new
    ``JobStatus`` row stamped by the database clock, even when the job
    already has that status (the history records every change request);
    the triggers then set ``current_status``, ``status_changed_at``,
    ``current_status_id`` and ``updated_at`` and move the job between the
    status counters.  With neither argument the job is returned unchanged.

    One round trip, atomic: the writes, then the read of the job.

    Raises:
        JobNotFoundError: no job has ``job_id`` (also when it is deleted
            concurrently).
        JobInvalidError: the new name or status violates a database
            constraint.
    """
    statements: list[str] = []
    params: list[Any] = []
    if name is not None:
        statements.append(_RENAME_SQL)
        params += [name, job_id]
    if status_type is not None:
        statements.append(_APPEND_STATUS_SQL)
        params += [str(status_type), job_id]
    statements.append(_SELECT_JOB_SQL)
    params.append(job_id)
    try:
        job = _run_then_fetch_job("".join(statements), params)
    except IntegrityError as exc:
        raise _translate_integrity_error(exc, job_id) from exc
    if job is None:
        raise JobNotFoundError(job_id)
    return job


def job_delete(*, job_id: int) -> None:
    """Delete a job and, by the database's ON DELETE CASCADE, its history.

    One ``DELETE`` statement (and round trip) whatever the size of the
    history; the ORM's ``delete()`` would wrap the same statement in
    ``BEGIN``/``COMMIT`` for nothing.  The triggers take the job out of the
    ``JobStatusCount`` counters.

    Raises:
        JobNotFoundError: no job has ``job_id``.
    """
    with connection.cursor() as cursor:
        cursor.execute(_DELETE_SQL, [job_id])
        deleted = cursor.rowcount
    if not deleted:
        raise JobNotFoundError(job_id)
