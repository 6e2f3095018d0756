"""Domain errors raised by selectors and services.

They carry no HTTP knowledge: ``core.exceptions.exception_handler`` maps
each class to a status code through its ``status_code`` attribute; the
base classes live in ``core.errors``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from core.errors import ApplicationError, NotFoundError

if TYPE_CHECKING:
    from jobs.models import Job


class JobNotFoundError(NotFoundError):
    """No job has the given id."""

    default_message = "Job not found."

    def __init__(self, job_id: int | None = None) -> None:
        self.job_id = job_id
        message = f"Job {job_id} not found." if job_id is not None else None
        super().__init__(message)


class JobInvalidError(ApplicationError):
    """A write was refused by a database constraint (the last line of defence).

    The serializers reject bad input first, so this means input reached a
    service without going through them.
    """

    default_message = "The job is not valid."


class JobVersionMismatchError(ApplicationError):
    """``If-Match`` names no current version of the job: nothing was written.

    ``job`` is the job as it is now (read under its row lock), for the 412
    body.
    """

    status_code = 412
    default_message = (
        "The job changed since the version in If-Match; nothing was changed. "
        "The current job is in `job`."
    )

    def __init__(self, job: Job) -> None:
        self.job = job
        super().__init__()


class IdempotencyKeyReusedError(ApplicationError):
    """An ``Idempotency-Key`` already used with a different request body."""

    status_code = 422
    default_message = (
        "This Idempotency-Key was used with a different request body; "
        "use a new key for a new request."
    )


class BulkOperationNotFoundError(NotFoundError):
    """No bulk operation has the given id."""

    default_message = "Bulk operation not found."

    def __init__(self, operation_id: int | None = None) -> None:
        self.operation_id = operation_id
        message = (
            f"Bulk operation {operation_id} not found."
            if operation_id is not None
            else None
        )
        super().__init__(message)
