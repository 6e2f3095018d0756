"""OpenAPI (drf-spectacular) pieces of a keyset-paginated list."""

from __future__ import annotations

from typing import Any

_LINK_EXAMPLE = "http://api.example.org/api/jobs/?cursor=eyJ2IjozfQ"


def _link(description: str) -> dict[str, Any]:
    return {
        "type": "string",
        "format": "uri",
        "nullable": True,
        "description": description,
        "example": _LINK_EXAMPLE,
    }


def page_schema(results: dict[str, Any]) -> dict[str, Any]:
    """The page object: ``next``, ``previous`` (nullable URLs), ``results``."""
    return {
        "type": "object",
        "required": ["next", "previous", "results"],
        "properties": {
            "next": _link("Absolute URL of the next page; null on the last."),
            "previous": _link("Absolute URL of the previous page; null on the first."),
            "results": results,
        },
    }


def page_parameters(
    cursor_param: str, page_size_param: str, *, default: int, maximum: int
) -> list[dict[str, Any]]:
    """The ``cursor`` and ``page_size`` query parameters."""
    return [
        {
            "name": cursor_param,
            "required": False,
            "in": "query",
            "description": (
                "Opaque cursor from a `next`/`previous` link, valid only with "
                "the ordering it was issued for. A malformed cursor is a 400."
            ),
            "schema": {"type": "string"},
        },
        {
            "name": page_size_param,
            "required": False,
            "in": "query",
            "description": f"Rows per page, 1 to {maximum}; anything else is a 400.",
            "schema": {
                "type": "integer",
                "minimum": 1,
                "maximum": maximum,
                "default": default,
            },
        },
    ]
