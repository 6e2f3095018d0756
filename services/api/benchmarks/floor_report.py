"""The floor table: p50/p95 per case and its ratios to both floors."""

from __future__ import annotations

import statistics
import time

from benchmarks.floor_cases import SEARCH_P50_MAX_MS, FloorCase


def _pct(data: list[float], pct: int) -> float | None:
    if not data:
        return None
    if len(data) == 1:
        return data[0]
    return statistics.quantiles(data, n=100, method="inclusive")[pct - 1]


def _fmt(value: float | None, unit: str = "") -> str:
    return "—" if value is None else f"{value:.2f}{unit}"


def _verdict(
    case: FloorCase, p50: float, p95: float, health: float, bare: float
) -> str:
    if case.search:
        return (
            "ok"
            if p50 <= SEARCH_P50_MAX_MS
            else f"MISS (p50 ≤ {SEARCH_P50_MAX_MS:g} ms)"
        )
    if case.target is None:
        return ""
    max_health, max_bare, max_p95 = case.target
    misses = []
    if max_health is not None and p50 > max_health * health:
        misses.append(f"p50 ≤ {max_health:g}× health")
    if max_bare is not None and p50 > max_bare * bare:
        misses.append(f"p50 ≤ {max_bare:g}× bare")
    if max_p95 is not None and p95 > max_p95 * health:
        misses.append(f"p95 ≤ {max_p95:g}× health")
    return "ok" if not misses else "MISS (" + ", ".join(misses) + ")"


def render(header: dict, cases: list[FloorCase]) -> str:
    """The Markdown report (header lines, then the table)."""
    by_name = {case.name: case for case in cases}
    bare = _pct(by_name["bare WSGI"].latencies_ms, 50) or float("nan")
    health = _pct(by_name["/api/health/"].latencies_ms, 50) or float("nan")
    load = lambda values: " ".join(f"{v:.2f}" for v in values)  # noqa: E731
    lines = [
        f"# Floor benchmark, N = {header['n']:,} jobs",
        "",
        f"- {time.strftime('%Y-%m-%d %H:%M UTC', time.gmtime())}, commit {header['commit']}, "
        f"{header['rounds']} interleaved rounds in {header['seconds']} s",
        f"- load average before {load(header['load_before'])}, after {load(header['load_after'])}",
        "- one keep-alive connection per server, one request of every case per round; ms",
        "",
        "| case | p50 | p95 | p50 / health | p50 / bare | p95 / health | n | target |",
        "|---|---:|---:|---:|---:|---:|---:|---|",
    ]
    for case in cases:
        p50, p95 = _pct(case.latencies_ms, 50), _pct(case.latencies_ms, 95)
        if p50 is None or p95 is None:
            lines.append(f"| {case.name} | — | — | — | — | — | 0 | ERROR |")
            continue
        verdict = _verdict(case, p50, p95, health, bare)
        lines.append(
            f"| {case.name} | {p50:.2f} | {p95:.2f} | {_fmt(p50 / health, '×')} | "
            f"{_fmt(p50 / bare, '×')} | {_fmt(p95 / health, '×')} | {len(case.latencies_ms)} | {verdict} |"
        )
    return "\n".join(lines) + "\n"
