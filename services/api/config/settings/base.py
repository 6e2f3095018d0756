"""Django settings for the jobs API, all read from the environment.

There is one settings module for every environment (``test.py`` only
adjusts what tests need); see ``config/env.py`` and ``.env.example``.
"""

from pathlib import Path
from typing import Any

import dj_database_url
from django.core.exceptions import ImproperlyConfigured

from config.env import env, load_dotenv, parse_bool, parse_int, parse_list

BASE_DIR = Path(__file__).resolve().parent.parent.parent

load_dotenv(BASE_DIR / ".env")

# ---- Core ---------------------------------------------------------------------

DEBUG = env("DJANGO_DEBUG", "false", cast=parse_bool)

# Development only: never used when DJANGO_DEBUG is off.
_DEV_SECRET_KEY = "django-insecure-dev-only-do-not-use-in-production"  # noqa: S105

if DEBUG:
    SECRET_KEY = env("DJANGO_SECRET_KEY", _DEV_SECRET_KEY)
else:
    SECRET_KEY = env("DJANGO_SECRET_KEY")
    if not SECRET_KEY.strip():
        raise ImproperlyConfigured("DJANGO_SECRET_KEY must not be empty.")

ALLOWED_HOSTS = env("DJANGO_ALLOWED_HOSTS", "localhost,127.0.0.1", cast=parse_list)

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
    "core",
    "jobs",
]

# The core.middleware classes are Django's own, skipped on the JSON API
# (/api/ except /api/admin/): it needs no sessions, user, CSRF or messages.
MIDDLEWARE = [
    # First: its timing and log line cover every other middleware.
    "core.request_log.RequestObservabilityMiddleware",
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
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

DATABASE_URL = env("DATABASE_URL", "postgres://postgres@127.0.0.1:5432/jobs")
DB_POOL_MIN_SIZE = env("DB_POOL_MIN_SIZE", "1", cast=parse_int)
DB_POOL_MAX_SIZE = env("DB_POOL_MAX_SIZE", "4", cast=parse_int)
DB_CONN_MAX_AGE = env("DB_CONN_MAX_AGE", "0", cast=parse_int)
DB_STATEMENT_TIMEOUT_MS = env("DB_STATEMENT_TIMEOUT_MS", "5000", cast=parse_int)


def database_config(
    url: str,
    *,
    pool_min_size: int,
    pool_max_size: int,
    conn_max_age: int,
    statement_timeout_ms: int,
) -> dict[str, Any]:
    """Build the ``default`` database entry from the URL and the knobs.

    A positive ``pool_max_size`` turns on psycopg's connection pool (one
    per process; Django then requires ``CONN_MAX_AGE = 0``); zero uses
    plain connections kept for ``conn_max_age`` seconds.  The statement
    timeout (milliseconds, 0 = none) is a libpq startup option, so it
    applies to every connection, pooled or not.

    Parameters are bound client-side, Django's default for psycopg 3
    (``OPTIONS["server_side_binding"]`` is not set).
    """
    config: dict[str, Any] = dict(dj_database_url.parse(url))
    options: dict[str, Any] = dict(config.get("OPTIONS") or {})
    options["options"] = f"-c statement_timeout={statement_timeout_ms}"
    if pool_max_size > 0:
        if not 0 <= pool_min_size <= pool_max_size:
            raise ImproperlyConfigured(
                "DB_POOL_MIN_SIZE must be between 0 and DB_POOL_MAX_SIZE."
            )
        options["pool"] = {
            "min_size": pool_min_size,
            "max_size": pool_max_size,
            "timeout": 10,
        }
        config["CONN_MAX_AGE"] = 0
    else:
        config["CONN_MAX_AGE"] = conn_max_age
        config["CONN_HEALTH_CHECKS"] = conn_max_age > 0
    config["OPTIONS"] = options
    return config


DATABASES = {
    "default": database_config(
        DATABASE_URL,
        pool_min_size=DB_POOL_MIN_SIZE,
        pool_max_size=DB_POOL_MAX_SIZE,
        conn_max_age=DB_CONN_MAX_AGE,
        statement_timeout_ms=DB_STATEMENT_TIMEOUT_MS,
    )
}

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

LOG_LEVEL = env("LOG_LEVEL", "INFO", cast=lambda raw: raw.strip().upper())
# "json": one JSON object per line (python-json-logger), for log shippers;
# "console": a readable line, for `make dev`.
LOG_FORMAT = env("LOG_FORMAT", "json", cast=lambda raw: raw.strip().lower())
if LOG_FORMAT not in {"json", "console"}:
    raise ImproperlyConfigured("LOG_FORMAT must be 'json' or 'console'.")

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {"request_id": {"()": "core.request_log.RequestIdFilter"}},
    "formatters": {
        "json": {
            "()": "pythonjsonlogger.json.JsonFormatter",
            "format": "%(asctime)s %(levelname)s %(name)s %(message)s",
            "rename_fields": {
                "asctime": "time",
                "levelname": "level",
                "name": "logger",
            },
            "timestamp": False,
        },
        "console": {
            "format": "%(asctime)s %(levelname)s %(name)s [%(request_id)s] %(message)s"
        },
    },
    "handlers": {
        "stdout": {
            "class": "logging.StreamHandler",
            "stream": "ext://sys.stdout",
            "formatter": LOG_FORMAT,
            "filters": ["request_id"],
        },
    },
    "root": {"handlers": ["stdout"], "level": LOG_LEVEL},
    "loggers": {
        "django": {"handlers": ["stdout"], "level": LOG_LEVEL, "propagate": False},
        # Django's own per-request server log duplicates jobs.request.
        "django.server": {
            "handlers": ["stdout"],
            "level": "WARNING",
            "propagate": False,
        },
    },
}

# ---- REST framework -----------------------------------------------------------

API_PAGE_SIZE_DEFAULT = env("API_PAGE_SIZE_DEFAULT", "50", cast=parse_int)
API_PAGE_SIZE_MAX = env("API_PAGE_SIZE_MAX", "200", cast=parse_int)

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

SPECTACULAR_SETTINGS = {
    "TITLE": "Jobs API",
    "DESCRIPTION": (
        "Job management dashboard API. Errors use one envelope: "
        '`{"detail": "<summary>", "errors": {"<field>": ["<message>"]}}` '
        "(`errors` only for validation failures)."
    ),
    "VERSION": "1.0.0",
    "SERVE_INCLUDE_SCHEMA": False,
    "COMPONENT_SPLIT_REQUEST": True,
    "SWAGGER_UI_DIST": "SIDECAR",
    "SWAGGER_UI_FAVICON_HREF": "SIDECAR",
    "REDOC_DIST": "SIDECAR",
    "ENUM_NAME_OVERRIDES": {
        "StatusTypeEnum": "jobs.models.StatusType",
        "HealthStatusEnum": [("ok", "ok")],
    },
}
