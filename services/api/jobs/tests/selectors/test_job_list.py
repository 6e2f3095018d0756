"""job_list: status and search filters, validated before they apply."""

import pytest
from django.http import QueryDict
from rest_framework.exceptions import ValidationError

from jobs.filters import JobFilter
from jobs.models import Job, JobStatus, StatusType
from jobs.selectors import job_list
from jobs.tests.factories import JobFactory, JobStatusFactory

ALLOWED = "PENDING, RUNNING, COMPLETED, FAILED, CANCELLED"


def make_job(name: str, status: str | None = StatusType.PENDING) -> Job:
    """Create a job whose latest status is ``status`` (None: no status)."""
    job = JobFactory(name=name)
    if status is None:
        JobStatus.objects.filter(job=job).delete()
    elif status != StatusType.PENDING:
        JobStatusFactory(job=job, status_type=status)
    job.refresh_from_db()
    assert job.current_status == status  # the trigger kept the read model
    return job


@pytest.fixture
def jobs_by_status(db: None) -> dict[str | None, Job]:
    """One job per status, plus one with no status left."""
    statuses: list[str | None] = [*StatusType.values, None]
    return {status: make_job(f"job {status}", status) for status in statuses}


def names(jobs: object) -> set[str]:
    return {job.name for job in jobs}  # type: ignore[attr-defined]


def test_job_list_without_filters_lists_every_job_newest_first(
    jobs_by_status: dict[str | None, Job],
) -> None:
    listed = list(job_list(filters=QueryDict("")))
    assert {job.id for job in listed} == {job.id for job in jobs_by_status.values()}
    keys = [(job.created_at, job.id) for job in listed]
    assert keys == sorted(keys, reverse=True)
    assert list(job_list()) == listed  # filters omitted


@pytest.mark.parametrize("status", StatusType.values)
def test_job_list_one_status_matches_current_status(
    jobs_by_status: dict[str | None, Job], status: str
) -> None:
    listed = list(job_list(filters=QueryDict(f"status={status}")))
    assert [job.id for job in listed] == [jobs_by_status[status].id]


@pytest.mark.parametrize(
    "query",
    [
        "status=RUNNING,FAILED",
        "status=RUNNING&status=FAILED",
        "status=FAILED&status=RUNNING,FAILED",
        "status=RUNNING,,FAILED,",
        "status=RUNNING, FAILED",
    ],
)
def test_job_list_several_statuses_comma_separated_or_repeated(
    jobs_by_status: dict[str | None, Job], query: str
) -> None:
    listed = job_list(filters=QueryDict(query))
    assert names(listed) == {"job RUNNING", "job FAILED"}


def test_job_list_several_statuses_from_a_plain_dict(
    jobs_by_status: dict[str | None, Job],
) -> None:
    assert names(job_list(filters={"status": "COMPLETED,CANCELLED"})) == {
        "job COMPLETED",
        "job CANCELLED",
    }
    assert names(job_list(filters={"status": ["PENDING", "RUNNING"]})) == {
        "job PENDING",
        "job RUNNING",
    }


@pytest.mark.parametrize("query", ["status=", "status=,", "status=%20,%20"])
def test_job_list_empty_status_is_refused(db: None, query: str) -> None:
    # Issue 17, point 12: the schema's status values are never empty; leave
    # the parameter out for every job.
    with pytest.raises(ValidationError) as raised:
        job_list(filters=QueryDict(query))
    assert "leave the parameter out" in str(raised.value.detail["status"][0])  # type: ignore[index,call-overload]


def test_job_list_status_filter_excludes_jobs_without_status(
    jobs_by_status: dict[str | None, Job],
) -> None:
    listed = job_list(filters={"status": ",".join(StatusType.values)})
    assert None not in {job.current_status for job in listed}
    assert len(listed) == len(StatusType.values)


@pytest.mark.parametrize(
    "query",
    ["status=FOO", "status=running", "status=RUNNING,BOGUS", "status=RUNNING&status=x"],
)
def test_job_list_unknown_status_raises_listing_allowed_values(
    jobs_by_status: dict[str | None, Job], query: str
) -> None:
    # Never an unfiltered (or partly filtered) list.
    with pytest.raises(ValidationError) as raised:
        job_list(filters=QueryDict(query))
    messages = raised.value.detail["status"]  # type: ignore[index,call-overload]
    assert ALLOWED in str(messages[0])


@pytest.fixture
def named_jobs(db: None) -> dict[str, Job]:
    names_ = [
        "Fluid Dynamics Simulation",
        "fluid-sim nightly",
        "Render frames",
        "100% done",
        "100 done",
        "snake_case job",
        "snakeXcase job",
    ]
    return {name: make_job(name) for name in names_}


@pytest.mark.parametrize(
    ("search", "expected"),
    [
        ("FLUID", {"Fluid Dynamics Simulation", "fluid-sim nightly"}),
        ("fluid", {"Fluid Dynamics Simulation", "fluid-sim nightly"}),
        ("d-s", {"fluid-sim nightly"}),
        ("ender", {"Render frames"}),
        ("0% d", {"100% done"}),  # % is a literal, not a wildcard
        ("e_c", {"snake_case job"}),  # so is _
        ("  fluid  ", {"Fluid Dynamics Simulation", "fluid-sim nightly"}),
        ("nothing like it", set()),
    ],
)
def test_job_list_search_is_a_case_insensitive_substring(
    named_jobs: dict[str, Job], search: str, expected: set[str]
) -> None:
    assert names(job_list(filters={"search": search})) == expected


def test_job_list_search_and_status_combine(named_jobs: dict[str, Job]) -> None:
    running = named_jobs["fluid-sim nightly"]
    JobStatusFactory(job=running, status_type=StatusType.RUNNING)
    listed = job_list(filters=QueryDict("search=fluid&status=RUNNING,FAILED"))
    assert [job.id for job in listed] == [running.id]


def test_job_list_absent_search_means_no_filter(named_jobs: dict[str, Job]) -> None:
    assert len(job_list(filters={})) == len(named_jobs)


def test_job_list_search_length_counts_the_term_as_sent(
    named_jobs: dict[str, Job],
) -> None:
    # At most 200 characters as sent (the schema's maxLength), then trimmed.
    with pytest.raises(ValidationError):
        job_list(filters={"search": " " * 10 + "fluid" + " " * 190})
    assert len(job_list(filters={"search": " fluid "})) == 2


@pytest.mark.parametrize(
    ("search", "message"),
    [
        ("a", "at least 3"),
        ("ab", "at least 3"),
        (" ab ", "at least 3"),
        ("", "at least 3 characters (got 0)"),
        ("   ", "at least 3 characters (got 0)"),
        ("x" * 201, "at most 200"),
        # No trigram for the index (issue 17, point 8): a 400, not a scan.
        ("%%%", "none the index can use"),
        ("a**", "none the index can use"),
        (" %%%%%% ", "none the index can use"),
    ],
)
def test_job_list_search_length_is_validated(
    db: None, search: str, message: str
) -> None:
    with pytest.raises(ValidationError) as raised:
        job_list(filters={"search": search})
    assert message in str(raised.value.detail["search"][0])  # type: ignore[index,call-overload]


def test_job_list_reports_every_bad_filter_at_once(db: None) -> None:
    with pytest.raises(ValidationError) as raised:
        job_list(filters=QueryDict("status=nope&search=ab"))
    assert set(raised.value.detail) == {"status", "search"}  # type: ignore[arg-type]


SEARCH_NAMES = [
    "ML Model Training #12",
    "Model Training",
    "train-model-0042",
    "a_b c.d/e#f",
    "aqb",  # the letters that stand for separators in the search key
    "AQB",
    "x-y_z",
    "Straße Rendering",
    "ÉCLAIR éclair",
    "100% done",
    "back\\slash",
    "  spaced   out  ",
]
SEARCH_TERMS = [
    "model training",
    "training model",
    "l m",
    "del tr",
    "n-m",
    "-model-",
    "a_b",
    "aqb",
    "a b",
    "c.d/e",
    "e#f",
    "#12",
    "x-y",
    "xqy",
    "STRASSE",
    "straße",
    "éclair",
    "0% d",
    "% d",
    "k\\s",
    "ced   o",
]


@pytest.mark.parametrize("term", SEARCH_TERMS)
def test_job_list_search_equals_icontains(db: None, term: str) -> None:
    # The search runs on the names' search keys (separators as letters);
    # the documented rule is Django's icontains, and the two must agree.
    for name in SEARCH_NAMES:
        JobFactory(name=name)
    expected = set(Job.objects.filter(name__icontains=term).values_list("name"))
    found = set(job_list(filters={"search": term}).values_list("name"))
    assert found == expected


def test_job_list_filtersets_share_no_filter_state() -> None:
    # Filters are copied shallowly per filterset (jobs.filters); each copy
    # must still belong to its own filterset, the search method included.
    first, second = JobFilter(data={}), JobFilter(data={})
    for name in ("status", "search"):
        assert first.filters[name] is not second.filters[name]
        assert first.filters[name].parent is first
        assert second.filters[name].parent is second
    assert first.filters["search"].filter.f is first.filters["search"]
    assert first.get_form_class() is second.get_form_class()
