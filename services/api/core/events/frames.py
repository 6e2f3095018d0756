"""Server-Sent Events frames (the ``text/event-stream`` format).

https://html.spec.whatwg.org/multipage/server-sent-events.html: a frame is
``field: value`` lines ended by a blank line; a line starting with ``:`` is
a comment that clients ignore (our heartbeat).  Values never hold a line
break here: ``data`` is compact JSON (no raw newline) and ids are ours.
"""

from __future__ import annotations


def event_frame(*, event: str, data: bytes, event_id: str) -> bytes:
    """Return one event frame: ``id``, ``event`` and one ``data`` line."""
    return b"id: %s\nevent: %s\ndata: %s\n\n" % (
        event_id.encode(),
        event.encode(),
        data,
    )


def opening_frame(*, retry_ms: int, event_id: str | None) -> bytes:
    """Return the first frame: the reconnect delay and the stream's position.

    A frame of ``retry`` and ``id`` fires no event but sets the client's last
    event id, so a client that reconnects before any event resumes from
    there.  Without ``event_id`` the client keeps the id it resumed from.
    """
    if event_id is None:
        return b"retry: %d\n\n" % retry_ms
    return b"retry: %d\nid: %s\n\n" % (retry_ms, event_id.encode())


def comment_frame(text: str) -> bytes:
    """Return a comment frame (``: text``), ignored by clients."""
    return b": %s\n\n" % text.encode()
