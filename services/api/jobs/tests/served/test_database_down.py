"""PostgreSQL down: JSON 503s that fail fast, and recovery once it answers
(issue 17, point 9).

gunicorn reaches the test database through a TCP forwarder the test can
cut (every connection closed, new ones refused) and restore.  Its pool
waits 3 s for a connection (``DB_POOL_TIMEOUT_S``); once the database is
known down a request waits 1 s (``core.db.health``), which the server log
shows in psycopg's own message ("couldn't get a connection after 1.00 sec").
"""

from __future__ import annotations

import contextlib
import json
import socket
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
from django.db import connection

from jobs.tests.served.conftest import send_raw, server_env, start_gunicorn

STATS = b"GET /api/jobs/stats/ HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n"


class Forwarder:
    """TCP from a free local port to ``target``; ``cut()`` and ``restore()``."""

    def __init__(self, target: tuple[str, int]) -> None:
        self.target = target
        with socket.socket() as probe:
            probe.bind(("127.0.0.1", 0))
            self.port = probe.getsockname()[1]
        self.listener: socket.socket | None = None
        self.sockets: list[socket.socket] = []

    def restore(self) -> None:
        listener = socket.socket()
        listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        listener.bind(("127.0.0.1", self.port))
        listener.listen(16)
        self.listener = listener
        threading.Thread(target=self._accept, args=(listener,), daemon=True).start()

    def cut(self) -> None:
        if self.listener is not None:
            # shutdown() first: close() alone leaves a blocked accept() (and
            # so the listening socket) alive.
            self.listener.shutdown(socket.SHUT_RDWR)
            self.listener.close()
            self.listener = None
        for sock in self.sockets:
            with contextlib.suppress(OSError):
                sock.shutdown(socket.SHUT_RDWR)
            sock.close()
        self.sockets.clear()

    def _accept(self, listener: socket.socket) -> None:
        while True:
            try:
                client, _ = listener.accept()
            except OSError:
                return
            upstream = socket.create_connection(self.target)
            self.sockets += [client, upstream]
            for source, sink in ((client, upstream), (upstream, client)):
                threading.Thread(target=_pump, args=(source, sink), daemon=True).start()


def _pump(source: socket.socket, sink: socket.socket) -> None:
    try:
        while data := source.recv(65536):
            sink.sendall(data)
    except OSError:
        pass
    finally:
        for sock in (source, sink):
            with contextlib.suppress(OSError):
                sock.shutdown(socket.SHUT_RDWR)


@pytest.fixture
def cuttable(db: None, tmp_path: Path) -> Iterator[tuple[Forwarder, int, Path]]:
    """(forwarder, gunicorn port, gunicorn log) on the test database."""
    params = connection.settings_dict
    forwarder = Forwarder((params["HOST"] or "127.0.0.1", int(params["PORT"] or 5432)))
    forwarder.restore()
    user = params["USER"] or "postgres"
    url = f"postgres://{user}@127.0.0.1:{forwarder.port}/{params['NAME']}"
    log_path = tmp_path / "gunicorn.log"
    env = server_env(url, DB_POOL_TIMEOUT_S="3", LOG_LEVEL="ERROR")
    process, port = start_gunicorn(env, log_path)
    try:
        yield forwarder, port, log_path
    finally:
        process.terminate()
        process.wait(timeout=30)
        forwarder.cut()


@pytest.mark.django_db(transaction=True)
def test_database_down_fails_fast_then_recovers(cuttable) -> None:
    forwarder, port, log_path = cuttable
    assert send_raw(port, STATS)[0] == 200

    forwarder.cut()
    down = [send_raw(port, STATS) for _ in range(4)]
    forwarder.restore()
    recovered = [send_raw(port, STATS)[0] for _ in range(8)]

    for status, headers, body in down:
        assert status == 503
        assert headers["retry-after"] == "5"
        assert json.loads(body) == {"detail": "Database unavailable."}
    log = log_path.read_text()
    assert "couldn't get a connection after 1.00 sec" in log
    # Recovered within a few requests of PostgreSQL answering, not after
    # the pool's backoff; then it stays up.
    assert 200 in recovered[:4], recovered
    assert recovered[-1] == 200, recovered
