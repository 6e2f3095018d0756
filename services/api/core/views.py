"""Service-level views: health check and JSON answers outside DRF."""

from __future__ import annotations

import logging

import psycopg
from django.db import DatabaseError, connection
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.urls import Resolver404, resolve
from django.views.decorators.csrf import csrf_exempt
from drf_spectacular.utils import extend_schema, inline_serializer
from rest_framework import serializers, status
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from core.exceptions import error_body
from core.serializers import ErrorEnvelopeSerializer

logger = logging.getLogger(__name__)


# Seconds the health check waits for a pooled connection: below the
# probes' own timeouts (compose: 2 s), far below the pool's 10 s wait for
# requests.
HEALTH_POOL_TIMEOUT_S = 1.5


def database_is_up() -> bool:
    """Return whether the default database answers ``SELECT 1``.

    With the psycopg pool on, the check borrows a pool connection with a
    short wait of its own: through Django it would wait the pool's full
    timeout while the database is down, hanging past the probe.
    """
    try:
        # Only the PostgreSQL backend has a pool; the stubs type the base class.
        pool = getattr(connection, "pool", None)
        if pool is not None:
            pool.open()
            with pool.connection(timeout=HEALTH_POOL_TIMEOUT_S) as pooled:
                pooled.execute("SELECT 1").fetchone()
            return True
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except (DatabaseError, psycopg.Error):
        logger.warning("health check: the database does not answer", exc_info=True)
        return False
    return True


class HealthApi(APIView):
    """Liveness and readiness of the API and its database."""

    @extend_schema(
        operation_id="health_retrieve",
        summary="Health check",
        description="200 when the database answers `SELECT 1`, 503 otherwise.",
        responses={
            200: inline_serializer(
                name="Health",
                fields={"status": serializers.ChoiceField(choices=["ok"])},
            ),
            503: ErrorEnvelopeSerializer,
        },
        tags=["health"],
    )
    def get(self, request: Request) -> Response:
        if not database_is_up():
            return Response(
                error_body("Database unavailable."),
                status=status.HTTP_503_SERVICE_UNAVAILABLE,
            )
        return Response({"status": "ok"})


def _is_a_view(path: str) -> bool:
    """Tell whether ``path`` reaches a view other than this catch-all 404."""
    try:
        match = resolve(path)
    except Resolver404:
        return False
    return match.func is not not_found


@csrf_exempt
def not_found(request: HttpRequest, exception: Exception | None = None) -> HttpResponse:
    """Answer an unknown path (a missing trailing slash too) with a JSON 404.

    Used as ``handler404`` and as the URLconf's last pattern, so the answer
    is JSON in debug mode as well.  CSRF-exempt like the (anonymous) API:
    otherwise a POST without its slash would get the CSRF middleware's HTML
    403 instead of the 404.
    """
    detail = "Not found."
    if not request.path.endswith("/") and _is_a_view(f"{request.path}/"):
        detail = f"Not found. API paths end with a slash: {request.path}/"
    return JsonResponse(error_body(detail), status=status.HTTP_404_NOT_FOUND)


def bad_request(
    request: HttpRequest, exception: Exception | None = None
) -> HttpResponse:
    """Answer a request Django refuses early (e.g. a disallowed Host) with JSON."""
    return JsonResponse(error_body("Bad request."), status=status.HTTP_400_BAD_REQUEST)


def permission_denied(
    request: HttpRequest, exception: Exception | None = None
) -> HttpResponse:
    """Answer a PermissionDenied raised outside DRF with JSON."""
    return JsonResponse(
        error_body("You do not have permission to perform this action."),
        status=status.HTTP_403_FORBIDDEN,
    )


def server_error(request: HttpRequest) -> HttpResponse:
    """Answer an unhandled exception (already logged by Django) with JSON."""
    return JsonResponse(
        error_body("Internal server error."),
        status=status.HTTP_500_INTERNAL_SERVER_ERROR,
    )
