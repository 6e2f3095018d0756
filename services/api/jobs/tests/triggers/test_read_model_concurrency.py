"""Concurrency test: several READ COMMITTED connections writing the same jobs.

Each thread has its own psycopg connection to the test database; all are
released together at a barrier and run overlapping transactions against
three shared jobs, in rounds: appends with explicit timestamps from a window of a few
seconds (so many are back-dated or equal to the current latest), deletes of
a job's latest status and moves of a status's timestamp, each transaction
holding its locks for a random moment before it commits.  After every round
(all transactions committed) the read model of every job must equal
``DISTINCT ON`` and the counters a ``GROUP BY``: the latest by (timestamp, id) must win, not whichever
transaction committed last.

Without the trigger's row lock (or with the latest computed before the lock
instead of re-checked after it) this test fails: see docs/architecture.md.
"""

import random
import threading
from datetime import UTC, datetime, timedelta
from typing import Any

import psycopg
import pytest
from django.db import connection

from jobs.tests.triggers.readmodel import (
    actual_counts,
    expected_counts,
    insert_job,
    insert_status,
    read_model_mismatches,
)

THREADS = 6
ROUNDS = 60
SHARED_JOBS = 3
T0 = datetime(2026, 1, 1, 12, 0, tzinfo=UTC)
STATUSES = ["PENDING", "RUNNING", "COMPLETED", "FAILED", "CANCELLED"]

LATEST_OF_JOB = (
    "SELECT id FROM jobs_jobstatus WHERE job_id = %s "
    'ORDER BY "timestamp" DESC, id DESC LIMIT 1'
)


def _connect() -> psycopg.Connection[Any]:
    s = connection.settings_dict
    return psycopg.connect(
        dbname=s["NAME"],
        user=s["USER"] or None,
        password=s["PASSWORD"] or None,
        host=s["HOST"] or None,
        port=s["PORT"] or None,
        autocommit=False,
    )


def _one_transaction(cur: Any, rng: random.Random, jobs: list[int]) -> None:
    roll = rng.random()
    job_id = rng.choice(jobs)
    at = T0 + timedelta(seconds=rng.randint(0, 8))
    if roll < 0.55:
        # Append one or two statuses (one statement; maybe two jobs).
        other = rng.choice(jobs)
        cur.execute(
            'INSERT INTO jobs_jobstatus (job_id, status_type, "timestamp") '
            "VALUES (%s, %s, %s), (%s, %s, %s)",
            [job_id, rng.choice(STATUSES), at,
             other, rng.choice(STATUSES), T0 + timedelta(seconds=rng.randint(0, 8))],
        )  # fmt: skip
    elif roll < 0.75:
        cur.execute(
            f"DELETE FROM jobs_jobstatus WHERE id = ({LATEST_OF_JOB})", [job_id]
        )  # noqa: S608
    else:
        cur.execute(
            'UPDATE jobs_jobstatus SET "timestamp" = %s, status_type = %s '
            "WHERE id = (SELECT id FROM jobs_jobstatus WHERE job_id = %s "
            "ORDER BY random() LIMIT 1)",
            [at, rng.choice(STATUSES), job_id],
        )
    # Hold the locks a moment so that transactions overlap.
    cur.execute("SELECT pg_sleep(%s)", [rng.random() * 0.004])


def _worker(
    seed: int,
    jobs: list[int],
    start: threading.Barrier,
    done: threading.Barrier,
    errors: list[BaseException],
) -> None:
    rng = random.Random(seed)
    try:
        with _connect() as conn, conn.cursor() as cur:
            for _ in range(ROUNDS):
                start.wait(timeout=60)
                _one_transaction(cur, rng, jobs)
                conn.commit()
                done.wait(timeout=60)
    except BaseException as exc:  # reported by the test thread
        errors.append(exc)
        start.abort()
        done.abort()


@pytest.mark.django_db(transaction=True)
def test_read_model_concurrent_writers_end_with_latest_status() -> None:
    with connection.cursor() as cur:
        jobs = [insert_job(cur, f"shared {i}") for i in range(SHARED_JOBS)]
        for job_id in jobs:
            for k in range(4):
                insert_status(cur, job_id, STATUSES[k], T0 + timedelta(seconds=k))

    # Rounds: every thread starts one transaction at the same instant (start
    # barrier); once all committed (done barrier) the test thread checks the
    # invariant, so a wrong write cannot be healed by later writes unseen.
    start = threading.Barrier(THREADS + 1)
    done = threading.Barrier(THREADS + 1)
    errors: list[BaseException] = []
    threads = [
        threading.Thread(target=_worker, args=(seed, jobs, start, done, errors))
        for seed in range(THREADS)
    ]
    for t in threads:
        t.start()
    failures: list[str] = []
    try:
        with connection.cursor() as cur:
            for round_no in range(ROUNDS):
                start.wait(timeout=60)
                done.wait(timeout=60)
                mismatches = read_model_mismatches(cur)
                if mismatches:
                    failures.append(f"round {round_no}: {mismatches}")
                if actual_counts(cur) != expected_counts(cur):
                    failures.append(f"round {round_no}: counters drifted")
    except threading.BrokenBarrierError:
        pass  # a worker failed: reported below
    finally:
        for t in threads:
            t.join(timeout=60)
    # No deadlocks either: locks are taken in id order, counters in key order.
    assert errors == []
    assert failures == []

    with connection.cursor() as cur:
        assert read_model_mismatches(cur) == []
        assert actual_counts(cur) == expected_counts(cur)
        cur.execute("SELECT count(*) FROM jobs_jobstatus")
        assert cur.fetchone()[0] > 0
