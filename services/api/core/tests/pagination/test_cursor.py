"""The cursor codec: round trips, and one 400 for anything else."""

import base64
import json
from datetime import UTC, datetime
from typing import Any

import pytest
from rest_framework.exceptions import ValidationError

from core.pagination.cursor import (
    CURSOR_MAX_LENGTH,
    INVALID_CURSOR,
    Cursor,
    decode_cursor,
    encode_cursor,
)


def raw_token(payload: Any) -> str:
    """Encode any JSON value as a cursor token would be (for bad payloads)."""
    data = json.dumps(payload, ensure_ascii=False).encode()
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode()


def assert_invalid(token: str, ordering: str = "name", key_length: int = 2) -> None:
    with pytest.raises(ValidationError) as raised:
        decode_cursor(token, ordering=ordering, key_length=key_length)
    assert raised.value.detail == {"cursor": [INVALID_CURSOR]}


@pytest.mark.parametrize(
    "cursor",
    [
        Cursor("name", "prev", ("job A", 42), inclusive=True),
        Cursor("name", "next", ("Ünïcødé 🚀" * 20, 2**62)),
        Cursor("-created_at", "next", ("2026-03-01T12:00:00.000001+00:00", 7)),
    ],
)
def test_cursor_round_trips(cursor: Cursor) -> None:
    token = encode_cursor(cursor)
    decoded = decode_cursor(token, ordering=cursor.ordering, key_length=2)
    assert decoded == cursor
    assert "=" not in token


def test_cursor_encodes_datetimes_as_iso_8601_with_offset() -> None:
    moment = datetime(2026, 3, 1, 12, 0, 0, 1, tzinfo=UTC)
    token = encode_cursor(Cursor("-created_at", "next", (moment, 7)))
    decoded = decode_cursor(token, ordering="-created_at", key_length=2)
    assert decoded.key == ("2026-03-01T12:00:00.000001+00:00", 7)


def test_cursor_of_longest_name_fits() -> None:
    # 200 characters that JSON escapes (6 bytes each): the worst real key.
    token = encode_cursor(Cursor("name", "next", ("\x01" * 200, 2**63 - 1)))
    assert len(token) <= CURSOR_MAX_LENGTH


@pytest.mark.parametrize(
    "token",
    ["", "garbage!", "a.b", "A" * (CURSOR_MAX_LENGTH + 1), "////", "AAAA", "_w"],
)
def test_cursor_not_base64_json_is_invalid(token: str) -> None:
    assert_invalid(token)


def test_cursor_of_another_ordering_is_invalid() -> None:
    assert_invalid(encode_cursor(Cursor("-name", "next", ("a", 1))), ordering="name")


@pytest.mark.parametrize(
    "payload",
    [
        {"v": 3, "o": "name", "d": "next", "k": ["a"]},
        {"v": 3, "o": "name", "d": "next", "k": ["a", 1, 2]},
        {"v": 3, "o": "name", "d": "next", "k": ["a", None]},
        {"v": 3, "o": "name", "d": "next", "k": ["a", False]},
        {"v": 3, "o": "name", "d": "up", "k": ["a", 1]},
        {"v": 3, "o": "name", "d": "next", "k": ["a", 1], "i": 1},
        {"v": 3, "o": "name", "d": "next", "k": ["a", 1], "f": "digest"},
        {"o": "name", "d": "next", "k": ["a", 1]},
        "a string",
        17,
    ],
)
def test_cursor_with_wrong_content_is_invalid(payload: Any) -> None:
    assert_invalid(raw_token(payload))
