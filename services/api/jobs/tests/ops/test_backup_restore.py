"""make backup / make restore natively: a seeded database survives the round trip."""

from pathlib import Path

import psycopg
import pytest
from django.core.management import call_command
from django.db import connection

from reliability import backup
from reliability.invariants import (
    counter_drift,
    read_model_mismatches,
    triggers_move_read_model,
)


@pytest.fixture
def source_url(transactional_db: None) -> str:
    """The test database, seeded with committed data pg_dump can see."""
    call_command("seed_jobs", count=300, seed=3)
    settings = connection.settings_dict
    return f"postgres://{settings['USER']}@{settings['HOST']}:{settings['PORT']}/{settings['NAME']}"


def _query(url: str):
    def run(sql: str) -> list[tuple[str, ...]]:
        with psycopg.connect(url) as conn:
            return [tuple(str(v) for v in row) for row in conn.execute(sql).fetchall()]

    return run


def test_backup_restore_keeps_read_model_counters_and_triggers(
    source_url, tmp_path: Path
):
    restored_url = source_url + "_restore"
    dump = backup.dump(source_url, tmp_path)
    try:
        assert backup.restore(dump, restored_url) == 0
        src, dst = _query(source_url), _query(restored_url)
        for table in ("jobs_job", "jobs_jobstatus", "jobs_jobstatuscount"):
            assert dst(f"SELECT count(*) FROM {table}") == src(
                f"SELECT count(*) FROM {table}"
            )
        assert dst("SELECT count(*) FROM jobs_job")[0][0] == "300"
        assert read_model_mismatches(dst) == 0
        assert counter_drift(dst) == 0
        # The triggers came back: a new status moves the read model.
        with psycopg.connect(restored_url, autocommit=True) as conn:
            job_id = conn.execute(
                "SELECT id FROM jobs_job WHERE current_status <> 'FAILED' LIMIT 1"
            ).fetchone()[0]
            conn.execute(
                "INSERT INTO jobs_jobstatus (job_id, status_type) VALUES (%s, 'FAILED')",
                [job_id],
            )
            assert (
                conn.execute(
                    "SELECT current_status FROM jobs_job WHERE id = %s", [job_id]
                ).fetchone()[0]
                == "FAILED"
            )
        assert counter_drift(dst) == 0
    finally:
        base, _, name = restored_url.rpartition("/")
        with psycopg.connect(f"{base}/postgres", autocommit=True) as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def test_trigger_probe_fails_without_the_read_model_trigger_and_leaves_nothing(
    source_url,
):
    query = backup._psql(["psql", "-d", source_url])
    before = query("SELECT count(*) FROM jobs_jobstatus")
    assert triggers_move_read_model(query)
    assert query("SELECT count(*) FROM jobs_jobstatus") == before
    with psycopg.connect(source_url, autocommit=True) as conn:
        conn.execute(
            "ALTER TABLE jobs_jobstatus DISABLE TRIGGER jobs_jobstatus_read_model_ins"
        )
    try:
        assert not triggers_move_read_model(query)
    finally:
        with psycopg.connect(source_url, autocommit=True) as conn:
            conn.execute(
                "ALTER TABLE jobs_jobstatus ENABLE TRIGGER jobs_jobstatus_read_model_ins"
            )
