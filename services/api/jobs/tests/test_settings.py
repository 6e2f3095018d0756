"""Configuration comes from the environment, as the contract lists it."""

import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.conf import settings

from config.database import database_config

API_DIR = Path(settings.BASE_DIR)


def _load_base_settings(**overrides: str | None) -> subprocess.CompletedProcess[str]:
    """Import config.settings.base in a clean interpreter with ``overrides``."""
    environ = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("DJANGO_", "DB_", "DATABASE_URL"))
    }
    for key, value in overrides.items():
        if value is not None:
            environ[key] = value
    return subprocess.run(
        [
            sys.executable,
            "-c",
            "import config.settings.base as s; "
            "print(s.DEBUG, s.SECRET_KEY, s.ALLOWED_HOSTS, s.DATABASES['default']['NAME'])",
        ],
        cwd=API_DIR,
        env=environ,
        capture_output=True,
        text=True,
        check=False,
    )


def test_settings_secret_key_required_when_debug_off() -> None:
    result = _load_base_settings(DJANGO_DEBUG="false")

    assert result.returncode != 0
    assert "ImproperlyConfigured: Set the DJANGO_SECRET_KEY" in result.stderr


def test_settings_debug_defaults_off() -> None:
    result = _load_base_settings(DJANGO_SECRET_KEY="s3cret")

    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == [
        "False",
        "s3cret",
        "['localhost',",
        "'127.0.0.1']",
        "jobs",
    ]


def _example_secret_keys() -> list[str]:
    """The DJANGO_SECRET_KEY values the repository publishes (.env.example files)."""
    keys = []
    for path in (API_DIR / ".env.example", API_DIR.parent.parent / ".env.example"):
        for line in path.read_text(encoding="utf-8").splitlines():
            if line.startswith("DJANGO_SECRET_KEY="):
                keys.append(line.partition("=")[2].strip())
    return keys


@pytest.mark.parametrize(
    "key",
    [*_example_secret_keys(), "django-insecure-dev-only-do-not-use-in-production"],
)
def test_settings_refuse_a_published_secret_key_when_debug_off(key: str) -> None:
    # Issue 17, point 13: anyone can read these keys in the repository.
    result = _load_base_settings(DJANGO_DEBUG="false", DJANGO_SECRET_KEY=key)

    assert result.returncode != 0
    assert "DJANGO_SECRET_KEY is a published example value" in result.stderr


def test_settings_accept_a_published_secret_key_in_debug() -> None:
    (key, *_) = _example_secret_keys()
    result = _load_base_settings(DJANGO_DEBUG="true", DJANGO_SECRET_KEY=key)

    assert result.returncode == 0, result.stderr


def test_settings_debug_uses_marked_development_key() -> None:
    result = _load_base_settings(
        DJANGO_DEBUG="true",
        DJANGO_ALLOWED_HOSTS="api, example.org",
        DATABASE_URL="postgres://u@db:5432/other",
    )

    assert result.returncode == 0, result.stderr
    debug, key, *rest = result.stdout.split()
    assert debug == "True"
    assert key.startswith("django-insecure-dev-only")
    assert rest == ["['api',", "'example.org']", "other"]


def test_settings_bad_boolean_is_improperly_configured() -> None:
    result = _load_base_settings(DJANGO_DEBUG="maybe")

    assert "DJANGO_DEBUG: expected a boolean" in result.stderr


def test_settings_dotenv_fills_unset_variables_only() -> None:
    # services/api/.env is read by django-environ; real variables win.
    dotenv = API_DIR / ".env"
    if dotenv.exists():
        pytest.skip("a developer's own .env is in the way")
    dotenv.write_text(
        'DJANGO_SECRET_KEY="from-dotenv"\nDJANGO_ALLOWED_HOSTS=dotenv.example\n',
        encoding="utf-8",
    )
    try:
        result = _load_base_settings(DJANGO_ALLOWED_HOSTS="real.example")
    finally:
        dotenv.unlink()

    assert result.returncode == 0, result.stderr
    assert result.stdout.split()[1:3] == ["from-dotenv", "['real.example']"]


def test_settings_bad_integer_fails_at_start() -> None:
    result = _load_base_settings(DJANGO_SECRET_KEY="s3cret", DB_POOL_MAX_SIZE="four")

    assert result.returncode != 0
    assert "DB_POOL_MAX_SIZE" in result.stderr


def test_database_config_pool_and_statement_timeout() -> None:
    pooled = database_config(
        "postgres://postgres@127.0.0.1:5432/jobs",
        pool_min_size=1,
        pool_max_size=4,
        conn_max_age=60,
        statement_timeout_ms=5000,
    )
    plain = database_config(
        "postgres://postgres@127.0.0.1:5432/jobs",
        pool_min_size=1,
        pool_max_size=0,
        conn_max_age=60,
        statement_timeout_ms=1500,
    )

    assert pooled["OPTIONS"]["pool"] == {
        "min_size": 1,
        "max_size": 4,
        "timeout": 10.0,
        "reconnect_timeout": 2.0,
    }
    assert pooled["CONN_MAX_AGE"] == 0
    assert pooled["OPTIONS"]["options"] == "-c statement_timeout=5000"
    assert "pool" not in plain["OPTIONS"]
    assert plain["CONN_MAX_AGE"] == 60
    assert plain["OPTIONS"]["options"] == "-c statement_timeout=1500"


@pytest.mark.django_db
def test_database_statement_timeout_applies_to_connections() -> None:
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT setting, unit FROM pg_settings WHERE name = 'statement_timeout'"
        )
        assert cursor.fetchone() == (str(settings.DB_STATEMENT_TIMEOUT_MS), "ms")


def test_settings_api_is_json_only_and_anonymous() -> None:
    framework = settings.REST_FRAMEWORK
    assert framework["DEFAULT_RENDERER_CLASSES"] == [
        "rest_framework.renderers.JSONRenderer"
    ]
    assert framework["DEFAULT_PARSER_CLASSES"] == ["rest_framework.parsers.JSONParser"]
    assert framework["DEFAULT_AUTHENTICATION_CLASSES"] == []
    assert settings.APPEND_SLASH is False
    assert settings.STATIC_URL == "/api/static/"
