"""schemathesis hooks of ``python -m reliability.fuzz``: generators for the
schema's two custom string formats (loaded by ``schemathesis.toml``).

JSON Schema cannot say which strings these are, so the schema names a
``format`` and describes it; here each gets a generator of valid values,
as schemathesis documents for rules a schema cannot express:

* ``keyset-cursor``: a cursor as ``core.pagination.cursor`` makes them,
  with a random direction, key and inclusiveness; ``before_call`` then
  makes it for the ordering of the request it goes with (a cursor is valid
  only with the ordering that issued it, which no per-parameter format can
  know);
* ``search-term``: a term the list accepts: any text around 3 ASCII letters
  (so that, trimmed, it is 3 characters or more with a trigram), at most 200
  characters, no NUL.

``before_call`` also makes each ``Idempotency-Key`` of ``POST /api/jobs/``
unique: the same key would replay the first 201 of a job the fuzzer may
have deleted since, which its stateful check reads as "created resource
not found" (ST302).  Replays are tested in ``jobs/tests/conditional/``.
And it gives a case schemathesis calls positive a valid ``If-Match`` and
``Idempotency-Key``: its coverage phase fills these optional headers of a
negative case with a type violation (``0``), and the case becomes positive
once a real job id replaces the bad path parameter, the header unchecked.

Negative cases still come from the schema (pattern, lengths, enums).
"""

from __future__ import annotations

import base64
import binascii
import itertools
import json
from datetime import UTC, datetime
from typing import Any

import schemathesis
from hypothesis import strategies as st

from core.errors import ApplicationError
from core.idempotency import IDEMPOTENCY_KEY_FIELD_MAX_LENGTH, parse_idempotency_key
from core.pagination.cursor import DIRECTIONS, Cursor, encode_cursor
from core.preconditions import parse_if_match

LIST_PATH, HISTORY_PATH = "/api/jobs/", "/api/jobs/{job_id}/statuses/"
LIST_DEFAULT, HISTORY_ORDERING = "-created_at", "-timestamp"
LIST_ORDERINGS = ("-created_at", "created_at", "name", "-name", "-updated_at")

# Valid for every ordering: a time and an id (a name key may be any text).
_keys = st.tuples(
    st.datetimes(
        min_value=datetime(2000, 1, 1),
        max_value=datetime(2100, 1, 1),
        timezones=st.just(UTC),
    ).map(datetime.isoformat),
    st.integers(min_value=0, max_value=2**63 - 1),
)
cursors = st.builds(
    lambda direction, key, inclusive: encode_cursor(
        Cursor(LIST_DEFAULT, direction, key, inclusive)
    ),
    st.sampled_from(DIRECTIONS),
    _keys,
    st.booleans(),
)

_text = st.text(st.characters(exclude_categories=["Cs"], exclude_characters="\x00"))
search_terms = st.builds(
    lambda before, letters, after: (before + letters + after)[:200],
    _text.map(lambda text: text[:90]),
    st.text(
        st.sampled_from("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ"),
        min_size=3,
        max_size=10,
    ),
    _text.map(lambda text: text[:90]),
)

schemathesis.openapi.format("keyset-cursor", cursors)
schemathesis.openapi.format("search-term", search_terms)


def _reordered(token: str, ordering: str) -> str:
    """``token`` made for ``ordering`` if it is one of ours, else as it is."""
    try:
        payload = json.loads(base64.urlsafe_b64decode(token + "=" * (-len(token) % 4)))
    except (binascii.Error, UnicodeDecodeError, ValueError):
        return token
    if not isinstance(payload, dict) or payload.get("o") != LIST_DEFAULT:
        return token
    key = tuple(payload["k"])
    return encode_cursor(
        Cursor(ordering, payload["d"], key, bool(payload.get("i", False)))
    )


_KEY_SUFFIXES = itertools.count()
# Header -> (its parser, a valid value for a positive case).
_HEADERS = {
    "If-Match": (parse_if_match, "*"),
    "Idempotency-Key": (parse_idempotency_key, '"k"'),
}


def _valid(parse: Any, value: str) -> bool:
    try:
        parse(value)
    except ApplicationError:
        return False
    return True


def _fix_headers(case: Any) -> None:
    """Valid headers in positive cases, unique keys (see the module)."""
    headers = case.headers or {}
    positive = case.meta is not None and case.meta.generation.mode.is_positive
    for name, (parse, fallback) in _HEADERS.items():
        value = headers.get(name)
        if positive and isinstance(value, str) and not _valid(parse, value):
            headers[name] = fallback
    key = headers.get("Idempotency-Key")
    if case.operation.path != LIST_PATH or not isinstance(key, str):
        return
    suffix = f"-{next(_KEY_SUFFIXES)}"
    if len(key) + len(suffix) <= IDEMPOTENCY_KEY_FIELD_MAX_LENGTH and _valid(
        parse_idempotency_key, key
    ):
        headers["Idempotency-Key"] = f'{key[:-1]}{suffix}"'


@schemathesis.hook
def before_call(context: Any, case: Any, kwargs: dict[str, Any]) -> None:
    """Make a generated cursor for the ordering of the request it goes with.

    Every phase calls it, the coverage phase too (which no generation hook
    reaches).  A cursor that is not one of ours, or an ordering outside the
    contract (a negative case), is left as it is.
    """
    _fix_headers(case)
    query = case.query
    if not query or not isinstance(query.get("cursor"), str):
        return
    if case.operation.path == HISTORY_PATH:
        ordering = HISTORY_ORDERING
    elif case.operation.path == LIST_PATH:
        ordering = query.get("ordering", LIST_DEFAULT)
        if ordering not in LIST_ORDERINGS:
            return
    else:
        return
    query["cursor"] = _reordered(query["cursor"], ordering)
