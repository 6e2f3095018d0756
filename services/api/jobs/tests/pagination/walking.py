"""Follow next/previous links of a keyset-paginated list through the API."""

from collections.abc import Callable
from typing import Any

GetJson = Callable[[str], tuple[int, Any]]


def ids_of(body: dict[str, Any]) -> list[int]:
    return [row["id"] for row in body["results"]]


def walk_forward(get_json: GetJson, url: str, max_pages: int) -> list[dict[str, Any]]:
    """Follow ``next`` from ``url`` to the end; return every page body."""
    pages: list[dict[str, Any]] = []
    while url is not None:
        status, body = get_json(url)
        assert status == 200, body
        pages.append(body)
        assert len(pages) <= max_pages, "the walk does not end"
        url = body["next"]
    return pages


def walk_backward(
    get_json: GetJson, last_page: dict[str, Any], max_pages: int
) -> list[int]:
    """Follow ``previous`` from ``last_page`` to the start; return all ids."""
    pages = [ids_of(last_page)]
    url = last_page["previous"]
    while url is not None:
        status, body = get_json(url)
        assert status == 200, body
        assert body["next"] is not None
        pages.append(ids_of(body))
        assert len(pages) <= max_pages, "the backward walk does not end"
        url = body["previous"]
    return [job_id for page in reversed(pages) for job_id in page]
