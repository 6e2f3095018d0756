"""How the job lists are paged: the orderings and their paginators.

Each ordering's fields run one way and end in ``id``, matching one
composite index of ``jobs_job`` (docs/architecture.md, "Indexes").
"""

from __future__ import annotations

from core.pagination.keyset import KeysetPagination
from jobs.filters import JobFilter

# The one list of job orderings: query value -> ORDER BY fields.
JOB_ORDERINGS: dict[str, tuple[str, ...]] = {
    "-created_at": ("-created_at", "-id"),
    "created_at": ("created_at", "id"),
    "name": ("name", "id"),
    "-name": ("-name", "-id"),
    "-updated_at": ("-updated_at", "-id"),
}
JOB_DEFAULT_ORDERING = "-created_at"


class JobListPagination(KeysetPagination):
    """``GET /api/jobs/``: the orderings above, ``ordering`` parameter."""

    orderings = JOB_ORDERINGS
    default_ordering = JOB_DEFAULT_ORDERING
    ordering_query_param = "ordering"


class JobStatusHistoryPagination(KeysetPagination):
    """``GET /api/jobs/<id>/statuses/``: newest first, one ordering.

    ``(timestamp DESC, id DESC)`` is served by ``jobs_status_job_ts_idx``.
    """

    orderings = {"-timestamp": ("-timestamp", "-id")}
    default_ordering = "-timestamp"


# Every query parameter each list understands; any other is a 400
# (``core.pagination.params.reject_unknown_params``).
LIST_QUERY_PARAMS: tuple[str, ...] = (
    *JobFilter.base_filters,
    "ordering",
    JobListPagination.page_size_query_param,
    JobListPagination.cursor_query_param,
)
# The only one that may be given more than once (``status=A&status=B``).
LIST_REPEATABLE_PARAMS: tuple[str, ...] = ("status",)
HISTORY_QUERY_PARAMS: tuple[str, ...] = (
    JobStatusHistoryPagination.page_size_query_param,
    JobStatusHistoryPagination.cursor_query_param,
)
