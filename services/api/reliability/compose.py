"""The compose project of ``make up``, named as ops/scripts/docker-lib.sh names it.

``command()`` is the ``docker compose`` prefix for that project: project
name from ``COMPOSE_PROJECT_NAME`` or the checkout's directory, env file
``.env`` else ``.env.example`` (with the secret key docker-lib.sh generated
for it), files ``docker-compose.yml`` +
``ops/docker/compose.publish.yml``.  ``setting(name, default)`` reads a
variable as compose sees it: the environment wins over the env file.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from pathlib import Path

from reliability.stack import REPO_ROOT


def env_file() -> Path:
    dotenv = REPO_ROOT / ".env"
    return dotenv if dotenv.is_file() else REPO_ROOT / ".env.example"


def setting(name: str, default: str) -> str:
    """Return ``name`` from the environment, else the env file, else ``default``."""
    if os.environ.get(name):
        return os.environ[name]
    value = default
    for line in env_file().read_text(encoding="utf-8").splitlines():
        key, sep, raw = line.partition("=")
        if sep and key.strip() == name:
            value = raw.strip().strip("\"'")
    return value


def _export_generated_secret() -> None:
    """Put the key docker-lib.sh generated for .env.example in the environment.

    Inherited by the compose processes (not on their command line); a real
    ``DJANGO_SECRET_KEY`` or a ``.env`` wins.
    """
    secret = REPO_ROOT / ".django-secret-key"
    if env_file().name == ".env.example" and secret.is_file():
        os.environ.setdefault(
            "DJANGO_SECRET_KEY", secret.read_text(encoding="ascii").strip()
        )


def project() -> str:
    if os.environ.get("COMPOSE_PROJECT_NAME"):
        return os.environ["COMPOSE_PROJECT_NAME"]
    name = re.sub(r"[^a-z0-9_-]", "", REPO_ROOT.name.lower()).lstrip("-_")
    return name or "jobs-dashboard"


def command() -> list[str]:
    """Return the argv prefix that runs compose on the ``make up`` project."""
    docker = shutil.which("docker")
    has_plugin = (
        docker is not None
        and subprocess.run(
            [docker, "compose", "version"], capture_output=True, check=False
        ).returncode
        == 0
    )
    binary = ["docker", "compose"] if has_plugin else ["docker-compose"]
    _export_generated_secret()
    return [
        "env",
        f"COMPOSE_PROJECT_NAME={project()}",
        *binary,
        "--project-directory",
        str(REPO_ROOT),
        "-p",
        project(),
        "--env-file",
        str(env_file()),
        "-f",
        str(REPO_ROOT / "docker-compose.yml"),
        "-f",
        str(REPO_ROOT / "ops" / "docker" / "compose.publish.yml"),
    ]
