"""The gunicorn under test, as deployed, for honcho (ops/Procfile.bench).

``python -m benchmarks.serve APP LOG`` replaces itself with gunicorn
serving APP (``config.wsgi`` or ``benchmarks.bare``) on ``GUNICORN_BIND``,
or with uvicorn for ``config.asgi:application`` on ``BENCH_EVENTS_PORT``,
in the benchmark's environment (``bench_env(BENCH_N)``), its output in
LOG.  The harness waits for it with :func:`wait_ready`; honcho stops it
when the harness exits.
"""

from __future__ import annotations

import http.client
import os
import runpy
import subprocess
import sys
import time
from pathlib import Path

from benchmarks.environment import bench_env

API_DIR = Path(__file__).resolve().parents[1]


def gunicorn_settings(env: dict[str, str]) -> dict[str, object]:
    """Evaluate ``gunicorn.conf.py`` under ``env``; return workers etc."""
    saved = dict(os.environ)
    try:
        os.environ.update(env)
        conf = runpy.run_path(str(API_DIR / "gunicorn.conf.py"))
    finally:
        os.environ.clear()
        os.environ.update(saved)
    return {k: conf.get(k) for k in ("workers", "threads", "worker_class", "timeout")}


def wait_ready(
    port: int,
    path: str = "/api/health/",
    timeout_s: float = 120.0,
    process: subprocess.Popen[bytes] | None = None,
) -> None:
    """Return once 127.0.0.1:PORT answers PATH with 200.

    Raises:
        RuntimeError: ``process`` (the server, when the caller started it)
            exited, or nothing answered 200 within ``timeout_s`` seconds.
    """
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        if process is not None and process.poll() is not None:
            raise RuntimeError(f"the server on port {port} exited early")
        try:
            conn = http.client.HTTPConnection("127.0.0.1", port, timeout=5)
            conn.request("GET", path)
            status = conn.getresponse().status
            conn.close()
            if status == 200:
                return
        except OSError:
            pass
        time.sleep(0.3)
    raise RuntimeError(
        f"127.0.0.1:{port}{path} did not answer within {timeout_s:.0f} s"
    )


def main(argv: list[str]) -> None:
    """Exec gunicorn for ``argv = [APP, LOG]``; never returns."""
    app, log_path = argv
    env = bench_env(int(os.environ["BENCH_N"]))
    Path(log_path).parent.mkdir(parents=True, exist_ok=True)
    log = os.open(log_path, os.O_WRONLY | os.O_CREAT | os.O_APPEND, 0o644)
    os.dup2(log, 1)
    os.dup2(log, 2)
    os.chdir(API_DIR)
    if app.endswith(":application"):  # an ASGI app: the events service
        uvicorn = str(Path(sys.executable).parent / "uvicorn")
        port = os.environ["BENCH_EVENTS_PORT"]
        flags = [
            "--host=127.0.0.1",
            f"--port={port}",
            "--lifespan=off",
            "--no-access-log",
        ]
        os.execve(uvicorn, [uvicorn, app, *flags], env)  # noqa: S606
    gunicorn = str(Path(sys.executable).parent / "gunicorn")
    os.execve(gunicorn, [gunicorn, "-c", "gunicorn.conf.py", app], env)  # noqa: S606


if __name__ == "__main__":
    main(sys.argv[1:])
