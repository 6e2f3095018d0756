"""The ``DATABASES`` entries, built from URLs and the pool knobs."""

from typing import Any

import environ
from django.core.exceptions import ImproperlyConfigured


def database_config(
    url: str,
    *,
    pool_min_size: int,
    pool_max_size: int,
    conn_max_age: int,
    statement_timeout_ms: int,
    pool_timeout_s: float = 10.0,
    transaction_pooler: bool = False,
) -> dict[str, Any]:
    """Build the ``default`` database entry from the URL and the knobs.

    A positive ``pool_max_size`` turns on psycopg's connection pool (one
    per process; Django then requires ``CONN_MAX_AGE = 0``); zero uses
    plain connections kept for ``conn_max_age`` seconds.  The statement
    timeout (milliseconds, 0 = none) is a libpq startup option, so it
    applies to every connection, pooled or not; ``pool_timeout_s`` is how
    long a request waits for a pooled connection (shortened while the
    database is down, ``core.db.health``).

    Parameters are bound client-side, Django's default for psycopg 3
    (``OPTIONS["server_side_binding"]`` is not set).

    ``transaction_pooler``: the URL is a PgBouncer in transaction mode, so
    no session state may outlive a transaction: no prepared statements, no
    server-side cursors, and no startup ``options`` (PgBouncer refuses
    them; its ``connect_query`` sets the timeout, ops/pgbouncer/pgbouncer.ini).
    """
    config: dict[str, Any] = dict(environ.Env.db_url_config(url))
    options: dict[str, Any] = dict(config.get("OPTIONS") or {})
    if transaction_pooler:
        options["prepare_threshold"] = None
        config["DISABLE_SERVER_SIDE_CURSORS"] = True
    else:
        options["options"] = f"-c statement_timeout={statement_timeout_ms}"
    if pool_max_size > 0:
        options["pool"] = _pool_options(pool_min_size, pool_max_size, pool_timeout_s)
        config["CONN_MAX_AGE"] = 0
    else:
        config["CONN_MAX_AGE"] = conn_max_age
        config["CONN_HEALTH_CHECKS"] = conn_max_age > 0
    config["OPTIONS"] = options
    return config


def _pool_options(min_size: int, max_size: int, timeout_s: float) -> dict[str, Any]:
    """``OPTIONS["pool"]``: psycopg_pool.ConnectionPool's arguments."""
    if not 0 <= min_size <= max_size:
        raise ImproperlyConfigured(
            "DB_POOL_MIN_SIZE must be between 0 and DB_POOL_MAX_SIZE."
        )
    return {
        "min_size": min_size,
        "max_size": max_size,
        "timeout": timeout_s,
        # Seconds the pool retries a failed connection (with backoff) before
        # it gives up and the next request starts afresh: short, so that it
        # connects as soon as PostgreSQL answers again (core.db.health);
        # psycopg's default is 300.
        "reconnect_timeout": 2.0,
    }


def replica_databases(
    env: environ.Env, knobs: dict[str, Any]
) -> dict[str, dict[str, Any]]:
    """``replica_1``, ``replica_2``, ... from ``DATABASE_REPLICA_URLS`` (may be none).

    Each like the primary's entry (``knobs``: pool size, ``CONN_MAX_AGE``,
    statement timeout, pooler), opening no connection at start and waiting
    ``DB_REPLICA_POOL_TIMEOUT_S`` (0.5 s) for one before the replica counts
    as failed (core.db.replicas).
    """
    urls = env.list("DATABASE_REPLICA_URLS", cast=str.strip, default=[])
    timeout_s = env.float("DB_REPLICA_POOL_TIMEOUT_S", default=0.5)
    return {
        f"replica_{index}": database_config(
            url, pool_min_size=0, pool_timeout_s=timeout_s, **knobs
        )
        for index, url in enumerate(urls, start=1)
        if url
    }
