"""RequestGuard (core/wsgi.py) and every codec Python knows as a charset.

Django decodes the query string with the request's charset while it builds
the request, outside every handler: a charset the guard lets through must
never make that raise (an HTML or bare 500), whatever the query holds.
"""

import codecs
import encodings
import io
import json
import pkgutil

import pytest
from django.core.handlers.wsgi import WSGIRequest

from core.wsgi import RequestGuard

CODECS = sorted(
    {module.name for module in pkgutil.iter_modules(encodings.__path__)} - {"aliases"}
)
QUERY = "a=%C3%A9%FF&b=%ED%A0%80&c=\xff\xe9"  # WSGI strings are Latin-1


def _django_reads_query(environ, start_response):
    request = WSGIRequest(environ)
    dict(request.GET)  # what the API reads first
    start_response("200 OK", [("Content-Type", "application/json")])
    return [b"{}"]


def _call(charset: str) -> tuple[str, bytes]:
    environ = {
        "REQUEST_METHOD": "GET",
        "PATH_INFO": "/api/jobs/",
        "QUERY_STRING": QUERY,
        "CONTENT_TYPE": f"application/json; charset={charset}",
        "SERVER_NAME": "testserver",
        "SERVER_PORT": "80",
        "wsgi.input": io.BytesIO(b""),
        "wsgi.url_scheme": "http",
    }
    answer: list[str] = []
    body = RequestGuard(_django_reads_query, max_body_bytes=100)(
        environ, lambda status, headers: answer.append(status)
    )
    return answer[0], b"".join(body)


@pytest.mark.filterwarnings("ignore::DeprecationWarning")  # unicode_escape
@pytest.mark.parametrize("charset", CODECS)
def test_every_codec_is_refused_or_decodes_the_query(charset: str) -> None:
    status, body = _call(charset)  # raises on today's 'undefined' and 'idna'

    assert status in ("200 OK", "415 Unsupported Media Type")
    if status.startswith("415"):
        assert json.loads(body)["detail"].startswith("Unsupported charset")


@pytest.mark.parametrize("charset", ["utf-8", "UTF-8", "latin-1", "ascii", "utf-16"])
def test_text_charsets_reach_django(charset: str) -> None:
    assert codecs.lookup(charset)
    assert _call(charset)[0] == "200 OK"


@pytest.mark.parametrize("charset", ["undefined", "idna", "rot13", "no-such"])
def test_codecs_that_cannot_decode_any_bytes_are_a_415(charset: str) -> None:
    assert _call(charset)[0] == "415 Unsupported Media Type"
