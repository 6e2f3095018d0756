"""The cursors of a page's ``next`` and ``previous`` links."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from core.pagination.cursor import Cursor


def row_key(row: Any, fields: Sequence[str]) -> tuple[Any, ...]:
    """The sort key of ``row`` (a model instance or a dict)."""
    if isinstance(row, dict):
        return tuple(row[field] for field in fields)
    return tuple(getattr(row, field) for field in fields)


def link_cursors(
    ordering: str,
    fields: Sequence[str],
    rows: Sequence[Any],
    cursor: Cursor | None,
    has_more: bool,
) -> tuple[Cursor | None, Cursor | None]:
    """Return ``(next, previous)`` for ``rows`` (in display order).

    ``has_more``: a row exists beyond the page in walking direction.
    ``previous`` is None only on the first page; after a ``next`` step it is
    always given (no query checks the rows are still there).  From an empty
    page the link steps back onto the cursor's own key, inclusively.
    """

    def make(direction: str, key: tuple[Any, ...], inclusive: bool = False) -> Cursor:
        return Cursor(ordering, direction, key, inclusive)

    first = make("prev", row_key(rows[0], fields)) if rows else None
    last = make("next", row_key(rows[-1], fields)) if rows else None
    if cursor is None:
        return (last if has_more else None), None
    if cursor.direction == "next":
        previous = first or make("prev", cursor.key, True)
        return (last if has_more else None), previous
    following = last or make("next", cursor.key, True)
    return following, (first if has_more else None)
