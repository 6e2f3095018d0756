"""libpq connection keywords of a Django database, for a connection of our own."""

from __future__ import annotations

from typing import Any

from django.db import connections

# OPTIONS that configure Django's handling rather than libpq.
_DJANGO_OPTIONS = {"pool", "server_side_binding", "isolation_level", "assume_role"}


def conninfo(alias: str = "default", *, application_name: str) -> dict[str, Any]:
    """Return ``dbname``, ``user``, ``host``, ... of ``alias`` as libpq keywords.

    The same server, database, credentials and libpq options (statement
    timeout, SSL) as Django's connections, outside Django's pool.
    """
    params = connections[alias].settings_dict
    info: dict[str, Any] = {
        key: value
        for key, value in (params.get("OPTIONS") or {}).items()
        if key not in _DJANGO_OPTIONS
    }
    for key, name in (
        ("dbname", "NAME"),
        ("user", "USER"),
        ("password", "PASSWORD"),
        ("host", "HOST"),
        ("port", "PORT"),
    ):
        if params.get(name):
            info[key] = params[name]
    info["application_name"] = application_name
    return info
