"""WSGI middleware in front of Django: what must be settled before Django
builds its request object (docs/api.md, "Errors").

``RequestGuard`` wraps the Django application (``config.wsgi``):

* a ``Content-Type`` charset that is unknown or not a text codec
  (``rot13``, ``zlib``, ``base64``, ``hex``, ``uu``, ``bz2``, ``undefined``,
  ``idna``) is a JSON 415:
  Django decodes the query string with it while constructing the request,
  outside every handler, and the server would answer an HTML 500;
* a ``Content-Type`` Django cannot parse is a JSON 400, for the same reason;
* a chunked body (``Transfer-Encoding: chunked``, no ``Content-Length``) is
  read here, up to one byte over ``DATA_UPLOAD_MAX_MEMORY_SIZE``, and given
  to Django with its length: Django reads ``CONTENT_LENGTH`` bytes only, so
  it would see an empty body (behind nginx, nginx does this itself).
"""

from __future__ import annotations

import io
import json
from collections.abc import Callable, Iterable
from typing import Any

from django.utils.http import parse_header_parameters

from core.exceptions import error_body

Environ = dict[str, Any]
StartResponse = Callable[..., Any]
WsgiApp = Callable[[Environ, StartResponse], Iterable[bytes]]


# Every byte value: what a query string can hold once Django has it as bytes.
_ALL_BYTES = bytes(range(256))


def is_text_codec(name: str) -> bool:
    """Tell whether Django can decode a query string with codec ``name``.

    Django decodes it strictly, falls back to Latin-1 on a decoding error,
    then unquotes with ``errors="replace"``: the codec must decode any bytes
    that way without raising.  Unknown and bytes-to-bytes codecs raise
    ``LookupError``; ``undefined``, ``idna`` and ``punycode`` a ``ValueError``.
    """
    try:
        _ALL_BYTES.decode(name, "replace")
    except (LookupError, ValueError):
        return False
    return True


def json_response(
    start_response: StartResponse, status: str, detail: str
) -> list[bytes]:
    """Answer the error envelope ``{"detail": detail}`` with ``status``."""
    body = json.dumps(error_body(detail)).encode("ascii")
    start_response(
        status,
        [("Content-Type", "application/json"), ("Content-Length", str(len(body)))],
    )
    return [body]


class RequestGuard:
    """Refuse what Django would crash on; de-chunk bodies (see the module)."""

    def __init__(self, app: WsgiApp, *, max_body_bytes: int | None) -> None:
        self.app = app
        self.max_body_bytes = max_body_bytes

    def __call__(
        self, environ: Environ, start_response: StartResponse
    ) -> Iterable[bytes]:
        try:
            _, params = parse_header_parameters(environ.get("CONTENT_TYPE", ""))
        except ValueError:
            return json_response(
                start_response, "400 Bad Request", "Invalid Content-Type header."
            )
        charset = params.get("charset")
        if charset is not None and not is_text_codec(charset):
            return json_response(
                start_response,
                "415 Unsupported Media Type",
                f"Unsupported charset {charset[:40]!r} in Content-Type: "
                "send JSON as UTF-8.",
            )
        if _is_chunked(environ):
            self._read_chunked_body(environ)
        return self.app(environ, start_response)

    def _read_chunked_body(self, environ: Environ) -> None:
        # One byte over the limit is enough for Django to answer its 413.
        limit = None if self.max_body_bytes is None else self.max_body_bytes + 1
        body = environ["wsgi.input"].read(-1 if limit is None else limit)
        environ["wsgi.input"] = io.BytesIO(body)
        environ["CONTENT_LENGTH"] = str(len(body))


def _is_chunked(environ: Environ) -> bool:
    coding = environ.get("HTTP_TRANSFER_ENCODING", "").lower()
    return "chunked" in coding and not environ.get("CONTENT_LENGTH")
