"""Every list query is an O(page) index walk: checked on EXPLAIN plans.

On 200,000 analysed jobs with the planner's default settings, each filter
(none, one status, two statuses) x ordering x page position (first page,
a deep page forwards, a deep page backwards) is run through ``job_list``
and ``JobListPagination`` exactly as the API does; the one SQL statement
they send is captured and run again under ``EXPLAIN (ANALYZE, FORMAT
JSON)``.  The plan must read ``jobs_job`` only through index scans that
return at most ``page_size + 1`` rows each and remove none by filter (the
seek is an index condition), with no Seq Scan and no Sort over more than
``statuses x (page_size + 1)`` rows.  Several statuses must be one limited
index scan per status, merged.  Search is the exception the issue allows:
a bitmap scan of the trigram index, then a small top-N sort.
"""

import json
from collections.abc import Iterator
from typing import Any

import pytest
from django.db import connection
from django.db.models import Value
from django.test.utils import CaptureQueriesContext
from rest_framework.request import Request
from rest_framework.test import APIRequestFactory

from core.pagination.cursor import Cursor, encode_cursor
from jobs.models import Job, name_search_key
from jobs.pagination import JOB_ORDERINGS, JobListPagination
from jobs.selectors import job_list, job_list_query
from jobs.serializers import JOB_FIELDS
from jobs.tests.plans.conftest import PlanTable
from jobs.trigrams import has_trigram

pytestmark = pytest.mark.django_db

PAGE_SIZE = 50
ORDERINGS = list(JOB_ORDERINGS)
STATUS_FILTERS = [None, "RUNNING", "RUNNING,FAILED"]
POSITIONS = ["first", "deep-next", "deep-prev"]
# How deep the "deep" page starts, as a fraction of the matching rows.
DEPTH = 0.9


def _nodes(plan: dict[str, Any]) -> Iterator[dict[str, Any]]:
    yield plan
    for child in plan.get("Plans", []):
        yield from _nodes(child)


def _filters(statuses: str | None, search: str | None) -> dict[str, str]:
    filters = {}
    if statuses:
        filters["status"] = statuses
    if search:
        filters["search"] = search
    return filters


def _deep_key(ordering: str, filters: dict[str, str]) -> tuple[Any, ...]:
    """Return the sort key of the row DEPTH of the way through the list."""
    fields = JOB_ORDERINGS[ordering]
    jobs = job_list(filters=filters).order_by(*fields)
    depth = int(jobs.count() * DEPTH)
    # OFFSET is fine here: it only finds a key to start from.
    row = jobs.values_list(*(field.lstrip("-") for field in fields))[depth]
    return tuple(row)


def _page_sql(
    ordering: str, filters: dict[str, str], position: str, page_size: int = PAGE_SIZE
) -> tuple[str, int]:
    """Run one page as the API does; return its SQL and row count."""
    params: dict[str, Any] = {"ordering": ordering, "page_size": page_size, **filters}
    if position != "first":
        direction = "next" if position == "deep-next" else "prev"
        key = _deep_key(ordering, filters)
        params["cursor"] = encode_cursor(Cursor(ordering, direction, key))
    request = Request(APIRequestFactory().get("/api/jobs/", params))
    paginator = JobListPagination()
    with CaptureQueriesContext(connection) as queries:
        jobs, partition = job_list_query(filters=request.query_params)
        # As the API reads a page: rows as dicts of the wire fields.
        rows = paginator.paginate_queryset(
            jobs.values(*JOB_FIELDS), request, partition=partition
        )
    assert len(queries.captured_queries) == 1
    return queries.captured_queries[0]["sql"], len(rows)


def _explain(sql: str) -> dict[str, Any]:
    with connection.cursor() as cursor:
        cursor.execute(f"EXPLAIN (ANALYZE, FORMAT JSON) {sql}")
        (raw,) = cursor.fetchone()
    document = json.loads(raw) if isinstance(raw, str) else raw
    return document[0]["Plan"]


def _render(plan: dict[str, Any], depth: int = 0) -> str:
    """Return a compact text plan for assertion messages."""
    line = "  " * depth + plan["Node Type"]
    for key in ("Index Name", "Relation Name", "Index Cond", "Filter"):
        if key in plan:
            line += f" [{key}: {plan[key]}]"
    line += f" (rows={plan.get('Actual Rows')} loops={plan.get('Actual Loops')})"
    children = [_render(child, depth + 1) for child in plan.get("Plans", [])]
    return "\n".join([line, *children])


def _rows(node: dict[str, Any]) -> int:
    return int(node["Actual Rows"]) * int(node["Actual Loops"])


@pytest.fixture(autouse=True)
def _default_planner_settings(plan_table: PlanTable) -> None:
    with connection.cursor() as cursor:
        for setting in ("enable_seqscan", "enable_sort", "enable_indexscan"):
            cursor.execute(f"SHOW {setting}")
            assert cursor.fetchone()[0] == "on"


@pytest.mark.parametrize("position", POSITIONS)
@pytest.mark.parametrize("statuses", STATUS_FILTERS)
@pytest.mark.parametrize("ordering", ORDERINGS)
def test_job_list_plan_is_an_index_walk_of_one_page(
    plan_table: PlanTable, ordering: str, statuses: str | None, position: str
) -> None:
    _assert_index_walk_of_one_page(ordering, statuses, position, PAGE_SIZE)


@pytest.mark.parametrize("statuses", STATUS_FILTERS)
@pytest.mark.parametrize("ordering", ORDERINGS)
def test_job_list_plan_is_an_index_walk_at_max_page_size(
    plan_table: PlanTable, ordering: str, statuses: str | None
) -> None:
    _assert_index_walk_of_one_page(ordering, statuses, "deep-prev", 200)


def _assert_index_walk_of_one_page(
    ordering: str, statuses: str | None, position: str, page_size: int
) -> None:
    filters = _filters(statuses, None)
    sql, row_count = _page_sql(ordering, filters, position, page_size)
    assert row_count == page_size  # a full page, deep or not
    plan = _explain(sql)
    shown = _render(plan)
    nodes = list(_nodes(plan))
    limit = page_size + 1
    branch_count = len(statuses.split(",")) if statuses else 1

    scans = [node for node in nodes if node.get("Relation Name") == "jobs_job"]
    assert scans, shown
    for scan in scans:
        # Index walks only: no Seq Scan, no bitmap heap scan of many rows.
        assert scan["Node Type"] in {"Index Scan", "Index Only Scan"}, shown
        # The seek and the status are index conditions: nothing is read
        # and thrown away, and no scan returns more than one page + 1.
        assert scan.get("Rows Removed by Filter", 0) == 0, shown
        assert _rows(scan) <= limit, shown
        if position != "first":
            assert "ROW(" in scan["Index Cond"], shown
        if statuses:
            assert "current_status" in scan["Index Cond"], shown

    for sort in (node for node in nodes if node["Node Type"] == "Sort"):
        assert _rows(sort["Plans"][0]) <= branch_count * limit, shown

    assert len(scans) == branch_count, shown
    if branch_count > 1:
        # Per-status limited scans merged, never a sort of all matches.
        assert any(node["Node Type"] in {"Merge Append", "Append"} for node in nodes), (
            shown
        )
        limited = [
            node
            for node in nodes
            if node["Node Type"] == "Limit"
            and node["Plans"][0].get("Relation Name") == "jobs_job"
        ]
        assert len(limited) == branch_count, shown
    assert _rows(plan) <= limit, shown


@pytest.mark.parametrize("position", ["first", "deep-next", "deep-prev"])
@pytest.mark.parametrize("statuses", [None, "COMPLETED,PENDING"])
@pytest.mark.parametrize("ordering", ORDERINGS)
def test_job_list_search_plan_uses_the_trigram_index(
    plan_table: PlanTable, ordering: str, statuses: str | None, position: str
) -> None:
    filters = _filters(statuses, plan_table.search_term)
    sql, _ = _page_sql(ordering, filters, position)
    assert "TRANSLATE(UPPER(" in sql
    plan = _explain(sql)
    shown = _render(plan)
    nodes = list(_nodes(plan))

    assert not [
        node
        for node in nodes
        if node["Node Type"] == "Seq Scan" and node.get("Relation Name") == "jobs_job"
    ], shown
    bitmap_scans = [node for node in nodes if node["Node Type"] == "Bitmap Index Scan"]
    assert plan_table.trigram_index in {node["Index Name"] for node in bitmap_scans}, (
        shown
    )
    # Only the matches are fetched and sorted (a top-N sort is fine).
    matches = job_list(filters=filters).count()
    assert matches < 200, "the search term should be selective"
    for sort in (node for node in nodes if node["Node Type"] == "Sort"):
        assert _rows(sort["Plans"][0]) <= matches, shown


@pytest.mark.parametrize("ordering", ["-created_at", "name"])
def test_job_list_absent_multiword_search_rechecks_no_row(
    plan_table: PlanTable, ordering: str
) -> None:
    # Both words are in 25,000 names ("train-model-0042"), never in this
    # order: the search key's trigrams span words, so the index alone
    # answers "none" instead of handing every such row to the recheck.
    filters = _filters(None, "model train")
    sql, _ = _page_sql(ordering, filters, "first")
    plan = _explain(sql)
    shown = _render(plan)
    nodes = list(_nodes(plan))
    bitmap_scans = [node for node in nodes if node["Node Type"] == "Bitmap Index Scan"]
    assert [node["Index Name"] for node in bitmap_scans] == [
        plan_table.trigram_index
    ], shown
    assert _rows(bitmap_scans[0]) == 0, shown
    assert job_list(filters=filters).count() == 0


# Accepted terms with few letters or digits (issue 17, point 8): has_trigram
# says pg_trgm extracts a trigram from each, so the index still narrows them.
FEW_LETTER_TERMS = ["(4)", "**a", "0% d", "k\\s", "---", "%%9"]


@pytest.mark.parametrize("term", FEW_LETTER_TERMS)
def test_job_list_search_with_few_letters_reads_no_table(
    plan_table: PlanTable, term: str
) -> None:
    sql, _ = _page_sql("-created_at", _filters(None, term), "first")
    plan = _explain(sql)
    nodes = list(_nodes(plan))

    assert not [
        node
        for node in nodes
        if node["Node Type"] == "Seq Scan" and node.get("Relation Name") == "jobs_job"
    ], _render(plan)
    assert plan_table.trigram_index in {node.get("Index Name") for node in nodes}, (
        _render(plan)
    )


@pytest.mark.parametrize("term", ["%%%", "a**", "+++"])
def test_job_list_search_without_a_trigram_would_read_the_table(
    plan_table: PlanTable, term: str
) -> None:
    # Why such terms are a 400 (jobs.trigrams.has_trigram): the query the
    # search runs, built past the validation, must examine every row.
    jobs = Job.objects.alias(search_key=name_search_key("name")).filter(
        search_key__contains=name_search_key(Value(term))
    )
    sql, params = jobs.order_by("-created_at", "-id")[:51].query.sql_with_params()
    with connection.cursor() as cursor:
        cursor.execute(f"EXPLAIN (ANALYZE, FORMAT JSON) {sql}", params)
        (raw,) = cursor.fetchone()
    plan = (json.loads(raw) if isinstance(raw, str) else raw)[0]["Plan"]
    removed = sum(
        int(node.get(key, 0)) * int(node.get("Actual Loops", 1))
        for node in _nodes(plan)
        for key in ("Rows Removed by Filter", "Rows Removed by Index Recheck")
    )

    assert not has_trigram(term)
    assert removed >= plan_table.job_count * 0.9, _render(plan)


def test_job_list_plan_table_is_big_enough(plan_table: PlanTable) -> None:
    with connection.cursor() as cursor:
        cursor.execute("SELECT reltuples FROM pg_class WHERE relname = 'jobs_job'")
        (estimated_rows,) = cursor.fetchone()
    assert estimated_rows >= 200_000  # ANALYZE ran on the seeded table
