"""Fail fast while the database is known down; recover when it answers.

psycopg's pool makes a request wait up to its ``timeout`` (``DB_POOL_TIMEOUT_S``,
10 s) for a connection.  With PostgreSQL down every worker thread would wait
that long before its 503.  So once a request has failed to reach the
database, this process waits at most ``DOWN_POOL_TIMEOUT_S`` (1 s) for a
pooled connection, until a connection is made again (Django's
``connection_created``), which restores the full wait.  The pool itself
retries in the background; its ``reconnect_timeout`` is kept short
(``config.database``) so that, once PostgreSQL answers, the next request
gets a new connection instead of waiting out a long backoff.
docs/operations.md, "Database down".
"""

from __future__ import annotations

import logging
import threading
from typing import Any

import psycopg
from django.db import connections
from psycopg import errors as pg_errors
from psycopg_pool import PoolTimeout

logger = logging.getLogger(__name__)

# Seconds a request waits for a pooled connection while the database is down.
DOWN_POOL_TIMEOUT_S = 1.0

_lock = threading.Lock()
# The pool's own timeout while it is shortened (None: not shortened).
_saved_timeout: float | None = None


def is_unreachable(exc: BaseException) -> bool:
    """Tell whether ``exc`` (a Django database error) means no connection.

    A pool timeout, a refused or lost connection, or a server shutting down
    or starting up; not a query error such as a statement timeout.
    """
    cause = exc.__cause__
    if isinstance(cause, PoolTimeout):
        return True
    if isinstance(
        cause,
        pg_errors.AdminShutdown | pg_errors.CannotConnectNow | pg_errors.CrashShutdown,
    ):
        return True
    # libpq's own connection errors carry no SQLSTATE.
    return isinstance(cause, psycopg.OperationalError) and cause.sqlstate is None


def database_down(alias: str = "default") -> None:
    """Shorten the pool's wait of ``alias`` to ``DOWN_POOL_TIMEOUT_S``."""
    global _saved_timeout
    pool = getattr(connections[alias], "pool", None)
    if pool is None:
        return
    with _lock:
        if _saved_timeout is None and pool.timeout > DOWN_POOL_TIMEOUT_S:
            _saved_timeout = pool.timeout
            pool.timeout = DOWN_POOL_TIMEOUT_S
            logger.warning(
                "database unreachable: waiting at most %.1f s for a connection",
                DOWN_POOL_TIMEOUT_S,
            )


def database_up(sender: Any = None, connection: Any = None, **kwargs: Any) -> None:
    """``connection_created`` receiver: restore the pool's full wait."""
    global _saved_timeout
    # Only the primary's connection: a replica's (core.db.replicas) says
    # nothing of the primary.
    if _saved_timeout is None or getattr(connection, "alias", None) != "default":
        return
    pool = getattr(connection, "pool", None)
    with _lock:
        if _saved_timeout is not None and pool is not None:
            pool.timeout = _saved_timeout
            _saved_timeout = None
            logger.warning("database answers again")
