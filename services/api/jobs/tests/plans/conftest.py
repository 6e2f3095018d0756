"""A 200,000-job table, seeded once for every plan-shape test.

Seeding is one set-based ``INSERT ... SELECT generate_series`` (a few
seconds) committed outside the per-test transactions, then ``ANALYZE``.
The read-model columns are written directly with triggers off for that
statement (``session_replication_role = replica``): these tests look only
at the read path's plans, and the triggers are tested elsewhere.  The
tables are truncated before and after (the TRUNCATE triggers reset the
counters), so tests of other packages see empty tables.
"""

from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

import pytest
from django.db import connection, transaction

PLAN_JOB_COUNT = 200_000

# Statuses with realistic skew (55% COMPLETED ... 1% none); names from 8
# prefixes x 5,000 numbers (40 jobs per name); 4 jobs per created_at.
SEED_SQL = """
INSERT INTO jobs_job (name, created_at, updated_at, current_status, status_changed_at)
SELECT
    (ARRAY['etl-nightly', 'render-frames', 'train-model', 'backup-db',
           'weekly-report', 'fluid-sim', 'ingest-logs', 'rebuild-index'])[1 + g %% 8]
        || '-' || lpad(((g * 7919) %% 5000)::text, 4, '0'),
    t.ts,
    t.ts + ((g * 37) %% 86400) * interval '1 second',
    CASE WHEN g %% 100 < 55 THEN 'COMPLETED' WHEN g %% 100 < 75 THEN 'PENDING'
         WHEN g %% 100 < 85 THEN 'FAILED' WHEN g %% 100 < 93 THEN 'RUNNING'
         WHEN g %% 100 < 99 THEN 'CANCELLED' END,
    t.ts
FROM generate_series(1, %s) AS g,
     LATERAL (SELECT timestamptz '2026-01-01 00:00:00+00'
                     + (g / 4) * interval '1 minute' AS ts) AS t
"""


@dataclass(frozen=True)
class PlanTable:
    """What the plan tests need to know about the seeded table."""

    job_count: int
    search_term: str
    trigram_index: str


def _truncate() -> None:
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("SET LOCAL statement_timeout = 0")
        cursor.execute("TRUNCATE jobs_job, jobs_jobstatus")


@pytest.fixture(scope="package")
def plan_table(django_db_setup: None, django_db_blocker: Any) -> Iterator[PlanTable]:
    """Seed PLAN_JOB_COUNT jobs, ANALYZE, and yield their facts."""
    with django_db_blocker.unblock():
        _truncate()
        with transaction.atomic(), connection.cursor() as cursor:
            cursor.execute("SET LOCAL statement_timeout = 0")
            cursor.execute("SET LOCAL session_replication_role = replica")
            cursor.execute(SEED_SQL, [PLAN_JOB_COUNT])
        with transaction.atomic(), connection.cursor() as cursor:
            # A sample of 300 x 1000 rows reads the whole table: the same
            # statistics every run.  With the default sample (30,000 rows)
            # the search term's estimate varies between ANALYZE runs; in one
            # CI run the planner then chose the ordering index with the
            # search as a filter for every search case.
            cursor.execute("SET LOCAL default_statistics_target = 1000")
            cursor.execute("ANALYZE jobs_job")
        with connection.cursor() as cursor:
            # A selective term (about 40 matches): the tail of one name.
            cursor.execute(
                "SELECT substr(name, length(name) - 7) FROM jobs_job "
                "ORDER BY id OFFSET 12345 LIMIT 1"
            )
            (search_term,) = cursor.fetchone()
            cursor.execute(
                "SELECT indexname FROM pg_indexes WHERE tablename = 'jobs_job' "
                "AND indexdef LIKE '%gin_trgm_ops%'"
            )
            (trigram_index,) = cursor.fetchone()
        try:
            yield PlanTable(PLAN_JOB_COUNT, search_term, trigram_index)
        finally:
            _truncate()
