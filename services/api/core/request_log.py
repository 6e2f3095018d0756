"""Per-request observability: request id, one log line, metrics.

``RequestObservabilityMiddleware`` (first in ``MIDDLEWARE``):

* takes the caller's ``X-Request-ID`` when it is 1-128 characters of
  ``[A-Za-z0-9._:-]`` (nginx always sends one), else makes a UUID4 hex;
  returns it as ``X-Request-ID`` and puts it on every log record of the
  request (``RequestIdFilter``);
* logs one line on ``jobs.request`` at INFO: ``method``, ``route`` (the URL
  pattern), ``path``, ``status``, ``duration_ms``, ``user`` (a user name,
  or null while the API is anonymous), ``request_id``;
* records ``core.metrics`` counters and the latency histogram.

The JSON or console shape of the line is the logging config's choice
(``LOG_FORMAT`` in settings).  Errors keep Django's own logging (with the
stack trace), tagged with the same request id.
"""

from __future__ import annotations

import contextvars
import logging
import re
import time
import uuid
from collections.abc import Callable
from typing import Any

from asgiref.sync import iscoroutinefunction, markcoroutinefunction
from django.http import HttpRequest, HttpResponse
from django.utils.functional import empty

from core import metrics

logger = logging.getLogger("jobs.request")

request_id_var: contextvars.ContextVar[str | None] = contextvars.ContextVar(
    "request_id", default=None
)

_VALID_ID = re.compile(r"[A-Za-z0-9._:-]{1,128}")


def _user_name(request: HttpRequest) -> str | None:
    """Return the signed-in user's name, if something already loaded the user.

    ``request.user`` is lazy; loading it here would cost a session query on
    every API request, which never needs it.
    """
    user = request.__dict__.get("user")
    wrapped = getattr(user, "_wrapped", user)
    if wrapped is empty or not getattr(wrapped, "is_authenticated", False):
        return None
    return str(wrapped.get_username())  # type: ignore[union-attr]


class RequestIdFilter(logging.Filter):
    """Add ``request_id`` (or None outside a request) to every log record."""

    def filter(self, record: logging.LogRecord) -> bool:
        if not hasattr(record, "request_id"):
            record.request_id = request_id_var.get()
        return True


class RequestObservabilityMiddleware:
    """Request id, access log line and metrics for every request (see module doc).

    Sync and async: under ASGI (the events service) it awaits the next layer
    on the event loop, so a long stream holds no thread.  A streaming
    response is logged when its headers are ready, not when it ends.
    """

    sync_capable = True
    async_capable = True

    def __init__(self, get_response: Callable[[HttpRequest], Any]) -> None:
        self.get_response = get_response
        self.is_async = iscoroutinefunction(get_response)
        if self.is_async:
            markcoroutinefunction(self)

    def __call__(self, request: HttpRequest) -> Any:
        if self.is_async:
            return self.__acall__(request)
        started, token, request_id = self._begin(request)
        try:
            return self._finish(
                request, self.get_response(request), started, request_id
            )
        finally:
            request_id_var.reset(token)

    async def __acall__(self, request: HttpRequest) -> HttpResponse:
        started, token, request_id = self._begin(request)
        try:
            response = await self.get_response(request)
            return self._finish(request, response, started, request_id)
        finally:
            request_id_var.reset(token)

    @staticmethod
    def _begin(
        request: HttpRequest,
    ) -> tuple[float, contextvars.Token[str | None], str]:
        started = time.perf_counter()
        incoming = request.META.get("HTTP_X_REQUEST_ID", "")
        request_id = incoming if _VALID_ID.fullmatch(incoming) else uuid.uuid4().hex
        return started, request_id_var.set(request_id), request_id

    @staticmethod
    def _finish(
        request: HttpRequest, response: HttpResponse, started: float, request_id: str
    ) -> HttpResponse:
        response["X-Request-ID"] = request_id
        seconds = time.perf_counter() - started
        match = request.resolver_match
        route = (
            match.route
            if match is not None and match.route not in ("", "^")
            else "unmatched"
        )
        method = request.method or ""
        metrics.observe(method, route, response.status_code, seconds)
        if logger.isEnabledFor(logging.INFO):
            logger.info(
                "%s %s %s %.1fms",
                method,
                request.path,
                response.status_code,
                seconds * 1000,
                extra={
                    "method": method,
                    "route": route,
                    "path": request.path,
                    "status": response.status_code,
                    "duration_ms": round(seconds * 1000, 2),
                    "user": _user_name(request),
                    "request_id": request_id,
                },
            )
        return response
