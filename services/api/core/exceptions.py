"""One JSON error envelope for every error the API answers.

Every 4xx/5xx body has the shape::

    {"detail": "<one-line summary>", "errors": {"<field>": ["<message>", ...]}}

``errors`` is present only for validation failures.  Non-field validation
errors sit under ``non_field_errors``; nested fields use dotted keys
(``items.0.name``).  DRF views go through :func:`exception_handler`; paths
outside DRF (unknown URLs, a crash) through ``core.views``.
"""

from __future__ import annotations

import logging
from collections.abc import Mapping
from typing import Any

from django.conf import settings
from django.core.exceptions import PermissionDenied, RequestDataTooBig
from django.core.exceptions import ValidationError as DjangoValidationError
from django.db import InterfaceError, OperationalError
from django.http import Http404
from rest_framework import exceptions, status
from rest_framework.response import Response
from rest_framework.settings import api_settings
from rest_framework.views import exception_handler as drf_exception_handler

from core.db.health import database_down, is_unreachable
from core.db.retry import WriteConflictError, is_write_conflict
from core.errors import ApplicationError

logger = logging.getLogger(__name__)

NON_FIELD_ERRORS_KEY: str = api_settings.NON_FIELD_ERRORS_KEY
# Seconds a client should wait before retrying after a 503.
RETRY_AFTER_SECONDS = 5


class DatabaseUnavailable(exceptions.APIException):
    """The database cannot be reached (or gave up): a 503, not a bug."""

    status_code = status.HTTP_503_SERVICE_UNAVAILABLE
    default_detail = "Database unavailable."
    default_code = "database_unavailable"


class RequestBodyTooLarge(exceptions.APIException):
    """The body is over ``DATA_UPLOAD_MAX_MEMORY_SIZE``."""

    status_code = status.HTTP_413_REQUEST_ENTITY_TOO_LARGE
    default_code = "request_too_large"


def error_body(
    detail: str, errors: Mapping[str, list[str]] | None = None
) -> dict[str, Any]:
    """Return the envelope for a summary and, optionally, field errors.

    Every string goes through :func:`encodable`: an error may echo input.
    """
    body: dict[str, Any] = {"detail": encodable(detail)}
    if errors is not None:
        body["errors"] = {
            encodable(field): [encodable(message) for message in messages]
            for field, messages in errors.items()
        }
    return body


def encodable(text: str) -> str:
    """``text`` with any lone surrogate written as ``\\udXXX`` (valid UTF-8)."""
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return text.encode("utf-8", "backslashreplace").decode("utf-8")
    return text


def flatten_errors(detail: Any, prefix: str = "") -> dict[str, list[str]]:
    """Flatten DRF's nested error detail into ``{"a.b": ["msg", ...]}``.

    A bare list or string at the top level is a non-field error.
    """
    if isinstance(detail, Mapping):
        flat: dict[str, list[str]] = {}
        for key, value in detail.items():
            name = f"{prefix}.{key}" if prefix else str(key)
            flat.update(flatten_errors(value, name))
        return flat
    key = prefix or NON_FIELD_ERRORS_KEY
    if isinstance(detail, list):
        if any(isinstance(item, Mapping | list) for item in detail):
            flat = {}
            for index, item in enumerate(detail):
                if isinstance(item, Mapping | list):
                    flat.update(flatten_errors(item, f"{key}.{index}"))
                else:
                    flat.setdefault(key, []).append(str(item))
            return flat
        return {key: [str(item) for item in detail]}
    return {key: [str(detail)]}


def validation_summary(errors: Mapping[str, list[str]]) -> str:
    """Summarise field errors in one line, naming the first field."""
    for field, messages in errors.items():
        if not messages:
            continue
        if field == NON_FIELD_ERRORS_KEY:
            return messages[0]
        return f"{field}: {messages[0]}"
    return "Invalid input."


def _to_api_exception(exc: Exception) -> Exception:
    """Translate Django and domain exceptions into DRF's, keeping the rest."""
    if is_write_conflict(exc):  # not retried: it escaped a caller's transaction
        exc = WriteConflictError()
    if isinstance(exc, ApplicationError):
        api_exc = exceptions.APIException(exc.message)
        api_exc.status_code = exc.status_code
        return api_exc
    if isinstance(exc, DjangoValidationError):
        if hasattr(exc, "error_dict"):
            return exceptions.ValidationError(exc.message_dict)
        return exceptions.ValidationError({NON_FIELD_ERRORS_KEY: exc.messages})
    if isinstance(exc, Http404):
        return exceptions.NotFound()
    if isinstance(exc, PermissionDenied):
        return exceptions.PermissionDenied()
    if isinstance(exc, RequestDataTooBig):
        limit = settings.DATA_UPLOAD_MAX_MEMORY_SIZE
        return RequestBodyTooLarge(f"Request body too large: at most {limit} bytes.")
    if isinstance(exc, OperationalError | InterfaceError):
        # Connection refused, pool timeout, statement timeout, server gone:
        # the client may retry.  Logged with the cause, never swallowed.
        logger.error("Database unavailable: %s", exc, exc_info=exc)
        if is_unreachable(exc):
            database_down()
        return DatabaseUnavailable()
    return exc


def exception_handler(exc: Exception, context: dict[str, Any]) -> Response | None:
    """DRF exception handler: answer every known error with the envelope.

    Unknown exceptions return ``None``, so Django logs them and answers a
    500 through ``core.views.server_error``.
    """
    exc = _to_api_exception(exc)
    response = drf_exception_handler(exc, context)
    if response is None:
        return None
    if isinstance(exc, exceptions.ValidationError):
        errors = flatten_errors(exc.detail)
        response.data = error_body(validation_summary(errors), errors)
    elif isinstance(exc, exceptions.ParseError):
        response.data = error_body(f"Malformed request body: {exc.detail}")
    elif isinstance(exc, exceptions.APIException):
        response.data = error_body(_one_line(exc.detail))
    if response.status_code == status.HTTP_503_SERVICE_UNAVAILABLE:
        response["Retry-After"] = str(RETRY_AFTER_SECONDS)
    elif response.status_code >= status.HTTP_500_INTERNAL_SERVER_ERROR:
        logger.error("API error %s: %s", response.status_code, response.data)
    return response


def _one_line(detail: Any) -> str:
    """Render an APIException detail as one line of text."""
    if isinstance(detail, list | Mapping):
        errors = flatten_errors(detail)
        return validation_summary(errors)
    return " ".join(str(detail).split())
