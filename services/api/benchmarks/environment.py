"""Where a benchmark runs: its environment, the machine, PostgreSQL, the commit."""

from __future__ import annotations

import os
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parents[3]


def bench_env(n: int) -> dict[str, str]:
    """Return the environment of the harness, manage.py and gunicorn.

    Real environment variables win, so ``WEB_CONCURRENCY=3 make bench``
    works.  The statement timeout is raised because the *baseline* needs
    seconds per page at 10M rows; our queries never come near it.
    """
    defaults = {
        "DATABASE_URL": f"postgres://postgres@127.0.0.1:5432/jobs_bench_{n}",
        "DJANGO_SETTINGS_MODULE": "benchmarks.settings",
        "DJANGO_SECRET_KEY": "bench-only-secret-key-not-for-production",
        "DJANGO_DEBUG": "false",
        "DJANGO_ALLOWED_HOSTS": "127.0.0.1,localhost",
        "DB_STATEMENT_TIMEOUT_MS": "600000",
        "GUNICORN_TIMEOUT": "600",
    }
    env = dict(os.environ)
    for key, value in defaults.items():
        env.setdefault(key, value)
    return env


def machine() -> dict[str, object]:
    """Describe the machine: cores, memory, load."""
    mem_kb = 0
    try:
        for line in Path("/proc/meminfo").read_text().splitlines():
            if line.startswith("MemTotal:"):
                mem_kb = int(line.split()[1])
    except OSError:
        pass
    return {
        "cores": os.cpu_count(),
        "memory_gib": round(mem_kb / 1024 / 1024, 1) if mem_kb else None,
        "loadavg": os.getloadavg(),
    }


def pg_settings(database_url: str) -> dict[str, str]:
    """Return the PostgreSQL version and the settings the plans depend on."""
    import psycopg

    names = (
        "shared_buffers",
        "work_mem",
        "effective_cache_size",
        "random_page_cost",
        "max_parallel_workers_per_gather",
        "jit",
    )
    with psycopg.connect(database_url, autocommit=True) as conn:
        out = {"version": conn.execute("SHOW server_version").fetchone()[0]}
        for name in names:
            out[name] = conn.execute(f"SHOW {name}").fetchone()[0]
    return out


def git_commit() -> str:
    """Return the short commit measured (``BENCH_COMMIT`` or HEAD, or '?')."""
    import subprocess

    if os.environ.get("BENCH_COMMIT"):
        return os.environ["BENCH_COMMIT"]

    try:
        return subprocess.run(
            ["git", "rev-parse", "--short", "HEAD"],
            cwd=REPO_ROOT,
            capture_output=True,
            text=True,
            check=True,
        ).stdout.strip()
    except (OSError, subprocess.CalledProcessError):
        return "?"
