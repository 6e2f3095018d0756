"""Under ASGI (the events service) the middleware chain runs on the loop.

``RequestObservabilityMiddleware`` and ``StaticFilesMiddleware`` are
async-capable, so Django adapts nothing: no thread per request.
"""

import asyncio

from django.conf import settings
from django.test import AsyncClient
from django.utils.module_loading import import_string


def test_every_middleware_in_use_is_async_capable() -> None:
    # What Django's handler reads to decide whether to adapt a middleware.
    sync_only = [
        path
        for path in settings.MIDDLEWARE
        if not getattr(import_string(path), "async_capable", False)
    ]

    # Not used (MiddlewareNotUsed) without DATABASE_REPLICA_URLS; with replicas
    # it runs on the loop's one sync thread until the view has answered.
    assert sync_only == ["core.db.replicas.ReplicaReadsMiddleware"]


def test_async_chain_tags_requests_and_serves_static_files() -> None:
    client = AsyncClient()

    static = asyncio.run(client.get("/api/static/admin/css/base.css"))
    missing = asyncio.run(
        client.get("/api/nothing-here/", headers={"X-Request-ID": "r-1"})
    )

    assert static.status_code == 200
    assert static["Content-Type"].startswith("text/css")
    assert missing.status_code == 404
    assert missing["X-Request-ID"] == "r-1"
    assert missing.json() == {"detail": "Not found."}
