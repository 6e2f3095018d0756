"""The benchmark database: create, migrate, seed once, and pick inputs.

``jobs_bench_<N>`` is kept between runs: when it already holds exactly N
jobs (after removing the jobs a previous run created) seeding is skipped.
Everything that depends on the data (deep cursors, the ~5% status, search
terms and their match counts) is computed here by SQL, never hard-coded.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
import time
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

import psycopg

from jobs.statuses import StatusType

API_DIR = Path(__file__).resolve().parent.parent
POST_NAME_PREFIX = "bench-post-"
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
class SearchTerm:
    """A search term and how many jobs its substring matches."""

    label: str
    term: str
    matches: int


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


def _match_count(conn: psycopg.Connection, term: str) -> int:
    """Count jobs whose name contains ``term`` (as the API's icontains)."""
    return conn.execute(
        "SELECT count(*) FROM jobs_job WHERE UPPER(name) LIKE UPPER(%s)",
        ("%" + term + "%",),
    ).fetchone()[0]


def _pick_search_terms(conn: psycopg.Connection, total: int) -> list[SearchTerm]:
    """Pick a rare (<10 matches), a medium and a common (>=5%) name term.

    Candidates are the words of a random sample of names; their exact
    match counts are then taken by SQL.  Terms can be forced with
    ``BENCH_SEARCH_RARE``, ``BENCH_SEARCH_MEDIUM``, ``BENCH_SEARCH_COMMON``.
    """
    names = [
        row[0]
        for row in conn.execute(
            "SELECT name FROM jobs_job TABLESAMPLE SYSTEM (%s) LIMIT 5000",
            (min(100.0, max(0.01, 500000.0 / max(total, 1))),),
        ).fetchall()
    ]
    words: Counter[str] = Counter()
    for name in names:
        for word in set(re.split(r"[^0-9A-Za-z]+", name)):
            if len(word) >= 3:
                words[word.lower()] += 1
    picks: list[SearchTerm] = []
    checked: dict[str, int] = {}

    def count(term: str) -> int:
        if term not in checked:
            checked[term] = _match_count(conn, term)
        return checked[term]

    by_freq = [w for w, _ in words.most_common()]
    # Common: the least frequent word that still matches >= 5% of jobs.
    common = os.environ.get("BENCH_SEARCH_COMMON")
    if not common:
        share = {w: c / max(len(names), 1) for w, c in words.items()}
        candidates = sorted(
            (w for w in by_freq if share[w] >= 0.05), key=lambda w: share[w]
        )
        common = next((w for w in candidates[:8] if count(w) >= 0.05 * total), None)
        common = common or (by_freq[0] if by_freq else "job")
    picks.append(SearchTerm("common", common, count(common)))
    # Medium: a word near 0.1% of jobs (between 0.01% and 1%).
    medium = os.environ.get("BENCH_SEARCH_MEDIUM")
    if not medium:
        target = 0.001 * len(names)
        candidates = sorted(by_freq, key=lambda w: abs(words[w] - target))
        medium = next(
            (w for w in candidates[:8] if 0.0001 * total <= count(w) <= 0.01 * total),
            candidates[0] if candidates else "med",
        )
    picks.append(SearchTerm("medium", medium, count(medium)))
    # Rare: a word seen once in the sample, longest first, with 1..9 matches.
    # Seeded names repeat (e.g. 32 workloads x 1024 numbers), so at 1M rows
    # every real substring may match dozens: then a few marker jobs are
    # inserted (removed again at the end of the run, like POSTed jobs).
    rare = os.environ.get("BENCH_SEARCH_RARE")
    if not rare:
        singles = sorted((w for w in by_freq if words[w] == 1), key=len, reverse=True)
        rare = next((w for w in singles[:20] if 1 <= count(w) < 10), None)
    if not rare:
        rare = _insert_rare_markers(conn)
        checked.pop(rare, None)
    picks.append(SearchTerm("rare", rare, count(rare)))
    # Absent: two common words that never stand next to each other.  Every
    # trigram is frequent but nothing matches: the trigram index's worst case.
    if len(by_freq) >= 2:
        absent = f"{by_freq[1]} {by_freq[0]}"
        if count(absent) == 0:
            picks.append(SearchTerm("absent", absent, 0))
    # Order in the table: rare, medium, common, absent.
    return [picks[2], picks[1], picks[0], *picks[3:]]


RARE_MARKERS = 3


def _insert_rare_markers(conn: psycopg.Connection) -> str:
    """Insert a few jobs with a unique word; return that word.

    Their names start with :data:`POST_NAME_PREFIX`, so
    :func:`cleanup_posted_jobs` removes them with the POSTed jobs.  Each
    gets a PENDING status through the normal triggers.
    """
    token = "zq" + time.strftime("%H%M%S") + "rare"
    conn.execute(
        "WITH new AS (INSERT INTO jobs_job (name) "
        "SELECT %s || g || ' ' || %s FROM generate_series(1, %s) g RETURNING id) "
        "INSERT INTO jobs_jobstatus (job_id, status_type) SELECT id, 'PENDING' FROM new",
        (POST_NAME_PREFIX + "rare-", token, RARE_MARKERS),
    )
    return token


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
        terms = _pick_search_terms(conn, total)
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
