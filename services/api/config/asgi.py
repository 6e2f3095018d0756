"""ASGI entry point of the events service: ``uvicorn config.asgi:application``.

The same Django project, settings and URLs as ``config.wsgi``; the events
service serves ``GET /api/jobs/events/`` (an async view) and nginx sends it
nothing else (docs/architecture.md, "Live updates").
"""

import os
from typing import Any

import django
from django.core.handlers.asgi import ASGIHandler

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.base")


class EventsASGIHandler(ASGIHandler):
    """Django's ASGI handler without a thread of its own per request.

    ``ASGIHandler`` runs each request in a ``ThreadSensitiveContext``: the
    request's sync code (Django's ``request_started`` receivers at least)
    runs on a thread made for that request and kept until it ends, so every
    open event stream would park a thread.  Here requests share the loop's
    one thread for sync code instead: the events service's sync work is a
    few signal receivers per request and ``/api/health/``.
    """

    async def __call__(self, scope: dict[str, Any], receive: Any, send: Any) -> None:
        if scope["type"] != "http":
            raise ValueError(
                f"Django can only handle HTTP connections, not {scope['type']}."
            )
        await self.handle(scope, receive, send)


django.setup(set_prefix=False)
application = EventsASGIHandler()
