"""Prometheus metrics of the API and the ``/metrics`` view that exposes them.

Metrics (prometheus-client; names follow the Prometheus conventions):

    http_requests_total{method, route, status}        counter
    http_request_duration_seconds{method, route}      histogram, seconds
    db_pool_connections{state}                        gauge: size, available,
                                                      waiting (psycopg pool)
    sse_streams_open                                  gauge: event streams open
    sse_streams_max                                   gauge: the process's cap
                                                      (both: the events service)

``route`` is the URL pattern (``api/jobs/<int:job_id>/``), never the raw
path, so the label set stays small; ``unmatched`` for paths no view has.

Under gunicorn, ``PROMETHEUS_MULTIPROC_DIR`` (set by ``gunicorn.conf.py``)
makes every worker write its samples to a shared directory and a scrape of
any worker reports the sum.  Without it (runserver, tests) the metrics are
the process's own.  ``/metrics`` sits outside ``/api/``, so the public
nginx never forwards it; Prometheus scrapes ``api:8000`` directly.
"""

from __future__ import annotations

import os
import time

from django.db import connection
from django.http import HttpRequest, HttpResponse
from prometheus_client import (
    CONTENT_TYPE_LATEST,
    REGISTRY,
    CollectorRegistry,
    Counter,
    Gauge,
    Histogram,
    generate_latest,
    multiprocess,
)

# Latency buckets (seconds): the list answers in a few ms, the statement
# timeout is 5 s, gunicorn's worker timeout 30 s.
BUCKETS = (0.002, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0, 30.0)

REQUESTS = Counter(
    "http_requests", "HTTP requests answered.", ["method", "route", "status"]
)
DURATION = Histogram(
    "http_request_duration_seconds",
    "Time from the request reaching Django to the response leaving it.",
    ["method", "route"],
    buckets=BUCKETS,
)
POOL = Gauge(
    "db_pool_connections",
    "psycopg pool connections per state, summed over live workers.",
    ["state"],
    multiprocess_mode="livesum",
)

SSE_STREAMS = Gauge(
    "sse_streams_open",
    "Server-sent event streams open (GET /api/jobs/events/).",
    multiprocess_mode="livesum",
)
SSE_STREAMS_MAX = Gauge(
    "sse_streams_max",
    "Streams a process accepts before it answers 503 (EVENTS_MAX_STREAMS).",
    multiprocess_mode="livesum",
)

# The pool gauges are refreshed at most this often per process (seconds).
POOL_SAMPLE_INTERVAL_S = 1.0
_pool_sampled_at = 0.0


def observe(method: str, route: str, status: int, seconds: float) -> None:
    """Record one answered request."""
    global _pool_sampled_at
    REQUESTS.labels(method, route, str(status)).inc()
    DURATION.labels(method, route).observe(seconds)
    now = time.monotonic()
    if now - _pool_sampled_at >= POOL_SAMPLE_INTERVAL_S:
        _pool_sampled_at = now
        sample_pool()


def sample_pool() -> None:
    """Copy the psycopg pool's size, idle and waiting counts into the gauges."""
    pool = getattr(connection, "pool", None)
    if pool is None:
        return
    stats = pool.get_stats()
    POOL.labels("size").set(stats.get("pool_size", 0))
    POOL.labels("available").set(stats.get("pool_available", 0))
    POOL.labels("waiting").set(stats.get("requests_waiting", 0))


def metrics_view(request: HttpRequest) -> HttpResponse:
    """Answer ``GET /metrics`` in the Prometheus text format (version 0.0.4)."""
    if os.environ.get("PROMETHEUS_MULTIPROC_DIR"):
        registry = CollectorRegistry()
        multiprocess.MultiProcessCollector(registry)
    else:
        registry = REGISTRY
    return HttpResponse(generate_latest(registry), content_type=CONTENT_TYPE_LATEST)
