"""Tests of ``recount_job_stats``: reports counter and read-model drift,
exits 1, ``--fix`` repairs both."""

from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from django.db import connection, transaction

from jobs.tests.triggers.readmodel import (
    actual_counts,
    expected_counts,
    insert_job,
    insert_status,
    read_model_mismatches,
)

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def jobs() -> list[int]:
    with connection.cursor() as cur:
        ids = [insert_job(cur, f"job {i}") for i in range(40)]
        for i, job_id in enumerate(ids):
            if i % 4:
                insert_status(cur, job_id, ["RUNNING", "FAILED", "PENDING"][i % 3])
    return ids


def _recount(*args: str) -> str:
    out = StringIO()
    call_command("recount_job_stats", *args, stdout=out)
    return out.getvalue()


def test_recount_job_stats_reports_no_drift(jobs: list[int]) -> None:
    output = _recount()
    assert "No drift." in output
    assert output.splitlines()[-2].split() == ["total", "40", "40", "+0"]


def test_recount_job_stats_reports_drift_per_status(jobs: list[int]) -> None:
    with connection.cursor() as cur:
        cur.execute(
            "UPDATE jobs_jobstatuscount SET job_count = job_count + 3 "
            "WHERE status_type = 'RUNNING' AND job_count > 0 "
            "AND shard = (SELECT min(shard) FROM jobs_jobstatuscount "
            "             WHERE status_type = 'RUNNING' AND job_count > 0)"
        )
    out = StringIO()
    with pytest.raises(CommandError, match="--fix"):
        call_command("recount_job_stats", stdout=out)
    lines = {line.split()[0]: line for line in out.getvalue().splitlines()}
    assert "+3  1" in lines["RUNNING"]
    assert "+0  0" in lines["FAILED"]


def test_recount_job_stats_fix_repairs_counters(jobs: list[int]) -> None:
    with connection.cursor() as cur:
        cur.execute("DELETE FROM jobs_jobstatuscount WHERE status_type = 'FAILED'")
        cur.execute(
            "UPDATE jobs_jobstatuscount SET job_count = 99 WHERE status_type IS NULL"
        )
        cur.execute(
            "INSERT INTO jobs_jobstatuscount (status_type, shard, job_count) VALUES ('CANCELLED', 3, 5)"
        )
    output = _recount("--fix")
    assert "Drift found." in output
    assert "Fixed:" in output
    with connection.cursor() as cur:
        assert actual_counts(cur) == expected_counts(cur)
    assert "No drift." in _recount()


def _drift_read_model(job_ids: list[int]) -> None:
    """Point some jobs at a status they do not have, bypassing the guard.

    The counter trigger still follows ``current_status``, so the counters
    agree with the (wrong) read model: only a read-model check sees it.
    """
    with transaction.atomic(), connection.cursor() as cur:
        cur.execute("SELECT set_config('jobs.read_model_write', 'on', true)")
        cur.execute(
            "UPDATE jobs_job SET current_status = 'CANCELLED' WHERE id = ANY (%s)",
            [job_ids],
        )


def test_recount_job_stats_reports_read_model_drift(jobs: list[int]) -> None:
    _drift_read_model(jobs[:3])
    out = StringIO()
    with pytest.raises(CommandError, match="--fix"):
        call_command("recount_job_stats", stdout=out)
    output = out.getvalue()
    assert "Read model: 3 job(s) differ from their latest status" in output
    assert f"{jobs[0]}" in output


def test_recount_job_stats_fix_repairs_read_model(jobs: list[int]) -> None:
    _drift_read_model(jobs[:3])
    output = _recount("--fix")
    assert "Read model: 3 job(s) differ" in output
    with connection.cursor() as cur:
        assert read_model_mismatches(cur) == []
        assert actual_counts(cur) == expected_counts(cur)
    assert "No drift." in _recount()
