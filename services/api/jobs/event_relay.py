"""The jobs' live updates: ``jobs_job_changes`` notifications -> hub events.

One relay per process (:func:`job_event_relay`), started by the first
stream.  A listener task (``core.db.listen``) collects the job ids that
notifications name (migration 0013); a dispatcher task reads those jobs in
one query per batch (whatever arrived while the previous batch was read)
and publishes, per id, ``job`` (the row: ``jobs.selectors.JOB_CHANGE_FIELDS``)
or ``deleted`` (``{"id": ...}``: no row any more).  ``{"many": true}``, a
payload it cannot read, more than ``MAX_PENDING_IDS`` waiting ids, a failed
read and every (re)made LISTEN connection (notifications may have been
missed) publish one ``resync`` instead, at most one per
``RESYNC_INTERVAL_S``.
"""

from __future__ import annotations

import asyncio
import contextvars
import json
import logging
import time

from asgiref.sync import sync_to_async
from django.conf import settings
from django.db import DatabaseError, connection

from core.db.conninfo import conninfo
from core.db.listen import listen
from core.events.hub import RESYNC, RESYNC_DATA, EventHub
from core.renderers import FastJSONRenderer
from jobs.selectors import job_changes

logger = logging.getLogger(__name__)

CHANNEL = "jobs_job_changes"
MAX_PENDING_IDS = 5000
RESYNC_INTERVAL_S = 1.0

_render = FastJSONRenderer().render


def payload_ids(payload: str) -> list[int] | None:
    """The ids of a notification payload, or None for "many" (or unreadable)."""
    try:
        body = json.loads(payload)
        ids = body["ids"]
    except (ValueError, TypeError, KeyError):
        return None
    if not isinstance(ids, list) or not all(type(i) is int for i in ids):
        return None
    return ids


def _read_jobs(job_ids: list[int]) -> list[dict[str, object]]:
    """Read the jobs in this worker thread, then give its connection back."""
    try:
        return job_changes(job_ids=job_ids)
    finally:
        connection.close()


class JobEventRelay:
    """Turns notifications into ``job``/``deleted``/``resync`` events of ``hub``."""

    def __init__(self, hub: EventHub) -> None:
        self.hub = hub
        self._pending: set[int] = set()
        self._many = False
        self._wake = asyncio.Event()
        self._tasks: list[asyncio.Task[None]] = []
        self._last_resync = float("-inf")

    def ensure_started(self) -> None:
        """Start the listener and dispatcher on the running loop, once.

        They run in a fresh context: a task inherits the context it is
        created in, and the first request's (its request id, its executor
        for sync code) ends with that request.
        """
        if self._tasks:
            return
        loop = asyncio.get_running_loop()
        context = contextvars.Context()
        listener = listen(
            CHANNEL,
            conninfo=conninfo(application_name="jobs-events"),
            on_payload=self._on_payload,
            on_listening=self._on_listening,
        )
        self._tasks = [
            loop.create_task(listener, context=context),
            loop.create_task(self._dispatch_forever(), context=context),
        ]

    def _on_payload(self, payload: str) -> None:
        ids = payload_ids(payload)
        if ids is None or len(self._pending) + len(ids) > MAX_PENDING_IDS:
            self._many = True
        else:
            self._pending.update(ids)
        self._wake.set()

    def _on_listening(self) -> None:
        self._many = True
        self._wake.set()

    async def _dispatch_forever(self) -> None:
        while True:
            await self._wake.wait()
            self._wake.clear()
            try:
                await self._dispatch()
            except Exception:
                logger.exception("live updates: dispatch failed; sending resync")
                self._many = True
                self._wake.set()
                await asyncio.sleep(RESYNC_INTERVAL_S)

    async def _dispatch(self) -> None:
        """Publish what is pending: one resync, or the rows of the pending ids."""
        if self._many:
            wait_s = self._last_resync + RESYNC_INTERVAL_S - time.monotonic()
            if wait_s > 0:
                await asyncio.sleep(wait_s)
            # Whatever arrived until now is covered by the refetch it causes.
            self._many, self._pending = False, set()
            self._last_resync = time.monotonic()
            self.hub.publish(RESYNC, RESYNC_DATA)
            return
        ids, self._pending = sorted(self._pending), set()
        if not ids:
            return
        try:
            rows = await sync_to_async(_read_jobs)(ids)
        except DatabaseError:
            logger.warning(
                "live updates: reading %d jobs failed", len(ids), exc_info=True
            )
            self._many = True
            self._wake.set()
            return
        found = {row["id"]: row for row in rows}
        for job_id in ids:
            row = found.get(job_id)
            if row is None:
                self.hub.publish("deleted", b'{"id":%d}' % job_id)
            else:
                self.hub.publish("job", _render(row))


_relay: JobEventRelay | None = None


def job_event_relay() -> JobEventRelay:
    """This process's relay (its hub sized by the ``EVENTS_*`` settings)."""
    global _relay  # noqa: PLW0603 (one per process, made on first use)
    if _relay is None:
        _relay = JobEventRelay(
            EventHub(
                buffer_size=settings.EVENTS_BUFFER_SIZE,
                queue_size=settings.EVENTS_QUEUE_SIZE,
                max_streams=settings.EVENTS_MAX_STREAMS,
            )
        )
    return _relay
