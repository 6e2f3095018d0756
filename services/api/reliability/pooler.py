"""PgBouncer in transaction mode on a free port, for tests and benchmarks.

Fills in ``ops/pgbouncer/pgbouncer.ini`` (the documented configuration) and
runs Debian's ``pgbouncer`` in the foreground; as root it runs as the
``postgres`` system user, since PgBouncer refuses to run as root.
"""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import tempfile
import time
from pathlib import Path

from reliability.cluster import free_port

CONFIG = Path(__file__).resolve().parents[3] / "ops" / "pgbouncer" / "pgbouncer.ini"


class PgBouncer:
    """``PgBouncer(pg_port=5432).url(db)`` reaches ``db`` through the pooler."""

    def __init__(
        self,
        *,
        pg_host: str = "127.0.0.1",
        pg_port: int = 5432,
        pool_size: int = 4,
        statement_timeout_ms: int = 5000,
    ) -> None:
        binary = shutil.which("pgbouncer") or shutil.which(
            "pgbouncer", path="/usr/sbin"
        )
        if binary is None:
            raise RuntimeError("pgbouncer is not installed (apt-get install pgbouncer)")
        self.binary = binary
        self.port = free_port()
        self.root = Path(tempfile.mkdtemp(prefix="jobs-pgbouncer-"))
        values = {
            "PG_HOST": pg_host,
            "PG_PORT": str(pg_port),
            "PG_USER": "postgres",
            "STATEMENT_TIMEOUT_MS": str(statement_timeout_ms),
            "LISTEN_PORT": str(self.port),
            "POOL_SIZE": str(pool_size),
            "LOGFILE": str(self.root / "pgbouncer.log"),
            "PIDFILE": str(self.root / "pgbouncer.pid"),
        }
        text = CONFIG.read_text()
        for name, value in values.items():
            text = text.replace(f"@{name}@", value)
        self.config = self.root / "pgbouncer.ini"
        self.config.write_text(text)
        self.process: subprocess.Popen[bytes] | None = None

    def url(self, database: str) -> str:
        return f"postgres://postgres@127.0.0.1:{self.port}/{database}"

    def start(self) -> None:
        cmd = [self.binary, str(self.config)]
        if os.geteuid() == 0:
            shutil.chown(self.root, user="postgres")
            cmd = ["runuser", "-u", "postgres", "--", *cmd]
        self.process = subprocess.Popen(  # noqa: S603 (Debian's pgbouncer)
            cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
        )
        deadline = time.monotonic() + 20
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"pgbouncer exited: {self.log()[-2000:]}")
            try:
                socket.create_connection(("127.0.0.1", self.port), timeout=1).close()
                return
            except OSError:
                time.sleep(0.05)
        raise RuntimeError("pgbouncer did not listen within 20 s")

    def log(self) -> str:
        path = self.root / "pgbouncer.log"
        return path.read_text() if path.exists() else ""

    def stop(self) -> None:
        if self.process is not None and self.process.poll() is None:
            self.process.terminate()
            self.process.wait(timeout=10)
        shutil.rmtree(self.root, ignore_errors=True)

    def __enter__(self) -> PgBouncer:
        self.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.stop()
