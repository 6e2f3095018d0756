"""Keyset (cursor) pagination for the job list and a job's status history.

Every page is one SQL statement that seeks straight to its first row with a
row-value comparison on a composite index ending in ``id``, e.g.::

    WHERE (created_at, id) < (%s, %s)
    ORDER BY created_at DESC, id DESC
    LIMIT page_size + 1

so its cost depends on the page size, never on how deep the user has
scrolled or how big the table is: no ``OFFSET`` and no ``COUNT``.  The extra
row only tells whether another page exists.  ``id`` breaks ties, so rows
with equal sort keys are neither repeated nor skipped across pages.

A row-value comparison, unlike the equivalent
``a < x OR (a = x AND id < y)``, is one B-tree index condition: PostgreSQL
starts the index scan at the key instead of filtering from the start.

Sources:
    PostgreSQL manual, "Row Constructor Comparison" (9.24.5):
    https://www.postgresql.org/docs/current/functions-comparisons.html
    Markus Winand, "We need tool support for keyset pagination" and
    "Paging Through Results" (the seek method):
    https://use-the-index-luke.com/no-offset
    https://use-the-index-luke.com/sql/partial-results/fetch-next-page
"""

from __future__ import annotations

import base64
import hashlib
import json
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any, ClassVar, Self

from django.conf import settings
from django.core import signing
from django.core.exceptions import FieldDoesNotExist
from django.core.exceptions import ValidationError as DjangoValidationError
from django.db import models
from django.db.models import F, Func, Value
from rest_framework.exceptions import ValidationError
from rest_framework.pagination import BasePagination
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.utils.urls import replace_query_param

# 2: the payload carries "f", the digest of the filter or job it was issued
# for.  Version 1 cursors (no digest) are refused with a 400.
CURSOR_VERSION = 2
# One salt for every keyset list, so that a cursor of another list still
# verifies and can be refused with a precise message (its "list" differs).
CURSOR_SALT = "jobs.pagination.cursor"
PAGE_SIZE_DEFAULT = 50
PAGE_SIZE_MAX = 200
# ASCII digits only: ``\d`` and ``int()`` also take other scripts' digits.
_PAGE_SIZE_RE = re.compile(r"[0-9]{1,6}")
# Most cursors are about 170 characters.  The longest key is a 200-character
# name: at worst 6 bytes a character (JSON's \uXXXX escape of a control
# character), so a payload under 1,420 bytes and a token under 1,920
# characters.  Anything longer is not a cursor of ours.
CURSOR_MAX_LENGTH = 2048
# Bytes of the scope digest: 72 bits, 12 base64 characters.  It only has to
# tell scopes apart, not resist forgery: the whole payload is signed.
SCOPE_DIGEST_BYTES = 9


class RowValueCompare(Func):
    """SQL row-value comparison ``(a, b, ...) <op> (x, y, ...)``.

    PostgreSQL compares row constructors lexicographically and uses the
    whole comparison as one index condition on a B-tree whose leading
    columns are ``(a, b, ...)`` in one direction ("Row Constructor
    Comparison" in the manual).  ``columns`` are field names, ``values``
    the Python values in the same order; ``operator`` is one of ``<``,
    ``<=``, ``>``, ``>=``.
    """

    output_field = models.BooleanField()
    OPERATORS: ClassVar[frozenset[str]] = frozenset({"<", "<=", ">", ">="})

    def __init__(
        self,
        columns: Sequence[str],
        operator: str,
        values: Sequence[Any],
        output_fields: Sequence[models.Field[Any, Any]],
    ) -> None:
        if operator not in self.OPERATORS:
            raise ValueError(f"Unsupported row comparison operator {operator!r}.")
        if not len(columns) == len(values) == len(output_fields) > 0:
            raise ValueError("Row comparison needs as many values as columns.")
        self.operator = operator
        self.width = len(columns)
        super().__init__(
            *(F(column) for column in columns),
            *(
                Value(value, output_field=field)
                for value, field in zip(values, output_fields, strict=True)
            ),
        )

    def as_sql(  # type: ignore[override]
        self, compiler: Any, connection: Any, **extra_context: Any
    ) -> tuple[str, list[Any]]:
        """Render ``(lhs...) op (rhs...)`` with the values as parameters."""
        parts: list[str] = []
        params: list[Any] = []
        for expression in self.get_source_expressions():
            sql, expression_params = compiler.compile(expression)
            parts.append(sql)
            params.extend(expression_params)
        lhs = ", ".join(parts[: self.width])
        rhs = ", ".join(parts[self.width :])
        return f"({lhs}) {self.operator} ({rhs})", params


class KeysetQuerySet(models.QuerySet[Any]):
    """A QuerySet that remembers an equality partition for keyset pages.

    ``partition_by("current_status", ["RUNNING", "FAILED"])`` does not
    filter by itself (the caller already filtered with ``__in``); it tells
    :class:`KeysetPagination` to serve the page as a ``UNION ALL`` of one
    index-ordered, limited scan per value, merged and limited again, instead
    of letting PostgreSQL sort every matching row.  The hint survives
    further chaining (``filter``, ``order_by``, ...).
    """

    keyset_partition: tuple[str, tuple[Any, ...]] | None = None
    keyset_scope: Mapping[str, Any] | None = None

    def partition_by(self, field: str, values: Sequence[Any]) -> Self:
        """Return a copy that pages per ``field = value`` for each value."""
        clone = self.all()
        clone.keyset_partition = (field, tuple(dict.fromkeys(values)))
        return clone

    def bind_cursors(self, scope: Mapping[str, Any]) -> Self:
        """Return a copy whose cursors are valid only for ``scope``.

        ``scope`` is a JSON-serialisable, already normalized description
        of what the rows were selected by, e.g. ``{"status": ["FAILED",
        "RUNNING"], "search": "etl"}`` or ``{"job": 42}``.  The paginator
        signs its digest into every cursor it issues for this QuerySet and
        refuses a cursor whose digest differs (a 400).  Equal scopes must
        be equal objects: normalize before binding.
        """
        clone = self.all()
        clone.keyset_scope = scope
        return clone

    def _clone(self) -> Self:
        # Private hook, but the only one every chaining method goes through.
        clone: Self = super()._clone()  # type: ignore[misc]
        clone.keyset_partition = self.keyset_partition
        clone.keyset_scope = self.keyset_scope
        return clone


def scope_digest(scope: Mapping[str, Any] | None) -> str:
    """Return the short digest of a cursor scope (12 URL-safe characters).

    The digest is of canonical JSON (sorted keys, ASCII escapes), so equal
    mappings give equal digests whatever their key order.  ``None`` (a
    QuerySet bound to nothing) has a digest of its own.
    """
    canonical = json.dumps(scope, sort_keys=True, separators=(",", ":"))
    digest = hashlib.blake2b(canonical.encode(), digest_size=SCOPE_DIGEST_BYTES)
    return base64.urlsafe_b64encode(digest.digest()).decode()


@dataclass(frozen=True)
class Cursor:
    """A decoded cursor: where a page starts, relative to a key.

    ``direction`` is ``"next"`` (rows after ``key`` in the ordering) or
    ``"prev"`` (rows before it); ``inclusive`` also takes the row equal to
    ``key`` (used to step back from an empty page).  ``key`` holds the
    values of the ordering's fields, tie-breaker ``id`` last.  ``scope``
    is the :func:`scope_digest` of the filter or job the cursor was issued
    for; every link carries one.  ``None`` leaves the cursor unbound: only
    server-side tools that jump straight to a key (benchmarks, plan tests)
    make such cursors, with ``SECRET_KEY``; no client ever receives one.
    """

    list_name: str
    ordering: str
    direction: str
    key: tuple[Any, ...]
    inclusive: bool = False
    scope: str | None = None


class _CursorSerializer:
    """JSON for ``django.core.signing`` that keeps non-ASCII text as UTF-8.

    Django's ``JSONSerializer`` escapes every non-ASCII character as
    ``\\uXXXX`` (12 bytes for an emoji), which made the cursor of a page
    ending on a long non-ASCII name too long to be accepted back.  UTF-8 of
    ASCII JSON is the same bytes, so cursors issued before still decode.
    """

    def dumps(self, obj: Any) -> bytes:
        return json.dumps(obj, separators=(",", ":"), ensure_ascii=False).encode()

    def loads(self, data: bytes) -> Any:
        return json.loads(data.decode())


def _signer() -> signing.Signer:
    return signing.Signer(salt=CURSOR_SALT, sep=".")


def _cursor_error(message: str) -> ValidationError:
    return ValidationError({"cursor": [message]})


class KeysetPagination(BasePagination):
    """Keyset pagination of the job list with an opaque, signed cursor.

    Query parameters:
        ``cursor``: opaque token from a ``next``/``previous`` link.
        ``page_size``: rows per page, an integer from 1 to
        ``API_PAGE_SIZE_MAX`` (200), default ``API_PAGE_SIZE_DEFAULT``
        (50); anything else is a 400, never a silent clamp.
        ``ordering``: one of :attr:`orderings` (default ``-created_at``);
        each sorts by its field, then by ``id`` in the same direction.

    ``paginate_queryset`` returns ``list[Model]`` (at most ``page_size``
    rows, in the requested order) from exactly one SQL query: a seek on the
    composite index fetching ``page_size + 1`` rows.  When the QuerySet is a
    :class:`KeysetQuerySet` partitioned on several values (several
    statuses), that one statement is a ``UNION ALL`` of per-value
    ``ORDER BY ... LIMIT page_size + 1`` scans, then ordered and limited, so
    no more than ``values x (page_size + 1)`` rows are ever sorted.

    ``get_paginated_response`` answers
    ``{"next": url | null, "previous": url | null, "results": [...]}``.
    The links are absolute (``request.build_absolute_uri``) and keep every
    other query parameter.  ``previous`` walks backwards: the comparison and
    the order are reversed, then the fetched rows are put back in order.
    ``previous`` is null on the first page; after a ``next`` step it is
    always given (no extra query to check that the rows are still there).

    The cursor is URL-safe base64 of a small UTF-8 JSON object (version,
    list, ordering, direction, scope digest, key values; times as ISO-8601
    with their UTC offset, microseconds kept) signed with HMAC via
    ``django.core.signing`` (``SECRET_KEY``, so rotating the key
    invalidates open cursors: a 400).  The scope digest binds the cursor to
    the QuerySet's ``keyset_scope`` (see :meth:`KeysetQuerySet.bind_cursors`:
    the normalized filter of the job list, the job of a history), hashed so
    that a 200-character search term does not lengthen the cursor.  A
    tampered, truncated or garbage cursor, an old-version one, or one made
    for another ordering, another list (e.g. a job's status history) or
    another scope (other statuses or search, another job) raises
    ``ValidationError({"cursor": [...]})``.  Checking the digest costs no
    query.

    Guarantees: among rows that are not modified during the scroll, pages
    never repeat or skip a row, whatever is inserted or deleted between
    requests, because each page starts strictly after the last key shown.
    With ``-updated_at`` a job changed during the scroll gets a new
    ``updated_at`` and moves: it may show up again near the top, or not at
    all if it moved above the current position; every unmodified row is
    still shown exactly once.

    Raises:
        rest_framework.exceptions.ValidationError: bad ``cursor``,
            ``page_size`` or ``ordering`` (a 400 in the error envelope).

    Sources: PostgreSQL "Row Constructor Comparison"; Markus Winand, "We
    need tool support for keyset pagination" (use-the-index-luke.com).
    """

    list_name: ClassVar[str] = "jobs"
    orderings: ClassVar[dict[str, tuple[str, ...]]] = {
        "-created_at": ("-created_at", "-id"),
        "created_at": ("created_at", "id"),
        "name": ("name", "id"),
        "-name": ("-name", "-id"),
        "-updated_at": ("-updated_at", "-id"),
    }
    default_ordering: ClassVar[str] = "-created_at"
    ordering_query_param: ClassVar[str | None] = "ordering"
    cursor_query_param: ClassVar[str] = "cursor"
    page_size_query_param: ClassVar[str] = "page_size"

    def __init__(self) -> None:
        self.request: Request | None = None
        self.page_size = self.page_size_default()
        self.ordering = self.default_ordering
        # Digest of the scope of the QuerySet being paged (set per page).
        self.scope = scope_digest(None)
        self.next_cursor: Cursor | None = None
        self.previous_cursor: Cursor | None = None

    # -- settings ---------------------------------------------------------

    @staticmethod
    def page_size_default() -> int:
        """Return the default page size (rows)."""
        return int(getattr(settings, "API_PAGE_SIZE_DEFAULT", PAGE_SIZE_DEFAULT))

    @staticmethod
    def page_size_max() -> int:
        """Return the largest accepted page size (rows)."""
        return int(getattr(settings, "API_PAGE_SIZE_MAX", PAGE_SIZE_MAX))

    # -- request parsing --------------------------------------------------

    def get_page_size(self, request: Request) -> int:
        """Return ``page_size`` from the query, or raise ValidationError."""
        raw = request.query_params.get(self.page_size_query_param)
        if raw is None:
            return self.page_size_default()
        maximum = self.page_size_max()
        text = raw.strip()
        if _PAGE_SIZE_RE.fullmatch(text) and 1 <= int(text) <= maximum:
            return int(text)
        raise ValidationError(
            {
                self.page_size_query_param: [
                    f"page_size must be an integer from 1 to {maximum}; "
                    f"got {raw[:20]!r}."
                ]
            }
        )

    def get_ordering(self, request: Request) -> str:
        """Return the ordering name from the query, or raise ValidationError."""
        if self.ordering_query_param is None:
            return self.default_ordering
        raw = request.query_params.get(self.ordering_query_param)
        if raw is None or raw.strip() == "":
            return self.default_ordering
        if raw in self.orderings:
            return raw
        allowed = ", ".join(self.orderings)
        raise ValidationError(
            {
                self.ordering_query_param: [
                    f"Unknown ordering {raw[:40]!r}. Allowed values: {allowed}."
                ]
            }
        )

    # -- cursor encoding --------------------------------------------------

    def encode_cursor(self, cursor: Cursor) -> str:
        """Return the opaque, signed, URL-safe token for ``cursor``."""
        payload: dict[str, Any] = {
            "v": CURSOR_VERSION,
            "l": cursor.list_name,
            "o": cursor.ordering,
            "d": cursor.direction,
            "k": [_key_to_json(value) for value in cursor.key],
        }
        if cursor.scope is not None:
            payload["f"] = cursor.scope
        if cursor.inclusive:
            payload["i"] = 1
        return _signer().sign_object(payload, serializer=_CursorSerializer)

    def decode_cursor(self, token: str, model: type[models.Model]) -> Cursor:
        """Verify and decode ``token`` for this list, ordering and scope.

        ``self.ordering`` and ``self.scope`` (the digest of the paged
        QuerySet's ``keyset_scope``) must be set first, as
        :meth:`paginate_queryset` does.

        Raises:
            ValidationError: ``{"cursor": [message]}`` when the token is
                not one this list issued for ``self.ordering`` and
                ``self.scope``.
        """
        try:
            if len(token) > CURSOR_MAX_LENGTH:
                raise signing.BadSignature("cursor too long")
            payload = _signer().unsign_object(token, serializer=_CursorSerializer)
        except Exception as exc:  # BadSignature, bad base64/zlib/JSON, ...
            raise _cursor_error(
                "Invalid cursor: it is malformed, truncated or was altered. "
                "Use the next/previous links as given, or drop the cursor "
                "to start from the first page."
            ) from exc
        if not isinstance(payload, dict) or payload.get("v") != CURSOR_VERSION:
            raise _cursor_error(
                "Unsupported cursor version; drop the cursor to start again."
            )
        if payload.get("l") != self.list_name:
            raise _cursor_error(
                f"This cursor belongs to another list ({payload.get('l')!r}), "
                f"not to {self.list_name!r}."
            )
        if payload.get("o") != self.ordering:
            raise _cursor_error(
                f"This cursor was made for ordering {payload.get('o')!r}, "
                f"not {self.ordering!r}. Keep the cursor's ordering or drop "
                "the cursor."
            )
        scope = payload.get("f")
        if "f" in payload and scope != self.scope:
            raise _cursor_error(
                "This cursor was issued for a different filter or job; start "
                "again from the first page."
            )
        direction = payload.get("d")
        raw_key = payload.get("k")
        fields = self.orderings[self.ordering]
        if (
            direction not in ("next", "prev")
            or not isinstance(raw_key, list)
            or len(raw_key) != len(fields)
        ):
            raise _cursor_error("Invalid cursor: unexpected content.")
        try:
            key = tuple(
                _model_field(model, name.lstrip("-")).to_python(value)
                for name, value in zip(fields, raw_key, strict=True)
            )
        except (DjangoValidationError, FieldDoesNotExist, TypeError) as exc:
            raise _cursor_error("Invalid cursor: unexpected key values.") from exc
        if any(
            value is None
            or (isinstance(value, datetime) and value.tzinfo is None)
            # PostgreSQL text cannot hold NUL: no real key has one.
            or (isinstance(value, str) and "\x00" in value)
            for value in key
        ):
            raise _cursor_error("Invalid cursor: unexpected key values.")
        return Cursor(
            list_name=self.list_name,
            ordering=self.ordering,
            direction=direction,
            key=key,
            inclusive=bool(payload.get("i")),
            scope=scope,
        )

    # -- the page ---------------------------------------------------------

    def paginate_queryset(  # type: ignore[override]
        self, queryset: models.QuerySet[Any], request: Request, view: Any = None
    ) -> list[Any]:
        """Return one page of ``queryset`` (a list of model instances).

        Runs exactly one SQL query.  The links it prepares are bound to
        ``queryset.keyset_scope`` (None when the QuerySet has none).

        Raises:
            ValidationError: a bad ``cursor`` (including one issued for
                another scope), ``page_size`` or ``ordering``.
        """
        self.request = request
        self.page_size = self.get_page_size(request)
        self.ordering = self.get_ordering(request)
        self.scope = scope_digest(getattr(queryset, "keyset_scope", None))
        token = request.query_params.get(self.cursor_query_param)
        cursor = None
        if token is not None and token != "":
            cursor = self.decode_cursor(token, queryset.model)

        backwards = cursor is not None and cursor.direction == "prev"
        page_query = self.build_page_queryset(queryset, cursor)
        rows = list(page_query)
        has_more = len(rows) > self.page_size
        rows = rows[: self.page_size]
        if backwards:
            rows.reverse()
        self._set_links(rows, cursor, has_more)
        return rows

    def order_fields(self, *, backwards: bool) -> list[str]:
        """Return the ORDER BY fields, flipped when walking backwards."""
        fields = list(self.orderings[self.ordering])
        if backwards:
            fields = [_flip(field) for field in fields]
        return fields

    def build_page_queryset(
        self, queryset: models.QuerySet[Any], cursor: Cursor | None
    ) -> models.QuerySet[Any]:
        """Return the single-statement QuerySet that fetches one page.

        It yields up to ``page_size + 1`` rows in walking order (reversed
        for a ``prev`` cursor).  Exposed so plan tests can EXPLAIN it.
        """
        backwards = cursor is not None and cursor.direction == "prev"
        order = self.order_fields(backwards=backwards)
        limit = self.page_size + 1
        seeked = queryset
        if cursor is not None:
            seeked = queryset.filter(self._seek(queryset.model, order, cursor))
        partition = getattr(queryset, "keyset_partition", None)
        if partition is None or len(partition[1]) < 2:
            if partition is not None:
                field, values = partition
                seeked = seeked.filter(**{field: values[0]})
            return seeked.order_by(*order)[:limit]
        field, values = partition
        branches = [
            seeked.filter(**{field: value}).order_by(*order)[:limit] for value in values
        ]
        first, *rest = branches
        return first.union(*rest, all=True).order_by(*order)[:limit]

    def _seek(
        self, model: type[models.Model], order: list[str], cursor: Cursor
    ) -> RowValueCompare:
        # Every field of an ordering runs in one direction, so one row-value
        # comparison expresses "after the key" in walking order.
        descending = order[0].startswith("-")
        operator = "<" if descending else ">"
        if cursor.inclusive:
            operator += "="
        columns = [field.lstrip("-") for field in order]
        return RowValueCompare(
            columns,
            operator,
            cursor.key,
            [_model_field(model, column) for column in columns],
        )

    def _set_links(
        self, rows: list[Any], cursor: Cursor | None, has_more: bool
    ) -> None:
        fields = [field.lstrip("-") for field in self.orderings[self.ordering]]

        def key_of(row: Any) -> tuple[Any, ...]:
            return tuple(getattr(row, field) for field in fields)

        def make(direction: str, key: tuple[Any, ...], inclusive: bool) -> Cursor:
            return Cursor(
                self.list_name, self.ordering, direction, key, inclusive, self.scope
            )

        self.next_cursor = self.previous_cursor = None
        if cursor is None or cursor.direction == "next":
            if has_more:
                self.next_cursor = make("next", key_of(rows[-1]), False)
            if cursor is not None:
                if rows:
                    self.previous_cursor = make("prev", key_of(rows[0]), False)
                else:
                    # Empty page past the end: step back onto the last row
                    # shown before, which sits at the cursor's key.
                    self.previous_cursor = make("prev", cursor.key, True)
        else:
            if has_more:
                self.previous_cursor = make("prev", key_of(rows[0]), False)
            if rows:
                self.next_cursor = make("next", key_of(rows[-1]), False)
            else:
                self.next_cursor = make("next", cursor.key, True)

    # -- the response -----------------------------------------------------

    def _link(self, cursor: Cursor | None) -> str | None:
        if cursor is None or self.request is None:
            return None
        url = self.request.build_absolute_uri()
        return replace_query_param(
            url, self.cursor_query_param, self.encode_cursor(cursor)
        )

    def get_next_link(self) -> str | None:
        """Return the absolute URL of the next page, or None."""
        return self._link(self.next_cursor)

    def get_previous_link(self) -> str | None:
        """Return the absolute URL of the previous page, or None."""
        return self._link(self.previous_cursor)

    def get_paginated_response(self, data: Any) -> Response:
        """Return ``{"next", "previous", "results"}`` as a DRF Response."""
        return Response(
            {
                "next": self.get_next_link(),
                "previous": self.get_previous_link(),
                "results": data,
            }
        )

    # -- OpenAPI (drf-spectacular) -----------------------------------------

    def get_paginated_response_schema(self, schema: dict[str, Any]) -> dict[str, Any]:
        """Describe the page envelope around ``schema`` (the results array)."""
        example = f"http://api.example.org/api/{self.list_name}/?cursor=eyJ2IjoyfQ.sig"
        return {
            "type": "object",
            "required": ["next", "previous", "results"],
            "properties": {
                "next": {
                    "type": "string",
                    "format": "uri",
                    "nullable": True,
                    "description": "Absolute URL of the next page; null on the last.",
                    "example": example,
                },
                "previous": {
                    "type": "string",
                    "format": "uri",
                    "nullable": True,
                    "description": (
                        "Absolute URL of the previous page; null on the first."
                    ),
                    "example": example,
                },
                "results": schema,
            },
        }

    def get_schema_operation_parameters(self, view: Any) -> list[dict[str, Any]]:
        """Describe ``cursor``, ``page_size`` and ``ordering`` for OpenAPI."""
        parameters: list[dict[str, Any]] = [
            {
                "name": self.cursor_query_param,
                "required": False,
                "in": "query",
                "description": (
                    "Opaque cursor from a `next`/`previous` link, valid only "
                    "with the ordering and filters (or job) it was issued "
                    "for. A tampered, truncated or foreign cursor is a 400."
                ),
                "schema": {"type": "string"},
            },
            {
                "name": self.page_size_query_param,
                "required": False,
                "in": "query",
                "description": (
                    f"Rows per page, 1 to {self.page_size_max()}; anything "
                    "else is a 400."
                ),
                "schema": {
                    "type": "integer",
                    "minimum": 1,
                    "maximum": self.page_size_max(),
                    "default": self.page_size_default(),
                },
            },
        ]
        if self.ordering_query_param is not None:
            parameters.append(
                {
                    "name": self.ordering_query_param,
                    "required": False,
                    "in": "query",
                    "description": (
                        "Sort order; `id` breaks ties in the same direction. "
                        "With `-updated_at`, a job modified while scrolling "
                        "may move; rows not modified are never repeated or "
                        "skipped."
                    ),
                    "schema": {
                        "type": "string",
                        "enum": list(self.orderings),
                        "default": self.default_ordering,
                    },
                }
            )
        return parameters


class JobStatusHistoryPagination(KeysetPagination):
    """Keyset pagination of one job's statuses, newest first.

    Same contract as :class:`KeysetPagination` with a single ordering,
    ``(timestamp DESC, id DESC)`` on ``jobs_status_job_ts_idx``, and no
    ``ordering`` parameter.  A job-list cursor used here (or the reverse)
    is a 400, and so is a cursor of another job's history (the selector
    binds cursors to the job id).
    """

    list_name = "job-statuses"
    orderings = {"-timestamp": ("-timestamp", "-id")}
    default_ordering = "-timestamp"
    ordering_query_param = None


def _flip(field: str) -> str:
    return field[1:] if field.startswith("-") else f"-{field}"


def _model_field(model: type[models.Model], name: str) -> models.Field[Any, Any]:
    field = model._meta.get_field(name)
    if not isinstance(field, models.Field):
        raise FieldDoesNotExist(name)
    return field


def _key_to_json(value: Any) -> Any:
    if hasattr(value, "isoformat"):
        return value.isoformat()
    return value
