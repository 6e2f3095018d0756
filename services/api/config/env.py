"""Read configuration from the environment (12-factor).

Every setting the service takes from outside goes through :func:`env`, so
the list of variables, their defaults and their parsing live in one place
(``config/settings/base.py`` calls it; ``.env.example`` lists them).

A ``services/api/.env`` file, when present, fills in variables that the real
environment does not set: real environment variables always win.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path
from typing import overload

from django.core.exceptions import ImproperlyConfigured

_TRUE = frozenset({"1", "true", "yes", "on"})
_FALSE = frozenset({"0", "false", "no", "off", ""})


def parse_bool(raw: str) -> bool:
    """Parse ``1/true/yes/on`` or ``0/false/no/off`` (any case)."""
    value = raw.strip().lower()
    if value in _TRUE:
        return True
    if value in _FALSE:
        return False
    raise ValueError(f"expected a boolean (true/false), got {raw!r}")


def parse_list(raw: str) -> list[str]:
    """Parse a comma-separated list, dropping blanks around and between."""
    return [item.strip() for item in raw.split(",") if item.strip()]


def parse_int(raw: str) -> int:
    """Parse a base-10 integer."""
    return int(raw.strip())


@overload
def env(name: str, default: str | None = ...) -> str: ...


@overload
def env[T](name: str, default: str | None = ..., *, cast: Callable[[str], T]) -> T: ...


def env(
    name: str,
    default: str | None = None,
    *,
    cast: Callable[[str], object] = str,
) -> object:
    """Return the environment variable ``name`` parsed by ``cast``.

    ``default`` is the raw string used when the variable is unset (it goes
    through ``cast`` too, so defaults and real values parse the same way).
    With ``default=None`` the variable is required.

    Raises:
        ImproperlyConfigured: the variable is required and unset, or its
            value does not parse.
    """
    raw = os.environ.get(name)
    if raw is None:
        if default is None:
            raise ImproperlyConfigured(f"Set the {name} environment variable.")
        raw = default
    try:
        return cast(raw)
    except ValueError as exc:
        raise ImproperlyConfigured(f"{name}: {exc}") from exc


def load_dotenv(path: Path) -> None:
    """Fill unset variables from a ``KEY=value`` file, if it exists.

    Lines that are blank or start with ``#`` are skipped; surrounding
    quotes are removed.  Variables already in the environment are kept.
    """
    if not path.is_file():
        return
    for line in path.read_text(encoding="utf-8").splitlines():
        line = line.strip()
        if not line or line.startswith("#") or "=" not in line:
            continue
        key, _, value = line.partition("=")
        key = key.removeprefix("export ").strip()
        value = value.strip()
        if len(value) >= 2 and value[0] == value[-1] and value[0] in "'\"":
            value = value[1:-1]
        os.environ.setdefault(key, value)
