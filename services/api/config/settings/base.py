"""Django settings for the jobs API, all read from the environment.

There is one settings module for every environment (``test.py`` only
adjusts what tests need).  django-environ reads the variables and
``services/api/.env`` (real environment variables win); ``.env.example``
lists them.
"""

from pathlib import Path

import environ
from django.core.exceptions import ImproperlyConfigured

from config.database import database_config, replica_databases
from config.log_config import logging_config
from config.spectacular import SPECTACULAR_SETTINGS as SPECTACULAR_SETTINGS

BASE_DIR = Path(__file__).resolve().parent.parent.parent

env = environ.Env()
environ.Env.read_env(BASE_DIR / ".env")


def _strict_bool(raw: str) -> bool:
    """Parse true/false, 1/0, yes/no, on/off; a typo is an error, not False."""
    value = raw.strip().lower()
    if value not in {"1", "true", "yes", "on", "0", "false", "no", "off", ""}:
        raise ImproperlyConfigured(f"DJANGO_DEBUG: expected a boolean, got {raw!r}")
    return value in {"1", "true", "yes", "on"}


# ---- Core ---------------------------------------------------------------------

DEBUG = env("DJANGO_DEBUG", cast=_strict_bool, default="false", parse_default=True)

# Development only: never used when DJANGO_DEBUG is off.
_DEV_SECRET_KEY = "django-insecure-dev-only-do-not-use-in-production"  # noqa: S105
# Keys anyone can read in this repository (the .env.example files, the one
# above): refused when DJANGO_DEBUG is off (docs/operations.md, "Secrets").
_PUBLISHED_SECRET_KEYS = frozenset(
    {
        _DEV_SECRET_KEY,
        "dev-only-insecure-secret-key-change-me-before-sharing",
        "change-me",
    }
)

if DEBUG:
    SECRET_KEY = env.str("DJANGO_SECRET_KEY", default=_DEV_SECRET_KEY)
else:
    SECRET_KEY = env.str("DJANGO_SECRET_KEY")
    if not SECRET_KEY.strip():
        raise ImproperlyConfigured("DJANGO_SECRET_KEY must not be empty.")
    if SECRET_KEY.strip() in _PUBLISHED_SECRET_KEYS:
        raise ImproperlyConfigured(
            "DJANGO_SECRET_KEY is a published example value; set a random one: "
            "python3 -c 'import secrets; print(secrets.token_urlsafe(50))'"
        )

ALLOWED_HOSTS = env.list(
    "DJANGO_ALLOWED_HOSTS", cast=str.strip, default=["localhost", "127.0.0.1"]
)

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.postgres",
    "rest_framework",
    "django_filters",
    "drf_spectacular",
    "drf_spectacular_sidecar",
    "django_tasks_db",
    "core",
    "jobs",
]

# The core.middleware classes are Django's own, skipped on the JSON API
# (/api/ except /api/admin/): it needs no sessions, user, CSRF or messages.
MIDDLEWARE = [
    # First: its timing and log line cover every other middleware.
    "core.request_log.RequestObservabilityMiddleware",
    "core.db.replicas.ReplicaReadsMiddleware",  # unused without replicas
    "django.middleware.security.SecurityMiddleware",
    "core.static.StaticFilesMiddleware",  # WhiteNoise, async-capable
    "core.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "core.middleware.CsrfViewMiddleware",
    "core.middleware.AuthenticationMiddleware",
    "core.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
]

ROOT_URLCONF = "config.urls"
WSGI_APPLICATION = "config.wsgi.application"

# A path without its trailing slash answers a JSON 404 (config.urls.handler404),
# never a redirect that would drop a POST/PATCH body.
APPEND_SLASH = False

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
            ],
        },
    },
]

# ---- Database -----------------------------------------------------------------

DATABASE_URL = env.str(
    "DATABASE_URL", default="postgres://postgres@127.0.0.1:5432/jobs"
)
DB_POOL_MIN_SIZE = env.int("DB_POOL_MIN_SIZE", default=1)
DB_POOL_MAX_SIZE = env.int("DB_POOL_MAX_SIZE", default=4)
DB_CONN_MAX_AGE = env.int("DB_CONN_MAX_AGE", default=0)
DB_STATEMENT_TIMEOUT_MS = env.int("DB_STATEMENT_TIMEOUT_MS", default=5000)
DB_POOL_TIMEOUT_S = env.float("DB_POOL_TIMEOUT_S", default=10.0)
# DATABASE_URL is a PgBouncer in transaction mode (docs/operations.md,
# "Connection pooler").
DB_TRANSACTION_POOLER = env.bool("DB_TRANSACTION_POOLER", default=False)
_DB_KNOBS = {
    "transaction_pooler": DB_TRANSACTION_POOLER,
    "pool_max_size": DB_POOL_MAX_SIZE,
    "conn_max_age": DB_CONN_MAX_AGE,
    "statement_timeout_ms": DB_STATEMENT_TIMEOUT_MS,
}
DATABASES = {
    "default": database_config(
        DATABASE_URL,
        pool_min_size=DB_POOL_MIN_SIZE,
        pool_timeout_s=DB_POOL_TIMEOUT_S,
        **_DB_KNOBS,
    )
}

# Read replicas: docs/operations.md, "Read replicas" (core.db.replicas).
DATABASES.update(replica_databases(env, _DB_KNOBS))
DATABASE_ROUTERS = ["core.db.replicas.ReplicaRouter"] if len(DATABASES) > 1 else []
REPLICA_LSN_CHECKS = env.bool("REPLICA_LSN_CHECKS", default=True)
REPLICA_PIN_SECONDS = env.float("REPLICA_PIN_SECONDS", default=30.0)
REPLICA_RETRY_SECONDS = env.float("REPLICA_RETRY_SECONDS", default=5.0)

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# ---- Auth (admin only; the API is anonymous for now) --------------------------

AUTH_PASSWORD_VALIDATORS = [
    {
        "NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"
    },
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

# ---- Background tasks (django.tasks; the bulk actions' worker) --------------

# Tasks are rows in this database, run by `manage.py db_worker`
# (docs/operations.md, "Bulk worker").
TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
# Jobs one batch of a filter-wide bulk action writes in one transaction,
# and the pause between two batches (lets other writers in).
BULK_BATCH_SIZE = env.int("BULK_BATCH_SIZE", default=2000)
if not 1 <= BULK_BATCH_SIZE <= 10000:
    raise ImproperlyConfigured("BULK_BATCH_SIZE must be from 1 to 10000.")
BULK_BATCH_PAUSE_MS = env.int("BULK_BATCH_PAUSE_MS", default=10)
if BULK_BATCH_PAUSE_MS < 0:
    raise ImproperlyConfigured("BULK_BATCH_PAUSE_MS must be 0 or more.")
# How long an Idempotency-Key of POST /api/jobs/ replays its first response
# (seconds; the draft's example is 24 h), and how many expired keys each
# keyed POST deletes (docs/operations.md, "Idempotency keys").
IDEMPOTENCY_KEY_TTL_S = env.int("IDEMPOTENCY_KEY_TTL_S", default=86400)
if IDEMPOTENCY_KEY_TTL_S < 1:
    raise ImproperlyConfigured("IDEMPOTENCY_KEY_TTL_S must be 1 or more.")
IDEMPOTENCY_KEY_PRUNE_BATCH = env.int("IDEMPOTENCY_KEY_PRUNE_BATCH", default=100)
if not 0 <= IDEMPOTENCY_KEY_PRUNE_BATCH <= 10000:
    raise ImproperlyConfigured("IDEMPOTENCY_KEY_PRUNE_BATCH must be from 0 to 10000.")

# ---- Live updates (the events service; docs/operations.md, "Events service") --
EVENTS_HEARTBEAT_S = env.float("EVENTS_HEARTBEAT_S", default=15.0)  # comment frame
EVENTS_MAX_STREAMS = env.int("EVENTS_MAX_STREAMS", default=500)  # per process
EVENTS_BUFFER_SIZE = env.int("EVENTS_BUFFER_SIZE", default=1000)  # Last-Event-ID replay
EVENTS_QUEUE_SIZE = env.int("EVENTS_QUEUE_SIZE", default=200)  # per stream, then resync
_ev = [EVENTS_HEARTBEAT_S, EVENTS_MAX_STREAMS, EVENTS_BUFFER_SIZE, EVENTS_QUEUE_SIZE]
if min(_ev) <= 0:
    raise ImproperlyConfigured("The EVENTS_* settings must be positive.")

# ---- I18N / time --------------------------------------------------------------

LANGUAGE_CODE = "en-us"
TIME_ZONE = "UTC"
USE_I18N = True
USE_TZ = True

# ---- Static files (whitenoise; everything Django serves lives under /api/) -----

STATIC_URL = "/api/static/"
STATIC_ROOT = BASE_DIR / "staticfiles"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        # Not the Manifest variant: it fails on every page that links a
        # static file unless `collectstatic` ran, and the only assets are
        # the admin's and Swagger UI's, which need no cache-busting names.
        "BACKEND": "whitenoise.storage.CompressedStaticFilesStorage",
    },
}
# Serve from the app directories too, so that the admin and Swagger UI work
# without `collectstatic` (native runs); an image that ran `collectstatic`
# serves the compressed copies from STATIC_ROOT.
WHITENOISE_USE_FINDERS = True

# ---- Logging (stdout) ---------------------------------------------------------

LOG_LEVEL = env.str("LOG_LEVEL", default="INFO").strip().upper()
# "json": one JSON object per line (python-json-logger), for log shippers;
# "console": a readable line, for `make dev`.
LOG_FORMAT = env.str("LOG_FORMAT", default="json").strip().lower()
if LOG_FORMAT not in {"json", "console"}:
    raise ImproperlyConfigured("LOG_FORMAT must be 'json' or 'console'.")

LOGGING = logging_config(level=LOG_LEVEL, log_format=LOG_FORMAT)

# ---- REST framework -----------------------------------------------------------

API_PAGE_SIZE_DEFAULT = env.int("API_PAGE_SIZE_DEFAULT", default=50)
API_PAGE_SIZE_MAX = env.int("API_PAGE_SIZE_MAX", default=200)

REST_FRAMEWORK = {
    "DEFAULT_RENDERER_CLASSES": ["rest_framework.renderers.JSONRenderer"],
    "DEFAULT_PARSER_CLASSES": ["rest_framework.parsers.JSONParser"],
    # Anonymous API: no SessionAuthentication, hence no CSRF enforcement.
    "DEFAULT_AUTHENTICATION_CLASSES": [],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.AllowAny"],
    "UNAUTHENTICATED_USER": None,
    "EXCEPTION_HANDLER": "core.exceptions.exception_handler",
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "DEFAULT_FILTER_BACKENDS": [],
}
