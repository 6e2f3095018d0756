"""Run the benchmark: ``python -m benchmarks.run --n 1000000``.

Steps: prepare ``jobs_bench_<N>`` (seed once, migrate, VACUUM ANALYZE),
start gunicorn as deployed with ``benchmarks.settings``, measure every case
at concurrency 1 over keep-alive HTTP for our API and the naive baseline,
measure list throughput with concurrent clients, take ``EXPLAIN (ANALYZE,
BUFFERS)`` of the deep pages, measure the triggers' write cost, and write
``bench-results/bench-<N>.md`` (plus ``explain-<N>.md`` and ``.json``).

The exit status is 1 when any case failed (a non-2xx answer), whatever the
timings: CI relies on that and nothing else.
"""

from __future__ import annotations

import argparse
import itertools
import json
import os
import signal
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlencode

from jobs.statuses import StatusType

REPO_ROOT = Path(__file__).resolve().parents[3]


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    """Parse the command line (defaults: a full run)."""
    parser = argparse.ArgumentParser(
        prog="python -m benchmarks.run", description=__doc__
    )
    parser.add_argument("--n", type=int, required=True, help="number of jobs")
    parser.add_argument("--port", type=int, default=18100)
    parser.add_argument("--warmup", type=int, default=20)
    parser.add_argument("--iterations", type=int, default=300)
    parser.add_argument("--min-iterations", type=int, default=5)
    parser.add_argument(
        "--case-budget", type=float, default=20.0, help="seconds per case"
    )
    parser.add_argument("--baseline-warmup", type=int, default=2)
    parser.add_argument("--baseline-iterations", type=int, default=30)
    parser.add_argument("--baseline-min", type=int, default=3)
    parser.add_argument("--baseline-budget", type=float, default=20.0)
    parser.add_argument("--clients", type=int, default=16)
    parser.add_argument("--throughput-seconds", type=float, default=15.0)
    parser.add_argument("--trigger-rows", type=int, default=100_000)
    parser.add_argument("--trigger-single-rows", type=int, default=20_000)
    parser.add_argument("--trigger-repeats", type=int, default=3)
    parser.add_argument("--results-dir", type=Path, default=REPO_ROOT / "bench-results")
    parser.add_argument(
        "--only", default="", help="comma-separated case-name substrings"
    )
    parser.add_argument(
        "--skip", default="", help="comma-separated case-name substrings"
    )
    parser.add_argument(
        "--baseline-cases",
        default="",
        help="run the baseline only for these case-name substrings (default: all)",
    )
    parser.add_argument(
        "--no-baseline-explain",
        action="store_true",
        help="skip EXPLAIN ANALYZE of the baseline (minutes at 10M rows)",
    )
    parser.add_argument("--label", default="", help="suffix of the result file names")
    parser.add_argument(
        "--prepare-only",
        action="store_true",
        help="only create/migrate/seed jobs_bench_<N> (used by bench-web.sh)",
    )
    return parser.parse_args(argv)


def bench_env(n: int) -> dict[str, str]:
    """Return the environment of the harness, manage.py and gunicorn.

    Real environment variables win, so ``WEB_CONCURRENCY=3 make bench``
    works.  The statement timeout is raised because the *baseline* needs
    seconds per page at 10M rows; our queries never come near it.
    """
    defaults = {
        "DATABASE_URL": f"postgres://postgres@127.0.0.1:5432/jobs_bench_{n}",
        "DJANGO_SETTINGS_MODULE": "benchmarks.settings",
        "DJANGO_SECRET_KEY": "bench-only-secret-key-not-for-production",
        "DJANGO_DEBUG": "false",
        "DJANGO_ALLOWED_HOSTS": "127.0.0.1,localhost",
        "DB_STATEMENT_TIMEOUT_MS": "600000",
        "GUNICORN_TIMEOUT": "600",
    }
    env = dict(os.environ)
    for key, value in defaults.items():
        env.setdefault(key, value)
    return env


@dataclass
class Case:
    """One measured case: our request(s) and, for lists, the baseline's."""

    name: str
    ours: list[tuple[str, str, dict | None]] | None = None
    ours_source: object = None  # a RequestSource for writes
    baseline: list[tuple[str, str, dict | None]] | None = None
    target: tuple[float, float | None] | None = None  # (p50 max, p95 max) ms
    note: str = ""
    results: dict = field(default_factory=dict)


def build_cases(inputs, page_size: int) -> list[Case]:  # noqa: ANN001
    """Build the case list from the data-derived inputs."""
    from benchmarks.cursor import list_cursor
    from benchmarks.dataset import POST_NAME_PREFIX, deep_offset

    def ours_list(**params: object) -> tuple[str, str, None]:
        query = {"page_size": page_size, **params}
        return ("GET", "/api/jobs/?" + urlencode(query), None)

    def naive(offset: int, status: str | None = None) -> tuple[str, str, None]:
        query: dict[str, object] = {"offset": offset}
        if status:
            query["status"] = status
        return ("GET", "/bench/naive/jobs/?" + urlencode(query), None)

    status = inputs.filter_status
    list_target = (5.0, 8.0)
    cases = [
        Case("list first page", [ours_list()], baseline=[naive(0)], target=list_target),
    ]
    for depth, label in ((0.5, "list 50%"), (0.9, "list 90%")):
        created_at, job_id = inputs.deep_rows[label]
        cursor = list_cursor(created_at, job_id)
        cases.append(
            Case(
                f"{label} deep",
                [ours_list(cursor=cursor)],
                baseline=[naive(deep_offset(inputs.total, depth, page_size))],
                target=list_target,
            )
        )
    share = 100.0 * inputs.filter_total / max(inputs.total, 1)
    cases.append(
        Case(
            f"status={status} ({share:.1f}%) first page",
            [ours_list(status=status)],
            baseline=[naive(0, status)],
            target=list_target,
        )
    )
    created_at, job_id = inputs.deep_rows["status 90%"]
    cases.append(
        Case(
            f"status={status} 90% deep",
            [ours_list(status=status, cursor=list_cursor(created_at, job_id))],
            baseline=[naive(deep_offset(inputs.filter_total, 0.9, page_size), status)],
            target=list_target,
        )
    )
    for term in inputs.search_terms:
        cases.append(
            Case(
                f"search {term.label} '{term.term}' ({term.matches} matches)",
                [ours_list(search=term.term)],
                target=(50.0, None),
            )
        )
    cases.append(Case("stats", [("GET", "/api/jobs/stats/", None)], target=(2.0, None)))
    # Seeded jobs start PENDING: the first change moves each one.
    statuses = [*StatusType.values[1:], StatusType.values[0]]
    patches = [
        ("PATCH", f"/api/jobs/{job_id}/", {"status_type": statuses[i % len(statuses)]})
        for i, job_id in enumerate(inputs.job_ids)
    ]
    cases.append(Case("PATCH status", patches, target=(8.0, None)))
    counter = itertools.count()
    run_tag = time.strftime("%H%M%S")
    cases.append(
        Case(
            "POST job",
            ours_source=lambda: (
                "POST",
                "/api/jobs/",
                {"name": f"{POST_NAME_PREFIX}{run_tag}-{next(counter)}"},
            ),
        )
    )
    cases.append(
        Case(
            "GET history",
            [
                ("GET", f"/api/jobs/{job_id}/statuses/", None)
                for job_id in inputs.job_ids
            ],
        )
    )
    return cases


def _machine() -> dict[str, object]:
    """Describe the machine: cores, memory, load."""
    mem_kb = 0
    try:
        for line in Path("/proc/meminfo").read_text().splitlines():
            if line.startswith("MemTotal:"):
                mem_kb = int(line.split()[1])
    except OSError:
        pass
    return {
        "cores": os.cpu_count(),
        "memory_gib": round(mem_kb / 1024 / 1024, 1) if mem_kb else None,
        "loadavg": os.getloadavg(),
    }


def _pg_settings(database_url: str) -> dict[str, str]:
    """Return the PostgreSQL version and the settings the plans depend on."""
    import psycopg

    names = (
        "shared_buffers",
        "work_mem",
        "effective_cache_size",
        "random_page_cost",
        "max_parallel_workers_per_gather",
        "jit",
    )
    with psycopg.connect(database_url, autocommit=True) as conn:
        out = {"version": conn.execute("SHOW server_version").fetchone()[0]}
        for name in names:
            out[name] = conn.execute(f"SHOW {name}").fetchone()[0]
    return out


def _git_commit() -> str:
    """Return the short commit measured (``BENCH_COMMIT`` or HEAD, or '?')."""
    import subprocess

    if os.environ.get("BENCH_COMMIT"):
        return os.environ["BENCH_COMMIT"]

    try:
        return subprocess.run(
            ["git", "rev-parse", "--short", "HEAD"],
            cwd=REPO_ROOT,
            capture_output=True,
            text=True,
            check=True,
        ).stdout.strip()
    except (OSError, subprocess.CalledProcessError):
        return "?"


def main(argv: list[str] | None = None) -> int:
    """Run the whole benchmark; return the process exit status."""
    args = parse_args(argv)
    # SIGTERM unwinds like Ctrl-C, so gunicorn is stopped and the jobs the
    # run created are removed.
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))
    env = bench_env(args.n)
    os.environ.update(env)

    from benchmarks import report
    from benchmarks.client import Client, cycle, measure, throughput
    from benchmarks.dataset import (
        cleanup_posted_jobs,
        log,
        pick_inputs,
        prepare_database,
    )
    from benchmarks.server import Gunicorn, gunicorn_settings
    from benchmarks.triggers import measure_trigger_cost

    started = time.perf_counter()
    database_url = env["DATABASE_URL"]
    machine_before = _machine()
    db_action = prepare_database(database_url, args.n, env)
    if args.prepare_only:
        return 0

    import django

    django.setup()
    from django.conf import settings

    page_size = int(getattr(settings, "API_PAGE_SIZE_DEFAULT", 50))
    inputs = pick_inputs(database_url, page_size)
    log(
        f"total={inputs.total} filter={inputs.filter_status} ({inputs.filter_total}) "
        f"terms={[(t.term, t.matches) for t in inputs.search_terms]}"
    )
    cases = build_cases(inputs, page_size)
    if args.only:
        wanted = [w.strip() for w in args.only.split(",") if w.strip()]
        cases = [c for c in cases if any(w in c.name for w in wanted)]
    if args.baseline_cases:
        keep = [w.strip() for w in args.baseline_cases.split(",") if w.strip()]
        for case in cases:
            if case.baseline and not any(w in case.name for w in keep):
                case.baseline = None
    if args.skip:
        unwanted = [w.strip() for w in args.skip.split(",") if w.strip()]
        cases = [c for c in cases if not any(w in c.name for w in unwanted)]

    results_dir: Path = args.results_dir
    results_dir.mkdir(parents=True, exist_ok=True)
    suffix = f"{args.n}{'-' + args.label if args.label else ''}"
    server = Gunicorn(args.port, env, results_dir / f"gunicorn-{suffix}.log")
    gconf = gunicorn_settings(server.env)
    failures: list[str] = []
    throughput_rows: list[dict[str, object]] = []
    explains: list[tuple[str, str, str]] = []
    trigger_rows = []
    server.start()
    try:
        client = Client("127.0.0.1", args.port)
        for case in cases:
            source = case.ours_source or cycle(case.ours or [])
            log(f"ours: {case.name}")
            sample = measure(
                client,
                source,
                warmup=args.warmup,
                iterations=args.iterations,
                min_iterations=min(args.iterations, args.min_iterations),
                budget_s=args.case_budget,
            )
            case.results["ours"] = sample
            failures.extend(f"{case.name} (ours): {e}" for e in sample.errors)
            if case.baseline:
                log(f"baseline: {case.name}")
                base = measure(
                    client,
                    cycle(case.baseline),
                    warmup=args.baseline_warmup,
                    iterations=args.baseline_iterations,
                    min_iterations=args.baseline_min,
                    budget_s=args.baseline_budget,
                )
                case.results["baseline"] = base
                failures.extend(f"{case.name} (baseline): {e}" for e in base.errors)
        client.close()

        if args.throughput_seconds > 0 and args.clients > 0:
            for label, specs in _throughput_specs(cases):
                log(f"throughput: {label} x{args.clients}")
                result = throughput(
                    "127.0.0.1",
                    args.port,
                    lambda _i, s=specs: cycle(s),
                    clients=args.clients,
                    duration_s=args.throughput_seconds,
                )
                failures.extend(f"throughput {label}: {e}" for e in result.errors)
                throughput_rows.append(report.throughput_row(label, result))

        log("EXPLAIN (ANALYZE, BUFFERS)")
        try:
            from benchmarks.explain import explain_cases

            explains = explain_cases(
                database_url, inputs, page_size, baseline=not args.no_baseline_explain
            )
        except Exception as exc:  # report what was measured anyway
            failures.append(f"EXPLAIN step: {exc!r}")
            log(f"EXPLAIN step failed: {exc!r}")
    finally:
        server.stop()
        removed = cleanup_posted_jobs(database_url)
        log(f"removed {removed} jobs created by POST cases")

    if args.trigger_rows > 0:
        log("trigger write cost")
        try:
            trigger_rows = measure_trigger_cost(
                database_url,
                bulk_rows=args.trigger_rows,
                single_rows=args.trigger_single_rows,
                repeats=args.trigger_repeats,
            )
        except Exception as exc:  # report what was measured anyway
            failures.append(f"trigger cost step: {exc!r}")
            log(f"trigger cost step failed: {exc!r}")

    header = {
        "N": args.n,
        "database": f"{env['DATABASE_URL'].rsplit('/', 1)[1]} ({db_action})",
        "postgres": _pg_settings(database_url),
        "gunicorn": gconf,
        "db_pool": f"min {env.get('DB_POOL_MIN_SIZE', '1')} / max {env.get('DB_POOL_MAX_SIZE', '4')} per worker",
        "machine": _machine(),
        "loadavg_before": machine_before["loadavg"],
        "commit": _git_commit(),
        "date_utc": time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime()),
        "duration_s": round(time.perf_counter() - started, 1),
        "settings": vars(args) | {"results_dir": str(args.results_dir)},
    }
    text = report.render(header, inputs, cases, throughput_rows, trigger_rows, failures)
    print(text)
    (results_dir / f"bench-{suffix}.md").write_text(text)
    (results_dir / f"explain-{suffix}.md").write_text(
        report.render_explains(header, explains)
    )
    (results_dir / f"bench-{suffix}.json").write_text(
        json.dumps(
            report.as_json(header, cases, throughput_rows, trigger_rows, failures),
            indent=2,
            default=str,
        )
    )
    log(f"wrote {results_dir}/bench-{suffix}.md and explain-{suffix}.md")
    if failures:
        print(
            "\nFAILED cases:\n" + "\n".join(f"- {f}" for f in failures), file=sys.stderr
        )
        return 1
    return 0


def _throughput_specs(cases: list[Case]) -> list[tuple[str, list]]:
    """Pick the list pages the concurrent clients request."""
    by_name = {c.name: c for c in cases}
    out: list[tuple[str, list]] = []
    first = by_name.get("list first page")
    deep = by_name.get("list 90% deep")
    if first and first.ours:
        out.append(("ours: list first page", first.ours))
    if deep and deep.ours:
        out.append(("ours: list 90% deep", deep.ours))
    if first and first.baseline:
        out.append(("baseline: list first page", first.baseline))
    return out


if __name__ == "__main__":
    sys.exit(main())
