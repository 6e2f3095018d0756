"""The ``LOGGING`` setting: one handler on stdout, JSON or console lines."""

from typing import Any


def logging_config(*, level: str, log_format: str) -> dict[str, Any]:
    """Return the dictConfig for ``level`` (``INFO``...) and ``log_format``.

    ``log_format`` is ``"json"`` (one object per line, python-json-logger,
    for log shippers) or ``"console"`` (a readable line, for ``make dev``).
    """
    return {
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
                "formatter": log_format,
                "filters": ["request_id"],
            },
        },
        "root": {"handlers": ["stdout"], "level": level},
        "loggers": {
            "django": {"handlers": ["stdout"], "level": level, "propagate": False},
            # Django's own per-request server log duplicates jobs.request.
            "django.server": {
                "handlers": ["stdout"],
                "level": "WARNING",
                "propagate": False,
            },
        },
    }
