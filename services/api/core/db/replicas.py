"""Reads from streaming replicas, with read-your-writes: router and middleware.

``ReplicaReadsMiddleware`` picks, per request, the database that request
reads from; ``ReplicaRouter`` sends the ORM's reads there and every write to
the primary.  Only safe-method API requests (the list, the stats, a job, its
history) read from a replica; writes, the admin, ``/api/health/`` and code
outside a request (commands, the bulk worker) use the primary.

Read-your-writes: a successful write answers with the cookie ``PIN_COOKIE``
holding the primary's WAL insert position after its commit
(``pg_current_wal_insert_lsn()``), for ``REPLICA_PIN_SECONDS``.  A read that
carries it goes to a replica only once ``pg_last_wal_replay_lsn()`` there has
passed it, else to the primary.  With ``REPLICA_LSN_CHECKS`` off the cookie
pins the client's reads to the primary for those seconds, as
django-multidb-router's ``PinningReplicaRouter`` does.

Every routed read first asks its replica for the replay position (one query,
which is also the health check): a replica that fails it is skipped for
``REPLICA_RETRY_SECONDS`` and the request reads from the next one or from
the primary; the warning is logged once per outage.
docs/operations.md, "Read replicas"; docs/architecture.md, "Read replicas".
"""

from __future__ import annotations

import itertools
import logging
import re
import threading
import time
from collections.abc import Callable
from contextvars import ContextVar
from typing import Any

from django.conf import settings
from django.core.exceptions import MiddlewareNotUsed
from django.db import DEFAULT_DB_ALIAS, DatabaseError, connections
from django.http import HttpRequest, HttpResponseBase

from core.middleware import is_api

logger = logging.getLogger(__name__)

PIN_COOKIE = "jobs_primary_lsn"
SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})
# Read from the primary even on a safe method: readiness is the primary's.
PRIMARY_ONLY_PATHS = frozenset({"/api/health/"})
# A position no replica reaches: pins to the primary for the cookie's lifetime.
UNREACHED_LSN = "FFFFFFFF/FFFFFFFF"
_LSN = re.compile(r"^([0-9A-F]{1,8})/([0-9A-F]{1,8})$")

# The alias the current request reads from; None outside a routed request.
_read_alias: ContextVar[str | None] = ContextVar("jobs_read_alias", default=None)


def replica_aliases() -> list[str]:
    """The ``DATABASES`` aliases of the replicas (``replica_1``, ...)."""
    return [alias for alias in settings.DATABASES if alias.startswith("replica_")]


def parse_lsn(text: str) -> int | None:
    """A WAL position ``'16/B374D848'`` as an integer; None if malformed."""
    match = _LSN.match(text.strip().upper())
    if match is None:
        return None
    return (int(match[1], 16) << 32) | int(match[2], 16)


class ReplicaRouter:
    """Django database router: reads where the middleware chose, writes to the primary."""

    def db_for_read(self, model: Any, **hints: Any) -> str:
        alias = _read_alias.get()
        if alias is None or connections[DEFAULT_DB_ALIAS].in_atomic_block:
            return DEFAULT_DB_ALIAS
        return alias

    def db_for_write(self, model: Any, **hints: Any) -> str:
        return DEFAULT_DB_ALIAS

    def allow_relation(self, obj1: Any, obj2: Any, **hints: Any) -> bool:
        return True  # the replicas hold the primary's rows

    def allow_migrate(self, db: str, app_label: str, **hints: Any) -> bool:
        return db == DEFAULT_DB_ALIAS


class ReplicaSet:
    """The replicas in round-robin order, each skipped for a while after it failed."""

    def __init__(self, aliases: list[str], retry_s: float) -> None:
        self.aliases = aliases
        self.retry_s = retry_s
        self._turn = itertools.count()
        self._lock = threading.Lock()
        self._retry_at: dict[str, float] = {}  # alias -> monotonic time

    def candidates(self) -> list[str]:
        """The replicas to try for one request, starting at the next in turn."""
        start = next(self._turn) % len(self.aliases)
        order = self.aliases[start:] + self.aliases[:start]
        now = time.monotonic()
        return [alias for alias in order if self._retry_at.get(alias, 0.0) <= now]

    def failed(self, alias: str, exc: BaseException) -> None:
        with self._lock:
            first = alias not in self._retry_at
            self._retry_at[alias] = time.monotonic() + self.retry_s
        if first:
            logger.warning(
                "replica %s unavailable, reading from the primary: %s", alias, exc
            )

    def answered(self, alias: str) -> None:
        if alias in self._retry_at:
            with self._lock:
                self._retry_at.pop(alias, None)
            logger.warning("replica %s answers again", alias)


def replay_lsn(alias: str) -> int | None:
    """The replay position of ``alias`` (None on a server that is not a standby).

    Raises ``DatabaseError`` when the replica cannot be reached, after
    closing the connection so that the next try makes a new one.
    """
    try:
        with connections[alias].cursor() as cursor:
            cursor.execute("SELECT pg_last_wal_replay_lsn()::text")
            row = cursor.fetchone()
    except DatabaseError:
        connections[alias].close()
        raise
    return parse_lsn(row[0]) if row and row[0] else None


def primary_insert_lsn() -> str:
    """The primary's WAL insert position now, as PostgreSQL writes it."""
    with connections[DEFAULT_DB_ALIAS].cursor() as cursor:
        cursor.execute("SELECT pg_current_wal_insert_lsn()::text")
        row = cursor.fetchone()
    return str(row[0])


def read_alias(
    path: str,
    pin: str | None,
    replicas: ReplicaSet,
    *,
    lsn_checks: bool,
    replay: Callable[[str], int | None] = replay_lsn,
) -> str:
    """The alias a safe API request on ``path`` reads from.

    ``pin`` is the request's ``PIN_COOKIE`` (None: no recent write).  The
    first replica in turn that answers ``replay`` and, with a pin, has
    replayed past it; else the primary.
    """
    if path in PRIMARY_ONLY_PATHS:
        return DEFAULT_DB_ALIAS
    if pin is not None and not lsn_checks:
        return DEFAULT_DB_ALIAS
    written = parse_lsn(pin) if pin is not None else None
    for alias in replicas.candidates():
        try:
            replayed = replay(alias)
        except DatabaseError as exc:
            replicas.failed(alias, exc)
            continue
        replicas.answered(alias)
        if written is None or (replayed is not None and replayed >= written):
            return alias
    return DEFAULT_DB_ALIAS


class ReplicaReadsMiddleware:
    """Route each API read to a replica that has the client's writes.

    Not used (``MiddlewareNotUsed``) when ``DATABASE_REPLICA_URLS`` is empty.
    """

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponseBase]) -> None:
        aliases = replica_aliases()
        if not aliases:
            raise MiddlewareNotUsed
        self.get_response = get_response
        self.replicas = ReplicaSet(aliases, settings.REPLICA_RETRY_SECONDS)

    def __call__(self, request: HttpRequest) -> HttpResponseBase:
        if not is_api(request):
            return self.get_response(request)
        if request.method not in SAFE_METHODS:
            response = self.get_response(request)
            if response.status_code < 400:
                self._pin(request, response)
            return response
        alias = read_alias(
            request.path_info,
            request.COOKIES.get(PIN_COOKIE),
            self.replicas,
            lsn_checks=settings.REPLICA_LSN_CHECKS,
        )
        token = _read_alias.set(alias)
        try:
            return self.get_response(request)
        finally:
            _read_alias.reset(token)

    def _pin(self, request: HttpRequest, response: HttpResponseBase) -> None:
        value = UNREACHED_LSN
        if settings.REPLICA_LSN_CHECKS:
            try:
                value = primary_insert_lsn()
            except DatabaseError:
                logger.warning("no WAL position for the pin cookie", exc_info=True)
        response.set_cookie(
            PIN_COOKIE,
            value,
            max_age=int(settings.REPLICA_PIN_SECONDS),
            path="/api/",
            secure=request.is_secure(),
            httponly=True,
            samesite="Lax",
        )
