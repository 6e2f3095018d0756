"""A real gunicorn (gunicorn.conf.py, config.wsgi) on the test database.

For what only the server shows: its own error answers, chunked bodies and
the WSGI layer in front of Django.  ``send(raw)`` writes raw bytes on a
fresh connection and returns ``(status, headers, body)``.
"""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from django.db import connection

API_DIR = Path(__file__).resolve().parents[3]

Raw = tuple[int, dict[str, str], bytes]


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def database_url() -> str:
    params = connection.settings_dict
    user = params["USER"] or "postgres"
    password = f":{params['PASSWORD']}" if params["PASSWORD"] else ""
    host, port = params["HOST"] or "127.0.0.1", params["PORT"] or "5432"
    return f"postgres://{user}{password}@{host}:{port}/{params['NAME']}"


def send_raw(port: int, raw: bytes) -> Raw:
    """Send ``raw`` to 127.0.0.1:port; read the whole answer (Connection: close)."""
    with socket.create_connection(("127.0.0.1", port), timeout=20) as sock:
        sock.sendall(raw)
        chunks = []
        while chunk := sock.recv(65536):
            chunks.append(chunk)
    head, _, body = b"".join(chunks).partition(b"\r\n\r\n")
    status_line, *lines = head.decode("latin-1").split("\r\n")
    headers = {}
    for line in lines:
        name, _, value = line.partition(":")
        headers[name.strip().lower()] = value.strip()
    return int(status_line.split()[1]), headers, body


def _wait_answering(
    process: subprocess.Popen, port: int, log_path: Path, name: str, path: str
) -> None:
    """Wait up to 30 s for ``GET path`` on ``port`` to answer 200; fail the test else."""
    request = f"GET {path} HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n"
    for _ in range(300):
        if process.poll() is not None:
            pytest.fail(f"{name} exited: {log_path.read_text()[-2000:]}")
        try:
            if send_raw(port, request.encode())[0] == 200:
                return
        except OSError:
            pass
        time.sleep(0.1)
    process.kill()
    pytest.fail(f"{name} did not answer: {log_path.read_text()[-2000:]}")


def start_gunicorn(env: dict[str, str], log_path: Path) -> tuple[subprocess.Popen, int]:
    """Start gunicorn with ``env``; return it and its port once it listens."""
    port = _free_port()
    process = subprocess.Popen(  # noqa: S603 (our own gunicorn)
        [
            str(Path(sys.executable).parent / "gunicorn"),
            "-c",
            "gunicorn.conf.py",
            "config.wsgi",
        ],
        cwd=API_DIR,
        env={**env, "GUNICORN_BIND": f"127.0.0.1:{port}"},
        stdout=log_path.open("ab"),
        stderr=subprocess.STDOUT,
    )
    _wait_answering(process, port, log_path, "gunicorn", "/api/schema/")
    return process, port


def server_env(database: str, **extra: str) -> dict[str, str]:
    """The environment of a served API on ``database`` (as deployed: DEBUG off)."""
    env = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("DJANGO_", "DB_", "GUNICORN_", "API_", "DATABASE_"))
    }
    env.update(
        DATABASE_URL=database,
        DJANGO_SETTINGS_MODULE="config.settings.base",
        DJANGO_SECRET_KEY="served-tests-throwaway",  # noqa: S106
        DJANGO_ALLOWED_HOSTS="127.0.0.1,localhost",
        WEB_CONCURRENCY="1",
        GUNICORN_THREADS="4",
        DB_POOL_MIN_SIZE="0",
        DB_POOL_MAX_SIZE="2",
        LOG_LEVEL="WARNING",
    )
    env.update(extra)
    return env


@pytest.fixture(scope="session")
def served(
    django_db_setup: None, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[int]:
    """The port of gunicorn serving the API on the test database."""
    log_path = tmp_path_factory.mktemp("served") / "gunicorn.log"
    process, port = start_gunicorn(server_env(database_url()), log_path)
    try:
        yield port
    finally:
        process.terminate()
        process.wait(timeout=30)


@pytest.fixture
def send(served: int) -> Callable[[bytes], Raw]:
    """Send raw bytes to the served API."""
    return lambda raw: send_raw(served, raw)


def start_events(env: dict[str, str], log_path: Path) -> tuple[subprocess.Popen, int]:
    """Start the events service (uvicorn on config.asgi) with ``env``; wait for it."""
    port = _free_port()
    process = subprocess.Popen(  # noqa: S603 (our own uvicorn)
        [
            str(Path(sys.executable).parent / "uvicorn"),
            "config.asgi:application",
            "--host=127.0.0.1",
            f"--port={port}",
            "--lifespan=off",
            "--no-access-log",
            "--timeout-graceful-shutdown=1",
        ],
        cwd=API_DIR,
        env=env,
        stdout=log_path.open("ab"),
        stderr=subprocess.STDOUT,
    )
    _wait_answering(process, port, log_path, "uvicorn", "/api/health/")
    return process, port
