"""Start and stop gunicorn "as deployed" for one reliability run.

The soak kills its workers and restarts PostgreSQL under it, so these
runners hold the process themselves; the benchmarks and the E2E suite
leave that to honcho and Playwright.
"""

from __future__ import annotations

import signal
import subprocess
import sys
from pathlib import Path

from benchmarks.serve import wait_ready

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
        try:
            wait_ready(self.port, self.ready_path, timeout_s, self.process)
        except RuntimeError as error:
            self.stop()
            raise RuntimeError(f"{error}; see {self.log_path}") from error

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
