"""Profile one API request in-process: ``python -m benchmarks.profile``.

    python -m benchmarks.profile --n 1000000 "/api/jobs/?page_size=50"

Runs the request through Django's full handler (middleware, DRF, the
view, the serializer, the database round trips) ``--repeat`` times after
a warm-up, on ``jobs_bench_<N>``, and prints where the time goes: with
pyinstrument when it is importable (``pip install pyinstrument``), else
with the standard library's cProfile.  To profile the gunicorn workers of
a running benchmark instead, attach py-spy (``py-spy record --pid ...``).
"""

from __future__ import annotations

import argparse
import cProfile
import io
import json
import os
import pstats
import sys
import time
from collections.abc import Callable

from benchmarks.environment import bench_env


def _profile(call: Callable[[], int], repeat: int, top: int) -> None:
    """Print where ``repeat`` calls spend their time (pyinstrument or cProfile)."""
    try:
        from pyinstrument import Profiler
    except ImportError:
        profiler = cProfile.Profile()
        profiler.enable()
        for _ in range(repeat):
            call()
        profiler.disable()
        out = io.StringIO()
        stats = pstats.Stats(profiler, stream=out)
        stats.sort_stats("tottime").print_stats(top)
        print(out.getvalue())
        return
    profiler = Profiler(interval=0.0002)
    profiler.start()
    for _ in range(repeat):
        call()
    profiler.stop()
    print(profiler.output_text(unicode=True, color=False, show_all=False))


def main(argv: list[str] | None = None) -> int:
    """Profile the request; print timings and the profile."""
    parser = argparse.ArgumentParser(prog="python -m benchmarks.profile")
    parser.add_argument("path", help="request path, e.g. /api/jobs/?page_size=50")
    parser.add_argument("--n", type=int, required=True, help="uses jobs_bench_<N>")
    parser.add_argument("--method", default="GET")
    parser.add_argument("--body", default=None, help="JSON body for PATCH/POST")
    parser.add_argument("--repeat", type=int, default=300)
    parser.add_argument("--top", type=int, default=30)
    args = parser.parse_args(argv)
    os.environ.update(bench_env(args.n))

    import django

    django.setup()
    from django.test import Client

    client = Client(HTTP_HOST="127.0.0.1")
    body = json.loads(args.body) if args.body else None

    def call() -> int:
        if args.method == "GET":
            return client.get(args.path).status_code
        return client.generic(
            args.method, args.path, json.dumps(body), content_type="application/json"
        ).status_code

    for _ in range(20):
        status = call()
    if not 200 <= status < 300:
        print(f"{args.method} {args.path} answered {status}", file=sys.stderr)
        return 1
    started = time.perf_counter()
    for _ in range(args.repeat):
        call()
    per_request = (time.perf_counter() - started) / args.repeat * 1000
    print(
        f"{args.method} {args.path}: {per_request:.2f} ms per request in-process, unprofiled"
    )

    _profile(call, args.repeat, args.top)
    return 0


if __name__ == "__main__":
    sys.exit(main())
