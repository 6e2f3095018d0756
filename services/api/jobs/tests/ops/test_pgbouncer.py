"""The API through PgBouncer in transaction mode (issue 13): every write path works.

gunicorn (4 threads) reaches a database of the shared server through
Debian's pgbouncer with ops/pgbouncer/pgbouncer.ini and two server
connections, so consecutive transactions of one client land on different
server sessions; ``DB_TRANSACTION_POOLER=true`` makes the settings safe for
that.  Eight clients create, re-status, read and delete jobs at once; the
read model and the counters are exact afterwards.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

import psycopg
import pytest

from jobs.tests.served.conftest import server_env, start_gunicorn
from jobs.tests.served.json_client import Client
from reliability.invariants import counter_drift, read_model_mismatches
from reliability.pooler import PgBouncer
from reliability.stack import drop, prepare

DIRECT = f"postgres://postgres@127.0.0.1:5432/{os.environ.get('CHECK_DB', 'jobs_check')}_pooler"


def _call(port: int, method: str, path: str, body: Any = None) -> tuple[int, Any]:
    return Client(port, cookies=False).call(method, path, body)


@pytest.fixture(scope="module")
def pooler() -> Iterator[PgBouncer]:
    prepare(DIRECT)
    try:
        with PgBouncer(pool_size=2, statement_timeout_ms=4321) as bouncer:
            yield bouncer
    finally:
        drop(DIRECT)


@pytest.fixture(scope="module")
def served(
    pooler: PgBouncer, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[int]:
    log = tmp_path_factory.mktemp("pooler") / "gunicorn.log"
    env = server_env(
        pooler.url(DIRECT.rsplit("/", 1)[1]),
        DB_TRANSACTION_POOLER="true",
        DB_POOL_MAX_SIZE="4",
        DB_POOL_MIN_SIZE="4",
    )
    process, port = start_gunicorn(env, log)
    try:
        yield port
    finally:
        process.terminate()
        process.wait(timeout=30)


def _client_session(port: int, index: int) -> list[int]:
    statuses = []
    status, job = _call(port, "POST", "/api/jobs/", {"name": f"Pooled job {index}"})
    statuses.append(status)
    for step in ("RUNNING", "COMPLETED", "FAILED"):
        statuses.append(
            _call(port, "PATCH", f"/api/jobs/{job['id']}/", {"status_type": step})[0]
        )
        statuses.append(_call(port, "GET", "/api/jobs/?page_size=20&status=FAILED")[0])
        statuses.append(_call(port, "GET", f"/api/jobs/{job['id']}/statuses/")[0])
    statuses.append(_call(port, "GET", "/api/jobs/stats/")[0])
    if index % 2:
        statuses.append(_call(port, "DELETE", f"/api/jobs/{job['id']}/")[0])
    return statuses


def test_reads_and_writes_through_the_pooler_keep_the_read_model_exact(
    served: int,
) -> None:
    with ThreadPoolExecutor(8) as pool:
        results = list(pool.map(lambda i: _client_session(served, i), range(16)))
    assert {status for statuses in results for status in statuses} <= {200, 201, 204}
    with psycopg.connect(DIRECT, autocommit=True) as conn:

        def query(sql: str) -> list[tuple[Any, ...]]:
            return conn.execute(sql).fetchall()

        assert query("SELECT count(*) FROM jobs_job")[0][0] == 8
        assert read_model_mismatches(query) == 0
        assert counter_drift(query) == 0


def test_the_pooler_sets_the_statement_timeout_and_refuses_startup_options(
    pooler: PgBouncer,
) -> None:
    url = pooler.url(DIRECT.rsplit("/", 1)[1])
    with psycopg.connect(url, autocommit=True, prepare_threshold=None) as conn:
        assert conn.execute("SHOW statement_timeout").fetchone() == ("4321ms",)
    # What DB_TRANSACTION_POOLER=false would send: PgBouncer refuses it.
    with pytest.raises(psycopg.OperationalError, match="options"):
        psycopg.connect(url, options="-c statement_timeout=5000").close()


def test_the_log_shows_no_server_errors(pooler: PgBouncer, served: int) -> None:
    assert _call(served, "GET", "/api/jobs/?page_size=5")[0] == 200
    log = pooler.log()
    assert "ERROR" not in log, log[-2000:]
    assert Path(pooler.config).read_text().count("pool_mode = transaction") == 1
