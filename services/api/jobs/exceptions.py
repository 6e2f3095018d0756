"""Domain errors raised by selectors and services.

They carry no HTTP knowledge: ``core.exceptions.exception_handler`` maps
each class to a status code through its ``status_code`` attribute; the
base classes live in ``core.errors``.
"""

from core.errors import ApplicationError, NotFoundError


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
