"""Property test: any sequence of status writes keeps the read model exact.

Hypothesis draws random sequences of raw-SQL writes (inserts, back-dated
inserts, equal timestamps, multi-row inserts, updates of status_type,
timestamp and job_id, single and multi-row deletes, job deletes with their
cascade, new jobs, bulk actions (``jobs.bulk``: set a status on or delete an id
list, and the same on a status filter run in batches of 2), and the
foreign-key-order sequences: a status written
before its job, a status moved to a job created after it, a job renumbered
after its statuses moved; the database refuses their first statement, in a
savepoint) and after *every* step checks the read model of every
job against ``SELECT DISTINCT ON`` and the counters against ``GROUP BY``.
Timestamps come from a window of a few seconds so that ties and back-dated
rows are frequent.
"""

from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
from django.db import IntegrityError, connection, transaction
from hypothesis import given, settings
from hypothesis import strategies as st

from jobs.bulk import job_bulk_apply
from jobs.bulk_runs import bulk_operation_create, bulk_operation_run
from jobs.tests.triggers.readmodel import (
    actual_counts,
    expected_counts,
    insert_job,
    read_model_mismatches,
)

T0 = datetime(2026, 1, 1, 12, 0, tzinfo=UTC)
STATUSES = ["PENDING", "RUNNING", "COMPLETED", "FAILED", "CANCELLED"]

slots = st.integers(min_value=0, max_value=7)
statuses = st.sampled_from(STATUSES)
offsets = st.integers(min_value=-3, max_value=4)  # seconds around T0
picks = st.integers(min_value=0, max_value=63)
row = st.tuples(slots, statuses, offsets)

operations = st.one_of(
    st.tuples(st.just("insert"), row),
    st.tuples(st.just("insert_many"), st.lists(row, min_size=2, max_size=5)),
    st.tuples(st.just("update_status"), picks, statuses),
    st.tuples(st.just("update_timestamp"), picks, offsets),
    st.tuples(st.just("update_job"), picks, slots),
    st.tuples(st.just("update_all_of_job"), slots, offsets),
    st.tuples(st.just("delete"), picks),
    st.tuples(st.just("delete_from"), offsets),
    st.tuples(st.just("delete_job"), slots),
    st.tuples(st.just("new_job")),
    st.tuples(st.just("status_before_job"), statuses, offsets),
    st.tuples(st.just("move_to_new_job"), picks),
    st.tuples(st.just("renumber_job"), slots),
    st.tuples(
        st.just("bulk_ids"),
        st.sampled_from(["set_status", "delete"]),
        st.lists(slots, min_size=1, max_size=4),
        statuses,
    ),
    st.tuples(
        st.just("bulk_filter"),
        st.sampled_from(["set_status", "delete"]),
        st.lists(statuses, min_size=1, max_size=2, unique=True),
        statuses,
    ),
)


def _at(offset: int) -> datetime:
    return T0 + timedelta(seconds=offset)


def _status_ids(cur: Any) -> list[int]:
    cur.execute("SELECT id FROM jobs_jobstatus ORDER BY id")
    return [r[0] for r in cur.fetchall()]


def _new_job_id(cur: Any) -> int:
    cur.execute("SELECT nextval(pg_get_serial_sequence('jobs_job', 'id'))")
    return int(cur.fetchone()[0])


def _apply_out_of_order(cur: Any, jobs: list[int], op: tuple[Any, ...]) -> None:
    """Write a status's job after the status; keep ``jobs`` = the table's."""
    kind, new_id = op[0], _new_job_id(cur)
    ids = _status_ids(cur)
    if kind == "status_before_job":
        first = (
            'INSERT INTO jobs_jobstatus (job_id, status_type, "timestamp") '
            "VALUES (%s, %s, %s)",
            [new_id, op[1], _at(op[2])],
        )
        then = ("INSERT INTO jobs_job (id, name) VALUES (%s, 'late')", [new_id])
    elif kind == "move_to_new_job" and ids:
        first = (
            "UPDATE jobs_jobstatus SET job_id = %s WHERE id = %s",
            [new_id, ids[op[1] % len(ids)]],
        )
        then = ("INSERT INTO jobs_job (id, name) VALUES (%s, 'late')", [new_id])
    elif kind == "renumber_job":
        old_id = jobs[op[1] % len(jobs)]
        first = (
            "UPDATE jobs_jobstatus SET job_id = %s WHERE job_id = %s",
            [new_id, old_id],
        )
        then = ("UPDATE jobs_job SET id = %s WHERE id = %s", [new_id, old_id])
    else:
        return
    try:
        with transaction.atomic():
            cur.execute(*first)
            cur.execute(*then)
            cur.execute("SET CONSTRAINTS ALL IMMEDIATE")
    except IntegrityError:
        pass
    cur.execute("SELECT id FROM jobs_job ORDER BY id")
    jobs[:] = [r[0] for r in cur.fetchall()]


def _apply_bulk(cur: Any, jobs: list[int], op: tuple[Any, ...]) -> None:
    """Run a bulk action through its service; keep ``jobs`` = the table's."""
    kind, action, chosen, status = op
    status_type = status if action == "set_status" else None
    if kind == "bulk_ids":
        ids = [jobs[slot % len(jobs)] for slot in chosen] + [10**9]
        job_bulk_apply(action=action, ids=ids, status_type=status_type)
    else:
        operation = bulk_operation_create(
            action=action, filters={"status": chosen}, status_type=status_type
        )
        bulk_operation_run(operation_id=operation.pk, batch_size=2)
    cur.execute("SELECT id FROM jobs_job ORDER BY id")
    jobs[:] = [r[0] for r in cur.fetchall()]


def _apply(cur: Any, jobs: list[int], op: tuple[Any, ...]) -> None:  # noqa: C901
    kind = op[0]
    if kind in ("bulk_ids", "bulk_filter"):
        if not jobs:
            jobs.append(insert_job(cur, "job 0"))
        _apply_bulk(cur, jobs, op)
        return
    if kind in ("status_before_job", "move_to_new_job", "renumber_job"):
        if not jobs:
            jobs.append(insert_job(cur, "job 0"))
        _apply_out_of_order(cur, jobs, op)
        return
    if not jobs or kind == "new_job":
        jobs.append(insert_job(cur, f"job {len(jobs)}"))
        if kind == "new_job":
            return
    ids = _status_ids(cur)
    if kind in ("insert", "insert_many"):
        rows = [op[1]] if kind == "insert" else op[1]
        values = ", ".join(["(%s, %s, %s)"] * len(rows))
        params: list[Any] = []
        for slot, status, offset in rows:
            params += [jobs[slot % len(jobs)], status, _at(offset)]
        cur.execute(
            f'INSERT INTO jobs_jobstatus (job_id, status_type, "timestamp") '  # noqa: S608
            f"VALUES {values}",
            params,
        )
    elif kind == "update_status" and ids:
        cur.execute(
            "UPDATE jobs_jobstatus SET status_type = %s WHERE id = %s",
            [op[2], ids[op[1] % len(ids)]],
        )
    elif kind == "update_timestamp" and ids:
        cur.execute(
            'UPDATE jobs_jobstatus SET "timestamp" = %s WHERE id = %s',
            [_at(op[2]), ids[op[1] % len(ids)]],
        )
    elif kind == "update_job" and ids:
        cur.execute(
            "UPDATE jobs_jobstatus SET job_id = %s WHERE id = %s",
            [jobs[op[2] % len(jobs)], ids[op[1] % len(ids)]],
        )
    elif kind == "update_all_of_job":
        # Multi-row update: shift a whole history by some seconds.
        cur.execute(
            'UPDATE jobs_jobstatus SET "timestamp" = "timestamp" + %s '
            "WHERE job_id = %s",
            [timedelta(seconds=op[2]), jobs[op[1] % len(jobs)]],
        )
    elif kind == "delete" and ids:
        cur.execute("DELETE FROM jobs_jobstatus WHERE id = %s", [ids[op[1] % len(ids)]])
    elif kind == "delete_from":
        cur.execute('DELETE FROM jobs_jobstatus WHERE "timestamp" >= %s', [_at(op[1])])
    elif kind == "delete_job":
        cur.execute("DELETE FROM jobs_job WHERE id = %s", [jobs.pop(op[1] % len(jobs))])


@pytest.mark.django_db
@settings(max_examples=200, deadline=None)
@given(ops=st.lists(operations, min_size=1, max_size=25))
def test_read_model_holds_after_every_write(ops: list[tuple[Any, ...]]) -> None:
    with connection.cursor() as cur:
        # Every example starts from no jobs (same test transaction).
        cur.execute("DELETE FROM jobs_jobstatus")
        cur.execute("DELETE FROM jobs_job")
        jobs = [insert_job(cur, f"job {i}") for i in range(3)]
        for step, op in enumerate(ops):
            _apply(cur, jobs, op)
            assert read_model_mismatches(cur) == [], f"after step {step}: {op}"
            assert actual_counts(cur) == expected_counts(cur), (
                f"after step {step}: {op}"
            )
