"""The replica choice of core.db.replicas, without servers.

The served tests with a real streaming replica are in
jobs/tests/ops/test_read_replicas.py; these pin down the decision table.
"""

from __future__ import annotations

import logging

import pytest
from django.db import DatabaseError

from core.db import replicas
from core.db.replicas import (
    ReplicaRouter,
    ReplicaSet,
    parse_lsn,
    read_alias,
)


def test_parse_lsn_orders_positions_and_rejects_garbage() -> None:
    assert parse_lsn("0/0") == 0
    assert parse_lsn("16/B374D848") == (0x16 << 32) | 0xB374D848
    assert parse_lsn("1/0") > parse_lsn("0/FFFFFFFF")  # type: ignore[operator]
    for bad in ("", "16", "16/", "G/1", "1/2/3", "123456789/0", "0x1/0"):
        assert parse_lsn(bad) is None


def _replay(positions: dict[str, int | None], down: set[str] = frozenset()):  # type: ignore[assignment]
    def replay(alias: str) -> int | None:
        if alias in down:
            raise DatabaseError("connection refused")
        return positions[alias]

    return replay


def test_round_robin_without_a_pin() -> None:
    pool = ReplicaSet(["replica_1", "replica_2"], retry_s=5)
    replay = _replay({"replica_1": 10, "replica_2": 10})
    chosen = [
        read_alias("/api/jobs/", None, pool, lsn_checks=True, replay=replay)
        for _ in range(4)
    ]
    assert chosen == ["replica_1", "replica_2", "replica_1", "replica_2"]


def test_a_pin_waits_for_a_replica_that_replayed_past_it() -> None:
    pool = ReplicaSet(["replica_1", "replica_2"], retry_s=5)
    replay = _replay({"replica_1": parse_lsn("0/100"), "replica_2": parse_lsn("0/300")})
    for _ in range(2):  # whichever replica's turn it is
        assert (
            read_alias("/api/jobs/", "0/200", pool, lsn_checks=True, replay=replay)
            == "replica_2"
        )
    assert (
        read_alias("/api/jobs/", "0/400", pool, lsn_checks=True, replay=replay)
        == "default"
    )
    # A malformed cookie only loses read-your-writes, never the request.
    assert (
        read_alias("/api/jobs/", "nonsense", pool, lsn_checks=True, replay=replay)
        != "default"
    )


def test_without_lsn_checks_a_pin_reads_the_primary() -> None:
    pool = ReplicaSet(["replica_1"], retry_s=5)
    replay = _replay({"replica_1": 10**12})
    assert (
        read_alias(
            "/api/jobs/", "FFFFFFFF/FFFFFFFF", pool, lsn_checks=False, replay=replay
        )
        == "default"
    )
    assert (
        read_alias("/api/jobs/", None, pool, lsn_checks=False, replay=replay)
        == "replica_1"
    )


def test_health_reads_the_primary() -> None:
    pool = ReplicaSet(["replica_1"], retry_s=5)
    assert (
        read_alias(
            "/api/health/",
            None,
            pool,
            lsn_checks=True,
            replay=_replay({"replica_1": 1}),
        )
        == "default"
    )


def test_a_failed_replica_is_skipped_logged_once_and_retried(
    monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    now = [1000.0]
    monkeypatch.setattr(replicas.time, "monotonic", lambda: now[0])
    pool = ReplicaSet(["replica_1", "replica_2"], retry_s=5)
    positions = {"replica_1": 1, "replica_2": 1}
    with caplog.at_level(logging.WARNING, logger="core.db.replicas"):
        down = _replay(positions, down={"replica_1"})
        assert {
            read_alias("/api/jobs/", None, pool, lsn_checks=True, replay=down)
            for _ in range(4)
        } == {"replica_2"}
        both_down = _replay(positions, down={"replica_1", "replica_2"})
        now[0] += 6  # replica_1 is due for another try, and fails again
        assert (
            read_alias("/api/jobs/", None, pool, lsn_checks=True, replay=both_down)
            == "default"
        )
        now[0] += 6
        up = _replay(positions)
        assert {
            read_alias("/api/jobs/", None, pool, lsn_checks=True, replay=up)
            for _ in range(2)
        } == {"replica_1", "replica_2"}
    messages = [record.getMessage() for record in caplog.records]
    assert sum("replica_1 unavailable" in m for m in messages) == 1
    assert sum("replica_2 unavailable" in m for m in messages) == 1
    assert sum("answers again" in m for m in messages) == 2


def test_router_reads_where_the_request_was_routed_and_writes_to_the_primary() -> None:
    router = ReplicaRouter()
    assert router.db_for_read(None) == "default"  # outside a routed request
    token = replicas._read_alias.set("replica_1")
    try:
        assert router.db_for_read(None) == "replica_1"
        assert router.db_for_write(None) == "default"
    finally:
        replicas._read_alias.reset(token)
    assert router.allow_migrate("default", "jobs") is True
    assert router.allow_migrate("replica_1", "jobs") is False
