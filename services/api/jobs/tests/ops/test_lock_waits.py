"""reliability.lock_waits: lock waits read back from a server log (log_lock_waits)."""

from reliability.lock_waits import LockWait, name_relations, parse

LOG = """\
2026-12-03 07:00:00.000 UTC [300] jobs-migrate: LOG:  statement: ALTER TABLE jobs_job ...
2026-12-03 07:00:00.200 UTC [101] jobs-api: LOG:  process 101 still waiting for RowExclusiveLock on relation 16523 of database 16384 after 100.052 ms
2026-12-03 07:00:00.200 UTC [101] jobs-api: DETAIL:  Process holding the lock: 300. Wait queue: 101.
2026-12-03 07:00:00.200 UTC [101] jobs-api: STATEMENT:  UPDATE "jobs_job" SET "name" = 'x' WHERE "id" = 1
2026-12-03 07:00:00.250 UTC [102] jobs-api: LOG:  process 102 still waiting for AccessShareLock on relation 16523 of database 16384 after 100.010 ms
continuation line of a multi-line statement, without a prefix
2026-12-03 07:00:01.600 UTC [101] jobs-api: LOG:  process 101 acquired RowExclusiveLock on relation 16523 of database 16384 after 1500.310 ms
2026-12-03 07:00:05.150 UTC [102] jobs-api: ERROR:  canceling statement due to statement timeout
2026-12-03 07:00:05.200 UTC [103] jobs-api: LOG:  process 103 still waiting for ShareLock on transaction 1201 after 100.000 ms
2026-12-03 07:00:05.700 UTC [300] jobs-migrate: LOG:  duration: 5700 ms
"""


def test_parse_measures_acquired_cut_and_open_waits_by_session():
    waits = parse(LOG)
    by_lock = {w.lock: w for w in waits}
    assert len(waits) == 3
    acquired = by_lock["RowExclusiveLock"]
    assert (acquired.app, acquired.ended, acquired.ms) == (
        "jobs-api",
        "acquired",
        1500.31,
    )
    assert acquired.on == "relation 16523 of database 16384"
    # Cancelled by the statement timeout: from 0.15 s to 5.15 s.
    cut = by_lock["AccessShareLock"]
    assert cut.ended == "cut"
    assert round(cut.ms) == 5000
    # Still waiting when the log ends (at its last line, 0.5 s later).
    still = by_lock["ShareLock"]
    assert (still.ended, round(still.ms), still.on) == ("open", 600, "transaction 1201")


def test_parse_ignores_waits_shorter_than_deadlock_timeout_and_other_lines():
    assert (
        parse("2026-12-03 07:00:00.000 UTC [1] jobs-api: LOG:  checkpoint starting\n")
        == []
    )


def test_name_relations_uses_the_catalog():
    waits = [
        LockWait(
            "jobs-api",
            "RowExclusiveLock",
            "relation 16523 of database 16384",
            5.0,
            "acquired",
        ),
        LockWait("jobs-api", "ShareLock", "transaction 7", 5.0, "acquired"),
    ]
    asked: list[str] = []

    def query(sql: str) -> list[tuple[str, ...]]:
        asked.append(sql)
        return [("16523", "jobs_job")]

    name_relations(waits, query)
    assert [w.on for w in waits] == ["jobs_job", "transaction 7"]
    assert "16523" in asked[0]
