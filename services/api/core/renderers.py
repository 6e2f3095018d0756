"""DRF's JSON renderer, byte for byte, on orjson.

Same bytes as ``rest_framework.renderers.JSONRenderer`` with the house
settings (UTF-8, compact, no NaN, U+2028/U+2029 escaped), rendered in C:
datetimes are formatted by orjson (ISO 8601, ``Z`` for UTC, microseconds
when non-zero: what DRF's encoder writes), so a list page can hand its
``values()`` rows over as they are.  Whatever orjson does not render the
same way (an ``indent`` asked for in ``Accept``, integers over 64 bits,
floats, types only DRF's encoder knows) goes to DRF's renderer.  The
equality is tested in ``core/tests/test_renderers.py``.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import orjson
from rest_framework.renderers import JSONRenderer

_OPTIONS = orjson.OPT_UTC_Z


def _unsupported(value: Any) -> Any:
    raise TypeError(type(value).__name__)


class FastJSONRenderer(JSONRenderer):
    """``JSONRenderer`` output, computed by orjson where it is the same."""

    def render(
        self,
        data: Any,
        accepted_media_type: str | None = None,
        renderer_context: Mapping[str, Any] | None = None,
    ) -> bytes:
        """Render ``data`` as DRF's ``JSONRenderer`` would."""
        if data is None:
            return b""
        if self.get_indent(accepted_media_type or "", renderer_context or {}):
            return super().render(data, accepted_media_type, renderer_context)
        try:
            out = orjson.dumps(data, default=_unsupported, option=_OPTIONS)
        except (orjson.JSONEncodeError, TypeError):
            return super().render(data, accepted_media_type, renderer_context)
        if b"\xe2\x80\xa8" in out or b"\xe2\x80\xa9" in out:
            out = out.replace(b"\xe2\x80\xa8", b"\\u2028")
            out = out.replace(b"\xe2\x80\xa9", b"\\u2029")
        return out
