"""Tests of ``seed_jobs``: both load paths leave the read model exact.

They need real commits (a load into empty tables builds indexes on other
connections after it commits), hence ``transaction=True``.
"""

from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from django.db import connection

from jobs.tests.triggers.readmodel import (
    actual_counts,
    assert_read_model_exact,
    expected_counts,
    insert_job,
    insert_status,
)

pytestmark = pytest.mark.django_db(transaction=True)

LIST_INDEXES = {
    "jobs_job_created_idx",
    "jobs_job_status_created_idx",
    "jobs_job_name_idx",
    "jobs_job_status_name_idx",
    "jobs_job_updated_idx",
    "jobs_job_status_updated_idx",
    "jobs_job_name_search_idx",
    "jobs_status_job_ts_idx",
}


def _seed(**options: object) -> str:
    out = StringIO()
    call_command("seed_jobs", stdout=out, **options)
    return out.getvalue()


def _indexes(cur: object) -> set[str]:
    cur.execute(  # type: ignore[attr-defined]
        "SELECT indexname FROM pg_indexes "
        "WHERE tablename IN ('jobs_job', 'jobs_jobstatus')"
    )
    return {row[0] for row in cur.fetchall()}  # type: ignore[attr-defined]


def test_seed_jobs_bulk_leaves_read_model_and_counters_exact() -> None:
    output = _seed(count=2000, batch_size=700)
    assert "empty tables" in output
    assert "jobs: 2,000/2,000" in output
    with connection.cursor() as cur:
        cur.execute("SELECT count(*) FROM jobs_job")
        assert cur.fetchone()[0] == 2000
        assert_read_model_exact(cur)
        cur.execute("SELECT sum(job_count) FROM jobs_jobstatuscount")
        assert cur.fetchone()[0] == 2000
        # Seeded as if the API had appended each status at its time.
        cur.execute(
            "SELECT count(*) FROM jobs_job WHERE updated_at <> status_changed_at"
        )
        assert cur.fetchone()[0] == 0


def test_seed_jobs_bulk_restores_indexes_keys_and_triggers() -> None:
    _seed(count=500)
    with connection.cursor() as cur:
        assert LIST_INDEXES | {"jobs_job_pkey", "jobs_jobstatus_pkey"} <= _indexes(cur)
        cur.execute(
            "SELECT count(*) FROM pg_constraint WHERE contype = 'f' "
            "AND conrelid = 'jobs_jobstatus'::regclass AND convalidated "
            "AND NOT condeferrable"
        )
        assert cur.fetchone()[0] == 1
        cur.execute(
            "SELECT tgname FROM pg_trigger WHERE NOT tgisinternal "
            "AND tgrelid IN ('jobs_job'::regclass, 'jobs_jobstatus'::regclass) "
            "AND tgenabled <> 'O'"
        )
        assert cur.fetchall() == []
        # The identity sequences moved past the explicit ids: new rows fit,
        # and the triggers are live again.
        job_id = insert_job(cur, "after the seed")
        insert_status(cur, job_id, "RUNNING")
        cur.execute("SELECT max(id) FROM jobs_job")
        assert cur.fetchone()[0] == job_id
        assert_read_model_exact(cur)


def test_seed_jobs_statuses_follow_a_path_in_time_order() -> None:
    _seed(count=1000)
    with connection.cursor() as cur:
        cur.execute(
            """
            SELECT job_id,
                   array_agg(s.status_type ORDER BY s."timestamp", s.id),
                   bool_and(j.created_at <= s."timestamp"
                            AND s."timestamp" < now())
              FROM jobs_jobstatus AS s JOIN jobs_job AS j ON j.id = s.job_id
             GROUP BY job_id
            """
        )
        histories = cur.fetchall()
        assert len(histories) == 1000  # every job has statuses
        for _job_id, statuses, in_time in histories:
            assert 1 <= len(statuses) <= 4
            assert statuses[0] == "PENDING"
            assert in_time
        # Timestamps follow id order inside a job (ties allowed).
        cur.execute(
            """
            SELECT count(*) FROM (
                SELECT "timestamp" < lag("timestamp") OVER w AS back
                  FROM jobs_jobstatus WINDOW w AS (PARTITION BY job_id ORDER BY id)
            ) AS x WHERE back
            """
        )
        assert cur.fetchone()[0] == 0
        cur.execute("SELECT count(DISTINCT name), count(*) FROM jobs_job")
        distinct_names, total = cur.fetchone()
        assert distinct_names < total  # names repeat
        cur.execute("SELECT count(DISTINCT current_status) FROM jobs_job")
        assert cur.fetchone()[0] == 5


def test_seed_jobs_append_with_triggers_keeps_read_model_exact() -> None:
    _seed(count=300)
    output = _seed(count=500, batch_size=200)
    assert "in batches of 200" in output
    with connection.cursor() as cur:
        cur.execute("SELECT count(*) FROM jobs_job")
        assert cur.fetchone()[0] == 800
        assert_read_model_exact(cur)
        cur.execute(
            "SELECT count(*) FROM jobs_job WHERE updated_at <> status_changed_at"
        )
        assert cur.fetchone()[0] == 0


def test_seed_jobs_count_zero_finishes_an_interrupted_bulk_load() -> None:
    # What a load into empty tables leaves if it dies after its commit:
    # list indexes and the foreign key's validation still to do.
    _seed(count=100)
    with connection.cursor() as cur:
        cur.execute("DROP INDEX jobs_job_name_search_idx")
        cur.execute("DROP INDEX jobs_status_job_ts_idx")
        cur.execute(
            "SELECT conname, pg_get_constraintdef(oid) FROM pg_constraint "
            "WHERE conrelid = 'jobs_jobstatus'::regclass AND contype = 'f'"
        )
        name, definition = cur.fetchone()
        cur.execute(f'ALTER TABLE jobs_jobstatus DROP CONSTRAINT "{name}"')
        cur.execute(
            f'ALTER TABLE jobs_jobstatus ADD CONSTRAINT "{name}" {definition} NOT VALID'
        )
    output = _seed(count=0)
    assert "finishing 3 index/constraint step(s)" in output
    with connection.cursor() as cur:
        assert _indexes(cur) >= LIST_INDEXES | {"jobs_jobstatus_pkey"}
        cur.execute(
            "SELECT convalidated FROM pg_constraint "
            "WHERE conrelid = 'jobs_jobstatus'::regclass AND contype = 'f'"
        )
        assert cur.fetchone()[0] is True
        assert_read_model_exact(cur)


def test_seed_jobs_same_seed_and_ids_give_same_data() -> None:
    with connection.cursor() as cur:
        cur.execute("TRUNCATE jobs_job, jobs_jobstatus RESTART IDENTITY")
    _seed(count=200, seed=7)
    with connection.cursor() as cur:
        # Times are relative to the run's clock; everything else is the same.
        cur.execute(
            "SELECT name, current_status, status_changed_at - created_at "
            "FROM jobs_job ORDER BY id"
        )
        first = cur.fetchall()
        cur.execute("TRUNCATE jobs_job, jobs_jobstatus RESTART IDENTITY")
        assert actual_counts(cur) == expected_counts(cur) == {}
    _seed(count=200, seed=7)
    with connection.cursor() as cur:
        # Times are relative to the run's clock; everything else is the same.
        cur.execute(
            "SELECT name, current_status, status_changed_at - created_at "
            "FROM jobs_job ORDER BY id"
        )
        assert cur.fetchall() == first


@pytest.mark.parametrize("first", [0, 50], ids=["empty tables", "appending"])
def test_seed_jobs_writes_through_the_triggers(first: int) -> None:
    # A probe trigger beside the jobs_* ones: it fires only if the seed
    # leaves the tables' triggers on (the read model's own write path).
    if first:
        _seed(count=first)
    with connection.cursor() as cur:
        cur.execute("CREATE TABLE seed_probe (n bigint)")
        cur.execute(
            "CREATE FUNCTION seed_probe() RETURNS trigger LANGUAGE plpgsql AS "
            "$$BEGIN INSERT INTO seed_probe SELECT count(*) FROM new_rows; "
            "RETURN NULL; END$$"
        )
        cur.execute(
            "CREATE TRIGGER seed_probe AFTER INSERT ON jobs_jobstatus "
            "REFERENCING NEW TABLE AS new_rows "
            "FOR EACH STATEMENT EXECUTE FUNCTION seed_probe()"
        )
    try:
        _seed(count=300, batch_size=100)
        with connection.cursor() as cur:
            cur.execute("SELECT count(*), sum(n) FROM seed_probe")
            statements, rows = cur.fetchone()
            cur.execute(
                "SELECT count(*) FROM jobs_jobstatus AS s JOIN jobs_job AS j "
                "ON j.id = s.job_id WHERE j.id > (SELECT min(id) + %s - 1 FROM jobs_job)",
                [first],
            )
            assert (statements, rows) == (3, cur.fetchone()[0])
            assert_read_model_exact(cur)
    finally:
        with connection.cursor() as cur:
            cur.execute("DROP TRIGGER seed_probe ON jobs_jobstatus")
            cur.execute("DROP FUNCTION seed_probe()")
            cur.execute("DROP TABLE seed_probe")


def test_seed_jobs_rejects_negative_count() -> None:
    with pytest.raises(CommandError, match="--count"):
        _seed(count=-1)
