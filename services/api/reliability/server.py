"""Start and stop gunicorn "as deployed" for one reliability run.

The soak kills its workers and restarts PostgreSQL under it, so these
runners hold the process themselves; the benchmarks and the E2E suite
leave that to honcho and Playwright.
"""

from __future__ import annotations

import http.client
import signal
import subprocess
import sys
import time
from pathlib import Path

API_DIR = Path(__file__).resolve().parent.parent


def log(message: str) -> None:
    print(f"[reliability] {message}", file=sys.stderr, flush=True)


class Gunicorn:
    """A gunicorn master started from ``services/api`` with our settings."""

    def __init__(
        self,
        port: int,
        env: dict[str, str],
        log_path: Path,
        app: str = "config.wsgi",
        ready_path: str = "/api/health/",
    ) -> None:
        self.port = port
        self.app = app
        self.ready_path = ready_path
        self.env = {**env, "GUNICORN_BIND": f"127.0.0.1:{port}"}
        self.log_path = log_path
        self.process: subprocess.Popen[bytes] | None = None

    def start(self, timeout_s: float = 60.0) -> None:
        """Start gunicorn and wait until ``ready_path`` answers 200."""
        binary = Path(sys.executable).parent / "gunicorn"
        self.log_path.parent.mkdir(parents=True, exist_ok=True)
        log_file = self.log_path.open("ab")
        self.process = subprocess.Popen(
            [str(binary), "-c", "gunicorn.conf.py", self.app],
            cwd=API_DIR,
            env=self.env,
            stdout=log_file,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        log(
            f"gunicorn pid {self.process.pid} on 127.0.0.1:{self.port} (log {self.log_path})"
        )
        deadline = time.monotonic() + timeout_s
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"gunicorn exited early; see {self.log_path}")
            try:
                conn = http.client.HTTPConnection("127.0.0.1", self.port, timeout=5)
                conn.request("GET", self.ready_path)
                if conn.getresponse().status == 200:
                    conn.close()
                    return
                conn.close()
            except OSError:
                pass
            time.sleep(0.3)
        self.stop()
        raise RuntimeError(f"gunicorn did not become healthy; see {self.log_path}")

    def stop(self) -> None:
        """Stop the master (and its workers) that this object started."""
        if self.process is None or self.process.poll() is not None:
            return
        self.process.send_signal(signal.SIGTERM)
        try:
            self.process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()
