"""``ordering=name`` is the ICU root order on every cluster (issue 16).

Letters first, then accents, then case (lower before upper), and the same
on a ``C.UTF-8`` cluster (where plain ``ORDER BY name`` put ``Zebra``
before ``apple``) as on any other; the pages are still walked through the
name index.
"""

import pytest
from django.db import connection

from jobs.models import Job
from jobs.tests.pagination.walking import GetJson, walk_backward, walk_forward

ICU_ORDER = [
    "apple",
    "Apple",
    "Äpple",
    "apple 2",
    "banana",
    "eclair",
    "Eclair",
    "éclair",
    "Éclair",
    "zebra",
    "Zebra",
]


@pytest.fixture
def mixed_names(db: None) -> None:
    # Inserted out of order, so ids say nothing about the expected order.
    Job.objects.bulk_create(Job(name=name) for name in reversed(ICU_ORDER))


def _names(pages: list[dict]) -> list[str]:
    return [row["name"] for page in pages for row in page["results"]]


def test_name_ordering_is_icu_order_whatever_the_cluster(
    mixed_names: None, get_json: GetJson
) -> None:
    pages = walk_forward(get_json, "/api/jobs/?ordering=name&page_size=2", 20)
    assert _names(pages) == ICU_ORDER
    backward = walk_backward(get_json, pages[-1], 20)
    by_id = {job.id: job.name for job in Job.objects.all()}
    assert [by_id[job_id] for job_id in backward] == ICU_ORDER


def test_descending_name_ordering_is_the_exact_reverse(
    mixed_names: None, get_json: GetJson
) -> None:
    pages = walk_forward(get_json, "/api/jobs/?ordering=-name&page_size=3", 20)
    assert _names(pages) == ICU_ORDER[::-1]


def test_name_column_and_its_indexes_use_the_icu_collation(db: None) -> None:
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT i.relname, c.collname FROM pg_index x "
            "JOIN pg_class i ON i.oid = x.indexrelid "
            "JOIN pg_collation c ON c.oid = x.indcollation[0] "
            "WHERE x.indrelid = 'jobs_job'::regclass AND x.indcollation[0] <> 0"
        )
        first_key_collation = dict(cursor.fetchall())
        cursor.execute(
            "SELECT collation_name FROM information_schema.columns "
            "WHERE table_name = 'jobs_job' AND column_name = 'name'"
        )
        (column_collation,) = cursor.fetchone()
    assert column_collation == "und-x-icu"
    assert first_key_collation["jobs_job_name_idx"] == "und-x-icu"
    assert first_key_collation["jobs_job_name_search_idx"] == "und-x-icu"
