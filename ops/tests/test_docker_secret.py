"""`make up` without a .env never runs on the published example key (issue 17, point 13).

ops/scripts/docker-lib.sh's compose_main/compose_test, on .env.example, pass a
random key kept in a file; a stand-in compose prints the key it was given.
"""

from __future__ import annotations

import os
import stat
import subprocess
from pathlib import Path

from conftest import REPO

SCRIPT = """
set -euo pipefail
source ops/scripts/lib.sh
source ops/scripts/docker-lib.sh
GENERATED_SECRET_FILE="$SECRET_FILE"
COMPOSE="$FAKE_COMPOSE"
docker_main_env_file() { echo "$ENV_EXAMPLE_FILE"; }
compose_main ps
compose_main ps
compose_test ps
DJANGO_SECRET_KEY=from-the-environment compose_main ps
"""


def _keys(tmp_path: Path) -> list[str]:
    fake = tmp_path / "compose"
    fake.write_text('#!/bin/sh\necho "$DJANGO_SECRET_KEY"\n')
    fake.chmod(0o755)
    env = {k: v for k, v in os.environ.items() if k != "DJANGO_SECRET_KEY"}
    env.update(SECRET_FILE=str(tmp_path / "secret"), FAKE_COMPOSE=str(fake))
    result = subprocess.run(
        ["bash", "-c", SCRIPT], cwd=REPO, env=env, capture_output=True, text=True
    )
    assert result.returncode == 0, result.stderr
    return result.stdout.split()


def _example_key() -> str:
    for line in (REPO / ".env.example").read_text().splitlines():
        if line.startswith("DJANGO_SECRET_KEY="):
            return line.partition("=")[2]
    raise AssertionError(".env.example names no DJANGO_SECRET_KEY")


def test_stack_without_env_gets_a_random_kept_key(tmp_path: Path) -> None:
    first, second, test_stack, overridden = _keys(tmp_path)

    assert len(first) == 64
    assert set(first) <= set("0123456789abcdef")
    assert first != _example_key()
    assert second == test_stack == first
    assert overridden == "from-the-environment"
    mode = stat.S_IMODE((tmp_path / "secret").stat().st_mode)
    assert mode == 0o600
    assert (tmp_path / "secret").read_text() == first


def test_generated_key_file_is_git_ignored() -> None:
    result = subprocess.run(
        ["git", "check-ignore", "-q", ".django-secret-key"], cwd=REPO, check=False
    )
    assert result.returncode == 0
