"""The steps of ``benchmarks.run``: measure, throughput, plans, trigger cost.

Each appends what failed to ``failures`` and returns what it measured.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from pathlib import Path
from typing import Any

from benchmarks import report
from benchmarks.run_cases import Case, throughput_specs


def measure_step(
    args: argparse.Namespace, cases: list[Case], failures: list[str]
) -> None:
    """Measure every case (ours, then the baseline) at concurrency 1."""
    from benchmarks.client import Client, cycle, measure
    from benchmarks.dataset import log

    client = Client("127.0.0.1", args.port)
    for case in cases:
        log(f"ours: {case.name}")
        sample = measure(
            client,
            case.ours_source or cycle(case.ours or []),
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


def throughput_step(
    args: argparse.Namespace, cases: list[Case], failures: list[str]
) -> list:
    """Run the list pages with ``args.clients`` concurrent clients."""
    from benchmarks import report
    from benchmarks.client import cycle, throughput
    from benchmarks.dataset import log

    rows = []
    if args.throughput_seconds <= 0 or args.clients <= 0:
        return rows
    for label, specs in throughput_specs(cases):
        log(f"throughput: {label} x{args.clients}")
        result = throughput(
            "127.0.0.1",
            args.port,
            lambda _i, s=specs: cycle(s),
            clients=args.clients,
            duration_s=args.throughput_seconds,
        )
        failures.extend(f"throughput {label}: {e}" for e in result.errors)
        rows.append(report.throughput_row(label, result))
    return rows


def explains_step(
    args: argparse.Namespace, inputs: Any, page_size: int, failures: list[str]
) -> list:
    """EXPLAIN (ANALYZE, BUFFERS) of the cases; failures are reported, not raised."""
    from benchmarks.dataset import log

    log("EXPLAIN (ANALYZE, BUFFERS)")
    try:
        from benchmarks.explain import explain_cases

        return explain_cases(
            os.environ["DATABASE_URL"],
            inputs,
            page_size,
            baseline=not args.no_baseline_explain,
        )
    except Exception as exc:  # report what was measured anyway
        failures.append(f"EXPLAIN step: {exc!r}")
        log(f"EXPLAIN step failed: {exc!r}")
        return []


def trigger_rows_step(args: argparse.Namespace, failures: list[str]) -> list:
    """The triggers' write cost; failures are reported, not raised."""
    from benchmarks.dataset import log
    from benchmarks.triggers import measure_trigger_cost

    if args.trigger_rows <= 0:
        return []
    log("trigger write cost")
    try:
        return measure_trigger_cost(
            os.environ["DATABASE_URL"],
            bulk_rows=args.trigger_rows,
            single_rows=args.trigger_single_rows,
            repeats=args.trigger_repeats,
        )
    except Exception as exc:  # report what was measured anyway
        failures.append(f"trigger cost step: {exc!r}")
        log(f"trigger cost step failed: {exc!r}")
        return []


def write_run(args: Any, header: dict, parts: dict[str, Any]) -> None:
    """Write the markdown table, the plans and the raw JSON of the run."""
    from benchmarks.dataset import log

    results_dir: Path = args.results_dir
    suffix = f"{args.n}{'-' + args.label if args.label else ''}"
    rows = (parts["cases"], parts["throughput"], parts["triggers"], parts["failures"])
    text = report.render(header, parts["inputs"], *rows)
    print(text)
    (results_dir / f"bench-{suffix}.md").write_text(text)
    (results_dir / f"explain-{suffix}.md").write_text(
        report.render_explains(header, parts["explains"])
    )
    (results_dir / f"bench-{suffix}.json").write_text(
        json.dumps(report.as_json(header, *rows), indent=2, default=str)
    )
    log(f"wrote {results_dir}/bench-{suffix}.md and explain-{suffix}.md")


def print_failures(failures: list[str]) -> int:
    """Print the failed cases to stderr; return the exit status (1 if any)."""
    if not failures:
        return 0
    print("\nFAILED cases:\n" + "\n".join(f"- {f}" for f in failures), file=sys.stderr)
    return 1
