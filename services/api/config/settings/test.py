"""Settings for pytest: the base settings plus what tests need.

Tests run against the real PostgreSQL named by ``DATABASE_URL``
(pytest-django creates and migrates ``test_<name>``).
"""

import os

# Must be set before base reads the environment: tests never need a secret.
os.environ.setdefault("DJANGO_SECRET_KEY", "test-only-secret-key")

from config.settings.base import *  # noqa: F403
from config.settings.base import DATABASES

# Plain connections: pytest-django wraps each test in a transaction on one
# connection, which a per-process pool would only get in the way of.
for _alias, _database in DATABASES.items():
    _database["OPTIONS"].pop("pool", None)
    _database["CONN_MAX_AGE"] = 0
    if _alias != "default":
        # A replica holds the primary's data: no test database of its own.
        _database["TEST"] = {"MIRROR": "default"}

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]

# Nothing is collected in tests: serve from the finders, skip STATIC_ROOT.
STATIC_ROOT = None  # type: ignore[assignment]
