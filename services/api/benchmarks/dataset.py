"""The benchmark database: create, migrate, seed once, and pick inputs.

``jobs_bench_<N>`` is kept between runs: when it already holds exactly N
jobs (after removing the jobs a previous run created) seeding is skipped.
Everything that depends on the data (deep cursors, the ~5% status, search
terms and their match counts) is computed here by SQL, never hard-coded.
"""

from __future__ import annotations

import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

import psycopg

from benchmarks.search_terms import POST_NAME_PREFIX, SearchTerm, pick_search_terms
from jobs.statuses import StatusType

API_DIR = Path(__file__).resolve().parent.parent
STATUSES = tuple(StatusType.values)


def log(message: str) -> None:
    """Print a progress line (stderr keeps stdout for the table)."""
    print(f"[bench {time.strftime('%H:%M:%S')}] {message}", file=sys.stderr, flush=True)


def admin_dsn(database_url: str) -> str:
    """Return the URL of the maintenance database on the same server."""
    parts = urlsplit(database_url)
    return urlunsplit(parts._replace(path="/postgres"))


def db_name(database_url: str) -> str:
    """Return the database name of a ``postgres://`` URL."""
    return database_url.rsplit("/", 1)[1].split("?", 1)[0]


def manage(*args: str, env: dict[str, str]) -> None:
    """Run ``manage.py`` with the benchmark environment; fail loudly."""
    log("manage.py " + " ".join(args))
    subprocess.run(
        [sys.executable, "manage.py", *args], cwd=API_DIR, env=env, check=True
    )


def _job_count(database_url: str) -> int | None:
    """Count jobs (None when the table does not exist yet)."""
    with psycopg.connect(database_url, autocommit=True) as conn:
        exists = conn.execute("SELECT to_regclass('jobs_job')").fetchone()[0]
        if exists is None:
            return None
        conn.execute("SET statement_timeout = 0")
        conn.execute(
            "DELETE FROM jobs_job WHERE name LIKE %s", (POST_NAME_PREFIX + "%",)
        )
        return conn.execute("SELECT count(*) FROM jobs_job").fetchone()[0]


def prepare_database(database_url: str, n: int, env: dict[str, str]) -> str:
    """Create, migrate and seed the benchmark database; return what was done.

    Reuses the database when it already holds exactly ``n`` jobs; recreates
    it when it holds another number.  Ends with ``VACUUM (ANALYZE)`` so the
    planner has statistics and the visibility map is set (index-only scans).
    """
    name = db_name(database_url)
    with psycopg.connect(admin_dsn(database_url), autocommit=True) as conn:
        found = conn.execute(
            "SELECT 1 FROM pg_database WHERE datname = %s", (name,)
        ).fetchone()
        if not found:
            log(f"creating database {name}")
            conn.execute(f'CREATE DATABASE "{name}"')
    manage("migrate", "--no-input", "--verbosity", "0", env=env)
    count = _job_count(database_url)
    if count == n:
        action = f"reused {name} ({n} jobs)"
        log(action)
    else:
        if count:
            log(f"{name} holds {count} jobs, not {n}: recreating it")
            with psycopg.connect(admin_dsn(database_url), autocommit=True) as conn:
                conn.execute(f'DROP DATABASE "{name}" WITH (FORCE)')
                conn.execute(f'CREATE DATABASE "{name}"')
            manage("migrate", "--no-input", "--verbosity", "0", env=env)
        started = time.perf_counter()
        manage("seed_jobs", "--count", str(n), env=env)
        action = f"seeded {n} jobs in {time.perf_counter() - started:.1f} s"
        log(action)
    started = time.perf_counter()
    with psycopg.connect(database_url, autocommit=True) as conn:
        conn.execute("SET statement_timeout = 0")
        conn.execute("VACUUM (ANALYZE) jobs_job, jobs_jobstatus, jobs_jobstatuscount")
    log(f"VACUUM (ANALYZE) in {time.perf_counter() - started:.1f} s")
    return action


@dataclass
class Inputs:
    """Everything the cases need, derived from the data by SQL."""

    total: int
    by_status: dict[str, int]
    filter_status: str
    filter_total: int
    deep_rows: dict[str, tuple[object, int]]  # label -> (created_at, id)
    search_terms: list[SearchTerm]
    job_ids: list[int]


def _row_at(
    conn: psycopg.Connection, offset: int, status: str | None
) -> tuple[object, int]:
    """Return (created_at, id) of the row at ``offset`` in the list order."""
    where = "WHERE current_status = %(status)s " if status else ""
    row = conn.execute(
        "SELECT created_at, id FROM jobs_job "
        f"{where}ORDER BY created_at DESC, id DESC OFFSET %(offset)s LIMIT 1",
        {"status": status, "offset": offset},
    ).fetchone()
    if row is None:
        raise RuntimeError(f"no row at offset {offset} (status={status})")
    return row[0], row[1]


def deep_offset(total: int, depth: float, page_size: int) -> int:
    """Return the OFFSET of the page that starts ``depth`` into ``total``."""
    return max(page_size, int(total * depth) // page_size * page_size)


def pick_inputs(database_url: str, page_size: int) -> Inputs:
    """Derive the cases' inputs from the seeded data."""
    with psycopg.connect(database_url, autocommit=True) as conn:
        conn.execute("SET statement_timeout = 0")
        counts = dict(
            conn.execute(
                "SELECT current_status, count(*) FROM jobs_job GROUP BY 1"
            ).fetchall()
        )
        total = sum(counts.values())
        by_status = {s: int(counts.get(s, 0)) for s in STATUSES}
        # The status whose share is closest to 5% (and holds >= 2 pages).
        usable = [s for s in STATUSES if by_status[s] >= 2 * page_size] or list(
            STATUSES
        )
        filter_status = min(
            usable, key=lambda s: abs(by_status[s] / max(total, 1) - 0.05)
        )
        deep_rows = {
            "list 50%": _row_at(conn, deep_offset(total, 0.5, page_size) - 1, None),
            "list 90%": _row_at(conn, deep_offset(total, 0.9, page_size) - 1, None),
            "status 90%": _row_at(
                conn,
                deep_offset(by_status[filter_status], 0.9, page_size) - 1,
                filter_status,
            ),
        }
        terms = pick_search_terms(conn, total)
        job_ids = [
            row[0]
            for row in conn.execute(
                "SELECT id FROM jobs_job TABLESAMPLE SYSTEM (%s) LIMIT 200",
                (min(100.0, max(0.01, 100000.0 / max(total, 1))),),
            ).fetchall()
        ]
        if len(job_ids) < 10:
            job_ids = [r[0] for r in conn.execute("SELECT id FROM jobs_job LIMIT 200")]
    return Inputs(
        total=total,
        by_status=by_status,
        filter_status=filter_status,
        filter_total=by_status[filter_status],
        deep_rows=deep_rows,
        search_terms=terms,
        job_ids=job_ids,
    )


def cleanup_posted_jobs(database_url: str) -> int:
    """Delete the jobs that ``POST`` cases created; return how many."""
    with psycopg.connect(database_url, autocommit=True) as conn:
        conn.execute("SET statement_timeout = 0")
        cur = conn.execute(
            "DELETE FROM jobs_job WHERE name LIKE %s", (POST_NAME_PREFIX + "%",)
        )
        return cur.rowcount
