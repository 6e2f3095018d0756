"""What hadolint cannot know about this project's images.

Dockerfiles are read with `dockerfile` (BuildKit's own parser) and the build
contexts with docker-py's .dockerignore matcher, so a missing COPY source or
an ignore file that drops one fails here, without a Docker engine.
"""

from __future__ import annotations

import fnmatch
import json
from pathlib import Path

import dockerfile
import pytest
from docker.utils.build import exclude_paths

from conftest import REPO, compose_builds

BUILDS = compose_builds()


def context_files(context: Path, dockerfile_path: Path) -> set[str]:
    """Paths the builder receives: BuildKit prefers <Dockerfile>.dockerignore."""
    ignore = dockerfile_path.with_name(dockerfile_path.name + ".dockerignore")
    if not ignore.is_file():
        ignore = context / ".dockerignore"
    assert ignore.is_file(), f"{context.relative_to(REPO)} has no .dockerignore"
    patterns = [
        line.strip()
        for line in ignore.read_text().splitlines()
        if line.strip() and not line.startswith("#")
    ]
    return set(exclude_paths(str(context), patterns))


def copy_sources(dockerfile_path: Path) -> list[str]:
    """Sources of COPY/ADD from the build context (not --from another stage)."""
    sources = []
    for command in dockerfile.parse_file(str(dockerfile_path)):
        if command.cmd.upper() not in ("COPY", "ADD"):
            continue
        if any(flag.startswith("--from=") for flag in command.flags):
            continue
        sources.extend(command.value[:-1])
    return sources


@pytest.mark.parametrize("service", sorted(BUILDS))
def test_every_copy_source_is_in_the_build_context(service: str) -> None:
    context, dockerfile_path = BUILDS[service]
    files = context_files(context, dockerfile_path)
    for source in copy_sources(dockerfile_path):
        src = source.strip("/").removeprefix("./") or "."
        if src == ".":
            continue
        assert any(fnmatch.fnmatch(f, src) or f.startswith(src + "/") for f in files), (
            f"{dockerfile_path.relative_to(REPO)}: COPY {source} is missing from "
            f"the build context or excluded by its ignore file"
        )


@pytest.mark.parametrize("service", sorted(BUILDS))
def test_no_host_packages_enter_a_build_context(service: str) -> None:
    context, dockerfile_path = BUILDS[service]
    leaked = {
        f
        for f in context_files(context, dockerfile_path)
        if {"node_modules", ".venv", "__pycache__"} & set(Path(f).parts)
    }
    assert not leaked, sorted(leaked)[:5]


@pytest.mark.parametrize("tools", ["benchmarks", "reliability"])
def test_benchmark_and_reliability_tools_stay_out_of_the_api_image(tools: str) -> None:
    context, dockerfile_path = BUILDS["api"]
    files = context_files(context, dockerfile_path)
    assert (context / tools).is_dir()
    assert not [f for f in files if f.startswith(tools)]


def test_e2e_image_pins_playwright_as_the_lock_does() -> None:
    package = json.loads((REPO / "playwright/package.json").read_text())
    lock = json.loads((REPO / "playwright/package-lock.json").read_text())["packages"]
    locked = lock["node_modules/@playwright/test"]["version"]
    assert package["devDependencies"]["@playwright/test"] == locked
    assert lock["node_modules/playwright-core"]["version"] == locked
    _, dockerfile_path = BUILDS["e2e"]
    commands = dockerfile.parse_file(str(dockerfile_path))
    copied = [c.value for c in commands if c.cmd.upper() == "COPY"]
    assert any("package-lock.json" in value for value in copied)
    assert any("npm ci" in c.value[0] for c in commands if c.cmd.upper() == "RUN")
