"""Markdown and JSON output of a benchmark run."""

from __future__ import annotations

import statistics
from typing import Any


def _ms(value: float | None) -> str:
    if value is None:
        return "—"
    if value >= 100:
        return f"{value:,.0f}"
    return f"{value:.2f}" if value < 10 else f"{value:.1f}"


def _rps(value: float | None) -> str:
    return "—" if value is None else f"{value:,.0f}" if value >= 10 else f"{value:.1f}"


def _verdict(case: Any) -> str:
    ours = case.results.get("ours")
    if case.target is None or ours is None or not ours.latencies_ms:
        return ""
    p50_max, p95_max = case.target
    ok = ours.percentile(50) <= p50_max and (
        p95_max is None or ours.percentile(95) <= p95_max
    )
    goal = f"p50≤{p50_max:g}" + (f", p95≤{p95_max:g}" if p95_max else "")
    return f"{'ok' if ok else 'MISS'} ({goal})"


def throughput_row(label: str, result: Any) -> dict[str, Any]:
    """Summarise a concurrent run as a table row."""
    lat = sorted(result.latencies_ms)

    def pct(p: float) -> float | None:
        if not lat:
            return None
        return lat[min(len(lat) - 1, int(p / 100 * len(lat)))]

    return {
        "label": label,
        "clients": result.clients,
        "seconds": result.duration_s,
        "completed": result.completed,
        "rps": result.rps,
        "p50": pct(50),
        "p95": pct(95),
        "errors": len(result.errors),
    }


def _header_lines(header: dict[str, Any], inputs: Any) -> list[str]:
    pg = header["postgres"]
    gun = header["gunicorn"]
    mach = header["machine"]
    lines = [
        f"# Benchmark, N = {header['N']:,} jobs",
        "",
        f"- date: {header['date_utc']}, commit {header['commit']}, run took {header['duration_s']} s",
        f"- database: {header['database']}",
        f"- PostgreSQL {pg['version']}: shared_buffers={pg['shared_buffers']}, work_mem={pg['work_mem']}, "
        f"effective_cache_size={pg['effective_cache_size']}, random_page_cost={pg['random_page_cost']}, "
        f"max_parallel_workers_per_gather={pg['max_parallel_workers_per_gather']}, jit={pg['jit']}",
        f"- gunicorn: {gun['workers']} workers × {gun['threads']} threads ({gun['worker_class']}); "
        f"DB pool {header['db_pool']}",
        f"- machine: {mach['cores']} cores, {mach['memory_gib']} GiB; load average before "
        f"{_load(header['loadavg_before'])}, after {_load(mach['loadavg'])} "
        "(client, server and PostgreSQL share these cores)",
        f"- data: {inputs.total:,} jobs; by status "
        + ", ".join(f"{k} {v:,}" for k, v in inputs.by_status.items())
        + f"; filter status {inputs.filter_status} = {inputs.filter_total:,}",
        f"- concurrency 1, keep-alive HTTP/1.1; ours: {header['settings']['warmup']} warm-up requests, "
        f"up to {header['settings']['iterations']} measured (or {header['settings']['case_budget']:g} s); "
        f"baseline: {header['settings']['baseline_warmup']} warm-up, "
        f"{header['settings']['baseline_min']}–{header['settings']['baseline_iterations']} measured "
        f"(or {header['settings']['baseline_budget']:g} s). Times in ms.",
        "",
        "| case | ours p50 | ours p95 | ours p99 | ours req/s | n | baseline p50 | baseline p95 | n | baseline/ours (p50) | target (ours) |",
        "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|",
    ]
    return lines


def _case_lines(cases: list[Any]) -> list[str]:
    lines = []
    for case in cases:
        ours = case.results.get("ours")
        base = case.results.get("baseline")
        ratio = "—"
        if ours and base and ours.latencies_ms and base.latencies_ms:
            value = base.percentile(50) / ours.percentile(50)
            ratio = f"{value:,.0f}×" if value >= 10 else f"{value:.1f}×"
        err = " **ERROR**" if (ours and ours.errors) or (base and base.errors) else ""
        lines.append(
            "| "
            + " | ".join(
                [
                    case.name + err,
                    _ms(ours.percentile(50) if ours else None),
                    _ms(ours.percentile(95) if ours else None),
                    _ms(ours.percentile(99) if ours else None),
                    _rps(ours.rps if ours else None),
                    str(len(ours.latencies_ms)) if ours else "—",
                    _ms(base.percentile(50) if base else None),
                    _ms(base.percentile(95) if base else None),
                    str(len(base.latencies_ms)) if base else "—",
                    ratio,
                    _verdict(case),
                ]
            )
            + " |"
        )
    return lines


def _note_lines(cases: list[Any]) -> list[str]:
    by_name = {c.name: c for c in cases}
    first = by_name.get("list first page")
    notes = []
    if first and first.results.get("ours") and first.results["ours"].latencies_ms:
        f50 = first.results["ours"].percentile(50)
        for name in ("list 50% deep", "list 90% deep"):
            deep = by_name.get(name)
            if deep and deep.results.get("ours") and deep.results["ours"].latencies_ms:
                r = deep.results["ours"].percentile(50) / f50
                notes.append(
                    f"- {name} / first page (ours, p50): {r:.2f}× (target ≤ 1.2×)"
                )
    for case in cases:
        ours = case.results.get("ours")
        if case.name.startswith("search") and ours and ours.first_ms is not None:
            notes.append(
                f"- {case.name}: first request of the run {_ms(ours.first_ms)} ms"
            )
    return ["", *notes] if notes else []


def _throughput_lines(throughput_rows: list[dict[str, Any]]) -> list[str]:
    lines: list[str] = []
    if throughput_rows:
        lines += [
            "",
            "## Throughput (concurrent keep-alive clients, Python threads on the same machine)",
            "",
            "| pages | clients | seconds | completed | req/s | p50 ms | p95 ms | errors |",
            "|---|---:|---:|---:|---:|---:|---:|---:|",
        ]
        for row in throughput_rows:
            lines.append(
                f"| {row['label']} | {row['clients']} | {row['seconds']:g} | {row['completed']:,} | "
                f"{_rps(row['rps'])} | {_ms(row['p50'])} | {_ms(row['p95'])} | {row['errors']} |"
            )
    return lines


def _trigger_lines(trigger_rows: list[Any]) -> list[str]:
    lines: list[str] = []
    if trigger_rows:
        lines += [
            "",
            "## Trigger cost on writes (status inserts, rolled-back transactions)",
            "",
            "| insert pattern | rows | jobs | with triggers rows/s | without rows/s | cost |",
            "|---|---:|---:|---:|---:|---:|",
        ]
        for row in trigger_rows:
            lines.append(
                f"| {row.label} | {row.rows:,} | {row.jobs:,} | {row.with_triggers_rps:,.0f} | "
                f"{row.without_triggers_rps:,.0f} | {row.slowdown:.2f}× slower |"
            )
    return lines


def render(header, inputs, cases, throughput_rows, trigger_rows, failures) -> str:  # noqa: ANN001
    """Return the run's markdown report."""
    lines = _header_lines(header, inputs) + _case_lines(cases) + _note_lines(cases)
    lines += _throughput_lines(throughput_rows) + _trigger_lines(trigger_rows)
    if failures:
        lines += ["", "## Failures", "", *[f"- {f}" for f in failures]]
    return "\n".join(lines) + "\n"


def _load(values: Any) -> str:
    return " ".join(f"{v:.2f}" for v in values)


def render_explains(
    header: dict[str, Any], explains: list[tuple[str, str, str]]
) -> str:
    """Return the EXPLAIN (ANALYZE, BUFFERS) outputs as markdown."""
    lines = [
        f"# EXPLAIN (ANALYZE, BUFFERS), N = {header['N']:,} jobs ({header['date_utc']})",
        "",
    ]
    for title, sql, plan in explains:
        lines += [f"## {title}", "", "```sql", sql, "```", "", "```", plan, "```", ""]
    return "\n".join(lines)


def as_json(header, cases, throughput_rows, trigger_rows, failures) -> dict[str, Any]:  # noqa: ANN001
    """Return the raw numbers (for later comparison)."""

    def sample(s: Any) -> dict[str, Any] | None:
        if s is None:
            return None
        return {
            "n": len(s.latencies_ms),
            "p50": s.percentile(50),
            "p95": s.percentile(95),
            "p99": s.percentile(99),
            "mean": statistics.fmean(s.latencies_ms) if s.latencies_ms else None,
            "rps": s.rps,
            "first_ms": s.first_ms,
            "errors": s.errors,
        }

    return {
        "header": header,
        "cases": [
            {
                "name": c.name,
                "ours": sample(c.results.get("ours")),
                "baseline": sample(c.results.get("baseline")),
            }
            for c in cases
        ],
        "throughput": throughput_rows,
        "trigger_cost": [vars(r) | {"slowdown": r.slowdown} for r in trigger_rows],
        "failures": failures,
    }
