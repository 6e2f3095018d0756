"""ops/nginx: /api/jobs/events/ reaches the events service, frame by frame.

A stub events service sends one frame, waits, then another; through nginx
the first must arrive before the second is sent (no proxy buffering, no
gzip), and other /api/ paths still go to the API, not to it.
"""

from __future__ import annotations

import socket
import tempfile
import threading
import time
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from test_nginx import StubApi, get_from, start_nginx

PAUSE_S = 1.5


class StubEvents(BaseHTTPRequestHandler):
    """An event stream: a frame, a pause, a frame, then the end."""

    protocol_version = "HTTP/1.1"

    def do_GET(self) -> None:  # http.server's naming
        self.send_response(200)
        self.send_header("Content-Type", "text/event-stream")
        self.send_header("Transfer-Encoding", "chunked")
        self.end_headers()
        for frame in (b"event: first\ndata: {}\n\n", b"event: second\ndata: {}\n\n"):
            self.wfile.write(b"%x\r\n%s\r\n" % (len(frame), frame))
            self.wfile.flush()
            time.sleep(PAUSE_S)
        self.wfile.write(b"0\r\n\r\n")

    def log_message(self, *args: object) -> None:
        pass


def _serve(handler: type[BaseHTTPRequestHandler]) -> tuple[ThreadingHTTPServer, int]:
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, server.server_address[1]


@pytest.fixture(scope="module")
def web_port(nginx_bin: str) -> Iterator[int]:
    """nginx in front of a stub API and a stub events service."""
    api, api_port = _serve(StubApi)
    events, events_port = _serve(StubEvents)
    with tempfile.TemporaryDirectory() as tmp:
        server, port = start_nginx(nginx_bin, Path(tmp), api_port, events_port=events_port)
        try:
            yield port
        finally:
            server.terminate()
            server.wait(timeout=10)
            for stub in (api, events):
                stub.shutdown()
                stub.server_close()


def test_event_stream_passes_through_unbuffered(web_port: int) -> None:
    with socket.create_connection(("127.0.0.1", web_port), timeout=10) as sock:
        sock.sendall(
            b"GET /api/jobs/events/ HTTP/1.1\r\nHost: 127.0.0.1\r\nAccept-Encoding: gzip\r\n\r\n"
        )
        started = time.monotonic()
        received = b""
        while b"event: first" not in received:
            received += sock.recv(65536)
        waited = time.monotonic() - started

    head = received.split(b"\r\n\r\n", 1)[0].lower()
    assert waited < PAUSE_S * 0.8, f"the first frame waited {waited:.2f} s"
    assert b"content-type: text/event-stream" in head
    assert b"content-encoding" not in head


def test_other_api_paths_still_reach_the_api(web_port: int) -> None:
    status, headers, _ = get_from(web_port)("/api/jobs/")
    assert status == 200
    assert headers["content-type"] == "application/json"


def test_event_location_turns_buffering_off_and_waits_for_heartbeats() -> None:
    # nginx forwards small frames at once even when buffering (the test above
    # passes either way); buffering would still hold frames under load.
    conf = (Path(__file__).resolve().parents[1] / "nginx/default.conf").read_text()
    block = conf.split("location = /api/jobs/events/ {", 1)[1].split("}", 1)[0]
    assert "proxy_buffering off;" in block
    assert "proxy_read_timeout 1h;" in block
