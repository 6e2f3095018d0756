"""``FastJSONRenderer`` writes exactly the bytes of DRF's ``JSONRenderer``."""

from datetime import UTC, datetime, timedelta, timezone

from django.utils.translation import gettext_lazy
from hypothesis import given, settings
from hypothesis import strategies as st
from rest_framework.renderers import JSONRenderer

from core.renderers import FastJSONRenderer

INT64 = st.integers(min_value=-(2**63), max_value=2**63 - 1)
DATETIMES = st.datetimes(
    timezones=st.sampled_from([UTC, timezone(timedelta(hours=2)), None])
)
SCALARS = st.none() | st.booleans() | INT64 | st.text() | DATETIMES
VALUES = st.recursive(
    SCALARS,
    lambda inner: (
        st.lists(inner, max_size=4) | st.dictionaries(st.text(), inner, max_size=4)
    ),
    max_leaves=20,
)


def _both(data: object, accepted: str | None = None) -> tuple[bytes, bytes]:
    return (
        FastJSONRenderer().render(data, accepted),
        JSONRenderer().render(data, accepted),
    )


@settings(max_examples=300, deadline=None)
@given(VALUES)
def test_fast_renderer_matches_drf_bytes(data: object) -> None:
    fast, drf = _both(data)
    assert fast == drf


def test_fast_renderer_escapes_line_separators_like_drf() -> None:
    fast, drf = _both({"name": "a\u2028b\u2029c", "ctl": '\x00\x1f\x7f"\\'})
    assert fast == drf
    assert b"\\u2028" in fast


def test_fast_renderer_falls_back_where_orjson_differs() -> None:
    for data in (
        {"big": 2**70},
        {"lazy": gettext_lazy("Not found.")},
        {1: "int key"},
        None,
    ):
        fast, drf = _both(data)
        assert fast == drf
    fast, drf = _both(
        {"a": [1, {"b": datetime(2026, 1, 1, tzinfo=UTC)}]},
        "application/json; indent=4",
    )
    assert fast == drf
    assert b"\n    " in fast
