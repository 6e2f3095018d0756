"""Request body parsers of the API."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from rest_framework.exceptions import ParseError
from rest_framework.parsers import JSONParser


class StrictJSONParser(JSONParser):
    """DRF's JSON parser, with over-deep nesting refused as a ParseError.

    Python's ``json`` module raises ``RecursionError`` (not ``ValueError``)
    on arrays or objects nested past the interpreter's recursion limit, a
    few kilobytes of ``[`` in a body; DRF's parser lets it through as a 500.
    """

    def parse(
        self,
        stream: Any,
        media_type: str | None = None,
        parser_context: Mapping[str, Any] | None = None,
    ) -> Any:
        """Return the parsed body, or raise ParseError (a 400)."""
        try:
            return super().parse(stream, media_type, parser_context)
        except RecursionError as exc:
            raise ParseError("JSON parse error - nested too deeply") from exc
