"""Retry a write transaction that PostgreSQL aborted to resolve a conflict.

A deadlock (SQLSTATE 40P01) or a serialization failure (40001) aborts one
transaction so that the others can go on; the same transaction run again
usually succeeds (PostgreSQL manual, "Serialization Failure Handling").
"""

from __future__ import annotations

import functools
import logging
import random
import time
from collections.abc import Callable

from django.db import OperationalError, connection, transaction
from psycopg import errors as pg_errors

from core.errors import ApplicationError

logger = logging.getLogger(__name__)

# Attempts in all (the first and two retries), and the longest pause before
# a retry in seconds (jittered, so that the aborted writers do not collide
# again in step).
WRITE_ATTEMPTS = 3
RETRY_PAUSE_MAX_S = 0.02

_RETRYABLE = (pg_errors.DeadlockDetected, pg_errors.SerializationFailure)


class WriteConflictError(ApplicationError):
    """The write kept conflicting with concurrent writes; nothing was saved."""

    status_code = 409
    default_message = (
        f"The change conflicted with concurrent changes {WRITE_ATTEMPTS} times "
        "and was not saved; send it again."
    )


def is_write_conflict(exc: BaseException) -> bool:
    """Tell whether ``exc`` is a deadlock or a serialization failure."""
    return isinstance(exc, OperationalError) and isinstance(exc.__cause__, _RETRYABLE)


def write_transaction[**P, R](func: Callable[P, R]) -> Callable[P, R]:
    """Run ``func`` in ``transaction.atomic``, retrying on a write conflict.

    Outermost only: inside a caller's transaction ``func`` runs in a
    savepoint (a failure leaves the caller's transaction usable) and a
    conflict propagates, since only the whole transaction can run again.

    Raises:
        WriteConflictError: still a deadlock or a serialization failure
            after ``WRITE_ATTEMPTS`` attempts.
    """

    @functools.wraps(func)
    def wrapper(*args: P.args, **kwargs: P.kwargs) -> R:
        if connection.in_atomic_block:
            with transaction.atomic():
                return func(*args, **kwargs)
        for attempt in range(1, WRITE_ATTEMPTS + 1):
            try:
                with transaction.atomic():
                    return func(*args, **kwargs)
            except OperationalError as exc:
                if not is_write_conflict(exc):
                    raise
                logger.warning(
                    "%s: write conflict, attempt %d of %d: %s",
                    func.__qualname__,
                    attempt,
                    WRITE_ATTEMPTS,
                    exc.__cause__,
                )
                if attempt == WRITE_ATTEMPTS:
                    raise WriteConflictError() from exc
                time.sleep(random.uniform(0, RETRY_PAUSE_MAX_S))  # noqa: S311
        raise AssertionError("unreachable")  # pragma: no cover

    return wrapper
