"""The cases of ``benchmarks.run``: what is requested, and its target."""

from __future__ import annotations

import itertools
import time
from dataclasses import dataclass, field
from urllib.parse import urlencode

from jobs.statuses import StatusType


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


def _ours_list(page_size: int, **params: object) -> tuple[str, str, None]:
    return ("GET", "/api/jobs/?" + urlencode({"page_size": page_size, **params}), None)


def naive(offset: int, status: str | None = None) -> tuple[str, str, None]:
    """A page of the naive baseline (OFFSET, optional status)."""
    query: dict[str, object] = {"offset": offset}
    if status:
        query["status"] = status
    return ("GET", "/bench/naive/jobs/?" + urlencode(query), None)


def _list_cases(inputs, page_size: int) -> list[Case]:  # noqa: ANN001
    """The list pages: first, 50% and 90% deep, one status first and deep."""
    from benchmarks.cursor import list_cursor
    from benchmarks.dataset import deep_offset

    def ours_list(**params: object) -> tuple[str, str, None]:
        return _ours_list(page_size, **params)

    status = inputs.filter_status
    list_target = (5.0, 8.0)
    cases = [
        Case("list first page", [ours_list()], baseline=[naive(0)], target=list_target),
    ]
    for depth, label in ((0.5, "list 50%"), (0.9, "list 90%")):
        created_at, job_id = inputs.deep_rows[label]
        cases.append(
            Case(
                f"{label} deep",
                [ours_list(cursor=list_cursor(created_at, job_id))],
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
    return cases + [
        Case(
            f"search {term.label} '{term.term}' ({term.matches} matches)",
            [ours_list(search=term.term)],
            target=(20.0, None),
        )
        for term in inputs.search_terms
    ]


def build_cases(inputs, page_size: int) -> list[Case]:  # noqa: ANN001
    """Build the case list from the data-derived inputs."""
    from benchmarks.dataset import POST_NAME_PREFIX

    cases = _list_cases(inputs, page_size)
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
    history = [
        ("GET", f"/api/jobs/{job_id}/statuses/", None) for job_id in inputs.job_ids
    ]
    cases.append(Case("GET history", history))
    return cases


def select_cases(
    cases: list[Case], only: str, skip: str, baseline_cases: str
) -> list[Case]:
    """Keep the cases named by ``only``, drop ``skip``, trim the baselines."""

    def words(raw: str) -> list[str]:
        return [w.strip() for w in raw.split(",") if w.strip()]

    if only:
        cases = [c for c in cases if any(w in c.name for w in words(only))]
    if baseline_cases:
        for case in cases:
            if case.baseline and not any(w in case.name for w in words(baseline_cases)):
                case.baseline = None
    if skip:
        cases = [c for c in cases if not any(w in c.name for w in words(skip))]
    return cases


def throughput_specs(cases: list[Case]) -> list[tuple[str, list]]:
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
