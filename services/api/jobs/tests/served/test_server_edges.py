"""The served API answers JSON below Django too (issue 17, points 4, 5, 6).

Each request is raw bytes on its own connection to a real gunicorn: what a
client can send that Django's test client cannot (a 9,000-character URL, a
header over gunicorn's limit, a chunked body, a non-text charset).
"""

import json

import pytest

from jobs.models import Job

HOST = b"Host: 127.0.0.1\r\nConnection: close\r\n"


def _json(body: bytes) -> dict:
    return json.loads(body.decode("utf-8"))


# ---- Point 4: charsets Django cannot decode text with ------------------------


@pytest.mark.parametrize(
    "charset", ["rot13", "zlib", "bz2", "base64", "hex", "uu", "no-such-codec"]
)
def test_non_text_charset_is_a_json_415(send, charset: str) -> None:
    status, headers, body = send(
        b"GET /api/jobs/?page_size=2 HTTP/1.1\r\n"
        + HOST
        + f"Content-Type: text/plain; charset={charset}\r\n\r\n".encode()
    )

    assert status == 415
    assert headers["content-type"] == "application/json"
    assert _json(body)["detail"] == (
        f"Unsupported charset {charset!r} in Content-Type: send JSON as UTF-8."
    )


def test_text_charset_is_accepted(send) -> None:
    status, _, body = send(
        b"GET /api/jobs/?page_size=2 HTTP/1.1\r\n"
        + HOST
        + b"Content-Type: application/json; charset=UTF-8\r\n\r\n"
    )

    assert status == 200
    assert "results" in _json(body)


# ---- Point 5: gunicorn's own errors ------------------------------------------


def test_url_over_the_request_line_limit_is_a_json_414(send) -> None:
    status, headers, body = send(
        b"GET /api/jobs/?search=" + b"a" * 9000 + b" HTTP/1.1\r\n" + HOST + b"\r\n"
    )

    assert status == 414
    assert headers["content-type"] == "application/json"
    assert _json(body)["detail"].startswith("URI Too Long")


def test_header_over_the_field_limit_is_a_json_431(send) -> None:
    status, headers, body = send(
        b"GET /api/jobs/ HTTP/1.1\r\n" + HOST + b"X-Big: " + b"b" * 9000 + b"\r\n\r\n"
    )

    assert status == 431
    assert headers["content-type"] == "application/json"
    assert _json(body)["detail"].startswith("Request Header Fields Too Large")


def test_malformed_content_length_is_a_json_400(send) -> None:
    status, headers, body = send(
        b"POST /api/jobs/ HTTP/1.1\r\n"
        + HOST
        + b"Content-Type: application/json\r\nContent-Length: abc\r\n\r\n{}"
    )

    assert status == 400
    assert headers["content-type"] == "application/json"
    assert _json(body)["detail"].startswith("Bad Request")


# ---- Point 6: chunked bodies straight to gunicorn ----------------------------


def _chunked(payload: bytes, size: int = 7) -> bytes:
    parts = [payload[i : i + size] for i in range(0, len(payload), size)]
    return b"".join(b"%x\r\n%s\r\n" % (len(p), p) for p in parts) + b"0\r\n\r\n"


@pytest.mark.django_db(transaction=True)
def test_chunked_post_is_read_whole(send) -> None:
    status, _, body = send(
        b"POST /api/jobs/ HTTP/1.1\r\n"
        + HOST
        + b"Content-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n"
        + _chunked(b'{"name": "Chunked upload"}')
    )

    assert status == 201, body
    assert _json(body)["name"] == "Chunked upload"
    assert Job.objects.filter(name="Chunked upload").count() == 1


@pytest.mark.django_db(transaction=True)
def test_chunked_body_over_the_limit_is_a_json_413(send) -> None:
    payload = b'{"name": "' + b"x" * 2_700_000 + b'"}'
    status, _, body = send(
        b"POST /api/jobs/ HTTP/1.1\r\n"
        + HOST
        + b"Content-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n"
        + _chunked(payload, 65536)
    )

    assert status == 413
    assert _json(body)["detail"] == "Request body too large: at most 2621440 bytes."
    assert not Job.objects.exists()
