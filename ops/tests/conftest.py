"""Shared helpers of the ops tests (make check, stage ops)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
import yaml

REPO = Path(__file__).resolve().parents[2]


def compose_builds() -> dict[str, tuple[Path, Path]]:
    """Service name -> (build context, Dockerfile) from docker-compose.yml."""
    compose = yaml.safe_load((REPO / "docker-compose.yml").read_text())
    builds = {}
    for name, service in compose["services"].items():
        build = service.get("build")
        if build is None:
            continue
        if isinstance(build, str):
            build = {"context": build}
        context = (REPO / build.get("context", ".")).resolve()
        builds[name] = (context, context / build.get("dockerfile", "Dockerfile"))
    return builds


@pytest.fixture(scope="session")
def nginx_bin() -> str:
    """The nginx binary (Debian: apt-get install nginx-light)."""
    path = shutil.which("nginx") or shutil.which("nginx", path="/usr/sbin")
    if path is None:
        pytest.fail("nginx is not installed (apt-get install nginx-light)")
    return path
