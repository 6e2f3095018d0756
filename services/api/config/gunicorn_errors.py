"""gunicorn's own error answers as the API's JSON envelope.

gunicorn answers some requests before the application sees them: a request
line over ``limit_request_line`` (414), header fields over their limits
(431), a malformed request such as ``Content-Length: abc`` (400), and 500
when the application itself fails outside Django.  It writes them with
``gunicorn.util.write_error(sock, status, reason, message)``, as HTML and
with no setting to change it (benoitc/gunicorn#993);
:func:`install` replaces that one function in the worker so that every
such answer is ``{"detail": "<reason>: <message>"}``.  Called from
``post_worker_init`` in ``gunicorn.conf.py``; docs/api.md, "Errors".
"""

from __future__ import annotations

import json
import socket

# Longest message kept (gunicorn's may quote the offending input).
MESSAGE_MAX_LENGTH = 200


def json_error(status: int, reason: str, message: str) -> bytes:
    """The raw HTTP response of one gunicorn error, with a JSON body."""
    detail = f"{reason}: {message}" if message else reason
    body = json.dumps({"detail": detail[:MESSAGE_MAX_LENGTH]})  # ASCII only
    return (
        f"HTTP/1.1 {status} {reason}\r\n"
        "Connection: close\r\n"
        "Content-Type: application/json\r\n"
        f"Content-Length: {len(body)}\r\n"
        "\r\n"
        f"{body}"
    ).encode("latin-1")


def write_json_error(sock: socket.socket, status: int, reason: str, mesg: str) -> None:
    """Drop-in for ``gunicorn.util.write_error`` (same arguments)."""
    from gunicorn import util

    util.write_nonblock(sock, json_error(status, reason, mesg))


def install() -> None:
    """Make gunicorn's error answers JSON in this process."""
    from gunicorn import util

    util.write_error = write_json_error
