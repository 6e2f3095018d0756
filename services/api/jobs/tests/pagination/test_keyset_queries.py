"""One SQL query per page, no OFFSET or COUNT, and the OpenAPI hooks."""

from collections.abc import Callable
from typing import Any
from urllib.parse import urlencode

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from drf_spectacular.generators import SchemaGenerator
from rest_framework.request import Request
from rest_framework.test import APIRequestFactory

from core.pagination.cursor import encode_cursor
from core.pagination.keyset import Partition
from jobs.pagination import (
    JOB_ORDERINGS,
    JobListPagination,
    JobStatusHistoryPagination,
)
from jobs.selectors import job_list_query
from jobs.tests.pagination.conftest import insert_jobs

GetJson = Callable[[str], tuple[int, Any]]
FILTERS = [{}, {"status": "RUNNING"}, {"status": "RUNNING,FAILED"}, {"search": "job"}]


def _page_sql(params: dict[str, Any]) -> tuple[list[Any], list[str], JobListPagination]:
    request = Request(APIRequestFactory().get("/api/jobs/", params))
    paginator = JobListPagination()
    with CaptureQueriesContext(connection) as queries:
        jobs, partition = job_list_query(filters=request.query_params)
        page = paginator.paginate_queryset(jobs, request, partition=partition)
    return page, [query["sql"] for query in queries.captured_queries], paginator


@pytest.mark.parametrize("filters", FILTERS)
@pytest.mark.parametrize("ordering", list(JOB_ORDERINGS))
def test_keyset_pagination_page_is_one_query_without_offset_or_count(
    db: None, ordering: str, filters: dict[str, str]
) -> None:
    insert_jobs(300)
    params = {"ordering": ordering, "page_size": 20, **filters}
    page, sqls, paginator = _page_sql(params)
    assert len(page) == 20
    assert len(sqls) == 1
    assert "OFFSET" not in sqls[0].upper()
    assert "COUNT(" not in sqls[0].upper()
    assert "LIMIT 21" in sqls[0]

    # The next page too (it carries the row-value seek).
    assert paginator.next_cursor is not None
    params["cursor"] = encode_cursor(paginator.next_cursor)
    page, sqls, _ = _page_sql(params)
    assert len(sqls) == 1
    sql = sqls[0]
    assert "OFFSET" not in sql.upper()
    column = JOB_ORDERINGS[ordering][0].lstrip("-")
    assert f'("jobs_job"."{column}", "jobs_job"."id") ' in sql
    if filters.get("status") == "RUNNING,FAILED":
        assert sql.count("UNION ALL") == 1
        assert sql.count("LIMIT 21") == 3  # per status, then the merge


@pytest.mark.parametrize(
    "query",
    [
        "",
        "status=RUNNING,FAILED&ordering=name",
        "status=PENDING&status=COMPLETED&ordering=-updated_at&page_size=7",
        "search=job&ordering=created_at",
    ],
)
def test_job_list_api_page_is_one_query(
    db: None,
    get_json: GetJson,
    django_assert_num_queries: Any,
    query: str,
) -> None:
    insert_jobs(300)
    with django_assert_num_queries(1):
        status, body = get_json(f"/api/jobs/?{query}")
    assert status == 200
    assert body["next"] is not None
    with django_assert_num_queries(1):
        status, _ = get_json(body["next"])
    assert status == 200


def test_job_list_partitions_only_several_statuses_without_search(db: None) -> None:
    def partition(query: dict[str, str]) -> Partition | None:
        return job_list_query(filters=query).partition

    assert partition({}) is None
    assert partition({"status": "RUNNING"}) is None
    assert partition({"status": "RUNNING,FAILED"}) == (
        "current_status",
        ("RUNNING", "FAILED"),
    )
    assert partition({"status": "RUNNING,FAILED", "search": "abc"}) is None


def test_keyset_pagination_schema_hooks_describe_params_and_page() -> None:
    # The view documents ``ordering`` (with the filters); the paginator
    # only its own two parameters.
    parameters = JobListPagination().get_schema_operation_parameters(view=None)
    by_name = {parameter["name"]: parameter for parameter in parameters}
    assert set(by_name) == {"cursor", "page_size"}
    assert by_name["page_size"]["schema"] == {
        "type": "integer",
        "minimum": 1,
        "maximum": 200,
        "default": 50,
    }
    assert list(JOB_ORDERINGS) == [
        "-created_at",
        "created_at",
        "name",
        "-name",
        "-updated_at",
    ]
    history = JobStatusHistoryPagination().get_schema_operation_parameters(view=None)
    assert {parameter["name"] for parameter in history} == {"cursor", "page_size"}

    results = {"type": "array", "items": {"$ref": "#/components/schemas/Job"}}
    page = JobListPagination().get_paginated_response_schema(results)
    assert page["required"] == ["next", "previous", "results"]
    for link in ("next", "previous"):
        assert page["properties"][link]["nullable"] is True
        assert page["properties"][link]["format"] == "uri"
    assert page["properties"]["results"] == results


def test_keyset_pagination_schema_appears_in_openapi(db: None) -> None:
    schema = SchemaGenerator().get_schema(request=None, public=True)
    operation = schema["paths"]["/api/jobs/"]["get"]
    names = [parameter["name"] for parameter in operation["parameters"]]
    for name in ("cursor", "page_size", "ordering", "status", "search"):
        assert names.count(name) == 1, names
    (ordering,) = [p for p in operation["parameters"] if p["name"] == "ordering"]
    assert sorted(ordering["schema"]["enum"]) == sorted(JOB_ORDERINGS)
    assert ordering["schema"]["default"] == "-created_at"
    body = operation["responses"]["200"]["content"]["application/json"]["schema"]
    ref = body["$ref"].rsplit("/", 1)[-1]
    page = schema["components"]["schemas"][ref]
    assert set(page["properties"]) == {"next", "previous", "results"}
    history = schema["paths"]["/api/jobs/{job_id}/statuses/"]["get"]
    history_names = [parameter["name"] for parameter in history["parameters"]]
    assert "cursor" in history_names
    assert "ordering" not in history_names


def test_keyset_pagination_request_params_are_url_encoded_in_links(
    db: None, get_json: GetJson
) -> None:
    insert_jobs(30)
    query = urlencode({"search": "ob A ", "page_size": 1})
    status, body = get_json(f"/api/jobs/?{query}")
    assert status == 200
    assert "search=ob+A+" in body["next"]
    assert len(body["results"]) == 1
