"""Bad cursors, page sizes, orderings and filters answer a clear 400."""

from collections.abc import Callable
from typing import Any
from urllib.parse import parse_qs, urlsplit

import pytest

from core.pagination.cursor import INVALID_CURSOR
from core.tests.pagination.test_cursor import raw_token
from jobs.models import Job
from jobs.tests.factories import JobFactory, JobStatusFactory
from jobs.tests.pagination.conftest import insert_jobs

GetJson = Callable[[str], tuple[int, Any]]


def cursor_of(url: str) -> str:
    """Return the ``cursor`` query parameter of a link."""
    return parse_qs(urlsplit(url).query)["cursor"][0]


def assert_400(get_json: GetJson, url: str, field: str, *fragments: str) -> None:
    status, body = get_json(url)
    assert status == 400, body
    assert isinstance(body["detail"], str)
    assert body["detail"]
    messages = body["errors"][field]
    assert messages
    for fragment in fragments:
        assert fragment in messages[0], messages


@pytest.fixture
def list_cursor(db: None, get_json: GetJson) -> str:
    """A valid next-page cursor of the job list (default ordering)."""
    insert_jobs(5)
    status, body = get_json("/api/jobs/?page_size=2")
    assert status == 200
    return cursor_of(body["next"])


@pytest.fixture
def history_job(db: None) -> Job:
    """A job with three statuses."""
    job = JobFactory()
    JobStatusFactory(job=job)
    JobStatusFactory(job=job)
    return job


def test_keyset_pagination_valid_cursor_is_accepted(
    list_cursor: str, get_json: GetJson
) -> None:
    status, body = get_json(f"/api/jobs/?page_size=2&cursor={list_cursor}")
    assert status == 200
    assert len(body["results"]) == 2


def test_keyset_pagination_cursor_is_url_safe(list_cursor: str) -> None:
    allowed = set("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_")
    assert set(list_cursor) <= allowed


@pytest.mark.parametrize(
    "mangle",
    [
        pytest.param(lambda c: c[:-4], id="truncated-signature"),
        pytest.param(lambda c: c[: len(c) // 2], id="truncated-half"),
        pytest.param(
            lambda c: ("A" if c[3] != "A" else "B").join((c[:3], c[4:])),
            id="tampered-payload",
        ),
        pytest.param(lambda c: "garbage", id="garbage"),
        pytest.param(lambda c: "%25%00%ff", id="binary-garbage"),
        pytest.param(lambda c: "eyJ2IjoxfQ.AAAA", id="old-signed-format"),
        pytest.param(lambda c: c + c, id="doubled"),
        pytest.param(lambda c: c * 40, id="overlong"),
    ],
)
def test_keyset_pagination_bad_cursor_is_400(
    list_cursor: str, get_json: GetJson, mangle: Callable[[str], str]
) -> None:
    assert_400(
        get_json, f"/api/jobs/?cursor={mangle(list_cursor)}", "cursor", "Invalid cursor"
    )


def test_keyset_pagination_cursor_of_other_ordering_is_400(
    db: None, get_json: GetJson
) -> None:
    insert_jobs(5)
    status, body = get_json("/api/jobs/?page_size=2&ordering=name")
    assert status == 200
    cursor = cursor_of(body["next"])
    assert_400(
        get_json,
        f"/api/jobs/?ordering=-created_at&cursor={cursor}",
        "cursor",
        INVALID_CURSOR,
    )
    # Without an ordering the default (-created_at) applies: still foreign.
    assert_400(get_json, f"/api/jobs/?cursor={cursor}", "cursor", INVALID_CURSOR)


def test_keyset_pagination_history_cursor_on_job_list_is_400(
    history_job: Job, get_json: GetJson
) -> None:
    status, body = get_json(f"/api/jobs/{history_job.id}/statuses/?page_size=1")
    assert status == 200
    cursor = cursor_of(body["next"])
    assert_400(get_json, f"/api/jobs/?cursor={cursor}", "cursor", INVALID_CURSOR)


def test_keyset_pagination_job_list_cursor_on_history_is_400(
    history_job: Job, list_cursor: str, get_json: GetJson
) -> None:
    assert_400(
        get_json,
        f"/api/jobs/{history_job.id}/statuses/?cursor={list_cursor}",
        "cursor",
        INVALID_CURSOR,
    )


KEY = ["2026-01-01T00:00:00+00:00", 1]


@pytest.mark.parametrize(
    "payload",
    [
        {"v": 2, "o": "-created_at", "d": "next", "k": KEY},
        {"v": 3, "o": "-created_at", "d": "sideways", "k": KEY},
        {"v": 3, "o": "-created_at", "d": "next", "k": ["not a date", 1]},
        {"v": 3, "o": "-created_at", "d": "next", "k": [KEY[0], "x"]},
        {"v": 3, "o": "-created_at", "d": "next", "k": [KEY[0], True]},
        {"v": 3, "o": "-created_at", "d": "next", "k": [KEY[0], 1.5]},
        {"v": 3, "o": "-created_at", "d": "next", "k": [None, 1]},
        {"v": 3, "o": "-created_at", "d": "next", "k": [KEY[0]]},
        {"v": 3, "o": "-created_at", "d": "next", "k": {"a": 1}},
        {"v": 3, "o": "-created_at", "d": "next", "k": ["2026-01-01T00:00:00", 1]},
        {"v": 3, "o": "-created_at", "d": "next", "k": KEY, "i": "yes"},
        {"v": 3, "o": "-created_at", "d": "next", "k": KEY, "extra": 1},
        {"v": 3, "o": "-created_at", "d": "next", "k": [KEY[0], 2**63]},
        ["not", "an", "object"],
    ],
)
def test_keyset_pagination_well_formed_but_wrong_cursor_is_400(
    db: None, get_json: GetJson, payload: Any
) -> None:
    # Valid base64 JSON, wrong content (e.g. a future version): a 400 with
    # the one cursor message, never a 500.
    assert_400(
        get_json, f"/api/jobs/?cursor={raw_token(payload)}", "cursor", INVALID_CURSOR
    )


def test_keyset_pagination_cursor_with_nul_in_key_is_400(
    db: None, get_json: GetJson
) -> None:
    # PostgreSQL text cannot hold NUL, so no real key has one; psycopg
    # refuses to send it (a 500 before).
    payload = {"v": 3, "o": "name", "d": "next", "k": ["a\x00b", 1]}
    assert_400(
        get_json, f"/api/jobs/?ordering=name&cursor={raw_token(payload)}", "cursor"
    )


@pytest.mark.parametrize(
    "page_size",
    [
        "0",
        "201",
        "abc",
        "-1",
        "1.5",
        "",
        " ",
        "1e2",
        "99999999999",
        # Digits of other scripts (fullwidth 5, Arabic-Indic 3): int() takes
        # them, the contract does not.
        "%EF%BC%95",
        "%D9%A3",
    ],
)
def test_keyset_pagination_bad_page_size_is_400(
    db: None, get_json: GetJson, page_size: str
) -> None:
    assert_400(
        get_json, f"/api/jobs/?page_size={page_size}", "page_size", "from 1 to 200"
    )


@pytest.mark.parametrize("page_size", ["0", "201", "abc"])
def test_keyset_pagination_bad_page_size_on_history_is_400(
    history_job: Job, get_json: GetJson, page_size: str
) -> None:
    assert_400(
        get_json,
        f"/api/jobs/{history_job.id}/statuses/?page_size={page_size}",
        "page_size",
    )


@pytest.mark.parametrize(("page_size", "rows"), [("1", 1), ("200", 200), ("50", 50)])
def test_keyset_pagination_page_size_bounds_are_accepted(
    db: None, get_json: GetJson, page_size: str, rows: int
) -> None:
    insert_jobs(250)
    status, body = get_json(f"/api/jobs/?page_size={page_size}")
    assert status == 200
    assert len(body["results"]) == rows


def test_keyset_pagination_default_page_size_is_50(db: None, get_json: GetJson) -> None:
    insert_jobs(60)
    status, body = get_json("/api/jobs/")
    assert status == 200
    assert len(body["results"]) == 50


@pytest.mark.parametrize(
    "ordering", ["id", "-id", "status", "+name", "name,id", "CREATED_AT"]
)
def test_keyset_pagination_unknown_ordering_is_400_listing_allowed(
    db: None, get_json: GetJson, ordering: str
) -> None:
    assert_400(
        get_json,
        f"/api/jobs/?ordering={ordering}",
        "ordering",
        "-created_at, created_at, name, -name, -updated_at",
    )


@pytest.mark.parametrize(
    "status_param", ["FOO", "running", "RUNNING,BOGUS", "PENDING&status=nope"]
)
def test_job_list_unknown_status_is_400_listing_allowed(
    db: None, get_json: GetJson, status_param: str
) -> None:
    assert_400(
        get_json,
        f"/api/jobs/?status={status_param}",
        "status",
        "PENDING, RUNNING, COMPLETED, FAILED, CANCELLED",
    )


@pytest.mark.parametrize("search", ["a", "ab", "%20ab%20"])
def test_job_list_short_search_is_400(db: None, get_json: GetJson, search: str) -> None:
    assert_400(get_json, f"/api/jobs/?search={search}", "search", "at least 3")
