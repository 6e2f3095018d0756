"""Reads of the jobs app: the list, one job, a job's history, the counts.

Selectors return QuerySets or plain data and raise ``jobs.exceptions``
errors or DRF ``ValidationError``; they never build HTTP responses.  Lists
are paged by ``jobs.pagination`` (keyset, one query per page).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, NamedTuple, TypedDict

from django.db.models import QuerySet, Sum
from rest_framework.exceptions import ValidationError

from core.pagination.keyset import Partition
from jobs.exceptions import JobNotFoundError
from jobs.filters import JobFilter
from jobs.models import Job, JobStatus, JobStatusCount, StatusType


class JobStats(TypedDict):
    """Shape of :func:`job_stats`."""

    total: int
    by_status: dict[str, int]


class JobListQuery(NamedTuple):
    """What :func:`job_list_query` returns: the rows and how to page them."""

    jobs: QuerySet[Job]
    partition: Partition | None


def job_list_query(*, filters: Mapping[str, Any] | None = None) -> JobListQuery:
    """Return the jobs matching ``filters`` and the page partition.

    ``filters`` is the query string (a ``QueryDict`` or a plain mapping)
    with ``status`` and/or ``search`` as described by
    :class:`jobs.filters.JobFilter`; other keys are ignored.  ``jobs`` is
    ordered newest first (the paginator replaces the order).  With two or
    more statuses and no search, ``partition`` asks the paginator for one
    limited index scan per status, merged; with a search the trigram index
    drives the plan instead (a partition would repeat its bitmap scan once
    per status).  No query runs here.

    Raises:
        rest_framework.exceptions.ValidationError: an unknown status, or a
            search term under 3 or over 200 characters, as
            ``{"<param>": ["<message>"]}``.
    """
    base = Job.objects.order_by("-created_at", "-id")
    filterset = JobFilter(data=filters if filters is not None else {}, queryset=base)
    if not filterset.is_valid():
        raise ValidationError(
            {field: list(messages) for field, messages in filterset.errors.items()}
        )
    statuses: list[str] = filterset.form.cleaned_data.get("status") or []
    search: str = filterset.form.cleaned_data.get("search") or ""
    partition = None
    if len(statuses) > 1 and not search:
        partition = Partition("current_status", tuple(statuses))
    return JobListQuery(filterset.qs, partition)


def job_list(*, filters: Mapping[str, Any] | None = None) -> QuerySet[Job]:
    """Return the jobs matching ``filters``, newest first (see above)."""
    return job_list_query(filters=filters).jobs


def job_get(*, job_id: int) -> Job:
    """Return the job with primary key ``job_id`` (one query).

    Raises:
        JobNotFoundError: no job has that id.
    """
    try:
        return Job.objects.get(pk=job_id)
    except Job.DoesNotExist:
        raise JobNotFoundError(job_id) from None


def job_status_history(*, job_id: int) -> QuerySet[JobStatus]:
    """Return the statuses of job ``job_id``, newest first.

    Ordered by ``(timestamp DESC, id DESC)``, which the index
    ``jobs_status_job_ts_idx (job_id, timestamp DESC, id DESC)`` serves;
    page it with :class:`jobs.pagination.JobStatusHistoryPagination`.
    Runs one query (the job's existence); the QuerySet itself is lazy.

    Raises:
        JobNotFoundError: no job has that id.
    """
    if not Job.objects.filter(pk=job_id).exists():
        raise JobNotFoundError(job_id)
    return JobStatus.objects.filter(job_id=job_id).order_by("-timestamp", "-id")


def job_stats() -> JobStats:
    """Return exact job counts from the trigger-kept counters (one query).

    Shape: ``{"total": int, "by_status": {status: int}}`` with all five
    statuses present (0 when none).  ``total`` also counts jobs with no
    status left (the counters' NULL ``status_type`` rows), which appear in
    no ``by_status`` entry.  Cost is constant: it sums at most
    ``6 statuses x 16 shards`` rows of ``jobs_jobstatuscount``.
    """
    by_status = dict.fromkeys(StatusType.values, 0)
    total = 0
    rows = (
        JobStatusCount.objects.values("status_type")
        .annotate(jobs=Sum("job_count"))
        .order_by()
    )
    for row in rows:
        count = int(row["jobs"] or 0)
        total += count
        if row["status_type"] in by_status:
            by_status[row["status_type"]] += count
    return {"total": total, "by_status": by_status}


# The fields of a live-update `job` event (docs/api.md, "Live updates").
JOB_CHANGE_FIELDS = ("id", "name", "current_status", "status_changed_at", "updated_at")


def job_changes(*, job_ids: list[int]) -> list[dict[str, Any]]:
    """Return the jobs among ``job_ids`` that exist, by id (one query).

    Each row is a dict of :data:`JOB_CHANGE_FIELDS` (datetimes aware, UTC);
    an id without a row (a deleted job) is simply absent.
    """
    return list(
        Job.objects.filter(pk__in=job_ids).order_by("id").values(*JOB_CHANGE_FIELDS)
    )
