"""``KeysetPagination``: DRF pagination by a seek on a composite index.

A page is one statement, ``WHERE (key..., id) < (last key..., last id)
ORDER BY key..., id LIMIT page_size + 1``: no OFFSET, no COUNT, a cost
that does not depend on the depth.  With a :class:`Partition` it is a
``UNION ALL`` of one such limited scan per value, merged and limited
again.  Why and sources: docs/architecture.md, "Keyset pagination".
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import Any, ClassVar, NamedTuple

from django.conf import settings
from django.core.exceptions import ValidationError as DjangoValidationError
from django.db import models
from rest_framework.pagination import BasePagination
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.utils.urls import replace_query_param

from core.db.expressions import RowValueCompare
from core.pagination import schema
from core.pagination.cursor import Cursor, decode_cursor, encode_cursor, invalid_cursor
from core.pagination.links import link_cursors
from core.pagination.params import parse_ordering, parse_page_size


class Partition(NamedTuple):
    """Serve the page per ``field = value``, one limited scan per value.

    The caller has already filtered by ``field__in=values``; with fewer
    than two values the page is a single scan.
    """

    field: str
    values: tuple[Any, ...]


class KeysetPagination(BasePagination):
    """Keyset pagination with opaque cursors and absolute next/previous links.

    Subclasses set ``orderings`` (name -> fields, all in one direction,
    tie-breaker ``id`` last), ``default_ordering`` and
    ``ordering_query_param`` (None: one ordering, no parameter).
    ``paginate_queryset`` returns at most ``page_size`` rows in order from
    one query; ``get_paginated_response`` answers ``{"next", "previous",
    "results"}``.

    Raises:
        rest_framework.exceptions.ValidationError: a bad ``cursor``,
            ``page_size`` or ``ordering`` (a 400 in the error envelope).
    """

    orderings: ClassVar[dict[str, tuple[str, ...]]] = {"-id": ("-id",)}
    default_ordering: ClassVar[str] = "-id"
    ordering_query_param: ClassVar[str | None] = None
    cursor_query_param: ClassVar[str] = "cursor"
    page_size_query_param: ClassVar[str] = "page_size"

    def __init__(self) -> None:
        self.request: Request | None = None
        self.page_size = page_size_default()
        self.ordering = self.default_ordering
        self.next_cursor: Cursor | None = None
        self.previous_cursor: Cursor | None = None

    def paginate_queryset(  # type: ignore[override]
        self,
        queryset: models.QuerySet[Any],
        request: Request,
        view: Any = None,
        *,
        partition: Partition | None = None,
    ) -> list[Any]:
        """Return one page of ``queryset`` from exactly one SQL query."""
        params = request.query_params
        self.request = request
        self.page_size = parse_page_size(
            params,
            self.page_size_query_param,
            default=page_size_default(),
            maximum=page_size_max(),
        )
        self.ordering = parse_ordering(
            params,
            self.ordering_query_param,
            allowed=self.orderings,
            default=self.default_ordering,
        )
        token = params.get(self.cursor_query_param)
        # An empty cursor is a bad cursor (a 400), not the first page.
        cursor = self.decode(token, queryset.model) if token is not None else None
        rows = list(self.build_page_queryset(queryset, cursor, partition))
        has_more = len(rows) > self.page_size
        rows = rows[: self.page_size]
        if cursor is not None and cursor.direction == "prev":
            rows.reverse()
        self.next_cursor, self.previous_cursor = link_cursors(
            self.ordering, self.key_fields(), rows, cursor, has_more
        )
        return rows

    def key_fields(self) -> list[str]:
        """The column names of the current ordering's key, ``id`` last."""
        return [field.lstrip("-") for field in self.orderings[self.ordering]]

    def decode(self, token: str, model: type[models.Model]) -> Cursor:
        """Decode ``token`` for the current ordering, key values typed."""
        columns = self.key_fields()
        cursor = decode_cursor(token, ordering=self.ordering, key_length=len(columns))
        try:
            key = tuple(
                model._meta.get_field(column).to_python(value)  # type: ignore[union-attr]
                for column, value in zip(columns, cursor.key, strict=True)
            )
        except (DjangoValidationError, TypeError, ValueError) as exc:
            raise invalid_cursor() from exc
        if not all(_valid_key_value(value) for value in key):
            raise invalid_cursor()
        return Cursor(cursor.ordering, cursor.direction, key, cursor.inclusive)

    def build_page_queryset(
        self,
        queryset: models.QuerySet[Any],
        cursor: Cursor | None,
        partition: Partition | None = None,
    ) -> models.QuerySet[Any]:
        """Return the one statement fetching ``page_size + 1`` rows.

        The rows come in walking order (reversed for a ``prev`` cursor).
        """
        backwards = cursor is not None and cursor.direction == "prev"
        order = [
            _flip(field) if backwards else field
            for field in self.orderings[self.ordering]
        ]
        limit = self.page_size + 1
        if cursor is not None:
            queryset = queryset.filter(_seek(queryset.model, order, cursor))
        if partition is None or len(partition.values) < 2:
            return queryset.order_by(*order)[:limit]
        first, *rest = (
            queryset.filter(**{partition.field: value}).order_by(*order)[:limit]
            for value in partition.values
        )
        return first.union(*rest, all=True).order_by(*order)[:limit]

    def _link(self, cursor: Cursor | None) -> str | None:
        if cursor is None or self.request is None:
            return None
        url = self.request.build_absolute_uri()
        return replace_query_param(url, self.cursor_query_param, encode_cursor(cursor))

    def get_next_link(self) -> str | None:
        """The absolute URL of the next page, or None on the last."""
        return self._link(self.next_cursor)

    def get_previous_link(self) -> str | None:
        """The absolute URL of the previous page, or None on the first."""
        return self._link(self.previous_cursor)

    def get_paginated_response(self, data: Any) -> Response:
        """``{"next": url | null, "previous": url | null, "results": data}``."""
        return Response(
            {
                "next": self.get_next_link(),
                "previous": self.get_previous_link(),
                "results": data,
            }
        )

    def get_paginated_response_schema(self, schema_: dict[str, Any]) -> dict[str, Any]:
        """OpenAPI (drf-spectacular) schema of the page around ``schema_``."""
        return schema.page_schema(schema_)

    def get_schema_operation_parameters(self, view: Any) -> list[dict[str, Any]]:
        """OpenAPI ``cursor`` and ``page_size``; the view documents ``ordering``."""
        return schema.page_parameters(
            self.cursor_query_param,
            self.page_size_query_param,
            default=page_size_default(),
            maximum=page_size_max(),
        )


def page_size_default() -> int:
    """Rows per page without ``page_size`` (``API_PAGE_SIZE_DEFAULT``, 50)."""
    return int(getattr(settings, "API_PAGE_SIZE_DEFAULT", 50))


def page_size_max() -> int:
    """Largest accepted ``page_size`` (``API_PAGE_SIZE_MAX``, 200)."""
    return int(getattr(settings, "API_PAGE_SIZE_MAX", 200))


def _flip(field: str) -> str:
    return field[1:] if field.startswith("-") else f"-{field}"


def _seek(
    model: type[models.Model], order: Sequence[str], cursor: Cursor
) -> RowValueCompare:
    # Every field of an ordering runs one way, so one row comparison says
    # "after the key" in walking order.
    operator = ("<" if order[0].startswith("-") else ">") + (
        "=" if cursor.inclusive else ""
    )
    columns = [field.lstrip("-") for field in order]
    fields = [model._meta.get_field(column) for column in columns]
    return RowValueCompare(columns, operator, cursor.key, fields)  # type: ignore[arg-type]


def _valid_key_value(value: Any) -> bool:
    # PostgreSQL text cannot hold NUL, bigint is 64 bits, a time must carry
    # its offset.
    if isinstance(value, str):
        return "\x00" not in value
    if isinstance(value, int):
        return -(2**63) <= value < 2**63
    if isinstance(value, datetime):
        return value.tzinfo is not None
    return value is not None
