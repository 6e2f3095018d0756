"""Fan-out of one process's events to its open streams, with a replay buffer.

Events get ids ``<boot>-<seq>``: ``boot`` is random per hub (one per
process), ``seq`` counts up from 1.  The last ``buffer_size`` events are
kept, so a client that reconnects with ``Last-Event-ID`` is sent what it
missed; an id of another process (a restart, another replica) or older than
the buffer is sent one ``resync`` event instead.  Each stream has a queue of
at most ``queue_size`` events; a stream that falls that far behind (a slow
client) has its queue replaced by one ``resync``, so memory stays bounded
whatever the clients do.  Everything runs on the event loop's thread.
"""

from __future__ import annotations

import asyncio
import re
import secrets
from collections import deque
from dataclasses import dataclass

from core.metrics import SSE_STREAMS, SSE_STREAMS_MAX

RESYNC = "resync"
RESYNC_DATA = b"{}"

_EVENT_ID = re.compile(r"([0-9a-f]{8})-([0-9]{1,18})")


@dataclass(frozen=True, slots=True)
class Event:
    """One event: its sequence number, SSE name and ``data`` (compact JSON)."""

    seq: int
    name: str
    data: bytes


class TooManyStreamsError(Exception):
    """The hub already holds ``max_streams`` open streams."""


class Stream:
    """One client's queue of events, filled by the hub."""

    def __init__(self, queue_size: int) -> None:
        self._queue: asyncio.Queue[Event] = asyncio.Queue(maxsize=queue_size)

    def offer(self, event: Event) -> None:
        """Queue ``event``; when full, replace the queue by one ``resync``."""
        try:
            self._queue.put_nowait(event)
        except asyncio.QueueFull:
            while not self._queue.empty():
                self._queue.get_nowait()
            self._queue.put_nowait(Event(event.seq, RESYNC, RESYNC_DATA))

    async def next_event(self, timeout_s: float) -> Event | None:
        """Return the next event, or None when none came for ``timeout_s``."""
        try:
            return await asyncio.wait_for(self._queue.get(), timeout_s)
        except TimeoutError:
            return None


class EventHub:
    """Numbered events, fanned out to every open :class:`Stream`."""

    def __init__(self, *, buffer_size: int, queue_size: int, max_streams: int) -> None:
        self.boot = secrets.token_hex(4)
        self.max_streams = max_streams
        self._queue_size = queue_size
        self._seq = 0
        self._buffer: deque[Event] = deque(maxlen=buffer_size)
        self._streams: set[Stream] = set()
        SSE_STREAMS_MAX.set(max_streams)

    @property
    def stream_count(self) -> int:
        """How many streams are open."""
        return len(self._streams)

    @property
    def last_event_id(self) -> str:
        """The id of the latest event (``<boot>-0`` before the first)."""
        return self.event_id(self._seq)

    def event_id(self, seq: int) -> str:
        """The SSE id of event number ``seq``."""
        return f"{self.boot}-{seq}"

    def publish(self, name: str, data: bytes) -> Event:
        """Number ``name``/``data``, keep it in the buffer, offer it to every stream."""
        self._seq += 1
        event = Event(self._seq, name, data)
        self._buffer.append(event)
        for stream in self._streams:
            stream.offer(event)
        return event

    def open(self, *, last_event_id: str | None) -> Stream:
        """Open a stream, first filled with what ``last_event_id`` missed.

        Raises:
            TooManyStreamsError: ``max_streams`` streams are open already.
        """
        if len(self._streams) >= self.max_streams:
            raise TooManyStreamsError
        stream = Stream(self._queue_size)
        if last_event_id is not None:
            for event in self._missed(last_event_id.strip()):
                stream.offer(event)
        self._streams.add(stream)
        SSE_STREAMS.inc()
        return stream

    def close(self, stream: Stream) -> None:
        """Forget ``stream`` (idempotent)."""
        if stream in self._streams:
            self._streams.discard(stream)
            SSE_STREAMS.dec()

    def _missed(self, last_event_id: str) -> list[Event]:
        """The buffered events after ``last_event_id``, or one ``resync``."""
        match = _EVENT_ID.fullmatch(last_event_id)
        if match is not None and match[1] == self.boot:
            seq = int(match[2])
            oldest = self._buffer[0].seq if self._buffer else self._seq + 1
            if oldest - 1 <= seq <= self._seq:
                return [event for event in self._buffer if event.seq > seq]
        return [Event(self._seq, RESYNC, RESYNC_DATA)]
