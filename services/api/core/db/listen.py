"""One ``LISTEN`` connection that survives PostgreSQL restarts (psycopg 3, async).

:func:`listen` connects, runs ``LISTEN <channel>``, calls ``on_listening()``
and then ``on_payload(text)`` for every notification, in commit order.  When
the connection fails (PostgreSQL restarted, the backend was terminated, the
network cut) it reconnects with exponential backoff and jitter, and calls
``on_listening()`` again: notifications sent in between are lost, which the
caller must assume (the events service sends ``resync``).  A quiet
connection is probed with ``SELECT 1`` every ``probe_s`` seconds, and TCP
keepalives bound how long a dead peer goes unnoticed.
"""

from __future__ import annotations

import asyncio
import logging
import random
from collections.abc import Callable, Mapping
from typing import Any

import psycopg
from psycopg import sql

logger = logging.getLogger(__name__)

BACKOFF_FIRST_S = 0.5
BACKOFF_MAX_S = 10.0

# libpq keepalives: a silent peer is given up on after about 25 s.
_KEEPALIVES = {
    "keepalives": 1,
    "keepalives_idle": 10,
    "keepalives_interval": 5,
    "keepalives_count": 3,
    "tcp_user_timeout": 25000,
}


async def listen(
    channel: str,
    *,
    conninfo: Mapping[str, Any],
    on_payload: Callable[[str], None],
    on_listening: Callable[[], None],
    probe_s: float = 30.0,
) -> None:
    """Relay ``channel``'s notifications forever (until cancelled).

    ``conninfo`` holds libpq keywords (``dbname``, ``host``, ...).  Never
    raises but ``CancelledError``: connection errors (and anything a
    callback raises) are logged and the connection is made again.
    """
    delay = BACKOFF_FIRST_S
    while True:
        try:
            async with await psycopg.AsyncConnection.connect(
                **{**_KEEPALIVES, **conninfo}, autocommit=True
            ) as conn:
                await conn.execute(sql.SQL("LISTEN {}").format(sql.Identifier(channel)))
                logger.info("listening on %s", channel)
                delay = BACKOFF_FIRST_S
                on_listening()
                await _relay(conn, on_payload, probe_s)
        except psycopg.Error as exc:
            logger.warning(
                "LISTEN %s lost (%s); reconnecting in %.1f s", channel, exc, delay
            )
        except Exception:  # a bug in a callback must not end the listener
            logger.exception("LISTEN %s failed; reconnecting in %.1f s", channel, delay)
        await asyncio.sleep(delay * random.uniform(0.8, 1.2))  # noqa: S311 (jitter)
        delay = min(delay * 2, BACKOFF_MAX_S)


async def _relay(
    conn: psycopg.AsyncConnection[Any],
    on_payload: Callable[[str], None],
    probe_s: float,
) -> None:
    """Hand over notifications until the connection fails (raises psycopg.Error)."""
    while True:
        async for notify in conn.notifies(timeout=probe_s):
            on_payload(notify.payload)
        # Quiet for probe_s: make sure the server is still there.
        await conn.execute("SELECT 1")
