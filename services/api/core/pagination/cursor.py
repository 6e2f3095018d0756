"""The cursor codec: URL-safe base64 of a small JSON object, no padding.

Payload (format version 3)::

    {"v": 3, "o": "-created_at", "d": "next", "k": ["2026-...+00:00", 42]}

``o`` the ordering name, ``d`` ``"next"`` or ``"prev"``, ``k`` the last
row's sort key as JSON values (times as ISO 8601 with offset), ``"i":
true`` when the row equal to the key is included.  The cursor is not
signed: it only says where a page starts, any key yields a well-defined
page, and every field is validated here or by the paginator (one 400).
"""

from __future__ import annotations

import base64
import binascii
import json
import re
from dataclasses import dataclass
from typing import Any

from rest_framework.exceptions import ValidationError

CURSOR_VERSION = 3
# Most cursors are about 100 characters; the longest key is a 200-character
# name (at most 4 UTF-8 bytes a character, 6 for a JSON escape).
CURSOR_MAX_LENGTH = 2048
INVALID_CURSOR = (
    "Invalid cursor: use the next/previous links as given (the cursor is "
    "valid only with the ordering it was made for), or drop it to start "
    "from the first page."
)
_TOKEN_RE = re.compile(r"[A-Za-z0-9_-]+")
_KEYS = frozenset({"v", "o", "d", "k", "i"})
DIRECTIONS = ("next", "prev")


@dataclass(frozen=True, slots=True)
class Cursor:
    """Where a page starts: after (``next``) or before (``prev``) ``key``.

    ``key`` holds the ordering's field values, tie-breaker ``id`` last;
    ``inclusive`` also takes the row equal to ``key`` (stepping back from an
    empty page).
    """

    ordering: str
    direction: str
    key: tuple[Any, ...]
    inclusive: bool = False


def invalid_cursor() -> ValidationError:
    """The one 400 of every bad cursor: ``{"cursor": [INVALID_CURSOR]}``."""
    return ValidationError({"cursor": [INVALID_CURSOR]})


def encode_cursor(cursor: Cursor) -> str:
    """Return the URL-safe token of ``cursor`` (datetimes as ISO 8601)."""
    payload: dict[str, Any] = {
        "v": CURSOR_VERSION,
        "o": cursor.ordering,
        "d": cursor.direction,
        "k": [_to_json(value) for value in cursor.key],
    }
    if cursor.inclusive:
        payload["i"] = True
    data = json.dumps(payload, separators=(",", ":"), ensure_ascii=False)
    return base64.urlsafe_b64encode(data.encode()).rstrip(b"=").decode("ascii")


def decode_cursor(token: str, *, ordering: str, key_length: int) -> Cursor:
    """Return the cursor in ``token`` if it was made for ``ordering``.

    The key is returned as JSON values; the caller converts them to the
    fields' types.

    Raises:
        ValidationError: ``invalid_cursor()`` for anything that is not a
            version-3 cursor of ``ordering`` with ``key_length`` values.
    """
    payload = _payload(token)
    key = payload.get("k")
    inclusive = payload.get("i", False)
    if (
        set(payload) - _KEYS
        or payload.get("v") != CURSOR_VERSION
        or payload.get("o") != ordering
        or payload.get("d") not in DIRECTIONS
        or not isinstance(key, list)
        or len(key) != key_length
        or not all(type(value) in (str, int) for value in key)
        or not isinstance(inclusive, bool)
    ):
        raise invalid_cursor()
    return Cursor(ordering, payload["d"], tuple(key), inclusive)


def _payload(token: str) -> dict[str, Any]:
    if len(token) > CURSOR_MAX_LENGTH or not _TOKEN_RE.fullmatch(token):
        raise invalid_cursor()
    try:
        data = base64.urlsafe_b64decode(token + "=" * (-len(token) % 4))
        payload = json.loads(data.decode())
    except (binascii.Error, UnicodeDecodeError, ValueError) as exc:
        raise invalid_cursor() from exc
    if not isinstance(payload, dict):
        raise invalid_cursor()
    return payload


def _to_json(value: Any) -> Any:
    return value.isoformat() if hasattr(value, "isoformat") else value
