"""OpenAPI (drf-spectacular) pieces of a keyset-paginated list."""

from __future__ import annotations

from typing import Any

from core.pagination.cursor import CURSOR_MAX_LENGTH

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
                "Opaque token copied from a `next` or `previous` link (format "
                f"`keyset-cursor`): 1 to {CURSOR_MAX_LENGTH} characters of "
                "unpadded URL-safe base64 (`A-Z a-z 0-9 - _`), valid only on the "
                "list and with the `ordering` that issued it. Any other value, "
                "empty included, is a 400 (`cursor: Invalid cursor: ...`); leave "
                "the parameter out for the first page. (No `pattern`: a string "
                "of that alphabet is still not a cursor.)"
            ),
            "schema": {
                "type": "string",
                "format": "keyset-cursor",
                "minLength": 1,
                "maxLength": CURSOR_MAX_LENGTH,
            },
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
