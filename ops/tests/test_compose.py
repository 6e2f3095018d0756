"""The compose files as `docker compose config` resolves them (JSON).

Needs a Compose v2 client (no daemon): skipped where none is installed.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
from typing import Any

import pytest

from conftest import REPO

if (
    shutil.which("docker") is None
    or subprocess.run(["docker", "compose", "version"], capture_output=True).returncode
):
    pytest.skip(
        "no Docker Compose v2 client here (docker compose): compose files not checked",
        allow_module_level=True,
    )

MAIN = ["-f", "docker-compose.yml"]
PUBLISH = [*MAIN, "-f", "ops/docker/compose.publish.yml"]
TEST = [*MAIN, "-f", "ops/docker/compose.test.yml"]


def compose(*args: str, env_file: str = ".env.example", **kw: Any) -> subprocess.CompletedProcess:
    env = {
        k: v
        for k, v in os.environ.items()
        if not k.startswith(("COMPOSE_", "DJANGO_", "POSTGRES_"))
    }
    return subprocess.run(
        ["docker", "compose", "--env-file", env_file, *args],
        cwd=REPO,
        capture_output=True,
        text=True,
        env=env,
        **kw,
    )


def config(files: list[str]) -> dict[str, Any]:
    result = compose(*files, "--profile", "test", "config", "--format", "json")
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)["services"]


def test_services_start_in_order_once_their_dependency_is_ready() -> None:
    services = config(PUBLISH)
    order = {name: s.get("depends_on", {}) for name, s in services.items()}
    assert order == {
        "db": {},
        "migrate": {"db": {"condition": "service_healthy", "required": True}},
        "api": {"migrate": {"condition": "service_completed_successfully", "required": True}},
        "worker": {"migrate": {"condition": "service_completed_successfully", "required": True}},
        "events": {"migrate": {"condition": "service_completed_successfully", "required": True}},
        "web": {
            "api": {"condition": "service_healthy", "required": True},
            "events": {"condition": "service_healthy", "required": True},
        },
        "e2e": {"web": {"condition": "service_healthy", "required": True}},
    }
    checked = {n for n, s in services.items() if s.get("healthcheck")}
    assert checked == {"db", "api", "events", "worker", "web"}
    # Not the api image's HTTP check: the worker serves no port.
    assert "db_worker" in " ".join(services["worker"]["healthcheck"]["test"])
    assert services["migrate"]["image"] == services["api"]["image"]
    assert services["worker"]["image"] == services["api"]["image"]
    assert services["events"]["image"] == services["api"]["image"]
    assert services["e2e"]["profiles"] == ["test"]


def test_only_web_publishes_a_port_under_make_up_and_none_under_make_test() -> None:
    published = {n: s["ports"] for n, s in config(PUBLISH).items() if s.get("ports")}
    assert list(published) == ["web"]
    assert published["web"][0]["host_ip"] == "127.0.0.1"
    assert not [n for n, s in config(TEST).items() if s.get("ports")]


def test_secrets_are_required() -> None:
    result = compose(*MAIN, "config", "-q", env_file=os.devnull)
    assert result.returncode != 0
    assert re.search(r"POSTGRES_PASSWORD|DJANGO_SECRET_KEY", result.stderr)


def test_every_variable_is_documented() -> None:
    result = compose(*PUBLISH, "config", "--variables")
    assert result.returncode == 0, result.stderr
    variables = {line.split()[0] for line in result.stdout.splitlines()[1:] if line.strip()}
    example = (REPO / ".env.example").read_text()
    operations = (REPO / "docs/operations.md").read_text()
    # COMPOSE_PROJECT_NAME is Compose's own (the scripts pass it as -p).
    for name in sorted(variables - {"COMPOSE_PROJECT_NAME"}):
        assert re.search(rf"^{name}=", example, re.M), f".env.example lacks {name}"
        assert name in operations, f"docs/operations.md does not explain {name}"
