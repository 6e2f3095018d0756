"""The web form trims a job name with the same blank characters as the API."""

import re
from pathlib import Path

import pytest

from jobs.models import NAME_BLANK_CHARACTERS

WEB_NAME_RULE = (
    Path(__file__).resolve().parents[4] / "apps/web/src/features/jobs/job-name.ts"
)


def _web_blank_characters() -> str:
    source = WEB_NAME_RULE.read_text(encoding="utf-8")
    match = re.search(r'JOB_NAME_BLANK_CHARACTERS =\s*"((?:\\u[0-9a-f]{4})+)"', source)
    assert match, f"no JOB_NAME_BLANK_CHARACTERS literal in {WEB_NAME_RULE}"
    return "".join(
        chr(int(code, 16)) for code in re.findall(r"\\u([0-9a-f]{4})", match[1])
    )


@pytest.mark.skipif(not WEB_NAME_RULE.exists(), reason="no web app beside the API")
def test_name_rule_web_blank_characters_equal_the_api() -> None:
    expected = "".join(f"\\u{ord(char):04x}" for char in NAME_BLANK_CHARACTERS)
    assert _web_blank_characters() == NAME_BLANK_CHARACTERS, (
        f'set JOB_NAME_BLANK_CHARACTERS in {WEB_NAME_RULE} to "{expected}"'
    )
