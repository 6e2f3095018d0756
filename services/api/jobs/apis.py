"""HTTP endpoints of the jobs API: validate, call one selector or service,
serialise, return.  Errors are raised, and ``core.exceptions`` turns them
into the JSON error envelope."""

from __future__ import annotations

from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiExample, OpenApiParameter, extend_schema
from rest_framework import status
from rest_framework.request import Request
from rest_framework.response import Response
from rest_framework.views import APIView

from core.parsers import StrictJSONParser
from core.serializers import ErrorEnvelopeSerializer
from jobs.models import StatusType
from jobs.pagination import (
    JOB_DEFAULT_ORDERING,
    JOB_ORDERINGS,
    JobListPagination,
    JobStatusHistoryPagination,
)
from jobs.selectors import job_get, job_list_query, job_stats, job_status_history
from jobs.serializers import (
    JOB_FIELDS,
    JobCreateInputSerializer,
    JobSerializer,
    JobStatsSerializer,
    JobStatusSerializer,
    JobUpdateInputSerializer,
    job_from_row,
)
from jobs.services import job_create, job_delete, job_update

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
            "or separate values with commas (`status=RUNNING,FAILED`)."
        ),
        explode=True,
        style="form",
    ),
    OpenApiParameter(
        "search",
        {"type": "string", "minLength": 3, "maxLength": 200},
        OpenApiParameter.QUERY,
        description=(
            "Case-insensitive substring of the job name, 3 to 200 characters "
            "after trimming (a shorter term has no trigram for the index to "
            "use, so it is a 400)."
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
            "modified during a scroll may move between pages."
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
ERRORS_404 = {404: ErrorEnvelopeSerializer}
# A JSON body over DATA_UPLOAD_MAX_MEMORY_SIZE, or not JSON at all.
ERRORS_BODY = {413: ErrorEnvelopeSerializer, 415: ErrorEnvelopeSerializer}
BODY_EXAMPLES = [BODY_TOO_LARGE_EXAMPLE, NOT_JSON_EXAMPLE]
# The database cannot be reached; retry after the Retry-After seconds.
ERRORS_503 = {503: ErrorEnvelopeSerializer}


class JobListCreateApi(APIView):
    """``/api/jobs/``: list jobs (keyset-paginated) and create a job."""

    # Read by drf-spectacular for the list's page shape and parameters.
    pagination_class = JobListPagination
    parser_classes = [StrictJSONParser]

    @extend_schema(
        operation_id="jobs_list",
        summary="List jobs",
        description=(
            "Newest first by default. Keyset pagination: follow `next` "
            "(an absolute URL with an opaque `cursor`) until it is null. "
            "No total count is computed."
        ),
        parameters=LIST_FILTER_PARAMETERS,
        responses={200: JobSerializer(many=True), **ERRORS_400, **ERRORS_503},
        examples=[
            JOB_PAGE_EXAMPLE,
            PARAMETER_ERROR_EXAMPLE,
            DATABASE_UNAVAILABLE_EXAMPLE,
        ],
        tags=TAGS,
    )
    def get(self, request: Request) -> Response:
        paginator = JobListPagination()
        jobs, partition = job_list_query(filters=request.query_params)
        rows = jobs.values(*JOB_FIELDS)
        page = paginator.paginate_queryset(rows, request, self, partition=partition)
        return paginator.get_paginated_response([job_from_row(row) for row in page])

    @extend_schema(
        operation_id="jobs_create",
        summary="Create a job",
        description="Creates the job with an initial PENDING status.",
        request=JobCreateInputSerializer,
        responses={201: JobSerializer, **ERRORS_400, **ERRORS_BODY, **ERRORS_503},
        examples=[
            OpenApiExample(
                "New job",
                value={"name": "Fluid Dynamics Simulation"},
                request_only=True,
            ),
            job_example("201"),
            VALIDATION_ERROR_EXAMPLE,
            *BODY_EXAMPLES,
            DATABASE_UNAVAILABLE_EXAMPLE,
        ],
        tags=TAGS,
    )
    def post(self, request: Request) -> Response:
        serializer = JobCreateInputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        job = job_create(**serializer.validated_data)
        return Response(JobSerializer(job).data, status=status.HTTP_201_CREATED)


class JobDetailApi(APIView):
    """``/api/jobs/<id>/``: read, update (status and/or name) or delete."""

    parser_classes = [StrictJSONParser]

    @extend_schema(
        operation_id="jobs_retrieve",
        summary="Get a job",
        parameters=[JOB_ID_PARAMETER],
        responses={200: JobSerializer, **ERRORS_404, **ERRORS_503},
        examples=[job_example("200"), NOT_FOUND_EXAMPLE, DATABASE_UNAVAILABLE_EXAMPLE],
        tags=TAGS,
    )
    def get(self, request: Request, job_id: int) -> Response:
        job = job_get(job_id=job_id)
        return Response(JobSerializer(job).data)

    @extend_schema(
        operation_id="jobs_partial_update",
        summary="Change a job's status and/or name",
        description=(
            "`status_type` appends a new entry to the job's status history, "
            "even when it equals the current status; the returned job "
            "already shows it. At least one field is required."
        ),
        parameters=[JOB_ID_PARAMETER],
        request=JobUpdateInputSerializer,
        responses={
            200: JobSerializer,
            **ERRORS_400,
            **ERRORS_404,
            **ERRORS_BODY,
            **ERRORS_503,
        },
        examples=[
            OpenApiExample(
                "Status change", value={"status_type": "RUNNING"}, request_only=True
            ),
            job_example("200"),
            VALIDATION_ERROR_EXAMPLE,
            NOT_FOUND_EXAMPLE,
            *BODY_EXAMPLES,
            DATABASE_UNAVAILABLE_EXAMPLE,
        ],
        tags=TAGS,
    )
    def patch(self, request: Request, job_id: int) -> Response:
        serializer = JobUpdateInputSerializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        job = job_update(job_id=job_id, **serializer.validated_data)
        return Response(JobSerializer(job).data)

    @extend_schema(
        operation_id="jobs_destroy",
        summary="Delete a job and its status history",
        parameters=[JOB_ID_PARAMETER],
        responses={204: None, **ERRORS_404, **ERRORS_503},
        examples=[NOT_FOUND_EXAMPLE, DATABASE_UNAVAILABLE_EXAMPLE],
        tags=TAGS,
    )
    def delete(self, request: Request, job_id: int) -> Response:
        job_delete(job_id=job_id)
        return Response(status=status.HTTP_204_NO_CONTENT)


class JobStatusHistoryApi(APIView):
    """``/api/jobs/<id>/statuses/``: a job's status history, newest first."""

    pagination_class = JobStatusHistoryPagination

    @extend_schema(
        operation_id="jobs_statuses_list",
        summary="List a job's status history",
        description="Newest first by (timestamp, id); keyset-paginated.",
        parameters=[JOB_ID_PARAMETER],
        responses={
            200: JobStatusSerializer(many=True),
            **ERRORS_400,
            **ERRORS_404,
            **ERRORS_503,
        },
        examples=[
            STATUS_PAGE_EXAMPLE,
            PARAMETER_ERROR_EXAMPLE,
            NOT_FOUND_EXAMPLE,
            DATABASE_UNAVAILABLE_EXAMPLE,
        ],
        tags=TAGS,
    )
    def get(self, request: Request, job_id: int) -> Response:
        paginator = JobStatusHistoryPagination()
        statuses = job_status_history(job_id=job_id)
        page = paginator.paginate_queryset(statuses, request, view=self)
        return paginator.get_paginated_response(
            JobStatusSerializer(page, many=True).data
        )


class JobStatsApi(APIView):
    """``/api/jobs/stats/``: exact job counts in constant time."""

    @extend_schema(
        operation_id="jobs_stats_retrieve",
        summary="Count jobs per current status",
        description="Exact counts kept by database triggers; no table scan.",
        responses={200: JobStatsSerializer, **ERRORS_503},
        examples=[STATS_EXAMPLE, DATABASE_UNAVAILABLE_EXAMPLE],
        tags=TAGS,
    )
    def get(self, request: Request) -> Response:
        return Response(JobStatsSerializer(job_stats()).data)
