"""A throwaway PostgreSQL cluster of its own, for tests that restart it.

``Replica(primary)`` adds a streaming replica of such a cluster, made by
``pg_basebackup`` (for the read-replica tests).

Fault tests must never restart the shared server on 5432: this module runs
``initdb`` into a temporary directory and ``pg_ctl`` on a free port of
127.0.0.1, trust authentication, user ``postgres``.  As root (CI, the team's
machines) the server runs as the ``postgres`` system user, since PostgreSQL
refuses to run as root.  ``PG_BINDIR`` picks the binaries (default: the
newest ``/usr/lib/postgresql/<major>/bin``, else ``pg_config --bindir``).
"""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import tempfile
import time
from pathlib import Path


def free_port() -> int:
    """Return a TCP port of 127.0.0.1 that nothing listens on right now."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _bindir() -> Path:
    if os.environ.get("PG_BINDIR"):
        return Path(os.environ["PG_BINDIR"])
    root = Path("/usr/lib/postgresql")
    if root.is_dir():
        majors = sorted(
            (p for p in root.iterdir() if p.name.isdigit()), key=lambda p: int(p.name)
        )
        if majors:
            return majors[-1] / "bin"
    out = subprocess.run(
        ["pg_config", "--bindir"], check=True, capture_output=True, text=True
    )
    return Path(out.stdout.strip())


class Cluster:
    """One PostgreSQL server in a temporary data directory.

    ``start()`` creates and starts it; ``restart()`` is a fast restart (the
    outage the soak measures); ``stop()`` stops it and removes the
    directory.  ``url(db)`` gives a ``postgres://`` URL for a database.
    """

    def __init__(self, port: int | None = None, settings: str = "") -> None:
        self.port = port or free_port()
        self.settings = settings  # postgresql.conf lines appended at start
        self.bindir = _bindir()
        self.root = Path(tempfile.mkdtemp(prefix="jobs-pg-"))
        self.datadir = self.root / "data"
        self.logfile = self.root / "server.log"
        self._as_postgres = os.geteuid() == 0

    def _run(self, *args: str, check: bool = True) -> subprocess.CompletedProcess[str]:
        cmd = [str(self.bindir / args[0]), *args[1:]]
        if self._as_postgres:
            cmd = ["runuser", "-u", "postgres", "--", *cmd]
        return subprocess.run(cmd, check=check, capture_output=True, text=True)

    def url(self, database: str) -> str:
        return f"postgres://postgres@127.0.0.1:{self.port}/{database}"

    def start(self) -> None:
        """Create the data directory and start the server; wait until ready."""
        if self._as_postgres:
            shutil.chown(self.root, user="postgres")
        self._run(
            "initdb",
            "-D",
            str(self.datadir),
            "-U",
            "postgres",
            "-A",
            "trust",
            "-E",
            "UTF8",
            "--no-sync",
        )
        conf = self.datadir / "postgresql.conf"
        with conf.open("a") as handle:
            handle.write(
                f"\nport = {self.port}\nlisten_addresses = '127.0.0.1'\n"
                "unix_socket_directories = ''\nfsync = off\nmax_connections = 60\n"
                "shared_buffers = 64MB\n" + self.settings
            )
        self._pg_ctl("start")

    def _pg_ctl(self, action: str, *extra: str) -> None:
        self._run(
            "pg_ctl",
            "-D",
            str(self.datadir),
            "-l",
            str(self.logfile),
            "-w",
            "-t",
            "60",
            action,
            *extra,
        )

    def restart(self) -> float:
        """Restart the server (fast mode); return seconds until it answers."""
        started = time.monotonic()
        self._pg_ctl("restart", "-m", "fast")
        self.wait_ready()
        return time.monotonic() - started

    def stop_server(self) -> None:
        """Stop the server (fast mode), keeping the data directory."""
        self._pg_ctl("stop", "-m", "fast")

    def start_server(self) -> None:
        self._pg_ctl("start")

    def wait_ready(self, timeout_s: float = 30.0) -> None:
        deadline = time.monotonic() + timeout_s
        while time.monotonic() < deadline:
            if (
                self._run(
                    "pg_isready",
                    "-q",
                    "-h",
                    "127.0.0.1",
                    "-p",
                    str(self.port),
                    check=False,
                ).returncode
                == 0
            ):
                return
            time.sleep(0.05)
        raise RuntimeError(f"PostgreSQL on port {self.port} did not become ready")

    def stop(self) -> None:
        """Stop the server if running and delete its directory."""
        if (self.datadir / "postmaster.pid").exists():
            self._run(
                "pg_ctl",
                "-D",
                str(self.datadir),
                "-m",
                "immediate",
                "-w",
                "stop",
                check=False,
            )
        shutil.rmtree(self.root, ignore_errors=True)

    def __enter__(self) -> Cluster:
        try:
            self.start()
        except Exception:
            self.stop()
            raise
        return self

    def __exit__(self, *exc: object) -> None:
        self.stop()


class Replica(Cluster):
    """A hot standby of ``primary``: ``pg_basebackup -R``, then started.

    ``configure(lines)`` appends postgresql.conf lines and reloads (for
    ``recovery_min_apply_delay``).  The primary's defaults allow it: initdb's
    trust rules include replication, ``wal_level`` is ``replica``.
    """

    def __init__(self, primary: Cluster, settings: str = "") -> None:
        super().__init__(settings=settings)
        self.primary = primary

    def start(self) -> None:
        if self._as_postgres:
            shutil.chown(self.root, user="postgres")
        self._run(
            "pg_basebackup",
            "-h",
            "127.0.0.1",
            "-p",
            str(self.primary.port),
            "-U",
            "postgres",
            "-D",
            str(self.datadir),
            "--write-recovery-conf",
            "--wal-method=stream",
            "--checkpoint=fast",  # not a spread checkpoint of minutes
            "--no-sync",
        )
        # The copied postgresql.conf names the primary's port: a later line wins.
        self.configure(
            f"port = {self.port}\nhot_standby = on\n{self.settings}", reload=False
        )
        self._pg_ctl("start")

    def configure(self, lines: str, *, reload: bool = True) -> None:
        """Append ``lines`` to postgresql.conf; reload a running server."""
        with (self.datadir / "postgresql.conf").open("a") as handle:
            handle.write("\n" + lines + "\n")  # appending keeps its owner
        if reload:
            self._pg_ctl("reload")
