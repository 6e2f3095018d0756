"""OpenAPI pieces of the jobs API: parameters, examples, error responses.

``jobs.apis`` passes them to ``extend_schema``; they change the schema
(``services/api/openapi.yaml``, ``make types``), never the behaviour.
"""

from __future__ import annotations

from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiExample, OpenApiParameter

from core.db.retry import WriteConflictError
from core.serializers import ErrorEnvelopeSerializer
from jobs.filters import SEARCH_MIN_LENGTH
from jobs.models import NAME_MAX_LENGTH, StatusType
from jobs.pagination import JOB_DEFAULT_ORDERING, JOB_ORDERINGS

TAGS = ["jobs"]

JOB_ID_PARAMETER = OpenApiParameter(
    "job_id", OpenApiTypes.INT64, OpenApiParameter.PATH, description="Job id."
)

LIST_ORDERINGS = list(JOB_ORDERINGS)

LIST_FILTER_PARAMETERS = [
    OpenApiParameter(
        "status",
        {"type": "array", "items": {"type": "string", "enum": StatusType.values}},
        OpenApiParameter.QUERY,
        description=(
            "Only jobs whose current status is one of these, exactly as "
            "spelled. Repeat the parameter (`status=RUNNING&status=FAILED`) "
            "or separate values with commas (`status=RUNNING,FAILED`). An "
            "empty value (`status=`) is a 400: leave the parameter out for "
            "every job."
        ),
        explode=True,
        style="form",
    ),
    OpenApiParameter(
        "search",
        {
            "type": "string",
            "format": "search-term",
            "minLength": SEARCH_MIN_LENGTH,
            "maxLength": NAME_MAX_LENGTH,
        },
        OpenApiParameter.QUERY,
        description=(
            "Case-insensitive substring of the job name: at most 200 "
            "characters as sent, then trimmed, at least 3 (format "
            "`search-term`). The term must hold a trigram the name index can "
            "use: 3 letters or digits in a row, or 1 after another character "
            "(spaces and - _ . / # count as letters); `%%%` or `a**` has none. "
            "Anything else, an empty or blank term included, is a 400: leave "
            "the parameter out for no search."
        ),
    ),
    OpenApiParameter(
        "ordering",
        OpenApiTypes.STR,
        OpenApiParameter.QUERY,
        enum=LIST_ORDERINGS,
        default=JOB_DEFAULT_ORDERING,
        description=(
            "Sort order; ties are broken by id. With `-updated_at`, a job "
            "modified during a scroll may move between pages. An empty or "
            "other value is a 400."
        ),
    ),
]

JOB_EXAMPLE_VALUE = {
    "id": 3,
    "name": "Fluid Dynamics Simulation",
    "current_status": "RUNNING",
    "status_changed_at": "2026-11-29T09:15:49.757999Z",
    "created_at": "2026-11-29T09:15:10.391854Z",
    "updated_at": "2026-11-29T09:15:49.757999Z",
}


def job_example(status_code: str) -> OpenApiExample:
    """A job in a response with ``status_code``."""
    return OpenApiExample(
        "Job", value=JOB_EXAMPLE_VALUE, response_only=True, status_codes=[status_code]
    )


# For list responses drf-spectacular wraps the example item in the page
# shape itself (results list plus the paginator's next/previous examples).
JOB_PAGE_EXAMPLE = OpenApiExample(
    "Page of jobs",
    value=JOB_EXAMPLE_VALUE,
    response_only=True,
    status_codes=["200"],
)

STATUS_PAGE_EXAMPLE = OpenApiExample(
    "Page of statuses",
    value={
        "id": 9,
        "status_type": "RUNNING",
        "timestamp": "2026-11-29T09:15:49.757999Z",
    },
    response_only=True,
    status_codes=["200"],
)

STATS_EXAMPLE = OpenApiExample(
    "Counts",
    value={
        "total": 4,
        "by_status": {
            "PENDING": 3,
            "RUNNING": 1,
            "COMPLETED": 0,
            "FAILED": 0,
            "CANCELLED": 0,
        },
    },
    response_only=True,
    status_codes=["200"],
)

NEW_JOB_EXAMPLE = OpenApiExample(
    "New job", value={"name": "Fluid Dynamics Simulation"}, request_only=True
)
STATUS_CHANGE_EXAMPLE = OpenApiExample(
    "Status change", value={"status_type": "RUNNING"}, request_only=True
)

VALIDATION_ERROR_EXAMPLE = OpenApiExample(
    "Invalid input",
    value={
        "detail": "name: This field may not be blank.",
        "errors": {"name": ["This field may not be blank."]},
    },
    response_only=True,
    status_codes=["400"],
)

_PAGE_SIZE_MESSAGE = "page_size must be an integer from 1 to 200; got '0'."
PARAMETER_ERROR_EXAMPLE = OpenApiExample(
    "Invalid parameter",
    value={
        "detail": f"page_size: {_PAGE_SIZE_MESSAGE}",
        "errors": {"page_size": [_PAGE_SIZE_MESSAGE]},
    },
    response_only=True,
    status_codes=["400"],
)

NOT_FOUND_EXAMPLE = OpenApiExample(
    "Unknown job",
    value={"detail": "Job 42 not found."},
    response_only=True,
    status_codes=["404"],
)

BODY_TOO_LARGE_EXAMPLE = OpenApiExample(
    "Body too large",
    value={"detail": "Request body too large: at most 2621440 bytes."},
    response_only=True,
    status_codes=["413"],
)

NOT_JSON_EXAMPLE = OpenApiExample(
    "Body not JSON",
    value={"detail": 'Unsupported media type "text/plain" in request.'},
    response_only=True,
    status_codes=["415"],
)

DATABASE_UNAVAILABLE_EXAMPLE = OpenApiExample(
    "Database unavailable",
    value={"detail": "Database unavailable."},
    response_only=True,
    status_codes=["503"],
)

ERRORS_400 = {400: ErrorEnvelopeSerializer}
# A list's query string: a bad parameter, or a request line over the
# server's limit (gunicorn or nginx answer the 414, in the same envelope).
ERRORS_LIST = {400: ErrorEnvelopeSerializer, 414: ErrorEnvelopeSerializer}
ERRORS_404 = {404: ErrorEnvelopeSerializer}
# A JSON body over DATA_UPLOAD_MAX_MEMORY_SIZE, or not JSON at all.
ERRORS_BODY = {413: ErrorEnvelopeSerializer, 415: ErrorEnvelopeSerializer}
BODY_EXAMPLES = [BODY_TOO_LARGE_EXAMPLE, NOT_JSON_EXAMPLE]
# The database cannot be reached; retry after the Retry-After seconds.
ERRORS_503 = {503: ErrorEnvelopeSerializer}

WRITE_CONFLICT_EXAMPLE = OpenApiExample(
    "Write conflict",
    value={"detail": WriteConflictError.default_message},
    response_only=True,
    status_codes=["409"],
)
# A write that kept deadlocking with concurrent writes (retried first).
ERRORS_409 = {409: ErrorEnvelopeSerializer}
