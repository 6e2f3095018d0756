"""Gunicorn settings for the jobs API, read from the environment (django-environ).

Used by the Docker image (``gunicorn -c gunicorn.conf.py config.wsgi``) and
by native runs (E2E, benchmarks), so both serve the API the same way.
Every knob is documented in docs/operations.md.

    GUNICORN_BIND        address to listen on            0.0.0.0:8000
    WEB_CONCURRENCY      worker processes                2 x cores + 1, max 8
    GUNICORN_THREADS     threads per worker (gthread)    4
    GUNICORN_TIMEOUT     seconds before a silent worker is restarted   30
    GUNICORN_KEEPALIVE   seconds to hold an idle keep-alive connection 5
    GUNICORN_GRACEFUL_TIMEOUT  seconds to finish requests on stop      GUNICORN_TIMEOUT
    GUNICORN_MAX_REQUESTS      recycle a worker after N requests (0 = never)  0
    GUNICORN_CONTROL_SOCKET    path of the `gunicornc` control socket (unset = none)
    LOG_LEVEL            gunicorn's error log level      info
    GUNICORN_ACCESS_LOG  1: gunicorn's own access log too (the app already
                         logs one JSON line per request)             0
    PROMETHEUS_MULTIPROC_DIR  where workers share metrics  a fresh dir in /dev/shm

The access log goes to stdout and the error log to stderr, so ``docker
compose logs`` (or the terminal) shows both.
"""

from __future__ import annotations

import glob
import os
import tempfile

import environ

env = environ.Env()

# Upper bound for the computed default.  Each worker holds its own psycopg
# pool (DB_POOL_MAX_SIZE connections), so workers x pool size has to stay
# well under PostgreSQL's max_connections; an explicit WEB_CONCURRENCY is
# taken as given (gunicorn itself rejects a value below 1).
_MAX_DEFAULT_WORKERS = 8


def _cores() -> int:
    """Count the CPUs this process may run on (respects container cpusets)."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except (AttributeError, OSError):  # macOS has no sched_getaffinity
        return max(1, os.cpu_count() or 1)


bind = env.list("GUNICORN_BIND", cast=str.strip, default=["0.0.0.0:8000"])

# Threads let one worker overlap several requests waiting on PostgreSQL
# without the memory cost of more processes.
worker_class = "gthread"
workers = env.int(
    "WEB_CONCURRENCY", default=min(2 * _cores() + 1, _MAX_DEFAULT_WORKERS)
)
threads = env.int("GUNICORN_THREADS", default=4)

timeout = env.int("GUNICORN_TIMEOUT", default=30)
graceful_timeout = env.int("GUNICORN_GRACEFUL_TIMEOUT", default=timeout)
keepalive = env.int("GUNICORN_KEEPALIVE", default=5)
# The longest request line gunicorn accepts (its maximum; default 4094).  A
# list URL carries a cursor (up to 2,048 characters) plus a percent-encoded
# search term of up to 200 characters, which can pass 4 KB for non-ASCII
# names; below this limit gunicorn would answer an HTML 414.
limit_request_line = 8190

# Recycling workers bounds slow memory growth; off unless asked for.  The
# jitter keeps all workers from restarting at the same moment.
max_requests = env.int("GUNICORN_MAX_REQUESTS", default=0)
max_requests_jitter = max_requests // 10

# Logs: errors to stderr (12-factor).  The app logs every request itself
# (core.request_log, JSON with the request id), so gunicorn's access log
# is off unless asked for.
accesslog = "-" if env.bool("GUNICORN_ACCESS_LOG", default=False) else None
errorlog = "-"
loglevel = env.str("LOG_LEVEL", default="info").strip().lower() or "info"
access_log_format = '%(h)s "%(r)s" %(s)s %(b)s %(M)sms "%(a)s"'

# The heartbeat file lives in RAM: /tmp may be a slow overlay layer in a
# container, which makes workers look frozen under load.
if os.path.isdir("/dev/shm"):
    worker_tmp_dir = "/dev/shm"

# Load the application in each worker, not in the master: the database pool
# must not be created before fork.
preload_app = False

# gunicorn 25+ opens a control socket for `gunicornc` at a fixed path in $HOME
# by default: several servers on one machine (native E2E and benchmark runs)
# would take it from each other, and nothing here uses it.  Opt in with a path.
_control_socket = env.str("GUNICORN_CONTROL_SOCKET", default="").strip()
if _control_socket:
    control_socket = _control_socket
else:
    control_socket_disable = True

# Prometheus: every worker writes its samples under one directory, so a
# scrape that lands on any worker reports the whole server (core.metrics).
# The master creates it before forking; stale files from an earlier run are
# removed at start and a dead worker's live gauges when it exits.
_metrics_dir = env.str("PROMETHEUS_MULTIPROC_DIR", default="").strip()
if not _metrics_dir:
    _metrics_dir = tempfile.mkdtemp(
        prefix="jobs-metrics-", dir="/dev/shm" if os.path.isdir("/dev/shm") else None
    )
    os.environ["PROMETHEUS_MULTIPROC_DIR"] = _metrics_dir


def on_starting(server: object) -> None:
    """Clear samples a previous server left in the metrics directory."""
    os.makedirs(_metrics_dir, exist_ok=True)
    for path in glob.glob(os.path.join(_metrics_dir, "*.db")):
        os.remove(path)


def post_worker_init(worker: object) -> None:
    """Answer gunicorn's own errors (414, 431, 400) as JSON, not HTML."""
    from config.gunicorn_errors import install

    install()


def child_exit(server: object, worker: object) -> None:
    """Drop the live gauges of a worker that exited."""
    from prometheus_client import multiprocess

    multiprocess.mark_process_dead(worker.pid)  # type: ignore[attr-defined]
