"""Where the soak runs and how its faults are injected.

``NativeTarget``: its own throwaway cluster (``reliability.cluster``) and
gunicorn on free ports; PostgreSQL restarted by ``pg_ctl``, a worker killed
by ``os.kill``.  ``DockerTarget``: ``make up``'s stack through nginx
(``http://127.0.0.1:$WEB_PORT``), ``docker compose restart db`` and
``docker compose exec`` on that project (``reliability.compose``).  Both
have ``restart_db() -> monotonic time it answered``, ``kill_worker()``,
``query(sql) -> rows as text`` and ``close()``.
"""

from __future__ import annotations

import os
import signal
import subprocess
import time

from reliability import compose
from reliability.cluster import Cluster, free_port
from reliability.invariants import Query
from reliability.stack import RUN_DIR, Gunicorn, api_env, prepare


class NativeTarget:
    """Own cluster + gunicorn; faults through pg_ctl and os.kill."""

    def __init__(self, seed_jobs: int) -> None:
        self.cluster = Cluster()
        self.cluster.start()
        self.url = self.cluster.url("jobs_soak")
        prepare(self.url, seed=seed_jobs)
        self.port = free_port()
        self.host = "127.0.0.1"
        self.server = Gunicorn(
            self.port, api_env(self.url), RUN_DIR / "soak" / "gunicorn.log"
        )
        self.server.start()

    def restart_db(self) -> float:
        self.cluster.restart()
        return time.monotonic()

    def kill_worker(self) -> None:
        if self.server.process is None:
            raise RuntimeError("gunicorn is not running")
        master = self.server.process.pid
        out = subprocess.run(
            ["pgrep", "-P", str(master)], capture_output=True, text=True, check=False
        )
        workers = [int(pid) for pid in out.stdout.split()]
        if not workers:
            raise RuntimeError("no gunicorn worker to kill")
        os.kill(workers[0], signal.SIGKILL)

    def query(self, sql: str) -> list[tuple[str, ...]]:
        return psql(self.cluster.port, "jobs_soak")(sql)

    def close(self) -> None:
        self.server.stop()
        self.cluster.stop()


class DockerTarget:
    """The running compose stack (``make up``): through nginx, faults by compose."""

    def __init__(self) -> None:
        self.host = "127.0.0.1"
        self.port = int(compose.setting("WEB_PORT", "8080"))
        self.compose = compose.command()
        self.user = compose.setting("POSTGRES_USER", "jobs")
        self.db = compose.setting("POSTGRES_DB", "jobs")

    def restart_db(self) -> float:
        subprocess.run([*self.compose, "restart", "db"], check=True)
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            probe = [
                *self.compose,
                "exec",
                "-T",
                "db",
                "pg_isready",
                "-q",
                "-U",
                self.user,
            ]
            if subprocess.run(probe, check=False).returncode == 0:
                return time.monotonic()
            time.sleep(0.1)
        raise RuntimeError("db did not answer within 60 s of docker compose restart db")

    def kill_worker(self) -> None:
        # gunicorn is PID 1 of the api container (exec); kill its first child.
        script = (
            "import os, signal\n"
            "kids = [int(p) for p in os.listdir('/proc') if p.isdigit() and "
            "open(f'/proc/{p}/stat').read().split(') ')[1].split()[1] == '1']\n"
            "os.kill(sorted(kids)[0], signal.SIGKILL)\n"
        )
        subprocess.run(
            [*self.compose, "exec", "-T", "api", "python", "-c", script], check=True
        )

    def query(self, sql: str) -> list[tuple[str, ...]]:
        return _psql(
            [*self.compose, "exec", "-T", "db", "psql", "-U", self.user, "-d", self.db],
            sql,
        )

    def close(self) -> None:
        pass


def _psql(base: list[str], sql: str) -> list[tuple[str, ...]]:
    out = subprocess.run(
        [*base, "-X", "-qAt", "-F", "\t", "-v", "ON_ERROR_STOP=1", "-c", sql],
        capture_output=True,
        text=True,
        check=True,
    )
    return [tuple(line.split("\t")) for line in out.stdout.splitlines() if line]


def psql(port: int, database: str) -> Query:
    """A ``Query`` on ``database`` of the local cluster listening on ``port``."""
    base = [
        "psql",
        "-h",
        "127.0.0.1",
        "-p",
        str(port),
        "-U",
        "postgres",
        "-d",
        database,
    ]
    return lambda sql: _psql(base, sql)
