"""Django's browser middleware, skipped on the JSON API (``/api/``).

Sessions, authentication, CSRF and messages serve the admin's HTML pages
(``/api/admin/``); the API is anonymous JSON (no ``SessionAuthentication``,
its views are CSRF-exempt), so its requests go straight past them.
``X-Frame-Options`` stays on every response (a header, no measurable cost).
Each class subclasses Django's own, so the admin's system checks
(admin.E408-E410) and every other path behave exactly as before.
Measured cost per request: docs/performance.md, "Middleware".
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from django.contrib.auth import middleware as auth
from django.contrib.messages import middleware as messages
from django.contrib.sessions import middleware as sessions
from django.http import HttpRequest, HttpResponseBase, HttpResponseForbidden
from django.middleware import csrf

API_PREFIX = "/api/"
ADMIN_PREFIX = "/api/admin/"


def is_api(request: HttpRequest) -> bool:
    """Tell whether ``request`` is for the JSON API (not the admin)."""
    path = request.path_info
    return path.startswith(API_PREFIX) and not path.startswith(ADMIN_PREFIX)


class BrowserOnlyMixin:
    """Pass ``/api/`` requests to the next layer untouched."""

    def __call__(self, request: HttpRequest) -> HttpResponseBase:
        if is_api(request):
            return self.get_response(request)  # type: ignore[attr-defined]
        return super().__call__(request)  # type: ignore[misc]


class SessionMiddleware(BrowserOnlyMixin, sessions.SessionMiddleware):
    """Sessions, for the admin only."""


class AuthenticationMiddleware(BrowserOnlyMixin, auth.AuthenticationMiddleware):
    """``request.user``, for the admin only."""


class MessageMiddleware(BrowserOnlyMixin, messages.MessageMiddleware):
    """Flash messages, for the admin only."""


class CsrfViewMiddleware(BrowserOnlyMixin, csrf.CsrfViewMiddleware):
    """CSRF protection for the admin's forms; the API has no cookies."""

    def process_view(
        self,
        request: HttpRequest,
        callback: Callable[..., Any],
        callback_args: tuple[Any, ...],
        callback_kwargs: dict[str, Any],
    ) -> HttpResponseForbidden | None:
        """Django's check, except on ``/api/`` (called by the handler itself)."""
        if is_api(request):
            return None
        return super().process_view(request, callback, callback_args, callback_kwargs)
