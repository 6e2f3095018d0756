"""Read replicas for real (issue 13): a primary, a streaming replica, gunicorn on both.

A throwaway primary (``reliability.cluster.Cluster``) and a hot standby of
it made by ``pg_basebackup`` (``Replica``) on free ports, never the shared
server; the API served by gunicorn with ``DATABASE_REPLICA_URLS``.  Proves
that reads go to the replica, that a client reads its own write while the
replica's replay is held back (``recovery_min_apply_delay``), and that the
API keeps answering from the primary when the replica is stopped.
"""

from __future__ import annotations

import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import psycopg
import pytest

from jobs.tests.served.conftest import server_env, start_gunicorn
from jobs.tests.served.json_client import Client
from reliability.cluster import Cluster, Replica
from reliability.stack import prepare

DB = "replicas"
LOG = "replica replica_1 unavailable"


class Stack:
    def __init__(
        self, primary: Cluster, replica: Replica, port: int, log: Path
    ) -> None:
        self.primary, self.replica, self.port, self.log = primary, replica, port, log

    def commits(self, cluster: Cluster) -> int:
        """Transactions committed in the API's database on ``cluster`` (its statistics)."""
        with psycopg.connect(cluster.url("postgres"), autocommit=True) as conn:
            row = conn.execute(
                "SELECT xact_commit FROM pg_stat_database WHERE datname = %s", [DB]
            ).fetchone()
        return int(row[0]) if row else 0

    def replica_status(self, job_id: int) -> str | None:
        with psycopg.connect(self.replica.url(DB), autocommit=True) as conn:
            row = conn.execute(
                "SELECT current_status FROM jobs_job WHERE id = %s", [job_id]
            ).fetchone()
        return row[0] if row else None


def _eventually(check: Any, timeout_s: float = 15.0) -> None:
    deadline = time.monotonic() + timeout_s
    while not check():
        if time.monotonic() > deadline:
            pytest.fail(f"not within {timeout_s} s: {check.__doc__ or check}")
        time.sleep(0.1)


@pytest.fixture(scope="module")
def stack(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Stack]:
    log = tmp_path_factory.mktemp("replicas") / "gunicorn.log"
    with Cluster() as primary:
        prepare(primary.url(DB))
        with Replica(primary) as replica:
            env = server_env(
                primary.url(DB),
                DATABASE_REPLICA_URLS=replica.url(DB),
                REPLICA_RETRY_SECONDS="1",
            )
            process, port = start_gunicorn(env, log)
            try:
                yield Stack(primary, replica, port, log)
            finally:
                process.terminate()
                process.wait(timeout=30)


def _create_job(stack: Stack, name: str) -> dict[str, Any]:
    status, job = Client(stack.port).call("POST", "/api/jobs/", {"name": name})
    assert status == 201
    _eventually(lambda: stack.replica_status(job["id"]) is not None)
    return job


def test_list_and_stats_reads_go_to_the_replica(stack: Stack) -> None:
    job = _create_job(stack, "Replica read check")
    reader = Client(stack.port, cookies=False)
    time.sleep(1.5)  # let both servers flush their statistics
    before = stack.commits(stack.replica), stack.commits(stack.primary)
    for _ in range(20):
        status, page = reader.call("GET", "/api/jobs/?page_size=10")
        assert status == 200
        assert page["results"][0]["id"] == job["id"]
        assert reader.call("GET", "/api/jobs/stats/")[0] == 200

    def replica_counted() -> bool:
        """the replica's statistics count the 40 reads"""
        return stack.commits(stack.replica) - before[0] >= 40

    _eventually(replica_counted)
    assert stack.commits(stack.primary) - before[1] < 20


def test_a_client_reads_its_own_write_while_replay_is_delayed(stack: Stack) -> None:
    job = _create_job(stack, "Read your writes")
    writer, other = Client(stack.port), Client(stack.port, cookies=False)
    stack.replica.configure("recovery_min_apply_delay = '4s'")
    try:
        time.sleep(0.5)  # the reload reaches the startup process
        status, patched = writer.call(
            "PATCH", f"/api/jobs/{job['id']}/", {"status_type": "FAILED"}
        )
        assert status == 200
        assert patched["current_status"] == "FAILED"
        # The writer sees its change at once; a client without the pin cookie
        # still reads the replica, which has not replayed it yet.
        assert (
            writer.call("GET", f"/api/jobs/{job['id']}/")[1]["current_status"]
            == "FAILED"
        )
        listed = writer.call("GET", "/api/jobs/?status=FAILED&page_size=5")[1]
        assert job["id"] in [row["id"] for row in listed["results"]]
        assert (
            other.call("GET", f"/api/jobs/{job['id']}/")[1]["current_status"]
            == "PENDING"
        )
    finally:
        stack.replica.configure("recovery_min_apply_delay = 0")

    def replayed() -> bool:
        """the replica replays the PATCH once the delay is gone"""
        return (
            other.call("GET", f"/api/jobs/{job['id']}/")[1]["current_status"]
            == "FAILED"
        )

    _eventually(replayed)


def test_the_api_answers_from_the_primary_while_the_replica_is_down(
    stack: Stack,
) -> None:
    job = _create_job(stack, "Replica outage")
    reader = Client(stack.port, cookies=False)
    stack.replica.stop_server()
    try:
        for _ in range(5):
            status, page = reader.call("GET", "/api/jobs/?page_size=5")
            assert status == 200
            assert page["results"][0]["id"] == job["id"]
        assert stack.log.read_text().count(LOG) == 1
    finally:
        stack.replica.start_server()
        stack.replica.wait_ready()
    time.sleep(1.5)  # REPLICA_RETRY_SECONDS

    def back() -> bool:
        """reads go to the replica again"""
        reader.call("GET", "/api/jobs/?page_size=5")
        return "replica replica_1 answers again" in stack.log.read_text()

    _eventually(back)
