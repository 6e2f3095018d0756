"""``GET /api/jobs/events/``: the jobs' live updates as Server-Sent Events.

An async Django view, served by the events service (uvicorn on
``config.asgi``; docs/architecture.md, "Live updates"): an open stream is a
coroutine waiting on its queue, not a thread.  Under WSGI (gunicorn) the
same URL answers 404, as it does where no events service runs, so a client
falls back to polling instead of holding one of gunicorn's threads forever.
"""

from __future__ import annotations

from collections.abc import AsyncIterator

from django.conf import settings
from django.core.handlers.asgi import ASGIRequest
from django.http import (
    HttpRequest,
    HttpResponseBase,
    JsonResponse,
    StreamingHttpResponse,
)
from django.views.decorators.csrf import csrf_exempt

from core.events.frames import comment_frame, event_frame, opening_frame
from core.events.hub import EventHub, Stream, TooManyStreamsError
from core.exceptions import error_body
from jobs.event_relay import job_event_relay

# The client's wait before it reconnects after a cut (SSE `retry`).
RETRY_MS = 3000
# What a refused client should wait before it tries again (Retry-After).
RETRY_AFTER_S = 30


async def _frames(
    hub: EventHub, stream: Stream, *, opening_id: str | None, heartbeat_s: float
) -> AsyncIterator[bytes]:
    """The stream's bytes: the opening frame, then events and heartbeats."""
    try:
        yield opening_frame(retry_ms=RETRY_MS, event_id=opening_id)
        while True:
            event = await stream.next_event(heartbeat_s)
            if event is None:
                yield comment_frame("heartbeat")
            else:
                yield event_frame(
                    event=event.name, data=event.data, event_id=hub.event_id(event.seq)
                )
    finally:
        hub.close(stream)


@csrf_exempt
async def job_events(request: HttpRequest) -> HttpResponseBase:
    """Open an event stream (``text/event-stream``), resuming at ``Last-Event-ID``.

    Answers 405 (JSON) to a method other than GET, 404 (JSON) under WSGI,
    503 (JSON, ``Retry-After``) when ``EVENTS_MAX_STREAMS`` streams are open
    in this process.  Events: docs/api.md, "Live updates".
    """
    if request.method != "GET":
        response = JsonResponse(
            error_body(f'Method "{request.method}" not allowed.'), status=405
        )
        response["Allow"] = "GET"
        return response
    if not isinstance(request, ASGIRequest):
        return JsonResponse(
            error_body("Not found. The event stream is served by the events service."),
            status=404,
        )
    relay = job_event_relay()
    relay.ensure_started()
    last_event_id = request.headers.get("Last-Event-ID")
    try:
        stream = relay.hub.open(last_event_id=last_event_id)
    except TooManyStreamsError:
        response = JsonResponse(
            error_body(
                f"Too many open event streams ({relay.hub.max_streams}); "
                "poll the list instead, or retry later."
            ),
            status=503,
        )
        response["Retry-After"] = str(RETRY_AFTER_S)
        return response
    # Taken in the same tick as open(): no event can fall between the two.
    opening_id = None if last_event_id is not None else relay.hub.last_event_id
    stream_response = StreamingHttpResponse(
        _frames(
            relay.hub,
            stream,
            opening_id=opening_id,
            heartbeat_s=settings.EVENTS_HEARTBEAT_S,
        ),
        content_type="text/event-stream",
    )
    stream_response["Cache-Control"] = "no-cache, no-store"
    # nginx: pass each frame on at once, whatever the location's buffering.
    stream_response["X-Accel-Buffering"] = "no"
    return stream_response
