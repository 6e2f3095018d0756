"""A cursor is bound to the filter (or job) it was issued for.

A cursor used under another status set, another search term or on another
job's history is a 400; the same filter spelled differently (order,
duplicates, commas or repeats, surrounding blanks) is the same query.
"""

from collections.abc import Callable
from typing import Any
from urllib.parse import parse_qs, quote, urlsplit

import pytest
from django.core import signing

from jobs.models import Job
from jobs.pagination import CURSOR_SALT, Cursor, KeysetPagination, scope_digest
from jobs.tests.factories import JobFactory, JobStatusFactory
from jobs.tests.pagination.conftest import insert_jobs

GetJson = Callable[[str], tuple[int, Any]]
FOREIGN = "issued for a different filter or job"


def cursor_of(url: str) -> str:
    """Return the ``cursor`` query parameter of a link."""
    return parse_qs(urlsplit(url).query)["cursor"][0]


def first_cursor(get_json: GetJson, query: str) -> tuple[str, list[int]]:
    """Return the next cursor of ``/api/jobs/?<query>`` and page 2's ids."""
    status, body = get_json(f"/api/jobs/?page_size=3&{query}")
    assert status == 200, body
    status, second = get_json(body["next"])
    assert status == 200, second
    return cursor_of(body["next"]), [row["id"] for row in second["results"]]


def assert_foreign(get_json: GetJson, url: str) -> None:
    status, body = get_json(url)
    assert status == 400, body
    assert FOREIGN in body["errors"]["cursor"][0], body
    assert FOREIGN in body["detail"]


@pytest.fixture
def jobs(db: None) -> None:
    insert_jobs(120)


@pytest.mark.parametrize(
    ("issued", "used"),
    [
        ("status=RUNNING", "status=FAILED"),
        ("status=RUNNING", "status=RUNNING,FAILED"),
        ("status=RUNNING,FAILED", "status=RUNNING"),
        ("status=RUNNING", ""),
        ("", "status=RUNNING"),
        ("search=job", "search=job+A"),
        ("search=job", ""),
        ("", "search=job"),
        ("search=job", "search=job&status=PENDING"),
        ("status=PENDING&search=job", "status=PENDING"),
    ],
)
def test_keyset_pagination_cursor_of_other_filter_is_400(
    jobs: None, get_json: GetJson, issued: str, used: str
) -> None:
    cursor, _ = first_cursor(get_json, issued)
    assert_foreign(get_json, f"/api/jobs/?page_size=3&{used}&cursor={cursor}")


@pytest.mark.parametrize(
    ("issued", "used"),
    [
        ("status=RUNNING,FAILED", "status=FAILED,RUNNING"),
        ("status=RUNNING,FAILED", "status=FAILED&status=RUNNING"),
        ("status=RUNNING&status=FAILED", "status=RUNNING,FAILED,RUNNING"),
        ("status=RUNNING,FAILED", "status=%20FAILED%20,,RUNNING&status=FAILED"),
        ("status=PENDING", "status=PENDING,PENDING"),
        ("", "status="),
        ("", "status=&search="),
        ("", "search=%20%20"),
        ("search=job+A", "search=%20job+A%20"),
        ("search=job&status=FAILED", "status=FAILED&search=job"),
    ],
)
def test_keyset_pagination_cursor_of_same_filter_otherwise_spelled_is_accepted(
    jobs: None, get_json: GetJson, issued: str, used: str
) -> None:
    cursor, expected = first_cursor(get_json, issued)
    status, body = get_json(f"/api/jobs/?page_size=3&{used}&cursor={cursor}")
    assert status == 200, body
    assert [row["id"] for row in body["results"]] == expected


def test_keyset_pagination_previous_link_keeps_the_binding(
    jobs: None, get_json: GetJson
) -> None:
    status, first = get_json("/api/jobs/?page_size=3&status=RUNNING")
    assert status == 200
    status, second = get_json(first["next"])
    assert status == 200
    previous = cursor_of(second["previous"])
    status, _ = get_json(f"/api/jobs/?page_size=3&status=RUNNING&cursor={previous}")
    assert status == 200
    assert_foreign(get_json, f"/api/jobs/?page_size=3&cursor={previous}")


def test_keyset_pagination_history_cursor_of_other_job_is_400(
    db: None, get_json: GetJson
) -> None:
    job_a, job_b = JobFactory(), JobFactory()
    for job in (job_a, job_b):
        JobStatusFactory(job=job)
        JobStatusFactory(job=job)
    status, body = get_json(f"/api/jobs/{job_a.id}/statuses/?page_size=1")
    assert status == 200
    cursor = cursor_of(body["next"])

    status, _ = get_json(f"/api/jobs/{job_a.id}/statuses/?page_size=1&cursor={cursor}")
    assert status == 200
    assert_foreign(
        get_json, f"/api/jobs/{job_b.id}/statuses/?page_size=1&cursor={cursor}"
    )


def _signed(payload: Any) -> str:
    return quote(signing.Signer(salt=CURSOR_SALT, sep=".").sign_object(payload))


def test_keyset_pagination_cursor_of_version_1_is_400(
    db: None, get_json: GetJson
) -> None:
    # The format before filter binding: refused, the client starts over.
    payload = {
        "v": 1,
        "l": "jobs",
        "o": "-created_at",
        "d": "next",
        "k": ["2026-01-01T00:00:00+00:00", 1],
    }
    status, body = get_json(f"/api/jobs/?cursor={_signed(payload)}")
    assert status == 400
    assert "version" in body["errors"]["cursor"][0]


@pytest.mark.parametrize("digest", [None, 7, ["x"], "", "not-the-digest"])
def test_keyset_pagination_cursor_with_bad_digest_is_400(
    db: None, get_json: GetJson, digest: Any
) -> None:
    payload = {
        "v": 2,
        "l": "jobs",
        "o": "-created_at",
        "d": "next",
        "f": digest,
        "k": ["2026-01-01T00:00:00+00:00", 1],
    }
    status, body = get_json(f"/api/jobs/?cursor={_signed(payload)}")
    assert status == 400, body
    assert body["errors"]["cursor"]


def test_keyset_pagination_binding_adds_no_query(
    job: Job, get_json: GetJson, django_assert_num_queries: Any
) -> None:
    insert_jobs(20)
    status, body = get_json("/api/jobs/?page_size=3&status=RUNNING,FAILED")
    assert status == 200
    with django_assert_num_queries(1):
        status, _ = get_json(body["next"])
    assert status == 200


def test_keyset_pagination_bound_cursor_round_trips(db: None) -> None:
    paginator = KeysetPagination()
    paginator.ordering = "name"
    paginator.scope = scope_digest({"status": ["RUNNING"], "search": ""})
    cursor = Cursor("jobs", "name", "next", ("job A", 42), scope=paginator.scope)
    assert paginator.decode_cursor(paginator.encode_cursor(cursor), Job) == cursor


def test_scope_digest_ignores_key_order_only() -> None:
    digest = scope_digest({"status": ["FAILED"], "search": "x"})
    assert digest == scope_digest({"search": "x", "status": ["FAILED"]})
    assert digest != scope_digest({"status": ["FAILED"], "search": "X"})
    assert digest != scope_digest(None)
    assert len(digest) == 12


def test_keyset_pagination_unbound_server_cursor_is_accepted_anywhere(
    jobs: None, get_json: GetJson
) -> None:
    # Tools with SECRET_KEY (benchmarks, plan tests) jump to a key with a
    # cursor bound to nothing; links never carry one.
    row = Job.objects.filter(current_status="RUNNING").order_by("-created_at", "-id")[0]
    token = KeysetPagination().encode_cursor(
        Cursor("jobs", "-created_at", "next", (row.created_at, row.id))
    )
    status, body = get_json(
        f"/api/jobs/?page_size=3&status=RUNNING&cursor={quote(token)}"
    )
    assert status == 200, body
    assert row.id not in [job["id"] for job in body["results"]]
    # The links of that page are bound again.
    link = signing.Signer(salt=CURSOR_SALT, sep=".").unsign_object(
        cursor_of(body["next"])
    )
    assert link["f"] == scope_digest({"status": ["RUNNING"], "search": ""})
