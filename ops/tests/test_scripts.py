"""The house rule for ops/scripts (issue 15): under 900 lines of bash.

Process supervision belongs to honcho (Procfile.dev, Procfile.bench) and to
Playwright's webServer, not to new shell code; ShellCheck lints what is left
(ops/scripts/check-ops.sh).
"""

from conftest import REPO

BASH_LINES_MAX = 900


def test_ops_scripts_stay_under_900_lines_of_bash() -> None:
    lines = sum(len(p.read_text().splitlines()) for p in (REPO / "ops/scripts").glob("*.sh"))
    assert lines < BASH_LINES_MAX, f"ops/scripts/*.sh: {lines} lines of bash"
