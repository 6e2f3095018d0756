"""The floor of the floor: a bare WSGI app, served by the same gunicorn.

``gunicorn -c gunicorn.conf.py benchmarks.bare`` answers every request
with a fixed 16-byte JSON body, no Django: what a request costs in
gunicorn, the socket and the client alone.
"""

from collections.abc import Callable, Iterable
from typing import Any

BODY = b'{"status": "ok"}'
HEADERS = [("Content-Type", "application/json"), ("Content-Length", str(len(BODY)))]


def application(
    environ: dict[str, Any], start_response: Callable[..., Any]
) -> Iterable[bytes]:
    """Answer 200 with :data:`BODY` (WSGI, PEP 3333)."""
    start_response("200 OK", HEADERS)
    return [BODY]
