"""Walk every page of the job list, forwards and backwards, over equal keys.

The data (see ``conftest.insert_jobs``) has 3,000 jobs sharing 3
``created_at`` values, 4 ``updated_at`` values and 10 names, so every page
boundary falls inside a run of equal sort keys and only ``id`` tells rows
apart.  Each walk must give exactly the rows of a plain ``ORDER BY`` query,
in its order, with no gap and no repeat.
"""

import random
from typing import Any
from urllib.parse import urlencode

import pytest
from django.db import connection

from jobs.models import Job
from jobs.pagination import JOB_ORDERINGS
from jobs.tests.pagination.conftest import insert_jobs
from jobs.tests.pagination.walking import (
    GetJson,
    ids_of,
    walk_backward,
    walk_forward,
)

LIST_URL = "/api/jobs/"
ORDERINGS = list(JOB_ORDERINGS)
STATUS_FILTERS = [
    None,
    "PENDING",
    "RUNNING",
    "COMPLETED",
    "FAILED",
    "CANCELLED",
    "RUNNING,FAILED",
    "PENDING,RUNNING,COMPLETED,FAILED,CANCELLED",
]
PAGE_SIZE = 97


def expected_ids(
    ordering: str, statuses: str | None = None, search: str | None = None
) -> list[int]:
    """Return the ids a plain ORDER BY query gives for the same filters."""
    jobs = Job.objects.all()
    if statuses:
        jobs = jobs.filter(current_status__in=statuses.split(","))
    if search:
        jobs = jobs.filter(name__icontains=search)
    fields = JOB_ORDERINGS[ordering]
    return list(jobs.order_by(*fields).values_list("id", flat=True))


def list_url(**params: Any) -> str:
    """Return the list URL with the non-None ``params``."""
    query = {key: value for key, value in params.items() if value is not None}
    return f"{LIST_URL}?{urlencode(query)}"


@pytest.mark.parametrize("statuses", STATUS_FILTERS)
@pytest.mark.parametrize("ordering", ORDERINGS)
def test_keyset_pagination_walks_every_row_once_both_ways(
    dup_jobs: int, get_json: GetJson, ordering: str, statuses: str | None
) -> None:
    expected = expected_ids(ordering, statuses)
    assert len(expected) > 2 * PAGE_SIZE  # several pages, all boundaries on ties
    max_pages = len(expected) // PAGE_SIZE + 2
    url = list_url(ordering=ordering, status=statuses, page_size=PAGE_SIZE)

    pages = walk_forward(get_json, url, max_pages)

    assert pages[0]["previous"] is None
    assert all(len(page["results"]) == PAGE_SIZE for page in pages[:-1])
    walked = [job_id for page in pages for job_id in ids_of(page)]
    assert walked == expected
    assert walk_backward(get_json, pages[-1], max_pages) == expected


@pytest.mark.parametrize(
    ("ordering", "statuses", "search"),
    [
        ("-created_at", None, "ob C"),
        ("name", "RUNNING,FAILED", "JOB"),
        ("-updated_at", "COMPLETED", "job"),
        ("-name", None, "b D"),
    ],
)
def test_keyset_pagination_walks_search_results_once_both_ways(
    dup_jobs: int,
    get_json: GetJson,
    ordering: str,
    statuses: str | None,
    search: str,
) -> None:
    expected = expected_ids(ordering, statuses, search)
    assert len(expected) > 2 * PAGE_SIZE
    max_pages = len(expected) // PAGE_SIZE + 2
    url = list_url(
        ordering=ordering, status=statuses, search=search, page_size=PAGE_SIZE
    )

    pages = walk_forward(get_json, url, max_pages)

    assert [job_id for page in pages for job_id in ids_of(page)] == expected
    assert walk_backward(get_json, pages[-1], max_pages) == expected


def test_keyset_pagination_pages_of_one_over_identical_keys(
    db: None, get_json: GetJson
) -> None:
    # Seven jobs with the same name, created_at and updated_at: only id
    # orders them.
    insert_jobs(7, created_values=1, updated_values=1, name_values=1)
    for ordering in ORDERINGS:
        expected = expected_ids(ordering)
        pages = walk_forward(get_json, list_url(ordering=ordering, page_size=1), 9)
        assert [ids_of(page) for page in pages] == [[job_id] for job_id in expected]
        assert walk_backward(get_json, pages[-1], 9) == expected


def test_keyset_pagination_exact_multiple_has_no_empty_last_page(
    db: None, get_json: GetJson
) -> None:
    insert_jobs(20, created_values=1)
    pages = walk_forward(get_json, list_url(page_size=10), 5)
    assert [len(page["results"]) for page in pages] == [10, 10]
    assert pages[-1]["next"] is None


def test_keyset_pagination_links_keep_other_params_and_are_absolute(
    dup_jobs: int, get_json: GetJson
) -> None:
    status, body = get_json(
        list_url(status="RUNNING,FAILED", search="job", ordering="name", page_size=5)
    )
    assert status == 200
    next_url = body["next"]
    assert next_url.startswith("http://testserver/api/jobs/?")
    for fragment in (
        "status=RUNNING%2CFAILED",
        "search=job",
        "ordering=name",
        "page_size=5",
        "cursor=",
    ):
        assert fragment in next_url
    status, second = get_json(next_url)
    assert status == 200
    assert second["previous"].startswith("http://testserver/api/jobs/?")
    assert "ordering=name" in second["previous"]


def test_keyset_pagination_empty_list_has_no_links(db: None, get_json: GetJson) -> None:
    status, body = get_json(LIST_URL)
    assert status == 200
    assert body == {"next": None, "previous": None, "results": []}


def _delete(job_ids: list[int]) -> None:
    Job.objects.filter(id__in=job_ids).delete()


def _touch(job_ids: list[int]) -> None:
    # A DBA-style write: the job moves to the top of -updated_at.
    with connection.cursor() as cursor:
        cursor.execute(
            "UPDATE jobs_job SET updated_at = now() + interval '1 day' "
            "WHERE id = ANY(%s)",
            [job_ids],
        )


@pytest.mark.parametrize("statuses", [None, "RUNNING,FAILED"])
@pytest.mark.parametrize("ordering", ORDERINGS)
def test_keyset_pagination_survives_writes_between_pages(
    db: None, get_json: GetJson, ordering: str, statuses: str | None
) -> None:
    insert_jobs(900)
    before = expected_ids(ordering, statuses)
    rng = random.Random(f"{ordering}/{statuses}")
    deleted: set[int] = set()
    modified: set[int] = set()
    walked: list[int] = []
    url: str | None = list_url(ordering=ordering, status=statuses, page_size=40)

    for _ in range(100):
        if url is None:
            break
        status, body = get_json(url)
        assert status == 200, body
        walked.extend(ids_of(body))
        url = body["next"]
        # Between two requests: new jobs with the same sort keys (some sort
        # before the cursor, some after, some tie with it), deletions of
        # rows already shown and not yet shown, and for -updated_at a few
        # modified rows.
        insert_jobs(15)
        untouched = [job_id for job_id in before if job_id not in deleted | modified]
        victims = rng.sample(untouched, k=min(4, len(untouched)))
        deleted.update(victims)
        _delete(victims)
        if ordering == "-updated_at":
            movers = rng.sample(untouched, k=min(2, len(untouched)))
            modified.update(set(movers) - deleted)
            _touch(movers)
    else:
        pytest.fail("the walk does not end")

    assert len(walked) == len(set(walked)), "a row was shown twice"
    untouched = [job_id for job_id in before if job_id not in deleted | modified]
    shown_untouched = [job_id for job_id in walked if job_id in set(untouched)]
    # Rows deleted after being shown were shown; only the untouched ones
    # are guaranteed, and exactly once, in order.
    assert shown_untouched == untouched


def test_keyset_pagination_empty_page_after_deletes_links_back(
    db: None, get_json: GetJson
) -> None:
    insert_jobs(10, created_values=1)
    expected = expected_ids("-created_at")
    status, first = get_json(list_url(page_size=4))
    assert status == 200
    # Everything after the first page disappears before "next" is followed.
    _delete(expected[4:])
    status, empty = get_json(first["next"])
    assert status == 200
    assert empty["results"] == []
    assert empty["next"] is None
    # "previous" steps back onto the rows shown before, the last one included.
    status, back = get_json(empty["previous"])
    assert status == 200
    assert ids_of(back) == expected[:4]
    assert back["previous"] is None


def test_keyset_pagination_empty_previous_page_links_forward(
    db: None, get_json: GetJson
) -> None:
    insert_jobs(10, created_values=1)
    expected = expected_ids("-created_at")
    status, first = get_json(list_url(page_size=4))
    status, second = get_json(first["next"])
    assert ids_of(second) == expected[4:8]
    _delete(expected[:4])
    status, empty = get_json(second["previous"])
    assert status == 200
    assert empty["results"] == []
    assert empty["previous"] is None
    status, again = get_json(empty["next"])
    assert status == 200
    assert ids_of(again) == expected[4:8]


@pytest.mark.parametrize(
    "name",
    [
        "\U0001f680" * 200,  # 200 astral characters: 800 bytes of UTF-8
        "\u6f22\u5b57" * 100,  # 200 CJK characters
        "\u0001" * 199 + "x",  # 200 characters JSON escapes as 6 each
        '"\\' * 100,  # 200 characters JSON escapes as 2 each
    ],
)
@pytest.mark.parametrize("ordering", ["name", "-name"])
def test_keyset_pagination_walks_over_longest_names(
    db: None, get_json: GetJson, name: str, ordering: str
) -> None:
    # The name is the cursor's key: a page ending on a 200-character
    # non-ASCII name must still give a next link the server accepts.
    Job.objects.bulk_create([Job(name=name) for _ in range(3)])
    expected = expected_ids(ordering)

    pages = walk_forward(get_json, list_url(ordering=ordering, page_size=1), 5)

    assert [job_id for page in pages for job_id in ids_of(page)] == expected
    assert walk_backward(get_json, pages[-1], 5) == expected
    assert all(len(page["next"] or "") < 4000 for page in pages)
