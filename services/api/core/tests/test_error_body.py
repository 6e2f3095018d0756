"""The error envelope always encodes, whatever input it echoes (issue 17, point 3)."""

import json

from rest_framework.renderers import JSONRenderer

from core.exceptions import error_body


def test_error_body_escapes_lone_surrogates_in_every_string() -> None:
    body = error_body("\ud800: Unknown field.", {"\udfff": ["bad \ud800"]})

    rendered = JSONRenderer().render(body)  # raised UnicodeEncodeError before

    assert json.loads(rendered) == {
        "detail": "\\ud800: Unknown field.",
        "errors": {"\\udfff": ["bad \\ud800"]},
    }


def test_error_body_keeps_valid_text_as_it_is() -> None:
    body = error_body("name: é 🚀", {"name": ["漢字"]})

    assert body == {"detail": "name: é 🚀", "errors": {"name": ["漢字"]}}
