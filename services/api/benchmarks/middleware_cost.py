"""In-process cost of the middleware: ``python -m benchmarks.middleware_cost``.

Runs ``GET <path>`` through Django's ``WSGIHandler`` (no socket, no
gunicorn) with Django's default browser middleware, with the product's
``MIDDLEWARE`` and with none, and prints the median microseconds per
request of ``--repeats`` runs of ``--requests`` requests.  Needs the
product settings' environment (``DATABASE_URL``, ``DJANGO_SECRET_KEY``).
"""

from __future__ import annotations

import argparse
import importlib.util
import io
import os
import statistics
import time

DJANGO_DEFAULT = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
]


def _environ(path: str) -> dict[str, object]:
    return {
        "REQUEST_METHOD": "GET",
        "PATH_INFO": path,
        "QUERY_STRING": "",
        "SERVER_NAME": "127.0.0.1",
        "SERVER_PORT": "80",
        "HTTP_HOST": "127.0.0.1",
        "wsgi.input": io.BytesIO(b""),
        "wsgi.url_scheme": "http",
    }


def per_request_us(middleware: list[str], path: str, requests: int) -> float:
    """Microseconds per request of ``path`` with ``middleware``."""
    from django.core.handlers.wsgi import WSGIHandler
    from django.test.utils import override_settings

    with override_settings(MIDDLEWARE=middleware):
        handler = WSGIHandler()
        for _ in range(requests // 10):
            b"".join(handler(_environ(path), lambda *_: None))
        start = time.perf_counter()
        for _ in range(requests):
            b"".join(handler(_environ(path), lambda *_: None))
        return (time.perf_counter() - start) / requests * 1e6


def main() -> None:
    """Print the three medians."""
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--path", default="/api/jobs/stats/")
    parser.add_argument("--requests", type=int, default=2000)
    parser.add_argument("--repeats", type=int, default=5)
    args = parser.parse_args()
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.base")
    import django

    django.setup()
    from django.conf import settings

    sets = {
        "django default": DJANGO_DEFAULT,
        "product": list(settings.MIDDLEWARE),
        "none": [],
    }
    # The product's list without its observability middleware, and with
    # django-prometheus's pair in its place (when that package is installed).
    mine = "core.request_log.RequestObservabilityMiddleware"
    sets["product, no observability"] = [m for m in settings.MIDDLEWARE if m != mine]
    if importlib.util.find_spec("django_prometheus"):
        sets["product, django-prometheus instead"] = [
            "django_prometheus.middleware.PrometheusBeforeMiddleware",
            *sets["product, no observability"],
            "django_prometheus.middleware.PrometheusAfterMiddleware",
        ]
    for label, middleware in sets.items():
        runs = [
            per_request_us(middleware, args.path, args.requests)
            for _ in range(args.repeats)
        ]
        print(f"{label}: {statistics.median(runs):.0f} us per request")


if __name__ == "__main__":
    main()
