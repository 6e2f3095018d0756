"""Request body parsers of the API."""

from __future__ import annotations

import codecs
import re
from collections.abc import Mapping
from typing import Any

from rest_framework.exceptions import ParseError
from rest_framework.parsers import (  # type: ignore[attr-defined]  # not in the stubs
    JSONParser,
    get_encoding,
)
from rest_framework.utils import json

# A surrogate code point left alone after decoding: JSON's ``\ud800``
# escape without its pair.  It is not Unicode text: no UTF-8 encoder (the
# renderer's, psycopg's) can write it.
_SURROGATE = re.compile("[\ud800-\udfff]")


class StrictJSONParser(JSONParser):
    """DRF's JSON parser, refusing what it would let through as a 500.

    Over-deep nesting: Python's ``json`` raises ``RecursionError`` (not
    ``ValueError``) on arrays or objects nested past the recursion limit, a
    few kilobytes of ``[``.  A lone surrogate in any key or string
    (``{"\\ud800": 1}``): echoed in an error message or stored, it would
    fail to encode.  A key given twice in one object (``{"name": "a",
    "name": "b"}``): Python keeps the last value, another reader the first.
    All three are a ParseError (a 400).
    """

    def parse(
        self,
        stream: Any,
        media_type: str | None = None,
        parser_context: Mapping[str, Any] | None = None,
    ) -> Any:
        """Return the parsed body, or raise ParseError (a 400)."""
        # DRF's JSONParser.parse, with the duplicate-key hook.
        encoding = get_encoding(parser_context or {})
        try:
            data = json.load(
                codecs.getreader(encoding)(stream),  # type: ignore[arg-type]
                parse_constant=json.strict_constant if self.strict else None,
                object_pairs_hook=_object_without_duplicate_keys,
            )
        except RecursionError as exc:
            raise ParseError("JSON parse error - nested too deeply") from exc
        except ValueError as exc:
            raise ParseError(f"JSON parse error - {exc}") from exc
        surrogate = _lone_surrogate(data)
        if surrogate is not None:
            raise ParseError(
                f"JSON parse error - a string holds a lone surrogate "
                f"(\\u{ord(surrogate):04x}), which is not Unicode text"
            )
        return data


def _object_without_duplicate_keys(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
    """The object of ``pairs``; ValueError naming a key given twice."""
    data = dict(pairs)
    if len(data) != len(pairs):
        seen: set[str] = set()
        for key, _ in pairs:
            if key in seen:
                raise ValueError(f"duplicate key {key[:40]!r}")
            seen.add(key)
    return data


def _lone_surrogate(data: Any) -> str | None:
    """The first lone surrogate in any key or string of ``data``, if any."""
    pending = [data]
    while pending:
        item = pending.pop()
        if isinstance(item, str):
            found = _SURROGATE.search(item)
            if found:
                return found.group()
        elif isinstance(item, dict):
            pending.extend(item)
            pending.extend(item.values())
        elif isinstance(item, list):
            pending.extend(item)
    return None
